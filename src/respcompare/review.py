"""Orchestration: a case in, a :class:`Review` out, with every stage's result.

``review(case)`` assesses each response against the petition; the report functions in
:mod:`respcompare.report` render the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .judge import assess
from .model import Assessment, Case

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .plot import ReviewChart

__all__ = ["Review", "review"]


@dataclass(frozen=True, slots=True)
class Review:
    """Everything respcompare found about one case.

    ``assessments`` holds one :class:`Assessment` per response, in the case's order.
    """

    case: Case
    assessments: tuple[Assessment, ...]

    def assessment(self, label: str) -> Assessment:
        """The assessment of the response with this label."""
        for a in self.assessments:
            if a.response_label == label:
                return a
        raise InputError(
            f"no response labelled {label!r}; this review has "
            f"{[a.response_label for a in self.assessments]}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole review (see :func:`respcompare.report.to_dict`)."""
        from .report import to_dict

        return to_dict(self)

    def to_markdown(self) -> str:
        """The Committee-style review as Markdown."""
        from .report import to_markdown

        return to_markdown(self)

    def to_html(self, *, full_page: bool = True) -> str:
        """The review as self-contained HTML (inline CSS, no JavaScript, all text escaped)."""
        from .report import to_html

        return to_html(self, full_page=full_page)

    def _repr_html_(self) -> str:
        from .report import to_html

        return to_html(self, full_page=False)

    def plot(self, kind: ReviewChart = "scorecard", *, ax: Axes | None = None) -> Axes:
        """Draw one chart of this review on ``ax`` (or a new figure) and return the axes.

        ``kind``: "scorecard", "ladder", "alignment" or "cues" (see :mod:`respcompare.plot`).
        """
        from .plot import plot_review

        return plot_review(self, kind, ax=ax)

    def __repr__(self) -> str:
        verdicts = ", ".join(f"{a.response_label}={a.verdict.value}" for a in self.assessments)
        return f"<Review petition={self.case.petition.id} {verdicts}>"


def review(case: Case) -> Review:
    """Review a case: judge every response against the petition.

    >>> from respcompare import load_example
    >>> r = review(load_example("grooming-gangs"))
    >>> [a.response_label for a in r.assessments]
    ['original', 'revised']
    """
    if not isinstance(case, Case):
        raise InputError(
            f"review() takes a Case (see rc.load_petition or rc.Case), not {type(case).__name__}"
        )
    assessments = tuple(assess(case.petition, r) for r in case.responses)
    return Review(case=case, assessments=assessments)
