"""Review -> Markdown, HTML and a JSON-ready dict.

Reports follow a fixed order, the order a Petitions Committee reviewer reads in:

1. the verdict for each response with the quoted evidence;
2. the asks and whether each was addressed, with scope downgrades;
3. what the revision changed (a paragraph, then the ops side by side or as a redline);
4. commitments with their due dates, then "Promises kept?": each promise's status as of the
   newest date in the case (:meth:`Review.ledger <respcompare.pipeline.Review.ledger>`);
5. cues, counted, with keywords in context;
6. reused text: text carried over from the previous response (one figure, the review's
   ``carried_over_share``) and boilerplate, stock text shared with a corpus index;
7. readability.

Every piece of text that comes from a petition or a response is escaped:
:func:`respcompare.escape.html_escape` in HTML, :func:`md_escape` in Markdown.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
from typing import TYPE_CHECKING, Any

from .alignment import to_dict as alignment_to_dict
from .alignment import to_html as alignment_to_html
from .alignment import to_markdown as alignment_to_markdown
from .alignment.render import THEME_CSS
from .cues import LADDER, kwic
from .errors import InputError
from .escape import html_escape, md_escape
from .model import (
    Ask,
    AskOutcome,
    Assessment,
    DirectnessTerm,
    Downgrade,
    LearnedReading,
    Verdict,
)
from .palette import VERDICT_COLOURS, ink
from .reading import (
    ReportOptions,
    evidence_by_ask,
    furthest_from_ask,
    furthest_report,
    headline,
    quote_tag,
    reader_reasons,
    row_phrase,
    verdict_phrase,
)

if TYPE_CHECKING:
    from .pipeline import ResponseProfile, Review
    from .promises import CommitmentLedger, Promise

#: Cue categories shown in keyword-in-context tables, most telling first.
KWIC_CATEGORIES = ("commitment", "refusal", "deferral", "review-loop", "hedge", "weasel", "emotive")
KWIC_LIMIT = 12

__all__ = [
    "jsonable",
    "ledger_html",
    "ledger_markdown",
    "md_escape",
    "to_dict",
    "to_html",
    "to_markdown",
]


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
        "ledger": review.ledger().to_dict(),
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


def _kind(c: Any) -> str:
    """The commitment's kind, with its tense when it is not made now ("commitment (past)")."""
    tense = getattr(c, "tense", "current")
    return c.cue.category if tense == "current" else f"{c.cue.category} ({tense})"


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


def _options(audit: bool, options: ReportOptions | None) -> ReportOptions:
    if options is not None and not isinstance(options, ReportOptions):
        raise InputError("options= must be a respcompare.reading.ReportOptions (or None)")
    opts = options or ReportOptions()
    return dataclasses.replace(opts, audit=True) if audit and not opts.audit else opts


def _relevance(value: float | None) -> str:
    return "not needed" if value is None else f"{value:.2f}"


def _pct(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.0%}"


def _num(value: float | None, fmt: str = ".1f") -> str:
    return "unknown" if value is None else format(value, fmt)


def _quote_md(text: str) -> str:
    return f"“{md_escape(text)}”"


def _downgrade_words(d: Downgrade) -> str:
    """A scope downgrade in a reader's words: “in full” → “key findings”."""
    if d.kind == "ask":
        return f"no position on the ask “{d.asked}”"
    if d.kind == "process":
        return f"a named process will decide (“{d.offered}”)"
    return f"“{d.asked}” → “{d.offered}”"


def _clear_no(a: Assessment) -> str:
    """A refusal is an answer: say so where "takes a position: yes" sits beside "answered-no"."""
    return " (a clear no is an answer)" if a.verdict is Verdict.ANSWERED_NO else ""


def _commitment_words(level: int | None) -> str:
    return "none" if level is None else LADDER[level]


