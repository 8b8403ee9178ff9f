"""Ask x response -> :class:`~respcompare.model.Assessment`: the judge's decision table.

For each ask, every clause of the response that takes a stance (:mod:`.stance`) and is about
the ask (:mod:`.relevance`) becomes a *candidate*. What the clause does is read against what the
ask wants, with its polarity: the petition wants the ask's act A done (or, for a negated ask
such as "Do not remove X", not done). A clause either does A, does not-A, defers, or loops:

==================  ==========================================  ===========================
stance family       relation to the ask's act                   the response does
==================  ==========================================  ===========================
decline / argue     names the act itself, or nothing else       not-A
decline / argue     names the contrary act ("remove" for keep)  A
decline / argue     refuses any change                          the status quo
status quo          (any)                                       the status quo
commit / in place   names the act                               A
commit / in place   names the contrary act, or keeps the        not-A
                    object going where the ask ends it
commit              names only the object (a substitute)        A, narrower (partly)
defer / process     on the ask                                  deferred (partly with a
                                                                decision point)
review loop         anywhere on the topic                       deferred
==================  ==========================================  ===========================

The status quo is A for an ask that keeps something ("Keep the triple lock") and not-A for an
ask that changes something. "Does A" is ``answered-yes`` (``answered-partly`` when narrower:
a dropped qualifier, narrowing words, a smaller amount, a later year, a substitute object);
"does not-A" is ``answered-no``; a negated ask swaps the two. The candidates of one ask are
decided by the rows of :data:`DECISION_ROWS`; the asks of a petition are combined by
:data:`COMBINE_ROWS`. Every Evidence names the row that decided (``Evidence.rule``) and the ask it
belongs to (``Evidence.ask``).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..analysis import TextAnalysis, analyse
from ..asks import (
    MAX_ASK_CHARS,
    STOPWORDS,
    Synonyms,
    content_stems,
    content_words,
    extract_asks,
    generic_nouns,
    load_synonyms,
    make_ask,
    stem,
    verb_base,
    verb_forms,
)
from ..errors import InputError, InputTooLargeError
from ..lexicon import Lexicon
from ..model import (
    Ask,
    AskOutcome,
    Assessment,
    Cue,
    DirectnessTerm,
    Downgrade,
    Evidence,
    Petition,
    Response,
    Span,
    Verdict,
)
from ..segment import Sentence
from .config import JudgeConfig
from .learned import VerdictModel, apply_learned
from .relevance import LIGHT_HEADS, AskModel, ask_model, head_stem, match, score, vocab_map
from .stance import ActClass, Clause, act_classes, change_nouns, modify_verbs, read_clauses

__all__ = ["COMBINE_ROWS", "DECISION_ROWS", "assess"]

#: The rows that decide one ask from its candidates, in the order they are tried.
DECISION_ROWS: tuple[tuple[str, str], ...] = (
    ("partly.refuses-part", "the ask's own act is both committed to and declined in part"),
    ("no.declines-offers-substitute", "declines the ask and offers something else instead"),
    ("yes.already-met", "the ask is already met in the form asked; new law declined as unneeded"),
    ("no.declines", "declines the ask (explicitly, by rationale, or by keeping the status quo)"),
    ("no.time-hedged", "declines the ask for now ('no current plans')"),
    ("no.contrary", "takes a position that runs against the ask"),
    ("no.devolved", "declines to act because the matter is for another body"),
    ("yes.commits", "commits to the ask"),
    ("yes.in-place", "says the ask is already done or in place"),
    ("yes.declines-the-contrary", "refuses what the ask opposes (a negated or keep ask)"),
    ("partly.narrower", "commits to a narrower or smaller version of the ask"),
    ("partly.substitute", "commits to something else on the ask's object"),
    ("partly.process-with-decision", "routes the ask to a named process with a decision point"),
    ("deferred.defers", "leaves the decision on the ask for later"),
    ("deferred.conditional", "would act only if a condition holds"),
    ("deferred.review-loop", "keeps the matter under review"),
    ("deflected.topic-without-position", "engages the ask's topic but takes no position"),
    ("not-addressed.absent", "never mentions the ask's subject"),
    *(
        (
            f"learned.{v.value}",
            f"is read as {v.value} by the learned verdict model (the rules alone read it "
            f"otherwise; Assessment.learned has both)",
        )
        for v in Verdict
    ),
)

#: The rows that combine the outcomes of a petition's asks into the response's verdict.
COMBINE_ROWS: tuple[tuple[str, str], ...] = (
    ("single", "one ask: its outcome is the response's"),
    ("all-same", "every ask has the same outcome"),
    ("all-answered-mixed", "every ask answered, in different ways: answered-partly"),
    ("some-answered", "one ask granted (yes or partly) and another dodged: answered-partly"),
    ("some-declined", "one ask declined and the others dodged: answered-no"),
    ("none-answered", "no ask answered: the most engaged outcome (deferred > deflected)"),
)

_GENERIC_CHANGE = re.compile(
    r"\b(?:chang|amend|alter|legislat|introduc|interven|new (?:law|legislation|offence|powers?|"
    r"requirement|rules?|duty|ban|scheme)|extend (?:the |its |this |that )?(?:scope|scheme|relief|"
    r"rate|it|them)|any (?:further )?(?:changes?|action)|take (?:this|that|"
    r"it|these) forward|further action|such (?:a|an) (?:\w+ )?(?:ban|change|"
    r"law|measure|requirement|scheme|step)|this (?:change|measure|step|proposal|approach|request)|"
    r"these (?:changes|measures|proposals|calls)|that (?:change|proposal|step))",
    re.I,
)
# An anaphor in the object position right after the stance verb: "we will not do so", "we
# will publish it", "decided against this".
_ANAPHOR = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:(?:do so|doing so|their \w+|its \w+|such (?:a|an)|the proposal|"
    r"the change|the request|the petition|this petition|the ban|the measure|the idea)\b"
    r"|(?:so|it|them|this|that|these|those|one)(?=\s*(?:[.,;:)]|$|\s(?:by|in|at|from|when|until|now|"
    r"later|next|yet|again|for|through|as|to|on|within|before|after|under|and|but|or|this|"
    r"immediately|shortly|soon)\b)))",
    re.I,
)
# Declining to act at all ("will not intervene", "does not step in") refuses whatever was asked.
_DECLINE_TO_ACT = re.compile(
    r"\b(?:interven\w*|step in|take action|act on|overrule|overturn the decision|get involved|"
    r"become involved|direct (?:the|local))\b",
    re.I,
)
# Declining to delay something does it: "we will not delay the ban" is a commitment to the ban.
_DELAY = re.compile(r"\b(?:delay|postpone|defer|hold back|put off)", re.I)
# A review loop whose verb is work on the matter, not the matter itself going on
_LOOP_WORK = re.compile(
    r"\b(?:consider|review|monitor|explor|look|assess|work|engag|listen|keeps? \w+ under|"
    r"under review|discuss|examin)",
    re.I,
)
# "continue to keep the law in this area under review": the loop's own keeping
_KEEP_UNDER_REVIEW = re.compile(
    r"(?:(?:will )?continue to )?keep(?:s|ing)? (?:[\w'’-]+ ){0,8}?under (?:\w+ )?review", re.I
)
_REVIEW_SENSE = re.compile(
    r"\b(?:under (?:\w+ )?review|monitor|under (?:\w+ )?consideration|review)", re.I
)
_GENERIC_LOOP = re.compile(
    r"\b(?:all (?:\w+ )?(?:policies|policy|taxes|options|areas|matters|measures|legislation)|"
    r"(?:this|these|that|the) (?:issue|issues|matter|matters|area|policy|position|situation|"
    r"approach|request|proposal|question)s?|(?:it|this|them) under|policy under|the situation|"
    r"under review|under consideration)\b",
    re.I,
)
# Predicates a "make" ask puts before its real object: "illegal to ...", "a criminal offence for"
# where a bare noun phrase ends: a preposition, a clause word or punctuation
_PP_END = re.compile(
    r"[,;:(.]|\b(?:of|for|in|on|at|by|with|to|from|and|which|that|so|because|as)\b", re.I
)
# a standing commitment to a thing or to keeping it
_COMMITTED_TO_OBJECT = re.compile(
    r"\bcommitted to (?:the|its|our|this|that|maintaining|keeping|retaining|protecting|"
    r"preserving|delivering|honouring)\b",
    re.I,
)
# "the end of" as a time ("by the end of 2025", "until at least the end of the Charter")
_END_OF_TIME = re.compile(
    r"\b(?:(?:at|by|until|till|before|after|towards?|from|to)\s+)?(?:at least\s+)?the\s+end\s+of\b",
    re.I,
)
# a clause whose subject points back: "the scheme will continue", "it will remain"
_ANAPHORIC_SUBJECT = re.compile(
    r"\s*(?:and\s+)?(?:it|this|they|these|the (?:scheme|programme|policy|fund|funding|service|"
    r"payment|grant|offer|entitlement|arrangement|arrangements|support|initiative))\s+(?:will|shall|is|"
    r"are|would)?\s*$",
    re.I,
)
# a clause whose subject is a gerund phrase: the act it names is what the stance is about
_GERUND_SUBJECT = re.compile(r"\s*[A-Z]?[a-z]+ing\b")
# an actor and its act in a ban's object: "shops to sell knives to anyone under 18"
_ACTOR_FROM_ACT = re.compile(r"^((?:[\w’'-]+\s+){1,5}?)from\s+([a-z]+ing)\s+\S", re.I)
_ACTOR_TO_ACT = re.compile(r"^((?:[\w’'-]+\s+){1,4}?)to\s+([a-z]+)\s+\S", re.I)
_PREDICATE = re.compile(
    r"^\s*(?:it\s+)?(?:illegal|unlawful|legal|compulsory|mandatory|free|"
    r"an? (?:criminal |specific )?"
    r"offence|(?:a|any) (?:legal )?requirement|a legal right|law|the law)\s+(?:to|for|that)\s+",
    re.I,
)
_ANAPHOR_ANYWHERE = re.compile(r"\b(?:do so|doing so|this request|this call|the request)\b", re.I)
_ANAPHORIC_START = re.compile(r"\s*(?:this|it|these|that|such|yes|no)\b", re.I)
_PETITION_REFERENCE = re.compile(
    r"\b(?:this|the) petition\b|\bpetitioners?\b"
    # the petition's proposal, named only so at the end of a clause ("rejects the proposal.")
    r"|\b(?:this|the|that|its|their) (?:proposal|request|suggestion|call)\s*(?:[.;]|$)",
    re.I,
)
_NARROWING = re.compile(
    r"\b(?:key findings|main findings|(?:a|an|the) (?:summary|outline|overview)|summary of|"
    r"insights|"
    r"highlights|(?:some|certain|only|selected) (?:parts?|elements?|aspects?|areas?|regions?|"
    r"groups?|cases?|of)|a pilot|pilots?|piloting|a trial|trials|trialling|voluntary|code of "
    r"practice|in some areas|a number of areas|first phase|only (?:for|in|to)|"
    # an exception carved out of it: "allowed only under licence", "with an exemption for"
    r"(?:allowed|permitted|exempt(?:ed)?|able to \w+) only (?:under|with|in|where)|"
    r"(?:with|subject to) (?:an |some |limited )?exemptions? for|except (?:for|in))\b",
    re.I,
)
_RESTRICTION = re.compile(
    r"\b(?:some|certain|only|eligible|selected|qualifying|up to|at least|below|under|over|"
    r"working (?:parents|families|people|adults|households)|"
    r"most|low-income|vulnerable|disadvantaged|priority|off-peak|part-time|"
    # a condition or threshold: "provided the price is £500,000 or less", "on the first £300,000"
    r"provided|as long as|so long as|on condition|on the first|"
    r"or (?:less|fewer|more|over|under|above|below))\b",
    re.I,
)
_ALL_OF = re.compile(
    r"\b(?:all|every)\s+(?!the\b)[\w-]+(?:\s+(?!in\b|on\b|at\b|for\b)[\w-]+)?", re.I
)
_LAW_ASK = re.compile(
    r"\b(?:law|legislat|legal|statutory|ban|prohibit|outlaw|require|mandat|"
    r"compulsory|offence|illegal)",
    re.I,
)
_GUIDANCE = re.compile(r"\b(?:guidance|advice|a code|voluntary|encourage)", re.I)
_SPECIFIC = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|June|July|August|September|October|"
    r"November|December)\b|\bthis (?:year|autumn|spring|summer|winter)\b|\bnext (?:year|month|"
    r"week)\b|\b(?:later|early|earlier) this year\b|[£$€]\s?\d|\b\d+(?:\.\d+)?\s?(?:%|per ?cent)|"
    r"\b(?:Bill|Act|Regulations|Order)\b",
)
_QUALIFIER_KEYS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"in full|in its entirety|unredacted|^full$", re.I),
        re.compile(r"\bin full\b|\bfull\b|\bentire|\bwhole\b|\bcomplete\b|\bunredacted\b", re.I),
    ),
    (
        re.compile(r"law|legal|statutory", re.I),
        re.compile(
            r"\blaw\b|\blegal|\bstatutory\b|\blegislat|\bBill\b|\bAct\b|\boffence|"
            r"\bRegulations\b|\bstatutory instrument|\bfixed penalt|\bfine of\b",
            re.I,
        ),
    ),
    (re.compile(r"independent", re.I), re.compile(r"\bindependent\b", re.I)),
    (
        # a frequency, not a scope: "every year" is met by "annual statistics"
        re.compile(r"\b(?:every|each)\s+(?:year|month|week|day|quarter)\b", re.I),
        re.compile(
            r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|quarterly|every (?:year|month|week|"
            r"day|quarter)|each (?:year|month|week|day|quarter)|a (?:year|month|week|day))\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\b(?:all|every)\b", re.I),
        re.compile(r"\ball\b|\bevery\b|\buniversal|\bcompulsory\b|\bmandatory\b", re.I),
    ),
    (re.compile(r"immediate", re.I), re.compile(r"\bimmediate|\bnow\b|\bwithout delay", re.I)),
)
_NUMBER = re.compile(
    r"(?:[£$€]\s?)?(\d+(?:\.\d+)?)\s?(%|per ?cent|bn|billion|m\b|million|weeks?|days?|months?|"
    r"years?|hours?|miles?|mph)?",
    re.I,
)
_YEAR = re.compile(r"\b(20\d\d)\b")
_TIME_HEDGE = re.compile(
    r"\b(?:at present|at this (?:time|stage)|currently|presently|for now|at the moment|"
    r"no current|no immediate)\b",
    re.I,
)
# Who speaks: a position counts only when the government (or an impersonal "there are no
# plans") is its subject, not a third party ("Any taxpayer who cannot pay will ...").
_GOVERNMENT_AGENT = re.compile(
    r"\b(?:we|our|us|i|government|ministers?|secretary of state|home secretary|chancellor|"
    r"prime minister|secretary|department|office|treasury|defra|dwp|dfe|dhsc|dcms|dft|mod|"
    r"moj|desnz|dsit|mhclg|dluhc|fcdo|beis|"
    r"hmrc|the uk|this paper|the paper|the bill|the act|the strategy|the framework|"
    r"regulations|legislation|there|it)\b",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"\b(?:who|whose|households?|taxpayers?|individuals|anyone|everyone|users|employers|"
    r"companies|platforms|providers|board|inquiry|panel|committee|councils?|local authorities|"
    r"police|forces|charities|people|staff|patients|vets?|petitioners?|campaigners|some)\b",
    re.I,
)

# People other than the government who may be the subject of a "will not" or "no longer"
_PEOPLE = re.compile(
    r"\b(?:drivers|landlords|tenants|parents|pupils|students|owners|employees|workers|employers|"
    r"businesses|retailers|consumers|customers|residents|passengers|victims|offenders|people|"
    r"users|patients|staff|members|applicants|claimants|households|taxpayers|individuals|anyone|"
    r"companies|firms|providers|councils|schools|forces|police|courts|judges|the public)\b",
    re.I,
)
_DECLINE = frozenset({"refuse", "cue-refuse", "rationale"})
_AFFIRM = frozenset({"commit", "cue-commit", "in-place", "affirm"})
_DEFER = frozenset({"defer", "cue-defer", "process", "decision"})
_LOOP = frozenset({"loop", "cue-loop"})

# How much each kind of candidate weighs when several compete for one ask.
_BASE_WEIGHT = {
    "no.declines": 1.0,
    "no.time-hedged": 0.98,
    "yes.commits": 0.95,
    "yes.declines-the-contrary": 0.95,
    "no.contrary": 0.9,
    "no.devolved": 0.85,
    "yes.in-place": 0.85,
    "partly.narrower": 0.93,
    "partly.substitute": 0.7,
    "partly.process-with-decision": 0.75,
    "deferred.defers": 0.6,
    "deferred.conditional": 0.6,
    "deferred.review-loop": 0.4,
}


@dataclass(frozen=True, slots=True)
class _Candidate:
    row: str  # a DECISION_ROWS id
    ask_text: str
    stance: Clause
    sentence: Sentence
    relevance: float
    position: float
    relation: str
    note: str
    level: int
    downgrade: Downgrade | None = None

    @property
    def outcome(self) -> str:
        return self.row.split(".", 1)[0]

    @property
    def weight(self) -> float:
        return (
            _BASE_WEIGHT.get(self.row, 0.5)
            * (0.6 + 0.4 * self.relevance)
            * self.position
            * (0.8 + 0.2 * self.stance.strength)
        )


@dataclass(frozen=True, slots=True)
class _SentInfo:
    sentence: Sentence
    stems: tuple[str, ...]
    clauses: tuple[Clause, ...]
    position: float
    in_summary: bool
    names_petition: bool  # "this petition", "petitioners": read once, for every ask


# the state a negated ask wants kept, said of what its act would bring in ("will remain free of
# charge", "remains exempt from", "will continue to be zero-rated"): the new thing stays absent
_STAYS_ABSENT = re.compile(
    r"\b(?:free of|free from|exempt|without|zero[- ]rated|zero rate|"
    r"not (?:be )?(?:subject|liable))\b",
    re.I,
)


def _stays_unchanged(ask: Ask, cls: ActClass, text: str, clause: Clause) -> bool:
    """For a negated ask, told its object stays as it is: True when that is what the petition
    wants (the act would end or change something that exists: "Do not sell X", "X will remain in
    public ownership"; or the new thing the act would bring stays absent: "will remain free of
    charge"), False when the object kept is the thing the petition opposes ("Do not put fluoride
    in tap water": "fluoridation schemes will remain in place")."""
    if cls.continuation or cls.name in ("more", "less") or _ask_verb(ask) in modify_verbs():
        return True
    return _STAYS_ABSENT.search(text, clause.cue_start, clause.end) is not None


def _ask_verb(ask: Ask) -> str:
    """The first word of the ask's action, lower-cased ("" for none)."""
    return ask.action.split()[0].lower() if ask.action else ""


def _class_named(name: str) -> ActClass:
    return next(c for c in act_classes() if c.name == name)


@lru_cache(maxsize=16)
def _class_verbs(name: str) -> tuple[str, ...]:
    """The verbs of the act class ``name``, sorted, as the form tuples the matchers take."""
    return tuple(sorted(_class_named(name).verbs))


def _ask_class(ask: Ask) -> ActClass:
    """What kind of change the ask wants (see data/judge_acts.toml).

    "Make it illegal to ..." and "Introduce a ban on ..." are bans whatever their verb; "Stop the
    closure of X" wants X kept: its contrary act is the one the change noun names ("close").
    """
    verb = _ask_verb(ask)
    cls = next((c for c in act_classes() if verb in c.verbs), _class_named("create"))
    if verb in ("protect", "save", "defend", "safeguard") and _FROM_ENDING.search(ask.text):
        return _class_named("keep")  # "Protect the triple lock from being scrapped"
    if verb == "protect" and not re.search(r"\b(?:from|against)\b", ask.text, re.I):
        # "Protect free school meals during holidays" keeps them ("Protect children from online
        # harm" asks for new measures)
        return _class_named("keep")
    if cls.name == "keep" and _ALL_YEAR.search(ask.text):
        # "Keep the clocks on British Summer Time all year round" changes what happens now; what
        # ends the thing kept is still its contrary ("the uplift will end in October")
        create = _class_named("create")
        return ActClass(
            name=create.name,
            verbs=create.verbs,
            wants=create.wants,
            continuation=create.continuation,
            opposite=tuple(dict.fromkeys((*create.opposite, *cls.opposite))),
            source=f"{create.source}; {cls.source}",
        )
    if verb == "freeze" and _TARGET_AMOUNT.search(ask.text):
        # "Freeze student loan interest at 0%" sets a new level: a cut, not the status quo
        return _class_named("less")
    if verb == "freeze":
        # "Freeze rail fares": a rise is its contrary, and rising "in line with inflation" keeps
        # nothing ("in line with" keeps a rule such as the triple lock, not a price)
        return ActClass(
            name=cls.name,
            verbs=cls.verbs - {"in line with", "in accordance with"},
            wants=cls.wants,
            continuation=cls.continuation,
            opposite=(*cls.opposite, *_FREEZE_CONTRARY),
            source=f"{cls.source}; a freeze's contrary is a rise",
        )
    if (
        cls.name == "create"
        and _OFFENCE_ASK.search(ask.text)
        and not re.search(r"\b(?:legali[sz]e|decriminali[sz]e|allow|permit)\b", ask.text, re.I)
        and not _NEW_LAW_ASK.search(ask.text)  # "Create a specific offence": new law, declinable
    ):
        return _class_named("ban")
    if cls.name in ("end", "ban") and verb not in (
        "prohibit",
        "outlaw",
        "criminalise",
        "forbid",
        "ban",
        "restrict",
        "bar",
    ):
        # ("Prohibit the development of new mines" and "Ban the sale of new petrol cars" ban an
        # activity; "Stop the closure of X" halts a change)
        head = _object_head(ask.object)
        change = change_nouns().get(head)
        planned = _PLAN_TO.match(ask.object)
        if change is None and planned is not None:
            # "Reverse the decision to close Hillford library", "Scrap plans to build an
            # incinerator": the change is the planned act's
            base = verb_base(planned.group(1).lower()) or planned.group(1).lower()
            change = next(
                (vs for vs in change_nouns().values() if base in vs or f"{base} out" in vs),
                None,
            )
            head = planned.group(1).lower()
        inner = _inner_change(ask.object)
        if change is None and inner is not None:
            # "Stop the Ministry of Defence closing the centre": the change is the gerund's
            head, change = inner[0], change_nouns()[inner[0]]
        if change is not None and head in ("sale", "sales") and _SALE_TO_PEOPLE.search(ask.text):
            # "Stop the sale of energy drinks to children" bans selling them, where "Stop the
            # sale of Channel 4" halts a privatisation
            return _class_named("ban")
        if change is not None and verb in _UNDO_VERBS and head in ("ban", "bans", "prohibition"):
            # "Lift the ban on XL Bully dogs" ends a ban in force; "Stop the proposed ban" halts
            # one to come
            change = None
        if change is not None:
            keep = _class_named("keep")
            return ActClass(
                name=f"halt-{change[0]}",
                # (any verb that halts or undoes a change does the act: "reverse the rise" for
                # "Scrap the rise")
                verbs=frozenset({verb}) | _HALT_VERBS,
                wants="status-quo",
                continuation=False,
                opposite=(*change, *_CHANGE_GOES_AHEAD),
                source=f"data/judge_acts.toml change_noun {head!r}; {keep.source}",
            )
    return cls


# what undoes a freeze
_FREEZE_CONTRARY = ("rise", "increase", "raise", "go up", "uprate", "index")

# a keep ask that extends what exists in time is a change: "all year round", "permanently"
_ALL_YEAR = re.compile(r"\b(?:all year(?: round)?|year-round|all-year|permanent(?:ly)?)\b", re.I)

# a level the ask fixes: "at 0%", "at £2", "at zero"
_TARGET_AMOUNT = re.compile(r"\bat (?:[£$€]?\d|zero\b|nil\b)", re.I)

# what a response says when a change the ask wants stopped goes ahead
_AS_PLANNED = re.compile(
    r"\b(?:as (?:planned|scheduled|intended)|go(?:es)? ahead|proceed\w*|press(?:es)? ahead)\b", re.I
)
# what a thing will go on to do, as the subject of a promise: "will unlock growth", "will run"
_GOES_ON = re.compile(
    r"\bwill\s+(?:also\s+|now\s+|continue\s+to\s+)?(?:unlock|deliver|provide|create|bring|"
    r"support|help|boost|improve|run|operate|serve|carry|open|generate|raise|fund|save|cut "
    r"congestion|relieve|transform|double|connect)\b",
    re.I,
)


def _split_phrasal(action: str, low: str) -> bool:
    """Whether a two-word phrasal verb ("bring forward", "roll back") appears in ``low`` with up
    to four words of its object between its parts."""
    parts = action.lower().split()
    if len(parts) != 2 or parts[1] not in ("forward", "back", "out", "in", "down", "up", "off"):
        return False
    verb = re.escape(parts[0])
    return re.search(rf"\b{verb}\w*(?:\s+[\w-]+){{1,4}}\s+{re.escape(parts[1])}\b", low) is not None


# consent for a change, given or refused
_CONSENT = re.compile(
    r"\b(?:approv\w*|consent\w*|granted (?:planning |development )?(?:permission|consent)|"
    r"given (?:the go-ahead|approval|consent)|"
    r"refus\w* (?:planning |development )?(?:permission|consent|approval))\b",
    re.I,
)
_CONSENT_REFUSED = re.compile(
    r"\b(?:refus\w*|reject\w*|declin\w*|withh[oe]ld\w*|not (?:approve|grant|give|consent))\b", re.I
)
# a plan to do an act, withdrawn: "proposals to close ticket offices have been withdrawn",
# "operators withdrew their plans to close ..."
_PLAN_WITHDRAWN = re.compile(
    r"\b(?:proposals?|plans?|decision|intention)s?\s+to\s+(?P<act>[a-z]+)\b[^.;]{0,80}?\b(?:(?:has|"
    r"have|had)\s+been|was|were|is\s+being|are\s+being)\s+(?:withdrawn|dropped|abandoned|scrapped|"
    r"cancelled|shelved|reversed)\b|\b(?:withdr[ae]w\w*|dropp\w+|abandon\w*|scrapp\w+|shelv\w+|"
    r"revers\w+)\s+(?:its|their|the|these|those|our)\s+(?:proposals?|plans?|decision)\s+to\s+"
    r"(?P<act2>[a-z]+)\b",
    re.I,
)
# a sale to people: a trade in a product, not the sale of an asset
_SALE_TO_PEOPLE = re.compile(
    r"\bsales?\s+of\s+[\w\s'’-]{1,60}?\bto\s+(?:children|minors|under|anyone|people|young|teenagers|"
    r"the public|consumers|customers|shoppers|those|persons|individuals)\b",
    re.I,
)
# verbs that halt or undo a change
_HALT_VERBS = frozenset(
    {"stop", "halt", "block", "cancel", "drop", "abandon", "pause", "reverse", "scrap", "shelve",
     "overturn", "withdraw"}
)  # fmt: skip
# verbs that undo what is in force (a ban lifted is ended, not halted)
_UNDO_VERBS = frozenset(
    {"lift", "repeal", "remove", "abolish", "end", "overturn", "revoke", "rescind", "undo", "quash",
     "scrap", "reverse"}
)  # fmt: skip
# words every funding sentence has: not what names the thing funded
_GENERIC_FUNDING = frozenset(
    stem(w) for w in ("funding", "fund", "money", "support", "grant", "payment", "scheme", "free")
)
# more time: "for a further year", "until 2027", "beyond March"
_FURTHER_TIME = re.compile(
    r"\b(?:for (?:a |another )?(?:further|more|extra|additional|another) |until |beyond |into |"
    r"past |through )",
    re.I,
)
# a plan or decision to make a change: "the decision to close X", "plans to build Y"
_PLAN_TO = re.compile(
    r"\s*(?:the\s+|any\s+|all\s+|its\s+|their\s+|[\w-]+[’']s\s+)?(?:planned\s+|proposed\s+)?"
    r"(?:decisions?|plans?|proposals?|intentions?|moves?)\s+to\s+([a-z]+)\s+(?:\w+\s+)*?\w",
    re.I,
)
_CHANGE_GOES_AHEAD = ("go ahead", "proceed", "as planned", "press ahead", "continue", "move")


def _inner_change(obj: str) -> tuple[str, str] | None:
    """A change noun or gerund inside the object's first words and what follows it:
    ("closing", "the Hartwell centre") in "the Ministry of Defence closing the Hartwell centre"."""
    words = re.findall(r"[\w'-]+", obj)[:8]
    for w in words[1:]:
        if w.lower() in change_nouns() and w.lower().endswith("ing"):
            m = re.search(rf"\b{re.escape(w)}\b\s+(?:of\s+)?(.+)", obj)
            if m and m.group(1).strip():
                return w.lower(), m.group(1).strip()
    return None


def _object_head(obj: str) -> str:
    """The object's first noun before "of" ("closure" in "the closure of the office", "ban" in
    "the proposed ban on wood-burning stoves")."""
    m = re.match(
        r"\s*(?:(?:the|a|an|any|all|further|planned|proposed|new|current|[\w-]+[’']s)\s+)*"
        r"([\w-]+)",  # (a possessive is not the head: "the Government's ban on ...")
        obj,
        re.I,
    )
    return m.group(1).lower() if m else ""


# "continue to <verb>" continues the verb's act, not the object: only these verbs keep the
# object itself going ("continue to fund", "continue to allow").
_CONTINUE_OBJECT_VERBS = frozenset(
    stem(w)
    for w in [
        "keep",
        "maintain",
        "allow",
        "permit",
        "fund",
        "provide",
        "support",
        "operate",
        "run",
        "offer",
        "pay",
        "apply",
        "retain",
        "use",
        "prioritise",
        "require",
    ]
)


@lru_cache(maxsize=256)
def _stemmed_forms(forms: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """Each form with its stems joined, bare and padded with spaces, remembered by value."""
    out = []
    for f in forms:
        fs = " ".join(stem(w) for w in f.split())
        out.append((f, fs, f" {fs} "))
    return tuple(out)


def _forms_in(forms: tuple[str, ...], stems: Sequence[str]) -> str | None:
    joined = " " + " ".join(stems) + " "
    for f, fs, padded in _stemmed_forms(forms):
        if padded not in joined:
            continue
        if fs == stem("continue"):
            # content stems drop "to": the next stem is the continued verb or the object
            at = [i for i, x in enumerate(stems) if x == fs]
            if all(
                i + 1 < len(stems)
                and stems[i + 1] not in _CONTINUE_OBJECT_VERBS
                and _is_verb_like(stems[i + 1])
                for i in at
            ):
                continue
        return f
    return None


_VERBISH = re.compile(
    r"^(?:push|press|work|ensur|support|engag|monitor|review|consid|explor|"
    r"look|encourag|emphasis|promot|tackl|address|help|seek|strive|invest|"
    r"build|develop|deliv|improv|protect|urg|call|make|take|listen|assess)"
)


def _is_verb_like(s: str) -> bool:
    return bool(_VERBISH.match(s))


@lru_cache(maxsize=64)
def _class_forms(class_verbs: tuple[str, ...], action: str) -> tuple[str, ...]:
    """Stems of the ask's act and its class's verbs (every inflection)."""
    out: list[str] = []
    verbs = [action.split()[0]] if action else []
    verbs += list(class_verbs)
    for v in verbs:
        if " " in v:
            out.append(" ".join(stem(w) for w in v.split()))
        else:
            out.extend(stem(x) for x in verb_forms(v))
    return tuple(dict.fromkeys(out))


_UNBAN = re.compile(
    r"\b(?:repeal|lift|remove|end|scrap|abolish|overturn|revoke)\w*\s+(?:the\s+|this\s+|that\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:ban|prohibition|restriction|bar|moratorium)s?\b"
    # and in the passive: "the moratorium on fracking has been lifted"
    r"|\b(?:ban|prohibition|bar|moratorium)s?\s+(?:on\s+[\w ,’'-]{1,40}?\s+)?(?:has|have|had|will|"
    r"is|are|was|were)\s+(?:now\s+)?(?:been\s+|be\s+|being\s+)?(?:lifted|repealed|removed|ended|"
    r"scrapped|revoked|overturned)\b",
    re.I,
)
_BAN_VERBS = ("ban", "prohibit", "outlaw", "forbid", "criminalise", "make illegal")
_BAN_NOUN_ON = re.compile(r"\b(?:ban|prohibition|moratorium)s?\s+on\b", re.I)
# a ban that is the subject of a status-quo clause: "the moratorium on fracking remains in place"
_BAN_SUBJECT = re.compile(
    r"\b(?:ban|prohibition|moratorium|bar)s?\s+on\b[^.;]{0,60}$|\b(?:ban|prohibition|moratorium)s?\s*$",
    re.I,
)
_CHARGE_NOUN = re.compile(
    r"\b(?:charges?|charging|fees?|tax|taxes|vat|duty|duties|tolls?|levy|levies|fares?|costs?|"
    r"bills?|rates|prescription charges)\b",
    re.I,
)
_FREE_OUTCOME = re.compile(
    r"\b(?:for free|free of charge|without charge|pay nothing|(?:pay|pays|paid) no|"
    r"(?:provide|offer|give|receive|get) free (?:\w+ ){0,2}(?:for|to)\b|"
    r"no longer (?:have to |need to )?pay|100% relief|full relief|"
    r"no longer be (?:able|allowed|permitted) to (?:charge|levy)|"
    r"(?:not|no [\w -]{1,40}) (?:will |would |shall )?be charged|"
    r"(?:pay|cover|meet|fund) (?:the |their |all )?(?:[\w-]+ )?(?:fees|costs?|charges?) in full|"
    r"not (?:have to|need to) pay|exempt(?:ed)? from|zero-rated|abolish\w*|scrap\w*)\b",
    re.I,
)


_LOOP_COMMITS = re.compile(
    r"\b(?:remains?|remained|is|are) (?:fully |firmly |absolutely )?committed to (?:implementing|"
    r"delivering|providing|funding|supporting|maintaining|protecting|upholding|honouring|keeping|"
    r"retaining|the|our|this)\b|\b(?:will|to) continue to (?:fund|provide|support|maintain|"
    r"protect|uphold|honour|deliver|implement|pay|retain|keep)\b",
    re.I,
)


# "neither" and "nor" are the negative correlatives ("will neither abolish X nor reintroduce Y",
# "Neither X nor Y will be removed"): Quirk et al. 1985, 13.38 (correlative coordination)
_NEGATOR = frozenset({"not", "never", "no", "longer", "n't", "nor", "neither"})
_BETWEEN = frozenset({"be", "been", "being", "to", "ever", "then", "now", "also", "longer"})


_MODALS = frozenset({"will", "would", "shall", "should", "must", "can", "could", "may", "might"})
_NO_SUBJECT = frozenset({"no", "none", "neither", "nor"})
_CLAUSE_BREAK = frozenset({"and", "but", "or", "that", "which", "who", "because", "so", "if"})


def _act_negated(ctext: str, forms: Sequence[str]) -> bool:
    """True when every one-word act form in the clause comes right after a negation
    ("should not be penalised", "will never be prosecuted"): the clause's act is negated."""
    words = re.findall(r"[\w']+", ctext.lower())
    single = {f for f in forms if " " not in f}
    at = [i for i, w in enumerate(words) if stem(w) in single]
    if not at:
        return False

    def negated(i: int) -> bool:
        j = i - 1
        while j >= 0 and words[j] in _BETWEEN and i - j <= 3:
            j -= 1
        if j >= 0 and words[j] in _NEGATOR:
            return True
        if j >= 1 and words[j] in _MODALS:
            # a negative subject: "no ticket offices will close", "none of the sites will be sold"
            k = j - 1
            while k >= 0 and j - k <= 6 and words[k] not in _NO_SUBJECT:
                if words[k] in _NEGATOR or words[k] in _MODALS or words[k] in _CLAUSE_BREAK:
                    return False
                k -= 1
            return k >= 0 and words[k] in _NO_SUBJECT
        return False

    return all(negated(i) for i in at)


_ACCEPTS_ADVICE = re.compile(
    r"\baccept(?:s|ed|ing)? (?:that|this|the|these|those|its|their|all (?:of )?(?:the|its|their)) "
    r"(?:[\w'’-]+ ){0,2}(?:recommendations?|advice|conclusions?|findings?)\b",
    re.I,
)
_NEGATIVE_ADVICE = re.compile(
    r"\b(?:recommend\w*|advi[sc]e\w*|conclu\w*)\b[^.;]{0,160}?\b(?:not|against|no)\b", re.I
)


# a recommendation pointed back to: "this recommendation", "its recommendations"
_ANAPHORIC_ADVICE = re.compile(
    r"\b(?:that|this|these|those|its|their)\s+(?:[\w'’-]+\s+){0,2}(?:recommendations?|advice|"
    r"conclusions?|findings?)\b",
    re.I,
)


def _accepted_negative_advice(
    text: str, clause: Clause, infos: Sequence[_SentInfo], k: int
) -> tuple[Clause, bool]:
    """ "The Government has accepted that recommendation" after advice not to act is a refusal
    by the advice's reasons (issue 12: "accepts the recommendation not to ...")."""
    if clause.family in _DECLINE:
        return clause, False
    m = _ACCEPTS_ADVICE.search(text, clause.start, clause.end)
    if m is None:
        return clause, False
    sent = infos[k].sentence
    here = text[sent.start : m.start()]
    prev = ""
    if k > 0 and infos[k - 1].sentence.paragraph == sent.paragraph:
        prev = infos[k - 1].sentence.text
    in_here = bool(_NEGATIVE_ADVICE.search(here))
    if not (in_here or _NEGATIVE_ADVICE.search(prev)):
        return clause, False
    return Clause(
        clause.start,
        clause.end,
        "rationale",
        "refuse.accepts-advice-not-to",
        0,
        0.8,
        m.start(),
        m.end(),
        clause.also,
    ), not in_here


_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b", re.I)


_PILOT_OF = re.compile(
    r"\b(?:pilot|pilots|trial|trials)\s+(?:of|scheme for|programme for|offering|providing|giving|"
    r"testing|to (?:offer|provide|give|test))\b",
    re.I,
)

# Giving seen from the receiving end
_GIVE_ACTS = frozenset({"give", "grant", "award", "provide", "pay", "offer"})
_RECEIVED = re.compile(
    r"\b(?:receives?|received|get|gets|(?:be|been|are|is) (?:now |already )?(?:paid|given|"
    r"awarded|granted|offered|available|provided)|(?:is|are|has been|have been) (?:now |already )?"
    r"(?:entitled|eligible))\b",
    re.I,
)

# A sum of money given for something: funding it ("£38 million for a new scheme of defences")
_FUND_ACTS = frozenset({"fund", "finance", "invest", "pay for", "bankroll", "resource"})
_MONEY_FOR = re.compile(
    r"[£$€]\s?\d[\d.,]*\s*(?:million|billion|bn|m|k)?\b[^.;]{0,80}?\b(?:for|towards|to (?:build|"
    r"deliver|fund|support|provide|create|run|restore|maintain|repair|improve|upgrade|expand|"
    r"replace|renovate|refurbish))\b",
    re.I,
)

# Verbs that bring a thing into being: one of them on the ask's own object is the ask's act
_CREATION_FORMS = _class_forms(
    (
        "introduce",
        "create",
        "establish",
        "implement",
        "launch",
        "legislate",
        "set up",
        "bring in",
        "enact",
        "roll out",
        "build",
        "form",
    ),
    "",
)


def _creation_verb(after: str) -> bool:
    """Whether the stance verb at the start of ``after`` brings something into being."""
    head = " ".join(after.split()[:4])
    return _forms_in(_CREATION_FORMS, content_stems(head)) is not None


# Predicate words of "make X compulsory": with a light verb they carry the act
_PREDICATE_WORDS = frozenset(
    [
        "compulsory",
        "mandatory",
        "illegal",
        "unlawful",
        "legal",
        "free",
        "statutory",
        "universal",
        "available",
        "permanent",
        "offence",
        "crime",
        "criminal",
    ]
)


@lru_cache(maxsize=64)
def _light_verb_forms(action: str) -> str:
    """A regex of the inflections of a light verb ("make": make, makes, making, made)."""
    forms = sorted(verb_forms(action) | {action}, key=len, reverse=True)
    return r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b"


def _relation(
    text: str,
    model: AskModel,
    cls: ActClass,
    stems: Sequence[str],
    after: str,
    after_cue: str,
    near_cue: str,
    declining: bool = False,
    vmap: dict[str, set[str]] | None = None,
) -> str:
    """How the clause's act relates to the ask's: same, contrary, change, anaphor or none."""
    core = _RELATIVE.split(text, maxsplit=1)
    if len(core) == 2 and core[0].strip():
        # a relative clause describes what the clause acts on, it does not act: "will introduce
        # a charge, which will give leaseholders transparency around costs of maintaining ..."
        stems = content_stems(core[0])
    if _END_OF_TIME.search(text):
        # "until the end of the Charter period" is a time, not the act of ending
        own = core[0] if len(core) == 2 and core[0].strip() else text
        stems = content_stems(_END_OF_TIME.sub(" ", own))
    if declining and cls.wants == "status-quo":
        # what a decline declines follows its cue: "X will continue to fly and there are no plans
        # to disband the team" declines disbanding, and "continue" before it is not the act
        stems = content_stems(near_cue)
    sset = set(stems)
    joined = " ".join(stems)
    class_verbs = () if cls.name == "create" else tuple(sorted(cls.verbs))
    if cls.name == "end":
        # ending an activity is banning it: "prohibits the export" ends live exports
        class_verbs += _class_verbs("ban")
    if cls.name == "less" and _TO_ZERO.search(model.ask.text):
        # "Cut VAT to zero": removing or zero-rating it is the same act
        class_verbs += _class_verbs("end")
    forms = model.act_forms + _class_forms(class_verbs, model.ask.action)
    # a class verb that is also the object's own noun ("limit" in "Lower the drink-drive
    # limit", "cap" in "Raise the benefit cap") names the object, not the act
    forms = tuple(f for f in forms if f not in model.object_stems)
    low = text.lower()
    if declining and cls.name == "ban" and _PERMISSION_DECLINED.search(near_cue):
        # "will not issue any new licences for such testing": declining to permit the act keeps
        # it banned, which is what a ban ask wants
        return "contrary"
    if (
        cls.name == "permit"
        and not declining
        and _CONSENT.search(near_cue)
        and not _CONSENT_REFUSED.search(near_cue)
    ):
        return "same"  # "has granted planning permission for a new coal mine" allows it
    if cls.name.startswith("halt-") and _CONSENT.search(near_cue):
        # consent to the change refused is what a halt ask wants; consent given lets it go ahead
        # ("has refused consent for the expansion", "has approved the expansion")
        if declining or not _CONSENT_REFUSED.search(near_cue):
            return "contrary"
        return "same"
    withdrawn = _PLAN_WITHDRAWN.search(text)
    if withdrawn is not None:
        act = withdrawn.group("act") or withdrawn.group("act2") or ""
        if _forms_in(model.act_forms + tuple(sorted(cls.verbs)), content_stems(act)) is not None:
            # "proposals to close ticket offices have been withdrawn": the ask's act, planned and
            # then dropped, will not happen
            return "contrary"
    if declining and _OVERTURN_DECISION.search(near_cue):
        # "will not overturn it" (a decision taken by another body): declining to intervene,
        # whatever the verb's class
        return "act"
    same = (
        not sset.isdisjoint(forms)
        or any(" " in a and a in joined for a in forms)
        or any(f" {v} " in f" {low} " for v in cls.verbs if " " in v)
        # a phrase of the ask's verb group as written ("public ownership" for "renationalise":
        # its stems lose "public")
        or any(
            " " in v and f" {v} " in f" {low} "
            for v in load_synonyms().verb_group(model.ask.action)
        )
        # a phrasal verb split by its object ("bring the 2030 phase-out date forward")
        or _split_phrasal(model.ask.action, low)
    )
    # the contrary act must be the stance's own verb phrase ("will retain", "committed to the
    # exams taking place"), not a word elsewhere in the clause
    # (not a word of the ask's own object: "cancelled" in "refund cancelled flights"; a halted
    # change's verb is its object's head by design: "ban" in "Stop the proposed ban on X")
    opposite = (
        cls.opposite
        if cls.name.startswith("halt-")
        else tuple(f for f in cls.opposite if stem(f) not in model.object_stems)
    )
    if cls.name == "create" and model.ask.action in load_synonyms().verb_group("bring back"):
        # what a bring-back ask restores was ended: "the 10p rate was abolished in 2008" is the
        # contrary of its return (and, told as history, no position at all)
        opposite += _class_verbs("end")
    contrary = _forms_in(opposite, content_stems(near_cue)) is not None
    if (
        not same
        and cls.name in ("end", "less")
        and _CHARGE_NOUN.search(model.ask.object)
        and _FREE_OUTCOME.search(text)
    ):
        same = True  # "staff will be able to park for free" ends "car parking charges for staff"
    if not contrary and cls.name == "ban" and _MANDATED.search(near_cue):
        # making it a requirement is the contrary of banning it: "all new homes will need to be
        # fitted with low-carbon heating, such as a heat pump" for "Ban any requirement for new
        # homes to have heat pumps"
        contrary = True
    if contrary and not same:
        ahead = _GO_AHEAD.search(near_cue)
        if ahead and _names_own_change(near_cue[: ahead.start()], model.ask.action):
            # the change itself goes ahead ("The amalgamation will go ahead in 2026" for "Don't
            # merge the Wessex Rifles"): the ask's own act, not the thing it acts on going on
            same, contrary = True, False
    if (
        cls.name == "permit"
        and not same
        # (not when the ask is to allow a ban: "Allow councils to ban pavement parking")
        and _forms_in(_class_verbs("ban"), content_stems(model.ask.object)) is None
        and (
            _forms_in(_class_verbs("ban"), content_stems(near_cue)) or _BAN_NOUN_ON.search(near_cue)
        )
    ) or (
        cls.name == "create"
        and model.ask.negated
        and not _BAN_NOUN_ON.search(model.ask.object)
        and (_forms_in(_BAN_VERBS, content_stems(near_cue)) or _BAN_NOUN_ON.search(near_cue))
    ):
        # banning it, or a ban on it in place, is the contrary of allowing it ("will ban
        # fracking for good", "a moratorium on fracking has been in place since 2019"), and of
        # bringing it in ("No to fracking": "the moratorium ... was reinstated")
        same, contrary = False, True
    if cls.name == "permit" and _UNBAN.search(text):
        same = True  # "will repeal the prohibition on councils forming bus companies"
    elif cls.name == "ban" and _UNBAN.search(near_cue):
        contrary = True  # lifting a ban is the contrary of a ban
    if not same and model.ask.action in _GIVE_ACTS and _RECEIVED.search(near_cue):
        # the other side of giving: "care leavers already receive a £1,000 payment", "it has
        # been available to children who ..."
        same = True
    if (
        not same
        and cls.name == "create"
        and _PILOT_OF.search(after)
        and match(model, after, content_stems(after), {}).relevance >= 0.5
    ):
        # "we will fund a two-year pilot of night-time noise wardens" for "Set up a national
        # network of night-time noise wardens": the ask itself, tried on a small scale
        same = True
    if not same and model.ask.action in _FUND_ACTS and _MONEY_FOR.search(after[:200]):
        same = True  # "has confirmed £38 million for new defences" funds them
    if not same and model.ask.action in STOPWORDS:
        # a light verb ("Make cycle training compulsory") is a stopword to the content stems: its
        # act is the verb with the ask's predicate ("will not make it a compulsory part")
        preds = {s for w, s in content_words(model.ask.object) if w.lower() in _PREDICATE_WORDS}
        same = bool(preds & sset) and bool(
            re.search(_light_verb_forms(model.ask.action), near_cue, re.I)
        )
    if (
        not same
        and not contrary
        and cls.name == "create"
        and (declining or _creation_verb(after))
        and _names_predicate(after_cue, model.ask)
    ):
        # the ask's predicate noun ("a legal right to see their grandchildren") brought into
        # being or declined: "will not create an automatic legal right of contact"
        same = True
    if (
        not same
        and not contrary
        and cls.name == "create"
        and (declining or _creation_verb(after))
        and _head_in_object(after_cue, model)
        and not _declines_other_object(after_cue, model, cls, vmap or {})
    ):
        # bringing the ask's own thing into being, or declining to, with another verb of
        # creation: "has legislated for a deposit return scheme" for "Introduce a deposit return
        # scheme"; "will not create an automatic legal right" for "Give grandparents a legal right"
        same = True
    if (
        declining
        and not same
        and not contrary
        and cls.name == "end"
        and (none := _THERE_BE_NONE.match(near_cue))
        and not _GENERIC_CHANGE.search(near_cue)
        and not any(
            w[:5] == stem(v)[:5]
            for w in content_stems(near_cue[none.end() :])[:2]
            for v in cls.verbs
        )
    ):
        # "there will be no Building Safety Charge for leaseholders" for "Scrap the charge":
        # what an end ask removes will not exist, which is the ask done
        contrary = True
    if (
        not same
        and not contrary
        and cls.name in ("end", "keep")
        and not model.ask.negated
        and (kept := _COMMITTED_TO_OBJECT.search(near_cue)) is not None
        and _names_head(_PP_END.split(near_cue[kept.end() :], maxsplit=1)[0], model)
    ):
        # "The Government is committed to the triple lock" keeps what "Scrap the triple lock"
        # would end and what "Keep the triple lock" would keep ("committed to" stems to
        # "commit to", which content stems never hold)
        same, contrary = cls.name == "keep", cls.name == "end"
    if same and contrary:
        # the form nearer the stance cue wins ("will not lift the ban": lift is the act)
        return "same"
    if same:
        return "same"
    if contrary:
        return "contrary"
    if _DECLINE_TO_ACT.search(near_cue) or (
        declining and _DECLINE_TO_ACT.search(text) and _ANAPHOR.search(after_cue)
    ):
        return "act"
    if _GENERIC_CHANGE.search(after):
        return "change"
    if _ANAPHOR.search(after_cue):
        return "anaphor"
    if declining and _DEMONSTRATIVE.search(after_cue):
        return "anaphor"  # "does not intend to tighten these standards"
    return "none"


# reversing another body's decision: "will not overturn it", "will not reverse that decision"
# permission for an act, declined right after a refusal's verb: "(will not) issue any new
# licences for", "(will not) grant permission to"
_PERMISSION_DECLINED = re.compile(
    r"\b(?:not|never|no longer)\s+(?:be\s+)?(?:issu|grant|giv|approv|award|renew)\w*\s+(?:any\s+)?"
    r"(?:new\s+|further\s+)?(?:licen[cs]es?|permits?|permission|approvals?|exemptions?|consents?)"
    r"\b|\bno (?:new |further )?(?:licen[cs]es?|permits?|exemptions?) (?:will|would) be (?:issued|"
    r"granted|given|approved|renewed)\b",
    re.I,
)


# the existence of a thing declined: "there will be no ..."
_THERE_BE_NONE = re.compile(r"there (?:will|would|is to) be no\b", re.I)
_OVERTURN_DECISION = re.compile(
    r"\b(?:overturn|overrule|revers|block|call in|quash)\w*\s+"
    r"(?:it|this|that|its|the|their)(?:\s+(?:\w+\s+)?decision)?\b(?!\s+(?:ban|closure|charge|tax|cut|policy|law|limit))",
    re.I,
)
_GO_AHEAD = re.compile(
    r"\b(?:go(?:es)? ahead|going ahead|proceed\w*|press(?:es)? ahead|take place|taking place)\b",
    re.I,
)


def _names_own_change(before: str, action: str) -> bool:
    """Whether ``before`` (the subject of "will go ahead") names the change the ask's verb does:
    "the amalgamation" for "merge", "the closure" for "close"."""
    verb = action.split()[0].lower() if action else ""
    nouns = change_nouns()
    return any(verb in nouns.get(w.lower(), ()) for w in re.findall(r"[A-Za-z-]+", before))


_MANDATED = re.compile(
    r"\b(?:will|shall|must) (?:now |also |all )?(?:need|have) to be\b|"
    r"\b(?:will|shall) (?:now |also )?be (?:mandatory|compulsory|required|a (?:legal |statutory )?"
    r"requirement)\b",
    re.I,
)
_REMOVED = re.compile(
    r"\b(?:remov|abolish|scrap|zero-rat|zero rat|exempt|free of|no longer|end )\w*", re.I
)
_FROM_ENDING = re.compile(
    r"\bfrom (?:being )?(?:scrapp|abolish|cut|clos|remov|axe|end|sold|privati|withdraw|demolish|"
    r"disband|merg|downgrad|dismantl|shut)",
    re.I,
)
_TO_ZERO = re.compile(r"\bto (?:zero|nil|nothing|0\s?%?|0 per ?cent)(?!\.\d)", re.I)
_PROCESS_ASK = re.compile(
    r"\b(?:inquiry|inquiries|consultation|review|investigation|evaluation|referendum|"
    r"commission|audit|study)\b",
    re.I,
)
_PROCESS_STARTED = re.compile(
    r"\b(?:launched|launching|will launch|opened|will open|began|begun|started|will start|"
    r"set up|will set up|established|will establish|commissioned|will commission|is holding|"
    r"will hold|are holding|is running|will run|announced)\b",
    re.I,
)
# others acting of their own accord, as a clause's subject: "many councils have ...", "some
# retailers already ..."
_OTHERS_ACT = re.compile(
    r"\b(?:a number of|many|some|several|most|other|individual|a few|a growing number of)\s+"
    r"(?:local\s+)?(?:councils|local authorities|retailers|shops|supermarkets|companies|firms|"
    r"businesses|employers|operators|landowners|schools|universities|trusts|hospitals|charities|"
    r"venues|clubs|airlines|platforms|providers|manufacturers|producers|forces)\b",
    re.I,
)
# an ask for one rule for the whole country, and the local bodies that may act instead
_NATIONAL = re.compile(
    r"\b(?:national|nationwide|nationally|country-wide|across the (?:country|UK|whole)|UK-wide|"
    r"England-wide)\b",
    re.I,
)
_LOCAL_BODIES = re.compile(
    r"\b(?:local (?:highway |planning |education |licensing )?authorit(?:y|ies)|councils?|"
    r"locally|local areas?)\b",
    re.I,
)
_LOCAL_POWER = re.compile(r"\b(?:powers?|can|may|able to|discretion|free to|flexibility)\b", re.I)
# general law said to be in place: "already criminal offences", "already illegal"
_LAW_IN_PLACE = re.compile(
    r"\b(?:offences?|crimes?|illegal|unlawful|against the law|criminal|powers?)\b", re.I
)
_NEW_LAW_ASK = re.compile(
    r"\b(?:specific|new|separate|dedicated|standalone|stand-alone|distinct|more|further|"
    r"additional|extra|stronger|tougher)\s+(?:criminal\s+)?"
    r"(?:offence|law|legislation|crime|powers?|duty|right)",
    re.I,
)
# Verbs that only say "bring into being": whatever verb a response uses for the same object does
# the same act ("will run a pilot" for "Introduce a pilot")
_GENERIC_CREATE = frozenset(
    [
        "introduce",
        "create",
        "establish",
        "implement",
        "make",
        "set",
        "launch",
        "bring",
        "provide",
        "hold",
        "put",
        "start",
        "build",
        "deliver",
        "develop",
        "adopt",
        "give",
        "grant",
        "offer",
        "appoint",
        "install",
        "fit",
        "place",
    ]
)
_OFFENCE_ASK = re.compile(
    r"\b(?:illegal|unlawful|offence|criminal|crime|ban|prohibit|outlaw)", re.I
)
_OFFENCE_PLACE = re.compile(
    r"\b(?:offence|offences|illegal|unlawful|banned|prohibited|outlawed|criminalised)\b", re.I
)
_DUTY_ASK = re.compile(
    r"\b(?:require|requirement|mandatory|compulsory|mandate|(?<!stamp )(?<!fuel )(?<!excise )duty|"
    r"oblig)",
    re.I,
)
_DUTY_PLACE = re.compile(
    r"\b(?:required|mandatory|compulsory|obliged|duty|duties|(?:have|has|had) had to|must)\b", re.I
)
_POWER = re.compile(r"\bpowers?\b", re.I)
_POWER_PLACE = re.compile(
    r"\bpowers?\b|\bcan already\b|\balready (?:allows?|enables?|permits?|able|entitled)\b", re.I
)
_POWER_TO_ACT = re.compile(
    r"\b(?:powers? to|allows? (?:the |a )?[\w ]{0,40}?to|enables? [\w ]{0,40}?to)\s+\w+", re.I
)


def _implied_relation(
    ask: Ask,
    model: AskModel,
    cls: ActClass,
    clause: Clause,
    text: str,
    stems: Sequence[str],
    vmap: dict[str, set[str]],
) -> str:
    """The ask's act named by what the clause says is in place or promised, not by its verb.

    "It is already an offence to ..." does what "Make it illegal to ..." asks; "the police
    already have powers to ..." what "Give the police powers to ..." asks; a commitment that names
    the whole object of a "create" ask ("will run a four-day week pilot" for "Introduce a pilot
    of a four-day week") does what it asks, whatever its verb.
    """
    ctext = text[clause.start : clause.end]
    if clause.family == "in-place" and cls.name in ("create", "ban", "permit"):
        # (an ask to end or cut something is not met by that thing being in place: "the Stamp
        # Duty surcharge" in place is what "Scrap the Stamp Duty surcharge" would remove)
        if (_OFFENCE_ASK.search(ask.text) or cls.name == "ban") and _OFFENCE_PLACE.search(
            text, clause.cue_start, min(clause.end, clause.cue_end + 40)
        ):
            return "same"  # "it is already an offence to ...", named by the stance itself
        if _POWER_TO_ACT.search(ctext) and not _POWER.search(ask.text):
            return "none"  # a power to ban is not a ban
        if _OFFENCE_ASK.search(ask.text) and _OFFENCE_PLACE.search(ctext):
            return "same"
        if _DUTY_ASK.search(ask.text) and _DUTY_PLACE.search(ctext):
            return "same"
        if _POWER.search(ask.text) and _POWER_PLACE.search(ctext):
            return "same"
    generic = ask.action.split()[0] in _GENERIC_CREATE if ask.action else False
    if cls.name == "create" and not ask.negated and (generic or clause.rule == "in-place.already"):
        m = match(model, ctext, stems, vmap)
        if m.head and m.relevance >= (0.6 if clause.family == "in-place" else 0.75):
            return "same"
    return "none"


def _names_other_object(after_cue: str, model: AskModel) -> bool:
    """True when the words after the stance's verb name content words none of the ask's."""
    stems = content_stems(after_cue)[:4]
    if len(stems) < 2 or _DEFINITE.match(after_cue):
        return False
    ask_stems = model.object_stems | set(model.act_forms)
    objs = [x for x in stems[1:] if x not in ask_stems]
    return len(objs) == len(stems[1:])


_GENERIC_STATUS_QUO = re.compile(
    r"\b(?:current|existing|present)\s+(?:legal\s+|statutory\s+)?(?:framework|arrangements?|"
    r"system|law|legislation|rules|position|approach|regime|policy|provisions?|settlement)\b",
    re.I,
)
# Words that name the kind of measure rather than what it is about ("a criminal offence")
_MEASURE_WORDS = frozenset(
    stem(w)
    for w in [
        "offence",
        "offences",
        "criminal",
        "crime",
        "illegal",
        "unlawful",
        "law",
        "laws",
        "legal",
        "legislation",
        "ban",
        "banned",
        "prohibition",
        "statutory",
        "duty",
        "requirement",
        "compulsory",
        "mandatory",
        "specific",
        "new",
        "separate",
        "standalone",
    ]
)


_PLACE_QUALIFIER = re.compile(r"^\s*(?:in|at|for)\s+((?:[A-Z][\w'’-]+\s*)+)$")
_BROAD_AREA = re.compile(
    r"\b(?:across (?:England|Wales|Scotland|the UK|the United Kingdom|the country|Great Britain)|"
    r"nationally|nationwide|in every (?:region|area|part of the country))\b",
    re.I,
)


def _elsewhere_broadly(ask: Ask, sentence: str) -> bool:
    """Whether the ask names a place ("in Cumbria") that the sentence leaves out while naming
    the whole country instead ("across England")."""
    for q in ask.qualifiers:
        m = _PLACE_QUALIFIER.match(q)
        if m and _BROAD_AREA.search(sentence):
            place = set(content_stems(m.group(1)))
            if place and not place & set(content_stems(sentence)):
                return True
    return False


def _names_subject(sentence: str, ask_text: str) -> bool:
    """Whether a sentence names what an ask is about beyond the kind of measure: "leaving a dog
    in a hot car is already an offence" names the ask "Make it an offence to leave a dog in a
    hot car"; "existing offences already cover deception" does not name "catfishing". An ask
    made only of measure words counts as named."""
    subject = set(content_stems(ask_text)) - _MEASURE_WORDS
    subject -= {stem(w) for w in ask_text.split()[:1]}  # the ask's verb
    return not subject or bool(subject & set(content_stems(sentence)))


# Asks to supply something ("Provide free period products", "Fund hospices"): when the supply
# goes on, the ask is in place rather than refused
_SUPPLY_VERBS = frozenset(
    [
        "provide",
        "fund",
        "give",
        "grant",
        "pay",
        "offer",
        "deliver",
        "support",
        "include",
        "allocate",
        "subsidise",
        "invest",
        "teach",
        "test",
        "vaccinate",
        "award",
        "hire",
        "recruit",
        "train",
    ]
)
_CONTINUES = re.compile(
    r"\b(?:continu\w*|remain (?:in place|available|open|free)|stay in place)", re.I
)
_AS_IT_IS = re.compile(
    r"\b(?:unchanged|the same|as (?:it is|they are|now)|at (?:the )?(?:current|present|existing)|"
    r"closed|frozen|under review)\b",
    re.I,
)


def _status_quo_of_other(
    subject: str, clause_rel: float, model: AskModel, cfg: JudgeConfig, vmap: dict[str, set[str]]
) -> bool:
    """Whether a status quo that does not name the ask keeps another named thing: "the
    exemption will remain" after a sentence on slaughter says nothing about CCTV in
    slaughterhouses. A generic subject ("the current arrangements", "it") may stand for the
    ask; a subject with its own noun does not."""
    if clause_rel >= cfg.topic_relevance or _GENERIC_STATUS_QUO.search(subject):
        return False
    tail = re.split(r"[,;:]", subject)[-1]
    nouns = [
        x
        for w, x in content_words(tail)
        if w.lower() not in _STATUS_QUO_SUBJECT_WORDS and not w.lower().endswith("ly")
    ]
    return bool(nouns) and match(model, tail, nouns, vmap).relevance == 0.0


# words in the subject of a status quo that do not name a thing of their own
_STATUS_QUO_SUBJECT_WORDS = frozenset(
    [
        "current",
        "existing",
        "present",
        "position",
        "arrangements",
        "arrangement",
        "approach",
        "system",
        "framework",
        "law",
        "rules",
        "policy",
        "regime",
        "provisions",
        "settlement",
        "government",
        "we",
        "it",
        "this",
        "that",
        "these",
        "those",
    ]
)
_DEMONSTRATIVE = re.compile(r"\b(?:this|these|those|such)\s+[a-z]\w+", re.I)
_FURTHER_LAW = re.compile(
    r"\b(?:further|new|additional|separate|specific|another|extra)\s+(?:criminal\s+)?"
    r"(?:offence|law|legislation|powers?|duty|ban|requirement)s?\b",
    re.I,
)
_REFUSAL_OF_ACTION = re.compile(
    r"\b(?:reject\w*|declin\w*|will not|won't|does not|do not|cannot|can not|is not|are not|"
    r"has no|have no|no)\b\s+(?:\w+\s+){0,2}?(?:direct|intervene|instruct|propos\w*|plans?|"
    r"intend|introduce|legislat\w*|change|require|mandate|impose|licen[cs]e|proceed|support|"
    r"accept|pursue|adopt|take forward)\b",
    re.I,
)
_SUBJECT_BOUNDARY = re.compile(r"[,;:]|\b(?:so|and|but|while|whereas|because|as)\b", re.I)
_PASSIVE_AFTER = re.compile(
    r"\s*(?:to\s+)?be\s+(?:\w+ly\s+)?(?:required|obliged|expected|banned|prohibited|allowed|"
    r"permitted|charged|taxed|paid|subject|exempt|eligible|entitled|protected|enforced|applied)\b",
    re.I,
)
_RELIEF_OBJECT = re.compile(
    r"\b(?:introduc\w*|creat\w*|offer\w*|provid\w*|extend\w*|bring\w* in|adopt\w*|"
    r"implement\w*)\s+(?:a |an |the |any |new |further |such )*(?:[\w-]+ ){0,2}(?:relief|"
    r"exemption|waiver|reduced rate|zero[- ]rate|zero[- ]rating|holiday|cut|reduction|abolition|"
    r"discount|concession)s?\b",
    re.I,
)
_HISTORY = re.compile(
    r"\b(?:was|were) (?:first |originally )?(?:introduced|established|created|set up|launched|"
    r"brought in|adopted|abolished|scrapped|ended|withdrawn|axed|discontinued|phased out)\b"
    r"[^.;]{0,30}\b(?:in|on|since|from) (?:\d|january|february|march|april|"
    r"may|june|july|august|september|october|november|december)",
    re.I,
)
# The ask's thing brought into being, said of it as the subject (passive or intransitive): "a
# statutory inquiry ... was set up in March 2025", "the DRS will go live in October 2027"
_CREATED_SUBJECT = re.compile(
    r"\b(?:was|were|has been|have been|had been|is being|are being|will be|would be|is now|"
    r"are now)\s+(?:formally |now |recently |successfully |already )?(?:introduced|established|"
    r"set up|created|launched|implemented|brought in|rolled out|put in place|enacted|"
    r"commissioned|appointed|convened|installed|fitted|built|opened|made available|"
    r"provided)\b|"
    r"\b(?:will|shall) (?:now )?(?:go live|come into (?:force|effect)|take effect)\b|"
    r"\b(?:went live|came into (?:force|effect)|took effect)\b",
    re.I,
)
# a process named before, pointed back to: "its conclusions", "the review's findings"
_PROCESS_ANAPHOR = re.compile(
    r"\b(?:its|their|the|this|that|these)\s+(?:\w+\s+)?(?:conclusions|findings|recommendations|"
    r"report|outcome|results|advice|evidence)\b",
    re.I,
)
_WORD_REST = re.compile(r"\w*")
_DEFINITE = re.compile(
    r"\s*(?:\w+ing\s+)?(?:the|this|that|these|those|its|their|such)\s+\w+"
    r"(?=\s*(?:[.,;:]|$)|\s+(?:at|in|on|for|from|to|by|this|next|until|before|after|now|yet)\b)",
    re.I,
)
_NP_END = re.compile(r"[,;:(]|\b(?:which|that|because|as|but|while|who|where|since|so)\b", re.I)


@lru_cache(maxsize=1)
def _generic_object_stems() -> frozenset[str]:
    """Stems of nouns that point back rather than name another object ("this law", "one")."""
    return frozenset(stem(w) for w in generic_nouns()) | {"one", "ban", "chang", "move"}


def _declines_other_object(
    after_cue: str, model: AskModel, cls: ActClass, vmap: dict[str, set[str]]
) -> bool:
    """True when what a decline names right after its verb ("will not ban public displays")
    shares nothing with the ask's object (sale of fireworks): a refusal of another measure.

    Only the noun phrase up to the first comma or relative word counts; the act's own verbs are
    left out, and the ask's aliases and acronyms (``vmap``) count as the ask's words.
    """
    np_ = _NP_END.split(after_cue, maxsplit=1)[0]
    if _DEFINITE.match(np_):
        return False  # "decided against reducing the rate": a definite phrase points back
    if not re.match(r"\s*[A-Za-z]", np_) or re.search(
        r"\b(?:would|will|be|is|are|was|were|been|and|or)\b", np_, re.I
    ):
        return False  # not a bare object after the verb: "...0.5 billion and would not be fair"
    acts = set(model.act_forms) | set(_class_forms(tuple(sorted(cls.verbs)), model.ask.action))
    generic = _generic_object_stems()
    stems = [
        x
        for w, x in content_words(np_.replace("-", " "))
        if x not in acts
        and x not in generic
        and not x[0].isdigit()
        and not w.lower().endswith("ing")  # "not currently considering a ban"
    ]
    if not stems or not model.groups:
        return False
    return match(model, np_.replace("-", " "), stems, vmap).relevance == 0.0


def _names_head(phrase: str, model: AskModel) -> bool:
    """Whether a phrase names the ask's head noun anywhere in it ("the free period products
    scheme" names "products")."""
    return match(model, phrase, content_stems(phrase), {}).head


_PREDICATE_NOUN = re.compile(
    r"\b(?:an?\s+|the\s+)?(?:legal\s+|statutory\s+|criminal\s+|specific\s+)?"
    r"(offence|requirement|right|law)\s+(?:to|for|that)\s",
    re.I,
)


def _names_predicate(after_cue: str, ask: Ask) -> bool:
    """Whether the noun phrase after a stance verb is headed by the predicate noun of the ask
    ("right" in "Give grandparents a legal right to see ...", which the judge strips from the
    object it matches)."""
    noun = _predicate_stem(ask.text, ask.object)
    if noun is None:
        return False
    np_ = _NP_END.split(after_cue, maxsplit=1)[0]
    return head_stem(np_) == noun


@lru_cache(maxsize=256)
def _predicate_stem(ask_text: str, ask_object: str) -> str | None:
    """The stem of the predicate noun the judge stripped from the ask's object, or None (also
    when the object still has it: the head rules see it). Remembered by value: read per clause."""
    noun = _PREDICATE_NOUN.search(ask_text)
    if noun is None or noun.group(1).lower() in ask_object.lower():
        return None
    return stem(noun.group(1))


def _head_in_object(after_cue: str, model: AskModel) -> bool:
    """Whether the noun phrase right after a stance verb is headed by the ask's head noun
    ("for a deposit return scheme" for a deposit return scheme; not "a review of maternity
    services" for maternity services)."""
    np_ = _NP_END.split(after_cue, maxsplit=1)[0]
    np_ = re.sub(r"^\W*(?:for|to|on|in|with)\s+", "", np_, flags=re.I)
    h = head_stem(np_)
    return bool(h) and any(h in g for g, _, is_head in model.groups if is_head)


def _contrary_on_other_object(
    near_cue: str, model: AskModel, cls: ActClass, vmap: dict[str, set[str]]
) -> bool:
    """True when the contrary act's own object (the words after its verb) shares nothing with
    the ask's object."""
    form = _forms_in(cls.opposite, content_stems(near_cue))
    if form is None or " " in form:
        return False
    first = stem(form.split()[0])
    for m in re.finditer(r"[\w'-]+", near_cue):
        if stem(m.group(0)) == first:
            art = _ARTICLE_BEFORE.search(near_cue, 0, m.start())
            if art and not (
                m.group(0).endswith("s") and re.search(r"\b[A-Z]\w+\s+$", art.group(0))
            ):
                # a noun, not the act: "a clear drop in the number of strays" (but "The
                # Government remains committed": a named subject and its verb)
                return True
            if _PASSIVE_BEFORE.search(near_cue, 0, m.start()) and m.group(0).lower().endswith(
                ("ed", "en", "wn", "lt", "ld")
            ):
                # in the passive what it acts on is its subject: "New badger cull licences will
                # be issued" (the ask's thing, or another: "The zero rate ... was extended")
                return not _names_head(near_cue[: m.start()], model)
            if form in _INTRANSITIVE_CHANGE and _NO_DIRECT_OBJECT.match(near_cue, m.end()):
                # used without an object ("Council tax will rise by up to 4.99%"): what it acts
                # on is its subject, named before it
                return False
            rest = near_cue[m.end() :]
            chained = _CHAINED_CONTRARY.match(rest)
            tail = rest[chained.end() :] if chained else ""
            if tail and _forms_in(cls.opposite, content_stems(tail.split(" ", 1)[0])):
                # "remains committed to delivering HS2": the verb the chain leads to acts
                return _contrary_on_other_object(tail, model, cls, vmap)
            return _declines_other_object(rest, model, cls, vmap)
    return False


_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|any|no)\s+(?:[a-z]+\s+)?$", re.I)
# verbs of change that often take no object ("fares will rise by 4.6%")
# ("the station will close in March": what closes is the subject)
_INTRANSITIVE_CHANGE = frozenset(
    {
        "rise",
        "increase",
        "go up",
        "fall",
        "decrease",
        "drop",
        "grow",
        "close",
        "shut",
        "merge",
        "end",
        "stop",
        "cease",
        "expire",
        "lapse",
    }
)
# a contrary verb that leads on to another ("remains committed to delivering", "will continue
# to keep"): its own object is the next verb's
_CHAINED_CONTRARY = re.compile(r"\s+(?:fully\s+|firmly\s+)?(?:committed\s+to|to)\s+", re.I)
# what follows an intransitive verb: a preposition, an adverb of time or the clause's end
_NO_DIRECT_OBJECT = re.compile(
    r"\s*(?:[.,;:]|$|(?:by|to|from|in|on|at|with|across|within|each|every|again|annually|further|"
    r"next|this|"
    r"over|above|below|until|as planned|as scheduled)\b)",
    re.I,
)


def _position(sent: Sentence, response: Response, n_sent: int) -> float:
    """1.0 in the summary, 0.9 in the first paragraph of the details, then falling to 0.6."""
    if response.summary_span is not None and sent.end <= response.summary_span.end:
        return 1.0
    first_para = 1 if response.summary_span is not None else 0
    if sent.paragraph <= first_para:
        return 0.9
    return max(0.6, 0.85 - 0.25 * sent.index / max(n_sent, 1))


def _government_speaks(
    text: str,
    clause_start: int,
    cue_start: int,
    ask_words: frozenset[str] = frozenset(),
    cue_end: int | None = None,
) -> bool:
    """Whether the clause's stance is the government's: a government agent before the cue, or no
    third party there. The ask's own object is not a third party ("an inquiry would not be in
    the public interest" for an ask to hold an inquiry)."""
    prefix = text[clause_start:cue_start]
    if _GOVERNMENT_AGENT.search(prefix):
        return True
    cuts = list(_SUBJECT_BOUNDARY.finditer(prefix))
    if cuts:
        # the subject is what follows the last boundary: "anyone born after 2009 will never be
        # sold tobacco, so the age of sale will rise" has "the age of sale" as its subject
        prefix = prefix[cuts[-1].end() :]
    if cue_end is not None and _PASSIVE_AFTER.match(text, cue_end):
        return True  # "young people will continue to be required to ...": the state's rule
    return not any(stem(m.group(0)) not in ask_words for m in _THIRD_PARTY.finditer(prefix))


_WINDOW_CHARS = 4000
_NO_DATE = re.compile(
    r"\b(?:in due course|at (?:a|the) (?:later|appropriate|right) (?:date|time)|in time)\b", re.I
)
_NUMBER_WORDS = {
    "zero": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "fifty": "50",
    "hundred": "100",
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)


def _digits(text: str) -> str:
    """Number words as digits ("cut VAT to zero" -> "cut VAT to 0")."""
    # remembered for texts up to 2,000 characters: the judge reads the same paragraph and
    # clause again for every clause of a repeated sentence (performance only)
    if len(text) > 2_000:
        return _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], text)
    return _digits_memo(text)


