"""How much a sentence is about an ask: the ask's object words, its act, and their aliases.

An ask is prepared once per response as an :class:`AskModel`: weighted groups of the object's
content stems (the head noun weighs most; generic words such as "office" least), alias phrases
that stand for object words (curated in ``data/synonyms.toml``, learned from acronym definitions
and "X (or Y)" glosses in the texts, and the petition restating its own ask), and the stemmed
forms of the ask's act and its synonyms. :func:`match` reads one sentence against it;
:func:`score` turns the match into a relevance in [0, 1].
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from ..asks import (
    STOPWORDS,
    Synonyms,
    content_stems,
    content_words,
    load_synonyms,
    make_ask,
    stem,
    verb_forms,
)
from ..model import Ask, Petition, Span
from ..segment import segment, words
from .config import JudgeConfig

__all__ = [
    "LIGHT_HEADS",
    "AskModel",
    "Match",
    "ask_model",
    "head_stem",
    "match",
    "score",
    "sentence_relevance",
    "vocab_map",
]

_GENERIC = frozenset(
    {
        stem(w)
        for w in [
            "home",
            "office",
            "department",
            "secretary",
            "state",
            "minister",
            "country",
            "nation",
        ]
    }
)
_GOVERNMENT_OFFICE = re.compile(
    r"\b(?:home|foreign|cabinet|war|colonial|scotland|wales|northern ireland|india|"
    r"passport|meteorological|met|post)\s+office\b",
    re.I,
)
# Words that end a noun phrase: prepositions and subordinators ("a phone while driving")
_PREPOSITIONS = frozenset(
    [
        "of",
        "for",
        "into",
        "on",
        "from",
        "to",
        "in",
        "at",
        "with",
        "against",
        "about",
        "by",
        "while",
        "during",
        "including",
        "when",
        "where",
        "without",
        "within",
        "through",
        "via",
        "because",
        "unless",
        "until",
        "beyond",
        "that",
        "which",
        "who",
        "whose",
        "as",
        "than",
    ]
)


@dataclass(frozen=True, slots=True)
class AskModel:
    """An ask prepared for matching: weighted term groups and the forms of its act."""

    ask: Ask
    groups: tuple[tuple[frozenset[str], float, bool], ...]  # (stems, weight, is_head)
    labels: tuple[str, ...]  # per group: the ask's own word for it, lower-cased (for notes)
    phrases: tuple[tuple[str, tuple[int, ...], float], ...]  # alias phrase, groups, weight
    act_forms: tuple[str, ...]  # stemmed forms of the act ("releas", "publish", ...)
    # per compound word of the object: (its modifiers' stems, its stem, the group indices of it
    # and of the words after it in the compound): see :func:`_sibling_groups`
    compounds: tuple[tuple[frozenset[str], str, tuple[int, ...]], ...] = ()
    # stems that never make a sibling: the petition's own words and the neutral modifiers
    known: frozenset[str] = frozenset()
    # the activity the object names ("sale" in "the sale of helium balloons"), with the words
    # that name the same activity, and the groups of what it acts on
    activity: frozenset[str] = frozenset()
    activity_groups: tuple[int, ...] = ()
    activity_group: int = -1  # the group of the activity word itself
    object_stems: frozenset[str] = frozenset()  # every stem of every group


# Amount-change nouns ("pay rise", "rent freeze"): the noun they modify carries the meaning.
LIGHT_HEADS = frozenset(
    [
        "rise",
        "rises",
        "increase",
        "increases",
        "cut",
        "cuts",
        "reduction",
        "uplift",
        "freeze",
        "hike",
        "boost",
        "award",
    ]
)


# Vague nouns that head an object without naming it ("the plan to send ... to Rwanda"): the
# last content word of the object names it instead.
_VAGUE_HEADS = frozenset(
    [
        "plan",
        "plans",
        "scheme",
        "policy",
        "policies",
        "proposal",
        "proposals",
        "programme",
        "decision",
        "idea",
        "system",
        "use",
        "practice",
        "number",
        "amount",
        "level",
        "rate",
        "sale",
        "sales",
        "import",
        "imports",
        "export",
        "exports",
        "cost",
        "price",
        "availability",
        "provision",
        "access",
        "supply",
        "production",
        "manufacture",
        "issue",
        "problem",
        # activity nouns that name the thing through their complement ("the development of new
        # coal mines" is about new coal mines)
        "development",
        "construction",
        "building",
        "opening",
        "creation",
        "establishment",
    ]
)
# Predicate adjectives of "make X compulsory", and adverbs of place and time ("fracking
# anywhere in England"): never the head
_PREDICATES = frozenset(
    [
        "anywhere",
        "everywhere",
        "nationwide",
        "immediately",
        "again",
        "permanently",
        "now",
        "compulsory",
        "mandatory",
        "illegal",
        "unlawful",
        "free",
        "legal",
        "available",
        "permanent",
        "statutory",
        "universal",
        "cheaper",
        "accessible",
        "affordable",
    ]
)


def _phrase_head(toks: Sequence[str]) -> tuple[int, bool]:
    """Index (among content words) of the last content word before the first boundary word
    that follows one, and whether it is a light head ("rise" in "pay rise")."""
    idx, count, light = -1, 0, False
    for t in toks:
        lt = t.lower()
        if lt in _PREPOSITIONS and count > 0:
            break
        if lt in STOPWORDS or len(lt) < 2:
            continue
        idx, light = count, lt in LIGHT_HEADS
        count += 1
    return idx, light


# A time adverbial at the end of an object ("a 10% pay rise this year"): never its head
_TRAILING_TIME = re.compile(
    r"\s+(?:this|next|last|every|each)\s+(?:year|month|week|summer|winter|spring|autumn|"
    r"parliament|term|session|financial year)\s*$",
    re.I,
)


def _named_vague_head(toks: Sequence[str], head: str) -> bool:
    """Whether a vague head has a name of its own: a content word right before it that is not
    a neutral modifier or a possessive ("a deposit return scheme", "a compensation scheme"), not
    "the sale", "the new plan" or "the Government's plan"."""
    i = toks.index(head)
    if i == 0:
        return False
    lt = toks[i - 1].lower()
    return not (
        lt in STOPWORDS
        or len(lt) < 2
        or lt[0].isdigit()
        or lt in _PREDICATES
        or lt.endswith(("'s", "’s", "s'"))
        or stem(lt) in neutral_modifiers()
    )


# an object that is a power to do something ("the power to fine people who spit")
_POWER_TO = re.compile(r"(?:(?:the|new|more|further|stronger|greater)\s+)?powers?\s+to\s+\w", re.I)


# a possessor at the start of an object: "the Ministry of Defence's ", "HMRC's "
_POSSESSOR = re.compile(r"\s*(?:[Tt]he\s+)?(?:[A-Z][\w-]*\s+(?:of\s+)?){0,4}?[A-Z][\w-]*[’']s\s+")


def _head_index(obj: str) -> int:
    """Index (among content stems) of the object's head: last content word before a preposition.

    A light head ("a 12.5% pay rise") passes the role to the word before it ("pay").
    """
    toks = [w.text for w in words(_TRAILING_TIME.sub("", obj))]
    owner = _POSSESSOR.match(obj)
    if owner is not None and obj[owner.end() :].strip():
        # a possessor is not the head: "the Ministry of Defence's Thornbury site" is a site
        own = [w.text for w in words(_TRAILING_TIME.sub("", obj[owner.end() :]))]
        skipped = len([t for t in toks if t.lower() not in STOPWORDS and len(t) >= 2]) - len(
            [t for t in own if t.lower() not in STOPWORDS and len(t) >= 2]
        )
        return skipped + _head_index(obj[owner.end() :])
    idx, light = _phrase_head(toks)
    if light and idx > 0:
        idx -= 1
    content = [t for t in toks if t.lower() not in STOPWORDS and len(t) >= 2]
    if idx == 0 and len(content) > 1 and _POWER_TO.match(obj):
        # "the power to fine people who spit": what the power does names it, and a response
        # says so without the noun ("councils can already fine people for spitting")
        return idx + 1
    while 0 < idx < len(content) and content[idx].lower() in _PREDICATES:
        idx -= 1
    if (
        0 <= idx < len(content)
        and content[idx].lower() in _VAGUE_HEADS
        and len(content) > idx + 1
        and not _named_vague_head(toks, content[idx])
    ):
        # "the sale of fireworks", "the use of live fish as bait": the noun phrase after "of"
        # (but "a deposit return scheme for bottles" is named by its own modifiers)
        after = toks[toks.index(content[idx]) + 1 :]
        k, _ = _phrase_head(after)
        idx = min(idx + 1 + max(k, 0), len(content) - 1)
    # a number is not a head ("the Vagrancy Act 1824"): the word before it is
    while (
        idx > 0 and idx < len(content) and (content[idx][0].isdigit() or content[idx][0] in "£$€")
    ):
        idx -= 1
    return max(idx, 0)


@cache
def _relevance_data() -> dict[str, dict[str, list[str]]]:
    raw: dict[str, dict[str, list[str]]] = tomllib.loads(
        resources.files("respcompare").joinpath("data/judge_relevance.toml").read_text("utf-8")
    )
    return raw


@cache
def neutral_modifiers() -> frozenset[str]:
    """Stems of modifiers that never name another thing ("new", "current", "national"), from
    ``data/judge_relevance.toml``."""
    return frozenset(stem(w) for w in _relevance_data()["neutral_modifiers"]["words"])


@cache
def derivations() -> dict[str, frozenset[str]]:
    """Stem -> the stems of the words derived from it or it from ("closur" <-> "close"), from
    ``data/judge_relevance.toml``. A noun whose stem is a common word's ("publication" stems
    to "public") is matched only as itself: its stem never stands for the verb."""
    out: dict[str, set[str]] = {}
    for pair in _relevance_data()["derivations"]["pairs"]:
        noun, verb = (w.strip() for w in str(pair).split("="))
        ns, vs = stem(noun), stem(verb)
        if ns in _AMBIGUOUS_STEMS:
            continue
        out.setdefault(ns, set()).add(vs)
        out.setdefault(vs, set()).add(ns)
    return {k: frozenset(v) for k, v in out.items()}


# stems that are also a common word of another meaning ("publication" -> "public")
_AMBIGUOUS_STEMS = frozenset({"public"})


@cache
def predicate_verbs() -> frozenset[str]:
    """Third-person verbs that follow their subject ("the surcharge continues"), so never make a
    compound with the noun before them, from ``data/judge_relevance.toml``."""
    return frozenset(w.lower() for w in _relevance_data()["predicate_verbs"]["words"])


def _content_runs(
    text: str, spans: Sequence[Span] | None = None
) -> list[list[tuple[str, str, int]]]:
    """Runs of adjacent content words (only white space between them), as (stem, word, index
    of the word in ``text``'s words).

    A stopword, a number or punctuation ends a run: "bowel cancer screening" is one run,
    "dogs, cats" two.
    """
    runs: list[list[tuple[str, str, int]]] = []
    run: list[tuple[str, str, int]] = []
    prev_end = -1
    for i, w in enumerate(words(text) if spans is None else spans):
        t = w.text.lower()
        content = t not in STOPWORDS and len(t) >= 2 and not (t[0].isdigit() or t[0] in "£$€")
        joined = prev_end >= 0 and not text[prev_end : w.start].strip()
        if not content or not joined:
            if run:
                runs.append(run)
            run = []
        if content:
            run.append((stem(w.text), t, i))
        prev_end = w.end
    if run:
        runs.append(run)
    return runs


def _compounds(
    obj: str, groups: Sequence[tuple[set[str], float, bool]]
) -> tuple[tuple[frozenset[str], str, tuple[int, ...]], ...]:
    """The object's compound words with what modifies them: for "bowel cancer screening age",
    ({"bowel"}, "cancer", ...), ({"bowel", "cancer"}, "screen", ...) and so on, each with the
    groups of that word and the words after it in the compound. Modifiers that never name
    another thing ("new", "national") are left out; a word with none is not listed."""
    neutral = neutral_modifiers()
    gi = {s: i for i, (g, _, _) in enumerate(groups) for s in g}
    out: list[tuple[frozenset[str], str, tuple[int, ...]]] = []
    for run in _content_runs(obj):
        stems_ = [s for s, _, _ in run]
        plain = [not _is_neutral(w, neutral) for _, w, _ in run]
        for j in range(1, len(stems_)):
            mods = frozenset(m for m, p in zip(stems_[:j], plain[:j], strict=True) if p)
            if not mods or not plain[j]:
                continue
            idx = tuple(
                dict.fromkeys(
                    gi[x] for x, p in zip(stems_[j:], plain[j:], strict=True) if p and x in gi
                )
            )
            out.append((mods, stems_[j], idx))
    return tuple(out)


# Nouns after a word that still name that word's thing: the vague heads ("screening
# programme", "fur sales") and the trade in it ("the fur trade", "fur products")
_SAME_THING_AFTER = _VAGUE_HEADS | frozenset(
    [
        "trade",
        "market",
        "markets",
        "industry",
        "sector",
        "products",
        "product",
        "goods",
        "items",
        "services",
        "service",
        "regime",
        "rules",
        "regulations",
        "arrangements",
        "process",
        "age",
        "ages",
        "levels",
        "rates",
    ]
)


def _is_neutral(word: str, neutral: frozenset[str]) -> bool:
    """A neutral modifier, or a compound of one ("full-time", "state-funded")."""
    return stem(word) in neutral or any(stem(p) in neutral for p in word.split("-") if p)


# Words before a verb: a content word after one of these is a verb, not a modifier ("to set
# uniform policies", "will reduce tuition fees")
_BEFORE_VERB = frozenset(
    [
        "to",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "we",
        "they",
        "it",
        "he",
        "she",
        "which",
        "who",
        "that",
        "also",
        "further",
    ]
)


def _sibling_modifier(word: str, before: str, known: frozenset[str]) -> bool:
    """Whether ``word``, right before a word of the ask's compound, names another thing of
    the same kind: a content word the petition never uses, not a neutral modifier, and not a
    verb or participle ("set", "state-funded")."""
    if before in _BEFORE_VERB or word.endswith(("ed", "'s", "’s", "s'")) or "-" in word:
        # a verb or participle, a possessive ("children's mental health"), or a hyphenated
        # adjective that narrows rather than names another thing ("high-caffeine energy drinks")
        return False
    parts = [p for p in word.replace("’", "'").split("-") if p]
    return not any(stem(p) in known for p in parts) and stem(word) not in known


def _sibling_at(
    run: Sequence[tuple[str, str, int]], k: int, toks: Sequence[str], known: frozenset[str]
) -> bool:
    """Whether the ask's word at ``run[k]`` names another thing: another modifier before it
    ("breast screening", "cat owners"), or another noun after it that it modifies ("hunting
    trophies" for "trail hunting")."""
    if k > 0:
        before = run[k - 1]
        if _sibling_modifier(before[1], toks[before[2] - 1] if before[2] > 0 else "", known):
            return True
    if k + 1 < len(run):
        after = run[k + 1]
        return (
            after[0] not in known
            and after[1] not in _SAME_THING_AFTER
            and after[1] not in predicate_verbs()
            and not after[1].endswith(("ed", "ing", "ly"))
        )
    return False


#: A sentence's words as written, lower-cased, and its runs of content words (_content_runs)
_Runs = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[tuple[str, str, int], ...], ...]]


