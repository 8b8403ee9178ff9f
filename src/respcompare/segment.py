"""Text -> paragraphs, sentences and words, with character offsets, fully offline.

Sentences come from nltk's ``PunktSentenceTokenizer`` built with our own parameters (a UK
abbreviation list), never from ``nltk.sent_tokenize``, which would try to load trained data.
Nothing here reads the network or NLTK_DATA.

A paragraph break is a blank line, or a single line break after a line that ends a sentence
(``.``, ``!``, ``?``, ``:``), before a bullet, or after a short heading-like line. Other single
line breaks are soft wraps inside a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .model import Span

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = [
    "MAX_SENTENCES",
    "Segmentation",
    "Sentence",
    "segment",
    "sentences",
    "word_count",
    "word_texts",
    "words",
]

# Lower-case, without the final period, as Punkt stores them. Written for UK government prose.
UK_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # titles and honorifics
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "rt",
        "hon",
        "rt hon",
        "sir",
        "st",
        "revd",
        "rev",
        "capt",
        "col",
        "gen",
        "lt",
        "sgt",
        "insp",
        "supt",
        "cllr",
        "bros",
        # Latin and editorial
        "e.g",
        "i.e",
        "etc",
        "cf",
        "viz",
        "vs",
        "al",
        "et al",
        "approx",
        "c",
        "ca",
        "ibid",
        "n.b",
        "nb",
        "p.a",
        "a.m",
        "p.m",
        # references
        "no",
        "nos",
        "para",
        "paras",
        "s",
        "ss",
        "sch",
        "reg",
        "regs",
        "art",
        "arts",
        "vol",
        "ch",
        "cl",
        "pp",
        "p",
        "fig",
        "sec",
        "ref",
        "ed",
        "eds",
        "op",
        "cit",
        "ltd",
        "plc",
        "co",
        "inc",
        "dept",
        "govt",
        "est",
        "min",
        "max",
        "tel",
        "ext",
        "nr",
        # months that are ordinary abbreviations (never "may", "june", "july")
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        # units and money
        "bn",
        "m",
        "k",
        "km",
        "kg",
        "yr",
        "yrs",
        "hr",
        "hrs",
        "mins",
        "wk",
        "wks",
        # places and organisations
        "u.k",
        "u.s",
        "u.n",
        "e.u",
        "h.m",
        "hmg",
    }
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span in the owning text and the index of the paragraph that holds it."""

    span: Span
    paragraph: int
    index: int

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A text cut into paragraphs and sentences; every span indexes ``text``.

    At most :data:`MAX_SENTENCES` sentences: past that, ``limits_hit`` says where reading stopped.
    """

    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    #: One note when the text had more than :data:`MAX_SENTENCES` sentences (only the first ones
    #: are segmented: the rest of the text is in no sentence); empty otherwise.
    limits_hit: tuple[str, ...] = ()
    # sentence starts, in order, for sentence_at's bisection
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.sentences))

    def sentences_in(self, paragraph: int) -> tuple[Sentence, ...]:
        """The sentences of one paragraph, in order."""
        return tuple(s for s in self.sentences if s.paragraph == paragraph)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds character ``offset``, or None in the gaps between sentences."""
        k = bisect_right(self._starts, offset) - 1  # sentences are in order and disjoint
        if k >= 0 and offset < self.sentences[k].end:
            return self.sentences[k]
        return None


#: Sentence-break decisions remembered per Punkt context (the candidate's word, its mark and the
#: next token): Punkt's decision is a pure function of that string under our fixed parameters,
#: and texts with thousands of candidates ("1. 1. 1.", ". . .") repeat a few contexts. Cleared
#: when it reaches this many entries, so memory stays bounded.
_BREAK_MEMO_LIMIT = 20_000
#: The regular-expression flags both engines share (nltk may compile with the third-party
#: ``regex`` engine, whose version flags the standard library does not know).
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


