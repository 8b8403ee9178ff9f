"""Reports: content, order, and escaping of whatever arrives inside a response."""

from __future__ import annotations

import json
import re

import pytest

import respcompare as rc
from respcompare.cli import main

HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> '
    "[click](javascript:alert(1)) ![img](http://evil/x.png) <b>bold</b>"
)


@pytest.fixture(scope="module")
def seed_review() -> rc.Review:
    return rc.review(rc.load_example("grooming-gangs"))


@pytest.fixture(scope="module")
def hostile_review() -> rc.Review:
    case = rc.Case(
        petition=rc.Petition(action=f"Publish the report {HOSTILE}"),
        responses=[
            rc.Response(text=f"We will publish the report. {HOSTILE}", summary=HOSTILE),
        ],
    )
    return rc.review(case)


def test_html_is_self_contained_and_names_both_responses(seed_review: rc.Review) -> None:
    page = seed_review.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "Original response" in page and "24 April 2020" in page
    assert "Revised response" in page and "19 May 2020" in page
    for a in seed_review.assessments:
        assert a.verdict.value in page
    assert seed_review._repr_html_().startswith('<div class="rc-review">')


def test_script_inside_a_response_comes_out_escaped(hostile_review: rc.Review) -> None:
    page = hostile_review.to_html()
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "<img" not in page.lower()
    assert "<b>bold</b>" not in page
    assert not re.search(r"""href\s*=\s*["']?javascript:""", page, re.I)


def test_markdown_neutralises_markup(hostile_review: rc.Review) -> None:
    md = hostile_review.to_markdown()
    assert "<script>" not in md and "<img" not in md and "<b>" not in md
    # a link or image needs an unescaped "](": every bracket from the response is escaped
    assert not re.search(r"(?<!\\)\]\(", md)
    assert "\\[click\\](javascript:" in md


def test_json_round_trips(seed_review: rc.Review) -> None:
    data = json.loads(json.dumps(seed_review.to_dict()))
    assert data["petition"]["id"] == 300239
    assert [a["verdict"] for a in data["assessments"]] == [
        a.verdict.value for a in seed_review.assessments
    ]


def test_cli_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--example", "grooming-gangs", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "</html>" in out


def test_repr_is_one_line(seed_review: rc.Review) -> None:
    text = repr(seed_review)
    assert "\n" not in text and "300239" in text