def _runs_of(sent_text: str) -> _Runs:
    spans = words(sent_text)
    raw = tuple(w.text for w in spans)
    return raw, tuple(t.lower() for t in raw), tuple(map(tuple, _content_runs(sent_text, spans)))


@lru_cache(maxsize=4096)
def _runs_memo(sent_text: str) -> _Runs:
    """:func:`_runs_of`, remembered per sentence text up to 2,000 characters: every ask with a
    compound reads the same sentences (performance only)."""
    return _runs_of(sent_text)


def _sibling_groups(model: AskModel, sent_text: str, sset: set[str], hit: set[int]) -> set[int]:
    """Groups the sentence names only through a sibling of the ask's compound.

    "the breast screening age" names "screening" and "age" of "the bowel cancer screening age"
    with another word where the ask has "bowel cancer", and none of the ask's modifiers: it is
    about another thing of the same kind, and those words do not count as naming the ask. The
    same holds for "cat owners" against "dog owners". A word the petition itself uses in that
    place ("tuition fees" in a petition on the undergraduate fee) names the ask.
    """
    out: set[int] = set()
    read: _Runs | None = None
    for mods, x, idx in model.compounds:
        if x not in sset or mods & sset or not any(i in hit for i in idx):
            continue
        if read is None:
            read = _runs_memo(sent_text) if len(sent_text) <= 2_000 else _runs_of(sent_text)
        raw, toks, runs = read
        places = [(r, k) for r in runs for k, (s, _, _) in enumerate(r) if s == x]
        sibling = [_sibling_at(r, k, toks, model.known) for r, k in places]
        # a plain use of the word ("the export of cattle") names the ask's thing, whatever a
        # title beside it says ("the Animal Welfare (Livestock Exports) Act")
        plain = any(
            not sib and not raw[r[k][2]][:1].isupper()
            for (r, k), sib in zip(places, sibling, strict=True)
        )
        if any(sibling) and not plain:
            out.update(idx)
    return out


