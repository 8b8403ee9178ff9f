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

from dataclasses import dataclass

from .cues import find_cues_with_limits
from .errors import InputError
from .lexicon import Lexicon
from .model import Cue, Response
from .segment import Segmentation, segment

__all__ = ["TextAnalysis", "analyse", "analyse_response"]


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
