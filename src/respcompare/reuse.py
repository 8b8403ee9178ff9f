"""Reused text: stock passages across a corpus, and what a revision carried over.

Across a corpus, every response is cut into word n-gram *shingles* (``shingle`` words, default
8). Each word is normalised (lower case; a word is a run of letters and digits, so ``isn't`` is
``isn`` + ``t`` and ``£1.2m`` is ``1`` + ``2m``) and hashed with a stable 64-bit polynomial
hash finished by the splitmix64 mixer; a shingle's hash combines its words' hashes the same way.
The hash never depends on Python's salted ``hash``, so an index built in one process answers
in another. Tokenising and hashing run on numpy arrays of code points, a chunk of responses
at a time, so a corpus of 20,000 responses (8 million words) is indexed in seconds.

The index is an inverted index in numpy arrays: the sorted distinct shingle hashes, and for
each the responses it occurs in (with the word position of its first occurrence). From it:

* the **boilerplate catalogue**: passages whose shingles recur in responses to at least
  ``min_docs`` different petitions, with the departments and the date range they appear in;
* each response's **boilerplate share**: the share of its words covered by such shingles, with
  the spans (:meth:`ReuseIndex.boilerplate`);
* **shared passages between any two responses**: the pairs that share at least ``min_words``
  words of exact shingles (:meth:`ReuseIndex.shared_pairs`), and for any pair the passages
  themselves, extended word by word and checked with a word-level alignment
  (:meth:`ReuseIndex.shared_passages`, or :func:`shared_passages` for two texts);
* :meth:`ReuseIndex.save` / :meth:`ReuseIndex.load` (a ``.npz`` of arrays and a JSON sidecar),
  and :meth:`ReuseIndex.query` for a new response in milliseconds.

Versions of one petition are grouped (:attr:`Document.group`, set by :func:`documents` to the
petition): a revision repeating its original is *carried over*, never boilerplate, so text counts
as stock only when it recurs across **different** petitions, and :meth:`ReuseIndex.shared_pairs`
never pairs two versions of one petition. A document without a group is a group of its own.

Within a case, :func:`carried_over` lists the sentences of a revision carried over unchanged
(or nearly so) from the original, and :func:`carried_over_share` the share of its words.

Scaling past one machine
------------------------
:func:`build_index` takes ``executor=``: any :class:`concurrent.futures.Executor`. Tokenising
and hashing (the costly stage) run as one task per chunk of ``chunk_size`` responses; the
results come back in order, so the index is the same with or without an executor. With dask::

    from dask.distributed import Client
    client = Client("scheduler:8786")           # or Client() for a local cluster
    index = build_index(docs, executor=client.get_executor())

``client.get_executor()`` returns a ``ClientExecutor``, which is a ``concurrent.futures``
executor, so nothing else changes.

>>> idx = build_index(["We will publish the review in full this year, said the minister today.",
...                    "We will publish the review in full this year, said the minister today."],
...                   shingle=4, min_docs=2)
>>> round(float(idx.boilerplate_share[0]), 2)
1.0
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .departments import canonical_department
from .errors import InputError
from .model import Case, Response, Span, replace_surrogates

__all__ = [
    "MAX_INDEX_BYTES",
    "Document",
    "Match",
    "PairTable",
    "Passage",
    "QueryResult",
    "ReuseIndex",
    "ReuseOptions",
    "Shard",
    "SharedPassage",
    "build_index",
    "carried_over",
    "carried_over_share",
    "documents",
    "merge_shards",
    "shared_passages",
    "shingle_hashes",
    "shingle_shard",
]

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]

_FORMAT_VERSION = 2  # 2: SHA-256 in the sidecar, sidecar named <index>.npz.json
_P = np.uint64(0x100000001B3)  # odd: invertible modulo 2**64
_Q = np.uint64(pow(0x100000001B3, -1, 2**64))
_R = 0x9E3779B97F4A7C15  # shingle polynomial base (odd)


def _mix(x: U64) -> U64:
    """splitmix64 finaliser: a stable, well-spread 64-bit mix of each element."""
    with np.errstate(over="ignore"):
        x = x + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


@lru_cache(maxsize=1)
def _tables() -> tuple[npt.NDArray[np.bool_], U64]:
    """Word-character flags and one-character lower-case map for the Basic Multilingual Plane."""
    is_word = np.zeros(0x10000, dtype=np.bool_)
    lower = np.arange(0x10000, dtype=np.uint64)
    for cp in range(0x10000):
        ch = chr(cp)
        if ch.isalnum():
            is_word[cp] = True
            lo = ch.lower()
            if len(lo) == 1:
                lower[cp] = ord(lo)
    return is_word, lower + np.uint64(1)


_POWERS: list[tuple[U64, U64]] = []


def _powers(size: int) -> tuple[U64, U64]:
    """P**i and P**-i modulo 2**64 for i < size (cached, grown by doubling)."""
    if not _POWERS or _POWERS[0][0].size < size:
        # a quarter to spare: the next chunk, a little longer, does not recompute them
        length = max(size + size // 4, 2 * _POWERS[0][0].size if _POWERS else 1 << 16)
        with np.errstate(over="ignore"):
            ppow = np.cumprod(np.full(length, _P, dtype=np.uint64))
            qpow = np.cumprod(np.full(length, _Q, dtype=np.uint64))
        one = np.ones(1, dtype=np.uint64)
        _POWERS[:] = [(np.concatenate((one, ppow[:-1])), np.concatenate((one, qpow[:-1])))]
    return _POWERS[0]


def _tokenise(text: str) -> tuple[I64, I64, U64]:
    """Word starts, ends (character offsets) and stable 64-bit word hashes of ``text``.

    A word is a maximal run of alphanumeric characters (``str.isalnum``); its hash is a
    polynomial over its lower-cased code points modulo 2**64, finished by splitmix64.
    """
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if cps.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0, dtype=np.uint64)
    is_word_bmp, lower_bmp = _tables()
    if int(cps.max()) < 0x10000:
        word = is_word_bmp[cps]
        low = lower_bmp[cps]
    else:  # characters beyond the BMP: rare, ask Python about those
        bmp = cps < 0x10000
        clipped = np.where(bmp, cps, 0)
        word = is_word_bmp[clipped]
        for i in np.flatnonzero(~bmp).tolist():
            word[i] = chr(int(cps[i])).isalnum()
        low = np.where(bmp, lower_bmp[clipped], cps.astype(np.uint64) + np.uint64(1))
    edges = np.flatnonzero(word[1:] != word[:-1]) + 1
    if word[0]:
        edges = np.concatenate(([0], edges))
    if word[-1]:
        edges = np.concatenate((edges, [word.size]))
    starts = edges[0::2].astype(np.int64)
    ends = edges[1::2].astype(np.int64)
    ppow, qpow = _powers(cps.size + 1)
    with np.errstate(over="ignore"):
        low *= ppow[: cps.size]
        prefix = np.empty(cps.size + 1, dtype=np.uint64)
        prefix[0] = 0
        np.cumsum(low, out=prefix[1:])
        raw = (prefix[ends] - prefix[starts]) * qpow[starts]
    return starts, ends, _mix(raw ^ (ends - starts).astype(np.uint64))


def _shingles(tok: U64, n: int) -> U64:
    """Hash of each run of ``n`` consecutive word hashes (``len(tok) - n + 1`` of them)."""
    m = tok.size - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    acc = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(n):
            acc = acc * np.uint64(_R) + tok[i : i + m]
    return _mix(acc)


def shingle_hashes(text: str, *, shingle: int = 8) -> U64:
    """The stable 64-bit hashes of the word n-gram shingles of ``text``, in order.

    The same text gives the same hashes in any process; case and punctuation do not matter.

    >>> a = shingle_hashes("We will publish the review.", shingle=3)
    >>> b = shingle_hashes("WE WILL publish -- the review!", shingle=3)
    >>> len(a), bool((a == b).all())
    (3, True)
    """
    _check_shingle(shingle)
    return _shingles(_tokenise(text)[2], shingle)


#: The largest shingle and min_docs an index takes (and a saved index may hold): past them a
#: shingle covers more words than any response has and no passage recurs in that many petitions.
MAX_SHINGLE = MAX_MIN_DOCS = 10_000


def _check_shingle(shingle: int) -> None:
    if isinstance(shingle, bool) or not isinstance(shingle, int) or not 1 <= shingle <= MAX_SHINGLE:
        raise InputError(
            f"shingle must be a whole number of words from 1 to {MAX_SHINGLE:,}, got {shingle!r}"
        )


def _chunk_task(texts: list[str], n: int) -> tuple[I64, U64, U64]:
    """Tokenise and hash one chunk: words per text, word hashes, shingle hash per word position.

    Runs in a worker (any executor); module-level so it pickles.
    """
    joined = "\n".join(texts)
    starts, _, tok = _tokenise(joined)
    bounds = np.cumsum([0] + [len(t) + 1 for t in texts], dtype=np.int64)
    counts = np.diff(np.searchsorted(starts, bounds)).astype(np.int64)
    sh = np.zeros(tok.size, dtype=np.uint64)
    full = _shingles(tok, n)
    sh[: full.size] = full
    return counts, tok, sh


# --------------------------------------------------------------------------- options


@dataclass(frozen=True, slots=True)
class ReuseOptions:
    """How a corpus run measures boilerplate (:func:`respcompare.corpus.review_many`).

    ``shingle``: words per shingle (8: long enough that a shared shingle is rarely chance).
    ``min_petitions``: the number of different petitions a passage must recur in to count as
    boilerplate, the response's own included (2: text any other petition's response repeats;
    raise it on a large corpus to keep only the stock text drafting teams reuse widely).
    Change one with :func:`dataclasses.replace`.

    >>> ReuseOptions().min_petitions
    2
    """

    shingle: int = 8
    min_petitions: int = 2

    def __post_init__(self) -> None:
        _check_shingle(self.shingle)
        m = self.min_petitions
        if isinstance(m, bool) or not isinstance(m, int) or m < 2:
            raise InputError(f"min_petitions must be a whole number >= 2, got {m!r}")


@dataclass(frozen=True, slots=True, eq=False)
class Shard:
    """The shingles of consecutive responses, sorted by hash: what :func:`shingle_shard` maps
    a chunk of responses to and :func:`merge_shards` reduces.

    ``word_counts``: words per response; ``hashes``: every shingle's hash, sorted, equal
    hashes in corpus order; ``docs``: the response of each (counted from the shard's first);
    ``positions``: its word position in that response.
    """

    word_counts: I64
    hashes: U64
    docs: I32
    positions: I32

    def __len__(self) -> int:
        return int(self.word_counts.size)


def shingle_shard(texts: Sequence[str], *, shingle: int = 8) -> Shard:
    """The map step of :func:`build_index`: tokenise, hash and sort one chunk of responses.

    Module-level and pure, so any executor (threads, processes, dask) can run it.

    >>> s = shingle_shard(["one two three", "two three"], shingle=2)
    >>> len(s), s.word_counts.tolist(), s.docs.tolist(), s.positions.tolist()
    (2, [3, 2], [0, 1, 0], [1, 0, 0])
    """
    _check_shingle(shingle)
    counts, _, sh_all = _chunk_task(list(texts), shingle)
    doc_of = np.repeat(np.arange(counts.size, dtype=np.int32), counts)
    word_start = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    pos_in_doc = np.arange(sh_all.size, dtype=np.int64) - word_start[doc_of]
    valid = pos_in_doc <= (counts[doc_of] - shingle)
    sh, sdoc, spos = sh_all[valid], doc_of[valid], pos_in_doc[valid].astype(np.int32)
    order = _argsort_hashes(sh)  # stable: equal hashes stay in corpus order
    return Shard(counts, sh[order], sdoc[order], spos[order])


def merge_shards(shards: Sequence[Shard]) -> Shard:
    """The reduce step of :func:`build_index`: shards of consecutive chunks, in corpus order,
    merged into one sorted shard.

    Associative: ``merge_shards([merge_shards([a, b]), c])`` equals ``merge_shards([a, b,
    c])``, so merging can be spread over a cluster as a tree. Each shard is already sorted,
    so the merge is a stable sort of sorted runs (timsort merges them).

    >>> a, b = shingle_shard(["x y z"], shingle=2), shingle_shard(["x y"], shingle=2)
    >>> m = merge_shards([a, b])
    >>> m.word_counts.tolist(), sorted(m.docs.tolist()), bool((m.hashes[1:] >= m.hashes[:-1]).all())
    ([3, 2], [0, 0, 1], True)
    """
    if not shards:
        z32 = np.zeros(0, dtype=np.int32)
        return Shard(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64), z32, z32.copy())
    if len(shards) == 1:
        return shards[0]
    first_doc = np.cumsum([0] + [len(s) for s in shards[:-1]])
    if int(first_doc[-1]) + len(shards[-1]) > np.iinfo(np.int32).max:
        raise InputError("build_index: more than 2**31 responses; split the corpus")
    hashes = np.concatenate([s.hashes for s in shards])
    docs = np.concatenate([s.docs + np.int32(f) for s, f in zip(shards, first_doc, strict=True)])
    positions = np.concatenate([s.positions for s in shards])
    order = np.argsort(hashes, kind="stable")
    return Shard(
        np.concatenate([s.word_counts for s in shards]),
        hashes[order],
        docs[order].astype(np.int32),
        positions[order],
    )


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class Document:
    """One response in a corpus: an id, its text, and the department and date it came from.

    ``group`` names the petition it answers: versions of one petition share a group and never
    count as reuse of each other. None makes the document a group of its own.

    >>> Document("300239/revised", "We will publish.", "Home Office").department
    'Home Office'
    """

    id: str
    text: str
    department: str | None = None
    date: _dt.date | None = None
    group: str | None = None

    def __post_init__(self) -> None:
        if self.group is not None and not isinstance(self.group, str):
            raise InputError(
                f"Document.group must be a string or None, not {type(self.group).__name__}"
            )
        if not isinstance(self.id, str):
            raise InputError(f"Document.id must be a string, not {type(self.id).__name__}")
        if not isinstance(self.text, str):
            raise InputError(f"Document.text must be a string, not {type(self.text).__name__}")
        if self.department is not None and not isinstance(self.department, str):
            raise InputError(
                "Document.department must be a string or None, not "
                f"{type(self.department).__name__}"
            )
        if self.date is not None and not isinstance(self.date, _dt.date):
            raise InputError(
                f"Document.date must be a datetime.date or None, not {type(self.date).__name__}"
            )
        object.__setattr__(self, "id", replace_surrogates(self.id))
        object.__setattr__(self, "text", replace_surrogates(self.text))
        if self.department is not None:
            object.__setattr__(self, "department", replace_surrogates(self.department))


def documents(cases: Iterable[Case]) -> Iterator[Document]:
    """One :class:`Document` per response of each case, id ``"<petition id>/<label>"``.

    The text is :attr:`Response.full_text`, so spans index what the petition site shows; the
    group is the petition (its id, else the case's source), so a case's versions are grouped;
    the department is the signing one (the sign-off, else the petition's), canonical name.

    >>> from respcompare import load_example
    >>> [d.id for d in documents([load_example("grooming-gangs")])]
    ['300239/original', '300239/revised']
    """
    for case in cases:
        key = str(case.petition.id) if case.petition.id is not None else (case.source or "case")
        for r in case.responses:
            named = (
                r.signoff
                or r.department
                or (case.petition.departments[0] if case.petition.departments else None)
            )
            yield Document(
                f"{key}/{r.label}", r.full_text, canonical_department(named), r.date, key
            )


def _as_document(item: Document | Response | str, i: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, Response):
        return Document(str(i), item.full_text, item.department, item.date)
    if isinstance(item, str):
        return Document(str(i), item)
    raise InputError(
        f"build_index takes Documents, Responses or strings, not {type(item).__name__}; "
        "use respcompare.reuse.documents(cases) for cases"
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """A passage two texts share: its span in each, the words matched, and their similarity.

    ``similarity`` is the word-level alignment ratio over the two spans, in [0, 1]; 1.0 means
    the passage is verbatim (up to case and punctuation).
    """

    a: Span
    b: Span
    words: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Passage:
    """A stock passage of the boilerplate catalogue.

    ``text`` is the passage as it reads in ``exemplar`` (the first response that has it), at
    ``span`` in that response's text, cut on word boundaries (on a sentence boundary when one
    lies within a few words). ``documents`` counts the responses it recurs in (their ids in
    ``document_ids``), ``petitions`` the different petitions they answer (versions of one
    petition count once); ``departments`` counts the responses by department, most frequent first;
    ``first_date``/``last_date`` bound their dates (None when no date is known).
    """

    id: int
    text: str
    words: int
    documents: int
    document_ids: tuple[str, ...]
    departments: tuple[tuple[str, int], ...]
    first_date: _dt.date | None
    last_date: _dt.date | None
    exemplar: str
    span: Span
    petitions: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    """An indexed response that shares passages with a queried text."""

    document: str
    shared_shingles: int
    passages: tuple[SharedPassage, ...]


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What the index knows about a new text: its boilerplate, and the responses it shares with.

    ``boilerplate_share`` is None for a text without words.
    """

    boilerplate_share: float | None
    boilerplate: tuple[Span, ...]
    matches: tuple[Match, ...]


@dataclass(frozen=True, slots=True, eq=False)
class PairTable:
    """Pairs of responses that share passages: index arrays ``a < b`` into the corpus and the
    number of shingles each pair shares; ``ids`` maps an index to its document id.

    Iterating yields ``(id_a, id_b, shared_shingles)``.
    """

    a: I32
    b: I32
    shared_shingles: I32
    ids: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.a.size)

    def __iter__(self) -> Iterator[tuple[str, str, int]]:
        for i, j, c in zip(
            self.a.tolist(), self.b.tolist(), self.shared_shingles.tolist(), strict=True
        ):
            yield self.ids[i], self.ids[j], c

    def keys(self) -> I64:
        """Each pair as one int64, ``a * n_documents + b`` (handy for set operations)."""
        return self.a.astype(np.int64) * len(self.ids) + self.b.astype(np.int64)


# --------------------------------------------------------------------------- alignment


def _runs(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Half-open [start, end) runs of True."""
    edges = np.diff(np.concatenate(([False], mask, [False])).astype(np.int8))
    return list(
        zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True)
    )


def _coverage(frequent: npt.NDArray[np.bool_], n_words: int, n: int) -> npt.NDArray[np.bool_]:
    """Words covered by at least one flagged shingle (shingle i covers words i..i+n-1)."""
    out = np.zeros(n_words, dtype=np.bool_)
    if frequent.size == 0:
        return out
    diff = np.zeros(n_words + 1, dtype=np.int32)
    idx = np.flatnonzero(frequent)
    np.add.at(diff, idx, 1)
    np.add.at(diff, idx + n, -1)
    return np.cumsum(diff[:-1]) > 0


def _align(
    text_a: str,
    tok_a: tuple[I64, I64, U64],
    text_b: str,
    tok_b: tuple[I64, I64, U64],
    *,
    n: int,
    min_words: int,
    max_gap: int,
) -> tuple[SharedPassage, ...]:
    sa, ea, ha = tok_a
    sb, eb, hb = tok_b
    shin_a, shin_b = _shingles(ha, n), _shingles(hb, n)
    where_b: dict[int, list[int]] = {}
    for q, h in enumerate(shin_b.tolist()):
        where_b.setdefault(h, []).append(q)
    # seeds on diagonals -> exact runs [a0, a1) x [b0, b1)
    runs: list[list[int]] = []
    open_runs: dict[int, list[int]] = {}
    for p, h in enumerate(shin_a.tolist()):
        for q in where_b.get(h, ()):
            d = p - q
            r = open_runs.get(d)
            if r is not None and r[1] >= p + n - 1:
                r[1], r[3] = p + n, q + n
            else:
                r = [p, p + n, q, q + n]
                open_runs[d] = r
                runs.append(r)
    if not runs:
        return ()
    la, lb = ha.tolist(), hb.tolist()
    for r in runs:  # extend word by word where the words still agree
        while r[0] > 0 and r[2] > 0 and la[r[0] - 1] == lb[r[2] - 1]:
            r[0] -= 1
            r[2] -= 1
        while r[1] < len(la) and r[3] < len(lb) and la[r[1]] == lb[r[3]]:
            r[1] += 1
            r[3] += 1
    runs.sort(key=lambda r: (r[0], -r[1]))
    merged: list[list[int]] = []
    for r in runs:
        if merged:
            m = merged[-1]
            if r[1] <= m[1] and m[2] <= r[2] and r[3] <= m[3]:
                continue  # inside the previous passage
            gap_a, gap_b = r[0] - m[1], r[2] - m[3]
            if -n < gap_a <= max_gap and -n < gap_b <= max_gap and r[2] >= m[2]:
                m[1], m[3] = max(m[1], r[1]), max(m[3], r[3])
                continue
        merged.append(list(r))
    out: list[SharedPassage] = []
    for a0, a1, b0, b1 in merged:
        matcher = difflib.SequenceMatcher(None, la[a0:a1], lb[b0:b1], autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        if matched < min_words:
            continue
        sim = 2.0 * matched / ((a1 - a0) + (b1 - b0))
        out.append(
            SharedPassage(
                a=Span.of(text_a, int(sa[a0]), int(ea[a1 - 1])),
                b=Span.of(text_b, int(sb[b0]), int(eb[b1 - 1])),
                words=matched,
                similarity=min(1.0, max(0.0, sim)),
            )
        )
    return tuple(out)


def _text_of(value: str | Response | Document, what: str) -> str:
    if isinstance(value, Response):
        return value.full_text
    if isinstance(value, Document):
        return value.text
    if isinstance(value, str):
        return replace_surrogates(value)
    raise InputError(f"{what} must be a string or a Response, not {type(value).__name__}")


def shared_passages(
    a: str | Response,
    b: str | Response,
    *,
    shingle: int = 8,
    min_words: int = 12,
    max_gap: int = 3,
) -> tuple[SharedPassage, ...]:
    """The passages two texts share, found from exact shingles, extended and aligned by word.

    Runs of exact shingles on one diagonal are extended word by word; neighbouring runs with at
    most ``max_gap`` differing words between them are joined into one passage (an edited word
    does not split it), and each passage is checked with a word-level alignment: it is kept when
    at least ``min_words`` words match. Spans index ``a`` and ``b`` (a Response's ``full_text``).

    >>> x = "Intro. The Government takes the safety of children extremely seriously indeed. End."
    >>> y = "The Government takes the safety of all children extremely seriously indeed, we said."
    >>> [p.b.text for p in shared_passages(x, y, shingle=3, min_words=6)]
    ['The Government takes the safety of all children extremely seriously indeed']
    """
    _check_shingle(shingle)
    ta, tb = _text_of(a, "a"), _text_of(b, "b")
    return _align(
        ta, _tokenise(ta), tb, _tokenise(tb), n=shingle, min_words=min_words, max_gap=max_gap
    )


# --------------------------------------------------------------------------- the index


def _first_of_groups(keys: U64) -> npt.NDArray[np.bool_]:
    first = np.ones(keys.size, dtype=np.bool_)
    if keys.size > 1:
        first[1:] = keys[1:] != keys[:-1]
    return first


class ReuseIndex:
    """An inverted index of shingles over a corpus of responses, with its boilerplate results.

    Build one with :func:`build_index`, or :meth:`load` a saved one. ``boilerplate_share`` is a
    numpy array (NaN for a response without words); :meth:`boilerplate_shares` gives it with
    None for unknown.
    """

    def __init__(
        self,
        *,
        ids: Sequence[str],
        texts: Sequence[str],
        departments: Sequence[str | None],
        dates: Sequence[_dt.date | None],
        word_counts: I64,
        hashes: U64,
        offsets: I64,
        post_doc: I32,
        post_pos: I32,
        shingle: int,
        min_docs: int,
        shares: npt.NDArray[np.float64] | None = None,
        runs: I64 | None = None,
        groups: Sequence[str | None] | None = None,
        group_freq: I64 | None = None,
    ) -> None:
        self.ids: tuple[str, ...] = tuple(ids)
        self.texts: tuple[str, ...] = tuple(texts)
        self.departments: tuple[str | None, ...] = tuple(departments)
        self.dates: tuple[_dt.date | None, ...] = tuple(dates)
        self.word_counts = word_counts
        self.hashes = hashes
        self.offsets = offsets
        self.post_doc = post_doc
        self.post_pos = post_pos
        self.shingle = shingle
        self.min_docs = min_docs
        self.doc_freq: I64 = np.diff(offsets)
        self._position = {d: i for i, d in enumerate(self.ids)}
        names = [None] * len(self.ids) if groups is None else list(groups)
        if len(names) != len(self.ids):
            raise InputError("groups must name one group per document")
        #: The petition (group) of each document; a document without one is its own group.
        self.groups: tuple[str, ...] = tuple(
            f"\x00{d}" if g is None else g for d, g in zip(self.ids, names, strict=True)
        )
        self._group_index: dict[str, int] = {}
        for g in self.groups:
            self._group_index.setdefault(g, len(self._group_index))
        self.doc_group: I32 = np.array(
            [self._group_index[g] for g in self.groups], dtype=np.int32
        ).reshape(-1)
        #: Per shingle, the number of different groups (petitions) it occurs in.
        self.group_freq: I64 = (
            group_freq
            if group_freq is not None
            else _group_counts(offsets, post_doc, self.doc_group, len(self._group_index))
        )
        self._share: npt.NDArray[np.float64] | None = shares
        self._runs: I64 | None = runs

    # ---- basic facts
    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return (
            f"<ReuseIndex documents={len(self)} words={int(self.word_counts.sum())} "
            f"shingles={self.hashes.size} shingle={self.shingle} min_docs={self.min_docs}>"
        )

    def _doc(self, doc: int | str) -> int:
        if isinstance(doc, str):
            if doc not in self._position:
                raise InputError(
                    f"no document {doc!r} in this index (ids look like {self.ids[:2]})"
                )
            return self._position[doc]
        if not 0 <= doc < len(self.ids):
            raise InputError(f"document index {doc} is out of range 0..{len(self.ids) - 1}")
        return int(doc)

    def _doc_shingle_df(self, i: int) -> tuple[tuple[I64, I64, U64], I64]:
        toks = _tokenise(self.texts[i])
        sh = _shingles(toks[2], self.shingle)
        return toks, self._lookup_df(sh)

    def _lookup_df(self, sh: U64) -> I64:
        if self.hashes.size == 0 or sh.size == 0:
            return np.zeros(sh.size, dtype=np.int64)
        pos = np.searchsorted(self.hashes, sh)
        pos = np.minimum(pos, self.hashes.size - 1)
        found = self.hashes[pos] == sh
        return np.where(found, self.group_freq[pos], 0)

    # ---- boilerplate
    @property
    def boilerplate_share(self) -> npt.NDArray[np.float64]:
        """Share of each response's words covered by shingles found in responses to at least
        ``min_docs`` different petitions (its own counted once)."""
        if self._share is None:
            self._share = self._compute_shares()
        return self._share

    def _compute_shares(self) -> npt.NDArray[np.float64]:
        self._share, self._runs = self._first_occurrence_coverage()
        return self._share

    def _first_occurrence_coverage(self) -> tuple[npt.NDArray[np.float64], I64]:
        # for an index saved without shares: from the first occurrence in each response
        heavy = np.flatnonzero(self.group_freq >= self.min_docs)
        sel = _ranges(self.offsets[heavy], self.offsets[heavy + 1])
        return _shares(self.word_counts, self.post_doc[sel], self.post_pos[sel], self.shingle)

    @property
    def stock_runs(self) -> I64:
        """Runs of stock words as a (2, k) array of [start, end) word indices into the corpus."""
        if self._runs is None:
            self._share, self._runs = self._first_occurrence_coverage()
        return self._runs

    def boilerplate_shares(self) -> list[float | None]:
        """Each response's boilerplate share, None for a response without words."""
        return [None if np.isnan(x) else float(x) for x in self.boilerplate_share]

    def boilerplate(self, doc: int | str) -> tuple[Span, ...]:
        """The spans of one response covered by stock shingles (in >= ``min_docs`` petitions).

        Spans index the response's text (a Response's ``full_text``).
        """
        i = self._doc(doc)
        (starts, ends, _), df = self._doc_shingle_df(i)
        covered = _coverage(df >= self.min_docs, starts.size, self.shingle)
        text = self.texts[i]
        return tuple(Span.of(text, int(starts[a]), int(ends[b - 1])) for a, b in _runs(covered))

    def catalogue(self, *, min_words: int | None = None) -> tuple[Passage, ...]:
        """Stock passages recurring in responses to at least ``min_docs`` different petitions,
        most widespread first.

        Shingles that occur in exactly the same responses are grouped; a group becomes a
        passage read off its first response, where it is the run of stock words holding it.
        Groups whose runs mostly fall on a passage already listed (a variant with one word
        edited in a few copies) join that passage.
        """
        n = self.shingle
        need = n if min_words is None else max(n, min_words)
        frequent = np.flatnonzero(self.group_freq >= self.min_docs)
        if frequent.size == 0:
            return ()
        sig = _set_signatures(self.offsets, self.post_doc, frequent)
        order = np.lexsort((frequent, sig))
        sig_sorted, freq_sorted = sig[order], frequent[order]
        first = _first_of_groups(sig_sorted)
        group_starts = np.flatnonzero(first)
        sizes = np.diff(np.concatenate((group_starts, [sig_sorted.size])))
        reps = freq_sorted[group_starts]  # one shingle per group of identical doc sets
        ranked = np.lexsort((reps, -self.doc_freq[reps], -sizes))
        word_start = np.concatenate(([0], np.cumsum(self.word_counts))).astype(np.int64)
        run_start, run_end = self.stock_runs
        run_owner = np.full(run_start.size, -1, dtype=np.int64)
        entries: list[dict[str, Any]] = []
        for g in ranked.tolist():
            h = int(reps[g])
            lo, hi = int(self.offsets[h]), int(self.offsets[h + 1])
            docs = self.post_doc[lo:hi]
            where = word_start[docs] + self.post_pos[lo:hi]
            rid = np.searchsorted(run_start, where, side="right") - 1
            own = run_owner[rid]
            claimed = own[own >= 0]
            if claimed.size * 2 > docs.size:
                target = int(np.bincount(claimed).argmax())
                entries[target]["docs"].update(docs.tolist())
            else:
                target = len(entries)
                entries.append({"docs": set(docs.tolist()), "run": int(rid[0])})
            run_owner[rid[own < 0]] = target
        out: list[Passage] = []
        for e in entries:
            r = e["run"]
            d0 = int(np.searchsorted(word_start, run_start[r], side="right") - 1)
            a, b = int(run_start[r] - word_start[d0]), int(run_end[r] - word_start[d0])
            if b - a < need:
                continue
            starts, ends, _ = _tokenise(self.texts[d0])
            span = _snap(self.texts[d0], int(starts[a]), int(ends[b - 1]))
            docs_sorted = sorted(e["docs"])
            depts = Counter(self.departments[d] or "unknown" for d in docs_sorted)
            dates = [self.dates[d] for d in docs_sorted if self.dates[d] is not None]
            out.append(
                Passage(
                    id=0,
                    text=span.text,
                    words=len(span.text.split()),
                    documents=len(docs_sorted),
                    document_ids=tuple(self.ids[d] for d in docs_sorted),
                    departments=tuple(sorted(depts.items(), key=lambda kv: (-kv[1], kv[0]))),
                    first_date=min(dates) if dates else None,
                    last_date=max(dates) if dates else None,
                    exemplar=self.ids[d0],
                    span=span,
                    petitions=len({int(self.doc_group[d]) for d in docs_sorted}),
                )
            )
        out.sort(key=lambda p: (-p.petitions, -p.documents, -p.words, p.exemplar, p.span.start))
        return tuple(dataclasses.replace(p, id=i) for i, p in enumerate(out))

    # ---- pairs
    def shared_pairs(self, *, min_words: int = 12, max_docs: int | None = 1000) -> PairTable:
        """Pairs of responses to different petitions sharing at least ``min_words`` words of
        exact shingles (two versions of one petition are never a pair).

        Shingles found in more than ``max_docs`` responses are left out (a passage in thousands
        of responses belongs to :meth:`catalogue`, not to millions of pairs); None keeps all.
        A pair needs ``min_words - shingle + 1`` shared shingles. Use :meth:`shared_passages`
        for the passages of a pair, extended and checked word by word.
        """
        n = self.shingle
        need = max(1, min_words - n + 1)
        top = np.iinfo(np.int64).max if max_docs is None else max_docs
        keep = np.flatnonzero((self.doc_freq >= 2) & (self.doc_freq <= top))
        if keep.size == 0:
            return _empty_pairs(self.ids)
        sig = _set_signatures(self.offsets, self.post_doc, keep)
        order = np.lexsort((keep, sig))
        sig_sorted = sig[order]
        group_starts = np.flatnonzero(_first_of_groups(sig_sorted))
        weights = np.diff(np.concatenate((group_starts, [sig_sorted.size])))
        reps = keep[order][group_starts]
        df = self.doc_freq[reps]
        n_docs = np.int64(len(self.ids))
        parts_k: list[I64] = []
        parts_w: list[I64] = []
        two = df == 2
        if two.any():
            lo = self.offsets[reps[two]]
            a = self.post_doc[lo].astype(np.int64)
            b = self.post_doc[lo + 1].astype(np.int64)
            parts_k.append(np.minimum(a, b) * n_docs + np.maximum(a, b))
            parts_w.append(weights[two].astype(np.int64))
        for g in np.flatnonzero(~two).tolist():
            h = int(reps[g])
            members = np.unique(self.post_doc[self.offsets[h] : self.offsets[h + 1]]).astype(
                np.int64
            )
            ia, ib = np.triu_indices(members.size, 1)
            parts_k.append(members[ia] * n_docs + members[ib])
            parts_w.append(np.full(ia.size, int(weights[g]), dtype=np.int64))
        keys = np.concatenate(parts_k)
        w = np.concatenate(parts_w)
        order = np.argsort(keys, kind="stable")
        keys, w = keys[order], w[order]
        first = np.flatnonzero(_first_of_groups(keys.view(np.uint64)))
        total = np.add.reduceat(w, first)
        uk = keys[first]
        ok = total >= need
        # versions of one petition are carried over, not shared: never a pair
        ok &= self.doc_group[uk // n_docs] != self.doc_group[uk % n_docs]
        uk, total = uk[ok], total[ok]
        return PairTable(
            a=(uk // n_docs).astype(np.int32),
            b=(uk % n_docs).astype(np.int32),
            shared_shingles=np.minimum(total, np.iinfo(np.int32).max).astype(np.int32),
            ids=self.ids,
        )

    def shared_passages(
        self, a: int | str, b: int | str, *, min_words: int = 12, max_gap: int = 3
    ) -> tuple[SharedPassage, ...]:
        """The passages two indexed responses share (see :func:`shared_passages`)."""
        i, j = self._doc(a), self._doc(b)
        ta, tb = self.texts[i], self.texts[j]
        return _align(
            ta,
            _tokenise(ta),
            tb,
            _tokenise(tb),
            n=self.shingle,
            min_words=min_words,
            max_gap=max_gap,
        )

    # ---- query
    def query(
        self,
        text: str | Response,
        *,
        top: int = 5,
        min_words: int = 12,
        max_docs: int | None = 1000,
        group: str | None = None,
    ) -> QueryResult:
        """Look up a new text: its boilerplate (spans and share) and the responses it shares with.

        ``group`` names the text's petition: indexed versions of that petition are left out
        (their text is carried over, not boilerplate). A passage is boilerplate when it recurs
        in ``min_docs - 1`` other petitions of the index (the text's own petition makes
        ``min_docs``). ``top`` responses sharing the most shingles are returned, each with its
        shared passages; shingles in more than ``max_docs`` responses count towards boilerplate
        only.
        """
        t = _text_of(text, "text")
        if isinstance(top, bool) or not isinstance(top, int) or top < 0:
            raise InputError(f"top must be a whole number, 0 or more; got {top!r}")
        if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 1:
            raise InputError(f"min_words must be a whole number, 1 or more; got {min_words!r}")
        if max_docs is not None and (
            isinstance(max_docs, bool) or not isinstance(max_docs, int) or max_docs < 1
        ):
            raise InputError(
                f"max_docs must be a whole number, 1 or more, or None; got {max_docs!r}"
            )
        toks = _tokenise(t)
        starts, ends, tok = toks
        sh = _shingles(tok, self.shingle)
        if self.hashes.size == 0 or sh.size == 0:
            share = None if starts.size == 0 else 0.0
            return QueryResult(share, (), ())
        pos = np.minimum(np.searchsorted(self.hashes, sh), self.hashes.size - 1)
        found = self.hashes[pos] == sh
        df = np.where(found, self.doc_freq[pos], 0)
        others = np.where(found, self.group_freq[pos], 0)
        own = self._group_index.get(group) if group is not None else None
        if own is not None and bool(found.any()):
            hit = np.flatnonzero(found)
            lo, hi = self.offsets[pos[hit]], self.offsets[pos[hit] + 1]
            mine = (self.doc_group[self.post_doc[_ranges(lo, hi)]] == own).astype(np.int64)
            others[hit] -= np.add.reduceat(mine, np.concatenate(([0], np.cumsum(hi - lo)[:-1])))
        covered = _coverage(others + 1 >= self.min_docs, starts.size, self.shingle)
        spans = tuple(Span.of(t, int(starts[a]), int(ends[b - 1])) for a, b in _runs(covered))
        share = float(covered.mean()) if covered.size else None
        top_df = np.iinfo(np.int64).max if max_docs is None else max_docs
        useful = np.unique(pos[found & (df <= top_df)])
        matches: list[Match] = []
        if useful.size:
            sel = _ranges(self.offsets[useful], self.offsets[useful + 1])
            counts = np.bincount(self.post_doc[sel], minlength=len(self.ids))
            if own is not None:
                counts[self.doc_group == own] = 0
            need = max(1, min_words - self.shingle + 1)
            cand = np.flatnonzero(counts >= need)
            cand = cand[np.lexsort((cand, -counts[cand]))][:top]
            for d in cand.tolist():
                other = self.texts[d]
                passages = _align(
                    t,
                    toks,
                    other,
                    _tokenise(other),
                    n=self.shingle,
                    min_words=min_words,
                    max_gap=3,
                )
                matches.append(Match(self.ids[d], int(counts[d]), passages))
        return QueryResult(share, spans, tuple(matches))

    # ---- persistence
    def save(self, path: str | Path) -> Path:
        """Save to ``path`` (``.npz`` added if missing) and a JSON sidecar ``<path>.npz.json``.

        Returns the ``.npz`` path. The texts are kept, so spans can be shown after loading.
        The sidecar records the SHA-256 of the ``.npz``, so :meth:`load` finds a file that was
        changed, truncated or paired with another index's sidecar. An existing ``.npz`` or
        sidecar that was not written by ``save`` is never overwritten (InputError).
        """
        p = _npz_path(path)
        side = _sidecar(p)
        for existing, what in ((side, "sidecar"), (p, "index")):
            if existing.exists() and not _is_our_sidecar(side):
                raise InputError(
                    f"{str(existing)!r} exists and is not a {what} written by ReuseIndex.save; "
                    "choose another name (or delete the file yourself)"
                )
        blob = "".join(self.texts).encode("utf-8")
        lengths = np.array([len(t.encode("utf-8")) for t in self.texts], dtype=np.int64)
        try:
            with p.open("wb") as handle:
                np.savez(
                    handle,
                    hashes=self.hashes.astype(np.uint64, copy=False),
                    offsets=self.offsets.astype(np.int64, copy=False),
                    post_doc=self.post_doc.astype(np.int32, copy=False),
                    post_pos=self.post_pos.astype(np.int32, copy=False),
                    word_counts=self.word_counts.astype(np.int64, copy=False),
                    text_bytes=np.frombuffer(blob, dtype=np.uint8),
                    text_lengths=lengths,
                    shares=self.boilerplate_share.astype(np.float64, copy=False),
                    runs=self.stock_runs.astype(np.int64, copy=False),
                )
            meta = {
                "format": "respcompare-reuse-index",
                "version": _FORMAT_VERSION,
                "npz": p.name,
                "sha256": _sha256(p),
                "bytes": p.stat().st_size,
                "shingle": self.shingle,
                "min_docs": self.min_docs,
                "ids": list(self.ids),
                "departments": list(self.departments),
                "dates": [d.isoformat() if d else None for d in self.dates],
                "groups": [None if g.startswith("\x00") else g for g in self.groups],
            }
            side.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        except OSError as exc:
            raise InputError(
                f"cannot save the index to {str(p)!r} ({exc.strerror or exc}); "
                "choose a folder you can write to"
            ) from None
        return p

    @classmethod
    def load(cls, path: str | Path) -> ReuseIndex:
        """Load an index written by :meth:`save`, checking everything it reads.

        The ``.npz`` must match the SHA-256 its sidecar records, hold only uncompressed arrays
        of the expected dtypes and shapes, at most :data:`MAX_INDEX_BYTES` in all (checked
        before any array is read), with sorted unique hashes, monotone offsets, postings and
        runs in range and unique ids. Anything else is an InputError that says to rebuild it.
        """
        p = _npz_path(path)
        side = _sidecar(p)
        if not p.is_file() or not side.is_file():
            if p.is_file() and _is_our_sidecar(p.with_suffix(".json")):
                raise InputError(
                    f"{str(p)!r} was saved by an older respcompare (sidecar "
                    f"{p.with_suffix('.json').name}); rebuild it with build_index and save it"
                )
            raise InputError(
                f"no saved index at {str(p)!r} (with {side.name} beside it); "
                "write one with ReuseIndex.save(path)"
            )
        meta = _read_sidecar(side)
        return _load_checked(cls, p, meta)


#: The largest saved index :meth:`ReuseIndex.load` reads (the ``.npz`` on disk and its arrays
#: uncompressed): 4 GB, about 100 million shingles. Larger files are refused before any array
#: is read; a sidecar may hold at most 256 MB of ids, departments and dates.
MAX_INDEX_BYTES = 4 * 1024**3
_MAX_SIDECAR_BYTES = 256 * 1024**2
_ARRAYS: dict[str, tuple[type[np.generic], int]] = {
    "hashes": (np.uint64, 1),
    "offsets": (np.int64, 1),
    "post_doc": (np.int32, 1),
    "post_pos": (np.int32, 1),
    "word_counts": (np.int64, 1),
    "text_bytes": (np.uint8, 1),
    "text_lengths": (np.int64, 1),
    "shares": (np.float64, 1),
    "runs": (np.int64, 2),
}


def _npz_path(path: str | Path) -> Path:
    if not isinstance(path, (str, Path)):
        raise InputError(f"an index path must be a str or Path, not {type(path).__name__}")
    p = Path(path)
    return p if p.suffix == ".npz" else p.with_name(p.name + ".npz")


def _sidecar(npz: Path) -> Path:
    """``stock.npz`` -> ``stock.npz.json``: never the ``300239.json`` of a petition beside it."""
    return npz.with_name(npz.name + ".json")


def _is_our_sidecar(side: Path) -> bool:
    """True when ``side`` is a JSON file written by ReuseIndex.save (any version)."""
    try:
        if not side.is_file() or side.stat().st_size > _MAX_SIDECAR_BYTES:
            return False
        with side.open("rb") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return b'"format": "respcompare-reuse-index"' in head


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _broken(where: Path | str, problem: str) -> InputError:
    return InputError(
        f"{str(where)!r}: {problem}; the saved index is damaged or not respcompare's: "
        "rebuild it with build_index and save it again"
    )


def _read_sidecar(side: Path) -> dict[str, Any]:
    try:
        if side.stat().st_size > _MAX_SIDECAR_BYTES:
            raise _broken(side, f"larger than {_MAX_SIDECAR_BYTES:,} bytes")
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise _broken(side, f"cannot read the sidecar ({type(exc).__name__})") from None
    if not isinstance(meta, dict) or meta.get("format") != "respcompare-reuse-index":
        raise _broken(side, "not a respcompare reuse index sidecar")
    if meta.get("version") != _FORMAT_VERSION:
        raise _broken(side, f"format version {meta.get('version')!r}, not {_FORMAT_VERSION}")
    ids, depts, dates = meta.get("ids"), meta.get("departments"), meta.get("dates")
    if not isinstance(ids, list) or not all(isinstance(d, str) for d in ids):
        raise _broken(side, "'ids' is not a list of strings")
    if len(set(ids)) != len(ids):
        raise _broken(side, "'ids' has duplicates")
    if not isinstance(depts, list) or len(depts) != len(ids):
        raise _broken(side, "'departments' is not a list as long as 'ids'")
    if not all(d is None or isinstance(d, str) for d in depts):
        raise _broken(side, "'departments' holds something other than strings")
    if not isinstance(dates, list) or len(dates) != len(ids):
        raise _broken(side, "'dates' is not a list as long as 'ids'")
    groups = meta.get("groups")
    if groups is not None and (
        not isinstance(groups, list)
        or len(groups) != len(ids)
        or not all(g is None or isinstance(g, str) for g in groups)
    ):
        raise _broken(side, "'groups' is not a list of strings as long as 'ids'")
    try:
        meta["dates"] = [_dt.date.fromisoformat(d) if d else None for d in dates]
    except (TypeError, ValueError):
        raise _broken(side, "'dates' holds something other than ISO dates") from None
    for key, low in (("shingle", 1), ("min_docs", 2)):
        value = meta.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_SHINGLE:
            raise _broken(side, f"{key!r} is {value!r}, not a whole number >= {low}")
    if not isinstance(meta.get("sha256"), str) or not isinstance(meta.get("bytes"), int):
        raise _broken(side, "no checksum")
    return meta


def _load_checked(cls: type[ReuseIndex], p: Path, meta: dict[str, Any]) -> ReuseIndex:
    import zipfile

    if meta.get("npz") != p.name:
        raise _broken(p, f"its sidecar belongs to {meta.get('npz')!r}")
    size = p.stat().st_size
    if size > MAX_INDEX_BYTES:
        raise _broken(p, f"{size:,} bytes, more than the limit of {MAX_INDEX_BYTES:,}")
    if size != meta["bytes"] or _sha256(p) != meta["sha256"]:
        raise _broken(p, "the file does not match the checksum its sidecar records")
    try:
        with zipfile.ZipFile(p) as archive:
            members = archive.infolist()
        names = {m.filename for m in members}
        if names != {f"{k}.npy" for k in _ARRAYS} or len(members) != len(_ARRAYS):
            raise _broken(p, f"unexpected arrays {sorted(names)[:12]}")
        if any(m.compress_type != zipfile.ZIP_STORED for m in members):
            raise _broken(p, "compressed arrays (ReuseIndex.save writes them uncompressed)")
        if sum(m.file_size for m in members) > min(size, MAX_INDEX_BYTES):
            raise _broken(p, "the arrays are larger than the file")
        with np.load(p, allow_pickle=False) as z:
            arrays = {k: z[k] for k in _ARRAYS}
    except InputError:
        raise
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise _broken(p, f"cannot read the arrays ({type(exc).__name__})") from None
    for name, (dtype, ndim) in _ARRAYS.items():
        a = arrays[name]
        if a.dtype != np.dtype(dtype) or a.ndim != ndim:
            raise _broken(p, f"array {name!r} is {a.dtype}[{a.ndim}-d], not {np.dtype(dtype)}")
    _check_arrays(p, arrays, n_docs=len(meta["ids"]), shingle=meta["shingle"])
    blob = arrays["text_bytes"].tobytes()
    bounds = np.concatenate(([0], np.cumsum(arrays["text_lengths"]))).tolist()
    try:
        texts = [blob[bounds[i] : bounds[i + 1]].decode("utf-8") for i in range(len(bounds) - 1)]
    except UnicodeDecodeError:
        raise _broken(p, "a text is not UTF-8") from None
    return cls(
        ids=meta["ids"],
        texts=texts,
        departments=meta["departments"],
        dates=meta["dates"],
        word_counts=arrays["word_counts"],
        hashes=arrays["hashes"],
        offsets=arrays["offsets"],
        post_doc=arrays["post_doc"],
        post_pos=arrays["post_pos"],
        shingle=meta["shingle"],
        min_docs=meta["min_docs"],
        shares=arrays["shares"],
        runs=arrays["runs"],
        groups=meta.get("groups"),
    )


def _check_arrays(p: Path, a: dict[str, Any], *, n_docs: int, shingle: int) -> None:
    """Shapes, ranges and orders of a saved index's arrays; InputError on the first problem."""
    hashes, offsets, post_doc, post_pos = a["hashes"], a["offsets"], a["post_doc"], a["post_pos"]
    words, lengths, shares, runs = a["word_counts"], a["text_lengths"], a["shares"], a["runs"]
    checks: list[tuple[bool, str]] = [
        (words.size == n_docs and lengths.size == n_docs, "arrays not one per document"),
        (shares.size == n_docs, "'shares' not one per document"),
        (bool((words >= 0).all()) and bool((lengths >= 0).all()), "negative counts"),
        (int(lengths.sum()) == a["text_bytes"].size, "text lengths do not add up"),
        (offsets.size == hashes.size + 1, "'offsets' not one longer than 'hashes'"),
        (hashes.size == 0 or bool((hashes[1:] > hashes[:-1]).all()), "hashes not sorted"),
        (offsets.size > 0 and int(offsets[0]) == 0, "'offsets' does not start at 0"),
        (bool((offsets[1:] > offsets[:-1]).all()), "'offsets' not increasing"),
        (offsets.size > 0 and int(offsets[-1]) == post_doc.size, "'offsets' does not end"),
        (post_pos.size == post_doc.size, "postings of different lengths"),
    ]
    for ok, problem in checks:
        if not ok:
            raise _broken(p, problem)
    if post_doc.size:
        if int(post_doc.min()) < 0 or int(post_doc.max()) >= n_docs:
            raise _broken(p, "a posting names a document that is not there")
        room = words[post_doc.astype(np.int64)] - shingle
        if int(post_pos.min()) < 0 or bool((post_pos > room).any()):
            raise _broken(p, "a posting lies outside its document")
        same = np.ones(post_doc.size, dtype=bool)
        same[offsets[:-1]] = False
        step = np.diff(post_doc.astype(np.int64), prepend=-1)
        if bool((step[same] <= 0).any()):
            raise _broken(p, "a shingle lists a document twice or out of order")
    known = shares[~np.isnan(shares)]
    if bool(((known < 0) | (known > 1)).any()) or bool((np.isnan(shares) & (words > 0)).any()):
        raise _broken(p, "'shares' outside [0, 1]")
    total = int(words.sum())
    if runs.shape[0] != 2 or (
        runs.shape[1]
        and (
            int(runs.min()) < 0
            or int(runs.max()) > total
            or bool((runs[1] <= runs[0]).any())
            or bool((runs[0, 1:] < runs[1, :-1]).any())
        )
    ):
        raise _broken(p, "'runs' out of range or order")


def _empty_pairs(ids: tuple[str, ...]) -> PairTable:
    z = np.zeros(0, dtype=np.int32)
    return PairTable(z, z.copy(), z.copy(), ids)


def _ranges(lo: I64, hi: I64) -> I64:
    """Concatenation of ``arange(lo[i], hi[i])`` for all i, vectorised."""
    lens = (hi - lo).astype(np.int64)
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return starts + np.arange(total, dtype=np.int64)


def _shares(word_counts: I64, docs: I32, pos: I32, n: int) -> tuple[npt.NDArray[np.float64], I64]:
    """Share of each document's words covered by the shingles at (docs, pos), and the covered
    runs as a (2, k) array of [start, end) word indices into the whole corpus."""
    word_start = np.concatenate(([0], np.cumsum(word_counts))).astype(np.int64)
    size = int(word_start[-1])
    starts = word_start[docs.astype(np.int64)] + pos.astype(np.int64)
    diff = np.bincount(starts, minlength=size + n + 1)[: size + n + 1].astype(np.int64)
    diff -= np.bincount(starts + n, minlength=size + n + 1)[: size + n + 1]
    covered = np.cumsum(diff[:size]) > 0
    shares = np.full(word_counts.size, np.nan)
    has = np.flatnonzero(word_counts > 0)
    if has.size:
        cov = np.add.reduceat(covered.astype(np.int64), word_start[has])
        # reduceat sums up to the next listed start: empty documents in between add nothing
        shares[has] = cov / word_counts[has]
    # runs never cross documents: a shingle lies inside one, so split at document starts too
    cut = np.zeros(size + 1, dtype=np.int8)
    cut[word_start[:-1]] = 1
    edge = np.diff(np.concatenate(([False], covered, [False])).astype(np.int8))
    run_start = np.flatnonzero((edge[:-1] == 1) | ((cut[:size] == 1) & covered))
    run_end = np.flatnonzero((edge[1:] == -1) | ((cut[1:] == 1) & covered))
    return np.clip(shares, 0.0, 1.0), np.stack((run_start, run_end + 1)).astype(np.int64)


def _set_signatures(offsets: I64, post_doc: I32, groups: I64) -> U64:
    """An order-free 64-bit signature of the document set of each shingle in ``groups``."""
    lo, hi = offsets[groups], offsets[groups + 1]
    sel = _ranges(lo, hi)
    mixed = _mix(post_doc[sel].astype(np.uint64) + np.uint64(1))
    starts = np.concatenate(([0], np.cumsum(hi - lo)[:-1]))
    with np.errstate(over="ignore"):
        summed = np.add.reduceat(mixed, starts)
        xored = np.bitwise_xor.reduceat(_mix(mixed), starts)
        return summed ^ (xored * np.uint64(0x9E3779B97F4A7C15)) ^ _mix((hi - lo).astype(np.uint64))


def _group_counts(offsets: I64, post_doc: I32, doc_group: I32, n_groups: int) -> I64:
    """Per shingle, the number of different groups among the documents it occurs in.

    Most shingles occur once; of the rest most occur twice (compared directly); only the
    postings of shingles in three or more documents are sorted by (shingle, group).
    """
    df = np.diff(offsets).astype(np.int64)
    if n_groups >= doc_group.size:  # every document its own group
        return df
    out = df.copy()
    two = np.flatnonzero(df == 2)
    if two.size:
        lo = offsets[two]
        out[two] -= doc_group[post_doc[lo]] == doc_group[post_doc[lo + 1]]
    many = np.flatnonzero(df >= 3)
    if many.size:
        sel = _ranges(offsets[many], offsets[many + 1])
        owner = np.repeat(np.arange(many.size, dtype=np.int64), df[many])
        key = owner * np.int64(n_groups) + doc_group[post_doc[sel]].astype(np.int64)
        key.sort()
        first = _first_of_groups(key.view(np.uint64))
        out[many] = np.bincount(key[first] // n_groups, minlength=many.size)
    return out


#: A passage's ends move to a sentence boundary this many words away or fewer.
SNAP_WORDS = 4


def _snap(text: str, start: int, end: int, *, within: int = SNAP_WORDS) -> Span:
    """The span [start, end) of ``text`` widened to whole words (runs of non-space), then moved
    to the nearest sentence start and end within ``within`` words, when there is one."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    from .segment import segment

    sentences = segment(text).sentences

    def apart(a: int, b: int) -> int:
        lo, hi = min(a, b), max(a, b)
        return len(text[lo:hi].split())

    best_start = min(
        (s.start for s in sentences if apart(s.start, start) <= within),
        key=lambda x: (apart(x, start), x < start, x),
        default=start,
    )
    best_end = min(
        (s.end for s in sentences if apart(s.end, end) <= within),
        key=lambda x: (apart(x, end), x > end, x),
        default=end,
    )
    if best_end > best_start and 2 * apart(best_start, best_end) >= apart(start, end):
        start, end = best_start, best_end
    return Span.of(text, start, end)


def _argsort_hashes(sh: U64) -> I64:
    """A stable argsort of 64-bit hashes, fast: sort (hash prefix | index) keys, then repair.

    ``np.sort`` of uint64 is several times faster than ``np.argsort``; packing the index into
    the low bits of the key gives the permutation, and a stable pass over the nearly sorted
    full hashes orders the rare prefixes shared by different hashes.
    """
    if sh.size == 0:
        return np.zeros(0, dtype=np.int64)
    bits = max(1, int(sh.size - 1).bit_length())
    if bits > 40:
        return np.argsort(sh, kind="stable").astype(np.int64)
    mask = np.uint64((1 << bits) - 1)
    keys = (sh & ~mask) | np.arange(sh.size, dtype=np.uint64)
    keys.sort()
    order = (keys & mask).astype(np.int64)
    full = sh[order]
    if sh.size > 1 and bool((full[1:] < full[:-1]).any()):
        order = order[np.argsort(full, kind="stable")]
    return order


def build_index(
    docs: Iterable[Document | Response | str],
    *,
    shingle: int = 8,
    min_docs: int = 5,
    executor: Executor | None = None,
    chunk_size: int = 2000,
) -> ReuseIndex:
    """Index a corpus of responses by their word shingles.

    ``docs`` are :class:`Document` objects (see :func:`documents` for cases), Responses or
    strings (ids ``"0"``, ``"1"``, ...). ``min_docs`` is the number of different petitions
    (groups, :attr:`Document.group`; a document without one is its own) a passage must recur in
    to count as boilerplate: versions of one petition count once. ``executor`` runs the
    tokenising and hashing of each chunk of ``chunk_size`` responses (any
    :class:`concurrent.futures.Executor`, including a dask ``client.get_executor()``); the
    index is the same with or without one. Building is a
    map and a reduce: :func:`shingle_shard` per chunk (on the executor), then
    :func:`merge_shards` of the sorted shards, then the postings and shares.

    >>> idx = build_index(["one two three four five", "one two three four six"], shingle=4,
    ...                   min_docs=2)
    >>> len(idx), idx.shared_pairs(min_words=4).keys().tolist()
    (2, [1])
    """
    _check_shingle(shingle)
    if isinstance(docs, (str, bytes)):
        raise InputError(
            "build_index takes a list of texts, Responses or Documents, not one string: "
            "wrap it in a list"
        )
    if (
        isinstance(min_docs, bool)
        or not isinstance(min_docs, int)
        or not 2 <= min_docs <= MAX_MIN_DOCS
    ):
        raise InputError(
            f"min_docs must be a whole number from 2 to {MAX_MIN_DOCS:,}, got {min_docs!r}"
        )
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise InputError(f"chunk_size must be a whole number >= 1, got {chunk_size!r}")
    if executor is not None and not isinstance(executor, Executor):
        raise InputError(
            f"executor= must be a concurrent.futures.Executor, not {type(executor).__name__}"
        )
    ids: list[str] = []
    texts: list[str] = []
    departments: list[str | None] = []
    dates: list[_dt.date | None] = []
    groups: list[str | None] = []
    results: list[Future[Shard] | Shard] = []
    chunk: list[str] = []

    def flush() -> None:
        if not chunk:
            return
        batch = list(chunk)
        chunk.clear()
        if executor is None:
            results.append(shingle_shard(batch, shingle=shingle))
        else:
            results.append(executor.submit(shingle_shard, batch, shingle=shingle))

    for i, item in enumerate(docs):
        d = _as_document(item, i)
        ids.append(d.id)
        texts.append(d.text)
        departments.append(d.department)
        dates.append(d.date)
        groups.append(d.group)
        chunk.append(d.text)
        if len(chunk) >= chunk_size:
            flush()
    flush()
    if len(set(ids)) != len(ids):
        dup = next(x for x, c in Counter(ids).items() if c > 1)
        raise InputError(f"document ids must be unique; {dup!r} appears more than once")
    merged = merge_shards([r.result() if isinstance(r, Future) else r for r in results])
    results.clear()
    word_counts, sh, sdoc, spos = merged.word_counts, merged.hashes, merged.docs, merged.positions
    del merged
    new_hash = _first_of_groups(sh)
    new_pair = new_hash.copy()
    if sh.size > 1:
        new_pair[1:] |= sdoc[1:] != sdoc[:-1]
    keep = np.flatnonzero(new_pair)
    del new_pair
    hashes = sh[new_hash]
    del sh
    offsets = np.concatenate((np.flatnonzero(new_hash[keep]), [keep.size])).astype(np.int64)
    post_doc = sdoc[keep]
    named = [f"\x00{d}" if g is None else g for d, g in zip(ids, groups, strict=True)]
    group_of = {g: k for k, g in enumerate(dict.fromkeys(named))}
    doc_group = np.array([group_of[g] for g in named], dtype=np.int32).reshape(-1)
    group_freq = _group_counts(offsets, post_doc, doc_group, len(group_of))
    hash_id = np.cumsum(new_hash, dtype=np.int32) - 1
    stock = group_freq[hash_id] >= min_docs  # every occurrence, not just the first in a response
    shares, runs = _shares(word_counts, sdoc[stock], spos[stock], shingle)
    del hash_id, stock
    return ReuseIndex(
        ids=ids,
        texts=texts,
        departments=departments,
        dates=dates,
        word_counts=word_counts,
        hashes=hashes,
        offsets=offsets,
        post_doc=post_doc,
        post_pos=spos[keep],
        shingle=shingle,
        min_docs=min_docs,
        shares=shares,
        runs=runs,
        groups=groups,
        group_freq=group_freq,
    )


# --------------------------------------------------------------------------- within a case


def carried_over(original: str | Response, revised: str | Response) -> tuple[Span, ...]:
    """Sentences of the revision carried over verbatim from the original (unchanged or moved).

    The sentences :func:`respcompare.align` marks unchanged or moved; spans index the revision
    (a Response's ``full_text``), in order. See
    :func:`respcompare.alignment.carried_over`, which reads them off an alignment you already have.

    >>> old = "We take this seriously. Funding rose to £5m. We will consider it."
    >>> new = "We take this seriously. We will publish the review. Funding rose to £5m."
    >>> [s.text for s in carried_over(old, new)]
    ['We take this seriously.', 'Funding rose to £5m.']
    """
    from .alignment import align
    from .alignment import carried_over as _carried

    a, b = _text_of(original, "original"), _text_of(revised, "revised")
    return _carried(align(a, b, with_effects=False))


def carried_over_share(original: str | Response, revised: str | Response) -> float | None:
    """Share of the revision's sentence characters carried over verbatim from the original.

    The one definition respcompare uses everywhere
    (:func:`respcompare.alignment.carried_over_share`); None when the revision has no sentences.

    >>> carried_over_share("We agree. We act.", "We agree. We will publish it in full.")
    0.25
    """
    from .alignment import align
    from .alignment import carried_over_share as _share

    a, b = _text_of(original, "original"), _text_of(revised, "revised")
    return _share(align(a, b, with_effects=False))
