"""The judge's data (rules, act classes, settings) and the shape of what it returns."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import tomllib
from importlib import resources

import pytest

import respcompare as rc
from respcompare.errors import InputError
from respcompare.judge import COMBINE_ROWS, DECISION_ROWS, JudgeConfig
from respcompare.judge.stance import act_classes, change_nouns, rules

from .conftest import FIXTURES

FAMILIES = {
    "refuse",
    "rationale",
    "status-quo",
    "in-place",
    "defer",
    "process",
    "decision",
    "loop",
    "conditional",
    "devolved",
    "reported",
    "commit",
    "affirm",
}
VERDICT_PREFIXES = {
    "yes": "answered-yes",
    "partly": "answered-partly",
    "no": "answered-no",
    "deferred": "deferred",
    "deflected": "deflected",
    "not-addressed": "not-addressed",
}


def _data(name: str) -> dict[str, object]:
    text = resources.files("respcompare").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


def _sentences() -> list[str]:
    """Every sentence of every dev response and behavioural case: the corpus the triggers are
    checked on."""
    out: list[str] = []
    for line in (FIXTURES / "dev.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out += [s.text for s in rc.segment(row["response_details"]).sentences]
            out += [s.text for s in rc.segment(row["response_summary"] or "x").sentences]
    cases = tomllib.loads((FIXTURES.parent / "data" / "judge_cases.toml").read_text("utf-8"))
    for c in cases["case"]:
        out += [s.text for s in rc.segment(c["response"]).sentences]
        if c.get("summary"):
            out.append(c["summary"])
    return out


def test_every_stance_rule_is_named_sourced_and_compiles() -> None:
    seen: set[str] = set()
    for rule in rules():
        assert rule.id not in seen, f"duplicate rule id {rule.id}"
        seen.add(rule.id)
        assert rule.family in FAMILIES, rule.id
        assert rule.source.strip(), rule.id
        assert 0 <= rule.level <= 5 and 0.0 < rule.strength <= 1.0, rule.id
        assert rule.patterns, rule.id


def test_triggers_never_hide_a_match() -> None:
    """A rule's trigger is a speed-up only: wherever a pattern matches, its trigger matches."""
    sentences = _sentences()
    assert len(sentences) > 1500
    for rule in rules():
        if rule.trigger is None:
            continue
        for s in sentences:
            for p in rule.patterns:
                if p.search(s):
                    assert rule.trigger.search(s), (rule.id, p.pattern, s)


def test_act_classes_and_change_nouns_have_sources() -> None:
    names = [c.name for c in act_classes()]
    assert len(names) == len(set(names))
    for c in act_classes():
        assert c.source.strip() and c.verbs and c.wants in ("change", "status-quo"), c.name
    raw = _data("judge_acts.toml")
    for entry in raw["change_noun"]:  # type: ignore[union-attr]
        assert entry["source"] and entry["verbs"]  # type: ignore[index]
    assert change_nouns()["closure"][0] == "close"


def test_every_setting_is_sourced_and_loaded() -> None:
    raw = _data("judge.toml")
    cfg = JudgeConfig.default()
    settings = raw["setting"]
    assert isinstance(settings, dict)
    for name, entry in settings.items():
        assert entry["source"].strip(), name
        assert getattr(cfg, name) == entry["value"], name
    fields = {f.name for f in dataclasses.fields(JudgeConfig)} - {
        "directness_intercept",
        "directness_weights",
        "confidence_intercept",
        "confidence_weights",
    }
    assert fields == set(settings), "every JudgeConfig number comes from data/judge.toml"
    weights = dict(cfg.directness_weights)
    assert weights and all(math.isfinite(w) for w in weights.values())
    conf = dict(cfg.confidence_weights)
    assert conf and all(math.isfinite(w) for w in conf.values())
    assert "leave-one-petition-out" in resources.files("respcompare").joinpath(
        "data/judge.toml"
    ).read_text("utf-8")


