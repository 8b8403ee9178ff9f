"""Behavioural cases for the judge, as data: tests/data/judge_cases.toml.

Each case is a petition action (and optional background/asks) with a response summary and details,
and the verdicts a careful Committee clerk would accept. Known failures stay in the file with
``expect = "fail"``; this runner fails when one of them starts passing, so it can be flipped.

Invariance groups (``group``) hold the same response under three or more wordings of the ask: all
members must get the same verdict. ``group_expect = "fail"`` on any member marks that group's check
as a known failure, with the same "fails when fixed" rule.

:func:`polarity_error` is reused by the benchmark.
"""

from __future__ import annotations

import functools
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

import respcompare as rc

CASES_PATH = Path(__file__).parent / "data" / "judge_cases.toml"

PHENOMENA = frozenset(
    {
        "explicit-refusal",
        "implicit-refusal",
        "existing-law",
        "already-in-place",
        "paraphrase",
        "partial",
        "named-process",
        "review-loop",
        "deflection",
        "not-addressed",
        "multi-ask",
        "trap",
        "devolved-operational",
        "time-hedge",
        "polarity",
    }
)
VERDICTS = frozenset(v.value for v in rc.Verdict)
YESISH = frozenset({"answered-yes", "answered-partly"})
NO = "answered-no"

REQUIRED = ("label", "phenomenon", "petition", "summary", "response", "accept", "why", "expect")
OPTIONAL = ("background", "asks", "group", "group_expect")
EXPECTS = frozenset({"pass", "fail"})

MIN_CASES = 230
MIN_PER_PHENOMENON = 14
MIN_GROUPS = 12
MIN_GROUP_SIZE = 3
MIN_PAIRS = 30


def polarity_error(verdict: str, accept: list[str]) -> bool:
    """True when the verdict has the wrong polarity for the accepted verdicts.

    That is: a yes-ish verdict (answered-yes / answered-partly) where only answered-no is
    accepted, or answered-no where only yes-ish verdicts are accepted. Other misses (deferred for
    deflected, say) are errors but not polarity errors.

    >>> polarity_error("answered-yes", ["answered-no"])
    True
    >>> polarity_error("answered-no", ["answered-partly", "deferred"])
    False
    >>> polarity_error("deferred", ["answered-no"])
    False
    """
    accepted = set(accept)
    if not accepted:
        return False
    if verdict in YESISH:
        return accepted == {NO}
    if verdict == NO:
        return accepted <= YESISH
    return False


def load_cases(path: Path = CASES_PATH) -> list[dict[str, Any]]:
    """The [[case]] tables of the file, in order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = data.get("case", [])
    if not isinstance(cases, list):
        raise TypeError(f"{path}: 'case' must be an array of tables")
    return cases


CASES = load_cases()


def case_id(case: dict[str, Any], index: int) -> str:
    label = case.get("label")
    return label if isinstance(label, str) and label else f"case-{index}"


def validate(cases: list[dict[str, Any]]) -> list[str]:
    """Every problem with the case file, as messages naming the case (empty when valid)."""
    problems: list[str] = []
    labels = Counter(case_id(c, i) for i, c in enumerate(cases))
    problems += [f"duplicate label {lab!r} ({n} cases)" for lab, n in labels.items() if n > 1]
    for i, c in enumerate(cases):
        cid = case_id(c, i)
        problems += [f"{cid}: missing field {f!r}" for f in REQUIRED if f not in c]
        problems += [f"{cid}: unknown field {f!r}" for f in c if f not in REQUIRED + OPTIONAL]
        for f in ("label", "phenomenon", "petition", "summary", "response", "why", "background"):
            if f in c and not isinstance(c[f], str):
                problems.append(f"{cid}: {f!r} must be a string")
        for f in ("petition", "response", "why"):
            if isinstance(c.get(f), str) and not c[f].strip():
                problems.append(f"{cid}: {f!r} is empty")
        if "phenomenon" in c and c["phenomenon"] not in PHENOMENA:
            problems.append(f"{cid}: unknown phenomenon {c['phenomenon']!r}")
        label = c.get("label")
        if isinstance(label, str) and label.split("/")[0] != c.get("phenomenon"):
            problems.append(f"{cid}: label should start with the phenomenon id")
        accept = c.get("accept")
        if "accept" in c:
            if not isinstance(accept, list) or not accept:
                problems.append(f"{cid}: 'accept' must be a non-empty list of verdicts")
            else:
                problems += [
                    f"{cid}: unknown verdict {v!r} in accept" for v in accept if v not in VERDICTS
                ]
                if len(accept) > 2:
                    problems.append(f"{cid}: at most two accepted verdicts")
                if len(set(accept)) != len(accept):
                    problems.append(f"{cid}: repeated verdict in accept")
                if NO in accept and YESISH & set(accept):
                    problems.append(f"{cid}: accept mixes a yes-ish verdict with answered-no")
        if "expect" in c and c["expect"] not in EXPECTS:
            problems.append(f"{cid}: expect must be 'pass' or 'fail', not {c['expect']!r}")
        if "group_expect" in c and c["group_expect"] not in EXPECTS:
            problems.append(f"{cid}: group_expect must be 'pass' or 'fail'")
        if "group_expect" in c and "group" not in c:
            problems.append(f"{cid}: group_expect without a group")
        asks = c.get("asks", [])
        if not isinstance(asks, list) or not all(isinstance(a, str) and a for a in asks):
            problems.append(f"{cid}: 'asks' must be a list of non-empty strings")
    for group, members in groups(cases).items():
        if len(members) < MIN_GROUP_SIZE:
            problems.append(f"group {group!r} has {len(members)} members (< {MIN_GROUP_SIZE})")
        accepts = {tuple(m.get("accept", [])) for m in members}
        if len(accepts) != 1 or len(next(iter(accepts))) != 1:
            problems.append(f"group {group!r}: members must share one single accepted verdict")
    by_stem = pairs(cases)
    for stem, halves in by_stem.items():
        if sorted(halves) != ["a", "b"]:
            problems.append(f"pair {stem!r} has halves {sorted(halves)}, needs /a and /b")
            continue
        a, b = (set(halves[h].get("accept", [])) for h in ("a", "b"))
        if a & b:
            problems.append(f"pair {stem!r}: /a and /b must not share an accepted verdict")
    return problems


def groups(cases: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cases:
        if isinstance(c.get("group"), str):
            out[c["group"]].append(c)
    return dict(out)


def pairs(cases: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Minimal pairs: labels ending in /a and /b, keyed by the shared stem."""
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for c in cases:
        label = c.get("label")
        if isinstance(label, str) and label.endswith(("/a", "/b")):
            out[label[:-2]][label[-1]] = c
    return dict(out)


