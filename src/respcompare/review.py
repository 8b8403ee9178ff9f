"""Orchestration: a case in, a :class:`Review` out, with every stage's result.

``review(case)`` assesses each response against the petition; the report functions in
:mod:`respcompare.report` render the result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .align import Alignment, align, describe
from .cues import LADDER_CATEGORIES, cue_action, find_cues
from .due import DueDate, find_due_dates
from .errors import InputError
from .judge import assess
from .model import Assessment, Case, Cue, Response, Span
from .readability import Readability, readability
from .reuse import ReuseIndex, carried_over
from .segment import segment, words

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .plot import ReviewChart

__all__ = ["Commitment", "ResponseProfile", "Review", "review"]


@dataclass(frozen=True, slots=True)
class Commitment:
    """A ladder cue in a response (commitment, refusal, deferral, review loop) with its due date.

    ``action`` is the committed verb ("publish"); ``due`` the time expression in the same
    sentence and the date it falls due, counted from the response date (None when the sentence
    names no time).
    """

    cue: Cue
    level: int | None
    action: str | None
    sentence: Span
    due: DueDate | None


@dataclass(frozen=True, slots=True)
class ResponseProfile:
    """What one response is made of: its cues, commitments, readability and reused text.

    Spans index the response's ``full_text``. ``carried_over`` holds the sentences carried over
    unchanged (or nearly) from the previous response in the case, ``carried_over_share`` their
    share of the words (None for the first response). ``stock`` and ``stock_share`` are the
    passages it shares with a corpus index, when one was given to :func:`review`.
    """

    label: str
    words: int
    cues: tuple[Cue, ...]
    cue_counts: Mapping[str, int]
    cue_density: float | None
    commitments: tuple[Commitment, ...]
    readability: Readability
    carried_over: tuple[Span, ...] = ()
    carried_over_share: float | None = None
    stock: tuple[Span, ...] = ()
    stock_share: float | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """Everything respcompare found about one case.

    ``assessments`` holds one :class:`Assessment` per response, in the case's order.
    """

    case: Case
    assessments: tuple[Assessment, ...]
    alignments: tuple[Alignment, ...] = ()
    profiles: tuple[ResponseProfile, ...] = ()
    changes: tuple[str, ...] = ()

    def profile(self, label: str) -> ResponseProfile:
        """The profile of the response with this label."""
        for p in self.profiles:
            if p.label == label:
                return p
        raise InputError(
            f"no response labelled {label!r}; this review has {[p.label for p in self.profiles]}"
        )

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


def _commitments(response: Response, cues: tuple[Cue, ...]) -> tuple[Commitment, ...]:
    text = response.full_text
    seg = segment(text)
    out: list[Commitment] = []
    for cue in cues:
        if cue.category not in LADDER_CATEGORIES:
            continue
        sent = seg.sentence_at(cue.span.start)
        sentence = sent.span if sent is not None else cue.span
        dues = [
            d
            for d in find_due_dates(sentence.text, on=response.date)
            if cue.category == "commitment" or d.vague
        ]
        due = None
        if dues:
            d = dues[0]
            start = sentence.start + d.span.start
            due = DueDate(Span.of(text, start, start + len(d.span)), d.due, d.vague, d.rule)
        out.append(Commitment(cue, cue.level, cue_action(cue), sentence, due))
    return tuple(out)


def _profile(
    response: Response, previous: Response | None, index: ReuseIndex | None
) -> ResponseProfile:
    text = response.full_text
    cues = tuple(find_cues(text))
    n_words = len(words(text))
    carried = carried_over(previous, response) if previous is not None else ()
    carried_words = sum(len(words(s.text)) for s in carried)
    stock: tuple[Span, ...] = ()
    stock_share: float | None = None
    if index is not None:
        found = index.query(text)
        stock, stock_share = found.boilerplate, found.boilerplate_share
    return ResponseProfile(
        label=response.label,
        words=n_words,
        cues=cues,
        cue_counts=dict(sorted(Counter(c.category for c in cues).items())),
        cue_density=round(100.0 * len(cues) / n_words, 3) if n_words else None,
        commitments=_commitments(response, cues),
        readability=readability(text),
        carried_over=carried,
        carried_over_share=(
            round(carried_words / n_words, 4) if previous is not None and n_words else None
        ),
        stock=stock,
        stock_share=stock_share,
    )


def review(case: Case, *, index: ReuseIndex | None = None) -> Review:
    """Review a case: judge every response, align each revision with the response before it,
    and profile each response (cues, commitments with due dates, readability, reused text).

    Parameters
    ----------
    case
        The petition and its responses (original first).
    index
        A :class:`~respcompare.reuse.ReuseIndex` built over a corpus: each response's stock
        passages and boilerplate share are then measured against it.

    >>> from respcompare import load_example
    >>> r = review(load_example("grooming-gangs"))
    >>> [a.response_label for a in r.assessments]
    ['original', 'revised']
    >>> len(r.alignments), r.profile("revised").carried_over_share is not None
    (1, True)
    """
    if not isinstance(case, Case):
        raise InputError(
            f"review() takes a Case (see rc.load_petition or rc.Case), not {type(case).__name__}"
        )
    if index is not None and not isinstance(index, ReuseIndex):
        raise InputError("index= must be a respcompare.reuse.ReuseIndex (see build_index)")
    responses = case.responses
    assessments = tuple(assess(case.petition, r) for r in responses)
    alignments = tuple(align(a, b, petition=case.petition) for a, b in pairwise(responses))
    profiles = tuple(
        _profile(r, responses[i - 1] if i else None, index) for i, r in enumerate(responses)
    )
    return Review(
        case=case,
        assessments=assessments,
        alignments=alignments,
        profiles=profiles,
        changes=tuple(describe(al) for al in alignments),
    )
