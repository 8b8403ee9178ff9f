"""Lexicon loading (our TOML, user TOML, one phrase a line, LIWC-style .dic) and export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import respcompare as rc
from respcompare.lexicon import (
    CATEGORIES,
    Entry,
    Lexicon,
    default_lexicon,
    export_lexicon,
    inflections,
    load_lexicon,
)


def test_every_bundled_entry_has_provenance_and_a_known_category() -> None:
    lex = default_lexicon()
    assert len(lex) > 300
    for e in lex:
        assert e.category in CATEGORIES
        assert e.source.startswith("written by us"), e
        assert 0.0 <= e.strength <= 1.0
    assert {e.category for e in lex} == set(CATEGORIES)


def test_ladder_entries_carry_levels() -> None:
    for e in default_lexicon():
        if e.category in {"refusal", "deferral", "review-loop"}:
            assert e.level is not None


def test_user_toml(tmp_path: Path) -> None:
    p = tmp_path / "mine.toml"
    p.write_text(
        '[meta]\nname = "mine"\n[[group]]\ncategory = "peacock"\nsense = "promotional"\n'
        'source = "my notes"\n'
        'phrases = ["game changer", { pattern = "best", not_before = ["practice"] }]\n'
    )
    lex = load_lexicon(p)
    assert lex.name == "mine" and [e.pattern for e in lex] == ["game changer", "best"]
    found = rc.find_cues("This is a game changer and best practice.", lexicon=lex)
    assert [c.span.text for c in found] == ["game changer"]


def test_bad_toml_says_what_to_do(tmp_path: Path) -> None:
    p = tmp_path / "bad.toml"
    p.write_text('[[group]]\ncategory = "hedges"\nphrases = ["maybe"]\n')
    with pytest.raises(rc.LexiconError, match="use one of"):
        load_lexicon(p)
    p.write_text("[[group\n")
    with pytest.raises(rc.LexiconError, match="invalid TOML"):
        load_lexicon(p)
    with pytest.raises(rc.LexiconError, match="not found"):
        load_lexicon(tmp_path / "missing.toml")


def test_phrase_per_line_needs_a_category(tmp_path: Path) -> None:
    p = tmp_path / "words.txt"
    p.write_text("in the round\n# comment\n\nat pace\n")
    with pytest.raises(rc.LexiconError, match="category="):
        load_lexicon(p)
    lex = load_lexicon(p, category="peacock", sense="jargon")
    assert [(e.pattern, e.sense) for e in lex] == [
        ("in the round", "jargon"),
        ("at pace", "jargon"),
    ]
    assert lex.entries[1].source.endswith(":4")


def test_dic_round_trip(tmp_path: Path) -> None:
    lex = Lexicon(
        (
            Entry("in due course", "deferral", "timing", level=3, source="ours"),
            Entry("perhaps", "hedge", "epistemic", source="ours"),
        )
    )
    dic = export_lexicon(lex, format="dic")
    assert dic.startswith("%\n1\thedge\n2\tdeferral\n%\n")
    p = tmp_path / "ours.dic"
    p.write_text(dic)
    back = load_lexicon(p)
    assert sorted((e.pattern, e.category) for e in back) == [
        ("in due course", "deferral"),
        ("perhaps", "hedge"),
    ]


def test_liwc_dic_with_category_map(tmp_path: Path) -> None:
    p = tmp_path / "liwc.dic"
    p.write_text("%\n1\ttentat\n2\tcertain\n%\nperhaps\t1\nalways\t2\n")
    with pytest.raises(rc.LexiconError, match="category_map"):
        load_lexicon(p)
    lex = load_lexicon(p, category_map={"tentat": "hedge", "certain": "booster"})
    assert [(e.pattern, e.category, e.sense) for e in lex] == [
        ("perhaps", "hedge", "tentat"),
        ("always", "booster", "certain"),
    ]


def test_yaml_and_csv_export() -> None:
    lex = default_lexicon()
    yaml = export_lexicon(lex, format="yaml")
    assert "deferral:\n  timing:\n" in yaml and '    - "in due course"' in yaml
    rows = list(csv.DictReader(io.StringIO(export_lexicon(lex, format="csv"))))
    assert len(rows) == len(lex)
    assert all(r["source"] for r in rows)
    with pytest.raises(rc.LexiconError):
        export_lexicon(lex, format="xml")  # type: ignore[arg-type]


def test_inflections() -> None:
    assert inflections("keep") >= {"keep", "keeps", "keeping"}
    assert "committed" in inflections("commit")
    assert {"applies", "applied"} <= inflections("apply")


def test_lexicon_combines_and_filters() -> None:
    lex = default_lexicon()
    only = lex.only(["deferral"])
    assert {e.category for e in only} == {"deferral"}
    assert len(only + only) == 2 * len(only)


def test_compiled_patterns_survive_many_lexicons() -> None:
    # compiled patterns live on each Lexicon: no module cache to evict or confuse by id()
    # (the old id()-keyed cache gave a freed plain pattern's words to a new gap pattern: this
    # loop failed 22 times in 40 before)
    for k in range(40):
        entries = (
            Entry(f"alpha{k} beta", "hedge", source="test"),
            Entry(f"word{k} ... here", "hedge", source="test"),
        )
        lex = Lexicon(entries, name=f"l{k}")
        assert [c.span.text for c in rc.find_cues(f"a word{k} goes here", lexicon=lex)] == [
            f"word{k} goes here"
        ]
    gap = Lexicon((Entry("keep ... under review", "review-loop", source="test"),), name="gap")
    found = rc.find_cues("We keep the whole policy under review.", lexicon=gap)
    assert [(c.category, c.span.text) for c in found] == [
        ("review-loop", "keep the whole policy under review")
    ]
    assert gap.compiled() is gap.compiled()


def test_lexicon_pickles_without_its_compiled_patterns() -> None:
    import pickle

    lex = default_lexicon()
    lex.compiled()
    again = pickle.loads(pickle.dumps(lex))
    assert again == lex and again._compiled is None
    assert len(pickle.dumps(lex)) == len(pickle.dumps(again))
