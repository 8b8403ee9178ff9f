"""Time expressions in commitments -> the date by which the promise falls due.

A response dated 19 May 2020 that says "will publish a paper later this year" is due by
31 December 2020. Vague time ("shortly", "in due course", "soon") has no due date and says so:
that vagueness is itself a finding.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from .model import MONTH_NAMES, MONTHS, Span

__all__ = ["DueDate", "find_due_dates"]


@dataclass(frozen=True, slots=True)
class DueDate:
    """A time expression found in a text and what it means against the response date.

    ``due`` is the last day the promise can be kept on, or None for vague time ("in due
    course") or when the response has no date to count from. ``vague`` is True for expressions
    that name no time at all.
    """

    span: Span
    due: _dt.date | None
    vague: bool
    rule: str


_MONTHS = MONTHS
_MONTH_RE = "|".join(MONTH_NAMES)
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}
_NUMBER = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "a": 1, "an": 1,
}  # fmt: skip

_COUNT = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an)"
_VAGUE = (
    "in due course|shortly|soon|in the near future|at a later date|in the future|"
    "when parliamentary time allows|at the earliest opportunity|as soon as possible"
)
_BY = r"\b(?:by|before|on|in|during|from|until)\s+(?:the\s+end\s+of\s+)?"
# "before expiring on 2 December", "until being reviewed on 3 May": a gerund between the
# preposition and the day
_BY_DAY = r"(?:\b(?:by|before|on|until|from)\s+(?:[a-z]+ing\s+on\s+)?)?"
_PART = r"(early|mid|late|the\s+end\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
# the last month of each part of a year, and of each part of a season
_PART_END = {"early": 4, "mid": 8, "late": 12, "end": 12, "first": 6, "second": 12}
_SEASON_MONTHS = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
}
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(pattern, re.I))
    for rule, pattern in (
        ("by-date", _BY + rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\s+(\d{{4}})\b"),
        ("by-month-year", _BY + rf"({_MONTH_RE})\s+(\d{{4}})\b"),
        ("financial-year", _BY + r"(20\d\d)[/\-–](\d\d)\b"),
        (
            "season-year",
            rf"(?:{_BY})?\b(?:(early|mid|late)[\s\-]+)?(spring|summer|autumn|winter)\s+(20\d\d)\b",
        ),
        ("part-year", rf"(?:\b(?:in|by|before|during|from|until)\s+)?\b{_PART}[\s\-]+(20\d\d)\b"),
        ("by-year", _BY + r"(20\d\d)\b"),
        (
            "day-month",
            _BY_DAY + rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\b(?![\s,]+\d{{4}})",
        ),
        ("this-year", r"\b(?:later|by the end of|before the end of|in)?\s*this\s+year\b"),
        ("next-year", r"\b(early|later|by the end of|in)?\s*next\s+year\b"),
        ("season", r"\b(?:this|in the|by the|next)\s+(spring|summer|autumn|winter)\b"),
        ("within", rf"\bwithin\s+(?:the\s+next\s+)?{_COUNT}\s+(day|week|month|year)s?\b"),
        ("coming", r"\bin\s+the\s+(?:coming|next)\s+(weeks|months|year)\b"),
        ("vague", rf"\b(?:{_VAGUE})\b"),
    )
)

# A pattern is tried only where its gate matches: each gate is a part every match of its
# pattern contains (a digit, "year", "within"), so skipping a pattern whose gate does not match
# changes nothing; most sentences have no digit and name no time at all. (Patterns whose gate
# would cost as much as the pattern itself have none.)
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"year", re.I)
_GATES: dict[str, re.Pattern[str]] = {
    "by-date": _DIGIT,
    "by-month-year": _DIGIT,
    "financial-year": _DIGIT,
    "season-year": _DIGIT,
    "part-year": _DIGIT,
    "by-year": _DIGIT,
    "day-month": _DIGIT,
    "this-year": _YEAR,
    "next-year": _YEAR,
    "within": re.compile(r"within", re.I),
}


def _end_of_month(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: _dt.date, months: int) -> _dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _resolve(rule: str, m: re.Match[str], on: _dt.date | None) -> _dt.date | None:
    """The date a time expression names, or None; None too for a date past the calendar's end
    (year 9999: "within a year" of a response dated 31 December 9999)."""
    try:
        return _resolve_date(rule, m, on)
    except (ValueError, OverflowError):
        return None


def _resolve_date(rule: str, m: re.Match[str], on: _dt.date | None) -> _dt.date | None:
    if rule == "by-date":
        try:
            return _dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        except ValueError:
            return None
    if rule == "by-month-year":
        return _end_of_month(int(m[2]), _MONTHS[m[1].lower()])
    if rule == "by-year":
        return _dt.date(int(m[1]), 12, 31)
    if rule == "financial-year":  # "2021/22": the UK financial year ends on 31 March
        first, second = int(m[1]), int(m[2])
        if (first + 1) % 100 != second:
            return None
        return _dt.date(first + 1, 3, 31)
    if rule == "season-year":
        part, season, year = (m[1] or "late").lower(), m[2].lower(), int(m[3])
        month = _SEASON_MONTHS[season][{"early": 0, "mid": 1, "late": 2}[part]]
        # winter 2021 runs from December 2021 into 2022
        return _end_of_month(year + (season == "winter" and month < 12), month)
    if rule == "part-year":
        words_ = m[1].lower().split()
        part = words_[0] if len(words_) == 1 else words_[1]  # "the end of" -> "end"
        return _end_of_month(int(m[2]), _PART_END[part])
    if on is None:
        return None
    if rule == "day-month":  # the nearest such day to the response date, before or after it
        month, day = _MONTHS[m[2].lower()], int(m[1])
        options = []
        for year in (on.year - 1, on.year, on.year + 1):
            try:
                options.append(_dt.date(year, month, day))
            except ValueError:  # 29 February in a year without it
                continue
        return min(options, key=lambda d: (abs((d - on).days), d)) if options else None
    if rule == "this-year":
        return _dt.date(on.year, 12, 31)
    if rule == "next-year":  # "early next year" is by the end of April
        return _end_of_month(on.year + 1, 4 if (m[1] or "").lower() == "early" else 12)
    if rule == "season":
        season, later = m[1].lower(), m.group(0).lower().startswith("next")
        if season == "winter":  # a winter ends in February of the following year
            return _end_of_month(on.year + (on.month > 2) + later, 2)
        end_month = _SEASON_END[season]
        return _end_of_month(on.year + (later or end_month < on.month), end_month)
    if rule == "within":
        n = int(m[1]) if m[1].isdigit() else _NUMBER[m[1].lower()]
        unit = m[2].lower()
        if unit == "day":
            return on + _dt.timedelta(days=n)
        if unit == "week":
            return on + _dt.timedelta(weeks=n)
        return _add_months(on, n * (12 if unit == "year" else 1))
    if rule == "coming":
        unit = m[1].lower()
        months = {"weeks": 2, "months": 6, "year": 12}[unit]
        return _add_months(on, months)
    return None


def find_due_dates(text: str, *, on: _dt.date | None = None) -> list[DueDate]:
    """Time expressions in ``text`` with the date each one falls due, counted from ``on``.

    Parameters
    ----------
    text
        A sentence or a whole response.
    on
        The date of the response; relative expressions ("this year") need it.

    >>> import datetime as dt
    >>> d = find_due_dates("The paper, to be published later this year, will ...",
    ...                    on=dt.date(2020, 5, 19))
    >>> d[0].span.text, d[0].due
    ('later this year', datetime.date(2020, 12, 31))
    >>> find_due_dates("We will respond in due course.")[0].vague
    True
    """
    found: list[DueDate] = []
    # the ranges taken so far: disjoint, kept sorted, so an overlap check is one bisection
    starts: list[int] = []
    ends: list[int] = []
    gates: dict[re.Pattern[str], bool] = {}
    for rule, pattern in _PATTERNS:
        gate = _GATES.get(rule)
        if gate is not None:
            if gate not in gates:
                gates[gate] = gate.search(text) is not None
            if not gates[gate]:
                continue
        for m in pattern.finditer(text):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            end = m.end()
            k = bisect_left(starts, end)  # the ranges that start before this one ends
            if k and ends[k - 1] > start:  # the last of them ends furthest right
                continue
            starts.insert(k, start)
            ends.insert(k, end)
            vague = rule == "vague"
            found.append(
                DueDate(
                    span=Span(start, end, text[start:end]),
                    due=None if vague else _resolve(rule, m, on),
                    vague=vague,
                    rule=f"due.{rule}",
                )
            )
    found.sort(key=lambda d: d.span.start)
    return found
