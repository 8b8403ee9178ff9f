"""JudgeConfig: every number the judge uses, named, with where its default came from.

The defaults live in ``data/judge.toml`` (each with a ``source``); the directness weights there
were fitted by ``benchmarks/fit_directness.py`` on the Committee-judged dev rows, and the file
records the figures they reached. Change a number with :func:`dataclasses.replace`:

>>> import dataclasses
>>> cfg = dataclasses.replace(JudgeConfig.default(), on_ask_relevance=0.5)
>>> cfg.on_ask_relevance
0.5
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import InputError

__all__ = ["JudgeConfig"]


# settings that are shares (each in [0, 1]) and thresholds on scores in [0, 1] (0 or more: a
# threshold above 1 is never passed, which turns its step off)
_SHARES = frozenset(["head_floor", "headless_share", "headless_cap", "context_carry"])
_THRESHOLDS = frozenset(
    [
        "on_ask_relevance",
        "topic_relevance",
        "petition_reference_relevance",
        "review_below",
        "learned_override_above",
    ]
)
# word weights and bonuses (0 or more: a negative weight would count a word against a match)
_WEIGHTS = frozenset(
    [
        "generic_word_weight",
        "number_word_weight",
        "head_word_weight",
        "learned_alias_weight",
        "restated_word_weight",
        "head_bonus",
        "act_bonus",
    ]
)


@dataclass(frozen=True, slots=True)
class JudgeConfig:
    """The judge's weights and thresholds (see ``data/judge.toml`` for each one's source).

    Relevance (how much a sentence names the ask):

    - ``generic_word_weight``, ``number_word_weight``, ``head_word_weight``: weights of an
      object word that is generic ("office"), a number, or the object's head noun.
    - ``alias_fuzz_cutoff``, ``spelling_fuzz_cutoff``: RapidFuzz scores (0-100) from which a
      curated alias applies to the ask, and a response word counts as a spelling of an ask word.
    - ``learned_alias_weight``, ``restated_word_weight``: how much an alias learned from the
      texts, and a word the petition uses when restating its ask, count as the object word.
    - ``head_floor``, ``head_bonus``, ``act_bonus``: relevance given for naming the head noun,
      and added for naming the ask's act.
    - ``headless_share``, ``headless_cap``: a sentence that does not name the object's head
      keeps its relevance only when it names at least ``headless_share`` of the object;
      otherwise its relevance is capped at ``headless_cap`` (it engages the topic at most).

    Decision:

    - ``on_ask_relevance``: a clause at least this relevant takes a position on the ask.
    - ``topic_relevance``: a sentence at least this relevant engages the ask's topic.
    - ``context_carry``: share of the previous sentence's relevance a sentence inherits
      (anaphora: "we will not do so").
    - ``petition_reference_relevance``: relevance of a sentence that names "this petition".
    - ``max_sentences``: sentences read per response (longer responses are flagged).
    - ``max_clause_chars``: the longest clause the stance rules read (longer are cut and
      flagged).

    Confidence: ``confidence_intercept`` and ``confidence_weights`` of the fitted logistic model
    (``benchmarks/fit_confidence.py``), and ``review_below`` (``needs_review`` when confidence is
    lower). Without weights, confidence is the deciding rule's own strength.

    Learned verdict model: ``learned_override_above``, the probability above which the fitted
    model's verdict replaces the rules' (:mod:`respcompare.judge.learned`); 1.0 turns the model
    off (no probability exceeds it) and ``Assessment.learned`` is then None.

    Directness: ``directness_intercept`` and ``directness_weights`` (name -> weight) of the
    fitted logistic model.
    """

    generic_word_weight: float = 0.4
    number_word_weight: float = 0.5
    head_word_weight: float = 1.6
    alias_fuzz_cutoff: float = 90.0
    spelling_fuzz_cutoff: float = 88.0
    learned_alias_weight: float = 0.9
    restated_word_weight: float = 0.6
    head_floor: float = 0.45
    head_bonus: float = 0.1
    act_bonus: float = 0.15
    headless_share: float = 0.6
    headless_cap: float = 0.25
    on_ask_relevance: float = 0.4
    topic_relevance: float = 0.2
    context_carry: float = 0.75
    petition_reference_relevance: float = 0.6
    max_sentences: int = 3000
    max_clause_chars: int = 1200
    review_below: float = 0.5
    learned_override_above: float = 0.6
    directness_intercept: float = 0.0
    directness_weights: tuple[tuple[str, float], ...] = ()
    confidence_intercept: float = 0.0
    confidence_weights: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name in ("directness_weights", "confidence_weights"):
                ok = isinstance(v, tuple) and all(
                    isinstance(pair, tuple)
                    and len(pair) == 2
                    and isinstance(pair[0], str)
                    and isinstance(pair[1], (int, float))
                    and not isinstance(pair[1], bool)
                    and math.isfinite(pair[1])
                    for pair in v
                )
                if not ok:
                    raise InputError(f"{f.name} must be a tuple of (name, finite weight) pairs")
                continue
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
                raise InputError(f"JudgeConfig.{f.name} must be a finite number, not {v!r}")
            if f.type in (int, "int") and not isinstance(v, int):
                raise InputError(f"JudgeConfig.{f.name} must be a whole number, not {v!r}")
            if f.name in _COUNTS and v < 1:
                raise InputError(f"JudgeConfig.{f.name} must be at least 1, not {v!r}")
            if f.name in _SHARES and not 0 <= v <= 1:
                raise InputError(f"JudgeConfig.{f.name} is a share in [0, 1], not {v!r}")
            if f.name in _THRESHOLDS and v < 0:
                raise InputError(
                    f"JudgeConfig.{f.name} is a threshold on a score in [0, 1], 0 or more "
                    f"(above 1 turns its step off), not {v!r}"
                )
            if f.name in _WEIGHTS and v < 0:
                raise InputError(f"JudgeConfig.{f.name} is a weight, 0 or more, not {v!r}")
            if f.name.endswith("_cutoff") and not 0 <= v <= 100:
                raise InputError(
                    f"JudgeConfig.{f.name} is a fuzzy-match score in [0, 100], not {v!r}"
                )

    @staticmethod
    def default() -> JudgeConfig:
        """The defaults from ``data/judge.toml``."""
        return _bundled()

    @staticmethod
    def from_toml(text: str) -> JudgeConfig:
        """A config from TOML text shaped like ``data/judge.toml``."""
        if not isinstance(text, str):
            raise InputError(f"JudgeConfig.from_toml() takes TOML text, not {type(text).__name__}")
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"judge config is not valid TOML: {exc}") from exc
        try:
            return _from_raw(raw)
        except InputError:
            raise
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise InputError(
                f"judge config is not shaped like data/judge.toml ({type(exc).__name__}: {exc})"
            ) from None


#: The settings that count things (sentences, characters): whole numbers, at least 1.
_COUNTS = frozenset({"max_sentences", "max_clause_chars"})


def _from_raw(raw: dict[str, Any]) -> JudgeConfig:
    values: dict[str, Any] = {}
    known = {f.name for f in fields(JudgeConfig)}
    for name, entry in raw.get("setting", {}).items():
        if name not in known:
            raise InputError(f"unknown judge setting {name!r}; known: {', '.join(sorted(known))}")
        values[name] = entry["value"] if isinstance(entry, dict) else entry
    d = raw.get("directness", {})
    if d:
        values["directness_intercept"] = float(d.get("intercept", 0.0))
        values["directness_weights"] = tuple(
            (str(k), float(v)) for k, v in dict(d.get("weights", {})).items()
        )
    c = raw.get("confidence", {})
    if c:
        values["confidence_intercept"] = float(c.get("intercept", 0.0))
        values["confidence_weights"] = tuple(
            (str(k), float(v)) for k, v in dict(c.get("weights", {})).items()
        )
    return JudgeConfig(**values)


@lru_cache(maxsize=1)
def _bundled() -> JudgeConfig:
    text = resources.files("respcompare").joinpath("data/judge.toml").read_text("utf-8")
    return JudgeConfig.from_toml(text)
