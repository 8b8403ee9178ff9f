"""Ask extraction: action, object and qualifiers from real and synthetic petitions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.asks import extract_asks, load_synonyms, make_ask, petition_offsets
from respcompare.errors import InputError, LexiconError

CASES = [
    # (action, expected action verb, a word the object holds, qualifiers that must be found)
    ("Release the Home Office's Grooming Gang Review in full", "release", "Review", ["in full"]),
    ("Government to match the £500 bonus to all care staff", "match", "bonus", ["£500"]),
    ("Enshrine tree planting target in law", "enshrine", "target", ["in law"]),
    ("Reduce VAT to 5% for the Hair & Beauty Industry", "reduce", "VAT", ["5%"]),
    ("Launch a Public Inquiry into Grooming Gangs", "launch", "Inquiry", ["Public"]),
    (
        "We the British People Request a Public Inquiry into Grooming Gangs",
        "hold an inquiry",
        "Inquiry",
        ["Public"],
    ),
    ("Prohibit employers from requiring staff to be vaccinated", "prohibit", "employers", []),
    ("Take back responsibility for funding free licences", "take back", "responsibility", []),
    (
        "Extend Parental Bereavement Leave to at least 12 months",
        "extend",
        "Leave",
        ["at least 12 months"],
    ),
    ("Publish the report by June 2026", "publish", "report", ["by June 2026"]),
]


@pytest.mark.parametrize(("action", "verb", "obj_word", "quals"), CASES)
def test_action_object_qualifiers(action: str, verb: str, obj_word: str, quals: list[str]) -> None:
    ask = extract_asks(rc.Petition(action=action))[0]
    assert ask.action == verb
    assert obj_word in ask.object
    for q in quals:
        assert q in ask.qualifiers
    assert ask.span is not None and ask.span.text == ask.text


def test_coordinated_asks_are_split() -> None:
    asks = extract_asks(rc.Petition(action="Increase pay for NHS workers and recognise their work"))
    assert [a.action for a in asks] == ["increase", "recognise"]
    # the means ("by giving them ...") is the concrete request: it comes first
    asks = extract_asks(rc.Petition(action="Recognise all nurses by giving them a 12.5% pay rise"))
    assert [a.action for a in asks] == ["give", "recognise"]
    assert "12.5%" in asks[0].qualifiers
    assert "them" not in asks[0].object.split()


def test_seed_background_restatement_merges_into_the_main_ask() -> None:
    case = rc.load_example("grooming-gangs")
    asks = extract_asks(case.petition)
    assert asks[0].action == "release"
    assert "in full" in asks[0].qualifiers
    # "demand the release of the official research ... in full" restates the ask: no new ask
    assert not any(a.action == "release" for a in asks[1:])


def test_headline_without_verb_is_itself_the_ask() -> None:
    ask = extract_asks(rc.Petition(action="Legal right to 2 week review of heart patients"))[0]
    assert "right" in ask.object
    assert "2 week" in ask.qualifiers


def test_background_asks_index_petition_text() -> None:
    p = rc.Petition(
        action="Stop the coal mine",
        background="We want the Government to ban new diesel cars. It is bad.",
    )
    asks = extract_asks(p)
    assert [a.action for a in asks] == ["stop", "ban"]
    assert asks[1].source == "background"
    assert asks[1].span is not None
    assert p.text[asks[1].span.start : asks[1].span.end] == asks[1].span.text


def test_make_ask_reads_its_text() -> None:
    a = make_ask("Publish the review in full")
    assert (a.action, a.object, a.qualifiers, a.source) == (
        "publish",
        "the review",
        ("in full",),
        "user",
    )
    with pytest.raises(InputError):
        make_ask("  ")


def test_synonyms_have_provenance_and_bad_files_fail(tmp_path: object) -> None:
    syn = load_synonyms()
    assert all(src for _, _, src in syn.aliases)
    assert "publish" in syn.verb_group("release")
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.toml"
    bad.write_text('[[alias]]\nterms = ["a", "b"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="source"):
        load_synonyms(bad)


def test_petition_offsets_match_text() -> None:
    p = rc.Petition(action="Ban X", background="Because.", additional_details="More.")
    off = petition_offsets(p)
    assert p.text[off["background"] :].startswith("Because.")
    assert p.text[off["additional_details"] :].startswith("More.")


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N", "Zs", "P")), min_size=1, max_size=80
    ).filter(lambda s: any(c.isalnum() for c in s)),  # an action must have a word
    st.text(alphabet=st.characters(whitelist_categories=("L", "Zs", "P")), max_size=120),
)
def test_ask_spans_hold_the_span_invariant(action: str, background: str) -> None:
    p = rc.Petition(action=action, background=background)
    for ask in extract_asks(p):
        assert ask.span is not None
        assert p.text[ask.span.start : ask.span.end] == ask.span.text


def test_make_ask_applies_the_same_parsing() -> None:
    a = make_ask("Do not remove LGBT content from the curriculum")
    assert (a.action, a.object, a.negated) == ("remove", "LGBT content", True)
    assert a.qualifiers == ("from the curriculum",)
    b = make_ask("Tom's Law - Give police the power to suspend driving licences")
    assert b.action == "give" and "Tom" not in b.object
    assert "power to suspend driving licences" in b.object
    c = make_ask("Add Poland to the green list")
    assert (c.action, c.object, c.qualifiers) == ("add", "Poland", ("to the green list",))
    # explicit fields still win
    d = make_ask("Ban X", action="prohibit", object="X things", qualifiers=())
    assert (d.action, d.object, d.qualifiers, d.negated) == ("prohibit", "X things", (), False)


def test_the_same_ask_in_other_words_shares_its_content_stems() -> None:
    from respcompare.asks import content_stems

    wordings = [
        "Ban fireworks sales to the public",
        "Stop shops selling fireworks to the public",
        "Outlaw the sale of fireworks to members of the public",
    ]
    asks = [extract_asks(rc.Petition(action=w))[0] for w in wordings]
    assert all("firework" in content_stems(a.object) for a in asks)
    # "sale"/"sell" stem apart (Porter); "public" is a stopword, kept in the object or a qualifier
    assert all({"sale", "sell"} & set(content_stems(a.object)) for a in asks)
    assert all("public" in " ".join((a.object, *a.qualifiers)) and not a.negated for a in asks)


def test_negation_and_stop() -> None:
    (neg,) = extract_asks(rc.Petition(action="Do not implement vaccine passports"))
    assert (neg.action, neg.object, neg.negated) == ("implement", "vaccine passports", True)
    (stop,) = extract_asks(rc.Petition(action="Stop the Whitehaven coal mine"))
    assert stop.action == "stop" and not stop.negated
    (no,) = extract_asks(rc.Petition(action="No prosecution for parents that remove children"))
    assert (no.action, no.negated) == ("prosecute", True)
    assert no.object == "parents that remove children"


def test_pronouns_resolve_to_the_recipients() -> None:
    asks = extract_asks(rc.Petition(action="Increase pay for NHS workers and recognise their work"))
    assert asks[1].object == "NHS workers' work"
    asks = extract_asks(
        rc.Petition(action="Recognise all members of NHS nursing profession by giving them a rise")
    )
    assert asks[0].action == "give"
    assert "to all members of NHS nursing profession" in asks[0].qualifiers


def test_a_clause_fragment_never_becomes_an_ask() -> None:
    p = rc.Petition(
        action="Protect leaseholders from paying for cladding remedial works",
        additional_details=(
            "The government should take responsibility for failing to create and uphold "
            "appropriate fire safety standards and provide funds to make buildings safe."
        ),
    )
    asks = extract_asks(p)
    assert [a.action for a in asks] == ["protect", "provide"]
    assert not any("failing" in a.text or a.action == "uphold" for a in asks)


@pytest.mark.parametrize(
    "text",
    [
        "Release the review" + " in full" * 2000,
        "Ban " + "fireworks and " * 3000 + "sparklers",
        "Add Poland " + "to the list " * 3000,
        "We want the Government to ban " * 800,
        "x" * 50000,
    ],
)
def test_long_inputs_stay_fast_and_bounded(text: str) -> None:
    import time

    from respcompare.asks import MAX_ASK_CHARS, MAX_QUALIFIERS

    t0 = time.perf_counter()
    asks = extract_asks(rc.Petition(action=text, background=text, additional_details=text))
    make_ask(text[:MAX_ASK_CHARS])
    assert time.perf_counter() - t0 < 1.0
    with pytest.raises(rc.InputTooLargeError, match="2,000"):
        make_ask(text)  # every one is longer than an ask may be
    assert asks and all(len(a.qualifiers) <= MAX_QUALIFIERS for a in asks)


def test_verb_lexicon_has_provenance_and_morphology() -> None:
    import tomllib
    from importlib import resources

    from respcompare.asks import ACTION_VERBS, verb_base

    raw = resources.files("respcompare").joinpath("data/verbs.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    assert all(isinstance(v, dict) and v.get("source") for v in data.values())
    assert verb_base("add") == "add" and verb_base("Poland") is None
    assert verb_base("recognize") == "recognise" and verb_base("rollout") == "roll out"
    assert "ban" in ACTION_VERBS  # the curated petition verbs stay exported as before


def test_qualifier_kinds_tell_typed_markers_from_phrases() -> None:
    from respcompare.asks import qualifier_kind

    (ask,) = extract_asks(rc.Petition(action="Reduce VAT to 5% for salons in the UK by June 2026"))
    kinds = {q: qualifier_kind(q) for q in ask.qualifiers}
    assert kinds["5%"] == "percentage" and kinds["by June 2026"] == "deadline"
    assert kinds["in the UK"] == "phrase"
    assert qualifier_kind("Public") == "public" and qualifier_kind("in full") == "scope"
