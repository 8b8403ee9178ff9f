"""The most telling sentence: which sentence of a response a careful clerk would quote for the
verdict, learned from the sentences the behavioural suite's writers named.

Every case of ``tests/data/judge_cases.toml`` says in ``why`` which sentence decides it, quoted.
``benchmarks/fit_verdict_model.py`` finds that sentence in the response (a fuzzy match of the
quote, its "..." parts each matched) and fits a linear model that scores each sentence of a
response, a softmax over the sentences: the features are the sentence's words and word pairs, the
cue categories in it (refusal, deferral, commitment, ...), how many of the ask's content words it
names, and where it sits (summary, first, last). The sentence with the highest score is the one
:func:`most_telling` returns.

The learned verdict model reads that sentence's words (``decisive:`` features), and a verdict the
learned model gives quotes it first: the rules' deciding sentence argues the rules' verdict, which
the learned model overrode.

The weights are data (``data/decisive_model.json``, with their ``source`` and the figures the fit
reached on held-out sets). Scoring is a dictionary lookup per word of each sentence, bounded by
:data:`MAX_SENTENCES`.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from ..analysis import TextAnalysis
from ..asks import content_stems
from ..errors import InputError
from ..segment import Sentence, word_texts

__all__ = [
    "MAX_SENTENCES",
    "SentenceSelector",
    "TellingSentence",
    "most_telling",
    "sentence_features",
]

#: The most sentences of a response the selector scores (a bound; real responses have far
#: fewer). Sentences past it are never picked.
MAX_SENTENCES = 600


@dataclass(frozen=True, slots=True)
class TellingSentence:
    """The sentence :func:`most_telling` picked: its position among the response's sentences,
    the sentence, its score, and the cue categories in it."""

    index: int
    sentence: Sentence
    score: float
    cues: frozenset[str]


@dataclass(frozen=True, slots=True)
class SentenceSelector:
    """A linear sentence scorer: ``weights`` by feature name (:func:`sentence_features`), with
    the closed-class words ``ignored`` that make no word feature and the ``source`` of the fit."""

    weights: dict[str, float]
    ignored: frozenset[str] = frozenset()
    source: str = ""

    @staticmethod
    def default() -> SentenceSelector:
        """The bundled selector (``data/decisive_model.json``)."""
        return _bundled()

    @staticmethod
    def from_json(text: str) -> SentenceSelector:
        """A selector from JSON shaped like ``data/decisive_model.json``."""
        try:
            raw = json.loads(text)
            weights = {str(k): float(v) for k, v in raw["weights"].items()}
            ignored = frozenset(str(w) for w in raw.get("ignored_words", ()))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"sentence selector is not valid: {exc}") from exc
        return SentenceSelector(weights, ignored, str(raw.get("source", "")))

    def score(self, features: dict[str, float]) -> float:
        """The sentence's score: the weighted sum of its features."""
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in features.items())


