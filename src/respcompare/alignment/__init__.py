"""Response x response -> :class:`Alignment`: what the revision kept, edited, moved, added and
dropped, and what that did to the answer.

>>> import respcompare as rc
>>> al = rc.align("We care. We fund it.", "We fund it. We will publish the review.")
>>> [(op.kind, op.b.text if op.b else None) for op in al.ops]
[('removed', None), ('unchanged', 'We fund it.'), ('added', 'We will publish the review.')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..analysis import TextAnalysis, analyse, analyse_response, response_cues_in
from ..cues import cues_in_sentences
from ..errors import InputError
from ..model import Assessment, Cue, Petition, Response
from ..segment import segment
from .core import (
    DEFAULT_OPTIONS,
    KINDS,
    Alignment,
    AlignOp,
    AlignOptions,
    AlignSummary,
    MoveGroup,
    OpKind,
    WordEdit,
    align_texts,
    op_with_effects,
    text_and_label,
)
from .effects import Effect, effect_sentences, effects, effects_of_cues
from .render import to_dict, to_html, to_markdown
from .summary import carried_over, carried_over_share, describe

__all__ = [
    "KINDS",
    "AlignOp",
    "AlignOptions",
    "AlignSummary",
    "Alignment",
    "Effect",
    "MoveGroup",
    "OpKind",
    "WordEdit",
    "align",
    "carried_over",
    "carried_over_share",
    "describe",
    "effects",
    "to_dict",
    "to_html",
    "to_markdown",
]


def align(
    a: Response | str,
    b: Response | str,
    *,
    petition: Petition | None = None,
    with_effects: bool = True,
    options: AlignOptions | None = None,
    edit_threshold: float | None = None,
    split_threshold: float | None = None,
    analyses: Sequence[TextAnalysis] | None = None,
    assessments: Sequence[Assessment] | None = None,
) -> Alignment:
    """Align two versions of a response sentence by sentence.

    Parameters
    ----------
    a, b
        The earlier and the later version: :class:`~respcompare.model.Response` objects (spans
        then index ``Response.full_text``) or plain strings (spans index the string).
    petition
        When given, ops that make the revision answer the ask get the effect "ask now addressed".
    with_effects
        Label each op with its effects. Default True. Only the sentences of the ops that can
        have an effect (all but unchanged and moved) are read for cues, each once per
        Response (kept on it); a Response's kept analysis is used when it has one.
    options
        All thresholds (see :class:`AlignOptions`); ``edit_threshold`` and ``split_threshold``
        override the two most used ones.
    analyses, assessments
        The two texts' analyses (:func:`respcompare.analysis.analyse`) and, with a petition,
        their assessments, when the caller has them (:func:`respcompare.review` does): the
        effects then read them instead of finding cues and judging again.

    Returns
    -------
    Alignment
        Ops with kind, spans on both sides, similarity in [0, 1], move groups, word-level edits.

    >>> al = align("Funding rose. We care.", "We care. Funding rose sharply.")
    >>> sorted(op.kind for op in al.ops)
    ['moved-edited', 'unchanged']
    """
    a_text, a_label = text_and_label(a, "a", "the first version")
    b_text, b_label = text_and_label(b, "b", "the second version")
    if options is not None and not isinstance(options, AlignOptions):
        raise InputError(
            "options= must be an AlignOptions (respcompare.alignment), not "
            f"{type(options).__name__}"
        )
    if analyses is not None and (
        isinstance(analyses, (str, bytes))
        or len(analyses) != 2
        or not all(isinstance(x, TextAnalysis) for x in analyses)
    ):
        raise InputError("analyses= must be the two texts' TextAnalysis objects (or None)")
    opts = options or DEFAULT_OPTIONS
    if edit_threshold is not None:
        opts = replace(opts, edit_threshold=edit_threshold)
    if split_threshold is not None:
        opts = replace(opts, split_threshold=split_threshold)
    # the same two Response objects aligned again with the same options give the alignment
    # made the first time (kept on ``a``; everything it depends on is immutable and held here)
    memo: dict[str, Any] | None = None
    key = (b, petition, with_effects, opts)
    if (
        isinstance(a, Response)
        and isinstance(b, Response)
        and analyses is None
        and assessments is None
    ):
        memo = a.memo()
        kept = memo.get("alignment")
        if kept is not None and _same_call(kept[0], key):
            return kept[1]  # type: ignore[no-any-return]
    al = align_texts(a_text, b_text, options=opts, a_label=a_label, b_label=b_label)
    if with_effects:
        if analyses is None and petition is None:
            # the effects read only the cues of the ops that can have one (all but unchanged
            # and moved): those sentences' cues, from a Response's kept analysis or found and
            # kept sentence by sentence (for a plain string, found here)
            a_in, b_in = effect_sentences(al)
            labels = effects_of_cues(al, _cues_of(a, a_text, a_in), _cues_of(b, b_text, b_in))
        else:
            if analyses is None:
                # each Response's analysis is made once and kept with it (for a plain string,
                # analysed here); a blank text has no cues
                analyses = (_analysis_of(a, a_text), _analysis_of(b, b_text))
            labels = effects(al, petition, analyses=analyses, assessments=assessments)
        ops = tuple(
            op if fx == op.effects else op_with_effects(op, fx)  # most ops have no effect
            for op, fx in zip(al.ops, labels, strict=True)
        )
        al = replace(al, ops=ops)
    if memo is not None:
        memo["alignment"] = (key, al)
    return al


def _same_call(kept: tuple[object, ...], key: tuple[object, ...]) -> bool:
    """The same later response and petition (the very objects), effects flag and options."""
    return kept[0] is key[0] and kept[1] is key[1] and kept[2:] == key[2:]


def _cues_of(value: Response | str, text: str, sentences: list[int]) -> list[Cue]:
    if isinstance(value, Response):
        return response_cues_in(value, sentences)
    return cues_in_sentences(text, sentences)


def _analysis_of(value: Response | str, text: str) -> TextAnalysis:
    if isinstance(value, Response):
        return analyse_response(value)
    if not text.strip():
        return TextAnalysis(text=text, segmentation=segment(text), cues=())
    return analyse(text)
