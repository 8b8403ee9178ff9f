"""Sentence alignment of two versions of a response, with moves, splits, merges and word edits.

The method, in order:

1. Sentences come from :func:`respcompare.segment.segment` (cached, so a response is cut once
   however many stages read it).
2. *Exact anchors*: sentences whose text is identical up to white space are paired, the k-th
   occurrence on one side with the k-th on the other.
3. The remaining sentences are compared word by word with RapidFuzz: each distinct lower-cased
   word becomes one character, and ``process.cdist`` gives the word LCS of every pair (the
   similarity is ``fuzz.ratio``'s Indel ratio, ``2 * lcs / (len_a + len_b)``) and, over the
   words sorted, their multiset overlap. Runs of 2..``max_parts`` adjacent sentences whose every
   part is contained in a sentence of the other side are scored joined, for splits and merges.
   Candidates are taken greedily, best first, one use per sentence.
4. *Moves*: the heaviest chain of pairs that keeps its order on both sides (a heaviest increasing
   subsequence, exact anchors weighing most) is the backbone; a pair that crosses it was moved.
5. Inside every edited pair, word-level opcodes (an LCS over words, ``Indel.opcodes``) with a
   semantic clean-up: a short run of equal words sandwiched between two larger changes is folded
   into the change, so no one-word islands such as "a" or "the" survive.

Everything is symmetric: ``align(b, a)`` is the mirror of ``align(a, b)`` (added <-> removed,
split <-> merged, the same pairs).
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, pairwise, repeat
from itertools import chain as concat
from operator import add, sub
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import process
from rapidfuzz.distance import Indel, LCSseq

from ..errors import InputError
from ..model import Response, Span, replace_surrogates
from ..segment import segment, word_count

if TYPE_CHECKING:
    from .effects import Effect

__all__ = [
    "KINDS",
    "MAX_CANDIDATES",
    "MAX_DENSE_PAIRS",
    "MAX_WORD_CELLS",
    "AlignOp",
    "AlignOptions",
    "AlignSummary",
    "Alignment",
    "MoveGroup",
    "OpKind",
    "WordEdit",
    "align_texts",
]

OpKind = Literal[
    "unchanged", "edited", "moved", "moved-edited", "added", "removed", "split", "merged"
]
KINDS: tuple[OpKind, ...] = (
    "unchanged",
    "edited",
    "moved",
    "moved-edited",
    "added",
    "removed",
    "split",
    "merged",
)
WordTag = Literal["equal", "replace", "delete", "insert"]
MIRROR: Mapping[str, OpKind] = {
    "unchanged": "unchanged",
    "edited": "edited",
    "moved": "moved",
    "moved-edited": "moved-edited",
    "added": "removed",
    "removed": "added",
    "split": "merged",
    "merged": "split",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignOptions:
    """Thresholds of the alignment; all keyword-only, all similarities in [0, 1].

    Attributes
    ----------
    edit_threshold
        Least word-level similarity (Indel ratio on lower-cased words) for two sentences to count
        as one sentence edited rather than one removed and one added. Default 0.5.
    split_threshold
        Least similarity between a sentence and 2..``max_parts`` adjacent sentences joined, for a
        split (or, the other way round, a merge). Default 0.7.
    split_margin
        How much the joined match must beat the best single-sentence match. Default 0.02.
    part_containment
        Share of each part's words that must occur in the sentence it was split from. Default 0.6.
    max_parts
        Most sentences a split produces or a merge consumes. Default 3.
    cleanup
        Fold short equal islands inside word-level edits into the surrounding change. Default True.

    >>> AlignOptions(edit_threshold=0.6).edit_threshold
    0.6
    """

    edit_threshold: float = 0.5
    split_threshold: float = 0.7
    split_margin: float = 0.02
    part_containment: float = 0.6
    max_parts: int = 3
    cleanup: bool = True

    def __post_init__(self) -> None:
        for name in ("edit_threshold", "split_threshold", "split_margin", "part_containment"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise InputError(f"AlignOptions.{name} must be a number in [0, 1], got {value!r}")
        if not isinstance(self.max_parts, int) or self.max_parts < 2:
            raise InputError(f"AlignOptions.max_parts must be an int >= 2, got {self.max_parts!r}")


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One word-level opcode inside an edited pair; ``a`` and ``b`` index each side's text.

    An insertion has an empty ``a`` span at the place of insertion, a deletion an empty ``b``.
    """

    tag: WordTag
    a: Span
    b: Span


