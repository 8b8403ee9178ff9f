"""The sentence selector (respcompare.judge.decisive): bundled data, its picks on real and
invented responses, its bound, and how a learned verdict quotes it."""

from __future__ import annotations

import dataclasses
import json
import time
from importlib import resources

import pytest

import respcompare as rc
from respcompare.analysis import analyse
from respcompare.errors import InputError
from respcompare.judge import JudgeConfig
from respcompare.judge.decisive import (
    MAX_SENTENCES,
    SentenceSelector,
    most_telling,
    sentence_features,
)
from respcompare.judge.learned import VerdictModel, apply_learned, telling_sentence
from respcompare.reading import quote_tag

V = rc.Verdict
OFF = dataclasses.replace(JudgeConfig.default(), learned_override_above=1.0)


def test_bundled_selector_is_data_with_its_source_and_figures() -> None:
    raw = json.loads(
        resources.files("respcompare").joinpath("data/decisive_model.json").read_text("utf-8")
    )
    assert raw["source"].startswith("benchmarks/fit_verdict_model.py")
    figures = raw["figures"]
    # held out one blind set at a time, the selector finds the quoted sentence more often than
    # the rules' first quote is it
    assert figures["selector_picks"] > figures["rules_first_quote"]
    assert figures["quoted_sentences"] > 1000
    sel = SentenceSelector.default()
    assert len(sel.weights) > 100
    assert sel.ignored == VerdictModel.default().ignored


# Invented responses (not from the suite or the dev rows): the position sits in a different
# place each time, after context and a distracting commitment.
PICKS = [
    (
        "Ban disposable barbecues on open moorland",
        "Moorland fires damaged 12,000 hectares last summer. We will fund 40 new fire wardens "
        "this year. The Government does not intend to ban disposable barbecues, which are "
        "already restricted by many landowners. Visitors should follow the Countryside Code.",
        "The Government does not intend to ban disposable barbecues, which are already "
        "restricted by many landowners.",
    ),
    (
        "Extend free bus travel to carers",
        "Carers provide vital support to millions of people. The concessionary travel scheme "
        "costs £1 billion a year. We will extend free off-peak bus travel to registered "
        "unpaid carers from April 2027. Local councils may offer further discounts.",
        "We will extend free off-peak bus travel to registered unpaid carers from April 2027.",
    ),
]


@pytest.mark.parametrize(("ask", "text", "expected"), PICKS)
def test_the_position_on_the_ask_is_the_most_telling_sentence(
    ask: str, text: str, expected: str
) -> None:
    t = most_telling(ask, analyse(text))
    assert t is not None
    assert t.sentence.span.text == expected
    assert t == most_telling(ask, analyse(text))  # deterministic


def test_features_name_the_ask_cues_and_position() -> None:
    f = sentence_features(
        frozenset({"barbecu"}), "We will not ban barbecues.", frozenset({"refusal"}), 2, 3, True
    )
    assert f["ov=1"] == 1.0 and f["share"] == 1.0
    assert f["cue=refusal"] == 1.0 and f["cue=refusal&ov>0"] == 1.0
    assert f["summary"] == 1.0 and f["pos=last"] == 1.0
    assert f["p:will not"] == 1.0
    ignored = sentence_features(
        frozenset(), "The ban of the sale.", frozenset(), 0, 1, False, frozenset({"the", "of"})
    )
    assert "w:the" not in ignored and "p:ban of" not in ignored and "w:ban" in ignored


def test_no_sentence_no_pick_and_the_bound_holds() -> None:
    assert most_telling("Ban it", analyse("")) is None
    text = " ".join(f"Sentence {i} is here." for i in range(MAX_SENTENCES + 200))
    text += " The Government will ban it."
    start = time.perf_counter()
    t = most_telling("Ban it", analyse(text))
    assert time.perf_counter() - start < 10
    assert t is not None and t.index < MAX_SENTENCES  # the sentence past the bound is never read


@pytest.mark.parametrize(
    "text", ["[]", "{}", '{"weights": [1, 2]}', '{"weights": {"w:x": "heavy"}}', "not json"]
)
def test_bad_selector_json_is_a_typed_error(text: str) -> None:
    with pytest.raises(InputError, match="sentence selector is not valid"):
        SentenceSelector.from_json(text)


def _toy(prefer: rc.Verdict) -> VerdictModel:
    classes = tuple(V)
    return VerdictModel(classes, tuple(5.0 if c is prefer else 0.0 for c in classes), {}, "test")


def test_a_learned_verdict_quotes_the_most_telling_sentence_first() -> None:
    p = rc.Petition(action="Ban disposable barbecues on open moorland")
    r = rc.Response(text=PICKS[0][1])
    rules = rc.assess(p, r, config=OFF)
    target = V.DEFERRED if rules.verdict is not V.DEFERRED else V.ANSWERED_YES
    a = apply_learned(rules, p, r, model=_toy(target), override_above=0.5, review_below=0.8)
    assert a.verdict is target
    telling = telling_sentence(rules, p, r)
    assert telling is not None
    first = a.evidence[0]
    assert first.span == telling.sentence.span and first.text == PICKS[0][2]
    assert first.rule == f"learned.{target.value}" and first.ask == a.asks[0].ask.text
    assert a.asks[0].evidence[0] == first
    # the rules' quotes follow under their own rows, none of them twice
    spans = [e.span for e in a.evidence]
    assert len(spans) == len(set(spans))
    assert {e.span for e in rules.evidence} <= set(spans)
    assert quote_tag(a, first).startswith("most telling sentence")
    assert rules.verdict.value in quote_tag(a, first)


def test_a_user_lexicon_does_not_change_the_pick() -> None:
    # the selector was fitted on our lexicon's cues: an analysis with another lexicon is not read
    from respcompare.cues import default_lexicon

    p = rc.Petition(action="Extend free bus travel to carers")
    r = rc.Response(text=PICKS[1][1])
    rules = rc.assess(p, r, config=OFF)
    mine = analyse(r.full_text, lexicon=default_lexicon().only(["emotive"]))
    assert telling_sentence(rules, p, r, analysis=mine) == telling_sentence(rules, p, r)
