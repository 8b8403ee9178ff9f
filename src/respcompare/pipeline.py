"""Orchestration: a case in, a :class:`Review` out, with every stage's result.

``review(case)`` assesses each response against the petition; the report functions in
:mod:`respcompare.report` render the result.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .alignment import Alignment, AlignOptions, align, carried_over, carried_over_share, describe
from .analysis import TextAnalysis, analyse_response
from .commitments import Commitment, extract_commitments
from .errors import InputError, OptionalDependencyError
from .lexicon import Lexicon
from .model import Ask, Assessment, Case, Cue, Petition, Response, Span
from .readability import Readability, readability
from .segment import MAX_SENTENCES, Segmentation, word_count

if TYPE_CHECKING:
    import datetime as _dt

    import pandas
    from matplotlib.axes import Axes

    from .judge import JudgeConfig
    from .plot import ReviewChart
    from .promises import CommitmentLedger
    from .reuse import ReuseIndex

__all__ = ["Commitment", "ResponseProfile", "Review", "review"]


@dataclass(frozen=True, slots=True)
class ResponseProfile:
    """What one response is made of: its cues, commitments, readability and reused text.

    Spans index the response's ``full_text``. ``carried_over`` holds the sentences the
    alignment with the previous response in the case marks unchanged or moved (carried over
    verbatim); ``carried_over_share`` is their share of the response's sentence characters, as
    :func:`respcompare.alignment.carried_over_share` defines it (None for the first response). The
    report, the records and the scorecard all read this one number. ``stock`` and
    ``stock_share`` are the passages it shares with responses to other petitions of a corpus
    index (boilerplate; ``boilerplate_share`` in the records), when one was given to
    :func:`review` or measured by :func:`respcompare.corpus.review_many`.
    """

    label: str
    words: int
    cues: tuple[Cue, ...]
    cue_counts: Mapping[str, int]
    cue_density: float | None
    commitments: tuple[Commitment, ...]
    readability: Readability
    carried_over: tuple[Span, ...] = ()
    carried_over_share: float | None = None
    stock: tuple[Span, ...] = ()
    stock_share: float | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """Everything respcompare found about one case.

    ``assessments`` holds one :class:`Assessment` per response, in the case's order.
    ``limits_hit`` has one note per size limit that bit (cues per sentence, the alignment's
    candidate pairs ...), each naming the response; empty for real petitions.
    """

    case: Case
    assessments: tuple[Assessment, ...]
    alignments: tuple[Alignment, ...] = ()
    profiles: tuple[ResponseProfile, ...] = ()
    changes: tuple[str, ...] = ()
    analyses: tuple[TextAnalysis, ...] = ()
    asks: tuple[Ask, ...] = ()
    limits_hit: tuple[str, ...] = ()

    @property
    def capped(self) -> bool:
        """True when a size limit bit anywhere in the review (see ``limits_hit``)."""
        return bool(self.limits_hit)

    def profile(self, label: str) -> ResponseProfile:
        """The profile of the response with this label."""
        for p in self.profiles:
            if p.label == label:
                return p
        raise InputError(
            f"no response labelled {label!r}; this review has {[p.label for p in self.profiles]}"
        )

    def assessment(self, label: str) -> Assessment:
        """The assessment of the response with this label."""
        for a in self.assessments:
            if a.response_label == label:
                return a
        raise InputError(
            f"no response labelled {label!r}; this review has "
            f"{[a.response_label for a in self.assessments]}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole review (see :func:`respcompare.report.to_dict`)."""
        from .report import to_dict

        return to_dict(self)

    def to_frame(self) -> pandas.DataFrame:
        """One row per response (:meth:`to_records`) as a pandas DataFrame.

        Needs pandas: ``pip install 'respcompare[pandas]'``.
        """
        try:
            import pandas as pd
        except ImportError:
            raise OptionalDependencyError(
                "Review.to_frame needs pandas: pip install 'respcompare[pandas]'"
            ) from None
        return pd.DataFrame.from_records(self.to_records())

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per response: the case, the response, its assessment and profile.

        ``carried_over_share`` is the profile's (the one figure the report and the scorecard
        show too; None for the first response).

        >>> from respcompare import load_example
        >>> [r["carried_over_share"] for r in review(load_example("grooming-gangs")).to_records()]
        [None, 0.0]
        """
        out: list[dict[str, Any]] = []
        case = self.case
        for resp, a, p in zip(case.responses, self.assessments, self.profiles, strict=True):
            per_100 = 100.0 / p.words if p.words else None
            out.append(
                {
                    "source": case.source,
                    "petition_id": case.petition.id,
                    "petition_action": case.petition.action,
                    "response_label": resp.label,
                    "date": resp.date.isoformat() if resp.date else None,
                    "department": resp.department,
                    "words": p.words,
                    "verdict": a.verdict.value,
                    "answered": a.answered,
                    "directness": a.directness,
                    "commitment": a.commitment,
                    "downgrade": str(a.downgrade) if a.downgrade else None,
                    "confidence": a.confidence,
                    "needs_review": a.needs_review,
                    "review_reasons": "; ".join(a.review_reasons) or None,
                    "rule": a.rule,
                    "evidence": a.evidence[0].text if a.evidence else None,
                    "evidence_count": len(a.evidence),
                    "deflection_share": a.deflection_share,
                    "hedges_per_100_words": _density(p.cue_counts.get("hedge", 0), per_100),
                    "emotive_per_100_words": _density(p.cue_counts.get("emotive", 0), per_100),
                    "flesch_reading_ease": p.readability.flesch_reading_ease,
                    "carried_over_share": p.carried_over_share,
                    "boilerplate_share": p.stock_share,
                }
            )
        return out

    def to_markdown(self, *, audit: bool = False) -> str:
        """The Committee-style review as Markdown; ``audit=True`` adds "How this was decided"
        (rule ids, cue ids and scores)."""
        from .report import to_markdown

        return to_markdown(self, audit=audit)

    def to_html(self, *, full_page: bool = True, audit: bool = False) -> str:
        """The review as self-contained HTML (inline CSS, no JavaScript, all text escaped);
        ``audit=True`` adds "How this was decided"."""
        from .report import to_html

        return to_html(self, full_page=full_page, audit=audit)

    def _repr_html_(self) -> str:
        from .report import to_html

        return to_html(self, full_page=False)

    def plot(
        self,
        kind: ReviewChart = "scorecard",
        *,
        ax: Axes | None = None,
        response: int | str | None = None,
    ) -> Axes:
        """Draw one chart of this review on ``ax`` (or a new figure) and return the axes.

        ``kind``: "scorecard", "ladder", "alignment" or "cues" (see :mod:`respcompare.plot`);
        ``response`` picks the response of the "cues" chart by index or label (default: all,
        side by side).
        """
        from .plot import plot_review

        return plot_review(self, kind, ax=ax, response=response)

    def ledger(self, *, as_of: _dt.date | str | None = None) -> CommitmentLedger:
        """The promises ledger of this review's case (see
        :func:`respcompare.promises.track_commitments`), from the commitments already found.

        >>> from respcompare import load_example
        >>> review(load_example("grooming-gangs")).ledger().as_of.isoformat()
        '2020-05-19'
        """
        from .promises import ledger_of

        return ledger_of(self.case, [p.commitments for p in self.profiles], as_of=as_of)

    def __repr__(self) -> str:
        verdicts = ", ".join(f"{a.response_label}={a.verdict.value}" for a in self.assessments)
        return f"<Review petition={self.case.petition.id} {verdicts}>"


def _density(count: int, per_100: float | None) -> float | None:
    return None if per_100 is None else round(count * per_100, 3)


def _commitments(
    response: Response, cues: Sequence[Cue], seg: Segmentation
) -> tuple[Commitment, ...]:
    return extract_commitments(response, cues, seg)


def _profile(
    response: Response,
    analysis: TextAnalysis,
    alignment: Alignment | None,
    index: ReuseIndex | None,
    group: str | None = None,
) -> ResponseProfile:
    text = response.full_text
    cues = analysis.cues
    n_words = word_count(text)
    stock: tuple[Span, ...] = ()
    stock_share: float | None = None
    if index is not None:
        found = index.query(text, group=group, top=0)
        stock, stock_share = found.boilerplate, found.boilerplate_share
    return ResponseProfile(
        label=response.label,
        words=n_words,
        cues=cues,
        cue_counts=dict(sorted(Counter(c.category for c in cues).items())),
        cue_density=round(100.0 * len(cues) / n_words, 3) if n_words else None,
        commitments=_commitments(response, cues, analysis.segmentation),
        readability=readability(text),
        carried_over=carried_over(alignment) if alignment is not None else (),
        carried_over_share=carried_over_share(alignment) if alignment is not None else None,
        stock=stock,
        stock_share=stock_share,
    )


def check_options(
    *,
    asks: Sequence[Ask | str] | Ask | str | None = None,
    lexicon: Lexicon | None = None,
    judge: JudgeConfig | None = None,
    align: AlignOptions | None = None,
) -> None:
    """Raise InputError for an option :func:`review` (and ``review_many``, before its run)
    cannot use; the asks are parsed as the judge will parse them."""
    from .judge import JudgeConfig
    from .judge.decide import _as_asks

    if lexicon is not None and not isinstance(lexicon, Lexicon):
        raise InputError(
            "lexicon= must be a Lexicon; load one with respcompare.lexicon.load_lexicon(path)"
        )
    if align is not None and not isinstance(align, AlignOptions):
        raise InputError("align= must be a respcompare.alignment.AlignOptions (or None)")
    if judge is not None and not isinstance(judge, JudgeConfig):
        raise InputError("judge= must be a respcompare.judge.JudgeConfig (or None)")
    if asks is not None:
        _as_asks(asks, Petition(action="(checking the asks)"))


def review(
    case: Case,
    *,
    asks: Sequence[Ask | str] | Ask | str | None = None,
    lexicon: Lexicon | None = None,
    index: ReuseIndex | None = None,
    judge: JudgeConfig | None = None,
    align: AlignOptions | None = None,
) -> Review:
    """Review a case: judge every response, align each revision with the response before it,
    and profile each response (cues, commitments with due dates, readability, reused text).

    Each stage runs once: the petition's asks are read once, each response is analysed once
    (sentences and cues, with ``lexicon``), judged once, and the alignment's effects read
    those analyses and assessments instead of working them out again.

    Parameters
    ----------
    case
        The petition and its responses (original first).
    asks
        The asks to judge against (``Ask`` objects or plain strings); read from the petition
        when None.
    lexicon
        The cue lexicon (:func:`respcompare.lexicon.load_lexicon`, combine with ``+``); ours
        when None. It reaches the cues of every profile, report, record and chart.
    index
        A :class:`~respcompare.reuse.ReuseIndex` built over a corpus: each response's stock
        passages and boilerplate share are then measured against it.
    judge
        A :class:`~respcompare.judge.JudgeConfig` (every weight and threshold of the judge);
        the bundled defaults when None.
    align
        The alignment's options (:class:`~respcompare.alignment.AlignOptions`); the defaults when
        None.

    >>> from respcompare import load_example
    >>> r = review(load_example("grooming-gangs"))
    >>> [a.response_label for a in r.assessments]
    ['original', 'revised']
    >>> len(r.alignments), r.profile("revised").carried_over_share is not None
    (1, True)
    """
    from .asks import extract_asks_with_limits
    from .judge import assess

    if not isinstance(case, Case):
        raise InputError(
            f"review() takes a Case (see rc.load_petition or rc.Case), not {type(case).__name__}"
        )
    if index is not None:
        from .reuse import ReuseIndex

        if not isinstance(index, ReuseIndex):
            raise InputError("index= must be a respcompare.reuse.ReuseIndex (see build_index)")
    check_options(asks=asks, lexicon=lexicon, judge=judge, align=align)
    responses = case.responses
    ask_list: Sequence[Ask | str] | Ask | str
    ask_limits: tuple[str, ...] = ()
    if asks is None:
        ask_list, ask_limits = extract_asks_with_limits(case.petition)
    else:
        ask_list = asks
    # each response's analysis is kept on it, so reviewing it again does not redo it
    analyses = tuple(analyse_response(r, lexicon=lexicon) for r in responses)
    assessments = tuple(
        _noted(
            assess(case.petition, r, asks=ask_list, analysis=an, lexicon=lexicon, config=judge),
            an,
            ask_limits + _judge_limits(an, judge),
        )
        for r, an in zip(responses, analyses, strict=True)
    )
    alignments = tuple(
        _align_pair(case, responses, analyses, assessments, i, align)
        for i in range(1, len(responses))
    )
    profiles = tuple(
        _profile(r, analyses[i], alignments[i - 1] if i else None, index, _petition_key(case))
        for i, r in enumerate(responses)
    )
    judged = assessments[0].asks if assessments else ()
    return Review(
        case=case,
        assessments=assessments,
        alignments=alignments,
        profiles=profiles,
        changes=tuple(
            describe(al, analyses=(analyses[i], analyses[i + 1])) for i, al in enumerate(alignments)
        ),
        analyses=analyses,
        asks=tuple(o.ask for o in judged),
        limits_hit=_limits_hit(responses, assessments, alignments, ask_limits),
    )


def _petition_key(case: Case) -> str | None:
    """The group a reuse index files this case's responses under (its petition), if known."""
    return str(case.petition.id) if case.petition.id is not None else case.source


