"""Petition JSON, plain text and bundled examples -> :class:`~respcompare.model.Case`.

The petition site's JSON carries notes that are not part of any response: "This is a revised
response. The Petitions Committee requested ..." closes a revised response, and the original
response (kept under ``other_parliamentary_business`` with the subject "Original Government
response") closes with "This response was given on ... The Petitions Committee then requested a
revised response ...". The loader strips those notes into :attr:`Response.notes`, reads the
original's date from its note, and keeps the closing department line as :attr:`Response.signoff`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError, InputTooLargeError, PetitionFormatError, UnknownExampleError
from .model import (
    MAX_TEXT_CHARS,
    MONTH_NAMES,
    MONTHS,
    Attachment,
    Case,
    Petition,
    Response,
    Update,
    parse_date,
    replace_surrogates,
)

__all__ = ["case_from_texts", "examples", "load_example", "load_petition", "split_site_notes"]

#: The site's notes, matched whole against the last paragraph only (see split_site_notes).
_REVISED_NOTE = re.compile(
    r"This is a revised response\.\s+The Petitions Committee requested a[^\n]*", re.I
)
_REVISED_START = re.compile(r"This is a revised response\.", re.I)
_ORIGINAL_NOTE = re.compile(
    r"This response was given on (?P<date>[0-9]{1,2}[ \t]+[A-Za-z]+[ \t]+[0-9]{4})\.?"
    r"(?:[ \t]*The Petitions Committee then requested a revised response[^\n]*)?\s*",
    re.I,
)
_ORIGINAL_START = re.compile(r"This response was given on ", re.I)
#: A site note is one paragraph of a few hundred characters; anything longer is not a note.
_MAX_NOTE_CHARS = 600
_ORIGINAL_SUBJECT = re.compile(r"original government response", re.I)

#: Words that name a department when a line holds nothing but a department's name.
_DEPARTMENT_HEADS = frozenset(
    {
        "department",
        "ministry",
        "office",
        "treasury",
        "hmrc",
        "customs",
        "cabinet",
        "leader",
        "attorney",
        "equalities",
        "dfe",
        "dhsc",
        "defra",
        "dcms",
        "dwp",
        "dft",
        "fcdo",
        "mhclg",
        "dluhc",
        "beis",
        "mod",
        "moj",
    }
)
#: Lower-case words a department's name may hold between its capitalised words.
_NAME_LINKS = frozenset({"of", "for", "the", "and", "&", "on"})
_NAME_TOKEN = re.compile(r"[^\s,]+|,")
#: The longest line read as a sign-off (the longest department name has about 60 characters).
_MAX_SIGNOFF_CHARS = 120


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of a literal-prefix pattern (a linear scan, no backtracking)."""
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - keep the last one
        pass
    return last


def _at_line_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t")
    return not before or before.endswith("\n")


def _cut_note(
    text: str, start: re.Pattern[str], note: re.Pattern[str]
) -> tuple[str, re.Match[str] | None]:
    """Cut a site note off the end of ``text``: the note must start a line, be the last
    paragraph, and match ``note`` whole. Linear in ``len(text)``."""
    m = _last_match(start, text)
    if m is None or not _at_line_start(text, m.start()):
        return text, None
    tail = text[m.start() :]
    if len(tail) > _MAX_NOTE_CHARS or "\n\n" in tail.rstrip():
        return text, None
    full = note.fullmatch(tail.rstrip())
    if full is None:
        return text, None
    return text[: m.start()], full