@lru_cache(maxsize=8192)
def _digits_memo(text: str) -> str:
    return _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], text)


def _declined_by_government(
    text: str, clause: Clause, model: AskModel, vmap: dict[str, set[str]], cfg: JudgeConfig
) -> bool:
    """A refusal counts when the government (or an impersonal "there") declines, or when the
    ask's own object is the subject ("The office will not close"); "drivers can no longer avoid
    prosecution" is not the government declining anything."""
    prefix = text[clause.start : clause.cue_start]
    if not prefix.strip() or _GOVERNMENT_AGENT.search(prefix):
        return True
    if not _PEOPLE.search(prefix):
        return True
    ps = content_stems(prefix)
    return score(match(model, prefix, ps, vmap), cfg) >= cfg.on_ask_relevance


_IN_FULL = re.compile(r"in full|in its entirety|^full$", re.I)
_IN_LINE_WITH = re.compile(
    r"\b(?:in (?:line|accordance|keeping) with|as required by|consistent with|honouring|"
    r"meeting)\s+(?:the\s+|its\s+|our\s+)?((?:[\w'’-]+\s+){0,4}[\w'’-]+)",
    re.I,
)


def _in_line_with_ask(sent_text: str, ask: Ask) -> bool:
    """Whether the sentence says its act matches the ask's own object: "increase State Pensions
    by 8.5%, in line with the Triple Lock commitment" honours the triple lock in full."""
    obj = set(content_stems(_IN_FULL.sub("", ask.object))) - _generic_object_stems()
    for m in _IN_LINE_WITH.finditer(sent_text):
        if obj and obj <= set(content_stems(m.group(1))) | _GENERIC_COMMITMENT_WORDS:
            return True
    return False


