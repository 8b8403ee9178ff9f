"""Every error type has a real, documented message; the CLI turns bad input into one line.

``TRIGGERS`` raises each error the way a user would meet it. docs/errors.md quotes those
messages; ``test_documented_messages_match_the_code`` fails when a message changes, so the doc
is regenerated (``python tests/test_cli_errors.py > docs/errors.md``) rather than left stale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import respcompare as rc
from respcompare.alignment.core import MAX_CANDIDATES, MAX_DENSE_PAIRS, MAX_WORD_CELLS
from respcompare.asks import MAX_ACTION_CHARS, MAX_BODY_CHARS, MAX_CLAUSE_CHARS, MAX_QUALIFIERS
from respcompare.cues import MAX_CUES_PER_SENTENCE
from respcompare.segment import MAX_SENTENCES

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "errors.md"
FIXTURE = ROOT / "tests" / "fixtures" / "petitions" / "300239.json"


def _review_without_pandas() -> None:
    saved = sys.modules.get("pandas")
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        rc.review_many([rc.load_example("grooming-gangs")], progress=False).to_frame()
    finally:
        if saved is not None:
            sys.modules["pandas"] = saved
        else:
            del sys.modules["pandas"]


def _bad_lexicon() -> None:
    Path("bad.toml").write_text("[[entry]]\nx = ", encoding="utf-8")
    rc.load_lexicon("bad.toml")


def _damaged_index() -> None:
    index = rc.build_index(["a b c d e f", "a b c d e g"], shingle=2, min_docs=2)
    path = index.save("stock")
    path.write_bytes(path.read_bytes()[:100])
    rc.ReuseIndex.load("stock")


def _fetch_offline() -> None:
    from respcompare.fetch import FetchOptions

    # nothing listens on loopback port 9 (discard): the connection is refused, as offline
    rc.fetch_petition(300239, options=FetchOptions(base_url="http://127.0.0.1:9", delay=0))


def _too_many_responses() -> None:
    rc.Case(
        petition=rc.Petition(action="Do X"),
        responses=[rc.Response(text="No.", label=f"r{i}") for i in range(51)],
    )


#: (error type, when it is raised, how to trigger it, what to do)
TRIGGERS: list[tuple[type[rc.RespcompareError], str, Callable[[], object], str]] = [
    (
        rc.InputError,
        "wrong type (bytes, a number) where text is expected",
        lambda: rc.Response(text=b"We will publish it."),
        "pass a str; decode bytes first",
    ),
    (
        rc.InputError,
        "a file that does not exist",
        lambda: rc.load_petition("missing.json"),
        "check the path",
    ),
    (
        rc.InputError,
        "duplicate response labels in one case",
        lambda: rc.Case(
            petition=rc.Petition(action="Do X"),
            responses=[rc.Response(text="Yes."), rc.Response(text="Yes.")],
        ),
        "give each response its own label",
    ),
    (
        rc.InputError,
        "an unparseable date",
        lambda: rc.Response(text="We will.", date="next Tuesday"),
        "write the date as YYYY-MM-DD or '24 April 2020'",
    ),
    (
        rc.EmptyTextError,
        "empty or whitespace-only text (petition action, response text)",
        lambda: rc.Response(text=" \n\t "),
        "give the text; a response must have words",
    ),
    (
        rc.InputTooLargeError,
        f"a text longer than {rc.model.MAX_TEXT_CHARS:,} characters",
        lambda: rc.Response(text="word " * 20_001),
        "split the text (e.g. by section) and review each part",
    ),
    (
        rc.PetitionFormatError,
        "malformed or truncated JSON",
        lambda: rc.load_petition('{"data": {"attributes": {"action": "Release'),
        "download the petition JSON again",
    ),
    (
        rc.PetitionFormatError,
        "bytes or a file in an unknown encoding",
        lambda: rc.load_petition(b"\xff\xfe{}"),
        "save or decode the data as UTF-8",
    ),
    (
        rc.PetitionFormatError,
        "JSON from another schema (no petition action)",
        lambda: rc.load_petition({"name": "a list of groceries"}),
        "pass petition.parliament.uk/petitions/<id>.json",
    ),
    (
        rc.PetitionFormatError,
        "a petition without a government response",
        lambda: rc.load_petition({"data": {"attributes": {"action": "Do X"}}}),
        "wait for the response, or build the case with case_from_texts",
    ),
    (
        rc.PetitionFormatError,
        "a field of the wrong type (a number for the departments, true for a count)",
        lambda: rc.load_petition({"data": {"attributes": {"action": "Do X", "departments": 7}}}),
        "fix the field, or download the petition JSON again",
    ),
    (
        rc.PetitionFormatError,
        "a key given twice in one JSON object",
        lambda: rc.load_petition('{"data": {"attributes": {"action": "A", "action": "B"}}}'),
        "keep one of the two",
    ),
    (
        rc.PetitionFormatError,
        "JSON nested thousands of levels deep",
        lambda: rc.load_petition("[" * 100_000),
        "pass petition JSON (a few levels deep)",
    ),
    (
        rc.InputTooLargeError,
        f"a case with more than {rc.model.MAX_RESPONSES} responses",
        _too_many_responses,
        "split the responses into several cases",
    ),
    (
        rc.InputError,
        "a saved reuse index that is damaged, changed or not respcompare's",
        _damaged_index,
        "rebuild the index with build_index and save it again",
    ),
    (
        rc.UnknownExampleError,
        "load_example with a name that is not bundled",
        lambda: rc.load_example("no-such-example"),
        "use one of the names listed",
    ),
    (
        rc.LexiconError,
        "a lexicon file that cannot be read",
        _bad_lexicon,
        "fix the file at the line it names",
    ),
    (
        rc.OptionalDependencyError,
        "a feature that needs an extra package (here pandas)",
        _review_without_pandas,
        "run the pip install command in the message",
    ),
    (
        rc.FetchError,
        "fetch_petition or `respcompare fetch` cannot reach the site (offline), gets an HTTP "
        "error (404: no such petition) or a reply that is not petition JSON",
        _fetch_offline,
        "check the connection or the id; `.offline` and `.status` say which",
    ),
]


def _trigger(fn: Callable[[], object]) -> rc.RespcompareError:
    try:
        fn()
    except rc.RespcompareError as exc:
        return exc
    raise AssertionError("the trigger did not raise")


def _cell(text: str) -> str:
    return "`" + " ".join(text.split()).replace("|", "\\|") + "`"


def render_doc() -> str:
    """docs/errors.md: the table of error types with the messages the code raises today."""
    lines = [
        "# Errors",
        "",
        "Every error respcompare raises on bad input is a `RespcompareError` subclass; catch that",
        "one class to handle them all. Messages say what to do. The CLI prints the message on one",
        "line (`respcompare: error: ...`) and exits with status 2; an unexpected exception is a",
        "bug and is reported on one line as `respcompare: internal error (...); please report ...`",
        "with status 1.",
        "",
        "The example messages below are real: `tests/test_cli_errors.py` raises each error and",
        "checks this table still matches (regenerate with",
        "`python tests/test_cli_errors.py > docs/errors.md`).",
        "",
        "| Error | Raised when | Example message | What to do |",
        "|---|---|---|---|",
    ]
    for kind, when, fn, todo in TRIGGERS:
        msg = str(_trigger(fn))
        lines.append(f"| `{kind.__name__}` | {when} | {_cell(msg)} | {todo} |")
    lines += [
        "",
        "Hierarchy: `RespcompareError` > `InputError` (also a `ValueError`) > `EmptyTextError`,",
        "`InputTooLargeError`, `PetitionFormatError`, `UnknownExampleError` (also a `KeyError`),",
        "`LexiconError`; `RespcompareError` > `OptionalDependencyError` (also an `ImportError`);",
        "`RespcompareError` > `FetchError` (raised only by the functions that fetch petitions).",
        "",
        "## Limits",
        "",
        f"A petition field or a response text may hold up to {rc.model.MAX_TEXT_CHARS:,}",
        "characters (`respcompare.model.MAX_TEXT_CHARS`); real responses are under 20,000.",
        f"A case may hold up to {rc.model.MAX_RESPONSES} responses (`MAX_RESPONSES`), a petition",
        f"JSON file, string or bytes up to {rc.load.MAX_JSON_BYTES:,} bytes",
        "(`respcompare.load.MAX_JSON_BYTES`), a saved reuse index up to",
        f"{rc.reuse.MAX_INDEX_BYTES // 1024**3} GB (`respcompare.reuse.MAX_INDEX_BYTES`, checked",
        "before any array is read). Past a limit `InputTooLargeError` is raised at once, when",
        "the `Response`, `Petition` or `Case` is built (and so from `load_petition`,",
        "`case_from_texts` and the CLI). Split the text and review the parts.",
        "",
        "Measured with `benchmarks/bench_size.py` on two cores: reviewing 100,000 characters of",
        "real response text takes about 0.7 s. Hostile text under the limit is measured by",
        "`benchmarks/bench_adversarial.py` (48 shapes: repeated lexicon phrases, no",
        "punctuation, thousands of one-word sentences, deep nesting, long white space runs,",
        "...): on 30 November 2026 a full review took at most 2.2 CPU seconds and 20 MB on",
        "every shape (`benchmarks/bench_adversarial_results.txt`).",
        "",
        "Limits that cut rather than refuse, each named in `Review.limits_hit`,",
        '`Assessment.limits_hit` and the report\'s "Limits reached" line when it bites:',
        f"a text is cut into at most {MAX_SENTENCES:,} sentences",
        "(`respcompare.segment.MAX_SENTENCES`; the rest of the text is in no sentence),",
        f"a sentence keeps at most {MAX_CUES_PER_SENTENCE} cues",
        f"(`respcompare.cues.MAX_CUES_PER_SENTENCE`), an ask keeps at most {MAX_QUALIFIERS}",
        "qualifiers and each clause of the petition is read from its first",
        f"{MAX_CLAUSE_CHARS} characters (`respcompare.asks.MAX_QUALIFIERS`,",
        f"`MAX_CLAUSE_CHARS`; the headline from its first {MAX_ACTION_CHARS:,}, background",
        f"and details from their first {MAX_BODY_CHARS:,}), and the judge reads at most",
        "`JudgeConfig.max_sentences` sentences and `max_clause_chars` characters of a",
        "clause.",
        "",
        "Alignment compares every unmatched sentence with every other up to",
        f"{MAX_DENSE_PAIRS:,} pairs; past that it compares each sentence only with those",
        f"sharing a rarer word (at most {MAX_CANDIDATES}), and a sentence pair of more than",
        f"{MAX_WORD_CELLS:,} word pairs gets one word-level change between",
        "its common start and end. Either way `Alignment.capped` is True and `Alignment.notes`",
        "says what was limited (and the Markdown and HTML say so too).",
        "",
        'Lone surrogates (valid JSON such as `"\\ud800"`, but unencodable) are replaced by',
        "U+FFFD where text enters (`Petition`, `Response`, `align` on strings, `Document`): the",
        "length is kept, so every span's offsets index the text you passed.",
        "",
        "Control characters, NUL, zero-width spaces and bidirectional marks are kept as given,",
        "so spans index the text exactly; reports escape them like any other text.",
        "",
    ]
    return "\n".join(lines)


def test_every_error_type_is_documented() -> None:
    documented = {kind for kind, *_ in TRIGGERS}
    public = {
        obj
        for name in rc.__all__
        if isinstance(obj := getattr(rc, name), type) and issubclass(obj, rc.RespcompareError)
    }
    assert public - {rc.RespcompareError} <= documented


@pytest.mark.parametrize(("kind", "when", "fn", "todo"), TRIGGERS, ids=lambda x: str(x)[:30])
def test_trigger_raises_its_type(
    kind: type[rc.RespcompareError],
    when: str,
    fn: Callable[[], object],
    todo: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    exc = _trigger(fn)
    assert type(exc) is kind or (kind is rc.InputError and isinstance(exc, rc.InputError))
    assert len(str(exc)) > 20


def test_documented_messages_match_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert DOC.read_text(encoding="utf-8") == render_doc()


# --- the CLI: one line on stderr, non-zero exit ---------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-m", "respcompare", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _files(tmp: Path) -> dict[str, list[str]]:
    (tmp / "dir.json").mkdir()
    (tmp / "binary.json").write_bytes(bytes(range(256)) * 4)
    (tmp / "empty.json").write_text("", encoding="utf-8")
    full = FIXTURE.read_text(encoding="utf-8")
    (tmp / "truncated.json").write_text(full[: len(full) // 2], encoding="utf-8")
    (tmp / "other.json").write_text(json.dumps({"type": "FeatureCollection"}), encoding="utf-8")
    (tmp / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp / "latin1.txt").write_bytes("Caf\xe9 response".encode("latin-1"))
    return {
        "directory": ["review", "dir.json"],
        "binary": ["review", "binary.json"],
        "empty": ["review", "empty.json"],
        "truncated": ["review", "truncated.json"],
        "other-schema": ["review", "other.json"],
        "missing": ["review", "missing.json"],
        "empty-original": ["review", "--petition", "Do X", "--original", "empty.txt"],
        "latin1-original": ["review", "--petition", "Do X", "--original", "latin1.txt"],
        "original-is-dir": ["review", "--petition", "Do X", "--original", "dir.json"],
        "bad-format": ["review", "--example", "grooming-gangs", "--format", "pdf"],
    }


def test_cli_bad_input_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    for name, args in _files(tmp_path).items():
        proc = _cli(*args, cwd=tmp_path)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2, (name, proc.returncode, proc.stderr)
        assert len(lines) == 1, (name, proc.stderr)
        assert lines[0].startswith("respcompare: error: "), (name, lines)
        assert "Traceback" not in proc.stderr
        assert proc.stdout == ""


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000")
def test_cli_unreadable_file(tmp_path: Path) -> None:
    target = tmp_path / "locked.json"
    target.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    target.chmod(0)
    try:
        proc = _cli("review", "locked.json", cwd=tmp_path)
    finally:
        target.chmod(0o600)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1


def test_cli_unexpected_exception_is_reported_as_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from respcompare import cli

    def boom(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli, "review", boom)
    assert cli.main(["review", "--example", "grooming-gangs"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "internal error" in err[0] and "report" in err[0]


if __name__ == "__main__":
    import tempfile

    os.chdir(tempfile.mkdtemp())
    sys.stdout.write(render_doc())