@dataclass(frozen=True, slots=True)
class AlignOp:
    """One alignment operation.

    ``a``/``b`` are the spans on each side (None on the side an added/removed sentence lacks;
    several sentences of a split or merge are covered by one span from the first to the last).
    ``a_sentences``/``b_sentences`` are sentence indices. ``similarity`` is 1.0 for verbatim
    pairs, the word-level similarity for edits, splits and merges, 0.0 for added/removed.
    ``in_order`` says whether the pair lies on the order-keeping backbone; ``move_group`` links
    a moved op to its :class:`MoveGroup`. ``words`` holds word-level opcodes for non-verbatim
    pairs; ``effects`` what the op did to the answer.
    """

    kind: OpKind
    a: Span | None
    b: Span | None
    a_sentences: tuple[int, ...]
    b_sentences: tuple[int, ...]
    similarity: float
    in_order: bool = True
    move_group: int | None = None
    words: tuple[WordEdit, ...] = ()
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True, slots=True)
class MoveGroup:
    """Sentences moved together: the source span in ``a``, the destination in ``b``, the ops."""

    id: int
    a: Span
    b: Span
    ops: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class AlignSummary:
    """``unchanged_share``: share of words (both sides) in sentences carried over verbatim
    (unchanged or moved); ``kept_share`` also counts equal words inside edits; ``counts`` the
    number of ops of each kind."""

    unchanged_share: float
    kept_share: float
    counts: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two versions of a response aligned sentence by sentence. Spans index ``a_text``/``b_text``
    (for a :class:`~respcompare.model.Response`, its ``full_text``).

    ``capped`` is True when the texts were too long to compare every sentence with every other
    (more than :data:`MAX_DENSE_PAIRS` pairs of unmatched sentences): sentences were then
    compared only with the sentences sharing a rare word with them (at most
    :data:`MAX_CANDIDATES` each), so a pair made only of common words may show as removed and
    added; or when a sentence pair was too long for word-level edits (more than
    :data:`MAX_WORD_CELLS` word pairs). ``notes`` says what was limited.
    """

    a_text: str
    b_text: str
    a_sentences: tuple[Span, ...]
    b_sentences: tuple[Span, ...]
    ops: tuple[AlignOp, ...]
    moves: tuple[MoveGroup, ...] = ()
    a_label: str = "a"
    b_label: str = "b"
    options: AlignOptions = field(default_factory=AlignOptions)
    capped: bool = False
    notes: tuple[str, ...] = ()

    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """A monotone view in difflib's ``(tag, i1, i2, j1, j2)`` shape over sentence indices.

        Moves cannot be monotone, so a moved sentence shows as a delete plus an insert here; the
        full picture is in :attr:`ops`.

        >>> from respcompare import align
        >>> align("We act. We fund it.", "We act. New one here.").opcodes()
        [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2)]
        """
        chain = sorted(
            (op for op in self.ops if op.in_order and op.a_sentences and op.b_sentences),
            key=lambda op: op.a_sentences[0],
        )
        out: list[tuple[str, int, int, int, int]] = []

        def emit(tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
            if out and out[-1][0] == tag and out[-1][2] == i1 and out[-1][4] == j1:
                out[-1] = (tag, out[-1][1], i2, out[-1][3], j2)
            else:
                out.append((tag, i1, i2, j1, j2))

        ia = ib = 0
        for op in [*chain, None]:
            a_lo = op.a_sentences[0] if op else len(self.a_sentences)
            b_lo = op.b_sentences[0] if op else len(self.b_sentences)
            if a_lo > ia and b_lo > ib:
                emit("replace", ia, a_lo, ib, b_lo)
            elif a_lo > ia:
                emit("delete", ia, a_lo, ib, ib)
            elif b_lo > ib:
                emit("insert", ia, ia, ib, b_lo)
            if op is None:
                break
            a_hi, b_hi = op.a_sentences[-1] + 1, op.b_sentences[-1] + 1
            emit("equal" if op.kind == "unchanged" else "replace", a_lo, a_hi, b_lo, b_hi)
            ia, ib = a_hi, b_hi
        return out

    def summary(self) -> AlignSummary:
        """Share of text carried over and the number of ops of each kind.

        >>> s = align_texts("Same here. Old one.", "Same here. Brand new.").summary()
        >>> s.counts["unchanged"], s.counts["added"], s.unchanged_share
        (1, 1, 0.5)
        """
        counts = Counter(op.kind for op in self.ops)
        total = sum(_nwords(s.text) for s in self.a_sentences) + sum(
            _nwords(s.text) for s in self.b_sentences
        )
        same = 0
        kept = 0
        for op in self.ops:
            both = _nwords(op.a.text if op.a else "") + _nwords(op.b.text if op.b else "")
            if op.kind in ("unchanged", "moved"):
                same += both
                kept += both
            else:
                kept += sum(
                    _nwords(w.a.text) + _nwords(w.b.text) for w in op.words if w.tag == "equal"
                )
        return AlignSummary(
            unchanged_share=round(same / total, 4) if total else 1.0,
            kept_share=round(kept / total, 4) if total else 1.0,
            counts={k: counts.get(k, 0) for k in KINDS},
        )

    def of_kind(self, *kinds: OpKind) -> tuple[AlignOp, ...]:
        """The ops of the given kinds, in order."""
        return tuple(op for op in self.ops if op.kind in kinds)

    def to_dict(self) -> dict[str, Any]:
        """The alignment as plain JSON types (spans as ``{"start", "end", "text"}``)."""
        from .render import to_dict

        return to_dict(self)

    def to_html(self) -> str:
        """A self-contained side-by-side HTML table (inline CSS, no JavaScript)."""
        from .render import to_html

        return to_html(self)

    def to_markdown(self) -> str:
        """An inline redline in Markdown."""
        from .render import to_markdown

        return to_markdown(self)

    def _repr_html_(self) -> str:
        return self.to_html()


def _nwords(text: str) -> int:
    if len(text) > 2_000:
        return word_count(text)
    return _nwords_short(text)


@lru_cache(maxsize=8192)
def _nwords_short(text: str) -> int:
    """Words of a sentence, remembered (a summary counts every sentence of every op)."""
    return word_count(text) if text else 0


# --------------------------------------------------------------------------------------------
# the algorithm


@dataclass(slots=True)
class _Match:
    a: tuple[int, ...]
    b: tuple[int, ...]
    sim: float
    exact: bool


def _norm(text: str) -> str:
    """``text`` with each white space run as one space, no blank edges (the exact-match key).
    Every white space character but the plain space is unprintable, so most texts are already
    normal."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def _key(x: int, y: int) -> tuple[int, int]:
    """An order-free tie key from two checksums (the same for ``align(a, b)`` and the mirror)."""
    return (x, y) if x <= y else (y, x)


