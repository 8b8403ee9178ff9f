"""The command line: ``respcompare review ...``, ``respcompare corpus ...``,
``respcompare check ...``.

``main(argv)`` returns the exit status: 0 on success, 2 on bad input (one line on stderr, no
traceback), 1 for an unexpected error (reported as a bug). ``check`` also exits 1 when the
draft would likely be sent back.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import EmptyTextError, InputError, InputTooLargeError, RespcompareError
from .escape import csv_row
from .files import write_atomic
from .load import case_from_texts, examples, load_example, load_petition
from .model import MAX_TEXT_CHARS, Case, parse_date, replace_surrogates
from .pipeline import Review, review

__all__ = ["main", "options_markdown"]

_BUG_URL = "please report it with the command you ran"


class _ArgumentError(InputError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # "respcompare review: ..." would read "respcompare: error: respcompare review: ..."
        command = self.prog.removeprefix("respcompare").strip()
        where = f"{command}: " if command else ""
        raise _ArgumentError(f"{where}{message} (see '{self.prog} --help')")


#: A date written with numbers, day first: 31/12/2020, 31-12-2020, 31.12.2020 (UK order).
_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")


def _date(value: str, option: str) -> _dt.date | None:
    """A date from the command line: ISO (2020-12-31), '31 December 2020', or day first with
    numbers (31/12/2020, 31-12-2020, 31.12.2020: the UK order, never month first)."""
    m = _DAY_FIRST.fullmatch(value)
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        try:
            return _dt.date(year, month, day)
        except ValueError:
            raise InputError(
                f"{option} {value!r}: no such date (read day first: day {day}, month {month}); "
                "give it as 31/12/2020 or 2020-12-31"
            ) from None
    try:
        return parse_date(value, what=option)
    except InputError:
        raise InputError(
            f"{option}: cannot read the date {value!r}; give it as 31/12/2020 (day first), "
            "2020-12-31 or '31 December 2020'"
        ) from None


#: The largest text file ``--original``/``--revised`` reads: 4 bytes per character at most.
_MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS


def _shown(path: str) -> str:
    """A file name as it can be printed: undecodable bytes as U+FFFD, at most 80 characters."""
    clean = replace_surrogates(path)
    return clean if len(clean) <= 80 else clean[:77] + "..."


def _read_text(path: str, what: str) -> str:
    p = Path(path)
    try:
        is_file = p.is_file()
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        raise InputError(f"{what}: no such file {_shown(path)!r}")
    try:
        with p.open("rb") as handle:
            data = handle.read(_MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise InputError(
            f"{what}: cannot read {_shown(path)!r} ({exc.strerror or type(exc).__name__}); "
            "give a plain text file"
        ) from None
    if len(data) > _MAX_TEXT_BYTES:
        raise InputTooLargeError(
            f"{what}: {_shown(path)!r} is larger than {_MAX_TEXT_BYTES:,} bytes; a response "
            f"may hold {MAX_TEXT_CHARS:,} characters: split it and review each part"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{what}: {_shown(path)!r} is not UTF-8 text; save it as UTF-8") from None


def _write(stream: TextIO | None, text: str) -> None:
    """Write ``text`` as UTF-8 whatever the stream's encoding (a cp1252 redirect on Windows):
    through the byte buffer when there is one, else with unencodable characters replaced."""
    if stream is None:
        raise InputError("standard output is closed: write to a file instead (e.g. --out)")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8", "replace"))
        buffer.flush()
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))


def _say(message: str) -> None:
    """One line on stderr, in the stream's own encoding (unencodable characters escaped)."""
    line = " ".join(replace_surrogates(message).split())
    if len(line) > 1000:
        line = line[:997] + "..."
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    sys.stderr.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace") + "\n")


def _check_output(path: str, option: str, suffixes: tuple[str, ...]) -> Path:
    """Check an output file can be written before any work is done; raise InputError if not."""
    out = Path(path)
    if out.suffix.lower() not in suffixes:
        raise InputError(f"{option} {_shown(path)!r}: name a {' or '.join(suffixes)} file")
    folder = out.parent
    try:
        folder_ok = folder.is_dir()
        is_dir = out.is_dir()
    except (OSError, ValueError):
        folder_ok, is_dir = False, False
    if not folder_ok:
        raise InputError(
            f"{option} {_shown(path)!r}: the folder {_shown(str(folder))!r} does not exist; "
            "create it first"
        )
    if is_dir:
        raise InputError(f"{option} {_shown(path)!r} is a folder; give a file name")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise InputError(f"{option} {_shown(path)!r}: permission denied; choose another file")
    return out