_GENERIC_COMMITMENT_WORDS = frozenset({"commit", "pledg", "guarante", "promis", "polici"})


def _qualifier_met(qualifier: str, text: str, whole: str = "") -> bool:
    """Whether ``text`` (the commitment's paragraph) keeps the ask's qualifier.

    Scope words ("in full", "all", "statutory", "immediately") and numbers must be in the
    paragraph; any other qualifier ("in state secondary schools") is met when most of its
    content words are named anywhere in the response (``whole``).
    """
    text = _digits(text)
    for key, test in _QUALIFIER_KEYS:
        if key.search(qualifier):
            is_all = key.pattern.startswith("\\b(?:all")
            rest = set(content_stems(qualifier)) - {"all", "everi"}
            if not is_all and test.search(text):
                return True
            every_stems = {
                x
                for m in re.finditer(
                    r"\b(?:all|every|universal)\s+(?:[\w-]+\s+){0,3}[\w-]+", text, re.I
                )
                for x in content_stems(m.group(0))
            }
            if is_all and (
                # (people by any of their names: "every pupil" keeps "every child")
                all(
                    x in every_stems or not _people_stems_of_stem(x).isdisjoint(every_stems)
                    for x in rest
                )
                or re.search(r"\b(?:compulsory|mandatory)\b", text, re.I)
            ):
                return True  # "all first-time buyers" keeps "every first-time buyer"
            if is_all:
                # "to all employees" is kept when the employees are named without a restriction
                rest = set(content_stems(qualifier)) - {"all", "everi"}
                have = set(content_stems(text))
                return (
                    bool(rest)
                    and rest <= have
                    and not _RESTRICTION.search(text)
                    and not _counted(qualifier, text)
                )
            return False
    if _TO_ZERO.search(" to " + qualifier.removeprefix("to ")) and _REMOVED.search(text):
        return True  # "remove VAT" meets "to zero"
    nums = re.findall(r"\d+(?:\.\d+)?", _digits(qualifier))
    if nums:
        return all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", text) for n in nums)
    # other qualifiers ("at Brookfield hospitals", "from work") describe the object rather than
    # fix its scope: a response need not repeat them
    return True