# Punctuation and white space -> a plain space, one character for one, so offsets survive.
# Apostrophes stay inside words ("isn't", "Government’s").
_BLANK_CHARS = (
    '!"#&()*+,./:;<=>?@[\\]^_`{|}~\t\n\r\x0b\x0c\u00a0\u2018\u201c\u201d'
    "\u2013\u2014\u2026\u2022\u00b7-"
)
_BLANK = re.compile(f"[{re.escape(_BLANK_CHARS)}]")


# One character per distinct word: the first 256 words get the one-byte characters (a string of
# them is stored one byte per character, and sorting or joining it reuses cached characters),
# the rest the other code points, surrogates skipped; the first 4096 made once, at import.
_CODE_CHARS = tuple(map(chr, range(0x1000)))


def _more_code_chars() -> Iterator[str]:
    """The code characters after the first 4096, made as needed."""
    return map(chr, concat(range(len(_CODE_CHARS), 0xD800), range(0xE000, 0x110000)))


@dataclass(slots=True)
class _Coded:
    """The words of a list of sentences, coded one character per word (the same word, the same
    character, in every sentence of the list: RapidFuzz then compares word sequences at string
    speed, and joining sentences is concatenation), with each word's place in its text."""

    codes: list[str]  # per sentence
    first: list[int]  # per sentence: index of its first word in ``starts``/``lens``
    shift: list[int]  # per sentence: add to a word's offset in the joined text for its own
    starts: list[int]  # per word: offset in the joined text
    lens: list[int]  # per word: length

    def words(self, p: int) -> tuple[list[int], list[int]]:
        """Absolute starts and lengths of the words of the ``p``-th sentence."""
        lo = self.first[p]
        hi = lo + len(self.codes[p])
        return list(map(add, self.starts[lo:hi], repeat(self.shift[p]))), self.lens[lo:hi]


def _code_words(texts: list[str], bases: list[int]) -> _Coded:
    """Code the words of ``texts`` (sentences starting at ``bases`` in their own texts) in one
    pass over the sentences joined by a space: lower-cased (unless that changes the length, as
    a rare letter can), punctuation blanked, split on spaces."""
    if not texts:
        return _Coded([], [], [], [], [])
    joined = " ".join(texts)
    low = joined.lower()
    if len(low) != len(joined):  # keep the case of just the sentences it would lengthen
        low = " ".join(t.lower() if len(t.lower()) == len(t) else t for t in texts)
    pieces = _BLANK.sub(" ", low).split(" ")
    lens = list(map(len, pieces))
    starts = list(compress(accumulate(map(add, lens, repeat(1)), initial=0), lens))
    tokens = list(filter(None, pieces))
    # a word's code is the next free character, given the first time the word is looked up
    vocab: defaultdict[str, str] = defaultdict(concat(_CODE_CHARS, _more_code_chars()).__next__)
    code = "".join(map(vocab.__getitem__, tokens))
    # sentence p covers [at[p], at[p] + len) of the joined text; its words start inside that
    at = list(accumulate(map(add, map(len, texts), repeat(1)), initial=0))
    first = [bisect_left(starts, x) for x in at]
    codes = [code[lo:hi] for lo, hi in pairwise(first)]
    return _Coded(codes, first, list(map(sub, bases, at)), starts, list(filter(None, lens)))


_Cand = tuple[float, int, tuple[int, ...], tuple[int, ...]]  # score, size, a and b indices

#: Up to this many pairs of unmatched sentences (500 x 500; real responses have at most a few
#: hundred sentences) every sentence is compared with every other, exactly. Past it, each
#: sentence is compared only with the sentences that share one of its rarer words, and
#: :attr:`Alignment.capped` says so: time and memory grow with the number of sentences, not
#: with its square.
MAX_DENSE_PAIRS = 250_000
#: In a capped alignment, the most sentences of the other side one sentence is compared with
#: (those sharing the most of its rarer words).
MAX_CANDIDATES = 48
#: In a capped alignment, a word found in more than this many sentences of the other side is
#: too common to pair sentences by.
_MAX_POSTINGS = 64


class _Scores(dict[int, float]):
    """Similarities of one sentence with the candidates of the other side; 0.0 for the rest."""

    def __missing__(self, key: int) -> float:
        return 0.0


class _Checksums:
    """CRC-32 of each sentence's normalised text, computed on first use."""

    __slots__ = ("_memo", "_norm")

    def __init__(self, a_norm: list[str], b_norm: list[str]) -> None:
        self._norm = (a_norm, b_norm)
        self._memo: dict[tuple[int, int], int] = {}

    def __call__(self, side: int, k: int) -> int:
        got = self._memo.get((side, k))
        if got is None:
            got = self._memo[(side, k)] = _crc(self._norm[side][k])
        return got

    def of(self, side: int, run: tuple[int, ...]) -> int:
        """The checksum of sentences ``run`` of ``side`` joined by a space."""
        if len(run) == 1:
            return self(side, run[0])
        return _crc(" ".join(self._norm[side][k] for k in run))