def test_config_is_frozen_replaceable_and_checked() -> None:
    cfg = JudgeConfig.default()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.on_ask_relevance = 0.1  # type: ignore[misc]
    strict = dataclasses.replace(cfg, on_ask_relevance=1.5)  # nothing is ever on the ask
    p = rc.Petition(action="Ban fireworks")
    r = rc.Response(text="Fireworks are popular. The Government has no plans to ban fireworks.")
    assert rc.assess(p, r).verdict is rc.Verdict.ANSWERED_NO
    assert rc.assess(p, r, config=strict).verdict is not rc.Verdict.ANSWERED_NO
    with pytest.raises(InputError, match="unknown judge setting"):
        JudgeConfig.from_toml("[setting.nonsense]\nvalue = 1\n")
    with pytest.raises(InputError, match="JudgeConfig"):
        rc.assess(p, r, config={"on_ask_relevance": 0.5})  # type: ignore[arg-type]


ROW_IDS = {rid for rid, _ in DECISION_ROWS} | {f"combine.{rid}" for rid, _ in COMBINE_ROWS}


@pytest.mark.parametrize(
    ("action", "text"),
    [
        ("Ban fireworks", "The Government has no plans to ban fireworks."),
        ("Ban fireworks and fund animal shelters", "We will ban the sale of fireworks."),
        ("Release the review in full", "We will publish a summary of the review's findings."),
        ("Keep the triple lock", "The triple lock will remain in place."),
        ("Hold an inquiry into floods", "Flooding is terrible. We have funded defences."),
        ("Scrap tuition fees", "We keep all policies under review."),
    ],
)
def test_assessment_shows_its_work(action: str, text: str) -> None:
    a = rc.assess(rc.Petition(action=action), rc.Response(text=text))
    assert a.rule is not None
    assert a.rule in ROW_IDS or a.rule in {rid for rid, _ in DECISION_ROWS}
    assert a.confidence is not None and 0.0 <= a.confidence <= 1.0
    assert isinstance(a.needs_review, bool)
    assert a.needs_review == bool(a.review_reasons)
    z = sum(t.contribution for t in a.directness_terms)
    assert abs(1 / (1 + math.exp(-z)) - a.directness) < 1e-3
    for ev in a.evidence:
        assert ev.ask is not None
        assert ev.rule in ROW_IDS
        assert text[ev.span.start : ev.span.end] == ev.text
    if a.evidence and not a.rule.startswith("combine."):
        # the first evidence item is the deciding one and agrees with the verdict
        family, _, rest = a.evidence[0].rule.partition(".")
        # a learned row names the verdict it gave: learned.<verdict>
        assert (rest if family == "learned" else VERDICT_PREFIXES[family]) == a.verdict.value
    for o in a.asks:
        assert o.rule is not None and o.rule in ROW_IDS
        for ev in o.evidence:
            assert ev.ask == o.ask.text


def test_downgrade_is_structured() -> None:
    a = rc.assess(
        rc.Petition(action="Give nurses a 10% pay rise"),
        rc.Response(text="We will give nurses a 5% pay rise from April."),
    )
    assert a.verdict is rc.Verdict.ANSWERED_PARTLY
    assert a.downgrade is not None and a.downgrade.kind == "amount"
    assert a.downgrade.asked == "10%"
    assert str(a.downgrade).startswith('"10%" -> ')


def test_needs_review_when_the_response_grants_and_declines() -> None:
    a = rc.assess(
        rc.Petition(action="Publish the flood review in full"),
        rc.Response(
            text="We will not publish the flood review in full. "
            "We will publish the flood review's key findings in June."
        ),
    )
    assert a.verdict is rc.Verdict.ANSWERED_PARTLY
    assert a.needs_review
    assert any("grants and declines" in r for r in a.review_reasons)


def test_long_response_is_flagged_not_truncated_silently() -> None:
    cfg = dataclasses.replace(JudgeConfig.default(), max_sentences=5)
    text = " ".join(f"Sentence number {i} is here." for i in range(20))
    a = rc.assess(rc.Petition(action="Ban fireworks"), rc.Response(text=text), config=cfg)
    assert a.needs_review
    assert any(re.search(r"first 5 of 20 sentences", r) for r in a.review_reasons)


