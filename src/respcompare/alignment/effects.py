"""What each alignment op did to the answer: commitments, hedges, the ask, stock phrasing, tone.

Cues come from each whole text's analysis (:func:`respcompare.analysis.analyse`, so a cue keeps
its context) and are assigned to the op whose span holds it. "Ask now addressed" needs the
petition: it compares the judge's assessments of the two versions and marks the ops that carry
the revision's new evidence. :func:`respcompare.review` hands over the analyses and
assessments it already made; on its own, :func:`effects` makes them once per text.

"Stock phrasing" is an op made only of sympathy, acknowledgement, praise or "continue to" cues;
it is not the corpus boilerplate of :mod:`respcompare.reuse`. Hedges count only when they are the
government's own (:func:`respcompare.alignment.voice.government_hedge`), and a polarity flip is
a clause that reads the opposite way after the edit (:func:`respcompare.alignment.voice.flips`),
not an odd count of negation words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from ..analysis import TextAnalysis, analyse
from ..errors import InputError
from ..model import Assessment, Cue, Petition, Response, Span
from .voice import flips, government_hedge

if TYPE_CHECKING:
    from .core import Alignment, AlignOp

__all__ = ["Effect", "effect_sentences", "effects", "effects_of_cues"]


class Effect(StrEnum):
    """What an op did to the answer; each effect has a mirror (the same op read backwards).

    >>> Effect.ADDED_COMMITMENT.mirror
    <Effect.REMOVED_COMMITMENT: 'removed commitment'>
    """

    ADDED_COMMITMENT = "added commitment"
    REMOVED_COMMITMENT = "removed commitment"
    ADDED_HEDGE = "added hedge"
    REMOVED_HEDGE = "removed hedge"
    ADDED_REFUSAL = "added refusal"
    REMOVED_REFUSAL = "removed refusal"
    ADDED_DEFERRAL = "added deferral"
    REMOVED_DEFERRAL = "removed deferral"
    ASK_NOW_ADDRESSED = "ask now addressed"
    ASK_NO_LONGER_ADDRESSED = "ask no longer addressed"
    STOCK_PHRASING_ADDED = "stock phrasing added"
    STOCK_PHRASING_REMOVED = "stock phrasing removed"
    POLARITY_FLIP = "polarity flip"
    EMOTIVE_ADDED = "emotive language added"
    EMOTIVE_REMOVED = "emotive language removed"

    @property
    def mirror(self) -> Effect:
        """The effect of the same op when the two versions swap places."""
        pairs = {
            "added": "removed",
            "removed": "added",
            "now": "no longer",
            "no longer": "now",
        }
        for x, y in pairs.items():
            if x in self.value:
                return Effect(self.value.replace(x, y))
        return self


_STOCK_PHRASING = frozenset({"emotive", "acknowledgement", "peacock", "review-loop", "booster"})
_ANSWERING = frozenset({"commitment", "refusal", "deferral"})


def _in_span(cues: Sequence[Cue], span: Span | None, starts: Sequence[int]) -> Sequence[Cue]:
    """The cues that start inside ``span``; ``cues`` are sorted by start and ``starts`` are
    their starts, so each op costs a bisection, not a pass over every cue."""
    if span is None:
        return ()
    return cues[bisect_left(starts, span.start) : bisect_left(starts, span.end)]


def _answered_spans(petition: Petition, text: str, label: str) -> tuple[bool, list[Span]]:
    """Judge a text on its own (for :func:`effects` called without the assessments)."""
    from ..judge import assess

    if not text.strip():
        return False, []
    return _answered(assess(petition, Response(text=text, label=label)))


def _answered(a: Assessment) -> tuple[bool, list[Span]]:
    return a.answered, [e.span for e in a.evidence if e.source == "response"]


def own_cues(text: str, cues: Sequence[Cue]) -> list[Cue]:
    """The cues that speak for the government: every cue but a hedge about a third party."""
    return [c for c in cues if c.category != "hedge" or government_hedge(text, c)]


def _one(
    op: AlignOp,
    a_cues: Sequence[Cue],
    b_cues: Sequence[Cue],
    ask_new: list[Span] | None,
    ask_lost: list[Span] | None,
    a_starts: Sequence[int],
    b_starts: Sequence[int],
    texts: tuple[str, str] = ("", ""),
) -> tuple[Effect, ...]:
    """The effects of one op; ``a_cues``/``b_cues`` are all the cues of each text, sorted by
    start (``a_starts``/``b_starts``): only the government's own among those in the op's
    spans count (:func:`own_cues`, asked here, for the ops that can have an effect)."""
    if op.kind in ("unchanged", "moved"):
        return ()
    a_own = own_cues(texts[0], _in_span(a_cues, op.a, a_starts))
    b_own = own_cues(texts[1], _in_span(b_cues, op.b, b_starts))
    ca = [c.category for c in a_own]
    cb = [c.category for c in b_own]
    out: list[Effect] = []

    def more(cat: str, added: Effect, removed: Effect) -> None:
        na, nb = ca.count(cat), cb.count(cat)
        if nb > na:
            out.append(added)
        elif na > nb:
            out.append(removed)

    more("commitment", Effect.ADDED_COMMITMENT, Effect.REMOVED_COMMITMENT)
    more("refusal", Effect.ADDED_REFUSAL, Effect.REMOVED_REFUSAL)
    more("deferral", Effect.ADDED_DEFERRAL, Effect.REMOVED_DEFERRAL)
    more("hedge", Effect.ADDED_HEDGE, Effect.REMOVED_HEDGE)
    if ask_new and op.b and any(op.b.overlaps(s) for s in ask_new):
        out.append(Effect.ASK_NOW_ADDRESSED)
    if ask_lost and op.a and any(op.a.overlaps(s) for s in ask_lost):
        out.append(Effect.ASK_NO_LONGER_ADDRESSED)

    def stock(c: list[str], span: Span | None) -> bool:
        # stock text: sympathy, acknowledgement, praise or "continue to", with nothing that
        # answers (commitment, refusal, deferral) and no figure or date of its own
        if not set(c) & _STOCK_PHRASING or set(c) & _ANSWERING:
            return False
        return not (span is not None and any(map(str.isdigit, span.text)))

    if op.kind == "added" and stock(cb, op.b):
        out.append(Effect.STOCK_PHRASING_ADDED)
    if op.kind == "removed" and stock(ca, op.a):
        out.append(Effect.STOCK_PHRASING_REMOVED)
    if (
        op.a is not None
        and op.b is not None
        and flips(texts[0], op.a, texts[1], op.b, a_own, b_own)
    ):
        out.append(Effect.POLARITY_FLIP)
    more("emotive", Effect.EMOTIVE_ADDED, Effect.EMOTIVE_REMOVED)
    return tuple(out)


def pair_cues(
    alignment: Alignment, analyses: Sequence[TextAnalysis] | None
) -> tuple[list[Cue], list[Cue]]:
    """The cues of the alignment's two texts: from ``analyses`` (the earlier text's, then the
    later's; checked against the texts) when the caller has them, else analysed here."""
    if analyses is not None:
        if len(analyses) != 2:
            raise InputError("analyses= takes two analyses: the earlier text's, then the later's")
        analyses[0].check(alignment.a_text)
        analyses[1].check(alignment.b_text)
        a_cues, b_cues = list(analyses[0].cues), list(analyses[1].cues)
    else:
        a_cues = list(analyse(alignment.a_text).cues) if alignment.a_text.strip() else []
        b_cues = list(analyse(alignment.b_text).cues) if alignment.b_text.strip() else []
    return a_cues, b_cues


