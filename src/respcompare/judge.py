"""Ask x response -> :class:`~respcompare.model.Assessment`: did the response answer the ask?

The judge works in four steps, all rules over the text (no model, no network):

1. **Asks.** The petition's asks come from :func:`respcompare.asks.extract_asks` (or the caller).
2. **Matching.** Each response sentence gets a relevance to each ask: the share of the ask's
   object terms it names (Porter stems, RapidFuzz for spelling variants), counting aliases
   learned from the texts (the petition restating its own ask, acronym definitions, "X (or Y)"
   glosses) and the curated synonyms in ``data/synonyms.toml`` ("grooming gangs" ->
   "group-based child sexual exploitation"). Naming the ask's act ("publish" for "release")
   counts too. A sentence that refers to "this petition" is about the ask.
3. **Stance.** The cue engine (:func:`respcompare.cues.find_cues`) marks refusals, commitments,
   deferrals and review loops with their ladder level. A stance cue in a sentence about the ask
   is a position on the ask. Precedence: a refusal or a commitment on the ask is an answer; a
   deferral or review loop is ``deferred``; a response that only engages the topic is
   ``deflected``; one that never names it is ``not-addressed``. A commitment that drops a
   qualifier ("in full") or offers a narrower object ("a paper setting out key findings") is
   ``answered-partly``, and the downgrade says what was asked and what was offered.

   The Committee's test is whether the response takes a position on the petition's SPECIFIC
   request. So a deferral, review or conditional whose own object names the ask (its head
   noun or an alias, its act with an object word, or two object words), or that refers back
   to it ("their recommendation", "it", "will respond in due course") right after words that
   name it, is a direct answer that routes the decision to a named process or condition:
   ``answered-partly`` at level 3, downgrade ``"<ask>" -> "<what is offered>"``. A process
   already examining the ask's object ("is already examining ...") is such a substitute too,
   and so is the ask's own act on its object already in place ("the agreement delivers pay
   awards", level 4; used only when nothing more explicit decides). A deferral or review loop
   on something generic ("reform options", "all taxes", "income tax rates") stays
   ``deferred``; a review loop ("keep ... under review") is never more than ``deferred``.
   A sentence inherits a decaying share of the relevance of earlier sentences in its
   paragraph, so "there are no plans to extend the scope" answers an ask named sentences
   before; such an inherited refusal must refuse a policy act, not a behaviour.
4. **Directness** in [0, 1]: a stated position, how explicit it is (cue strength and the
   sentence's relevance), how early it comes (summary, first paragraph), how many asks and
   qualifiers it covers, and how much of the response is off the ask (deflection share).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .asks import (
    ACTION_VERBS,
    STOPWORDS,
    Synonyms,
    content_stems,
    content_words,
    extract_asks,
    load_synonyms,
    make_ask,
    stem,
)
from .errors import InputError
from .model import (
    Ask,
    AskOutcome,
    Assessment,
    Cue,
    Downgrade,
    Evidence,
    Petition,
    Response,
    Span,
    Verdict,
)
from .segment import Sentence, segment, words

_find_cues: Callable[[str], Sequence[Cue]] | None
try:  # the cue engine is a sibling stage; the judge reads stance from it when present
    from .cues import find_cues as _cue_engine

    _find_cues = _cue_engine
except ImportError:  # pragma: no cover - only while the cue engine is absent
    _find_cues = None

__all__ = ["assess", "sentence_relevance"]

# ----------------------------------------------------------------------------------------------
# stance: what a sentence does (commit, refuse, defer, loop), read from the cue engine


@dataclass(frozen=True, slots=True)
class _Stance:
    kind: str  # "refusal" | "commitment" | "deferral" | "review-loop"
    level: int
    strength: float
    span: Span  # in the response's full text
    rule: str
    scope: Span | None


_STANCE_CATEGORIES = {"refusal", "commitment", "deferral", "review-loop"}
_DEFAULT_LEVEL = {"refusal": 0, "commitment": 4, "deferral": 3, "review-loop": 2}

# Minimal fallback used only when respcompare.cues is not importable (it is a sibling stage
# that may be absent in a partial install). It is not a lexicon: four coarse patterns.
_FALLBACK_STANCE: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    (
        "refusal",
        0,
        re.compile(
            r"\b(?:no (?:current |further )?plans? to|will not|won't|does not intend|"
            r"not planning to|has no intention|not (?:be )?(?:appropriate|possible) to|"
            r"cannot|not order)\b",
            re.I,
        ),
    ),
    (
        "deferral",
        3,
        re.compile(
            r"\b(?:will|would) (?:carefully )?consider|in due course|exploring whether|"
            r"is considering|are considering|once (?:\w+ ){0,4}(?:has|have) reported",
            re.I,
        ),
    ),
    (
        "review-loop",
        2,
        re.compile(r"\bkeeps? (?:\w+ ){0,4}under (?:close )?review|will continue to\b", re.I),
    ),
    (
        "commitment",
        4,
        re.compile(
            r"\b(?:will|intends? to|is going to|are going to|is committed to|has committed to)"
            r"\s+(?!continue\b|consider\b|not\b|keep\b|be\b)\w+",
            re.I,
        ),
    ),
)


@lru_cache(maxsize=256)
def _stances(text: str) -> tuple[_Stance, ...]:
    out: list[_Stance] = []
    if _find_cues is not None:
        cues: Sequence[Cue] = _find_cues(text)
        for c in cues:
            if c.category not in _STANCE_CATEGORIES:
                continue
            level = c.level if c.level is not None else _DEFAULT_LEVEL[c.category]
            strength = c.strength if c.strength is not None else 0.7
            out.append(_Stance(c.category, level, strength, c.span, c.rule, c.scope))
        return tuple(out)
    for kind, level, pattern in _FALLBACK_STANCE:
        for m in pattern.finditer(text):
            if any(s.span.start <= m.start() < s.span.end for s in out):
                continue
            out.append(
                _Stance(
                    kind, level, 0.7, Span.of(text, m.start(), m.end()), f"fallback.{kind}", None
                )
            )
    return tuple(out)


# ----------------------------------------------------------------------------------------------
# matching: how much a sentence is about an ask

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
_PREPOSITIONS = frozenset(
    ["of", "for", "into", "on", "from", "to", "in", "at", "with", "against", "about", "by"]
)
_NARROWING = re.compile(
    r"\b(?:key findings|findings|insights|summary|some|certain|limited|elements? of|parts? of|"
    r"aspects? of|outline|overview|highlights|selected)\b",
    re.I,
)
_PETITION_REFERENCE = re.compile(
    r"\b(?:this|the) petition\b|\bpetitioners?\b|\bas (?:this|the) petition (?:asks|calls)",
    re.I,
)
_ANAPHORA = re.compile(r"\b(?:this|these) (?:issue|issues|area|matter|request|proposal)s?\b", re.I)
_TIME_HEDGE = re.compile(
    r"\b(?:at present|at this time|currently|current|presently|for now|at the moment)\b", re.I
)
_SPECIFIC = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|June|July|August|September|October|"
    r"November|December)\b|\bthis (?:year|autumn|spring|summer|winter)\b|"
    r"\b(?:later|early|earlier) this year\b|[£$€]\s?\d|\b\d+(?:\.\d+)?\s?(?:%|per cent)|"
    r"\b(?:Bill|Act|Regulations|Order)\b",
)
_QUALIFIER_KEYS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"in full|in its entirety|unredacted|^full$", re.I),
        re.compile(r"\bin full\b|\bfull\b|\bentire|\bwhole\b|\bcomplete\b|\bunredacted\b", re.I),
    ),
    (
        re.compile(r"law|legal|statutory", re.I),
        re.compile(r"\blaw\b|\blegal|\bstatutory\b|\blegislat|\bBill\b|\bAct\b", re.I),
    ),
    (re.compile(r"independent", re.I), re.compile(r"\bindependent\b", re.I)),
    (re.compile(r"public", re.I), re.compile(r"\bpublic\b", re.I)),
    (re.compile(r"^(?:all|every)\b", re.I), re.compile(r"\ball\b|\bevery\b|\buniversal", re.I)),
    (re.compile(r"immediate", re.I), re.compile(r"\bimmediate|\bnow\b|\bwithout delay", re.I)),
)


# Who speaks: a commitment or refusal counts as the government's position only when the
# government (or an impersonal "there are no plans") is its subject, not a third party
# ("Any taxpayer who is not able to pay ...", "the BBC Board decided ... households will be").
_GOVERNMENT_AGENT = re.compile(
    r"\b(?:we|our|us|i|government|ministers?|secretary of state|department|office|treasury|"
    r"hmrc|the uk|this paper|the paper|the bill|the act|the strategy|the framework|"
    r"regulations|legislation|there)\b",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"\b(?:who|whose|households?|taxpayers?|individuals|anyone|everyone|users|employers|"
    r"companies|platforms|providers|board|inquiry|panel|committee|review bod(?:y|ies)|"
    r"councils?|local authorities|police|forces|charities|people|staff|patients|vets?)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|cannot|can't|won't|n't|no longer)\s+(?:\w+\s+)?$", re.I)


def _agent_is_government(sent: Sentence, cue_start: int) -> bool:
    """True when the clause holding a cue has the government (or no one) as its subject."""
    prefix = sent.text[: max(cue_start - sent.start, 0)]
    prefix = re.split(r"[;:]|,\s(?:and|but|while)\s", prefix)[-1]
    if _GOVERNMENT_AGENT.search(prefix):
        return True
    return not _THIRD_PARTY.search(prefix)


@dataclass(frozen=True, slots=True)
class _AskModel:
    """An ask prepared for matching: weighted term groups and the forms of its act."""

    ask: Ask
    groups: tuple[tuple[frozenset[str], float, bool], ...]  # (stems, weight, is_head)
    labels: tuple[str, ...]  # per group: the ask's own word for it, lower-cased (for notes)
    phrases: tuple[tuple[str, tuple[int, ...], float], ...]  # alias phrase, groups, weight
    act_forms: tuple[str, ...]  # stemmed forms of the act ("releas", "publish", ...)


# Amount-change nouns ("pay rise", "rent freeze"): the noun they modify carries the meaning.
_LIGHT_HEADS = frozenset(
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


def _head_index(obj: str) -> int:
    """Index (among content stems) of the object's head: last content word before a preposition.

    A light head ("a 12.5% pay rise") passes the role to the word before it ("pay").
    """
    toks = [w.text for w in words(obj)]
    idx = -1
    count = 0
    light = False
    for t in toks:
        lt = t.lower()
        if lt in _PREPOSITIONS and count > 0:
            break
        if lt in STOPWORDS or len(lt) < 2:
            continue
        idx = count
        light = lt in _LIGHT_HEADS
        count += 1
    if light and idx > 0:
        idx -= 1
    return max(idx, 0)


def _phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(content_stems(phrase))


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_GLOSS = re.compile(r"\s*\(or ([\w’' -]{3,40})\)")


def _learned_aliases(petition: Petition, response_text: str) -> list[tuple[str, str]]:
    """Pairs of phrases the texts themselves declare equivalent.

    Acronym definitions ("Royal College of Veterinary Surgeons (RCVS)") and glosses
    ("organised networks (or grooming gangs)") in the petition and the response.
    """
    pairs: list[tuple[str, str]] = []
    for text in (petition.text, response_text):
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
    return pairs


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


def _ask_model(ask: Ask, petition: Petition, response_text: str, synonyms: Synonyms) -> _AskModel:
    words = content_words(ask.object)
    head = _head_index(ask.object)
    groups: list[tuple[set[str], float, bool]] = []
    labels: list[str] = []
    seen: set[str] = set()
    for i, (word, s) in enumerate(words):
        if s in seen:
            continue
        seen.add(s)
        labels.append(_label(word))
        generic = s in _GENERIC
        weight = 0.4 if generic else (0.5 if s[0].isdigit() or s[0] in "£$€" else 1.0)
        is_head = i == head and not generic
        groups.append(({s}, weight * (1.6 if is_head else 1.0), is_head))
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

    for terms, weight, _src in synonyms.aliases:
        for t in terms:
            if fuzz.partial_ratio(t, lower_obj) >= 90 and len(t) >= 4:
                _attach(t, terms, weight)
                break
    for a, b in _learned_aliases(petition, response_text):
        for x, y in ((a, b), (b, a)):
            if len(x) >= 3 and fuzz.partial_ratio(x, lower_obj) >= 92:
                _attach(x, (y,), 0.9)
    restated = _restated_terms(petition, ask, synonyms)
    if restated and groups:
        head_i = next((i for i, (_, _, h) in enumerate(groups) if h), 0)
        for r in restated:
            phrases.append((r, (head_i,), 0.6))
    acts = tuple(
        dict.fromkeys(" ".join(stem(w) for w in f.split()) for f in synonyms.verb_group(ask.action))
    )
    frozen = tuple((frozenset(g), w, h) for g, w, h in groups)
    return _AskModel(ask, frozen, tuple(labels), tuple(phrases), acts)


@dataclass(frozen=True, slots=True)
class _Match:
    relevance: float  # weighted share of the ask's object named, in [0, 1]
    head: bool  # the ask's head noun (or an alias) is named
    act: bool  # the ask's act (or a synonym) is named
    matched: tuple[str, ...]  # the ask's words for the groups matched (for notes)


def _match(
    model: _AskModel, sent_text: str, sent_stems: Sequence[str], vocab_map: dict[str, set[str]]
) -> _Match:
    sset = set(sent_stems)
    lower = sent_text.lower()
    total = sum(w for _, w, _ in model.groups) or 1.0
    got = 0.0
    head = False
    matched: list[str] = []
    hit_groups: dict[int, float] = {}
    for i, (g, _w, _is_head) in enumerate(model.groups):
        if g & sset or any(vocab_map.get(x, set()) & sset for x in g):
            hit_groups[i] = 1.0
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
        if is_head and share >= 0.6:
            head = True
    act = any((" " in a and a in " ".join(sent_stems)) or a in sset for a in model.act_forms)
    return _Match(min(1.0, got / total), head, act, tuple(matched))


def sentence_relevance(ask: Ask | str, sentence: str, *, petition: Petition | None = None) -> float:
    """How much ``sentence`` is about ``ask``: the weighted share of the ask's object it names.

    >>> round(sentence_relevance("Release the grooming gangs review in full",
    ...     "We will publish a paper on group-based child sexual exploitation."), 2) > 0.3
    True
    """
    a = make_ask(ask) if isinstance(ask, str) else ask
    p = petition or Petition(action=a.text)
    model = _ask_model(a, p, sentence, load_synonyms())
    st = content_stems(sentence)
    m = _match(model, sentence, st, _vocab_map(model, tuple(set(st))))
    return _score(m)


def _score(m: _Match) -> float:
    """Relevance in [0, 1]: the object share, raised when the head or the act is named."""
    r = m.relevance
    if m.head:
        r = max(r, 0.45) + 0.1
    if m.act and r > 0:
        r += 0.15
    return min(1.0, r)


def _vocab_map(model: _AskModel, vocab: tuple[str, ...]) -> dict[str, set[str]]:
    """Ask stems -> response stems that spell the same word differently (RapidFuzz >= 88)."""
    out: dict[str, set[str]] = {}
    long_vocab = [v for v in vocab if len(v) >= 5 and not v[0].isdigit()]
    for g, _, _ in model.groups:
        for s in g:
            if len(s) < 5 or s[0].isdigit():
                continue
            hits = process.extract(s, long_vocab, scorer=fuzz.ratio, score_cutoff=88, limit=5)
            if hits:
                out[s] = {h[0] for h in hits}
    return out


# ----------------------------------------------------------------------------------------------
# per-ask outcome


@dataclass(frozen=True, slots=True)
class _Scored:
    sent: Sentence
    score: float
    match: _Match


def _position(sent: Sentence, response: Response, n_sent: int) -> float:
    """1.0 in the summary, 0.9 in the first paragraph of the details, then falling to 0.6."""
    if response.summary_span is not None and sent.end <= response.summary_span.end:
        return 1.0
    first_para = 1 if response.summary_span is not None else 0
    if sent.paragraph <= first_para:
        return 0.9
    return max(0.6, 0.85 - 0.25 * sent.index / max(n_sent, 1))


def _qualifier_met(qualifier: str, text: str) -> bool:
    for key, test in _QUALIFIER_KEYS:
        if key.search(qualifier):
            return bool(test.search(text))
    nums = re.findall(r"\d+(?:\.\d+)?", qualifier)
    if nums:
        return all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", text) for n in nums)
    return qualifier.lower() in text.lower()


def _offered(sent: Sentence, stance: _Stance) -> str:
    """The object the commitment offers: the words after the committed verb, shortened."""
    text = sent.text
    rel_start = stance.span.end - sent.start
    tail = text[max(rel_start, 0) :]
    clause = re.split(r"[,;:]|\s(?:which|in order to|so that|and will)\s|\.$", tail, maxsplit=1)[0]
    toks = clause.split()
    phrase = " ".join(toks[:9]).strip(" .")
    narrow = _NARROWING.search(text, pos=max(rel_start, 0))
    if narrow and narrow.group(0).lower() not in phrase.lower():
        around = text[max(narrow.start() - 12, 0) : narrow.end()]
        around = around.split(" ", 1)[-1] if narrow.start() > 12 else around
        phrase = f"{phrase} ... {around.strip()}"
    return phrase


def _negated_act(model: _AskModel, sent: Sentence) -> _Stance | None:
    """The ask's own act negated in the sentence: "singing is not permitted" for "allow
    singing", "not order another inquiry" for "launch an inquiry". A judge rule on the ask's
    polarity, used where the cue engine has no refusal cue."""
    for w in words(sent.text):
        if stem(w.text) not in model.act_forms:
            continue
        before = sent.text[max(0, w.start - 24) : w.start]
        if _NEGATION.search(before):
            neg = _NEGATION.search(before)
            assert neg is not None
            a = sent.start + max(0, w.start - 24) + neg.start()
            span = Span(a, sent.start + w.end, sent.text[a - sent.start : w.end])
            return _Stance("refusal", 0, 0.75, span, f"judge.negated-act>{w.text.lower()}", None)
    return None


# A deferral "engages" the ask when what it defers names the ask (see _deferral_target).
_ANAPHOR = re.compile(r"\b(?:this|these|it|its|their|them|such)\b", re.I)
_DEFERRAL_WORDS = frozenset(
    stem(w)
    for w in [
        "consider",
        "carefully",
        "respond",
        "response",
        "due",
        "course",
        "explore",
        "whether",
        "appropriate",
        "examine",
        "review",
        "keep",
        "always",
        "look",
        "closely",
        "further",
        "time",
        "take",
        "then",
        "decision",
        "decide",
        "assess",
        "receive",
        "before",
        "responding",
    ]
)
_CONDITION = re.compile(r"\b(?:if|once|unless|subject to|where|when)\b[^,.;]{0,60}", re.I)
# An existing process already examining the ask's object: "The Inquiry is already examining
# ..." for "Hold an inquiry into ...". The cue engine has no cue for it; a judge rule.
_EXISTING_PROCESS = re.compile(
    r"\b(?:is|are) (?:already|currently|now) (?:examining|investigating|reviewing|considering|"
    r"looking (?:at|into)|assessing|exploring)\b",
    re.I,
)


def _engages(model: _AskModel, text: str, vmap: dict[str, set[str]]) -> _Match | None:
    """The match of ``text`` to the ask when it names the ask specifically, else None.

    Specific means: the ask's head noun (or an alias of it), or the ask's act together with
    one of its object words, or at least two object words making up 30% of the object.
    "reform options", "income tax rates" or "all taxes" are not specific to an ask.
    """
    m = _match(model, text, content_stems(text), vmap)
    if m.head or (m.act and m.relevance > 0) or (len(m.matched) >= 2 and m.relevance >= 0.3):
        return m
    return None


def _deferral_target(
    model: _AskModel,
    sent: Sentence,
    stance: _Stance,
    prev: Sentence | None,
    vmap: dict[str, set[str]],
) -> tuple[_Match, str] | None:
    """Does a deferral route a decision on THIS ask? (match, how it was found) or None.

    Yes when the deferral's own object names the ask ("exploring whether a statutory target
    for woodland creation would be appropriate" for "Enshrine tree planting target in law"),
    or when it has no object of its own or refers back ("their recommendation", "it",
    "will respond in due course") and the words before it in the sentence, or the sentence
    before it in the same paragraph, name the ask.
    """
    scope = stance.scope.text if stance.scope is not None else sent.text
    own = _engages(model, scope, vmap)
    if own is not None:
        return own, "its own object names the ask"
    obj = [x for x in content_stems(scope) if x not in _DEFERRAL_WORDS]
    if _ANAPHOR.search(scope) or not obj:
        before = sent.text[: max(stance.span.start - sent.start, 0)]
        antecedent = f"{prev.text} {before}" if prev is not None else before
        ref = _engages(model, antecedent, vmap)
        if ref is not None:
            return ref, "it refers back to a sentence that names the ask"
    return None


def _existing_process(
    model: _AskModel, sent: Sentence, vmap: dict[str, set[str]]
) -> _Stance | None:
    """A process already under way on the ask's object, as a substitute stance (level 3)."""
    m = _EXISTING_PROCESS.search(sent.text)
    if m is None:
        return None
    tail = sent.text[m.end() :]
    if _match(model, tail, content_stems(tail), vmap).relevance <= 0:
        return None
    a, b = sent.start + m.start(), sent.start + len(sent.text.rstrip(" ."))
    span = Span(a, sent.start + m.end(), sent.text[m.start() : m.end()])
    scope = Span(a, b, sent.text[m.start() : b - sent.start])
    return _Stance("deferral", 3, 0.7, span, "judge.existing-process", scope)


