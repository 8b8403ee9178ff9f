"""Petition -> asks: what the petition asks for, as an action on an object with qualifiers.

A petition's action is a headline ("Release the Home Office's Grooming Gang Review in full").
:func:`extract_asks` reads it as an action verb (``release``), its object (``the Home Office's
Grooming Gang Review``) and the qualifiers that fix its scope (``in full``). Coordinated asks
("Increase pay ... and recognise their work") and asks restated or added in the background
("We want an independent public inquiry", "The Government should amend legislation to ...")
become further asks; a restatement of an ask already found adds its qualifiers to that ask
instead. Users can pass their own asks with :func:`make_ask`, read by the same rules.

A clause is read in this order: a named-law prefix ("Tom's Law - ") is dropped; a negation
("Do not", "Don't", "Never") sets ``negated``; then the clause is an imperative (its first word
a verb in base form from ``data/verbs.toml``, or "-ize"/"re-" forms of one, unless it is a
noun before "on"/"of"/"for" or a modifier-first word such as "free" without a determiner
after it), or "<subject> to/should/must <verb>", or a request ("We ... request X"), or a noun
phrase ("Inquiry into X", "No prosecution for X"), whose act comes from its noun.

Everything here is rules over the text: no model, no network. The curated synonyms the judge
uses live in ``data/synonyms.toml`` and are read by :func:`load_synonyms`; the verb lexicon and
the word classes the reader uses live in ``data/verbs.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, InputTooLargeError, LexiconError
from .lemmas import IRREGULAR_VERBS
from .lexicon import inflections
from .model import Ask, Petition, Span
from .segment import segment

if TYPE_CHECKING:
    from nltk.stem.porter import PorterStemmer

__all__ = [
    "ACTION_VERBS",
    "STOPWORDS",
    "Synonyms",
    "content_stems",
    "extract_asks",
    "extract_asks_with_limits",
    "load_synonyms",
    "make_ask",
    "petition_offsets",
    "qualifier_kind",
    "stem",
    "verb_base",
]

# Base forms of verbs petitions open with. A petition headline is imperative ("Ban X"), or
# "<someone> to <verb>" ("Government to match ..."), or a request ("We request a public inquiry").
ACTION_VERBS: frozenset[str] = frozenset(
    [
        "abolish",
        "allow",
        "amend",
        "apologise",
        "appoint",
        "ask",
        "ban",
        "block",
        "bring",
        "build",
        "cancel",
        "cap",
        "change",
        "close",
        "commission",
        "compensate",
        "confirm",
        "create",
        "cut",
        "decriminalise",
        "delay",
        "deliver",
        "end",
        "enforce",
        "enshrine",
        "ensure",
        "establish",
        "exempt",
        "extend",
        "fund",
        "give",
        "grant",
        "halt",
        "hold",
        "implement",
        "include",
        "increase",
        "introduce",
        "investigate",
        "keep",
        "launch",
        "legalise",
        "legislate",
        "let",
        "lift",
        "lower",
        "maintain",
        "make",
        "mandate",
        "match",
        "offer",
        "open",
        "order",
        "outlaw",
        "pause",
        "pay",
        "permit",
        "prevent",
        "prioritise",
        "prohibit",
        "protect",
        "provide",
        "publish",
        "raise",
        "recognise",
        "reduce",
        "refund",
        "reinstate",
        "release",
        "remove",
        "repeal",
        "replace",
        "require",
        "restore",
        "retain",
        "return",
        "reverse",
        "review",
        "revoke",
        "save",
        "scan",
        "scrap",
        "set",
        "stop",
        "suspend",
        "support",
        "take",
        "trigger",
        "uphold",
        "waive",
        "withdraw",
    ]
)
_REQUEST_VERBS = frozenset(
    {"request", "demand", "want", "urge", "petition", "call", "ask", "need", "seek"}
)

STOPWORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "and",
        "or",
        "from",
        "into",
        "onto",
        "all",
        "any",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "we",
        "our",
        "us",
        "you",
        "your",
        "they",
        "their",
        "them",
        "he",
        "she",
        "his",
        "her",
        "i",
        "my",
        "me",
        "government",
        "uk",
        "please",
        "should",
        "must",
        "would",
        "could",
        "can",
        "will",
        "shall",
        "not",
        "no",
        "do",
        "does",
        "did",
        "make",
        "let",
        "so",
        "as",
        "if",
        "than",
        "then",
        "there",
        "here",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "also",
        "such",
        "other",
        "more",
        "most",
        "very",
        "just",
        "only",
        "about",
        "up",
        "out",
        "over",
        "under",
        "per",
        "via",
        "etc",
        "eg",
        "ie",
        "british",
        "people",
        "public",
        "petition",
        "petitions",
        "prior",
        "before",
        "after",
        "during",
        "within",
        "ask",
        "asking",
        "want",
        "wants",
        "request",
        "requesting",
        "demand",
        "call",
        "calls",
        "urge",
        "need",
        "needs",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> PorterStemmer:
    # imported on first use: nltk.stem.porter imports the whole nltk package (numpy, email,
    # http, ssl ...), which importing the judge or the ask reader does not need
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A lower-cased Porter stem, cached.

    >>> stem("Publishing"), stem("inquiries")
    ('publish', 'inquiri')
    """
    w = word.lower().strip("'’").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _lexicon().irregular_plurals.get(w, w)
    return str(_stemmer().stem(w))


# The tokens of segment.words, without building a Span per word (content_stems is the
# judge's hot path: every sentence, every ask).
_TOKEN = re.compile(r"[£$€]?\d+(?:[.,]\d+)*%?|\w+(?:[’'\-]\w+)*", re.UNICODE)
_PER_CENT = re.compile(r"(\d)\s?per ?cent\b", re.I)


def verb_forms(verb: str) -> frozenset[str]:
    """Every inflection of ``verb``: the regular ones and, for irregular verbs, the past tense
    and participle from the lemma table (``data/lemmas.toml``: "freeze" -> "froze", "frozen").

    >>> sorted(verb_forms("freeze"))
    ['freeze', 'freezed', 'freezes', 'freezing', 'froze', 'frozen']
    """
    return inflections(verb) | _irregular_forms().get(verb.lower(), frozenset())


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, frozenset[str]]:
    """Base verb -> its irregular forms (:data:`respcompare.lemmas.IRREGULAR_VERBS` inverted)."""
    out: dict[str, set[str]] = {}
    for form, base in IRREGULAR_VERBS.items():
        out.setdefault(base, set()).add(form)
    return {b: frozenset(f) for b, f in out.items()}


