"""review(): each stage once, options reach every stage, one carried-over figure everywhere."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

import respcompare as rc
from respcompare import analysis, asks, cues, judge, plot
from respcompare.alignment import AlignOptions
from respcompare.lexicon import Entry, Lexicon, default_lexicon


@pytest.fixture(scope="module")
def seed_case() -> rc.Case:
    return rc.load_example("grooming-gangs")


def _counting(calls: Counter[str], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return fn(*args, **kwargs)

    return wrapped


def test_one_review_runs_each_stage_once_per_text(
    seed_case: rc.Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: Counter[str] = Counter()
    engine = _counting(calls, "find_cues", cues.find_cues_with_limits)
    # the cue engine as review() reaches it (through the analysis) and as anything else would
    monkeypatch.setattr(analysis, "find_cues_with_limits", engine)
    monkeypatch.setattr(cues, "find_cues_with_limits", engine)
    monkeypatch.setattr(judge, "assess", _counting(calls, "assess", judge.assess))
    monkeypatch.setattr(
        asks,
        "extract_asks_with_limits",
        _counting(calls, "extract_asks", asks.extract_asks_with_limits),
    )
    r = rc.review(seed_case)
    # reading the review back recomputes nothing
    r.to_markdown()
    r.to_records()
    plot.scorecard_data(r)
    # (the judge still finds cues itself, through its own reference: counted once it takes
    # analysis=)
    assert calls == {"find_cues": 2, "assess": 2, "extract_asks": 1}
    assert [a.text for a in r.analyses] == [x.full_text for x in seed_case.responses]
    assert r.profiles[1].cues == r.analyses[1].cues


def test_every_fixture_case_shows_one_carried_over_figure(fixture_cases: list[rc.Case]) -> None:
    revised = [c for c in fixture_cases if len(c.responses) > 1]
    assert revised
    for case in revised:
        r = rc.review(case)
        from_profiles = [p.carried_over_share for p in r.profiles]
        assert from_profiles[0] is None and all(s is not None for s in from_profiles[1:])
        assert [row["carried_over_share"] for row in r.to_records()] == from_profiles
        assert list(plot.scorecard_data(r).carried_over_share) == from_profiles
        md = r.to_markdown()
        shown = set(re.findall(r"(\d+%) of the revised text is carried over", md))
        shown |= set(re.findall(r"carried over from the previous response: (\d+%)", md))
        assert shown == {f"{s:.0%}" for s in from_profiles[1:]}, case.petition.id
        page = r.to_html()
        # every share of text a page states is the carried-over share (once a report printed
        # the alignment's "83% of the text unchanged" a line under "79% ... carried over")
        on_page = set(re.findall(r"(\d+%) of the (?:revised )?text", page))
        on_page |= set(re.findall(r"carried over from the previous response: (\d+%)", page))
        assert on_page == {f"{s:.0%}" for s in from_profiles[1:]}, case.petition.id
        for p, al in zip(r.profiles[1:], r.alignments, strict=True):
            assert p.carried_over_share == rc.carried_over_share(al.a_text, al.b_text)


def test_options_reach_the_review(seed_case: rc.Case) -> None:
    mine = Lexicon(
        (Entry("child sexual exploitation", "emotive", source="test"),), name="mine"
    ) + default_lexicon().only(["commitment"])
    r = rc.review(seed_case, lexicon=mine, asks=["publish the review"])
    cats = {c.category for p in r.profiles for c in p.cues}
    assert "acknowledgement" not in cats  # not in this lexicon: the default did not sneak in
    rule = "emotive.general:child sexual exploitation"
    assert all(any(c.rule == rule for c in p.cues) for p in r.profiles)
    assert any(
        any(c.rule == rule for c in fx_cues)
        for fx_cues in ([c for c in a.cues if c.category == "emotive"] for a in r.analyses)
    )
    assert all(a.lexicon is mine for a in r.analyses)
    assert [o.ask.text for o in r.assessments[0].asks] == ["publish the review"]
    strict = rc.review(seed_case, align=AlignOptions(edit_threshold=0.99))
    assert strict.alignments[0].options.edit_threshold == 0.99
    with pytest.raises(rc.InputError, match="lexicon="):
        rc.review(seed_case, lexicon="mine")  # type: ignore[arg-type]
    with pytest.raises(rc.InputError, match="align="):
        rc.review(seed_case, align={"edit_threshold": 0.5})  # type: ignore[arg-type]


def test_review_to_frame(seed_case: rc.Case) -> None:
    pd = pytest.importorskip("pandas")
    r = rc.review(seed_case)
    frame = r.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["response_label"]) == ["original", "revised"]
    assert list(frame.columns) == list(r.to_records()[0])


def test_review_to_frame_without_pandas(
    seed_case: rc.Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("no pandas")
        return real_import(name, *args, **kwargs)

    r = rc.review(seed_case)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(rc.OptionalDependencyError, match=r"respcompare\[pandas\]"):
        r.to_frame()


def test_review_many_passes_the_options(seed_case: rc.Case) -> None:
    opts = AlignOptions(edit_threshold=0.99)
    many = rc.review_many([seed_case], progress=False, asks=["apologise"], align=opts)
    one = rc.review(seed_case, asks=["apologise"], align=opts, index=many.index)
    assert many[0].to_dict() == one.to_dict()
    assert [o.ask.text for o in many[0].assessments[0].asks] == ["apologise"]


def test_cli_takes_repeated_asks(capsys: pytest.CaptureFixture[str]) -> None:
    from respcompare.cli import main

    code = main(["review", "--example", "grooming-gangs", "--format", "json", "--ask", "apologise",
                 "--ask", "publish the review in full"])  # fmt: skip
    assert code == 0
    import json

    out = json.loads(capsys.readouterr().out)
    judged = [o["ask"]["text"] for o in out["assessments"][0]["asks"]]
    assert judged == ["apologise", "publish the review in full"]