def _many(
    side: int,
    one: list[int],
    other: list[int],
    one_code: list[str],
    other_code: list[str],
    parts: list[list[int]],
    single: Sequence[Sequence[float]] | Sequence[Mapping[int, float]],
    opts: AlignOptions,
) -> list[_Cand]:
    """Split (side 0) or merge (side 1) candidates: the ``r``-th free sentence of ``side``
    against runs of 2..max_parts adjacent free sentences of the other side, each run drawn from
    ``parts[r]``, the positions (in ``other``) of the sentences contained in it. ``single[r][q]``
    is the similarity of sentence ``r`` with the ``q``-th of ``other``; codes are by position."""
    out: list[_Cand] = []
    for r, inside in enumerate(parts):
        if len(inside) < 2:
            continue
        whole = one_code[r]
        for x, p in enumerate(inside):
            run = [p]
            for q in inside[x + 1 : x + opts.max_parts]:
                if q != run[-1] + 1 or other[q] != other[run[-1]] + 1:
                    break
                run.append(q)
                joined = "".join([other_code[t] for t in run])
                v = 2.0 * LCSseq.similarity(whole, joined) / (len(whole) + len(joined))
                if v < opts.split_threshold:
                    continue
                s = round(v, 6)
                if s < max(single[r][t] for t in run) + opts.split_margin:
                    continue
                i, ks = one[r], tuple(other[t] for t in run)
                size = 1 + len(ks)
                out.append((s, size, (i,), ks) if side == 0 else (s, size, ks, (i,)))
    return out


def _fuzzy_matches(
    a_code: list[str],
    b_code: list[str],
    ua: list[int],
    ub: list[int],
    a_norm: list[str],
    b_norm: list[str],
    opts: AlignOptions,
    capped: list[str],
) -> list[_Match]:
    """Greedy best-first 1:1, split and merge pairs among the sentences left after anchors.

    Two RapidFuzz matrices over the free sentences' word codes: the word LCS (the similarity is
    fuzz.ratio's Indel ratio, ``2 * lcs / (len_a + len_b)``) and the multiset overlap (the LCS
    of the codes sorted). A run of sentences can be a split part only where each part is
    contained in the whole (``part_containment`` of its words, with multiplicity, which the
    overlap gives exactly), so only those runs are scored."""
    ua = [i for i in ua if a_code[i]]
    ub = [j for j in ub if b_code[j]]
    if not ua or not ub:
        return []
    ca = [a_code[i] for i in ua]
    cb = [b_code[j] for j in ub]
    if len(ca) * len(cb) > MAX_DENSE_PAIRS:
        return _sparse_matches(ca, cb, ua, ub, a_norm, b_norm, opts, capped)
    la = list(map(len, ca))
    lb = list(map(len, cb))
    lcs = process.cdist(ca, cb, scorer=LCSseq.similarity).tolist()
    bag = process.cdist(
        ["".join(sorted(c)) for c in ca], ["".join(sorted(c)) for c in cb], scorer=LCSseq.similarity
    ).tolist()
    edit, share = opts.edit_threshold, opts.part_containment
    need_b = [share * n for n in lb]
    # candidate: (score, size, a indices, b indices)
    cands: list[_Cand] = []
    single: list[list[float]] = []
    b_in_a: list[list[int]] = []  # per a: the b positions contained in it (split parts)
    a_in_b: list[list[int]] = [[] for _ in ub]  # per b: the a positions contained in it
    for r, (row, over, n) in enumerate(zip(lcs, bag, la, strict=True)):
        sims = [2.0 * x / (n + m) for x, m in zip(row, lb, strict=True)]
        single.append(sims)
        for c, v in enumerate(sims):
            if v >= edit:
                cands.append((round(v, 6), 2, (ua[r],), (ub[c],)))
        b_in_a.append(
            [c for c, (o, need) in enumerate(zip(over, need_b, strict=True)) if o >= need]
        )
        need_a = share * n
        for c, o in enumerate(over):
            if o >= need_a:
                a_in_b[c].append(r)
    cands += _many(0, ua, ub, ca, cb, b_in_a, single, opts)  # splits: one a, many b
    single_t = [list(col) for col in zip(*single, strict=True)]
    cands += _many(1, ub, ua, cb, ca, a_in_b, single_t, opts)  # merges: many a, one b
    return _take_best(cands, a_norm, b_norm)