@functools.cache
def _assess(label: str) -> rc.Assessment:
    case = next(c for c in CASES if c.get("label") == label)
    return assess_case(case)


def assess_case(case: dict[str, Any]) -> rc.Assessment:
    """Run the judge on one case, as the benchmark does."""
    petition = rc.Petition(action=case["petition"], background=case.get("background", ""))
    response = rc.Response(text=case["response"], summary=case.get("summary", ""))
    asks = case.get("asks") or None
    return rc.assess(petition, response, asks=asks)


def test_case_file_is_valid() -> None:
    problems = validate(CASES)
    assert not problems, "judge_cases.toml:\n  " + "\n  ".join(problems)


def test_case_file_is_big_enough() -> None:
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases, want >= {MIN_CASES}"
    per = Counter(c.get("phenomenon") for c in CASES)
    thin = {p: per.get(p, 0) for p in PHENOMENA if per.get(p, 0) < MIN_PER_PHENOMENON}
    assert not thin, f"phenomena with fewer than {MIN_PER_PHENOMENON} cases: {thin}"
    big = [g for g, m in groups(CASES).items() if len(m) >= MIN_GROUP_SIZE]
    assert len(big) >= MIN_GROUPS, f"{len(big)} groups of >= {MIN_GROUP_SIZE}, want {MIN_GROUPS}"
    complete = [s for s, h in pairs(CASES).items() if sorted(h) == ["a", "b"]]
    assert len(complete) >= MIN_PAIRS, f"{len(complete)} minimal pairs, want >= {MIN_PAIRS}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c, i) for i, c in enumerate(CASES)])
def test_judge_case(case: dict[str, Any]) -> None:
    a = _assess(case["label"])
    got = a.verdict.value
    ok = got in case["accept"]
    if case.get("expect", "pass") == "fail":
        assert not ok, f"known failure now passes: set expect = 'pass' (got {got})"
        return
    evidence = a.evidence[0].text if a.evidence else "(no evidence)"
    assert ok, (
        f"verdict {got}, accept {case['accept']}"
        f"{' [POLARITY ERROR]' if polarity_error(got, case['accept']) else ''}\n"
        f"why: {case['why']}\nevidence: {evidence}"
    )


GROUPS = groups(CASES)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_invariance_group(group: str) -> None:
    members = GROUPS[group]
    verdicts = {m["label"]: _assess(m["label"]).verdict.value for m in members}
    same = len(set(verdicts.values())) == 1
    if any(m.get("group_expect") == "fail" for m in members):
        assert not same, "known failure now passes: remove group_expect = 'fail'"
        return
    assert same, f"group {group!r}: verdicts differ across wordings of the ask: {verdicts}"


def test_per_ask_outcomes_never_contradict_a_learned_verdict() -> None:
    """Where the learned model replaced the verdict of a response to several asks, the per-ask
    outcomes follow it: every ask takes any verdict but answered-partly, and answered-partly is
    held by at least one ask."""
    seen = 0
    for case in CASES:
        if case["phenomenon"] != "multi-ask":
            continue
        a = _assess(case["label"])
        if len(a.asks) < 2 or not (a.rule or "").startswith("learned."):
            continue
        seen += 1
        verdicts = [o.verdict for o in a.asks]
        if a.verdict is rc.Verdict.ANSWERED_PARTLY:
            assert rc.Verdict.ANSWERED_PARTLY in verdicts, case["label"]
        else:
            assert set(verdicts) == {a.verdict}, (case["label"], verdicts)
    assert seen, "no learned verdict on a response to several asks: the check checks nothing"