# An action already in place: perfect aspect, "already", or a present-tense measure verb.
_IN_PLACE = re.compile(
    r"\balready\b|\b(?:has|have) (?:already |now |recently )?(?:been )?\w+(?:ed|en|ne|de)\b|"
    r"\b(?:delivers|provides|ensures|gives)\b",
    re.I,
)


# A measure as the subject of an action in place ("the agreement delivers pay awards").
_MEASURE_SUBJECT = re.compile(r"\bthe (?:agreement|deal|settlement|scheme|package)\b", re.I)


def _action_in_place(sent: Sentence, match: _Match) -> _Stance | None:
    """The ask's own act on its own object, already done or in place: "the agreement delivers
    pay awards ..." for "Increase pay for NHS healthcare workers". The act, the head and one
    more object word must be named. A substitute at level 4 (an existing measure on the ask's
    exact object); a judge rule, as the cue engine marks only promises."""
    words_named = [t for t in match.matched if not (t[0].isdigit() or t[0] in "£$€")]
    if not (match.act and match.head) or len(words_named) < 2:
        return None  # the head alone ("VAT") may be a measure for someone else
    m = _IN_PLACE.search(sent.text)
    if m is None:
        return None
    span = Span(sent.start + m.start(), sent.start + m.end(), m.group(0))
    return _Stance("commitment", 4, 0.6, span, "judge.action-in-place", sent.span)


