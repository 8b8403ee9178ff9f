"""Frozen dataclasses shared by every stage: what goes in and what comes out.

Strings in, frozen dataclasses out. Every :class:`Span` is a half-open character range into the
text it came from, so ``text[span.start:span.end] == span.text`` always holds. For a
:class:`Response`, that text is :attr:`Response.full_text` (the summary, a blank line, then the
details), the response as the petition site shows it.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .errors import EmptyTextError, InputError, InputTooLargeError

__all__ = [
    "MAX_RESPONSES",
    "MAX_TEXT_CHARS",
    "Ask",
    "AskOutcome",
    "Assessment",
    "Attachment",
    "Case",
    "Cue",
    "DirectnessTerm",
    "Downgrade",
    "Evidence",
    "LearnedReading",
    "Petition",
    "Response",
    "Span",
    "SpanView",
    "Update",
    "Verdict",
    "parse_date",
    "plain_text",
    "replace_surrogates",
]


class Verdict(StrEnum):
    """How a response stands against the petition's ask.

    The Committee's test is directness, not agreement: a clear "no" is an answer.

    >>> Verdict("answered-partly").answered
    True
    >>> Verdict.DEFLECTED.answered
    False
    """

    ANSWERED_YES = "answered-yes"
    ANSWERED_PARTLY = "answered-partly"
    ANSWERED_NO = "answered-no"
    DEFERRED = "deferred"
    DEFLECTED = "deflected"
    NOT_ADDRESSED = "not-addressed"

    @property
    def answered(self) -> bool:
        """True for the three verdicts that take a position on the ask."""
        return self in (Verdict.ANSWERED_YES, Verdict.ANSWERED_PARTLY, Verdict.ANSWERED_NO)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into one owning text, with the text it covers.

    >>> s = Span.of("We will publish.", 3, 15)
    >>> s.text
    'will publish'
    >>> len(s)
    12
    """

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise InputError(f"span [{self.start}, {self.end}) is not a valid half-open range")
        if len(self.text) != self.end - self.start:
            raise InputError(
                f"span [{self.start}, {self.end}) has {len(self.text)} characters of text; "
                f"expected {self.end - self.start}"
            )

    @classmethod
    def trusted(cls, start: int, end: int, text: str) -> Span:
        """``Span(start, end, text)`` without the checks, for a slice the caller made itself
        (``text == whole[start:end]``): segmentation and alignment make one per sentence, up to
        50,000 for a text at the size limit, and the checked constructor is a third of the time.
        """
        o = object.__new__(cls)
        _SPAN_SET_START(o, start)
        _SPAN_SET_END(o, end)
        _SPAN_SET_TEXT(o, text)
        return o

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``[start, end)`` of ``text``; raises InputError when it does not fit."""
        if not 0 <= start <= end <= len(text):
            raise InputError(f"span [{start}, {end}) does not fit a text of {len(text)} characters")
        return cls(start, end, text[start:end])

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


# the slot setters :meth:`Span.trusted` fills a new span through
_SPAN_SET_START, _SPAN_SET_END, _SPAN_SET_TEXT = (
    getattr(Span, f).__set__ for f in ("start", "end", "text")
)


_ISO_DATE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$",
    re.ASCII,
)
#: The one month table: each month's names (full name first), January first. Date parsing, due
#: dates and the cue engine read it.
_MONTH_GROUPS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
#: Month names, lower case, January first.
MONTH_NAMES: tuple[str, ...] = tuple(names[0] for names in _MONTH_GROUPS)
#: Every month name or abbreviation (lower case) -> its number, 1..12.
MONTHS: dict[str, int] = {m: i for i, names in enumerate(_MONTH_GROUPS, start=1) for m in names}
_MONTHS = MONTHS
_LONG_DATE = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*$", re.ASCII)


def parse_date(value: str | _dt.date | None, *, what: str = "date") -> _dt.date | None:
    """Read a date given as ISO (``2020-04-24``, with or without a time) or as ``24 April 2020``.

    >>> parse_date("24 April 2020")
    datetime.date(2020, 4, 24)
    >>> parse_date("2020-05-19T10:00:00Z")
    datetime.date(2020, 5, 19)
    """
    if value is None or isinstance(value, _dt.date):
        if isinstance(value, _dt.datetime):
            return value.date()
        return value
    if not isinstance(value, str):
        raise InputError(
            f"{what} must be a string such as '2020-04-24', not {type(value).__name__}"
        )
    if not value.strip():
        return None
    if len(value) > 64:
        raise InputError(
            f"cannot read {what} {value[:40]!r}... ({len(value):,} characters): give it as "
            "YYYY-MM-DD (e.g. '2020-04-24') or as '24 April 2020'"
        )
    try:
        m = _ISO_DATE.match(value)
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _LONG_DATE.match(value)
        if m and m[2].lower() in _MONTHS:
            return _dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        pass
    raise InputError(
        f"cannot read {what} {value!r}: give it as YYYY-MM-DD (e.g. '2020-04-24') "
        "or as '24 April 2020'"
    )


#: The longest text (in characters) a Petition or Response field may hold. Reviewing 100,000
#: characters takes about 0.7 s (benchmarks/bench_size.py, median); the cue engine grows faster
#: than linearly past that (about 14 s for 1 MB). Real responses are under 20,000 characters.
#: Past the limit, InputTooLargeError says to split the text.
#: Control characters, NUL, zero-width and bidirectional marks are kept as they are: spans index
#: the text exactly as given.
MAX_TEXT_CHARS = 100_000

#: The most responses one :class:`Case` may hold. Each response is judged, profiled and aligned
#: with the one before it (about 7 ms each for real responses, up to seconds each at the text
#: limit); real petitions have one or two. Past the limit, InputTooLargeError says to split the
#: case.
MAX_RESPONSES = 50


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (``"\\ud800"``..``"\\udfff"``) replaced by U+FFFD.

    A lone surrogate is valid JSON (``"\\ud800"``) and a valid Python string, but no encoder
    can write it. The replacement keeps the length, so every offset into the text the caller
    passed is still valid.

    >>> replace_surrogates("a \\udfff.")
    'a \ufffd.'
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _not_a_string(value: object, what: str) -> InputError:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return InputError(
            f"{what} must be a string, not {type(value).__name__}: decode it first, "
            "e.g. data.decode('utf-8')"
        )
    return InputError(f"{what} must be a string, not {type(value).__name__}")


# Characters that change how a text is read without being seen: soft hyphen, the zero-width
# space, joiners and marks, the bidirectional controls, the word joiner and the invisible
# operators, the byte-order mark (Unicode category Cf). "no\u200bt" reads as "not" to a person
# and as two words to a program: an adversarial probe turned refusals into "answered-yes" this
# way. They carry no meaning in a government response, so they are removed.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Fullwidth ASCII forms ("ｎｏｔ") and the ideographic space read as their ASCII letters.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# A combining mark on an ASCII letter that NFC cannot compose with it ("n\u0308ot").
_MARK_ON_ASCII = re.compile(
    "(?<=[A-Za-z])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


# Letters of other scripts that look like Latin ones (Cyrillic, Greek, Armenian; Unicode's
# confusables list, confusables.txt), read as the Latin letter when a Latin letter stands
# beside them: "n\u043et" (a Cyrillic o) is "not" to a reader. A word wholly in another script
# is left as it is.
_LOOKALIKE = {
    "\u0430": "a",
    "\u0435": "e",
    "\u043e": "o",
    "\u0440": "p",
    "\u0441": "c",
    "\u0445": "x",
    "\u0443": "y",
    "\u0456": "i",
    "\u0458": "j",
    "\u0455": "s",
    "\u0501": "d",
    "\u04bb": "h",
    "\u0410": "A",
    "\u0412": "B",
    "\u0415": "E",
    "\u041a": "K",
    "\u041c": "M",
    "\u041d": "H",
    "\u041e": "O",
    "\u0420": "P",
    "\u0421": "C",
    "\u0422": "T",
    "\u0425": "X",
    "\u03bf": "o",
    "\u03b1": "a",
    "\u03b5": "e",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bd": "v",
    "\u03c1": "p",
    "\u03c4": "t",
    "\u039f": "O",
    "\u0391": "A",
    "\u0392": "B",
    "\u0395": "E",
    "\u0585": "o",
    "\u0578": "n",
    "\u057d": "u",
    "\u0570": "h",
}
_LOOKALIKE_IN_LATIN = re.compile(
    "(?<=[A-Za-z])[" + "".join(_LOOKALIKE) + "]|[" + "".join(_LOOKALIKE) + "](?=[A-Za-z])"
)
# A mark on a letter of "not", "no" or "never" ("n\u00f3t"): the word a refusal turns on.
_MARKED_NEGATION = re.compile(
    "\\b(?:n[o\u00f2\u00f3\u00f4\u00f5\u00f6\u014d][t\u0165]?|n[e\u00e8\u00e9\u00ea\u00eb]v[e\u00e8\u00e9\u00ea\u00eb]r)\\b",
    re.I,
)


def _unmark(m: re.Match[str]) -> str:
    word = unicodedata.normalize("NFD", m.group(0))
    return "".join(ch for ch in word if not unicodedata.combining(ch))


def plain_text(text: str) -> str:
    """``text`` as every stage reads it: NFC-composed, invisible format characters removed,
    fullwidth letters as ASCII, and a combining mark on an ASCII letter that NFC cannot compose
    removed. Plain ASCII is returned as it is. Responses, petitions, updates and attachments
    hold their text this way, so every span indexes the text they hold.

    >>> plain_text("We will no\u200bt ban it."), plain_text("\uff4e\uff4f\uff54")
    ('We will not ban it.', 'not')
    >>> plain_text("cafe\u0301") == "caf\u00e9"
    True
    """
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text).translate(_FULLWIDTH)
    text = _MARK_ON_ASCII.sub("", text)
    text = _LOOKALIKE_IN_LATIN.sub(lambda m: _LOOKALIKE[m.group(0)], text)
    return _MARKED_NEGATION.sub(_unmark, text)


def _check_size(value: str, what: str) -> str:
    if len(value) > MAX_TEXT_CHARS:
        raise _too_large(len(value), what)
    out = plain_text(replace_surrogates(value))
    if len(out) > MAX_TEXT_CHARS:  # NFC can lengthen a text ("\ufb2c" is three characters)
        raise _too_large(len(out), what)
    return out


def _too_large(n: int, what: str) -> InputTooLargeError:
    return InputTooLargeError(
        f"{what} has {n:,} characters, more than the limit of {MAX_TEXT_CHARS:,}: "
        "split it into parts (e.g. by section) and review each part"
    )


def _require_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _not_a_string(value, what)
    text = _check_size(value, what)
    if not text.strip():
        raise EmptyTextError(f"{what} is empty: give the text with at least one word")
    return text


def _optional_text(value: object, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _not_a_string(value, what)
    return _check_size(value, what)


def _strings(values: Iterable[str] | str | None, what: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    if not isinstance(values, Iterable) or isinstance(values, (bytes, bytearray, Mapping)):
        raise InputError(f"{what} must be a list of strings, not {type(values).__name__}")
    out = tuple(values)
    for v in out:
        if not isinstance(v, str):
            raise InputError(f"{what} must be strings, not {type(v).__name__}")
    return tuple(_check_size(v, what) for v in out)


def _optional_name(value: object, what: str) -> str | None:
    """A short optional string field (department, sign-off, URL): a str or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _not_a_string(value, what)
    return _check_size(value, what)


