"""Due dates of commitments, counted from the response date."""

from __future__ import annotations

import datetime as dt

import pytest

from respcompare.due import find_due_dates

MAY_2020 = dt.date(2020, 5, 19)

CASES = [
    ("The paper, to be published later this year, will set out", "later this year", "2020-12-31"),
    ("Government intends to publish a paper this year", "this year", "2020-12-31"),
    ("We will legislate by the end of 2021.", "by the end of 2021", "2021-12-31"),
    ("The review will report by March 2022.", "by March 2022", "2022-03-31"),
    ("Guidance will be issued on 3 June 2020.", "on 3 June 2020", "2020-06-03"),
    ("We will respond this autumn.", "this autumn", "2020-11-30"),
    ("We will respond this spring.", "this spring", "2020-05-31"),  # spring runs to May
    ("We will respond next summer.", "next summer", "2021-08-31"),
    ("A consultation will open within six months.", "within six months", "2020-11-19"),
    ("A consultation will open within 4 weeks.", "within 4 weeks", "2020-06-16"),
    ("We will set out plans in the coming months.", "in the coming months", "2020-11-19"),
    ("We will publish proposals early next year.", "early next year", "2021-04-30"),
]


@pytest.mark.parametrize(("text", "phrase", "due"), CASES)
def test_due_dates(text: str, phrase: str, due: str) -> None:
    (found,) = find_due_dates(text, on=MAY_2020)
    assert found.span.text == phrase
    assert text[found.span.start : found.span.end] == phrase
    assert found.due == dt.date.fromisoformat(due)
    assert not found.vague


@pytest.mark.parametrize(
    "text", ["We will respond in due course.", "The Strategy will be published shortly."]
)
def test_vague_time_has_no_due_date(text: str) -> None:
    (found,) = find_due_dates(text, on=MAY_2020)
    assert found.vague and found.due is None


def test_relative_time_needs_a_response_date() -> None:
    (found,) = find_due_dates("We will publish it later this year.")
    assert found.due is None and not found.vague


def test_no_time_expression() -> None:
    assert find_due_dates("We have increased funding for victims.", on=MAY_2020) == []