def _ask_says(a: Assessment, o: AskOutcome, esc: Any) -> str:
    """What the response does on one ask; with one ask the headline has said it already."""
    if len(a.asks) == 1 and o.rule == a.rule:
        return f"`{o.verdict.value}`." if esc is md_escape else f"{verdict_badge(o.verdict.value)}"
    says = row_phrase(o.rule) or verdict_phrase(o.verdict)
    if esc is md_escape:
        return f"`{o.verdict.value}`, the response {md_escape(says)}."
    return f"{verdict_badge(o.verdict.value)} the response {_e(says)}."


def _verdicts_md(review: Review, opts: ReportOptions) -> list[str]:
    """The verdict of each response in plain words, the evidence per ask (deciding sentence
    first) and the sentences furthest from the ask; no rule ids and no scores."""
    case = review.case
    out = ["## Verdicts", ""]
    for resp, a in zip(case.responses, review.assessments, strict=True):
        out.append(
            f"### {md_escape(_heading(resp.label))} ({_when(resp.date)}): `{a.verdict.value}`"
        )
        out.append("")
        out += [md_escape(headline(a)), ""]
        out.append(
            f"- takes a position on the ask: **{'yes' if a.answered else 'no'}**{_clear_no(a)}"
        )
        out.append(f"- commitment: {md_escape(_commitment_words(a.commitment))}")
        if a.downgrade:
            out.append(f"- narrowed from the ask: {md_escape(_downgrade_words(a.downgrade))}")
        if a.needs_review:
            out.append(
                "- **a person should check this verdict:** "
                + md_escape("; ".join(reader_reasons(a)))
            )
        out.append("")
        groups = evidence_by_ask(a)
        for g in groups:
            if g.outcome is None:
                out.append("**About the response as a whole:**")
            else:
                o = g.outcome
                out.append(f"**On the ask {_quote_md(o.ask.text)}:** {_ask_says(a, o, md_escape)}")
            out.append("")
            if not g.evidence:
                out += ["- No sentence takes a position on this ask.", ""]
                continue
            for k, ev in enumerate(g.evidence):
                lead = (
                    f"{quote_tag(a, ev).capitalize()}: " if k == 0 and g.outcome is not None else ""
                )
                out.append(f"- {lead}{_quote_md(ev.text)}")
            out.append("")
        if not a.evidence and not any(g.evidence for g in groups):
            out += ["No sentence takes a position on the ask.", ""]
        far = furthest_from_ask(resp, a, petition=case.petition, options=opts)
        if far:
            out += [
                "**Furthest from the ask** (the sentences sharing fewest words with it; one that "
                "says the same thing in other words can land here):",
                "",
            ]
            out += [f"- {_quote_md(ev.text)}" for ev in far]
            out.append("")
    return out


