"""Issue #15 item 9: what a new user meets at the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import respcompare as rc
from respcompare.cli import main

from .conftest import FIXTURES


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"respcompare {rc.__version__}"


def test_no_arguments_prints_the_usage_line_and_exits_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "respcompare"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "usage: respcompare [-h] [--version] {review,corpus,reuse,promises,fetch,check} ..."
    )
    assert "respcompare: respcompare" not in proc.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["frobnicate"], "respcompare: error: argument command: invalid choice: 'frobnicate'"),
        (["review", "--format", "pdf"], "respcompare: error: review: argument --format"),
    ],
)
def test_argument_errors_name_respcompare_once(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected), err
    assert err.count("respcompare:") == 1 and err.count("\n") == 1


def test_empty_petition_text_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    a.write_text("We will.", encoding="utf-8")
    assert main(["review", "--petition", "", "--original", str(a)]) == 2
    err = capsys.readouterr().err
    assert "the petition text is empty" in err and "exactly one of" not in err


def test_missing_file_says_it_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "missing.json"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "respcompare: error: review: the file 'missing.json' does not exist; check the path\n"
    )
    assert "JSON string" not in err


def test_a_folder_points_to_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path)]) == 2
    assert "use 'respcompare corpus'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("31/12/2020", dt.date(2020, 12, 31)),
        ("1/2/2021", dt.date(2021, 2, 1)),  # day first: 1 February, never 2 January
        ("01.02.2021", dt.date(2021, 2, 1)),
        ("31-12-2020", dt.date(2020, 12, 31)),
        ("2020-12-31", dt.date(2020, 12, 31)),
        ("31 December 2020", dt.date(2020, 12, 31)),
    ],
)
def test_dates_are_read_day_first(
    given: str, expected: dt.date, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("We have no plans to do X.", encoding="utf-8")
    b.write_text("We will do X in June.", encoding="utf-8")
    argv = ["review", "--petition", "Do X", "--original", str(a), "--revised", str(b)]
    argv += ["--original-date", given, "--revised-date", given, "--format", "json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["date"] for r in data["responses"]] == [expected.isoformat()] * 2


@pytest.mark.parametrize("given", ["31/13/2020", "12/31/2020", "yesterday"])
def test_impossible_dates_are_refused(
    given: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a.txt"
    a.write_text("We will.", encoding="utf-8")
    argv = ["review", "--petition", "Do X", "--original", str(a), "--original-date", given]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--original-date" in err and "31/12/2020" in err and err.count("\n") == 1


def test_alignment_chart_of_one_response_warns_but_writes_the_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chart = tmp_path / "map.png"
    argv = ["review", "--example", "grooming-gangs-inquiry", "--chart", str(chart)]
    assert main([*argv, "--chart-kind", "alignment"]) == 0
    captured = capsys.readouterr()
    assert "# Did they answer?" in captured.out
    assert captured.err.startswith("respcompare: warning: no alignment chart")
    assert captured.err.count("\n") == 1
    assert not chart.exists()


def test_summary_is_one_line_per_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(FIXTURES / "petitions" / "300239.json"), "--summary"]) == 0
    # (a ? marks a verdict a person should check: needs_review)
    assert capsys.readouterr().out == "300239 original=deflected? revised=answered-partly\n"
    assert main(["review", "--example", "grooming-gangs-inquiry", "--summary"]) == 0
    out = capsys.readouterr().out
    assert out == "grooming-gangs-inquiry response=answered-no?\n"


def test_skip_lines_name_the_path_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "petitions"
    folder.mkdir()
    (folder / "300239.json").write_bytes((FIXTURES / "petitions" / "300239.json").read_bytes())
    (folder / "bad.json").write_text("{", encoding="utf-8")
    (folder / "empty.json").write_text("", encoding="utf-8")
    assert main(["corpus", str(folder), "--out", str(tmp_path / "out.csv")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "respcompare: reviewed 1 of 3 files, 2 skipped"  # the closing line
    lines = err[:-1]
    assert len(lines) == 2
    for line, name in zip(lines, ("bad.json", "empty.json"), strict=True):
        assert line.startswith(f"respcompare: skipped {folder / name}: ")
        assert line.count(name) == 1, line


def test_cue_chart_of_one_response(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart = tmp_path / "cues.png"
    argv = ["review", "--example", "grooming-gangs", "--chart", str(chart), "--chart-kind", "cues"]
    assert main([*argv, "--chart-response", "revised"]) == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main([*argv, "--chart-response", "2"]) == 0
    capsys.readouterr()
    assert main([*argv, "--chart-response", "draft"]) == 2
    err = capsys.readouterr()
    assert "give a label (original, revised)" in err.err
    assert err.out == ""  # said before any output
    assert main([*argv, "--chart-response", "99999999999999999999999"]) == 2
    assert "from 1 to 2" in capsys.readouterr().err
    assert main(["review", "--example", "grooming-gangs", "--chart-response", "revised"]) == 2
    assert "--chart-kind cues" in capsys.readouterr().err
