"""Corpus: streaming loader with errors, review_many equal to review, records, frame, CLI."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.cli import main

from .conftest import FIXTURES, PETITIONS

DEV = FIXTURES / "dev.jsonl"


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]


def test_jsonl_groups_rows_into_cases() -> None:
    rows = _rows()
    corpus = rc.load_corpus(DEV)
    cases = list(corpus)
    assert corpus.errors == []
    assert len(cases) == len({r["petition_id"] for r in rows})
    by_id = {c.petition.id: c for c in cases}
    for row in rows:
        case = by_id[row["petition_id"]]
        label = {"original": "original", "revised": "revised", "single": "response"}[
            str(row["role"])
        ]
        resp = case.response(label)
        assert resp.text == str(row["response_details"]).replace("\r\n", "\n").strip()
        assert case.petition.action == str(row["action"]).strip()
        meta = corpus.metadata[str(case.source)]
        assert meta["committee"][label] == row["committee"]  # kept for evaluation only
        assert meta["petition_id"] == row["petition_id"]
    for case in cases:
        labels = [r.label for r in case.responses]
        assert labels in (["response"], ["original", "revised"])


@settings(max_examples=20, deadline=None)
@given(st.permutations(["revised", "original"]))
def test_original_comes_first_whatever_the_line_order(order: list[str]) -> None:
    import tempfile

    pair = next(r for r in _rows() if r["role"] == "original")
    rows = [r for r in _rows() if r["petition_id"] == pair["petition_id"]]
    by_role = {r["role"]: r for r in rows}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pair.jsonl"
        path.write_text("\n".join(json.dumps(by_role[r]) for r in order) + "\n")
        (case,) = list(rc.load_corpus(path))
    assert [r.label for r in case.responses] == ["original", "revised"]


def test_bad_lines_are_listed_not_fatal(tmp_path: Path) -> None:
    rows = _rows()
    good = [rows[0], rows[1]]
    missing_action = dict(rows[2], action="")
    bad_role = dict(rows[3], role="draft")
    lines = [
        json.dumps(good[0]),
        json.dumps(good[1]),
        "{not json",
        json.dumps(missing_action),
        json.dumps(bad_role),
        json.dumps([1, 2]),
        json.dumps(rows[5]),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = rc.load_corpus(path)
    cases = list(corpus)
    assert [c.petition.id for c in cases] == [rows[0]["petition_id"], rows[5]["petition_id"]]
    assert sorted(e.line or 0 for e in corpus.errors) == [3, 4, 5, 6]
    errors = sorted(corpus.errors, key=lambda e: e.line or 0)
    assert all(e.path == str(path) for e in corpus.errors)
    assert "JSON" in errors[0].reason
    assert "action" in errors[1].reason.lower()
    assert "draft" in errors[2].reason
    # a second pass reads it again, with the same errors
    assert len(list(corpus)) == 2 and len(corpus.errors) == 4


def test_rows_apart_are_read_but_reported(tmp_path: Path) -> None:
    rows = _rows()
    a = next(r for r in rows if r["role"] == "original")
    b = next(r for r in rows if r["role"] == "revised" and r["petition_id"] == a["petition_id"])
    other = next(r for r in rows if r["role"] == "single")
    path = tmp_path / "apart.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (a, other, b)) + "\n")
    corpus = rc.load_corpus(path)
    cases = list(corpus)
    assert len(cases) == 3
    assert len(corpus.errors) == 1 and corpus.errors[0].line == 3
    assert "together" in corpus.errors[0].reason


def test_folder_with_a_bad_file(tmp_path: Path) -> None:
    for p in PETITIONS[:3]:
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "broken.json").write_text('{"data": {"attributes": {"action": ')
    (tmp_path / "no-response.json").write_text('{"data": {"attributes": {"action": "Do X"}}}')
    corpus = rc.load_corpus(tmp_path)
    cases = list(corpus)
    assert len(cases) == 3
    assert sorted(Path(e.path).name for e in corpus.errors) == ["broken.json", "no-response.json"]
    assert all(e.reason for e in corpus.errors)
    result = rc.review_many(corpus, progress=False)
    assert len(result) == 3 and len(result.errors) == 2


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(rc.InputError, match="jsonl"):
        rc.load_corpus(tmp_path / "nowhere")


@pytest.fixture(scope="module")
def one_at_a_time() -> list[rc.Review]:
    return [rc.review(c) for c in rc.load_corpus(FIXTURES / "petitions")]


def test_review_many_equals_review(one_at_a_time: list[rc.Review]) -> None:
    result = rc.review_many(
        rc.load_corpus(FIXTURES / "petitions"), progress=False, batch_size=3, index=None
    )
    assert result.errors == ()
    assert list(result.reviews) == one_at_a_time
    assert [r.to_dict() for r in result] == [r.to_dict() for r in one_at_a_time]


@pytest.mark.parametrize("make", [lambda: ThreadPoolExecutor(2), lambda: ProcessPoolExecutor(2)])
def test_review_many_on_an_executor(make, one_at_a_time: list[rc.Review]) -> None:  # type: ignore[no-untyped-def]
    cases = list(rc.load_corpus(FIXTURES / "petitions"))
    with make() as ex:
        result = rc.review_many(cases, progress=False, executor=ex, batch_size=2, index=None)
    assert [r.to_dict() for r in result] == [r.to_dict() for r in one_at_a_time]
    assert list(result.reviews) == one_at_a_time


def test_review_many_on_dask(one_at_a_time: list[rc.Review]) -> None:
    from respcompare.distributed import local_cluster  # loopback only, no dashboard

    cases = list(rc.load_corpus(FIXTURES / "petitions"))
    with local_cluster(n_workers=1, threads_per_worker=2, processes=False) as client:
        result = rc.review_many(cases, progress=False, executor=client.get_executor(), index=None)
    assert [r.to_dict() for r in result] == [r.to_dict() for r in one_at_a_time]


def test_records_and_frame(one_at_a_time: list[rc.Review]) -> None:
    result = rc.ReviewSet(tuple(one_at_a_time))
    records = result.to_records()
    assert len(records) == sum(len(r.case.responses) for r in one_at_a_time)
    for rec, (rv, a) in zip(
        records, [(x, a) for x in one_at_a_time for a in x.assessments], strict=True
    ):
        assert rec["verdict"] == a.verdict.value and rec["directness"] == a.directness
        assert rec["response_label"] == a.response_label
        assert 0.0 <= rec["directness"] <= 1.0
        first = rv.case.responses[0].label == rec["response_label"]
        assert (rec["carried_over_share"] is None) == first
    frame = result.to_frame()
    assert list(frame.columns) == list(records[0])
    assert len(frame) == len(records)


def test_to_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    result = rc.review_many([rc.load_example("grooming-gangs")], progress=False)
    with pytest.raises(rc.OptionalDependencyError, match=r"respcompare\[pandas\]"):
        result.to_frame()


def test_progress_bar_is_forced_on_and_off(capsys: pytest.CaptureFixture[str]) -> None:
    case = rc.load_example("grooming-gangs")
    rc.review_many([case, case], progress=False)
    assert capsys.readouterr().err == ""
    rc.review_many([case, case], progress=True)
    assert "2/2" in capsys.readouterr().err


def test_cli_corpus_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.csv"
    assert main(["corpus", str(DEV), "--out", str(out), "--no-progress"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(_rows())
    assert {r["verdict"] for r in rows} <= {v.value for v in rc.Verdict}
    assert {r["committee"] for r in rows} <= {"accepted", "sent-back", ""}
    assert any(r["committee"] == "sent-back" for r in rows)
    out_json = tmp_path / "results.json"
    assert main(["corpus", str(FIXTURES / "petitions"), "--out", str(out_json)]) == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["errors"] == [] and len(data["records"]) >= len(PETITIONS)
    assert main(["corpus", str(DEV), "--out", str(tmp_path / "x.txt")]) == 2
    assert "csv or .json" in capsys.readouterr().err


def test_cli_corpus_reports_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(PETITIONS[0], tmp_path / PETITIONS[0].name)
    (tmp_path / "broken.json").write_text("{")
    assert main(["corpus", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "broken.json" in captured.err and captured.err.count("\n") == 2
    assert captured.err.splitlines()[-1] == "respcompare: reviewed 1 of 2 files, 1 skipped"
    assert captured.out.startswith("source,petition_id")


def test_jsonl_duplicate_keys_long_lines_and_a_second_action_are_listed(tmp_path: Path) -> None:
    from respcompare.load import MAX_JSON_BYTES

    def row(pid: int, action: str, **kw: str) -> str:
        return json.dumps(
            {"petition_id": pid, "action": action, "response_details": "We will not.", **kw}
        )

    lines = [
        row(1, "Ban fireworks"),
        '{"petition_id": 2, "action": "Ban it", "action": "Allow it", "response_details": "No."}',
        row(3, "Ban X", role="original"),
        row(3, "Ban Y", role="revised"),
        row(4, "x" * (MAX_JSON_BYTES + 10)),
        row(5, "Ban the sale of fireworks"),
    ]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = rc.load_corpus(path)
    cases = list(corpus)
    assert [c.petition.id for c in cases] == [1, 3, 5]
    assert cases[1].petition.action == "Ban X" and len(cases[1].responses) == 2
    by_line = {e.line: e for e in corpus.errors}
    assert set(by_line) == {2, 4, 5}
    assert "appears twice" in by_line[2].reason
    assert "differs" in by_line[4].reason
    assert by_line[5].error == "InputTooLargeError"
