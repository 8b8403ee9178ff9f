"""Every real petition in tests/fixtures, reviewed once per test process (shared by the report
tests; cached, so the 43 reviews are made once however many test files use them)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import respcompare as rc

PETITIONS = sorted((Path(__file__).parent / "fixtures" / "petitions").glob("*.json"))


@lru_cache(maxsize=1)
def fixture_reviews() -> tuple[tuple[str, rc.Review], ...]:
    """(petition file stem, review) for every fixture petition."""
    return tuple((p.stem, rc.review(rc.load_petition(p))) for p in PETITIONS)


@lru_cache(maxsize=1)
def fixture_markdown() -> dict[str, str]:
    return {name: r.to_markdown() for name, r in fixture_reviews()}


@lru_cache(maxsize=1)
def fixture_html() -> dict[str, str]:
    return {name: r.to_html() for name, r in fixture_reviews()}