def _noted(
    assessment: Assessment, analysis: TextAnalysis, ask_limits: tuple[str, ...] = ()
) -> Assessment:
    """``assessment`` with the limits its text's analysis and the reading of the petition's
    asks hit (unchanged when none did). A text cut at ``MAX_SENTENCES`` was read in part, so
    its verdict needs review, as the judge marks a text past its own ``max_sentences``."""
    if not analysis.limits_hit and not ask_limits:
        return assessment
    reasons = assessment.review_reasons
    if analysis.segmentation.limits_hit:
        reasons += (f"only the first {MAX_SENTENCES:,} sentences of the text were read",)
    return dataclasses.replace(
        assessment,
        limits_hit=tuple(dict.fromkeys(assessment.limits_hit + analysis.limits_hit + ask_limits)),
        needs_review=assessment.needs_review or bool(analysis.segmentation.limits_hit),
        review_reasons=tuple(dict.fromkeys(reasons)),
    )


def _judge_limits(analysis: TextAnalysis, config: JudgeConfig | None) -> tuple[str, ...]:
    """The judge's own reading limits that bit on this text (it lists them among its
    ``review_reasons``; a review also names them with the other limits): more sentences than
    ``max_sentences``, a clause longer than ``max_clause_chars``."""
    from .judge import JudgeConfig
    from .judge.stance import clause_spans

    cfg = config or JudgeConfig.default()
    sents = analysis.segmentation.sentences
    out: list[str] = []
    if len(sents) > cfg.max_sentences:
        out.append(
            f"judge: only the first {cfg.max_sentences:,} of {len(sents):,} sentences were read"
        )
    longest = cfg.max_clause_chars
    text = analysis.text
    if any(
        b - a > longest
        for s in sents[: cfg.max_sentences]
        if s.end - s.start > longest
        for a, b in clause_spans(text, s.start, s.end)
    ):
        out.append(f"judge: a clause longer than {longest:,} characters was read from its start")
    return tuple(out)


