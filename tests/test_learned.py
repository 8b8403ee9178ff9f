"""The learned verdict model (respcompare.judge.learned): bundled data, features, and the policy
that decides when its verdict replaces the rules'."""

from __future__ import annotations

import dataclasses
import json
import math
from importlib import resources

import pytest

import respcompare as rc
from respcompare.errors import InputError
from respcompare.judge import JudgeConfig
from respcompare.judge.learned import VerdictModel, apply_learned, learned_features

V = rc.Verdict
OFF = dataclasses.replace(JudgeConfig.default(), learned_override_above=1.0)


def _toy(prefer: rc.Verdict, strength: float = 5.0) -> VerdictModel:
    """A model that reads every response as ``prefer`` (its intercept dominates)."""
    classes = tuple(V)
    return VerdictModel(
        classes,
        tuple(strength if c is prefer else 0.0 for c in classes),
        {"text:remain": tuple(1.0 if c is prefer else 0.0 for c in classes)},
        "test",
    )


def test_bundled_model_is_data_with_its_source_and_figures() -> None:
    raw = json.loads(
        resources.files("respcompare").joinpath("data/verdict_model.json").read_text("utf-8")
    )
    assert raw["source"].startswith("benchmarks/fit_verdict_model.py")
    assert raw["classes"] == [v.value for v in V]
    loso = raw["figures"]["leave_one_set_out"]
    assert loso["cases"] > 500
    m = VerdictModel.default()
    assert m.classes == tuple(V)
    assert len(m.weights) > 100


def test_probabilities_are_a_distribution_and_terms_explain_the_choice() -> None:
    p = rc.Petition(action="Scrap the Building Safety Charge")
    r = rc.Response(text="The Building Safety Charge will remain in place for leaseholders.")
    a = rc.assess(p, r, config=OFF)
    assert a.learned is None
    feats = learned_features(a, p, r)
    assert feats[f"verdict={a.verdict.value}"] == 1.0
    assert feats["text:remain"] == 1.0 and feats["text:will remain"] == 1.0
    assert feats == learned_features(a, p, r)  # deterministic
    m = VerdictModel.default()
    ps = m.probabilities(feats)
    assert math.isclose(sum(ps), 1.0, rel_tol=1e-9)
    rd = m.read(feats, V.DEFLECTED)
    assert not rd.applied  # only apply_learned decides that
    assert next(v for v, _ in rd.probabilities) is rd.verdict
    assert rd.probability == max(x for _, x in rd.probabilities)
    if rd.verdict is not V.DEFLECTED:
        assert rd.terms
        assert all(t.value for t in rd.terms)


def test_override_replaces_verdict_rule_and_evidence_consistently() -> None:
    p = rc.Petition(action="Scrap the Building Safety Charge")
    r = rc.Response(
        text="Leaseholders face real costs. The charge is reviewed by the regulator each year."
    )
    rules = rc.assess(p, r, config=OFF)
    target = V.ANSWERED_NO if rules.verdict is not V.ANSWERED_NO else V.DEFERRED
    a = apply_learned(rules, p, r, model=_toy(target), override_above=0.5, review_below=0.999)
    if not rules.evidence and target.answered:
        pytest.skip("no evidence to quote: the policy keeps the rules' verdict")
    assert a.verdict is target
    assert a.rule == f"learned.{target.value}"
    assert a.learned is not None and a.learned.applied
    assert a.learned.rule_verdict is rules.verdict and a.learned.rule == rules.rule
    assert a.confidence == a.learned.probability
    assert a.asks[0].verdict is target and a.asks[0].rule == a.rule
    if a.evidence:
        assert a.evidence[0].rule == a.rule
        assert rules.verdict.value in a.evidence[0].note
    assert a.needs_review and any("learned" in x for x in a.review_reasons)
    # the rules' own confidence reason is gone: the confidence is the model's now
    assert not any(x.startswith("confidence ") for x in a.review_reasons)
    # the same call with a threshold the model does not pass keeps the rules' verdict
    kept = apply_learned(rules, p, r, model=_toy(target), override_above=0.9999, review_below=0.8)
    assert kept.verdict is rules.verdict and kept.rule == rules.rule
    assert kept.learned is not None and not kept.learned.applied


