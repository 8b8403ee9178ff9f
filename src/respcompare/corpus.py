"""Many cases at once: stream a corpus from disk, review it, tabulate the results.

:func:`load_corpus` reads a folder of petition JSON files (petition.parliament.uk format) or a
JSON Lines file with one response per line (the layout of ``tests/fixtures/dev.jsonl``), one
case at a time. A bad file or line is not fatal: it is listed in :attr:`Corpus.errors` with its
path, line and the reason, and the rest is read.

:func:`review_many` reviews every case (on an executor if given) and returns a
:class:`ReviewSet` with :meth:`ReviewSet.to_records` and :meth:`ReviewSet.to_frame`.

Evaluation fields of a JSON Lines corpus (``committee``: what the Petitions Committee decided;
``pair``) are kept in :attr:`Corpus.metadata`, never given to the judge.

Scaling out
-----------
``executor=`` takes any :class:`concurrent.futures.Executor`; cases go out in batches and the
reviews come back in the input order, equal to reviewing one case at a time. With dask::

    from dask.distributed import Client
    with Client() as client:                      # or Client("scheduler:8786")
        results = review_many(load_corpus("petitions/"), executor=client.get_executor())
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .alignment import AlignOptions
from .distributed import executor_slots
from .errors import InputError, OptionalDependencyError, RespcompareError
from .lexicon import Lexicon
from .load import load_petition
from .model import Ask, Case, Petition, Response, replace_surrogates
from .pipeline import Review, review

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    import pandas

    from .judge import JudgeConfig
    from .reuse import ReuseIndex

__all__ = ["Corpus", "LoadError", "ReviewSet", "load_corpus", "review_many"]

_ROLE_LABELS = {"original": "original", "revised": "revised", "single": "response"}
_ROLE_ORDER = {"original": 0, "response": 1, "revised": 2}


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file, line or case that could not be read or reviewed, and why.

    ``path`` names the source (a file, ``file#petition_id`` for a JSON Lines case, or
    ``case <index>``); ``line`` is the 1-based line of a JSON Lines file, or None for a whole
    file or case. ``error`` is the name of the exception type (``"PetitionFormatError"``;
    anything that is not a :class:`~respcompare.errors.RespcompareError` is a bug worth
    reporting) and ``index`` the 0-based position of the case in the input of
    :func:`review_many`, or None for a load error.

    >>> str(LoadError("a.json", None, "not valid JSON"))
    'a.json: not valid JSON'
    """

    path: str
    line: int | None
    reason: str
    error: str = "InputError"
    index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", _printable(self.path))
        object.__setattr__(self, "reason", " ".join(_printable(self.reason).split()))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (the row of an errors file)."""
        return {
            "path": self.path,
            "line": self.line,
            "index": self.index,
            "error": self.error,
            "reason": self.reason,
        }

    @classmethod
    def of(
        cls, path: str, line: int | None, exc: BaseException, *, index: int | None = None
    ) -> LoadError:
        """The record of an exception: its message, or its type when it has no message."""
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, RecursionError):
            reason = "nested too deeply to read"
        elif not isinstance(exc, (RespcompareError, OSError)):
            reason = f"unexpected {type(exc).__name__} ({reason}); please report it"
        return cls(path, line, reason, error=type(exc).__name__, index=index)


def _printable(text: str) -> str:
    """``text`` with lone surrogates (e.g. undecodable file-name bytes) as U+FFFD."""
    return replace_surrogates(str(text))


class Corpus:
    """Cases streamed from a folder of petition JSON files or a JSON Lines file.

    Iterate it to get the cases; each pass re-reads the source. After a pass, :attr:`errors`
    lists what could not be read and :attr:`metadata` holds, per ``case.source``, the fields
    kept out of the case (for JSON Lines: ``petition_id``, ``lines``, ``committee`` per
    response label, ``pair``).
    """

    def __init__(self, path: str | Path) -> None:
        p = Path(path)
        if not p.exists():
            raise InputError(
                f"no such file or folder {str(p)!r}: give a folder of petition JSON files "
                "or a .jsonl file"
            )
        self.path = p
        self.errors: list[LoadError] = []
        self.metadata: dict[str, dict[str, Any]] = {}

    def __repr__(self) -> str:
        return f"<Corpus {str(self.path)!r} errors={len(self.errors)}>"

    def __iter__(self) -> Iterator[Case]:
        self.errors = []
        self.metadata = {}
        if self.path.is_dir():
            yield from self._folder()
        elif self.path.suffix.lower() == ".json":
            yield from self._files([self.path])
        else:
            yield from self._jsonl()

    def _folder(self) -> Iterator[Case]:
        files = sorted(p for p in self.path.iterdir() if p.suffix.lower() == ".json")
        if not files:
            self.errors.append(LoadError(str(self.path), None, "no .json files in this folder"))
        lines = sorted(p for p in self.path.iterdir() if p.suffix.lower() == ".jsonl")
        yield from self._files(files)
        for p in lines:
            yield from Corpus._jsonl(_sub(self, p))

    def _files(self, files: Iterable[Path]) -> Iterator[Case]:
        for f in files:
            try:
                case = load_petition(f)
            except OSError as exc:
                self.errors.append(
                    LoadError(str(f), None, f"cannot read the file ({exc})", error="OSError")
                )
                continue
            except Exception as exc:  # one bad file must not end the run: record it
                self.errors.append(LoadError.of(str(f), None, exc))
                continue
            self.metadata[case.source or str(f)] = {"path": str(f)}
            yield case

    def _jsonl(self) -> Iterator[Case]:
        group: list[tuple[int, Mapping[str, Any]]] = []
        seen: set[str] = set()
        try:
            handle = self.path.open(encoding="utf-8-sig")
        except OSError as exc:
            self.errors.append(LoadError(str(self.path), None, f"cannot read the file ({exc})"))
            return
        with handle:
            lineno = 0
            while True:
                try:
                    line = handle.readline()
                except UnicodeDecodeError as exc:
                    self.errors.append(
                        LoadError(str(self.path), lineno + 1, f"not UTF-8 text ({exc.reason})")
                    )
                    break
                except OSError as exc:
                    self.errors.append(
                        LoadError(
                            str(self.path),
                            lineno + 1,
                            f"cannot read the file ({exc.strerror or exc})",
                            error="OSError",
                        )
                    )
                    break
                if not line:
                    break
                lineno += 1
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    self.errors.append(
                        LoadError(
                            str(self.path),
                            lineno,
                            f"not valid JSON ({exc.msg})",
                            error="PetitionFormatError",
                        )
                    )
                    continue
                except (RecursionError, ValueError) as exc:  # nesting, 4,300-digit numbers
                    self.errors.append(LoadError.of(str(self.path), lineno, exc))
                    continue
                if not isinstance(row, Mapping) or "petition_id" not in row:
                    self.errors.append(
                        LoadError(
                            str(self.path),
                            lineno,
                            "expected a JSON object with petition_id, action and the response",
                        )
                    )
                    continue
                if group and str(group[0][1]["petition_id"]) != str(row["petition_id"]):
                    yield from self._group(group, seen)
                    group = []
                group.append((lineno, row))
        if group:
            yield from self._group(group, seen)

    def _group(self, rows: list[tuple[int, Mapping[str, Any]]], seen: set[str]) -> Iterator[Case]:
        pid = str(rows[0][1]["petition_id"])
        first = rows[0][0]
        source = f"{self.path}#{pid}"
        if pid in seen:
            source = f"{source}@{first}"
            self.errors.append(
                LoadError(
                    str(self.path),
                    first,
                    f"petition {pid} has rows that are not together; read as a separate case "
                    "(keep a petition's rows on consecutive lines)",
                )
            )
        seen.add(pid)
        responses: list[tuple[int, Response]] = []
        committee: dict[str, Any] = {}
        lines: list[int] = []
        petition: Petition | None = None
        pair: Any = None
        for lineno, row in rows:
            try:
                if petition is None:
                    petition = _petition(row)
                role = str(row.get("role") or "single")
                if role not in _ROLE_LABELS:
                    raise InputError(f"role {role!r} is not one of original, revised, single")
                label = _ROLE_LABELS[role]
                if any(r.label == label for _, r in responses):
                    raise InputError(f"a second {role!r} response for petition {pid}")
                departments = petition.departments
                response = Response(
                    text=_text(row, "response_details") or _text(row, "response_summary"),
                    summary=_text(row, "response_summary")
                    if _text(row, "response_details").strip()
                    else "",
                    label=label,
                    date=row.get("responded_on"),
                    department=departments[0] if departments else None,
                )
            except Exception as exc:  # one bad line must not end the run: record it
                self.errors.append(LoadError.of(str(self.path), lineno, exc))
                continue
            responses.append((_ROLE_ORDER[label], response))
            committee[label] = row.get("committee")
            lines.append(lineno)
            pair = row.get("pair", pair)
        if petition is None or not responses:
            return
        responses.sort(key=lambda x: x[0])
        try:
            case = Case(petition=petition, responses=tuple(r for _, r in responses), source=source)
        except Exception as exc:
            self.errors.append(LoadError.of(str(self.path), first, exc))
            return
        self.metadata[source] = {
            "petition_id": rows[0][1]["petition_id"],
            "lines": lines,
            "committee": committee,
            "pair": pair,
        }
        yield case


def _sub(parent: Corpus, path: Path) -> Corpus:
    """A view of a JSON Lines file inside a folder that reports into the parent's lists."""
    child = Corpus(path)
    child.errors = parent.errors
    child.metadata = parent.metadata
    return child


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"field {key!r} should be text, got {type(value).__name__}")
    return value.replace("\r\n", "\n").strip()