def _newlines(text: str) -> str:
    """Line ends as "\n": Windows "\r\n" and old Mac "\r" alike (the site's notes and the
    summary line are found by line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_site_notes(text: str) -> tuple[str, tuple[str, ...], str | None]:
    """Split the site's notes off the end of a response text.

    Returns the response text, the notes in the order they were cut, and the date named by an
    "This response was given on ..." note (ISO string) or None. A note is recognised only as
    the last paragraph of the text, starting a line, in the site's own words; the same words
    anywhere else are part of the response. Linear in the length of the text.

    >>> body, notes, date = split_site_notes(
    ...     "We will act.\\nHome Office\\nThis response was given on 24 April 2020. "
    ...     "The Petitions Committee then requested a revised response.")
    >>> body, date
    ('We will act.\\nHome Office', '2020-04-24')
    >>> notes[0][:31]
    'This response was given on 24 A'
    """
    if not isinstance(text, str):
        raise InputError(f"split_site_notes takes a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLargeError(
            f"a response text has {len(text):,} characters, more than the limit of "
            f"{MAX_TEXT_CHARS:,}: split it into parts and review each part"
        )
    notes: list[str] = []
    date: str | None = None
    text = text.rstrip()
    text, m = _cut_note(text, _REVISED_START, _REVISED_NOTE)
    if m:
        notes.append(m.group(0).strip())
        text = text.rstrip()
    text, m = _cut_note(text, _ORIGINAL_START, _ORIGINAL_NOTE)
    if m:
        notes.append(m.group(0).strip())
        parsed = parse_date(m.group("date"), what="the date in the site's note")
        date = parsed.isoformat() if parsed else None
    return text.rstrip(), tuple(notes), date


def _is_department_name(line: str, known: frozenset[str]) -> bool:
    """True when ``line`` is a department's name and nothing else ("Home Office",
    "Department for Environment, Food & Rural Affairs"), not a sentence that names one
    ("The Home Office will publish the review.")."""
    bare = line.strip().rstrip(".").strip()
    if not bare or len(bare) > _MAX_SIGNOFF_CHARS:
        return False
    if _normal_name(bare) in known:
        return True
    tokens = _NAME_TOKEN.findall(bare)
    if len(tokens) > 14 or not any(_head_word(t) in _DEPARTMENT_HEADS for t in tokens):
        return False
    for i, tok in enumerate(tokens):
        if tok == "," or (i and tok.lower() in _NAME_LINKS):
            continue
        if not (tok[0].isupper() or tok[0].isdigit()) or tok.endswith((":", ";", "!", "?")):
            return False
    return True


def _head_word(token: str) -> str:
    """``token`` lower-cased without a possessive ("General's" -> "general")."""
    low = token.lower()
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _normal_name(name: str) -> str:
    return " ".join(name.lower().replace("&", "and").replace(",", " ").split())


def _split_signoff(text: str, departments: tuple[str, ...]) -> tuple[str, str | None]:
    """Cut a closing department line ("Home Office") off the end of a response.

    The last line is a sign-off only when it is a department's name alone: one of the
    petition's departments, or a line of capitalised words ending or starting with a
    department word (Department, Ministry, Office, Treasury, HMRC ...).
    """
    stripped = text.rstrip()
    cut = stripped.rfind("\n")
    last = stripped[cut + 1 :].strip()
    if not last or cut < 0:
        return text, None
    known = frozenset(_normal_name(d) for d in departments)
    if _is_department_name(last, known):
        return stripped[: cut + 1].rstrip(), last
    return text, None


#: The largest petition JSON read (file, string or bytes). Real petition files are under
#: 200 kB; each text field is capped at MAX_TEXT_CHARS anyway.
MAX_JSON_BYTES = 8_000_000


def _looks_like_json(source: str) -> bool:
    return source.lstrip("\ufeff \t\r\n").startswith(("{", "["))


def _source_name(source: object) -> str:
    if isinstance(source, Path):
        return replace_surrogates(str(source))
    if isinstance(source, str) and not _looks_like_json(source):
        name = replace_surrogates(source)
        return name if len(name) <= 200 else name[:197] + "..."
    return "<dict>" if isinstance(source, Mapping) else "<json string>"


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _parse_json(raw: str, name: str) -> Any:
    """``json.loads`` with every failure as a PetitionFormatError naming the source."""
    try:
        return json.loads(raw, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise PetitionFormatError(
            f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "download it again from petition.parliament.uk/petitions/<id>.json"
        ) from None
    except _DuplicateKeyError as exc:
        raise PetitionFormatError(
            f"{name}: the key {replace_surrogates(exc.key)[:80]!r} appears twice in one object; "
            "keep one (petition JSON from the site has no duplicate keys)"
        ) from None
    except RecursionError:
        raise PetitionFormatError(
            f"{name}: the JSON is nested too deeply to read; petition JSON is a few levels deep"
        ) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise PetitionFormatError(
            f"{name}: cannot read a value in the JSON ({' '.join(str(exc).split())[:120]}); "
            "download it again from petition.parliament.uk/petitions/<id>.json"
        ) from None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _read_json(source: str | bytes | Path | Mapping[str, Any]) -> Mapping[str, Any]:
    name = _source_name(source)
    if isinstance(source, Mapping):
        return source
    if isinstance(source, (bytes, bytearray)):
        if len(source) > MAX_JSON_BYTES:
            raise InputTooLargeError(
                f"<json bytes>: {len(source):,} bytes, more than the limit of "
                f"{MAX_JSON_BYTES:,} for one petition; pass one petition at a time"
            )
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PetitionFormatError(
                f"<bytes>: not UTF-8 ({exc.reason} at byte {exc.start}); decode the bytes "
                "yourself (e.g. data.decode('cp1252')) and pass the string"
            ) from None
        name = "<json bytes>"
        if not _looks_like_json(source):
            raise PetitionFormatError(f"{name}: not a JSON object; pass petition JSON")
    if isinstance(source, str) and not source.strip():
        raise InputError("load_petition was given an empty string; give a path, a dict or JSON")
    if isinstance(source, (str, Path)):
        if isinstance(source, str) and _looks_like_json(source):
            if len(source) > MAX_JSON_BYTES:
                raise InputTooLargeError(
                    f"{name}: {len(source):,} characters, more than the limit of "
                    f"{MAX_JSON_BYTES:,} for one petition; pass one petition at a time"
                )
            raw = source.lstrip("\ufeff")
        else:
            raw = _read_file(Path(source), name)
        data = _parse_json(raw, name)
        if not isinstance(data, Mapping):
            raise PetitionFormatError(
                f"{name}: expected a JSON object for one petition, got {type(data).__name__}"
            )
        return data
    raise InputError(
        f"load_petition takes a path, a dict or a JSON string, not {type(source).__name__}"
    )


def _read_file(path: Path, name: str) -> str:
    """The text of a petition JSON file, at most MAX_JSON_BYTES; typed errors for the rest."""
    shown = name if len(name) <= 80 else name[:77] + "..."
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # name too long, NUL in the name
        is_file = False
    if not is_file:
        what = "a folder, not a file" if _is_dir(path) else "no such file"
        raise InputError(
            f"{shown}: {what}; give the path to a petition JSON file, a dict, or a JSON string"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise InputError(
            f"{name}: cannot read the file ({exc.strerror or type(exc).__name__}); "
            "check its permissions"
        ) from None
    if len(data) > MAX_JSON_BYTES:
        raise InputTooLargeError(
            f"{name}: larger than {MAX_JSON_BYTES:,} bytes, too large for one petition; "
            "give one petition per file"
        )
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PetitionFormatError(
            f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
            "save the file as UTF-8 JSON"
        ) from None
    if not raw.strip():
        raise PetitionFormatError(
            f"{name}: the file is empty; download the petition again from "
            "petition.parliament.uk/petitions/<id>.json"
        )
    return raw


def _field(mapping: Mapping[str, Any], key: str, name: str, *, kind: type = str) -> Any:
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, kind):
        raise PetitionFormatError(
            f"{name}: field {key!r} should be {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _departments(attrs: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = attrs.get("departments")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PetitionFormatError(
            f"{name}: field 'departments' should be a list of objects with a 'name', "
            f"got {type(value).__name__}"
        )
    out: list[str] = []
    for d in value:
        if isinstance(d, Mapping) and isinstance(d.get("name"), str):
            out.append(d["name"])
        elif isinstance(d, str):
            out.append(d)
        else:
            raise PetitionFormatError(
                f"{name}: each entry of 'departments' should be an object with a 'name' "
                f"(text), got {type(d).__name__}"
            )
    return tuple(out)


def _petition_id(value: object, name: str) -> int | None:
    """The petition id: an int or a string of ASCII digits, at most 12 digits."""
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        return value
    shown = replace_surrogates(repr(value) if isinstance(value, str) else type(value).__name__)
    raise PetitionFormatError(
        f"{name}: field 'id' should be the petition's number (e.g. 300239), got {shown[:40]}"
    )


def _signature_count(attrs: Mapping[str, Any], name: str) -> int | None:
    value = attrs.get("signature_count")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**12:
        shown = type(value).__name__ if not isinstance(value, int) else str(value)[:20]
        raise PetitionFormatError(
            f"{name}: field 'signature_count' should be a whole number of signatures, got {shown}"
        )
    return value


def _originals(attrs: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    """The entries of ``other_parliamentary_business`` that hold an original response."""
    value = attrs.get("other_parliamentary_business")
    if value is None:
        return []
    if not isinstance(value, list):
        raise PetitionFormatError(
            f"{name}: field 'other_parliamentary_business' should be a list of objects "
            f"(subject, body), got {type(value).__name__}"
        )
    out: list[Mapping[str, Any]] = []
    for item in value:
        if not isinstance(item, Mapping):
            raise PetitionFormatError(
                f"{name}: each entry of 'other_parliamentary_business' should be an object "
                f"(subject, body), got {type(item).__name__}"
            )
        subject = item.get("subject")
        if subject is not None and not isinstance(subject, str):
            raise PetitionFormatError(
                f"{name}: 'subject' of an 'other_parliamentary_business' entry should be text, "
                f"got {type(subject).__name__}"
            )
        if subject and _ORIGINAL_SUBJECT.search(subject[:200]):
            out.append(item)
    return out


#: Where a response comes from, in the order a case holds them: originals, then the revision.
_ROLE_RANK = {"original": 0, "response": 1, "revised": 1}


def load_petition(source: str | bytes | Path | Mapping[str, Any]) -> Case:
    """Read a petition in the petition.parliament.uk JSON format into a :class:`Case`.

    Accepts the ``{"data": {...}}`` envelope, the bare ``{"attributes": {...}}`` object, and
    archived petitions (``title``/``description`` fields), as a file path, a dict, a JSON
    string or UTF-8 JSON bytes. Responses come in order: the original (recovered from
    ``other_parliamentary_business``) first, then the revision. A petition with one response
    gets the label ``"response"``.

    >>> case = load_example("grooming-gangs")
    >>> [(r.label, str(r.date)) for r in case.responses]
    [('original', '2020-04-24'), ('revised', '2020-05-19')]
    """
    name = _source_name(source)
    data = _read_json(source)
    body = data.get("data", data)
    if not isinstance(body, Mapping):
        raise PetitionFormatError(f"{name}: 'data' should be an object with 'attributes'")
    attrs = body.get("attributes", body)
    if not isinstance(attrs, Mapping):
        raise PetitionFormatError(f"{name}: 'attributes' should be an object")
    action = _field(attrs, "action", name) or _field(attrs, "title", name)
    if not action or not action.strip():
        raise PetitionFormatError(
            f"{name}: missing field 'action' (the petition's ask); is this petition JSON "
            "from petition.parliament.uk/petitions/<id>.json?"
        )
    background = _field(attrs, "background", name) or _field(attrs, "description", name) or ""
    departments = _departments(attrs, name)
    links = data.get("links")
    url = links.get("self") if isinstance(links, Mapping) else None
    petition = Petition(
        action=action.strip(),
        background=background.strip(),
        additional_details=(_field(attrs, "additional_details", name) or "").strip(),
        id=_petition_id(body.get("id"), name),
        departments=departments,
        signature_count=_signature_count(attrs, name),
        url=url if isinstance(url, str) else None,
    )
    department = departments[0] if departments else None

    responses: list[Response] = []
    originals = _originals(attrs, name)
    gov = _field(attrs, "government_response", name, kind=Mapping)
    for i, item in enumerate(originals):
        raw = item.get("body")
        if not isinstance(raw, str) or not raw.strip():
            raise PetitionFormatError(
                f"{name}: the 'Original Government response' entry has no body text"
            )
        text, notes, date = split_site_notes(_newlines(raw))
        summary, _, details = text.strip().partition("\n")
        if not details.strip():
            summary, details = "", summary
        details, signoff = _split_signoff(details.strip(), departments)
        if date is None and gov is not None and len(originals) == 1:
            date = _field(gov, "created_at", name)
        label = "original" if len(originals) == 1 else f"original-{i + 1}"
        responses.append(
            Response(
                text=details,
                summary=summary.strip(),
                label=label,
                date=date,
                department=department,
                signoff=signoff,
                notes=notes,
            )
        )
    if gov is not None:
        details_raw = _field(gov, "details", name) or ""
        summary_raw = _field(gov, "summary", name) or ""
        if not details_raw.strip() and not summary_raw.strip():
            raise PetitionFormatError(f"{name}: 'government_response' has no summary or details")
        text, notes, _ = split_site_notes(_newlines(details_raw))
        text, signoff = _split_signoff(text.strip(), departments)
        if not text.strip():  # a response that is all summary
            text, summary_raw = summary_raw, ""
        label = "revised" if responses else "response"
        responses.append(
            Response(
                text=text,
                summary=summary_raw.strip(),
                label=label,
                date=_field(gov, "responded_on", name) or _field(gov, "created_at", name),
                department=department,
                signoff=signoff,
                notes=notes,
            )
        )
    if not responses:
        raise PetitionFormatError(
            f"{name}: this petition has no government response yet (no 'government_response' "
            "field); respcompare reviews petitions that have one"
        )
    # originals first (by date when they have one, else as given), then the revision: a
    # missing date never puts the original after the response that replaced it
    responses.sort(
        key=lambda r: (
            _ROLE_RANK.get(r.label.split("-")[0], 1),
            r.date is None,
            r.date.toordinal() if r.date else 0,
        )
    )
    newest = max((r.date for r in responses if r.date is not None), default=None)
    return Case(
        petition=petition,
        responses=tuple(responses),
        source=name,
        updates=_updates(attrs, name, newest),
    )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_IN_TEXT = re.compile(
    rf"\b(?:({'|'.join(_WEEKDAYS)})\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({'|'.join(MONTH_NAMES)})"
    r"\b(?:,?\s+(\d{4})\b)?",
    re.I,
)
_ISO_IN_URL = re.compile(r"/(20\d\d-\d\d-\d\d)(?:/|\b)")


def _update_date(item: Mapping[str, Any], body: str, after: _dt.date | None) -> _dt.date | None:
    """When an update happened: its ``created_at``; else the first day its text names
    ("On Thursday 3 December": the year whose weekday fits, nearest to the newest response);
    else a dated Hansard link; else None (unknown, kept as such)."""
    created = item.get("created_at")
    if isinstance(created, str):
        try:
            return parse_date(created)
        except InputError:
            pass
    for m in _DAY_IN_TEXT.finditer(body[:2000]):
        month, day = MONTHS[m[3].lower()], int(m[2])
        if m[4]:
            try:
                return _dt.date(int(m[4]), month, day)
            except ValueError:
                continue
        if after is None:
            continue
        days: list[_dt.date] = []
        for year in range(after.year - 1, after.year + 6):
            try:
                d = _dt.date(year, month, day)
            except ValueError:
                continue
            if m[1] is None or _WEEKDAYS[d.weekday()] == m[1].lower():
                days.append(d)
        if days:  # the nearest to the newest response (later first on a tie)
            return min(days, key=lambda d: (abs((d - after).days), d < after))
    iso = _ISO_IN_URL.search(body)
    if iso:
        try:
            return _dt.date.fromisoformat(iso[1])
        except ValueError:
            return None
    return None


def _updates(attrs: Mapping[str, Any], name: str, after: _dt.date | None) -> tuple[Update, ...]:
    """The entries of ``other_parliamentary_business`` other than an original response, as
    dated :class:`Update` records in their date order (undated ones last, as given)."""
    value = attrs.get("other_parliamentary_business")
    if not isinstance(value, list):  # a wrong type was refused by _originals already
        return ()
    out: list[Update] = []
    for item in value:
        if not isinstance(item, Mapping):
            continue  # refused by _originals already
        subject = item.get("subject") or ""
        if not isinstance(subject, str) or _ORIGINAL_SUBJECT.search(subject[:200]):
            continue
        body = item.get("body")
        if body is not None and not isinstance(body, str):
            raise PetitionFormatError(
                f"{name}: 'body' of the 'other_parliamentary_business' entry {subject!r} should "
                f"be text, got {type(body).__name__}"
            )
        text = _newlines(body or "").strip() or subject.strip()
        if not text:
            raise PetitionFormatError(
                f"{name}: an 'other_parliamentary_business' entry has neither subject nor body; "
                "remove it or give it its text"
            )
        out.append(Update(subject.strip(), _update_date(item, text, after), text))
    order = sorted(
        range(len(out)), key=lambda i: (out[i].date is None, out[i].date or _dt.date.min, i)
    )
    return tuple(out[i] for i in order)


def case_from_texts(
    petition: str | Petition,
    original: str,
    revised: str | None = None,
    *,
    original_date: str | None = None,
    revised_date: str | None = None,
) -> Case:
    """Build a case from plain texts: a petition action (or Petition) and one or two responses.

    >>> c = case_from_texts("Release the review in full", "We have no plans to.", "We will.")
    >>> [r.label for r in c.responses]
    ['original', 'revised']
    """
    pet = petition if isinstance(petition, Petition) else Petition(action=petition)
    responses = [Response(text=original, label="original", date=original_date)]
    if revised is not None:
        responses.append(Response(text=revised, label="revised", date=revised_date))
    else:
        responses = [Response(text=original, label="response", date=original_date)]
    return Case(petition=pet, responses=tuple(responses))


_EXAMPLES: dict[str, tuple[str, tuple[tuple[str, str, str], ...], str]] = {
    "grooming-gangs": (
        "300239.json",
        (
            (
                "Home Secretary's letter to the Petitions Committee",
                "300239-letter.txt",
                "2020-05-19",
            ),
        ),
        "Petition 300239: release the Home Office's grooming-gang review in full; original "
        "response (24 April 2020) sent back, revised response (19 May 2020).",
    ),
    "grooming-gangs-inquiry": (
        "grooming-gangs-inquiry.json",
        (),
        "Petition for a public inquiry into grooming gangs; response of 1 April 2025 declines.",
    ),
}


def examples() -> dict[str, str]:
    """The bundled examples, name -> one-line description.

    >>> sorted(examples())
    ['grooming-gangs', 'grooming-gangs-inquiry']
    """
    return {name: desc for name, (_, _, desc) in _EXAMPLES.items()}


def load_example(name: str) -> Case:
    """Load a bundled example case by name (see :func:`examples`).

    >>> load_example("grooming-gangs").petition.id
    300239
    """
    if name not in _EXAMPLES:
        raise UnknownExampleError(
            f"no bundled example {name!r}; choose one of {', '.join(sorted(_EXAMPLES))}"
        )
    filename, attachments, _ = _EXAMPLES[name]
    folder = resources.files("respcompare") / "data" / "examples"
    case = load_petition(json.loads((folder / filename).read_text(encoding="utf-8")))
    extra = tuple(
        Attachment(title=title, text=(folder / fname).read_text(encoding="utf-8"), date=date)
        for title, fname, date in attachments
    )
    return Case(
        petition=case.petition,
        responses=case.responses,
        attachments=extra,
        source=f"example:{name}",
    )