def _sparse_matches(
    ca: list[str],
    cb: list[str],
    ua: list[int],
    ub: list[int],
    a_norm: list[str],
    b_norm: list[str],
    opts: AlignOptions,
    capped: list[str],
) -> list[_Match]:
    """:func:`_fuzzy_matches` for long texts: the same candidates and choice, but each sentence
    is scored only against the sentences sharing one of its rarer words (a word in at most
    ``_MAX_POSTINGS`` sentences of the other side), at most ``MAX_CANDIDATES`` of them, the
    ones sharing the most such words. Linear in the number of sentences."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for c, code in enumerate(cb):
        for ch in set(code):
            postings[ch].append(c)
    skipped = 0
    truncated = 0
    near: list[list[int]] = []
    for code in ca:
        shared: Counter[int] = Counter()
        for ch in set(code):
            hits = postings.get(ch)
            if not hits:
                continue
            if len(hits) > _MAX_POSTINGS:
                skipped += 1
                continue
            shared.update(hits)
        if len(shared) > MAX_CANDIDATES:
            truncated += 1
            ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
            near.append(sorted(c for c, _ in ranked))
        else:
            near.append(sorted(shared))
    edit, share = opts.edit_threshold, opts.part_containment
    cands: list[_Cand] = []
    single: list[_Scores] = []
    single_t: list[_Scores] = [_Scores() for _ in cb]
    b_in_a: list[list[int]] = []
    a_in_b: list[list[int]] = [[] for _ in cb]
    for r, cols in enumerate(near):
        whole = ca[r]
        n = len(whole)
        bag_a = "".join(sorted(whole))
        sims = _Scores()
        inside: list[int] = []
        for c in cols:
            other = cb[c]
            m = len(other)
            v = 2.0 * LCSseq.similarity(whole, other) / (n + m)
            sims[c] = v
            single_t[c][r] = v
            if v >= edit:
                cands.append((round(v, 6), 2, (ua[r],), (ub[c],)))
            o = LCSseq.similarity(bag_a, "".join(sorted(other)))
            if o >= share * m:
                inside.append(c)
            if o >= share * n:
                a_in_b[c].append(r)
        single.append(sims)
        b_in_a.append(inside)
    cands += _many(0, ua, ub, ca, cb, b_in_a, single, opts)  # splits: one a, many b
    cands += _many(1, ub, ua, cb, ca, a_in_b, single_t, opts)  # merges: many a, one b
    capped.append(
        f"{len(ca)} x {len(cb)} unmatched sentences, more than {MAX_DENSE_PAIRS:,} pairs: each "
        f"sentence compared only with sentences sharing a rarer word (at most {MAX_CANDIDATES}); "
        f"{skipped:,} common-word lookups skipped, {truncated:,} sentences' candidates cut"
    )
    return _take_best(cands, a_norm, b_norm)


def _take_best(cands: list[_Cand], a_norm: list[str], b_norm: list[str]) -> list[_Match]:
    """Candidates taken greedily, best first, one use per sentence."""
    # best first; equal scores and sizes by an order-free checksum of the two sides' texts (the
    # same for align(a, b) and its mirror), computed only for the candidates that tie
    ties = Counter((c[0], c[1]) for c in cands)
    crc = _Checksums(a_norm, b_norm)
    cands.sort(
        key=lambda c: (
            -c[0],
            -c[1],
            _key(crc.of(0, c[2]), crc.of(1, c[3])) if ties[(c[0], c[1])] > 1 else (0, 0),
            min(c[2]) + min(c[3]),
        )
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[_Match] = []
    for s, _, ai, bj in cands:
        if used_a.isdisjoint(ai) and used_b.isdisjoint(bj):
            used_a.update(ai)
            used_b.update(bj)
            out.append(_Match(ai, bj, s, False))
    return out


def _backbone(matches: list[_Match], a_norm: list[str], b_norm: list[str]) -> set[int]:
    """Indices of the heaviest chain of matches in order on both sides (exact anchors first)."""
    order = sorted(range(len(matches)), key=lambda k: matches[k].a[0])
    n = len(order)
    if not n:
        return set()
    b_lo: list[int] = []
    b_hi: list[int] = []
    weights: list[int] = []
    for k in order:
        m = matches[k]
        base = 1.0 if m.exact else 0.9 * m.sim
        a_side = a_norm[m.a[0]] if len(m.a) == 1 else " ".join([a_norm[i] for i in m.a])
        b_side = b_norm[m.b[0]] if len(m.b) == 1 else " ".join([b_norm[j] for j in m.b])
        text = a_side + "\x00" + b_side
        weights.append(round(base * 1_000_000) * 1000 + _crc(text) % 1000)
        b_lo.append(m.b[0])
        b_hi.append(m.b[-1])
    # best[x]: heaviest chain ending at x; the first heaviest predecessor wins ties (weights > 0).
    # Matches never share a sentence and runs are adjacent sentences, so in ``order`` every
    # earlier match ends before x starts on side a: only side b needs checking.
    # A Fenwick tree over b positions holds, for the chains seen so far, the best (weight, -y)
    # ending at or before each position: the same choice as scanning every earlier y (the
    # heaviest, the first of equals), in n log n.
    best = list(weights)
    prev = [-1] * n
    size = max(b_hi) + 2
    tree: list[tuple[int, int]] = [(0, 1)] * (size + 1)
    for x in range(n):
        bx = b_lo[x]
        top: tuple[int, int] = (0, 1)
        k = bx  # positions 0..bx-1 (b_hi[y] < bx) are tree indices 1..bx
        while k > 0:
            if tree[k] > top:
                top = tree[k]
            k -= k & -k
        if top[0] > 0:
            best[x] += top[0]
            prev[x] = -top[1]
        item = (best[x], -x)
        k = b_hi[x] + 1
        while k <= size:
            if item > tree[k]:
                tree[k] = item
            k += k & -k
    x = max(range(n), key=best.__getitem__)
    chain: set[int] = set()
    while x >= 0:
        chain.add(order[x])
        x = prev[x]
    return chain


def _cleanup(
    ops: list[tuple[str, int, int, int, int]],
    a_lens: list[int],
    b_lens: list[int],
    *,
    fold: bool,
) -> list[tuple[str, int, int, int, int]]:
    """Fold into the change an equal island no longer than the changes on both sides of it, or
    a single short word ("a", "the") between two changes (diff-match-patch's semantic rule);
    then merge neighbouring changes and name each by what it holds. ``a_lens``/``b_lens`` are
    the word lengths (an island's size is counted in characters)."""
    # merge neighbouring changes: the ops then alternate equal / change
    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            last = out[-1]
            out[-1] = ("replace", last[1], op[2], last[3], op[4])
        else:
            out.append(op)
    if fold and len(out) > 2:
        a_cum = [0, *accumulate(a_lens)]
        b_cum = [0, *accumulate(b_lens)]
        k = 1
        while k < len(out) - 1:
            tag, i1, i2 = out[k][0], out[k][1], out[k][2]
            if tag != "equal" or out[k - 1][0] == "equal" or out[k + 1][0] == "equal":
                k += 1
                continue
            eq = a_cum[i2] - a_cum[i1]
            p, q = out[k - 1], out[k + 1]
            before = max(a_cum[p[2]] - a_cum[p[1]], b_cum[p[4]] - b_cum[p[3]])
            after = max(a_cum[q[2]] - a_cum[q[1]], b_cum[q[4]] - b_cum[q[3]])
            short_word = i2 - i1 == 1 and eq <= 3  # "a", "the", "of": never an island
            if short_word or (eq <= before and eq <= after):
                out[k - 1 : k + 2] = [("replace", p[1], q[2], p[3], q[4])]
                k = 1  # start again: the merged change may make an earlier island foldable
            else:
                k += 1
    return [
        op
        if op[0] == "equal"
        else (
            "replace"
            if op[2] > op[1] and op[4] > op[3]
            else "delete"
            if op[2] > op[1]
            else "insert",
            op[1],
            op[2],
            op[3],
            op[4],
        )
        for op in out
    ]


# Fast constructors for the many small frozen results built per pair (word spans, word edits,
# ops): they set the slots directly instead of going through the frozen dataclass __init__ (one
# object.__setattr__ per field) and Span's __post_init__ checks, which cost more than the
# alignment itself on short texts. Only for values valid by construction: a word span's offsets
# come from the text it indexes and its text is that slice.
_new = object.__new__
_EDIT_SET = tuple(getattr(WordEdit, f).__set__ for f in ("tag", "a", "b"))
_OP_FIELDS = (
    "kind",
    "a",
    "b",
    "a_sentences",
    "b_sentences",
    "similarity",
    "in_order",
    "move_group",
    "words",
    "effects",
)
_OP_SET = tuple(getattr(AlignOp, f).__set__ for f in _OP_FIELDS)

_span = Span.trusted  # one per word span: checked by construction


def _edit(tag: str, a: Span, b: Span) -> WordEdit:
    """``WordEdit(tag, a, b)``."""
    o: WordEdit = _new(WordEdit)
    set_tag, set_a, set_b = _EDIT_SET
    set_tag(o, tag)
    set_a(o, a)
    set_b(o, b)
    return o


def _op(
    kind: OpKind,
    a: Span | None,
    b: Span | None,
    a_sentences: tuple[int, ...],
    b_sentences: tuple[int, ...],
    similarity: float,
    in_order: bool,
    move_group: int | None,
    words: tuple[WordEdit, ...],
) -> AlignOp:
    """``AlignOp(...)`` with every field but ``effects`` (none yet) given."""
    o: AlignOp = _new(AlignOp)
    s_kind, s_a, s_b, s_as, s_bs, s_sim, s_in, s_mg, s_words, s_fx = _OP_SET
    s_kind(o, kind)
    s_a(o, a)
    s_b(o, b)
    s_as(o, a_sentences)
    s_bs(o, b_sentences)
    s_sim(o, similarity)
    s_in(o, in_order)
    s_mg(o, move_group)
    s_words(o, words)
    s_fx(o, ())
    return o


def op_with_effects(op: AlignOp, effects: tuple[Effect, ...]) -> AlignOp:
    """``dataclasses.replace(op, effects=effects)``, built as :func:`_op` builds ops."""
    o = _op(
        op.kind,
        op.a,
        op.b,
        op.a_sentences,
        op.b_sentences,
        op.similarity,
        op.in_order,
        op.move_group,
        op.words,
    )
    _OP_SET[-1](o, effects)
    return o


def _word_edits(
    a_text: str,
    b_text: str,
    a: tuple[str, list[int], list[int], int, int],
    b: tuple[str, list[int], list[int], int, int],
    a_end: int,
    b_end: int,
    *,
    cleanup: bool,
    notes: list[str] | None = None,
) -> tuple[WordEdit, ...]:
    """Word-level opcodes (an LCS over words, RapidFuzz ``Indel.opcodes`` on word-coded strings;
    case-only changes are not edits), spans into each side's text. ``a``/``b`` are (codes, word
    starts, word lengths, index of the first word, shift): the ``k``-th word starts at
    ``starts[first + k] + shift``. ``a_end``/``b_end`` are where an insertion goes when a side
    has no words."""
    a_code, a_starts, a_lens, a_lo, a_shift = a
    b_code, b_starts, b_lens, b_lo, b_shift = b
    na, nb = len(a_code), len(b_code)
    raw: list[tuple[str, int, int, int, int]]
    if na * nb <= MAX_WORD_CELLS:
        raw = Indel.opcodes(a_code, b_code).as_list()  # type: ignore[assignment]
    else:
        raw = _coarse_opcodes(a_code, b_code)
        if notes is not None:
            notes.append(
                f"a sentence pair of {na:,} x {nb:,} words is more than {MAX_WORD_CELLS:,} "
                "word pairs: its word-level edits are shown as one change between the common "
                "start and end"
            )
    ops = _cleanup(raw, a_lens[a_lo : a_lo + na], b_lens[b_lo : b_lo + nb], fold=cleanup)
    a_tail = a_starts[a_lo + na - 1] + a_lens[a_lo + na - 1] + a_shift if na else a_end
    b_tail = b_starts[b_lo + nb - 1] + b_lens[b_lo + nb - 1] + b_shift if nb else b_end
    out: list[WordEdit] = []
    for tag, i1, i2, j1, j2 in ops:
        if i2 > i1:
            s = a_starts[a_lo + i1] + a_shift
            e = a_starts[a_lo + i2 - 1] + a_lens[a_lo + i2 - 1] + a_shift
            a_span = _span(s, e, a_text[s:e])
        else:
            at = a_starts[a_lo + i1] + a_shift if i1 < na else a_tail
            a_span = _span(at, at, "")
        if j2 > j1:
            s = b_starts[b_lo + j1] + b_shift
            e = b_starts[b_lo + j2 - 1] + b_lens[b_lo + j2 - 1] + b_shift
            b_span = _span(s, e, b_text[s:e])
        else:
            at = b_starts[b_lo + j1] + b_shift if j1 < nb else b_tail
            b_span = _span(at, at, "")
        out.append(_edit(tag, a_span, b_span))
    return tuple(out)


def _coarse_opcodes(a_code: str, b_code: str) -> list[tuple[str, int, int, int, int]]:
    """Word opcodes in linear time and memory: the common start and end equal, the middle one
    change (for sentence pairs too long for an LCS, see ``MAX_WORD_CELLS``)."""
    na, nb = len(a_code), len(b_code)
    p = 0
    while p < na and p < nb and a_code[p] == b_code[p]:
        p += 1
    q = 0
    while q < na - p and q < nb - p and a_code[na - 1 - q] == b_code[nb - 1 - q]:
        q += 1
    out: list[tuple[str, int, int, int, int]] = []
    if p:
        out.append(("equal", 0, p, 0, p))
    if na - q > p or nb - q > p:
        tag = "replace" if na - q > p and nb - q > p else "delete" if na - q > p else "insert"
        out.append((tag, p, na - q, p, nb - q))
    if q:
        out.append(("equal", na - q, na, nb - q, nb))
    return out


#: The largest sentence pair (words x words) given word-level edits by an LCS; RapidFuzz keeps
#: a bit matrix of this many bits (4 million: 0.5 MB; real sentences have under 200 words).
#: Past it, the common start and end are kept and the middle is one change, and
#: :attr:`Alignment.capped` says so.
MAX_WORD_CELLS = 4_000_000

DEFAULT_OPTIONS = AlignOptions()


def align_texts(
    a_text: str,
    b_text: str,
    *,
    options: AlignOptions | None = None,
    a_label: str = "a",
    b_label: str = "b",
) -> Alignment:
    """Align two plain texts (see :func:`respcompare.alignment.align` for the public entry point).

    >>> al = align_texts("We care. We fund it.", "We fund it. We will publish it.")
    >>> [op.kind for op in al.ops]
    ['removed', 'unchanged', 'added']
    """
    opts = options or DEFAULT_OPTIONS
    seg_a, seg_b = segment(a_text), segment(b_text)
    sa = tuple(s.span for s in seg_a.sentences)
    sb = tuple(s.span for s in seg_b.sentences)
    a_norm = [_norm(s.text) for s in sa]
    b_norm = [_norm(s.text) for s in sb]

    # 1. exact anchors: k-th occurrence with k-th occurrence
    where: dict[str, deque[int]] = {}
    for j, t in enumerate(b_norm):
        where.setdefault(t, deque()).append(j)
    matches: list[_Match] = []
    for i, t in enumerate(a_norm):
        slots = where.get(t)
        if slots:
            matches.append(_Match((i,), (slots.popleft(),), 1.0, True))
    used_a = {m.a[0] for m in matches}
    used_b = {m.b[0] for m in matches}

    # 2. similarity for the rest: lower-cased words, each coded as one character per pair, so
    # RapidFuzz compares word sequences at string speed (and joining sentences is concatenation)
    ua = [i for i in range(len(sa)) if i not in used_a]
    ub = [j for j in range(len(sb)) if j not in used_b]
    coded = _code_words(
        [sa[i].text for i in ua] + [sb[j].text for j in ub],
        [sa[i].start for i in ua] + [sb[j].start for j in ub],
    )
    a_code = [""] * len(sa)
    b_code = [""] * len(sb)
    a_pos: dict[int, int] = {}
    b_pos: dict[int, int] = {}
    for p, i in enumerate(ua):
        a_code[i] = coded.codes[p]
        a_pos[i] = p
    for p, j in enumerate(ub, len(ua)):
        b_code[j] = coded.codes[p]
        b_pos[j] = p
    # a text past the sentence limit is aligned on its sentences only, and the alignment says so
    notes: list[str] = [f"{a_label}: {n}" for n in seg_a.limits_hit]
    notes += [f"{b_label}: {n}" for n in seg_b.limits_hit]
    if ua and ub:
        matches += _fuzzy_matches(a_code, b_code, ua, ub, a_norm, b_norm, opts, notes)

    # 3. the order-keeping backbone; whatever crosses it moved
    chain = _backbone(matches, a_norm, b_norm)

    # 4. ops, with word-level edits
    def words_of(
        idx: tuple[int, ...], pos: dict[int, int]
    ) -> tuple[str, list[int], list[int], int, int]:
        if len(idx) == 1:
            p = pos[idx[0]]
            return coded.codes[p], coded.starts, coded.lens, coded.first[p], coded.shift[p]
        starts: list[int] = []
        lens: list[int] = []
        for i in idx:
            s, n = coded.words(pos[i])
            starts += s
            lens += n
        return "".join([coded.codes[pos[i]] for i in idx]), starts, lens, 0, 0

    # rows: [sort key, kind, a span, b span, a sentences, b sentences, similarity, in order,
    # move group, word edits]
    rows: list[list[Any]] = []
    for k, m in enumerate(matches):
        in_order = k in chain
        a0, b0 = m.a[0], m.b[0]
        a_span = sa[a0] if len(m.a) == 1 else Span.of(a_text, sa[a0].start, sa[m.a[-1]].end)
        b_span = sb[b0] if len(m.b) == 1 else Span.of(b_text, sb[b0].start, sb[m.b[-1]].end)
        kind: OpKind
        if len(m.a) > 1:
            kind = "merged"
        elif len(m.b) > 1:
            kind = "split"
        elif m.exact:
            kind = "unchanged" if in_order else "moved"
        else:
            kind = "edited" if in_order else "moved-edited"
        edits: tuple[WordEdit, ...] = ()
        if not m.exact:
            edits = _word_edits(
                a_text,
                b_text,
                words_of(m.a, a_pos),
                words_of(m.b, b_pos),
                a_span.end,
                b_span.end,
                cleanup=opts.cleanup,
                notes=notes,
            )
        sim = min(1.0, max(0.0, m.sim))
        rows.append(
            [(float(b0), 0, a0), kind, a_span, b_span, m.a, m.b, sim, in_order, None, edits]
        )
    matched_a = {i for m in matches for i in m.a}
    matched_b = {j for m in matches for j in m.b}
    # a removed sentence goes right after the last backbone pair before it, so a gap reads
    # removed-then-added
    chain_sorted = sorted((matches[k] for k in chain), key=lambda m: m.a[0])
    c = 0
    after = -0.5
    for i in range(len(sa)):
        while c < len(chain_sorted) and chain_sorted[c].a[-1] < i:
            after = chain_sorted[c].b[-1] + 0.5
            c += 1
        if i not in matched_a:
            rows.append([(after, -1, i), "removed", sa[i], None, (i,), (), 0.0, True, None, ()])
    for j in range(len(sb)):
        if j not in matched_b:
            rows.append([(float(j), 1, 0), "added", None, sb[j], (), (j,), 0.0, True, None, ()])
    rows.sort(key=lambda r: r[0])

    # 5. move groups: moved ops adjacent on both sides travel together
    moved = sorted(
        (k for k, r in enumerate(rows) if r[1] in ("moved", "moved-edited")),
        key=lambda k: rows[k][4][0],
    )
    groups: list[list[int]] = []
    for k in moved:
        if groups:
            last = rows[groups[-1][-1]]
            if rows[k][4][0] == last[4][-1] + 1 and rows[k][5][0] == last[5][-1] + 1:
                groups[-1].append(k)
                continue
        groups.append([k])
    moves: list[MoveGroup] = []
    for g, members in enumerate(groups):
        first, last = rows[members[0]], rows[members[-1]]
        moves.append(
            MoveGroup(
                g,
                Span.of(a_text, first[2].start, last[2].end),
                Span.of(b_text, first[3].start, last[3].end),
                tuple(members),
            )
        )
        for k in members:
            rows[k][8] = g
    ordered = [_op(*r[1:]) for r in rows]
    return Alignment(
        a_text=a_text,
        b_text=b_text,
        a_sentences=sa,
        b_sentences=sb,
        ops=tuple(ordered),
        moves=tuple(moves),
        a_label=a_label,
        b_label=b_label,
        options=opts,
        capped=bool(notes),
        notes=tuple(notes),
    )


def text_and_label(value: object, default_label: str, what: str) -> tuple[str, str]:
    """The text spans index and a label, from a Response or a str."""
    if isinstance(value, Response):
        return value.full_text, value.label
    if isinstance(value, str):
        # lone surrogates cannot be encoded (hashing, RapidFuzz): U+FFFD keeps every offset
        return replace_surrogates(value), default_label
    raise InputError(
        f"align() takes a Response or a str for {what}, not {type(value).__name__}; "
        "pass response objects from rc.load_example/rc.load_petition or plain text"
    )