def _petition(row: Mapping[str, Any]) -> Petition:
    pid = row.get("petition_id")
    depts = row.get("departments")
    if depts is None:
        depts = []
    if isinstance(depts, str):
        depts = [depts]
    if not isinstance(depts, list) or not all(isinstance(d, str) for d in depts):
        raise InputError(
            "field 'departments' should be a list of department names (strings), got "
            f"{type(depts).__name__}"
        )
    return Petition(
        action=_text(row, "action"),
        background=_text(row, "background"),
        additional_details=_text(row, "additional_details"),
        id=_petition_id(pid),
        departments=tuple(depts),
    )


def _petition_id(pid: object) -> int | None:
    """A petition id given as an int or a string of ASCII digits (at most 12), else None."""
    if isinstance(pid, bool):
        return None
    if isinstance(pid, int):
        return pid if 0 <= pid < 10**12 else None
    if isinstance(pid, str) and 0 < len(pid) <= 12 and pid.isascii() and pid.isdigit():
        return int(pid)
    return None


def load_corpus(path: str | Path) -> Corpus:
    """Stream the cases of a folder of petition JSON files or of a JSON Lines file.

    A folder yields one case per ``*.json`` file (sorted by name), then the cases of any
    ``*.jsonl`` file in it. A JSON Lines file has one response per line with the fields
    ``petition_id, action, background, additional_details, departments, response_summary,
    response_details, responded_on, role`` (original | revised | single); consecutive lines
    with the same ``petition_id`` form one case, the original before the revision. Bad files
    and lines are listed in ``.errors`` after iterating.

    >>> import json, pathlib, tempfile
    >>> rows = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
    >>> row = {"petition_id": 1, "action": "Ban X", "response_details": "We will not.",
    ...        "role": "single", "committee": "accepted"}
    >>> _ = rows.write_text(json.dumps(row) + "\\n{oops\\n")
    >>> corpus = load_corpus(rows)
    >>> [c.responses[0].label for c in corpus], [e.line for e in corpus.errors]
    (['response'], [2])
    """
    return Corpus(path)


