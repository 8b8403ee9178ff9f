"""Review -> Markdown, HTML and a JSON-ready dict.

Reports follow a fixed order, the order a Petitions Committee reviewer reads in:

1. the verdict for each response with the quoted evidence;
2. the asks and whether each was addressed, with scope downgrades;
3. what the revision changed (a paragraph, then the ops side by side or as a redline);
4. commitments with their due dates;
5. cues, counted, with keywords in context;
6. reused text: text carried over from the previous response (one figure, the review's
   ``carried_over_share``) and boilerplate, stock text shared with a corpus index;
7. readability.

Every piece of text that comes from a petition or a response is escaped: ``html.escape`` in
HTML, :func:`md_escape` in Markdown.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import html
from typing import TYPE_CHECKING, Any

from .alignment import to_dict as alignment_to_dict
from .alignment import to_html as alignment_to_html
from .alignment import to_markdown as alignment_to_markdown
from .cues import LADDER, kwic
from .escape import md_escape
from .model import Ask, AskOutcome, Assessment

if TYPE_CHECKING:
    from .pipeline import ResponseProfile, Review

#: Cue categories shown in keyword-in-context tables, most telling first.
KWIC_CATEGORIES = ("commitment", "refusal", "deferral", "review-loop", "hedge", "weasel", "emotive")
KWIC_LIMIT = 12

__all__ = ["jsonable", "md_escape", "to_dict", "to_html", "to_markdown"]


def jsonable(obj: Any) -> Any:
    """Convert dataclasses, enums, dates and tuples into plain JSON types, recursively."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (_dt.date, _dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    return obj


def to_dict(review: Review) -> dict[str, Any]:
    """The review as plain JSON types: petition, responses, and one assessment per response."""
    case = review.case
    profiles = []
    for p in review.profiles:
        d = jsonable(p)
        d["readability"] = p.readability.to_dict()
        profiles.append(d)
    return {
        "petition": jsonable(case.petition),
        "responses": [{**jsonable(r), "full_text": r.full_text} for r in case.responses],
        "assessments": [{**jsonable(a), "answered": a.answered} for a in review.assessments],
        "changes": list(review.changes),
        "alignments": [alignment_to_dict(al) for al in review.alignments],
        "profiles": profiles,
        "limits_hit": list(review.limits_hit),
    }


def _when(date: _dt.date | None) -> str:
    return f"{date.day} {date:%B %Y}" if date else "date unknown"


def _asks_by_response(review: Review) -> list[tuple[Ask, list[AskOutcome | None]]]:
    """Each ask of the first response, with its outcome in every response (None if absent)."""
    first = review.assessments[0].asks if review.assessments else ()
    return [
        (o.ask, [a.asks[i] if i < len(a.asks) else None for a in review.assessments])
        for i, o in enumerate(first)
    ]


def _level(level: int | None) -> str:
    return "none" if level is None else f"{level}/5 ({LADDER[level]})"


def _due(c: Any) -> str:
    if c.due is None:
        return "no time given"
    if c.due.vague:
        return f"vague: “{c.due.span.text}”"
    when = _when(c.due.due) if c.due.due else "undated response"
    return f"by {when} (“{c.due.span.text}”)"


def _kwic_rows(text: str, profile: ResponseProfile) -> list[Any]:
    cues = [c for c in profile.cues if c.category in KWIC_CATEGORIES]
    cues.sort(key=lambda c: (KWIC_CATEGORIES.index(c.category), c.span.start))
    picked = sorted(cues[:KWIC_LIMIT], key=lambda c: c.span.start)
    rows = kwic(text, picked, window=6, docname=profile.label)
    return list(zip(picked, rows, strict=False))


def _pct(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.0%}"


def _num(value: float | None, fmt: str = ".1f") -> str:
    return "unknown" if value is None else format(value, fmt)


