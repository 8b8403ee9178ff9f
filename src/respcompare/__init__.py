"""respcompare: did the government answer the petition?

Read a government response to a UK petition and say, with evidence, whether it answered what
the petition asked; align an original response with its revision; find the language that
carries the weight; measure reused boilerplate.

>>> import respcompare as rc
>>> case = rc.load_example("grooming-gangs")
>>> [r.label for r in case.responses]
['original', 'revised']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    EmptyTextError,
    FetchError,
    InputError,
    InputTooLargeError,
    LexiconError,
    OptionalDependencyError,
    PetitionFormatError,
    RespcompareError,
    UnknownExampleError,
)
from .model import (
    Ask,
    AskOutcome,
    Assessment,
    Attachment,
    Case,
    Cue,
    DirectnessTerm,
    Downgrade,
    Evidence,
    LearnedReading,
    Petition,
    Response,
    Span,
    Update,
    Verdict,
)

# `segment` and `readability` are both a module and the function the package exports under that
# name; they are bound here, eagerly and last, so that no later import of the submodule can put
# the module in the function's place (both modules are light: no nltk until the first sentence)
from .readability import Readability, readability
from .segment import segment

# everything else is imported on first use, so `import respcompare` stays light: the cue engine
# (its compiled lexicon patterns and lemma tables), the aligner (rapidfuzz), the pipeline and the
# corpus, the judge (nltk's Porter stemmer), the reuse index (numpy) and the charts (matplotlib)
_LAZY = {
    "Alignment": "alignment",
    "align": "alignment",
    "Corpus": "corpus",
    "LoadError": "corpus",
    "ReviewSet": "corpus",
    "load_corpus": "corpus",
    "review_many": "corpus",
    "cue_action": "cues",
    "find_cues": "cues",
    "kwic": "cues",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "case_from_texts": "load",
    "examples": "load",
    "load_example": "load",
    "load_petition": "load",
    "Review": "pipeline",
    "review": "pipeline",
    "assess": "judge",
    "JudgeConfig": "judge",
    "ReuseIndex": "reuse",
    "build_index": "reuse",
    "carried_over": "reuse",
    "carried_over_share": "reuse",
    "shared_passages": "reuse",
    "CommitmentLedger": "promises",
    "track_commitments": "promises",
    "fetch_petition": "fetch",
    "check_draft": "check",
    "DraftCheck": "check",
}


def __getattr__(name: str) -> Any:
    """``rc.review``, ``rc.plot``, ``rc.build_index`` ... import their modules on first use."""
    import importlib

    if name == "plot":
        return importlib.import_module(f"{__name__}.plot")
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from .alignment import Alignment, align
    from .check import DraftCheck, check_draft
    from .corpus import Corpus, LoadError, ReviewSet, load_corpus, review_many
    from .cues import cue_action, find_cues, kwic
    from .fetch import fetch_petition
    from .judge import JudgeConfig, assess
    from .lexicon import Lexicon, load_lexicon
    from .load import case_from_texts, examples, load_example, load_petition
    from .pipeline import Review, review
    from .promises import CommitmentLedger, track_commitments
    from .reuse import ReuseIndex, build_index, carried_over, carried_over_share, shared_passages


__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Ask",
    "AskOutcome",
    "Assessment",
    "Attachment",
    "Case",
    "CommitmentLedger",
    "Corpus",
    "Cue",
    "DirectnessTerm",
    "Downgrade",
    "DraftCheck",
    "EmptyTextError",
    "Evidence",
    "FetchError",
    "InputError",
    "InputTooLargeError",
    "JudgeConfig",
    "LearnedReading",
    "Lexicon",
    "LexiconError",
    "LoadError",
    "OptionalDependencyError",
    "Petition",
    "PetitionFormatError",
    "Readability",
    "RespcompareError",
    "Response",
    "ReuseIndex",
    "Review",
    "ReviewSet",
    "Span",
    "UnknownExampleError",
    "Update",
    "Verdict",
    "__version__",
    "align",
    "assess",
    "build_index",
    "carried_over",
    "carried_over_share",
    "case_from_texts",
    "check_draft",
    "cue_action",
    "examples",
    "fetch_petition",
    "find_cues",
    "kwic",
    "load_corpus",
    "load_example",
    "load_lexicon",
    "load_petition",
    "readability",
    "review",
    "review_many",
    "segment",
    "shared_passages",
    "track_commitments",
]
