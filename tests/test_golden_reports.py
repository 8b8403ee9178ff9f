"""Golden reports: the seed review and two other real petitions, as Markdown and HTML.

Each file under ``tests/golden/`` was read by a person once. When a change to the judge or the
reports changes them on purpose, regenerate them all with one command and read the diff:

    RESPCOMPARE_REGEN_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden_reports.py

- 300239 (the seed): two responses, a narrower answer, a long run of removed sentences;
- 568475: one response, two asks decided by one sentence (it was listed as "furthest from the
  ask" before), a reader's report with the audit section too;
- 554470: one short response that refuses ("Hair & Beauty": no ``&amp;`` in Markdown).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import respcompare as rc

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures" / "petitions"
REGENERATE = os.environ.get("RESPCOMPARE_REGEN_GOLDEN") == "1"

# name -> (how to load the case, whether the audit section is included)
CASES = {
    "300239": (lambda: rc.load_example("grooming-gangs"), False),
    "568475": (lambda: rc.load_petition(FIXTURES / "568475.json"), True),
    "554470": (lambda: rc.load_petition(FIXTURES / "554470.json"), False),
}


def _rendered(name: str) -> dict[str, str]:
    load, audit = CASES[name]
    r = rc.review(load())
    out = {f"{name}.md": r.to_markdown(), f"{name}.html": r.to_html()}
    if audit:
        out[f"{name}.audit.md"] = r.to_markdown(audit=True)
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_matches_golden(name: str) -> None:
    for filename, text in _rendered(name).items():
        path = GOLDEN / filename
        if REGENERATE:
            path.write_text(text, encoding="utf-8")
            continue
        assert path.exists(), (
            f"{path} is missing: run RESPCOMPARE_REGEN_GOLDEN=1 pytest tests/test_golden_reports.py"
        )
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{filename} differs from its golden file; if the change is intended, regenerate "
            "with RESPCOMPARE_REGEN_GOLDEN=1 and read the diff"
        )


def test_golden_files_are_all_in_use() -> None:
    """No stale golden file is left behind when a case is renamed or dropped."""
    expected = {f for name in CASES for f in _names(name)}
    assert {p.name for p in GOLDEN.iterdir()} == expected


def _names(name: str) -> list[str]:
    files = [f"{name}.md", f"{name}.html"]
    return files + ([f"{name}.audit.md"] if CASES[name][1] else [])