_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b"
)


def _counted(qualifier: str, text: str) -> bool:
    """Whether ``text`` counts the things an "all" qualifier names: "500 secondary schools" for
    "every secondary school" is some of them."""
    nouns = re.findall(r"[A-Za-z-]{3,}", qualifier)
    if not nouns:
        return False
    noun = re.escape(stem(nouns[-1]))
    return (
        re.search(
            rf"\b(?!(?:19|20)\d\d\b)\d[\d,]*\s+(?!{_MONTHS})(?:of\s+the\s+)?(?:[a-z-]+\s+){{0,3}}"
            rf"{noun}\w*",
            text,
            re.I,
        )
        is not None
    )


def _amounts(text: str) -> tuple[tuple[float, str], ...]:
    """(value, unit) pairs: percentages, money, and counts of weeks, days, hours ...
    (remembered for texts up to 2,000 characters: an ask's are read against every sentence)"""
    return _amounts_memo(text) if len(text) <= 2_000 else _amounts_of(text)


@lru_cache(maxsize=4096)
def _amounts_memo(text: str) -> tuple[tuple[float, str], ...]:
    return _amounts_of(text)


def _amounts_of(text: str) -> tuple[tuple[float, str], ...]:
    out = []
    text = _digits(text)
    for m in _NUMBER.finditer(text):
        unit = (m.group(2) or "").lower().replace(" ", "")
        unit = (
            "%" if unit in ("%", "percent") else unit.rstrip("s") if unit not in ("bn",) else unit
        )
        if unit or text[m.start() : m.start() + 1] in "£$€":
            out.append((float(m.group(1)), unit))
    # "for a further year", "another month": one of the unit
    out.extend((1.0, m.group(1).lower()) for m in _ONE_PERIOD.finditer(text))
    return tuple(out)