def test_several_asks_follow_the_learned_verdict() -> None:
    p = rc.Petition(action="Ban fireworks and fund animal shelters")
    r = rc.Response(text="Fireworks are enjoyed by many. Animal shelters do valuable work.")
    rules = rc.assess(p, r, config=OFF)
    assert len(rules.asks) == 2
    assert rules.verdict is V.DEFLECTED  # neither ask answered: both branches below apply
    # any verdict but answered-partly: every ask takes it, so none contradicts the response
    other = V.DEFERRED if rules.verdict is not V.DEFERRED else V.DEFLECTED
    a = apply_learned(rules, p, r, model=_toy(other), override_above=0.1, review_below=0.8)
    assert a.verdict is other and a.learned is not None and a.learned.applied
    assert [o.verdict for o in a.asks] == [other, other]
    assert all(o.rule == f"learned.{other.value}" for o in a.asks)
    assert [o.ask for o in a.asks] == [o.ask for o in rules.asks]
    # answered-partly: the ask of the most telling sentence takes it, the other keeps the rules'
    b = apply_learned(
        rules, p, r, model=_toy(V.ANSWERED_PARTLY), override_above=0.1, review_below=0.8
    )
    assert b.verdict is V.ANSWERED_PARTLY
    changed = [o for o, before in zip(b.asks, rules.asks, strict=True) if o != before]
    assert len(changed) == 1 and changed[0].verdict is V.ANSWERED_PARTLY
    assert b.evidence[0].ask == changed[0].ask.text


def test_nothing_to_quote_is_never_called_answered() -> None:
    # nothing quoted: the model may not call it answered
    p2 = rc.Petition(action="Hold a public inquiry into the floods")
    r2 = rc.Response(text="Sports clubs received new funding this year.")
    rules2 = rc.assess(p2, r2, config=OFF)
    assert rules2.verdict is V.NOT_ADDRESSED and not rules2.evidence
    a2 = apply_learned(
        rules2, p2, r2, model=_toy(V.ANSWERED_YES), override_above=0.1, review_below=0.8
    )
    assert a2.verdict is V.NOT_ADDRESSED


def test_default_assess_carries_the_reading_and_can_turn_it_off() -> None:
    p = rc.Petition(action="Ban fireworks")
    r = rc.Response(text="The Government has no plans to ban fireworks.")
    a = rc.assess(p, r)
    assert a.learned is not None
    assert a.learned.rule_verdict is V.ANSWERED_NO
    assert rc.assess(p, r, config=OFF).learned is None
    assert a.verdict is V.ANSWERED_NO


@pytest.mark.parametrize(
    "text",
    [
        '{"classes": ["answered-yes"], "intercepts": [0], "weights": {}}',
        '{"classes": ["answered-yes", "nonsense"], "intercepts": [0, 0], "weights": {}}',
        '{"classes": ["answered-yes", "answered-no"], "intercepts": [0, 0], "weights": {"x": [1]}}',
        "not json",
        "{}",
    ],
)
def test_bad_model_files_are_input_errors(text: str) -> None:
    with pytest.raises(InputError):
        VerdictModel.from_json(text)


def test_a_learned_verdict_reads_in_plain_words() -> None:
    from respcompare.reading import headline

    a = rc.Assessment(V.ANSWERED_NO, 0.5, None, (), (), rule="learned.answered-no")
    assert headline(a) == (
        "The response refuses what the petition asks, as the learned verdict model reads it "
        "(the rules alone read it otherwise)."
    )


def test_the_reader_html_does_not_call_a_learned_verdicts_quote_deciding() -> None:
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "petitions" / "562729.json"
    review = rc.review(rc.load_petition(fixture))
    html = review.to_html()
    learned = [a for a in review.assessments if (a.rule or "").startswith("learned.")]
    ruled = [a for a in review.assessments if not (a.rule or "").startswith("learned.")]
    tagged = "most telling sentence" in html or "sentence the rules read as" in html
    assert tagged == bool(learned)
    assert ("deciding sentence" in html) == bool(ruled)
