"""Charts of a review and of a corpus, drawn with matplotlib.

Every function takes the axes to draw on (``ax=``) and returns it; with ``ax=None`` it makes a
new figure. Nothing here shows, saves, or changes ``rcParams``: the caller decides. Colours come
from the Okabe-Ito palette, chosen to stay distinct for colour-blind readers, and each chart's
title and axis labels say what it shows.

Each chart draws plain data (a small frozen dataclass such as :class:`ScorecardData`), so you
can draw your own numbers; an adapter such as :func:`scorecard_data` reads them from a
:class:`~respcompare.pipeline.Review`.

``import respcompare`` does not import matplotlib; ``respcompare.plot`` does, on first use.

>>> import respcompare as rc
>>> from respcompare import plot
>>> ax = plot.scorecard(rc.review(rc.load_example("grooming-gangs")))
>>> ax.get_title()
'Scorecard: original vs revised'
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, Literal, ParamSpec

from matplotlib.patches import FancyArrowPatch, Patch, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from .cues import LADDER
from .errors import InputError
from .model import Cue, Response, Span, Verdict, parse_date
from .palette import OKABE_ITO, VERDICT_COLOURS
from .segment import segment, words

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .alignment import Alignment
    from .pipeline import Review

__all__ = [
    "ASK_STYLES",
    "CUE_COLOURS",
    "KIND_COLOURS",
    "LADDER_RUNGS",
    "MIN_WORDS",
    "OKABE_ITO",
    "RESPONSE_COLOURS",
    "STATUS_STYLE",
    "VERDICT_COLOURS",
    "VERDICT_HATCHES",
    "AlignmentMapData",
    "LadderAsk",
    "LadderData",
    "MapOp",
    "ScorecardData",
    "TimelineData",
    "TimelineRow",
    "alignment_map",
    "alignment_map_data",
    "boilerplate_by_department",
    "commitment_ladder",
    "cue_density",
    "cue_density_side_by_side",
    "departments",
    "ladder_data",
    "plot_corpus",
    "plot_review",
    "promises_timeline",
    "scorecard",
    "scorecard_data",
    "timeline_data",
    "verdicts_over_time",
]

#: One colour per response, in the case's order (original, revised, a second revision...).
RESPONSE_COLOURS: tuple[str, ...] = (
    OKABE_ITO["orange"],
    OKABE_ITO["blue"],
    OKABE_ITO["bluish green"],
    OKABE_ITO["reddish purple"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["sky blue"],
)

#: One colour per alignment op kind. "unchanged" is a quiet grey so that changes stand out.
KIND_COLOURS: dict[str, str] = {
    "unchanged": "#BBBBBB",
    "edited": OKABE_ITO["blue"],
    "moved": OKABE_ITO["orange"],
    "moved-edited": OKABE_ITO["vermillion"],
    "added": OKABE_ITO["bluish green"],
    "removed": OKABE_ITO["reddish purple"],
    "split": OKABE_ITO["sky blue"],
    "merged": OKABE_ITO["black"],
}

#: One colour per verdict: :data:`respcompare.palette.VERDICT_COLOURS` (reports share it).

#: How each ask of a commitment ladder is drawn: greys told apart by marker shape, so that no
#: ask takes a hue that means a verdict elsewhere (a new user read a green ask as answered-yes).
ASK_STYLES: tuple[tuple[str, str], ...] = (
    ("#000000", "o"),
    ("#5F5F5F", "s"),
    ("#8C8C8C", "^"),
    ("#333333", "D"),
    ("#777777", "v"),
    ("#4A4A4A", "P"),
)

#: A hatch per verdict on top of its colour (only not-addressed has one).
VERDICT_HATCHES: dict[Verdict, str] = {
    v: ("xx" if v is Verdict.NOT_ADDRESSED else "") for v in Verdict
}

#: Cue categories in drawing order, each with a colour and a hatch (eight colours, twelve
#: categories: the hatch tells the last four apart).
CUE_COLOURS: dict[str, tuple[str, str]] = {
    "hedge": (OKABE_ITO["orange"], ""),
    "emotive": (OKABE_ITO["vermillion"], ""),
    "commitment": (OKABE_ITO["bluish green"], ""),
    "refusal": (OKABE_ITO["black"], ""),
    "deferral": (OKABE_ITO["sky blue"], ""),
    "review-loop": (OKABE_ITO["blue"], ""),
    "booster": (OKABE_ITO["reddish purple"], ""),
    "peacock": (OKABE_ITO["yellow"], ""),
    "weasel": (OKABE_ITO["grey"], ""),
    "acknowledgement": (OKABE_ITO["orange"], "//"),
    "deontic": (OKABE_ITO["sky blue"], "//"),
    "permission": (OKABE_ITO["bluish green"], "//"),
}

#: The commitment ladder, rung -> label, highest first (names from respcompare.cues.LADDER).
LADDER_RUNGS: dict[int, str] = {rung: f"{rung} {LADDER[rung]}" for rung in range(5, -1, -1)}
_NOT_ADDRESSED_Y = -1.2

Freq = Literal["month", "quarter", "year"]
ReviewChart = Literal["scorecard", "ladder", "alignment", "cues"]


# --------------------------------------------------------------------------- helpers


_P = ParamSpec("_P")


def _literal_text(draw: Callable[_P, Axes]) -> Callable[_P, Axes]:
    """Make every text a chart function drew literal: no mathtext, so a "$" in a petition
    ("Cut the $5 fee to $2", "$\\undefinedcmd$") is drawn as typed and never raises."""

    @wraps(draw)
    def literal(*args: _P.args, **kwargs: _P.kwargs) -> Axes:
        ax = draw(*args, **kwargs)
        for artist in ax.findobj(Text):
            artist.set_parse_math(False)
            artist.set_usetex(False)
        return ax

    return literal


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        from matplotlib.axes import Axes as _Axes

        if not isinstance(ax, _Axes):
            raise InputError(
                f"ax= must be a matplotlib Axes (e.g. fig.add_subplot()), not {type(ax).__name__}"
            )
        return ax
    import matplotlib.pyplot as plt

    _fig, new_ax = plt.subplots(figsize=size, layout="constrained")
    return new_ax


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _response_name(label: str, date: _dt.date | None) -> str:
    return f"{label} ({date.day} {date:%b %Y})" if date else label


def _per_100_words(count: int, n_words: int) -> float | None:
    return None if n_words == 0 else 100.0 * count / n_words


def _find_cues(text: str) -> list[Cue]:
    from . import cues

    return list(cues.find_cues(text))


def _review_alignments(review: Review) -> list[Alignment]:
    """The alignments of consecutive responses: ``review.alignments`` or computed here."""
    found = getattr(review, "alignments", None)
    if found is not None:
        return list(found)
    from .alignment import align

    rs = review.case.responses
    return [align(a, b, with_effects=False) for a, b in itertools.pairwise(rs)]


def _need_review(review: object, what: str) -> None:
    """A typed error for anything but a review (``rc.review(case)``) where one is read."""
    if not (hasattr(review, "case") and hasattr(review, "assessments")):
        raise InputError(f"{what} takes a Review (rc.review(case)), not {type(review).__name__}")


def _review_cues(review: Review) -> list[list[Cue]]:
    """The cues of each response: from ``review.profiles``, ``review.cues`` (by label or in
    order), or found here."""
    rs = review.case.responses
    profiles = getattr(review, "profiles", None)
    if profiles and len(profiles) == len(rs):
        return [list(p.cues) for p in profiles]
    found = getattr(review, "cues", None)
    if isinstance(found, Mapping):
        return [list(found[r.label]) for r in rs]
    if found is not None:
        return [list(c) for c in found]
    return [_find_cues(r.full_text) for r in rs]


# --------------------------------------------------------------------------- scorecard


@dataclass(frozen=True, slots=True)
class ScorecardData:
    """The numbers a scorecard draws, one entry per response in each tuple (``None``: unknown).

    ``commitment`` is the ladder rung 0..5 (0 is an explicit refusal; ``None``: the response takes
    no position on the ask); ``hedge_density`` and ``emotive_density`` are cues per 100 words;
    ``directness`` and ``carried_over_share`` lie in [0, 1]. ``carried_over_share`` is the
    review's own figure (:attr:`ResponseProfile.carried_over_share
    <respcompare.pipeline.ResponseProfile>`): the share of a response's sentence characters
    carried over verbatim from the response before it (``None`` for the first). ``verdicts``
    (optional, one per response) names why a response has no rung ("deflected", "not-addressed").

    >>> d = ScorecardData(responses=("a", "b"), directness=(0.1, 0.9), commitment=(None, 4),
    ...                   hedge_density=(1.0, 0.5), emotive_density=(2.0, 1.0),
    ...                   carried_over_share=(None, 0.4))
    >>> [title for title, _, _ in d.panels()]
    ['score or share (0–1)', 'commitment towards the ask (ladder rung 0–5)', 'cues per 100 words']
    """

    responses: tuple[str, ...]
    directness: tuple[float | None, ...]
    commitment: tuple[int | None, ...]
    hedge_density: tuple[float | None, ...]
    emotive_density: tuple[float | None, ...]
    carried_over_share: tuple[float | None, ...]
    verdicts: tuple[str | None, ...] = ()

    def __post_init__(self) -> None:
        n = len(self.responses)
        for name in (
            "directness",
            "commitment",
            "hedge_density",
            "emotive_density",
            "carried_over_share",
        ):
            if len(getattr(self, name)) != n:
                raise InputError(
                    f"ScorecardData.{name} has {len(getattr(self, name))} values for "
                    f"{n} responses: give one value (or None) per response"
                )
        if self.verdicts and len(self.verdicts) != n:
            raise InputError(
                f"ScorecardData.verdicts has {len(self.verdicts)} values for {n} responses: "
                "give one per response, or none"
            )

    def metrics(self) -> list[tuple[str, tuple[float | None, ...]]]:
        """(label, values) per measure, top to bottom, each on its own panel's scale."""
        return [(label, vals) for _, rows, _ in self.panels() for label, vals in rows]

    def panels(
        self,
    ) -> list[tuple[str, list[tuple[str, tuple[float | None, ...]]], float]]:
        """The scorecard's panels, one scale each: (axis title, [(label, values)], axis top).

        Scores and shares share 0–1; the commitment rung has its own 0–5 axis; cue densities
        (cues per 100 words) have theirs, topped at the largest value.
        """
        densities = [v for v in (*self.hedge_density, *self.emotive_density) if v is not None]
        return [
            (
                "score or share (0–1)",
                [
                    ("directness", self.directness),
                    ("carried over from the previous response", self.carried_over_share),
                ],
                1.0,
            ),
            (
                "commitment towards the ask (ladder rung 0–5)",
                [("commitment", tuple(None if c is None else float(c) for c in self.commitment))],
                5.0,
            ),
            (
                "cues per 100 words",
                [("hedges", self.hedge_density), ("emotive cues", self.emotive_density)],
                max([1.0, *densities]),
            ),
        ]


def scorecard_data(review: Review) -> ScorecardData:
    """Read a scorecard's numbers from a review.

    Reads ``review.assessments`` (directness, commitment, verdict) and each response's profile
    (its cues and its carried-over share); it recomputes nothing a Review already holds.

    >>> import respcompare as rc
    >>> d = scorecard_data(rc.review(rc.load_example("grooming-gangs")))
    >>> d.responses
    ('original (24 Apr 2020)', 'revised (19 May 2020)')
    """
    _need_review(review, "scorecard")
    rs = review.case.responses
    cues = _review_cues(review)
    hedge: list[float | None] = []
    emotive: list[float | None] = []
    for resp, found in zip(rs, cues, strict=True):
        n_words = len(words(resp.full_text))
        counts = Counter(c.category for c in found)
        hedge.append(_per_100_words(counts["hedge"], n_words))
        emotive.append(_per_100_words(counts["emotive"], n_words))
    carried: list[float | None] = [None]
    profiles = getattr(review, "profiles", None)
    if profiles and len(profiles) == len(rs):
        carried = [p.carried_over_share for p in profiles]
    elif len(rs) > 1:
        from .alignment import carried_over_share

        carried += [carried_over_share(al) for al in _review_alignments(review)]
    return ScorecardData(
        responses=tuple(_response_name(r.label, r.date) for r in rs),
        directness=tuple(a.directness for a in review.assessments),
        commitment=tuple(a.commitment for a in review.assessments),
        hedge_density=tuple(hedge),
        emotive_density=tuple(emotive),
        carried_over_share=tuple(carried),
        verdicts=tuple(a.verdict.value for a in review.assessments),
    )


#: How the scorecard and the ladder write a verdict that leaves no rung on the ladder.
_NO_RUNG_WORDS: dict[str, str] = {
    Verdict.DEFLECTED.value: "deflected: no position on the ask",
    Verdict.NOT_ADDRESSED.value: "not addressed",
}


def _no_rung(verdict: str | None) -> str:
    return _NO_RUNG_WORDS.get(verdict or "", f"{verdict}: no rung" if verdict else "not addressed")


def _panel_boxes(sizes: Sequence[int]) -> list[tuple[float, float]]:
    """(bottom, height) in axes fractions of each stacked panel, as tall as its rows; room
    below each for its axis label."""
    gap = 0.16
    room = 1.0 - gap * len(sizes)
    unit = room / max(sum(sizes), 1)
    out: list[tuple[float, float]] = []
    top = 1.0
    for n in sizes:
        height = unit * n
        out.append((top - height, height))
        top -= height + gap
    return out


@_literal_text
def scorecard(review: Review | ScorecardData, *, ax: Axes | None = None) -> Axes:
    """Original vs revised side by side, as small multiples: one panel per scale.

    The top panel holds the 0–1 scores (directness, the share carried over), the middle one the
    commitment rung on its own 0–5 axis, the bottom one cue densities (cues per 100 words). In
    each, one bar per response (colour = response, see the legend), labelled with its value.
    An explicit refusal (rung 0) is drawn as a black diamond on the axis and written "0/5
    refuses"; a response with no position on the ask has no mark and is written in grey italics
    ("deflected: no position on the ask", "not addressed"). Other unknown values read "n/a".

    The panels are inset axes of ``ax`` (``ax.child_axes``); ``ax`` itself holds the title and
    the legend.

    >>> d = ScorecardData(responses=("a", "b"), directness=(0.1, 0.9), commitment=(0, 4),
    ...                   hedge_density=(1.0, 0.5), emotive_density=(2.0, 1.0),
    ...                   carried_over_share=(None, 0.4))
    >>> ax = scorecard(d)
    >>> bars = {p.get_gid(): float(p.get_width()) for a in ax.child_axes for p in a.patches}
    >>> bars["scorecard:1:0:0"], bars["scorecard:1:1:0"]  # response b: directness, rung 4
    (0.9, 4.0)
    >>> [ln.get_gid() for a in ax.child_axes for ln in a.lines]
    ['scorecard-refusal:0']
    """
    data = review if isinstance(review, ScorecardData) else scorecard_data(review)
    ax = _axes(ax, (8.0, 5.5))
    ax.set_axis_off()
    ax.set_xticks([])
    ax.set_yticks([])
    panels = data.panels()
    n = max(len(data.responses), 1)
    height = 0.8 / n
    boxes = _panel_boxes([len(rows) for _, rows, _ in panels])
    for g, ((title, rows, top), (bottom, h)) in enumerate(zip(panels, boxes, strict=True)):
        pax = ax.inset_axes((0.0, bottom, 1.0, h))
        pax.set_gid(f"scorecard-panel:{g}")
        is_rung = title.startswith("commitment")
        for i in range(len(data.responses)):
            colour = RESPONSE_COLOURS[i % len(RESPONSE_COLOURS)]
            for m, (_label, vals) in enumerate(rows):
                y = m - 0.4 + height * (i + 0.5)
                v = vals[i]
                if v is None:
                    verdict = data.verdicts[i] if data.verdicts else None
                    pax.text(
                        0.01 * top,
                        y,
                        _no_rung(verdict) if is_rung else "n/a",
                        va="center",
                        ha="left",
                        fontsize=8,
                        style="italic",
                        color="#555555",
                        gid=f"scorecard-none:{i}:{g}:{m}",
                    )
                    continue
                if is_rung and v == 0:
                    pax.plot(
                        [0.0],
                        [y],
                        marker="D",
                        markersize=7,
                        color="#000000",
                        clip_on=False,
                        linestyle="none",
                        gid=f"scorecard-refusal:{i}",
                        zorder=4,
                    )
                    pax.text(
                        0.04 * top, y, "0/5 refuses", va="center", ha="left", fontsize=8,
                        fontweight="bold",
                    )  # fmt: skip
                    continue
                pax.barh(
                    y,
                    v,
                    height=height * 0.92,
                    color=colour,
                    edgecolor="white",
                    gid=f"scorecard:{i}:{g}:{m}",
                )
                text = f"{v:.0f}/5" if is_rung else f"{v:.2f}"
                pax.text(v + 0.01 * top, y, text, va="center", ha="left", fontsize=8)
        pax.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize=9)
        pax.set_ylim(len(rows) - 0.5, -0.5)
        pax.set_xlim(0, top * 1.18)
        if is_rung:
            pax.set_xticks(range(6))
        pax.tick_params(axis="x", labelsize=8)
        pax.set_xlabel(title, fontsize=9)
        pax.grid(axis="x", color="#dddddd", linewidth=0.6)
        pax.set_axisbelow(True)
        for side in ("top", "right"):
            pax.spines[side].set_visible(False)
    # a legend entry for every response, even one whose first bar is n/a
    # each response's verdict beside its name: the chart is read without the report
    handles = [
        Patch(
            facecolor=RESPONSE_COLOURS[i % len(RESPONSE_COLOURS)],
            label=f"{name}: {data.verdicts[i]}" if i < len(data.verdicts) else name,
        )
        for i, name in enumerate(data.responses)
    ]
    ax.set_title("Scorecard: " + " vs ".join(r.split(" (")[0] for r in data.responses))
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(1.04, 0.0),
        fontsize=8,
        frameon=False,
        title="response",
        title_fontsize=8,
    )
    return ax


# --------------------------------------------------------------------------- commitment ladder


@dataclass(frozen=True, slots=True)
class LadderAsk:
    """One ask and its rung in each response (``None``: the response takes no position on it).

    ``downgrades`` optionally names, per response, how it narrowed the ask (e.g. ``'"in full"
    -> "key findings"'``); it is written under that response's point. ``verdicts`` optionally
    gives, per response, the verdict on this ask (a :class:`Verdict` value); each point is
    labelled with it, so a deflection is told from an ask not addressed at all.
    """

    ask: str
    levels: tuple[int | None, ...]
    downgrades: tuple[str | None, ...] = ()
    verdicts: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class LadderData:
    """The commitment ladder's data: response names (left to right) and the asks.

    >>> LadderData(responses=("original", "revised"),
    ...            asks=(LadderAsk("Release the report", (None, 4)),)).asks[0].levels
    (None, 4)
    """

    responses: tuple[str, ...]
    asks: tuple[LadderAsk, ...]

    def __post_init__(self) -> None:
        for a in self.asks:
            if len(a.levels) != len(self.responses):
                raise InputError(
                    f"ask {a.ask!r} has {len(a.levels)} levels for {len(self.responses)} "
                    "responses: give one rung (0..5) or None per response"
                )
            if a.verdicts and len(a.verdicts) != len(self.responses):
                raise InputError(
                    f"ask {a.ask!r} has {len(a.verdicts)} verdicts for {len(self.responses)} "
                    "responses: give one per response, or none"
                )
            for lv in a.levels:
                if lv is not None and not 0 <= lv <= 5:
                    raise InputError(f"ask {a.ask!r}: rung {lv} is not on the ladder 0..5")


def ladder_data(review: Review) -> LadderData:
    """Each ask's rung and verdict in each response, read from ``review.assessments[*].asks``.

    Asks are matched across responses by their text; an ask a response does not list is drawn
    as not addressed there.

    >>> import respcompare as rc
    >>> d = ladder_data(rc.review(rc.load_example("grooming-gangs")))
    >>> d.asks[0].verdicts
    ('deflected', 'answered-partly')
    """
    _need_review(review, "commitment_ladder")
    order: list[str] = []
    levels: dict[str, dict[int, int | None]] = {}
    downgrades: dict[str, dict[int, str | None]] = {}
    verdicts: dict[str, dict[int, str]] = {}
    for i, a in enumerate(review.assessments):
        for o in a.asks:
            if o.ask.text not in levels:
                order.append(o.ask.text)
                levels[o.ask.text] = {}
                downgrades[o.ask.text] = {}
                verdicts[o.ask.text] = {}
            levels[o.ask.text][i] = o.commitment
            downgrades[o.ask.text][i] = str(o.downgrade) if o.downgrade else None
            verdicts[o.ask.text][i] = o.verdict.value
    n = len(review.assessments)
    return LadderData(
        responses=tuple(_response_name(r.label, r.date) for r in review.case.responses),
        asks=tuple(
            LadderAsk(
                t,
                tuple(levels[t].get(i) for i in range(n)),
                tuple(downgrades[t].get(i) for i in range(n)),
                tuple(verdicts[t].get(i, Verdict.NOT_ADDRESSED.value) for i in range(n)),
            )
            for t in order
        ),
    )


def _point_label(level: int | None, verdict: str | None) -> str:
    """What a ladder point says: its verdict ("deflected", "answered-partly"), or for data with
    no verdicts its rung, or "not addressed"."""
    if verdict:
        return verdict.replace("-", " ") if verdict == Verdict.NOT_ADDRESSED.value else verdict
    return "not addressed" if level is None else f"rung {level}"


def _label_side(ys: Sequence[float], i: int) -> tuple[str, bool]:
    """Where point ``i``'s label goes, clear of the arrows in and out of it: (ha, above).

    Below the point, on the side no arrow runs through: extending right when the arrow comes
    up from the left, left when the arrow leaves downwards; above when both arrows run down
    (a peak)."""
    prev_lower = i > 0 and ys[i - 1] < ys[i]
    next_lower = i < len(ys) - 1 and ys[i + 1] < ys[i]
    if prev_lower and next_lower:
        return "center", True
    if next_lower:
        return "right", False
    if prev_lower:
        return "left", False
    return "center", False


@_literal_text
def commitment_ladder(review: Review | LadderData, *, ax: Axes | None = None) -> Axes:
    """The commitment ladder: each ask's rung before → after, one arrow per revision.

    Rungs 0 (explicit refusal) to 5 (specific commitment) run up the y axis; a response that
    takes no position on an ask sits below the ladder, on the "no position on the ask" line.
    Each point is labelled underneath with the verdict on that ask (so "deflected" and "not
    addressed" read apart), and a scope downgrade is written under its point. Asks at the same
    point share one label.

    >>> d = LadderData(responses=("original", "revised"),
    ...                asks=(LadderAsk("Release the report", (None, 4)),))
    >>> ax = commitment_ladder(d)
    >>> [p.get_gid() for p in ax.patches]
    ['ladder-arrow:0:0']
    >>> sorted(t.get_text() for t in ax.texts)
    ['not addressed', 'rung 4']
    """
    data = review if isinstance(review, LadderData) else ladder_data(review)
    ax = _axes(ax, (8.0, 5.0))
    n = len(data.responses)
    for rung in LADDER_RUNGS:
        ax.axhline(rung, color="#e4e4e4", linewidth=0.8, zorder=0)
    ax.axhline(_NOT_ADDRESSED_Y, color="#e4e4e4", linewidth=0.8, zorder=0)
    ax.axhline(-0.6, color="#888888", linewidth=0.8, linestyle="--", zorder=0)
    k = len(data.asks)
    spread = min(0.25, 0.5 / max(k, 1))
    # one label per (response, height): asks at the same point share it
    labels: dict[tuple[int, float], dict[str, Any]] = {}
    for j, ask in enumerate(data.asks):
        colour, marker = ASK_STYLES[j % len(ASK_STYLES)]
        dx = (j - (k - 1) / 2) * spread
        xs = [i + dx for i in range(n)]
        ys = [_NOT_ADDRESSED_Y if lv is None else float(lv) for lv in ask.levels]
        ax.plot(
            xs,
            ys,
            linestyle="none",
            marker=marker,
            markersize=9,
            color=colour,
            label=textwrap.fill(_short(ask.ask, 120), 40),
            gid=f"ladder-points:{j}",
            zorder=3,
        )
        for i in range(n - 1):
            arrow = FancyArrowPatch(
                (xs[i], ys[i]),
                (xs[i + 1], ys[i + 1]),
                arrowstyle="-|>",
                mutation_scale=16,
                color=colour,
                linewidth=1.8,
                shrinkA=7,
                shrinkB=7,
                zorder=2,
                gid=f"ladder-arrow:{j}:{i}",
            )
            ax.add_patch(arrow)
        for i, lv in enumerate(ask.levels):
            verdict = ask.verdicts[i] if i < len(ask.verdicts) else None
            slot = labels.setdefault(
                (i, ys[i]), {"xs": [], "words": [], "downs": [], "side": _label_side(ys, i)}
            )
            slot["xs"].append(xs[i])
            word = _point_label(lv, verdict)
            if word not in slot["words"]:
                slot["words"].append(word)
            down = ask.downgrades[i] if i < len(ask.downgrades) else None
            if down:
                slot["downs"].append((j, down))
    left_room = right_room = 0.0
    for (i, y), slot in labels.items():
        x = sum(slot["xs"]) / len(slot["xs"])
        ha, up = slot["side"]
        if ha == "right" and i == 0:
            left_room = 0.6
        if ha == "left" and i == n - 1:
            right_room = 0.6
        nudge = {"left": 2, "right": -2, "center": 0}[ha]
        sign = 1 if up else -1
        ax.annotate(
            " / ".join(slot["words"]),
            (x, y),
            xytext=(nudge, sign * 9),
            textcoords="offset points",
            ha=ha,
            va="bottom" if up else "top",
            fontsize=8,
            gid=f"ladder-label:{i}:{y:g}",
        )
        for j, down in slot["downs"][:1]:
            ax.annotate(
                textwrap.fill("scope downgrade: " + _short(down, 90), 28),
                (x, y),
                xytext=(nudge, sign * 21),
                textcoords="offset points",
                ha=ha,
                va="bottom" if up else "top",
                fontsize=7,
                style="italic",
                color="#333333",
                gid=f"ladder-downgrade:{j}:{i}",
            )
    ax.set_yticks(
        [_NOT_ADDRESSED_Y, *sorted(LADDER_RUNGS)],
        ["no position on the ask", *(LADDER_RUNGS[r] for r in sorted(LADDER_RUNGS))],
        fontsize=9,
    )
    ax.set_ylim(_NOT_ADDRESSED_Y - 1.0, 5.5)
    ax.set_xticks(range(n), [name.replace(" (", "\n(", 1) for name in data.responses], fontsize=9)
    ax.set_xlim(-0.6 - left_room, n - 0.4 + right_room)
    ax.set_xlabel("response, in order")
    ax.set_ylabel("commitment towards the ask")
    ax.set_title("Commitment ladder:\neach ask, before → after")
    if data.asks:
        ax.legend(
            title="ask",
            loc="upper left",
            bbox_to_anchor=(0.0, -0.2),
            fontsize=8,
            title_fontsize=8,
            frameon=False,
            alignment="left",
        )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


# --------------------------------------------------------------------------- alignment map


@dataclass(frozen=True, slots=True)
class MapOp:
    """One alignment op to draw: its kind and the sentence indices it covers on each side
    (empty on the side it does not touch: an "added" op has no ``left`` sentence)."""

    kind: str
    left: tuple[int, ...]
    right: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.kind not in KIND_COLOURS:
            raise InputError(
                f"unknown alignment op kind {self.kind!r}: use one of {list(KIND_COLOURS)}"
            )
        if not self.left and not self.right:
            raise InputError(f"a {self.kind!r} op needs a sentence on at least one side")


@dataclass(frozen=True, slots=True)
class AlignmentMapData:
    """What an alignment map draws: each side's name and sentence lengths (in characters, in
    reading order) and the ops between them, by sentence index.

    >>> d = AlignmentMapData("original", "revised", (40, 25), (25, 40),
    ...                      (MapOp("moved", (0,), (1,)), MapOp("unchanged", (1,), (0,))))
    >>> d.ops[0].kind
    'moved'
    """

    left_name: str
    right_name: str
    left_lengths: tuple[int, ...]
    right_lengths: tuple[int, ...]
    ops: tuple[MapOp, ...]

    def __post_init__(self) -> None:
        for op in self.ops:
            for side, idx, n in (
                ("left", op.left, len(self.left_lengths)),
                ("right", op.right, len(self.right_lengths)),
            ):
                bad = [i for i in idx if not 0 <= i < n]
                if bad:
                    raise InputError(
                        f"a {op.kind!r} op names {side} sentence(s) {bad}, but the {side} side "
                        f"has {n} sentence(s)"
                    )


def alignment_map_data(
    alignment: Alignment, *, names: tuple[str, str] | None = None
) -> AlignmentMapData:
    """Read an :class:`~respcompare.alignment.Alignment` into :class:`AlignmentMapData`.

    ``names`` defaults to the alignment's own labels (``a_label``, ``b_label``).

    >>> from respcompare.alignment import align
    >>> d = alignment_map_data(align("We care. We will act.", "We will act. We care."))
    >>> sorted(op.kind for op in d.ops)
    ['moved', 'unchanged']
    """
    left, right = names or (alignment.a_label, alignment.b_label)
    return AlignmentMapData(
        left,
        right,
        tuple(len(s) for s in alignment.a_sentences),
        tuple(len(s) for s in alignment.b_sentences),
        tuple(MapOp(op.kind, op.a_sentences, op.b_sentences) for op in alignment.ops),
    )


def _column(lengths: Sequence[int], scale: float, gap: float) -> list[tuple[float, float]]:
    """(top, bottom) of each sentence block in axis units, stacked downwards from y = 1."""
    out: list[tuple[float, float]] = []
    y = 1.0
    for n in lengths:
        out.append((y, y - n * scale))
        y -= n * scale + gap
    return out


def _ribbon(x0: float, x1: float, left: tuple[float, float], right: tuple[float, float]) -> MplPath:
    """A band from ``left`` (top, bottom) at x0 to ``right`` at x1 with S-shaped edges."""
    mid = (x0 + x1) / 2
    verts = [
        (x0, left[0]),
        (mid, left[0]),
        (mid, right[0]),
        (x1, right[0]),
        (x1, right[1]),
        (mid, right[1]),
        (mid, left[1]),
        (x0, left[1]),
        (x0, left[0]),
    ]
    c4 = MplPath.CURVE4
    codes = [MplPath.MOVETO, c4, c4, c4, MplPath.LINETO, c4, c4, c4, MplPath.CLOSEPOLY]
    return MplPath(verts, codes)


def _map_input(alignment: Any) -> AlignmentMapData:
    if isinstance(alignment, AlignmentMapData):
        return alignment
    if hasattr(alignment, "case") and hasattr(alignment, "assessments"):
        rs = alignment.case.responses
        if len(rs) < 2:
            raise InputError("an alignment map needs a case with at least two responses")
        names = (_response_name(rs[0].label, rs[0].date), _response_name(rs[1].label, rs[1].date))
        return alignment_map_data(_review_alignments(alignment)[0], names=names)
    if hasattr(alignment, "ops") and hasattr(alignment, "a_sentences"):
        return alignment_map_data(alignment)
    raise InputError(
        "alignment_map() takes an Alignment (rc.align(a, b)), a Review or an "
        f"AlignmentMapData, not {type(alignment).__name__}"
    )


@_literal_text
def alignment_map(
    alignment: Alignment | Review | AlignmentMapData, *, ax: Axes | None = None
) -> Axes:
    """Two columns, the earlier text left and the later right, each sentence a block as tall as
    it is long, with a ribbon between aligned sentences coloured by the op kind.

    Both columns share one scale, so a shorter revision is a shorter column. A block takes the
    colour of its op: added sentences are blocks on the right with no ribbon, removed ones blocks
    on the left. Moved sentences' ribbons cross the others and are drawn on top.

    ``alignment`` is an :class:`~respcompare.alignment.Alignment`, a
    :class:`~respcompare.pipeline.Review` (its first two responses) or an :class:`AlignmentMapData`.

    >>> d = AlignmentMapData("original", "revised", (40, 25), (25, 30),
    ...                      (MapOp("unchanged", (1,), (0,)), MapOp("removed", (0,), ()),
    ...                       MapOp("added", (), (1,))))
    >>> ax = alignment_map(d)
    >>> [p.get_gid() for p in ax.patches if p.get_gid().startswith("ribbon")]
    ['ribbon:0:unchanged']
    """
    data = _map_input(alignment)
    ax = _axes(ax, (7.0, 9.0))
    n_blocks = max(len(data.left_lengths), len(data.right_lengths), 1)
    gap = min(0.008, 0.2 / n_blocks)
    total = max(sum(data.left_lengths), sum(data.right_lengths), 1)
    scale = (1.0 - gap * (n_blocks - 1)) / total
    columns = (_column(data.left_lengths, scale, gap), _column(data.right_lengths, scale, gap))
    lx, rx, width = 0.0, 0.8, 0.2
    kinds: tuple[dict[int, str], dict[int, str]] = ({}, {})
    for op in data.ops:
        for i in op.left:
            kinds[0].setdefault(i, op.kind)
        for i in op.right:
            kinds[1].setdefault(i, op.kind)
    for side, x in ((0, lx), (1, rx)):
        name = ("left", "right")[side]
        for i, (top, bottom) in enumerate(columns[side]):
            kind = kinds[side].get(i)
            colour = KIND_COLOURS[kind] if kind else "#ffffff"
            ax.add_patch(
                Rectangle(
                    (x, bottom),
                    width,
                    top - bottom,
                    facecolor=colour,
                    edgecolor="#555555",
                    linewidth=0.4,
                    gid=f"block:{name}:{i}:{kind or 'unaligned'}",
                )
            )
    counts: Counter[str] = Counter(op.kind for op in data.ops)
    for i, op in enumerate(data.ops):
        if not op.left or not op.right:
            continue
        moved = op.kind in ("moved", "moved-edited")
        left = (columns[0][min(op.left)][0], columns[0][max(op.left)][1])
        right = (columns[1][min(op.right)][0], columns[1][max(op.right)][1])
        ax.add_patch(
            PathPatch(
                _ribbon(lx + width, rx, left, right),
                facecolor=KIND_COLOURS[op.kind],
                edgecolor=KIND_COLOURS[op.kind],
                linewidth=0.3,
                alpha=0.85 if moved else 0.6,
                zorder=3 if moved else 2,
                gid=f"ribbon:{i}:{op.kind}",
            )
        )
    handles = [
        Patch(facecolor=KIND_COLOURS[k], edgecolor="#555555", label=f"{k} ({counts[k]})")
        for k in KIND_COLOURS
        if counts[k]
    ]
    ax.legend(
        handles=handles,
        title="what happened to the sentence (ops)",
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=min(4, max(len(handles), 1)),
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )
    for x, name in ((lx, data.left_name), (rx, data.right_name)):
        ax.text(x + width / 2, 1.01, name, ha="center", va="bottom", fontsize=9, fontweight="bold")
    lowest = min([1.0] + [b for col in columns for _, b in col])
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(lowest - 0.01, 1.05)
    ax.set_axis_off()
    ax.set_title(
        "Alignment map: each sentence a block as tall as it is long;\n"
        "ribbons join aligned sentences, coloured by what happened to them",
        fontsize=10,
    )
    return ax


# --------------------------------------------------------------------------- cue density

#: The smallest word count a paragraph's cue density is taken over. A 10-word paragraph with
#: one hedge would read 10 hedges per 100 words, five times a typical paragraph's figure, from a
#: single word; counted over at least 50 words it reads 2. 50 is about the median paragraph of
#: real responses (52 words over the 445 paragraphs of the 43 petitions in
#: tests/fixtures/petitions; quartiles 33 and 76).
MIN_WORDS = 50


def _density_base(n_words: int) -> int:
    return max(n_words, MIN_WORDS)


def _cue_counts(
    text: str, found: Sequence[Cue]
) -> tuple[list[Span], list[int], list[Counter[str]]]:
    """Each paragraph, its word count and its cue counts by category (a cue belongs to the
    paragraph its first character lies in)."""
    paragraphs = list(segment(text).paragraphs)
    n_words = [len(words(p.text)) for p in paragraphs]
    counts = [Counter[str]() for _ in paragraphs]
    for c in found:
        for k, p in enumerate(paragraphs):
            if p.start <= c.span.start < p.end:
                counts[k][c.category] += 1
                break
    return paragraphs, n_words, counts


def _categories(found: Sequence[Cue], categories: Sequence[str] | None) -> list[str]:
    present = {c.category for c in found}
    if categories is not None:
        return list(categories)
    return [c for c in CUE_COLOURS if c in present] + sorted(present - set(CUE_COLOURS))


def _draw_cue_bars(
    ax: Axes, n_words: Sequence[int], counts: Sequence[Counter[str]], cats: Sequence[str]
) -> float:
    """The stacked bars of one text; returns the tallest stack."""
    xs = list(range(1, len(n_words) + 1))
    bottom = [0.0] * len(n_words)
    for j, cat in enumerate(cats):
        colour, hatch = CUE_COLOURS.get(cat, (RESPONSE_COLOURS[j % len(RESPONSE_COLOURS)], ".."))
        heights = [
            100.0 * cnt[cat] / _density_base(n) for cnt, n in zip(counts, n_words, strict=True)
        ]
        ax.bar(
            xs,
            heights,
            bottom=bottom,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            linewidth=0.5,
            label=cat,
            gid=f"cues:{cat}",
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    # a paragraph label every few paragraphs when there are many, so they never collide
    step = max(1, math.ceil(len(xs) / 20))
    ax.set_xticks(
        xs[::step], [f"{x}\n{n}w" for x, n in zip(xs, n_words, strict=True)][::step], fontsize=8
    )
    ax.set_xlim(0.4, len(xs) + 0.6)
    return max([*bottom, 0.0])


@_literal_text
def cue_density(
    text_or_response: str | Response,
    *,
    categories: Sequence[str] | None = None,
    cues: Iterable[Cue] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Cue density by paragraph: cues of each category per 100 words, stacked, one bar per
    paragraph in reading order.

    A paragraph shorter than :data:`MIN_WORDS` (50) words is counted as 50 words, so one cue in
    a one-line paragraph does not read as a dense paragraph. ``cues`` defaults to
    :func:`respcompare.cues.find_cues` on the text (a Response's
    :attr:`~respcompare.model.Response.full_text`); ``categories`` defaults to the categories
    found, in the order of :data:`CUE_COLOURS`. A cue belongs to the paragraph its first
    character lies in.

    >>> from respcompare.model import Cue, Span
    >>> text = "We may act.\\n\\nIt is truly shocking."
    >>> cs = [Cue("hedge", "epistemic", "may", Span(3, 6, "may")),
    ...       Cue("emotive", "moral", "shocking", Span(26, 34, "shocking"))]
    >>> ax = cue_density(text, cues=cs)
    >>> [round(p.get_height()) for p in ax.patches]  # 1 cue over 50 words, not over 3
    [2, 0, 0, 2]
    """
    if isinstance(text_or_response, Response):
        r = text_or_response
        text, title = r.full_text, _response_name(r.label, r.date)
    elif isinstance(text_or_response, str):
        text, title = text_or_response, "text"
    else:
        raise InputError(
            f"cue_density() takes a string or a Response, not {type(text_or_response).__name__}"
        )
    found = _find_cues(text) if cues is None else list(cues)
    cats = _categories(found, categories)
    paragraphs, n_words, counts = _cue_counts(text, found)
    ax = _axes(ax, (max(6.0, 0.45 * len(paragraphs) + 2), 4.5))
    top = _draw_cue_bars(ax, n_words, counts, cats)
    # zero-height segments on top of a stack pin autoscaling to its top: set the limit here
    ax.set_ylim(0, top * 1.08 or 1.0)
    ax.set_xlabel(
        f"paragraph (in reading order; w = words; under {MIN_WORDS} counted as {MIN_WORDS})"
    )
    ax.set_ylabel("cues per 100 words")
    ax.set_title(f"Cue density by paragraph:\n{title}")
    return _finish_stacked(ax, has_data=bool(cats), legend="cue category", empty="no cues found")


#: The most panels :func:`cue_density_side_by_side` puts in one row.
PANELS_PER_ROW = 6


@_literal_text
def cue_density_side_by_side(
    review: Review,
    *,
    responses: Sequence[int | str] | None = None,
    categories: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Cue density by paragraph of several responses, side by side on one y scale.

    ``responses`` picks them by index or label (default: every response, in order); each gets
    a panel (an inset axes of ``ax``, in ``ax.child_axes``) drawn as :func:`cue_density` draws
    one, with the same categories and colours, so the panels compare at a glance.

    >>> import respcompare as rc
    >>> ax = cue_density_side_by_side(rc.review(rc.load_example("grooming-gangs")))
    >>> [a.get_title() for a in ax.child_axes]
    ['original (24 Apr 2020)', 'revised (19 May 2020)']
    """
    rs = review.case.responses
    picked = [_response_index(review, r) for r in responses] if responses else list(range(len(rs)))
    all_cues = _review_cues(review)
    found_all = [c for i in picked for c in all_cues[i]]
    cats = _categories(found_all, categories)
    # at most PANELS_PER_ROW panels a row, rows stacked (50 responses made panels of negative
    # width in one row)
    cols = max(1, min(len(picked), PANELS_PER_ROW))
    rows = max(1, -(-len(picked) // cols))
    ax = _axes(ax, (max(8.0, 5.0 * cols), 4.5 * rows))
    ax.set_axis_off()
    ax.set_xticks([])
    ax.set_yticks([])
    gap, vgap = 0.08, 0.3 / rows if rows > 1 else 0.0
    width = (1.0 - gap * (cols - 1)) / cols
    height = (1.0 - vgap * (rows - 1)) / rows
    panels: list[Axes] = []
    top = 0.0
    for k, i in enumerate(picked):
        r = rs[i]
        row, col = divmod(k, cols)
        y = 1.0 - (row + 1) * height - row * vgap
        pax = ax.inset_axes((col * (width + gap), y, width, height))
        pax.set_gid(f"cues-panel:{i}")
        _p, n_words, counts = _cue_counts(r.full_text, all_cues[i])
        top = max(top, _draw_cue_bars(pax, n_words, counts, cats))
        pax.set_title(_response_name(r.label, r.date), fontsize=9)
        pax.set_xlabel("paragraph (w = words)", fontsize=8)
        pax.tick_params(axis="y", labelsize=8)
        for side in ("top", "right"):
            pax.spines[side].set_visible(False)
        panels.append(pax)
    for pax in panels:
        pax.set_ylim(0, top * 1.08 or 1.0)
    if panels:
        panels[0].set_ylabel(
            f"cues per 100 words (paragraphs under {MIN_WORDS} words: per {MIN_WORDS})", fontsize=8
        )
    ax.set_title("Cue density by paragraph", pad=18)
    handles = [
        Patch(
            facecolor=CUE_COLOURS.get(c, (RESPONSE_COLOURS[j % len(RESPONSE_COLOURS)], ".."))[0],
            hatch=CUE_COLOURS.get(c, ("", ".."))[1],
            edgecolor="white",
            label=c,
        )
        for j, c in enumerate(cats)
    ]
    if handles:
        ax.legend(
            handles=handles,
            title="cue category",
            fontsize=8,
            title_fontsize=8,
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
        )
    else:
        ax.text(0.5, 0.5, "no cues found", transform=ax.transAxes, ha="center", color="#555555")
    return ax


def _response_index(review: Review, response: int | str) -> int:
    """The index of a response picked by index (negative from the end) or by label."""
    rs = review.case.responses
    labels = [r.label for r in rs]
    if isinstance(response, bool) or not isinstance(response, (int, str)):
        raise InputError(
            f"response= takes an index or a label such as {labels[0]!r}, "
            f"not {type(response).__name__}"
        )
    if isinstance(response, int):
        if not -len(rs) <= response < len(rs):
            raise InputError(
                f"response={response}: this case has {len(rs)} response(s) ({labels}); "
                f"give an index from 0 to {len(rs) - 1} or a label"
            )
        return response % len(rs)
    if response not in labels:
        raise InputError(f"response={response!r}: no response with that label; use one of {labels}")
    return labels.index(response)


def _finish_stacked(ax: Axes, *, has_data: bool, legend: str, empty: str) -> Axes:
    """A stacked-bar chart's last touches: legend outside on the right, or a note when empty."""
    if has_data:
        ax.legend(
            title=legend,
            fontsize=8,
            title_fontsize=8,
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
        )
    else:
        ax.text(0.5, 0.5, empty, transform=ax.transAxes, ha="center", color="#555555")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


# --------------------------------------------------------------------------- corpus charts


def _rows(records: Any, required: Sequence[str]) -> list[dict[str, Any]]:
    """A list of dicts from a ReviewSet, a list of dicts or a pandas DataFrame, checking the
    columns."""
    if hasattr(records, "reviews") and callable(getattr(records, "to_records", None)):
        records = records.to_records()  # a ReviewSet: its own records fit every corpus chart
    if hasattr(records, "to_dict") and hasattr(records, "columns"):
        rows = list(records.to_dict("records"))
    elif isinstance(records, Iterable) and not isinstance(records, (str, bytes, Mapping)):
        rows = list(records)
    else:
        raise InputError(
            "records must be a ReviewSet, its to_frame(), or a list of dicts, not "
            f"{type(records).__name__}"
        )
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise InputError(f"record {i} is a {type(row).__name__}; give a dict per response")
        missing = [c for c in required if c not in row]
        if missing:
            raise InputError(
                f"record {i} has no {', '.join(missing)}: each record needs the columns "
                f"{', '.join(required)} (it has {', '.join(map(str, row)) or 'none'})"
            )
    return [dict(r) for r in rows]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value.__class__.__name__ in ("NaTType", "NAType")


def _department(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " / ".join(str(v) for v in value) or "unknown"
    return str(value)


@_literal_text
def boilerplate_by_department(records: Any, *, ax: Axes | None = None) -> Axes:
    """Boilerplate share per department across a corpus: a box (quartiles, median, whiskers to
    1.5 IQR) with every response as a dot, departments sorted by median, highest on top.

    ``records``: a :class:`~respcompare.corpus.ReviewSet`, its ``to_frame()``, or a list of
    dicts with the columns ``department`` (a name, or a list of names joined with " / ") and
    ``boilerplate_share`` (in [0, 1]; a record with no share is counted in the caption, not
    drawn).

    >>> rows = [{"department": "Home Office", "boilerplate_share": s} for s in (0.1, 0.3, 0.5)]
    >>> ax = boilerplate_by_department(rows)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Home Office (n=3)']
    """
    rows = _rows(records, ("department", "boilerplate_share"))
    shares: dict[str, list[float]] = {}
    unknown = 0
    for i, row in enumerate(rows):
        value = row["boilerplate_share"]
        if _missing(value):
            unknown += 1
            continue
        share = float(value)
        if not 0.0 <= share <= 1.0:
            raise InputError(f"record {i}: boilerplate_share {share} is not in [0, 1]")
        shares.setdefault(_department(row["department"]), []).append(share)
    import numpy as np

    order = sorted(shares, key=lambda d: (-float(np.median(shares[d])), d))
    hidden = order[MAX_DEPARTMENTS:]
    order = order[:MAX_DEPARTMENTS]
    ax = _axes(ax, (8.0, max(3.0, 0.6 * len(order) + 1.5)))
    for y, dept in enumerate(order):
        vals = np.asarray(sorted(shares[dept]), dtype=float)
        q1, med, q3 = (float(v) for v in np.percentile(vals, [25, 50, 75]))
        iqr = q3 - q1
        lo = float(vals[vals >= q1 - 1.5 * iqr].min())
        hi = float(vals[vals <= q3 + 1.5 * iqr].max())
        ax.add_patch(
            Rectangle(
                (q1, y - 0.3),
                iqr,
                0.6,
                facecolor=OKABE_ITO["sky blue"],
                alpha=0.5,
                edgecolor="#333333",
                gid=f"box:{dept}",
            )
        )
        ax.plot([med, med], [y - 0.3, y + 0.3], color="#000000", linewidth=2, gid=f"median:{dept}")
        ax.plot([lo, q1], [y, y], color="#333333", linewidth=1)
        ax.plot([q3, hi], [y, y], color="#333333", linewidth=1)
        # deterministic jitter: spread the dots evenly inside the box's height
        offsets = np.linspace(-0.2, 0.2, len(vals)) if len(vals) > 1 else np.zeros(1)
        ax.scatter(
            vals,
            y + offsets,
            s=14,
            color=OKABE_ITO["vermillion"],
            zorder=3,
            edgecolors="white",
            linewidths=0.4,
            gid=f"dots:{dept}",
        )
    # long department names wrap onto two or three lines rather than squeeze the chart
    ax.set_yticks(
        range(len(order)),
        [textwrap.fill(f"{d} (n={len(shares[d])})", 32) for d in order],
        fontsize=9,
    )
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    caption = (
        "boilerplate share: share of each response's words\n"
        "found in responses to other petitions (0–1)"
    )
    if unknown:
        caption += f"\n{unknown} response(s) with no share not drawn"
    if hidden:
        caption += (
            f"\n{len(hidden)} more department(s) with lower medians not drawn "
            f"(at most {MAX_DEPARTMENTS})"
        )
    ax.set_xlabel(caption)
    ax.set_title("Boilerplate share by department")
    ax.grid(axis="x", color="#e4e4e4", linewidth=0.6)
    ax.set_axisbelow(True)
    if not order:
        ax.text(
            0.5,
            0.5,
            "no responses with a boilerplate share",
            transform=ax.transAxes,
            ha="center",
            color="#555555",
        )
    return ax


def _as_date(value: Any, i: int) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    parsed = parse_date(value if isinstance(value, str) else str(value), what=f"record {i}'s date")
    if parsed is None:
        raise InputError(f"record {i} has an empty date: give it as YYYY-MM-DD")
    return parsed


def _period(d: _dt.date, freq: Freq) -> tuple[int, int]:
    if freq == "month":
        return d.year, d.month
    if freq == "quarter":
        return d.year, (d.month - 1) // 3 + 1
    return d.year, 1


def _next_period(p: tuple[int, int], freq: Freq) -> tuple[int, int]:
    per_year = {"month": 12, "quarter": 4, "year": 1}[freq]
    year, k = p
    return (year + 1, 1) if k == per_year else (year, k + 1)


def _period_label(p: tuple[int, int], freq: Freq) -> str:
    if freq == "month":
        return f"{p[0]}-{p[1]:02d}"
    if freq == "quarter":
        return f"{p[0]} Q{p[1]}"
    return str(p[0])


#: Record columns that say which response of its petition a record is, first found used.
_ROLE_COLUMNS = ("response_label", "role", "label")


def _is_revision(row: Mapping[str, Any]) -> bool | None:
    """True for a revised response, False for a first one (original or single), None when the
    record does not say."""
    for column in _ROLE_COLUMNS:
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            return value.strip().lower().startswith("revis")
    return None


#: The most periods :func:`verdicts_over_time` draws (400 quarters is a century).
MAX_PERIODS = 400

#: The most departments :func:`boilerplate_by_department` draws (those with the highest
#: medians); the caption counts the rest.
MAX_DEPARTMENTS = 60


def _period_count(first: tuple[int, int], last: tuple[int, int], freq: str) -> int:
    """How many periods from ``first`` to ``last`` inclusive ((year, index) pairs)."""
    per_year = {"month": 12, "quarter": 4, "year": 1}[freq]
    return (last[0] - first[0]) * per_year + (last[1] - first[1]) + 1


@_literal_text
def verdicts_over_time(records: Any, *, freq: Freq = "quarter", ax: Axes | None = None) -> Axes:
    """How many responses got each verdict, per month, quarter or year: stacked bars.

    ``records``: a :class:`~respcompare.corpus.ReviewSet`, its ``to_frame()``, or a list of
    dicts with the columns ``date`` (a date, datetime, or string such as "2020-04-24") and
    ``verdict`` (a :class:`Verdict` or its value). When the records say which response each is
    (a ``response_label``, ``role`` or ``label`` column: "original", "single", "revised" ...),
    first responses and revisions are counted apart: two bars per period, the revisions' bar
    hatched on the right. Periods with no responses between the first and the last are drawn
    empty; records with no date are counted in the caption, not drawn.

    >>> rows = [{"date": "2020-04-24", "verdict": "deflected", "response_label": "original"},
    ...         {"date": "2020-05-19", "verdict": "answered-partly", "response_label": "revised"}]
    >>> ax = verdicts_over_time(rows, freq="month")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2020-04', '2020-05']
    >>> sorted(p.get_gid() for p in ax.patches if p.get_height())
    ['verdict-revised:answered-partly', 'verdict:deflected']
    """
    if freq not in ("month", "quarter", "year"):
        raise InputError(f"freq must be 'month', 'quarter' or 'year', not {freq!r}")
    rows = _rows(records, ("date", "verdict"))
    # counts[revised][period][verdict]
    counts: tuple[dict[tuple[int, int], Counter[Verdict]], ...] = ({}, {})
    undated = 0
    split = False
    for i, row in enumerate(rows):
        try:
            verdict = Verdict(row["verdict"])
        except ValueError:
            raise InputError(
                f"record {i}: unknown verdict {row['verdict']!r}; use one of "
                f"{[v.value for v in Verdict]}"
            ) from None
        if _missing(row["date"]) or (isinstance(row["date"], str) and not row["date"].strip()):
            undated += 1
            continue
        revision = _is_revision(row)
        split = split or revision is not None
        p = _period(_as_date(row["date"], i), freq)
        counts[1 if revision else 0].setdefault(p, Counter())[verdict] += 1
    periods: list[tuple[int, int]] = []
    known = set(counts[0]) | set(counts[1])
    if known:
        p, last = min(known), max(known)
        span = _period_count(p, last, freq)
        if span > MAX_PERIODS:
            raise InputError(
                f"the dates span {span:,} {freq}s, more than the {MAX_PERIODS} one chart draws: "
                "use a longer freq ('year') or fewer, closer records"
            )
        while p <= last:
            periods.append(p)
            p = _next_period(p, freq)
    ax = _axes(ax, (min(16.0, max(6.0, 0.5 * len(periods) + 3)), 4.5))
    xs = list(range(len(periods)))
    groups = (
        ((0, "verdict", -0.2, ""), (1, "verdict-revised", 0.2, "////"))
        if split
        else ((0, "verdict", 0.0, ""),)
    )
    width = 0.38 if split else 0.8
    tallest = 0
    for which, prefix, shift, hatch in groups:
        bottom = [0] * len(periods)
        for verdict in Verdict:
            heights = [counts[which].get(p, Counter())[verdict] for p in periods]
            if not any(heights):
                continue
            ax.bar(
                [x + shift for x in xs],
                heights,
                width=width,
                bottom=bottom,
                color=VERDICT_COLOURS[verdict],
                hatch=(VERDICT_HATCHES[verdict] or hatch),
                edgecolor="#ffffff" if not hatch else "#333333",
                linewidth=0.5,
                label=verdict.value if which == 0 or not any(counts[0].values()) else None,
                gid=f"{prefix}:{verdict.value}",
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        tallest = max([tallest, *bottom])
    ax.set_ylim(0, tallest * 1.08 or 1.0)
    labels = [_period_label(p, freq) for p in periods]
    step = max(1, math.ceil(len(periods) / 24))
    ax.set_xticks(
        xs[::step],
        labels[::step],
        rotation=45 if len(periods) > 6 else 0,
        ha="right" if len(periods) > 6 else "center",
        fontsize=8,
    )
    caption = f"{freq} of the response"
    if split:
        caption += "; left bar: first responses, right bar (hatched): revised responses"
    if undated:
        caption += f" ({undated} response(s) with no date not drawn)"
    ax.set_xlabel(textwrap.fill(caption, 90))
    ax.set_ylabel("responses")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Verdicts per {freq}")
    if periods:
        present = [v for v in Verdict if any(c[v] for side in counts for c in side.values())]
        handles: list[Any] = [
            Patch(
                facecolor=VERDICT_COLOURS[v],
                hatch=VERDICT_HATCHES[v],
                edgecolor="#ffffff",
                label=v.value,
            )
            for v in present
        ]
        if split:
            handles.append(
                Patch(
                    facecolor="#ffffff", hatch="////", edgecolor="#333333", label="revised response"
                )
            )
        ax.legend(
            handles=handles,
            title="verdict",
            fontsize=8,
            title_fontsize=8,
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
        )
    else:
        ax.text(
            0.5, 0.5, "no dated responses", transform=ax.transAxes, ha="center", color="#555555"
        )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


@_literal_text
def departments(records: Any, *, ax: Axes | None = None) -> Axes:
    """Each department's verdicts side by side: one bar per department, split by the share of
    its responses that got each verdict, departments with the most answers (yes, partly, no)
    on top.

    ``records``: a :class:`~respcompare.corpus.ReviewSet`, its ``to_frame()``, or a list of
    dicts with the columns ``department`` and ``verdict``. A record with no department is
    drawn as "unknown".

    >>> rows = [{"department": "Home Office", "verdict": "deflected"},
    ...         {"department": "HM Treasury", "verdict": "answered-no"}]
    >>> [t.get_text() for t in departments(rows).get_yticklabels()]
    ['HM Treasury (n=1)', 'Home Office (n=1)']
    """
    rows = _rows(records, ("department", "verdict"))
    counts: dict[str, Counter[Verdict]] = {}
    for i, row in enumerate(rows):
        try:
            verdict = Verdict(row["verdict"])
        except ValueError:
            raise InputError(
                f"record {i}: unknown verdict {row['verdict']!r}; use one of "
                f"{[v.value for v in Verdict]}"
            ) from None
        dept = "unknown" if _missing(row["department"]) else _department(row["department"])
        counts.setdefault(dept, Counter())[verdict] += 1

    def answered(d: str) -> float:
        c = counts[d]
        return sum(n for v, n in c.items() if v.answered) / sum(c.values())

    order = sorted(counts, key=lambda d: (-answered(d), d))
    ax = _axes(ax, (9.0, max(3.0, 0.5 * len(order) + 1.5)))
    left = [0.0] * len(order)
    for verdict in Verdict:
        widths = [counts[d][verdict] / sum(counts[d].values()) for d in order]
        if not any(widths):
            continue
        ax.barh(
            range(len(order)),
            widths,
            left=left,
            color=VERDICT_COLOURS[verdict],
            edgecolor="white",
            linewidth=0.5,
            label=verdict.value,
            gid=f"verdict:{verdict.value}",
        )
        left = [a + w for a, w in zip(left, widths, strict=True)]
    ax.set_yticks(
        range(len(order)),
        [textwrap.fill(f"{d} (n={sum(counts[d].values())})", 36) for d in order],
        fontsize=9,
    )
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the department's responses with each verdict")
    ax.set_title("Verdicts by department")
    return _finish_stacked(ax, has_data=bool(order), legend="verdict", empty="no responses")


#: The corpus charts by name (``respcompare corpus --chart-kind``).
CorpusChart = Literal["verdicts-over-time", "boilerplate", "departments"]


def plot_corpus(records: Any, kind: CorpusChart = "boilerplate", *, ax: Axes | None = None) -> Axes:
    """Draw one corpus chart: "verdicts-over-time", "boilerplate" or "departments".

    >>> plot_corpus([{"department": "Home Office", "verdict": "deflected"}],
    ...             "departments").get_title()
    'Verdicts by department'
    """
    if kind == "verdicts-over-time":
        return verdicts_over_time(records, ax=ax)
    if kind == "boilerplate":
        return boilerplate_by_department(records, ax=ax)
    if kind == "departments":
        return departments(records, ax=ax)
    raise InputError(
        f"unknown corpus chart {kind!r}: use 'verdicts-over-time', 'boilerplate' or 'departments'"
    )


# --------------------------------------------------------------------------- Review.plot


@_literal_text
def plot_review(
    review: Review,
    kind: ReviewChart = "scorecard",
    *,
    ax: Axes | None = None,
    response: int | str | None = None,
) -> Axes:
    """Draw one chart of a review: "scorecard", "ladder", "alignment" (first two responses) or
    "cues". Backs :meth:`Review.plot`.

    For "cues", ``response`` picks one response by index or label (``response="original"``,
    ``response=-1``); without it, every response is drawn side by side on one scale
    (:func:`cue_density_side_by_side`), or the only one alone.

    >>> import respcompare as rc
    >>> r = rc.review(rc.load_example("grooming-gangs"))
    >>> plot_review(r, "cues", response="original").get_title()
    'Cue density by paragraph:\\noriginal (24 Apr 2020)'
    """
    if response is not None and kind != "cues":
        raise InputError(f"response= picks the response of the 'cues' chart, not of {kind!r}")
    if kind == "scorecard":
        return scorecard(review, ax=ax)
    if kind == "ladder":
        return commitment_ladder(review, ax=ax)
    if kind == "alignment":
        return alignment_map(review, ax=ax)
    if kind == "cues":
        rs = review.case.responses
        if response is None and len(rs) > 1:
            return cue_density_side_by_side(review, ax=ax)
        i = 0 if response is None else _response_index(review, response)
        return cue_density(rs[i], cues=_review_cues(review)[i], ax=ax)
    raise InputError(f"unknown chart {kind!r}: use 'scorecard', 'ladder', 'alignment' or 'cues'")


# --------------------------------------------------------------------------- promises timeline

#: One colour and marker per promise status (issue #17): kept in green, broken in warm colours.
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "delivered": (OKABE_ITO["bluish green"], "P"),
    "restated": (OKABE_ITO["blue"], "o"),
    "dropped": (OKABE_ITO["black"], "X"),
    "overdue": (OKABE_ITO["vermillion"], "s"),
    "pending": (OKABE_ITO["orange"], "o"),
}


def _day(d: _dt.date) -> float:
    """A date as a number on the x axis (days since 1 January of year 1)."""
    return float(d.toordinal())


def _month_ticks(first: _dt.date, last: _dt.date) -> list[_dt.date]:
    """First days of months from ``first`` to ``last``, thinned to at most eight."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, math.ceil(months / 8))
    out = []
    for k in range(0, months + 1, step):
        m0 = first.month - 1 + k
        year = first.year + m0 // 12
        if year > _dt.MAXYEAR:  # a tick past 9999-12 (a text dated December 9999) is left off
            break
        out.append(_dt.date(year, m0 % 12 + 1, 1))
    return out


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One promise on the timeline: when it was made, when it falls due, its status and the
    date of the text that shows the status (None for pending and overdue)."""

    label: str
    made: _dt.date | None
    due: _dt.date | None
    status: str
    mark: _dt.date | None


@dataclass(frozen=True, slots=True)
class TimelineData:
    """The rows of a promises timeline and the date they are judged on."""

    rows: tuple[TimelineRow, ...]
    as_of: _dt.date | None


def timeline_data(ledger: Any) -> TimelineData:
    """The timeline's rows from a :class:`~respcompare.promises.CommitmentLedger`.

    >>> import respcompare as rc
    >>> d = timeline_data(rc.track_commitments(rc.load_example("grooming-gangs"),
    ...                                        as_of="2021-01-31"))
    >>> sorted({r.status for r in d.rows})
    ['dropped', 'overdue', 'pending', 'restated']
    """
    rows = []
    for p in ledger.promises:
        act = p.act or "promise"
        label = _short(f"{p.response_label}: {act} {p.object or ''}".strip(), 48)
        shown = next(
            (e for e in p.evidence if e.note not in {"the promise"} and e.source != "promise"),
            None,
        )
        mark = (
            shown.date
            if shown is not None and p.status in {"delivered", "restated", "dropped"}
            else None
        )
        rows.append(TimelineRow(label, p.response_date, p.due, p.status, mark))
    return TimelineData(tuple(rows), ledger.as_of)


@_literal_text
def promises_timeline(ledger: Any, *, ax: Axes | None = None) -> Axes:
    """Promises on a time axis: a grey dot where each was made, a line to its due date (a tick),
    and its status marked where a later text shows it (delivered, restated, dropped) or at the
    due date (overdue) or on the "as of" line (pending). Undated promises are listed in the
    title, not drawn.

    >>> d = TimelineData((TimelineRow("revised: publish paper", _dt.date(2020, 5, 19),
    ...                   _dt.date(2020, 12, 31), "delivered", _dt.date(2020, 12, 15)),),
    ...                  _dt.date(2021, 1, 31))
    >>> ax = promises_timeline(d)
    >>> [l.get_gid() for l in ax.lines if l.get_gid()]
    ['promise:0:made', 'promise:0:due-line', 'promise:0:due', 'promise:0:delivered', 'as-of']
    """
    data = ledger if isinstance(ledger, TimelineData) else timeline_data(ledger)
    drawn = [r for r in data.rows if r.made is not None]
    undated = len(data.rows) - len(drawn)
    ax = _axes(ax, (9.0, max(2.5, 0.42 * len(drawn) + 1.6)))
    if not drawn:
        ax.text(0.5, 0.5, "No dated promise to draw", ha="center", va="center",
                transform=ax.transAxes, color=OKABE_ITO["grey"])  # fmt: skip
        ax.set_axis_off()
        ax.set_title("Promises kept?")
        return ax
    seen: set[str] = set()
    for i, r in enumerate(drawn):
        y = len(drawn) - 1 - i
        assert r.made is not None
        ax.plot(
            [_day(r.made)], [y], "o", color=OKABE_ITO["grey"], markersize=6, gid=f"promise:{i}:made"
        )
        if r.due is not None:
            ax.plot(
                [_day(r.made), _day(r.due)],
                [y, y],
                "--",
                color="#c8c8c8",
                linewidth=1,
                gid=f"promise:{i}:due-line",
            )
            ax.plot(
                [_day(r.due)],
                [y],
                "|",
                color="#555555",
                markersize=12,
                markeredgewidth=2,
                gid=f"promise:{i}:due",
            )
        colour, marker = STATUS_STYLE.get(r.status, (OKABE_ITO["grey"], "o"))
        at = r.mark or (r.due if r.status == "overdue" else data.as_of) or r.made
        hollow = r.status == "pending"
        ax.plot(
            [_day(at)], [y], marker, color=colour, markersize=10,
            markerfacecolor="none" if hollow else colour, markeredgewidth=2,
            label=r.status if r.status not in seen else None, gid=f"promise:{i}:{r.status}",
        )  # fmt: skip
        seen.add(r.status)
    if data.as_of is not None:
        ax.axvline(
            _day(data.as_of), color=OKABE_ITO["grey"], linewidth=1, linestyle=":", gid="as-of"
        )
    ax.set_yticks(range(len(drawn)), [r.label for r in reversed(drawn)], fontsize=8)
    ax.set_ylim(-0.8, len(drawn) - 0.2)
    days = [d for r in drawn for d in (r.made, r.due, r.mark) if d is not None]
    if data.as_of is not None:
        days.append(data.as_of)
    ticks = _month_ticks(min(days), max(days))
    ax.set_xticks([_day(t) for t in ticks], [f"{t:%b %Y}" for t in ticks], fontsize=8)
    as_of = f"as of {data.as_of.day} {data.as_of:%B %Y}" if data.as_of else "no date"
    title = f"Promises kept? ({as_of}; grey dot: made, tick: due)"
    if undated:
        title += f"\n{undated} undated promise(s) not drawn"
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax
