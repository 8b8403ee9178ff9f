"""Quality gates that can fail: ruff, mypy --strict, and the one-way import order of stages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "respcompare"

# A stage may import only stages to its left (and itself). Keeps the pipeline readable.
ORDER = [
    "errors",
    "files",
    "progress",
    "distributed",
    "model",
    "palette",
    "departments",
    "escape",
    "segment",
    "load",
    "fetch",
    "lexicon",
    "lemmas",
    "cues",
    "readability",
    "due",
    "commitments",
    "analysis",
    "asks",
    "judge",
    "alignment",
    "reuse",
    "promises",
    "reading",
    "report",
    "plot",
    "pipeline",
    "corpus_records",
    "corpus_report",
    "corpus",
    "check",
    "cli",
    "__main__",
    "__init__",
]


def _runtime_imports(tree: ast.Module) -> list[ast.ImportFrom]:
    """Relative imports, leaving out those under ``if TYPE_CHECKING:``."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and n.level >= 1 and n.module and id(n) not in skip
    ]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_ruff() -> None:
    pytest.importorskip("ruff", reason="ruff is not installed (pip install -e '.[test]')")
    paths = [
        p for p in ("src", "tests", "benchmarks", "examples", "conftest.py") if (ROOT / p).exists()
    ]
    proc = _run([sys.executable, "-m", "ruff", "check", *paths])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _run([sys.executable, "-m", "ruff", "format", "--check", *paths])
    assert proc.returncode == 0, "run `ruff format`: " + proc.stdout + proc.stderr


def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    proc = _run([sys.executable, "-m", "mypy", "--strict", "src/respcompare"])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_imports_flow_one_way() -> None:
    rank = {name: i for i, name in enumerate(ORDER)}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.stem if path.parent == PACKAGE else path.parent.name
        assert module in rank, f"{path.name}: add the module to ORDER in tests/test_quality.py"
        tree = ast.parse(path.read_text())
        for node in _runtime_imports(tree):
            assert node.module is not None
            target = node.module.split(".")[0]
            if target in rank:
                assert rank[target] <= rank[module], (
                    f"{path.name} imports .{target}, which comes later in the pipeline"
                )


def test_import_leaves_heavy_dependencies_for_later() -> None:
    # numpy (reuse index), matplotlib (charts), pandas (to_frame), dask (distributed corpora),
    # nltk (sentence tokenizer, stemmer) and rapidfuzz (aligner, judge) load on first use, not on
    # `import respcompare`; nor do the cue engine, the aligner and the pipeline themselves
    heavy = (
        "numpy",
        "matplotlib",
        "pandas",
        "dask",
        "distributed",
        "nltk",
        "rapidfuzz",
        "respcompare.cues",
        "respcompare.alignment",
        "respcompare.pipeline",
        "respcompare.corpus",
    )
    code = f"import respcompare, sys; print(sorted(m for m in {heavy!r} if m in sys.modules))"

    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
    # and the lazily bound names still work
    code = (
        "import respcompare as rc; print(rc.assess.__name__, rc.ReuseIndex.__name__, "
        "rc.review.__name__, rc.align.__name__, rc.segment.__name__, rc.readability.__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["assess", "ReuseIndex", "review", "align", "segment", "readability"]
    # every name in __all__ resolves, dir() lists them, and a star import gets them all
    code = (
        "import respcompare as rc; missing = [n for n in rc.__all__ if not hasattr(rc, n)]; "
        "print(missing, set(rc.__all__) <= set(dir(rc))); "
        "ns = {}; exec('from respcompare import *', ns); "
        "print(sorted(set(rc.__all__) - set(ns)), callable(rc.segment), callable(rc.readability))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == ["[] True", "[] True True"]


def test_modules_are_not_hidden_by_functions() -> None:
    # rc.align and rc.review are functions; their modules keep names of their own
    import importlib

    import respcompare as rc

    assert callable(rc.align) and callable(rc.review)
    assert importlib.import_module("respcompare.alignment").align is rc.align
    assert importlib.import_module("respcompare.pipeline").review is rc.review