def _audit_md(review: Review, opts: ReportOptions) -> list[str]:
    """How this was decided: the rule ids, cue ids, scores and notes behind every verdict."""
    case = review.case
    out = [
        "## How this was decided",
        "",
        "Rule ids are rows of the judge's decision table (respcompare.judge.DECISION_ROWS); "
        "scores lie in [0, 1].",
        "",
    ]
    for resp, a in zip(case.responses, review.assessments, strict=True):
        out += [f"### {md_escape(_heading(resp.label))}", ""]
        why = row_phrase(a.rule)
        out.append(
            f"- verdict `{a.verdict.value}` decided by `{a.rule or 'none'}`"
            + (f" ({md_escape(why)})" if why else "")
            + f"; confidence {_num(a.confidence, '.2f')}; commitment {_level(a.commitment)}"
        )
        out.append(f"- directness {a.directness:.2f} = logistic of {_directness_sum(a)}")
        if a.confidence_terms and not (a.learned and a.learned.applied):
            out.append(
                f"- confidence {a.confidence:.2f} = logistic of "
                f"{_fitted_sum(a.confidence_terms, skip_zero=True)}"
            )
        if a.learned is not None:
            out.append(f"- {md_escape(_learned_line(a.learned))}")
        if a.deflection_share is not None:
            out.append(f"- share of the text about none of the asks {a.deflection_share:.2f}")
        if a.downgrade:
            kind, words = md_escape(a.downgrade.kind), md_escape(str(a.downgrade))
            out.append(f"- downgrade ({kind}): {words}")
        if a.review_reasons:
            out.append("- needs review: " + md_escape("; ".join(a.review_reasons)))
        for o in a.asks:
            out.append(
                f"- ask {_quote_md(o.ask.text)}: `{o.verdict.value}` by `{o.rule or 'none'}`; "
                f"directness {o.directness:.2f}; commitment {_level(o.commitment)}; "
                f"rule strength {_num(o.confidence, '.2f')}"
            )
        for ev in a.evidence:
            note = f" ({md_escape(ev.note)})" if ev.note else ""
            out.append(f"- evidence `{ev.rule}`{note}: {_quote_md(ev.text)}")
        for c in furthest_report(resp, a, petition=case.petition, options=opts):
            status = "listed" if c.listed else f"not listed: {c.reason}"
            out.append(
                f"- furthest-from-the-ask candidate, relevance {_relevance(c.relevance)} "
                f"({md_escape(status)}): {_quote_md(c.evidence.text)}"
            )
        out.append("")
    return out


def to_markdown(
    review: Review, *, audit: bool = False, options: ReportOptions | None = None
) -> str:
    """The review as Markdown, every quoted piece of response text escaped.

    The default report is for readers: plain words, no rule ids, cue ids or scores.
    ``audit=True`` (or ``options.audit``) adds a last section, "How this was decided", with
    the rule ids, scores and the judge's notes.

    >>> from respcompare import load_example, review
    >>> md = to_markdown(review(load_example("grooming-gangs")))
    >>> for line in md.splitlines():
    ...     if line.startswith("## "):
    ...         print(line[3:])
    Verdicts
    Asks
    What the revision changed
    Commitments
    Promises kept?
    Cues
    Reused text
    Readability
    """
    opts = _options(audit, options)
    case = review.case
    pet = case.petition
    title = f"e-petition {pet.id}" if pet.id else "the petition"
    out = [
        f"# Did they answer? Review of {title}",
        "",
        f"**Petition:** {md_escape(pet.action)}",
        "",
    ]
    if review.limits_hit:  # one line: a size limit bit, the figures rest on part of the text
        out += [f"**Limits reached:** {md_escape('; '.join(review.limits_hit))}", ""]
    out += _verdicts_md(review, opts)
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
            + (f"; narrowed: {md_escape(_downgrade_words(x.downgrade))}" if x.downgrade else "")
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
                f"| {c.level} | {_kind(c)} | {md_escape(c.action or '—')} | "
                f"{md_escape(_due(c))} | {md_escape(c.sentence.text)} |"
            )
        out.append("")
    out += ledger_markdown(review.ledger())
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
        line = f"- {md_escape(p.label)}: carried over from the previous response: {share}"
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
    if opts.audit:
        out += _audit_md(review, opts)
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
# HTML: self-contained, inline CSS, no JavaScript; every piece of text goes through html_escape.