_CHANGE_VERBS = frozenset(stem(v) for v in ACTION_VERBS)


def _refuses_a_change(model: _AskModel, stance: _Stance) -> bool:
    """A refusal that inherits its object from earlier sentences must refuse a policy act
    ("no plans to extend the scope"), not a behaviour ("will not tolerate abuse")."""
    scope = stance.scope.text if stance.scope is not None else stance.span.text
    return any(
        stem(w.text) in _CHANGE_VERBS or stem(w.text) in model.act_forms for w in words(scope)
    )


def _short(text: str, n: int = 14) -> str:
    toks = text.split()
    return " ".join(toks[:n]).strip(" .,;") + (" ..." if len(toks) > n else "")


def _evidence(rule: str, sent: Sentence, note: str) -> Evidence:
    return Evidence(rule=rule, span=sent.span, text=sent.text, note=note, source="response")


def _outcome(
    model: _AskModel,
    scored: list[_Scored],
    stances_by_sent: dict[int, list[_Stance]],
    response: Response,
    n_sent: int,
    seg_sentences: Sequence[Sentence],
    vmap: dict[str, set[str]],
) -> tuple[AskOutcome, float]:
    ask = model.ask
    max_rel = max((s.score for s in scored), default=0.0)
    on_ask = [s for s in scored if s.score >= 0.4]
    # a refusal whose own clause names the ask's act ("no plans to extend the scope of the
    # reduced rate" for "Reduce VAT ...") is about the ask when the object is named sentences
    # earlier, or anywhere in a response that is about the ask (a summary line)
    for sc in scored:
        if sc.score >= 0.4 or (sc.score < 0.1 and max_rel < 0.5):
            continue
        for st in stances_by_sent.get(sc.sent.index, []):
            scope = st.scope.text if st.scope is not None else ""
            if st.kind == "refusal" and any(stem(w.text) in model.act_forms for w in words(scope)):
                on_ask.append(_Scored(sc.sent, 0.45, sc.match))
                break
    topical = [s for s in scored if s.score >= 0.2]
    # (weight, kind, scored sentence, stance, how a substitute deferral was found)
    best: tuple[float, str, _Scored, _Stance, str] | None = None
    precedence = {
        "refusal": 1.0,
        "commitment": 0.95,
        "substitute": 0.9,
        "in-place": 0.85,
        "deferral": 0.8,
        "review-loop": 0.7,
    }

    def consider(sc: _Scored, kind: str, st: _Stance, how: str = "") -> None:
        nonlocal best
        weight = precedence[kind] * (0.6 + 0.4 * sc.score) * _position(sc.sent, response, n_sent)
        weight *= 0.8 + 0.2 * st.strength
        if best is None or weight > best[0]:
            best = (weight, kind, sc, st, how)

    on_idx = {s.sent.index for s in on_ask}
    in_place_cands: list[tuple[_Scored, _Stance]] = []
    for sc in scored:
        cands = list(stances_by_sent.get(sc.sent.index, []))
        existing = _existing_process(model, sc.sent, vmap) if sc.score >= 0.4 else None
        if existing is not None:
            cands.append(existing)
        if not cands:
            in_place = _action_in_place(sc.sent, sc.match)
            if in_place is not None and (
                _agent_is_government(sc.sent, in_place.span.start)
                or _MEASURE_SUBJECT.search(sc.sent.text[: in_place.span.start - sc.sent.start])
            ):
                in_place_cands.append((sc, in_place))
        # deferrals whose own object (or antecedent) names the ask: a decision on the ask
        # routed to a named process or condition, wherever the sentence is
        prev = seg_sentences[sc.sent.index - 1] if sc.sent.index > 0 else None
        if prev is not None and prev.paragraph != sc.sent.paragraph:
            prev = None
        for st in cands:
            if st.kind != "deferral" and st.rule != "judge.existing-process":
                continue
            found = _deferral_target(model, sc.sent, st, prev, vmap)
            if st.rule == "judge.existing-process":
                found = (sc.match, "a process already under way examines the ask's object")
            if found is not None:
                m, how = found
                score = max(sc.score, _score(m))
                consider(_Scored(sc.sent, score, sc.match), "substitute", st, how)
        if sc.sent.index not in on_idx:
            continue
        on = next(o for o in on_ask if o.sent.index == sc.sent.index)
        neg = _negated_act(model, sc.sent)
        if neg is not None and not any(c.kind == "refusal" for c in cands):
            cands.append(neg)
        for st in cands:
            if st.kind in ("commitment", "refusal", "review-loop") and not _agent_is_government(
                sc.sent, st.span.start
            ):
                continue
            if st.kind == "commitment" and not (sc.match.act or sc.match.head):
                continue  # another action on the topic: a deflection, not a position
            if st.kind == "refusal" and _score(sc.match) < 0.2 and not _refuses_a_change(model, st):
                continue  # "we will not tolerate abuse" after a sentence on the ask: no answer
            if st.kind == "commitment" and st.level <= 3:
                st = _Stance("deferral", 3, st.strength, st.span, st.rule, st.scope)
            consider(on, st.kind, st)
    # an existing measure on the ask is a fallback: an explicit refusal, commitment or
    # substitute elsewhere in the response decides first
    if best is None or best[1] in ("deferral", "review-loop"):
        saved, best = best, None
        for sc, st in in_place_cands:
            consider(sc, "in-place", st)
        best = best or saved
    if best is None:
        if topical:
            top = max(topical, key=lambda s: s.score)
            verdict = Verdict.DEFLECTED
            ev: tuple[Evidence, ...] = (
                _evidence(
                    "judge.topic-without-position",
                    top.sent,
                    f"names the ask's subject ({', '.join(top.match.matched) or 'its terms'}) "
                    "but states no position on it",
                ),
            )
            directness = 0.08 + 0.17 * max_rel
        else:
            verdict = Verdict.NOT_ADDRESSED
            ev = ()
            directness = 0.03 * max_rel
        return AskOutcome(ask, verdict, None, round(directness, 4), ev, None), max_rel
    _, kind, sc, st, how = best
    sent = sc.sent
    downgrade: Downgrade | None = None
    notes: list[str] = []
    if kind == "refusal":
        verdict = Verdict.ANSWERED_NO
        level = 1 if (st.level >= 1 or _TIME_HEDGE.search(sent.text)) else 0
        level = min(level, 1)
        notes.append("declines the ask" + (" for now (time hedge)" if level == 1 else ""))
    elif kind == "commitment":
        verdict = Verdict.ANSWERED_YES
        level = 5 if (st.level >= 5 or _SPECIFIC.search(sent.text)) else 4
        context = sent.text
        para = [s.text for s in seg_sentences if s.paragraph == sent.paragraph]
        context_all = " ".join(para)
        missing = [q for q in ask.qualifiers if not _qualifier_met(q, context_all)]
        narrow = _NARROWING.search(sent.text[max(st.span.end - sent.start, 0) :])
        substitute = not sc.match.head
        offered = _offered(sent, st)
        if missing or narrow or substitute:
            verdict = Verdict.ANSWERED_PARTLY
            asked = ", ".join(f'"{q}"' for q in missing) if missing else f'"{ask.object}"'
            asked = ", ".join(missing) if missing else ask.object
            downgrade = Downgrade(asked, offered, kind="qualifier" if missing else "scope")
            notes.append(f"commits to a narrower or substitute version: {downgrade}")
        else:
            notes.append("commits to the ask")
        del context
    elif kind == "substitute":
        # a deferral on the ask itself: a direct answer that routes the decision elsewhere
        verdict = Verdict.ANSWERED_PARTLY
        level = 3
        scope_text = st.scope.text if st.scope is not None else sent.text
        cond = _CONDITION.search(scope_text)
        offered = _short(scope_text)
        downgrade = Downgrade(ask.text, offered, kind="process")
        what = (
            f"conditional on '{cond.group(0).strip()}'"
            if cond is not None
            else "a decision on the ask through a named process"
        )
        notes.append(f"commits to a substitute: {what} ({how}): {downgrade}")
    elif kind == "in-place":
        verdict = Verdict.ANSWERED_PARTLY
        level = 4
        downgrade = Downgrade(ask.text, _short(sent.text), kind="in-place")
        notes.append(
            "commits to a substitute: the ask's own act on its object is already in place "
            f"(an existing measure, not a new one): {downgrade}"
        )
    elif kind == "deferral":
        verdict = Verdict.DEFERRED
        level = 3
        notes.append("defers a decision on the ask")
    else:
        verdict = Verdict.DEFERRED
        level = 2
        notes.append("keeps the ask under review / continues existing work")
    evidence = [
        _evidence(
            f"judge.{verdict.value}",
            sent,
            f"{notes[0]}; cue {st.rule!r} ({kind}, level {st.level}); relevance {sc.score:.2f}",
        )
    ]
    # the commitment ladder is about the ask: report the level of the deciding cue
    answered = verdict.answered
    base = {
        Verdict.ANSWERED_YES: 1.0,
        Verdict.ANSWERED_PARTLY: 0.75 if kind in ("substitute", "in-place") else 0.85,
        Verdict.ANSWERED_NO: 0.95,
        Verdict.DEFERRED: 0.5 if level == 3 else 0.4,
    }[verdict]
    qual_cov = 1.0
    if ask.qualifiers:
        met = sum(_qualifier_met(q, sent.text) for q in ask.qualifiers)
        qual_cov = met / len(ask.qualifiers)
    early = _position(sent, response, n_sent)
    quality = 0.25 * st.strength + 0.4 * sc.score + 0.2 * early + 0.15 * qual_cov
    directness = base * (0.45 + 0.55 * quality)
    if not answered:
        directness = min(directness, 0.45)
    return (
        AskOutcome(ask, verdict, level, round(min(1.0, directness), 4), tuple(evidence), downgrade),
        max_rel,
    )