# Activities an object can name with "<activity> of X", in families that name the same one
_ACTIVITIES: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(w) for w in family.split())
    for family in (
        "sale sales selling sell trade supply",
        "use using usage",
        "import imports importation importing",
        "export exports exporting",
        "production producing manufacture manufacturing making",
        "release releases releasing",
        "possession possessing ownership owning",
        "purchase purchasing buying",
        "advertising advertisement advertisements adverts marketing promotion",
        "display displays",
        "breeding farming",
        "hunting killing culling slaughter",
        "transport transportation",
        "disposal dumping",
    )
)
_ACTIVITY_STEMS = frozenset().union(*_ACTIVITIES)
_OF_X = re.compile(
    r"([A-Za-z]+)\s+(?:of|in)\s+(?:the\s+|a\s+|an\s+)?((?:[\w'’-]+\s+){0,3}[\w'’-]+)"
)


def _activity(
    obj: str, groups: Sequence[tuple[set[str], float, bool]]
) -> tuple[frozenset[str], tuple[int, ...], int]:
    """The activity an object names first ("the sale of helium balloons": sale, selling, ...),
    the groups of what follows it, and the activity word's own group, or nothing."""
    m = re.match(r"\s*(?:the\s+|a\s+|an\s+)?([A-Za-z]+)\s+(?:of|in)\s+(.+)", obj)
    if m is None or stem(m.group(1)) not in _ACTIVITY_STEMS:
        return frozenset(), (), -1
    act = stem(m.group(1))
    fam = next(f for f in _ACTIVITIES if act in f)
    rest = set(content_stems(m.group(2)))
    idx = tuple(i for i, (g, _, _) in enumerate(groups) if g & rest)
    own = next((i for i, (g, _, _) in enumerate(groups) if act in g), -1)
    return fam, idx, own


