"""Commitments in a response: one row per sentence, its strongest reading, the act's lemma,
tense and due date.

The cue engine (:mod:`respcompare.cues`) can read one sentence several ways ("Arrangements for a
public inquiry will be made ... in due course" is a commitment and a deferral). A commitments
table shows each sentence once, with the reading the cue engine is surest of (the highest
strength; then the higher rung); the other readings stay on the row (``also``), never dropped.

Tense says whether the sentence makes the promise now (``current``), reports one made before
(``past``: "we closed the iPlayer loophole, committed to increase the licence fee"; "The
Government set out on 19 May its intention to publish ..."), or makes it on a condition
(``conditional``). "will not need to be paid in full until January 2022" is a timetable, not a
refusal: it is read as a dated commitment.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from .cues import LADDER_CATEGORIES, cue_action
from .due import DueDate, find_due_dates
from .errors import LexiconError
from .lemmas import is_base_verb, lemma
from .model import Cue, Response, Span
from .segment import Segmentation

__all__ = ["Commitment", "Tense", "extract_commitments"]

#: When a commitment is made: now, reported from before, or on a condition.
Tense = Literal["current", "past", "conditional"]


@dataclass(frozen=True, slots=True)
class Commitment:
    """A ladder cue in a response (commitment, refusal, deferral, review loop) with its due date.

    One per sentence: ``cue`` is the sentence's strongest reading and ``also`` its other
    ladder readings. ``action`` is the lemma of the committed verb ("publish"); ``object`` what
    it acts on ("a paper on group-based child sexual exploitation"), None when not read;
    ``due`` the time expression in the same sentence and the date it falls due, counted from
    the response date (None when the sentence names no time); ``tense`` whether the promise is
    made now, reported from before, or conditional.
    """

    cue: Cue
    level: int | None
    action: str | None
    sentence: Span
    due: DueDate | None
    tense: Tense = "current"
    object: str | None = None
    also: tuple[Cue, ...] = ()

    @property
    def category(self) -> str:
        """The reading's category: commitment, refusal, deferral or review-loop."""
        return self.cue.category


