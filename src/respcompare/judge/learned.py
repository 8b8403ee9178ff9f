"""The learned verdict model: a linear model, fitted on the behavioural suite, that re-reads a
verdict.

The decision table (:mod:`respcompare.judge.decide`) gives a verdict from hand-written rules.
Sealed test sets showed those rules reach about six verdicts in ten on responses written by
someone else: each new set brings phrasings no rule names. The learned verdict model is a second
reading fitted on the labelled cases of ``tests/data/judge_cases.toml``
(``benchmarks/fit_verdict_model.py``): a multinomial logistic regression over named, binary
features of what the rules found (their verdict, the deciding row, the confidence features, each
ask's verdict and the words of its evidence sentences), of the most telling sentence (its words
and cue categories, :mod:`respcompare.judge.decisive`) and of the text (the words and word pairs
of the summary and response, the petition's first word). When the model gives another verdict a
probability above :attr:`~respcompare.judge.config.JudgeConfig.learned_override_above`, that
verdict replaces the rules' (:func:`apply_learned` says when) and the assessment says so:
``Assessment.rule`` becomes ``"learned.<verdict>"``, the first evidence item is the most telling
sentence (for an answer or a deferral) with a note of what the rules read, ``needs_review`` is set
when the probability is under ``review_below``, and ``Assessment.learned`` lists the features that
moved it, so the sum behind the choice can be shown.

The weights are data (``data/verdict_model.json``, with its ``source``, the words it ignores and
the figures the fit reached, leaving one sealed blind set out at a time). Nothing is downloaded
and reading is a dictionary lookup per feature: a few hundred multiplications per response.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from ..analysis import TextAnalysis, analyse_response
from ..asks import content_stems
from ..errors import InputError
from ..model import (
    AskOutcome,
    Assessment,
    DirectnessTerm,
    Evidence,
    LearnedReading,
    Petition,
    Response,
    Verdict,
)
from ..segment import word_texts
from .decisive import SentenceSelector, TellingSentence, most_telling, weights_json

__all__ = ["VerdictModel", "apply_learned", "learned_features"]

# the deciding sentence's words and the text's words: lower-cased tokens of segment.words
_MAX_TEXT_CHARS = 20_000
# evidence items read per ask: the deciding sentence and up to two more (leaving one blind set out
# over 17 sets, three gave 1,485 acceptable verdicts with 71 polarity errors against 1,474 with 73
# for the deciding sentence alone; five gave the same as three)
_EVIDENCE_READ = 3


@dataclass(frozen=True, slots=True)
class VerdictModel:
    """A fitted multinomial logistic model: one intercept and one weight per verdict and feature.

    ``ignored`` are the words that make no feature (``ignored_words`` in the JSON, with their
    source): closed-class words whose weights, fitted, only carried noise.
    """

    classes: tuple[Verdict, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    source: str = ""
    ignored: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        k = len(self.classes)
        if k < 2 or len(self.intercepts) != k:
            raise InputError("a verdict model needs at least two classes and one intercept each")
        for name, ws in self.weights.items():
            if len(ws) != k:
                raise InputError(f"verdict model feature {name!r} has {len(ws)} weights, not {k}")

    @staticmethod
    def default() -> VerdictModel:
        """The bundled model (``data/verdict_model.json``)."""
        return _bundled()

    @staticmethod
    def from_json(text: str) -> VerdictModel:
        """A model from JSON shaped like ``data/verdict_model.json``."""
        try:
            raw = json.loads(text)
            classes = tuple(Verdict(c) for c in raw["classes"])
            intercepts = tuple(float(x) for x in raw["intercepts"])
            weights = {str(k): tuple(float(x) for x in v) for k, v in raw["weights"].items()}
            ignored = frozenset(str(w) for w in raw.get("ignored_words", ()))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"verdict model is not valid: {exc}") from exc
        return VerdictModel(classes, intercepts, weights, str(raw.get("source", "")), ignored)

    def probabilities(self, features: dict[str, float]) -> list[float]:
        """The probability of each of :attr:`classes` given the features."""
        get = self.weights.get
        # each feature's weights (times its value when that is not 1), in the features' order,
        # summed per class from the intercept: the same additions, in the same order, as adding
        # them one by one (so the same floats), a column at a time
        rows = [
            ws if value == 1.0 else tuple(w * value for w in ws)
            for name, value in features.items()
            if value and (ws := get(name)) is not None
        ]
        z = (
            [sum(col, b) for col, b in zip(zip(*rows, strict=True), self.intercepts, strict=True)]
            if rows
            else list(self.intercepts)
        )
        top = max(z)
        e = [math.exp(x - top) for x in z]
        s = sum(e)
        return [x / s for x in e]

    def read(self, features: dict[str, float], rule_verdict: Verdict) -> LearnedReading:
        """The model's reading beside the rules' verdict (``applied`` False: whether it replaces
        theirs is :func:`apply_learned`'s decision)."""
        ps = self.probabilities(features)
        order = sorted(range(len(ps)), key=lambda k: (-ps[k], k))
        best = order[0]
        verdict = self.classes[best]
        terms: tuple[DirectnessTerm, ...] = ()
        if verdict is not rule_verdict and rule_verdict in self.classes:
            r = self.classes.index(rule_verdict)
            diffs = [
                DirectnessTerm(name, value, round(ws[best] - ws[r], 4))
                for name, value in features.items()
                if value and (ws := self.weights.get(name)) is not None
            ]
            diffs.sort(key=lambda t: (-abs(t.contribution), t.name))
            terms = tuple(t for t in diffs[:12] if t.weight)
        return LearnedReading(
            verdict,
            round(ps[best], 3),
            rule_verdict,
            False,
            tuple((self.classes[k], round(ps[k], 3)) for k in order),
            terms,
        )


def _tokens(text: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """Lower-cased words of ``text``; an ignored word leaves a gap ("") that no pair crosses."""
    return [
        w if w not in ignore else ""
        for w in (x.lower() for x in word_texts(text[:_MAX_TEXT_CHARS]))
    ]


def telling_sentence(
    assessment: Assessment,
    petition: Petition,
    response: Response,
    selector: SentenceSelector | None = None,
    analysis: TextAnalysis | None = None,
) -> TellingSentence | None:
    """The response's most telling sentence on the asks the assessment judged (the petition's
    action when it judged none), from ``analysis`` when it is the response's analysis with our
    lexicon (the selector was fitted on those cues), else from the response's own."""
    return most_telling(*telling_inputs(assessment, petition, response, analysis), selector)


def telling_inputs(
    assessment: Assessment,
    petition: Petition,
    response: Response,
    analysis: TextAnalysis | None = None,
) -> tuple[str, TextAnalysis, int]:
    """What the sentence selector reads: the ask text, the analysis, where the summary ends."""
    if analysis is None or analysis.lexicon is not None or analysis.text != response.full_text:
        analysis = analyse_response(response)
    ask = " ".join(o.ask.text for o in assessment.asks) or petition.action
    span = response.summary_span
    return ask, analysis, span.end if span is not None else 0


def learned_features(
    assessment: Assessment,
    petition: Petition,
    response: Response,
    ignore: frozenset[str] = frozenset(),
    telling: TellingSentence | None = None,
) -> dict[str, float]:
    """The named features the verdict model reads, from the rules' assessment and the texts.

    Binary features of the rules' findings (``verdict=``, ``rule=``, ``rule family=``, each ask's
    ``ask verdict=`` and ``ask rule=`` as a share of the asks, ``evidence:`` words and word pairs
    of each ask's deciding sentence and up to two more of its evidence), the confidence features
    (``conf:``), directness, and the words and word pairs of the summary and response
    (``text:``), the petition's first word (``petition:``) and, given the ``telling`` sentence
    (:func:`telling_sentence`), its words, word pairs and cue categories (``decisive:``,
    ``decisive cue=``). Words in ``ignore`` (the model's ``ignored_words``) make no word feature
    and no word-pair feature. Deterministic: the same inputs give the same dictionary.
    """
    f: dict[str, float] = {}
    rule = assessment.rule or ""
    f[f"verdict={assessment.verdict.value}"] = 1.0
    f[f"rule={rule}"] = 1.0
    f[f"rule family={rule.split('.')[0]}"] = 1.0
    for t in assessment.confidence_terms:
        if t.name != "intercept":
            f[f"conf:{t.name}"] = float(t.value)
    f["directness"] = float(assessment.directness)
    n = len(assessment.asks)
    if n > 1:
        f["several asks"] = 1.0
    for o in assessment.asks:
        for key in (f"ask verdict={o.verdict.value}", f"ask rule={o.rule or ''}"):
            f[key] = f.get(key, 0.0) + 1.0 / n
        for ev in o.evidence[:_EVIDENCE_READ]:
            _add_words(f, "evidence", _tokens(ev.text, ignore))
    first = _tokens(petition.action)[:1]
    if first:
        f[f"petition:{first[0]}"] = 1.0
    toks = _tokens(response.summary + " " + response.text, ignore)
    _add_words(f, "text", toks)
    if telling is not None:
        _add_words(f, "decisive", _tokens(telling.sentence.span.text, ignore))
        for c in sorted(telling.cues):
            f[f"decisive cue={c}"] = 1.0
    return f


def _add_words(f: dict[str, float], prefix: str, toks: list[str]) -> None:
    """``prefix:word`` and ``prefix:word word`` features (an ignored word, "", makes neither)."""
    for w in toks:
        if w:
            f[f"{prefix}:{w}"] = 1.0
    for a, b in pairwise(toks):
        if a and b:
            f[f"{prefix}:{a} {b}"] = 1.0


def _relabelled(e: Evidence, row: str, note: str) -> Evidence:
    """``e`` under the learned row, the model's note before its own."""
    return Evidence(row, e.span, e.text, f"{note} | {e.note}", e.source, e.ask)


def _telling_ask(assessment: Assessment, telling: TellingSentence | None) -> int:
    """The ask the most telling sentence is about: the one sharing most content stems with it
    (the first of equals; the first ask without a telling sentence)."""
    if telling is None or len(assessment.asks) == 1:
        return 0
    said = set(content_stems(telling.sentence.span.text))
    shared = [len(said & set(content_stems(o.ask.text))) for o in assessment.asks]
    return shared.index(max(shared))


def _outcomes(
    assessment: Assessment,
    k: int,
    outcome: AskOutcome,
    v: Verdict,
    row: str,
    note: str,
    commitment: int | None,
    probability: float,
) -> tuple[AskOutcome, ...]:
    """The per-ask outcomes under a learned response verdict ``v``, so that they do not
    contradict it. With one ask, the learned outcome. With several, the model read the response
    as a whole: for ``answered-partly`` (one ask answered, another dodged, or a narrower answer)
    the ask of the most telling sentence (``k``) takes it and the others keep the rules'
    outcomes; for any other verdict every ask takes it (a response that declines, defers,
    deflects or meets the petition does so for each of its asks), each keeping its own quotes
    under the learned row."""
    out: list[AskOutcome] = []
    for i, o in enumerate(assessment.asks):
        if i == k:
            out.append(outcome)
        elif v is Verdict.ANSWERED_PARTLY or o.verdict is v:
            out.append(o)
        else:
            ev = (_relabelled(o.evidence[0], row, note), *o.evidence[1:]) if o.evidence else ()
            out.append(
                replace(
                    o,
                    verdict=v,
                    commitment=None
                    if v in (Verdict.DEFLECTED, Verdict.NOT_ADDRESSED)
                    else commitment,
                    rule=row,
                    evidence=ev,
                    downgrade=None,
                    confidence=probability,
                )
            )
    return tuple(out)


_YES_LIKE = frozenset({Verdict.ANSWERED_YES, Verdict.ANSWERED_PARTLY})

# the commitment-ladder rung (DESIGN.md: 0 explicit refusal, 3 conditional or deferred, 4
# commitment without specifics) a learned verdict takes when the rules read no rung (their verdict
# was deflected or not addressed, so no sentence of theirs took a position)
_LADDER_RUNG: dict[Verdict, int] = {
    Verdict.ANSWERED_YES: 4,
    Verdict.ANSWERED_PARTLY: 4,
    Verdict.ANSWERED_NO: 0,
    Verdict.DEFERRED: 3,
}


def apply_learned(
    assessment: Assessment,
    petition: Petition,
    response: Response,
    *,
    model: VerdictModel,
    override_above: float,
    review_below: float,
    selector: SentenceSelector | None = None,
    analysis: TextAnalysis | None = None,
) -> Assessment:
    """The assessment with the model's reading attached, and its verdict when it overrides.

    The model's verdict replaces the rules' when the two differ, its probability is above
    ``override_above``, the rules judged a single ask (with several, the per-ask verdicts are the
    rules' and a response verdict of another kind would contradict them), and, for an answered
    verdict, the rules found a sentence to quote. The replaced assessment keeps the rules'
    evidence (the first item re-labelled with the deciding row ``learned.<verdict>`` and a note of
    what the rules said), takes the model's probability as its confidence, and is flagged for
    review when that is under ``review_below``. Where the rules read no commitment rung, the
    learned verdict takes the ladder's rung for its kind (``_LADDER_RUNG``).
    """
    telling = telling_sentence(assessment, petition, response, selector, analysis)
    feats = learned_features(assessment, petition, response, model.ignored, telling)
    rd = model.read(feats, assessment.verdict)
    v = rd.verdict
    ok = (
        v is not assessment.verdict
        and rd.probability > override_above
        and bool(assessment.asks)
        and (bool(assessment.evidence) or not v.answered)
    )
    rd = replace(rd, applied=ok, rule=assessment.rule)
    if not ok:
        return replace(assessment, learned=rd)
    row = f"learned.{v.value}"
    said = f"the rules alone read {assessment.verdict.value}"
    note = f"the learned verdict model reads {v.value}, probability {rd.probability:.2f}; {said}"
    evidence = list(assessment.evidence)
    k = _telling_ask(assessment, telling)
    o = assessment.asks[k]
    if telling is not None and (v.answered or v is Verdict.DEFERRED):
        # the most telling sentence goes first (the rules' deciding sentence argued their
        # verdict, which this one replaces); the rules' quotes follow under their own rows
        span = telling.sentence.span
        lead = Evidence(
            row,
            span,
            span.text,
            f"{note}; the most telling sentence (the sentence selector's pick)",
            "response",
            o.ask.text,
        )
        evidence = [lead, *(e for e in evidence if e.span != span)]
        first = (lead, *(e for e in o.evidence if e.span != span))
    elif evidence:
        e = evidence[0]
        evidence[0] = _relabelled(e, row, note)
        first = (evidence[0], *o.evidence[1:])
    else:
        first = o.evidence
    if v in (Verdict.DEFLECTED, Verdict.NOT_ADDRESSED):
        commitment = None
    elif assessment.commitment is not None and {v, assessment.verdict} <= _YES_LIKE:
        # the rules' rung stands where the model only moves yes to partly or back: a refusal or
        # a deferral read over their commitment takes its own rung
        commitment = assessment.commitment
    else:
        commitment = _LADDER_RUNG[v]
    outcome = replace(
        o,
        verdict=v,
        commitment=commitment,
        rule=row,
        evidence=tuple(first),
        downgrade=o.downgrade if v is Verdict.ANSWERED_PARTLY else None,
        confidence=rd.probability,
    )
    outcomes = _outcomes(assessment, k, outcome, v, row, note, commitment, rd.probability)
    # the rules' own low-confidence reason no longer applies: the confidence is now the model's
    reasons = [r for r in assessment.review_reasons if not r.startswith("confidence ")]
    if rd.probability < review_below:
        reasons.append(
            f"{said}; the learned verdict model reads {v.value} with probability "
            f"{rd.probability:.2f}"
        )
    return replace(
        assessment,
        verdict=v,
        commitment=commitment,
        asks=outcomes,
        evidence=tuple(evidence),
        downgrade=assessment.downgrade if v is Verdict.ANSWERED_PARTLY else None,
        confidence=rd.probability,
        needs_review=bool(reasons),
        review_reasons=tuple(dict.fromkeys(reasons)),
        rule=row,
        learned=rd,
    )


@lru_cache(maxsize=1)
def _bundled() -> VerdictModel:
    text = resources.files("respcompare").joinpath("data/verdict_model.json").read_text("utf-8")
    return VerdictModel.from_json(text)


def _as_json(model: VerdictModel, extra: dict[str, Any]) -> str:
    """The model as the JSON ``from_json`` reads (used by the fit script): one feature a line."""
    head = {
        "source": model.source,
        **extra,
        "classes": [c.value for c in model.classes],
        "intercepts": [round(x, 4) for x in model.intercepts],
        "ignored_words": sorted(model.ignored),
    }
    return weights_json(
        head, {k: json.dumps([round(x, 3) for x in v]) for k, v in model.weights.items()}
    )
