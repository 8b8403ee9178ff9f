"""Corpus research (issue 16): boilerplate per response with versions grouped, typed records,
outputs with provenance, corpus charts and report, progress, and the CLI's manners."""

from __future__ import annotations

import csv
import json
import re
import sys
import tomllib
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare import progress as progress_mod
from respcompare import reuse
from respcompare.cli import main
from respcompare.departments import canonical_department, known_departments

from .conftest import FIXTURES

DEV = FIXTURES / "dev.jsonl"
DATA = Path(__file__).parent / "data"

# Two passages of real response prose (petitions 300239 and 326261): P is planted in both
# versions of one petition only, Q in responses to two other petitions.
P = (
    "The Home Office has been investigating the characteristics of group-based child sexual "
    "exploitation. This work has been informed by a wide range of experts and practitioners."
)
Q = (
    "The Government takes the issue surrounding the importation of pets very seriously and "
    "continues to ensure that the illegal import of puppies is stopped. Puppies brought into the "
    "UK through legal means must receive a high standard of care."
)


def _filler(tag: str, n: int = 3) -> str:
    """Sentences of words no other response has."""
    return " ".join(
        f"Officials{tag}{k} reviewed case{tag}{k} notes{tag}{k} during week{tag}{k} again{tag}{k}."
        for k in range(n)
    )


def _planted_cases() -> list[rc.Case]:
    def case(pid: int, *texts: str) -> rc.Case:
        labels = ("original", "revised") if len(texts) == 2 else ("response",)
        return rc.Case(
            petition=rc.Petition(action="Publish the review in full", id=pid),
            responses=tuple(
                rc.Response(text=t, label=lab) for t, lab in zip(texts, labels, strict=True)
            ),
        )

    return [
        case(101, f"{_filler('a')} {P} {_filler('b')}", f"{_filler('c')} {P} {_filler('d')}"),
        case(102, f"{_filler('e')} {Q} {_filler('f')}"),
        case(103, f"{Q} {_filler('g')}"),
    ]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


# --------------------------------------------------------------------------- item 1


def test_versions_of_one_petition_are_never_boilerplate() -> None:
    rs = rc.review_many(_planted_cases(), progress=False)
    a, b, c = rs.reviews
    # P recurs only in the two versions of petition 101: carried over, not boilerplate
    for prof in a.profiles:
        assert prof.stock == () and prof.stock_share == 0.0
    # Q recurs in two different petitions: boilerplate in both, and nothing else is
    for rv in (b, c):
        (prof,) = rv.profiles
        stock_words = [w for s in prof.stock for w in _words(s.text)]
        assert stock_words == _words(Q)
        assert prof.stock_share == pytest.approx(len(_words(Q)) / prof.words, abs=0.02)
    (passage,) = rs.stock_passages()
    assert passage.petitions == 2 and passage.document_ids == ("102/response", "103/response")
    assert passage.text == Q  # whole sentences, not cut mid-word
    records = rs.to_records()
    assert [r["boilerplate_share"] for r in records][:2] == [0.0, 0.0]
    # the same corpus without groups would count P: the test is not vacuous
    docs = [reuse.Document(d.id, d.text) for d in reuse.documents(_planted_cases())]
    ungrouped = reuse.build_index(docs, min_docs=2)
    assert len(ungrouped.catalogue()) == 2
    assert ungrouped.boilerplate_shares()[0] > 0


def test_review_with_the_corpus_index_agrees_with_review_many() -> None:
    cases = _planted_cases()
    rs = rc.review_many(cases, progress=False)
    assert rs.index is not None
    for case, rv in zip(cases, rs.reviews, strict=True):
        alone = rc.review(case, index=rs.index)  # queried with its own petition left out
        assert [p.stock for p in alone.profiles] == [p.stock for p in rv.profiles]
        assert [p.stock_share for p in alone.profiles] == [p.stock_share for p in rv.profiles]