def to_markdown(review: Review) -> str:
    """The review as Markdown, every quoted piece of response text escaped.

    >>> from respcompare import load_example, review
    >>> md = to_markdown(review(load_example("grooming-gangs")))
    >>> print(", ".join(line[3:] for line in md.splitlines() if line.startswith("## ")))
    Verdicts, Asks, What the revision changed, Commitments, Cues, Reused text, Readability
    """
    case = review.case
    pet = case.petition
    title = f"e-petition {pet.id}" if pet.id else "petition"
    out = [
        f"# Did they answer? Review of {title}",
        "",
        f"**Petition:** {md_escape(pet.action)}",
        "",
    ]
    if review.limits_hit:  # one line: a size limit bit, the figures rest on part of the text
        out += [f"**Limits reached:** {md_escape('; '.join(review.limits_hit))}", ""]
    out += ["## Verdicts", ""]
    for resp, a in zip(case.responses, review.assessments, strict=True):
        out.append(
            f"### {md_escape(_heading(resp.label))} ({_when(resp.date)}): `{a.verdict.value}`"
        )
        out.append("")
        out.append(
            f"- answered: **{'yes' if a.answered else 'no'}**; directness {a.directness:.2f}; "
            f"commitment {_level(a.commitment)}; confidence {_num(a.confidence, '.2f')}"
            + (f"; decided by `{a.rule}`" if a.rule else "")
        )
        if a.needs_review:
            out.append(
                "- **needs review**: " + md_escape("; ".join(a.review_reasons) or "thin evidence")
            )
        if a.directness_terms:
            out.append(f"- directness {a.directness:.2f} = logistic of {_directness_sum(a)}")
        if a.downgrade:
            out.append(f"- scope downgrade: {md_escape(str(a.downgrade))}")
        for ev in a.evidence:
            note = f" ({md_escape(ev.note)})" if ev.note else ""
            out.append(f"- evidence `{ev.rule}`{note}:")
            out.append(f"  > {md_escape(ev.text)}")
        if not a.evidence:
            out.append("- evidence: no sentence takes a position on the ask")
        if a.off_ask:
            out.append("- furthest from the ask:")
            out += [f"  > {md_escape(ev.text)}" for ev in a.off_ask]
        out.append("")
    out += [
        "## Asks",
        "",
        "| ask | qualifiers | " + " | ".join(md_escape(r.label) for r in case.responses) + " |",
    ]
    out.append("|---|---|" + "---|" * len(case.responses))
    for ask, outcomes in _asks_by_response(review):
        cells = [
            "—"
            if x is None
            else f"`{x.verdict.value}`"
            + (f"; downgrade: {md_escape(str(x.downgrade))}" if x.downgrade else "")
            for x in outcomes
        ]
        quals = ", ".join(md_escape(q) for q in ask.qualifiers) or "—"
        out.append(f"| {md_escape(ask.text)} | {quals} | " + " | ".join(cells) + " |")
    out.append("")
    out += ["## What the revision changed", ""]
    if not review.alignments:
        out += ["Only one response: nothing to compare.", ""]
    for change, al in zip(review.changes, review.alignments, strict=True):
        out += [f"**{md_escape(al.a_label)} → {md_escape(al.b_label)}.** {md_escape(change)}", ""]
        out += [alignment_to_markdown(al), ""]
    out += ["## Commitments", ""]
    for resp, p in zip(case.responses, review.profiles, strict=True):
        ladder = [c for c in p.commitments if c.level is not None]
        out.append(f"### {md_escape(resp.label.capitalize())}")
        out.append("")
        if not ladder:
            out += ["No commitment, refusal, deferral or review loop.", ""]
            continue
        out += ["| level | kind | action | due | sentence |", "|---|---|---|---|---|"]
        for c in sorted(ladder, key=lambda c: (-(c.level or 0), c.cue.span.start)):
            out.append(
                f"| {c.level} | {c.cue.category} | {md_escape(c.action or '—')} | "
                f"{md_escape(_due(c))} | {md_escape(c.sentence.text)} |"
            )
        out.append("")
    out += ["## Cues", ""]
    cats = sorted({k for p in review.profiles for k in p.cue_counts})
    out.append("| category | " + " | ".join(md_escape(p.label) for p in review.profiles) + " |")
    out.append("|---|" + "---|" * len(review.profiles))
    for cat in cats:
        out.append(
            f"| {cat} | "
            + " | ".join(str(p.cue_counts.get(cat, 0)) for p in review.profiles)
            + " |"
        )
    out.append(
        "| per 100 words | " + " | ".join(_num(p.cue_density) for p in review.profiles) + " |"
    )
    out.append("")
    for resp, p in zip(case.responses, review.profiles, strict=True):
        rows = _kwic_rows(resp.full_text, p)
        if not rows:
            continue
        out += [f"Keywords in context, {md_escape(resp.label)}:", ""]
        out += ["| category | pre | keyword | post |", "|---|---|---|---|"]
        for cue, row in rows:
            out.append(
                f"| {cue.category} ({md_escape(cue.sense)}) | {md_escape(row.pre)} | "
                f"**{md_escape(row.keyword)}** | {md_escape(row.post)} |"
            )
        out.append("")
    out += ["## Reused text", ""]
    for p in review.profiles:
        share = _pct(p.carried_over_share)
        line = f"- {md_escape(p.label)}: carried over from the previous response {share}"
        if p.stock_share is not None:
            line += f"; boilerplate shared with the corpus {_pct(p.stock_share)}"
        out.append(line)
        out += [f"  > {md_escape(sp.text)}" for sp in p.carried_over]
    out.append("")
    out += [
        "## Readability",
        "",
        "| measure | " + " | ".join(md_escape(p.label) for p in review.profiles) + " |",
        "|---|" + "---|" * len(review.profiles),
    ]
    for name, get in _READABILITY_ROWS:
        out.append(f"| {name} | " + " | ".join(get(p) for p in review.profiles) + " |")
    if review.profiles:
        out += ["", f"Method: {md_escape(review.profiles[0].readability.method)}"]
    out.append("")
    return "\n".join(out)


