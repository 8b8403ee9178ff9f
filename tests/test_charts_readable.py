"""Issue #15 item 8: charts a reader can trust (one scale per axis, refusals apart, colours that
separate for colour-blind readers, labels that never collide, the cue chart of any response,
original and revised counted apart)."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.text import Text

import respcompare as rc
from respcompare import plot
from respcompare.model import Cue, Span

from .conftest import FIXTURES

# the seed case, pairs, several asks (up to three), single responses
CHART_CASES = ["300239", "300025", "326261", "564696", "568475", "561730", "643533", "300535"]


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def reviews() -> dict[str, rc.Review]:
    return {
        pid: rc.review(rc.load_petition(FIXTURES / "petitions" / f"{pid}.json"))
        for pid in CHART_CASES
    }


def _drawn_texts(fig: Figure, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Text, Any]]:
    """Every text a draw of ``fig`` really puts on the page, with its box in pixels (ticks
    outside the view limits and hidden axes' labels are never drawn, so never counted)."""
    drawn: list[tuple[Text, Any]] = []
    draw = Text.draw

    def record(self: Text, renderer: Any) -> None:
        draw(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append((self, self.get_window_extent(renderer)))

    with monkeypatch.context() as m:
        m.setattr(Text, "draw", record)
        fig.canvas.draw()
    return drawn


def _collisions(fig: Figure, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    texts = _drawn_texts(fig, monkeypatch)
    assert texts, "nothing drawn"
    return [
        (a.get_text(), b.get_text())
        for (a, box_a), (b, box_b) in itertools.combinations(texts, 2)
        # a box shrunk by a hair: touching glyph boxes of neighbouring lines are not a collision
        if box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9))
    ]


# --------------------------------------------------------------------------- labels never collide


@pytest.mark.parametrize("pid", CHART_CASES)
def test_notebook_figure_has_no_colliding_labels(
    pid: str, reviews: dict[str, rc.Review], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed notebook's figure: scorecard and ladder side by side at 14 x 5 inches."""
    fig, axes = plt.subplots(1, 2, figsize=(14, 5), layout="constrained")
    plot.scorecard(reviews[pid], ax=axes[0])
    plot.commitment_ladder(reviews[pid], ax=axes[1])
    assert _collisions(fig, monkeypatch) == []


@pytest.mark.parametrize("pid", CHART_CASES)
def test_each_chart_at_its_own_size_has_no_colliding_labels(
    pid: str, reviews: dict[str, rc.Review], monkeypatch: pytest.MonkeyPatch
) -> None:
    for kind in ("scorecard", "ladder", "cues"):
        ax = reviews[pid].plot(kind)  # type: ignore[arg-type]
        fig = ax.get_figure(root=True)
        assert isinstance(fig, Figure)
        assert _collisions(fig, monkeypatch) == [], kind
        plt.close(fig)


def test_ladder_of_three_responses_and_two_asks_has_no_colliding_labels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d = plot.LadderData(
        responses=("original (1 Jan 2020)", "revised (1 Feb 2020)", "second (1 Mar 2020)"),
        asks=(
            plot.LadderAsk(
                "Release the review in full",
                (None, 3, 5),
                (None, None, '"in full" -> "a paper setting out key findings"'),
                ("deflected", "deferred", "answered-partly"),
            ),
            plot.LadderAsk(
                "Apologise to victims", (0, 0, 2), verdicts=("answered-no",) * 2 + ("deferred",)
            ),
        ),
    )
    _fig, ax = plt.subplots(figsize=(7, 5), layout="constrained")
    plot.commitment_ladder(d, ax=ax)
    assert _collisions(ax.get_figure(root=True), monkeypatch) == []  # type: ignore[arg-type]


def test_the_old_ladder_collision_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check can fail: two labels drawn on one spot are reported."""
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "not addressed")
    ax.text(0.52, 0.5, "not addressed")
    assert _collisions(fig, monkeypatch) == [("not addressed", "not addressed")]


# --------------------------------------------------------------------------- verdict colours

# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
# vision deficiency", IEEE TVCG 15(6): the full-severity matrices, applied to linear RGB.
_CVD = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}


def _linear(c: Any) -> Any:
    c = np.asarray(c, dtype=float)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: Any) -> Any:
    xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    ) @ np.clip(linear_rgb, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _closest_pair(matrix: Any) -> tuple[float, str, str]:
    lab = {
        v.value: _lab(np.asarray(matrix) @ _linear(to_rgb(c)))
        for v, c in plot.VERDICT_COLOURS.items()
    }
    return min(
        (float(np.linalg.norm(lab[a] - lab[b])), a, b) for a, b in itertools.combinations(lab, 2)
    )


def test_verdict_colours_separate_for_every_reader() -> None:
    assert len(set(plot.VERDICT_COLOURS.values())) == len(rc.Verdict)
    distance, a, b = _closest_pair(np.eye(3))
    assert distance > 30, (a, b)  # partly vs no were two blues (26)
    for name, matrix in _CVD.items():
        distance, a, b = _closest_pair(matrix)
        assert distance > 15, (name, a, b)  # deflected vs not-addressed was 7 for deuteranopes


def test_verdict_colours_are_okabe_ito_or_a_light_neutral() -> None:
    palette = {c.upper() for c in plot.OKABE_ITO.values()}
    for verdict, colour in plot.VERDICT_COLOURS.items():
        if verdict is rc.Verdict.NOT_ADDRESSED:
            r, g, b = to_rgb(colour)
            assert r == g == b and r > 0.8  # a light grey, hatched
            assert plot.VERDICT_HATCHES[verdict]
        else:
            assert colour.upper() in palette


# --------------------------------------------------------------------------- cue chart


def test_cue_chart_of_any_response(reviews: dict[str, rc.Review]) -> None:
    seed = reviews["300239"]
    for pick, name in ((0, "original"), ("revised", "revised"), (-1, "revised")):
        ax = seed.plot("cues", response=pick)
        assert ax.get_title().split("\n")[1].startswith(name)
    with pytest.raises(rc.InputError, match="no response with that label"):
        seed.plot("cues", response="draft")
    with pytest.raises(rc.InputError, match="give an index from 0 to 1"):
        seed.plot("cues", response=2)
    with pytest.raises(rc.InputError, match="picks the response of the 'cues' chart"):
        seed.plot("ladder", response=0)


def test_cue_chart_side_by_side_shares_one_scale(reviews: dict[str, rc.Review]) -> None:
    ax = reviews["300239"].plot("cues")
    panels = ax.child_axes
    assert [p.get_title() for p in panels] == ["original (24 Apr 2020)", "revised (19 May 2020)"]
    assert panels[0].get_ylim() == panels[1].get_ylim()
    tallest = max(
        sum(b.get_height() for b in p.patches if round(b.get_x() + b.get_width() / 2) == x)
        for p in panels
        for x in range(1, 40)
    )
    assert panels[0].get_ylim()[1] == pytest.approx(tallest * 1.08)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend and len(legend) == len(set(legend))


def test_a_short_paragraph_is_not_inflated() -> None:
    text = "We may act on this soon.\n\n" + " ".join(["word"] * 100) + " may."
    cues = [
        Cue("hedge", "epistemic", "may", Span(3, 6, "may")),
        Cue("hedge", "epistemic", "may", Span(len(text) - 4, len(text) - 1, "may")),
    ]
    assert text[cues[1].span.start : cues[1].span.end] == "may"
    ax = plot.cue_density(text, cues=cues)
    short, long = (p.get_height() for p in ax.patches)
    assert short == pytest.approx(100 / plot.MIN_WORDS)  # 2 per 100 words, not 17
    assert long == pytest.approx(100 / 101)
    assert f"under {plot.MIN_WORDS} counted as {plot.MIN_WORDS}" in ax.get_xlabel()


# --------------------------------------------------------------------------- verdicts over time


def _records() -> list[dict[str, Any]]:
    out = []
    for pid in CHART_CASES:
        case = rc.load_petition(FIXTURES / "petitions" / f"{pid}.json")
        for r in case.responses:
            a = rc.assess(case.petition, r)
            out.append({"date": r.date, "verdict": a.verdict, "response_label": r.label})
    return out


def test_verdicts_over_time_counts_original_and_revised_apart() -> None:
    records = _records()
    ax = plot.verdicts_over_time(records, freq="year")
    first = Counter[str]()
    revised = Counter[str]()
    for p in ax.patches:
        gid = p.get_gid() or ""
        kind, _, verdict = gid.partition(":")
        (revised if kind == "verdict-revised" else first)[verdict] += int(p.get_height())
        if kind == "verdict-revised":
            assert p.get_hatch()  # revisions are hatched
    dated = [r for r in records if r["date"] is not None]
    assert revised == Counter(
        rc.Verdict(r["verdict"]).value for r in dated if r["response_label"] == "revised"
    )
    assert first == Counter(
        rc.Verdict(r["verdict"]).value for r in dated if r["response_label"] != "revised"
    )
    assert sum(revised.values()) > 0 and sum(first.values()) > 0
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "revised response"
    assert "right bar (hatched): revised responses" in ax.get_xlabel()


def test_verdicts_over_time_without_roles_draws_one_bar_per_period() -> None:
    rows = [{"date": "2020-04-24", "verdict": "deflected"}]
    ax = plot.verdicts_over_time(rows, freq="month")
    assert [p.get_gid() for p in ax.patches] == ["verdict:deflected"]
    assert "revised" not in ax.get_xlabel()