def _other_activity_groups(
    model: AskModel, sent_text: str, sset: set[str], hit: set[int]
) -> set[int]:
    """Groups named only as the object of another activity: "the deliberate release of
    balloons" for "the sale of helium balloons" (the sentence never names selling)."""
    if model.activity & sset or not any(i in hit for i in model.activity_groups):
        return set()
    for m in _OF_X.finditer(sent_text):
        act = stem(m.group(1))
        if act in _ACTIVITY_STEMS and act not in model.activity:
            named = set(content_stems(m.group(2)))
            if any(model.groups[i][0] & named for i in model.activity_groups):
                return set(model.activity_groups)
    return set()


#: The share of a word's weight a sibling's use of it counts for: below the 0.6 from which a
#: group names the head (see :func:`match`), so a sibling never names the head.
SIBLING_SHARE = 0.5


def head_stem(phrase: str) -> str:
    """The stem of a noun phrase's head ("scheme" in "a deposit return scheme for bottles",
    "review" in "a review of maternity services"), or "" when it has no content word."""
    content = [w for w, _ in content_words(phrase)]
    if not content:
        return ""
    i = _head_index(phrase)
    return stem(content[min(i, len(content) - 1)])


def _phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(content_stems(phrase))


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_GLOSS = re.compile(r"\(or ([\w’' -]{3,40})\)")