_ONE_PERIOD = re.compile(
    r"\b(?:a|an|one|another)\s+(?:further\s+|additional\s+|extra\s+)?(year|month|week|day)\b", re.I
)


def _short(text: str, n: int = 14) -> str:
    toks = text.split()
    return " ".join(toks[:n]).strip(" .,;") + (" ..." if len(toks) > n else "")


def _offered(text: str, clause: Clause) -> str:
    tail = text[clause.cue_end : clause.end]
    part = re.split(r"[,;:]|\s(?:which|in order to|so that|and will)\s|\.$", tail, maxsplit=1)[0]
    phrase = " ".join(part.split()[:9]).strip(" .")
    narrow = _NARROWING.search(text, clause.cue_end, clause.end)
    if narrow and narrow.group(0).lower() not in phrase.lower():
        phrase = f"{phrase} ... {text[narrow.start() : narrow.end()]}"
    return phrase or _short(text[clause.start : clause.end])


def _process_offered(text: str, clause: Clause) -> str:
    """What a named process offers, from its own cue ("called in by the Secretary of State for
    Housing, Communities and Local Government on 11 March", "will consult on the proposals this
    autumn"): the words after the cue alone can be a bare agent ("by the Secretary of State")."""
    part = re.split(r"[;:]|\.(?:\s|$)", text[clause.cue_start : clause.end], maxsplit=1)[0]
    words = part.split()
    phrase = " ".join(words[:16]).strip(" .,")
    return (phrase + " ...") if len(words) > 16 else phrase or _offered(text, clause)


def _narrowing(
    ask: Ask,
    text: str,
    sent: Sentence,
    clause: Clause,
    para_text: str,
    head_named: bool,
    complement_missing: bool = False,
) -> Downgrade | None:
    """How a commitment to the ask's act is narrower than the ask, or None."""
    span = Span(sent.start, sent.end, sent.text)
    declined_after = clause.rule == "refuse.instead" and bool(
        re.match(r"rather than|instead of", text[clause.cue_start : clause.cue_end], re.I)
    )
    if declined_after:
        # "we will update guidance, rather than creating a new legal requirement": what is
        # offered is the sentence without the part it declines
        kept = text[sent.start : clause.cue_start] + text[clause.end : sent.end]
        para_text = sent_text = kept
    else:
        sent_text = sent.text
    quals = list(ask.qualifiers) + [
        m.group(0)
        for m in _ALL_OF.finditer(ask.object)
        if not any(m.group(0).lower() in q.lower() for q in ask.qualifiers)
    ]
    missing = [
        q
        for q in quals
        if not _qualifier_met(
            q,
            # a number what is in place must meet in its own sentence: "from 50" said in a
            # refusal beside it ("Allowing access from 50 would ...") is not in place
            sent_text
            if _ALL_OF.search(q) or (clause.family == "in-place" and re.search(r"\d", q))
            else para_text,
            text,
        )
        and not (_IN_FULL.search(q) and _in_line_with_ask(sent_text, ask))
    ]
    if missing:
        joined = ", ".join(missing)
        kind = (
            "timetable"
            if _YEAR.search(joined) or re.search(r"\bby\b|\bbefore\b|immediate", joined, re.I)
            else ("amount" if re.search(r"\d|%|£", _digits(joined)) else "qualifier")
        )
        return Downgrade(joined, _offered(text, clause), span, kind)
    window = sent_text if declined_after else text[clause.cue_start : clause.end]
    narrow = _NARROWING.search(window)
    if narrow is None and _LAW_ASK.search(ask.text) and _GUIDANCE.search(window):
        narrow = _GUIDANCE.search(window)
    if narrow and not _NARROWING.search(ask.text):
        kind = (
            "pilot"
            if "pilot" in narrow.group(0).lower() or "trial" in narrow.group(0).lower()
            else ("guidance" if "guidance" in narrow.group(0).lower() else "scope")
        )
        return Downgrade(ask.object or ask.text, _offered(text, clause), span, kind)
    asked = _amounts(ask.text)
    got = _amounts(window)
    for value, unit in asked:
        same_unit = [v for v, u in got if u == unit]
        if same_unit and max(same_unit) < value:
            offered = f"{max(same_unit):g}{unit}" if unit == "%" else _offered(text, clause)
            return Downgrade(
                f"{value:g}{unit}" if unit == "%" else ask.text, offered, span, "amount"
            )
    # (the ask's whole text too: "Give everyone aged 50 and over free eye tests" has its number
    # in the recipient)
    slot = _number_slot(ask.object or ask.text, window) or _number_slot(
        ask.text, window, money=False
    )
    if slot is not None:
        return Downgrade(slot[0], slot[1], span, "amount")
    part = _part_of_union(ask.text, window)
    if part is not None:
        return Downgrade(part[0], part[1], span, "scope")
    if not head_named:
        return Downgrade(ask.object or ask.text, _offered(text, clause), span, "scope")
    if complement_missing:
        return Downgrade(ask.object, _offered(text, clause), span, "scope")

    ask_years = [int(y) for y in _YEAR.findall(ask.text)]
    got_years = [int(y) for y in _YEAR.findall(window)]
    if ask_years and got_years and min(got_years) > max(ask_years):
        return Downgrade(str(max(ask_years)), str(min(got_years)), span, "timetable")
    return None


# The UK and its nations (devolution: England, Scotland, Wales and Northern Ireland; Great
# Britain is the first three): an ask for the whole met for one nation is narrower
_UNION = re.compile(
    r"\b(?:UK|U\.K\.|United Kingdom|Britain|British|Great Britain|GB|nationwide|"
    r"across the country)\b",
    re.I,
)
_NATION = re.compile(
    r"\b(?:England|English|Scotland|Scottish|Wales|Welsh|Northern Ireland|Northern Irish)\b"
)


def _part_of_union(asked: str, window: str) -> tuple[str, str] | None:
    """("UK", "England") when the ask names the whole UK and the commitment only a nation."""
    whole = _UNION.search(asked)
    if whole is None or _NATION.search(asked) or _UNION.search(window):
        return None
    nation = _NATION.search(window)
    return (whole.group(0), nation.group(0)) if nation else None


_SLOT_NUMBER = re.compile(
    r"\b(under|over|below|above|aged|to|from|at least|at most|up to|of)\s+[£$€]?(\d+(?:\.\d+)?)"
    r"(?![\d,])",
    re.I,
)


def _number_slot(asked: str, window: str, money: bool = True) -> tuple[str, str] | None:
    """A number the ask fixes after a preposition ("anyone under 18", "the age to 40") that
    the commitment gives as another number in the same slot ("under 16"), as (asked, offered).

    A bound that covers more than asked ("under 21" for "under 18") is not narrower. With
    ``money`` False, sums of money are left to the amount check ("at least £12 an hour" is met
    by "at least £12.60").
    """
    for m in _SLOT_NUMBER.finditer(_digits(asked)):
        word, num = m.group(1).lower(), float(m.group(2))
        if _YEAR.fullmatch(m.group(2)) or (not money and re.search(r"[£$€]", m.group(0))):
            continue
        got = [
            (g.group(0), float(g.group(2)))
            for g in _SLOT_NUMBER.finditer(_digits(window))
            if g.group(1).lower() == word and not _YEAR.fullmatch(g.group(2))
        ]
        if not got or any(v == num for _, v in got):
            continue
        phrase, value = got[0]
        if (word in ("under", "below", "up to", "at most") and value > num) or (
            word in ("over", "above", "at least") and value < num
        ):
            continue
        return m.group(0), phrase
    return None


_LIGHT_HEAD_STEMS = frozenset(stem(w) for w in LIGHT_HEADS)


def _complement_missing(
    model: AskModel,
    ask_object: str,
    sent_text: str,
    vmap: dict[str, set[str]],
    qualifiers: Sequence[str] = (),
    context: str = "",
) -> bool:
    """True when the object's words after its head ("into grooming gangs" in "a public inquiry
    into grooming gangs") are all absent from the sentence: the sentence names the same kind of
    thing about something else or broader ("the Independent Inquiry into Child Sexual Abuse").

    A sentence that names the place or body the ask is about ("at Ashby Hall care home") names
    the same thing in other words ("the events" for "the deaths").
    """
    sset0 = set(content_stems(sent_text))
    for q in qualifiers:
        if not re.match(r"\s*(?:at|in|of|for|on)\s", q, re.I):
            continue
        qs = set(content_stems(q)) - _generic_object_stems()
        if len(qs) >= 2 and len(qs & sset0) >= 2 * len(qs) / 3:
            return False
    head = _head_group(model)
    if head is None:
        return False
    head_stems = model.groups[head][0]
    obj_stems = content_stems(ask_object)
    at = next((i for i, x in enumerate(obj_stems) if x in head_stems), None)
    if at is None:
        return False
    # a light head after the head ("rise" in "a 6% pay rise") is part of it, not a complement
    # (nor is a word for anyone at all: "to anyone under 18")
    tail = set(obj_stems[at + 1 :]) - _LIGHT_HEAD_STEMS - _ANYONE_STEMS
    after = [g for g, w, _ in model.groups[head + 1 :] if w >= 1.0 and g & tail]
    if not after:
        return False
    sset = set(content_stems(sent_text))
    if any(g & sset or any(vmap.get(x, set()) & sset for x in g) for g in after):
        return False
    low = sent_text.lower()
    if any(phrase in low for phrase, gis, _ in model.phrases if any(gi > head for gi in gis)):
        return False
    topic = re.search(
        rf"\b{re.escape(model.labels[head])}\w*\s+(?:into|about|on|regarding|concerning|for)\b",
        ask_object,
        re.I,
    )
    if context and topic and not _OWN_COMPLEMENT.search(sent_text):
        # the head of a topic ("an inquiry into X") with no topic of its own ("a statutory
        # inquiry under the Inquiries Act 2005 was set up") in a response that names most of X
        # elsewhere is the same thing, named short
        cset = set(content_stems(context))
        if 2 * sum(bool(g & cset) for g in after) >= len(after):
            return False
    return True


# A head noun with its own topic complement: "the Independent Inquiry into Child Sexual Abuse"
_OWN_COMPLEMENT = re.compile(r"\b(?:into|about|regarding|concerning)\b", re.I)


def _head_group(model: AskModel) -> int | None:
    """The index of the ask's head group in ``model.groups``, or None when it has none."""
    return next((i for i, (_, _, h) in enumerate(model.groups) if h), None)


def _other_topic(model: AskModel, sent_text: str) -> bool:
    """Whether the sentence gives the ask's head a topic of its own: "an inquiry into the
    Lindale Tunnel fire" (a sentence without the ask's topic words, see _complement_missing)."""
    head = _head_group(model)
    if head is None:
        return False
    label = re.escape(model.labels[head])
    m = re.search(
        rf"\b{label}\w*\s+(?:into|about|regarding|concerning)\s+([^.;:,()]{{1,80}})",
        sent_text,
        re.I,
    )
    if m is None:
        return False
    # a topic that shares a word with the ask's object or its aliases is a wider or related one
    # ("the Independent Inquiry into Child Sexual Abuse" for an inquiry into grooming gangs)
    ask_words = set(model.object_stems) | {
        x for phrase, _, _ in model.phrases for x in content_stems(phrase)
    }
    return not (set(content_stems(m.group(1))) & ask_words)


# where a recipient's noun phrase ends: a preposition, a relative, a participle or a number
_RECIPIENT_END = re.compile(
    r"\s+(?:who|that|which|whose|with|without|in|on|at|from|for|of|aged|living|working|"
    r"over|under|between|and|or|\d)\b.*$",
    re.I,
)
# words for anyone at all: a recipient they head names nobody in particular
_ANYONE = frozenset(
    {"everyone", "everybody", "anyone", "people", "person", "persons", "individuals", "all",
     "public", "citizens", "residents", "adults", "us", "them", "those"}
)  # fmt: skip


_ANYONE_STEMS = frozenset(stem(w) for w in _ANYONE)


def _recipient_unnamed(ask: Ask, text: str) -> bool:
    """Whether the people a give-ask is for ("Give school teaching assistants a pay rise")
    are named nowhere in the response (by the head noun of the recipient)."""
    if ask.action not in _GIVE_ACTS:
        return False
    inner = re.search(r"\s(to\s.*)$", ask.object)  # "the Winter Fuel Payment to disabled people"
    for q in ask.qualifiers + ((inner.group(1),) if inner else ()):
        if not q.lower().startswith("to ") or _TO_ZERO.search(" " + q):
            continue
        first = q[3:].strip().split(" ", 1)[0].lower()
        if verb_base(first) == first:
            continue  # a purpose ("to help with energy bills"), not a recipient
        np_ = _RECIPIENT_END.sub("", q[3:].strip())
        words = [
            w
            for w in re.findall(r"[A-Za-z][\w’'-]*", np_)
            if w.lower() not in STOPWORDS and w.lower() not in _ANYONE
        ]
        if not words:
            continue
        # the head, or for "disabled people" the word that says which people
        return _people_stems(words[-1].lower()).isdisjoint(content_stems(text))
    return False


@lru_cache(maxsize=256)
def _people_stems_of_stem(s: str) -> frozenset[str]:
    """``s`` and the stems of the one-word aliases, in ``data/synonyms.toml``, of a word whose
    stem is ``s`` ("pupil": children, students, ...)."""
    out = {s}
    for terms, _, _ in load_synonyms().aliases:
        ones = [stem(t) for t in terms if " " not in t]
        if s in ones:
            out.update(ones)
    return frozenset(out)


def _people_stems(word: str) -> frozenset[str]:
    """The stems of ``word`` and of its one-word aliases (see :func:`_people_stems_of_stem`)."""
    return _people_stems_of_stem(stem(word))


