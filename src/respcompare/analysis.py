"""One text, analysed once: its segmentation and its cues, made with the lexicon the caller chose.

Every stage that reads a response (the judge, the alignment's effects, the report) takes a
:class:`TextAnalysis` instead of segmenting and finding cues again, so one review does each
piece of work once and every stage sees the same sentences and the same cues.

>>> from respcompare.analysis import analyse
>>> a = analyse("We will publish the review. We keep this under review.")
>>> len(a.segmentation.sentences), sorted({c.category for c in a.cues})
(2, ['commitment', 'review-loop'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .cues import cues_in_sentences, find_cues_with_limits
from .errors import InputError
from .lexicon import Lexicon
from .model import Cue, Response
from .segment import Segmentation, segment

__all__ = ["TextAnalysis", "analyse", "analyse_response", "response_cues_in"]


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """A text with its sentences and cues; ``lexicon`` is None for the default lexicon.

    ``limits_hit`` has one note per limit that bit while analysing (more than
    :data:`~respcompare.segment.MAX_SENTENCES` sentences, a sentence with more than
    :data:`~respcompare.cues.MAX_CUES_PER_SENTENCE` cues), empty for real responses.
    """

    text: str
    segmentation: Segmentation
    cues: tuple[Cue, ...]
    lexicon: Lexicon | None = None
    limits_hit: tuple[str, ...] = ()

    def check(self, text: str) -> None:
        """Raise InputError unless this analysis was made from ``text``."""
        if text != self.text:
            raise InputError(
                "analysis= was made from another text: analyse the response's full_text "
                "(respcompare.analysis.analyse(response.full_text))"
            )


def analyse(text: str, *, lexicon: Lexicon | None = None) -> TextAnalysis:
    """Segment ``text`` and find its cues, once.

    Parameters
    ----------
    text
        The text; for a response, its :attr:`~respcompare.model.Response.full_text`.
    lexicon
        The cue lexicon (ours when None).
    """
    if not isinstance(text, str):
        raise InputError(f"analyse() takes a string, not {type(text).__name__}")
    cues, cue_limits = find_cues_with_limits(text, lexicon=lexicon)
    seg = segment(text)
    return TextAnalysis(
        text=text,
        segmentation=seg,
        cues=tuple(cues),
        lexicon=lexicon,
        limits_hit=seg.limits_hit + tuple(cue_limits),
    )


def analyse_response(response: Response, *, lexicon: Lexicon | None = None) -> TextAnalysis:
    """``analyse(response.full_text, lexicon=lexicon)``, made once per response and lexicon.

    The analysis is kept on the (immutable) response, for the lexicon object it was made with,
    so aligning or reviewing the same response again does not find its cues again.

    >>> from respcompare.model import Response
    >>> r = Response(text="We will publish the review.")
    >>> analyse_response(r) is analyse_response(r)
    True
    """
    if not isinstance(response, Response):
        raise InputError(f"analyse_response() takes a Response, not {type(response).__name__}")
    memo = response.memo()
    kept: list[TextAnalysis] = memo.setdefault("analyses", [])
    for made in kept:
        if made.lexicon is lexicon:  # the analysis holds its lexicon, so the identity is stable
            return made
    made = analyse(response.full_text, lexicon=lexicon)
    kept.append(made)
    del kept[:-4]  # a few lexicons at most; the newest are kept
    return made


def response_cues_in(response: Response, sentences: Iterable[int]) -> list[Cue]:
    """The cues (default lexicon) of ``response`` that lie in ``sentences`` (indices into
    ``segment(response.full_text).sentences``), sorted by position.

    From the response's kept analysis when it has one (then every cue of the text, a superset);
    otherwise found in just those sentences (:func:`respcompare.cues.cues_in_sentences`) and
    kept on the response sentence by sentence, so asking again, or for an overlapping set,
    finds only the sentences not read before. :func:`respcompare.align` reads the edited
    sentences' cues this way, without analysing every sentence of both texts.

    >>> r = Response(text="We will publish it. We keep this under review.")
    >>> [c.category for c in response_cues_in(r, [1])]
    ['review-loop']
    """
    if not isinstance(response, Response):
        raise InputError(f"response_cues_in() takes a Response, not {type(response).__name__}")
    memo = response.memo()
    for made in memo.get("analyses", ()):
        if made.lexicon is None:
            return list(made.cues)
    text = response.full_text
    seg = segment(text)
    wanted = sorted({i for i in sentences if 0 <= i < len(seg.sentences)})
    kept: dict[int, tuple[Cue, ...]] = memo.setdefault("sentence_cues", {})
    missing = [i for i in wanted if i not in kept]
    if missing:
        found: dict[int, list[Cue]] = {i: [] for i in missing}
        if text.strip():
            for cue in cues_in_sentences(text, missing):
                sentence = seg.sentence_at(cue.span.start)
                assert sentence is not None  # a cue lies in a sentence
                found[sentence.index].append(cue)
        for i, cues in found.items():
            kept[i] = tuple(cues)
    return [cue for i in wanted for cue in kept[i]]