def _write_file(out: Path, text: str, option: str) -> None:
    """Write UTF-8 text to ``out`` in one go (all or nothing: a temporary file, then a rename)."""
    _write_bytes(
        out, (text if text.endswith("\n") else text + "\n").encode("utf-8", "replace"), option
    )


def _parser() -> _Parser:
    from . import __version__

    parser = _Parser(
        prog="respcompare",
        description="Did the government answer the petition? Review responses with evidence.",
    )
    parser.add_argument("--version", action="version", version=f"respcompare {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, title="commands")
    rv = sub.add_parser("review", help="review one petition's responses")
    rv.add_argument(
        "file", nargs="?", metavar="FILE.json", help="petition JSON from petition.parliament.uk"
    )
    rv.add_argument(
        "--example", metavar="NAME", help=f"a bundled example: {', '.join(sorted(examples()))}"
    )
    rv.add_argument("--petition", metavar="TEXT", help="the petition's action, as text")
    rv.add_argument(
        "--original", metavar="FILE", help="file with the original (or only) response text"
    )
    rv.add_argument("--revised", metavar="FILE", help="file with the revised response text")
    rv.add_argument(
        "--original-date",
        metavar="DATE",
        help="date of the --original response: 31/12/2020 (day first), 2020-12-31 or "
        "'31 December 2020'",
    )
    rv.add_argument("--revised-date", metavar="DATE", help="date of the --revised response")
    rv.add_argument(
        "--format",
        choices=("md", "html", "json"),
        default=None,
        help="output format (default: md; not with --summary)",
    )
    rv.add_argument(
        "--summary",
        action="store_true",
        help="print one line instead: the case and each response's verdict, with ? after one "
        "a person should check (300239 original=deflected? revised=answered-partly)",
    )
    _add_option_arguments(rv)
    rv.add_argument("--chart", metavar="FILE.png", help="also draw a chart of the review to a PNG")
    rv.add_argument(
        "--chart-kind",
        choices=("scorecard", "ladder", "alignment", "cues"),
        default="scorecard",
        help="which chart --chart draws (default: scorecard)",
    )
    rv.add_argument(
        "--chart-response",
        metavar="LABEL",
        help="for --chart-kind cues: the response to draw, by label (original, revised) or "
        "number from 1 (default: every response side by side)",
    )
    _add_corpus_parser(sub)
    _add_promises_parser(sub)
    _add_fetch_parser(sub)
    _add_check_parser(sub)
    return parser


def _add_option_arguments(p: _Parser) -> None:
    """The review options both commands take (they reach review(): asks=, lexicon=)."""
    p.add_argument(
        "--ask",
        action="append",
        metavar="TEXT",
        help="an ask to judge against (repeat for several; default: read from the petition)",
    )
    p.add_argument(
        "--lexicon",
        metavar="FILE",
        help="a cue lexicon (.toml, .dic or .txt) to use instead of ours",
    )


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """review()'s keyword options from the command line."""
    from .lexicon import load_lexicon

    return {
        "asks": tuple(args.ask) if args.ask else None,
        "lexicon": load_lexicon(args.lexicon) if args.lexicon else None,
    }


def _check_petition_text(text: str) -> None:
    if not text.strip():
        raise EmptyTextError(
            "--petition: the petition text is empty; give the petition's action, "
            'e.g. --petition "Release the review in full"'
        )


def _existing_file(path: str, what: str) -> Path:
    """``path`` as a Path when it names a file; a one-line InputError saying what is wrong."""
    p = Path(path)
    try:
        exists, is_dir = p.exists(), p.is_dir()
    except (OSError, ValueError):
        exists, is_dir = False, False
    if is_dir:
        raise InputError(
            f"{what} {_shown(path)!r} is a folder; give a file (to review a folder of petitions "
            "use 'respcompare corpus')"
        )
    if not exists:
        if path.strip().isdigit():
            raise InputError(
                f"{what}: there is no file {_shown(path)!r}; to review petition {path.strip()} "
                f"download it first: respcompare fetch {path.strip()} --out petitions/ "
                "(uses the network)"
            )
        raise InputError(f"{what}: the file {_shown(path)!r} does not exist; check the path")
    return p


def _case(args: argparse.Namespace) -> Case:
    sources = [s for s in (args.file, args.example, args.petition) if s is not None]
    if len(sources) != 1:
        raise InputError(
            "review: give exactly one of FILE.json, --example NAME, "
            "or --petition TEXT with --original FILE"
        )
    if args.example is not None:
        return load_example(args.example)
    if args.file is not None:
        return load_petition(_existing_file(args.file, "review"))
    _check_petition_text(args.petition)
    if not args.original:
        raise InputError("review: --petition needs --original FILE")
    original = _read_text(args.original, "--original")
    revised = _read_text(args.revised, "--revised") if args.revised else None
    original_date = _date(args.original_date, "--original-date") if args.original_date else None
    revised_date = _date(args.revised_date, "--revised-date") if args.revised_date else None
    if revised_date is not None and revised is None:
        raise InputError("--revised-date needs --revised FILE")
    return case_from_texts(
        args.petition,
        original,
        revised,
        original_date=original_date.isoformat() if original_date else None,
        revised_date=revised_date.isoformat() if revised_date else None,
    )


def _case_name(case: Case, args: argparse.Namespace) -> str:
    """How ``--summary`` names a case: the petition id, else the file or example name."""
    if case.petition.id is not None:
        return str(case.petition.id)
    if args.file is not None:
        return Path(args.file).stem
    return str(args.example or "petition")


def _summary_line(name: str, result: Review) -> str:
    """``300239 original=deflected? revised=answered-partly``: one word per response, with a
    ``?`` after a verdict a person should check (``Assessment.needs_review``)."""
    parts = [
        f"{'-'.join(r.label.split())}={a.verdict.value}{'?' if a.needs_review else ''}"
        for r, a in zip(result.case.responses, result.assessments, strict=True)
    ]
    return " ".join(["-".join(name.split()) or "petition", *parts])


def _add_corpus_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    cp = sub.add_parser("corpus", help="review every case of a folder or a .jsonl file")
    cp.add_argument("path", help="folder of petition JSON files, or a JSON Lines file")
    cp.add_argument(
        "--out",
        help="results file: .csv, .jsonl, .json or .parquet (default: CSV on stdout); "
        "CSV and JSON Lines get a FILE.meta.json sidecar with the version and options",
    )
    cp.add_argument(
        "--per",
        choices=("response", "ask"),
        default="response",
        help="one row per response (default) or per ask of each response",
    )
    _add_option_arguments(cp)
    _add_reuse_arguments(cp)
    cp.add_argument(
        "--no-boilerplate",
        action="store_true",
        help="do not measure boilerplate (no reuse index)",
    )
    cp.add_argument(
        "--errors",
        metavar="FILE.csv",
        help="also write one row per file, line or case that was skipped (.csv or .jsonl)",
    )
    cp.add_argument("--report", metavar="FILE", help="also write the corpus report (.html or .md)")
    cp.add_argument("--chart", metavar="FILE.png", help="also draw a corpus chart to a PNG")
    cp.add_argument(
        "--chart-kind",
        choices=("verdicts-over-time", "boilerplate", "departments"),
        default="boilerplate",
        help="which chart --chart draws (default: boilerplate)",
    )
    cp.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="force the progress bar on or off (default: on a terminal only)",
    )
    rp = sub.add_parser("reuse", help="list the stock passages of a corpus (boilerplate)")
    rp.add_argument("path", help="folder of petition JSON files, or a JSON Lines file")
    _add_reuse_arguments(rp)
    rp.add_argument("--top", type=int, default=20, help="how many passages to list (default 20)")
    rp.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    rp.add_argument(
        "--save-index",
        metavar="FILE.npz",
        help="also save the index (use it with 'corpus --index FILE')",
    )