def effects(
    alignment: Alignment,
    petition: Petition | None = None,
    *,
    analyses: Sequence[TextAnalysis] | None = None,
    assessments: Sequence[Assessment] | None = None,
) -> tuple[tuple[Effect, ...], ...]:
    """Label each op of ``alignment`` with what it did to the answer (one tuple per op).

    Without a petition, "ask now addressed" cannot be judged and is never given.
    ``analyses`` and ``assessments`` are the two texts' analyses and assessments (in the order
    a, b) when the caller already has them; otherwise they are made here, once per text.

    >>> from respcompare import align
    >>> al = align("We care deeply.", "We care deeply. We will publish the report in June.",
    ...            with_effects=False)
    >>> [[e.value for e in fx] for fx in effects(al)]
    [[], ['added commitment']]
    """
    a_cues, b_cues = pair_cues(alignment, analyses)
    ask_new: list[Span] | None = None
    ask_lost: list[Span] | None = None
    if petition is not None:
        if assessments is not None:
            if len(assessments) != 2:
                raise InputError(
                    "assessments= takes two assessments: the earlier text's, then the later's"
                )
            a_ok, a_spans = _answered(assessments[0])
            b_ok, b_spans = _answered(assessments[1])
        else:
            a_ok, a_spans = _answered_spans(petition, alignment.a_text, alignment.a_label)
            b_ok, b_spans = _answered_spans(petition, alignment.b_text, alignment.b_label)
        ask_new = b_spans if b_ok and not a_ok else None
        ask_lost = a_spans if a_ok and not b_ok else None
    return effects_of_cues(alignment, a_cues, b_cues, ask_new=ask_new, ask_lost=ask_lost)


def effect_sentences(alignment: Alignment) -> tuple[list[int], list[int]]:
    """The sentences of each text (indices, in order) in an op that can have an effect: every
    op but the unchanged and moved ones. Their cues are all :func:`effects_of_cues` reads."""
    a_sentences: list[int] = []
    b_sentences: list[int] = []
    for op in alignment.ops:
        if op.kind not in ("unchanged", "moved"):
            a_sentences += op.a_sentences
            b_sentences += op.b_sentences
    return sorted(a_sentences), sorted(b_sentences)


def effects_of_cues(
    alignment: Alignment,
    a_cues: Sequence[Cue],
    b_cues: Sequence[Cue],
    *,
    ask_new: list[Span] | None = None,
    ask_lost: list[Span] | None = None,
) -> tuple[tuple[Effect, ...], ...]:
    """:func:`effects` from the two texts' cues: every cue, or at least those in the sentences
    of :func:`effect_sentences` (an op reads only the cues inside its own spans).
    ``ask_new``/``ask_lost`` are the evidence spans of the later text when only it answers the
    ask, and of the earlier one when only it does.

    >>> from respcompare import align, find_cues
    >>> al = align("We care deeply.", "We will publish the report in June.", with_effects=False)
    >>> fx = effects_of_cues(al, find_cues(al.a_text), find_cues(al.b_text))
    >>> [[e.value for e in op_fx] for op_fx in fx]
    [['stock phrasing removed'], ['added commitment']]
    """
    a_cues = sorted(a_cues, key=lambda c: c.span.start)
    b_cues = sorted(b_cues, key=lambda c: c.span.start)
    a_starts = [c.span.start for c in a_cues]
    b_starts = [c.span.start for c in b_cues]
    texts = (alignment.a_text, alignment.b_text)
    return tuple(
        _one(op, a_cues, b_cues, ask_new, ask_lost, a_starts, b_starts, texts)
        for op in alignment.ops
    )
