"""What one clause of a response does: refuse, argue against, keep, commit, defer, loop, report.

The stance rules are data (``data/judge_rules.toml``, each rule with an id and a source); the
cue engine's ladder cues (commitment, refusal, deferral, review-loop) come from the response's
:class:`~respcompare.analysis.TextAnalysis`. A sentence is cut into clauses at "but", "however",
"although", "while", semicolons and "so"/"therefore" before a new subject, so that "We will not
publish it in full, but we will publish a summary" reads as a refusal and a commitment.

>>> from respcompare import find_cues
>>> t = "We will not ban it, but we will publish guidance."
>>> [(c.family, c.rule) for c in read_clauses(t, find_cues(t))]
[('refuse', 'refuse.explicit'), ('cue-commit', 'cue.modal.will>publish')]
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Cue

__all__ = [
    "ActClass",
    "Clause",
    "Rule",
    "act_classes",
    "change_nouns",
    "clause_spans",
    "read_clauses",
    "rules",
]


@dataclass(frozen=True, slots=True)
class Rule:
    """One stance rule: its id (quoted in evidence), family, ladder level, strength, patterns."""

    id: str
    family: str
    level: int
    strength: float
    pattern_texts: tuple[str, ...]
    source: str
    combined: re.Pattern[str]  # all patterns as one alternation: one search per clause
    trigger: re.Pattern[str] | None = None  # a cheap test every match passes

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Each pattern compiled on its own (for tests and for showing which one matched;
        the judge itself searches ``combined`` only, so these are compiled on demand)."""
        return tuple(re.compile(p, re.I) for p in self.pattern_texts)


