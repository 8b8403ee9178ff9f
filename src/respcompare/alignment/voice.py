"""Clauses, whose voice a hedge is in, and whether an edit turned a clause's polarity.

"What the revision changed" must not claim more than the text shows:

- a hedge counts as the government's only when its clause has the government or the writer as
  subject ("we may", "the Department could", "it may be possible"); "Extremists may seek to
  ..." hedges a claim about someone else (word lists: ``data/voice.toml``);
- a polarity flip is a clause that says the opposite after the edit: each clause of the earlier
  sentence is paired with the most similar clause of the later one (negations, auxiliaries and
  modals left out of the comparison), and a pair flips when exactly one side is negated or
  refuses. A clause that
  was only added or dropped ("..., but not in full") is not a flip.

>>> from respcompare.model import Span
>>> text = "We will not publish the review."
>>> flips("We will publish the review.", Span(0, 27, "We will publish the review."),
...       text, Span(0, len(text), text))
True
>>> longer = "We will publish the review, but not the annexes."
>>> flips("We will publish the review.", Span(0, 27, "We will publish the review."),
...       longer, Span(0, len(longer), longer))
False
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from ..model import Cue, Span

__all__ = ["clause_spans", "flips", "government_hedge"]

# Where a clause ends: punctuation that separates clauses, a dash between spaces, and the
# conjunctions that start a new clause.
# Each behind a lookahead on its first character: the same matches, found faster (the engine
# passes over any other position in one test instead of trying each alternative there).
_BREAK = re.compile(
    r"(?=[,;:()\u2013\u2014\sabhw])"
    r"(?:[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|however|although|whereas|while|which|who)\b)",
    re.I,
)
_NEGATION = re.compile(r"(?=[nc])(?:\b(?:not|no|never|none|nor|neither|cannot)\b|n't\b)", re.I)
_WORD = re.compile(r"[A-Za-z0-9']+")
_SENTENCE_END_CHARS = ".!?\n"
_SENTENCE_END = re.compile(f"[{_SENTENCE_END_CHARS}]")
#: Least similarity (RapidFuzz ratio on the clause words, negations left out, in [0, 1]) for two
#: clauses to be read as the same clause before and after an edit.
CLAUSE_MATCH = 0.85
#: At most this many clauses of each side are compared (an op spans a few sentences; this
#: bounds the pairing at MAX_CLAUSES ** 2 comparisons on a hostile input).
MAX_CLAUSES = 200


@dataclass(frozen=True, slots=True)
class _Voice:
    first_person: frozenset[str]
    government: tuple[str, ...]
    impersonal: frozenset[str]
    always: frozenset[str]
    stance_words: frozenset[str]


@lru_cache(maxsize=1)
def _voice() -> _Voice:
    raw = resources.files("respcompare").joinpath("data/voice.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return _Voice(
        first_person=frozenset(data["first_person"]["words"]),
        government=tuple(sorted(data["government"]["words"], key=len, reverse=True)),
        impersonal=frozenset(data["impersonal"]["words"]),
        always=frozenset(data["always"]["senses"]),
        stance_words=frozenset(data["stance_words"]["words"]),
    )


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]`` as half-open ranges, empty pieces left out.

    >>> t = "We will act, but not yet."
    >>> [t[a:b] for a, b in clause_spans(t, 0, len(t))]
    ['We will act', ' not yet.']
    """
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BREAK.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


@lru_cache(maxsize=16)
def _clauses(text: str, start: int, end: int) -> tuple[list[int], tuple[tuple[int, int], ...]]:
    """:func:`clause_spans` of one sentence with their starts, remembered: every hedge of a
    sentence looks up its clause there (a sentence of many hedges is split once, not per hedge).
    """
    spans = tuple(clause_spans(text, start, end))
    return [a for a, _ in spans], spans