@dataclass(frozen=True, slots=True)
class _Rules:
    past_heads: frozenset[str]
    present_aux: frozenset[str]
    reporting: tuple[str, ...]
    not_until: tuple[str, ...]
    vague_heads: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = resources.files("respcompare").joinpath("data/promises.toml").read_text("utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - our own file
        raise LexiconError(f"respcompare/data/promises.toml is not valid TOML ({exc})") from exc
    tense, until = data.get("tense"), data.get("not_until")
    if not (isinstance(tense, dict) and isinstance(until, dict)) or not all(
        isinstance(t.get("source"), str) for t in (tense, until)
    ):  # pragma: no cover - our own file
        raise LexiconError(
            "respcompare/data/promises.toml needs [tense] and [not_until] with sources"
        )
    return _Rules(
        past_heads=frozenset(tense["past_heads"]),
        present_aux=frozenset(tense["present_auxiliaries"]),
        reporting=tuple(tense["reporting_verbs"]),
        not_until=tuple(sorted(until["patterns"], key=len, reverse=True)),
        vague_heads=frozenset(data["objects"]["vague_heads"]),
    )


_WORD = re.compile(r"[A-Za-z’']+")
# how an object ends: a clause or purpose boundary
_OBJECT_END = re.compile(
    r"[,;:–—()]|\s-\s|\b(?:which|that|who|so that|in order to|to ensure|to help|before|after|"
    r"when|while|once|as part of|following|by the end|later|this year|next year|in due course|"
    r"shortly|and will|but|and (?:a|an|the)|and to)\b",
    re.I,
)
# "The Government committed in 2015 to increase the licence fee": a pledge reported with its
# time between the verb and its act, which the cue engine does not read as a commitment
_PAST_PLEDGE = re.compile(
    r"\b(?:committed|pledged|promised|undertook)\s+(?:in|on|at|during|through)\s+"
    r"[^,.;:]{1,40}?\s+to\s+([a-z]+)",
    re.I,
)


def _past_pledges(text: str, seg: Segmentation, taken: set[int]) -> list[tuple[Span, Cue]]:
    """Past pledges in sentences that have no ladder reading, as commitment cues whose scope
    is their sentence (their tense reads as past)."""
    out: list[tuple[Span, Cue]] = []
    for sent in seg.sentences:
        if sent.span.start in taken:
            continue
        m = _PAST_PLEDGE.search(sent.span.text)
        if m is None or not is_base_verb(lemma(m[1])):
            continue
        a, b = sent.span.start + m.start(), sent.span.start + m.end()
        cue = Cue(
            category="commitment",
            sense="pledge",
            rule=f"commitment.past-pledge>{lemma(m[1])}",
            span=Span(a, b, text[a:b]),
            level=4,
            strength=0.6,
            scope=Span(a, sent.span.end, text[a : sent.span.end]),
        )
        out.append((sent.span, cue))
    return out


_PASSIVE = re.compile(
    r"\b(?:be|been|being)\s+(?:\w+(?:ed|en)|made|set|laid|held|put|brought|taken|given|kept|"
    r"done|sent|shown|built|paid|written)\b",
    re.I,
)
# nominal commitments that a reporting verb before them makes past ("set out ... its intention
# to publish")
_NOMINAL = frozenset(["intention", "commitment", "plan", "plans", "pledge", "promise", "ambition"])
_LEAD = re.compile(r"^(?:to|the|a|an|its|our|their|up|out|on|forward|about|in)\s+", re.I)


def _tense(cue: Cue, sentence: Span, text: str) -> Tense:
    if cue.sense == "conditional" or cue.rule.endswith("+conditional"):
        return "conditional"
    rules = _rules()
    words = _WORD.findall(cue.span.text.lower())
    before = _WORD.findall(text[sentence.start : cue.span.start].lower())
    if words and words[0] in rules.past_heads and not (before and before[-1] in rules.present_aux):
        return "past"
    prefix = text[sentence.start : cue.span.start].lower()
    # "set out on 19 May its intention to publish" reports a promise made earlier, unless a
    # present auxiliary makes it a standing one ("has committed to", "is committed to")
    if (
        words
        and words[0] in _NOMINAL
        and any(re.search(rf"\b{re.escape(v)}\b", prefix) for v in rules.reporting)
        and not re.search(r"\b(?:will|is|are|has|have|remains?)\b", prefix)
    ):
        return "past"
    return "current"


_UNTIL = re.compile(r"\buntil\b")


# "until" in any case, word boundaries or not: every scope whose lower-cased text has
# r"\buntil\b" holds one of these (lower() maps no other character to one of its letters)
_UNTIL_ANY_CASE = re.compile("until", re.I)


@lru_cache(maxsize=4)
def _untils(text: str) -> list[int]:
    """Where ``text`` has "until" (in any case), in order."""
    return [m.start() for m in _UNTIL_ANY_CASE.finditer(text)]


@lru_cache(maxsize=1)
def _not_until_pattern() -> re.Pattern[str]:
    negated = "|".join(re.escape(x) for x in _rules().not_until)
    return re.compile(rf"\b(?:{negated})\b")


def _negation_then_until(scope: str) -> bool:
    """True when a line of ``scope`` has a "not until" negation with "until" after it.

    The same answer as ``re.search(r"\b(?:NEGATED)\b.*\buntil\b", scope)`` in linear time
    (that pattern backtracks through the rest of the line from every negation: cubic on a long
    clause of "will not will not ..."): per line, the last "until", then a negation that ends
    before it. A negation never ends right at "until" (two word boundaries in a row), so
    searching up to the character before the "until" changes no boundary it needs.
    """
    negation = _not_until_pattern()
    line_start = 0
    while line_start <= len(scope):
        nl = scope.find("\n", line_start)
        line_end = len(scope) if nl < 0 else nl
        last = None
        for m in _UNTIL.finditer(scope, line_start, line_end):
            last = m
        if last is not None and negation.search(
            scope, line_start, max(line_start, last.start() - 1)
        ):
            return True
        line_start = line_end + 1
    return False


def _not_until(cue: Cue, text: str, dues: Sequence[DueDate], sentence: Span) -> DueDate | None:
    """The 'until <date>' of a refusal that states a timetable ("will not need to be paid in
    full until January 2022"), or None for a real refusal."""
    if cue.category != "refusal" or cue.scope is None:
        return None
    # most scopes hold no "until" at all: looked up among the text's, not read again per cue
    untils = _untils(text)
    k = bisect_left(untils, cue.scope.start)
    if k == len(untils) or untils[k] >= cue.scope.end:
        return None
    if not _negation_then_until(cue.scope.text.lower()):
        return None
    for d in dues:
        at = sentence.start + d.span.start
        if (
            d.due is not None
            and d.span.text.lower().startswith("until")
            and (cue.scope.start <= at < cue.scope.end)
        ):
            return d
    return None


def _object(cue: Cue, text: str, sentence: Span, action: str | None) -> str | None:
    """What the committed act is on: after the verb for an active commitment ("will publish
    a paper on ..."), the clause's subject for a passive one ("More detail will be
    published")."""
    if cue.scope is None:
        return None
    after = text[cue.span.end : cue.scope.end]
    passive = bool(_PASSIVE.search(cue.span.text))
    if passive or not after.strip():
        piece = text[max(sentence.start, cue.scope.start) : cue.span.start]
        if not piece.strip():
            piece = text[sentence.start : cue.span.start]
        parts = [x for x in re.split(r",|\bthat\b|\bwhich\b", piece) if x.strip()]
        piece = parts[-1] if parts else ""
    else:
        piece = after
    piece = piece.strip()
    first = piece.split(" ", 1)
    if len(first) == 2 and action and lemma(first[0].strip(",.")) == action.split()[0]:
        piece = first[1]  # "committed to ensuring that X": the object is X
    piece = re.sub(r"^(?:that|whether)\s+", "", piece.strip(), flags=re.I)
    # "options consistent with WTO rules to address the importation of shark fins": a vague
    # head takes its purpose's object
    head = piece.split(" ", 2)
    if head and head[0].lower() in _rules().vague_heads:
        purpose = re.search(r"\bto\s+(\w+)\s+(.+)$", piece)
        if purpose and is_base_verb(purpose[1]):
            piece = purpose[2]
    m = _OBJECT_END.search(piece)
    piece = piece[: m.start()] if m and m.start() > 0 else piece
    piece = _LEAD.sub("", _LEAD.sub("", piece.strip()))
    words = piece.split()
    if not words:
        return None
    return " ".join(words[:12]).strip(" .")


_GERUND = re.compile(r"\b([a-z]+ing)\b(?:\s+(place|up|out|forward|in|on|ahead))?")


def _gerund(cue: Cue) -> str | None:
    """The act of "committed to GCSE, AS and A level exams taking place": the first gerund of
    the scope that is a known verb, with its particle ("take place")."""
    if cue.category != "commitment" or cue.scope is None:
        return None
    for m in _GERUND.finditer(cue.scope.text[len(cue.span.text) :]):
        base = lemma(m[1])
        if base != m[1] and is_base_verb(base):
            return f"{base} {m[2]}" if m[2] else base
    return None


def _within(a: Cue, b: Cue) -> bool:
    """True when the two cues' scopes overlap."""
    sa, sb = a.scope or a.span, b.scope or b.span
    return sa.start < sb.end and sb.start < sa.end


def _verb(action: str | None) -> str | None:
    """The action when it is a verb ("publish", "set out"), else None ("gcse")."""
    if not action or not is_base_verb(action.split()[0]):
        return None
    return action


def _strength(c: Cue) -> tuple[float, int, int]:
    return (c.strength or 0.0, c.level if c.level is not None else -1, -c.span.start)


def extract_commitments(
    response: Response, cues: Sequence[Cue], seg: Segmentation
) -> tuple[Commitment, ...]:
    """One :class:`Commitment` per sentence that carries a ladder cue, in text order.

    ``cues`` are the response's cues (over ``response.full_text``) and ``seg`` its
    segmentation.

    >>> from respcompare import Response, find_cues
    >>> from respcompare.segment import segment
    >>> r = Response("Arrangements for a public inquiry will be made in due course.")
    >>> (c,) = extract_commitments(r, find_cues(r.full_text), segment(r.full_text))
    >>> c.cue.category, c.level, c.action, [a.category for a in c.also]
    ('commitment', 4, 'make', ['deferral'])
    """
    text = response.full_text
    groups: dict[int, list[Cue]] = {}
    sentences: dict[int, Span] = {}
    for cue in cues:
        if cue.category not in LADDER_CATEGORIES:
            continue
        sent = seg.sentence_at(cue.span.start)
        sentence = sent.span if sent is not None else cue.span
        key = sentence.start if sent is not None else -1 - cue.span.start
        groups.setdefault(key, []).append(cue)
        sentences[key] = sentence
    for sentence, cue in _past_pledges(text, seg, set(groups)):
        sentences[sentence.start] = sentence
        groups[sentence.start] = [cue]
    out: list[Commitment] = []
    # due dates per distinct sentence text (their spans index the sentence): a sentence
    # repeated through a response is read once
    dues_of: dict[str, list[DueDate]] = {}
    for key in sorted(groups, key=lambda k: sentences[k].start):
        sentence, group = sentences[key], groups[key]
        found = dues_of.get(sentence.text)
        if found is None:
            found = dues_of[sentence.text] = find_due_dates(sentence.text, on=response.date)
        readings: list[tuple[Cue, DueDate | None]] = []
        for cue in group:
            until = _not_until(cue, text, found, sentence)
            if until is not None:  # a timetable, read as a dated commitment
                cue = Cue(
                    category="commitment",
                    sense="dated",
                    rule=cue.rule + "+not-until",
                    span=cue.span,
                    level=5,
                    strength=cue.strength,
                    scope=cue.scope,
                )
            readings.append((cue, until))
        best, until = max(readings, key=lambda r: _strength(r[0]))
        if best.category == "deferral":
            # "will recognise ... at a time when": the deferral is the commitment's condition,
            # and the commitment, which names the act, is the reading (its rung counts it)
            holder = next(
                (
                    r
                    for r in readings
                    if r[0].category == "commitment"
                    and r[0].scope is not None
                    and r[0].scope.start <= best.span.start < r[0].scope.end
                ),
                None,
            )
            if holder is not None:
                best, until = holder
        others = tuple(c for c, _ in readings if c is not best)
        # a reading without a verb takes the verb of a reading inside its scope ("will
        # recognise ... at a time when": the deferral's act is "recognise")
        action = (
            _verb(cue_action(best))
            or _gerund(best)
            or next(
                (a for a in (_verb(cue_action(o)) for o in others if _within(o, best)) if a), None
            )
        )
        # a date before the response is what happened, not when the promise falls due
        dues = [
            d
            for d in found
            if (best.category in {"commitment", "deferral"} or d.vague)
            and (d.due is None or response.date is None or d.due >= response.date)
        ]
        pick = until or (dues[0] if dues else None)
        due = None
        if pick is not None:
            start = sentence.start + pick.span.start
            due = DueDate(
                Span.of(text, start, start + len(pick.span)), pick.due, pick.vague, pick.rule
            )
        out.append(
            Commitment(
                cue=best,
                level=best.level,
                action=action,
                sentence=sentence,
                due=due,
                tense=_tense(best, sentence, text),
                object=_object(best, text, sentence, action),
                also=others,
            )
        )
    return tuple(out)
