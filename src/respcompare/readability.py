"""Readability that never touches the network.

textstat's English syllable counter looks words up in CMUdict and calls ``nltk.download`` when it
is missing, so this module does not use textstat at all. Syllables come from pyphen's
hyphenation dictionary (bundled with pyphen, offline): the number of hyphenation points plus one,
with a vowel-group count as a floor for words pyphen will not split. Sentences come from
:func:`respcompare.segment.segment`, words from :func:`respcompare.segment.words`.

Formulas: Flesch reading ease (Flesch 1948) ``206.835 - 1.015 * words/sentence - 84.6 *
syllables/word``; Flesch-Kincaid grade (Kincaid et al. 1975) ``0.39 * words/sentence + 11.8 *
syllables/word - 15.59``. Nominalisation rate: share of words with a nominal suffix (-tion,
-sion, -ment, -ness, -ance, -ence, -ity, -ism, -al noun forms excluded). Passive rate: share of
sentences with a form of *be* (or *get*) followed, within two adverbs, by a past participle.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from .errors import InputError, OptionalDependencyError
from .segment import segment, word_texts

__all__ = ["Readability", "readability", "syllables"]

METHOD = (
    "syllables: pyphen en_GB hyphenation points + 1 (vowel-group floor), offline; "
    "sentences: respcompare.segment (Punkt with UK abbreviations); "
    "Flesch reading ease (Flesch 1948); Flesch-Kincaid grade (Kincaid et al. 1975); "
    "nominalisations by suffix; passives by be/get + past participle"
)

# a nominal suffix, optionally plural, at the end of a word (str.endswith: one test per word)
_NOMINAL_ENDINGS = tuple(
    e + plural
    for e in ("tion", "sion", "ment", "ness", "ance", "ence", "ancy", "ency", "ity", "ism")
    for plural in ("", "s")
)
_NOT_NOMINAL = frozenset(
    [
        "nation",
        "station",
        "mention",
        "question",
        "moment",
        "comment",
        "lament",
        "cement",
        "city",
        "pity",
        "sentence",
        "fence",
        "dance",
        "chance",
        "prince",
        "since",
        "hence",
        "once",
        "cement",
        "element",
        "segment",
        "garment",
        "pension",
        "mansion",
        "lotion",
        "potion",
        "motion",
        "ocean",
        "science",
        "evidence",
        "silence",
        "finance",
        "balance",
        "ment",
    ]
)
_BE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "get",
        "gets",
        "got",
        "getting",
        "gotten",
    ]
)
_IRREGULAR_PP = frozenset(
    [
        "made",
        "given",
        "taken",
        "done",
        "seen",
        "known",
        "shown",
        "written",
        "held",
        "kept",
        "laid",
        "paid",
        "said",
        "sent",
        "set",
        "put",
        "built",
        "brought",
        "bought",
        "caught",
        "taught",
        "found",
        "left",
        "lost",
        "met",
        "read",
        "run",
        "sold",
        "told",
        "thought",
        "understood",
        "spent",
        "won",
        "begun",
        "broken",
        "chosen",
        "driven",
        "eaten",
        "fallen",
        "forgotten",
        "hidden",
        "ridden",
        "risen",
        "spoken",
        "stolen",
        "sworn",
        "thrown",
        "woken",
        "undertaken",
        "overseen",
        "cut",
        "hit",
        "hurt",
        "let",
        "shut",
        "spread",
        "led",
        "fed",
        "bound",
        "heard",
    ]
)
_NOT_PP = frozenset(["need", "indeed", "speed", "seed", "feed", "bed", "red", "shed", "hundred"])
_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    try:
        import pyphen
    except ImportError as exc:  # pragma: no cover - pyphen is a hard dependency
        raise OptionalDependencyError(
            "readability needs pyphen: pip install pyphen (it is offline and small)"
        ) from exc
    return pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=20000)
def syllables(word: str) -> int:
    """Syllables in one word, counted offline with pyphen (never CMUdict, never the network).

    >>> [syllables(w) for w in ["we", "government", "publish", "exploitation", "people"]]
    [1, 3, 2, 4, 2]
    """
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if any(ch.isdigit() for ch in w):
        return max(1, len(re.findall(r"\d", w)))
    total = 0
    for part in re.split(r"[-'’]", w):
        if not part:
            continue
        hyph = len(_pyphen().positions(part)) + 1
        groups = len(_VOWELS.findall(part))
        silent_e = part.endswith("e") and not part.endswith(("le", "ee", "ye"))
        silent_es = part.endswith(("es", "ed")) and not part.endswith(
            ("ses", "ces", "zes", "ges", "xes", "ies", "ches", "shes", "ted", "ded")
        )
        if (silent_e or silent_es) and groups > 1:
            groups -= 1
        total += max(hyph, groups, 1)
    return total


@dataclass(frozen=True, slots=True)
class Readability:
    """Readability figures for one text; ``method`` says how each was measured.

    Rates are in [0, 1]; a figure that cannot be computed (no sentences) is None.
    """

    words: int
    sentences: int
    syllables: int
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    sentence_length_mean: float | None
    sentence_length_median: float | None
    sentence_length_p90: float | None
    sentence_lengths: tuple[int, ...]
    long_sentence_share: float | None
    nominalisation_rate: float | None
    passive_rate: float | None
    method: str = METHOD

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (sentence lengths as a list)."""
        d = asdict(self)
        d["sentence_lengths"] = list(self.sentence_lengths)
        return d


