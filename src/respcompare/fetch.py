"""Petitions fetched from petition.parliament.uk, on request only.

Nothing else in respcompare touches the network: these functions do, and only when called.

* :func:`fetch_petition` downloads one petition's JSON and loads it as a :class:`Case`;
  :func:`fetch_petition_json` gives the JSON itself.
* :func:`list_with_response` walks the site's listing of petitions with a government response
  (``/petitions.json?state=with_response``, and ``/archived/petitions.json`` for petitions of
  earlier Parliaments), page by page through ``links.next``.
* :func:`download_petitions` and :func:`download_with_response` save petitions as
  ``<out>/<id>.json``, the bytes exactly as the site sent them, each written to a temporary
  file and renamed, so an interrupted run leaves no half-written petition. A second run
  skips the files already complete, so a run can be resumed.

Manners: every request names respcompare in its User-Agent, waits ``delay`` seconds after the
previous one, and on HTTP 429 or 503 waits as long as the ``Retry-After`` header asks (up to
``max_wait``) before trying again. Options live in one frozen :class:`FetchOptions`;
``base_url`` points the same code at a mirror or at a test server.

Errors are typed: :class:`~respcompare.errors.FetchError` when the site cannot be reached,
answers with an HTTP error, or sends something that is not petition JSON.

>>> FetchOptions().petition_url(300239, archived=True)
'https://petition.parliament.uk/archived/petitions/300239.json'
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import http.client
import json
import math
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FetchError, InputError
from .files import write_atomic
from .load import MAX_JSON_BYTES, load_petition
from .model import Case

__all__ = [
    "DEFAULT_BASE_URL",
    "FetchFailure",
    "FetchOptions",
    "FetchReport",
    "ListedPetition",
    "download_petitions",
    "download_with_response",
    "fetch_petition",
    "fetch_petition_json",
    "list_with_response",
]

DEFAULT_BASE_URL = "https://petition.parliament.uk"
_RETRY_STATUSES = frozenset({429, 503})


#: The longest timeout, delay or wait FetchOptions takes, in seconds: a day (1e300 overflowed
#: the platform's clock).
MAX_SECONDS = 86_400


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to talk to petition.parliament.uk (change with :func:`dataclasses.replace`).

    ``base_url``: the site (a mirror or a test server for tests). ``timeout``: seconds to wait
    for one reply. ``delay``: seconds between two requests (politeness; the site asks
    automated clients to go gently). ``retries``: how many times a 429/503 reply is retried,
    after waiting ``Retry-After`` seconds (or ``delay``, if the header is missing), at most
    ``max_wait`` seconds each time. ``max_pages``: a bound on the listing pages walked.
    ``user_agent``: sent with every request; it must name respcompare (the default gives
    the version).

    >>> FetchOptions(delay=0).delay
    0
    """

    base_url: str = DEFAULT_BASE_URL
    timeout: float = 30.0
    delay: float = 1.0
    retries: int = 3
    max_wait: float = 120.0
    max_pages: int = 5000
    user_agent: str | None = None  # None: "respcompare/<version> (...)"

    def __post_init__(self) -> None:
        try:
            parts = urllib.parse.urlsplit(self.base_url) if isinstance(self.base_url, str) else None
            _ = parts.port if parts is not None else None  # a port that is not a number
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(
                f"FetchOptions.base_url must be an http(s) address such as "
                f"{DEFAULT_BASE_URL!r}, got {self.base_url!r}"
            )
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))
        for name in ("timeout", "delay", "max_wait"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or not 0 <= value <= MAX_SECONDS
            ):
                raise InputError(
                    f"FetchOptions.{name} must be a number of seconds from 0 to {MAX_SECONDS:,} "
                    "(a day)"
                )
        if not self.timeout:
            raise InputError("FetchOptions.timeout must be more than 0 seconds")
        for name in ("retries", "max_pages"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InputError(f"FetchOptions.{name} must be a whole number >= 0")
        if self.user_agent is None:
            from . import __version__

            object.__setattr__(
                self,
                "user_agent",
                f"respcompare/{__version__} (UK petition response research; Python urllib; "
                "one request at a time)",
            )
        elif not isinstance(self.user_agent, str) or "respcompare" not in self.user_agent:
            raise InputError("FetchOptions.user_agent must name respcompare")

    def petition_url(self, petition_id: int, *, archived: bool = False) -> str:
        """The JSON address of one petition, current or archived."""
        folder = "archived/petitions" if archived else "petitions"
        return f"{self.base_url}/{folder}/{_check_id(petition_id)}.json"

    def listing_url(self, *, archived: bool = False, parliament: int | None = None) -> str:
        """The first page of the listing of petitions with a government response."""
        folder = "archived/petitions" if archived else "petitions"
        query: dict[str, str | int] = {"state": "with_response"}
        if parliament is not None:
            if not archived:
                raise InputError("parliament= applies to archived petitions only")
            query["parliament"] = _check_id(parliament, what="parliament")
        return f"{self.base_url}/{folder}.json?{urllib.parse.urlencode(query)}"

    def rebase(self, url: str) -> str:
        """``url``'s path and query on ``base_url``: links the site gives (``links.next``,
        a petition's ``links.self``) are followed on the site configured here."""
        parts = urllib.parse.urlsplit(url)
        base = urllib.parse.urlsplit(self.base_url)
        path = parts.path if parts.path.startswith("/") else "/" + parts.path
        return urllib.parse.urlunsplit(
            (base.scheme, base.netloc, base.path.rstrip("/") + path, parts.query, "")
        )


def _check_id(value: object, *, what: str = "petition id") -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"a {what} is a positive whole number such as 300239, got {value!r}")
    return value