def sentence_features(
    ask_stems: frozenset[str],
    text: str,
    cues: frozenset[str],
    index: int,
    count: int,
    in_summary: bool,
    ignored: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """The named features of one sentence (``text``, the ``index``-th of ``count``) for the
    selector: ``w:``/``p:`` words and word pairs (lower-cased; words in ``ignored`` make none),
    ``cue=`` the cue categories (and ``category/sense``) in it, ``ov=`` how many of the ask's
    content stems it names (0 to 3 or more) and ``share`` their share, ``cue=X&ov>0`` for a cue
    in a sentence that names the ask, ``summary`` and ``pos=first|mid|last``.

    >>> cues = frozenset({"refusal"})
    >>> f = sentence_features(frozenset({"ban"}), "We will not ban it.", cues, 0, 2, False)
    >>> f["ov=1"], f["cue=refusal&ov>0"], f["w:not"], f["pos=first"]
    (1.0, 1.0, 1.0, 1.0)
    """
    f: dict[str, float] = {"bias": 1.0}
    named = len(set(content_stems(text)) & ask_stems)
    f[f"ov={min(named, 3)}"] = 1.0
    f["share"] = named / max(1, len(ask_stems))
    for c in sorted(cues):
        f[f"cue={c}"] = 1.0
        if "/" not in c and named:
            f[f"cue={c}&ov>0"] = 1.0
    if in_summary:
        f["summary"] = 1.0
    f["pos=first" if index == 0 else "pos=last" if index == count - 1 else "pos=mid"] = 1.0
    words = [w if w not in ignored else "" for w in (x.lower() for x in word_texts(text))]
    for w in words:
        if w:
            f[f"w:{w}"] = 1.0
    for a, b in pairwise(words):
        if a and b:
            f[f"p:{a} {b}"] = 1.0
    return f


def sentence_cues(analysis: TextAnalysis) -> list[frozenset[str]]:
    """The cue categories (and ``category/sense``) in each sentence of the analysis."""
    sents = analysis.segmentation.sentences
    starts = [s.span.start for s in sents]
    out: list[set[str]] = [set() for _ in sents]
    for c in analysis.cues:
        k = bisect.bisect_right(starts, c.span.start) - 1
        if k >= 0:
            out[k].add(c.category)
            out[k].add(f"{c.category}/{c.sense}")
    return [frozenset(x) for x in out]


def candidates(
    ask_text: str, analysis: TextAnalysis, summary_end: int, ignored: frozenset[str]
) -> list[tuple[Sentence, frozenset[str], dict[str, float]]]:
    """Each sentence (up to :data:`MAX_SENTENCES`) with its cue categories and features."""
    sents: Sequence[Sentence] = analysis.segmentation.sentences[:MAX_SENTENCES]
    cues = sentence_cues(analysis)
    ask = frozenset(content_stems(ask_text))
    n = len(sents)
    return [
        (
            s,
            cues[k],
            sentence_features(ask, s.span.text, cues[k], k, n, s.span.start < summary_end, ignored),
        )
        for k, s in enumerate(sents)
    ]


def most_telling(
    ask_text: str,
    analysis: TextAnalysis,
    summary_end: int = 0,
    selector: SentenceSelector | None = None,
) -> TellingSentence | None:
    """The sentence of the analysed response a clerk would most likely quote on the ask (the
    highest score; the earlier of equals), or None for a text with no sentence.

    ``summary_end`` is where the summary ends in the analysed text (0 for none).

    >>> from respcompare.analysis import analyse
    >>> a = analyse("Pollinators matter to farming. The Government will not ban the pesticide.")
    >>> most_telling("Ban the pesticide", a).sentence.span.text
    'The Government will not ban the pesticide.'
    """
    sel = selector or SentenceSelector.default()
    return best_of(candidates(ask_text, analysis, summary_end, sel.ignored), sel)


def best_of(
    cands: Sequence[tuple[Sentence, frozenset[str], dict[str, float]]], selector: SentenceSelector
) -> TellingSentence | None:
    """The highest-scoring of :func:`candidates` (the earlier of equals), or None for none."""
    best: TellingSentence | None = None
    for k, (s, cues, feats) in enumerate(cands):
        sc = selector.score(feats)
        if best is None or sc > best.score:
            best = TellingSentence(k, s, round(sc, 4), cues)
    return best


@lru_cache(maxsize=1)
def _bundled() -> SentenceSelector:
    text = resources.files("respcompare").joinpath("data/decisive_model.json").read_text("utf-8")
    return SentenceSelector.from_json(text)


def as_json(selector: SentenceSelector, extra: dict[str, Any]) -> str:
    """The selector as the JSON ``from_json`` reads (used by the fit script): one weight a line."""
    head = {"source": selector.source, **extra, "ignored_words": sorted(selector.ignored)}
    return weights_json(head, {k: str(round(v, 4)) for k, v in selector.weights.items()})


def weights_json(head: dict[str, Any], weights: dict[str, str]) -> str:
    """A fitted model's JSON: the ``head`` fields, then ``weights`` (name -> its value already
    written as JSON) one a line, in name order, so a refit diffs line by line."""
    lines = [json.dumps(head, indent=1, ensure_ascii=False)[:-2] + ',\n"weights": {']
    items = sorted(weights.items())
    for i, (k, v) in enumerate(items):
        sep = "," if i < len(items) - 1 else ""
        lines.append(f"{json.dumps(k, ensure_ascii=False)}: {v}{sep}")
    lines.append("}}")
    return "\n".join(lines) + "\n"
