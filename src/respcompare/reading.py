"""What a reader of a review sees: plain words for each verdict, the evidence grouped by ask
(deciding sentence first), and the few sentences furthest from the ask.

Reports have two readers. A reader for the Committee sees plain words ("the response refuses
what the petition asks") and the quoted sentences; an auditor also sees the rule ids, cue ids
and scores, in the JSON and in the report's "How this was decided" section
(``to_markdown(review, audit=True)``). Both Markdown and HTML take what they show from here, so
the two formats list the same sentences.

>>> import respcompare as rc
>>> r = rc.review(rc.load_example("grooming-gangs"))
>>> headline(r.assessments[1])
'The response commits to a narrower or smaller version of the ask.'
>>> [g.outcome.ask.text for g in evidence_by_ask(r.assessments[1])]
["Release the Home Office's Grooming Gang Review in full"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from .errors import InputError
from .model import Ask, AskOutcome, Assessment, Evidence, Petition, Response, Verdict

__all__ = [
    "AskEvidence",
    "ReportOptions",
    "combine_phrase",
    "evidence_by_ask",
    "furthest_from_ask",
    "furthest_report",
    "headline",
    "quote_tag",
    "reader_reasons",
    "row_phrase",
    "verdict_phrase",
]


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How a report is written; change one field with :func:`dataclasses.replace`.

    Attributes
    ----------
    audit
        Add the "How this was decided" section: rule ids, cue ids, scores and the judge's notes.
        Default False (a report for readers).
    furthest_max
        At most this many sentences are listed as "furthest from the ask". Default 3.
    furthest_min_sentences
        A response with fewer sentences (summary excluded) lists none: in a short response
        every sentence is near the answer. Default 8.
    furthest_share
        At most this share of the response's sentences is listed. Default 0.25.
    furthest_below
        Only sentences whose relevance to every ask is below this are listed; None takes the
        judge's ``topic_relevance`` (a sentence below it does not engage the ask's topic).
    furthest_restates
        A sentence at least this similar to an evidence sentence (RapidFuzz ratio of the
        lower-cased words, in [0, 1]) restates the answer and is not listed. Default 0.75.
    """

    audit: bool = False
    furthest_max: int = 3
    furthest_min_sentences: int = 8
    furthest_share: float = 0.25
    furthest_below: float | None = None
    furthest_restates: float = 0.75

    def __post_init__(self) -> None:
        for name in ("furthest_max", "furthest_min_sentences"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(f"ReportOptions.{name} must be a whole number >= 0, not {value!r}")
        if not 0.0 <= self.furthest_share <= 1.0:
            raise InputError(
                f"ReportOptions.furthest_share must lie in [0, 1], not {self.furthest_share!r}"
            )
        if not 0.0 <= self.furthest_restates <= 1.0:
            raise InputError(
                f"ReportOptions.furthest_restates must lie in [0, 1], "
                f"not {self.furthest_restates!r}"
            )
        if self.furthest_below is not None and not 0.0 <= self.furthest_below <= 1.0:
            raise InputError(
                f"ReportOptions.furthest_below must lie in [0, 1] or be None, "
                f"not {self.furthest_below!r}"
            )


DEFAULT_REPORT_OPTIONS = ReportOptions()


@lru_cache(maxsize=1)
def _phrases() -> dict[str, dict[str, str]]:
    raw = resources.files("respcompare").joinpath("data/report_phrases.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return {"verdict": dict(data["verdict"]), "combine": dict(data["combine"])}


def verdict_phrase(verdict: Verdict) -> str:
    """What a verdict means, completing "The response ...".

    >>> verdict_phrase(Verdict.ANSWERED_NO)
    'refuses what the petition asks'
    """
    return _phrases()["verdict"][verdict.value]


def combine_phrase(rule: str | None) -> str | None:
    """How several asks were put together, completing "The response ..."; None for a rule that
    is not a combination row.

    >>> combine_phrase("combine.some-answered")
    'grants one ask and takes no position on another'
    >>> combine_phrase("partly.narrower") is None
    True
    """
    if not rule or not rule.startswith("combine."):
        return None
    return _phrases()["combine"].get(rule.removeprefix("combine."))


def row_phrase(rule: str | None) -> str | None:
    """The judge's own plain description of a decision row (None for an unknown id).

    >>> row_phrase("no.declines")
    'declines the ask (explicitly, by rationale, or by keeping the status quo)'
    """
    from .judge import COMBINE_ROWS, DECISION_ROWS

    return dict(DECISION_ROWS + COMBINE_ROWS).get(rule or "")


def headline(assessment: Assessment) -> str:
    """The verdict in plain words: what the deciding row says the response does, or, when
    several asks were combined, how they were, and what that adds up to.

    >>> from respcompare.model import Assessment
    >>> headline(Assessment(Verdict.ANSWERED_NO, 0.9, 0, (), (), rule="no.declines"))
    'The response declines the ask (explicitly, by rationale, or by keeping the status quo).'
    >>> a = Assessment(Verdict.DEFERRED, 0.3, 3, (), (), rule="combine.none-answered")
    >>> print(headline(a))  # doctest: +ELLIPSIS
    The response answers none of the asks. Overall it neither agrees nor refuses: it leaves ...
    """
    combined = combine_phrase(assessment.rule)
    if assessment.rule and assessment.rule.startswith("learned."):
        return (
            f"The response {verdict_phrase(assessment.verdict)}, as the learned verdict model "
            "reads it (the rules alone read it otherwise)."
        )
    if combined is None:
        return f"The response {row_phrase(assessment.rule) or verdict_phrase(assessment.verdict)}."
    text = f"The response {combined}."
    if assessment.rule == "combine.none-answered":
        text += f" Overall it {verdict_phrase(assessment.verdict)}."
    return text


def reader_reasons(assessment: Assessment) -> tuple[str, ...]:
    """Why a person should check the verdict, in words: a reason that is a score ("confidence
    0.46 is under 0.8") reads "a careful reader may well read it differently" (the figure and
    its terms are in the audit)."""
    out: list[str] = []
    for reason in assessment.review_reasons:
        text = (
            "a careful reader may well read it differently"
            if reason.startswith("confidence ")
            else reason
        )
        if text not in out:
            out.append(text)
    if assessment.needs_review and not out:
        out.append("the evidence is thin")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class AskEvidence:
    """One ask with how the response stands on it and the quoted evidence, deciding item first.

    ``outcome`` is None for evidence about the whole response rather than one ask; ``deciding``
    is True for the ask that decided the response's verdict.
    """

    outcome: AskOutcome | None
    evidence: tuple[Evidence, ...]
    deciding: bool = False


def _deciding_first(outcome: AskOutcome) -> tuple[Evidence, ...]:
    ev = outcome.evidence
    first = [e for e in ev if e.rule == outcome.rule]
    return tuple(first + [e for e in ev if e.rule != outcome.rule])


def evidence_by_ask(assessment: Assessment) -> tuple[AskEvidence, ...]:
    """The evidence grouped by the ask it belongs to (:attr:`Evidence.ask`), the deciding ask
    first and, within each ask, the item of the ask's own deciding rule first.

    Every piece of the assessment's evidence appears under its ask; evidence that names no ask
    (or an ask the assessment does not list) comes last, under ``outcome=None``.
    """
    by_text = {o.ask.text: o for o in assessment.asks}
    decider = assessment.evidence[0].ask if assessment.evidence else None
    order = sorted(
        assessment.asks,
        key=lambda o: 0 if o.ask.text == decider else 1,
    )
    groups = [AskEvidence(o, _deciding_first(o), o.ask.text == decider) for o in order]
    shown = {(e.span.start, e.span.end, e.ask) for g in groups for e in g.evidence}
    loose = tuple(
        e
        for e in assessment.evidence
        if (e.ask not in by_text) or (e.span.start, e.span.end, e.ask) not in shown
    )
    # evidence that the judge rewrote for the response (a combination row) but whose sentence is
    # already shown under its ask is not repeated
    loose = tuple(e for e in loose if not any(e.span == x.span for g in groups for x in g.evidence))
    if loose:
        groups.append(AskEvidence(None, loose, False))
    return tuple(groups)


def _summary_end(response: Response) -> int:
    """Where the summary ends in ``response.full_text`` (0 without a summary)."""
    if response.summary and response.full_text.startswith(response.summary):
        return len(response.summary)
    return 0


def _relevance_to_asks(
    asks: list[Ask], petition: Petition | None, text: str
) -> Callable[[str], float]:
    """How much a sentence of ``text`` is about the closest of ``asks``: the judge's relevance
    (:func:`respcompare.judge.sentence_relevance`), with each ask's model made once per response
    (lazily, on the first sentence asked about) instead of once per sentence."""
    from .asks import content_stems, load_synonyms
    from .judge import JudgeConfig
    from .judge.relevance import AskModel, ask_model, match, score, vocab_map

    cfg = JudgeConfig.default()
    models: list[AskModel] = []

    def relevance(sentence: str) -> float:
        if not models:
            syn = load_synonyms()
            models.extend(
                ask_model(a, petition or Petition(action=a.text), text, syn, cfg) for a in asks
            )
        stems = content_stems(sentence)
        return max(
            (
                score(match(m, sentence, stems, vocab_map(m, tuple(set(stems)), cfg)), cfg)
                for m in models
            ),
            default=0.0,
        )

    return relevance


@dataclass(frozen=True, slots=True)
class FurthestCandidate:
    """One of the judge's off-ask sentences and whether the report lists it (and if not, why).

    ``relevance`` (to the closest ask) is None when an earlier rule already settled the matter
    and it was not worked out.
    """

    evidence: Evidence
    relevance: float | None
    listed: bool
    reason: str


def furthest_report(
    response: Response,
    assessment: Assessment,
    *,
    petition: Petition | None = None,
    options: ReportOptions | None = None,
) -> tuple[FurthestCandidate, ...]:
    """Each of the judge's "furthest from the ask" sentences (:attr:`Assessment.off_ask`) with
    whether a report lists it, and the reason when it does not.

    A sentence is listed only when it is not evidence for any ask, does not restate an evidence
    sentence (``furthest_restates``), is not part of the summary, is clearly off the ask
    (relevance to every ask under ``furthest_below``), and the response is long enough
    (``furthest_min_sentences``); at most ``furthest_max`` and ``furthest_share`` of the
    sentences are listed.
    """
    from .judge import JudgeConfig
    from .segment import segment

    opts = options or DEFAULT_REPORT_OPTIONS
    below = (
        JudgeConfig.default().topic_relevance
        if opts.furthest_below is None
        else opts.furthest_below
    )
    summary_end = _summary_end(response)
    body = [s for s in segment(response.full_text).sentences if s.span.start >= summary_end]
    room = min(opts.furthest_max, int(len(body) * opts.furthest_share))
    evidence = [e.span for e in assessment.evidence] + [
        e.span for o in assessment.asks for e in o.evidence
    ]
    evidence_words = {" ".join(s.text.lower().split()) for s in evidence}
    relevance_of = _relevance_to_asks(
        [o.ask for o in assessment.asks], petition, response.full_text
    )
    out: list[FurthestCandidate] = []
    listed = 0
    for ev in assessment.off_ask:
        relevance: float | None = None
        words = " ".join(ev.text.lower().split())
        if any(ev.span.overlaps(s) for s in evidence):
            reason = "it is evidence for the verdict"
        elif any(fuzz.ratio(words, w) / 100.0 >= opts.furthest_restates for w in evidence_words):
            reason = "it restates evidence for the verdict"
        elif ev.span.start < summary_end:
            reason = "it is part of the summary, which states the answer"
        elif len(body) < opts.furthest_min_sentences:
            reason = f"the response is short ({len(body)} sentences)"
        elif listed >= room:
            reason = f"at most {room} sentences are listed for this response"
        else:
            relevance = round(relevance_of(ev.text), 4)
            reason = (
                f"its relevance {relevance:.2f} is not under {below:.2f}"
                if relevance >= below
                else ""
            )
        ok = not reason
        listed += ok
        out.append(FurthestCandidate(ev, relevance, ok, reason))
    return tuple(out)


def furthest_from_ask(
    response: Response,
    assessment: Assessment,
    *,
    petition: Petition | None = None,
    options: ReportOptions | None = None,
) -> tuple[Evidence, ...]:
    """The sentences a report lists as "furthest from the ask": never evidence, never the
    summary, none in a short response (see :func:`furthest_report` for the rules).

    >>> import respcompare as rc
    >>> case = rc.load_example("grooming-gangs")
    >>> r = rc.review(case)
    >>> far = furthest_from_ask(case.responses[0], r.assessments[0], petition=case.petition)
    >>> evidence = {e.span for e in r.assessments[0].evidence}
    >>> 0 < len(far) <= 3 and not evidence & {e.span for e in far}
    True
    """
    return tuple(
        c.evidence
        for c in furthest_report(response, assessment, petition=petition, options=options)
        if c.listed
    )


def quote_tag(assessment: Assessment, evidence: Evidence) -> str:
    """What an ask's first quoted sentence is, in a reader's words (Markdown and HTML alike).

    For the rules' verdict it is the deciding sentence. A learned verdict weighed the whole text,
    so no one sentence decided it: its first quote is the most telling sentence (the sentence
    selector's pick, :mod:`respcompare.judge.decisive`), or, where the selector had none to offer,
    the rules' deciding sentence, and the tag says which and what the rules read.

    >>> from respcompare.model import Evidence, Span
    >>> ev = Evidence("no.declines", Span.of("We will not.", 0, 12), "We will not.")
    >>> a = Assessment(Verdict.ANSWERED_NO, 0.9, 0, (), (ev,))
    >>> quote_tag(a, ev)
    'deciding sentence'
    """
    rd = assessment.learned
    if evidence.rule.startswith("learned.") and rd is not None and rd.applied:
        if "most telling sentence" in evidence.note:
            return f"most telling sentence (the rules alone read {rd.rule_verdict.value})"
        return (
            f"sentence the rules read as {rd.rule_verdict.value} "
            "(the learned model weighed the whole text)"
        )
    return "deciding sentence"
