"""Where a size limit bites, the result says so (issue 14): a note in ``limits_hit`` of the
Assessment and the Review, and a "Limits reached" line in the reports; never on a real petition.

The limits: sentences per text (``segment.MAX_SENTENCES``), the reading of the petition's asks
(``asks.MAX_ACTION_CHARS``, ``MAX_BODY_CHARS``, ``MAX_CLAUSE_CHARS``, ``MAX_QUALIFIERS``), the
judge's own (``JudgeConfig.max_sentences``, ``max_clause_chars``), beside the cue cap and the
alignment's, which tests/test_adversarial.py and tests/test_hardening2.py hold.
"""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.asks import (
    MAX_ACTION_CHARS,
    MAX_BODY_CHARS,
    MAX_CLAUSE_CHARS,
    MAX_QUALIFIERS,
    extract_asks,
    extract_asks_with_limits,
)
from respcompare.commitments import _negation_then_until, _rules
from respcompare.judge import JudgeConfig
from respcompare.segment import MAX_SENTENCES

from .conftest import FIXTURES

SEED = FIXTURES / "petitions" / "300239.json"
PLACES = ["Leeds", "York", "Hull", "Bath", "Ely", "Derby", "Truro", "Wells", "Ripon", "Exeter"]
TOWNS = ", in ".join(PLACES)


def _review(action: str, text: str, *, judge: JudgeConfig | None = None) -> rc.Review:
    return rc.review(rc.case_from_texts(action, "We will act.", text), judge=judge)


def _reported(review: rc.Review, fragment: str) -> None:
    """``fragment`` is in a note of the review, and in both reports' Limits line."""
    assert review.capped and any(fragment in n for n in review.limits_hit), review.limits_hit
    md = [x for x in review.to_markdown().splitlines() if x.startswith("**Limits reached:**")]
    assert len(md) == 1 and fragment in md[0]
    html = review.to_html()
    assert '<p class="rc-limits"><b>Limits reached:</b>' in html and fragment in html
    assert review.to_dict()["limits_hit"] == list(review.limits_hit)


def test_the_seed_case_hits_no_limit() -> None:
    case = rc.load_petition(SEED)
    review = rc.review(case)
    assert review.limits_hit == () and not review.capped
    assert not any(a.capped for a in review.assessments)
    assert not any(al.capped for al in review.alignments)
    assert "Limits reached" not in review.to_markdown()
    assert '<p class="rc-limits">' not in review.to_html()
    assert extract_asks_with_limits(case.petition) == (extract_asks(case.petition), ())
    assert not any(rc.segment(r.full_text).limits_hit for r in case.responses)


# --------------------------------------------------------------------------- sentences per text


def test_sentences_past_the_limit_are_flagged_everywhere() -> None:
    text = "Yes. " * (MAX_SENTENCES + 500) + "We will publish the review in full."
    seg = rc.segment(text)
    assert len(seg.sentences) == MAX_SENTENCES
    assert seg.limits_hit and f"more than {MAX_SENTENCES:,} sentences" in seg.limits_hit[0]
    # the note gives where reading stopped: the first sentence left out starts there
    found = re.search(r"from character ([\d,]+)", seg.limits_hit[0])
    assert found is not None
    cut = int(found[1].replace(",", ""))
    assert cut == 5 * MAX_SENTENCES and text[cut:].startswith("Yes.")
    review = _review("Release the review in full", text)
    assert review.assessments[1].capped and not review.assessments[0].capped
    assert any(n.startswith("segmentation:") for n in review.assessments[1].limits_hit)
    assert review.assessments[1].needs_review
    assert "only the first 3,000 sentences of the text were read" in (
        review.assessments[1].review_reasons
    )
    assert review.alignments[0].capped
    assert any("segmentation:" in n for n in review.alignments[0].notes)
    _reported(review, "revised: segmentation: more than 3,000 sentences")


def test_sentences_up_to_the_limit_are_not_flagged() -> None:
    seg = rc.segment("Yes. " * MAX_SENTENCES)
    assert len(seg.sentences) == MAX_SENTENCES and seg.limits_hit == ()


# --------------------------------------------------------------------------- the asks


