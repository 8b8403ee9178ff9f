"""Review -> Markdown and a JSON-ready dict.

Reports follow a fixed order: the verdict for each response with its quoted evidence, then the
asks and whether each was addressed.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .review import Review

__all__ = ["jsonable", "md_escape", "to_dict", "to_html", "to_markdown"]

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+!|~"})


def md_escape(text: str) -> str:
    """Escape Markdown and HTML-significant characters so quoted text renders as text.

    >>> md_escape("[click](javascript:alert(1)) <b>")
    '\\\\[click\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\) \\\\<b\\\\>'
    """
    return " ".join(text.split()).translate(_MD_SPECIAL)


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
    return {
        "petition": jsonable(case.petition),
        "responses": [{**jsonable(r), "full_text": r.full_text} for r in case.responses],
        "assessments": [{**jsonable(a), "answered": a.answered} for a in review.assessments],
    }


def _when(date: _dt.date | None) -> str:
    return f"{date.day} {date:%B %Y}" if date else "date unknown"


def to_markdown(review: Review) -> str:
    """The review as Markdown, every quoted piece of response text escaped."""
    case = review.case
    pet = case.petition
    title = f"e-petition {pet.id}" if pet.id else "petition"
    out = [
        f"# Did they answer? Review of {title}",
        "",
        f"**Petition:** {md_escape(pet.action)}",
        "",
    ]
    out += ["## Verdicts", ""]
    for resp, a in zip(case.responses, review.assessments, strict=True):
        commitment = "none" if a.commitment is None else f"{a.commitment}/5"
        out.append(
            f"### {md_escape(resp.label.capitalize())} response ({_when(resp.date)}): "
            f"`{a.verdict.value}`"
        )
        out.append("")
        out.append(
            f"- answered: **{'yes' if a.answered else 'no'}**; directness {a.directness:.2f}; "
            f"commitment {commitment}"
        )
        if a.downgrade:
            out.append(f"- scope downgrade: {md_escape(a.downgrade)}")
        for ev in a.evidence:
            note = f" ({md_escape(ev.note)})" if ev.note else ""
            out.append(f"- evidence `{ev.rule}`{note}: > {md_escape(ev.text)}")
        if not a.evidence:
            out.append("- evidence: no sentence takes a position on the ask")
        out.append("")
    out += ["## Asks", ""]
    for resp, a in zip(case.responses, review.assessments, strict=True):
        for o in a.asks:
            status = "addressed" if o.addressed else "not addressed"
            out.append(
                f"- {md_escape(resp.label)}: {md_escape(o.ask.text)}: {status} "
                f"(`{o.verdict.value}`)"
            )
    out.append("")
    return "\n".join(out)


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
        downgrade = f"<p><b>Scope downgrade:</b> {_e(a.downgrade)}</p>" if a.downgrade else ""
        cards.append(
            f'<div class="rc-card"><h3>{_e(resp.label.capitalize())} response '
            f'<span class="rc-meta">({_e(_when(resp.date))})</span></h3>'
            f"<p>{_badge(a.verdict.value)} answered: <b>{'yes' if a.answered else 'no'}</b></p>"
            f"<p>directness {_bar(a.directness)}<br>commitment {_e(commitment)}</p>"
            f"{downgrade}{quotes}</div>"
        )
    return f'<h2>Verdicts</h2><div class="rc-cards">{"".join(cards)}</div>'


def _asks_html(review: Review) -> str:
    labels = [r.label for r in review.case.responses]
    head = "".join(f"<th>{_e(label)}</th>" for label in labels)
    rows = []
    first = review.assessments[0].asks if review.assessments else ()
    for i, outcome in enumerate(first):
        ask = outcome.ask
        quals = ", ".join(ask.qualifiers) or "—"
        cells = []
        for a in review.assessments:
            o = a.asks[i] if i < len(a.asks) else None
            if o is None:
                cells.append("<td>—</td>")
                continue
            extra = f"<br><i>{_e(o.downgrade)}</i>" if o.downgrade else ""
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
        f"{_verdicts_html(review)}{_asks_html(review)}</div>"
    )
    if not full_page:
        return body
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>respcompare: {_e(title)}</title></head><body>{body}</body></html>\n"
    )