# Colours are CSS variables with a light and a dark set (prefers-color-scheme): the review
# sets both its text and its background colour, so it stays readable inside a dark notebook
# theme whatever the host page does. The palette is shared with the alignment table.
_CSS = (
    THEME_CSS
    + """
.rc-review{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--rc-fg);
 background:var(--rc-bg);max-width:1100px;line-height:1.45;padding:10px 14px}
.rc-review h1{font-size:1.35em;margin:.2em 0}.rc-review h2{font-size:1.15em;margin:1.2em 0 .4em;
 border-bottom:1px solid var(--rc-line)}.rc-review h3{font-size:1em;margin:.6em 0 .3em}
.rc-review h1,.rc-review h2,.rc-review h3,.rc-review b{color:var(--rc-fg)}
.rc-meta{color:var(--rc-muted);font-size:.9em}
.rc-cards{display:flex;gap:12px;flex-wrap:wrap}
.rc-card{flex:1 1 320px;border:1px solid var(--rc-line);border-radius:6px;padding:10px 12px;
 background:var(--rc-bg)}
.rc-badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;
 font-size:.85em}
.rc-bar{display:block;height:8px;background:var(--rc-link)}
.rc-barbg{display:inline-block;width:120px;height:8px;background:var(--rc-soft);
 vertical-align:middle}
.rc-quote{border-left:3px solid var(--rc-line);margin:.35em 0;padding:.1em .6em;color:var(--rc-fg)}
.rc-tag{font-size:.75em;text-transform:uppercase;letter-spacing:.03em;color:var(--rc-muted)}
.rc-facts,.rc-far{margin:.3em 0;padding-left:1.2em}
.rc-rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8em;color:var(--rc-muted)}
.rc-review code{font-size:.85em}
.rc-review table{border-collapse:collapse;font-size:.9em;color:var(--rc-fg)}
.rc-review td,.rc-review th{border:1px solid var(--rc-line);padding:3px 6px;vertical-align:top;
 text-align:left}
.rc-review th{background:var(--rc-soft)}
.rc-review td.rc-pre,.rc-review th.rc-pre{text-align:right}
.rc-side{display:grid;grid-template-columns:1fr 1fr;gap:0 14px}
.rc-kw{font-weight:600;background:var(--rc-kw);color:var(--rc-fg)}
.rc-muted{color:var(--rc-muted)}
.rc-limits{border-left:3px solid #E69F00;background:var(--rc-kw);color:var(--rc-fg);
padding:.2em .6em}
"""
)


def _e(text: object) -> str:
    return html_escape(text)


