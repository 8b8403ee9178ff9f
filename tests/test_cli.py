"""The CLI: output on the example, one-line errors with exit code 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from respcompare.cli import main

from .conftest import FIXTURES


def test_review_example_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--example", "grooming-gangs"]) == 0
    out = capsys.readouterr().out
    assert "Original response (24 April 2020)" in out
    assert "Revised response (19 May 2020)" in out
    assert out.count("takes a position on the ask: **") == 2


def test_review_file_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(FIXTURES / "petitions" / "300239.json"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["label"] for r in data["responses"]] == ["original", "revised"]
    assert [a["response_label"] for a in data["assessments"]] == ["original", "revised"]
    assert all(isinstance(a["answered"], bool) for a in data["assessments"])


def test_review_plain_texts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("We have increased funding for victims' services.")
    b.write_text("The Government will publish the review in full in June 2021.")
    assert (
        main(
            [
                "review",
                "--petition",
                "Publish the review in full",
                "--original",
                str(a),
                "--revised",
                str(b),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Original response" in out and "Revised response" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["review"],
        ["review", "--example", "nope"],
        ["review", "/no/such.json"],
        ["review", "--petition", "Do X"],
        ["review", "--petition", "Do X", "--original", "/no/such.txt"],
        ["review", "--example", "grooming-gangs", "--format", "pdf"],
        ["frobnicate"],
    ],
)
def test_bad_input_one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("respcompare")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_json_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["review", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "not valid JSON" in err


def test_python_dash_m_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "respcompare", "review", "--example", "grooming-gangs-inquiry"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "1 April 2025" in proc.stdout


def test_chart_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scorecard.png"
    assert main(["review", "--example", "grooming-gangs", "--chart", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "# Did they answer?" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["chart.svg", "no/such/folder/chart.png"])
def test_chart_bad_path(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--example", "grooming-gangs", "--chart", str(tmp_path / name)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