# ----------------------------------------------------------------------------------------------
# the public entry point


def _as_asks(asks: Sequence[Ask | str] | Ask | str | None, petition: Petition) -> tuple[Ask, ...]:
    if asks is None:
        return extract_asks(petition)
    if isinstance(asks, (Ask, str)):
        asks = [asks]
    out: list[Ask] = []
    for a in asks:
        if isinstance(a, Ask):
            out.append(a)
        elif isinstance(a, str):
            out.append(make_ask(a))
        else:
            raise InputError(
                f"asks must be Ask objects or strings such as 'Publish the report in full', "
                f"not {type(a).__name__}"
            )
    if not out:
        raise InputError("asks is empty: pass None to read the asks from the petition")
    return tuple(out)


def assess(
    petition: Petition,
    response: Response,
    *,
    asks: Sequence[Ask | str] | Ask | str | None = None,
    synonyms: Synonyms | None = None,
    off_ask_count: int = 3,
) -> Assessment:
    """Judge one response against the petition's asks, with the sentences that decide it.

    Parameters
    ----------
    petition, response
        The petition and one of its responses.
    asks
        The asks to judge against (``Ask`` objects or plain strings); read from the petition
        when None. The first ask is the petition's main ask and decides the overall verdict.
    synonyms
        Curated verb groups and aliases (:func:`respcompare.asks.load_synonyms`); ours when None.
    off_ask_count
        How many of the sentences furthest from the ask to list in ``Assessment.off_ask``.

    >>> from respcompare import Petition, Response
    >>> a = assess(Petition(action="Ban fireworks"),
    ...            Response(text="The Government has no plans to ban fireworks."))
    >>> a.verdict.value, a.commitment
    ('answered-no', 0)
    """
    if not isinstance(petition, Petition):
        raise InputError(f"assess() takes a Petition first, not {type(petition).__name__}")
    if not isinstance(response, Response):
        raise InputError(f"assess() takes a Response second, not {type(response).__name__}")
    syn = synonyms or load_synonyms()
    ask_list = _as_asks(asks, petition)
    text = response.full_text
    seg = segment(text)
    sents = seg.sentences
    n = len(sents)
    stems = [content_stems(s.text) for s in sents]
    vocab = tuple(sorted({x for st in stems for x in st}))
    stance_list = _stances(text)
    stances_by_sent: dict[int, list[_Stance]] = {}
    for st in stance_list:
        s = seg.sentence_at(st.span.start)
        if s is not None:
            stances_by_sent.setdefault(s.index, []).append(st)

    outcomes: list[AskOutcome] = []
    rel_by_sent = [0.0] * n
    for ask in ask_list:
        model = _ask_model(ask, petition, text, syn)
        vmap = _vocab_map(model, vocab)
        scored: list[_Scored] = []
        prev = 0.0
        for s, s_stems in zip(sents, stems, strict=True):
            m = _match(model, s.text, s_stems, vmap)
            score = _score(m)
            if _PETITION_REFERENCE.search(s.text):
                score = max(score, 0.6)
            if _ANAPHORA.search(s.text) and prev >= 0.4:
                score = max(score, 0.8 * prev)
            prev = score
            scored.append(_Scored(s, score, m))
            rel_by_sent[s.index] = max(rel_by_sent[s.index], score)
        # a stance sentence may name its object in earlier sentences of the same paragraph
        # ("... a reduced rate of VAT (5 per cent) ... there are no plans to extend the
        # scope"): carry a share of their relevance forward, decaying with distance
        # (0.75 one sentence back, 0.6 two back, then x0.9 per further sentence).
        own = [x.score for x in scored]
        for k, x in enumerate(scored):
            ctx = x.score
            j = k - 1
            while j >= 0 and sents[j].paragraph == x.sent.paragraph:
                d = k - j
                decay = 0.75 if d == 1 else 0.6 * 0.9 ** (d - 2)
                ctx = max(ctx, decay * own[j])
                j -= 1
            if ctx > x.score:
                scored[k] = _Scored(x.sent, ctx, x.match)
        outcome, _ = _outcome(model, scored, stances_by_sent, response, n, sents, vmap)
        outcomes.append(outcome)

    main = outcomes[0]
    # an action ask (the headline) weighs most; asks from the background share the rest
    weights = [1.0 if o.ask.source in ("action", "user") else 0.35 for o in outcomes]
    weights[0] = max(weights[0], 1.0) * 1.5
    mean_dir = sum(w * o.directness for w, o in zip(weights, outcomes, strict=True)) / sum(weights)
    total_chars = sum(len(s.span) for s in sents) or 1
    off_chars = sum(len(s.span) for s in sents if rel_by_sent[s.index] < 0.2)
    deflection = off_chars / total_chars
    directness = mean_dir * (1.0 - 0.25 * deflection)
    if main.verdict.answered:
        directness = max(directness, 0.5 * main.directness + 0.25)
    directness = round(min(1.0, max(0.0, directness)), 4)

    off = sorted(
        (s for s in sents if len(s.text.split()) >= 5),
        key=lambda s: (rel_by_sent[s.index], -len(s.span), s.index),
    )[: max(0, off_ask_count)]
    off_ask = tuple(
        _evidence("judge.off-ask", s, f"relevance to the asks {rel_by_sent[s.index]:.2f}")
        for s in sorted(off, key=lambda s: s.index)
    )
    evidence = tuple(e for o in outcomes for e in o.evidence)
    return Assessment(
        verdict=main.verdict,
        directness=directness,
        commitment=main.commitment,
        asks=tuple(outcomes),
        evidence=evidence,
        response_label=response.label,
        off_ask=off_ask,
        deflection_share=round(deflection, 4),
        downgrade=main.downgrade,
    )