def verdict_badge(verdict: str) -> str:
    """A verdict's badge, in the colour its charts use (:mod:`respcompare.palette`)."""
    colour = next((c for v, c in VERDICT_COLOURS.items() if v.value == verdict), "#555555")
    return (
        f'<span class="rc-badge" style="background:{colour};color:{ink(colour)}">'
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


def _verdicts_html(review: Review, opts: ReportOptions) -> str:
    """The same content as the Markdown verdicts: plain words, evidence per ask with the
    deciding sentence first, and the sentences furthest from the ask."""
    cards = []
    case = review.case
    for resp, a in zip(case.responses, review.assessments, strict=True):
        facts = [
            f"<li>takes a position on the ask: <b>{'yes' if a.answered else 'no'}</b>"
            f"{_e(_clear_no(a))}</li>",
            f"<li>commitment: {_e(_commitment_words(a.commitment))}</li>",
        ]
        if a.downgrade:
            facts.append(f"<li>narrowed from the ask: {_e(_downgrade_words(a.downgrade))}</li>")
        if a.needs_review:
            facts.append(
                "<li><b>a person should check this verdict:</b> "
                f"{_e('; '.join(reader_reasons(a)))}</li>"
            )
        groups = []
        for g in evidence_by_ask(a):
            if g.outcome is None:
                head = "<p><b>About the response as a whole:</b></p>"
            else:
                head = (
                    f"<p><b>On the ask “{_e(g.outcome.ask.text)}”:</b> "
                    f"{_ask_says(a, g.outcome, _e)}</p>"
                )
            quotes = (
                "".join(
                    '<blockquote class="rc-quote">'
                    + (
                        f'<span class="rc-tag">{_e(quote_tag(a, ev))}</span> '
                        if k == 0 and g.outcome
                        else ""
                    )
                    + f"{_e(ev.text)}</blockquote>"
                    for k, ev in enumerate(g.evidence)
                )
                or '<p class="rc-muted">No sentence takes a position on this ask.</p>'
            )
            groups.append(head + quotes)
        far = furthest_from_ask(resp, a, petition=case.petition, options=opts)
        far_html = (
            '<p><b>Furthest from the ask</b> <span class="rc-muted">(the sentences sharing '
            "fewest words with it; one that says the same thing in other words can land "
            'here)</span></p><ul class="rc-far">'
            + "".join(f"<li>{_e(ev.text)}</li>" for ev in far)
            + "</ul>"
            if far
            else ""
        )
        cards.append(
            f'<div class="rc-card"><h3>{_e(_heading(resp.label))} '
            f'<span class="rc-meta">({_e(_when(resp.date))})</span></h3>'
            f"<p>{verdict_badge(a.verdict.value)} {_e(headline(a))}</p>"
            f'<ul class="rc-facts">{"".join(facts)}</ul>'
            f"{''.join(groups)}{far_html}</div>"
        )
    return f'<h2>Verdicts</h2><div class="rc-cards">{"".join(cards)}</div>'


def _audit_html(review: Review, opts: ReportOptions) -> str:
    """How this was decided, in HTML: the Markdown audit section's lines, escaped."""
    case = review.case
    parts = [
        '<h2 id="how-this-was-decided">How this was decided</h2>',
        '<p class="rc-muted">Rule ids are rows of the judge\'s decision table '
        "(respcompare.judge.DECISION_ROWS); scores lie in [0, 1].</p>",
    ]
    for resp, a in zip(case.responses, review.assessments, strict=True):
        why = row_phrase(a.rule)
        rows = [
            f"verdict <code>{_e(a.verdict.value)}</code> decided by "
            f"<code>{_e(a.rule or 'none')}</code>"
            + (f" ({_e(why)})" if why else "")
            + f"; confidence {_e(_num(a.confidence, '.2f'))}"
            + f"; commitment {_e(_level(a.commitment))}",
            f"directness {_bar(a.directness)} = logistic of {_e(_directness_sum(a))}",
        ]
        if (
            a.confidence_terms
            and a.confidence is not None
            and not (a.learned and a.learned.applied)
        ):
            rows.append(
                f"confidence {_bar(a.confidence)} = logistic of "
                f"{_e(_fitted_sum(a.confidence_terms, skip_zero=True))}"
            )
        if a.learned is not None:
            rows.append(_e(_learned_line(a.learned)))
        if a.deflection_share is not None:
            rows.append(f"share of the text about none of the asks {a.deflection_share:.2f}")
        if a.downgrade:
            rows.append(f"downgrade ({_e(a.downgrade.kind)}): {_e(str(a.downgrade))}")
        if a.review_reasons:
            rows.append("needs review: " + _e("; ".join(a.review_reasons)))
        for o in a.asks:
            rows.append(
                f"ask “{_e(o.ask.text)}”: <code>{_e(o.verdict.value)}</code> by "
                f"<code>{_e(o.rule or 'none')}</code>; directness {o.directness:.2f}; "
                f"commitment {_e(_level(o.commitment))}; "
                f"rule strength {_e(_num(o.confidence, '.2f'))}"
            )
        for ev in a.evidence:
            note = f" ({_e(ev.note)})" if ev.note else ""
            rows.append(
                f'evidence <code>{_e(ev.rule)}</code><span class="rc-rule">{note}</span>: '
                f"“{_e(ev.text)}”"
            )
        for c in furthest_report(resp, a, petition=case.petition, options=opts):
            status = "listed" if c.listed else f"not listed: {c.reason}"
            rows.append(
                f"furthest-from-the-ask candidate, relevance {_relevance(c.relevance)} "
                f"({_e(status)}): "
                f"“{_e(c.evidence.text)}”"
            )
        parts.append(f"<h3>{_e(_heading(resp.label))}</h3><ul>")
        parts += [f"<li>{r}</li>" for r in rows]
        parts.append("</ul>")
    return "".join(parts)


def _heading(label: str) -> str:
    """ "Original response", "Revised response"; a response labelled "response" is just that."""
    return "Response" if label.lower() == "response" else f"{label.capitalize()} response"


def _directness_sum(a: Assessment) -> str:
    """The fitted sum behind directness, term by term (terms weighted 0 are left out)."""
    return _fitted_sum(a.directness_terms)


def _learned_line(rd: LearnedReading) -> str:
    """The learned verdict model's reading in one line: its verdict and probability, the rules',
    whether it was taken (then it is the confidence), and the features that moved it most."""
    head = (
        f"learned verdict model: {rd.verdict.value} with probability {rd.probability:.2f}; "
        f"the rules alone: {rd.rule_verdict.value} by {rd.rule or 'none'}; "
    )
    if rd.verdict is rd.rule_verdict:
        return head + "they agree"
    head += "taken (its probability is the confidence)" if rd.applied else "not taken"
    if not rd.terms:
        return head
    moved = ", ".join(f"{t.name} {t.contribution:+.2f}" for t in rd.terms[:8])
    return f"{head}; weighed most ({rd.verdict.value} over {rd.rule_verdict.value}): {moved}"


def _fitted_sum(terms: tuple[DirectnessTerm, ...], skip_zero: bool = False) -> str:
    """A fitted logistic model's sum, term by term (terms weighted 0 are left out, and with
    ``skip_zero`` those whose value is 0: the confidence model's indicators that are off)."""
    parts: list[str] = []
    for t in terms:
        if not t.weight or (skip_zero and t.name != "intercept" and not t.value):
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
            extra = (
                f"<br><i>narrowed: {_e(_downgrade_words(o.downgrade))}</i>" if o.downgrade else ""
            )
            cells.append(
                f"<td>{verdict_badge(o.verdict.value)} commitment: "
                f"{_e(_commitment_words(o.commitment))}{extra}</td>"
            )
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


def _changes_html(review: Review, opts: ReportOptions) -> str:
    parts = ["<h2>What the revision changed</h2>"]
    if not review.alignments:
        parts.append('<p class="rc-muted">Only one response: nothing to compare.</p>')
    for change, al in zip(review.changes, review.alignments, strict=True):
        parts.append(f"<p><b>{_e(al.a_label)} → {_e(al.b_label)}.</b> {_e(change)}</p>")
        parts.append(alignment_to_html(al, similarity=opts.audit))
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
                    _e(_kind(c)),
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
        head = (
            '<th>category</th><th>sense</th><th class="rc-pre">before</th>'
            "<th>keyword</th><th>after</th>"
        )
        body = "".join(
            f"<tr><td>{_e(cue.category)}</td><td>{_e(cue.sense)}</td>"
            f'<td class="rc-pre"><span class="rc-muted">{_e(row.pre)}</span></td>'
            f'<td><span class="rc-kw">{_e(row.keyword)}</span></td>'
            f'<td><span class="rc-muted">{_e(row.post)}</span></td></tr>'
            for cue, row in picked
        )
        parts.append(f'<table class="rc-kwic"><tr>{head}</tr>{body}</table>')
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


def to_html(
    review: Review,
    *,
    full_page: bool = True,
    audit: bool = False,
    options: ReportOptions | None = None,
) -> str:
    """The review as self-contained HTML: inline CSS, no JavaScript, all text escaped.

    ``full_page=False`` returns a fragment for notebooks. The default report is for readers;
    ``audit=True`` adds the "How this was decided" section (rule ids, cue ids, scores), as in
    :func:`to_markdown`. Light and dark themes follow ``prefers-color-scheme``.
    """
    opts = _options(audit, options)
    pet = review.case.petition
    title = f"e-petition {pet.id}" if pet.id else "the petition"
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
        + f"{_verdicts_html(review, opts)}{_asks_html(review)}{_changes_html(review, opts)}"
        f"{_commitments_html(review)}{ledger_html(review.ledger())}"
        f"{_cues_html(review)}{_reused_html(review)}"
        f"{_readability_html(review)}{_audit_html(review, opts) if opts.audit else ''}</div>"
    )
    if not full_page:
        return body
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>respcompare: {_e(title)}</title></head><body class="rc-page">{body}</body>'
        "</html>\n"
    )