@pytest.mark.parametrize(
    "text",
    [
        "The Government will publish the review in full. " * 800,  # one giant paragraph
        "We will act." + " " * 40_000 + "x",  # a run of white space
        "We will act." + "\n" * 40_000 + "x",  # blank lines
        "WE WILL PUBLISH THE REVIEW IN FULL. " * 1000,
        "We keep this under review. " * 1500,
    ],
    ids=["same-sentence", "white-space", "blank-lines", "upper-case", "review-loops"],
)
def test_assess_is_bounded_on_hostile_text(text: str) -> None:
    """The judge reads a bounded window around each sentence: no paragraph-wide rescans."""
    import time

    p = rc.Petition(action="Release the Home Office review in full")
    r = rc.Response(text=text)
    t0 = time.perf_counter()
    a = rc.assess(p, r)
    assert time.perf_counter() - t0 < 10.0
    assert 0.0 <= a.directness <= 1.0


def test_neutral_modifiers_are_sourced_and_the_sibling_rule_reads_them() -> None:
    """data/judge_relevance.toml: one sourced list of lower-case words, each once; a sibling of
    the ask's compound ("breast screening") names the ask less than the ask's own compound does,
    and a neutral modifier ("the new screening programme") makes no sibling."""
    from respcompare.judge.relevance import neutral_modifiers, sentence_relevance

    raw = _data("judge_relevance.toml")
    entry = raw["neutral_modifiers"]
    assert isinstance(entry, dict) and str(entry["source"]).strip()
    words = entry["words"]
    assert words == [w.lower() for w in words] and len(words) == len(set(words))
    assert "new" in {w for w in words} and neutral_modifiers()
    ask = "Lower the bowel cancer screening age to 40"
    own = sentence_relevance(ask, "We will lower the bowel cancer screening age to 40.")
    sibling = sentence_relevance(ask, "We will lower the breast screening age to 40.")
    neutral = sentence_relevance(ask, "We will lower the new screening age to 40.")
    assert sibling < neutral <= own  # measured: 0.50, 0.92, 1.00
    assert own - sibling >= 0.4


def test_confidence_is_the_fitted_model_and_shows_its_terms() -> None:
    a = rc.assess(
        rc.Petition(action="Ban the sale of fireworks to the public"),
        rc.Response(text="The Government has no plans to ban the sale of fireworks to the public."),
    )
    names = [t.name for t in a.confidence_terms]
    assert names[0] == "intercept" and "rule_confidence" in names and "verdict_no" in names
    total = sum(t.contribution for t in a.confidence_terms)
    assert a.confidence == round(1 / (1 + math.exp(-total)), 3)
    # a clear refusal naming the ask is one a careful reader agrees with
    assert a.verdict is rc.Verdict.ANSWERED_NO and a.confidence is not None
    assert a.confidence >= JudgeConfig.default().review_below and not a.needs_review


def test_without_fitted_weights_confidence_is_the_rule_strength() -> None:
    cfg = dataclasses.replace(JudgeConfig.default(), confidence_weights=())
    a = rc.assess(
        rc.Petition(action="Ban the sale of fireworks to the public"),
        rc.Response(text="The Government has no plans to ban the sale of fireworks to the public."),
        config=cfg,
    )
    assert a.confidence_terms == ()
    assert a.confidence == a.asks[0].confidence


def test_a_process_downgrade_offers_the_process_not_a_bare_agent() -> None:
    # the words after the cue alone were "by the Secretary of State on 11 March"
    text = (
        "Coal remains part of the energy mix. The planning application for the mine was called "
        "in by the Secretary of State on 11 March, and a decision will be made after a public "
        "inquiry."
    )
    a = rc.assess(rc.Petition(action="Stop the new coal mine in Cumbria"), rc.Response(text=text))
    assert a.verdict is rc.Verdict.ANSWERED_PARTLY and a.downgrade is not None
    assert a.downgrade.kind == "process"
    assert a.downgrade.offered.startswith("was called in by the Secretary of State")
    assert a.downgrade.offered in a.downgrade.span.text
