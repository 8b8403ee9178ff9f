"""Promises kept? Each commitment of a case followed forward through what happened next.

:func:`track_commitments` lists every promise a case's responses make (a commitment or a
deferral with an act, made now: reported and historic ones are not new promises) and gives it
a status as of a date:

- ``delivered``: a later update or response reports the act done on that object (quoted);
- ``dropped``: a later revision no longer contains it, or a later text says it will not happen;
- ``overdue``: its due date has passed and nothing later reports it done;
- ``restated``: a later text repeats it (with any change of due date);
- ``pending``: none of these yet.

Matching a promise to a later sentence uses the judge's ask machinery
(:mod:`respcompare.judge.relevance`): the promise is read as an ask (its act and object), so
paraphrase, inflections, spelling variants and verb synonyms ("publish" / "release") match as
they do when the judge reads a response. Every status carries its evidence.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from .analysis import analyse
from .commitments import Commitment, extract_commitments
from .due import find_due_dates
from .errors import InputError, LexiconError, OptionalDependencyError
from .lemmas import is_base_verb, lemma
from .model import Ask, Case, Response, Span, Update, parse_date
from .segment import segment

if TYPE_CHECKING:
    import pandas

__all__ = [
    "STATUSES",
    "CommitmentLedger",
    "Promise",
    "PromiseEvidence",
    "Status",
    "ledger_of",
    "track_commitments",
    "with_updates",
]

#: What became of a promise, as of a date.
Status = Literal["delivered", "restated", "dropped", "overdue", "pending"]
STATUSES: tuple[Status, ...] = ("delivered", "restated", "dropped", "overdue", "pending")

#: The categories of commitment rows that are promises to do something.
_PROMISE_CATEGORIES = frozenset({"commitment", "deferral"})


@dataclass(frozen=True, slots=True)
class PromiseEvidence:
    """One piece of evidence for a status: the later text (quoted) and what it shows.

    ``source`` names where it comes from ("update: <subject>", "response: revised", or
    "promise" for the promise's own sentence); ``span`` indexes that source's text (the
    update's ``text`` or the response's ``full_text``).
    """

    source: str
    date: _dt.date | None
    text: str
    span: Span | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "text": self.text,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Promise:
    """A commitment of one response and what became of it.

    ``due`` is the date it falls due now: the commitment's own, or the one a restatement
    moved it to (None when no time was named).
    """

    response_label: str
    response_date: _dt.date | None
    department: str | None
    commitment: Commitment
    status: Status
    evidence: tuple[PromiseEvidence, ...]
    due: _dt.date | None

    @property
    def act(self) -> str | None:
        """The lemma of the promised act ("publish")."""
        return self.commitment.action

    @property
    def object(self) -> str | None:
        """What the act is on ("a paper on group-based child sexual exploitation")."""
        return self.commitment.object

    @property
    def sentence(self) -> str:
        """The sentence that makes the promise."""
        return self.commitment.sentence.text

    def to_dict(self) -> dict[str, Any]:
        """A flat, JSON-ready dict (the evidence as a list of dicts)."""
        c = self.commitment
        return {
            "response_label": self.response_label,
            "response_date": self.response_date.isoformat() if self.response_date else None,
            "department": self.department,
            "act": c.action,
            "object": c.object,
            "level": c.level,
            "category": c.category,
            "tense": c.tense,
            "sentence": c.sentence.text,
            "start": c.sentence.start,
            "end": c.sentence.end,
            "due_text": c.due.span.text if c.due else None,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class CommitmentLedger:
    """Every promise of a case with its status as of ``as_of`` (None: the case has no date).

    Empty, not an error, for a case whose responses promise nothing.
    """

    petition_id: int | None
    as_of: _dt.date | None
    promises: tuple[Promise, ...] = ()
    #: labels of responses dated after ``as_of``: their promises were not made yet
    not_yet_made: tuple[str, ...] = ()
    #: what a bound left out (:data:`MAX_PROMISES`); empty for real responses
    limits_hit: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.promises)

    def __iter__(self) -> Iterator[Promise]:
        return iter(self.promises)

    def counts(self) -> dict[str, int]:
        """How many promises have each status (every status listed, zero included)."""
        return {s: sum(p.status == s for p in self.promises) for s in STATUSES}

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per promise; the evidence as its first quote and note, and a count."""
        out: list[dict[str, Any]] = []
        for p in self.promises:
            row = p.to_dict()
            ev = row.pop("evidence")
            row["petition_id"] = self.petition_id
            row["as_of"] = self.as_of.isoformat() if self.as_of else None
            row["evidence_source"] = ev[0]["source"] if ev else None
            row["evidence_date"] = ev[0]["date"] if ev else None
            row["evidence_text"] = ev[0]["text"] if ev else None
            row["evidence_note"] = ev[0]["note"] if ev else None
            row["evidence_count"] = len(ev)
            out.append(row)
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the ledger."""
        return {
            "petition_id": self.petition_id,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "counts": self.counts(),
            "not_yet_made": list(self.not_yet_made),
            "limits_hit": list(self.limits_hit),
            "promises": [p.to_dict() for p in self.promises],
        }

    def to_frame(self) -> pandas.DataFrame:
        """One row per promise (:meth:`to_records`) as a pandas DataFrame.

        Needs pandas: ``pip install 'respcompare[pandas]'``.
        """
        try:
            import pandas as pd
        except ImportError:
            raise OptionalDependencyError(
                "CommitmentLedger.to_frame needs pandas: pip install 'respcompare[pandas]'"
            ) from None
        columns = list(_RECORD_COLUMNS)
        return pd.DataFrame.from_records(self.to_records(), columns=columns)


_RECORD_COLUMNS = (
    "petition_id", "as_of", "response_label", "response_date", "department", "act", "object",
    "level", "category", "tense", "sentence", "start", "end", "due_text", "due", "status",
    "evidence_source", "evidence_date", "evidence_text", "evidence_note", "evidence_count",
)  # fmt: skip


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class _Delivery:
    perfect: frozenset[str]
    future: frozenset[str]
    negations: frozenset[str]
    completes: dict[str, tuple[str, ...]]
    equivalent: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _delivery() -> _Delivery:
    raw = resources.files("respcompare").joinpath("data/promises.toml").read_text("utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - our own file
        raise LexiconError(f"respcompare/data/promises.toml is not valid TOML ({exc})") from exc
    d = data.get("delivery")
    if not isinstance(d, dict) or not isinstance(d.get("source"), str):  # pragma: no cover
        raise LexiconError("respcompare/data/promises.toml needs [delivery] with a source")
    completes = data.get("completes")
    if not isinstance(completes, dict) or not isinstance(completes.get("source"), str):
        raise LexiconError("respcompare/data/promises.toml needs [completes] with a source")
    return _Delivery(
        perfect=frozenset(d["perfect_auxiliaries"]),
        future=frozenset(d["future_markers"]),
        negations=frozenset(d["negations"]),
        completes={k: tuple(v) for k, v in completes.items() if isinstance(v, list)},
        equivalent=_both_ways(data.get("equivalent")),
    )


def _both_ways(table: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict) or not isinstance(table.get("source"), str):
        raise LexiconError("respcompare/data/promises.toml needs [equivalent] with a source")
    out: dict[str, set[str]] = {}
    for k, v in table.items():
        if isinstance(v, list):
            for x in v:
                out.setdefault(k, set()).add(x)
                out.setdefault(x, set()).add(k)
    return {k: tuple(sorted(v)) for k, v in out.items()}


# ---------------------------------------------------------------- reading a later sentence

_TOKEN = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?")
_SKIP_BACK = frozenset(["be", "been", "being", "also", "now", "then", "finally", "formally"])
# what a verb form says about the act: done, promised again, or refused
_Form = Literal["done", "promised", "negated"]


@dataclass(frozen=True, slots=True)
class _Source:
    """A text after the promise: a later response or an update."""

    name: str
    date: _dt.date | None
    text: str
    is_revision: bool
    heading: str = ""
    index: int = -1  # the response's index in the case, for a later response


def _act_forms(action: str) -> tuple[tuple[str, ...], ...]:
    """The act and its verb synonyms (the judge's synonym groups), each as lemma words."""
    from .asks import load_synonyms

    group = {action, *load_synonyms().verb_group(action), *_delivery().equivalent.get(action, ())}
    out = {tuple(g.split()) for g in group if len(g.split()) <= 2 and is_base_verb(g.split()[0])}
    return tuple(sorted(out))


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence of a later text, read once for every promise matched against it."""

    text: str
    span: Span | None  # None for an update's subject line
    low: tuple[str, ...]  # its words, lower-cased
    at: dict[str, tuple[int, ...]]  # lemma -> where it stands
    stems: list[str]  # content stems (the judge's)


def _read(text: str, span: Span | None) -> _Sentence:
    from .asks import content_stems

    low = tuple(w.lower() for w in _TOKEN.findall(text))
    at: dict[str, list[int]] = {}
    for i, w in enumerate(low):
        at.setdefault(lemma(w), []).append(i)
    return _Sentence(text, span, low, {k: tuple(v) for k, v in at.items()}, content_stems(text))


def _sentences(source: _Source, cache: dict[str, list[_Sentence]]) -> list[_Sentence]:
    """The sentences of a later text (its subject line first), read once per ledger."""
    key = f"{source.heading}\x00{source.text}"
    found = cache.get(key)
    if found is None:
        found = [_read(x.span.text, x.span) for x in segment(source.text).sentences]
        if source.heading:
            found.insert(0, _read(source.heading, None))
        cache[key] = found
    return found


def _form_of(
    sent: _Sentence,
    forms: tuple[tuple[str, ...], ...],
    completes: tuple[tuple[str, ...], ...] = (),
) -> _Form | None:
    """How a sentence speaks of the act: 'done' (a past or perfect form, or a headline's
    present: "Government publishes ..."), 'promised' (a future or base form, or a progressive
    one) or 'negated'; None when no form of the act appears."""
    rules = _delivery()
    low = sent.low
    headline = sent.span is None
    found: _Form | None = None
    for form in forms + completes:
        for i in sent.at.get(form[0], ()):
            if low[i + 1 : i + len(form)] != form[1:]:
                continue
            w = low[i]
            back = [x for x in low[max(0, i - 4) : i] if x not in _SKIP_BACK]
            if any(x in rules.negations for x in back[-3:]):
                return "negated"
            prev = back[-1] if back else ""
            third_person = w.endswith("s") and not headline and prev not in rules.perfect
            if prev in rules.future or w == form[0] or w.endswith("ing") or third_person:
                if form in forms:  # a completing act's future does not restate the promise
                    found = found or "promised"
            else:
                return "done"
    return found


@dataclass(frozen=True, slots=True)
class _Hit:
    source: _Source
    text: str
    span: Span | None  # None for an update's subject line
    score: float
    form: _Form | None


class _Matcher:
    """One promise read as an ask, matched against the sentences of later texts."""

    def __init__(self, case: Case, commitment: Commitment) -> None:
        from .asks import content_stems, load_synonyms, stem
        from .judge import JudgeConfig

        c = commitment
        action = c.action or "do"
        obj = c.object or c.sentence.text
        self.ask = Ask(text=c.sentence.text, action=action, object=obj, source="user")
        self.cfg = JudgeConfig.default()
        self.synonyms = load_synonyms()
        self.petition = case.petition
        self.forms = _act_forms(action)
        done_by = _delivery().completes.get(action, ())
        self.completes = tuple(f for a in done_by for f in _act_forms(a) if f not in self.forms)
        self.stems = frozenset(content_stems(c.sentence.text))
        self.act_stems = frozenset(stem(w) for f in self.forms + self.completes for w in f)

    def best(self, source: _Source, sentences: list[_Sentence]) -> _Hit | None:
        from .judge.relevance import ask_model, match, score, vocab_map

        best: _Hit | None = None
        model: Any = None
        vocab: dict[str, set[str]] = {}
        named: list[tuple[_Sentence, _Form]] = []
        texts: set[str] = set()
        for sent in sentences:
            if sent.text in texts:  # a repeated sentence reads the same: the first one speaks
                continue
            texts.add(sent.text)
            form = _form_of(sent, self.forms, self.completes)
            if form is not None:
                named.append((sent, form))
        if len(named) > MAX_MATCHED:
            # a bound: only the sentences sharing the most words with the promise are matched
            # (a text of thousands of sentences naming the act made this quadratic)
            keep = sorted(
                range(len(named)), key=lambda k: (-len(self.stems & set(named[k][0].stems)), k)
            )[:MAX_MATCHED]
            named = [named[k] for k in sorted(keep)]
        for sent, form in named:
            if model is None:  # prepared once per later text, on its first candidate
                model = ask_model(self.ask, self.petition, source.text, self.synonyms, self.cfg)
                words = tuple(sorted({x for s in sentences for x in s.stems}))
                vocab = vocab_map(model, words, self.cfg)
            m = match(model, sent.text, sent.stems, vocab)
            r = score(m, self.cfg)
            # the judge's test (the head noun named, relevant enough); or, the act being named,
            # half the object's words ("harmful online abuse" -> "harmful activities online")
            # or half the words of the promise's sentence (a reworded sentence)
            mine = set(sent.stems)
            common = self.stems & mine
            shared = len(common) / max(1, min(len(self.stems), len(mine)))
            if len(common - self.act_stems) < 3:  # the act alone is not a reworded sentence
                shared = 0.0
            if not (m.head and r >= self.cfg.on_ask_relevance) and max(m.relevance, shared) < 0.5:
                continue
            hit = _Hit(source, sent.text, sent.span, r, form)
            if best is None or _rank(hit) > _rank(best):
                best = hit
        return best


def _rank(h: _Hit) -> tuple[int, bool, float]:
    """Done before negated before promised; a sentence of the text before the subject line."""
    order = {"done": 3, "negated": 2, "promised": 1, None: 0}
    return (order[h.form], h.span is not None, h.score)


# ---------------------------------------------------------------- the ledger


def _sources(case: Case, after: int, as_of: _dt.date | None) -> list[_Source]:
    """The texts after response ``after``: later responses, then updates, as of ``as_of``."""
    out: list[_Source] = []
    base = case.responses[after].date
    for r in case.responses[after + 1 :]:
        if as_of is not None and r.date is not None and r.date > as_of:
            continue
        k = case.responses.index(r)
        out.append(_Source(f"response: {r.label}", r.date, r.full_text, True, index=k))
    for u in case.updates:
        if as_of is not None and u.date is not None and u.date > as_of:
            continue
        if base is not None and u.date is not None and u.date < base:
            continue
        out.append(_Source(f"update: {u.subject}", u.date, u.text, False, heading=u.subject))
    return out


def _quote(hit: _Hit, note: str) -> PromiseEvidence:
    return PromiseEvidence(hit.source.name, hit.source.date, hit.text, hit.span, note)


def _carried(
    case: Case, index: int, c: Commitment, source: _Source, aligned: dict[tuple[int, int], Any]
) -> _Hit | None:
    """The sentence of a later response the alignment carries the promise's sentence to
    (unchanged, moved, edited, split or merged), or None when it was removed."""
    from .alignment.core import align_texts

    key = (index, source.index)
    al = aligned.get(key)
    if al is None:
        al = aligned[key] = align_texts(case.responses[index].full_text, source.text)
    at = c.sentence.start
    for op in al.ops:
        if op.a is None or op.b is None or not op.a.start <= at < op.a.end:
            continue
        if op.kind in {"removed", "added"}:
            return None
        return _Hit(source, op.b.text, op.b, op.similarity, "promised")
    return None


def _status(
    case: Case,
    index: int,
    c: Commitment,
    as_of: _dt.date | None,
    aligned: dict[tuple[int, int], Any],
    read: dict[str, list[_Sentence]],
) -> tuple[Status, tuple[PromiseEvidence, ...], _dt.date | None]:
    response = case.responses[index]
    matcher = _Matcher(case, c)
    due = c.due.due if c.due else None
    own = PromiseEvidence(
        f"response: {response.label}", response.date, c.sentence.text, c.sentence, "the promise"
    )
    restated: list[PromiseEvidence] = []
    for source in _sources(case, index, as_of):
        hit = matcher.best(source, _sentences(source, read))
        note = "repeats it"
        if source.is_revision and (hit is None or hit.form == "promised"):
            carried = _carried(case, index, c, source, aligned)
            if carried is not None:
                hit = carried
                note = "carries it over" if carried.score < 1.0 else "carries it over unchanged"
        if hit is None:
            if source.is_revision:
                gone = f"the {source.name.split(': ', 1)[1]} response no longer contains it"
                return (
                    "dropped",
                    (own, PromiseEvidence(source.name, source.date, "", None, gone)),
                    due,
                )
            continue
        if hit.form == "done":
            return "delivered", (_quote(hit, "reports it done"), own), due
        if hit.form == "negated":
            return "dropped", (_quote(hit, "says it will not happen"), own), due
        later = [
            d.due
            for d in find_due_dates(hit.text, on=source.date)
            if d.due is not None and (source.date is None or d.due >= source.date)
        ]
        if later and later[0] != due:
            old = due.isoformat() if due else "no date"
            note = f"{note}, due date {old} -> {later[0].isoformat()}"
            due = later[0]
        restated.append(_quote(hit, note))
    if due is not None and as_of is not None and due < as_of:
        note = f"due by {due.isoformat()}; nothing up to {as_of.isoformat()} reports it done"
        return "overdue", (own, *restated, _due_note(c, note)), due
    if restated:
        return "restated", (restated[0], own, *restated[1:]), due
    note = "nothing later reports it" + (f"; due by {due.isoformat()}" if due else "; no due date")
    return "pending", (own, _due_note(c, note)), due


def _due_note(c: Commitment, note: str) -> PromiseEvidence:
    if c.due is None:
        return PromiseEvidence("promise", None, "", None, note)
    return PromiseEvidence("promise", None, c.due.span.text, c.due.span, note)


def _is_promise(c: Commitment) -> bool:
    return (
        c.category in _PROMISE_CATEGORIES
        and c.tense != "past"
        and c.action is not None
        and (c.level or 0) >= 3
    )


def _newest(case: Case) -> _dt.date | None:
    dates = [r.date for r in case.responses if r.date] + [u.date for u in case.updates if u.date]
    return max(dates, default=None)


#: The most promises one ledger tracks. Each is compared with every sentence of the texts after
#: it, so the work grows with promises times sentences; the 43 fixture petitions have at most
#: 11. A text built of hundreds of commitments (one review took 44 s for 555 of them) has the
#: rest left untracked, and :attr:`CommitmentLedger.limits_hit` says how many.
MAX_PROMISES = 60

#: The most sentences of one later text matched against one promise: those sharing the most
#: content words with it, when more than this many name its act.
MAX_MATCHED = 50


def ledger_of(
    case: Case,
    commitments: Sequence[Sequence[Commitment]],
    *,
    as_of: _dt.date | str | None = None,
) -> CommitmentLedger:
    """The ledger from commitments already found (one sequence per response, in order)."""
    if len(commitments) != len(case.responses):
        raise InputError("ledger_of needs one sequence of commitments per response of the case")
    when = parse_date(as_of, what="as_of") if as_of is not None else _newest(case)
    promises: list[Promise] = []
    later: list[str] = []
    untracked = 0
    aligned: dict[tuple[int, int], Any] = {}  # each pair of responses aligned once
    read: dict[str, list[_Sentence]] = {}  # each later text read once
    for i, (response, found) in enumerate(zip(case.responses, commitments, strict=True)):
        if when is not None and response.date is not None and response.date > when:
            later.append(response.label)
            continue
        for c in found:
            if not _is_promise(c):
                continue
            if len(promises) == MAX_PROMISES:
                untracked += 1
                continue
            status, evidence, due = _status(case, i, c, when, aligned, read)
            promises.append(
                Promise(
                    response.label, response.date, response.department, c, status, evidence, due
                )
            )
    limits = (
        (
            f"promises: more than {MAX_PROMISES}; the first {MAX_PROMISES} are tracked, "
            f"{untracked:,} more are not",
        )
        if untracked
        else ()
    )
    return CommitmentLedger(case.petition.id, when, tuple(promises), tuple(later), limits)


def _commitments_of(response: Response) -> tuple[Commitment, ...]:
    analysis = analyse(response.full_text)
    return extract_commitments(response, analysis.cues, analysis.segmentation)


def track_commitments(case: Case, *, as_of: _dt.date | str | None = None) -> CommitmentLedger:
    """Every promise in ``case``'s responses and what became of it as of ``as_of``.

    Parameters
    ----------
    case
        The petition, its responses and its later updates (:attr:`Case.updates`).
    as_of
        The date to judge on (a date or ``"2021-01-31"``); the newest date in the case
        (responses and updates) when None. Texts dated after it are not read; an update with
        no date is read whatever the date, and one dated before a promise is not read for it.

    >>> from respcompare import load_example
    >>> ledger = track_commitments(load_example("grooming-gangs"), as_of="2021-01-31")
    >>> p = next(p for p in ledger if p.act == "publish" and p.due)
    >>> p.status, p.due.isoformat()
    ('overdue', '2020-12-31')
    """
    if not isinstance(case, Case):
        raise InputError(
            f"track_commitments() takes a Case (see rc.load_petition), not {type(case).__name__}"
        )
    return ledger_of(case, [_commitments_of(r) for r in case.responses], as_of=as_of)


def with_updates(case: Case, *updates: Update) -> Case:
    """``case`` with ``updates`` added to its own (in date order, undated last).

    >>> from respcompare import load_example
    >>> c = with_updates(load_example("grooming-gangs"), Update("x", "2020-12-15", "y"))
    >>> len(c.updates) >= 1
    True
    """
    import dataclasses

    if not isinstance(case, Case):
        raise InputError(f"with_updates() takes a Case first, not {type(case).__name__}")
    for u in updates:
        if not isinstance(u, Update):
            raise InputError(
                f"with_updates() takes Update objects after the case, not {type(u).__name__}: "
                "Update(subject, date, text)"
            )
    merged = list(case.updates) + list(updates)
    order = sorted(
        range(len(merged)),
        key=lambda i: (merged[i].date is None, merged[i].date or _dt.date.min, i),
    )
    return dataclasses.replace(case, updates=tuple(merged[i] for i in order))
