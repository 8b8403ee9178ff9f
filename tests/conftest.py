"""Shared fixtures: the petitions copied from ../shared/data (Open Parliament Licence v3.0)."""

from __future__ import annotations

from pathlib import Path

import pytest

import respcompare as rc

FIXTURES = Path(__file__).parent / "fixtures"
PETITIONS = sorted((FIXTURES / "petitions").glob("*.json"))


@pytest.fixture(scope="session")
def fixture_cases() -> list[rc.Case]:
    return [rc.load_petition(p) for p in PETITIONS]