# --------------------------------------------------------------------------- one request


class _SameSiteRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects on the same site only (an archived petition's address moves there)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if new.netloc and new.netloc != old.netloc:
            raise FetchError(
                f"{req.full_url}: the site redirected to another host ({new.netloc}); "
                "not followed: check FetchOptions.base_url",
                url=req.full_url,
                status=code,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _retry_after(value: str | None, default: float) -> float:
    """Seconds asked for by a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    return max(0.0, (when - _dt.datetime.now(_dt.UTC)).total_seconds())


@dataclass
class _Session:
    """One polite client: requests one at a time, ``delay`` apart; counts what it did."""

    options: FetchOptions
    requests: int = 0
    _last: float | None = field(default=None, repr=False)
    _opener: urllib.request.OpenerDirector = field(
        default_factory=lambda: urllib.request.build_opener(_SameSiteRedirects()), repr=False
    )

    def _wait_turn(self) -> None:
        if self._last is not None:
            pause = self.options.delay - (time.monotonic() - self._last)
            if pause > 0:
                time.sleep(pause)

    def get(self, url: str) -> bytes:
        """The body of ``url``: at most MAX_JSON_BYTES, retried on 429/503; FetchError else."""
        opts = self.options
        for attempt in range(opts.retries + 1):
            self._wait_turn()
            request = urllib.request.Request(
                url, headers={"User-Agent": str(opts.user_agent), "Accept": "application/json"}
            )
            self.requests += 1
            try:
                try:
                    with self._opener.open(request, timeout=opts.timeout) as reply:
                        body: bytes = reply.read(MAX_JSON_BYTES + 1)
                        missing = getattr(reply, "length", None)  # announced, not received
                        if len(body) <= MAX_JSON_BYTES and isinstance(missing, int) and missing:
                            raise http.client.IncompleteRead(body, missing)
                finally:
                    self._last = time.monotonic()
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code in _RETRY_STATUSES and attempt < opts.retries:
                    wait = _retry_after(exc.headers.get("Retry-After"), opts.delay)
                    if wait > opts.max_wait:
                        raise FetchError(
                            f"{url}: HTTP {exc.code}, and the site asks to wait {wait:.0f} s "
                            f"(more than max_wait={opts.max_wait:g} s); try again later",
                            url=url,
                            status=exc.code,
                        ) from None
                    time.sleep(wait)
                    continue
                raise _http_error(url, exc.code, exc.reason) from None
            except FetchError:
                raise
            except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, refused,
                # reset or cut-off connections (IncompleteRead): the site cannot be read now
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, TimeoutError):
                    what = f"no reply within {opts.timeout:g} s"
                elif isinstance(exc, http.client.HTTPException | ConnectionResetError):
                    what = f"the connection broke off ({exc!r})"
                else:
                    what = f"cannot connect ({reason})"
                raise FetchError(
                    f"{url}: {what}; check your internet connection (are you offline?) "
                    "or try again later",
                    url=url,
                    offline=True,
                ) from None
            if len(body) > MAX_JSON_BYTES:
                raise FetchError(
                    f"{url}: the reply is larger than {MAX_JSON_BYTES:,} bytes, too large for "
                    "one petition or page; check FetchOptions.base_url",
                    url=url,
                )
            return body
        raise AssertionError("unreachable: the last attempt returns or raises")


def _http_error(url: str, status: int, reason: object) -> FetchError:
    if status == 404:
        hint = "no such petition or page: check the id (archived petitions: archived=True)"
    elif status in _RETRY_STATUSES:
        hint = "the site is busy: try again later with a longer delay"
    elif status >= 500:
        hint = "the site has a problem: try again later"
    else:
        hint = "check FetchOptions.base_url and the id"
    return FetchError(f"{url}: HTTP {status} {reason}; {hint}", url=url, status=status)


def _json(body: bytes, url: str) -> dict[str, Any]:
    """The JSON object in ``body``; FetchError if it is not one."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(
            f"{url}: the reply is not JSON ({exc.__class__.__name__}: {exc}); the site may be "
            "down or the address wrong: try again later or check FetchOptions.base_url",
            url=url,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("data"), dict | list):
        raise FetchError(
            f"{url}: the reply is JSON but not from petition.parliament.uk (no 'data'); "
            "check FetchOptions.base_url",
            url=url,
        )
    return data


def _petition_json(body: bytes, url: str, petition_id: int) -> dict[str, Any]:
    data = _json(body, url)
    item = data["data"]
    got = item.get("id") if isinstance(item, dict) else None
    attrs = item.get("attributes") if isinstance(item, dict) else None
    if not isinstance(attrs, dict) or str(got) != str(petition_id):
        raise FetchError(
            f"{url}: the reply is not petition {petition_id}'s JSON "
            f"(data.id {got!r}, attributes {'present' if isinstance(attrs, dict) else 'missing'})"
            "; check FetchOptions.base_url",
            url=url,
        )
    return data


def _fetch(
    session: _Session, petition_id: int, archived: bool | None
) -> tuple[bytes, dict[str, Any]]:
    """Bytes and JSON of one petition; ``archived=None`` tries current, then archived on 404."""
    opts = session.options
    places = [False, True] if archived is None else [archived]
    for i, where in enumerate(places):
        url = opts.petition_url(petition_id, archived=where)
        try:
            body = session.get(url)
        except FetchError as exc:
            if exc.status == 404 and i + 1 < len(places):
                continue
            if exc.status == 404 and archived is None:
                raise FetchError(
                    f"petition {petition_id}: not found among current or archived petitions "
                    f"at {opts.base_url} (HTTP 404); check the id",
                    url=url,
                    status=404,
                ) from None
            raise
        return body, _petition_json(body, url, petition_id)
    raise AssertionError("unreachable: places is never empty")


def fetch_petition_json(
    petition_id: int | str,
    *,
    archived: bool | None = None,
    timeout: float | None = None,
    options: FetchOptions | None = None,
) -> dict[str, Any]:
    """One petition's JSON from petition.parliament.uk (this calls the network).

    ``archived``: True for a petition of an earlier Parliament
    (``/archived/petitions/<id>.json``), False for a current one, None to try the current
    address and then the archived one. ``timeout`` overrides ``options.timeout``.
    Raises :class:`~respcompare.errors.FetchError` when offline, on an HTTP error, or when the
    reply is not the petition's JSON.
    """
    opts = _options(options, timeout)
    return _fetch(_Session(opts), _check_id(petition_id), archived)[1]


def fetch_petition(
    petition_id: int | str,
    *,
    archived: bool | None = None,
    timeout: float | None = None,
    options: FetchOptions | None = None,
) -> Case:
    """Download one petition and load it as a :class:`Case` (this calls the network).

    The same as ``load_petition(fetch_petition_json(...))``: see :func:`fetch_petition_json`
    for ``archived``, ``timeout`` and the errors. A petition without a government response
    raises :class:`~respcompare.errors.PetitionFormatError`, as :func:`load_petition` does.
    """
    return load_petition(
        fetch_petition_json(petition_id, archived=archived, timeout=timeout, options=options)
    )


def _options(options: FetchOptions | None, timeout: float | None) -> FetchOptions:
    if options is None:
        options = FetchOptions()
    elif not isinstance(options, FetchOptions):
        raise InputError(f"options= must be a FetchOptions, not {type(options).__name__}")
    if timeout is not None:
        import dataclasses

        options = dataclasses.replace(options, timeout=timeout)
    return options


# --------------------------------------------------------------------------- the listing


@dataclass(frozen=True, slots=True)
class ListedPetition:
    """One petition of a listing: its id, where its JSON is, and when it was answered.

    ``responded``: the date of ``government_response_at`` (None if the listing has none);
    ``updated``: ``updated_at`` as given, used to tell whether a saved copy is out of date.
    """

    id: int
    url: str
    archived: bool
    responded: _dt.date | None = None
    updated: str | None = None


def _date_of(value: object) -> _dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _listed(item: object, url: str, opts: FetchOptions, archived: bool) -> ListedPetition:
    if not isinstance(item, dict):
        raise FetchError(f"{url}: a listing entry is not an object; check base_url", url=url)
    try:
        pid = _check_id(item.get("id"))
    except InputError:
        raise FetchError(
            f"{url}: a listing entry has no petition id ({item.get('id')!r}); check base_url",
            url=url,
        ) from None
    attrs = item.get("attributes")
    attrs = attrs if isinstance(attrs, dict) else {}
    links = item.get("links")
    self_link = links.get("self") if isinstance(links, dict) else None
    is_archived = archived or item.get("type") == "archived-petition"
    where = (
        opts.rebase(self_link)
        if isinstance(self_link, str) and self_link
        else opts.petition_url(pid, archived=is_archived)
    )
    updated = attrs.get("updated_at")
    return ListedPetition(
        id=pid,
        url=where,
        archived=is_archived,
        responded=_date_of(attrs.get("government_response_at")),
        updated=updated if isinstance(updated, str) else None,
    )


def _walk(session: _Session, *, archived: bool, parliament: int | None) -> Iterator[ListedPetition]:
    opts = session.options
    url: str | None = opts.listing_url(archived=archived, parliament=parliament)
    seen: set[str] = set()
    while url is not None:
        if url in seen:
            raise FetchError(f"{url}: the listing links back to a page already read", url=url)
        if len(seen) >= opts.max_pages:
            raise FetchError(
                f"{url}: more than max_pages={opts.max_pages} listing pages; raise "
                "FetchOptions.max_pages to read further",
                url=url,
            )
        seen.add(url)
        page = _json(session.get(url), url)
        items = page["data"]
        if not isinstance(items, list):
            raise FetchError(f"{url}: a listing page's 'data' should be a list", url=url)
        for item in items:
            yield _listed(item, url, opts, archived)
        links = page.get("links")
        nxt = links.get("next") if isinstance(links, dict) else None
        url = opts.rebase(nxt) if isinstance(nxt, str) and nxt else None


def _sources(archived: bool | None, parliaments: Iterable[int]) -> list[tuple[bool, int | None]]:
    wanted = list(parliaments)
    current: list[tuple[bool, int | None]] = [(False, None)] if archived is not True else []
    if archived is False:
        if wanted:
            raise InputError("parliaments= lists archived Parliaments; not with archived=False")
        return current
    return current + ([(True, p) for p in wanted] if wanted else [(True, None)])


def list_with_response(
    *,
    since: _dt.date | str | None = None,
    archived: bool | None = False,
    parliaments: Iterable[int] = (),
    options: FetchOptions | None = None,
) -> Iterator[ListedPetition]:
    """The petitions that have a government response, from the site's listing (network).

    ``archived``: False (default) lists current petitions, True archived ones, None both.
    ``parliaments``: for archived petitions, the site's Parliament numbers to list (the
    archive is listed one Parliament at a time; none given: the site's default listing).
    ``since``: keep petitions answered on or after this date (``YYYY-MM-DD``); a petition the
    listing gives no response date for is kept, never dropped unseen.

    Pages are walked through ``links.next``; entries come in the site's order.
    """
    opts = _options(options, None)
    start = _since(since)
    session = _Session(opts)
    for is_archived, parliament in _sources(archived, parliaments):
        for item in _walk(session, archived=is_archived, parliament=parliament):
            if start is None or item.responded is None or item.responded >= start:
                yield item


def _since(since: _dt.date | str | None) -> _dt.date | None:
    if since is None or isinstance(since, _dt.date):
        return since
    try:
        return _dt.date.fromisoformat(str(since).strip())
    except ValueError:
        raise InputError(f"since: write the date as YYYY-MM-DD, not {since!r}") from None


# --------------------------------------------------------------------------- saving


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """A petition that could not be downloaded: its id, the address, and why."""

    id: int
    url: str
    error: str
    reason: str

    def __str__(self) -> str:
        return f"petition {self.id}: {self.reason}"


@dataclass(frozen=True, slots=True)
class FetchReport:
    """What a download did: files written, files already complete (skipped), failures.

    ``requests`` counts the HTTP requests made (listing pages, petitions and retries).
    """

    saved: tuple[Path, ...] = ()
    skipped: tuple[Path, ...] = ()
    failed: tuple[FetchFailure, ...] = ()
    requests: int = 0

    def __str__(self) -> str:
        total = len(self.saved) + len(self.skipped) + len(self.failed)
        return (
            f"fetched {len(self.saved)} of {total} petitions, {len(self.skipped)} already "
            f"complete, {len(self.failed)} failed ({self.requests} requests)"
        )


def _out_folder(out: str | Path) -> Path:
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"out: cannot create the folder {str(folder)!r} ({exc.strerror or exc}); "
            "choose another folder"
        ) from None
    if not os.access(folder, os.W_OK):
        raise InputError(f"out: the folder {str(folder)!r} is not writable; choose another")
    return folder


