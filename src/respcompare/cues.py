"""The rhetoric cue engine: hedges, boosters, emotive language, and the commitment ladder.

:func:`find_cues` returns a list of :class:`~respcompare.model.Cue`, sorted by position, with no
two cues overlapping. Every cue has

``category``
    hedge, weasel, peacock, booster, emotive, commitment, refusal, deferral, review-loop,
    acknowledgement, deontic or permission.
``sense``
    the reading that fired. Commitments: ``dated`` (a date or time frame), ``specific`` (an
    amount), ``instrument`` (a named Act, Bill, Strategy, Group ...) - these three are level 5 -
    ``plain`` (level 4), ``intended`` ("intends to", "plans to": capped at level 4),
    ``predicted`` (a document as subject: "the Strategy will set out", level 4, weaker),
    ``pledge`` ("is committed to"), ``conditional`` (inside "once ... has reported", "if",
    "subject to": downgraded to level 3). Refusals: ``refusal`` (level 0), ``time-hedged``
    ("no current plans", "at present": level 1), ``negated`` ("does not commit to").
    Deferrals: ``timing``, ``consideration``. Review loops: ``review``, ``continuity``.
    Hedges: ``epistemic``, ``doxastic``, ``conditional``, ``approximator``. ``may`` gives
    ``permission`` ("you may apply") or an epistemic hedge; "May" the month gives no cue.
``rule``
    the rule id. Lexicon rules read ``category.sense:pattern``; engine rules read
    ``modal.will``, ``modal.intend``, ``modal.to-be``, ``sense.may`` ... When the cue commits to
    (or refuses, or defers) an action, the rule ends with ``>lemma``: ``modal.will>publish``,
    ``refusal.refusal:no plans to>extend``, possibly followed by ``+modifier`` notes
    (``+conditional``, ``+dated-next-sentence``). :func:`cue_action` returns the lemma.
``level``
    the commitment-ladder rung (0..5) for commitment, refusal, deferral and review-loop cues,
    else None. Rank two commitments by ``(level, strength)``.
``strength``
    a weight in [0, 1] (how strongly the cue carries its category).
``scope``
    the clause the cue governs. For an active commitment it runs from the modal to the end of
    the clause ("will publish a paper ... later this year"); for a passive one ("The paper, to be
    published later this year") it starts at the clause's subject, so the committed object is
    inside it.

For the judge: take the cues with ``category in LADDER_CATEGORIES``, read ``cue.level``,
``cue_action(cue)`` (the verb lemma, e.g. ``"publish"``) and ``cue.scope.text`` (what object is
committed to). Text inside quotation marks (the petition's words quoted back) is not the
government's voice and yields no cues.

>>> cues = find_cues("We will publish the report in June. We have no plans to extend it.")
>>> [(c.category, c.sense, c.level, cue_action(c)) for c in cues]
[('commitment', 'dated', 5, 'publish'), ('refusal', 'refusal', 0, 'extend')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from itertools import chain as concat

from .errors import InputError
from .lemmas import lemma
from .lexicon import (
    ANY,
    CATEGORIES,
    GAP,
    NUM,
    PREFIX,
    WORDS,
    CompiledLexicon,
    Elem,
    Entry,
    Lexicon,
    Narrowing,
    compile_pattern,
    default_lexicon,
    narrowing,
)
from .model import MONTH_NAMES, Cue, Span, SpanView
from .segment import Sentence, segment

__all__ = [
    "LADDER",
    "LADDER_CATEGORIES",
    "MAX_CUES_PER_SENTENCE",
    "cue_action",
    "find_cues",
    "find_cues_with_limits",
    "kwic",
    "lemma",
]

LADDER_CATEGORIES: frozenset[str] = frozenset({"commitment", "refusal", "deferral", "review-loop"})

#: The commitment ladder: the name of each rung, 0..5 (DESIGN.md). The one table; the report
#: and the charts read their rung names from it.
LADDER: tuple[str, ...] = (
    "explicit refusal",
    "non-commitment with a time hedge",
    "review loop / continuity",
    "conditional or deferred",
    "commitment without specifics",
    "specific commitment",
)


def _ws(words_: str) -> frozenset[str]:
    """A frozenset of the space-separated words."""
    return frozenset(words_.split())


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Tokens:
    """Word tokens of one text: parallel lists, plus the sentence each token belongs to.

    With ``selected`` (sentence indices), only those sentences' tokens are here; every other
    sentence has an empty run. :meth:`words_of` then gives any sentence's words as the whole
    text's tokens have them (the cue engine reads a neighbouring sentence as context).
    """

    start: list[int]
    end: list[int]
    low: list[str]
    raw: list[str]
    sent: list[int]  # sentence index per token
    sent_bounds: list[tuple[int, int]]  # token range [a, b) per sentence
    sent_spans: list[tuple[int, int]]  # char range per sentence
    text: str = ""
    selected: frozenset[int] | None = None

    def words_of(self, si: int) -> tuple[list[int], list[str]]:
        """The ends and lower-cased texts of sentence ``si``'s tokens."""
        a, b = self.sent_bounds[si]
        if self.selected is None or si in self.selected:
            return self.end[a:b], self.low[a:b]
        one = _tokenize_sentences(self.text, [segment(self.text).sentences[si]])
        return one.end, one.low

    def end_before(self, i: int) -> int | None:
        """Where the token before token ``i`` ends in the whole text (None for the first)."""
        si = self.sent[i]
        if self.selected is None or i > self.sent_bounds[si][0]:
            return self.end[i - 1] if i > 0 else None
        for sj in range(si - 1, -1, -1):  # the last token of the nearest sentence with one
            ends, _ = self.words_of(sj)
            if ends:
                return ends[-1]
        return None


_CONTRACTIONS = {
    "won't": ("will", "not", 2),
    "can't": ("can", "not", 2),
    "shan't": ("shall", "not", 3),
}


_WORD = re.compile(r"[£$€]?\d+(?:[.,]\d+)*%?|\w+(?:[’'\-]\w+)*", re.UNICODE)


#: _WORD as one group, so that split() keeps the words between the gaps, written for speed with
#: the same matches: a lookahead on the first character lets the engine pass over a gap
#: character in one test, and the possessive repeats give nothing back (what follows each of
#: them is optional, so backtracking into it could never help a match)
_WORD_SPLIT = re.compile(
    r"((?=[£$€\w])(?:[£$€]?\d+(?:[.,]\d+)*+%?|\w++(?:[’'\-]\w++)*+))", _WORD.flags
)


def _split_word(lt: str, ws: int, we: int) -> list[tuple[int, int, str]]:
    """The tokens of a lower-cased word with an apostrophe at [ws, we): a contraction or a
    possessive is two tokens ("won't" -> "will" "not", "Department's" -> "department" "'s")."""
    lt = lt.replace("’", "'")
    if lt in _CONTRACTIONS:
        x, y, cut = _CONTRACTIONS[lt]
        return [(ws, ws + cut, x), (ws + cut, we, y)]
    if lt.endswith("n't") and len(lt) > 3:
        return [(ws, we - 3, lt[:-3]), (we - 3, we, "not")]
    if lt.endswith("'ll"):
        return [(ws, we - 3, lt[:-3]), (we - 3, we, "will")]
    if lt.endswith("'re"):
        return [(ws, we - 3, lt[:-3]), (we - 3, we, "are")]
    if lt.endswith("'ve"):
        return [(ws, we - 3, lt[:-3]), (we - 3, we, "have")]
    if lt.endswith("'s"):
        return [(ws, we - 2, lt[:-2]), (we - 2, we, "'s")]
    return [(ws, we, lt)]


_APOSTROPHES = re.compile("['’]")


def _has_apostrophe(word: str) -> bool:
    return "'" in word or "’" in word