def _learned_aliases(petition: Petition, response_text: str) -> list[tuple[str, str]]:
    """Pairs of phrases the texts themselves declare equivalent.

    Acronym definitions ("Royal College of Veterinary Surgeons (RCVS)") and glosses
    ("organised networks (or grooming gangs)") in the petition and the response.
    """
    return [*_declared_aliases(petition.text), *_declared_aliases(response_text)]


@lru_cache(maxsize=8)
def _declared_aliases(text: str) -> tuple[tuple[str, str], ...]:
    """The pairs one text declares (see :func:`_learned_aliases`); remembered for the last few
    texts, as every ask of a petition reads the same petition and response."""
    pairs: list[tuple[str, str]] = []
    for m in _ACRONYM.finditer(text):
        acro = m.group(1)
        before = text[max(0, m.start() - 120) : m.start()].split()[-9:]
        long_words: list[str] = []
        for w in reversed(before):
            if w[:1].isupper() or w.lower() in ("of", "for", "and", "the", "on", "&"):
                long_words.insert(0, w)
            else:
                break
        while long_words and not long_words[0][:1].isupper():
            long_words.pop(0)
        initials = "".join(w[0] for w in long_words if w[:1].isupper())
        if long_words and (acro.upper()[:2] == initials[:2] or acro.upper() in initials):
            pairs.append((" ".join(long_words).lower(), acro.lower()))
    for m in _GLOSS.finditer(text):
        head = text[max(0, m.start() - 60) : m.start()].split()[-4:]
        if head:
            pairs.append((" ".join(head).lower(), m.group(1).strip().lower()))
    return tuple(pairs)


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on|&)?\s*[A-Z][\w’'-]*)+")
_ACRONYM_WORD = re.compile(r"\b[A-Z]{2,6}s?\b")


def _initialism(name: str) -> str:
    """'Work Capability Assessment' -> 'WCA' (small words left out)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _initials(obj: str, response_text: str) -> list[tuple[str, str]]:
    """Acronyms nobody defined: a name in the ask and its initials in the response ("Work
    Capability Assessment" and "WCA"), or an acronym in the ask and the name in the response
    whose initials it is ("PIP" and "Personal Independence Payment")."""
    pairs: list[tuple[str, str]] = []
    used = _acronyms_used(response_text)
    for m in _CAPITALISED_RUN.finditer(obj):
        acro = _initialism(m.group(0))
        if len(acro) >= 2 and acro in used:
            pairs.append((m.group(0).lower(), acro.lower()))
    # a lower-case name in the ask: "deposit return scheme" and "DRS"
    ws = [w.text for w in words(obj)]
    for acro in used - {p[1].upper() for p in pairs}:
        n = len(acro)
        for i in range(len(ws) - n + 1):
            window = ws[i : i + n]
            if "".join(w[0] for w in window).upper() == acro and not any(
                w.lower() in STOPWORDS for w in window
            ):
                pairs.append((" ".join(window).lower(), acro.lower()))
                break
    for m in _ACRONYM_WORD.finditer(obj):
        acro = m.group(0).rstrip("s")
        for name, initialism in _capitalised_names(response_text):
            if initialism == acro:
                pairs.append((acro.lower(), name.lower()))
                break
    return pairs


# What _initials reads of a response, remembered for the last few texts (every ask of a
# response reads the same text)


@lru_cache(maxsize=8)
def _acronyms_used(text: str) -> frozenset[str]:
    """The acronyms ``text`` uses, without a plural "s"."""
    return frozenset(m.group(0).rstrip("s") for m in _ACRONYM_WORD.finditer(text))


@lru_cache(maxsize=8)
def _capitalised_names(text: str) -> tuple[tuple[str, str], ...]:
    """The capitalised names in ``text``, in order, each with its initialism."""
    return tuple((m.group(0), _initialism(m.group(0))) for m in _CAPITALISED_RUN.finditer(text))


def _restated_terms(petition: Petition, ask: Ask, synonyms: Synonyms) -> set[str]:
    """Object words the petition uses when it restates this ask in its background.

    "refusing to release official research on grooming gangs" restates "Release the ... Grooming
    Gang Review": the same act on a shared object word, so "research" names the same object.
    """
    acts = {" ".join(stem(w) for w in f.split()) for f in synonyms.verb_group(ask.action)}
    obj = set(content_stems(ask.object))
    out: set[str] = set()
    for part in (petition.background, petition.additional_details):
        for sent in segment(part).sentences if part else ():
            st = content_stems(sent.text)
            if not (set(st) & obj) or not (set(st) & acts):
                continue
            for i, s in enumerate(st):
                if s in acts:
                    # the words right after the act are its object
                    out.update(x for x in st[i + 1 : i + 4] if x not in acts and not x[0].isdigit())
    return out - obj - _GENERIC


def _label(word: str) -> str:
    """A word of the ask as a note shows it: lower-cased unless an acronym, without a
    possessive ("Office's" -> "office", "NHS" stays)."""
    w = word.replace("’", "'")
    if w.lower().endswith("'s"):
        w = w[:-2]
    return w if len(w) > 1 and w.isupper() else w.lower()


def _form_stems(form: str) -> str:
    """A form as the judge's joined content stems read it: a several-word form without its
    stopwords ("public sector company" -> "sector compani"), so it can match a sentence's
    content stems; a form that would shrink to one word keeps its own stems (it then matches
    only where written, which is safer than matching its one content word everywhere)."""
    if " " not in form:
        return stem(form)
    content = content_stems(form)
    return " ".join(content) if len(content) >= 2 else " ".join(stem(w) for w in form.split())


@lru_cache(maxsize=4096)
def _alias_hits(
    aliases: tuple[tuple[tuple[str, ...], float, str], ...], lower_obj: str, cutoff: float
) -> tuple[tuple[str, tuple[str, ...], float], ...]:
    """The curated alias groups that name ``lower_obj``, each with its first term that does (a
    fuzzy partial match at ``cutoff``), in file order; remembered by value, as the same ask is
    prepared again for every response."""
    out: list[tuple[str, tuple[str, ...], float]] = []
    for terms, weight, _src in aliases:
        for t in terms:
            # (a short term, "tax" or "ved", as a whole word: a fuzzy part of a longer word
            # would match anything)
            if (
                fuzz.partial_ratio(t, lower_obj) >= cutoff
                if len(t) >= 4
                else re.search(rf"\b{re.escape(t)}\b", lower_obj) is not None
            ):
                out.append((t, terms, weight))
                break
    return tuple(out)


@lru_cache(maxsize=16)
def _phrase_forms(
    verb_groups: tuple[tuple[str, ...], ...],
) -> tuple[tuple[tuple[str, str], ...], ...]:
    """For each verb group, its several-word forms as padded joined stems, twice: of their
    content words (" sector compani ") and of every word (" public ownership "), the ways
    :func:`ask_model` looks for them in an ask's content stems and in all its words'
    stems; remembered by value."""
    return tuple(
        tuple(
            (f" {_form_stems(g)} ", f" {' '.join(stem(w) for w in g.split())} ")
            for g in group
            if " " in g
        )
        for group in verb_groups
    )


def ask_model(
    ask: Ask,
    petition: Petition,
    response_text: str,
    synonyms: Synonyms,
    cfg: JudgeConfig,
) -> AskModel:
    """Prepare ``ask`` for matching against the sentences of ``response_text``."""
    words = content_words(ask.object)
    head = _head_index(ask.object)
    head_is_power_act = _POWER_TO.match(ask.object) is not None
    groups: list[tuple[set[str], float, bool]] = []
    labels: list[str] = []
    seen: set[str] = set()
    for i, (word, s) in enumerate(words):
        if s in seen:
            continue
        seen.add(s)
        labels.append(_label(word))
        generic = s in _GENERIC
        weight = (
            cfg.generic_word_weight
            if generic
            else (cfg.number_word_weight if s[0].isdigit() or s[0] in "£$€" else 1.0)
        )
        # an office is the head of "HMRC's office in Shrewsbury", not of "the Home Office"
        is_head = i == head and (
            not generic
            or (word.lower() in ("office", "offices") and not _GOVERNMENT_OFFICE.search(ask.object))
        )
        stems_ = {s} | derivations().get(s, frozenset())
        if is_head and i > 0 and words[i - 1][1] == "power" and head_is_power_act:
            # "the power to fine": named by the power or by what it does
            stems_.add("power")
        if "-" in word:
            # "A-levels" is named by "A level exams", "ear-cropped" by "cropping"
            tail = word.rsplit("-", 1)[-1]
            if len(tail) >= 4 and tail.lower() not in STOPWORDS:
                stems_.add(stem(tail))
        groups.append((stems_, weight * (cfg.head_word_weight if is_head else 1.0), is_head))
    lower_obj = ask.object.lower()
    phrases: list[tuple[str, tuple[int, ...], float]] = []

    def _attach(found: str, others: Sequence[str], weight: float) -> None:
        fst = _phrase_stems(found)
        idx = [i for i, (g, _, _) in enumerate(groups) if g & set(fst)]
        if not idx:
            return
        for other in others:
            if other == found:
                continue
            phrases.append((other, tuple(idx), weight))
            ost = _phrase_stems(other)
            if len(ost) == 1:  # a one-word alias joins the group of the word it stands for
                groups[idx[-1]][0].add(ost[0])

    for t, terms, weight in _alias_hits(synonyms.aliases, lower_obj, cfg.alias_fuzz_cutoff):
        _attach(t, terms, weight)
    for a, b in (*_learned_aliases(petition, response_text), *_initials(ask.object, response_text)):
        for x, y in ((a, b), (b, a)):
            if len(x) >= 3 and fuzz.partial_ratio(x, lower_obj) >= 92:
                _attach(x, (y,), cfg.learned_alias_weight)
    restated = _restated_terms(petition, ask, synonyms)
    if restated and groups:
        head_i = next((i for i, (_, _, h) in enumerate(groups) if h), 0)
        for r in restated:
            phrases.append((r, (head_i,), cfg.restated_word_weight))
    forms: list[str] = []
    # the act named in the ask's words as well as its verb: "Bring the water companies back into
    # public ownership" asks to nationalise them
    ask_stems = " " + " ".join(content_stems(ask.text)) + " "
    # (every word too: "public" is no content word, but "public ownership" names the act)
    ask_words = " " + " ".join(stem(w) for w in re.findall(r"[\w'-]+", ask.text.lower())) + " "
    groups_named = [
        f
        for group, named in zip(
            synonyms.verb_groups, _phrase_forms(synonyms.verb_groups), strict=True
        )
        if any(c in ask_stems or w in ask_words for c, w in named)
        for f in group
    ]
    for f in (*synonyms.verb_group(ask.action), *groups_named):
        forms.append(_form_stems(f))
        if " " not in f:  # "added" stems to "ad", "add" to "add": take every inflection's stem
            forms.extend(stem(x) for x in verb_forms(f))
    acts = tuple(dict.fromkeys(forms))
    frozen = tuple((frozenset(g), w, h) for g, w, h in groups)
    object_stems = frozenset().union(*(g for g, _, _ in frozen))
    compounds = _compounds(ask.object, groups)
    known = (
        frozenset(content_stems(f"{petition.text} {ask.text}")) | object_stems | neutral_modifiers()
        if compounds
        else frozenset()
    )
    activity, activity_groups, activity_group = _activity(ask.object, groups)
    return AskModel(
        ask,
        frozen,
        tuple(labels),
        tuple(phrases),
        acts,
        compounds,
        known,
        activity,
        activity_groups,
        activity_group,
        object_stems,
    )


@dataclass(frozen=True, slots=True)
class Match:
    """What one sentence names of an ask."""

    relevance: float  # weighted share of the ask's object named, in [0, 1]
    head: bool  # the ask's head noun (or an alias) is named
    act: bool  # the ask's act (or a synonym) is named
    matched: tuple[str, ...]  # the ask's words for the groups matched (for notes)
    sibling: bool = False  # some words are named only through a sibling ("breast screening")


_NONE: frozenset[str] = frozenset()


def match(
    model: AskModel, sent_text: str, sent_stems: Sequence[str], vocab_map: dict[str, set[str]]
) -> Match:
    """Which of the ask's object words, aliases and act forms ``sent_text`` names."""
    sset = set(sent_stems)
    for x in sent_stems:
        if "-" in x:
            # a hyphenated word names its parts: "a day-one right" names the first day
            sset.update(stem(part) for part in x.split("-") if len(part) >= 3)
    lower = sent_text.lower()
    total = sum(w for _, w, _ in model.groups) or 1.0
    got = 0.0
    head = False
    matched: list[str] = []
    hit_groups: dict[int, float] = {}
    for i, (g, _w, _is_head) in enumerate(model.groups):
        if not g.isdisjoint(sset) or (
            vocab_map and any(not vocab_map.get(x, _NONE).isdisjoint(sset) for x in g)
        ):
            hit_groups[i] = 1.0
    if (
        model.activity_group >= 0
        and model.activity_group not in hit_groups
        and model.activity & sset
    ):
        # another word for the same activity: "the licensed killing of badgers" for "the
        # culling of badgers", "selling" for "the sale"
        hit_groups[model.activity_group] = 1.0
    siblings: set[int] = set()
    if model.activity and hit_groups:
        siblings |= _other_activity_groups(model, sent_text, sset, set(hit_groups))
    if model.compounds and hit_groups:
        # a sibling ("breast screening" for "bowel cancer screening") is on the ask's topic but
        # does not name it: its words count for part, and never as the head
        siblings |= _sibling_groups(model, sent_text, sset, set(hit_groups))
    siblings &= set(hit_groups)
    for i in siblings:
        hit_groups[i] = SIBLING_SHARE
    for phrase, gis, pw in model.phrases:
        if all(hit_groups.get(gi, 0.0) >= pw for gi in gis):
            continue
        if (" " in phrase and phrase in lower) or (" " not in phrase and stem(phrase) in sset):
            # an alias stands for the whole ask phrase it replaced ("grooming gang")
            for gi in gis:
                hit_groups[gi] = max(hit_groups.get(gi, 0.0), pw)
    for i, share in hit_groups.items():
        g, w, is_head = model.groups[i]
        got += w * share
        matched.append(model.labels[i])
        if is_head and share >= 0.6:  # an alias weaker than 0.6 does not name the head
            head = True
    # a form is named as one of the stems, or (several words) inside the joined stems
    act = not sset.isdisjoint(model.act_forms)
    if not act:
        joined = " ".join(sent_stems)
        act = any(" " in a and a in joined for a in model.act_forms)
    return Match(min(1.0, got / total), head, act, tuple(matched), bool(siblings))


def sentence_relevance(ask: Ask | str, sentence: str, *, petition: Petition | None = None) -> float:
    """How much ``sentence`` is about ``ask``: the weighted share of the ask's object it names.

    >>> round(sentence_relevance("Release the grooming gangs review in full",
    ...     "We will publish a paper on group-based child sexual exploitation."), 2) > 0.3
    True
    """
    a = make_ask(ask) if isinstance(ask, str) else ask
    p = petition or Petition(action=a.text)
    cfg = JudgeConfig.default()
    model = ask_model(a, p, sentence, load_synonyms(), cfg)
    st = content_stems(sentence)
    m = match(model, sentence, st, vocab_map(model, tuple(set(st)), cfg))
    return score(m, cfg)


def score(m: Match, cfg: JudgeConfig) -> float:
    """Relevance in [0, 1]: the object share, raised when the head or the act is named."""
    r = m.relevance
    if m.head:
        r = max(r, cfg.head_floor) + cfg.head_bonus
    elif r < cfg.headless_share:
        # without the head noun (or an alias) a sentence names the ask only if it names most of
        # it: "microchips compulsory for all cat owners" is not about "licences ... dog owners"
        r = min(r, cfg.headless_cap)
    if m.act and r > 0:
        r += cfg.act_bonus
    return min(1.0, r)


def vocab_map(model: AskModel, vocab: tuple[str, ...], cfg: JudgeConfig) -> dict[str, set[str]]:
    """Ask stems -> response stems that spell the same word differently (RapidFuzz ratio)."""
    out: dict[str, set[str]] = {}
    long_vocab = [v for v in vocab if len(v) >= 5 and not v[0].isdigit()]
    for g, _, _ in model.groups:
        for s in g:
            if len(s) < 5 or s[0].isdigit():
                continue
            hits = process.extract(
                s, long_vocab, scorer=fuzz.ratio, score_cutoff=cfg.spelling_fuzz_cutoff, limit=5
            )
            if hits:
                out[s] = {h[0] for h in hits}
    return out