def test_qualifiers_past_the_limit_are_flagged() -> None:
    (ask,), notes = extract_asks_with_limits(rc.Petition(action="Fund schools in " + TOWNS))
    assert len(ask.qualifiers) == MAX_QUALIFIERS
    assert notes == (
        f"asks: an ask had more than {MAX_QUALIFIERS} qualifiers; only the first "
        f"{MAX_QUALIFIERS} were kept",
    )
    review = _review("Fund schools in " + TOWNS, "We will fund schools in Leeds.")
    # named once, for the petition; every assessment judged against the cut ask carries it
    assert [n for n in review.limits_hit if "qualifiers" in n] == [f"petition: {notes[0]}"]
    assert all(notes[0] in a.limits_hit for a in review.assessments)
    _reported(review, "petition: asks: an ask had more than 8 qualifiers")


def test_eight_qualifiers_are_not_flagged() -> None:
    action = "Fund schools in " + ", in ".join(PLACES[:MAX_QUALIFIERS])
    (ask,), notes = extract_asks_with_limits(rc.Petition(action=action))
    assert len(ask.qualifiers) == MAX_QUALIFIERS and notes == ()


def test_a_repeated_qualifier_past_the_search_bound_is_flagged() -> None:
    # "in full" x 1000: one qualifier (and the piece the clause cut ends on), but the search
    # for more stopped
    (ask,), notes = extract_asks_with_limits(
        rc.Petition(action="Release the review" + " in full" * 1000)
    )
    assert ask.qualifiers[0] == "in full" and len(ask.qualifiers) <= 2
    assert any("qualifier phrases" in n for n in notes)
    assert any("clause longer than" in n for n in notes)


def test_a_long_clause_is_flagged() -> None:
    action = "Release the review of " + "the report on " * (MAX_CLAUSE_CHARS // 14 + 5)
    assert len(action) > MAX_CLAUSE_CHARS
    _, notes = extract_asks_with_limits(rc.Petition(action=action))
    assert notes == (
        f"asks: a clause longer than {MAX_CLAUSE_CHARS} characters was read from its first "
        f"{MAX_CLAUSE_CHARS}",
    )


def test_a_long_headline_and_background_are_flagged() -> None:
    action = "Release the review. " * (MAX_ACTION_CHARS // 20 + 5)
    _, notes = extract_asks_with_limits(rc.Petition(action=action))
    assert any(n.startswith(f"asks: the headline has {len(action):,} characters") for n in notes)
    background = "We want the Government to publish it. " * (MAX_BODY_CHARS // 38 + 5)
    _, notes = extract_asks_with_limits(
        rc.Petition(action="Release the review", background=background)
    )
    assert any(n.startswith("asks: the background has") for n in notes)


# --------------------------------------------------------------------------- the judge


def test_the_judges_sentence_limit_is_flagged() -> None:
    judge = dataclasses.replace(JudgeConfig.default(), max_sentences=2)
    review = _review(
        "Release the review in full",
        "We have considered this. We care. We will publish the review in full.",
        judge=judge,
    )
    _reported(review, "revised: judge: only the first 2 of 3 sentences were read")


def test_the_judges_clause_limit_is_flagged() -> None:
    text = "We will publish the review " + "and the annex " * 100 + "in full."
    review = _review("Release the review in full", text)
    _reported(review, "revised: judge: a clause longer than 1,200 characters")


# --------------------------------------------------------------------------- linear rewrites


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["not", "until", "need", "to", "have", "be", "due", "x", "\n", " ", ",", "nota"]
        ),
        max_size=14,
    ),
    st.lists(st.sampled_from(["", " ", "\n"]), min_size=14, max_size=14),
)
def test_not_until_reads_as_the_regex_did(tokens: list[str], seps: list[str]) -> None:
    scope = "".join(t + s for t, s in zip(tokens, seps, strict=False))
    negated = "|".join(re.escape(x) for x in _rules().not_until)
    expected = bool(re.search(rf"\b(?:{negated})\b.*\buntil\b", scope))
    assert _negation_then_until(scope) == expected


def test_asks_beyond_max_asks_are_named_not_dropped() -> None:
    """A fifth ask is not judged by default, and the result says which was left out."""
    action = (
        "Ban fireworks, fund animal shelters, close the loophole, publish the data and "
        "repeal the act"
    )
    asks, limits = extract_asks_with_limits(rc.Petition(action=action))
    assert [a.action for a in asks] == ["ban", "fund", "close", "publish"]
    assert len(limits) == 1 and "max_asks=4" in limits[0] and "repeal the act" in limits[0]
    review = rc.review(rc.case_from_texts(action, "We will act."))
    assert any("max_asks" in note for note in review.limits_hit)
    # with room for them, nothing is left out and nothing is said
    asks6, limits6 = extract_asks_with_limits(rc.Petition(action=action), max_asks=6)
    assert len(asks6) == 5 and limits6 == ()