def _names_government(words: list[str]) -> bool:
    v = _voice()
    if any(w in v.first_person for w in words):
        return True
    joined = f" {' '.join(words)} "
    return any(f" {g} " in joined for g in v.government)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def government_hedge(text: str, cue: Cue) -> bool:
    """True when the hedge ``cue`` (found in ``text``) is the government's own hedge.

    >>> from respcompare import find_cues
    >>> def hedges(t):
    ...     return [government_hedge(t, c) for c in find_cues(t) if c.category == "hedge"]
    >>> hedges("Extremists may also seek to exploit legitimate concerns.")
    [False]
    >>> hedges("It may be possible to act. Perhaps we will. Funding is around 2.7m.")
    [True, True, True]
    """
    v = _voice()
    if cue.sense in v.always:
        return True
    # the sentence and the clause that hold the cue (the sentence starts after the last sentence
    # end before the cue: found backwards, not by scanning the text from its start for each cue)
    sentence_start = 1 + max(text.rfind(ch, 0, cue.span.start) for ch in _SENTENCE_END_CHARS)
    m = _SENTENCE_END.search(text, cue.span.end)
    sentence_end = m.end() if m else len(text)
    clause_start = sentence_start
    starts, clauses = _clauses(text, sentence_start, sentence_end)
    k = bisect_right(starts, cue.span.start) - 1
    if k >= 0 and cue.span.start < clauses[k][1]:
        clause_start = clauses[k][0]
    prefix = _words(text[clause_start : cue.span.start])
    if prefix:
        # the cue follows its subject: "we may", "the Government could", "it may be"
        return _names_government(prefix) or (len(prefix) == 1 and prefix[0] in v.impersonal)
    # the cue opens its clause ("Perhaps we ...", "If the evidence changes, we will ..."): the
    # government's when the sentence names it, or when the clause goes on impersonally
    after = _words(text[cue.span.end : sentence_end])
    return _names_government(_words(text[sentence_start:sentence_end])) or bool(
        after and after[0] in v.impersonal
    )


def _negative(text: str, a: int, b: int, cues: Sequence[Cue]) -> bool:
    negated = len(_NEGATION.findall(text, a, b)) % 2 == 1
    refuses = any(c.category == "refusal" and a <= c.span.start < b for c in cues)
    return negated or refuses


def _may_negate(text: str, span: Span, cues: Sequence[Cue]) -> bool:
    """False when no clause of ``span`` can be :func:`_negative`: no negation anywhere in the
    span and no refusal starting in it. (A negation a clause finds, the span finds too: a
    clause ends where the span does or before a break, and a break that starts with a letter
    follows a non-letter, so no negation word ends at a clause's end inside the span.)"""
    return _NEGATION.search(text, span.start, span.end) is not None or any(
        c.category == "refusal" and span.start <= c.span.start < span.end for c in cues
    )


def _key(text: str, a: int, b: int) -> str:
    """The clause's words for pairing: negations, auxiliaries and modals left out."""
    skip = _voice().stance_words
    return " ".join(w for w in _words(_NEGATION.sub(" ", text[a:b])) if w not in skip)


def flips(
    a_text: str,
    a_span: Span,
    b_text: str,
    b_span: Span,
    a_cues: Sequence[Cue] = (),
    b_cues: Sequence[Cue] = (),
) -> bool:
    """True when a clause of ``a_span`` reads the opposite way in ``b_span`` (see the module
    docstring); ``a_cues``/``b_cues`` are the two texts' cues (refusals count as negative)."""
    if not _may_negate(a_text, a_span, a_cues) and not _may_negate(b_text, b_span, b_cues):
        return False  # no clause on either side is negative: none can flip
    ac = clause_spans(a_text, a_span.start, a_span.end)[:MAX_CLAUSES]
    bc = clause_spans(b_text, b_span.start, b_span.end)[:MAX_CLAUSES]
    a_keys = [_key(a_text, a, b) for a, b in ac]
    b_keys = [_key(b_text, a, b) for a, b in bc]
    pairs = sorted(
        (
            (fuzz.ratio(ka, kb) / 100.0, i, j)
            for i, ka in enumerate(a_keys)
            if ka
            for j, kb in enumerate(b_keys)
            if kb
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, i, j in pairs:
        if score < CLAUSE_MATCH:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if _negative(a_text, *ac[i], a_cues) != _negative(b_text, *bc[j], b_cues):
            return True
    return False
