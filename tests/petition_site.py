"""A stand-in for petition.parliament.uk on loopback, serving recorded petition JSON.

The petitions are the real ones in tests/fixtures/petitions (Open Parliament Licence v3.0),
completed with the fields the site's JSON carries (``state``, ``updated_at``,
``government_response_at``) and served in the shapes the site uses, as seen on
https://petition.parliament.uk/petitions/754624.json,
https://petition.parliament.uk/archived/petitions/300628.json and
https://petition.parliament.uk/archived/petitions.json?page=3&parliament=3&state=with_response:

* ``/petitions/<id>.json``: ``{"links": {"self": ...}, "data": {"type": "petition", "id": ...,
  "attributes": {...}}}``;
* ``/archived/petitions/<id>.json``: the same with ``"type": "archived-petition"`` and a
  ``"parliament"`` object;
* ``/petitions.json?state=with_response`` and ``/archived/petitions.json?...``: ``{"links":
  {"self", "first", "last", "next", "prev"}, "data": [{"type", "id", "links": {"self"},
  "attributes"}, ...]}``, the first page without ``page=``, ``next`` null on the last.

Petitions of the 2019-2024 Parliament (ids below 400000) are archived; the rest are current.
``faults`` changes what a path answers (an HTTP status with headers, a truncated body, a
dropped connection) for the next few requests, and every request is logged.
"""

from __future__ import annotations

import copy
import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "petitions"
REAL = "https://petition.parliament.uk"
PAGE_SIZE = 5
PARLIAMENT = {
    "period": "2019-2024",
    "government": "Conservative",
    "dissolution_at": "2024-05-30T00:01:00.000+01:00",
    "response_threshold": 10000,
    "debate_threshold": 100000,
}


def _responded(attrs: dict[str, Any]) -> str:
    response = attrs["government_response"]
    day = response.get("responded_on") or response["created_at"][:10]
    return f"{day}T16:00:00.000Z"


def petition_json(path: Path) -> tuple[int, bool, dict[str, Any]]:
    """(id, archived, the JSON the site would send) for one fixture file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    pid = int(raw["data"]["id"])
    archived = pid < 400000
    attrs = dict(raw["data"]["attributes"])
    attrs.setdefault("state", "closed")
    attrs["government_response_at"] = _responded(attrs)
    attrs["updated_at"] = attrs["government_response_at"]
    where = f"{REAL}/archived/petitions/{pid}.json" if archived else f"{REAL}/petitions/{pid}.json"
    data: dict[str, Any] = {"type": "archived-petition" if archived else "petition", "id": pid}
    if archived:
        data["parliament"] = PARLIAMENT
    data["attributes"] = attrs
    return pid, archived, {"links": {"self": where}, "data": data}


@dataclass
class Fault:
    """What a path answers instead, for the next ``times`` requests."""

    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"<html>error</html>"
    drop: bool = False  # close the connection without an answer
    cut: bool = False  # announce the whole body, send half of it, close
    times: int = 1


class PetitionSite:
    """The fake site: ``url`` is its base; ``log`` lists (path?query, User-Agent) requested."""

    def __init__(self) -> None:
        self.petitions: dict[int, tuple[bool, dict[str, Any]]] = {}
        for path in sorted(FIXTURES.glob("*.json")):
            pid, archived, doc = petition_json(path)
            self.petitions[pid] = (archived, doc)
        self.pages: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        self.faults: dict[str, Fault] = {}
        self.log: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._listings()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site._answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ---- content
    def ids(self, *, archived: bool) -> list[int]:
        return [pid for pid, (a, _) in self.petitions.items() if a is archived]

    def _listings(self) -> None:
        self.pages.clear()
        self._listing("/petitions.json", {"state": "with_response"}, self.ids(archived=False))
        archived = self.ids(archived=True)
        for query in ({"state": "with_response"}, {"parliament": "4", "state": "with_response"}):
            self._listing("/archived/petitions.json", query, archived)

    def _listing(self, path: str, query: dict[str, str], ids: list[int]) -> None:
        chunks = [ids[i : i + PAGE_SIZE] for i in range(0, len(ids), PAGE_SIZE)] or [[]]

        def page_url(n: int) -> str:
            q = dict(query, **({"page": str(n)} if n > 1 else {}))
            return f"{REAL}{path}?{urllib.parse.urlencode(sorted(q.items()))}"

        for n, chunk in enumerate(chunks, start=1):
            items = []
            for pid in chunk:
                archived, doc = self.petitions[pid]
                attrs = {
                    k: v
                    for k, v in doc["data"]["attributes"].items()
                    if k != "other_parliamentary_business"
                }
                item: dict[str, Any] = {"type": doc["data"]["type"], "id": pid}
                item["links"] = {"self": doc["links"]["self"]}
                if archived:
                    item["parliament"] = PARLIAMENT
                item["attributes"] = attrs
                items.append(item)
            links = {
                "self": page_url(n),
                "first": page_url(1),
                "last": page_url(len(chunks)),
                "next": page_url(n + 1) if n < len(chunks) else None,
                "prev": page_url(n - 1) if n > 1 else None,
            }
            self.pages[_key(page_url(n))] = json.dumps({"links": links, "data": items}).encode()

    def update(self, pid: int, *, updated_at: str) -> None:
        """The petition changed on the site (a revised response): new updated_at everywhere."""
        archived, doc = self.petitions[pid]
        doc = copy.deepcopy(doc)
        doc["data"]["attributes"]["updated_at"] = updated_at
        self.petitions[pid] = (archived, doc)
        self._listings()

    def requested(self, prefix: str = "") -> list[str]:
        return [p for p, _ in self.log if p.startswith(prefix)]

    # ---- serving
    def _body(self, key: str) -> bytes | None:
        if key in self.pages:
            return self.pages[key]
        for folder, archived in (("/petitions/", False), ("/archived/petitions/", True)):
            if key.startswith(folder) and key.endswith(".json"):
                stem = key[len(folder) : -len(".json")]
                if stem.isdigit() and int(stem) in self.petitions:
                    is_archived, doc = self.petitions[int(stem)]
                    if is_archived is archived:
                        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
        return None

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        key = _key(handler.path)
        with self._lock:
            self.log.append((key, handler.headers.get("User-Agent", "")))
            fault = self.faults.get(key)
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self.faults[key]
        if fault is not None:
            if fault.drop:
                handler.close_connection = True
                handler.connection.close()
                return
            if fault.cut:
                handler.send_response(fault.status)
                handler.send_header("Content-Length", str(len(fault.body)))
                handler.end_headers()
                handler.wfile.write(fault.body[: len(fault.body) // 2])
                handler.wfile.flush()
                handler.close_connection = True
                return
            self._send(handler, fault.status, fault.body, fault.headers)
            return
        if key in self.redirects:
            self._send(handler, 301, b"", {"Location": self.redirects[key]})
            return
        body = self._body(key)
        if body is None:
            self._send(handler, 404, b'{"error":"not found"}', {})
        else:
            self._send(handler, 200, body, {"Content-Type": "application/json; charset=utf-8"})

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]
    ) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


def _key(url: str) -> str:
    """Path and sorted query of a URL: how the fake site matches requests."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.urlencode(sorted(urllib.parse.parse_qsl(parts.query)))
    return parts.path + ("?" + query if query else "")


def running() -> Iterator[PetitionSite]:
    site = PetitionSite()
    try:
        yield site
    finally:
        site.close()