# ---------------------------------------------------------------- promises ledger (issue #17)

_STATUS_WORDS = {
    "delivered": "delivered",
    "restated": "restated",
    "dropped": "dropped",
    "overdue": "overdue",
    "pending": "pending",
}


def _ledger_due(p: Promise) -> str:
    c = p.commitment
    if p.due is not None:
        return _when(p.due)
    if c.due is not None and c.due.vague:
        return f"vague: “{c.due.span.text}”"
    return "no time given"


def _ledger_evidence(p: Promise) -> tuple[str, str]:
    """(what shows the status, the quote) for a reader."""
    ev = next((e for e in p.evidence if e.note != "the promise"), p.evidence[0])
    where = ev.source.split(": ", 1)[-1] if ev.source != "promise" else "the promise"
    when = f", {_when(ev.date)}" if ev.date else ""
    return f"{ev.note} ({where}{when})", ev.text


def ledger_markdown(ledger: CommitmentLedger) -> list[str]:
    """The ledger section of the Markdown review, as lines."""
    as_of = _when(ledger.as_of) if ledger.as_of else "no date"
    out = ["## Promises kept?", ""]
    if not ledger.promises:
        return [*out, f"No promise to follow (as of {as_of}).", ""]
    counts = ", ".join(f"{n} {s}" for s, n in ledger.counts().items() if n)
    out += [f"As of {as_of}: {counts}.", ""]
    out += ["| promise | made | due | status | evidence |", "|---|---|---|---|---|"]
    for p in ledger.promises:
        why, quote = _ledger_evidence(p)
        shown = f"{why}: “{quote}”" if quote else why
        out.append(
            f"| {md_escape(p.sentence)} | {md_escape(p.response_label)} | "
            f"{md_escape(_ledger_due(p))} | **{_STATUS_WORDS[p.status]}** | {md_escape(shown)} |"
        )
    if ledger.not_yet_made:
        out += ["", f"Not yet made on that date: {md_escape(', '.join(ledger.not_yet_made))}."]
    if ledger.limits_hit:
        out += ["", *(f"Not all read: {md_escape(x)}." for x in ledger.limits_hit)]
    out.append("")
    return out