def _is_participle(tok: str) -> bool:
    return tok in _IRREGULAR_PP or (
        len(tok) > 4 and tok.endswith(("ed", "en")) and tok not in _NOT_PP
    )


def _passive(tokens: list[str]) -> bool:
    if _BE.isdisjoint(tokens):
        return False
    for i, t in enumerate(tokens):
        if t in _BE:
            j = i + 1
            while j < len(tokens) and j <= i + 2 and tokens[j].endswith("ly"):
                j += 1
            if j < len(tokens) and tokens[j] in {"not", "also", "now", "being", "been"}:
                j += 1
            if j < len(tokens) and _is_participle(tokens[j]):
                return True
    return False


def _sentence_counts(sentence: str) -> tuple[int, int, int, int]:
    """Words, syllables, nominalisations and passives (0 or 1) of one sentence."""
    toks = list(map(str.lower, word_texts(sentence)))
    if not toks:
        return 0, 0, 0, 0
    return (
        len(toks),
        sum(map(syllables, toks)),
        sum(
            1 for t in toks if len(t) > 6 and t.endswith(_NOMINAL_ENDINGS) and t not in _NOT_NOMINAL
        ),
        int(_passive(toks)),
    )


def readability(text: str, *, long_sentence: int = 25) -> Readability:
    """Flesch reading ease, Flesch-Kincaid grade, sentence lengths, nominalisations, passives.

    Parameters
    ----------
    text
        Any text (a response's ``full_text``).
    long_sentence
        Sentences of more than this many words count as long (GOV.UK advises 25 at most).

    >>> r = readability("We will publish the paper. It was written by officials.")
    >>> r.sentences, r.words, r.passive_rate
    (2, 10, 0.5)
    >>> round(r.flesch_reading_ease, 1)
    74.9
    """
    if not isinstance(text, str):
        raise InputError(f"readability() takes a string, not {type(text).__name__}")
    if isinstance(long_sentence, bool) or not isinstance(long_sentence, int) or long_sentence < 1:
        raise InputError(
            "long_sentence must be a positive whole number of words, e.g. 25; "
            f"got {long_sentence!r}"
        )
    seg = segment(text)
    lengths: list[int] = []
    n_words = n_syll = n_nominal = n_passive = 0
    # (words, syllables, nominalisations, passives) per distinct sentence text: a sentence
    # repeated through a text is counted once
    counted: dict[str, tuple[int, int, int, int]] = {}
    for s in seg.sentences:
        got = counted.get(s.text)
        if got is None:
            got = counted[s.text] = _sentence_counts(s.text)
        n, syll, nominal, passive = got
        if not n:
            continue
        lengths.append(n)
        n_words += n
        n_syll += syll
        n_nominal += nominal
        n_passive += passive
    if not lengths:
        return Readability(0, 0, 0, None, None, None, None, None, (), None, None, None)
    wps = n_words / len(lengths)
    spw = n_syll / n_words
    ordered = sorted(lengths)
    p90 = float(ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))])
    return Readability(
        words=n_words,
        sentences=len(lengths),
        syllables=n_syll,
        flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 2),
        flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 2),
        sentence_length_mean=round(statistics.fmean(lengths), 2),
        sentence_length_median=float(statistics.median(lengths)),
        sentence_length_p90=p90,
        sentence_lengths=tuple(lengths),
        long_sentence_share=sum(1 for n in lengths if n > long_sentence) / len(lengths),
        nominalisation_rate=round(n_nominal / n_words, 4),
        passive_rate=round(n_passive / len(lengths), 4),
    )