def _stdlib(pattern: Any) -> re.Pattern[str]:
    """``pattern`` (an nltk pattern, stdlib or its ReDoS-guarded wrapper) compiled by ``re``."""
    return re.compile(str(pattern.pattern), int(pattern.flags) & _RE_FLAGS)


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    # imported on first use: nltk.tokenize.punkt imports the whole nltk package (its
    # __init__ pulls in numpy, email, http, ssl ...), which would triple `import respcompare`
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

    class _LanguageVars(PunktLanguageVars):  # type: ignore[misc]
        """Punkt's own patterns, run by the standard ``re`` engine.

        Recent nltk runs them through a ReDoS guard whose timeout counts the CPU time of the
        whole scan of a paragraph, Punkt's own work included, so a long paragraph could fail
        with TimeoutError on a slow machine. Punkt's patterns are linear (character classes,
        a look-ahead to the next token), and ``re`` gives the same matches, faster.
        """

        __slots__ = ()
        re_boundary_realignment = _stdlib(PunktLanguageVars.re_boundary_realignment)
        _period_context = _stdlib(PunktLanguageVars().period_context_re())
        _word_tokenizer = _stdlib(PunktLanguageVars()._word_tokenizer_re())

        def period_context_re(self) -> re.Pattern[str]:
            return self._period_context

        def _word_tokenizer_re(self) -> re.Pattern[str]:
            return self._word_tokenizer

    class _Tokenizer(PunktSentenceTokenizer):  # type: ignore[misc]
        """Punkt with its per-candidate decision remembered (see ``_BREAK_MEMO_LIMIT``)."""

        def __init__(self, params: PunktParameters) -> None:
            super().__init__(params, lang_vars=_LanguageVars())
            self._breaks: dict[str, bool] = {}

        def text_contains_sentbreak(self, text: str) -> bool:
            got = self._breaks.get(text)
            if got is None:
                if len(self._breaks) >= _BREAK_MEMO_LIMIT:
                    self._breaks.clear()
                got = self._breaks[text] = bool(super().text_contains_sentbreak(text))
            return got

        def span_tokenize(
            self, text: str, realign_boundaries: bool = True
        ) -> Iterator[tuple[int, int]]:
            if not realign_boundaries or not fused:
                return super().span_tokenize(text, realign_boundaries)  # type: ignore[no-any-return]
            return iter(_punkt_spans(self, text))

    # the fused span_tokenize below follows nltk's own steps since the ReDoS fix (candidate
    # contexts found by _match_potential_end_contexts); for an older nltk, nltk's own code runs
    fused = hasattr(PunktSentenceTokenizer, "_match_potential_end_contexts")

    params = PunktParameters()
    params.abbrev_types = set(UK_ABBREVIATIONS)
    return _Tokenizer(params)


_WHITESPACE = " \t\n\r\x0b\x0c"  # string.whitespace, as Punkt reads it


def _punkt_spans(tok: Any, text: str) -> list[tuple[int, int]]:
    """``PunktSentenceTokenizer.span_tokenize(text)`` (nltk 3.9 and later) in one pass.

    Punkt's own steps, in order and with the same results (tests compare it with plain Punkt):
    ``_match_potential_end_contexts`` (each candidate sentence end with its context: the word
    before it, the end mark and what follows; a candidate whose word overlaps the previous
    candidate's is dropped), ``_slices_from_text`` (a break where ``text_contains_sentbreak``
    says so) and ``_realign_boundaries`` (closing quotes and brackets after a break move to
    the sentence before), without the generators between them, and with the realignment
    pattern matched in place instead of on a copy of the rest of the text.
    """
    lang = tok._lang_vars
    contains = tok.text_contains_sentbreak
    slices: list[tuple[int, int]] = []
    last_break = 0

    def candidate(m: re.Match[str], word_start: int, word_end: int) -> None:
        nonlocal last_break
        if contains(text[word_start:word_end] + m.group() + m.group("after_tok")):
            slices.append((last_break, m.end()))
            last_break = m.start("next_tok") if m.group("next_tok") else m.end()

    prev: re.Match[str] | None = None
    prev_start = prev_stop = 0
    for m in lang.period_context_re().finditer(text):
        start = m.start()
        # the word before the candidate: after the last white space since the previous
        # candidate (Punkt's _get_last_whitespace_index, where 0 also means none)
        space = max(0, max(map(text[prev_stop:start].rfind, _WHITESPACE)))
        word_start = space + prev_stop + 1 if space else prev_start
        if prev is not None and prev_stop <= word_start:
            candidate(prev, prev_start, prev_stop)
        prev, prev_start, prev_stop = m, word_start, start
    if prev is not None:
        candidate(prev, prev_start, prev_stop)
    slices.append((last_break, len(text.rstrip())))
    realign_re = lang.re_boundary_realignment
    out: list[tuple[int, int]] = []
    realign = 0
    for k, (s1, e1) in enumerate(slices):
        s1 += realign
        if k + 1 < len(slices):
            s2, e2 = slices[k + 1]
            m2 = realign_re.match(text, s2, e2)
            if m2:
                out.append((s1, s2 + len(m2.group(0).rstrip())))
                realign = m2.end() - s2
                continue
            realign = 0
        if e1 > s1:
            out.append((s1, e1))
    return out


_BULLET = re.compile(r"^\s*(?:[•\-\*–·▪●◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_BREAK_AFTER = re.compile(r"[.!?:;…][\"'”’)\]]*\s*$")


_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, pos + len(raw.rstrip(_LINE_BREAKS))))
        pos += len(raw)
    return out


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    paras: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    prev_line = ""
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            if cur is not None:
                paras.append(cur)
                cur = None
            prev_line = ""
            continue
        if cur is not None:
            soft_wrap = (
                not _BREAK_AFTER.search(prev_line)
                and not _BULLET.match(line)
                and len(prev_line.split()) > 6
            )
            if soft_wrap:
                cur = (cur[0], end)
                prev_line = line
                continue
            paras.append(cur)
        cur = (start, end)
        prev_line = line
    if cur is not None:
        paras.append(cur)
    # trim surrounding white space so each paragraph starts and ends on a visible character
    trimmed: list[tuple[int, int]] = []
    for a, b in paras:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        trimmed.append((a + lead, b - trail))
    return trimmed


