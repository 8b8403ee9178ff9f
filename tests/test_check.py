"""check_draft and `respcompare check`: the seed petition's acceptance, cases as data, the CLI."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import respcompare as rc
from respcompare.check import FIX_ORDER, CheckSettings, check_draft
from respcompare.cli import main

from .conftest import FIXTURES

CASES = tomllib.loads(
    (Path(__file__).parent / "data" / "check_cases.toml").read_text(encoding="utf-8")
)["case"]
SEED = FIXTURES / "petitions" / "300239.json"


@pytest.fixture(scope="module")
def seed() -> rc.Case:
    return rc.load_petition(SEED)


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_seed_original_is_sent_back_for_no_position(
    seed: rc.Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _write(tmp_path, "original.txt", seed.responses[0].full_text)
    assert main(["check", "--petition", seed.petition.action, draft]) == 1
    out = capsys.readouterr().out
    assert out.startswith("likely sent back: deflected")
    assert "[no-position] no position on the ask" in out
    # it points at a sentence of the draft, quoted
    assert "sentence 23: \u201cTo help end this terrible form of abuse" in out


def test_seed_revised_is_accepted_and_names_the_in_full_downgrade(
    seed: rc.Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _write(tmp_path, "revised.txt", seed.responses[1].full_text)
    assert main(["check", "--petition-file", str(SEED), draft]) == 0
    out = capsys.readouterr().out
    assert out.startswith("likely accepted: answered-partly")
    assert '[qualifier-dropped] the petition asks for "in full"' in out
    assert "key findings" in out


def test_check_draft_reads_the_judges_assessment(seed: rc.Case) -> None:
    for response in seed.responses:
        check = check_draft(seed.petition, response)
        a = rc.assess(seed.petition, response)
        assert check.verdict is a.verdict and check.directness == a.directness
        assert check.likely_accepted == (a.directness >= check.threshold)
        for fix in check.fixes:
            text = response.full_text
            assert text[fix.span.start : fix.span.end] == fix.span.text
            assert rc.segment(text).sentences[fix.sentence].span == fix.span


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_behavioural_cases(case: dict[str, Any]) -> None:
    check = check_draft(case["petition"], case["draft"])
    assert [f.kind for f in check.fixes] == case["fixes"], check.fixes
    assert (0 if check.likely_accepted else 1) == case["expect_exit"], check.summary()
    assert [FIX_ORDER.index(f.kind) for f in check.fixes] == sorted(
        FIX_ORDER.index(f.kind) for f in check.fixes
    )


def test_buried_fix_says_how_many_sentences_come_first() -> None:
    case = next(c for c in CASES if c["fixes"] == ["position-buried"])
    fix = check_draft(case["petition"], case["draft"]).fixes[0]
    assert fix.message.startswith(f"the position comes after {fix.sentence} sentences")
    assert fix.sentence >= CheckSettings.default().buried_after
    assert fix.span.text.startswith("The Government has no plans")


def test_threshold_is_data_with_a_source() -> None:
    raw = tomllib.loads(
        (Path(rc.__file__).parent / "data" / "check.toml").read_text(encoding="utf-8")
    )
    for name, setting in raw["setting"].items():
        assert setting["source"].strip(), name
    assert CheckSettings.default().accept_threshold == raw["setting"]["accept_threshold"]["value"]
    assert "dev.jsonl" in raw["setting"]["accept_threshold"]["source"]


def test_settings_change_the_outcome(seed: rc.Case) -> None:
    strict = dataclasses.replace(CheckSettings.default(), accept_threshold=0.99)
    assert not check_draft(seed.petition, seed.responses[1], settings=strict).likely_accepted


def test_stock_phrasing_against_an_index(seed: rc.Case) -> None:
    stock = seed.responses[0].full_text
    index = rc.build_index([stock, stock, stock], min_docs=2)
    check = check_draft(seed.petition, seed.responses[0], index=index)
    assert check.stock_share == pytest.approx(1.0)
    assert check.fixes[-1].kind == "stock-phrasing"
    assert check.fixes[-1].message.startswith("100% of the draft is stock text")
    assert check_draft(seed.petition, seed.responses[0]).stock_share is None


@pytest.mark.parametrize(
    ("petition", "draft", "message"),
    [
        ("", "We will.", "the petition text is empty"),
        ("Ban X", "   ", "the draft is empty"),
    ],
)
def test_bad_input_is_a_typed_error(petition: str, draft: str, message: str) -> None:
    with pytest.raises(rc.InputError, match=message):
        check_draft(petition, draft)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "--petition", "Ban X", "/no/such/draft.txt"], "does not exist"),
        (["check", "DRAFT"], "give the petition with --petition TEXT or --petition-file"),
        (["check", "--petition", "", "DRAFT"], "the petition text is empty"),
        (["check", "--petition-file", "/no/such.json", "DRAFT"], "does not exist"),
        (["check", "--petition", "Ban X", "EMPTY"], "is empty"),
    ],
)
def test_check_bad_input_exits_2(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _write(tmp_path, "d.txt", "We will ban X.")
    empty = _write(tmp_path, "e.txt", "  \n")
    argv = [draft if a == "DRAFT" else empty if a == "EMPTY" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("respcompare: error: ") and err.count("\n") == 1
    assert message in err


def test_check_json(seed: rc.Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = _write(tmp_path, "original.txt", seed.responses[0].full_text)
    assert main(["check", "--petition", seed.petition.action, draft, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["likely_accepted"] is False and data["verdict"] == "deflected"
    fix = data["fixes"][0]
    assert fix["kind"] == "no-position"
    assert seed.responses[0].full_text[fix["start"] : fix["end"]] == fix["text"]
