"""The judge: did a response answer the petition's asks? (:func:`assess`)

Subpackage layout, in pipeline order: :mod:`.config` (every weight and threshold, from
``data/judge.toml``), :mod:`.relevance` (how much a sentence is about an ask), :mod:`.stance`
(what a clause does, from ``data/judge_rules.toml`` and the cue engine), :mod:`.decide` (the
decision table and :func:`assess`).
"""

from __future__ import annotations

from .config import JudgeConfig
from .decide import COMBINE_ROWS, DECISION_ROWS, assess
from .relevance import sentence_relevance

__all__ = ["COMBINE_ROWS", "DECISION_ROWS", "JudgeConfig", "assess", "sentence_relevance"]
