"""Test-suite guard: no network and no NLTK data, ever.

Loaded before any test or doctest is collected. NLTK_DATA points at an empty folder,
``nltk.download`` raises, and any outgoing socket connection raises, so a stage that tries to
fetch data fails loudly instead of passing on a machine that happens to have it.
"""

from __future__ import annotations

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


socket.socket.connect = _refuse  # type: ignore[method-assign]
socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
socket.create_connection = _refuse  # type: ignore[assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]

import nltk  # noqa: E402
import nltk.data  # noqa: E402

nltk.download = _refuse  # type: ignore[assignment]
nltk.data.path[:] = [_EMPTY_NLTK]