def _tokenize(text: str, only: Sequence[int] | None = None) -> _Tokens:
    """The tokens of ``text``'s sentences; with ``only`` (sorted sentence indices), of those
    sentences only (see :class:`_Tokens`)."""
    seg = segment(text)
    sentences = seg.sentences
    start: list[int] = []
    end: list[int] = []
    raw: list[str] = []
    # the words of each run of consecutive sentences from one split of the text they span
    groups: list[list[int]] = []
    for si in range(len(sentences)) if only is None else only:
        if groups and groups[-1][-1] == si - 1:
            groups[-1].append(si)
        else:
            groups.append([si])
    for group in groups:
        got = _run_words(text, [sentences[si] for si in group])
        start += got[0]
        end += got[1]
        raw += got[2]
    low = list(map(str.lower, raw))
    if "'" in text or "’" in text:
        # the words with an apostrophe (found from the marks in the text, not by testing every
        # word), last first, each replaced by its tokens
        marked: set[int] = set()
        for m in _APOSTROPHES.finditer(text):
            k = bisect_right(start, m.start()) - 1
            if k >= 0 and m.start() < end[k]:
                marked.add(k)
        for k in sorted(marked, reverse=True):
            parts = _split_word(low[k], start[k], end[k])
            start[k : k + 1] = [p[0] for p in parts]
            end[k : k + 1] = [p[1] for p in parts]
            low[k : k + 1] = [p[2] for p in parts]
            raw[k : k + 1] = [text[p[0] : p[1]] for p in parts]
    # each sentence's run of tokens (a token lies inside its sentence; a sentence left out has
    # an empty run where its tokens would be)
    bounds: list[tuple[int, int]] = []
    k = 0
    for s in sentences:
        k0 = bisect_left(start, s.start, k)
        k = bisect_left(start, s.end, k0)
        bounds.append((k0, k))
    sent = list(concat.from_iterable(repeat(si, b - a) for si, (a, b) in enumerate(bounds)))
    spans = [(s.start, s.end) for s in sentences]
    selected = None if only is None else frozenset(only)
    return _Tokens(start, end, low, raw, sent, bounds, spans, text, selected)