_MODIFIED_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def _restricted_head(
    ask: Ask, model: AskModel, text: str, clause: Clause, sent: Sentence
) -> Downgrade | None:
    """ "Self-locking snares are already illegal" for "Ban the use of snares": what is in
    place is the ask's head with a modifier of its own (a hyphenated compound such as
    "self-locking" or "single-use", which restricts), so it is a narrower thing."""
    heads = set().union(*(g for g, _, is_head in model.groups if is_head))
    if not heads:
        return None
    obj = [m.group(0) for m in _MODIFIED_WORD.finditer(ask.object)]
    if any(
        stem(w) in heads and i > 0 and obj[i - 1].lower() not in STOPWORDS
        for i, w in enumerate(obj)
    ):
        # the ask's own head is modified ("disposable vapes"): the response's modifier may be
        # its paraphrase ("single-use e-cigarettes")
        return None
    ctext = text[clause.start : clause.end]
    toks = list(_MODIFIED_WORD.finditer(ctext))
    asked = set(content_stems(ask.text))
    for prev, tok in pairwise(toks):
        word = prev.group(0)
        if (
            stem(tok.group(0)) in heads
            and "-" in word.strip("-")
            and word[1:].islower()  # not a name ("the Independent Anti-Slavery Commissioner")
            and not ctext[prev.end() : tok.start()].strip()
            # a compound of the ask's own words restates it ("home-to-school transport",
            # "a day-one right" for "from their first day")
            and asked.isdisjoint(stem(p) for p in word.split("-") if p)
            and not word.lower().startswith(("non-", "so-"))
        ):
            return Downgrade(ask.object, f"{word} {tok.group(0)}", sent.span, "scope")
    return None


def _negated_modifier(ask: Ask, text: str, clause: Clause, sent: Sentence) -> Downgrade | None:
    """ "A non-statutory inquiry" for "a statutory inquiry": the ask's own word negated."""
    ctext = text[clause.start : clause.end]
    for word in re.findall(r"[A-Za-z]{4,}", ask.object):
        neg = re.search(rf"\b(?:non-|not\s+){re.escape(word)}\b", ctext, re.I)
        if neg and not re.search(rf"\b(?:non-|not\s+){re.escape(word)}\b", ask.text, re.I):
            return Downgrade(word, _short(ctext[neg.start() :], 8), sent.span, "scope")
    return None


def _level(outcome_row: str, clause: Clause, sent_text: str) -> int:
    if outcome_row.startswith("no."):
        if clause.level == 1 or outcome_row == "no.time-hedged" or _TIME_HEDGE.search(sent_text):
            return 1
        return 0
    if outcome_row.startswith(("yes.", "partly.narrower", "partly.substitute")):
        return 5 if (clause.level >= 5 or _SPECIFIC.search(sent_text)) else 4
    if outcome_row == "deferred.review-loop":
        return 2
    return 3


# The measure a ban or repeal asks for, named as such: an argument against it ("we do not
# consider that a specific offence is necessary") refuses the ask, where an argument against
# the activity ("new mines would be incompatible with our carbon budgets") supports it
_MEASURE_NOUN = re.compile(
    r"\b(?:(?:specific|new|separate|standalone|dedicated|further|additional|such an?|this|the) )"
    r"?(?:ban|prohibition|offence|criminal offence|law|legislation|statutory (?:duty|ban)|"
    r"restriction|requirement|change|measure)\b(?! (?:is|are|was|were) already)",
    re.I,
)


def _clause_candidates(
    ask: Ask,
    model: AskModel,
    cls: ActClass,
    info: _SentInfo,
    clause: Clause,
    clause_rel: float,
    context_rel: float,
    text: str,
    para_text: str,
    cfg: JudgeConfig,
    summary_on_topic: bool,
    vmap: dict[str, set[str]],
) -> _Candidate | None:
    fam = clause.family
    sent = info.sentence
    if fam in ("reported", "devolved"):
        return None
    ctext = text[clause.start : clause.end]
    loop_work = fam in _LOOP and (
        _LOOP_WORK.search(text[clause.cue_start : clause.cue_end]) is not None
        or _KEEP_UNDER_REVIEW.match(text, clause.cue_start, min(clause.end, clause.cue_end + 80))
        is not None
    )
    if loop_work:
        # "keeps X under review": the loop's own "keep" is not keeping the object
        ctext = text[clause.start : clause.cue_start] + " " + text[clause.cue_end : clause.end]
    clause_stems = content_stems(ctext)
    after = text[clause.cue_start : clause.end]
    # (from the end of the cue's last word: a cue may stop inside it, "will not be extend|ing")
    rest = _WORD_REST.match(text, clause.cue_end)
    cue_word_end = min(clause.end, rest.end() if rest else clause.cue_end)
    after_cue = text[cue_word_end : min(clause.end, cue_word_end + 60)]
    # where the clause's own act is: the stance verb and what follows it, and for a commitment
    # or the status quo also its subject ("the exams taking place", "X will remain")
    near_cue = text[max(clause.start, clause.cue_start - 40) : min(clause.end, clause.cue_end + 60)]
    if fam in _DECLINE:
        near_cue = text[clause.cue_start : min(clause.end, clause.cue_end + 60)]
    elif loop_work:
        near_cue = text[clause.cue_end : min(clause.end, clause.cue_end + 60)]
    relation = _relation(
        ctext, model, cls, clause_stems, after, after_cue, near_cue, fam in _DECLINE, vmap
    )
    if (
        relation == "contrary"
        and fam == "in-place"
        and _HISTORY.search(text, clause.cue_start, min(clause.end, clause.cue_end + 40))
    ):
        # "The tax was introduced in April 2022 ..." tells its history, not a position on
        # abolishing it; "The 10p rate was abolished in 2008" none on bringing it back
        return None
    if clause.rule == "refuse.instead" and (
        _NARROWING.search(sent.text) or (_LAW_ASK.search(ask.text) and _GUIDANCE.search(sent.text))
    ):
        # "rather than a new statutory entitlement, we will publish guidance": a narrower
        # version of the ask offered in its place is a partial commitment
        fam, relation = "commit", "same"
    if relation == "contrary" and cls.name in ("end", "less") and _RELIEF_OBJECT.search(near_cue):
        # "does not intend to introduce a VAT relief for bicycles": introducing a relief is the
        # removal the ask wants, not its contrary
        relation = "same"
    if relation == "contrary" and _contrary_on_other_object(near_cue, model, cls, vmap):
        # "introduced to allow constituents to recall their MP" does not allow what a ban on
        # MPs misleading the public would forbid
        relation = "none"
    on_ask = clause_rel >= cfg.on_ask_relevance
    if (
        relation in ("none", "change")
        and cls.name == "create"
        and fam in _AFFIRM
        and ask.action not in load_synonyms().verb_group("bring back")
    ):
        # (for "Reinstate the uplift", "the uplift was introduced in 2020" is its history)
        made = _CREATED_SUBJECT.search(
            text, clause.cue_start, min(clause.end, clause.cue_end + 30)
        ) or _CREATED_SUBJECT.search(text, max(clause.start, clause.cue_start - 30), clause.cue_end)
        if made and _names_head(text[clause.start : made.start()][-160:], model):
            # the ask's own thing is the subject of its coming into being: "a statutory
            # inquiry under the Inquiries Act 2005 was set up" holds the inquiry asked for
            relation = "same"
    if (
        relation in ("none", "change")
        and fam in _AFFIRM
        and context_rel >= cfg.on_ask_relevance
        and _ACCEPTS_ADVICE.search(text, clause.cue_start, clause.end)
        and _ANAPHORIC_ADVICE.search(text, clause.cue_start, clause.end)
        and not _NEGATIVE_ADVICE.search(text, max(0, sent.start - 400), sent.start)
    ):
        # "The Government accepted this recommendation" after a recommendation of the ask ("...
        # recommended a new mandatory reporting duty"): the ask, accepted by reference
        relation = "anaphor"
    if relation == "none" and clause.rule == "commit.outcome" and on_ask:
        # "nurses will receive a pay award of 4%": the outcome promised is the ask's act done
        relation = "same"
    if (
        relation == "same"
        and fam != "rationale"  # its act is its subject: "Abolishing them would mean ..."
        # (so is a gerund's: "Reintroducing national service is not on the agenda")
        and not _GERUND_SUBJECT.match(text, clause.start, clause.cue_start)
        and not _ANAPHOR.search(after_cue)
        and not _names_predicate(after_cue, model.ask)
        and (
            (not on_ask and _names_other_object(after_cue, model))
            or (fam in _DECLINE and _declines_other_object(after_cue, model, cls, vmap))
        )
    ):
        # the ask's act on another object, with the ask only in the context: "will not ban
        # public displays" after a sentence on fireworks is a position on another measure
        return None
    by_context = (
        context_rel >= cfg.on_ask_relevance
        or (info.in_summary and summary_on_topic)
        # "the current framework strikes the right balance": a generic status quo speaks of
        # whatever the response is about
        or (fam == "status-quo" and summary_on_topic and _GENERIC_STATUS_QUO.search(ctext))
        # a deferral to what a process on the ask will find ("We will consider its conclusions
        # when it reports", "set out our response to its recommendations") points back to it
        or (
            fam in ("defer", "decision")
            and context_rel >= cfg.topic_relevance
            and _PROCESS_ANAPHOR.search(ctext) is not None
        )
    ) and (
        relation in ("same", "contrary", "change", "act", "anaphor")
        or fam in _DEFER
        or fam == "status-quo"
        # an implicit refusal in the ask's context that names its own terms ("placing a
        # statutory duty on every employer ... would not be proportionate")
        or (fam == "rationale" and clause_rel >= cfg.topic_relevance)
        # or the kind of measure asked for: "does not consider that a separate offence is
        # needed" after the ask's subject, for "Make it a criminal offence to ..."
        or (
            fam == "rationale"
            and bool(_MEASURE_WORDS & set(clause_stems) & set(content_stems(ask.text)))
        )
        # a refusal in the ask's context whose act is the government's own ("will not direct
        # forces on how to deploy officers", "rejects the proposal to license a second lottery")
        or (
            fam in ("refuse", "cue-refuse")
            and relation == "none"
            and _REFUSAL_OF_ACTION.search(after)
        )
    )
    if (
        fam in _LOOP
        and cls.name in ("create", "keep")
        and not ask.negated
        and on_ask
        and _LOOP_COMMITS.search(text, clause.cue_start, min(clause.end, clause.cue_end + 30))
        and match(model, ctext, clause_stems, vmap).head
    ):
        # "remains committed to implementing the Triple Lock" for "Support the triple lock":
        # a standing commitment to the ask's own object, not a loop of other work
        fam, relation = "commit", "same"
    review_sense = bool(_REVIEW_SENSE.search(text, clause.cue_start, clause.end))
    keeps_object = relation == "contrary" or (relation == "same" and cls.wants == "status-quo")
    if fam in _LOOP and not (review_sense or keeps_object):
        # a continuity loop ("we continue to ensure that illegal imports are stopped") reports
        # work going on: another action, not a deferral of the ask
        return None
    if fam in _LOOP and not on_ask:
        # a review loop ("keep ... under review", "monitor") on the topic, or a generic one
        # ("we keep all policies under review"), defers the ask
        if not (
            review_sense
            and (max(clause_rel, context_rel) >= cfg.topic_relevance or _GENERIC_LOOP.search(ctext))
        ):
            return None
    elif not (on_ask or by_context):
        return None
    rel = max(clause_rel, context_rel if by_context else 0.0)
    if fam in ((_DECLINE | _AFFIRM | _LOOP | _DEFER | {"status-quo"}) - {"in-place"}) and not (
        clause.rule == "commit.outcome"
        or _government_speaks(
            text,
            clause.start,
            clause.cue_start,
            model.object_stems,
            clause.cue_end,
        )
    ):
        return None
    if clause.rule == "refuse.present" and relation != "same":
        return None  # "does not collect this data" states a fact; only the ask's own act refuses
    if fam in ("refuse", "cue-refuse") and not _declined_by_government(
        text, clause, model, vmap, cfg
    ):
        return None
    status_quo_is_a = cls.wants == "status-quo"
    does: str | None = None
    row = ""
    note = ""
    if (
        fam in _DECLINE
        and _DELAY.search(text, clause.cue_start, min(clause.end, clause.cue_end + 25))
        and relation != "act"
    ):
        fam, relation = "commit", "same"  # "will not delay the ban": the ban goes ahead
    if (
        fam == "rationale"
        and relation == "none"
        and clause.rule != "refuse.accepts-advice-not-to"  # advice not to act refuses any ask
        and (cls.name in ("ban", "end") or cls.name.startswith("halt-"))
        and not _MEASURE_NOUN.search(text, clause.cue_end, min(clause.end, clause.cue_end + 60))
    ):
        # arguing that something would do harm ("opening new mines would be incompatible with
        # our carbon budgets") supports a ban on it rather than refusing one
        return None
    if fam in _DECLINE:
        if relation == "act" and ask.negated:
            # "has decided not to intervene in the sale" for "Do not allow X to be sold":
            # declining to step in lets the thing the petition opposes go ahead
            does, note = "A", "declines to intervene in what the petition opposes"
        elif relation == "act":
            does, note = "not-A", "declines to act on the ask"
        elif relation == "contrary":
            does, note = "A", "refuses the act the ask opposes"
        elif relation == "change":
            does = "A" if status_quo_is_a else "not-A"
            note = "declines to change what exists"
        else:
            does, note = "not-A", "declines the ask"
        if does == "not-A":
            row = "no.time-hedged" if clause.level == 1 else "no.declines"
        else:
            row = "yes.declines-the-contrary"
    elif (
        fam == "status-quo"
        and not ask.negated
        and ask.action in _SUPPLY_VERBS
        and _CONTINUES.search(text, clause.cue_start, clause.cue_end)
        and not _AS_IT_IS.search(text, clause.cue_end, clause.end)
        and (
            (on_ask and _names_head(text[clause.start : clause.cue_start], model))
            # "Funding for anti-poaching work will continue" for "Fund anti-poaching patrols":
            # the subject shares a distinctive word of the ask's object
            or (
                clause_rel >= 0.5
                and ask.action in ("fund", "provide", "pay", "offer", "give")
                and bool(
                    (set(content_stems(text[clause.start : clause.cue_start])) - _GENERIC_FUNDING)
                    & (model.object_stems - _GENERIC_FUNDING)
                )
            )
            # "... has funded free period products for all schools, and the scheme will
            # continue": an anaphoric subject after the head in its sentence
            or (
                _ANAPHORIC_SUBJECT.match(text, clause.start, clause.cue_start) is not None
                and _names_head(text[sent.start : clause.start], model)
            )
        )
    ):
        # "the free period products scheme will continue" for "Provide free period products":
        # what the ask would supply goes on, so it is in place (narrower or not: see below)
        fam, relation = "in-place", "same"
        does, row, note = "A", "yes.in-place", "says what the ask would supply goes on"
    elif (
        fam == "status-quo"
        and on_ask
        and cls.name in ("permit", "ban")
        and _BAN_SUBJECT.search(text, clause.start, clause.cue_start)
    ):
        # "the ban on fracking remains in place": for a ban ask what it wants holds; for an ask
        # to allow the thing, what it wants is refused
        does = "A" if cls.name == "ban" else "not-A"
        note = "keeps a ban on the ask's object"
        row = "yes.declines-the-contrary" if does == "A" else "no.declines"
    elif (
        fam == "status-quo"
        and on_ask
        and not ask.negated
        and ask.action in ("extend", "prolong", "renew")
        and _CONTINUES.search(text, clause.cue_start, clause.cue_end)
        and _FURTHER_TIME.search(text, clause.cue_end, clause.end)
    ):
        # "The Household Support Fund will continue for a further year" for "Extend the
        # Household Support Fund beyond March": going on for longer is the extension asked for
        fam, relation = "commit", "same"
        does, row, note = "A", "yes.commits", "says what the ask would extend goes on for longer"
    elif (
        fam == "status-quo"
        and cls.name.startswith("halt-")
        and _AS_PLANNED.search(text, clause.cue_start, clause.end)
    ):
        # "the programme will continue as planned" for "Pause the rollout of smart motorways":
        # the change the petition would halt goes ahead
        does, row, note = "not-A", "no.contrary", "the change the ask would halt goes ahead"
    elif fam == "status-quo":
        if on_ask and cls.wants != "status-quo":
            # the ask's object itself goes on as it is ("the State Pension age will remain the
            # same", "X is effective"): a refusal of the change asked for; but where the petition
            # asks that something NOT be created ("Do not put fluoride in tap water"), the thing
            # going on is what it opposes
            does = (
                "A" if (ask.negated and not _stays_unchanged(ask, cls, text, clause)) else "not-A"
            )
            note = "keeps the ask's object as it is"
        else:
            does = "A" if status_quo_is_a else "not-A"
            note = "keeps what exists"
        row = "yes.declines-the-contrary" if does == "A" else "no.declines"
    elif (
        fam in _AFFIRM
        or (fam in _LOOP and relation == "contrary")
        or (
            fam in _LOOP
            and relation == "same"
            and cls.wants == "status-quo"
            and not _LOOP_WORK.search(near_cue)
        )
    ):
        if relation in ("none", "change"):
            relation = _implied_relation(ask, model, cls, clause, text, clause_stems, vmap)
        if relation == "contrary":
            does, row, note = "not-A", "no.contrary", "acts against the ask"
        elif (
            relation == "same"
            and clause.rule != "negation.double"  # its "not ... not" is the affirmation itself
            and _act_negated(ctext, model.act_forms)
        ):
            # "an expectation that parents should not be penalised": the clause commits to the
            # act's negation
            does, row, note = "not-A", "no.contrary", "commits to not doing the ask's act"
        elif relation in ("same", "anaphor"):
            does = "A"
            row = "yes.in-place" if fam == "in-place" else "yes.commits"
            note = "says the ask is already in place" if fam == "in-place" else "commits to the ask"
        elif (
            cls.name == "end"
            and not ask.negated
            and _GOES_ON.search(text, clause.cue_start, min(clause.end, clause.cue_end + 20))
            and _names_head(text[clause.start : clause.cue_start], model)
        ):
            # "The Lower Thames Crossing will unlock growth" for "Stop the Lower Thames
            # Crossing": the thing the ask would end is the subject of what it will go on to do
            does, row, note = "not-A", "no.contrary", "the thing the ask would end goes on"
        else:
            m = match(model, text[clause.start : clause.end], clause_stems, vmap)
            if not m.head or m.relevance < 0.75 or fam == "in-place":
                # another action on the ask's topic ("a campaign on quieter fireworks" for a
                # ban on fireworks) is a deflection, not a substitute
                return None
            does, row, note = "A", "partly.substitute", "commits to something else on the object"
    elif (
        fam in ("process", "decision")
        and _PROCESS_ASK.search(ask.object)
        and (_PROCESS_STARTED.search(text, clause.start, clause.end))
        and on_ask
    ):
        # "Hold a public consultation on X": launching that consultation does the ask
        does = "A"
        row = (
            "yes.in-place"
            if re.search(
                r"\b(?:launched|opened|began|started|set up|established|"
                r"commissioned)\b",
                text[clause.start : clause.end],
                re.I,
            )
            else "yes.commits"
        )
        note = "starts the process the ask asks for"
        if ask.negated:
            row, note, does = "no.contrary", note + " (the petition asks for the opposite)", "not-A"
    elif fam in _DEFER or fam == "conditional":
        row = "deferred.conditional" if fam == "conditional" else "deferred.defers"
        note = "would act only on a condition" if fam == "conditional" else "defers a decision"
        if fam in ("process", "decision") or "process" in clause.also or "decision" in clause.also:
            decided = (
                "decision" in clause.also
                or fam == "decision"
                or bool(
                    re.search(
                        r"\b(?:decision|decide|set out (?:its|our|the) response|legislat|"
                        r"called in|call-in)",
                        text[sent.start : sent.end],
                        re.I,
                    )
                )
            )
            if _NO_DATE.search(text[sent.start : sent.end]):
                decided = False  # "will set out our decision in due course" is no decision point
            specific = on_ask or (by_context and not _GENERIC_LOOP.search(ctext))
            if decided and specific and fam != "conditional":
                row = "partly.process-with-decision"
                note = "routes the ask to a named process with a decision point"
    elif fam in _LOOP:
        row, note = "deferred.review-loop", "keeps it under review"
    else:
        return None
    if ask.negated and does is not None:
        # "Do not remove X": the petition wants not-A
        if does == "A":
            if row == "partly.substitute":
                note = "acts on what the petition asks to be left alone"
            row, note = "no.contrary", note + " (the petition asks for the opposite)"
        else:
            row, note = "yes.declines-the-contrary", note + " (as the negated ask wants)"
        does = "not-A" if does == "A" else "A"
    downgrade = None
    if row in ("yes.commits", "yes.in-place") and _elsewhere_broadly(ask, sent.text):
        # "£100 million for hospices across England" for "Fund a new children's hospice in
        # Cumbria": national money named without the place asked about is not the ask
        return None
    if (
        row == "yes.in-place"
        and _NEW_LAW_ASK.search(ask.text)
        and not _NEW_LAW_ASK.search(ctext)
        and _LAW_IN_PLACE.search(ctext)
    ):
        # "Assaults on retail workers are already criminal offences" for "Create a specific
        # offence of ...": the general law in place is the ground for declining the specific
        # one asked for, not the ask met
        return None
    if (
        row == "yes.in-place"
        and cls.name in ("ban", "create")
        and _OTHERS_ACT.search(text, clause.start, clause.cue_start)
        and not _GOVERNMENT_AGENT.search(text, clause.start, clause.cue_start)
    ):
        # "A number of local councils have also prohibited the release of lanterns from land
        # they own": what others do of their own accord is not the measure the petition asks
        # the Government for
        return None
    if (
        row in ("yes.commits", "yes.in-place")
        and _NATIONAL.search(ask.text)
        and _LOCAL_BODIES.search(ctext)
        and _LOCAL_POWER.search(ctext)
        and not _NATIONAL.search(ctext)
    ):
        # "Local highway authorities already have powers to set lower limits" is not the
        # national limit asked for: what local bodies may do is another measure
        return None
    if row in ("yes.commits", "yes.in-place") and _recipient_unnamed(ask, text):
        # "a 5.5% pay award" for teachers is not a pay rise for teaching assistants: the
        # people a give-ask is for never appear, so the commitment is for someone else
        return None
    if row in ("yes.commits", "yes.in-place"):
        # what is in place must itself be the ask's object; a promise may name it sentences
        # earlier in its paragraph
        # (an in-place clause with what comes before it in its sentence: "The Infected Blood
        # Compensation Scheme has been established and [the Authority is making payments]")
        scope_text = text[sent.start : clause.end] if fam == "in-place" else para_text
        para_match = match(model, scope_text, content_stems(scope_text), vmap)
        head_named = relation == "anaphor" or bool(_ANAPHOR.search(after_cue)) or para_match.head
        if not head_named and match(model, ctext, clause_stems, vmap).relevance < 0.5:
            # the ask's act on another object ("increased funding for care homes" for "increase
            # pay for care workers") is another measure, not a narrower version of the ask
            return None
        complement_missing = (
            relation != "anaphor"
            and (fam == "in-place" or _CREATED_SUBJECT.search(sent.text) is not None)
            and _complement_missing(model, ask.object, sent.text, vmap, ask.qualifiers, text)
        )
        if complement_missing and _other_topic(model, sent.text):
            # the ask's kind of thing on another topic ("an independent inquiry into the
            # Lindale Tunnel fire" for an inquiry into a bridge collapse) is another thing
            return None
        downgrade = _narrowing(
            ask,
            text,
            sent,
            clause,
            para_text,
            head_named,
            complement_missing,
        )
        if downgrade is None:
            downgrade = _negated_modifier(ask, text, clause, sent)
        if downgrade is None and fam == "in-place":
            downgrade = _restricted_head(ask, model, text, clause, sent)
        if downgrade is not None:
            row = "partly.narrower"
            note = f"commits to a narrower version: {downgrade}"
    elif row == "partly.substitute":
        downgrade = Downgrade(ask.text, _offered(text, clause), sent.span, "scope")
    elif row == "partly.process-with-decision":
        downgrade = Downgrade(ask.text, _process_offered(text, clause), sent.span, "process")
    return _Candidate(
        row=row,
        ask_text=ask.text,
        stance=clause,
        sentence=sent,
        relevance=rel,
        position=info.position,
        relation=relation,
        note=note,
        level=_level(row, clause, sent.text),
        downgrade=downgrade,
    )