def _complete(path: Path, petition_id: int, updated: str | None) -> bool:
    """True if ``path`` holds the whole JSON of ``petition_id`` (and not older than
    ``updated``, when the listing says when the petition last changed)."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return False
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    item = data.get("data") if isinstance(data, dict) else None
    if not isinstance(item, dict) or str(item.get("id")) != str(petition_id):
        return False
    if not isinstance(item.get("attributes"), dict):
        return False
    if updated is None:
        return True
    saved = item["attributes"].get("updated_at")
    return isinstance(saved, str) and saved >= updated


def _save(path: Path, body: bytes) -> None:
    """Write ``body`` to ``path`` all at once: a temporary file beside it, then a rename."""
    try:
        write_atomic(path, body, fsync=True)
    except OSError as exc:
        raise InputError(
            f"out: cannot write {str(path)!r} ({exc.strerror or exc}); choose another folder"
        ) from None


_Target = tuple[int, bool | None, str | None, str | None]  # id, archived, url, updated


def _download(
    targets: Iterable[_Target],
    folder: Path,
    session: _Session,
    *,
    total: int | None,
    progress: bool | None,
) -> FetchReport:
    from tqdm.auto import tqdm

    saved: list[Path] = []
    skipped: list[Path] = []
    failed: list[FetchFailure] = []
    disable = None if progress is None else not progress
    with tqdm(total=total, disable=disable, unit="petition", desc="fetch") as bar:
        for pid, archived, url, updated in targets:
            path = folder / f"{pid}.json"
            if _complete(path, pid, updated):
                skipped.append(path)
            else:
                try:
                    if url is None:
                        body, _ = _fetch(session, pid, archived)
                    else:
                        body = session.get(url)
                        _petition_json(body, url, pid)
                except FetchError as exc:
                    if exc.offline:  # the site cannot be reached: the rest would fail too
                        raise
                    failed.append(
                        FetchFailure(pid, exc.url or url or "", type(exc).__name__, str(exc))
                    )
                else:
                    _save(path, body)
                    saved.append(path)
            bar.update(1)
    return FetchReport(tuple(saved), tuple(skipped), tuple(failed), session.requests)


def download_petitions(
    ids: Iterable[int | str],
    out: str | Path,
    *,
    archived: bool | None = None,
    options: FetchOptions | None = None,
    progress: bool | None = None,
) -> FetchReport:
    """Save petitions by id as ``<out>/<id>.json`` (this calls the network).

    A file already in ``out`` that holds the petition's complete JSON is skipped (so an
    interrupted run resumes); a petition the site answers with an HTTP error is listed in
    :attr:`FetchReport.failed` and the rest are fetched. When the site cannot be reached
    (offline, timed out) the run stops with :class:`~respcompare.errors.FetchError`
    (``offline`` True); the files saved so far are complete. A reply that is not the
    petition's JSON is listed as a failure and never saved.
    """
    opts = _options(options, None)
    wanted = [_check_id(i) for i in ids]
    if not wanted:
        raise InputError("download_petitions: give at least one petition id")
    unique = list(dict.fromkeys(wanted))
    folder = _out_folder(out)
    session = _Session(opts)
    targets = ((pid, archived, None, None) for pid in unique)
    return _download(targets, folder, session, total=len(unique), progress=progress)


def download_with_response(
    out: str | Path,
    *,
    since: _dt.date | str | None = None,
    archived: bool | None = None,
    parliaments: Iterable[int] = (),
    options: FetchOptions | None = None,
    progress: bool | None = None,
) -> FetchReport:
    """Save every petition with a government response as ``<out>/<id>.json`` (network).

    The listing (see :func:`list_with_response`; here ``archived=None``, current and archived,
    is the default) is read first, then each petition is fetched unless ``out`` already holds
    its complete JSON, as new as the listing's ``updated_at``. Failures as in
    :func:`download_petitions`.
    """
    opts = _options(options, None)
    start = _since(since)
    folder = _out_folder(out)
    session = _Session(opts)
    listed: dict[int, ListedPetition] = {}
    for is_archived, parliament in _sources(archived, parliaments):
        for item in _walk(session, archived=is_archived, parliament=parliament):
            if start is None or item.responded is None or item.responded >= start:
                listed.setdefault(item.id, item)
    targets = ((p.id, p.archived, p.url, p.updated) for p in listed.values())
    return _download(targets, folder, session, total=len(listed), progress=progress)