def ledger_html(ledger: CommitmentLedger) -> str:
    """The ledger section of the HTML review."""
    as_of = _when(ledger.as_of) if ledger.as_of else "no date"
    parts = ["<h2>Promises kept?</h2>"]
    if not ledger.promises:
        parts.append(f'<p class="rc-muted">No promise to follow (as of {_e(as_of)}).</p>')
        return "".join(parts)
    counts = ", ".join(f"{n} {s}" for s, n in ledger.counts().items() if n)
    parts.append(f"<p>As of {_e(as_of)}: {_e(counts)}.</p>")
    rows = []
    for p in ledger.promises:
        why, quote = _ledger_evidence(p)
        rows.append(
            [
                _e(p.sentence),
                _e(p.response_label),
                _e(_ledger_due(p)),
                f"<b>{_e(_STATUS_WORDS[p.status])}</b>",
                _e(why) + (f"<br><q>{_e(quote)}</q>" if quote else ""),
            ]
        )
    parts.append(_table(["promise", "made", "due", "status", "evidence"], rows))
    if ledger.not_yet_made:
        later = _e(", ".join(ledger.not_yet_made))
        parts.append(f'<p class="rc-muted">Not yet made on that date: {later}.</p>')
    parts += [f'<p class="rc-limits">Not all read: {_e(x)}.</p>' for x in ledger.limits_hit]
    return "".join(parts)