@dataclass(frozen=True, slots=True)
class _AskResult:
    outcome: AskOutcome
    max_relevance: float
    relevance: tuple[float, ...]
    conflict: bool
    decider: _Candidate | None


def _decide(cands: list[_Candidate]) -> tuple[_Candidate | None, str, bool]:
    """The deciding candidate, the row id, and whether the evidence conflicts."""
    if not cands:
        return None, "", False
    yes_like = [
        c
        for c in cands
        if c.outcome in ("yes", "partly") and c.row != "partly.process-with-decision"
    ]
    no_like = [c for c in cands if c.outcome == "no"]
    if any(c.row == "yes.in-place" and c.relevance >= 0.75 for c in yes_like):
        # what the ask wants is in place, so the status quo kept is the ask met: "It is already
        # an offence to use a hand-held phone ... The Government continues to support the police
        # in enforcing this offence"
        no_like = [
            c for c in no_like if not (c.stance.family == "status-quo" and c.row == "no.declines")
        ]
    conflict = bool(yes_like and no_like)
    if conflict:
        top_yes = max(yes_like, key=lambda c: c.weight)
        top_no = max(no_like, key=lambda c: c.weight)
        same_act_yes = [c for c in yes_like if c.relation in ("same", "anaphor")]
        lesser = [
            c
            for c in same_act_yes
            if c.downgrade is not None
            and c.downgrade.kind in ("guidance", "pilot")
            and c.stance.family != "in-place"
        ]
        if lesser and top_no.relation != "contrary":
            # "we do not think new legislation is needed; instead we will publish guidance": the
            # law is refused and a lesser form of the ask promised (issue 12: guidance for a law
            # and a pilot for a national scheme are partial)
            return max(lesser, key=lambda c: c.weight), "partly.refuses-part", True
        if (
            top_yes.stance.family == "in-place"
            and top_no.relation != "contrary"
            and not _names_subject(top_yes.sentence.text, top_yes.ask_text)
        ):
            # "existing criminal offences already cover the most harmful forms of deception"
            # beside "a specific offence is not necessary", for "Make catfishing a criminal
            # offence": the law in place is the general one, not the ask's, and the ask is refused
            return top_no, top_no.row, True
        if (
            top_yes.row == "yes.in-place"
            and top_no.stance.family == "rationale"
            and (top_yes.relevance >= 0.6)
            and not _NEW_LAW_ASK.search(top_yes.ask_text)
        ):
            return top_yes, "yes.already-met", True
        if (
            top_yes.stance.family == "in-place"
            and _FURTHER_LAW.search(top_no.sentence.text)
            and not _NEW_LAW_ASK.search(top_yes.ask_text)
        ):
            # "it is already illegal ...; we have no plans to create a further offence, as the
            # existing law covers this": declining more law because the ask is already met
            return (
                top_yes,
                ("yes.already-met" if top_yes.row == "yes.in-place" else top_yes.row),
                True,
            )
        if top_yes.stance.family == "in-place" or (
            top_yes.relation == "anaphor" and top_no.relation in ("same", "contrary", "change")
        ):
            # what is already in place is context beside a refusal to go further; and a
            # commitment read through "it" yields to one that names the act
            return top_no, top_no.row, True
        if (
            same_act_yes
            and top_no.relation in ("same", "anaphor", "none")
            and (top_no.row != "no.contrary")
            and any(c.row in ("yes.commits", "partly.narrower") for c in same_act_yes)
        ):
            best = max(same_act_yes, key=lambda c: c.weight)
            if best.weight >= 0.8 * top_no.weight:
                return best, "partly.refuses-part", True
            return top_no, top_no.row, True
        if top_yes.row in ("partly.substitute", "yes.in-place") or top_no.weight >= top_yes.weight:
            return (
                top_no,
                (
                    "no.declines-offers-substitute"
                    if top_yes.row == "partly.substitute"
                    else top_no.row
                ),
                True,
            )
        return top_yes, top_yes.row, True
    answers = yes_like + no_like
    if answers:
        best = max(answers, key=lambda c: c.weight)
        defers = [
            c
            for c in cands
            if c.outcome == "deferred"
            and c.relevance >= best.relevance
            and c.stance.family not in _LOOP
        ]
        if best.row == "partly.narrower" and best.stance.family == "in-place" and defers:
            # something narrower already in place, and the ask itself left for later
            d = max(defers, key=lambda c: c.weight)
            return d, d.row, False
        full = [c for c in yes_like if c.row.startswith("yes.")]
        if best.row == "partly.narrower" and full:
            # the response grants the whole ask somewhere ("accepted its recommendation of a 10%
            # award" after "accepted the recommendation"): the narrower sentence is not the answer
            top_full = max(full, key=lambda c: c.weight)
            if top_full.weight >= 0.6 * best.weight:
                return top_full, top_full.row, False
        return best, best.row, False
    others = [c for c in cands if c.outcome in ("partly", "deferred")]
    best = max(others, key=lambda c: c.weight)
    return best, best.row, False


def _evidence(c: _Candidate, row: str, ask: Ask, role: str = "") -> Evidence:
    stance = c.stance
    note = (
        f"{role}{c.note}; stance rule {stance.rule!r} ({stance.family}, level {stance.level}) "
        f"on {c.relation if c.relation != 'none' else 'the object'}; relevance {c.relevance:.2f}"
    )
    return Evidence(
        rule=row,
        span=c.sentence.span,
        text=c.sentence.text,
        note=note,
        source="response",
        ask=ask.text,
    )


def _judge_ask(
    ask: Ask,
    petition: Petition,
    response: Response,
    text: str,
    infos: Sequence[_SentInfo],
    para_text_of: Callable[[Sentence], str],
    syn: Synonyms,
    cfg: JudgeConfig,
    vocab: tuple[str, ...],
    others: frozenset[str] = frozenset(),
) -> _AskResult:
    """How the response stands on one ask. ``vocab`` is the sorted set of the response's
    sentence stems. ``others`` are the content stems of the petition's other asks that this one
    lacks: a clause that names them and is not itself on this ask is about another ask, and
    cannot answer this one through its context."""
    cls = _ask_class(ask)
    obj = _PREDICATE.sub("", ask.object).strip() or ask.object
    actor = _ACTOR_TO_ACT.match(obj) if ask.action == "make illegal" else None
    if cls.name == "ban" and actor is None:
        # "Ban members of the public from using glue traps": the act banned, not its actors
        actor = _ACTOR_FROM_ACT.match(obj)
    if actor and (actor.re is _ACTOR_FROM_ACT or verb_base(actor.group(2).lower()) is not None):
        # "Make it illegal for shops to sell knives to anyone under 18": what is banned is the
        # act ("sell knives ..."), which responses name without the actor ("It is already
        # illegal to sell knives to under-18s")
        obj = obj[actor.start(2) :]
        ask = Ask(ask.text, ask.action, obj, ask.qualifiers, ask.span, ask.source, ask.negated)
        # (the actor still says what the ask is about, when matching: "by police")
        obj = f"{obj} by {actor.group(1).strip()}"
    # "Give firefighters a 10% pay rise": who and where the ask is for names it too
    described = [
        q
        for q in ask.qualifiers
        if re.match(r"\s*(?:to|for|in|at|on|of|from|by)\s", q, re.I)
        and not any(k.search(q) for k, _ in _QUALIFIER_KEYS)
        and q.lower() not in obj.lower()
        and not _FROM_ENDING.match(q)  # "from being disbanded" is the act a keep ask opposes
    ]
    if described:
        obj = f"{obj} {' '.join(described)}"
    matched_ask = (
        ask
        if obj == ask.object
        else Ask(ask.text, ask.action, obj, ask.qualifiers, ask.span, ask.source, ask.negated)
    )
    if cls.name.startswith("halt-"):
        # "Stop the closure of the Dover passport office": the office is what the response names
        inner = _inner_change(matched_ask.object)
        planned = _PLAN_TO.match(matched_ask.object)
        rest = (
            ["", inner[1]]
            if inner is not None and _object_head(matched_ask.object) not in change_nouns()
            else ["", matched_ask.object[planned.end(1) :].strip()]
            if planned is not None and _object_head(matched_ask.object) not in change_nouns()
            else re.split(r"\bof\b|\bto\b|\bat\b|\bin\b", matched_ask.object, maxsplit=1)
        )
        if len(rest) == 2 and rest[1].strip():
            matched_ask = Ask(
                ask.text,
                ask.action,
                rest[1].strip(),
                ask.qualifiers,
                ask.span,
                ask.source,
                ask.negated,
            )
    model = ask_model(matched_ask, petition, text, syn, cfg)
    vmap = vocab_map(model, vocab, cfg)
    rels: list[float] = []
    matches = []
    for info in infos:
        m = match(model, info.sentence.text, info.stems, vmap)
        r = score(m, cfg)
        if info.names_petition:
            r = max(r, cfg.petition_reference_relevance)
        rels.append(r)
        matches.append(m)
    # a summary line of a response that is about the ask speaks to the ask ("The Government does
    # not intend to introduce legislation.")
    summary_on_topic = max(rels, default=0.0) >= cfg.on_ask_relevance
    cands: list[_Candidate] = []
    devolved: list[_SentInfo] = []
    declines_any: list[tuple[_SentInfo, Clause]] = []

    # context: a sentence inherits a decaying share of the sentence before it in its paragraph
    # (anaphora: "We have considered this. Publishing it would not be in the public interest");
    # the petition is the antecedent of the response's first sentence ("We will not do so")
    # (two chains: declines and deferrals may take the petition as their antecedent anywhere in
    # the first paragraph - "We have considered this carefully. We will not do so." - while a
    # commitment or a contrary act must name what it is about, or follow an anaphoric opening)
    def carried(first: float) -> list[float]:
        out: list[float] = []
        for k, info in enumerate(infos):
            if k == 0:
                prev = first
            elif infos[k - 1].sentence.paragraph == info.sentence.paragraph:
                prev = out[k - 1]
            else:
                prev = 0.0
            out.append(max(rels[k], cfg.context_carry * prev))
        return out

    chain = carried(1.0)
    opening = infos[0].sentence.text if infos else ""
    strict_chain = carried(1.0 if _ANAPHORIC_START.match(opening) else 0.0)
    # a decline may name its object sentences earlier in the paragraph ("... a reduced rate of
    # VAT ... There are no plans to extend the scope"): the paragraph's best relevance carries
    para_best: dict[int, float] = {}
    for k, info in enumerate(infos):
        p_ = info.sentence.paragraph
        para_best[p_] = max(para_best.get(p_, 0.0), rels[k])
    for k, info in enumerate(infos):
        sent = info.sentence
        context = chain[k]
        decline_context = max(context, cfg.context_carry * para_best[sent.paragraph])
        # a short summary stands for the whole response: its first sentence's subject carries
        if k > 0 and info.in_summary and infos[k - 1].in_summary:
            context = max(context, cfg.context_carry * rels[k - 1])
        for clause in info.clauses:
            clause, from_prev = _accepted_negative_advice(text, clause, infos, k)
            if clause.family == "devolved":
                devolved.append(info)
                continue
            if clause.family in _DECLINE:
                declines_any.append((info, clause))
            ctext = text[clause.start : clause.end]
            if len(info.clauses) == 1:
                crel = rels[k]
            else:
                cm = match(model, ctext, content_stems(ctext), vmap)
                crel = score(cm, cfg)
                if _PETITION_REFERENCE.search(ctext):
                    crel = max(crel, cfg.petition_reference_relevance)
            if (
                others
                and crel < cfg.on_ask_relevance
                and len(others & set(content_stems(ctext))) >= min(2, len(others))
            ):
                continue  # "and the freeze in fuel duty will continue": the other ask's clause
            if (
                others
                and clause.family == "status-quo"
                and _status_quo_of_other(
                    text[clause.start : clause.cue_start], crel, model, cfg, vmap
                )
            ):
                # with several asks, "the exemption will remain" keeps what another ask is about
                continue
            if from_prev:
                crel = max(crel, rels[k - 1])  # the advice it accepts is the antecedent
            if clause.family in _DECLINE:
                ctx = decline_context
            elif (
                clause.family in _DEFER
                or clause.family in _LOOP
                or clause.family
                in (
                    "conditional",
                    "status-quo",
                )
            ):
                ctx = context
            else:
                ctx = max(strict_chain[k], rels[k])
            cand = _clause_candidates(
                ask,
                model,
                cls,
                info,
                clause,
                crel,
                ctx,
                text,
                para_text_of(sent),
                cfg,
                summary_on_topic,
                vmap,
            )
            if cand is not None:
                cands.append(cand)
    # devolved or operational: a refusal only where a decline stands beside it
    for info in devolved:
        if rels[info.sentence.index] < cfg.topic_relevance and max(rels, default=0) < 0.4:
            continue
        # (a decline a few sentences on still gives the ground: "... an operational matter for
        # each company. [The regulator monitors ...] The Government will not intervene")
        near = [(i, c) for i, c in declines_any if abs(i.sentence.index - info.sentence.index) <= 3]
        if near:
            i, c = near[0]
            cands.append(
                _Candidate(
                    "no.devolved",
                    ask.text,
                    c,
                    i.sentence,
                    max(rels[i.sentence.index], 0.4),
                    i.position,
                    "change",
                    "declines to act: a matter for another body",
                    0,
                )
            )
    max_rel = max(rels, default=0.0)
    if devolved and not any(c.outcome in ("yes", "partly", "no") for c in cands):
        # "a matter for the Scottish Government": without a decline it passes the ask on, and a
        # review loop beside it does not make it a deferral of the ask
        cands = [
            c for c in cands if c.relevance >= cfg.on_ask_relevance and c.stance.family not in _LOOP
        ]
    decider, row, conflict = _decide(cands)
    if decider is None:
        # a sentence about a sibling of the ask ("the breast screening programme" for bowel
        # cancer screening) is about another thing, not the ask's subject
        topical = [
            k
            for k, r in enumerate(rels)
            if r >= cfg.topic_relevance and not (matches[k].sibling and not matches[k].head)
        ]
        if not topical and infos and _ANAPHORIC_START.match(infos[0].sentence.text):
            topical = [0]  # "This is a matter for ...": about the petition, by anaphora
        if topical:
            k = max(topical, key=lambda j: rels[j])
            sent = infos[k].sentence
            words_named = ", ".join(matches[k].matched) or "its terms"
            ev = (
                Evidence(
                    "deflected.topic-without-position",
                    sent.span,
                    sent.text,
                    f"names the ask's subject ({words_named}) but states no position on it",
                    "response",
                    ask.text,
                ),
            )
            conf = 0.55 + 0.3 * min(1.0, max_rel)
            return _AskResult(
                AskOutcome(
                    ask,
                    Verdict.DEFLECTED,
                    None,
                    0.0,
                    ev,
                    None,
                    "deflected.topic-without-position",
                    round(conf, 3),
                ),
                max_rel,
                tuple(rels),
                False,
                None,
            )
        conf = 0.9 if max_rel < 0.1 else 0.6
        return _AskResult(
            AskOutcome(
                ask, Verdict.NOT_ADDRESSED, None, 0.0, (), None, "not-addressed.absent", conf
            ),
            max_rel,
            tuple(rels),
            False,
            None,
        )
    verdict = {
        "yes": Verdict.ANSWERED_YES,
        "partly": Verdict.ANSWERED_PARTLY,
        "no": Verdict.ANSWERED_NO,
        "deferred": Verdict.DEFERRED,
    }[row.split(".", 1)[0]]
    downgrade = decider.downgrade if verdict is Verdict.ANSWERED_PARTLY else None
    if row == "partly.refuses-part" and downgrade is None:
        downgrade = Downgrade(
            ask.text, _offered(text, decider.stance), decider.sentence.span, "scope"
        )
    evidence = [_evidence(decider, row, ask)]
    seen = {decider.sentence.index}
    for other in sorted(cands, key=lambda x: -x.weight):
        if other.sentence.index in seen or len(evidence) >= 3:
            continue
        seen.add(other.sentence.index)
        agrees = other.outcome == row.split(".", 1)[0]
        evidence.append(_evidence(other, other.row, ask, "" if agrees else "against the verdict: "))
    conf = decider.stance.strength * (0.55 + 0.45 * min(1.0, decider.relevance))
    if conflict:
        conf *= 0.6
    level = decider.level
    if verdict is Verdict.ANSWERED_PARTLY and row == "partly.refuses-part":
        level = max(level, 4) if decider.outcome != "no" else level
    return _AskResult(
        AskOutcome(
            ask, verdict, level, 0.0, tuple(evidence), downgrade, row, round(min(1.0, conf), 3)
        ),
        max_rel,
        tuple(rels),
        conflict,
        decider,
    )


