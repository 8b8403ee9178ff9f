"""The CLI's JSON output is byte-identical across processes with different PYTHONHASHSEED."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PETITIONS = sorted((ROOT / "tests" / "fixtures" / "petitions").glob("*.json"))
SEEDS = ("0", "4242")


def _run(args: list[str], seed: str) -> bytes:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = seed
    env["PYTHONPATH"] = str(ROOT / "src")
    env["MPLBACKEND"] = "Agg"
    proc = subprocess.run(
        [sys.executable, "-m", "respcompare", "review", *args, "--format", "json"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout


def _sources() -> list[list[str]]:
    fixtures = [p for p in PETITIONS if p.stem != "300239"][:2]
    return [["--example", "grooming-gangs"], *[[str(p)] for p in fixtures]]


@pytest.mark.parametrize("args", _sources(), ids=lambda a: Path(a[-1]).stem)
def test_json_output_is_identical_across_hash_seeds(args: list[str]) -> None:
    outputs = [_run(args, seed) for seed in SEEDS]
    assert len(outputs[0]) > 200
    assert b'"verdict"' in outputs[0]
    assert outputs[1] == outputs[0]
