"""Promises ledger (issue #17) and commitments tables (issue #15, item 4), on real petitions."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import respcompare as rc
from respcompare.analysis import analyse
from respcompare.commitments import extract_commitments
from respcompare.due import find_due_dates
from respcompare.lemmas import is_base_verb, lemma
from respcompare.promises import STATUSES, track_commitments, with_updates

ROOT = Path(__file__).resolve().parents[1]
PETITIONS = ROOT / "tests" / "fixtures" / "petitions"
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_promises import judge, load_pairs  # noqa: E402

PAIRS = load_pairs()
# The seed press report of the paper's publication (../shared/seeds/004_...): "On Tuesday 15
# December the Home Secretary published a paper on ..."
PUBLISHED = rc.Update(
    "Paper on group-based child sexual exploitation published and debate scheduled",
    "2020-12-15",
    "On Tuesday 15 December the Home Secretary published a paper on the characteristics of "
    "group-based child sexual exploitation offending.",
)


def _load(pid: int) -> rc.Case:
    return rc.load_petition(PETITIONS / f"{pid}.json")


# ---------------------------------------------------------------- the labelled pairs


def _param(pair: dict[str, Any]) -> Any:
    marks = (
        [pytest.mark.xfail(strict=True, reason=pair["known_failure"])]
        if "known_failure" in pair
        else []
    )
    return pytest.param(
        pair, id=f"{pair['petition']}-{pair['status']}-{pair['promise'][:30]}", marks=marks
    )


def test_the_table_has_at_least_30_pairs_of_each_kind() -> None:
    assert len(PAIRS) >= 30
    kinds = {p["status"] for p in PAIRS}
    assert {"delivered", "restated", "dropped", "overdue"} <= kinds


@pytest.mark.parametrize("pair", [_param(p) for p in PAIRS])
def test_pair_status(pair: dict[str, Any]) -> None:
    outcome = judge(pair)
    assert outcome.promise is not None, f"promise not listed: {pair['promise']!r}"
    assert outcome.got == pair["status"], pair["why"]


def test_status_accuracy_is_at_least_90_percent() -> None:
    outcomes = [judge(p) for p in PAIRS]
    accuracy = sum(o.ok for o in outcomes) / len(outcomes)
    assert accuracy >= 0.9, f"{accuracy:.1%}"
    # the known failures are listed in the table, no more and no fewer
    assert {id(o.pair) for o in outcomes if not o.ok} == {
        id(p) for p in PAIRS if "known_failure" in p
    }


def test_every_pair_quotes_real_text() -> None:
    for pair in PAIRS:
        case = _load(pair["petition"])
        assert pair["promise"] in case.response(pair["response"]).full_text
        for u in pair.get("updates", []):
            assert u["from"], "each test-built update says where its text comes from"


def test_every_delivered_status_quotes_the_later_text() -> None:
    for pair in PAIRS:
        o = judge(pair)
        if o.got != "delivered" or o.promise is None:
            continue
        first = o.promise.evidence[0]
        assert first.note == "reports it done" and first.text
        assert first.source.startswith(("update:", "response:"))
        case = _load(pair["petition"])
        later = [u.text for u in case.updates] + [u["text"] for u in pair.get("updates", [])]
        later += [u["subject"] for u in pair.get("updates", [])] + [u.subject for u in case.updates]
        assert any(first.text in t for t in later)


# ---------------------------------------------------------------- the seed case


def test_seed_paper_is_listed_with_its_due_date_and_overdue_without_an_update() -> None:
    case = rc.load_example("grooming-gangs")
    assert case.updates == ()
    ledger = track_commitments(case, as_of="2021-01-31")
    (paper,) = [p for p in ledger if "to be published later this year" in p.sentence]
    assert paper.response_label == "revised"
    assert paper.commitment.due is not None and paper.commitment.due.span.text == "later this year"
    assert paper.due == dt.date(2020, 12, 31)
    assert paper.status == "overdue"
    assert "due by 2020-12-31" in paper.evidence[-1].note


def test_seed_paper_is_delivered_given_the_publication_update() -> None:
    assert dt.date(2020, 12, 15).strftime("%A") == "Tuesday"
    case = with_updates(rc.load_example("grooming-gangs"), PUBLISHED)
    ledger = track_commitments(case, as_of="2021-01-31")
    (paper,) = [p for p in ledger if "to be published later this year" in p.sentence]
    assert paper.status == "delivered"
    ev = paper.evidence[0]
    assert ev.date == dt.date(2020, 12, 15) and "published a paper" in ev.text
    assert ev.span is not None and PUBLISHED.text[ev.span.start : ev.span.end] == ev.text


def test_an_update_after_as_of_is_not_read() -> None:
    case = with_updates(rc.load_example("grooming-gangs"), PUBLISHED)
    ledger = track_commitments(case, as_of="2020-12-01")
    (paper,) = [p for p in ledger if "to be published later this year" in p.sentence]
    assert paper.status == "pending"


def test_default_as_of_is_the_newest_date_in_the_case() -> None:
    case = _load(300535)
    assert track_commitments(case).as_of == dt.date(2021, 6, 7)


def test_ledger_is_empty_not_an_error_without_commitments() -> None:
    case = rc.Case(
        petition=rc.Petition(action="Ban X"),
        responses=[rc.Response("We have increased funding for victims' services.")],
    )
    ledger = track_commitments(case)
    assert len(ledger) == 0 and list(ledger) == []
    assert ledger.counts() == dict.fromkeys(STATUSES, 0)
    assert ledger.to_dict()["promises"] == []
    pytest.importorskip("pandas")
    frame = ledger.to_frame()
    assert len(frame) == 0 and "status" in frame.columns


def test_ledger_records_and_frame() -> None:
    pytest.importorskip("pandas")
    ledger = track_commitments(with_updates(rc.load_example("grooming-gangs"), PUBLISHED))
    frame = ledger.to_frame()
    assert len(frame) == len(ledger)
    assert set(frame["status"]) <= set(STATUSES)
    row = frame[frame["sentence"].str.contains("to be published later this year")].iloc[0]
    assert row["due"] == "2020-12-31" and row["act"] == "publish"
    assert row["evidence_source"].startswith("update:")
    json.dumps(ledger.to_dict())  # JSON-ready


def test_ledger_is_deterministic() -> None:
    case = _load(575833)
    assert track_commitments(case).to_dict() == track_commitments(case).to_dict()


def test_bad_as_of_is_a_typed_error() -> None:
    with pytest.raises(rc.InputError):
        track_commitments(rc.load_example("grooming-gangs"), as_of="not a date")
    with pytest.raises(rc.InputError, match="takes a Case"):
        track_commitments("300239.json")  # type: ignore[arg-type]


# ---------------------------------------------------------------- updates on the Case


def test_load_petition_keeps_the_later_updates_dated() -> None:
    case = _load(300535)
    assert [(u.date, u.subject) for u in case.updates] == [
        (dt.date(2021, 5, 11), "Government announces plans for new animal welfare laws"),
        (
            dt.date(2021, 6, 7),
            "Government publishes outcome of consultation on the import and export of shark fins",
        ),
    ]
    assert "summary of responses" in case.updates[1].text
    # the original response is a response, not an update
    assert all("Original" not in u.subject for u in _load(300239).updates)
    assert _load(300239).updates[0].date == dt.date(2020, 5, 20)  # its created_at


def test_update_dates_follow_the_weekday() -> None:
    # "On Wednesday 19 May": 2021 (a Wednesday), before the response of 8 June 2021
    assert _load(585313).updates[0].date == dt.date(2021, 5, 19)


def test_corpus_loader_carries_updates(tmp_path: Path) -> None:
    shutil.copy(PETITIONS / "300535.json", tmp_path / "300535.json")
    (case,) = list(rc.load_corpus(tmp_path))
    assert len(case.updates) == 2


def test_update_input_errors() -> None:
    with pytest.raises(rc.InputError):
        rc.Update(1, None, "text")  # type: ignore[arg-type]
    with pytest.raises(rc.InputError):
        rc.Update("subject", None, "   ")
    with pytest.raises(rc.InputError):
        rc.Case(
            petition=rc.Petition(action="Do X"),
            responses=[rc.Response("We will do X.")],
            updates="not updates",  # type: ignore[arg-type]
        )
    raw = json.loads((PETITIONS / "300535.json").read_text("utf-8"))
    raw["data"]["attributes"]["other_parliamentary_business"][1]["body"] = 3
    with pytest.raises(rc.PetitionFormatError, match="body"):
        rc.load_petition(raw)


# ---------------------------------------------------------------- commitments tables (#15.4)


def _commitments(case: rc.Case) -> list[Any]:
    out = []
    for r in case.responses:
        an = analyse(r.full_text)
        out += [(r, c) for c in extract_commitments(r, an.cues, an.segmentation)]
    return out


ALL = sorted(p.stem for p in PETITIONS.glob("*.json"))


@pytest.mark.parametrize("pid", ALL)
def test_one_row_per_sentence_and_verbs_are_lemmas(pid: str) -> None:
    rows = _commitments(_load(int(pid)))
    seen = set()
    for r, c in rows:
        key = (r.label, c.sentence.start)
        assert key not in seen, f"sentence listed twice: {c.sentence.text[:60]!r}"
        seen.add(key)
        assert r.full_text[c.sentence.start : c.sentence.end] == c.sentence.text
        if c.action is not None:
            assert is_base_verb(c.action.split()[0]), c.action  # no 'conven', 'ensur', 'bringe'
        for other in c.also:  # nothing dropped: the other readings stay on the row
            assert c.sentence.start <= other.span.start < c.sentence.end


def test_the_same_sentence_is_not_listed_at_two_levels() -> None:
    rows = _commitments(_load(568475))
    hits = [c for _, c in rows if "Arrangements for a public inquiry" in c.sentence.text]
    assert len(hits) == 1
    (c,) = hits
    assert c.category == "commitment" and c.level == 4 and c.action == "make"
    assert [o.category for o in c.also] == ["deferral"]
    assert c.due is not None and c.due.vague


@pytest.mark.parametrize(
    ("word", "base"),
    [("convened", "convene"), ("ensuring", "ensure"), ("bringing", "bring"),
     ("tackling", "tackle"), ("published", "publish"), ("laid", "lay"), ("focussed", "focus")],
)  # fmt: skip
def test_lemma(word: str, base: str) -> None:
    assert lemma(word) == base


def test_historic_commitment_is_past() -> None:
    rows = _commitments(_load(562729))
    licence = [c for _, c in rows if "committed to increase the licence fee" in c.sentence.text]
    assert licence and all(c.tense == "past" for c in licence)
    # not a promise of this response: the ledger leaves it out
    assert not [p for p in track_commitments(_load(562729)) if "licence fee" in p.sentence]


def test_reported_intention_is_past_and_standing_pledge_is_current() -> None:
    rows = _commitments(_load(327566))
    reported = [c for _, c in rows if "set out on 19 May its intention" in c.sentence.text]
    assert [c.tense for c in reported] == ["past"]
    standing = [c for _, c in rows if "is committed to keeping children" in c.sentence.text]
    assert [c.tense for c in standing] == ["current"]


def test_conditional_commitment() -> None:
    rows = _commitments(_load(565074))
    (c,) = [c for r, c in rows if r.label == "original" and "LAs will receive" in c.sentence.text]
    assert c.tense == "conditional" and c.level == 3


def test_not_until_is_a_dated_commitment_not_a_refusal() -> None:
    rows = _commitments(_load(565074))
    found = [c for _, c in rows if "will not need to paid in full until" in c.sentence.text]
    assert found
    for c in found:
        assert c.category == "commitment" and c.level == 5
        assert c.due is not None and c.due.due == dt.date(2022, 1, 31)


def test_past_dates_are_not_due_dates() -> None:
    rows = _commitments(_load(583310))
    (c,) = [c for _, c in rows if "Oral Statement on 19 April" in c.sentence.text]
    assert c.due is None  # 19 April is when it was announced, before the response


with (ROOT / "tests" / "data" / "due_dates.toml").open("rb") as _fh:
    DUE_CASES = tomllib.load(_fh)["case"]


@pytest.mark.parametrize("case", DUE_CASES, ids=[c["phrase"] for c in DUE_CASES])
def test_due_dates_of_real_sentences(case: dict[str, Any]) -> None:
    texts = [r.full_text for r in _load(case["petition"]).responses]
    assert any(case["text"] in t for t in texts), "the sentence comes from the petition"
    found = find_due_dates(case["text"], on=dt.date.fromisoformat(case["on"]))
    by_phrase = {d.span.text: d for d in found}
    assert case["phrase"] in by_phrase, [d.span.text for d in found]
    assert by_phrase[case["phrase"]].due == dt.date.fromisoformat(case["due"])


# ---------------------------------------------------------------- review, report, chart, CLI


def test_review_ledger_section_in_markdown_html_and_json() -> None:
    case = with_updates(rc.load_example("grooming-gangs"), PUBLISHED)
    r = rc.review(case)
    md = r.to_markdown()
    assert "## Promises kept?" in md
    assert "| **delivered** | reports it done" in md
    html = r.to_html()
    assert "<h2>Promises kept?</h2>" in html and "<b>delivered</b>" in html
    d = r.to_dict()["ledger"]
    assert d["as_of"] == "2020-12-15"
    statuses = {p["status"] for p in d["promises"] if "later this year" in p["sentence"]}
    assert statuses == {"delivered"}
    # the review's ledger is the one track_commitments gives
    assert d == track_commitments(case).to_dict()


def test_ledger_section_for_a_case_without_promises() -> None:
    case = rc.Case(
        petition=rc.Petition(action="Ban X"),
        responses=[rc.Response("The Government has no plans to ban X.")],
    )
    r = rc.review(case)
    assert "No promise to follow" in r.to_markdown()
    assert "No promise to follow" in r.to_html()


def test_commitments_table_shows_a_past_tense() -> None:
    md = rc.review(_load(562729)).to_markdown()
    assert "commitment (past)" in md


def test_timeline_chart_draws_each_promise() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from respcompare.plot import promises_timeline

    case = with_updates(rc.load_example("grooming-gangs"), PUBLISHED)
    ledger = track_commitments(case, as_of="2021-01-31")
    _fig, given = plt.subplots()
    ax = promises_timeline(ledger, ax=given)
    assert ax is given
    gids = [ln.get_gid() for ln in ax.lines if ln.get_gid()]
    for i, p in enumerate(ledger):
        assert f"promise:{i}:made" in gids and f"promise:{i}:{p.status}" in gids
    delivered = [ln for ln in ax.lines if (ln.get_gid() or "").endswith(":delivered")]
    assert delivered and all(
        ln.get_xdata()[0] == dt.date(2020, 12, 15).toordinal() for ln in delivered
    )  # type: ignore[index]
    assert "as-of" in gids
    assert [t.get_text() for t in ax.get_yticklabels()][-1].startswith("original:")  # top row
    plt.close("all")
    empty = track_commitments(
        rc.Case(petition=rc.Petition(action="Ban X"), responses=[rc.Response("No.")])
    )
    ax = promises_timeline(empty)
    assert ax.texts[0].get_text() == "No dated promise to draw"
    plt.close("all")


def test_review_set_commitments_have_department_and_status() -> None:
    rs = rc.review_many([_load(300239), _load(551283)], progress=False)
    rows = rs.commitments(as_of="2022-04-30")
    assert rows and all(r["department"] and r["status"] in STATUSES for r in rows)
    assert {r["petition_id"] for r in rows} == {300239, 551283}
    overdue = [r for r in rows if r["status"] == "overdue"]
    assert {r["department"] for r in overdue} >= {"Department of Health and Social Care"}


def test_cli_promises(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from respcompare.cli import main

    path = str(PETITIONS / "300239.json")
    assert main(["promises", path, "--as-of", "2021-01-31"]) == 0
    out = capsys.readouterr().out
    assert "As of 31 January 2021" in out and "**overdue**" in out
    assert main(["promises", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2020-05-20"
    png = tmp_path / "t.png"
    assert (
        main(["promises", "--example", "grooming-gangs", "--format", "csv", "--chart", str(png)])
        == 0
    )
    assert capsys.readouterr().out.startswith("petition_id,as_of,")
    assert png.stat().st_size > 0
    assert main(["promises", path, "--as-of", "31/13/2020"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "as_of" in err and "Traceback" not in err
    assert main(["promises"]) == 2
    assert "exactly one of" in capsys.readouterr().err


with (ROOT / "tests" / "data" / "commitment_cases.toml").open("rb") as _fh:
    ROW_CASES = tomllib.load(_fh)["case"]


@pytest.mark.parametrize("case", ROW_CASES, ids=[c["text"][:40] for c in ROW_CASES])
def test_commitment_rows(case: dict[str, Any]) -> None:
    if case["petition"]:
        assert any(case["text"] in r.full_text for r in _load(case["petition"]).responses)
    r = rc.Response(case["text"], date="2021-01-01")
    an = analyse(r.full_text)
    (row,) = extract_commitments(r, an.cues, an.segmentation)  # one row per sentence
    assert row.category == case["category"]
    assert row.tense == case["tense"]
    if "action" in case:
        assert row.action == case["action"]
    if "level" in case:
        assert row.level == case["level"]