def generic_nouns() -> frozenset[str]:
    """Nouns that point back at an ask ("this law", "the ban"), from ``data/verbs.toml``."""
    return _lexicon().generic_nouns


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` in order (stopwords and bare numbers left out).

    >>> content_stems("Release the Home Office's Grooming Gang Review in full")
    ['releas', 'home', 'offic', 'groom', 'gang', 'review', 'full']
    """
    if len(text) > _MEMO_CHARS:
        return [s for _, s in _content_words(text)]
    return list(_content_stems_memo(text))


def content_words(text: str) -> list[tuple[str, str]]:
    """The content words of ``text`` in order, each as (the word as written, its stem): the
    stems of :func:`content_stems` with the words to show a reader.

    >>> content_words("Release the Home Office's review")
    [('Release', 'releas'), ('Home', 'home'), ("Office's", 'offic'), ('review', 'review')]
    """
    if len(text) > _MEMO_CHARS:
        return _content_words(text)
    return list(_content_words_memo(text))


#: Texts up to this long have their content words remembered (the judge reads the same sentence
#: and clause texts again for every ask and every repeat: a response of one sentence written
#: 2,000 times reads it once); longer ones are read each time, so the memo stays small.
_MEMO_CHARS = 2_000


@lru_cache(maxsize=8192)
def _content_words_memo(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(_content_words(text))


@lru_cache(maxsize=8192)
def _content_stems_memo(text: str) -> tuple[str, ...]:
    return tuple(s for _, s in _content_words_memo(text))


def _content_words(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    text = _PER_CENT.sub(r"\1%", text)
    for tok in _TOKEN.findall(text):
        t = tok.lower()
        if t in STOPWORDS or len(t) < 2:
            continue
        if t[0].isdigit() or t[0] in "£$€":
            out.append((tok, t))
            continue
        out.append((tok, stem(t)))
    return out


# --- qualifiers -------------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_QUALIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("scope", re.compile(r"\bin (?:full|its entirety)\b|\bunredacted\b", re.I)),
    ("legal", re.compile(r"\b(?:in|into) law\b|\bstatutory\b|\blegal(?:ly)?\b", re.I)),
    ("independent", re.compile(r"\bindependent\b", re.I)),
    ("public", re.compile(r"\bpublic(?= inquiry| review| consultation)\b", re.I)),
    ("full", re.compile(r"\bfull(?= public| statutory| inquiry| review| independent)\b", re.I)),
    (
        "all",
        re.compile(
            r"\b(?:all|every)\b(?: (?!of\b|the\b|in\b|to\b|for\b|and\b|or\b|a\b|an\b|"
            r"have\b|has\b|are\b|is\b|be\b|can\b|will\b|get\b|receive\b)\w+){1,2}",
            re.I,
        ),
    ),
    ("deadline", re.compile(rf"\bby (?:the end of )?(?:\d{{1,2}} )?{_MONTH}?(?: ?\d{{4}})\b")),
    (
        "duration",
        re.compile(
            r"\b(?:at least |a minimum of |up to )?\d+(?:\.\d+)?[- ](?:day|week|month|year)s?\b",
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:m|bn|k|million|billion)\b)?", re.I),
    ),
    ("percentage", re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)", re.I)),
    (
        "manner",
        re.compile(
            r"\b(?:immediately|permanent(?:ly)?|mandatory|compulsory|unfettered|weekly|daily|"
            r"monthly|annually|yearly|retrospectively|urgently)\b",
            re.I,
        ),
    ),
)


def qualifier_kind(qualifier: str) -> str:
    """What kind of qualifier an ask carries: a typed scope marker ("scope", "legal",
    "independent", "public", "full", "all", "deadline", "duration", "amount", "percentage",
    "manner") when the whole qualifier is one, else "phrase" (a prepositional phrase split off
    the object: "to the green list", "from the curriculum", "to police", "in law" is "legal").

    >>> [qualifier_kind(q) for q in ("in full", "5%", "Public", "to the green list")]
    ['scope', 'percentage', 'public', 'phrase']
    """
    q = qualifier.strip()
    for kind, pattern in _QUALIFIERS:
        # "public" and "full" are typed only before "inquiry", "review" ...: try them there
        m = pattern.fullmatch(q) or pattern.match(q + " inquiry")
        if m is not None and m.end() == len(q):
            return kind
    return "phrase"


# --- synonyms ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Curated verb groups and noun-phrase aliases (see ``data/synonyms.toml``).

    ``verbs`` maps a stemmed verb form to the index of its group; ``verb_groups`` holds each
    group's forms (the first is canonical). ``aliases`` holds groups of noun phrases with a
    weight in [0, 1] and the source that justifies them.
    """

    verb_groups: tuple[tuple[str, ...], ...]
    aliases: tuple[tuple[tuple[str, ...], float, str], ...]

    def verb_group(self, verb: str) -> tuple[str, ...]:
        """The forms that name the same act as ``verb`` (the verb itself when none does).

        >>> load_synonyms().verb_group("publish")[:2]
        ('release', 'publish')
        """
        return _verb_group(self.verb_groups, verb)


@lru_cache(maxsize=4096)
def _verb_group(verb_groups: tuple[tuple[str, ...], ...], verb: str) -> tuple[str, ...]:
    """:meth:`Synonyms.verb_group`, remembered by value (the judge asks it for every ask, the
    ask reader for every pair of asks)."""
    key = " ".join(stem(w) for w in verb.split())
    out: list[str] = []
    for group in verb_groups:
        if any(" ".join(stem(w) for w in f.split()) == key for f in group):
            out.extend(f for f in group if f not in out)
    return tuple(out) if out else (verb,)


def load_synonyms(path: str | Path | None = None) -> Synonyms:
    """Read a synonyms TOML file (ours by default): ``[[verb]] forms`` and ``[[alias]] terms``.

    Every entry must give a ``source``. Raises :class:`LexiconError` on a malformed file.

    >>> syn = load_synonyms()
    >>> any("group-based child sexual exploitation" in terms for terms, _, _ in syn.aliases)
    True
    """
    if path is None:
        return _bundled_synonyms()
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(
            f"cannot read synonyms file {path}: {exc}; give a readable TOML file"
        ) from exc
    return _parse_synonyms(raw, str(path))


@lru_cache(maxsize=1)
def _bundled_synonyms() -> Synonyms:
    raw = resources.files("respcompare").joinpath("data/synonyms.toml").read_text("utf-8")
    return _parse_synonyms(raw, "respcompare/data/synonyms.toml")


def _parse_synonyms(raw: str, name: str) -> Synonyms:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name} is not valid TOML ({exc}); fix the file") from exc
    verbs: list[tuple[str, ...]] = []
    aliases: list[tuple[tuple[str, ...], float, str]] = []
    for kind, key in (("verb", "forms"), ("alias", "terms")):
        for i, entry in enumerate(data.get(kind, [])):
            terms = entry.get(key)
            source = entry.get("source")
            if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
                raise LexiconError(f"{name}: [[{kind}]] #{i + 1} needs {key} = [list of strings]")
            if not isinstance(source, str) or not source.strip():
                raise LexiconError(
                    f"{name}: [[{kind}]] #{i + 1} ({terms[:1]}) needs a source saying "
                    "where the equivalence comes from"
                )
            if kind == "verb":
                verbs.append(tuple(t.lower() for t in terms))
            else:
                weight = float(entry.get("weight", 1.0))
                if not 0.0 < weight <= 1.0:
                    raise LexiconError(f"{name}: [[alias]] #{i + 1} weight must be in (0, 1]")
                aliases.append((tuple(t.lower() for t in terms), weight, source))
    return Synonyms(tuple(verbs), tuple(aliases))


# --- extraction -------------------------------------------------------------------------------


def petition_offsets(petition: Petition) -> dict[str, int]:
    """Where the action, background and additional details start in :attr:`Petition.text`.

    >>> petition_offsets(Petition(action="Ban X", background="Because."))
    {'action': 0, 'background': 7}
    """
    out: dict[str, int] = {}
    pos = 0
    for name, part in (
        ("action", petition.action),
        ("background", petition.background),
        ("additional_details", petition.additional_details),
    ):
        if part:
            out[name] = pos
            pos += len(part) + 2
    return out


# --- the verb lexicon ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """``data/verbs.toml``: base-form verbs and the word classes that decide how a clause reads."""

    verbs: frozenset[str]
    modifier_first: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    fused: dict[str, str]
    nominal: dict[str, str]
    nominal_keep: dict[str, str]
    complement_nouns: frozenset[str]
    agents: frozenset[str]
    failure: frozenset[str]
    control: frozenset[str]
    ing_nouns: frozenset[str]
    stance: frozenset[str]
    light: frozenset[str]
    generic_nouns: frozenset[str]
    plural_words: frozenset[str]
    irregular_plurals: dict[str, str]
    purpose: frozenset[str]
    empty: frozenset[str]


def _words(entry: object, name: str, key: str) -> frozenset[str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("words"), str):
        raise LexiconError(f"{name}: [{key}] needs words = '''...''' and a source")
    if not isinstance(entry.get("source"), str) or not entry["source"].strip():
        raise LexiconError(f"{name}: [{key}] needs a source saying where the words come from")
    return frozenset(w.lower() for w in entry["words"].split())


def _mapping(entry: object, name: str, key: str) -> dict[str, str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
        raise LexiconError(f"{name}: [{key}] needs a source saying where the entries come from")
    return {k.lower(): str(v).lower() for k, v in entry.items() if k != "source"}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    name = "respcompare/data/verbs.toml"
    raw = resources.files("respcompare").joinpath("data/verbs.toml").read_text("utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - our own file
        raise LexiconError(f"{name} is not valid TOML ({exc}); fix the file") from exc
    phrasal_raw = data.get("phrasal", {})
    if not isinstance(phrasal_raw.get("source"), str):
        raise LexiconError(f"{name}: [phrasal] needs a source")
    phrasal = {
        k: frozenset(str(p) for p in v) for k, v in phrasal_raw.items() if isinstance(v, list)
    }
    return _Lexicon(
        verbs=_words(data.get("base"), name, "base") | ACTION_VERBS,
        modifier_first=_words(data.get("modifier_first"), name, "modifier_first"),
        phrasal=phrasal,
        fused=_mapping(data.get("fused"), name, "fused"),
        nominal=_mapping(data.get("nominal"), name, "nominal"),
        nominal_keep=_mapping(data.get("nominal_keep"), name, "nominal_keep"),
        complement_nouns=_words(data.get("complement_nouns"), name, "complement_nouns"),
        agents=_words(data.get("agents"), name, "agents"),
        failure=_words(data.get("failure"), name, "failure"),
        control=_words(data.get("control"), name, "control"),
        ing_nouns=_words(data.get("ing_nouns"), name, "ing_nouns"),
        stance=_words(data.get("stance"), name, "stance"),
        light=_words(data.get("light"), name, "light"),
        generic_nouns=_words(data.get("generic_nouns"), name, "generic_nouns"),
        plural_words=_words(data.get("plural_words"), name, "plural_words"),
        irregular_plurals=_mapping(data.get("irregular_plurals"), name, "irregular_plurals"),
        purpose=_words(data.get("purpose"), name, "purpose"),
        empty=_words(data.get("empty"), name, "empty"),
    )


_IRREGULAR = {
    "made": "make", "given": "give", "taken": "take", "held": "hold", "brought": "bring",
    "kept": "keep", "paid": "pay", "sold": "sell", "built": "build", "frozen": "freeze",
    "withdrawn": "withdraw", "shown": "show", "done": "do", "sent": "send", "spent": "spend",
    "lent": "lend", "struck": "strike", "chosen": "choose", "written": "write", "set": "set",
    "cut": "cut", "shut": "shut", "put": "put", "let": "let", "forbidden": "forbid",
    "undone": "undo", "overturned": "overturn",
}  # fmt: skip


def verb_base(word: str) -> str | None:
    """The base form of ``word`` when it is a verb we know in base form ("recognize" and
    "reclose" by morphology), else None.

    >>> verb_base("recognize"), verb_base("reclose"), verb_base("Poland")
    ('recognise', 'reclose', None)
    """
    lex = _lexicon()
    w = word.lower()
    if w in lex.verbs:
        return w
    if w in lex.fused:
        return lex.fused[w]
    if w.endswith("ize") and w[:-3] + "ise" in lex.verbs:
        return w[:-3] + "ise"
    if w.startswith("re") and len(w) > 5 and w[2:] in lex.verbs:
        return w
    return None


def _inflected_base(word: str) -> str | None:
    """The base of a gerund, participle or third-person form ("giving", "banned", "enforces")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    cands: list[str] = []
    if w.endswith("ing") and len(w) > 4 and w not in _lexicon().ing_nouns:
        s = w[:-3]
        cands += [s, s + "e"] + ([s[:-1]] if len(s) > 2 and s[-1] == s[-2] else [])
    elif w.endswith("ied") and len(w) > 4:
        cands.append(w[:-3] + "y")
    elif w.endswith("ed") and len(w) > 3:
        s = w[:-2]
        cands += [s, w[:-1]] + ([s[:-1]] if len(s) > 2 and s[-1] == s[-2] else [])
    elif w.endswith("ies") and len(w) > 4:
        cands.append(w[:-3] + "y")
    elif w.endswith("es") and len(w) > 3:
        cands += [w[:-2], w[:-1]]
    elif w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        cands.append(w[:-1])
    for c in cands:
        b = verb_base(c)
        if b is not None:
            return b
    return None


def _participle(word: str) -> str | None:
    """The base of a past participle in "-ed" ("people excluded from ...")."""
    w = word.lower()
    return _inflected_base(w) if w.endswith("ed") and len(w) > 4 else None


def _gerund_base(word: str) -> str | None:
    return _inflected_base(word) if word.lower().endswith("ing") else None


# --- tokens -------------------------------------------------------------------------------------

_OPEN_PUNCT = "\"'“”‘’(["
_CLOSE_PUNCT = "\"'“”‘’)],.;:!?"


@dataclass(frozen=True, slots=True)
class _Tok:
    word: str  # lower case, surrounding punctuation stripped
    raw: str  # as written, stripped the same way
    start: int
    end: int
    stop: bool  # a comma, semicolon or colon follows the word


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out: list[_Tok] = []
    for m in re.finditer(r"\S+", text[start:end]):
        raw = m.group(0)
        a, b = 0, len(raw)
        while a < b and raw[a] in _OPEN_PUNCT:
            a += 1
        tail = ""
        while b > a and raw[b - 1] in _CLOSE_PUNCT:
            tail += raw[b - 1]
            b -= 1
        if b <= a:
            continue
        word = raw[a:b]
        out.append(
            _Tok(
                word.lower().replace("’", "'"),
                word,
                start + m.start() + a,
                start + m.start() + b,
                any(c in ",;:" for c in tail),
            )
        )
    return out


_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "all",
        "every",
        "our",
        "their",
        "this",
        "these",
        "those",
        "any",
        "more",
        "it",
        "them",
        "us",
        "everyone",
        "his",
        "her",
        "its",
        "my",
        "your",
        "each",
        "some",
        "no",
        "new",
    ]
)
_PRONOUNS = frozenset(
    [
        "it",
        "them",
        "they",
        "their",
        "its",
        "this",
        "these",
        "those",
        "he",
        "she",
        "him",
        "her",
        "his",
        "us",
        "we",
    ]
)
# Prepositions that open a qualifier after the object ("to the green list", "for all care staff").
_QUAL_PREPS = frozenset(
    [
        "to",
        "for",
        "from",
        "in",
        "at",
        "by",
        "within",
        "during",
        "until",
        "beyond",
        "before",
        "after",
        "across",
        "throughout",
        "under",
        "without",
        "via",
        "inline",
        "if",
        "unless",
        "when",
        "whilst",
        "while",
    ]
)
_TWO_WORD_PREPS = {("prior", "to"), ("in", "line"), ("up", "to"), ("inline", "with")}
# Words that end the ask: what follows gives a reason, not what is asked.
_REASON = frozenset(["because", "since", "so", "whereby", "therefore", "thus"])
_RELATIVE = frozenset(["that", "who", "which", "whose", "where"])
_NOUN_PREPS = frozenset(["on", "of", "for", "to", "in", "into", "at", "about"])
_NOT_AFTER_VERB = frozenset(
    [
        "and",
        "or",
        "&",
        "can",
        "could",
        "will",
        "would",
        "may",
        "might",
        "should",
        "must",
        "is",
        "are",
        "was",
        "were",
        "be",
        "has",
        "have",
    ]
)
# Qualifier preps that say when, not what: never promoted to the object.
_TEMPORAL = frozenset(["during", "before", "after", "until", "by", "within", "prior"])
MAX_CLAUSE_CHARS = 600
MAX_QUALIFIERS = 8
#: The most typed qualifiers one clause is searched for (a bound on the search; past
#: MAX_QUALIFIERS the ask keeps the first ones anyway).
_MAX_TYPED_QUALIFIERS = 4 * MAX_QUALIFIERS
#: How much of the headline and of each of background and additional details asks are read
#: from (characters).
MAX_ACTION_CHARS = 4 * MAX_CLAUSE_CHARS
MAX_BODY_CHARS = 20 * MAX_CLAUSE_CHARS


def _qualifiers_note() -> str:
    return (
        f"asks: an ask had more than {MAX_QUALIFIERS} qualifiers; only the first {MAX_QUALIFIERS} "
        "were kept"
    )


# Verbs whose object is followed by what it must do: "require X to Y", "force X to Y"
_OBJECT_CONTROL = frozenset(
    ["require", "force", "oblige", "compel", "obligate", "mandate", "encourage", "order", "direct"]
)


def _is_verb_token(toks: list[_Tok], k: int) -> str | None:
    """The base of toks[k] when it reads as a verb opening a clause (imperative or coordinated)."""
    lex = _lexicon()
    if k >= len(toks):
        return None
    w = toks[k].word
    base = verb_base(w)
    if base is None:
        return None
    nxt = toks[k + 1].word if k + 1 < len(toks) else ""
    if w in lex.modifier_first and nxt not in _DETERMINERS:
        # "Record and publish how many ...": a second verb after "and" shows the imperative
        after_and = toks[k + 2].word if k + 2 < len(toks) else ""
        if not (k == 0 and nxt in ("and", "or") and verb_base(after_and)):
            return None
    if nxt in lex.phrasal.get(base, frozenset()):
        return base
    noun_reading = (w in lex.nominal or w in lex.nominal_keep) and nxt in _NOUN_PREPS
    if noun_reading and not (nxt == "to" and k + 2 < len(toks) and verb_base(toks[k + 2].word)):
        return None
    return base


@dataclass
class _Draft:
    """An ask being read: where its verb starts, its act, object and qualifier ranges."""

    start: int
    action: str
    obj: tuple[int, int] | None
    quals: list[tuple[int, int]]
    end: int
    negated: bool = False
    recipient: str | None = None
    recipient_span: tuple[int, int] | None = None
    extra_quals: tuple[str, ...] = ()
    means: bool = False


_END_PAIRS = frozenset(
    {
        ("due", "to"),
        ("in", "order"),
        ("so", "that"),
        ("similar", "to"),
        ("so", "as"),
        ("as", "it"),
        ("as", "they"),
        ("as", "we"),
        ("as", "this"),
        ("as", "there"),
        ("as", "these"),
    }
)
_AMOUNT_START = re.compile(r"[£$€]?\d|zero$|nil$|at$")


def _verb_after_to(toks: list[_Tok], k: int) -> bool:
    """True when "to" at toks[k] opens an infinitive ("the power to suspend ...")."""
    if k + 1 >= len(toks):
        return False
    nxt = toks[k + 1].word
    return nxt not in _DETERMINERS and (verb_base(nxt) is not None or nxt in ("be", "have"))


def _gerund_closes(toks: list[_Tok], k: int, p: int) -> bool:
    """A gerund inside the object starts a verb phrase ("shops selling fireworks") unless it
    modifies the next noun ("tree planting target")."""
    if k == p:
        return True
    prev = toks[k - 1].word
    return prev in _lexicon().plural_words or (prev.endswith("s") and not prev.endswith("ss"))


_FROM_NOUNS = frozenset(["exemption", "exemptions", "protection", "freedom", "freedoms", "return"])


def _complement_pp(toks: list[_Tok], k: int, width: int, in_object: bool) -> bool:
    """True when the phrase at toks[k] completes the noun before it ("access to treatment",
    "pay for care workers", "a target for river cleanliness") instead of qualifying the ask.
    A "for" phrase right in the object says whose or what for, so it stays there; other
    prepositions stay after the nouns of [complement_nouns]; an amount ("VAT to 5%", "for 6
    months") never does."""
    w = toks[k].word
    if w not in ("to", "for", "into", "on", "from", "against"):
        return False
    head = toks[k - 1].word
    if not (w == "for" and in_object) and head not in _lexicon().complement_nouns:
        return False
    if w == "from" and head not in _FROM_NOUNS:
        return False  # "exemption from X", but "remove VAT from school fees"
    j = k + width
    while j < len(toks) and j - (k + width) < 4 and not _starts_pp(toks, j):
        j += 1
    short = j - (k + width) <= 3
    return not (short and _AMOUNT_START.match(toks[k + width].word))


def _starts_pp(toks: list[_Tok], k: int) -> int:
    """How many words the qualifier preposition at toks[k] takes (0 when none starts there)."""
    w = toks[k].word
    nxt = toks[k + 1].word if k + 1 < len(toks) else ""
    if (w, nxt) in _TWO_WORD_PREPS:
        return 3 if (w, nxt) == ("in", "line") and k + 2 < len(toks) else 2
    if w in _QUAL_PREPS:
        return 1
    return 0


def _scan_object(
    toks: list[_Tok], p: int, *, whole: bool = False
) -> tuple[tuple[int, int] | None, list[tuple[int, int]], int]:
    """Split toks[p:] into the object and the qualifier phrases after it.

    Returns (object token range, qualifier token ranges, index where the ask stops). A
    relative clause, a gerund or an infinitive closes the current unit: what follows belongs
    to it. ``whole`` keeps everything in the object (small clauses after "make").
    """
    units: list[list[int]] = []  # [start, end) token ranges; the first is the object
    prep_end = -1
    lead_pp = False
    cur_start = p
    closed = False
    k = p
    n = len(toks)
    while k < n:
        w = toks[k].word
        nxt = toks[k + 1].word if k + 1 < n else ""
        if k > p and (w in _REASON or (w, nxt) in _END_PAIRS):
            break
        if k > p and w == "to" and nxt in _lexicon().purpose and not closed:
            break
        if k > p and toks[k - 1].stop and (w in _RELATIVE or w in _REASON or w == "as"):
            break  # "..., which would ..." / "..., because" end the ask; a list comma does not
        if not whole and not closed:
            width = _starts_pp(toks, k)
            if (
                (k > cur_start and w in _RELATIVE)
                or (k > cur_start and w == "to" and _verb_after_to(toks, k))
                or (
                    k > cur_start
                    and not width
                    and (_gerund_base(w) or _participle(w))
                    and _gerund_closes(toks, k, p)
                )
            ):
                closed = True
            elif width and k + width < n and k > prep_end:
                after = toks[k + width].word
                if (_gerund_base(after) and w not in _TEMPORAL) or (
                    w == "to" and _verb_after_to(toks, k)
                ):
                    closed = k > cur_start
                elif k > cur_start and _complement_pp(toks, k, width, not units and not lead_pp):
                    pass
                else:
                    if k > cur_start:
                        units.append([cur_start, k])
                    elif k == p:
                        lead_pp = True  # no object before the first phrase ("scan prior to ...")
                    cur_start = k
                    k += width
                    prep_end = k  # "to under 16s": the next preposition stays in this phrase
                    continue
        k += 1
    units.append([cur_start, k])
    units = [u for u in units if u[1] > u[0]]
    if not units:
        return None, [], k
    if units[0][0] == p and _starts_pp(toks, p) == 0:
        obj: tuple[int, int] | None = (units[0][0], units[0][1])
        rest = units[1:]
    else:
        obj, rest = None, units
    return obj, [(a, b) for a, b in rest], k


def _subject_verb(toks: list[_Tok]) -> tuple[int, int, str, bool, bool] | None:
    """'<subject> to/should/must <verb>': (verb index, subject end, base, passive, negated)."""
    lex = _lexicon()
    for j in range(1, min(len(toks) - 1, 8)):
        w = toks[j].word
        k = j + 1
        if w in ("need", "needs", "ought") and k < len(toks) and toks[k].word == "to":
            k += 1
        elif w not in ("to", "should", "must", "shall", "will"):
            if toks[j - 1].stop or (verb_base(w) and j == 0):
                return None
            continue
        if toks[j - 1].word not in lex.agents and any(
            t.word in lex.complement_nouns or t.word in lex.nominal_keep for t in toks[:j]
        ):
            return None  # "Legal right to ...": a noun's complement, not a subject
        negated = False
        if k < len(toks) and toks[k].word == "not":
            negated, k = True, k + 1
        while k < len(toks) - 1 and toks[k].word.endswith("ly") and len(toks[k].word) > 4:
            k += 1
        if k >= len(toks):
            return None
        if toks[k].word == "be" and k + 1 < len(toks):
            base = _inflected_base(toks[k + 1].word)
            if base:
                return k + 1, j, base, True, negated
            return None
        base = verb_base(toks[k].word)
        if base is None:
            return None
        return k, j, base, False, negated
    return None


_LAW_PREFIX = re.compile(
    r"""\s*["'‘“]?(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*['’]s?\s+Law["'’”]?\s*(?:[-–—:|]+\s*|,\s+)"""
)
_NEGATION_PREFIX = re.compile(
    r"\s*(?:please\s+)?(?:not|does\s+not|doesn[’']?t|will\s+not|won[’']?t|shall\s+not|"
    r"do\s+not|don[’']?t|dont|never|must\s+not|should\s+not)\s+",
    re.I,
)
_NO_PREFIX = re.compile(r"\s*(?:say\s+)?no\s+(?:more\s+|to\s+)?(?=\S)", re.I)
_PLEASE = re.compile(r"\s*please\s+", re.I)
_ILLEGAL = frozenset(["illegal", "unlawful"])
_LAW_WORDS = frozenset(["law", "legislation", "bill", "act"])


def _drafts(text: str, a: int, b: int) -> list[_Draft]:
    """Read text[a:b] (one clause) as one or more asks. Nothing when no ask can be read."""
    b = min(b, a + MAX_CLAUSE_CHARS)
    negated = False
    for pat in (_PLEASE, _LAW_PREFIX):
        m = pat.match(text, a, b)
        if m:
            a = m.end()
    clause_start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
    m = _NEGATION_PREFIX.match(text, a, b)
    if m:
        negated, a = True, m.end()
    toks = _tokens(text, a, b)
    # "immediately halt ...", "formally recognise ...": an adverb before the verb
    while len(toks) > 1 and toks[0].word.endswith("ly") and verb_base(toks[1].word):
        toks = toks[1:]
    if not toks:
        return []
    lex = _lexicon()
    # 1. an imperative: "Add Poland to ...", "Do not implement ..."
    base = _is_verb_token(toks, 0)
    if base is not None:
        return _verb_phrase(text, toks, 0, base, negated, clause_start, subject=None)
    if m is None:
        nm = _NO_PREFIX.match(text, a, b)
        if nm:
            # "No to fracking: ban it permanently": the slogan is the ask; what follows its colon
            # says the same of "it"
            colon = re.compile(r"\s*[:–—]\s").search(text, nm.end(), b)
            end = colon.start() if colon is not None else b
            return _nominal(text, _tokens(text, nm.end(), end), True, clause_start)
    # 2. "<subject> to <verb>": "Government to match ...", "The UK should ban ..."
    sv = _subject_verb(toks)
    if sv is not None:
        v, subj_end, base, passive, neg2 = sv
        subject = (toks[0].start, toks[subj_end - 1].end)
        head = toks[subj_end - 1].word
        # the subject is the thing acted on unless it names the actor ("Schools to reopen")
        subj = subject if passive or head not in lex.agents else None
        return _verb_phrase(
            text, toks, v, base, negated ^ neg2, clause_start, subject=subj, passive=passive
        )
    # 3. a request: "We the British People Request a Public Inquiry into ..."
    for j, t in enumerate(toks[:7]):
        if t.word in _REQUEST_VERBS and j > 0 and toks[0].word in ("we", "i", "the", "us"):
            k = j + 1
            if k < len(toks) and toks[k].word in ("for", "on", "that"):
                k += 1
            if k < len(toks) and toks[k].word in ("the", "government", "uk"):
                sub = _subject_verb(toks[k:])
                if sub is not None:
                    return _verb_phrase(
                        text, toks, k + sub[0], sub[2], negated ^ sub[4], clause_start, None
                    )
            return _nominal(text, toks[k:], negated, clause_start)
    # 4. a noun phrase: "Inquiry into ...", "Legal right to ...", "No prosecution for ..."
    return _nominal(text, toks, negated, clause_start, headline_only=True)


def _nominal(
    text: str, toks: list[_Tok], negated: bool, clause_start: int, *, headline_only: bool = False
) -> list[_Draft]:
    """A verbless ask: the act from its noun ("Inquiry into X" -> hold an inquiry)."""
    lex = _lexicon()
    if not toks:
        return []
    for j, t in enumerate(toks[:6]):
        if j > 0 and toks[j - 1].word in _QUAL_PREPS | {"of"}:
            break
        nxt = toks[j + 1].word if j + 1 < len(toks) else ""
        if t.word in lex.nominal and nxt in _NOUN_PREPS and j + 2 < len(toks):
            obj, quals, end = _scan_object(toks, j + 2)
            if obj is None:
                continue
            return [_Draft(clause_start, lex.nominal[t.word], _rng(toks, obj), _rngs(toks, quals),
                           toks[end - 1].end, negated)]  # fmt: skip
        if t.word in lex.nominal_keep:
            obj, quals, end = _scan_object(toks, 0)
            return [_Draft(clause_start, lex.nominal_keep[t.word], _rng(toks, obj),
                           _rngs(toks, quals), toks[end - 1].end, negated)]  # fmt: skip
    if headline_only and not negated:
        return []
    obj, quals, end = _scan_object(toks, 0)
    return [_Draft(clause_start, "introduce", _rng(toks, obj), _rngs(toks, quals),
                   toks[end - 1].end, negated)]  # fmt: skip


def _rng(toks: list[_Tok], r: tuple[int, int] | None) -> tuple[int, int] | None:
    return None if r is None else (toks[r[0]].start, toks[r[1] - 1].end)


def _rngs(toks: list[_Tok], rs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(toks[a].start, toks[b - 1].end) for a, b in rs]


def _coordination_cuts(toks: list[_Tok], p: int) -> list[tuple[int, int, bool]]:
    """Where toks[p:] starts a new coordinated ask: (index of its verb, where the ask before it
    ends, is a "by V-ing" means)."""
    cuts: list[tuple[int, int, bool]] = []
    closed = False
    for k in range(p + 1, len(toks) - 1):
        w = toks[k].word
        if w in _RELATIVE:
            closed = True
        if w == "by" and _gerund_base(toks[k + 1].word):
            cuts.append((k + 1, k, True))
            closed = False
            continue
        conj = w in ("and", "&", "then") or (toks[k - 1].stop and w not in _QUAL_PREPS)
        if not conj and not closed and _asyndetic(toks, k, p):
            cuts.append((k, k, False))
            continue
        if not conj or (closed and w not in ("and", "&")):
            continue
        v = k + 1 if w in ("and", "&", "then") else k
        if _is_verb_token(toks, v) is None or v + 1 >= len(toks):
            continue
        if toks[v + 1].word in _NOT_AFTER_VERB or toks[v].stop:
            continue
        if (
            w in ("and", "&")
            and toks[v].word not in ACTION_VERBS
            and toks[v + 1].word not in _DETERMINERS
            and k >= 2
            and toks[k - 2].word in ("on", "of", "for")
            and toks[k - 1].word.isalpha()
        ):
            continue  # "on loft and wall insulation": after "on <noun> and", a word that can be
            # a verb but is not one a petition opens with, before a bare noun, modifies that noun
        prev = toks[k - 1].word
        if w in ("and", "&", "then") and verb_base(prev) and not _ends_np(toks, k - 1, p):
            continue  # "create and uphold X": two verbs sharing one object
        if w in ("and", "&") and prev in _DANGLING_PREPS:
            continue  # "prepare for and protect the public from X": the object comes later
        cuts.append((v, k if v == k + 1 else v, False))
        closed = False
    return cuts


#: prepositions that leave their object to come after "and" ("prepare for and protect the
#: public from X"): the qualifier prepositions and "of"/"with"
_DANGLING_PREPS = _QUAL_PREPS | {"of", "with"}

#: verbs whose object is followed by a bare infinitive that belongs to them ("let X keep",
#: "make X pay", "help X stay": in English grammar the causatives that take a bare-infinitive
#: complement, where a second imperative would need a conjunction or a comma)
_BARE_INFINITIVE_TAKERS = frozenset(["let", "make", "help", "have"])


def _asyndetic(toks: list[_Tok], k: int, p: int) -> bool:
    """A second imperative with no conjunction ("Cancel GCSEs in 2021 replace with coursework"):
    a petition verb written in lower case after a complete phrase, before "with", a particle or
    a determiner."""
    t = toks[k]
    if k < p + 2 or t.word not in ACTION_VERBS or not t.raw[:1].islower():
        return False
    if toks[p].word in _BARE_INFINITIVE_TAKERS and not any(
        verb_base(x.word) for x in toks[p + 1 : k]
    ):
        return False  # "Let councils keep the money": the verb after a causative's object is
        # its complement, not a second imperative
    if t.word in _lexicon().modifier_first or t.word in _lexicon().nominal:
        return False
    prev = toks[k - 1].word
    if prev in _DETERMINERS or prev in _QUAL_PREPS or prev in ("of", "and", "or", "to", "not"):
        return False
    if verb_base(prev) or _gerund_base(prev):
        return False
    nxt = toks[k + 1].word if k + 1 < len(toks) else ""
    particles = _lexicon().phrasal.get(t.word, frozenset())
    return nxt == "with" or nxt in particles or (nxt in _DETERMINERS and nxt not in _PRONOUNS)


def _ends_np(toks: list[_Tok], k: int, p: int) -> bool:
    """True when toks[k] can end an object (something stands between it and the verb at p)."""
    return k > p + 1 and toks[k - 1].word not in ("to", "and", "or")


def _verb_phrase(
    text: str,
    toks: list[_Tok],
    v: int,
    base: str,
    negated: bool,
    clause_start: int,
    subject: tuple[int, int] | None,
    passive: bool = False,
) -> list[_Draft]:
    """The asks of a clause whose verb is toks[v] (coordinated asks split)."""
    cuts = [(v, v, False), *_coordination_cuts(toks, v)]
    out: list[_Draft] = []
    for idx, (s, _, means) in enumerate(cuts):
        e = cuts[idx + 1][1] if idx + 1 < len(cuts) else len(toks)
        while e > s + 1 and toks[e - 1].word in ("and", "&", "then", "by"):
            e -= 1
        part = toks[:e]
        b = base if idx == 0 else (_is_verb_token(toks, s) or _gerund_base(toks[s].word) or "")
        if not b:
            continue
        start = clause_start if idx == 0 else toks[s].start
        d = _one_ask(text, part, s, b, negated if idx == 0 or not means else False, start,
                     subject if idx == 0 else None, passive and idx == 0)  # fmt: skip
        if d is None:
            continue
        d.means = means
        out.append(d)
    return out


def _one_ask(
    text: str,
    toks: list[_Tok],
    v: int,
    base: str,
    negated: bool,
    start: int,
    subject: tuple[int, int] | None,
    passive: bool,
) -> _Draft | None:
    lex = _lexicon()
    action = base
    p = v + 1
    n = len(toks)
    if " " not in action and p < n and toks[p].word in lex.phrasal.get(action, frozenset()):
        action, p = f"{action} {toks[p].word}", p + 1
    # "commit to (not) rolling out ...": the complement is the act asked for
    if action in lex.control and p + 1 < n and toks[p].word == "to":
        q = p + 1
        neg = False
        if toks[q].word == "not" and q + 1 < n:
            neg, q = True, q + 1
        inner = verb_base(toks[q].word) or _gerund_base(toks[q].word)
        if inner:
            return _one_ask(text, toks, q, inner, negated ^ neg, start, None, False)
    # "Introduce 'Harper's Law' to ...", "Bring in a law which enforces ...": the inner ask
    if action in ("introduce", "bring in", "create", "pass", "enact", "make"):
        for j in range(p, min(p + 6, n - 2)):
            if toks[j].word.strip("'\"") in _LAW_WORDS and toks[j + 1].word in (
                "to", "which", "that"
            ):  # fmt: skip
                q = j + 2
                inner = (
                    verb_base(toks[q].word)
                    if toks[j + 1].word == "to"
                    else _inflected_base(toks[q].word)
                )
                if inner:
                    d = _one_ask(text, toks, q, inner, negated, start, None, False)
                    if d is not None:
                        d.extra_quals = ("in law",)
                    return d
                break
    if passive and subject is not None:
        obj, quals, end = _scan_object(toks, p)
        rest = _rngs(toks, ([obj] if obj else []) + quals)
        return _Draft(start, action, subject, rest, max(toks[end - 1].end, subject[1]), negated)
    if p >= n:
        if subject is None:
            return None
        return _Draft(start, action, subject, [], toks[-1].end, negated)
    # "Record and publish how many ...": two verbs share the object (the first is kept, as in
    # "Review and increase the pay of ...")
    if toks[p].word in ("and", "or") and p + 2 < n and verb_base(toks[p + 1].word):
        p += 2
    # "legislate to enable councillors to ...": the object is what the law would do
    if toks[p].word == "to" and p + 1 < n and toks[p + 1].word in ("enable", "allow"):
        p += 2
    # "Require landlords to fit alarms in rooms with gas boilers": the object is the whole small
    # clause, not the people alone
    object_control = action in _OBJECT_CONTROL and any(
        toks[q].word == "to" and q + 1 < n and verb_base(toks[q + 1].word)
        for q in range(p + 1, min(p + 5, n))
    )
    if action == "make" or action in lex.control or object_control:
        if toks[p].word == "it" and p + 1 < n:
            p += 1
        obj, quals, end = _scan_object(toks, p, whole=True)
        if action == "make" and obj is not None:
            # "Make X illegal", "Make it illegal for X to Y": the act is a ban of X
            a_, b_ = obj
            if toks[a_].word in _ILLEGAL and b_ - a_ > 2 and toks[a_ + 1].word in ("for", "to"):
                obj, action = (a_ + 2 if toks[a_ + 1].word == "for" else a_ + 1, b_), "make illegal"
            elif toks[b_ - 1].word in _ILLEGAL and b_ - a_ > 1:
                obj, action = (a_, b_ - 1), "make illegal"
        return _Draft(start, action, _rng(toks, obj), _rngs(toks, quals), toks[end - 1].end,
                      negated)  # fmt: skip
    # "give police the power ...": the first object is the recipient
    recipient: str | None = None
    recipient_span: tuple[int, int] | None = None
    if action in ("give", "grant", "offer", "award", "pay", "send", "guarantee", "promise"):
        for q in range(p + 1, min(p + 5, n - 1)):
            if (
                toks[q].word in ("a", "an", "the", "more", "better", "fair", "equal")
                or toks[q].word[:1] in "£$€0123456789"
                # a bare second object: "Give councils powers to close ...", "Give pensioners
                # free bus travel"
                or toks[q].word in _BARE_SECOND_OBJECT
            ):
                # a dative "to" later ("Offer the vaccine on the NHS to everyone aged 50")
                # says the first noun phrase is the thing given, not the recipient
                dative = any(t.word in _NOUN_PREPS for t in toks[p:q]) and any(
                    toks[k].word == "to" and not _verb_after_to(toks, k)
                    for k in range(q, n)
                    if not toks[k - 1].stop
                )
                if not dative and not any(t.word in _QUAL_PREPS | {"of", "and"} for t in toks[p:q]):
                    recipient = text[toks[p].start : toks[q - 1].end]
                    recipient_span = (toks[p].start, toks[q - 1].end)
                    p = q
                break
            if toks[q - 1].stop:
                break
    obj, quals, end = _scan_object(toks, p)
    obj_r = _rng(toks, obj)
    qual_r = _rngs(toks, quals)
    if obj_r is None and subject is not None:
        obj_r = subject  # "Schools to reopen in September"
    if obj_r is None and qual_r:
        # a verb with no direct object: "invest in X" -> X. After a time phrase ("scan prior to
        # euthanasia for Rescue Back up") the object keeps the phrases as written, so that what
        # the act is about stays in it; the time phrase is also a qualifier.
        for i, (qs, qe) in enumerate(qual_r):
            first = text[qs:qe].split(maxsplit=1)
            if len(first) == 2 and first[0].lower() not in _TEMPORAL:
                np_start = qs + len(text[qs:qe]) - len(first[1])
                obj_r = (qual_r[0][0] if i else np_start, qe)
                qual_r = qual_r[:i] + qual_r[i + 1 :]
                break
    if obj_r is None:
        return None
    d = _Draft(start, action, obj_r, qual_r, toks[end - 1].end if end > 0 else obj_r[1], negated)
    d.recipient = recipient
    d.recipient_span = recipient_span
    return d


# --- from drafts to asks ------------------------------------------------------------------------


def _balance(text: str, s: int, e: int, limit: int) -> int:
    """Extend text[s:e] over a closing bracket or quote its own opening one needs."""
    seg = text[s:e]
    for open_, close in (("(", ")"), ("‘", "’"), ("“", "”")):
        if seg.count(open_) > seg.count(close) and text[e : e + 1] == close and e < len(text):
            e += 1
    if seg.count("'") % 2 == 1 and re.search(r"(?:^|\s)'", seg) and text[e : e + 1] == "'":
        e += 1
    if seg.count('"') % 2 == 1 and text[e : e + 1] == '"':
        e += 1
    return max(e, min(e, limit))


def _is_fragment(action: str, obj: str) -> bool:
    """True when an ask read from a clause is not a request a response could grant or refuse:
    an object with no content word, one that opens with a gerund of failure ("failing to
    create"), or "take responsibility for failing ..." (a complaint about the past)."""
    lex = _lexicon()
    words_ = [w.lower().strip(_OPEN_PUNCT + _CLOSE_PUNCT) for w in obj.split()]
    content = [
        w for w in words_ if w and w not in STOPWORDS and w not in _PRONOUNS and w not in lex.empty
    ]
    if not content:
        return True
    if words_ and words_[0] in lex.failure:
        return True
    verb = action.split()[0]
    if words_ and words_[0] == "that" and verb in _lexicon().stance:
        return True  # "demonstrate that it recognises ...": a stance, not an act
    return verb in _lexicon().light and any(w in lex.failure for w in words_[:6])


def _head(np: str) -> str:
    """The head word of a noun phrase: the last word before "of"/a relative/a preposition."""
    words_ = [w.strip(_OPEN_PUNCT + _CLOSE_PUNCT).lower() for w in np.split()]
    head = ""
    for i, w in enumerate(words_):
        if i > 0 and (w in _RELATIVE or w in _QUAL_PREPS or w == "of"):
            break
        head = w
    return head


def _is_plural(np: str) -> bool:
    h = _head(np)
    return h in _lexicon().plural_words or (h.endswith("s") and not h.endswith(("ss", "'s", "us")))


def _strip_prep(q: str) -> str:
    parts = q.split(maxsplit=1)
    return parts[1] if len(parts) == 2 and parts[0].lower() in ("for", "to") else ""


def _resolve(phrase: str, antecedents: list[str]) -> str:
    """``phrase`` with them/they/their (and it/its) replaced by their antecedent."""
    if not antecedents:
        return phrase
    plural = next((a for a in antecedents if _is_plural(a)), None)
    single = next((a for a in antecedents if not _is_plural(a)), None)

    def sub(m: re.Match[str]) -> str:
        w = m.group(0).lower()
        if w in ("them", "they") and plural:
            return plural
        if w == "their" and plural:
            return plural + ("'" if plural.endswith("s") else "'s")
        if w == "it" and single and m.start() == 0 and m.end() == len(phrase):
            return single
        return m.group(0)

    return re.sub(r"\b(?:them|they|their|it)\b", sub, phrase, flags=re.I)


def _typed(text: str, s: int, e: int) -> list[tuple[str, str, int, int]]:
    """(kind, qualifier, start, end) of the scope qualifiers in text[s:e] (absolute offsets)."""
    found: list[tuple[str, str, int, int]] = []
    seg = text[s:e]
    for kind, pattern in _QUALIFIERS:
        for m in pattern.finditer(seg):
            if any(m.start() < qe - s and qs - s < m.end() for _, _, qs, qe in found):
                continue
            found.append((kind, m.group(0), s + m.start(), s + m.end()))
            if len(found) >= _MAX_TYPED_QUALIFIERS:
                break
    found.sort(key=lambda q: q[2])
    return found


# "bring/take/return X (back) into public ownership" is one act on X (UK usage: a service is
# "taken into public ownership" when nationalised)
_OWNERSHIP_VERBS = frozenset({"bring", "take", "return", "put", "bring back", "take back"})
_OWNERSHIP = re.compile(
    r"(.+?)\s+(?:back\s+)?(?:in)?to\s+(?:full\s+)?(?:public|state|national|common)\s+"
    r"(?:ownership|control|hands)$",
    re.I,
)

_OWNERSHIP_TAIL = re.compile(
    r"\s*\b(?:back\s+)?(?:in)?to\s+(?:full\s+)?(?:public|state|national|common)\s+"
    r"(?:ownership|control|hands)$",
    re.I,
)


# words that open a second object without an article after a give-verb's recipient
_BARE_SECOND_OBJECT = frozenset(
    {"power", "powers", "right", "rights", "access", "priority", "free", "legal", "statutory"}
)


def _finish(
    text: str,
    d: _Draft,
    source: str,
    antecedents: list[str],
    limits: list[str] | None = None,
) -> Ask | None:
    """Turn a draft into an Ask: object text without qualifiers, pronouns resolved. When the
    qualifier cap bites, a note goes to ``limits`` (if given)."""
    if d.obj is None:
        return None
    os_, oe = d.obj
    while oe > os_ and not (text[oe - 1].isalnum() or text[oe - 1] in ")%"):
        oe -= 1
    oe = _balance(text, os_, oe, d.end)
    tail = [t for t in _typed(text, os_, oe) if t[3] == oe and t[2] > os_ and t[0] != "all"]
    if tail:  # "Test all care home staff weekly": the object ends before "weekly"
        oe = tail[-1][2]
        while oe > os_ and not (text[oe - 1].isalnum() or text[oe - 1] in ")%"):
            oe -= 1
    lead = re.match(r"(?:with|on|about|in|into)\s+(?=\S)", text[os_:oe], re.I)
    if lead and d.action != "make":
        os_ += lead.end()  # "replace with coursework", "act on climate change"
    obj = text[os_:oe].strip()
    obj = re.sub(r"^(?:it|them|him|her|us)\s+(?=\S)", "", obj) if d.action != "make" else obj
    obj = _resolve(obj, antecedents)
    if _is_fragment(d.action, obj):
        return None
    end = max(d.end, oe)
    while end > d.start and not (text[end - 1].isalnum() or text[end - 1] in ")%"):
        end -= 1
    if end <= d.start:
        return None
    typed = _typed(text, d.start, end)
    pp: list[tuple[str, int, int]] = []
    for qs, qe in d.quals:
        q = text[qs:qe].rstrip(" ,.;:")
        left = q
        for kind, t, ts, te in typed:
            if kind != "all" and qs <= ts and te <= qe:
                left = left.replace(t, " ")
        rest = left.split()
        if all(w.lower() in ("to", "in", "by", "at", "and") for w in rest):
            continue  # "to 5%", "in full", "by June 2026": the typed qualifier says it
        pp.append((_resolve(q, antecedents), qs, qe))
    quals: list[tuple[str, int]] = [(q, s) for q, s, _ in pp]
    covered = [(s, e) for _, s, e in pp] + ([d.recipient_span] if d.recipient_span else [])
    for _kind, t, ts, te in typed:
        if any(s <= ts and te <= e for s, e in covered):
            continue  # "within 3 months", "to all care staff": the phrase says it
        quals.append((t, ts))
    quals.sort(key=lambda q: q[1])
    ordered = [q for q, _ in quals]
    if d.recipient is not None:
        ordered.insert(0, "to " + _resolve(d.recipient, antecedents))
    ordered.extend(d.extra_quals)
    span = Span.of(text, d.start, end)
    action = d.action
    owned = _OWNERSHIP.match(obj) if action.split()[0] in _OWNERSHIP_VERBS else None
    if owned:
        # "Bring the water companies back into public ownership": the act is nationalising
        action, obj = "nationalise", owned.group(1)
    elif action.split()[0] in _OWNERSHIP_VERBS:
        # the same with a place between: "Bring the water companies in England back into public
        # ownership" (the place stays a qualifier)
        for i, q in enumerate(ordered):
            owned_tail = _OWNERSHIP_TAIL.search(q)
            if owned_tail:
                action = "nationalise"
                ordered = [
                    *ordered[:i],
                    *([q[: owned_tail.start()]] if owned_tail.start() else []),
                    *ordered[i + 1 :],
                ]
                break
    qualifiers = _dedupe(ordered)
    if limits is not None and len(qualifiers) > MAX_QUALIFIERS:
        limits.append(_qualifiers_note())
    if limits is not None and len(typed) >= _MAX_TYPED_QUALIFIERS:
        limits.append(
            f"asks: a clause had more than {_MAX_TYPED_QUALIFIERS} qualifier phrases; only the "
            f"first {_MAX_TYPED_QUALIFIERS} were read"
        )
    return Ask(
        text=span.text,
        action=action,
        object=obj,
        qualifiers=qualifiers[:MAX_QUALIFIERS],
        span=span,
        source=source,
        negated=d.negated,
    )


def _clause_asks(
    text: str,
    start: int,
    end: int,
    source: str,
    antecedents: list[str] | None = None,
    limits: list[str] | None = None,
) -> list[Ask]:
    """The asks of text[start:end]; a means ("by giving them ...") comes before its goal.
    Notes of the limits that bit (a clause read in part, qualifiers cut) go to ``limits``."""
    if limits is not None and end - start > MAX_CLAUSE_CHARS:
        limits.append(
            f"asks: a clause longer than {MAX_CLAUSE_CHARS} characters was read from its first "
            f"{MAX_CLAUSE_CHARS}"
        )
    ante = list(antecedents or [])
    asks: list[Ask] = []
    for d in _drafts(text, start, end):
        ask = _finish(text, d, source, ante, limits)
        if ask is None:
            continue
        ante = _antecedents(ask) + ante
        # "Recognise nurses by giving them a 12.5% pay rise": the means is the concrete
        # request a response can grant or refuse, so it comes before the goal it serves.
        if d.means and asks:
            asks.insert(len(asks) - 1, ask)
        else:
            asks.append(ask)
    return asks


def _antecedents(ask: Ask) -> list[str]:
    """Noun phrases later pronouns may point to: recipients ("to all care staff", the "for"
    phrase of "pay for NHS workers"), then the object."""
    out = [_strip_prep(q) for q in ask.qualifiers]
    inner = re.split(r"\s(?:for|to)\s", ask.object, maxsplit=1)
    if len(inner) == 2:
        out.append(inner[1])
    return [q for q in out if q] + [ask.object]


def _dedupe(quals: Iterable[str]) -> tuple[str, ...]:
    """Qualifiers in order, each once (compared without case)."""
    out: dict[str, str] = {}
    for q in quals:
        out.setdefault(q.lower(), q)
    return tuple(out.values())


def _same_ask(a: Ask, b: Ask) -> bool:
    """True when ``b`` restates ``a``: most object words shared, or the same act on some."""
    ov = _overlap(a, b)
    shared = set(content_stems(a.object)) & set(content_stems(b.object))
    if len(shared) >= 3:
        return True
    same_act = a.action == b.action or b.action in load_synonyms().verb_group(a.action)
    return ov >= 0.5 or (same_act and ov >= 0.25)


def _overlap(a: Ask, b: Ask) -> float:
    sa, sb = set(content_stems(a.object)), set(content_stems(b.object))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _demonstrative(ask: Ask, main: Ask) -> Ask:
    """ "repeal this law", "waive this bill", "ban this unethical activity" (the main ask's
    act): the object is the main ask's object."""
    m = re.match(r"(?:this|these|that|those)\b\s*(.*)$", ask.object, re.I)
    if not m:
        return ask
    rest = m.group(1).split()
    noun = rest[-1].lower() if rest else ""
    same_act = ask.action == main.action or ask.action in load_synonyms().verb_group(main.action)
    if len(rest) > 1 and not same_act:
        return ask
    generic = not noun or noun in _lexicon().generic_nouns
    if not generic and not same_act and stem(noun) not in content_stems(main.object):
        return ask
    return replace(ask, object=main.object)


_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\s[-–]\s|\n")
_BACKGROUND_TRIGGERS = re.compile(
    r"\b(?:we|i)[\s,]+(?:\w+[\s,]+){0,4}?(?:want|demand|request|urge|ask|call on|call upon|"
    r"call for|would like|are calling for|are asking for)\b(?:\s+(?:that\s+)?(?:the\s+)?"
    r"(?:uk\s+|british\s+)?(?:government|parliament|secretary of state|ministers?)\b)?"
    r"(?:\s+to\b)?|"
    r"\b(?:the\s+)?(?:uk\s+|british\s+)?(?:government|parliament|secretary of state|"
    r"department for [a-z]+|ministers)(?:\s+and\s+the\s+[\w ]{3,40}?)?\s+"
    r"(?:should|must|needs? to|ought to)\b(?!\s+be\b)|^\s*(?:to\s+)?(?=[A-Za-z]+\s)",
    re.I | re.M,
)


def extract_asks(petition: Petition, *, max_asks: int = 4) -> tuple[Ask, ...]:
    """The asks a petition makes: its action first, then distinct asks from the background.

    :func:`extract_asks_with_limits` gives the same asks with a note for each size limit that
    bit while reading them.

    Each ask is an act (``action``, a base-form verb, "take back" for phrasal verbs), the thing
    acted on (``object``: no named-law prefix, pronouns resolved) and the ``qualifiers`` that
    fix its scope: typed ones ("in full", "5%", "by June 2026", "public", "all care staff") and
    the prepositional phrases split off the object ("to the green list", "from the
    curriculum", "during lockdown", "in the UK"), at most :data:`MAX_QUALIFIERS`. A "for"
    phrase right after the object stays in it ("pay for NHS workers": whose pay), as does the
    complement of a noun such as "access to" or "responsibility for", a relative clause and
    anything after a gerund or an infinitive ("employers from requiring staff to ...").
    Relevance should read the object with its qualifiers; the object's head noun names the
    thing ("Poland" in "Add Poland to the green list").

    ``negated`` marks a request not to act ("Do not implement X", "Don't", "Never", "<subject>
    should not"; "No prosecution for X": action ``prosecute``, object X; "No X": action
    ``introduce``, object X); "Stop X" is the act of stopping and is not negated. "Give
    police the power to X" has object "the power to X" and qualifier "to police". A means ("by
    giving them a pay rise") is an ask of its own, before its goal, with its recipient as a
    "to ..." qualifier. "Introduce a law to ban X" is the ban, with qualifier "in law". Each
    clause is read from at most :data:`MAX_CLAUSE_CHARS` characters, so time is linear in the
    petition's length.

    A background sentence gives an ask only after a trigger ("We want the Government to ...",
    "The Government should ...", or a sentence that opens with a petition verb, whose object
    then needs two content words) and only when it reads as a complete verb phrase with a
    content object; a restatement of an ask already
    found adds its typed qualifiers to that ask rather than making a new one.

    >>> [(a.action, a.object, a.qualifiers) for a in extract_asks(
    ...     Petition(action="Release the Home Office's Grooming Gang Review in full"))]
    [('release', "the Home Office's Grooming Gang Review", ('in full',))]
    >>> [(a.action, a.object) for a in extract_asks(
    ...     Petition(action="Increase pay for NHS workers and recognise their work"))]
    [('increase', 'pay for NHS workers'), ('recognise', "NHS workers' work")]
    >>> a = extract_asks(Petition(action="Do not implement vaccine passports"))[0]
    >>> a.action, a.object, a.negated
    ('implement', 'vaccine passports', True)
    """
    return extract_asks_with_limits(petition, max_asks=max_asks)[0]


def extract_asks_with_limits(
    petition: Petition, *, max_asks: int = 4
) -> tuple[tuple[Ask, ...], tuple[str, ...]]:
    """:func:`extract_asks`, and one note per size limit that bit while reading the asks.

    The limits: the headline is read from its first :data:`MAX_ACTION_CHARS` characters, the
    background and the additional details each from their first :data:`MAX_BODY_CHARS`, each
    clause from its first :data:`MAX_CLAUSE_CHARS`, and an ask keeps at most
    :data:`MAX_QUALIFIERS` qualifiers. The notes are empty for real petitions.

    >>> asks, notes = extract_asks_with_limits(Petition(action="Release the review in full"))
    >>> len(asks), notes
    (1, ())
    >>> towns = ", in ".join("Leeds York Hull Bath Ely Derby Truro Wells Ripon".split())
    >>> asks, notes = extract_asks_with_limits(Petition(action="Fund schools in " + towns))
    >>> asks[0].qualifiers[-1], notes
    ('in Wells', ('asks: an ask had more than 8 qualifiers; only the first 8 were kept',))
    """
    if not isinstance(petition, Petition):
        raise InputError(f"extract_asks() takes a Petition, not {type(petition).__name__}")
    if isinstance(max_asks, bool) or not isinstance(max_asks, int) or max_asks < 1:
        raise InputError(f"max_asks must be a whole number of at least 1, not {max_asks!r}")
    text = petition.text
    offsets = petition_offsets(petition)
    asks: list[Ask] = []
    limits: list[str] = []
    dropped: list[str] = []  # asks found beyond max_asks, named in a limit note

    # the action: each sentence of the headline may carry an ask ("Trigger Article 16. We want ...")
    act_end = min(len(petition.action), MAX_ACTION_CHARS)
    if len(petition.action) > MAX_ACTION_CHARS:
        limits.append(
            f"asks: the headline has {len(petition.action):,} characters; asks were read from "
            f"its first {MAX_ACTION_CHARS:,}"
        )
    ante: list[str] = []
    for sent in segment(text[:act_end]).sentences:
        found = _clause_asks(text, sent.start, sent.end, "action", ante, limits)
        for f in found:
            ante = _antecedents(f) + ante
        asks.extend(found)
    if not asks:
        # a headline with no verb and no act-naming noun is itself the ask
        s, e = 0, min(len(petition.action), MAX_CLAUSE_CHARS)
        while s < e and text[s].isspace():
            s += 1
        while e > s and not (text[e - 1].isalnum() or text[e - 1] in ")%"):
            e -= 1
        if e <= s:
            s, e = 0, len(petition.action)
        all_quals = _dedupe(q for _, q, _, _ in _typed(text, s, e))
        if len(all_quals) > MAX_QUALIFIERS:
            limits.append(_qualifiers_note())
        quals = all_quals[:MAX_QUALIFIERS]
        asks.append(Ask(text[s:e], "introduce", text[s:e].strip() or text[s:e], quals,
                        Span.of(text, s, e), source="action"))  # fmt: skip

    # restatements and further asks in the background and details
    for part in ("background", "additional_details"):
        if part not in offsets:
            continue
        base = offsets[part]
        whole = getattr(petition, part)
        body = whole[:MAX_BODY_CHARS]
        if len(whole) > MAX_BODY_CHARS:
            limits.append(
                f"asks: the {part.replace('_', ' ')} has {len(whole):,} characters; asks were "
                f"read from its first {MAX_BODY_CHARS:,}"
            )
        for sent in segment(body).sentences:
            s0 = base + sent.start
            s1 = base + sent.end
            sent_text = text[s0:s1]
            for m in _BACKGROUND_TRIGGERS.finditer(sent_text):
                bare = m.group(0).strip().lower() in ("", "to")
                if bare:
                    if part == "additional_details" or not sent_text.lstrip()[:1].isupper():
                        continue  # bare imperative lines in the details are too noisy
                    first = sent_text[m.end() :].split(maxsplit=1)
                    if not first or first[0].lower() not in ACTION_VERBS:
                        continue
                c_end = _CLAUSE_END.search(text, s0 + m.end(), s1)
                clause_end = c_end.start() if c_end else s1
                found = _clause_asks(text, s0 + m.end(), clause_end, part, ante, limits)
                for ask in found:
                    ask = _demonstrative(ask, asks[0])
                    if bare and len(content_stems(ask.object)) < 2:
                        continue  # "Take back control.": a slogan, too terse to be an ask
                    same = next((i for i, a in enumerate(asks) if _same_ask(a, ask)), None)
                    if same is not None:
                        old = asks[same]
                        have = " | ".join((old.object, *old.qualifiers)).lower()
                        typed = tuple(
                            q
                            for _, q, _, _ in _typed(ask.text, 0, len(ask.text))
                            if q.lower() not in have
                        )
                        merged = _dedupe(old.qualifiers + typed)
                        if len(merged) > MAX_QUALIFIERS:
                            limits.append(_qualifiers_note())
                        asks[same] = replace(old, qualifiers=merged[:MAX_QUALIFIERS])
                    elif len(asks) < max_asks:
                        asks.append(ask)
                    else:
                        dropped.append(ask.text)
                break
    if len(asks) > max_asks:
        dropped[:0] = [a.text for a in asks[max_asks:]]
    if dropped:
        limits.append(
            f"asks: {len(dropped)} more ask(s) than max_asks={max_asks} were not judged "
            f"(first: {dropped[0][:80]!r}); pass max_asks= or asks= to judge them"
        )
    return tuple(asks[:max_asks]), tuple(dict.fromkeys(limits))


#: The longest ask :func:`make_ask` takes (a user's ``asks=``): 2,000 characters, past the
#: whole of what a petition can say (petition.parliament.uk takes an action of 80 characters,
#: a background of 300 and details of 800). The judge reads each ask against every sentence: an
#: ask of 100,000 characters against a response of 2,700 sentences took 160 s; 50 asks of 1,000
#: characters against it take about 11 s. Past it, InputTooLargeError.
MAX_ASK_CHARS = 2_000


def make_ask(
    text: str,
    *,
    action: str | None = None,
    object: str | None = None,
    qualifiers: tuple[str, ...] | None = None,
) -> Ask:
    """A user-given ask; action, object, qualifiers and negation are read from ``text`` (with
    the same rules as :func:`extract_asks`) when not given.

    >>> a = make_ask("Publish the report in full by June 2026")
    >>> a.action, a.object, a.qualifiers
    ('publish', 'the report', ('in full', 'by June 2026'))
    >>> make_ask("Do not remove LGBT content from the curriculum").negated
    True
    """
    if not isinstance(text, str) or not any(ch.isalnum() for ch in text):
        raise InputError("an ask needs its words, e.g. make_ask('Publish the report in full')")
    if len(text) > MAX_ASK_CHARS:
        raise InputTooLargeError(
            f"an ask of {len(text):,} characters, more than the limit of {MAX_ASK_CHARS:,}: an "
            "ask is what the petition asks for, usually a sentence or two; give that"
        )
    parsed = _clause_asks(text, 0, len(text), "user")
    first = parsed[0] if parsed else None
    if first is None:
        quals = _dedupe(q for _, q, _, _ in _typed(text, 0, min(len(text), MAX_CLAUSE_CHARS)))
    else:
        quals = first.qualifiers
    return Ask(
        text=text,
        action=action or (first.action if first else "introduce"),
        object=object or (first.object if first else text.strip()),
        qualifiers=qualifiers if qualifiers is not None else quals,
        span=None,
        source="user",
        negated=first.negated if first else False,
    )
