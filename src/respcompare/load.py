"""Petition JSON, plain text and bundled examples -> :class:`~respcompare.model.Case`.

The petition site's JSON carries notes that are not part of any response: "This is a revised
response. The Petitions Committee requested ..." closes a revised response, and the original
response (kept under ``other_parliamentary_business`` with the subject "Original Government
response") closes with "This response was given on ... The Petitions Committee then requested a
revised response ...". The loader strips those notes into :attr:`Response.notes`, reads the
original's date from its note, and keeps the closing department line as :attr:`Response.signoff`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError, PetitionFormatError, UnknownExampleError
from .model import Attachment, Case, Petition, Response, parse_date

__all__ = ["case_from_texts", "examples", "load_example", "load_petition", "split_site_notes"]

_REVISED_NOTE = re.compile(r"\s*This is a revised response\.\s.*\Z", re.S | re.I)
_ORIGINAL_NOTE = re.compile(
    r"\s*This response was given on (?P<date>\d{1,2}\s+\w+\s+\d{4})\.?"
    r"(?:\s*The Petitions Committee then requested a revised response.*)?\s*\Z",
    re.S | re.I,
)
_DEPARTMENT_WORDS = re.compile(
    r"\b(?:Department|Ministry|Office|Treasury|HMRC|Cabinet|Government Equalities|"
    r"Attorney General|Leader of the House|Revenue|Customs)\b"
)
_ORIGINAL_SUBJECT = re.compile(r"original government response", re.I)


def split_site_notes(text: str) -> tuple[str, tuple[str, ...], str | None]:
    """Split the site's notes off a response text.

    Returns the response text, the notes in the order they were cut, and the date named by an
    "This response was given on ..." note (ISO string) or None.

    >>> body, notes, date = split_site_notes(
    ...     "We will act.\\nHome Office\\nThis response was given on 24 April 2020. "
    ...     "The Petitions Committee then requested a revised response.")
    >>> body, date
    ('We will act.\\nHome Office', '2020-04-24')
    >>> notes[0][:31]
    'This response was given on 24 A'
    """
    notes: list[str] = []
    date: str | None = None
    m = _REVISED_NOTE.search(text)
    if m:
        notes.append(m.group(0).strip())
        text = text[: m.start()]
    m = _ORIGINAL_NOTE.search(text)
    if m:
        notes.append(m.group(0).strip())
        parsed = parse_date(m.group("date"), what="the date in the site's note")
        date = parsed.isoformat() if parsed else None
        text = text[: m.start()]
    return text.rstrip(), tuple(notes), date


def _split_signoff(text: str, departments: tuple[str, ...]) -> tuple[str, str | None]:
    """Cut a closing department line ("Home Office") off the end of a response."""
    stripped = text.rstrip()
    cut = max(stripped.rfind("\n"), -1)
    last = stripped[cut + 1 :].strip()
    if not last or cut < 0:
        return text, None
    bare = last.rstrip(".").strip()
    known = {d.lower() for d in departments}
    short = len(bare.split()) <= 12 and not re.search(r"[.!?]\s", bare)
    if short and (bare.lower() in known or _DEPARTMENT_WORDS.search(bare)):
        return stripped[: cut + 1].rstrip(), last
    return text, None


def _source_name(source: object) -> str:
    if isinstance(source, Path):
        return str(source)
    if isinstance(source, str) and not source.lstrip().startswith(("{", "[")):
        return source
    return "<dict>" if isinstance(source, Mapping) else "<json string>"


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
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PetitionFormatError(
                f"<bytes>: not UTF-8 ({exc.reason} at byte {exc.start}); decode the bytes "
                "yourself (e.g. data.decode('cp1252')) and pass the string"
            ) from None
        name = "<json bytes>"
        if not source.lstrip().startswith(("{", "[")):
            raise PetitionFormatError(f"{name}: not a JSON object; pass petition JSON")
    if isinstance(source, str) and not source.strip():
        raise InputError("load_petition was given an empty string; give a path, a dict or JSON")
    if isinstance(source, (str, Path)):
        if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
            raw = source
        else:
            path = Path(source)
            shown = name if len(name) <= 80 else name[:77] + "..."
            try:
                is_file = path.is_file()
            except (OSError, ValueError):  # name too long, NUL in the name
                is_file = False
            if not is_file:
                what = "a folder, not a file" if _is_dir(path) else "no such file"
                raise InputError(
                    f"{shown}: {what}; give the path to a petition JSON file, "
                    "a dict, or a JSON string"
                )
            try:
                raw = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                raise PetitionFormatError(
                    f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                    "save the file as UTF-8 JSON"
                ) from None
            except OSError as exc:
                raise InputError(
                    f"{name}: cannot read the file ({exc.strerror}); check its permissions"
                ) from None
            if not raw.strip():
                raise PetitionFormatError(
                    f"{name}: the file is empty; download the petition again from "
                    "petition.parliament.uk/petitions/<id>.json"
                )
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise PetitionFormatError(
                f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                "download it again from petition.parliament.uk/petitions/<id>.json"
            ) from None
        if not isinstance(data, Mapping):
            raise PetitionFormatError(
                f"{name}: expected a JSON object for one petition, got {type(data).__name__}"
            )
        return data
    raise InputError(
        f"load_petition takes a path, a dict or a JSON string, not {type(source).__name__}"
    )


def _field(mapping: Mapping[str, Any], key: str, name: str, *, kind: type = str) -> Any:
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, kind):
        raise PetitionFormatError(
            f"{name}: field {key!r} should be {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _departments(attrs: Mapping[str, Any]) -> tuple[str, ...]:
    out: list[str] = []
    for d in attrs.get("departments") or ():
        if isinstance(d, Mapping) and isinstance(d.get("name"), str):
            out.append(d["name"])
        elif isinstance(d, str):
            out.append(d)
    return tuple(out)


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
    departments = _departments(attrs)
    pid = body.get("id")
    links = data.get("links")
    url = links.get("self") if isinstance(links, Mapping) else None
    petition = Petition(
        action=action.strip(),
        background=background.strip(),
        additional_details=(_field(attrs, "additional_details", name) or "").strip(),
        id=int(pid) if isinstance(pid, (int, str)) and str(pid).isdigit() else None,
        departments=departments,
        signature_count=attrs.get("signature_count")
        if isinstance(attrs.get("signature_count"), int)
        else None,
        url=url if isinstance(url, str) else None,
    )
    department = departments[0] if departments else None

    responses: list[Response] = []
    originals = [
        item
        for item in attrs.get("other_parliamentary_business") or ()
        if isinstance(item, Mapping) and _ORIGINAL_SUBJECT.search(str(item.get("subject", "")))
    ]
    gov = _field(attrs, "government_response", name, kind=Mapping)
    for i, item in enumerate(originals):
        raw = item.get("body")
        if not isinstance(raw, str) or not raw.strip():
            raise PetitionFormatError(
                f"{name}: the 'Original Government response' entry has no body text"
            )
        text, notes, date = split_site_notes(raw.replace("\r\n", "\n"))
        summary, _, details = text.strip().partition("\n")
        if not details.strip():
            summary, details = "", summary
        details, signoff = _split_signoff(details.strip(), departments)
        if date is None and gov is not None and len(originals) == 1:
            date = gov.get("created_at")
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
        text, notes, _ = split_site_notes(details_raw.replace("\r\n", "\n"))
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
    responses.sort(key=lambda r: (r.date is None, r.date.toordinal() if r.date else 0))
    return Case(petition=petition, responses=tuple(responses), source=name)


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
