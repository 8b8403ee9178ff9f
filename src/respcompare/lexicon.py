"""Cue lexicons: load ours or yours, merge them, export them.

A :class:`Lexicon` is a tuple of :class:`Entry` objects. Each entry is one *pattern* with its
category (hedge, weasel, peacock, booster, emotive, commitment, refusal, deferral, review-loop,
acknowledgement, deontic, permission), a sense, an optional ladder level, a strength in [0, 1]
and its provenance (``source``): where the entry came from and what inspired it.

Pattern syntax (tokens separated by spaces, matched case-insensitively on word tokens):

``word``
    the word itself.
``a|b|c``
    any one of the alternatives.
``word~``
    the word and its regular inflections (``publish~`` matches publish, publishes,
    published, publishing).
``word*``
    any word starting with ``word``.
``word?``
    an optional word (may be combined: ``close?``).
``...`` or ``...N``
    a gap of 0..N arbitrary words (default 4) inside one sentence.
``_``
    exactly one arbitrary word.
``<num>``
    a number (``12``, ``£1.2``, ``50,000``, ``ten``).

Sources we read: our own TOML files (``respcompare/data/*.toml``, written by us, each entry with
its provenance); a user TOML file in the same format; a plain text file with one phrase per line
(category given by the caller); a LIWC-style ``.dic`` file (for dictionaries you hold a licence
for). We export as ``.dic``, quanteda-style YAML and CSV.

>>> lex = default_lexicon()
>>> len(lex) > 100
True
>>> sorted({e.category for e in lex})[:3]
['acknowledgement', 'booster', 'commitment']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .errors import LexiconError

__all__ = [
    "CATEGORIES",
    "CompiledLexicon",
    "Entry",
    "Lexicon",
    "default_lexicon",
    "export_lexicon",
    "inflections",
    "load_lexicon",
]

CATEGORIES: tuple[str, ...] = (
    "hedge",
    "weasel",
    "peacock",
    "booster",
    "emotive",
    "commitment",
    "refusal",
    "deferral",
    "review-loop",
    "acknowledgement",
    "deontic",
    "permission",
)

ExportFormat = Literal["dic", "yaml", "csv"]

#: Limits on a pattern, so matching stays linear in the text: each optional word doubles the
#: variants tried, and each gap multiplies the positions tried at every word. Our own patterns
#: have at most 6 words, 2 optional words and one gap of 4.
MAX_PATTERN_WORDS = 24
MAX_OPTIONAL_WORDS = 4
MAX_GAPS = 2
MAX_GAP_WORDS = 8
#: The largest lexicon file read (bytes); ours are under 100 kB.
MAX_LEXICON_BYTES = 10_000_000

_DATA_FILES = (
    "hedges.toml",
    "stance.toml",
    "commitment.toml",
    "emotive.toml",
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon pattern with its category, sense, ladder level, strength and provenance.

    >>> Entry("in due course", "deferral", "timing", level=3, source="UK deferral formula").rule
    'deferral.timing:in due course'
    """

    pattern: str
    category: str
    sense: str = ""
    level: int | None = None
    strength: float = 0.5
    source: str = ""
    lexicon: str = "user"
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("pattern", "category", "sense", "source", "lexicon"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise LexiconError(
                    f"lexicon entry field {name!r} must be a string, not {type(value).__name__}"
                )
        if isinstance(self.strength, bool) or not isinstance(self.strength, int | float):
            raise LexiconError(
                f"lexicon entry {self.pattern!r} has strength {self.strength!r}; give a number 0..1"
            )
        if self.level is not None and (
            isinstance(self.level, bool) or not isinstance(self.level, int)
        ):
            raise LexiconError(
                f"lexicon entry {self.pattern!r} has level {self.level!r}; give a whole number 0..5"
            )
        for name in ("not_before", "not_after"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise LexiconError(f"lexicon entry field {name!r} must be a tuple of words")
        if self.category not in CATEGORIES:
            raise LexiconError(
                f"lexicon entry {self.pattern!r} has category {self.category!r}; "
                f"use one of {', '.join(CATEGORIES)}"
            )
        if not self.pattern.strip():
            raise LexiconError("a lexicon entry has an empty pattern: give at least one word")
        check_pattern(self.pattern)
        if not 0.0 <= self.strength <= 1.0:
            raise LexiconError(
                f"lexicon entry {self.pattern!r} has strength {self.strength}; give 0..1"
            )
        if self.level is not None and not 0 <= self.level <= 5:
            raise LexiconError(f"lexicon entry {self.pattern!r} has level {self.level}; give 0..5")

    @property
    def rule(self) -> str:
        """The rule id a cue from this entry carries: ``category.sense:pattern``."""
        return f"{self.category}.{self.sense or 'general'}:{self.pattern}"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """An immutable collection of entries; combine with ``+``.

    >>> small = Lexicon((Entry("world-leading", "peacock", source="ours"),), name="mine")
    >>> len(small + small)
    2
    """

    entries: tuple[Entry, ...]
    name: str = "user"
    sources: tuple[str, ...] = field(default=())
    # the compiled patterns, made on first use and kept with the lexicon they belong to
    _compiled: CompiledLexicon | None = field(
        default=None, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if not isinstance(self.entries, tuple) or not all(
            isinstance(e, Entry) for e in self.entries
        ):
            raise LexiconError(
                "a Lexicon holds a tuple of Entry objects (respcompare.lexicon.Entry); "
                "load a lexicon file with respcompare.load_lexicon(path)"
            )
        if not isinstance(self.name, str):
            raise LexiconError(f"a Lexicon's name must be a string, not {type(self.name).__name__}")

    def compiled(self) -> CompiledLexicon:
        """The entries' patterns compiled for matching (made once per Lexicon object).

        >>> lex = Lexicon((Entry("keep|kept ... under review", "review-loop", source="ours"),))
        >>> sorted(lex.compiled().by_word)
        ['keep', 'kept']
        """
        comp = self._compiled
        if comp is None:
            comp = compile_lexicon(self.entries)
            object.__setattr__(self, "_compiled", comp)
        return comp

    def __getstate__(self) -> tuple[tuple[Entry, ...], str, tuple[str, ...]]:
        # the compiled patterns are rebuilt on demand, never pickled
        return (self.entries, self.name, self.sources)

    def __setstate__(self, state: tuple[tuple[Entry, ...], str, tuple[str, ...]]) -> None:
        entries, name, sources = state
        object.__setattr__(self, "entries", entries)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", sources)
        object.__setattr__(self, "_compiled", None)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __add__(self, other: Lexicon) -> Lexicon:
        return Lexicon(
            self.entries + other.entries,
            name=f"{self.name}+{other.name}",
            sources=self.sources + other.sources,
        )

    def only(self, categories: Iterable[str]) -> Lexicon:
        """The entries whose category is in ``categories``."""
        keep = set(categories)
        return Lexicon(
            tuple(e for e in self.entries if e.category in keep), self.name, self.sources
        )


# ---------------------------------------------------------------- inflections


def inflections(word: str) -> frozenset[str]:
    """Regular English inflections of a verb or noun (a generous, offline approximation).

    >>> sorted(inflections("publish"))
    ['publish', 'published', 'publishes', 'publishing']
    >>> sorted(inflections("commit"))
    ['commit', 'commits', 'committed', 'committing']
    """
    w = word.lower()
    out = {w}
    if w.endswith("e") and not w.endswith("ee"):
        out |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        out |= {w + "es", w + "ed", w + "ing"}
    else:
        out |= {w + "s", w + "ed", w + "ing"}
        cvc = len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou"
        if cvc and (len(w) <= 4 or w.endswith("mit")):
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
            out -= {w + "ed", w + "ing"}
    return frozenset(out)


# ---------------------------------------------------------------- the pattern language

# element kinds of a compiled pattern
WORDS, PREFIX, ANY, NUM, GAP = range(5)
Elem = tuple[int, object]


def _split_pattern_token(tok: str) -> list[str]:
    """Pattern tokens split like text tokens (contractions, possessive 's)."""
    t = tok.replace("’", "'")
    if t.endswith("'s") and len(t) > 2 and "|" not in t:
        return [t[:-2], "'s"]
    if t.endswith("n't") and len(t) > 3:
        return ["will" if t == "won't" else t[:-3], "not"]
    return [t]


def _gap_size(tok: str) -> int:
    """The N of a ``...N`` gap (ASCII digits; 4 when absent)."""
    n = tok[3:]
    return int(n) if n.isascii() and n.isdigit() else 4


def check_pattern(pattern: str) -> None:
    """Raise LexiconError when ``pattern`` is past the pattern limits (words, optional words,
    gaps, gap length: ``MAX_PATTERN_WORDS`` ...), which keep matching linear in the text.

    >>> check_pattern("keep ... under review")
    >>> check_pattern("a? " * 5)
    Traceback (most recent call last):
    ...
    respcompare.errors.LexiconError: pattern 'a? a? a? a? a? ' has 5 optional words; the limit is 4
    """
    toks = pattern.split()
    where = f"pattern {pattern[:60]!r}"
    if len(toks) > MAX_PATTERN_WORDS:
        raise LexiconError(f"{where} has {len(toks)} words; the limit is {MAX_PATTERN_WORDS}")
    optional = sum(1 for t in toks if t.endswith("?") and len(t) > 1)
    if optional > MAX_OPTIONAL_WORDS:
        raise LexiconError(
            f"{where} has {optional} optional words; the limit is {MAX_OPTIONAL_WORDS}"
        )
    gaps = [t.rstrip("?") for t in toks if t.startswith("...")]
    if len(gaps) > MAX_GAPS:
        raise LexiconError(f"{where} has {len(gaps)} gaps (...); the limit is {MAX_GAPS}")
    for g in gaps:
        if _gap_size(g) > MAX_GAP_WORDS:
            raise LexiconError(
                f"{where} has the gap {g!r}; a gap spans at most {MAX_GAP_WORDS} words"
            )


def compile_pattern(pattern: str) -> list[list[Elem]]:
    """A pattern -> its variants (optional words expanded), each a list of ``(kind, payload)``.

    Raises LexiconError past the pattern limits (see :func:`check_pattern`).

    >>> [[k for k, _ in v] for v in compile_pattern("keep ... under review")]
    [[0, 4, 0, 0]]
    """
    check_pattern(pattern)
    variants: list[list[Elem]] = [[]]
    elem: Elem
    for tok0 in pattern.split():
        for tok in _split_pattern_token(tok0):
            optional = tok.endswith("?") and len(tok) > 1
            if optional:
                tok = tok[:-1]
            if tok.startswith("..."):
                n = _gap_size(tok)
                elem = (GAP, n)
            elif tok == "_":
                elem = (ANY, None)
            elif tok == "<num>":
                elem = (NUM, None)
            elif tok.endswith("*") and len(tok) > 1:
                elem = (PREFIX, tok[:-1])
            else:
                alts: set[str] = set()
                for alt in tok.split("|"):
                    if alt.endswith("~"):
                        alts |= inflections(alt[:-1])
                    else:
                        alts.add(alt)
                elem = (WORDS, frozenset(alts))
            if optional:
                variants = [v for v in variants] + [[*v, elem] for v in variants]
            else:
                variants = [[*v, elem] for v in variants]
    return [v for v in variants if v and v[0][0] != GAP]


# one compiled variant: its entry, its elements, and (when every element is a word set) the
# word sets alone, for the fast path
Variant = tuple[Entry, list[Elem], tuple[frozenset[str], ...] | None]


@dataclass(frozen=True, slots=True)
class CompiledLexicon:
    """A lexicon's patterns, indexed for matching: by first word, by first prefix, or wild."""

    by_word: dict[str, list[Variant]]
    by_prefix: list[tuple[str, Variant]]
    wild: list[Variant]
    #: per first word of ``by_word``: its variants, those of them any next word lets through
    #: (in order), and every word the others need next (see :func:`narrowing`)
    narrowed: dict[str, Narrowing] = field(default_factory=dict)


#: A word's variants, the ones that do not constrain the next word, the union of the next
#: words the others accept, and the variants left for each such next word (filled on first use)
Narrowing = tuple[list[Variant], list[Variant], frozenset[str], dict[str, list[Variant]]]


def narrowing(options: list[Variant]) -> Narrowing:
    """``options``, the variants among them whose second element is not a word set (so any
    next word, or the sentence end, lets them through) in their order, and the union of the
    second-element word sets of the others: a next word outside that union narrows the options
    to the free variants without trying each one; and an empty dict for the variants left after
    a next word inside it (a pure function of the word and the lexicon, filled on first use)."""
    loose: list[Variant] = []
    needed: set[str] = set()
    for v in options:
        elems = v[1]
        if len(elems) < 2 or elems[1][0] != WORDS:
            loose.append(v)
        else:
            payload = elems[1][1]
            assert isinstance(payload, frozenset)
            needed |= payload
    return options, loose, frozenset(needed), {}


def compile_lexicon(entries: Iterable[Entry]) -> CompiledLexicon:
    """Compile every entry's pattern (see :meth:`Lexicon.compiled`, which keeps the result)."""
    by_word: dict[str, list[Variant]] = {}
    by_prefix: list[tuple[str, Variant]] = []
    wild: list[Variant] = []
    for entry in entries:
        for elems in compile_pattern(entry.pattern):
            plain: tuple[frozenset[str], ...] | None = None
            if all(kind == WORDS for kind, _p in elems):
                plain = tuple(p for _k, p in elems)  # type: ignore[misc]
            variant: Variant = (entry, elems, plain)
            kind, payload = elems[0]
            if kind == WORDS:
                assert isinstance(payload, frozenset)
                for w in payload:
                    by_word.setdefault(w, []).append(variant)
            elif kind == PREFIX:
                assert isinstance(payload, str)
                by_prefix.append((payload, variant))
            else:
                wild.append(variant)
    narrowed = {w: narrowing(options) for w, options in by_word.items()}
    return CompiledLexicon(by_word, by_prefix, wild, narrowed)


# ---------------------------------------------------------------- loading


def _words_of(value: object, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: {what!r} must be a list of words")
    return tuple(str(v).lower() for v in value)


def _entry_from(
    raw: object,
    group: dict[str, object],
    *,
    where: str,
    lexicon: str,
) -> Entry:
    if isinstance(raw, str):
        item: dict[str, object] = {"pattern": raw}
    elif isinstance(raw, dict):
        item = dict(raw)
    else:
        raise LexiconError(f"{where}: a phrase must be a string or a table, not {raw!r}")
    merged = {**{k: v for k, v in group.items() if k != "phrases"}, **item}
    pattern = merged.get("pattern")
    category = merged.get("category")
    if not isinstance(pattern, str) or not isinstance(category, str):
        raise LexiconError(f"{where}: each entry needs a string 'pattern' and 'category'")
    level = merged.get("level")
    strength = merged.get("strength", 0.5)
    if level is not None and not isinstance(level, int):
        raise LexiconError(f"{where}: 'level' of {pattern!r} must be an integer 0..5")
    if not isinstance(strength, int | float):
        raise LexiconError(f"{where}: 'strength' of {pattern!r} must be a number in [0, 1]")
    try:
        return Entry(
            pattern=" ".join(pattern.lower().split()),
            category=category,
            sense=str(merged.get("sense", "")),
            level=level,
            strength=float(strength),
            source=str(merged.get("source", "")),
            lexicon=lexicon,
            not_before=_words_of(merged.get("not_before"), where, "not_before"),
            not_after=_words_of(merged.get("not_after"), where, "not_after"),
        )
    except LexiconError as exc:
        raise LexiconError(f"{where}: {exc}") from None


def _from_toml(data: dict[str, object], *, where: str, default_name: str) -> Lexicon:
    meta = data.get("meta", {})
    name = default_name
    if isinstance(meta, dict) and isinstance(meta.get("name"), str):
        name = str(meta["name"])
    entries: list[Entry] = []
    groups = data.get("group", [])
    if not isinstance(groups, list):
        raise LexiconError(f"{where}: [[group]] must be an array of tables")
    for gi, group in enumerate(groups):
        if not isinstance(group, dict):
            raise LexiconError(f"{where}: group {gi + 1} is not a table")
        phrases = group.get("phrases", [])
        if not isinstance(phrases, list):
            raise LexiconError(f"{where}: group {gi + 1} needs a list 'phrases'")
        for pi, raw in enumerate(phrases):
            entries.append(
                _entry_from(
                    raw, group, where=f"{where} group {gi + 1} phrase {pi + 1}", lexicon=name
                )
            )
    loose = data.get("entry", [])
    if not isinstance(loose, list):
        raise LexiconError(f"{where}: [[entry]] must be an array of tables")
    for ei, raw in enumerate(loose):
        entries.append(_entry_from(raw, {}, where=f"{where} entry {ei + 1}", lexicon=name))
    if not entries:
        raise LexiconError(
            f"{where}: no entries found; add [[group]] tables with 'category' and 'phrases'"
        )
    return Lexicon(_distinct(entries), name=name, sources=(where,))


def _from_dic(text: str, *, where: str, category_map: dict[str, str] | None) -> Lexicon:
    """LIWC-style: a ``%`` header of ``number<TAB>name`` lines, then ``word<TAB>numbers``."""
    parts = text.split("%")
    if len(parts) < 3:
        raise LexiconError(
            f"{where}: not a LIWC-style .dic (expected a header between two '%' lines)"
        )
    header, body = parts[1], "%".join(parts[2:])
    names: dict[str, str] = {}
    for line in header.strip().splitlines():
        bits = line.split()
        if len(bits) >= 2:
            names[bits[0]] = bits[1]
    entries: list[Entry] = []
    for lineno, line in enumerate(body.strip().splitlines(), start=1):
        if not line.strip():
            continue
        bits = line.split("\t") if "\t" in line else line.rsplit(maxsplit=1)
        phrase = bits[0].strip()
        for num in " ".join(bits[1:]).split():
            dic_cat = names.get(num)
            if dic_cat is None:
                raise LexiconError(f"{where} line {lineno}: category number {num} not in header")
            category = (category_map or {}).get(dic_cat, dic_cat)
            try:
                entries.append(
                    Entry(phrase.lower(), category, sense=dic_cat, source=where, lexicon=where)
                )
            except LexiconError as exc:
                raise LexiconError(
                    f"{where} line {lineno}: {exc}; map .dic categories with category_map="
                ) from None
    return Lexicon(_distinct(entries), name=Path(where).stem, sources=(where,))


def load_lexicon(
    source: str | Path,
    *,
    category: str | None = None,
    sense: str = "",
    category_map: dict[str, str] | None = None,
) -> Lexicon:
    """Load a lexicon file: TOML (ours or yours), ``.dic`` (LIWC-style), or one phrase a line.

    Parameters
    ----------
    source
        Path to a ``.toml``, ``.dic`` or ``.txt`` file.
    category
        For a one-phrase-per-line file: the category every phrase takes (required there).
    sense
        For a one-phrase-per-line file: the sense every phrase takes.
    category_map
        For a ``.dic`` file: map its category names to ours (e.g. ``{"tentat": "hedge"}``).

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "mine.txt")
    >>> _ = open(p, "w").write("game changer\\n# a comment\\nbest in class\\n")
    >>> [e.pattern for e in load_lexicon(p, category="peacock")]
    ['game changer', 'best in class']
    """
    if not isinstance(source, str | Path):
        raise LexiconError(
            f"load_lexicon() takes a file path (str or Path), not {type(source).__name__}"
        )
    path = Path(source)
    if not path.is_file():
        raise LexiconError(
            f"lexicon file {str(path)!r} not found: give the path to a .toml, .dic or .txt file"
        )
    where = str(path)
    text = _read_lexicon_file(path, where)
    if path.suffix.lower() == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise LexiconError(f"{where}: invalid TOML ({exc}); fix the line it names") from None
        except RecursionError:  # tomllib reads nested arrays and tables recursively
            raise LexiconError(
                f"{where}: arrays or tables nested too deeply to read; a lexicon needs two "
                "levels ([[group]] with a list of phrases)"
            ) from None
        return _from_toml(data, where=where, default_name=path.stem)
    if path.suffix.lower() == ".dic":
        return _from_dic(text, where=where, category_map=category_map)
    if category is None:
        raise LexiconError(
            f"{where}: a one-phrase-per-line file needs category=, e.g. category='hedge'"
        )
    entries = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        phrase = line.strip()
        if not phrase or phrase.startswith("#"):
            continue
        try:
            entries.append(
                Entry(
                    " ".join(phrase.lower().split()),
                    category,
                    sense=sense,
                    source=f"{where}:{lineno}",
                    lexicon=path.stem,
                )
            )
        except LexiconError as exc:
            raise LexiconError(f"{where} line {lineno}: {exc}") from None
    if not entries:
        raise LexiconError(f"{where}: no phrases found (one phrase a line, '#' for comments)")
    return Lexicon(_distinct(entries), name=path.stem, sources=(where,))


def _distinct(entries: list[Entry]) -> tuple[Entry, ...]:
    """The entries with exact repeats left out, first kept (a file that lists one phrase 850,000
    times compiled it 850,000 times: 46 s and 2.3 GB)."""
    return tuple(dict.fromkeys(entries))


def _read_lexicon_file(path: Path, where: str) -> str:
    """The file's text, UTF-8, after checking its size against ``MAX_LEXICON_BYTES``."""
    try:
        size = path.stat().st_size
        if size > MAX_LEXICON_BYTES:
            raise LexiconError(
                f"{where} has {size:,} bytes, more than the limit of {MAX_LEXICON_BYTES:,} for a "
                "lexicon file: split it into several files and combine them with +"
            )
        with path.open("rb") as f:
            raw = f.read(MAX_LEXICON_BYTES + 1)
    except OSError as exc:
        raise LexiconError(f"{where}: cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_LEXICON_BYTES:  # a file that grew, or a device reporting size 0
        raise LexiconError(
            f"{where} has more than {MAX_LEXICON_BYTES:,} bytes, the limit for a lexicon file: "
            "split it into several files and combine them with +"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(
            f"{where}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """Our bundled lexicons (written by us; each entry says what inspired it).

    >>> any(e.pattern == "in due course" for e in default_lexicon())
    True
    """
    import tomllib
    from importlib import resources

    out: Lexicon | None = None
    pkg = resources.files("respcompare") / "data"
    for name in _DATA_FILES:
        res = pkg / name
        data = tomllib.loads(res.read_text(encoding="utf-8"))
        lex = _from_toml(data, where=f"respcompare/data/{name}", default_name=name[:-5])
        out = lex if out is None else out + lex
    assert out is not None
    return Lexicon(out.entries, name="respcompare", sources=out.sources)


# ---------------------------------------------------------------- export


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def export_lexicon(lexicon: Lexicon, *, format: ExportFormat) -> str:
    """Our (or any) lexicon as LIWC-style ``.dic``, quanteda-style YAML, or CSV text.

    Gaps and alternatives are written as quanteda-style globs where they can be (``...`` -> ``*``
    in YAML would change the meaning, so YAML keeps our pattern text verbatim).

    >>> lex = Lexicon((Entry("in due course", "deferral", "timing", source="ours"),))
    >>> print(export_lexicon(lex, format="yaml").strip())
    deferral:
      timing:
        - "in due course"
    >>> export_lexicon(lex, format="csv").splitlines()[0]
    'pattern,category,sense,level,strength,source,lexicon'
    """
    if format == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["pattern", "category", "sense", "level", "strength", "source", "lexicon"])
        for e in lexicon:
            level = "" if e.level is None else str(e.level)
            w.writerow([e.pattern, e.category, e.sense, level, e.strength, e.source, e.lexicon])
        return buf.getvalue()
    if format == "yaml":
        tree: dict[str, dict[str, list[str]]] = {}
        for e in lexicon:
            tree.setdefault(e.category, {}).setdefault(e.sense or "general", []).append(e.pattern)
        lines: list[str] = []
        for cat, senses in tree.items():
            lines.append(f"{cat}:")
            for sense, pats in senses.items():
                lines.append(f"  {sense}:")
                lines.extend(f"    - {_yaml_str(p)}" for p in pats)
        return "\n".join(lines) + "\n"
    if format == "dic":
        cats = sorted({e.category for e in lexicon}, key=CATEGORIES.index)
        number = {c: i + 1 for i, c in enumerate(cats)}
        by_phrase: dict[str, list[int]] = {}
        for e in lexicon:
            nums = by_phrase.setdefault(e.pattern, [])
            if number[e.category] not in nums:
                nums.append(number[e.category])
        lines = ["%"] + [f"{number[c]}\t{c}" for c in cats] + ["%"]
        lines += [f"{p}\t" + "\t".join(map(str, nums)) for p, nums in by_phrase.items()]
        return "\n".join(lines) + "\n"
    raise LexiconError(f"unknown export format {format!r}: use 'dic', 'yaml' or 'csv'")