@dataclass(frozen=True, slots=True)
class Petition:
    """A petition: its action (the ask, as a headline), background and additional details.

    >>> p = Petition(action="Release the review in full")
    >>> p.text
    'Release the review in full'
    """

    action: str
    background: str = ""
    additional_details: str = ""
    id: int | None = None
    departments: tuple[str, ...] = ()
    signature_count: int | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        action = _require_text(self.action, "Petition.action")
        if not any(ch.isalnum() for ch in action):
            # a response may be all punctuation and still be reviewed; an ask cannot be read
            raise EmptyTextError("Petition.action has no words: give what the petition asks for")
        object.__setattr__(self, "action", action)
        object.__setattr__(
            self, "background", _optional_text(self.background, "Petition.background")
        )
        object.__setattr__(
            self,
            "additional_details",
            _optional_text(self.additional_details, "Petition.additional_details"),
        )
        object.__setattr__(self, "departments", _strings(self.departments, "Petition.departments"))
        if self.id is not None and (not isinstance(self.id, int) or isinstance(self.id, bool)):
            raise InputError(f"Petition.id must be an int, not {type(self.id).__name__}")
        if self.id is not None and not 0 < self.id < 10**12:
            shown = "a number of more than 12 digits" if abs(self.id) >= 10**12 else str(self.id)
            raise InputError(
                f"Petition.id is a petition number such as 300239 (1 to 12 digits), not {shown}"
            )
        if self.signature_count is not None and (
            not isinstance(self.signature_count, int) or isinstance(self.signature_count, bool)
        ):
            raise InputError(
                "Petition.signature_count must be an int or None, not "
                f"{type(self.signature_count).__name__}"
            )
        if self.signature_count is not None and self.signature_count < 0:
            raise InputError(
                f"Petition.signature_count must be 0 or more, got {self.signature_count}"
            )
        object.__setattr__(self, "url", _optional_name(self.url, "Petition.url"))

    @property
    def text(self) -> str:
        """Action, background and additional details joined by blank lines."""
        return "\n\n".join(t for t in (self.action, self.background, self.additional_details) if t)


