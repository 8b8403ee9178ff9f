"""Test-suite guard: no network and no NLTK data, ever.

Loaded before any test or doctest is collected. NLTK_DATA points at an empty folder,
``nltk.download`` raises, and any outgoing socket connection raises, so a stage that tries to
fetch data fails loudly instead of passing on a machine that happens to have it. Loopback
(127.0.0.0/8, ::1, ``localhost``) and Unix sockets stay open: tests/test_fetch.py serves
recorded petition JSON from a local HTTP server, and the dask test runs a local cluster.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from typing import Any

_EMPTY_NLTK = tempfile.mkdtemp(prefix="respcompare-empty-nltk-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK
os.environ.setdefault("MPLBACKEND", "Agg")


class NetworkAccessError(RuntimeError):
    """Raised when code under test tries to reach the network."""


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise NetworkAccessError(f"network access attempted during tests: {args!r}")


def _is_loopback(host: object) -> bool:
    """Loopback only: the test servers of tests/test_fetch.py and the local dask cluster."""
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_create_connection = socket.create_connection
_getaddrinfo = socket.getaddrinfo


def _guard_connect(self: socket.socket, address: Any) -> Any:
    if self.family == socket.AF_UNIX or (isinstance(address, tuple) and _is_loopback(address[0])):
        return _connect(self, address)
    return _refuse(self, address)


def _guard_connect_ex(self: socket.socket, address: Any) -> Any:
    if self.family == socket.AF_UNIX or (isinstance(address, tuple) and _is_loopback(address[0])):
        return _connect_ex(self, address)
    return _refuse(self, address)


def _guard_create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
    if _is_loopback(address[0]):
        return _create_connection(address, *args, **kwargs)
    return _refuse(address, *args, **kwargs)


def _guard_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    # None or "" asks for a local (bind) address, never a remote one
    if host in (None, "", b"") or _is_loopback(host):
        return _getaddrinfo(host, *args, **kwargs)
    return _refuse(host, *args, **kwargs)


socket.socket.connect = _guard_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guard_connect_ex  # type: ignore[method-assign]
socket.create_connection = _guard_create_connection  # type: ignore[assignment]
socket.getaddrinfo = _guard_getaddrinfo  # type: ignore[assignment]

import nltk  # noqa: E402
import nltk.data  # noqa: E402

nltk.download = _refuse  # type: ignore[assignment]
nltk.data.path[:] = [_EMPTY_NLTK]