def segment(text: str) -> Segmentation:
    """Cut ``text`` into paragraphs and sentences with offsets into ``text``.

    >>> seg = segment("We will publish it on 3 May. It sets out findings.\\n\\nNo. 10 agrees.")
    >>> [s.text for s in seg.sentences]
    ['We will publish it on 3 May.', 'It sets out findings.', 'No. 10 agrees.']
    >>> [s.paragraph for s in seg.sentences]
    [0, 0, 1]
    """
    if not isinstance(text, str):
        from .errors import InputError

        raise InputError(f"segment() takes a string, not {type(text).__name__}")
    return _segment_cached(text)


_new = object.__new__
_SENTENCE_SET = tuple(getattr(Sentence, f).__set__ for f in ("span", "paragraph", "index"))

_span = Span.trusted  # one per sentence, sliced from the text it indexes


def _sentence(span: Span, paragraph: int, index: int) -> Sentence:
    """``Sentence(span, paragraph, index)``, as :func:`_span` does for spans."""
    o: Sentence = _new(Sentence)
    set_span, set_paragraph, set_index = _SENTENCE_SET
    set_span(o, span)
    set_paragraph(o, paragraph)
    set_index(o, index)
    return o


#: The most sentences a text is cut into. Every later stage (cues, the judge, the alignment,
#: readability) works sentence by sentence, so this bounds them all; the judge reads as many
#: (:attr:`respcompare.judge.JudgeConfig.max_sentences`). Real responses have a few hundred at
#: most; a text at the size limit made of one-word sentences has 50,000. Past the limit, the
#: rest of the text is left out of every sentence and :attr:`Segmentation.limits_hit` says so.
MAX_SENTENCES = 3_000


@lru_cache(maxsize=256)
def _segment_cached(text: str) -> Segmentation:
    tok = _tokenizer()
    paragraphs: list[Span] = []
    sents: list[Sentence] = []
    limits_hit: tuple[str, ...] = ()
    for p_index, (a, b) in enumerate(_paragraph_spans(text)):
        if limits_hit:
            break
        block = text[a:b]
        paragraphs.append(_span(a, b, block))
        if "." in block or "?" in block or "!" in block:
            spans = tok.span_tokenize(block)
        else:  # no candidate sentence end: Punkt gives the block, trailing space cut
            end = len(block.rstrip())
            spans = [(0, end)] if end else []
        for s, e in spans:
            piece = block[s:e]
            # Punkt keeps a soft line break inside a sentence; that is fine, but trim edges.
            if piece[:1].isspace() or piece[-1:].isspace():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                s, e = s + lead, e - trail
                piece = block[s:e]
            if e > s:
                if len(sents) == MAX_SENTENCES:
                    limits_hit = (
                        f"segmentation: more than {MAX_SENTENCES:,} sentences; only the first "
                        f"{MAX_SENTENCES:,} were read (the text from character {a + s:,} on, "
                        f"{len(text) - a - s:,} characters, is in no sentence)",
                    )
                    break
                sents.append(_sentence(_span(a + s, a + e, piece), p_index, len(sents)))
    return Segmentation(text, tuple(paragraphs), tuple(sents), limits_hit)


def sentences(text: str) -> list[Span]:
    """The sentence spans of ``text``.

    >>> [s.text for s in sentences("Funding rose to £1.2 million. Rt Hon. Priti Patel MP agreed.")]
    ['Funding rose to £1.2 million.', 'Rt Hon. Priti Patel MP agreed.']
    """
    return [s.span for s in segment(text).sentences]


_WORD = re.compile(r"[£$€]?\d+(?:[.,]\d+)*%?|\w+(?:[’'\-]\w+)*", re.UNICODE)


def words(text: str) -> list[Span]:
    """Word tokens of ``text`` with their spans (letters, digits, internal hyphens/apostrophes).

    Offline and cheap; punctuation is not a token.

    >>> [w.text for w in words("Group-based offending: £1.2 million, isn't it?")]
    ['Group-based', 'offending', '£1.2', 'million', "isn't", 'it']
    """
    # a match's own text always fits its offsets: the unchecked constructor
    trusted = Span.trusted
    return [trusted(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


def word_texts(text: str) -> list[str]:
    """The text of each of :func:`words`, without making the spans.

    >>> word_texts("Group-based offending: £1.2 million, isn't it?")
    ['Group-based', 'offending', '£1.2', 'million', "isn't", 'it']
    """
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """``len(words(text))``, without making the spans.

    >>> word_count("Group-based offending: £1.2 million, isn't it?")
    6
    """
    return len(_WORD.findall(text))
