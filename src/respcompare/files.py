"""Writing files all or nothing: the one atomic writer the CLI, the corpus records and the
fetcher share."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes, *, fsync: bool = False) -> None:
    """Write ``data`` to ``path`` in one go: a temporary file beside it, then a rename, so a
    reader never sees half a file. On failure the temporary file is removed and the
    ``OSError`` propagates (callers turn it into their own one-line error).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, b"done\\n"); p.read_bytes()
    b'done\\n'
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
