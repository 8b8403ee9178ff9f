"""The judge: golden cases from real petitions, one synthetic response per verdict, invariants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def _dev_rows() -> list[dict[str, object]]:
    text = (FIXTURES / "dev.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _assess_row(row: dict[str, object]) -> rc.Assessment:
    petition = rc.Petition(
        action=str(row["action"]),
        background=str(row["background"] or ""),
        additional_details=str(row["additional_details"] or ""),
    )
    response = rc.Response(
        text=str(row["response_details"]), summary=str(row["response_summary"] or "")
    )
    return rc.assess(petition, response)


# --- golden: the seed case ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> tuple[rc.Assessment, rc.Assessment]:
    case = rc.load_example("grooming-gangs")
    return rc.assess(case.petition, case.responses[0]), rc.assess(case.petition, case.responses[1])


def test_seed_original_does_not_answer(seed: tuple[rc.Assessment, rc.Assessment]) -> None:
    original, _ = seed
    assert original.verdict in (rc.Verdict.DEFLECTED, rc.Verdict.NOT_ADDRESSED)
    assert not original.answered
    assert original.commitment is None


def test_seed_revised_is_a_narrower_answer(seed: tuple[rc.Assessment, rc.Assessment]) -> None:
    original, revised = seed
    assert revised.verdict is rc.Verdict.ANSWERED_PARTLY
    assert revised.commitment == 5  # "this year": a dated commitment
    assert revised.downgrade is not None
    assert revised.downgrade.asked == "in full" and revised.downgrade.offered.startswith("a paper")
    assert "key findings" in revised.downgrade.offered
    deciding = revised.evidence[0]
    assert "publish a paper" in deciding.text
    assert "in full" in deciding.note and "key findings" in deciding.note
    assert revised.directness >= original.directness + 0.3


def test_evidence_notes_name_the_asks_words_not_stems(
    seed: tuple[rc.Assessment, rc.Assessment],
) -> None:
    original, _ = seed
    notes = " ".join(e.note for e in original.evidence)
    # the original response names the Home Office's grooming gang review without a position
    assert "names the ask's subject (home, office, grooming, gang, review)" in notes
    assert "offic," not in notes and "groom," not in notes


def test_inquiry_example_is_a_clear_no() -> None:
    case = rc.load_example("grooming-gangs-inquiry")
    a = rc.assess(case.petition, case.responses[0])
    assert a.verdict is rc.Verdict.ANSWERED_NO
    assert a.commitment == 0
    assert "not order another national inquiry" in a.evidence[0].text


# --- golden: dev petitions (judged by the Petitions Committee) ----------------------------------


@pytest.mark.parametrize(
    ("action_start", "role", "verdict"),
    [
        ("Require Planning Permission", "single", rc.Verdict.ANSWERED_NO),
        ("Government to match the £500", "single", rc.Verdict.ANSWERED_NO),
        ("Legal right to 2 week review", "single", rc.Verdict.ANSWERED_NO),
        ("Allow corporate worship", "single", rc.Verdict.ANSWERED_NO),
        # readers: answered-no; the rules read no position and the learned model reads the
        # refusal (fitted on fewer cases in the sixth session it did not)
        ("Make verified ID a requirement", "original", rc.Verdict.ANSWERED_NO),
        # the rules read no position; the learned verdict model reads the refusal both readers
        # read (dev_verdicts.jsonl: answered-no)
        ("Take back responsibility", "original", rc.Verdict.ANSWERED_NO),
        ("Waive the January 2021 tax bill", "revised", rc.Verdict.ANSWERED_NO),
    ],
)
def test_dev_golden(action_start: str, role: str, verdict: rc.Verdict) -> None:
    row = next(
        r for r in _dev_rows() if str(r["action"]).startswith(action_start) and r["role"] == role
    )
    assert _assess_row(row).verdict is verdict


def test_dev_revisions_score_higher_than_originals_mostly() -> None:
    rows = _dev_rows()
    pairs: dict[object, dict[str, float]] = {}
    for r in rows:
        if r["pair"] is not None:
            pairs.setdefault(r["pair"], {})[str(r["role"])] = _assess_row(r).directness
    ordered = sum(p["revised"] > p["original"] for p in pairs.values())
    assert ordered >= len(pairs) - 1


# --- table-driven: one short synthetic response per verdict ------------------------------------

VERDICT_TABLE = [
    (
        "Publish the flood review in full",
        "We will publish the flood review in full in June 2026.",
        rc.Verdict.ANSWERED_YES,
        5,
    ),
    (
        "Publish the flood review in full",
        "We will publish a summary of the flood review's key findings.",
        rc.Verdict.ANSWERED_PARTLY,
        4,
    ),
    (
        "Extend Parental Bereavement Leave to 12 months",
        "The Government has no plans to extend Parental Bereavement Leave.",
        rc.Verdict.ANSWERED_NO,
        0,
    ),
    (
        "Ban fireworks for private use",
        "Fireworks worry many people. We will consider all options once the working group has "
        "reported.",
        rc.Verdict.DEFERRED,
        3,
    ),
    (  # a deferral whose own object names the ask routes a decision on it: answered-partly
        "Ban fireworks for private use",
        "We will consider a ban on fireworks once the working group has reported.",
        rc.Verdict.DEFERRED,
        3,
    ),
    (
        "Ban fireworks for private use",
        "We keep the rules on fireworks under review.",
        rc.Verdict.DEFERRED,
        2,
    ),
    (
        "Ban fireworks for private use",
        "Fireworks can cause distress to pets. We have funded awareness campaigns.",
        rc.Verdict.DEFLECTED,
        None,
    ),
    (
        "Ban fireworks for private use",
        "We have increased funding for hospital services by £2 million.",
        rc.Verdict.NOT_ADDRESSED,
        None,
    ),
]


@pytest.mark.parametrize(("action", "text", "verdict", "level"), VERDICT_TABLE)
def test_verdict_table(action: str, text: str, verdict: rc.Verdict, level: int | None) -> None:
    a = rc.assess(rc.Petition(action=action), rc.Response(text=text))
    assert a.verdict is verdict
    assert a.commitment == level
    if verdict.answered:
        assert a.evidence and a.evidence[0].text.strip()
    if verdict is rc.Verdict.NOT_ADDRESSED:
        assert a.directness < 0.3


def test_clear_no_is_more_direct_than_deflection() -> None:
    p = rc.Petition(action="Ban fireworks for private use")
    no = rc.assess(p, rc.Response(text="The Government has no plans to ban fireworks."))
    defl = rc.assess(p, rc.Response(text="Fireworks can cause distress. We fund campaigns."))
    assert no.directness > defl.directness + 0.4


def test_earlier_answer_is_more_direct() -> None:
    p = rc.Petition(action="Ban fireworks for private use")
    filler = "Fireworks are enjoyed by many people at celebrations across the country. " * 4
    early = rc.assess(p, rc.Response(summary="We have no plans to ban fireworks.", text=filler))
    late = rc.assess(p, rc.Response(text=filler + "\n\nWe have no plans to ban fireworks."))
    assert early.directness > late.directness


def test_user_asks_and_bad_asks() -> None:
    p = rc.Petition(action="Do something about fireworks")
    r = rc.Response(text="We will not ban fireworks.")
    a = rc.assess(p, r, asks=["Ban fireworks"])
    assert a.asks[0].ask.source == "user"
    assert a.verdict is rc.Verdict.ANSWERED_NO
    with pytest.raises(InputError):
        rc.assess(p, r, asks=[])
    with pytest.raises(InputError):
        rc.assess(p, r, asks=[42])  # type: ignore[list-item]
    with pytest.raises(InputError):
        rc.assess("Ban fireworks", r)  # type: ignore[arg-type]


def test_off_ask_lists_sentences_far_from_the_ask(
    seed: tuple[rc.Assessment, rc.Assessment],
) -> None:
    original, _ = seed
    assert original.off_ask
    assert original.deflection_share is not None and original.deflection_share > 0.5
    for ev in original.off_ask:
        assert ev.rule == "judge.off-ask"


# --- property: every evidence span holds the span invariant ------------------------------------

_SENTENCES = [
    "We will publish the review in full in June.",
    "The Government has no plans to extend the scheme.",
    "We keep this under review.",
    "Child sexual abuse is a truly horrendous crime.",
    "We have increased funding to £12 million.",
    "Any insights will inform our future action.",
    "We will consider the report once it has been published.",
]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6),
    st.lists(st.sampled_from(_SENTENCES), max_size=2),
    st.sampled_from(["Publish the review in full", "Extend the scheme", "Ban fireworks"]),
)
def test_evidence_spans_hold_the_invariant(
    details: list[str], summary: list[str], action: str
) -> None:
    response = rc.Response(text="\n\n".join(details), summary=" ".join(summary))
    a = rc.assess(rc.Petition(action=action), response)
    full = response.full_text
    assert 0.0 <= a.directness <= 1.0
    for ev in a.evidence + a.off_ask + tuple(e for o in a.asks for e in o.evidence):
        assert ev.source == "response"
        assert full[ev.span.start : ev.span.end] == ev.span.text == ev.text
    for o in a.asks:
        assert 0.0 <= o.directness <= 1.0
        assert (o.commitment is None) == (
            o.verdict in (rc.Verdict.DEFLECTED, rc.Verdict.NOT_ADDRESSED)
        )


# --- rules on deferrals, refusals and existing measures: each fires, and does not on a generic
# --- deferral (synthetic petitions, not from dev.jsonl)


def _judge(action: str, text: str, summary: str = "") -> rc.Assessment:
    return rc.assess(rc.Petition(action=action), rc.Response(text=text, summary=summary))


def test_deferral_naming_the_ask_is_deferred_until_it_names_a_decision_point() -> None:
    ask = "Put a target for river cleanliness into law"
    a = _judge(
        ask,
        "We are exploring whether a statutory target for river cleanliness would be appropriate.",
    )
    assert a.verdict is rc.Verdict.DEFERRED and a.commitment == 3
    b = _judge(
        ask,
        "We are exploring whether a statutory target for river cleanliness would be appropriate "
        "and will set out our decision in the spring.",
    )
    assert b.verdict is rc.Verdict.ANSWERED_PARTLY and b.commitment == 3
    assert b.downgrade is not None and b.downgrade.kind == "process"
    assert b.evidence[0].rule == "partly.process-with-decision"


def test_generic_deferral_stays_deferred() -> None:
    a = _judge(
        "Put a target for river cleanliness into law",
        "Rivers matter to us all and river cleanliness is improving. "
        "We will consider reform options as part of the post-implementation review.",
    )
    assert a.verdict in (rc.Verdict.DEFERRED, rc.Verdict.DEFLECTED) and not a.answered


def test_named_process_without_a_decision_point_is_deferred() -> None:
    a = _judge(
        "Give all teachers a 10% pay rise",
        "We have asked the independent review body for a recommendation on pay for teachers "
        "and will carefully consider their recommendation when we receive it.",
    )
    assert a.verdict is rc.Verdict.DEFERRED
    generic = _judge(
        "Give all teachers a 10% pay rise",
        "Teachers do a vital job. We keep all public spending under review.",
    )
    assert not generic.answered


def test_conditional_commitment_is_deferred() -> None:
    a = _judge(
        "Suspend the fishing treaty",
        "The UK will always consider all options, including suspending the fishing treaty if "
        "necessary, to protect coastal communities.",
    )
    assert a.verdict is rc.Verdict.DEFERRED
    assert a.evidence[0].rule.startswith("deferred.")


def test_review_loop_naming_the_ask_is_still_deferred() -> None:
    a = _judge("Cut income tax for nurses", "We keep income tax rates under review.")
    assert a.verdict is rc.Verdict.DEFERRED and a.commitment == 2


def test_existing_process_on_the_ask_is_not_an_answer() -> None:
    a = _judge(
        "Hold a public inquiry into river pollution",
        "The independent Water Review is already examining the causes of river pollution.",
    )
    assert not a.answered
    other = _judge(
        "Hold a public inquiry into river pollution",
        "River pollution harms wildlife. The regulator is already examining farm subsidies.",
    )
    assert not other.answered


def test_refusal_inherits_its_object_from_the_paragraph() -> None:
    text = (
        "The Government has applied a reduced rate of VAT (5 per cent) to hospitality. "
        "It covers food and drink. It started in July. It ends in March. "
        "There are currently no plans to extend the scope to other sectors."
    )
    a = _judge("Reduce VAT to 5% for gyms", text)
    assert a.verdict is rc.Verdict.ANSWERED_NO
    assert "no plans to extend" in a.evidence[0].text
    behaviour = _judge(
        "Reduce VAT to 5% for gyms",
        "The Government has applied a reduced rate of VAT (5 per cent) to hospitality. "
        "We will not tolerate fraud.",
    )
    assert not behaviour.answered


def test_action_already_in_place_on_the_ask() -> None:
    a = _judge("Increase pay for care workers", "We have increased pay for care workers by 6%.")
    assert a.verdict is rc.Verdict.ANSWERED_YES and a.commitment == 5
    assert a.evidence[0].rule == "yes.in-place"
    smaller = _judge(
        "Increase pay for care workers by 10%", "We have increased pay for care workers by 6%."
    )
    assert smaller.verdict is rc.Verdict.ANSWERED_PARTLY
    assert smaller.downgrade is not None and smaller.downgrade.kind == "amount"
    other = _judge(
        "Increase pay for care workers",
        "Care workers are valued. We have increased funding for care homes.",
    )
    assert not other.answered


def test_specific_deferral_outranks_generic_deferral() -> None:
    p = "Put a target for river cleanliness into law"
    specific = _judge(
        p, "We are exploring whether a statutory target for river cleanliness is appropriate."
    )
    generic = _judge(
        p,
        "River cleanliness matters. We will consider reform options in the review.",
    )
    assert specific.directness > generic.directness + 0.2


def test_short_alias_terms_match_as_whole_words() -> None:
    """A curated alias of three letters ("tax" ~ "levy") names the ask; it used to be skipped
    because fuzzy matching needs four characters, and must not match inside a longer word."""
    from respcompare.asks import load_synonyms
    from respcompare.judge.relevance import _alias_hits

    aliases = load_synonyms().aliases
    hits = {t for t, _, _ in _alias_hits(aliases, "a national tourist tax on overnight stays", 90)}
    assert "tax" in hits
    misses = {t for t, _, _ in _alias_hits(aliases, "taxis and minicabs", 90)}
    assert "tax" not in misses
    petition = rc.Petition(action="Introduce a national tourist tax on overnight stays in England")
    response = rc.Response(
        text="The Government is not planning a national levy on overnight stays for the "
        "foreseeable future."
    )
    assert rc.assess(petition, response).verdict.value == "answered-no"
