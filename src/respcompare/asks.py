"""Petition -> asks: what the petition asks for, as an action on an object with qualifiers.

A petition's action is a headline ("Release the Home Office's Grooming Gang Review in full").
:func:`extract_asks` reads it as an action verb (``release``), its object (``the Home Office's
Grooming Gang Review``) and the qualifiers that fix its scope (``in full``). Coordinated asks
("Increase pay ... and recognise their work") and asks restated or added in the background
("We want an independent public inquiry", "The Government should amend legislation to ...")
become further asks; a restatement of an ask already found adds its qualifiers to that ask
instead. Users can pass their own asks with :func:`make_ask`.

Everything here is rules over the text: no model, no network. The curated synonyms the judge
uses live in ``data/synonyms.toml`` and are read by :func:`load_synonyms`.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from nltk.stem.porter import PorterStemmer

from .errors import InputError, LexiconError
from .model import Ask, Petition, Span
from .segment import segment

__all__ = [
    "ACTION_VERBS",
    "STOPWORDS",
    "Synonyms",
    "content_stems",
    "extract_asks",
    "load_synonyms",
    "make_ask",
    "petition_offsets",
    "stem",
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
_PARTICLES = frozenset({"back", "up", "in", "out", "down", "off", "forward", "away"})
_REQUEST_VERBS = frozenset(
    {"request", "demand", "want", "urge", "petition", "call", "ask", "need", "seek"}
)
# Nouns that carry their own action when a petition names them without a verb.
_NOUN_ACTIONS: tuple[tuple[str, str], ...] = (
    ("release", "release"),
    ("publication", "publish"),
    ("inquiry", "hold an inquiry"),
    ("investigation", "hold an inquiry"),
    ("review", "hold a review"),
    ("ban", "ban"),
    ("law", "legislate"),
    ("right", "legislate"),
    ("referendum", "hold a referendum"),
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

_STEMMER = PorterStemmer()


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A lower-cased Porter stem, cached.

    >>> stem("Publishing"), stem("inquiries")
    ('publish', 'inquiri')
    """
    w = word.lower().strip("'’").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return str(_STEMMER.stem(w))


