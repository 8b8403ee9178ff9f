"""The judge: did a response answer the petition's asks? (:func:`assess`)

Subpackage layout, in pipeline order: :mod:`.config` (every weight and threshold, from
``data/judge.toml``), :mod:`.relevance` (how much a sentence is about an ask), :mod:`.stance`
(what a clause does, from ``data/judge_rules.toml`` and the cue engine), :mod:`.decisive` (the
most telling sentence of a response, a selector fitted on the sentences the behavioural suite's
writers quoted, from ``data/decisive_model.json``), :mod:`.learned` (the learned verdict model, a
second reading fitted on the behavioural suite, from ``data/verdict_model.json``),
:mod:`.decide` (the decision table and :func:`assess`).
"""

from __future__ import annotations

from .config import JudgeConfig
from .decide import COMBINE_ROWS, DECISION_ROWS, assess
from .decisive import SentenceSelector, most_telling
from .learned import VerdictModel
from .relevance import sentence_relevance

__all__ = [
    "COMBINE_ROWS",
    "DECISION_ROWS",
    "JudgeConfig",
    "SentenceSelector",
    "VerdictModel",
    "assess",
    "most_telling",
    "sentence_relevance",
]