def test_a_given_index_is_used_and_saved_index_round_trips(tmp_path: Path) -> None:
    cases = _planted_cases()
    built = rc.review_many(cases, progress=False).index
    assert built is not None
    saved = reuse.ReuseIndex.load(built.save(tmp_path / "stock"))
    assert saved.groups == built.groups
    rs = rc.review_many(cases, progress=False, index=saved)
    assert [r["boilerplate_share"] for r in rs.to_records()] == [
        r["boilerplate_share"] for r in rc.review_many(cases, progress=False).to_records()
    ]
    off = rc.review_many(cases, progress=False, index=None)
    assert off.index is None and {r["boilerplate_share"] for r in off.to_records()} == {None}
    with pytest.raises(rc.InputError, match="index="):
        rc.review_many(cases, progress=False, index="stock.npz")  # type: ignore[arg-type]


def test_shared_pairs_skip_versions_and_passages_snap_to_words() -> None:
    docs = list(reuse.documents(_planted_cases()))
    idx = reuse.build_index(docs, min_docs=2)
    assert [(a, b) for a, b, _ in idx.shared_pairs()] == [("102/response", "103/response")]
    # a passage found mid-word ("isn't" is two index words) still starts on a word boundary
    text = "Intro words here. It isn't clear that the policy will change this year at all."
    span = reuse._snap(text, text.index("t clear"), len(text) - 8)
    assert span.text == "It isn't clear that the policy will change this year at all."


@pytest.fixture(scope="module")
def fixture_set() -> rc.ReviewSet:
    return rc.review_many(rc.load_corpus(FIXTURES / "petitions"), progress=False)


def test_every_fixture_response_has_a_boilerplate_share(fixture_set: rc.ReviewSet) -> None:
    records = fixture_set.to_records()
    assert len(records) == 52 and fixture_set.errors == ()
    assert all(r["boilerplate_share"] is not None for r in records)
    assert all(0.0 <= r["boilerplate_share"] <= 1.0 for r in records)
    # responses share stock text across petitions in this corpus (e.g. the Nolan principles)
    assert sum(r["boilerplate_share"] > 0 for r in records) >= 10
    for p in fixture_set.stock_passages():
        assert p.petitions >= 2
        petitions = {d.split("/")[0] for d in p.document_ids}
        assert len(petitions) == p.petitions
        assert not p.text[0].isspace() and not p.text[-1].isspace()


# --------------------------------------------------------------------------- item 2


def test_frame_has_real_dtypes(fixture_set: rc.ReviewSet) -> None:
    pd = pytest.importorskip("pandas")
    frame = fixture_set.to_frame()
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert str(frame["commitment"].dtype) == "Int64"
    assert isinstance(frame["verdict"].dtype, pd.CategoricalDtype)
    assert frame["verdict"].cat.ordered
    assert list(frame["verdict"].cat.categories) == [v.value for v in rc.Verdict]
    assert frame["boilerplate_share"].dtype == "float64"
    seed = frame[(frame.petition_id == 300239) & (frame.response_label == "revised")].iloc[0]
    assert "key findings" in seed["evidence"]  # the deciding sentence, quoted
    assert "grooming" in seed["asks"].lower()
    assert seed["url"].startswith("https://petition.parliament.uk/petitions/300239")
    assert seed["signature_count"] > 10_000
    beis = frame[frame.petition_id == 568475].iloc[0]  # filed under DEFRA, signed by BEIS
    assert beis["department"] == "Department for Business, Energy and Industrial Strategy"
    assert beis["department_source"] == "sign-off"


def test_a_groupby_does_not_split_a_department(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "300025.json").write_bytes((FIXTURES / "petitions" / "300025.json").read_bytes())
    (folder / "dev.jsonl").write_bytes(DEV.read_bytes())
    frame = rc.review_many(rc.load_corpus(folder), progress=False, index=None).to_frame()
    # DEFRA from the JSON Lines rows, the full name from the JSON file: one department
    depts = set(frame["department"].dropna())
    assert depts <= set(known_departments())
    defra = frame[frame.department == "Department for Environment, Food and Rural Affairs"]
    assert set(defra.source.map(lambda s: s.endswith(".json"))) == {True, False}
    assert "DEFRA" not in depts
    assert set(frame["committee"].dropna()) == {"accepted", "sent-back"}


