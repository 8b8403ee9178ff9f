"""The example notebooks are committed with their outputs, and a fresh run gives the same text.

Each notebook is run top to bottom in a real ``python3`` kernel (ipykernel, from the test extra)
through nbclient, talking over IPC sockets in a temporary folder (no TCP); the kernel gets the
offline guard (sockets and ``nltk.download`` refused, NLTK_DATA empty) through a
``sitecustomize`` on its PYTHONPATH. Its stdout and plain-text results must equal the committed
ones: a stale notebook fails with the command that refreshes it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
sys.path.insert(0, str(ROOT / "docs"))
import generate  # noqa: E402

_GUARD = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("respcompare offline guard: network access attempted")

_connect = socket.socket.connect

def _local_only(self, address, *args, **kwargs):
    # the kernel's own IPC sockets are files (AF_UNIX); anything over the network is refused
    if self.family == socket.AF_UNIX:
        return _connect(self, address, *args, **kwargs)
    return _refuse(address)

socket.socket.connect = _local_only
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
try:
    import nltk
    nltk.download = _refuse
except ImportError:
    pass
"""


def test_there_are_three_examples() -> None:
    assert {p.stem for p in NOTEBOOKS} == {"seed_case", "corpus", "check_my_draft"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_with_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: run it top to bottom"
    assert all(o.output_type != "error" for c in code for o in c.outputs)
    assert sum(bool(t) for t in generate.text_outputs(nb)) >= len(code) // 2


def test_notebooks_show_their_charts() -> None:
    for name in ("seed_case", "corpus"):
        nb = nbformat.read(EXAMPLES / f"{name}.ipynb", as_version=4)
        images = [
            o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
        ]
        assert images, name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_reruns_to_the_committed_text(path: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_GUARD, encoding="utf-8")
    nltk_data = tmp_path / "nltk_data"
    nltk_data.mkdir()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "src")])
    env["NLTK_DATA"] = str(nltk_data)
    fresh = generate.run_notebook(path, env=env, timeout=300)
    committed = nbformat.read(path, as_version=4)
    assert generate.text_outputs(fresh) == generate.text_outputs(committed), (
        f"{path.name}'s committed outputs are stale: run `python docs/generate.py notebooks`"
    )
