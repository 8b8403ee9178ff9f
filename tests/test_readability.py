"""Offline readability: pyphen syllables, Flesch, sentence lengths, nominalisations, passives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import respcompare as rc
from respcompare.readability import readability, syllables


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("we", 1),
        ("government", 3),
        ("publish", 2),
        ("exploitation", 4),
        ("people", 2),
        ("horrendous", 3),
        ("the", 1),
        ("2020", 4),
    ],
)
def test_syllables(word: str, n: int) -> None:
    assert syllables(word) == n


def test_never_uses_textstat_or_cmudict() -> None:
    mod = sys.modules["respcompare.readability"]  # rc.readability is the function
    source = Path(mod.__file__).read_text(encoding="utf-8")
    assert "import textstat" not in source and "from textstat" not in source
    assert "import nltk" not in source
    assert readability("We will publish the paper later this year.").syllables == 11


def test_flesch_by_hand() -> None:
    r = readability("We will publish the paper. It was written by officials.")
    # 10 words, 2 sentences, 15 syllables
    assert (r.words, r.sentences, r.syllables) == (10, 2, 15)
    assert r.flesch_reading_ease == pytest.approx(206.835 - 1.015 * 5 - 84.6 * 1.5, abs=0.01)
    assert r.flesch_kincaid_grade == pytest.approx(0.39 * 5 + 11.8 * 1.5 - 15.59, abs=0.01)
    assert r.passive_rate == 0.5 and r.sentence_lengths == (5, 5)
    assert "pyphen" in r.method


def test_seed_revised_is_easier_than_original_and_rates_in_range() -> None:
    case = rc.load_example("grooming-gangs")
    a, b = (readability(r.full_text) for r in case.responses)
    for r in (a, b):
        assert r.sentences > 5
        for rate in (r.nominalisation_rate, r.passive_rate, r.long_sentence_share):
            assert rate is not None and 0.0 <= rate <= 1.0
        assert r.sentence_length_median is not None and r.sentence_length_p90 is not None
        assert r.sentence_length_median <= r.sentence_length_p90
    assert set(a.to_dict()) >= {"flesch_reading_ease", "flesch_kincaid_grade", "method"}


def test_nominalisations_counted() -> None:
    r = readability("The implementation of the recommendation requires consideration.")
    assert r.nominalisation_rate == pytest.approx(3 / 7, abs=1e-3)


def test_empty_and_bad_input() -> None:
    r = readability("   ")
    assert r.sentences == 0 and r.flesch_reading_ease is None
    with pytest.raises(rc.InputError):
        readability(None)  # type: ignore[arg-type]


@given(st.text(max_size=300))
def test_rates_always_in_unit_interval(text: str) -> None:
    r = readability(text)
    for rate in (r.nominalisation_rate, r.passive_rate, r.long_sentence_share):
        assert rate is None or 0.0 <= rate <= 1.0
    assert r.words == sum(r.sentence_lengths)