def _combine(results: Sequence[_AskResult]) -> tuple[Verdict, str]:
    primary = [r.outcome for r in results]
    if len(primary) == 1:
        return primary[0].verdict, "single"
    verdicts = [o.verdict for o in primary]
    if len(set(verdicts)) == 1:
        return verdicts[0], "all-same"
    answered = [v for v in verdicts if v.answered]
    if answered and len(answered) == len(verdicts):
        return Verdict.ANSWERED_PARTLY, "all-answered-mixed"
    if answered:
        if all(v is Verdict.ANSWERED_NO for v in answered):
            # declining one ask and passing over another is a refusal, not a partial grant
            return Verdict.ANSWERED_NO, "some-declined"
        return Verdict.ANSWERED_PARTLY, "some-answered"
    order = [Verdict.DEFERRED, Verdict.DEFLECTED, Verdict.NOT_ADDRESSED]
    return min(verdicts, key=order.index), "none-answered"


#: The most asks a caller may pass to :func:`assess` (``asks=``); each is judged against every
#: sentence of the response.
MAX_USER_ASKS = 50


def _as_asks(asks: Sequence[Ask | str] | Ask | str | None, petition: Petition) -> tuple[Ask, ...]:
    if asks is None:
        return extract_asks(petition)
    if isinstance(asks, (Ask, str)):
        asks = [asks]
    if isinstance(asks, (bytes, dict)) or not isinstance(asks, (list, tuple)):
        raise InputError(
            "asks must be a list of Ask objects or strings such as 'Publish the report in "
            f"full', not {type(asks).__name__}"
        )
    out: list[Ask] = []
    for a in asks:
        if len(out) == MAX_USER_ASKS:
            raise InputTooLargeError(
                f"more than {MAX_USER_ASKS} asks: judge them in groups, or pass None to read "
                "the asks from the petition"
            )
        if isinstance(a, Ask):
            if len(a.text) > MAX_ASK_CHARS:
                make_ask(a.text)  # the same error, said once
            if not any(ch.isalnum() for ch in a.text):
                raise InputError("an Ask needs its words in text, e.g. 'Publish the report'")
            if len(a.object) + sum(len(q) for q in a.qualifiers) > MAX_ASK_CHARS:
                raise InputTooLargeError(
                    f"an Ask's object and qualifiers are more than {MAX_ASK_CHARS:,} characters: "
                    "give the thing asked for and its conditions, a sentence or two"
                )
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


def _first_sentence_end(action: str) -> int:
    """Where the headline's first sentence ends (offsets into Petition.text, which starts with
    the action)."""
    m = re.search(r"[.!?](?:\s+(?=[A-Z])|\s*$)", action)
    return m.end() if m else len(action)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, x))))


def _logistic(
    intercept: float, weights: tuple[tuple[str, float], ...], features: dict[str, float]
) -> tuple[tuple[DirectnessTerm, ...], float]:
    """A fitted logistic model's terms (intercept first) and its value, unrounded."""
    w = dict(weights)
    terms = (
        DirectnessTerm("intercept", 1.0, intercept),
        *(DirectnessTerm(k, v, w.get(k, 0.0)) for k, v in features.items()),
    )
    return terms, _sigmoid(sum(t.contribution for t in terms))


def _directness(
    cfg: JudgeConfig, features: dict[str, float]
) -> tuple[tuple[DirectnessTerm, ...], float]:
    """The fitted sum's terms (intercept first) and its logistic, rounded to 4 places."""
    terms, value = _logistic(cfg.directness_intercept, cfg.directness_weights, features)
    return terms, round(value, 4)


def confidence_features(
    verdict: Verdict,
    rule_confidence: float,
    directness: dict[str, float],
    *,
    conflict: bool,
    mixed: bool,
    faint: bool,
    n_asks: int,
) -> dict[str, float]:
    """The named features the fitted confidence model reads (see data/judge.toml): the deciding
    rule's own strength, the verdict, the directness features (how clearly and early a position
    names the ask, the summary, a process, the share off the asks), and the signs of thin or
    contradictory evidence."""
    return {
        "rule_confidence": round(rule_confidence, 4),
        **{
            f"verdict_{v.value.replace('answered-', '').replace('-', '_')}": (
                1.0 if verdict is v else 0.0
            )
            for v in Verdict
            if v is not Verdict.NOT_ADDRESSED
        },
        "position_relevance": directness.get("position_relevance", 0.0),
        "summary_relevance": directness.get("summary_relevance", 0.0),
        "position_early": directness.get("position_early", 0.0),
        "process": directness.get("process", 0.0),
        "off_ask_share": directness.get("off_ask_share", 0.0),
        "asks_answered_share": directness.get("asks_answered_share", 0.0),
        "conflict": 1.0 if conflict else 0.0,
        "asks_differ": 1.0 if mixed else 0.0,
        "faint": 1.0 if faint else 0.0,
        "several_asks": 1.0 if n_asks > 1 else 0.0,
    }


def _confidence(
    cfg: JudgeConfig, features: dict[str, float], rule_confidence: float
) -> tuple[tuple[DirectnessTerm, ...], float]:
    """The fitted confidence's terms and value; the rule's strength when no model is set."""
    if not cfg.confidence_weights:
        return (), round(rule_confidence, 3)
    terms, value = _logistic(cfg.confidence_intercept, cfg.confidence_weights, features)
    return terms, round(value, 3)


def directness_features(
    verdict: Verdict,
    row: str,
    results: Sequence[_AskResult],
    infos: Sequence[_SentInfo],
    deflection: float,
) -> dict[str, float]:
    """The named features the fitted directness model reads (see data/judge.toml)."""
    main = results[0]
    summary = [i for i in infos if i.in_summary] or list(infos[:1])
    summary_rel = max((main.relevance[i.sentence.index] for i in summary), default=0.0)
    d = main.decider
    early = 0.0
    if d is not None and verdict.answered:
        early = 1.0 if d.position >= 1.0 else (0.6 if d.position >= 0.9 else 0.3)
    process = (
        1.0
        if (
            row.startswith("partly.process")
            or (d is not None and d.stance.family in ("process", "decision"))
        )
        else 0.0
    )
    answered_share = sum(r.outcome.verdict.answered for r in results) / len(results)
    return {
        "position_relevance": round(min(1.0, d.relevance), 4) if d is not None else 0.0,
        "answered": 1.0 if verdict.answered else 0.0,
        "deferred": 1.0 if verdict is Verdict.DEFERRED else 0.0,
        "process": process,
        "summary_relevance": round(min(1.0, summary_rel), 4),
        "position_early": early,
        "asks_answered_share": round(answered_share, 4),
        "off_ask_share": round(deflection, 4),
    }


def assess(
    petition: Petition,
    response: Response,
    *,
    asks: Sequence[Ask | str] | Ask | str | None = None,
    analysis: TextAnalysis | None = None,
    config: JudgeConfig | None = None,
    lexicon: Lexicon | None = None,
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
        when None. Asks from the petition's headline (or given here) decide the verdict together.
    analysis
        The response's :class:`~respcompare.analysis.TextAnalysis` (of ``response.full_text``),
        when the caller has one already; made here (with ``lexicon``) otherwise.
    config
        A :class:`~respcompare.judge.config.JudgeConfig`; the bundled defaults when None.
    lexicon
        The cue lexicon for the analysis (ours when None).
    synonyms
        Curated verb groups and aliases (:func:`respcompare.asks.load_synonyms`); ours when None.
    off_ask_count
        How many of the sentences furthest from the ask to list in ``Assessment.off_ask``.

    >>> from respcompare import Petition, Response
    >>> a = assess(Petition(action="Ban fireworks"),
    ...            Response(text="The Government has no plans to ban fireworks."))
    >>> a.verdict.value, a.commitment, a.evidence[0].rule
    ('answered-no', 0, 'no.declines')
    """
    if not isinstance(petition, Petition):
        raise InputError(f"assess() takes a Petition first, not {type(petition).__name__}")
    if not isinstance(response, Response):
        raise InputError(f"assess() takes a Response second, not {type(response).__name__}")
    if config is not None and not isinstance(config, JudgeConfig):
        raise InputError("config= must be a JudgeConfig (respcompare.judge.JudgeConfig.default())")
    if not isinstance(off_ask_count, int) or isinstance(off_ask_count, bool) or off_ask_count < 0:
        raise InputError("off_ask_count must be a whole number >= 0")
    cfg = config or JudgeConfig.default()
    if synonyms is not None and not isinstance(synonyms, Synonyms):
        raise InputError("synonyms= must be a Synonyms (respcompare.asks.load_synonyms())")
    if analysis is not None and not isinstance(analysis, TextAnalysis):
        raise InputError(
            "analysis= must be the response's TextAnalysis (respcompare.analysis.analyse), not "
            f"{type(analysis).__name__}"
        )
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        raise InputError("lexicon= must be a Lexicon (respcompare.lexicon.load_lexicon(path))")
    syn = synonyms or load_synonyms()
    ask_list = _as_asks(asks, petition)
    text = response.full_text
    if analysis is None:
        analysis = analyse(text, lexicon=lexicon)
    else:
        analysis.check(text)
    reasons: list[str] = []
    sents = analysis.segmentation.sentences
    if len(sents) > cfg.max_sentences:
        reasons.append(f"only the first {cfg.max_sentences} of {len(sents)} sentences were read")
        sents = sents[: cfg.max_sentences]
    n = len(sents)
    starts = [s.start for s in sents]
    cues_by_sent: dict[int, list[Cue]] = {}
    for c in analysis.cues:
        k = bisect.bisect_right(starts, c.span.start) - 1
        if 0 <= k < n and c.span.start < sents[k].end:
            cues_by_sent.setdefault(k, []).append(c)
    summary_end = response.summary_span.end if response.summary_span is not None else -1
    long_clause = False
    infos: list[_SentInfo] = []
    for s in sents:
        clauses = read_clauses(
            text,
            cues_by_sent.get(s.index, ()),
            start=s.start,
            end=s.end,
            max_clause_chars=cfg.max_clause_chars,
        )
        long_clause = long_clause or any(c.end - c.start > cfg.max_clause_chars for c in clauses)
        infos.append(
            _SentInfo(
                s,
                tuple(content_stems(s.text)),
                tuple(clauses),
                _position(s, response, n),
                s.end <= summary_end,
                _PETITION_REFERENCE.search(s.text) is not None,
            )
        )
    if long_clause:
        reasons.append(f"a clause longer than {cfg.max_clause_chars} characters was read in part")
    # the context a commitment's qualifiers and object are looked for in: its sentence and up to
    # three before and one after in the same paragraph, at most _WINDOW_CHARS characters (a
    # bounded window, so a giant paragraph costs linear time, not quadratic)
    windows: dict[int, str] = {}

    def window(sent: Sentence) -> str:
        k = sent.index
        if k not in windows:
            parts = [x.text for x in sents[max(0, k - 3) : k + 2] if x.paragraph == sent.paragraph]
            joined = " ".join(parts)
            if len(joined) > _WINDOW_CHARS:
                at = joined.find(sent.text[:200])
                lo = max(0, min(at, len(joined)) - _WINDOW_CHARS // 2)
                joined = joined[lo : lo + _WINDOW_CHARS]
            windows[k] = joined
        return windows[k]

    ask_stems = [frozenset(content_stems(a.object or a.text)) for a in ask_list]
    vocab = tuple(sorted({x for i in infos for x in i.stems}))
    results = [
        _judge_ask(
            a,
            petition,
            response,
            text,
            infos,
            window,
            syn,
            cfg,
            vocab,
            frozenset().union(*(s for j, s in enumerate(ask_stems) if j != i)) - ask_stems[i],
        )
        for i, a in enumerate(ask_list)
    ]
    # the asks that decide together: the user's, or those of the headline's first sentence
    # ("Trigger Article 16. We want unfettered trade." asks one thing and says why)
    first_end = _first_sentence_end(petition.action)
    primary = [
        r
        for r in results
        if r.outcome.ask.source == "user"
        or (
            r.outcome.ask.source == "action"
            and (r.outcome.ask.span is None or r.outcome.ask.span.start < first_end)
        )
    ] or results[:1]
    verdict, combine_row = _combine(primary)
    main = primary[0]
    if combine_row in ("single", "all-same"):
        row = main.outcome.rule or ""
        decider_result = main
    else:
        row = f"combine.{combine_row}"
        decider_result = next((r for r in primary if r.outcome.verdict.answered), main)
    # deflection share: characters of sentences about none of the asks
    rel_by_sent = [max(r.relevance[k] for r in results) for k in range(n)]
    total = sum(len(s.span) for s in sents) or 1
    off = sum(len(s.span) for s in sents if rel_by_sent[s.index] < cfg.topic_relevance)
    deflection = off / total
    terms, directness = _directness(
        cfg, directness_features(verdict, row, primary, infos, deflection)
    )
    outcomes = []
    for r in results:
        o = r.outcome
        _, d1 = _directness(
            cfg, directness_features(o.verdict, o.rule or "", [r], infos, deflection)
        )
        outcomes.append(
            AskOutcome(
                o.ask,
                o.verdict,
                o.commitment,
                d1,
                o.evidence,
                o.downgrade,
                o.rule,
                o.confidence,
            )
        )
    # evidence: the deciding ask's evidence first, then the other asks'
    ordered = [decider_result] + [r for r in results if r is not decider_result]
    evidence: list[Evidence] = []
    for r in ordered:
        evidence.extend(r.outcome.evidence)
    if combine_row not in ("single", "all-same") and evidence:
        first = evidence[0]
        evidence[0] = Evidence(
            row,
            first.span,
            first.text,
            "asks: "
            + "; ".join(f"{o.ask.text!r} {o.verdict.value}" for o in (p.outcome for p in primary))
            + f" | {first.note}",
            first.source,
            first.ask,
        )
    downgrade = decider_result.outcome.downgrade if verdict is Verdict.ANSWERED_PARTLY else None
    if verdict is Verdict.ANSWERED_PARTLY and downgrade is None and combine_row == "some-answered":
        dodged = next(r for r in primary if not r.outcome.verdict.answered)
        downgrade = Downgrade(dodged.outcome.ask.text, "no position on this ask", None, "ask")
    commitment = decider_result.outcome.commitment if verdict is not Verdict.DEFLECTED else None
    if verdict is Verdict.NOT_ADDRESSED:
        commitment = None
    confs = [r.outcome.confidence or 0.0 for r in primary]
    rule_confidence = min(confs) if combine_row not in ("single",) else confs[0]
    mixed = combine_row not in ("single", "all-same")
    conflict = any(r.conflict for r in primary)
    faint = (
        verdict.answered
        and main.decider is not None
        and main.decider.relevance < cfg.on_ask_relevance + 0.1
    )
    conf_terms, confidence = _confidence(
        cfg,
        confidence_features(
            verdict,
            rule_confidence,
            {t.name: t.value for t in terms},
            conflict=conflict,
            mixed=mixed,
            faint=faint,
            n_asks=len(primary),
        ),
        rule_confidence,
    )
    # a person should check: what the judge could not read and a response that both grants and
    # declines the ask, always; the weaker signs only with a low confidence
    if conflict:
        reasons.append("the response both grants and declines the ask in places")
    if confidence < cfg.review_below:
        reasons.append(f"confidence {confidence:.2f} is under {cfg.review_below}")
        if mixed:
            reasons.append(
                "the petition's asks were judged differently ("
                + "; ".join(f"{r.outcome.ask.text!r}: {r.outcome.verdict.value}" for r in primary)
                + ")"
            )
        if faint:
            reasons.append("the deciding sentence names the ask only faintly")
    off_sents = sorted(
        (s for s in sents if len(s.text.split()) >= 5),
        key=lambda s: (rel_by_sent[s.index], -len(s.span), s.index),
    )[:off_ask_count]
    off_ask = tuple(
        Evidence(
            "judge.off-ask",
            s.span,
            s.text,
            f"relevance to the asks {rel_by_sent[s.index]:.2f}",
            "response",
            None,
        )
        for s in sorted(off_sents, key=lambda s: s.index)
    )
    rules = Assessment(
        verdict=verdict,
        directness=directness,
        commitment=commitment,
        asks=tuple(outcomes),
        evidence=tuple(evidence),
        response_label=response.label,
        off_ask=off_ask,
        deflection_share=round(deflection, 4),
        downgrade=downgrade,
        confidence=round(confidence, 3),
        needs_review=bool(reasons),
        review_reasons=tuple(dict.fromkeys(reasons)),
        directness_terms=terms,
        confidence_terms=conf_terms,
        rule=row,
        limits_hit=analysis.limits_hit,
    )
    if cfg.learned_override_above >= 1.0:
        return rules
    return apply_learned(
        rules,
        petition,
        response,
        model=VerdictModel.default(),
        override_above=cfg.learned_override_above,
        review_below=cfg.review_below,
        analysis=analysis,
    )