@dataclass(frozen=True, slots=True)
class ActClass:
    """A kind of act an ask asks for, with the contrary forms a response may use."""

    name: str
    verbs: frozenset[str]
    wants: str  # "change" | "status-quo"
    continuation: bool
    opposite: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause's stance: ``family``, the rule that fired and where (offsets into the text)."""

    start: int
    end: int
    family: str
    rule: str
    level: int
    strength: float
    cue_start: int
    cue_end: int
    also: tuple[str, ...] = ()  # other families that fired in the clause (e.g. "reported")


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The bundled stance rules, compiled once."""
    raw = tomllib.loads(
        resources.files("respcompare").joinpath("data/judge_rules.toml").read_text("utf-8")
    )
    out = []
    for r in raw["rule"]:
        out.append(
            Rule(
                id=str(r["id"]),
                family=str(r["family"]),
                level=int(r["level"]),
                strength=float(r["strength"]),
                pattern_texts=tuple(str(p) for p in r["patterns"]),
                source=str(r["source"]),
                combined=re.compile("|".join(f"(?:{p})" for p in r["patterns"]), re.I),
                trigger=re.compile(str(r["trigger"]), re.I) if "trigger" in r else None,
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _acts_toml() -> dict[str, Any]:
    """``data/judge_acts.toml``, read once for the act classes, change nouns and modify verbs."""
    return tomllib.loads(
        resources.files("respcompare").joinpath("data/judge_acts.toml").read_text("utf-8")
    )


@lru_cache(maxsize=1)
def change_nouns() -> dict[str, tuple[str, ...]]:
    """Nouns that name a change ("closure") -> the acts they name ("close", "shut")."""
    raw = _acts_toml()
    return {
        str(n): tuple(str(v) for v in c["verbs"])
        for c in raw.get("change_noun", [])
        for n in c["nouns"]
    }


@lru_cache(maxsize=1)
def modify_verbs() -> frozenset[str]:
    """Acts that change something that already exists (``[modify]`` in judge_acts.toml)."""
    raw = _acts_toml()
    return frozenset(str(v) for v in raw.get("modify", {}).get("verbs", ()))


@lru_cache(maxsize=1)
def act_classes() -> tuple[ActClass, ...]:
    """The bundled act classes (``data/judge_acts.toml``)."""
    raw = _acts_toml()
    return tuple(
        ActClass(
            name=str(c["name"]),
            verbs=frozenset(str(v) for v in c["verbs"]),
            wants=str(c["wants"]),
            continuation=bool(c["continuation"]),
            opposite=tuple(str(o) for o in c["opposite"]),
            source=str(c["source"]),
        )
        for c in raw["class"]
    )


# Where a sentence breaks into clauses: contrast and consequence connectives before a clause.
_CLAUSE_BREAK = re.compile(
    # every break starts with one of these characters: the look-ahead lets every other position
    # fail at once instead of in each branch (the same matches, a quarter faster)
    r"(?=[;:,\s])(?:"
    r";|:\s|\s[-–—]\s|,?\s(?:but|however|although|though|whereas|while|whilst|instead)\b[,]?"
    r"|,\s(?:and|but)\s"
    r"|,\s(?:so|therefore|and so|thus|which means)\s(?=(?:we|the government|it|this|there|"
    r"ministers|the department|they|i)\b)"
    r")",
    re.I,
)

_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|shall|should|can|could|must|may|might|do|does|did|is|are|was|were|has|"
    r"have|had)$",
    re.I,
)

# Precedence of families within one clause: the first that fires decides the clause.
_PRECEDENCE = (
    "reported",
    "affirm",
    "conditional",
    "refuse",
    "cue-refuse",
    "rationale",
    "status-quo",
    "decision",
    "process",
    "defer",
    "cue-defer",
    "in-place",
    "commit",
    "cue-commit",
    "loop",
    "cue-loop",
    "devolved",
)
_RANK = {f: i for i, f in enumerate(_PRECEDENCE)}
_DECLINE_OR_COMMIT = frozenset({"refuse", "cue-refuse", "rationale", "commit", "cue-commit"})
_CUE_FAMILY = {
    "refusal": "cue-refuse",
    "commitment": "cue-commit",
    "deferral": "cue-defer",
    "review-loop": "cue-loop",
}


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (one sentence) into clause ranges."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.group(0).endswith(",") and _MODAL_BEFORE.search(text, start, m.start()):
            # a parenthetical between a modal and its verb ("We will, however, reintroduce
            # maintenance grants") does not break the clause
            continue
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()] or [(start, end)]


# what a refusal cue may decline that is not the ask: talking about it (UK drafting: "it would
# not be appropriate to comment on", "we will not speculate", "cannot pre-empt")
_NOT_A_DECISION = re.compile(
    r"\s*(?:be\s+)?(?:\w+\s+)?(?:comment|commenting|speculate|speculating|pre-empt|prejudge|"
    r"discuss|go into detail|affected|impacted|disadvantaged|worse off)\b",
    re.I,
)


# a consideration already done introduces the decision that follows, it does not defer it
_DONE_CONSIDERING = re.compile(
    r"\b(?:having|after|following)\s+(?:\w+ly\s+)?(?:considered|reviewed|examined|weighed|"
    r"assessed|looked at)\b",
    re.I,
)
_NOT_A_DECISION_RULE = re.compile(r">(?:comment|speculate|pre-empt|prejudge|discuss)$")


# connective and sentence adverbs that sit between a modal and its verb without changing the
# stance ("will therefore remain", "will, however, not"): standard English grammar (Quirk et al.
# 1985, 8.134-8.137 on conjuncts)
_CONNECTIVE = re.compile(
    r",?\s*\b(?:therefore|thus|hence|also|still|consequently|accordingly|furthermore|moreover|"
    r"indeed|nevertheless|nonetheless|however|in effect|effectively|in turn|instead)\b,?(?=\s)",
    re.I,
)


def _without_connectives(clause: str) -> tuple[str, list[int]]:
    """``clause`` with connective adverbs removed, and for each kept character its position in
    ``clause``. "instead" is removed for the other rules but kept where a rule names it."""
    keep: list[int] = []
    out: list[str] = []
    last = 0
    for m in _CONNECTIVE.finditer(clause):
        if m.group(0).strip(" ,").lower() == "instead":
            continue
        out.append(clause[last : m.start()])
        keep.extend(range(last, m.start()))
        last = m.end()
    out.append(clause[last:])
    keep.extend(range(last, len(clause)))
    keep.append(len(clause))
    return "".join(out), keep


def _rule_hits(clause: str) -> tuple[tuple[int, str, str, int, float, int, int], ...]:
    """The stance rules that match ``clause``: (rank, family, id, level, strength, start, end),
    offsets into ``clause``. Remembered per clause text up to 2,000 characters, so a clause
    repeated through a response is read once (performance only)."""
    return _rule_hits_memo(clause) if len(clause) <= 2_000 else _rule_hits_of(clause)


@lru_cache(maxsize=4096)
def _rule_hits_memo(clause: str) -> tuple[tuple[int, str, str, int, float, int, int], ...]:
    return _rule_hits_of(clause)


def _rule_hits_of(clause: str) -> tuple[tuple[int, str, str, int, float, int, int], ...]:
    found: list[tuple[int, str, str, int, float, int, int]] = []
    # the rules read the clause without connective adverbs ("will therefore remain" is
    # "will remain"); ``back`` maps each position of the reading to the clause's
    reading, back = _without_connectives(clause)
    for rule in rules():
        if rule.trigger is not None and rule.trigger.search(reading) is None:
            continue
        m = rule.combined.search(reading)
        if m is not None:
            found.append(
                (
                    _RANK[rule.family],
                    rule.family,
                    rule.id,
                    rule.level,
                    rule.strength,
                    back[m.start()],
                    back[max(m.end() - 1, m.start())] + 1,
                )
            )
    return tuple(found)


def read_clauses(
    text: str,
    cues: Sequence[Cue],
    *,
    start: int = 0,
    end: int | None = None,
    max_clause_chars: int = 1200,
) -> list[Clause]:
    """The stance of each clause of the sentence ``text[start:end]`` that has one.

    ``cues`` are the cue engine's cues of the whole text (only those inside the sentence count).
    """
    end = len(text) if end is None else end
    out: list[Clause] = []
    for a, b in clause_spans(text, start, end):
        b_read = min(b, a + max_clause_chars)
        found: list[tuple[int, str, str, int, float, int, int]] = [
            (rank, fam, rid, level, strength, a + s, a + e)
            for rank, fam, rid, level, strength, s, e in _rule_hits(text[a:b_read])
        ]
        for c in cues:
            if c.category == "refusal" and c.span.text.lower().startswith("no longer"):
                continue  # "can no longer avoid prosecution" reports a change, not a refusal
            if c.category == "deferral" and _DONE_CONSIDERING.search(
                text, max(a, c.span.start - 14), c.span.start + 12
            ):
                continue  # "Having considered the evidence, ...": consideration finished
            if c.category == "refusal" and (
                _NOT_A_DECISION.match(text, c.span.end) or _NOT_A_DECISION_RULE.search(c.rule)
            ):
                continue  # "will not comment further" declines to discuss, not to act
            if a <= c.span.start < b and c.category in _CUE_FAMILY:
                fam = _CUE_FAMILY[c.category]
                if c.category == "commitment" and (c.level or 0) <= 3:
                    fam = "conditional" if c.sense == "conditional" else "cue-defer"
                found.append(
                    (
                        _RANK[fam],
                        fam,
                        f"cue.{c.rule}",
                        c.level if c.level is not None else 4,
                        c.strength if c.strength is not None else 0.7,
                        c.span.start,
                        c.span.end,
                    )
                )
        if not found:
            continue
        found.sort(key=lambda f: (f[0], f[5]))
        _rank, fam, rid, level, strength, s, e = found[0]
        others = tuple(dict.fromkeys(f[1] for f in found[1:] if f[1] != fam))
        before = [f for f in found[1:] if f[1] in _DECLINE_OR_COMMIT and f[5] < s]
        if fam == "reported" and before:
            # "Ministers have rejected calls for a ban": the position governs the reported words
            _rank, fam, rid, level, strength, s, e = before[0]
            others = tuple(dict.fromkeys(f[1] for f in found if f[1] != fam))
        elif fam == "reported" and _reported_then_position(text, found, s):
            # "The petition calls for a ban; we do not believe ..." inside one clause: the
            # position after the reported words decides
            nxt = next(f for f in found[1:] if f[1] != "reported" and f[5] > s)
            _rank, fam, rid, level, strength, s, e = nxt
            others = tuple(dict.fromkeys(f[1] for f in found if f[1] != fam))
        out.append(Clause(a, b, fam, rid, level, strength, s, e, others))
    return out


def _reported_then_position(
    text: str, found: list[tuple[int, str, str, int, float, int, int]], at: int
) -> bool:
    return any(
        f[1] not in ("reported", "devolved", "cue-loop", "loop") and f[5] > at + 25 for f in found
    )
