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

import dataclasses
import datetime as _dt
import json
import stat
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .alignment import AlignOptions
from .departments import canonical_department
from .distributed import executor_slots
from .errors import InputError, RespcompareError
from .lexicon import Lexicon
from .load import MAX_JSON_BYTES, _DuplicateKeyError, _no_duplicate_keys, load_petition
from .model import Ask, Case, Petition, Response, replace_surrogates
from .pipeline import Review, review
from .progress import progress_bar

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    import pandas

    from .judge import JudgeConfig
    from .reuse import Document, Passage, ReuseIndex, ReuseOptions

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
        if not isinstance(path, (str, PathLike)):
            raise InputError(
                f"load_corpus() takes a path (str or Path), not {type(path).__name__}: give a "
                "folder of petition JSON files or a .jsonl file"
            )
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
        entries = sorted(p for p in self.path.iterdir() if p.suffix.lower() in (".json", ".jsonl"))
        # (a broken link stays in: the loader says the file does not exist)
        regular = [p for p in entries if _regular(p) or not p.exists()]
        for p in entries:
            if p not in regular and p.is_dir():
                # a folder named like a file ("more.json"): not read (folders are not walked)
                self.errors.append(
                    LoadError(
                        str(p),
                        None,
                        "a folder named like a petition file: not read (a corpus is one folder; "
                        "give this folder as its own corpus)",
                        error="InputError",
                    )
                )
            elif p not in regular:
                # a pipe or a device would block the run or never end: skip it, and say so
                self.errors.append(LoadError(str(p), None, _NOT_REGULAR, error="InputError"))
        files = [p for p in regular if p.suffix.lower() == ".json"]
        if not files:
            self.errors.append(LoadError(str(self.path), None, "no .json files in this folder"))
        lines = [p for p in regular if p.suffix.lower() == ".jsonl"]
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
        if self.path.exists() and not _regular(self.path):
            self.errors.append(LoadError(str(self.path), None, _NOT_REGULAR, error="InputError"))
            return
        try:
            handle = self.path.open(encoding="utf-8-sig")
        except OSError as exc:
            self.errors.append(LoadError(str(self.path), None, f"cannot read the file ({exc})"))
            return
        with handle:
            lineno = 0
            while True:
                try:
                    line = handle.readline(MAX_JSON_BYTES + 1)
                    if len(line) > MAX_JSON_BYTES and not line.endswith("\n"):
                        # a line longer than a petition file may be: skip it, bounded
                        while (rest := handle.readline(1 << 20)) and not rest.endswith("\n"):
                            pass
                        lineno += 1
                        self.errors.append(
                            LoadError(
                                str(self.path),
                                lineno,
                                f"a line of more than {MAX_JSON_BYTES:,} characters; one "
                                "response a line, each well under that",
                                error="InputTooLargeError",
                            )
                        )
                        continue
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
                    row = json.loads(line, object_pairs_hook=_no_duplicate_keys)
                except _DuplicateKeyError as exc:
                    self.errors.append(
                        LoadError(
                            str(self.path),
                            lineno,
                            f"the key {exc.key[:80]!r} appears twice in one row; keep one",
                            error="PetitionFormatError",
                        )
                    )
                    continue
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
                elif _text(row, "action") and _text(row, "action") != petition.action:
                    self.errors.append(
                        LoadError(
                            str(self.path),
                            lineno,
                            f"petition {pid}: this row's action differs from its first row's; "
                            "the first is kept (a petition has one action)",
                        )
                    )
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


_NOT_REGULAR = "not a regular file (a pipe, socket or device): give a file of petition JSON"


