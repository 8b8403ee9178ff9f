"""The CLI runs offline: a subprocess with sockets blocked, nltk.download refused, NLTK_DATA empty.

A ``sitecustomize.py`` on PYTHONPATH patches the socket layer and ``nltk.download`` before the
CLI starts and, at exit, writes a marker file proving the guard was loaded in that process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_SITECUSTOMIZE = """
import atexit, os, socket

def _refuse(*args, **kwargs):
    raise OSError("respcompare offline guard: network access attempted")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse

try:
    import nltk
    nltk.download = _refuse
except ImportError:
    pass

_marker = os.environ["RC_GUARD_MARKER"]

def _done():
    import socket as s
    with open(_marker, "w", encoding="utf-8") as fh:
        fh.write("active" if s.getaddrinfo is _refuse else "inactive")

atexit.register(_done)
"""


def _guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    nltk_data = tmp_path / "nltk_data"
    nltk_data.mkdir()
    marker = tmp_path / "guard-marker"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "src")])
    env["NLTK_DATA"] = str(nltk_data)
    env["RC_GUARD_MARKER"] = str(marker)
    env["MPLBACKEND"] = "Agg"
    return env, marker, nltk_data


@pytest.mark.parametrize(
    ("fmt", "needle"),
    [("md", "# Did they answer?"), ("html", "<!DOCTYPE html>"), ("json", '"verdict"')],
)
def test_cli_review_runs_offline(tmp_path: Path, fmt: str, needle: str) -> None:
    env, marker, nltk_data = _guarded_env(tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "respcompare",
            "review",
            "--example",
            "grooming-gangs",
            "--format",
            fmt,
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert needle in proc.stdout
    assert "network access attempted" not in proc.stderr
    assert marker.read_text(encoding="utf-8") == "active"
    assert list(nltk_data.iterdir()) == []


def test_guard_really_blocks_sockets(tmp_path: Path) -> None:
    """The same sitecustomize refuses a connection, so a passing run above means no network."""
    env, marker, _ = _guarded_env(tmp_path)
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('example.org', 80), timeout=1)\n"
        "except OSError as e:\n"
        "    print('refused:', e)\n"
        "import nltk\n"
        "try:\n"
        "    nltk.download('punkt')\n"
        "except OSError as e:\n"
        "    print('refused:', e)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("refused: respcompare offline guard") == 2
    assert marker.read_text(encoding="utf-8") == "active"
