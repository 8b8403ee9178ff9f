"""Progress bars that fit where they run: a terminal, a notebook, a log, or nowhere.

:func:`progress_bar` is what the batch entry points (:func:`~respcompare.corpus.review_many`)
use. ``progress=False`` prints nothing at all. ``progress=None`` (the default) shows a bar on a
terminal, stays out of logs and CI (stderr is not a terminal), and in a Jupyter notebook shows
a widget bar when ipywidgets is installed, else a plain text bar on stderr, never a
``TqdmWarning``. ``progress=True`` forces a bar (a text bar where no terminal is attached).

>>> with progress_bar(3, progress=False) as bar:
...     bar.update(3)
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from types import TracebackType
from typing import Protocol

__all__ = ["Bar", "in_notebook", "progress_bar"]


class Bar(Protocol):
    """What a progress bar offers: ``update(n)`` and use as a context manager."""

    def update(self, n: float | None = 1) -> bool | None: ...

    def __enter__(self) -> Bar: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class _Silent:
    """A bar that prints nothing."""

    def update(self, n: float | None = 1) -> bool | None:
        return None

    def __enter__(self) -> _Silent:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


def in_notebook() -> bool:
    """True inside a Jupyter kernel (IPython already imported by it); never imports IPython."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # an IPython too old or too broken to ask: not a notebook we can use
        return False
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def _has_widgets() -> bool:
    try:
        return importlib.util.find_spec("ipywidgets") is not None
    except (ImportError, ValueError):
        return False


def progress_bar(
    total: int | None, *, progress: bool | None, desc: str = "review", unit: str = "case"
) -> Bar:
    """A progress bar over ``total`` items (None when unknown) that suits where it runs.

    ``progress``: False prints nothing; None decides by the place (terminal: a bar; log or CI:
    nothing; notebook: a widget, or a text bar without ipywidgets); True always shows one.
    """
    if progress is False:
        return _Silent()
    from tqdm import tqdm as text_bar

    if in_notebook():
        if _has_widgets():
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    from tqdm.notebook import tqdm as widget_bar

                    bar: Bar = widget_bar(total=total, desc=desc, unit=unit)
                return bar
            except Exception:  # an ipywidgets tqdm cannot use: fall back to text, quietly
                pass
        return text_bar(  # type: ignore[no-any-return]
            total=total, desc=desc, unit=unit, file=sys.stderr, disable=False, mininterval=0.5
        )
    return text_bar(  # type: ignore[no-any-return]
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=None if progress is None else False,
    )