def _add_reuse_arguments(p: _Parser) -> None:
    p.add_argument(
        "--index",
        metavar="FILE.npz",
        help="a reuse index saved by 'respcompare reuse --save-index' (default: build one "
        "over this corpus)",
    )
    p.add_argument(
        "--min-petitions",
        type=int,
        default=None,
        metavar="N",
        help="boilerplate is text found in responses to at least N different petitions (default 2)",
    )


def _reuse_options(args: argparse.Namespace) -> Any:
    from .reuse import ReuseOptions

    if args.min_petitions is None:
        return ReuseOptions()
    return ReuseOptions(min_petitions=args.min_petitions)


def _load_index(path: str) -> Any:
    from .reuse import ReuseIndex

    return ReuseIndex.load(path)


_ERROR_FIELDS = ("path", "line", "index", "error", "reason")


def _closing_line(path: str, results: Any) -> str:
    """``reviewed N of M files, K skipped`` (cases for a JSON Lines file)."""
    p = Path(path)
    unit = "files" if p.is_dir() and not any(p.glob("*.jsonl")) else "cases"
    # "no .json files in this folder" is about the folder, not a file that was skipped
    skipped = [e for e in results.errors if not (p.is_dir() and e.path == str(p))]
    reviewed = len(results.reviews)
    return (
        f"respcompare: reviewed {reviewed} of {reviewed + len(skipped)} {unit}, "
        f"{len(skipped)} skipped"
    )