_READABILITY_ROWS: tuple[tuple[str, Any], ...] = (
    ("words", lambda p: str(p.readability.words)),
    ("sentences", lambda p: str(p.readability.sentences)),
    ("Flesch reading ease", lambda p: _num(p.readability.flesch_reading_ease)),
    ("Flesch-Kincaid grade", lambda p: _num(p.readability.flesch_kincaid_grade)),
    ("mean sentence length (words)", lambda p: _num(p.readability.sentence_length_mean)),
    ("long sentences", lambda p: _pct(p.readability.long_sentence_share)),
    ("nominalisations per word", lambda p: _num(p.readability.nominalisation_rate, ".3f")),
    ("passive sentences", lambda p: _pct(p.readability.passive_rate)),
)


# --------------------------------------------------------------------------------------------
# HTML: self-contained, inline CSS, no JavaScript; every piece of text goes through html.escape.

# Okabe-Ito colours (readable by colour-blind readers); every colour also has a text label.
VERDICT_COLOURS = {
    "answered-yes": "#009E73",
    "answered-partly": "#56B4E9",
    "answered-no": "#0072B2",
    "deferred": "#E69F00",
    "deflected": "#D55E00",
    "not-addressed": "#999999",
}

_CSS = """
.rc-review{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b1b1b;
 max-width:1100px;line-height:1.45}
.rc-review h1{font-size:1.35em;margin:.2em 0}.rc-review h2{font-size:1.15em;margin:1.2em 0 .4em;
 border-bottom:1px solid #ddd}.rc-review h3{font-size:1em;margin:.6em 0 .3em}
.rc-meta{color:#555;font-size:.9em}
.rc-cards{display:flex;gap:12px;flex-wrap:wrap}
.rc-card{flex:1 1 320px;border:1px solid #ccc;border-radius:6px;padding:10px 12px}
.rc-badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:600;
 font-size:.85em}
.rc-bar{display:inline-block;height:8px;background:#0072B2;vertical-align:middle}
.rc-barbg{display:inline-block;width:120px;height:8px;background:#e6e6e6;vertical-align:middle}
.rc-quote{border-left:3px solid #bbb;margin:.35em 0;padding:.1em .6em;color:#222}
.rc-rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8em;color:#555}
.rc-review table{border-collapse:collapse;font-size:.9em}
.rc-review td,.rc-review th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;
 text-align:left}
.rc-side{display:grid;grid-template-columns:1fr 1fr;gap:0 14px}
.rc-kw{font-weight:600;background:#fff3c4}
.rc-muted{color:#777}
.rc-limits{border-left:3px solid #E69F00;background:#fff7e6;color:#1b1b1b;padding:.2em .6em}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _badge(verdict: str) -> str:
    colour = VERDICT_COLOURS.get(verdict, "#555555")
    text_colour = "#000" if verdict in ("answered-partly", "deferred", "not-addressed") else "#fff"
    return (
        f'<span class="rc-badge" style="background:{colour};color:{text_colour}">'
        f"{_e(verdict)}</span>"
    )


def _bar(value: float | None) -> str:
    if value is None:
        return '<span class="rc-muted">unknown</span>'
    width = round(120 * max(0.0, min(1.0, value)))
    return (
        f'<span class="rc-barbg"><span class="rc-bar" style="width:{width}px"></span></span> '
        f"{value:.2f}"
    )


def _verdicts_html(review: Review) -> str:
    cards = []
    for resp, a in zip(review.case.responses, review.assessments, strict=True):
        commitment = "none" if a.commitment is None else f"{a.commitment}/5"
        quotes = (
            "".join(
                f'<blockquote class="rc-quote">{_e(ev.text)}<br><span class="rc-rule">'
                f"{_e(ev.rule)}{' · ' + _e(ev.note) if ev.note else ''}</span></blockquote>"
                for ev in a.evidence
            )
            or '<p class="rc-muted">No sentence takes a position on the ask.</p>'
        )
        downgrade = f"<p><b>Scope downgrade:</b> {_e(str(a.downgrade))}</p>" if a.downgrade else ""
        if a.needs_review:
            downgrade += (
                '<p class="rc-muted"><b>Needs review:</b> '
                f"{_e('; '.join(a.review_reasons) or 'thin evidence')}</p>"
            )
        cards.append(
            f'<div class="rc-card"><h3>{_e(_heading(resp.label))} '
            f'<span class="rc-meta">({_e(_when(resp.date))})</span></h3>'
            f"<p>{_badge(a.verdict.value)} answered: <b>{'yes' if a.answered else 'no'}</b></p>"
            f"<p>directness {_bar(a.directness)}<br>commitment {_e(commitment)}<br>"
            f"confidence {_e(_num(a.confidence, '.2f'))}"
            + (f' <span class="rc-rule">{_e(a.rule)}</span>' if a.rule else "")
            + "</p>"
            f"{downgrade}{quotes}</div>"
        )
    return f'<h2>Verdicts</h2><div class="rc-cards">{"".join(cards)}</div>'


def _heading(label: str) -> str:
    """ "Original response", "Revised response"; a response labelled "response" is just that."""
    return "Response" if label.lower() == "response" else f"{label.capitalize()} response"


def _directness_sum(a: Assessment) -> str:
    """The fitted sum behind directness, term by term (terms weighted 0 are left out)."""
    parts: list[str] = []
    for t in a.directness_terms:
        if not t.weight:
            continue
        piece = (
            f"{abs(t.weight):.2f}"
            if t.name == "intercept"
            else (f"{abs(t.weight):.2f} × {t.name} {t.value:.2f}")
        )
        sign = "−" if t.weight < 0 else "+"
        parts.append(f"{sign} {piece}" if parts else (f"−{piece}" if t.weight < 0 else piece))
    return "(" + " ".join(parts) + ")" if parts else "(0)"


def _asks_html(review: Review) -> str:
    labels = [r.label for r in review.case.responses]
    head = "".join(f"<th>{_e(label)}</th>" for label in labels)
    rows = []
    for ask, outcomes in _asks_by_response(review):
        quals = ", ".join(ask.qualifiers) or "—"
        cells = []
        for o in outcomes:
            if o is None:
                cells.append("<td>—</td>")
                continue
            extra = f"<br><i>{_e(str(o.downgrade))}</i>" if o.downgrade else ""
            level = "—" if o.commitment is None else f"{o.commitment}/5"
            cells.append(f"<td>{_badge(o.verdict.value)} commitment {_e(level)}{extra}</td>")
        rows.append(
            f"<tr><td>{_e(ask.text)}</td><td>{_e(ask.action or '—')}</td>"
            f"<td>{_e(ask.object or '—')}</td><td>{_e(quals)}</td>{''.join(cells)}</tr>"
        )
    return (
        "<h2>Asks</h2><table><tr><th>ask</th><th>action</th><th>object</th><th>qualifiers</th>"
        f"{head}</tr>{''.join(rows)}</table>"
    )


def _table(head: list[str], rows: list[list[str]]) -> str:
    """A table; ``head`` is escaped here, ``rows`` hold cells already escaped by the caller."""
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{th}</tr>{body}</table>"


def _changes_html(review: Review) -> str:
    parts = ["<h2>What the revision changed</h2>"]
    if not review.alignments:
        parts.append('<p class="rc-muted">Only one response: nothing to compare.</p>')
    for change, al in zip(review.changes, review.alignments, strict=True):
        parts.append(f"<p><b>{_e(al.a_label)} → {_e(al.b_label)}.</b> {_e(change)}</p>")
        parts.append(alignment_to_html(al))
    return "".join(parts)


def _commitments_html(review: Review) -> str:
    parts = ["<h2>Commitments</h2>"]
    for resp, p in zip(review.case.responses, review.profiles, strict=True):
        ladder = sorted(
            (c for c in p.commitments if c.level is not None),
            key=lambda c: (-(c.level or 0), c.cue.span.start),
        )
        parts.append(f"<h3>{_e(resp.label.capitalize())} ({_e(_when(resp.date))})</h3>")
        if not ladder:
            parts.append('<p class="rc-muted">No commitment, refusal, deferral or review loop.</p>')
            continue
        rows = []
        for c in ladder:
            sent, cue = c.sentence, c.cue.span
            a, b = cue.start - sent.start, cue.end - sent.start
            quoted = (
                f'{_e(sent.text[:a])}<span class="rc-kw">{_e(sent.text[a:b])}</span>'
                f"{_e(sent.text[b:])}"
                if 0 <= a <= b <= len(sent.text)
                else _e(sent.text)
            )
            level = c.level if c.level is not None else 0
            rows.append(
                [
                    f'{level} <span class="rc-muted">{_e(LADDER[level])}</span>',
                    _e(c.cue.category),
                    _e(c.action or "—"),
                    _e(_due(c)),
                    quoted,
                ]
            )
        parts.append(_table(["level", "kind", "action", "due", "sentence"], rows))
    return "".join(parts)


def _cues_html(review: Review) -> str:
    profiles = review.profiles
    cats = sorted({k for p in profiles for k in p.cue_counts})
    rows = [[_e(cat)] + [str(p.cue_counts.get(cat, 0)) for p in profiles] for cat in cats]
    rows.append(["<i>per 100 words</i>"] + [_e(_num(p.cue_density)) for p in profiles])
    parts = ["<h2>Cues</h2>", _table(["category"] + [p.label for p in profiles], rows)]
    for resp, p in zip(review.case.responses, profiles, strict=True):
        picked = _kwic_rows(resp.full_text, p)
        if not picked:
            continue
        parts.append(f"<h3>Keywords in context: {_e(resp.label)}</h3>")
        parts.append(
            _table(
                ["category", "sense", "pre", "keyword", "post"],
                [
                    [
                        _e(cue.category),
                        _e(cue.sense),
                        f'<span class="rc-muted">{_e(row.pre)}</span>',
                        f'<span class="rc-kw">{_e(row.keyword)}</span>',
                        f'<span class="rc-muted">{_e(row.post)}</span>',
                    ]
                    for cue, row in picked
                ],
            )
        )
    return "".join(parts)


def _reused_html(review: Review) -> str:
    parts = ["<h2>Reused text</h2>"]
    for p in review.profiles:
        line = f"carried over from the previous response: {_pct(p.carried_over_share)}"
        if p.stock_share is not None:
            line += f"; boilerplate shared with the corpus: {_pct(p.stock_share)}"
        parts.append(f"<p><b>{_e(p.label)}</b>: {_e(line)}</p>")
        parts += [
            f'<blockquote class="rc-quote">{_e(sp.text)}</blockquote>' for sp in p.carried_over
        ]
    return "".join(parts)


def _readability_html(review: Review) -> str:
    rows = [[_e(name)] + [_e(get(p)) for p in review.profiles] for name, get in _READABILITY_ROWS]
    method = review.profiles[0].readability.method if review.profiles else ""
    return (
        "<h2>Readability</h2>"
        + _table(["measure"] + [p.label for p in review.profiles], rows)
        + f'<p class="rc-muted">Method: {_e(method)}</p>'
    )


def to_html(review: Review, *, full_page: bool = True) -> str:
    """The review as self-contained HTML: inline CSS, no JavaScript, all text escaped.

    ``full_page=False`` returns a fragment for notebooks.
    """
    pet = review.case.petition
    title = f"e-petition {pet.id}" if pet.id else "petition"
    meta = " · ".join(
        x
        for x in (
            ", ".join(pet.departments),
            f"{pet.signature_count:,} signatures" if pet.signature_count else "",
        )
        if x
    )
    body = (
        f'<div class="rc-review"><style>{_CSS}</style>'
        f"<h1>Did they answer? Review of {_e(title)}</h1>"
        f"<p><b>Petition:</b> {_e(pet.action)}</p>"
        f'<p class="rc-meta">{_e(meta)}</p>'
        + (
            f'<p class="rc-limits"><b>Limits reached:</b> {_e("; ".join(review.limits_hit))}</p>'
            if review.limits_hit
            else ""
        )
        + f"{_verdicts_html(review)}{_asks_html(review)}{_changes_html(review)}"
        f"{_commitments_html(review)}{_cues_html(review)}{_reused_html(review)}"
        f"{_readability_html(review)}</div>"
    )
    if not full_page:
        return body
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>respcompare: {_e(title)}</title></head><body>{body}</body></html>\n"
    )
