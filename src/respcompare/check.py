"""Check a draft response before it is sent: would the Petitions Committee send it back?

:func:`check_draft` judges a draft against the petition with :func:`respcompare.assess` (the
judge is not changed or re-tuned here) and turns its :class:`~respcompare.model.Assessment`
into what a drafter can act on: the verdict the draft would get, whether it would likely be
accepted, and an ordered list of fixes, each pointing at a sentence of the draft.

"Likely accepted" is ``directness >= accept_threshold``; the threshold, and the other numbers
used here, are data (``data/check.toml``), each with its source. The threshold was measured on
the Committee's decisions in ``tests/fixtures/dev.jsonl`` by ``benchmarks/fit_check_threshold.py``.

>>> import respcompare as rc
>>> case = rc.load_example("grooming-gangs")
>>> check = rc.check_draft(case.petition, case.responses[0])
>>> check.verdict.value, check.likely_accepted, check.fixes[0].kind
('deflected', False, 'no-position')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from .due import find_due_dates
from .errors import InputError
from .model import Ask, Assessment, Downgrade, Evidence, Petition, Response, Span, Verdict
from .segment import segment

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .reuse import ReuseIndex

__all__ = ["CheckSettings", "DraftCheck", "Fix", "FixKind", "check_draft"]

FixKind = Literal[
    "no-position",
    "position-buried",
    "qualifier-dropped",
    "narrower-offer",
    "deferral-without-decision-point",
    "stock-phrasing",
]

#: The order fixes are listed in: what makes the Committee send a response back first.
FIX_ORDER: tuple[FixKind, ...] = (
    "no-position",
    "position-buried",
    "qualifier-dropped",
    "narrower-offer",
    "deferral-without-decision-point",
    "stock-phrasing",
)


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """The numbers :func:`check_draft` uses, read from ``data/check.toml`` (each with a source).

    ``accept_threshold``: directness from which a draft is likely accepted.
    ``buried_after``: a position with this many sentences or more before it is buried.
    ``stock_share``: boilerplate share (against a corpus index) from which stock phrasing is
    flagged.
    """

    accept_threshold: float
    buried_after: int
    stock_share: float

    @classmethod
    def default(cls) -> CheckSettings:
        """The bundled settings.

        >>> CheckSettings.default().buried_after
        2
        """
        return _bundled()


@lru_cache(maxsize=1)
def _bundled() -> CheckSettings:
    raw = tomllib.loads(
        resources.files("respcompare").joinpath("data/check.toml").read_text(encoding="utf-8")
    )
    s: dict[str, Any] = raw["setting"]
    return CheckSettings(
        accept_threshold=float(s["accept_threshold"]["value"]),
        buried_after=int(s["buried_after"]["value"]),
        stock_share=float(s["stock_share"]["value"]),
    )


@dataclass(frozen=True, slots=True)
class Fix:
    """One thing to fix in a draft: its kind, what to do in plain words, and where.

    ``span`` indexes the draft's :attr:`~respcompare.model.Response.full_text`; ``sentence`` is
    the index of the sentence it points at (0 = the first sentence of the draft).
    """

    kind: FixKind
    message: str
    span: Span
    sentence: int


@dataclass(frozen=True, slots=True)
class DraftCheck:
    """What the Committee would likely make of a draft.

    ``verdict`` and ``directness`` are the judge's; ``likely_accepted`` is ``directness >=
    threshold``; ``fixes`` are in the order to make them (see :data:`FIX_ORDER`), each pointing
    at a sentence; ``stock_share`` is the draft's boilerplate share against the corpus index
    given (None without one); ``assessment`` is the judge's full result.
    """

    verdict: Verdict
    likely_accepted: bool
    directness: float
    threshold: float
    fixes: tuple[Fix, ...]
    assessment: Assessment
    stock_share: float | None = None

    def summary(self) -> str:
        """One line: the outcome, the verdict and directness.

        >>> import respcompare as rc
        >>> case = rc.load_example("grooming-gangs")
        >>> rc.check_draft(case.petition, case.responses[1]).summary()
        'likely accepted: answered-partly, directness 0.92 (threshold 0.36)'
        """
        outcome = "likely accepted" if self.likely_accepted else "likely sent back"
        return (
            f"{outcome}: {self.verdict.value}, directness {self.directness:.2f} "
            f"(threshold {self.threshold:.2f})"
        )


def _as_petition(petition: Petition | str) -> Petition:
    if isinstance(petition, Petition):
        return petition
    if isinstance(petition, str):
        if not petition.strip():
            raise InputError("the petition text is empty: give the petition's action as text")
        return Petition(action=petition)
    raise InputError(
        f"check_draft() takes a Petition or its action as text, not {type(petition).__name__}"
    )


def _as_response(draft: Response | str) -> Response:
    if isinstance(draft, Response):
        return draft
    if isinstance(draft, str):
        if not draft.strip():
            raise InputError("the draft is empty: give the text of the draft response")
        return Response(text=draft, label="draft")
    raise InputError(
        f"check_draft() takes a draft as text or a Response, not {type(draft).__name__}"
    )


def _sentence_of(text: str, offset: int) -> tuple[int, Span]:
    """The index and span of the sentence holding ``offset`` (the nearest one before a gap)."""
    seg = segment(text)
    if not seg.sentences:
        return 0, Span(0, len(text), text)
    found = seg.sentence_at(offset)
    if found is None:
        before = [s for s in seg.sentences if s.start <= offset]
        found = before[-1] if before else seg.sentences[0]
    return found.index, found.span


def _first_sentence(text: str) -> tuple[int, Span]:
    seg = segment(text)
    if not seg.sentences:
        return 0, Span(0, len(text), text)
    return 0, seg.sentences[0].span


def _downgrades(a: Assessment) -> list[tuple[Downgrade, Ask | None]]:
    """Every downgrade the judge found, once each, with the ask it narrows."""
    found: list[tuple[Downgrade, Ask | None]] = []
    listed = getattr(a, "downgrades", None)  # a newer Assessment lists them all
    if listed:
        found += [(d, None) for d in listed]
    found += [(o.downgrade, o.ask) for o in a.asks if o.downgrade is not None]
    if a.downgrade is not None:
        found.append((a.downgrade, None))
    out: list[tuple[Downgrade, Ask | None]] = []
    seen: set[tuple[str, str]] = set()
    for d, ask in found:
        key = (d.asked, d.offered)
        if key in seen:
            continue
        seen.add(key)
        if ask is None:
            ask = next((o.ask for o in a.asks if o.downgrade == d), None)
        out.append((d, ask))
    return out


#: Downgrade kinds that do not narrow what is offered: a named process with a decision point
#: (a deferral, checked below) and "already in place".
_NOT_NARROWER = frozenset({"process", "in-place"})


def _has_decision_point(evidence: Sequence[Evidence], a: Assessment) -> bool:
    """A deferral names when it will be decided: a dated time, or a named process."""
    for ev in evidence:
        if any(not d.vague for d in find_due_dates(ev.text)):
            return True
    return any(t.name == "process" and t.value > 0 for t in a.directness_terms)


def _reuse_index_type() -> type:
    """ReuseIndex, imported when an index is passed (it brings numpy)."""
    from .reuse import ReuseIndex

    return ReuseIndex


def check_draft(
    petition: Petition | str,
    draft: Response | str,
    *,
    asks: Sequence[Ask | str] | Ask | str | None = None,
    index: ReuseIndex | None = None,
    settings: CheckSettings | None = None,
) -> DraftCheck:
    """Judge a draft response and say what to fix before it is sent.

    Parameters
    ----------
    petition
        The petition, or its action as text.
    draft
        The draft, as text or a :class:`~respcompare.model.Response` (with a summary).
    asks
        The asks to judge against; read from the petition when None.
    index
        A :class:`~respcompare.reuse.ReuseIndex` of past responses: with one, a draft whose
        boilerplate share reaches ``settings.stock_share`` gets a "stock-phrasing" fix.
    settings
        The thresholds; :meth:`CheckSettings.default` (``data/check.toml``) when None.

    >>> c = check_draft("Ban fireworks", "The Government has no plans to ban fireworks.")
    >>> c.verdict.value, c.likely_accepted, c.fixes
    ('answered-no', True, ())
    """
    from .judge import assess

    p = _as_petition(petition)
    r = _as_response(draft)
    if index is not None and not isinstance(index, _reuse_index_type()):
        raise InputError(
            f"index= must be a respcompare.reuse.ReuseIndex (see build_index), not "
            f"{type(index).__name__}"
        )
    if settings is not None and not isinstance(settings, CheckSettings):
        raise InputError(
            "settings= must be a respcompare.check.CheckSettings (or None), "
            f"not {type(settings).__name__}"
        )
    cfg = settings or CheckSettings.default()
    a = assess(p, r, asks=asks)
    text = r.full_text
    fixes: list[Fix] = []
    answered = [o for o in a.asks if o.verdict.answered or o.verdict is Verdict.DEFERRED]
    # 1. no position on the ask (or on one of several asks)
    for o in a.asks:
        if o.verdict in (Verdict.DEFLECTED, Verdict.NOT_ADDRESSED):
            ev = [e for e in o.evidence if e.source == "response"]
            idx, span = _sentence_of(text, ev[0].span.start) if ev else _first_sentence(text)
            where = (
                "it talks about the subject but never says whether the Government will do it"
                if o.verdict is Verdict.DEFLECTED
                else "the ask does not appear in the draft"
            )
            fixes.append(
                Fix(
                    "no-position",
                    f"no position on the ask {o.ask.text!r}: {where}; say yes, no, or when it "
                    "will be decided, in the first sentence",
                    span,
                    idx,
                )
            )
    # 2. a position buried after N sentences
    starts = [e.span.start for o in answered for e in o.evidence if e.source == "response"]
    if starts:
        idx, span = _sentence_of(text, min(starts))
        if idx >= cfg.buried_after:
            fixes.append(
                Fix(
                    "position-buried",
                    f"the position comes after {idx} sentences; move it to the first sentence "
                    "(the summary)",
                    span,
                    idx,
                )
            )
    # 3. a qualifier such as "in full" dropped, or a narrower offer
    for d, ask in _downgrades(a):
        if d.kind in _NOT_NARROWER:
            continue
        at = d.span.start if d.span is not None else (min(starts) if starts else 0)
        idx, span = _sentence_of(text, at)
        if (ask is not None and d.asked in ask.qualifiers) or d.kind == "qualifier":
            fixes.append(
                Fix(
                    "qualifier-dropped",
                    f'the petition asks for "{d.asked}" but the draft offers "{d.offered}"; '
                    f'say plainly whether it will be "{d.asked}", and if not, why not',
                    span,
                    idx,
                )
            )
        else:
            fixes.append(
                Fix(
                    "narrower-offer",
                    f'the draft offers a narrower version ("{d.offered}" for "{d.asked}"); '
                    "say why the full ask is not being met",
                    span,
                    idx,
                )
            )
    # 4. a deferral with no decision point
    for o in a.asks:
        if o.verdict is Verdict.DEFERRED and not _has_decision_point(o.evidence, a):
            ev = [e for e in o.evidence if e.source == "response"]
            idx, span = _sentence_of(text, ev[0].span.start) if ev else _first_sentence(text)
            fixes.append(
                Fix(
                    "deferral-without-decision-point",
                    "the draft defers the decision without saying when or how it will be made; "
                    "name the date, the report or the process that will decide it",
                    span,
                    idx,
                )
            )
    # 5. stock phrasing, against a corpus of past responses
    stock_share: float | None = None
    if index is not None:
        found = index.query(text)
        stock_share = found.boilerplate_share
        if stock_share is not None and stock_share >= cfg.stock_share and found.boilerplate:
            longest = max(found.boilerplate, key=lambda s: (s.end - s.start, -s.start))
            idx, span = _sentence_of(text, longest.start)
            fixes.append(
                Fix(
                    "stock-phrasing",
                    f"{stock_share:.0%} of the draft is stock text found in other responses; "
                    "replace it with what this petition asked about",
                    span,
                    idx,
                )
            )
    order = {k: i for i, k in enumerate(FIX_ORDER)}
    fixes.sort(key=lambda f: (order[f.kind], f.span.start))
    return DraftCheck(
        verdict=a.verdict,
        likely_accepted=a.directness >= cfg.accept_threshold,
        directness=a.directness,
        threshold=cfg.accept_threshold,
        fixes=tuple(fixes),
        assessment=a,
        stock_share=stock_share,
    )