@pytest.mark.parametrize(
    "row",
    tomllib.loads((DATA / "department_cases.toml").read_text(encoding="utf-8"))["case"],
    ids=lambda r: r["label"],
)
def test_department_names(row: dict[str, object]) -> None:
    given = row["given"]
    assert isinstance(given, list)
    assert {canonical_department(g) for g in given} == {row["expect"]}


def test_per_ask_rows(fixture_set: rc.ReviewSet) -> None:
    rows = fixture_set.to_records(per="ask")
    assert len(rows) == sum(len(a.asks) for rv in fixture_set for a in rv.assessments)
    for row, o in zip(
        rows, [o for rv in fixture_set for a in rv.assessments for o in a.asks], strict=True
    ):
        assert row["ask"] == o.ask.text and row["verdict"] == o.verdict.value
    with pytest.raises(rc.InputError, match="per must be"):
        fixture_set.to_records(per="case")  # type: ignore[arg-type]


def test_outputs_record_version_and_options(tmp_path: Path) -> None:
    rs = rc.review_many(_planted_cases(), progress=False, asks=["publish the review"])
    from respcompare.corpus_records import write_records

    out = write_records(rs, tmp_path / "r.csv")
    meta = json.loads((tmp_path / "r.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["respcompare"] == rc.__version__
    assert meta["options"]["asks"] == ["publish the review"]
    assert meta["options"]["min_petitions"] == 2 and meta["reviewed"] == 3
    assert meta["options"]["lexicon"] == "bundled"
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == meta["columns"]
    write_records(rs, tmp_path / "r.jsonl", per="ask")
    lines = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["ask"] == "publish the review"
    assert json.loads((tmp_path / "r.jsonl.meta.json").read_text())["per"] == "ask"
    doc = json.loads(write_records(rs, tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["meta"]["respcompare"] == rc.__version__ and len(doc["records"]) == 4


def test_parquet_keeps_dtypes_and_provenance(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("pandas")
    from respcompare.corpus_records import write_records

    rs = rc.review_many(_planted_cases(), progress=False)
    path = write_records(rs, tmp_path / "r.parquet")
    table = pq.read_table(path)
    meta = json.loads(table.schema.metadata[b"respcompare"])
    assert meta["respcompare"] == rc.__version__
    back = table.to_pandas()
    assert str(back["commitment"].dtype) == "Int64"
    assert back["verdict"].cat.ordered


def test_parquet_without_pyarrow_is_a_typed_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from respcompare.corpus_records import write_records

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    rs = rc.review_many(_planted_cases()[1:], progress=False)
    with pytest.raises(rc.OptionalDependencyError, match=r"respcompare\[parquet\]"):
        write_records(rs, tmp_path / "r.parquet")
    code = main(["corpus", str(DEV), "--out", str(tmp_path / "r.parquet"), "--no-progress"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and "respcompare[parquet]" in captured.err
    assert not (tmp_path / "r.parquet").exists()


# --------------------------------------------------------------------------- item 3


def test_corpus_charts_take_a_review_set_or_its_frame(fixture_set: rc.ReviewSet) -> None:
    pytest.importorskip("pandas")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from respcompare import plot

    for source in (fixture_set, fixture_set.to_frame()):
        ax = plot.boilerplate_by_department(source)
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert sum(int(re.search(r"n=(\d+)", s).group(1)) for s in labels) == 52  # type: ignore[union-attr]
        ax = plot.verdicts_over_time(source)
        bars = sum(p.get_height() for p in ax.patches)
        assert bars == 52
        ax = plot.departments(source)
        assert any("Home Office" in t.get_text() for t in ax.get_yticklabels())
        plt.close("all")


# --------------------------------------------------------------------------- item 4


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for k, v in attrs:
            if k == "id" and v:
                self.ids.add(v)
            if k == "href" and v:
                self.links.append(v)


def test_corpus_report_is_escaped_and_linked() -> None:
    cases = _planted_cases()
    hostile = rc.Case(
        petition=rc.Petition(action="<script>alert(1)</script> Ban [x](javascript:y)", id=104),
        responses=(rc.Response(text=f"We will not <b>ban</b> it. {Q}"),),
    )
    rs = rc.review_many([*cases, hostile], progress=False)
    page = rs.to_html()
    assert "<script" not in page.lower() and "&lt;script&gt;" in page
    parsed = _Page()
    parsed.feed(page)
    assert "script" not in parsed.tags
    for name in ("case-1", "case-2", "case-3", "case-4"):
        assert name in parsed.ids
    assert all(link.startswith("#") and link[1:] in parsed.ids for link in parsed.links)
    for heading in (
        "Verdicts by department",
        "Verdicts by quarter",
        "Department comparison",
        "Least direct responses",
        "Top stock passages",
    ):
        assert f"<h2>{heading}</h2>" in page
    md = rs.to_markdown()
    assert "\\[x\\](javascript" in md and "<script>" not in md
    assert "## Top stock passages" in md and "(#case-1)" in md


# --------------------------------------------------------------------------- item 5


def test_progress_false_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    cases = _planted_cases()
    rc.review_many(cases, progress=False)
    assert capfd.readouterr() == ("", "")
    rc.review_many(cases, progress=True)
    assert "3/3" in capfd.readouterr().err  # the total is known


@pytest.mark.parametrize("widgets", [False, True])
def test_notebook_progress_has_no_warnings(
    widgets: bool, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(progress_mod, "in_notebook", lambda: True)
    monkeypatch.setattr(progress_mod, "_has_widgets", lambda: widgets)
    if widgets:  # ipywidgets "installed" but unusable: the text bar, quietly
        monkeypatch.setitem(sys.modules, "tqdm.notebook", None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rc.review_many(_planted_cases(), progress=None)
        err = capfd.readouterr().err
        assert "3/3" in err and "Warning" not in err
        rc.review_many(_planted_cases(), progress=False)
        assert capfd.readouterr() == ("", "")


def test_in_notebook_is_false_in_a_plain_interpreter() -> None:
    assert progress_mod.in_notebook() is False


# --------------------------------------------------------------------------- item 8 and CLI


def _jsonl(tmp_path: Path) -> Path:
    rows = []
    for case in _planted_cases():
        for r in case.responses:
            role = {"response": "single"}.get(r.label, r.label)
            rows.append(
                {
                    "petition_id": case.petition.id,
                    "action": case.petition.action,
                    "departments": ["DEFRA"],
                    "response_details": r.text,
                    "role": role,
                }
            )
    path = tmp_path / "planted.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_corpus_writes_everything_and_closes_with_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(tmp_path)
    out, report, chart = tmp_path / "r.csv", tmp_path / "corpus.html", tmp_path / "c.png"
    argv = ["corpus", str(src), "--out", str(out), "--report", str(report)]
    argv += ["--chart", str(chart), "--chart-kind", "departments", "--no-progress"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == "respcompare: reviewed 3 of 3 cases, 0 skipped"
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["boilerplate_share"] != "" for r in rows] == [True] * 4
    assert float(rows[0]["boilerplate_share"]) == 0.0 < float(rows[2]["boilerplate_share"])
    assert {r["department"] for r in rows} == {"Department for Environment, Food and Rural Affairs"}
    assert (tmp_path / "r.csv.meta.json").is_file()
    assert "<h2>Top stock passages</h2>" in report.read_text(encoding="utf-8")
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_cli_nothing_reviewed_exits_2_with_nothing_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a corpus\n", encoding="utf-8")
    assert main(["corpus", str(notes), "--no-progress"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "reviewed 0 of 1 cases, 1 skipped" in captured.err
    folder = tmp_path / "bad"
    folder.mkdir()
    for k in range(3):
        (folder / f"{k}.json").write_text("{", encoding="utf-8")
    out = tmp_path / "r.csv"
    assert main(["corpus", str(folder), "--out", str(out), "--no-progress"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and not out.exists()
    assert "respcompare: reviewed 0 of 3 files, 3 skipped" in captured.err.splitlines()


def test_cli_reuse_lists_stock_passages_and_saves_an_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(tmp_path)
    saved = tmp_path / "stock.npz"
    assert main(["reuse", str(src), "--format", "json", "--save-index", str(saved)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["petitions"] == 2 and row["text"] == Q
    assert row["departments"] == "Department for Environment, Food and Rural Affairs (2)"
    assert main(["reuse", str(src)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("1. 2 petitions, 2 responses")
    out = tmp_path / "r.jsonl"
    assert main(["corpus", str(src), "--index", str(saved), "--out", str(out), "--per", "ask"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all("ask" in r for r in rows)
    assert main(["reuse", str(src), "--min-petitions", "3", "--format", "csv"]) == 0
    assert capsys.readouterr().out.strip() == "rank"  # no passage recurs in 3 petitions
    assert main(["reuse", str(src), "--min-petitions", "1"]) == 2
    assert "min_petitions" in capsys.readouterr().err


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(["ab", "cd", "ef", "gh"]), min_size=3, max_size=30),
            st.integers(0, 3),
        ),
        min_size=2,
        max_size=8,
    )
)
def test_grouping_only_ever_removes_boilerplate(rows: list[tuple[list[str], int]]) -> None:
    texts = [" ".join(words) for words, _ in rows]
    plain = reuse.build_index(
        [reuse.Document(str(i), t) for i, t in enumerate(texts)], shingle=3, min_docs=2
    )
    grouped = reuse.build_index(
        [reuse.Document(str(i), texts[i], group=str(g)) for i, (_, g) in enumerate(rows)],
        shingle=3,
        min_docs=2,
    )
    for a, b in zip(grouped.boilerplate_shares(), plain.boilerplate_shares(), strict=True):
        assert a is not None and b is not None and a <= b
    for i, j, _ in grouped.shared_pairs(min_words=3):
        assert rows[int(i)][1] != rows[int(j)][1]
    # one group per document is no grouping at all
    own = reuse.build_index(
        [reuse.Document(str(i), t, group=f"g{i}") for i, t in enumerate(texts)],
        shingle=3,
        min_docs=2,
    )
    assert own.boilerplate_shares() == plain.boilerplate_shares()


def test_an_empty_corpus_gives_an_empty_index() -> None:
    idx = reuse.build_index([], min_docs=2)
    assert len(idx) == 0 and idx.catalogue() == () and len(idx.shared_pairs()) == 0
    rs = rc.review_many([], progress=False)
    assert len(rs) == 0 and rs.index is not None and rs.to_records() == []


def test_cli_refuses_options_it_would_ignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(tmp_path)
    saved = tmp_path / "stock.npz"
    assert main(["reuse", str(src), "--save-index", str(saved)]) == 0
    capsys.readouterr()
    for argv in (
        ["corpus", str(src), "--index", str(saved), "--min-petitions", "3"],
        ["corpus", str(src), "--no-boilerplate", "--min-petitions", "3"],
        ["corpus", str(src), "--no-boilerplate", "--index", str(saved)],
        ["reuse", str(src), "--index", str(saved), "--min-petitions", "3"],
    ):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1, argv


def test_reuse_documents_name_the_signing_department(fixture_cases: list[rc.Case]) -> None:
    docs = {d.id: d for d in reuse.documents(fixture_cases)}
    assert docs["568475/response"].department == (
        "Department for Business, Energy and Industrial Strategy"
    )
    assert {d.department for d in docs.values()} <= set(known_departments())


def test_docs_describe_every_column() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "corpus.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z_0-9]+)` \|", doc, flags=re.M)
    rs = rc.review_many(_planted_cases()[1:], progress=False)
    assert listed == list(rs.to_records()[0])
    for column in rs.to_records(per="ask")[0]:
        assert f"`{column}`" in doc, column
