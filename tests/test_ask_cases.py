"""Ask extraction cases as data (tests/data/ask_cases.toml): each case passes, or is a known
failure that still fails (so that a fix is noticed and the case moved to expect = "pass")."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import respcompare as rc
from respcompare.asks import extract_asks
from respcompare.model import Ask

CASES_FILE = Path(__file__).parent / "data" / "ask_cases.toml"
CASES: list[dict[str, Any]] = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))["case"]


def _ask_problems(got: Ask, want: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if "action" in want and got.action != want["action"]:
        out.append(f"action {got.action!r} != {want['action']!r}")
    obj = got.object.lower()
    for s in want.get("object_contains", []):
        if s.lower() not in obj:
            out.append(f"object {got.object!r} lacks {s!r}")
    for s in want.get("object_not_contains", []):
        if s.lower() in obj:
            out.append(f"object {got.object!r} holds {s!r}")
    if got.negated != want.get("negated", False):
        out.append(f"negated {got.negated} != {want.get('negated', False)}")
    quals = [q.lower() for q in got.qualifiers]
    for s in want.get("qualifiers_contain", []):
        if not any(s.lower() in q for q in quals):
            out.append(f"qualifiers {got.qualifiers!r} lack {s!r}")
    if "source" in want and got.source != want["source"]:
        out.append(f"source {got.source!r} != {want['source']!r}")
    return out


def case_problems(case: dict[str, Any]) -> list[str]:
    """What the extracted asks get wrong against the case (empty when it passes)."""
    p = rc.Petition(
        action=case["action"],
        background=case.get("background", ""),
        additional_details=case.get("additional_details", ""),
    )
    asks = extract_asks(p)
    out: list[str] = []
    for i, want in enumerate(case["asks"]):
        if i >= len(asks):
            out.append(f"ask {i + 1} missing")
            continue
        out += [f"ask {i + 1}: {m}" for m in _ask_problems(asks[i], want)]
    if "count" in case and len(asks) != case["count"]:
        out.append(f"{len(asks)} asks, expected {case['count']}: {[a.text for a in asks]}")
    for w in case.get("no_ask_contains", []):
        for a in asks:
            if w.lower() in a.object.lower() or w.lower() in a.text.lower():
                out.append(f"ask {a.text!r} holds {w!r}")
    return out


def test_the_case_file_is_well_formed() -> None:
    labels = [c["label"] for c in CASES]
    assert len(CASES) >= 60
    assert len(labels) == len(set(labels))
    for c in CASES:
        assert c["expect"] in ("pass", "fail"), c["label"]
        assert c.get("why"), c["label"]
        assert c["asks"], c["label"]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_ask_case(case: dict[str, Any]) -> None:
    problems = case_problems(case)
    if case["expect"] == "pass":
        assert not problems, "; ".join(problems)
    else:
        assert problems, f"known failure {case['label']!r} now passes: set expect = 'pass'"