def _regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (following links), not a pipe, socket or device."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


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

    ``index`` is the reuse index the boilerplate shares were measured against (built over the
    corpus by :func:`review_many`, or the one given to it; None when boilerplate was turned
    off). ``metadata`` holds, per ``case.source``, what the loader kept out of the case (the
    Committee's decision of a JSON Lines corpus). ``provenance`` records the respcompare
    version and the options of the run; every output file carries it.

    >>> from respcompare import load_example
    >>> rs = review_many([load_example("grooming-gangs")], progress=False)
    >>> [r["response_label"] for r in rs.to_records()]
    ['original', 'revised']
    """

    reviews: tuple[Review, ...]
    errors: tuple[LoadError, ...] = ()
    index: ReuseIndex | None = None
    metadata: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.reviews)

    def __iter__(self) -> Iterator[Review]:
        return iter(self.reviews)

    def __getitem__(self, i: int) -> Review:
        return self.reviews[i]

    def to_records(self, *, per: Literal["response", "ask"] = "response") -> list[dict[str, Any]]:
        """One flat dict per response (``per="ask"``: per ask of each response).

        The columns are listed in ``docs/corpus.md``: the case, the response, its assessment
        with the deciding sentence and the asks as text, the signing department under one
        canonical name, the Committee's decision where the corpus records it, carried-over and
        boilerplate shares.
        """
        from .corpus_records import ask_rows, response_rows

        if per == "response":
            return response_rows(self)
        if per == "ask":
            return ask_rows(self)
        raise InputError(f"per must be 'response' or 'ask', not {per!r}")

    def to_frame(self, *, per: Literal["response", "ask"] = "response") -> pandas.DataFrame:
        """The records as a pandas DataFrame with real dtypes (needs
        ``pip install 'respcompare[pandas]'``): ``date`` datetime64, ``commitment`` and counts
        nullable ``Int64``, ``verdict`` an ordered categorical (answered-yes first).
        """
        from .corpus_records import frame

        return frame(self.to_records(per=per))

    def to_markdown(self) -> str:
        """The corpus report as Markdown (see :mod:`respcompare.corpus_report`)."""
        from .corpus_report import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        """The corpus report as one self-contained HTML page (inline CSS, no JavaScript)."""
        from .corpus_report import to_html

        return to_html(self)

    def stock_passages(self, *, top: int | None = None) -> tuple[Passage, ...]:
        """The stock passages of :attr:`index` (:meth:`ReuseIndex.catalogue`), most widespread
        first; () without an index."""
        if self.index is None:
            return ()
        found = self.index.catalogue()
        if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 0):
            raise InputError(f"top must be a whole number, 0 or more, or None; got {top!r}")
        return found if top is None else found[:top]

    def commitments(self, *, as_of: _dt.date | str | None = None) -> list[dict[str, Any]]:
        """One flat dict per promise across the corpus, with its department and status (each
        case's :meth:`Review.ledger <respcompare.pipeline.Review.ledger>` as of ``as_of``, or
        as of the newest date in that case when None), and the case's ``source``.

        ``pandas.DataFrame(rs.commitments()).groupby("department")["status"].value_counts()``
        says which department's promises are overdue most often.

        >>> from respcompare import load_example
        >>> rs = review_many([load_example("grooming-gangs")], progress=False)
        >>> sorted({(r["department"], r["status"]) for r in rs.commitments(as_of="2021-01-31")})[0]
        ('Home Office', 'dropped')
        """
        rows: list[dict[str, Any]] = []
        for rv in self.reviews:
            for row in rv.ledger(as_of=as_of).to_records():
                rows.append({"source": rv.case.source, **row})
        return rows


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


def case_key(case: Case, position: int) -> str:
    """The petition a case answers, as the reuse index groups it: its id, else its source,
    else ``case <position>``. Versions of one petition share it."""
    if case.petition.id is not None:
        return str(case.petition.id)
    return case.source or f"case {position}"


def corpus_documents(cases: Sequence[tuple[int, Case]]) -> list[Document]:
    """One :class:`~respcompare.reuse.Document` per response of each (position, case), grouped
    by petition (:func:`case_key`); ids ``"<key>/<label>"``, made unique with ``@<position>``
    when two cases share a key (the same petition in two files). The department is the signing
    department (the sign-off, else the petition's), under its canonical name."""
    from .reuse import Document

    out: list[Document] = []
    seen: set[str] = set()
    for position, case in cases:
        key = case_key(case, position)
        for r in case.responses:
            doc_id = f"{key}/{r.label}"
            if doc_id in seen:
                doc_id = f"{doc_id}@{position}"
            seen.add(doc_id)
            named = (
                r.signoff
                or r.department
                or (case.petition.departments[0] if case.petition.departments else None)
            )
            dept = canonical_department(named)
            out.append(Document(doc_id, r.full_text, dept, r.date, key))
    return out


def _with_boilerplate(
    rv: Review,
    key: str,
    index: ReuseIndex,
    docs: Sequence[tuple[str, float | None]] | None,
) -> Review:
    """The review with each profile's stock spans and boilerplate share from ``index``: read
    off the index for a response indexed there (``docs``: its id and share), else queried
    with its petition left out."""
    profiles = []
    for i, (resp, prof) in enumerate(zip(rv.case.responses, rv.profiles, strict=True)):
        if docs is not None:
            spans = index.boilerplate(docs[i][0])
            share = docs[i][1]
        else:
            found = index.query(resp.full_text, group=key, top=0)
            spans, share = found.boilerplate, found.boilerplate_share
        profiles.append(dataclasses.replace(prof, stock=spans, stock_share=share))
    return dataclasses.replace(rv, profiles=tuple(profiles))


def review_many(
    cases: Iterable[Case],
    *,
    progress: bool | None = None,
    executor: Executor | None = None,
    batch_size: int = 8,
    asks: Sequence[Ask | str] | Ask | str | None = None,
    lexicon: Lexicon | None = None,
    index: ReuseIndex | bool | None = True,
    reuse: ReuseOptions | None = None,
    judge: JudgeConfig | None = None,
    align: AlignOptions | None = None,
) -> ReviewSet:
    """Review every case; the same reviews as :func:`~respcompare.pipeline.review` one at a
    time, plus each response's boilerplate share measured across the corpus.

    ``index``: True (the default) builds a reuse index over the responses of ``cases``
    (:func:`~respcompare.reuse.build_index` with ``reuse``'s options, versions of one
    petition grouped, so a revision repeating its original is carried over, not boilerplate)
    and fills every response's ``stock``/``stock_share`` (``boilerplate_share`` in the
    records); a :class:`~respcompare.reuse.ReuseIndex` is used as it is (each response queried
    with its own petition left out); None or False measures no boilerplate.

    ``progress``: None shows a bar on a terminal or in a notebook (text when ipywidgets is
    missing) and stays out of logs and CI; True or False force it (see
    :func:`respcompare.progress.progress_bar`). The cases are read first, so the bar has a
    total. ``executor``: any :class:`concurrent.futures.Executor` (threads, processes, dask's
    ``client.get_executor()``); cases go out in batches of ``batch_size`` with a bounded
    number in flight, and come back in input order. A case that cannot be reviewed is listed
    in :attr:`ReviewSet.errors`, with the load errors of a :class:`Corpus`.

    ``asks``, ``lexicon``, ``judge`` and ``align`` are :func:`review`'s options, passed to
    every case (``asks``, when given, replaces every petition's own asks).

    >>> from respcompare import load_example
    >>> rs = review_many([load_example("grooming-gangs")], progress=False)
    >>> len(rs), rs.index is not None
    (1, True)
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InputError(f"batch_size must be an int >= 1, got {batch_size!r}")
    if isinstance(cases, (Case, str, bytes)) or not isinstance(cases, Iterable):
        raise InputError(
            "review_many() takes an iterable of Case objects (a list, or rc.load_corpus(path)), "
            f"not {type(cases).__name__}"
            + ("; for one case, rc.review(case)" if isinstance(cases, Case) else "")
        )
    from concurrent.futures import Executor as _Executor

    from .reuse import ReuseIndex, ReuseOptions, build_index

    if executor is not None and not isinstance(executor, _Executor):
        raise InputError(
            "executor= must be a concurrent.futures.Executor (or dask's "
            f"client.get_executor()), not {type(executor).__name__}"
        )
    if index is not None and not isinstance(index, (bool, ReuseIndex)):
        raise InputError(
            "index= must be True (build one over the corpus), a ReuseIndex, or None/False "
            f"(no boilerplate), not {type(index).__name__}"
        )
    if reuse is not None and not isinstance(reuse, ReuseOptions):
        raise InputError("reuse= must be a respcompare.reuse.ReuseOptions (or None)")
    from .pipeline import check_options

    # a bad option is one error now, not one skipped case per case after the run
    check_options(asks=asks, lexicon=lexicon, judge=judge, align=align)
    reuse = reuse or ReuseOptions()
    options: dict[str, Any] = {
        "asks": asks,
        "lexicon": lexicon,
        "judge": judge,
        "align": align,
    }
    items = list(cases)  # read once: the bar gets a total and the index sees every response
    reviews: list[tuple[int, Review]] = []
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
                reviews.append((index, result))
        bar.update(len(batch))

    def settle(batch: Batch, fut: Future[list[Review | tuple[str, str]]]) -> None:
        try:
            results = fut.result()
        except Exception as exc:  # the executor failed the whole batch (pickling, a lost worker)
            record = LoadError.of("", None, exc)
            results = [(record.error, record.reason)] * len(batch)
        collect(batch, results)

    valid: list[tuple[int, Case]] = []
    with progress_bar(len(items), progress=progress, desc="review", unit="case") as bar:
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

        for position, case in enumerate(items):
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
            valid.append((position, case))
            batch.append((position, case))
            if len(batch) < batch_size:
                continue
            flush()
            batch = []
        if batch:
            flush()
        while pending:
            settle(*pending.popleft())
    used: ReuseIndex | None = None
    out: list[Review] = []
    if index is True:
        docs = corpus_documents(valid)
        used = build_index(
            docs, shingle=reuse.shingle, min_docs=reuse.min_petitions, executor=executor
        )
        shares = used.boilerplate_shares()
        ids_of: dict[int, list[tuple[str, float | None]]] = {}
        k = 0
        for position, case in valid:
            n = len(case.responses)
            ids_of[position] = [(d.id, shares[k + j]) for j, d in enumerate(docs[k : k + n])]
            k += n
        out = [_with_boilerplate(rv, "", used, ids_of[pos]) for pos, rv in reviews]
    elif isinstance(index, ReuseIndex):
        used = index
        out = [_with_boilerplate(rv, case_key(rv.case, pos), used, None) for pos, rv in reviews]
    else:
        out = [rv for _, rv in reviews]
    load_errors = list(cases.errors) if isinstance(cases, Corpus) else []
    metadata = dict(cases.metadata) if isinstance(cases, Corpus) else {}
    errors.sort(key=lambda e: e.index if e.index is not None else -1)
    provenance = _provenance(
        source=str(cases.path) if isinstance(cases, Corpus) else None,
        asks=asks,
        lexicon=lexicon,
        judge=judge,
        align=align,
        index=index,
        reuse=reuse,
    )
    return ReviewSet(
        reviews=tuple(out),
        errors=tuple(load_errors + errors),
        index=used,
        metadata=metadata,
        provenance=provenance,
    )


def _provenance(
    *,
    source: str | None,
    asks: Sequence[Ask | str] | Ask | str | None,
    lexicon: Lexicon | None,
    judge: JudgeConfig | None,
    align: AlignOptions | None,
    index: ReuseIndex | bool | None,
    reuse: ReuseOptions,
) -> dict[str, Any]:
    """What made these results: the version and every option, as JSON-ready values."""
    from . import __version__
    from .reuse import ReuseIndex

    ask_list: list[str] | None = None
    if asks is not None:
        given: Sequence[Ask | str] = [asks] if isinstance(asks, (str, Ask)) else asks
        ask_list = [a if isinstance(a, str) else a.text for a in given]
    if isinstance(index, ReuseIndex):
        boilerplate: str = f"given index ({len(index)} responses, min_docs={index.min_docs})"
    elif index is True:
        boilerplate = "built over the corpus"
    else:
        boilerplate = "off"
    return {
        "respcompare": __version__,
        "source": source,
        "options": {
            "asks": ask_list,
            "lexicon": "bundled" if lexicon is None else f"{lexicon.name} ({len(lexicon)} entries)",
            "judge": "bundled" if judge is None else "custom JudgeConfig",
            "align": dataclasses.asdict(align or AlignOptions()),
            "boilerplate": boilerplate,
            "shingle": reuse.shingle if index is True else getattr(index, "shingle", None),
            "min_petitions": reuse.min_petitions
            if index is True
            else getattr(index, "min_docs", None),
        },
    }
