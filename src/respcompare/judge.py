"""Ask x response -> :class:`~respcompare.model.Assessment` (first, simple judge).

This baseline finds sentences that talk about the petition's ask (shared content words), and
reads the stance of those sentences from a handful of modal patterns: a refusal, a commitment,
a deferral. Every verdict cites the sentences that decided it.
"""

from __future__ import annotations

import re

from .model import Ask, AskOutcome, Assessment, Evidence, Petition, Response, Verdict
from .segment import segment, words

__all__ = ["assess"]

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "and",
        "or",
        "from",
        "into",
        "all",
        "any",
        "be",
        "is",
        "are",
        "was",
        "were",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "we",
        "our",
        "us",
        "you",
        "your",
        "they",
        "their",
        "them",
        "government",
        "uk",
        "please",
        "should",
        "must",
        "would",
        "could",
        "can",
        "will",
        "not",
        "no",
        "do",
        "does",
        "make",
        "let",
    ]
)

_PATTERNS: tuple[tuple[str, Verdict, int, re.Pattern[str]], ...] = (
    (
        "refusal",
        Verdict.ANSWERED_NO,
        0,
        re.compile(
            r"\b(?:no (?:current )?plans? to|will not|won't|does not intend|do not intend|"
            r"not planning to|has no intention|is not (?:going|able) to|cannot agree|"
            r"not (?:be )?(?:appropriate|possible) to)\b",
            re.I,
        ),
    ),
    (
        "deferral",
        Verdict.DEFERRED,
        3,
        re.compile(
            r"\b(?:will|would) (?:carefully )?consider|keep (?:\w+ ){0,3}under (?:close )?review|"
            r"in due course|once (?:\w+ ){0,4}(?:has|have) (?:reported|concluded)|"
            r"at a time when|is considering|are considering",
            re.I,
        ),
    ),
    (
        "commitment",
        Verdict.ANSWERED_YES,
        4,
        re.compile(
            r"\b(?:will|intends? to|shall|is going to|are going to|plans? to|is committed to)\s+"
            r"(?!continue\b|consider\b|not\b|keep\b|work\b|do\b|help\b)\w+",
            re.I,
        ),
    ),
)


def _terms(text: str) -> set[str]:
    out = set()
    for w in words(text):
        t = w.text.lower().strip("'’")
        if len(t) > 2 and t not in _STOP and not t[0].isdigit():
            out.add(t[:6])  # a crude stem: enough for review/reviews, publish/published
    return out


def assess(petition: Petition, response: Response) -> Assessment:
    """Judge one response against the petition's action.

    >>> from respcompare import Petition, Response
    >>> a = assess(Petition(action="Ban fireworks"),
    ...            Response(text="The Government has no plans to ban fireworks."))
    >>> a.verdict.value, a.commitment
    ('answered-no', 0)
    """
    ask = Ask(text=petition.action, action="", object=petition.action)
    ask_terms = _terms(petition.action)
    text = response.full_text
    seg = segment(text)
    evidence: list[Evidence] = []
    best: tuple[float, Verdict, int, Evidence] | None = None
    on_topic = 0
    for sent in seg.sentences:
        terms = _terms(sent.text)
        overlap = len(terms & ask_terms) / max(len(ask_terms), 1)
        if overlap > 0:
            on_topic += 1
        if overlap < 0.3:
            continue
        for rule, verdict, level, pattern in _PATTERNS:
            if pattern.search(sent.text):
                early = 1.0 if sent.index == 0 else 0.85 if sent.paragraph <= 1 else 0.7
                score = min(1.0, overlap + 0.2) * early
                ev = Evidence(
                    rule=f"baseline.{rule}",
                    span=sent.span,
                    text=sent.text,
                    note=f"{rule} in a sentence sharing {overlap:.0%} of the ask's words",
                )
                if best is None or score > best[0]:
                    best = (score, verdict, level, ev)
                break
    if best is None:
        verdict = Verdict.DEFLECTED if on_topic else Verdict.NOT_ADDRESSED
        directness = 0.1 if on_topic else 0.0
        commitment = None
    else:
        score, verdict, commitment_level, ev = best
        evidence.append(ev)
        directness = round(score, 3)
        commitment = commitment_level
    outcome = AskOutcome(
        ask=ask,
        verdict=verdict,
        commitment=commitment,
        directness=directness,
        evidence=tuple(evidence),
    )
    return Assessment(
        verdict=verdict,
        directness=directness,
        commitment=commitment,
        asks=(outcome,),
        evidence=tuple(evidence),
        response_label=response.label,
    )
