"""The generated and listed parts of the docs stay in step with the code (issue #15 item 11)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import respcompare as rc
from respcompare import plot
from respcompare.cli import _ERROR_FIELDS, options_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path.insert(0, str(DOCS))
import generate  # noqa: E402


def test_cli_option_tables_match_the_parser() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert generate.cli_markdown(text) == text, (
        "docs/cli.md's option tables are out of date: run `python docs/generate.py cli`"
    )
    assert options_markdown() in text


def test_option_tables_name_every_option() -> None:
    tables = options_markdown()
    for option in ("--version", "--summary", "--original-date", "--chart-kind", "--petition-file"):
        assert f"`{option}" in tables
    assert "### respcompare check" in tables


def test_drift_is_caught() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    stale = text.replace("| `--summary` |", "| `--one-line` |")
    assert generate.cli_markdown(stale) != stale


def _listed(name: str) -> list[str]:
    text = (DOCS / "columns.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- columns: {name} -->", 1)[1].split("<!-- columns: end -->", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", block, flags=re.M)


def test_record_columns_are_documented_in_order() -> None:
    records = rc.review(rc.load_example("grooming-gangs")).to_records()
    assert _listed("records") == list(records[0])


def test_a_reviews_columns_are_the_corpus_columns_of_the_same_name() -> None:
    # one definition per column: a single review's records are the corpus records minus the
    # corpus columns, in the same order and with the same values ("evidence" was once a count
    # in one and the quoted sentence in the other)
    case = rc.load_example("grooming-gangs")
    single = rc.review(case).to_records()
    corpus = rc.review_many([case], progress=False).to_records()
    assert [k for k in corpus[0] if k in single[0]] == list(single[0])
    for one, many in zip(single, corpus, strict=True):
        # (review_many measures boilerplate against the corpus index it builds; a lone review
        # has none, so its boilerplate_share is empty, as documented)
        same = [k for k in one if k != "boilerplate_share"]
        assert {k: many[k] for k in same} == {k: one[k] for k in same}


def test_error_columns_are_documented_in_order() -> None:
    assert _listed("errors") == list(_ERROR_FIELDS)


CHARTS = [
    "scorecard",
    "commitment_ladder",
    "alignment_map",
    "cue_density",
    "cue_density_side_by_side",
    "verdicts_over_time",
    "boilerplate_by_department",
    "departments",
    "promises_timeline",
]


def test_charts_doc_covers_every_chart_with_an_image() -> None:
    text = (DOCS / "charts.md").read_text(encoding="utf-8")
    drawn = {n for n in plot.__all__ if callable(getattr(plot, n)) and n[0].islower()}
    drawn -= {
        "plot_review",
        "plot_corpus",
        "scorecard_data",
        "ladder_data",
        "alignment_map_data",
        "timeline_data",
    }
    assert drawn == set(CHARTS)
    for name in CHARTS:
        assert name in text, name
    images = re.findall(r"!\[[^\]]*\]\((img/[^)]+\.png)\)", text)
    assert len(images) >= 6
    for image in images:
        data = (DOCS / image).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", image


@pytest.mark.parametrize("colour", sorted({c.upper() for c in plot.VERDICT_COLOURS.values()}))
def test_charts_doc_lists_the_verdict_colours(colour: str) -> None:
    assert f"`{colour}`" in (DOCS / "charts.md").read_text(encoding="utf-8")
