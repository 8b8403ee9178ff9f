"""Loading petition JSON: envelopes, original recovery, note stripping, ordering."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import respcompare as rc

from .conftest import FIXTURES, PETITIONS

SITE_NOTE_MARKERS = (
    "This is a revised response",
    "This response was given on",
    "Petitions Committee then requested",
    "You can find the original response",
)


def test_every_fixture_loads(fixture_cases: list[rc.Case]) -> None:
    assert len(fixture_cases) == len(PETITIONS) == 43
    for case in fixture_cases:
        assert case.petition.action
        assert case.responses
        for r in case.responses:
            for marker in SITE_NOTE_MARKERS:
                assert marker not in r.full_text, (case.source, r.label)


def test_seed_petition_has_original_then_revised() -> None:
    case = rc.load_petition(FIXTURES / "petitions" / "300239.json")
    assert [r.label for r in case.responses] == ["original", "revised"]
    original, revised = case.responses
    assert original.date == dt.date(2020, 4, 24)
    assert revised.date == dt.date(2020, 5, 19)
    assert original.summary.startswith("Tackling child sexual abuse is this Government’s priority.")
    assert original.text.startswith("Child sexual abuse is a truly horrendous crime")
    assert original.text.endswith("to bring their tormentors to justice.")
    assert original.signoff == "Home Office"
    assert revised.summary.startswith("Government intends to publish a paper")
    assert revised.text.endswith("help victims and survivors rebuild their lives.")
    assert any("This is a revised response" in n for n in revised.notes)
    assert any("24 April 2020" in n for n in original.notes)
    assert case.petition.id == 300239
    assert case.petition.departments == ("Home Office",)


def test_pairs_in_dev_data_match_the_loader() -> None:
    """The loader's texts agree with the Committee file (which strips the same notes)."""
    rows = [json.loads(line) for line in (FIXTURES / "dev.jsonl").read_text().splitlines()]
    by_id = {int(p.stem): rc.load_petition(p) for p in PETITIONS}
    for row in rows:
        case = by_id[row["petition_id"]]
        label = {"single": "response"}.get(row["role"], row["role"])
        resp = case.response(label)
        assert resp.summary.split() == row["response_summary"].split()
        expected_words = row["response_details"].split()
        got_words = (resp.text + (" " + resp.signoff if resp.signoff else "")).split()
        assert got_words == expected_words, (row["petition_id"], label)


@pytest.mark.parametrize("form", ["path", "str-path", "dict", "json-string", "bare", "archived"])
def test_input_forms(form: str) -> None:
    path = FIXTURES / "petitions" / "300073.json"
    data = json.loads(path.read_text())
    source: object
    if form == "path":
        source = path
    elif form == "str-path":
        source = str(path)
    elif form == "dict":
        source = data
    elif form == "json-string":
        source = json.dumps(data)
    elif form == "bare":
        source = data["data"]
    else:
        attrs = dict(data["data"]["attributes"])
        attrs["title"] = attrs.pop("action")
        attrs["description"] = attrs.pop("background")
        source = {"data": {"type": "archived-petition", "id": 1, "attributes": attrs}}
    case = rc.load_petition(source)  # type: ignore[arg-type]
    assert case.petition.action.startswith("Increase pay for NHS")
    assert [r.label for r in case.responses] == ["response"]


def test_examples() -> None:
    assert set(rc.examples()) == {"grooming-gangs", "grooming-gangs-inquiry"}
    gg = rc.load_example("grooming-gangs")
    assert gg.attachments and "Dear Catherine" in gg.attachments[0].text
    assert gg.attachments[0].date == dt.date(2020, 5, 19)
    inquiry = rc.load_example("grooming-gangs-inquiry")
    assert inquiry.petition.action == "Launch a Public Inquiry into Grooming Gangs"
    (resp,) = inquiry.responses
    assert resp.date == dt.date(2025, 4, 1)
    assert resp.summary.startswith("Alexis Jay went on to conduct a 7-year national inquiry")
    assert "not order another national inquiry" in resp.summary


@pytest.mark.parametrize(
    ("source", "error", "message"),
    [
        ("{not json", rc.PetitionFormatError, "not valid JSON"),
        ('{"data": {"attributes": {"background": "x"}}}', rc.PetitionFormatError, "'action'"),
        ('{"data": {"attributes": {"action": "Do X"}}}', rc.PetitionFormatError, "no government"),
        ("[1, 2]", rc.PetitionFormatError, "JSON object"),
        ("/no/such/file.json", rc.InputError, "no such file"),
    ],
)
def test_bad_input_is_a_typed_error(source: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        rc.load_petition(source)


def test_bad_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"data": ')
    with pytest.raises(rc.PetitionFormatError, match=r"broken\.json"):
        rc.load_petition(bad)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"action": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(rc.PetitionFormatError, match="UTF-8"):
        rc.load_petition(latin)


def test_unknown_example() -> None:
    with pytest.raises(rc.UnknownExampleError, match="grooming-gangs"):
        rc.load_example("nope")


def test_plain_text_constructors() -> None:
    case = rc.Case(
        petition=rc.Petition(action="Release the review in full", background="..."),
        responses=[
            rc.Response(text="We will not.", summary="No.", label="original", date="2020-04-24"),
            rc.Response(text="We will publish key findings.", label="revised"),
        ],
    )
    assert isinstance(case.responses, tuple)
    assert case.responses[0].date == dt.date(2020, 4, 24)
    with pytest.raises(rc.EmptyTextError):
        rc.Response(text="   ")
    with pytest.raises(rc.InputError, match="unique"):
        rc.Case(petition=case.petition, responses=[case.responses[0], case.responses[0]])
    with pytest.raises(rc.InputError, match="YYYY-MM-DD"):
        rc.Response(text="x", date="last Tuesday")
