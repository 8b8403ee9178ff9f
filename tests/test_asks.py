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
    ).filter(lambda s: s.strip()),
    st.text(alphabet=st.characters(whitelist_categories=("L", "Zs", "P")), max_size=120),
)
def test_ask_spans_hold_the_span_invariant(action: str, background: str) -> None:
    p = rc.Petition(action=action, background=background)
    for ask in extract_asks(p):
        assert ask.span is not None
        assert p.text[ask.span.start : ask.span.end] == ask.span.text
