"""Segmentation: table-driven cases from real responses, and offset invariants."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import respcompare as rc
from respcompare.segment import segment, sentences, words

CASES = tomllib.loads((Path(__file__).parent / "data" / "segment_cases.toml").read_text())["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_sentence_table(case: dict[str, object]) -> None:
    text = case["text"]
    assert isinstance(text, str)
    got = [s.text for s in sentences(text)]
    assert got == case["sentences"]
    for s in sentences(text):
        assert text[s.start : s.end] == s.text


def test_may_is_never_learnt_as_an_abbreviation() -> None:
    from respcompare.segment import UK_ABBREVIATIONS

    assert "may" not in UK_ABBREVIATIONS
    text = "It was published on 3 May. We may review it."
    assert len(sentences(text)) == 2


def test_every_response_in_the_fixtures_segments_consistently(fixture_cases: list[rc.Case]) -> None:
    for case in fixture_cases:
        for r in case.responses:
            seg = segment(r.full_text)
            assert seg.sentences, case.source
            # sentences lie inside their paragraph, in order, without overlap
            last_end = 0
            for s in seg.sentences:
                para = seg.paragraphs[s.paragraph]
                assert para.start <= s.start < s.end <= para.end
                assert s.start >= last_end
                last_end = s.end
            # every visible character of the text belongs to some paragraph
            covered = sum(len(p) for p in seg.paragraphs)
            assert covered >= len("".join(r.full_text.split())) * 0.9


def test_summary_is_its_own_paragraph() -> None:
    case = rc.load_example("grooming-gangs")
    revised = case.response("revised")
    seg = segment(revised.full_text)
    assert seg.paragraphs[0].text == revised.summary
    assert seg.sentences[0].paragraph == 0


def test_words_keep_money_and_hyphenated_terms() -> None:
    toks = [w.text for w in words("An additional £30 million for group-based offending.")]
    assert toks == ["An", "additional", "£30", "million", "for", "group-based", "offending"]