# --------------------------------------------------------------------------- reviewing


@dataclass(frozen=True, slots=True)
class ReviewSet:
    """The reviews of a corpus, in input order, and the cases that could not be read or reviewed.

    >>> from respcompare import load_example
    >>> rs = review_many([load_example("grooming-gangs")], progress=False)
    >>> [r["response_label"] for r in rs.to_records()]
    ['original', 'revised']
    """

    reviews: tuple[Review, ...]
    errors: tuple[LoadError, ...] = ()

    def __len__(self) -> int:
        return len(self.reviews)

    def __iter__(self) -> Iterator[Review]:
        return iter(self.reviews)

    def __getitem__(self, i: int) -> Review:
        return self.reviews[i]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per response: the case, the response, and its assessment
        (:meth:`Review.to_records <respcompare.pipeline.Review.to_records>` for each review).
        """
        return [row for rv in self.reviews for row in rv.to_records()]

    def to_frame(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs ``pip install 'respcompare[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError:
            raise OptionalDependencyError(
                "ReviewSet.to_frame needs pandas: pip install 'respcompare[pandas]'"
            ) from None
        return pd.DataFrame.from_records(self.to_records())


def _density(count: int, per_100: float | None) -> float | None:
    return None if per_100 is None else round(count * per_100, 3)


def _review_batch(
    cases: Sequence[Case], options: Mapping[str, Any]
) -> list[Review | tuple[str, str]]:
    """Review a batch of cases; a case that cannot be reviewed gives (error type, message)."""
    out: list[Review | tuple[str, str]] = []
    for case in cases:
        try:
            out.append(review(case, **options))
        except Exception as exc:  # one bad case must not lose the others: record it
            record = LoadError.of("", None, exc)
            out.append((record.error, record.reason))
    return out


def review_many(
    cases: Iterable[Case],
    *,
    progress: bool | None = None,
    executor: Executor | None = None,
    batch_size: int = 8,
    asks: Sequence[Ask | str] | Ask | str | None = None,
    lexicon: Lexicon | None = None,
    index: ReuseIndex | None = None,
    judge: JudgeConfig | None = None,
    align: AlignOptions | None = None,
) -> ReviewSet:
    """Review every case; the same reviews as :func:`~respcompare.pipeline.review` one at a time.

    ``progress``: None shows a tqdm bar on a terminal or in a notebook and stays out of logs
    and CI; True or False force it. ``executor``: any :class:`concurrent.futures.Executor`
    (threads, processes, dask's ``client.get_executor()``); cases go out in batches of
    ``batch_size`` with a bounded number in flight, and come back in input order. A case that
    cannot be reviewed is listed in :attr:`ReviewSet.errors`, with the load errors of a
    :class:`Corpus`.

    ``asks``, ``lexicon``, ``index``, ``judge`` and ``align`` are :func:`review`'s options,
    passed to every case (``asks``, when given, replaces every petition's own asks).

    >>> from respcompare import load_example
    >>> len(review_many([load_example("grooming-gangs")], progress=False))
    1
    """
    from tqdm.auto import tqdm

    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InputError(f"batch_size must be an int >= 1, got {batch_size!r}")
    from concurrent.futures import Executor as _Executor

    if executor is not None and not isinstance(executor, _Executor):
        raise InputError(
            "executor= must be a concurrent.futures.Executor (or dask's "
            f"client.get_executor()), not {type(executor).__name__}"
        )
    options: dict[str, Any] = {
        "asks": asks,
        "lexicon": lexicon,
        "index": index,
        "judge": judge,
        "align": align,
    }
    total = len(cases) if isinstance(cases, Sequence) else None
    disable = None if progress is None else not progress
    reviews: list[Review] = []
    errors: list[LoadError] = []
    Batch = list[tuple[int, Case]]

    def where(index: int, case: Case) -> str:
        if case.source:
            return case.source
        if case.petition.id is not None:
            return f"case {index} (petition {case.petition.id})"
        return f"case {index}"

    def collect(batch: Batch, results: list[Review | tuple[str, str]]) -> None:
        for (index, case), result in zip(batch, results, strict=True):
            if isinstance(result, tuple):
                error, reason = result
                errors.append(LoadError(where(index, case), None, reason, error, index))
            else:
                reviews.append(result)
        bar.update(len(batch))

    def settle(batch: Batch, fut: Future[list[Review | tuple[str, str]]]) -> None:
        try:
            results = fut.result()
        except Exception as exc:  # the executor failed the whole batch (pickling, a lost worker)
            record = LoadError.of("", None, exc)
            results = [(record.error, record.reason)] * len(batch)
        collect(batch, results)

    with tqdm(total=total, disable=disable, unit="case", desc="review") as bar:
        pending: deque[tuple[Batch, Future[list[Review | tuple[str, str]]]]] = deque()
        limit = 4 * executor_slots(executor)  # batches in flight: 4 per worker thread
        batch: Batch = []

        def flush() -> None:
            cases_only = [c for _, c in batch]
            if executor is None:
                collect(batch, _review_batch(cases_only, options))
                return
            try:
                fut = executor.submit(_review_batch, cases_only, options)
            except Exception as exc:  # a shut-down executor
                record = LoadError.of("", None, exc)
                collect(batch, [(record.error, record.reason)] * len(batch))
                return
            pending.append((batch, fut))
            while len(pending) >= limit:
                settle(*pending.popleft())

        for position, case in enumerate(cases):
            if not isinstance(case, Case):
                errors.append(
                    LoadError(
                        f"case {position}",
                        None,
                        f"review_many takes Cases (see rc.load_corpus), not {type(case).__name__}",
                        "InputError",
                        position,
                    )
                )
                bar.update(1)
                continue
            batch.append((position, case))
            if len(batch) < batch_size:
                continue
            flush()
            batch = []
        if batch:
            flush()
        while pending:
            settle(*pending.popleft())
    load_errors = list(cases.errors) if isinstance(cases, Corpus) else []
    errors.sort(key=lambda e: e.index if e.index is not None else -1)
    return ReviewSet(reviews=tuple(reviews), errors=tuple(load_errors + errors))