def _skip_line(err: Any) -> str:
    """A skipped file, line or case: where, then why, naming the path once (the reason of a
    load error often starts with the file name already)."""
    where = err.path if err.line is None else f"{err.path}:{err.line}"
    reason = str(err.reason)
    for prefix in (f"{err.path}: ", f"{Path(err.path).name}: "):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :]
            break
    return f"{where}: {reason}"


def _corpus_command(args: argparse.Namespace) -> int:
    """``respcompare corpus PATH [--out results.csv|.jsonl|.json|.parquet] [--errors FILE]
    [--report FILE] [--chart FILE --chart-kind KIND] [--index FILE]``.

    One row per response (or ask); every file, line or case that could not be read or
    reviewed is a line on stderr (and a row of ``--errors``), and the run goes on. Nothing is
    written to stdout or any file until the run has reviewed something; a closing line
    ``reviewed N of M files, K skipped`` goes to stderr; exit status 2 when nothing could be
    reviewed.
    """
    import csv
    import io

    from .corpus import load_corpus, review_many
    from .corpus_records import FORMATS, META_SUFFIX, render_records

    out = _check_output(args.out, "--out", FORMATS) if args.out else None
    errors_out = _check_output(args.errors, "--errors", (".csv", ".jsonl")) if args.errors else None
    report_out = _check_output(args.report, "--report", (".html", ".md")) if args.report else None
    chart_out = _check_output(args.chart, "--chart", (".png",)) if args.chart else None
    _never_overwrite_input(args.path, out, errors_out, report_out, chart_out)
    if args.index and args.no_boilerplate:
        raise InputError("respcompare corpus: give --index or --no-boilerplate, not both")
    if args.min_petitions is not None and (args.index or args.no_boilerplate):
        raise InputError(
            "respcompare corpus: --min-petitions applies to an index built over the corpus; "
            "a saved --index keeps the one it was built with (drop one of them)"
        )
    reuse = _reuse_options(args)
    index: Any = not args.no_boilerplate
    if args.index:
        index = _load_index(args.index)
    if out is not None and out.suffix.lower() == ".parquet":
        try:  # fail before the run, not after it
            import pyarrow  # noqa: F401
        except ImportError:
            from .errors import OptionalDependencyError

            raise OptionalDependencyError(
                "--out FILE.parquet needs pyarrow: pip install 'respcompare[parquet]'"
            ) from None
    results = review_many(
        load_corpus(args.path), progress=args.progress, index=index, reuse=reuse, **_options(args)
    )
    for err in results.errors:
        _say(f"respcompare: skipped {_skip_line(err)}")
    closing = _closing_line(args.path, results)
    if not results.reviews:
        _say(closing)
        raise InputError(f"respcompare corpus: no case in {_shown(args.path)!r} could be reviewed")
    data, info = render_records(results, out.suffix if out else ".csv", per=args.per)
    # files first, stdout last: a failure to write a file leaves nothing half-said on stdout
    if out is not None:
        _write_bytes(out, data, "--out")
        if out.suffix.lower() in (".csv", ".jsonl"):
            side = out.with_name(out.name + META_SUFFIX)
            _write_file(side, json.dumps(info, indent=2, ensure_ascii=False), "--out")
    if errors_out is not None:
        if errors_out.suffix.lower() == ".jsonl":
            rows = "".join(
                json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in results.errors
            )
        else:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=_ERROR_FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(csv_row(e.to_dict()) for e in results.errors)
            rows = buffer.getvalue()
        _write_file(errors_out, rows, "--errors")
    if report_out is not None:
        text = results.to_html() if report_out.suffix.lower() == ".html" else results.to_markdown()
        _write_file(report_out, text, "--report")
    if chart_out is not None:
        _save_corpus_chart(results, chart_out, args.chart_kind)
    if out is None:
        _write(sys.stdout, data.decode("utf-8"))
    _say(closing)
    return 0