class _Memo:
    """A slot for work derived from an immutable object, made on first use and kept with it.

    Not a dataclass field: it takes no part in equality, hashing, ``repr``,
    :func:`dataclasses.fields` or :func:`dataclasses.replace`, and the dataclass pickles only
    its fields, so a copy or a pickled object starts without it.
    """

    __slots__ = ("_memo",)

    def memo(self) -> dict[str, Any]:
        """This object's memo (created empty on first use); its keys name what is kept."""
        memo: dict[str, Any] | None = getattr(self, "_memo", None)
        if memo is None:
            memo = {}
            object.__setattr__(self, "_memo", memo)
        return memo


@dataclass(frozen=True, slots=True, init=False)
class Response(_Memo):
    """One government response: the summary line, the details, and where it stands in the case.

    ``label`` is ``"original"``, ``"revised"`` or ``"single"`` for site data, or any name you give.
    ``notes`` keeps site notes the loader stripped out of the text ("This is a revised
    response. ..."); ``signoff`` keeps the department line that closes a response. The text
    and summary are held as :func:`plain_text` makes them (invisible format characters out,
    fullwidth letters as ASCII), so what a reader sees is what the judge reads.

    >>> r = Response(text="We will publish it.", summary="Yes.", label="revised", date="2020-05-19")
    >>> r.full_text
    'Yes.\\n\\nWe will publish it.'
    >>> r.date
    datetime.date(2020, 5, 19)
    >>> r.details_offset
    6
    """

    text: str
    summary: str
    label: str
    date: _dt.date | None
    department: str | None
    signoff: str | None
    notes: tuple[str, ...]

    def __init__(
        self,
        text: str,
        summary: str = "",
        label: str = "response",
        date: _dt.date | str | None = None,
        department: str | None = None,
        signoff: str | None = None,
        notes: Iterable[str] = (),
    ) -> None:
        if not isinstance(label, str) or not label:
            raise InputError("Response.label must be a non-empty string such as 'original'")
        label = _check_size(label, "Response.label")
        if not label.strip():  # all spaces, or invisible characters plain_text removed
            raise InputError("Response.label must have a visible character, such as 'original'")
        _set = object.__setattr__
        _set(self, "text", _require_text(text, f"the text of response {label!r}"))
        _set(self, "summary", _optional_text(summary, "Response.summary"))
        _set(self, "label", label)
        _set(self, "date", parse_date(date, what=f"the date of response {label!r}"))
        _set(self, "department", _optional_name(department, "Response.department"))
        _set(self, "signoff", _optional_name(signoff, "Response.signoff"))
        _set(self, "notes", _strings(notes, "Response.notes"))

    @property
    def full_text(self) -> str:
        """The summary, a blank line, then the details: the text every response span indexes."""
        if self.summary.strip():
            return f"{self.summary}\n\n{self.text}"
        return self.text

    @property
    def details_offset(self) -> int:
        """Where :attr:`text` starts inside :attr:`full_text`."""
        return len(self.summary) + 2 if self.summary.strip() else 0

    @property
    def summary_span(self) -> Span | None:
        """The summary's span in :attr:`full_text`, or None when there is no summary."""
        if not self.summary.strip():
            return None
        return Span(0, len(self.summary), self.summary)