def _limits_hit(
    responses: Sequence[Response],
    assessments: Sequence[Assessment],
    alignments: Sequence[Alignment],
    ask_limits: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """Every limit that bit in a review, each note naming the petition, its response or pair
    (a limit of reading the asks is named once, for the petition)."""
    out: list[str] = [f"petition: {note}" for note in ask_limits]
    for r, a in zip(responses, assessments, strict=True):
        out += [f"{r.label}: {note}" for note in a.limits_hit if note not in ask_limits]
    for i, al in enumerate(alignments, start=1):
        if al.capped:
            pair = f"{responses[i - 1].label} -> {responses[i].label}"
            out += [f"alignment {pair}: {note}" for note in al.notes] or [
                f"alignment {pair}: capped"
            ]
    return tuple(out)


def _align_pair(
    case: Case,
    responses: Sequence[Response],
    analyses: Sequence[TextAnalysis],
    assessments: Sequence[Assessment],
    i: int,
    options: AlignOptions | None,
) -> Alignment:
    """Align response ``i - 1`` with response ``i``, effects read from their analyses."""
    return align(
        responses[i - 1],
        responses[i],
        petition=case.petition,
        options=options,
        analyses=(analyses[i - 1], analyses[i]),
        assessments=(assessments[i - 1], assessments[i]),
    )
