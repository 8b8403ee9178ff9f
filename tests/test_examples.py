"""The example notebooks run headless, top to bottom, and are committed without outputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


def test_there_are_three_examples() -> None:
    assert {p.stem for p in NOTEBOOKS} == {"seed_case", "corpus", "check_my_draft"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, path
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None, (
            f"{path.name}: clear outputs before committing"
        )
    monkeypatch.chdir(EXAMPLES)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for i, cell in enumerate(code):
        source = "".join(cell["source"])
        try:
            exec(compile(source, f"{path.name}[cell {i}]", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message names the cell
            raise AssertionError(f"{path.name}, code cell {i} failed: {exc!r}") from exc
    plt.close("all")
    assert os.getcwd() == str(EXAMPLES)
