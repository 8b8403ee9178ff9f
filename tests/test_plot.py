"""Charts: assert on what was drawn (bar widths, points, ribbons, colours, labels), not pixels."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle

import respcompare as rc
from respcompare import plot
from respcompare.alignment import align
from respcompare.cues import find_cues
from respcompare.segment import segment, words

from .conftest import PETITIONS


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seed() -> rc.Review:
    return rc.review(rc.load_example("grooming-gangs"))


def _gids(ax: Any, prefix: str) -> list[Any]:
    """The patches whose gid starts with ``prefix``, on ``ax`` and its panels (inset axes)."""
    found = [p for p in ax.patches if (p.get_gid() or "").startswith(prefix)]
    for child in ax.child_axes:
        found += _gids(child, prefix)
    return found


def _corpus_records() -> list[dict[str, Any]]:
    """One record per response of the fixture petitions, judged by rc.assess."""
    out = []
    for path in PETITIONS:
        case = rc.load_petition(path)
        for r in case.responses:
            a = rc.assess(case.petition, r)
            dept = r.department or (case.petition.departments or ("unknown",))[0]
            out.append({"department": dept, "date": r.date, "verdict": a.verdict})
    return out


# --------------------------------------------------------------------------- contract


def test_import_respcompare_does_not_import_matplotlib() -> None:
    code = (
        "import sys, respcompare as rc; assert 'matplotlib' not in sys.modules; "
        "m = rc.plot; assert 'matplotlib' in sys.modules; print(m.__name__)"
    )
    env = {**os.environ, "MPLBACKEND": "Agg"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "respcompare.plot"


def test_unknown_attribute_still_raises() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = rc.nope  # type: ignore[attr-defined]


def test_charts_never_show_save_or_touch_rcparams(
    seed: rc.Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a chart function showed or saved a figure")

    monkeypatch.setattr(plt, "show", refuse)
    monkeypatch.setattr(Figure, "savefig", refuse)
    before = dict(plt.rcParams)
    for kind in ("scorecard", "ladder", "alignment", "cues"):
        _fig, ax = plt.subplots()
        assert seed.plot(kind, ax=ax) is ax  # type: ignore[arg-type]
    records = [{**r, "boilerplate_share": 0.5} for r in _corpus_records()]
    _fig, ax = plt.subplots()
    assert plot.boilerplate_by_department(records, ax=ax) is ax
    _fig, ax = plt.subplots()
    assert plot.verdicts_over_time(records, ax=ax) is ax
    assert dict(plt.rcParams) == before


def test_every_chart_has_a_title_and_labels(seed: rc.Review) -> None:
    for kind in ("scorecard", "ladder", "cues"):
        ax = seed.plot(kind)  # type: ignore[arg-type]
        assert ax.get_title()
        # small multiples: every panel labels its own axis
        for panel in ax.child_axes or [ax]:
            assert panel.get_xlabel()
    assert seed.plot("alignment").get_title().startswith("Alignment map")


def test_review_plot_rejects_unknown_kind(seed: rc.Review) -> None:
    with pytest.raises(rc.InputError, match="'scorecard', 'ladder'"):
        seed.plot("pie")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- scorecard


def test_scorecard_draws_the_reviews_numbers(seed: rc.Review) -> None:
    ax = plot.scorecard(seed)
    assert ax.get_title() == "Scorecard: original vs revised"
    panels = ax.child_axes
    # one scale per axis: scores 0-1, the rung 0-5, densities in cues per 100 words
    assert [p.get_xlabel() for p in panels] == [
        "score or share (0–1)",
        "commitment towards the ask (ladder rung 0–5)",
        "cues per 100 words",
    ]
    assert [[t.get_text() for t in p.get_yticklabels()] for p in panels] == [
        ["directness", "carried over from the previous response"],
        ["commitment"],
        ["hedges", "emotive cues"],
    ]
    assert panels[0].get_xlim()[1] < 1.2 and panels[1].get_xlim()[1] < 6
    bars = {p.get_gid(): p for p in _gids(ax, "scorecard:")}
    responses = seed.case.responses
    for i, (resp, a) in enumerate(zip(responses, seed.assessments, strict=True)):
        colour = plot.RESPONSE_COLOURS[i]
        assert bars[f"scorecard:{i}:0:0"].get_width() == pytest.approx(a.directness)
        if a.commitment is None:
            assert f"scorecard:{i}:1:0" not in bars
        else:
            assert bars[f"scorecard:{i}:1:0"].get_width() == pytest.approx(a.commitment)
        cues = Counter(c.category for c in find_cues(resp.full_text))
        n_words = len(words(resp.full_text))
        for m, cat in ((0, "hedge"), (1, "emotive")):
            bar = bars.get(f"scorecard:{i}:2:{m}")
            expected = 100 * cues[cat] / n_words
            assert (bar.get_width() if bar else 0.0) == pytest.approx(expected)
        for gid, bar in bars.items():
            if gid.startswith(f"scorecard:{i}:"):
                assert to_hex(bar.get_facecolor()) == colour.lower()
    # the original deflects: written as such, not drawn as an empty bar
    notes = [t.get_text() for t in panels[1].texts]
    assert "deflected: no position on the ask" in notes
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["original (24 Apr 2020): deflected", "revised (19 May 2020): answered-partly"]


def test_scorecard_draws_a_refusal_apart_from_not_addressed() -> None:
    d = plot.ScorecardData(
        responses=("refuses", "silent", "deflects"),
        directness=(0.8, 0.1, 0.2),
        commitment=(0, None, None),
        hedge_density=(0.0, 0.0, 0.0),
        emotive_density=(0.0, 0.0, 0.0),
        carried_over_share=(None, None, None),
        verdicts=("answered-no", "not-addressed", "deflected"),
    )
    ax = plot.scorecard(d)
    rung = ax.child_axes[1]
    marks = [ln for ln in rung.lines if (ln.get_gid() or "").startswith("scorecard-refusal:")]
    assert [m.get_gid() for m in marks] == ["scorecard-refusal:0"]
    assert to_hex(marks[0].get_color()) == "#000000" and marks[0].get_marker() == "D"
    texts = {t.get_gid() or t.get_text(): t.get_text() for t in rung.texts}
    assert "0/5 refuses" in texts.values()
    assert texts["scorecard-none:1:1:0"] == "not addressed"
    assert texts["scorecard-none:2:1:0"] == "deflected: no position on the ask"
    assert not _gids(ax, "scorecard:0:1")  # a refusal is a mark, not an empty bar


def test_scorecard_reads_the_reviews_carried_over_share(seed: rc.Review) -> None:
    a, b = seed.case.responses
    al = align(a, b, with_effects=False)
    carried = sum(len(op.b) for op in al.ops if op.kind in ("unchanged", "moved") and op.b)
    d = plot.scorecard_data(seed)
    assert d.carried_over_share[0] is None  # nothing before the original to carry over
    assert d.carried_over_share[1] == pytest.approx(
        carried / sum(len(s) for s in al.b_sentences), abs=1e-4
    )
    assert d.carried_over_share == tuple(p.carried_over_share for p in seed.profiles)


def test_scorecard_writes_unknown_values_instead_of_drawing_zero() -> None:
    d = plot.ScorecardData(
        responses=("draft",),
        directness=(0.3,),
        commitment=(None,),
        hedge_density=(None,),
        emotive_density=(1.5,),
        carried_over_share=(None,),
    )
    ax = plot.scorecard(d)
    assert len(_gids(ax, "scorecard:")) == 2
    texts = [t.get_text() for panel in ax.child_axes for t in panel.texts]
    assert texts.count("n/a") == 2 and texts.count("not addressed") == 1


def test_scorecard_data_checks_lengths() -> None:
    with pytest.raises(rc.InputError, match="one value"):
        plot.ScorecardData(("a", "b"), (0.1,), (1, 2), (0, 0), (0, 0), (None, None))


opt_unit = st.none() | st.floats(0, 1, allow_nan=False)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(opt_unit, st.none() | st.integers(0, 5), opt_unit), min_size=1, max_size=4)
)
def test_scorecard_one_bar_per_known_value(rows: list[tuple[Any, Any, Any]]) -> None:
    d = plot.ScorecardData(
        responses=tuple(f"r{i}" for i in range(len(rows))),
        directness=tuple(r[0] for r in rows),
        commitment=tuple(r[1] for r in rows),
        hedge_density=tuple(r[2] for r in rows),
        emotive_density=tuple(None for _ in rows),
        carried_over_share=tuple(r[0] for r in rows),
    )
    ax = plot.scorecard(d)
    bars = {p.get_gid(): p.get_width() for p in _gids(ax, "scorecard:")}
    # a rung 0 (refusal) is a diamond, not a bar
    known = sum(v is not None for r in rows for v in (r[0], r[2], r[0]))
    known += sum(r[1] is not None and r[1] > 0 for r in rows)
    assert len(bars) == known
    refusals = [ln for a in ax.child_axes for ln in a.lines]
    assert len(refusals) == sum(r[1] == 0 for r in rows)
    for i, r in enumerate(rows):
        if r[1]:
            assert bars[f"scorecard:{i}:1:0"] == pytest.approx(r[1])
    plt.close("all")


# --------------------------------------------------------------------------- ladder


def test_commitment_ladder_draws_each_asks_rungs(seed: rc.Review) -> None:
    ax = plot.commitment_ladder(seed)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "no position on the ask"
    assert labels[1] == "0 explicit refusal" and labels[-1] == "5 specific commitment"
    asks = seed.assessments[0].asks
    n = len(seed.assessments)
    assert len(_gids(ax, "ladder-arrow:")) == len(asks) * (n - 1)
    points = [ln for ln in ax.lines if (ln.get_gid() or "").startswith("ladder-points:")]
    assert len(points) == len(asks)
    for j, outcome in enumerate(asks):
        levels = [
            next(o.commitment for o in a.asks if o.ask.text == outcome.ask.text)
            for a in seed.assessments
        ]
        expected = [-1.2 if lv is None else lv for lv in levels]
        assert list(points[j].get_ydata()) == pytest.approx(expected)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "original\n(24 Apr 2020)",
        "revised\n(19 May 2020)",
    ]
    # each point says its verdict: the original deflects, it is not "not addressed"
    labels = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    assert labels["ladder-label:0:-1.2"] == "deflected"
    assert labels["ladder-label:1:5"] == "answered-partly"


def test_ladder_tells_deflected_from_not_addressed() -> None:
    d = plot.LadderData(
        responses=("original", "revised"),
        asks=(plot.LadderAsk("Publish it", (None, None), verdicts=("deflected", "not-addressed")),),
    )
    texts = sorted(t.get_text() for t in plot.commitment_ladder(d).texts)
    assert texts == ["deflected", "not addressed"]


def test_commitment_ladder_spreads_several_asks_and_labels_them() -> None:
    d = plot.LadderData(
        responses=("original", "revised", "revised-2"),
        asks=(
            plot.LadderAsk("Release the review in full", (None, 3, 5)),
            plot.LadderAsk("Apologise to victims", (0, 0, 2)),
        ),
    )
    ax = plot.commitment_ladder(d)
    assert len(_gids(ax, "ladder-arrow:")) == 4
    xs = [list(ln.get_xdata()) for ln in ax.lines if (ln.get_gid() or "").startswith("ladder")]
    assert xs[0][0] != xs[1][0]  # asks sit side by side, not on top of each other
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Release the review in full", "Apologise to victims"]


def test_commitment_ladder_names_scope_downgrades(seed: rc.Review) -> None:
    ax = plot.commitment_ladder(seed)
    notes = {
        t.get_gid(): " ".join(t.get_text().split())
        for t in ax.texts
        if (t.get_gid() or "").startswith("ladder-downgrade:")
    }
    expected = {
        f"ladder-downgrade:{j}:{i}": str(o.downgrade)
        for i, a in enumerate(seed.assessments)
        for j, o in enumerate(a.asks)
        if o.downgrade
    }
    assert notes.keys() == expected.keys()
    for gid, down in expected.items():
        assert notes[gid].startswith("scope downgrade: ")
        assert " ".join(down.split())[:40] in notes[gid]
    d = plot.LadderData(
        responses=("original", "revised"),
        asks=(plot.LadderAsk("Release it in full", (None, 5), (None, '"in full" -> "findings"')),),
    )
    texts = [" ".join(t.get_text().split()) for t in plot.commitment_ladder(d).texts]
    assert 'scope downgrade: "in full" -> "findings"' in texts


def test_ladder_rejects_rungs_off_the_ladder() -> None:
    with pytest.raises(rc.InputError, match="not on the ladder"):
        plot.LadderData(("a",), (plot.LadderAsk("x", (7,)),))


# --------------------------------------------------------------------------- alignment map


def test_alignment_map_of_the_seed_case(seed: rc.Review) -> None:
    a, b = seed.case.responses
    al = align(a, b, with_effects=False)
    ax = plot.alignment_map(al)
    ribbons = _gids(ax, "ribbon:")
    paired = [op for op in al.ops if op.a_sentences and op.b_sentences]
    assert len(ribbons) == len(paired)
    for p in ribbons:
        kind = p.get_gid().split(":")[2]
        assert to_hex(p.get_facecolor()) == plot.KIND_COLOURS[kind].lower()
    left = _gids(ax, "block:left:")
    right = _gids(ax, "block:right:")
    assert len(left) == len(al.a_sentences) and len(right) == len(al.b_sentences)
    # blocks are as tall as their sentences are long, on one scale for both columns
    heights = [p.get_height() for p in left + right]
    lengths = [len(s) for s in al.a_sentences + al.b_sentences]
    ratios = np.asarray(heights) / np.asarray(lengths)
    assert ratios == pytest.approx(ratios[0])
    counts = Counter(op.kind for op in al.ops)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"{k} ({counts[k]})" for k in plot.KIND_COLOURS if counts[k]]
    # added and removed sentences are coloured blocks without a ribbon
    for op in al.ops:
        if op.kind == "added":
            (i,) = op.b_sentences
            assert right[i].get_gid() == f"block:right:{i}:added"


def test_moved_sentences_cross_and_sit_on_top() -> None:
    a = "We care about victims. Funding rose to £12 million. We will publish the paper."
    b = "We will publish the paper. We care about victims. Funding rose to £12 million."
    al = align(a, b, with_effects=False)
    ax = plot.alignment_map(al)
    ribbons = _gids(ax, "ribbon:")
    moved = [p for p in ribbons if ":moved" in p.get_gid()]
    still = [p for p in ribbons if ":moved" not in p.get_gid()]
    assert moved and still

    def ends(p: PathPatch) -> tuple[float, float]:
        v = p.get_path().vertices
        return v[0][1], v[3][1]  # top edge: y at the left column, y at the right column

    m_left, m_right = ends(moved[0])
    s_left, s_right = ends(still[0])
    assert (m_left - s_left) * (m_right - s_right) < 0  # the ribbons cross
    assert moved[0].get_zorder() > still[0].get_zorder()


def test_alignment_map_data_validates_indices() -> None:
    with pytest.raises(rc.InputError, match="has 1 sentence"):
        plot.AlignmentMapData("a", "b", (10,), (10,), (plot.MapOp("unchanged", (0,), (3,)),))
    with pytest.raises(rc.InputError, match="unknown alignment op kind"):
        plot.MapOp("shuffled", (0,), (0,))
    with pytest.raises(rc.InputError, match="takes an Alignment"):
        plot.alignment_map("not an alignment")


def test_alignment_map_of_a_single_response_case_is_an_error() -> None:
    case = rc.Case(petition=rc.Petition(action="Do X"), responses=[rc.Response(text="No.")])
    with pytest.raises(rc.InputError, match="at least two responses"):
        plot.alignment_map(rc.review(case))


# --------------------------------------------------------------------------- cue density


def test_cue_density_by_paragraph_of_the_seed_response(seed: rc.Review) -> None:
    resp = seed.case.responses[0]
    text = resp.full_text
    ax = plot.cue_density(resp)
    paragraphs = segment(text).paragraphs
    assert len(ax.get_xticklabels()) == len(paragraphs)
    cues = find_cues(text)
    for cat in {c.category for c in cues}:
        bars = _gids(ax, f"cues:{cat}")
        assert len(bars) == len(paragraphs)
        for k, (bar, p) in enumerate(zip(bars, paragraphs, strict=True)):
            n = sum(1 for c in cues if c.category == cat and p.start <= c.span.start < p.end)
            base = max(len(words(p.text)), plot.MIN_WORDS)
            assert bar.get_height() == pytest.approx(100 * n / base), (cat, k)
            assert to_hex(bar.get_facecolor()) == plot.CUE_COLOURS[cat][0].lower()
    # stacked: each paragraph's total is its overall cue density
    tops = Counter[int]()
    for bar in _gids(ax, "cues:"):
        tops[round(bar.get_x() + bar.get_width() / 2)] += bar.get_height()
    for k, p in enumerate(paragraphs, start=1):
        n = sum(1 for c in cues if p.start <= c.span.start < p.end)
        assert tops[k] == pytest.approx(100 * n / max(len(words(p.text)), plot.MIN_WORDS))


def test_cue_density_categories_restrict_and_order_the_stack(seed: rc.Review) -> None:
    text = seed.case.responses[1].full_text
    ax = plot.cue_density(text, categories=["emotive", "hedge"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["emotive", "hedge"]
    assert {p.get_gid() for p in ax.patches} == {"cues:emotive", "cues:hedge"}


def test_cue_density_rejects_other_input() -> None:
    with pytest.raises(rc.InputError, match="string or a Response"):
        plot.cue_density(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- corpus charts


SHARES = [
    {"department": "Home Office", "boilerplate_share": 0.40},
    {"department": "Home Office", "boilerplate_share": 0.60},
    {"department": "Home Office", "boilerplate_share": 0.55},
    {"department": "DEFRA", "boilerplate_share": 0.10},
    {"department": "DEFRA", "boilerplate_share": 0.20},
    {"department": "DEFRA", "boilerplate_share": None},
]


def test_boilerplate_by_department_draws_quartiles_sorted_by_median() -> None:
    ax = plot.boilerplate_by_department(SHARES)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Home Office (n=3)", "DEFRA (n=2)"]
    boxes = {p.get_gid(): p for p in ax.patches if isinstance(p, Rectangle)}
    q1, q3 = np.percentile([0.40, 0.60, 0.55], [25, 75])
    assert boxes["box:Home Office"].get_x() == pytest.approx(q1)
    assert boxes["box:Home Office"].get_width() == pytest.approx(q3 - q1)
    med = next(ln for ln in ax.lines if ln.get_gid() == "median:DEFRA")
    assert list(med.get_xdata()) == pytest.approx([0.15, 0.15])
    dots = {c.get_gid(): c for c in ax.collections}
    assert sorted(dots["dots:DEFRA"].get_offsets()[:, 0]) == pytest.approx([0.10, 0.20])
    assert "1 response(s) with no share not drawn" in ax.get_xlabel()


def test_boilerplate_by_department_accepts_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    from_list = plot.boilerplate_by_department(SHARES)
    from_frame = plot.boilerplate_by_department(pd.DataFrame(SHARES))
    assert [t.get_text() for t in from_frame.get_yticklabels()] == [
        t.get_text() for t in from_list.get_yticklabels()
    ]
    assert from_frame.get_xlabel() == from_list.get_xlabel()  # NaN counts as no share


def test_corpus_charts_name_missing_columns() -> None:
    with pytest.raises(rc.InputError, match="boilerplate_share"):
        plot.boilerplate_by_department([{"department": "Home Office"}])
    with pytest.raises(rc.InputError, match="a ReviewSet, its to_frame\\(\\), or a list of dicts"):
        plot.verdicts_over_time("2020-04-24")
    with pytest.raises(rc.InputError, match="unknown verdict"):
        plot.verdicts_over_time([{"date": "2020-04-24", "verdict": "maybe"}])
    with pytest.raises(rc.InputError, match="not in"):
        plot.boilerplate_by_department([{"department": "X", "boilerplate_share": 1.5}])


def test_verdicts_over_time_counts_the_fixture_corpus() -> None:
    records = _corpus_records()
    ax = plot.verdicts_over_time(records, freq="quarter")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    dated = [r for r in records if r["date"] is not None]
    first = min(r["date"] for r in dated)
    assert labels[0] == f"{first.year} Q{(first.month - 1) // 3 + 1}"
    totals = Counter[float]()
    by_verdict = Counter[str]()
    for p in _gids(ax, "verdict:"):
        totals[p.get_x()] += p.get_height()
        by_verdict[p.get_gid().split(":", 1)[1]] += int(p.get_height())
        verdict = rc.Verdict(p.get_gid().split(":", 1)[1])
        assert to_hex(p.get_facecolor()) == plot.VERDICT_COLOURS[verdict].lower()
    assert sum(totals.values()) == len(dated)
    assert by_verdict == Counter(rc.Verdict(r["verdict"]).value for r in dated)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [v.value for v in rc.Verdict if by_verdict[v.value]]


def test_verdicts_over_time_fills_empty_periods_and_accepts_a_dataframe() -> None:
    rows = [
        {"date": "2020-01-10", "verdict": "deflected"},
        {"date": dt.date(2020, 4, 2), "verdict": rc.Verdict.ANSWERED_NO},
        {"date": None, "verdict": "deferred"},
    ]
    ax = plot.verdicts_over_time(rows, freq="month")
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "2020-01",
        "2020-02",
        "2020-03",
        "2020-04",
    ]
    assert "1 response(s) with no date not drawn" in ax.get_xlabel()
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"])
    ax2 = plot.verdicts_over_time(frame, freq="month")
    assert [t.get_text() for t in ax2.get_xticklabels()] == [
        t.get_text() for t in ax.get_xticklabels()
    ]
    assert ax2.get_xlabel() == ax.get_xlabel()


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31)), st.sampled_from(rc.Verdict)
        ),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(["month", "quarter", "year"]),
)
def test_verdicts_over_time_draws_every_record_once(
    rows: list[tuple[dt.date, rc.Verdict]], freq: Any
) -> None:
    ax = plot.verdicts_over_time([{"date": d, "verdict": v} for d, v in rows], freq=freq)
    assert sum(p.get_height() for p in _gids(ax, "verdict:")) == len(rows)
    plt.close("all")


def test_ladder_asks_take_no_verdict_hue() -> None:
    case = rc.load_petition(Path(__file__).parent / "fixtures" / "petitions" / "326261.json")
    ax = plot.commitment_ladder(rc.review(case))
    points = [ln for ln in ax.lines if (ln.get_gid() or "").startswith("ladder-points:")]
    assert len(points) > 1
    verdict_hues = {c.lower() for c in plot.VERDICT_COLOURS.values()}
    assert not {to_hex(p.get_color()).lower() for p in points} & verdict_hues
    assert len({p.get_marker() for p in points}) == len(points)  # told apart by shape


def test_charts_of_absurd_spans_and_counts_are_bounded() -> None:
    import time

    rows = [
        {"date": "1000-01-01", "verdict": "deflected"},
        {"date": "2000-01-01", "verdict": "answered-no"},
    ]
    with pytest.raises(rc.InputError, match="the dates span 12,001 months"):
        plot.verdicts_over_time(rows, freq="month")
    with pytest.raises(rc.InputError, match="1,001 years"):
        plot.verdicts_over_time(rows, freq="year")
    rows[1]["date"] = "1299-06-30"
    ax = plot.verdicts_over_time(rows, freq="year")  # 300 years: drawn
    assert 0 < len(ax.get_xticklabels()) <= 300  # (labels thinned to fit)
    plt.close(ax.figure)
    many = [
        {"department": f"Department {i}", "boilerplate_share": (i % 10) / 10} for i in range(3000)
    ]
    start = time.perf_counter()
    ax = plot.boilerplate_by_department(many)
    assert time.perf_counter() - start < 30
    assert len(ax.get_yticklabels()) == plot.MAX_DEPARTMENTS
    plt.close(ax.figure)


def test_charts_given_the_wrong_thing_say_so(seed: rc.Review) -> None:
    for call in (
        lambda: plot.scorecard(None),  # type: ignore[arg-type]
        lambda: plot.commitment_ladder("review"),  # type: ignore[arg-type]
        lambda: plot.scorecard(seed, ax="axes"),  # type: ignore[arg-type]
    ):
        with pytest.raises(rc.InputError):
            call()


def test_cue_panels_of_many_responses_wrap_into_rows() -> None:
    # twenty responses made panels of negative width in one row (a ValueError from matplotlib)
    case = rc.load_example("grooming-gangs")
    many = tuple(rc.Response(text=case.responses[i % 2].text, label=f"r{i}") for i in range(20))
    ax = rc.review(rc.Case(case.petition, many)).plot("cues")
    panels = ax.child_axes
    assert len(panels) == 20
    boxes = [p.get_position() for p in panels]
    assert all(b.width > 0 and b.height > 0 for b in boxes)
    assert len({round(b.y0, 3) for b in boxes}) == 4  # six a row: 6, 6, 6, 2
