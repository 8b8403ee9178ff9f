"""Review -> Markdown and a JSON-ready dict.

Reports follow a fixed order: the verdict for each response with its quoted evidence, then the
asks and whether each was addressed.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .review import Review

__all__ = ["jsonable", "md_escape", "to_dict", "to_markdown"]

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