@dataclass(frozen=True, slots=True, init=False)
class Attachment:
    """A document that gives context to a case but is not a response (e.g. a minister's letter)."""

    title: str
    text: str
    date: _dt.date | None

    def __init__(self, title: str, text: str, date: _dt.date | str | None = None) -> None:
        if not isinstance(title, str):
            raise _not_a_string(title, "Attachment.title")
        object.__setattr__(self, "title", _check_size(title, "Attachment.title"))
        object.__setattr__(self, "text", _require_text(text, f"the text of attachment {title!r}"))
        object.__setattr__(self, "date", parse_date(date, what="Attachment.date"))


@dataclass(frozen=True, slots=True)
class Case:
    """A petition and its responses in order (original first, then revisions).

    >>> c = Case(petition=Petition(action="Do X"), responses=[Response(text="We will do X.")])
    >>> len(c.responses)
    1
    """

    petition: Petition
    responses: tuple[Response, ...]
    attachments: tuple[Attachment, ...] = ()
    source: str | None = None
    updates: tuple[Update, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.petition, Petition):
            raise InputError(
                f"Case.petition must be a Petition, not {type(self.petition).__name__}"
            )
        if isinstance(self.responses, (str, bytes, Mapping)) or not isinstance(
            self.responses, Iterable
        ):
            raise InputError(
                f"Case.responses must be a list of Response objects, not "
                f"{type(self.responses).__name__}"
            )
        responses = tuple(self.responses)
        if not responses:
            raise InputError("a Case needs at least one Response")
        if len(responses) > MAX_RESPONSES:
            raise InputTooLargeError(
                f"a Case has {len(responses):,} responses, more than the limit of "
                f"{MAX_RESPONSES}: split them into several cases"
            )
        for r in responses:
            if not isinstance(r, Response):
                raise InputError(f"Case.responses must be Response objects, not {type(r).__name__}")
        labels = [r.label for r in responses]
        if len(set(labels)) != len(labels):
            raise InputError(
                f"response labels must be unique within a case, got {labels}: "
                "name them e.g. 'original', 'revised', 'revised-2'"
            )
        object.__setattr__(self, "responses", responses)
        if isinstance(self.attachments, (str, bytes, Mapping)) or not isinstance(
            self.attachments, Iterable
        ):
            raise InputError(
                "Case.attachments must be a list of Attachment objects, not "
                f"{type(self.attachments).__name__}"
            )
        attachments = tuple(self.attachments)
        for att in attachments:
            if not isinstance(att, Attachment):
                raise InputError(
                    f"Case.attachments must be Attachment objects, not {type(att).__name__}"
                )
        object.__setattr__(self, "attachments", attachments)
        object.__setattr__(self, "source", _optional_name(self.source, "Case.source"))
        if isinstance(self.updates, (str, bytes, Mapping)) or not isinstance(
            self.updates, Iterable
        ):
            raise InputError(
                f"Case.updates must be a list of Update objects, not {type(self.updates).__name__}"
            )
        updates = tuple(self.updates)
        for u in updates:
            if not isinstance(u, Update):
                raise InputError(f"Case.updates must be Update objects, not {type(u).__name__}")
        object.__setattr__(self, "updates", updates)

    def response(self, label: str) -> Response:
        """The response with this label; raises InputError naming the labels there are."""
        for r in self.responses:
            if r.label == label:
                return r
        raise InputError(
            f"no response labelled {label!r}; this case has {[r.label for r in self.responses]}"
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """The quoted text behind a figure: which rule fired, where, and what it shows.

    ``span`` indexes the text named by ``source`` (``"response"``: the response's
    :attr:`Response.full_text`; ``"petition"``: :attr:`Petition.text`); ``text`` is the quoted
    sentence or phrase, equal to ``span.text``. ``rule`` is the id of the rule that decided (a
    row of the judge's decision table, e.g. ``"refuse.explicit"``); ``ask`` is the text of the ask
    the evidence belongs to, or None for evidence about the whole response.
    """

    rule: str
    span: Span
    text: str
    note: str = ""
    source: str = "response"
    ask: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """A rhetorical cue found in a text.

    ``category`` is one of hedge, weasel, peacock, booster, emotive, commitment, refusal, deferral,
    review-loop, acknowledgement, deontic, permission; ``sense`` refines it (e.g. "epistemic",
    "approximator", "dated"); ``rule`` is the lexicon entry that fired. ``level`` is the rung on
    the commitment ladder (0..5) for cues that take one; ``strength`` a weight in [0, 1];
    ``scope`` the clause the cue governs.
    """

    category: str
    sense: str
    rule: str
    span: Span
    level: int | None = None
    strength: float | None = None
    scope: Span | None = None


@dataclass(frozen=True, slots=True)
class Ask:
    """One thing the petition asks for: an action on an object, narrowed by qualifiers.

    >>> Ask(text="Release the review in full", action="release", object="review",
    ...     qualifiers=("in full",)).qualifiers
    ('in full',)
    """

    text: str
    action: str
    object: str
    qualifiers: tuple[str, ...] = ()
    span: Span | None = None
    source: str = "action"
    negated: bool = False

    def __post_init__(self) -> None:
        for name in ("text", "action", "object", "source"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise InputError(f"Ask.{name} must be a string, not {type(value).__name__}")
        if not isinstance(self.qualifiers, tuple) or not all(
            isinstance(q, str) for q in self.qualifiers
        ):
            raise InputError(
                "Ask.qualifiers must be a tuple of strings such as ('in full',), not "
                f"{type(self.qualifiers).__name__}"
            )
        if self.span is not None and not isinstance(self.span, Span):
            raise InputError(f"Ask.span must be a Span or None, not {type(self.span).__name__}")
        if not isinstance(self.negated, bool):
            raise InputError(f"Ask.negated must be True or False, not {self.negated!r}")


@dataclass(frozen=True, slots=True)
class Downgrade:
    """How a response narrows the ask: what was asked, what is offered instead, and where.

    ``kind`` says how it narrows: ``"qualifier"`` (drops "in full"), ``"scope"`` (a narrower
    object), ``"amount"`` (5% for 10%), ``"timetable"``, ``"pilot"``, ``"guidance"`` (guidance
    for a law), ``"process"`` (a named process with a decision point), ``"in-place"``, or
    ``"ask"`` (one of several asks answered, another not).

    >>> d = Downgrade(asked="in full", offered="a paper setting out key findings")
    >>> str(d)
    '"in full" -> "a paper setting out key findings"'
    """

    asked: str
    offered: str
    span: Span | None = None
    kind: str = "scope"

    def __str__(self) -> str:
        return f'"{self.asked}" -> "{self.offered}"'


@dataclass(frozen=True, slots=True)
class DirectnessTerm:
    """One term of the directness sum: a named feature, its value, its fitted weight.

    ``contribution`` is ``value * weight``; directness is the logistic of the intercept plus the
    contributions, so a report can show the sum that made it.
    """

    name: str
    value: float
    weight: float

    @property
    def contribution(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True, slots=True)
class AskOutcome:
    """How one response stands against one ask."""

    ask: Ask
    verdict: Verdict
    commitment: int | None
    directness: float
    evidence: tuple[Evidence, ...] = ()
    downgrade: Downgrade | None = None
    rule: str | None = None
    confidence: float | None = None

    @property
    def addressed(self) -> bool:
        """True when the response takes a position on this ask."""
        return self.verdict.answered


@dataclass(frozen=True, slots=True)
class LearnedReading:
    """The learned reading of one assessment (:mod:`respcompare.judge.learned`).

    ``verdict`` is the fitted model's most probable verdict and ``probability`` its probability;
    ``rule_verdict`` is what the decision table said and ``rule`` its deciding row; ``applied`` is
    True when the model's verdict replaced it. ``probabilities`` are (verdict, probability) for
    every verdict, most probable first. ``terms`` are the features that separate the model's
    verdict from the rules' (value, and as weight the feature's weight for the model's verdict
    minus its weight for the rules' verdict), largest contribution first; empty when the two
    agree.
    """

    verdict: Verdict
    probability: float
    rule_verdict: Verdict
    applied: bool
    probabilities: tuple[tuple[Verdict, float], ...]
    terms: tuple[DirectnessTerm, ...] = ()
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """A response judged against a petition: verdict, directness, commitment, with evidence.

    ``rule`` is the id of the decision-table row that gave the verdict; ``confidence`` in [0, 1]
    is how likely a careful reader gives the same verdict, and ``needs_review`` flags a verdict a
    person should check (low confidence, contradictory evidence, text not read), with
    ``review_reasons`` saying why.
    ``directness_terms`` are the fitted terms whose sum (through the logistic) is ``directness``,
    and ``confidence_terms`` those whose sum is ``confidence``: how likely, by a model fitted on
    the behavioural suite (``benchmarks/fit_confidence.py``), a careful reader gives the same
    verdict.
    ``limits_hit`` has one note per size limit that bit while judging (e.g. a sentence with more
    than :data:`~respcompare.cues.MAX_CUES_PER_SENTENCE` cues): the verdict then rests on part
    of the evidence. It is empty for real responses; :attr:`capped` says whether it is not.
    ``learned`` is the learned verdict model's reading (:class:`LearnedReading`): its verdict
    beside the rules', and whether it replaced theirs (then ``rule`` is ``"learned.<verdict>"``);
    None when the judge's config turns the model off.
    """

    verdict: Verdict
    directness: float
    commitment: int | None
    asks: tuple[AskOutcome, ...]
    evidence: tuple[Evidence, ...]
    response_label: str = "response"
    off_ask: tuple[Evidence, ...] = ()
    deflection_share: float | None = None
    downgrade: Downgrade | None = None
    confidence: float | None = None
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    directness_terms: tuple[DirectnessTerm, ...] = ()
    rule: str | None = None
    limits_hit: tuple[str, ...] = ()
    confidence_terms: tuple[DirectnessTerm, ...] = ()
    learned: LearnedReading | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.directness <= 1.0:
            raise InputError(f"directness must lie in [0, 1], got {self.directness}")
        if self.commitment is not None and not 0 <= self.commitment <= 5:
            raise InputError(f"commitment must be 0..5 or None, got {self.commitment}")

    @property
    def answered(self) -> bool:
        """True for answered-yes, answered-partly and answered-no."""
        return self.verdict.answered

    @property
    def capped(self) -> bool:
        """True when a size limit bit while judging (see ``limits_hit``)."""
        return bool(self.limits_hit)


class SpanView(Span):
    """A :class:`Span` that reads its text from the owning text when asked, holding no copy.

    Cue scopes are views: many cues in one long clause would otherwise each hold a copy of the
    clause (memory quadratic in the clause length). A view equals, hashes, prints, pickles and
    serialises like the :class:`Span` with the same start, end and text.

    >>> v = SpanView("We will publish.", 3, 15)
    >>> v.text, v == Span(3, 15, "will publish"), len(v)
    ('will publish', True, 12)
    """

    __slots__ = ("_owner",)

    def __init__(self, owner: str, start: int, end: int) -> None:
        if not 0 <= start <= end <= len(owner):
            raise InputError(
                f"span [{start}, {end}) does not fit a text of {len(owner)} characters"
            )
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "_owner", owner)

    @property
    def text(self) -> str:
        """The covered text, sliced from the owning text on each call."""
        owner: str = object.__getattribute__(self, "_owner")
        return owner[self.start : self.end]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Span):
            return (self.start, self.end, self.text) == (other.start, other.end, other.text)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __reduce__(self) -> tuple[type[SpanView], tuple[str, int, int]]:
        return (SpanView, (object.__getattribute__(self, "_owner"), self.start, self.end))


@dataclass(frozen=True, slots=True, init=False)
class Update:
    """What happened after a response: an entry of the petition's ``other_parliamentary_business``
    (a publication, an announcement, a debate), or any later text a user supplies.

    ``date`` is when it happened (None when the source gives no date); ``text`` is the body
    the promises ledger reads.

    >>> u = Update("Paper published", "2020-12-15", "The Home Office published its paper.")
    >>> u.date.isoformat(), u.subject
    ('2020-12-15', 'Paper published')
    """

    subject: str
    date: _dt.date | None
    text: str

    def __init__(self, subject: str, date: _dt.date | str | None, text: str) -> None:
        if not isinstance(subject, str):
            raise _not_a_string(subject, "Update.subject")
        object.__setattr__(self, "subject", _check_size(subject.strip(), "Update.subject"))
        object.__setattr__(self, "date", parse_date(date, what=f"the date of update {subject!r}"))
        object.__setattr__(self, "text", _require_text(text, f"the text of update {subject!r}"))
