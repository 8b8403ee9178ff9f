"""The command line: ``respcompare review ...``.

``main(argv)`` returns the exit status: 0 on success, 2 on bad input (one line on stderr, no
traceback), 1 for an unexpected error (reported as a bug).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import InputError, RespcompareError
from .load import case_from_texts, examples, load_example, load_petition
from .model import Case
from .pipeline import Review, review

__all__ = ["main"]

_BUG_URL = "please report it with the command you ran"


class _ArgumentError(InputError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _read_text(path: str, what: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what}: no such file {path!r}")
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{what}: {path!r} is not UTF-8 text; save it as UTF-8") from None


def _parser() -> _Parser:
    parser = _Parser(
        prog="respcompare",
        description="Did the government answer the petition? Review responses with evidence.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rv = sub.add_parser("review", help="review one petition's responses")
    rv.add_argument("file", nargs="?", help="petition JSON from petition.parliament.uk")
    rv.add_argument("--example", help=f"a bundled example: {', '.join(sorted(examples()))}")
    rv.add_argument("--petition", help="the petition's action, as text")
    rv.add_argument("--original", help="file with the original (or only) response text")
    rv.add_argument("--revised", help="file with the revised response text")
    rv.add_argument("--format", choices=("md", "html", "json"), default="md", help="output format")
    _add_option_arguments(rv)
    rv.add_argument("--chart", metavar="FILE.png", help="also draw a chart of the review to a PNG")
    rv.add_argument(
        "--chart-kind",
        choices=("scorecard", "ladder", "alignment", "cues"),
        default="scorecard",
        help="which chart --chart draws (default: scorecard)",
    )
    _add_corpus_parser(sub)
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


def _case(args: argparse.Namespace) -> Case:
    sources = [s for s in (args.file, args.example, args.petition) if s]
    if len(sources) != 1:
        raise InputError(
            "respcompare review: give exactly one of FILE.json, --example NAME, "
            "or --petition TEXT with --original FILE"
        )
    if args.example:
        return load_example(args.example)
    if args.file:
        return load_petition(Path(args.file))
    if not args.original:
        raise InputError("respcompare review: --petition needs --original FILE")
    original = _read_text(args.original, "--original")
    revised = _read_text(args.revised, "--revised") if args.revised else None
    return case_from_texts(args.petition, original, revised)


def _add_corpus_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    cp = sub.add_parser("corpus", help="review every case of a folder or a .jsonl file")
    cp.add_argument("path", help="folder of petition JSON files, or a JSON Lines file")
    cp.add_argument("--out", help="results file: .csv or .json (default: CSV on stdout)")
    _add_option_arguments(cp)
    cp.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="force the progress bar on or off (default: on a terminal only)",
    )


def _corpus_command(args: argparse.Namespace) -> int:
    """``respcompare corpus PATH [--out results.csv|.json]``: one row per response."""
    import csv
    import io

    from .corpus import load_corpus, review_many

    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".csv", ".json"):
        raise InputError(f"--out {args.out!r}: name a .csv or .json file")
    results = review_many(load_corpus(args.path), progress=args.progress, **_options(args))
    for err in results.errors:
        sys.stderr.write(f"respcompare: skipped {' '.join(str(err).split())}\n")
    records = results.to_records()
    if out is not None and out.suffix.lower() == ".json":
        text = json.dumps(
            {"records": records, "errors": [str(e) for e in results.errors]},
            indent=2,
            ensure_ascii=False,
        )
    else:
        buffer = io.StringIO()
        fields = list(records[0]) if records else ["source"]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        text = buffer.getvalue()
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    if not records:
        raise InputError(f"respcompare corpus: no case in {args.path!r} could be reviewed")
    return 0


def _save_chart(result: Review, path: str, kind: str) -> None:
    target = Path(path)
    if target.suffix.lower() != ".png":
        raise InputError(f"--chart: give a .png file name, not {path!r}")
    if not target.parent.exists():
        raise InputError(f"--chart: the folder {str(target.parent)!r} does not exist")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = result.plot(kind, ax=None)  # type: ignore[arg-type]
    fig = ax.get_figure(root=True)
    assert fig is not None
    try:
        fig.savefig(target, dpi=150, bbox_inches="tight")
    except OSError as exc:
        raise InputError(f"--chart: cannot write {path!r} ({exc.strerror})") from None
    finally:
        plt.close(fig)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "review":
            result = review(_case(args), **_options(args))
            if args.format == "json":
                out = json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
            elif args.format == "html":
                out = result.to_html()
            else:
                out = result.to_markdown()
            if args.chart:
                _save_chart(result, args.chart, args.chart_kind)
            sys.stdout.write(out if out.endswith("\n") else out + "\n")
        if args.command == "corpus":
            return _corpus_command(args)
        return 0
    except RespcompareError as exc:
        sys.stderr.write(f"respcompare: error: {' '.join(str(exc).split())}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("respcompare: interrupted\n")
        return 130
    except Exception as exc:  # an unexpected error is a bug: say so on one line
        sys.stderr.write(f"respcompare: internal error ({type(exc).__name__}: {exc}); {_BUG_URL}\n")
        return 1