def _run_words(text: str, sents: Sequence[Sentence]) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and texts of the words of consecutive sentences ``sents``: from one split
    of the text they span, which gives each sentence the words its own split gives (the
    pattern has no anchor or lookaround: inside a sentence it matches as it does in a longer
    text) unless a word crosses a sentence's edge or lies between two sentences; then, and
    only then (never for Punkt's sentences), sentence by sentence."""
    a = sents[0].start
    # split gives the gaps and the words in turn ([gap, word, gap, ..., word, gap]), and the
    # running sum of their lengths gives each word's offsets
    pieces = _WORD_SPLIT.split(text[a : sents[-1].end])
    at = list(accumulate(map(len, pieces), initial=a))
    starts = at[1 : len(pieces) : 2]
    ends = at[2 : len(pieces) + 1 : 2]
    k = 0
    for s in sents:
        if bisect_left(starts, s.start, k) != k:  # a word before the sentence, after the last
            break
        k = bisect_left(starts, s.end, k)
        if k and ends[k - 1] > s.end:  # a word across the sentence's end
            break
    else:
        return starts, ends, pieces[1::2]
    one = _tokenize_sentences(text, sents, apostrophes=False)
    return one.start, one.end, one.raw


def _tokenize_sentences(
    text: str, sentences: Sequence[Sentence], *, apostrophes: bool = True
) -> _Tokens:
    """:func:`_tokenize` one sentence at a time: for sentences with a word across an edge or
    between two of them (none in practice), and the reference for the fast path; without
    ``apostrophes``, words with an apostrophe are not split into their tokens."""
    start: list[int] = []
    end: list[int] = []
    low: list[str] = []
    raw: list[str] = []
    sent: list[int] = []
    bounds: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    split = _WORD_SPLIT.split
    find = text.find
    for si, s in enumerate(sentences):
        # the same word pattern as segment.words(), every match one token, taken in bulk: split
        # gives the gaps and the words in turn ([gap, word, gap, ..., word, gap]), and the
        # running sum of their lengths gives each word's offsets (the pattern has no anchor or
        # lookaround, so the sentence's own string matches as the text does between its ends)
        pieces = split(text[s.start : s.end])
        words = pieces[1::2]
        at = list(accumulate(map(len, pieces), initial=s.start))
        s_start = at[1 : len(pieces) : 2]
        s_end = at[2 : len(pieces) + 1 : 2]
        s_low = list(map(str.lower, words))
        if apostrophes and (find("'", s.start, s.end) >= 0 or find("’", s.start, s.end) >= 0):
            # then the words with an apostrophe, last first, each replaced by its tokens
            for k in reversed(list(compress(range(len(s_low)), map(_has_apostrophe, s_low)))):
                parts = _split_word(s_low[k], s_start[k], s_end[k])
                s_start[k : k + 1] = [p[0] for p in parts]
                s_end[k : k + 1] = [p[1] for p in parts]
                s_low[k : k + 1] = [p[2] for p in parts]
                words[k : k + 1] = [text[p[0] : p[1]] for p in parts]
        a = len(low)
        start += s_start
        end += s_end
        low += s_low
        raw += words
        sent.extend([si] * len(s_low))
        bounds.append((a, len(low)))
        spans.append((s.start, s.end))
    return _Tokens(start, end, low, raw, sent, bounds, spans, text)


# ---------------------------------------------------------------- pattern compiler

_NUMBER_WORDS = _ws(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred hundreds thousand thousands million millions billion half dozen dozens"
)
_NUM_RE = re.compile(r"^[£$€]?\d")


def _is_num(tok: str) -> bool:
    return bool(_NUM_RE.match(tok)) or tok in _NUMBER_WORDS


_WORDS, _PREFIX, _ANY, _NUM, _GAP = WORDS, PREFIX, ANY, NUM, GAP
_Elem = Elem


def _may_follow(elems: Sequence[_Elem], nxt: str | None) -> bool:
    """False when ``elems`` cannot match with ``nxt`` as the second word (None: sentence end)."""
    if len(elems) < 2 or elems[1][0] != WORDS:
        return True
    payload = elems[1][1]
    assert isinstance(payload, frozenset)
    return nxt is not None and nxt in payload


def _match(
    elems: Sequence[_Elem],
    k: int,
    i: int,
    low: list[str],
    stop: int,
    memo: dict[tuple[int, int], int] | None = None,
) -> int:
    """Match elems[k:] at token i (sentence ends at ``stop``); return the end token or -1.

    ``memo`` (for one pattern variant in one sentence) remembers the answer after each gap, so
    a pattern with several gaps tries each (element, token) pair once, not once per path.
    """
    if k == len(elems):
        return i
    kind, payload = elems[k]
    if kind == _GAP:
        assert isinstance(payload, int)
        for j in range(i, min(i + payload, stop) + 1):
            if memo is None:
                end = _match(elems, k + 1, j, low, stop)
            else:
                got = memo.get((k + 1, j))
                if got is None:
                    got = memo[(k + 1, j)] = _match(elems, k + 1, j, low, stop, memo)
                end = got
            if end >= 0:
                return end
        return -1
    if i >= stop:
        return -1
    tok = low[i]
    if kind == _WORDS:
        assert isinstance(payload, frozenset)
        ok = tok in payload
    elif kind == _PREFIX:
        assert isinstance(payload, str)
        ok = tok.startswith(payload)
    elif kind == _NUM:
        ok = _is_num(tok)
    else:
        ok = True
    return _match(elems, k + 1, i + 1, low, stop, memo) if ok else -1


# ---------------------------------------------------------------- lemmas

_IRREGULAR = {
    "laid": "lay",
    "made": "make",
    "given": "give",
    "gave": "give",
    "taken": "take",
    "took": "take",
    "brought": "bring",
    "sent": "send",
    "shown": "show",
    "done": "do",
    "held": "hold",
    "kept": "keep",
    "set": "set",
    "put": "put",
    "built": "build",
    "met": "meet",
    "paid": "pay",
    "written": "write",
    "spent": "spend",
    "begun": "begin",
    "sought": "seek",
    "found": "find",
    "led": "lead",
    "left": "leave",
    "read": "read",
    "seen": "see",
    "known": "know",
    "told": "tell",
    "said": "say",
    "undertaken": "undertake",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "has": "have",
    "had": "have",
}


def cue_action(cue: Cue) -> str | None:
    """The lemma of the action a ladder cue commits to, refuses or defers, or None.

    >>> c = find_cues("The Government will publish a paper later this year.")[0]
    >>> cue_action(c), c.level, c.sense
    ('publish', 5, 'dated')
    """
    if not isinstance(cue, Cue):
        raise InputError(f"cue_action() takes a Cue from find_cues(), not {type(cue).__name__}")
    if ">" not in cue.rule:
        return None
    return cue.rule.rsplit(">", 1)[1].split("+", 1)[0] or None


# ---------------------------------------------------------------- word classes

_ADVERBS = _ws(
    "also now then soon shortly still further again first jointly additionally therefore "
    "urgently swiftly quickly formally immediately actually indeed both all only already "
    "duly likewise thus hence subsequently always"
)
_GOV_SUBJECTS = _ws(
    "we i government office department ministry minister ministers secretary treasury hmg "
    "hmrc dwp dfe dhsc defra mod fcdo beis dcms mhclg ofsted agency executive administration "
    "cabinet it"
)
_DOC_SUBJECTS = _ws(
    "strategy paper report review bill act legislation guidance consultation plan scheme fund "
    "regulations regulation changes change measures framework programme document findings "
    "which that white green policy code order study research evaluation inquiry group taskforce "
    "panel system reforms reform"
)
_DEFER_VERBS = _ws(
    "consider look examine explore reflect assess evaluate review think weigh study decide"
)
_LOOP_VERBS = _ws(
    "continue keep remain monitor work strive seek endeavour endeavor try maintain persist"
)
_NON_ACTION = _ws(
    "be have need depend mean help also make ensure not never do allow enable"
)  # handled specially or too vague on their own ("make" is kept when a particle follows)
_PARTICLES = _ws("out up forward down in on back")
_DELIVERY_PP = _ws(
    "published laid introduced launched released implemented completed updated issued "
    "announced set brought made shared provided extended created established delivered "
    "presented"
)
_IRREGULAR_PP = frozenset(k for k in _IRREGULAR if k not in {"is", "are", "was", "were", "has"})
_INTENSIFIERS = _ws(
    "truly deeply utterly particularly so really incredibly extremely most absolutely "
    "completely wholly genuinely totally especially very profoundly"
)
_QUITE_MAX = _ws(
    "right clear sure certain wrong true correct rightly simply different impossible "
    "unacceptable clearly certainly"
)
_APPROX = _ws("about around approximately roughly nearly almost circa some")
_INTEND_WORDS = _ws(
    "intend intends intended plan plans aim aims propose proposes hope hopes want wants intention"
)
#: Every word the sense pass can start a cue at (its branches test the word first)
_SENSE_TRIGGERS = _ws("may should will shall to quite truly") | _INTEND_WORDS | _APPROX
_EPISTEMIC_SHOULD_VERBS = _ws(
    "help mean lead result enable allow reduce improve see be provide make give increase"
)
_NONHUMAN_SUBJECTS = _ws("this it that these those which measures changes")
_PERMISSION_SUBJECTS = _ws(
    "you applicants claimants parents employers employees individuals people "
    "petitioners they families users anyone"
)
_MAY_EPISTEMIC_VERBS = _ws(
    "be have not well find need face experience feel see get include require take affect lead "
    "result mean vary differ seem appear become cause reduce increase help"
)
_AGENT_NOUNS = _ws(
    "member members person persons applicant owner owners landlord landlords tenant tenants "
    "employer council councils authority authorities court courts tribunal officer officers "
    "constable inspector regulator"
)
_STATE_PP = _ws("entitled allowed permitted required expected obliged eligible needed pleased")
_MONTH_NAMES = _ws(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_MONTH_PREV = _ws(
    "in of since until by from early late mid end during before after on this last next "
    "between to and"
)


def _first(chars: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a lookahead on its first character, one of ``chars``: the same
    matches, but the engine passes over any other position in one test instead of trying each
    alternative there (the scans below run over every sentence that has a cue)."""
    return re.compile(f"(?=[{chars}])(?:{pattern})", flags)


_TIME_HEDGE = _first(
    "acfp",
    r"\b(?:at present|currently|at this time|at the moment|for now|for the time being|"
    r"at this stage|presently)\b",
    re.I,
)
_CONDITIONAL = _first(
    "oisaupdw",
    r"\b(?:once|if|subject to|at a time when|unless|provided that|depending on|pending|"
    r"when\b[^.;]{0,60}\b(?:has|have|is|are) (?:reported|concluded|completed|been completed|"
    r"finished|received))\b",
    re.I,
)
_MONTH = "(?:" + "|".join(m.capitalize() for m in MONTH_NAMES) + ")"
_DATE = _first(
    r"lebtifudmsawn\dJFMASOND",
    r"\b(?:(?:later |earlier |by the end of |before the end of |end of )?this (?:year|month|"
    r"week|spring|summer|autumn|winter|session|parliament|financial year)|"
    r"(?:by |in |from |until |before |during |early |late |mid-?)?(?:the )?(?:spring|summer|"
    r"autumn|winter) (?:of )?(?:19|20)\d\d|"
    r"next (?:year|month|week|spring|summer|autumn|winter)|"
    r"(?:19|20)\d\d(?:/\d\d)?|"
    r"\d{1,2}(?:st|nd|rd|th)? " + _MONTH + r"|"
    r"(?:in|by|from|until|before|during|early|late|mid-?|end of) "
    + _MONTH
    + r"|"
    + _MONTH
    + r" (?:\d{1,2}|(?:19|20)\d\d)|"
    r"within (?:the next )?(?:\d+|one|two|three|four|six|twelve) (?:days|weeks|months|years)|"
    r"by the end of (?:the )?(?:year|month|summer|spring|autumn|winter))\b",
)
_AMOUNT = _first(r"£$€\d", r"[£$€]\s?\d|\b\d[\d,.]*\s?(?:million|billion|m\b|bn\b|per cent|%)")
_INSTRUMENT = _first(
    "A-Z",
    r"\b(?:[A-Z][\w'’-]+ ){1,6}(?:Act|Bill|Strategy|Order|Regulations|Plan|Fund|Scheme|Code|"
    r"Framework|Programme|Group|Paper|Review|Taskforce|Panel|Commission)\b",
)
_CLAUSE_END = _first(
    r";:!?.,\s",
    r"[;:!?]|\.(?=\s|$)|\s[–—-]\s|,\s*(?:which|but|so that|while|whereas|although|and (?:we|it|"
    r"the|this|they|i)\b)",
)


# ---------------------------------------------------------------- quoted text


# a single-quoted passage opening at the text start or after white space or a bracket; the
# quote mark comes first so the regex engine can skip to the marks (same matches as a leading
# lookbehind, five times faster)
_SINGLE_QUOTED = re.compile(r"[‘'](?:(?<=^[‘'])|(?<=[\s(\[][‘']))[^‘’'\n]{2,2000}?[’'](?![\w])")


def _runaway_quotes(text: str) -> list[tuple[int, int]]:
    """The matches of ``“[^”]*$|^[^“]*”`` (multiline), found in linear time.

    An opening mark whose quotation runs on to the end of its line (no closing mark before the
    line ends), or a line start whose closing mark has no opening one before it. The regular
    expression rescans from every line start, which is quadratic on text without curly marks;
    this walks the same candidates (each “ and each line start) once, with the same results.
    """
    out: list[tuple[int, int]] = []
    n = len(text)
    p = 0
    while p <= n:
        q = text.find("“", p)
        if q < 0:
            q = n + 1
        if p == 0 or text[p - 1] == "\n":
            ls = p
        else:
            nl = text.find("\n", p)
            ls = n + 1 if nl < 0 else nl + 1
        pos = min(q, ls)
        if pos > n:
            break
        if pos == q:  # an opening mark: runs on to the last line end before the closing mark
            y = text.find("”", pos + 1)
            if y < 0:
                out.append((pos, n))
                break
            nl = text.rfind("\n", pos + 1, y)
            if nl >= 0:
                out.append((pos, nl))
                p = nl
            else:
                p = y  # no line end before the closing mark: nothing can match before it
        else:  # a line start: up to the last closing mark before the next opening one
            x = text.find("“", pos)
            if x < 0:
                x = n
            r = text.rfind("”", pos, x)
            if r >= 0:
                out.append((pos, r + 1))
                p = r + 1
            else:
                p = max(x, pos + 1)
    return out


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly, straight double, or single ‘ ’)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"", text):
        out.append((m.start(), m.end()))
    # an opening mark whose quotation runs on past this text (or paragraph), or a closing mark
    # whose opening lies before it: quoted up to the paragraph edge
    out += _runaway_quotes(text)
    stripped = text.lstrip()
    if stripped.startswith('"') and text.count('"') % 2 == 1:
        end = text.find("\n\n")
        out.append((len(text) - len(stripped), len(text) if end < 0 else end))
    for m in _SINGLE_QUOTED.finditer(text):
        out.append((m.start(), m.end()))
    return sorted(out)


class _Quoted:
    """The union of quoted regions, asked "is this offset quoted?" by bisection."""

    def __init__(self, regions: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for q0, q1 in regions:  # sorted by start
            if self.ends and q0 <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], q1)
            else:
                self.starts.append(q0)
                self.ends.append(q1)

    def __contains__(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]


# ---------------------------------------------------------------- the engine


@dataclass(slots=True)
class _Cand:
    a: int  # first token
    b: int  # end token (exclusive)
    category: str
    sense: str
    rule: str
    level: int | None
    strength: float
    scope_from_clause: bool = False
    priority: int = 0


class _Engine:
    def __init__(self, text: str, toks: _Tokens) -> None:
        self.text = text
        self.t = toks
        self.cands: list[_Cand] = []
        self._gov: dict[int, int] = {}

    # -- helpers
    def sent_stop(self, i: int) -> int:
        return self.t.sent_bounds[self.t.sent[i]][1]

    def sent_start_tok(self, i: int) -> int:
        return self.t.sent_bounds[self.t.sent[i]][0]

    def low(self, i: int) -> str:
        return self.t.low[i] if 0 <= i < len(self.t.low) else ""

    def in_sentence(self, i: int, j: int) -> bool:
        return 0 <= j < len(self.t.low) and self.t.sent[i] == self.t.sent[j]

    def skip_adverbs(self, i: int, stop: int) -> int:
        while i < stop and (
            self.t.low[i] in _ADVERBS
            or (self.t.low[i].endswith("ly") and self.t.low[i] not in {"apply", "supply", "rely"})
        ):
            i += 1
        return i

    def first_gov_subject(self, i: int) -> int:
        """The first token of i's sentence that names the government ("we", "the Department")."""
        si = self.t.sent[i]
        got = self._gov.get(si)
        if got is None:
            a, b = self.t.sent_bounds[si]
            low = self.t.low
            got = next((k for k in range(a, b) if low[k] in _GOV_SUBJECTS), b)
            self._gov[si] = got
        return got

    def add(self, cand: _Cand) -> None:
        self.cands.append(cand)

    # -- lexicon
    def lexicon_pass(self, comp: CompiledLexicon) -> None:
        low = self.t.low
        by_word, by_prefix, wild = comp.by_word, comp.by_prefix, comp.wild
        # the variants worth trying on each distinct word, and on each distinct pair of words
        # (a variant whose second element is a word set the next word is not in cannot match):
        # per distinct word: its variants, those any next word lets through and the next words
        # the others need (see lexicon.narrowing); with no prefix or wild variants, the
        # lexicon's own table, made once when it was compiled
        static = not by_prefix and not wild
        table: dict[str, Narrowing] = comp.narrowed if static else {}
        gaps: dict[int, bool] = {}

        def multi_gap(elems: list[Elem]) -> bool:
            got = gaps.get(id(elems))
            if got is None:
                got = gaps[id(elems)] = sum(1 for e in elems if e[0] == _GAP) > 1
            return got

        sent, bounds = self.t.sent, self.t.sent_bounds
        # with a static table, only the words some variant starts with; in sentence order
        at: Iterable[int] = range(len(low))
        if static:
            at = compress(at, map(table.__contains__, low))
        current = -1
        sa = stop = 0
        # per sentence: what each multi-gap variant matches after each of its gaps
        memos: dict[int, dict[tuple[int, int], int]] = {}
        for i in at:
            if sent[i] != current:
                current = sent[i]
                sa, stop = bounds[current]
                memos = {}
            tok = low[i]
            got = table.get(tok)
            if got is None:
                options = by_word.get(tok, [])
                if by_prefix:
                    options = options + [v for p, v in by_prefix if tok.startswith(p)]
                if wild:
                    options = options + wild
                got = table[tok] = narrowing(options)
            options, loose, needed, after = got
            if not options:
                continue
            nxt = low[i + 1] if i + 1 < stop else None
            if nxt is None or nxt not in needed:
                narrowed = loose
            else:
                narrowed = after.get(nxt)  # type: ignore[assignment]
                if narrowed is None:
                    narrowed = after[nxt] = [v for v in options if _may_follow(v[1], nxt)]
            for entry, elems, plain in narrowed:
                if plain is not None:
                    # fast path: every element is a word set ("in due course")
                    end = i + len(plain)
                    if end > stop:
                        continue
                    k = 1
                    while k < len(plain) and low[i + k] in plain[k]:
                        k += 1
                    if k < len(plain):
                        continue
                else:
                    memo = memos.get(id(elems)) if multi_gap(elems) else None
                    if memo is None and multi_gap(elems):
                        memo = memos[id(elems)] = {}
                    end = _match(elems, 0, i, low, stop, memo)
                    if end < 0:
                        continue
                if entry.not_after and i > sa and low[i - 1] in entry.not_after:
                    continue
                if entry.not_before and end < stop and low[end] in entry.not_before:
                    continue
                self.lexicon_cand(entry, i, end)

    def lexicon_cand(self, entry: Entry, a: int, b: int) -> None:
        category, sense, level, strength = entry.category, entry.sense, entry.level, entry.strength
        rule = entry.rule
        low = self.t.low
        # negation just before: "does not commit to", "not fully"
        neg = any(
            self.in_sentence(a, j) and low[j] in {"not", "never", "no"} for j in (a - 1, a - 2)
        ) and low[a] not in {"not", "no", "never"}
        if neg and category in {
            "commitment",
            "booster",
            "acknowledgement",
            "emotive",
            "peacock",
            "permission",
        }:
            if category == "commitment":
                category, sense, level, strength = "refusal", "negated", 0, 0.8
                a = a - 1 if low[a - 1] in {"not", "never", "no"} else a - 2
            elif category == "booster":
                category, sense, level, strength = "hedge", "epistemic", None, 0.4
                rule += "+negated"
            else:
                return
        if category in LADDER_CATEGORIES and low[b - 1] == "to" and b < self.sent_stop(a):
            v = self.skip_adverbs(b, self.sent_stop(a))
            if v < self.sent_stop(a) and low[v] not in {"the", "a", "an", "this", "these", "be"}:
                rule += ">" + lemma(low[v])
                if category == "commitment" and lemma(low[v]) in _DEFER_VERBS:
                    category, sense, level = "deferral", "consideration", 3
        self.add(_Cand(a, b, category, sense, rule, level, strength, priority=1))

    # -- sense rules
    def sense_pass(self) -> None:
        low, raw = self.t.low, self.t.raw
        triggers = _SENSE_TRIGGERS
        # only the words a branch below starts at (each branch tests the word first)
        for i in compress(range(len(low)), map(triggers.__contains__, low)):
            tok = low[i]
            stop = self.sent_stop(i)
            first = i == self.sent_start_tok(i)
            if tok == "may":
                self.may(i, stop, first)
            elif tok == "should":
                self.should(i, stop, first)
            elif tok in {"will", "shall"}:
                self.will(i, stop)
            elif tok in _INTEND_WORDS:
                if i + 1 < stop and low[i + 1] == "to" and not self.negated(i):
                    self.intend(i, stop)
            elif tok == "to" and i + 2 < stop and low[i + 1] == "be":
                self.to_be(i, stop)
            elif tok in _APPROX and i + 1 < stop and _is_num(low[i + 1]):
                self.add(
                    _Cand(
                        i,
                        i + 2,
                        "hedge",
                        "approximator",
                        f"sense.{tok}+number",
                        None,
                        0.3,
                        priority=2,
                    )
                )
            elif tok == "quite" and i + 1 < stop:
                if low[i + 1] in _QUITE_MAX:
                    self.add(
                        _Cand(
                            i,
                            i + 2,
                            "booster",
                            "maximiser",
                            "sense.quite+absolute",
                            None,
                            0.5,
                            priority=2,
                        )
                    )
                else:
                    b = i + 3 if low[i + 1] == "a" and i + 2 < stop else i + 2
                    self.add(
                        _Cand(
                            i,
                            b,
                            "hedge",
                            "approximator",
                            "sense.quite+gradable",
                            None,
                            0.3,
                            priority=2,
                        )
                    )
            elif tok == "truly" and i + 1 < stop:
                # intensifying the evaluative word after it: folded into that cue later
                self.add(_Cand(i, i + 1, "booster", "intensifier", "sense.truly", None, 0.5))
            _ = raw

    def negated(self, i: int) -> bool:
        return any(
            self.in_sentence(i, j) and self.t.low[j] in {"not", "never", "no"}
            for j in (i - 1, i - 2)
        )

    def may(self, i: int, stop: int, first: bool) -> None:
        raw, low = self.t.raw, self.t.low
        nxt = low[i + 1] if i + 1 < stop else ""
        prev = low[i - 1] if self.in_sentence(i, i - 1) else ""
        # the month: "3 May", "in May", "May 2020", or a capitalised May mid-sentence (a name)
        if raw[i] == "May" and (not first or _is_num(nxt) or nxt in {"and", "to"}):
            return
        if _is_num(prev) or (prev in _MONTH_PREV and raw[i] == "May"):
            return
        v = self.skip_adverbs(i + 1, stop)
        verb = low[v] if v < stop else ""
        if (
            verb
            and verb not in _MAY_EPISTEMIC_VERBS
            and (
                prev in _PERMISSION_SUBJECTS
                or prev in _AGENT_NOUNS
                or (self.subject_kind(i) == "gov" and prev not in {"it", "this", "that"})
                or self.relative_agent(i)
            )
        ):
            self.add(
                _Cand(
                    i - 1 if prev in _PERMISSION_SUBJECTS else i,
                    min(v + 1, stop),
                    "permission",
                    "permission",
                    "sense.may+permission",
                    None,
                    0.5,
                    priority=2,
                )
            )
            return
        b = i + 2 if nxt in {"well", "be", "not", "have"} else i + 1
        self.add(_Cand(i, b, "hedge", "epistemic", "sense.may+epistemic", None, 0.5, priority=2))

    def relative_agent(self, i: int) -> bool:
        """'any member who has had an allegation made against them may seek ...'."""
        low = self.t.low
        a = max(self.sent_start_tok(i), i - 14)
        return any(
            low[k] in _AGENT_NOUNS and low[k + 1] in {"who", "that"} for k in range(a, i - 1)
        )

    def should(self, i: int, stop: int, first: bool) -> None:
        low = self.t.low
        prev = low[i - 1] if self.in_sentence(i, i - 1) else ""
        if first and i + 1 < stop and low[i + 1] in {"you", "they", "the", "a", "any", "we"}:
            self.add(
                _Cand(
                    i,
                    i + 1,
                    "hedge",
                    "conditional",
                    "sense.should+inverted-if",
                    None,
                    0.4,
                    priority=2,
                )
            )
            return
        v = self.skip_adverbs(i + 1, stop)
        verb = low[v] if v < stop else ""
        if prev in _NONHUMAN_SUBJECTS and verb in _EPISTEMIC_SHOULD_VERBS:
            self.add(
                _Cand(
                    i,
                    min(v + 1, stop),
                    "hedge",
                    "epistemic",
                    "sense.should+expectation",
                    None,
                    0.4,
                    priority=2,
                )
            )
            return
        self.add(
            _Cand(i, i + 1, "deontic", "obligation", "sense.should+deontic", None, 0.6, priority=2)
        )

    def subject_kind(self, i: int) -> str:
        """'gov', 'doc' or '' for the subject just before token i."""
        low = self.t.low
        j = i - 1
        while self.in_sentence(i, j) and (low[j] in _ADVERBS or low[j].endswith("ly")):
            j -= 1
        if not self.in_sentence(i, j):
            return ""
        w = low[j]
        if w in {"and", "but", "or", "then"}:
            return "gov" if self.first_gov_subject(i) < j else ""
        if w in _GOV_SUBJECTS:
            return "gov"
        if w in _DOC_SUBJECTS:
            return "doc"
        if self.t.raw[j][:1].isupper() and j != self.sent_start_tok(i) and w not in _MONTH_NAMES:
            return "gov"  # a named body: "the Home Office", "Ofsted", "NHS England"
        return ""

    def will(self, i: int, stop: int) -> None:
        low = self.t.low
        subj = self.subject_kind(i)
        v = self.skip_adverbs(i + 1, stop)
        if v >= stop:
            return
        verb = low[v]
        if verb in {"not", "never"}:
            w = self.skip_adverbs(v + 1, stop)
            if w < stop and low[w] not in {"only", "be", "hesitate"} and subj:
                self.add(
                    _Cand(
                        i,
                        w + 1,
                        "refusal",
                        "refusal",
                        f"modal.will-not>{lemma(low[w])}",
                        0,
                        0.9,
                        priority=3,
                    )
                )
            return
        if verb == "be":
            w = self.skip_adverbs(v + 1, stop)
            if w >= stop:
                return
            pp = low[w]
            if pp in _STATE_PP or not (
                pp.endswith("ed") or pp.endswith("en") or pp in _IRREGULAR_PP
            ):
                return
            lem = lemma(pp)
            if lem in _DEFER_VERBS:
                self.add(
                    _Cand(
                        i,
                        w + 1,
                        "deferral",
                        "consideration",
                        f"modal.will-be>{lem}",
                        3,
                        0.6,
                        priority=3,
                    )
                )
            elif lem in {"keep", "monitor"}:
                self.add(
                    _Cand(
                        i,
                        w + 1,
                        "review-loop",
                        "review",
                        f"modal.will-be>{lem}",
                        2,
                        0.6,
                        priority=3,
                    )
                )
            elif pp in _DELIVERY_PP or subj:
                self.add(
                    _Cand(
                        i,
                        w + 1,
                        "commitment",
                        "plain",
                        f"modal.will-be>{lem}",
                        4,
                        0.8,
                        scope_from_clause=True,
                        priority=3,
                    )
                )
            return
        if not subj:
            return
        lem = lemma(verb)
        after = low[v + 1] if v + 1 < stop else ""
        if lem == "do" and after in {"everything", "all", "whatever", "what", "more"}:
            self.add(
                _Cand(i, v + 2, "review-loop", "continuity", "modal.will>do", 2, 0.5, priority=3)
            )
        elif lem in _DEFER_VERBS or (lem == "take" and after == "time"):
            self.add(
                _Cand(
                    i, v + 1, "deferral", "consideration", f"modal.will>{lem}", 3, 0.6, priority=3
                )
            )
        elif lem in _LOOP_VERBS:
            b = v + 2 if v + 1 < stop and low[v + 1] == "to" else v + 1
            self.add(
                _Cand(i, b, "review-loop", "continuity", f"modal.will>{lem}", 2, 0.5, priority=3)
            )
        elif lem in _NON_ACTION or not verb.isalpha():
            return
        else:
            b = v + 1
            if (
                b < stop
                and low[b] in _PARTICLES
                and lem in {"set", "bring", "lay", "take", "roll", "carry", "follow", "draw"}
            ):
                lem = f"{lem} {low[b]}"
                b += 1
            if subj == "doc":
                self.add(
                    _Cand(i, b, "commitment", "predicted", f"modal.will>{lem}", 4, 0.5, priority=3)
                )
            else:
                self.add(
                    _Cand(i, b, "commitment", "plain", f"modal.will>{lem}", 4, 0.9, priority=3)
                )

    def intend(self, i: int, stop: int) -> None:
        low = self.t.low
        prev = low[i - 1] if self.in_sentence(i, i - 1) else ""
        if low[i] == "intention":
            if prev not in {"its", "our", "my", "'s", "the", "his", "her", "their"}:
                return
        elif prev in _DETERMINERS or prev in {"his", "her", "my", "'s", "payment"}:
            return  # a noun: "a plan to pay", "our plans to transform"
        elif self.subject_kind(i) != "gov":
            return  # someone else's intention: "an employer who proposes to ..."
        v = self.skip_adverbs(i + 2, stop)
        if v >= stop or not low[v].isalpha():
            return
        lem = lemma(low[v])
        hoped = low[i].startswith(("hope", "want"))
        if lem in _DEFER_VERBS:
            self.add(
                _Cand(
                    i, v + 1, "deferral", "consideration", f"modal.intend>{lem}", 3, 0.5, priority=3
                )
            )
        elif lem in _LOOP_VERBS:
            self.add(
                _Cand(
                    i, v + 1, "review-loop", "continuity", f"modal.intend>{lem}", 2, 0.4, priority=3
                )
            )
        elif lem not in _NON_ACTION:
            self.add(
                _Cand(
                    i,
                    v + 1,
                    "commitment",
                    "intended",
                    f"modal.intend>{lem}",
                    3 if hoped else 4,
                    0.5 if hoped else 0.7,
                    priority=3,
                )
            )

    def to_be(self, i: int, stop: int) -> None:
        low = self.t.low
        before = self.t.end_before(i)
        if before is None or "," not in self.text[before : self.t.start[i]]:
            return  # only the appositive "The paper, to be published later this year, ..."
        w = self.skip_adverbs(i + 2, stop)
        if w < stop and low[w] in _DELIVERY_PP:
            lem = lemma(low[w])
            self.add(
                _Cand(
                    i,
                    w + 1,
                    "commitment",
                    "predicted",
                    f"modal.to-be>{lem}",
                    4,
                    0.6,
                    scope_from_clause=True,
                    priority=2,
                )
            )


_CLAUSE_START = re.compile(r"[;:]\s*|\s[–—-]\s")
_APPOSITIVE_END = re.compile(r"[,;:]|\.(?=\s|$)")


class _Scan:
    """Per-sentence facts for one find_cues call, each worked out once and then looked up.

    Every question a cue asks about its sentence or clause ("where does my clause end?", "is
    there a date in my scope?") was a regex scan from the sentence start or over the scope; with
    many cues in one long sentence that was quadratic. Here each scan runs once per sentence (or
    per sentence and scope end) and answers by bisection, with exactly the old answers: a
    pattern matches in ``text[a:b]`` at ``a`` (checked on the substring) or at a position after
    ``a`` where it matches in ``text`` with ``endpos=b`` (the patterns look back one character
    at most, which then lies inside the substring).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._positions: dict[tuple[re.Pattern[str], int, int], list[int]] = {}
        self._starts: dict[int, tuple[list[int], list[tuple[int, int, bool]]]] = {}
        self._facts: dict[tuple[str, int, int], bool | int] = {}

    def match_at(self, pattern: re.Pattern[str], a: int, b: int) -> tuple[int, str] | None:
        """``pattern.match(text[a:b])`` as (end offset in ``text``, matched text), or None.

        Matched in place, without copying ``text[a:b]`` (a scope can be a whole long clause, and
        many cues share it), unless a word character precedes ``a``: there ``\\b`` would read
        it, and only the copy gives the substring's answer.
        """
        text = self.text
        if a > 0 and (text[a - 1].isalnum() or text[a - 1] == "_"):
            m = pattern.match(text[a:b])
            return None if m is None else (a + m.end(), m.group(0))
        m = pattern.match(text, a, b)
        return None if m is None else (m.end(), m.group(0))

    def positions(self, pattern: re.Pattern[str], lo: int, hi: int) -> list[int]:
        """Every position in [lo, hi) where ``pattern`` matches with ``endpos=hi``."""
        key = (pattern, lo, hi)
        got = self._positions.get(key)
        if got is None:
            got = []
            search = pattern.search
            m = search(self.text, lo, hi)
            while m is not None:
                got.append(m.start())
                m = search(self.text, m.start() + 1, hi)
            self._positions[key] = got
        return got

    def search_in(self, pattern: re.Pattern[str], a: int, b: int, lo: int) -> bool:
        """``bool(pattern.search(text[a:b]))``, with ``lo <= a``."""
        if self.match_at(pattern, a, b) is not None:
            return True
        pos = self.positions(pattern, lo, b)
        return bisect_right(pos, a) < len(pos)

    def future_date_in(self, a: int, b: int, lo: int) -> bool:
        """``_future_date(text[a:b])``, with ``lo <= a``."""
        text = self.text
        first = self.match_at(_DATE, a, b)
        if first is not None:
            p, (end, found) = a, first
        else:
            pos = self.positions(_DATE, lo, b)
            k = bisect_right(pos, a)
            if k == len(pos):
                return False
            p = pos[k]
            m = _DATE.match(text, p, b)
            assert m is not None
            end, found = m.end(), m.group(0)
        pos = self.positions(_DATE, lo, b)
        while True:
            before = text[max(a, p - 9) : p].lower()
            past = "earlier" in before or "last" in before or "since" in before or "ago" in before
            if not past and not found.lower().startswith(("earlier", "since")):
                return True
            k = bisect_left(pos, end)
            if k == len(pos):
                return False
            p = pos[k]
            m = _DATE.match(text, p, b)
            assert m is not None
            end, found = m.end(), m.group(0)

    def future_date(self, a: int, b: int) -> bool:
        """``_future_date(text[a:b])`` for a whole sentence or lead, worked out once."""
        key = ("date", a, b)
        got = self._facts.get(key)
        if got is None:
            got = self._facts[key] = _future_date(self.text[a:b])
        return bool(got)

    def time_hedged(self, sent: tuple[int, int]) -> bool:
        key = ("time-hedge", *sent)
        got = self._facts.get(key)
        if got is None:
            got = self._facts[key] = _TIME_HEDGE.search(self.text, *sent) is not None
        return bool(got)

    def first_comma(self, sent: tuple[int, int]) -> int:
        key = ("comma", *sent)
        got = self._facts.get(key)
        if got is None:
            got = self._facts[key] = self.text.find(",", *sent)
        return int(got)

    def clause_bounds(self, sent: tuple[int, int], at: int) -> tuple[int, int]:
        """Character bounds of the clause holding ``at`` inside the sentence ``sent``."""
        text = self.text
        s0, s1 = sent
        got = self._starts.get(s0)
        if got is None:
            body = text[s0:s1]
            ms = []
            if any(ch in body for ch in ";:–—-"):  # most sentences have no clause break
                ms = [
                    (m.start(), m.end(), not text.startswith((";", ":"), m.start()))
                    for m in _CLAUSE_START.finditer(text, s0, s1)
                ]
            got = self._starts[s0] = ([m[0] for m in ms], ms)
        firsts, ms = got
        # the last clause break before ``at`` as finditer(text, s0, at) finds it: cut at ``at``
        # (a dash break that runs past ``at`` does not match there at all)
        start = s0
        k = bisect_left(firsts, at) - 1
        if k >= 0 and ms[k][2] and ms[k][1] > at:
            k -= 1
        if k >= 0:
            start = min(ms[k][1], at)
        ends = self.positions(_CLAUSE_END, s0, s1)
        k2 = bisect_left(ends, at)
        end = ends[k2] if k2 < len(ends) else s1
        end = max(end, at)
        while end > start and text[end - 1] in " ,.":
            end -= 1
        return start, end

    def appositive_end(self, sent: tuple[int, int], at: int) -> int:
        """For "The paper, to be published later this year, will ...": end at the next comma."""
        pos = self.positions(_APPOSITIVE_END, *sent)
        k = bisect_left(pos, at)
        return pos[k] if k < len(pos) else sent[1]


def _validate(categories: Iterable[str] | None) -> frozenset[str] | None:
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = [categories]
    cats = frozenset(categories)
    unknown = sorted(cats - set(CATEGORIES))
    if unknown:
        raise InputError(f"unknown cue categories {unknown}; choose from {', '.join(CATEGORIES)}")
    return cats


def find_cues(
    text: str,
    *,
    categories: Iterable[str] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Cue]:
    """Find the rhetorical cues in ``text``: hedges, commitments, refusals, deferrals, emotive ...

    Parameters
    ----------
    text
        Any text; for a response use :attr:`Response.full_text` so spans line up.
    categories
        Keep only these categories (default: all twelve).
    lexicon
        A :class:`~respcompare.lexicon.Lexicon` to use instead of ours (combine with ``+``).
        The sense rules (may, should, will, quite, truly, about + number) always run.

    Returns
    -------
    list of Cue, by position, never overlapping; see the module docstring for senses, levels,
    rule ids and scope. A sentence keeps at most :data:`MAX_CUES_PER_SENTENCE` cues;
    :func:`find_cues_with_limits` also says when that cap bit.

    >>> [(c.span.text, c.category, c.sense) for c in find_cues("You may apply in May.")]
    [('You may apply', 'permission', 'permission')]
    >>> [(c.span.text, c.category) for c in find_cues("It is a truly horrendous crime.")]
    [('truly horrendous', 'emotive')]
    """
    return find_cues_with_limits(text, categories=categories, lexicon=lexicon)[0]


def find_cues_with_limits(
    text: str,
    *,
    categories: Iterable[str] | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[list[Cue], tuple[str, ...]]:
    """:func:`find_cues`, and what its limits left out: one note per limit that bit.

    A sentence keeps at most :data:`MAX_CUES_PER_SENTENCE` cues, the first ones (real
    sentences carry up to 5); past that, a note says how many sentences were capped.

    >>> cues, notes = find_cues_with_limits("may " * 60)
    >>> len(cues), notes
    (50, ('cues: 1 sentence had more than 50 cues; only its first 50 were kept',))
    """
    if not isinstance(text, str):
        raise InputError(f"find_cues() takes a string, not {type(text).__name__}")
    wanted = _validate(categories)
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        raise InputError(
            "lexicon= must be a Lexicon; load one with respcompare.lexicon.load_lexicon(path)"
        )
    if not text.strip():
        return [], ()
    toks = _tokenize(text)
    eng = _Engine(text, toks)
    eng.lexicon_pass((lexicon if lexicon is not None else default_lexicon()).compiled())
    eng.sense_pass()
    return _finish(text, toks, eng.cands, wanted)


def cues_in_sentences(
    text: str, sentences: Iterable[int], *, lexicon: Lexicon | None = None
) -> list[Cue]:
    """The cues of ``find_cues(text, lexicon=lexicon)`` that lie in the given sentences.

    ``sentences`` are indices into ``segment(text).sentences`` (others are ignored). A cue lies
    in one sentence and only its own sentence's cues compete with it, so only those sentences
    are tokenized and read, and the rest of the text only where a rule looks past its sentence
    (a quotation, the word before an opening "to be", the next sentence's date): the same
    cues, for a fraction of the work when the sentences are a fraction of the text (the
    alignment's effects need the edited sentences' cues only).

    >>> text = "We will publish it. We keep this under review."
    >>> [c.category for c in cues_in_sentences(text, [1])]
    ['review-loop']
    """
    if not isinstance(text, str):
        raise InputError(f"cues_in_sentences() takes a string, not {type(text).__name__}")
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        raise InputError(
            "lexicon= must be a Lexicon; load one with respcompare.lexicon.load_lexicon(path)"
        )
    if not text.strip():
        return []
    n = len(segment(text).sentences)
    toks = _tokenize(text, sorted({i for i in sentences if 0 <= i < n}))
    eng = _Engine(text, toks)
    eng.lexicon_pass((lexicon if lexicon is not None else default_lexicon()).compiled())
    eng.sense_pass()
    return _finish(text, toks, eng.cands, None)[0]


_new = object.__new__
_CUE_SET = tuple(
    getattr(Cue, f).__set__
    for f in ("category", "sense", "rule", "span", "level", "strength", "scope")
)
_span = Span.trusted  # a cue's span: its offsets are a token's, its text their slice


def _cue(
    category: str,
    sense: str,
    rule: str,
    span: Span,
    level: int | None,
    strength: float,
    scope: Span,
) -> Cue:
    """``Cue(category, sense, rule, span, level, strength, scope)``, its slots set directly
    (the frozen dataclass __init__ sets each through object.__setattr__; a response makes
    dozens of cues)."""
    o: Cue = _new(Cue)
    set_category, set_sense, set_rule, set_span, set_level, set_strength, set_scope = _CUE_SET
    set_category(o, category)
    set_sense(o, sense)
    set_rule(o, rule)
    set_span(o, span)
    set_level(o, level)
    set_strength(o, strength)
    set_scope(o, scope)
    return o


#: The most cues one sentence keeps (the first ones, by position). Real responses carry at most
#: 5 in a sentence; a sentence made of lexicon phrases ("may may may ...") would otherwise give
#: a cue per word, each with the whole sentence as its scope, and a report quadratic in size.
MAX_CUES_PER_SENTENCE = 50


def _finish(
    text: str, toks: _Tokens, cands: list[_Cand], wanted: frozenset[str] | None
) -> tuple[list[Cue], tuple[str, ...]]:
    low = toks.low
    # fold intensifiers into the emotive / peacock cue that follows them
    for c in cands:
        if c.category in {"emotive", "peacock"}:
            a = c.a
            while a - 1 >= 0 and toks.sent[a - 1] == toks.sent[c.a] and low[a - 1] in _INTENSIFIERS:
                a -= 1
            if a < c.a:
                c.a = a
                c.rule += "+intensifier"
                c.strength = min(1.0, c.strength + 0.2)
    # longest first, then engine rules before lexicon rules, then position
    cands.sort(key=lambda c: (-(toks.end[c.b - 1] - toks.start[c.a]), -c.priority, c.a))
    occupied = bytearray(len(low))
    kept: list[_Cand] = []
    for c in cands:
        if any(occupied[c.a : c.b]):
            continue
        occupied[c.a : c.b] = b"\x01" * (c.b - c.a)
        kept.append(c)
    kept.sort(key=lambda c: c.a)
    quoted = _Quoted(_quoted_regions(text))
    scan = _Scan(text)
    out: list[Cue] = []
    per_sentence: dict[int, int] = {}
    capped = 0
    for c in kept:
        s, e = toks.start[c.a], toks.end[c.b - 1]
        if s in quoted:
            continue
        n = per_sentence.get(toks.sent[c.a], 0)
        if n >= MAX_CUES_PER_SENTENCE:
            capped += n == MAX_CUES_PER_SENTENCE
            per_sentence[toks.sent[c.a]] = n + 1
            continue
        per_sentence[toks.sent[c.a]] = n + 1
        sent = toks.sent_spans[toks.sent[c.a]]
        cstart, cend = scan.clause_bounds(sent, s)
        if (
            c.category in LADDER_CATEGORIES
            or c.category in {"deontic", "permission"}
            or (c.category == "hedge" and c.sense == "doxastic")
        ):
            scope0, scope1 = s, max(cend, e)
            if c.scope_from_clause:
                scope0 = cstart
                if c.rule.startswith("modal.to-be"):
                    scope1 = max(scan.appositive_end(sent, e), e)
        else:
            scope0, scope1 = min(cstart, s), max(cend, e)
        sense, level, strength, rule = c.sense, c.level, c.strength, c.rule
        if c.category == "commitment":
            sense, level, strength, rule = _grade(scan, sent, scope0, scope1, s, c)
            if sense in {"plain", "intended"} and _dated_by_next(scan, toks, c):
                rule += "+dated-next-sentence"
                sense, level = ("intended", 4) if sense == "intended" else ("dated", 5)
        elif c.category == "refusal" and level == 0 and scan.time_hedged(sent):
            sense, level, strength = "time-hedged", 1, min(strength, 0.7)
        if wanted is not None and c.category not in wanted:
            continue
        out.append(
            _cue(
                c.category,
                sense,
                rule,
                _span(s, e, text[s:e]),
                level,
                round(strength, 3),
                SpanView(text, scope0, scope1),
            )
        )
    notes: tuple[str, ...] = ()
    if capped:
        which = "1 sentence" if capped == 1 else f"{capped:,} sentences"
        their = "its" if capped == 1 else "each one's"
        notes = (
            f"cues: {which} had more than {MAX_CUES_PER_SENTENCE} cues; only {their} first "
            f"{MAX_CUES_PER_SENTENCE} were kept",
        )
    return out, notes


_DETERMINERS = _ws("a an the its their our this these that new further")


def _future_date(text: str) -> bool:
    """A time expression that is not plainly past ("earlier this year", "last May")."""
    for m in _DATE.finditer(text):
        before = text[max(0, m.start() - 9) : m.start()].lower()
        if "earlier" in before or "last" in before or "since" in before or "ago" in before:
            continue
        if m.group(0).lower().startswith(("earlier", "since")):
            continue
        return True
    return False


def _dated_by_next(scan: _Scan, toks: _Tokens, c: _Cand) -> bool:
    """'... will publish a paper ... . The paper, to be published later this year, ...'.

    The object of the commitment is taken up by the next sentence ("The paper", "It"), which
    dates it.
    """
    low = toks.low
    si = toks.sent[c.a]
    stop = toks.sent_bounds[si][1]
    j = c.b
    while j < stop and low[j] in _DETERMINERS:
        j += 1
    if j >= stop:
        return False
    obj = low[j]
    for sj in (si + 1, si + 2):
        if sj >= len(toks.sent_bounds):
            return False
        words = toks.words_of(sj)[1]
        if not words:
            continue
        head = words[:3]
        refers = head[:1] == ["it"] or (
            len(head) >= 2 and head[0] in {"the", "this", "that"} and head[1] == obj
        )
        if refers:
            return scan.future_date(*toks.sent_spans[sj])
    return False


def _grade(
    scan: _Scan, sent: tuple[int, int], s0: int, s1: int, at: int, c: _Cand
) -> tuple[str, int | None, float, str]:
    """Place a commitment on the ladder: specifics raise it to 5, conditions lower it to 3.

    The scope is ``text[s0:s1]``; every search over it goes through ``scan`` (once per
    sentence, then by bisection), so many commitments in one long sentence stay linear.
    """
    sense, level, strength, rule = (
        c.sense,
        c.level if c.level is not None else 4,
        c.strength,
        c.rule,
    )
    # a leading time adverbial: "Later this year, we will publish ..."
    comma_at = scan.first_comma(sent)
    lead_date = False
    if sent[0] < comma_at < at:
        lead_date = len(scan.text[sent[0] : comma_at].split()) <= 6 and scan.future_date(
            sent[0], comma_at
        )
    # the first conditional from the sentence start (as search(text, sent[0], s1) finds it)
    conds = scan.positions(_CONDITIONAL, sent[0], s1)
    if (conds and conds[0] < at) or scan.search_in(_CONDITIONAL, s0, s1, sent[0]):
        return "conditional", 3, min(strength, 0.6), rule + "+conditional"
    specific = None
    if scan.future_date_in(s0, s1, sent[0]) or lead_date:
        specific = "dated"
    elif scan.search_in(_AMOUNT, s0, s1, sent[0]):
        specific = "specific"
    elif scan.search_in(_INSTRUMENT, s0, s1, sent[0]):
        specific = "instrument"
    if specific:
        if sense == "intended":
            level = 4
        else:
            sense, level = specific, 5
        strength = min(1.0, strength + 0.1)
    return sense, level, strength, rule


# ---------------------------------------------------------------- kwic


@dataclass(frozen=True, slots=True)
class KwicRow:
    """One keyword-in-context row, with quanteda's columns."""

    docname: str
    from_: int
    to: int
    pre: str
    keyword: str
    post: str
    pattern: str

    def as_dict(self) -> dict[str, object]:
        """The row with quanteda's column names (``from``, ``to`` are 1-based token positions)."""
        return {
            "docname": self.docname,
            "from": self.from_,
            "to": self.to,
            "pre": self.pre,
            "keyword": self.keyword,
            "post": self.post,
            "pattern": self.pattern,
        }


def kwic(
    text: str,
    pattern_or_cues: str | Sequence[Cue],
    *,
    window: int = 5,
    docname: str = "text1",
) -> list[KwicRow]:
    """Keywords in context with quanteda's columns: docname, from, to, pre, keyword, post, pattern.

    ``pattern_or_cues`` is a lexicon pattern (``"keep ... under review"``) or cues from
    :func:`find_cues`. ``from``/``to`` are 1-based token positions, as in quanteda.

    >>> row = kwic("We will keep this policy under review.", "keep ... under review", window=2)[0]
    >>> row.pre, row.keyword, row.post
    ('We will', 'keep this policy under review', '')
    """
    if not isinstance(text, str):
        raise InputError(f"kwic() takes a string, not {type(text).__name__}")
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise InputError(f"kwic window must be a whole number of words, 0 or more; got {window!r}")
    if not isinstance(docname, str):
        raise InputError(f"kwic docname must be a string, not {type(docname).__name__}")
    if not isinstance(pattern_or_cues, str) and (
        not isinstance(pattern_or_cues, Sequence)
        or not all(isinstance(c, Cue) for c in pattern_or_cues)
    ):
        raise InputError(
            "kwic takes a lexicon pattern (a string) or a list of cues from find_cues(), "
            f"not {type(pattern_or_cues).__name__}"
        )
    toks = _tokenize(text)
    spans: list[tuple[int, int, str]] = []  # token ranges and pattern label
    if isinstance(pattern_or_cues, str):
        variants = compile_pattern(" ".join(pattern_or_cues.lower().split()))
        if not variants:
            raise InputError(f"kwic pattern {pattern_or_cues!r} has no words to match")
        i = 0
        n = len(toks.low)
        memos: list[dict[tuple[int, int], int]] = [{} for _ in variants]
        current = -1
        while i < n:
            stop = toks.sent_bounds[toks.sent[i]][1]
            if toks.sent[i] != current:  # a memo holds for one sentence
                current = toks.sent[i]
                memos = [{} for _ in variants]
            best = -1
            for v, memo in zip(variants, memos, strict=True):
                best = max(best, _match(v, 0, i, toks.low, stop, memo))
            if best > i:
                spans.append((i, best, pattern_or_cues))
                i = best
            else:
                i += 1
    else:
        for cue in pattern_or_cues:
            # tokens are in order and disjoint: the ones overlapping the cue are a run
            first = bisect_right(toks.end, cue.span.start)
            last = bisect_left(toks.start, cue.span.end)
            if first < last:
                spans.append((first, last, cue.rule))
    rows = []
    for a, b, label in spans:
        pre_a = max(0, a - window)
        rows.append(
            KwicRow(
                docname=docname,
                from_=a + 1,
                to=b,
                pre=" ".join(toks.raw[pre_a:a]),
                keyword=text[toks.start[a] : toks.end[b - 1]],
                post=" ".join(toks.raw[b : b + window]),
                pattern=label,
            )
        )
    return rows