# The tokens of segment.words, without building a Span per word (content_stems is the
# judge's hot path: every sentence, every ask).
_TOKEN = re.compile(r"[£$€]?\d+(?:[.,]\d+)*%?|\w+(?:[’'\-]\w+)*", re.UNICODE)
_PER_CENT = re.compile(r"(\d)\s?per ?cent\b", re.I)


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` in order (stopwords and bare numbers left out).

    >>> content_stems("Release the Home Office's Grooming Gang Review in full")
    ['releas', 'home', 'offic', 'groom', 'gang', 'review', 'full']
    """
    return [s for _, s in content_words(text)]


def content_words(text: str) -> list[tuple[str, str]]:
    """The content words of ``text`` in order, each as (the word as written, its stem): the
    stems of :func:`content_stems` with the words to show a reader.

    >>> content_words("Release the Home Office's review")
    [('Release', 'releas'), ('Home', 'home'), ("Office's", 'offic'), ('review', 'review')]
    """
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
    ("all", re.compile(r"\b(?:all|every)\b(?: (?!of\b|the\b|in\b|to\b|for\b)\w+){1,2}", re.I)),
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
        re.compile(r"\b(?:immediately|permanent(?:ly)?|mandatory|compulsory|unfettered)\b", re.I),
    ),
)


def _qualifiers(text: str) -> list[tuple[str, int, int]]:
    """(qualifier, start, end) found in ``text``; overlapping finds keep the first."""
    found: list[tuple[str, int, int]] = []
    for _, pattern in _QUALIFIERS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for _, s, e in found):
                continue
            found.append((m.group(0), m.start(), m.end()))
    found.sort(key=lambda q: q[1])
    return found


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
        key = " ".join(stem(w) for w in verb.split())
        out: list[str] = []
        for group in self.verb_groups:
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


_WORD_RE = re.compile(r"[\w’'\-/&+“”\"]+|[£$€]?\d[\d,.]*%?")
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|\s[-–]\s|\n")
_BACKGROUND_TRIGGERS = re.compile(
    r"\b(?:we|i)[\s,]+(?:\w+[\s,]+){0,4}?(?:want|demand|request|urge|ask|call on|call for|"
    r"would like|are calling for|are asking for)\b(?:\s+(?:the\s+)?(?:uk\s+)?"
    r"(?:government|parliament|secretary of state|ministers?)\b)?(?:\s+to\b)?|"
    r"\b(?:the\s+)?(?:uk\s+)?(?:government|parliament|secretary of state)\s+"
    r"(?:should|must|needs? to|ought to)\b|^\s*(?=[A-Z][a-z]+\s)",
    re.I | re.M,
)


@dataclass(frozen=True, slots=True)
class _Parsed:
    action: str
    object_start: int
    object_end: int


def _parse_clause(text: str, start: int, end: int) -> _Parsed | None:
    """Read ``text[start:end]`` as "<verb> <object>"; None when no action verb leads it."""
    toks = [
        (m.group(0), start + m.start(), start + m.end()) for m in _WORD_RE.finditer(text[start:end])
    ]
    if not toks:
        return None
    # skip a subject: "<up to 5 words> to <verb>", or a request verb ("We request ...").
    i = 0
    for j, (w, _, _) in enumerate(toks[:7] if toks[0][0].lower() not in ACTION_VERBS else []):
        lw = w.lower()
        if lw == "to" and j + 1 < len(toks) and toks[j + 1][0].isalpha():
            i = j + 1
            break
        if lw in _REQUEST_VERBS and j + 1 < len(toks):
            k = j + 1
            if toks[k][0].lower() in ("for", "on", "that"):
                k += 1
            rest_start = toks[k][1] if k < len(toks) else end
            obj_words = " ".join(t[0].lower() for t in toks[k : k + 8])
            for noun, action in _NOUN_ACTIONS:
                if re.search(rf"\b{noun}", obj_words):
                    return _Parsed(action, rest_start, end)
            return _Parsed("introduce", rest_start, end)
    w0 = toks[i][0].lower()
    if w0.endswith("ing") and (w0[:-3] in ACTION_VERBS or w0[:-3] + "e" in ACTION_VERBS):
        w0 = w0[:-3] if w0[:-3] in ACTION_VERBS else w0[:-3] + "e"
    if w0 not in ACTION_VERBS:
        if i == 0:
            words0 = " ".join(t[0].lower() for t in toks[:8])
            for noun, action in _NOUN_ACTIONS:
                if re.search(rf"\b{noun}\b", words0):
                    return _Parsed(action, toks[0][1], end)
        if i > 0 and w0.isalpha() and w0 not in STOPWORDS:
            pass  # "<someone> to <verb>" with a verb we do not list: trust the construction
        else:
            return None
    action = w0
    obj = i + 1
    if (
        obj < len(toks)
        and toks[obj][0].lower() in _PARTICLES
        and w0
        in {
            "take",
            "bring",
            "set",
            "call",
            "scale",
            "roll",
            "write",
            "put",
        }
    ):
        action = f"{w0} {toks[obj][0].lower()}"
        obj += 1
    obj_start = toks[obj][1] if obj < len(toks) else end
    return _Parsed(action, obj_start, end)


def _strip_object(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim leading "to enable"/"it" fillers and trailing punctuation/space from an object."""
    seg = text[start:end]
    lead = re.match(r"\s*(?:(?:to\s+)?(?:enable|allow)\s+|(?:it|them|him|her|us)\s+)?", seg)
    s = start + (lead.end() if lead else 0)
    e = end
    while e > s and not (text[e - 1].isalnum() or text[e - 1] in ")%"):
        e -= 1
    return s, e


def _object_without_qualifiers(obj: str) -> str:
    """The object without the scope qualifiers that close it ("... Review in full")."""
    out = obj.rstrip(" ,.;")
    changed = True
    while changed:
        changed = False
        for q, s, e in _qualifiers(out):
            if e == len(out) and not q.lower().startswith(("all ", "every ")) and s > 0:
                out = out[:s].rstrip(" ,.;")
                changed = True
                break
    return out or obj.strip()


def _split_coordination(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut "<ask> and <verb> ..." and "<ask> by <verb>ing ..." into separate clauses."""
    cuts = [start]
    for m in re.finditer(r"\s(?:and|&)\s+(\w+)|\sby\s+(\w+ing)\b", text[start:end]):
        verb = (m.group(1) or m.group(2) or "").lower()
        base = verb[:-3] if verb.endswith("ing") else verb
        if verb in ACTION_VERBS or base in ACTION_VERBS or base + "e" in ACTION_VERBS:
            cuts.append(start + m.start())
    cuts.append(end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _clause_asks(text: str, start: int, end: int, source: str) -> list[Ask]:
    asks: list[Ask] = []
    for a, b in _split_coordination(text, start, end):
        # the "and"/"by" that joined the clause is not part of it
        lead = re.match(r"\s*(?:and|&|by)\s+", text[a:b])
        means = bool(lead and a != start and lead.group(0).strip() == "by")
        if lead and a != start:
            a += lead.end()
        parsed = _parse_clause(text, a, b)
        if parsed is None:
            continue
        action = parsed.action
        if action.endswith("ing"):
            base = action[:-3]
            action = base + "e" if base + "e" in ACTION_VERBS else base
        os_, oe = _strip_object(text, parsed.object_start, parsed.object_end)
        if oe <= os_:
            continue
        obj = text[os_:oe]
        quals = _dedupe(q for q, _, _ in _qualifiers(obj))
        span_start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        span = Span.of(text, span_start, oe)
        ask = Ask(
            text=span.text,
            action=action,
            object=_object_without_qualifiers(obj),
            qualifiers=quals,
            span=span,
            source=source,
        )
        # "Recognise nurses by giving them a 12.5% pay rise": the means is the concrete request
        # a response can grant or refuse, so it comes before the goal it serves.
        if means and asks:
            asks.insert(len(asks) - 1, ask)
        else:
            asks.append(ask)
    return asks


def _dedupe(quals: Iterable[str]) -> tuple[str, ...]:
    """Qualifiers in order, each once (compared without case)."""
    out: dict[str, str] = {}
    for q in quals:
        out.setdefault(q.lower(), q)
    return tuple(out.values())


def _same_ask(a: Ask, b: Ask) -> bool:
    """True when ``b`` restates ``a``: most object words shared, or the same act on some."""
    ov = _overlap(a, b)
    same_act = a.action == b.action or b.action in load_synonyms().verb_group(a.action)
    return ov >= 0.5 or (same_act and ov >= 0.25)


def _overlap(a: Ask, b: Ask) -> float:
    sa, sb = set(content_stems(a.object)), set(content_stems(b.object))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def extract_asks(petition: Petition, *, max_asks: int = 4) -> tuple[Ask, ...]:
    """The asks a petition makes: its action first, then distinct asks from the background.

    Each ask's ``span`` indexes :attr:`Petition.text`. A background sentence that restates an
    ask already found ("demand the release of the research ... in full") adds its qualifiers to
    that ask rather than making a new one.

    >>> [(a.action, a.object, a.qualifiers) for a in extract_asks(
    ...     Petition(action="Release the Home Office's Grooming Gang Review in full"))]
    [('release', "the Home Office's Grooming Gang Review", ('in full',))]
    >>> [a.action for a in extract_asks(Petition(action="Increase pay and recognise their work"))]
    ['increase', 'recognise']
    """
    if not isinstance(petition, Petition):
        raise InputError(f"extract_asks() takes a Petition, not {type(petition).__name__}")
    if max_asks < 1:
        raise InputError("max_asks must be at least 1")
    text = petition.text
    offsets = petition_offsets(petition)
    asks: list[Ask] = []

    # the action: each sentence of the headline may carry an ask ("Trigger Article 16. We want ...")
    act_end = len(petition.action)
    for sent in segment(text[:act_end]).sentences:
        found = _clause_asks(text, sent.start, sent.end, "action")
        if not found and not asks:
            # a headline with no verb ("Legal right to ...") is itself the ask
            s, e = _strip_object(text, sent.start, sent.end)
            quals = _dedupe(q for q, _, _ in _qualifiers(text[s:e]))
            found = [
                Ask(
                    text=text[s:e],
                    action="introduce",
                    object=_object_without_qualifiers(text[s:e]),
                    qualifiers=quals,
                    span=Span.of(text, s, e),
                    source="action",
                )
            ]
        asks.extend(found)
    if not asks:
        s, e = _strip_object(text, 0, act_end)
        asks.append(
            Ask(text[s:e], "introduce", text[s:e], (), Span.of(text, s, e), source="action")
        )

    # restatements and further asks in the background and details
    for part in ("background", "additional_details"):
        if part not in offsets:
            continue
        base = offsets[part]
        body = getattr(petition, part)
        for sent in segment(body).sentences:
            s0 = base + sent.start
            s1 = base + sent.end
            sent_text = text[s0:s1]
            for m in _BACKGROUND_TRIGGERS.finditer(sent_text):
                if m.group(0).strip() == "" and part == "additional_details":
                    continue  # bare imperative lines in the details are too noisy
                if m.group(0).strip() == "" and not sent_text.lstrip()[:1].isupper():
                    continue
                c_end = _CLAUSE_END.search(text, s0 + m.end(), s1)
                clause_end = c_end.start() if c_end else s1
                found = _clause_asks(text, s0 + m.end(), clause_end, part)
                if m.group(0).strip() == "":
                    first = sent_text.split(maxsplit=1)[0].lower() if sent_text.split() else ""
                    found = [f for f in found if f.action in ACTION_VERBS and first in ACTION_VERBS]
                for ask in found:
                    same = next((i for i, a in enumerate(asks) if _same_ask(a, ask)), None)
                    if same is not None:
                        old = asks[same]
                        merged = _dedupe(old.qualifiers + ask.qualifiers)
                        asks[same] = Ask(
                            old.text, old.action, old.object, merged, old.span, old.source
                        )
                    elif len(asks) < max_asks:
                        asks.append(ask)
                break
    return tuple(asks[:max_asks])


def make_ask(
    text: str,
    *,
    action: str | None = None,
    object: str | None = None,
    qualifiers: tuple[str, ...] | None = None,
) -> Ask:
    """A user-given ask; action, object and qualifiers are read from ``text`` when not given.

    >>> a = make_ask("Publish the report in full by June 2026")
    >>> a.action, a.object, a.qualifiers
    ('publish', 'the report', ('in full', 'by June 2026'))
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("an ask needs its text, e.g. make_ask('Publish the report in full')")
    parsed = _clause_asks(text, 0, len(text), "user")
    first = parsed[0] if parsed else None
    quals = _dedupe(q for q, _, _ in _qualifiers(text))
    return Ask(
        text=text,
        action=action or (first.action if first else "introduce"),
        object=object or (first.object if first else _object_without_qualifiers(text)),
        qualifiers=qualifiers if qualifiers is not None else quals,
        span=None,
        source="user",
    )