def _resolved(path: Path) -> Path | None:
    """``path`` resolved, or None where it cannot be (a symlink loop, an unreadable folder)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def _never_overwrite_input(source: str, *outputs: Path | None) -> None:
    """Refuse an output file that is the input, one of the files of an input folder, or the
    same file as another output."""
    path = Path(source)
    try:
        candidates = (
            [p for p in path.iterdir() if p.suffix.lower() in (".json", ".jsonl")]
            if path.is_dir()
            else [path]
        )
    except OSError:
        candidates = []  # the loader reports an unreadable input
    inputs = {r for r in map(_resolved, candidates) if r is not None}
    seen: set[Path] = set()
    for out in outputs:
        target = _resolved(out) if out is not None else None
        if out is None or target is None:
            continue
        if target in inputs:
            raise InputError(
                f"{_shown(str(out))!r} is one of the input files; write the output elsewhere"
            )
        if target in seen:
            raise InputError(
                f"{_shown(str(out))!r} is named for two outputs; give each its own file"
            )
        seen.add(target)


def _write_bytes(out: Path, data: bytes, option: str) -> None:
    """Write bytes to ``out`` all or nothing (:func:`respcompare.files.write_atomic`)."""
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise InputError(
            f"{option}: cannot write {_shown(str(out))!r} ({exc.strerror or exc}); "
            "choose another file"
        ) from None


def _save_corpus_chart(results: Any, target: Path, kind: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .plot import plot_corpus

    ax = plot_corpus(results, kind)  # type: ignore[arg-type]
    fig = ax.get_figure(root=True)
    assert fig is not None
    try:
        fig.savefig(target, dpi=150, bbox_inches="tight")
    except OSError as exc:
        raise InputError(f"--chart: cannot write {str(target)!r} ({exc.strerror})") from None
    finally:
        plt.close(fig)


def _reuse_command(args: argparse.Namespace) -> int:
    """``respcompare reuse PATH [--top N] [--format text|json|csv] [--save-index FILE]``:
    the stock passages of a corpus with the departments and dates they appear in."""
    import csv
    import io

    from .corpus import corpus_documents, load_corpus
    from .reuse import build_index

    if isinstance(args.top, bool) or args.top < 1:
        raise InputError("respcompare reuse: --top must be 1 or more")
    save = _check_output(args.save_index, "--save-index", (".npz",)) if args.save_index else None
    corpus = load_corpus(args.path)
    if args.index and args.min_petitions is not None:
        raise InputError(
            "respcompare reuse: a saved --index keeps the --min-petitions it was built with; "
            "drop one of them"
        )
    if args.index:
        index = _load_index(args.index)
    else:
        reuse = _reuse_options(args)
        cases = list(enumerate(corpus))
        for err in corpus.errors:
            _say(f"respcompare: skipped {err}")
        if not cases:
            raise InputError(f"respcompare reuse: no case in {_shown(args.path)!r} could be read")
        index = build_index(
            corpus_documents(cases), shingle=reuse.shingle, min_docs=reuse.min_petitions
        )
    catalogue = index.catalogue()
    passages = catalogue[: args.top]
    rows = [
        {
            "rank": i + 1,
            "petitions": p.petitions,
            "responses": p.documents,
            "words": p.words,
            "first_date": p.first_date.isoformat() if p.first_date else None,
            "last_date": p.last_date.isoformat() if p.last_date else None,
            "departments": "; ".join(f"{d} ({n})" for d, n in p.departments),
            "responses_ids": " ".join(p.document_ids),
            "text": p.text,
        }
        for i, p in enumerate(passages)
    ]
    if args.format == "json":
        text = json.dumps(rows, indent=2, ensure_ascii=False)
    elif args.format == "csv":
        buffer = io.StringIO()
        fields = list(rows[0]) if rows else ["rank"]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_row(r) for r in rows)
        text = buffer.getvalue()
    else:
        blocks = [
            f"{r['rank']}. {r['petitions']} petitions, {r['responses']} responses, "
            f"{r['words']} words, {r['first_date'] or '?'} to {r['last_date'] or '?'}\n"
            f"   departments: {r['departments']}\n"
            f"   {' '.join(str(r['text']).split())}\n"
            for r in rows
        ]
        text = "\n".join(blocks) if blocks else "no stock passages\n"
    if save is not None:
        index.save(save)
    _write(sys.stdout, text if text.endswith("\n") else text + "\n")
    _say(
        f"respcompare: {len(catalogue)} stock passages in {len(index)} responses "
        f"(at least {index.min_docs} petitions each); listed {len(rows)}"
    )
    return 0


def _add_promises_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    pp = sub.add_parser(
        "promises", help="what one petition's responses promised, and what happened"
    )
    pp.add_argument("file", nargs="?", help="petition JSON from petition.parliament.uk")
    pp.add_argument("--example", help=f"a bundled example: {', '.join(sorted(examples()))}")
    pp.add_argument(
        "--as-of",
        metavar="DATE",
        help="judge on this date, e.g. 2021-01-31 (default: the newest date in the petition)",
    )
    pp.add_argument("--format", choices=("md", "json", "csv"), default="md", help="output format")
    pp.add_argument("--chart", metavar="FILE.png", help="also draw the promises timeline to a PNG")


def _promises_command(args: argparse.Namespace) -> int:
    """``respcompare promises FILE.json [--as-of DATE] [--format md|json|csv] [--chart F.png]``."""
    import csv
    import io

    from .promises import _RECORD_COLUMNS, track_commitments
    from .report import ledger_markdown

    if bool(args.file) == bool(args.example):
        raise InputError("respcompare promises: give exactly one of FILE.json or --example NAME")
    chart = _check_output(args.chart, "--chart", (".png",)) if args.chart else None
    case = load_example(args.example) if args.example else load_petition(Path(args.file))
    ledger = track_commitments(case, as_of=args.as_of)
    if args.format == "json":
        text = json.dumps(ledger.to_dict(), indent=2, ensure_ascii=False)
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(_RECORD_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_row(r) for r in ledger.to_records())
        text = buffer.getvalue()
    else:
        text = "\n".join(ledger_markdown(ledger))
    _write(sys.stdout, text if text.endswith("\n") else text + "\n")
    if chart is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from .plot import promises_timeline

        fig = promises_timeline(ledger).get_figure(root=True)
        assert fig is not None
        try:
            fig.savefig(chart, dpi=150, bbox_inches="tight")
        except OSError as exc:
            raise InputError(f"--chart: cannot write {args.chart!r} ({exc.strerror})") from None
        finally:
            plt.close(fig)
    return 0


def _chart_pick(result: Review, response: str | None) -> int | str | None:
    """The response --chart-response names: a number from 1, or a label."""
    if response is None:
        return None
    labels = [r.label for r in result.case.responses]
    if response in labels:
        return response
    n = len(labels)
    pick = int(response) - 1 if response.isdigit() else -1
    if not 0 <= pick < n:
        raise InputError(
            f"--chart-response: number the responses from 1 to {n}, or give a label "
            f"({', '.join(labels)})"
        )
    return pick


def _save_chart(result: Review, path: str, kind: str, response: str | None = None) -> None:
    target = Path(path)
    if target.suffix.lower() != ".png":
        raise InputError(f"--chart: give a .png file name, not {path!r}")
    if not target.parent.exists():
        raise InputError(f"--chart: the folder {str(target.parent)!r} does not exist")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pick = _chart_pick(result, response)
    ax = result.plot(kind, ax=None, response=pick)  # type: ignore[arg-type]
    fig = ax.get_figure(root=True)
    assert fig is not None
    try:
        fig.savefig(target, dpi=150, bbox_inches="tight")
    except OSError as exc:
        raise InputError(f"--chart: cannot write {path!r} ({exc.strerror})") from None
    finally:
        plt.close(fig)


def _add_fetch_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    fp = sub.add_parser(
        "fetch", help="download petition JSON from petition.parliament.uk (uses the network)"
    )
    fp.add_argument("ids", nargs="*", metavar="ID", help="petition ids, e.g. 300239")
    fp.add_argument(
        "--with-response",
        action="store_true",
        help="every petition with a government response, from the site's listing",
    )
    fp.add_argument("--since", metavar="YYYY-MM-DD", help="with --with-response: answered since")
    fp.add_argument("--out", required=True, metavar="DIR", help="folder for <id>.json files")
    fp.add_argument(
        "--source",
        choices=("both", "current", "archived"),
        default="both",
        help="current petitions, archived ones (earlier Parliaments), or both (default)",
    )
    fp.add_argument(
        "--parliament",
        type=int,
        action="append",
        metavar="N",
        help="with --with-response: archived Parliament N (repeat; default: the site's)",
    )
    fp.add_argument("--delay", type=float, default=1.0, help="seconds between requests (1)")
    fp.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a reply")
    fp.add_argument("--base-url", default=None, help="another address for the site (a mirror)")
    fp.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="force the progress bar on or off (default: on a terminal only)",
    )


def _fetch_command(args: argparse.Namespace) -> int:
    """``respcompare fetch ID... --out DIR`` / ``fetch --with-response [--since D] --out DIR``.

    A line on stderr per petition that failed, then a closing count; status 2 if any failed.
    """
    from .fetch import DEFAULT_BASE_URL, FetchOptions, download_petitions, download_with_response

    if bool(args.ids) == bool(args.with_response):
        raise InputError(
            "respcompare fetch: give petition ids or --with-response, not both "
            "(see 'respcompare fetch --help')"
            if args.ids
            else "respcompare fetch: give petition ids or --with-response "
            "(see 'respcompare fetch --help')"
        )
    if args.since and not args.with_response:
        raise InputError("respcompare fetch: --since goes with --with-response")
    options = FetchOptions(
        base_url=args.base_url or DEFAULT_BASE_URL, delay=args.delay, timeout=args.timeout
    )
    archived = {"both": None, "current": False, "archived": True}[args.source]
    if args.with_response:
        report = download_with_response(
            args.out,
            since=args.since,
            archived=archived,
            parliaments=args.parliament or (),
            options=options,
            progress=args.progress,
        )
    else:
        if args.parliament:
            raise InputError("respcompare fetch: --parliament goes with --with-response")
        report = download_petitions(
            args.ids, args.out, archived=archived, options=options, progress=args.progress
        )
    for failure in report.failed:
        _say(f"respcompare: failed {failure}")
    _say(f"respcompare: {report} into {_shown(str(args.out))}")
    return 2 if report.failed else 0


def _add_check_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    ck = sub.add_parser(
        "check",
        help="check a draft response before it is sent: would it be sent back?",
        description="Judge a draft response against the petition and list what to fix, in "
        "order. Exit status: 0 when the draft would likely be accepted, 1 when it would likely "
        "be sent back, 2 on bad input.",
    )
    ck.add_argument("draft", help="file with the draft response (UTF-8 text)")
    ck.add_argument("--petition", metavar="TEXT", help="the petition's action, as text")
    ck.add_argument(
        "--petition-file",
        metavar="FILE",
        help="the petition instead: a petition JSON file from petition.parliament.uk, or a "
        "text file holding its action",
    )
    ck.add_argument(
        "--ask",
        action="append",
        metavar="TEXT",
        help="an ask to judge against (repeat for several; default: read from the petition)",
    )
    ck.add_argument(
        "--index",
        metavar="FILE.npz",
        help="a saved reuse index of past responses: also flag stock phrasing",
    )
    ck.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _check_petition(args: argparse.Namespace) -> Any:
    from .model import Petition

    if (args.petition is None) == (args.petition_file is None):
        raise InputError("check: give the petition with --petition TEXT or --petition-file FILE")
    if args.petition is not None:
        _check_petition_text(args.petition)
        return Petition(action=args.petition)
    path = _existing_file(args.petition_file, "--petition-file")
    if path.suffix.lower() == ".json":
        return load_petition(path).petition
    text = _read_text(args.petition_file, "--petition-file")
    if not text.strip():
        raise EmptyTextError(f"--petition-file {_shown(args.petition_file)!r} is empty")
    return Petition(action=" ".join(text.split()))


def _check_command(args: argparse.Namespace) -> int:
    """``respcompare check --petition TEXT draft.txt``: 0 likely accepted, 1 likely sent back."""
    from .check import check_draft

    petition = _check_petition(args)
    _existing_file(args.draft, "check")
    draft = _read_text(args.draft, "check")
    if not draft.strip():
        raise EmptyTextError(f"check: the draft {_shown(args.draft)!r} is empty")
    index = None
    if args.index:
        from .reuse import ReuseIndex

        index = ReuseIndex.load(_existing_file(args.index, "--index"))
    result = check_draft(petition, draft, asks=tuple(args.ask) if args.ask else None, index=index)
    if args.format == "json":
        out = json.dumps(
            {
                "verdict": result.verdict.value,
                "likely_accepted": result.likely_accepted,
                "directness": round(result.directness, 4),
                "threshold": result.threshold,
                "stock_share": result.stock_share,
                "fixes": [
                    {
                        "kind": f.kind,
                        "message": f.message,
                        "sentence": f.sentence,
                        "start": f.span.start,
                        "end": f.span.end,
                        "text": f.span.text,
                    }
                    for f in result.fixes
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
    else:
        lines = [result.summary()]
        if not result.fixes:
            lines.append("nothing to fix")
        for k, f in enumerate(result.fixes, 1):
            quote = " ".join(f.span.text.split())
            if len(quote) > 160:
                quote = quote[:157] + "..."
            lines.append(f"{k}. [{f.kind}] {f.message}")
            lines.append(f"   sentence {f.sentence + 1}: \u201c{quote}\u201d")
        out = "\n".join(lines)
    _write(sys.stdout, out + "\n")
    return 0 if result.likely_accepted else 1


def _review_command(args: argparse.Namespace) -> int:
    """``respcompare review ...``: the review on stdout, and a chart when asked for."""
    if args.chart:
        _check_output(args.chart, "--chart", (".png",))
    if args.chart_response is not None and (args.chart is None or args.chart_kind != "cues"):
        raise InputError("--chart-response picks the response of --chart-kind cues")
    if args.summary and args.format is not None:
        raise InputError("--summary prints one line of verdicts; leave out --format")
    case = _case(args)
    result = review(case, **_options(args))
    _chart_pick(result, args.chart_response)  # a bad pick is said before any output
    if args.summary:
        out = _summary_line(_case_name(case, args), result)
    elif args.format == "json":
        out = json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    elif args.format == "html":
        out = result.to_html()
    else:
        out = result.to_markdown()
    _write(sys.stdout, out if out.endswith("\n") else out + "\n")
    if args.chart:
        if args.chart_kind == "alignment" and len(case.responses) < 2:
            _say(
                "respcompare: warning: no alignment chart: this case has one response, nothing "
                f"to align; the review was written, {_shown(args.chart)!r} was not"
            )
        else:
            _save_chart(result, args.chart, args.chart_kind, args.chart_response)
    return 0


def _option_row(action: argparse.Action) -> str:
    """One Markdown table row for an argparse action: the option as typed, then its help."""
    if action.option_strings:
        name = ", ".join(action.option_strings)
        if action.nargs != 0:
            metavar = action.metavar or (
                "|".join(map(str, action.choices)) if action.choices else action.dest.upper()
            )
            name += f" {metavar}"
    else:
        name = str(action.metavar) if action.metavar else action.dest.upper()
    text = " ".join((action.help or "").split())
    if action.default not in (None, False, argparse.SUPPRESS) and "default" not in text:
        text += f" (default: {action.default})"
    # a pipe inside a table cell must be escaped, in a code span too (GitHub-flavoured Markdown)
    cell, code = text.replace("|", "\\|"), name.replace("|", "\\|")
    return f"| `{code}` | {cell} |"


def options_markdown() -> str:
    """The option tables of docs/cli.md, generated from the parser (a test keeps them in step).

    >>> print(options_markdown().splitlines()[0])
    ### respcompare
    """
    parser = _parser()
    sections = [("respcompare", parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sections += [(f"respcompare {name}", sub) for name, sub in action.choices.items()]
    out: list[str] = []
    for title, p in sections:
        rows = [
            _option_row(a)
            for a in p._actions
            if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))
        ]
        out += [f"### {title}", ""]
        if p.description and title != "respcompare":
            out += [" ".join(p.description.split()), ""]
        out += ["| option | meaning |", "|---|---|", *rows, ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status.

    Output is UTF-8 whatever the locale; every failure is one line on stderr. With no
    arguments it prints the usage line and returns 2.
    """
    try:
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help and --version print, then exit 0
            return exc.code if isinstance(exc.code, int) else 0
        if args.command is None:
            _say(parser.format_usage().strip() + " (see 'respcompare --help')")
            return 2
        if args.command == "review":
            return _review_command(args)
        if args.command == "check":
            return _check_command(args)
        if args.command == "corpus":
            return _corpus_command(args)
        if args.command == "promises":
            return _promises_command(args)
        if args.command == "reuse":
            return _reuse_command(args)
        if args.command == "fetch":
            return _fetch_command(args)
        return 0
    except RespcompareError as exc:
        _say(f"respcompare: error: {exc}")
        return 2
    except KeyboardInterrupt:
        _say("respcompare: interrupted")
        return 130
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        return 1
    except OSError as exc:  # writing the output failed: a full disk, a closed stream
        _say(f"respcompare: error: cannot write the output ({exc.strerror or exc})")
        return 1
    except Exception as exc:  # an unexpected error is a bug: say so on one line
        _say(f"respcompare: internal error ({type(exc).__name__}: {exc}); {_BUG_URL}")
        return 1
