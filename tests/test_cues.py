"""The cue engine: the seed case, sense rules, ladder, scope, quoted text, and the case table."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.cues import LADDER_CATEGORIES, cue_action, find_cues, kwic, lemma

TABLE = Path(__file__).parent / "data" / "cue_cases.toml"
CASES = tomllib.loads(TABLE.read_text(encoding="utf-8"))["case"]


def cues_of(text: str) -> list[tuple[str, str, str]]:
    return [(c.category, c.sense, c.span.text) for c in find_cues(text)]


@pytest.fixture(scope="module")
def seed() -> rc.Case:
    return rc.load_example("grooming-gangs")


# ---------------------------------------------------------------- the seed case


def test_seed_original_emotive_with_intensifiers(seed: rc.Case) -> None:
    found = {c.span.text for c in find_cues(seed.responses[0].full_text, categories=["emotive"])}
    for phrase in ("truly horrendous", "vile", "appalling", "heinous"):
        assert phrase in found
    cue = next(
        c for c in find_cues(seed.responses[0].full_text) if c.span.text == "truly horrendous"
    )
    assert "intensifier" in cue.rule and cue.strength is not None and cue.strength > 0.7


def test_seed_original_review_loop_and_no_release_commitment(seed: rc.Case) -> None:
    text = seed.responses[0].full_text
    cues = find_cues(text)
    at = text.index("we will continue to work tirelessly")
    loop = [c for c in cues if c.span.start == at + 3]
    assert loop and loop[0].category == "review-loop" and loop[0].level == 2
    commitments = [c for c in cues if c.category == "commitment"]
    assert all(cue_action(c) not in {"publish", "release", "disclose"} for c in commitments)
    assert all(c.level is not None and c.level < 5 for c in commitments)


def test_seed_revised_dated_commitment_outranks_intention(seed: rc.Case) -> None:
    text = seed.responses[1].full_text
    cues = [c for c in find_cues(text) if c.category == "commitment"]
    will = next(c for c in cues if c.span.text == "will publish")
    assert (will.level, will.sense, cue_action(will)) == (5, "dated", "publish")
    assert will.scope is not None and will.scope.text.startswith("will publish a paper")
    appositive = next(c for c in cues if c.span.text == "to be published")
    assert appositive.level == 5 and appositive.scope is not None
    assert appositive.scope.text == "The paper, to be published later this year"
    intends = next(c for c in cues if c.span.text.startswith("intends to publish"))
    assert cue_action(intends) == "publish"
    assert (intends.level, intends.strength) < (will.level, will.strength)


# ---------------------------------------------------------------- sense rules


def test_may_month_vs_epistemic_vs_permission() -> None:
    assert cues_of("The Government published the paper on 19 May 2020.") == []
    assert cues_of("The fifth grant, covering May to September, opens soon.") == []
    assert cues_of("You may apply for the grant online.") == [
        ("permission", "permission", "You may apply")
    ]
    assert cues_of("Extremists may also seek to exploit legitimate concerns.") == [
        ("hedge", "epistemic", "may")
    ]


def test_should_deontic_vs_epistemic() -> None:
    assert cues_of("Employers should check the guidance.") == [("deontic", "obligation", "should")]
    assert cues_of("This should help reduce waiting times.") == [
        ("hedge", "epistemic", "should help")
    ]


def test_will_action_vs_consider_vs_continue() -> None:
    [c] = find_cues("We will introduce legislation.")
    assert (c.category, c.level, cue_action(c)) == ("commitment", 4, "introduce")
    [c] = find_cues("We will consider the recommendations.")
    assert (c.category, c.level) == ("deferral", 3)
    [c] = find_cues("We will continue to support victims.")
    assert (c.category, c.level) == ("review-loop", 2)
    [c] = find_cues("We will not extend the scheme.")
    assert (c.category, c.level, cue_action(c)) == ("refusal", 0, "extend")


def test_we_believe_is_hedge_some_people_think_is_weasel() -> None:
    assert cues_of("We believe the scheme is fair.") == [("hedge", "doxastic", "We believe")]
    assert cues_of("Some people think the scheme is unfair.") == [
        ("weasel", "unattributed", "Some people think")
    ]


def test_approximator_needs_a_number() -> None:
    assert cues_of("It benefits around one million staff.") == [
        ("hedge", "approximator", "around one")
    ]
    assert cues_of("We spoke to officers about recent investigations.") == []


def test_quite_gradable_vs_absolute() -> None:
    assert cues_of("The results were quite good.") == [("hedge", "approximator", "quite good")]
    assert cues_of("That is quite right.") == [("booster", "maximiser", "quite right")]


def test_truly_folds_into_evaluative_word() -> None:
    assert cues_of("It is a truly shocking case.") == [
        ("emotive", "condemnation", "truly shocking")
    ]
    assert cues_of("It is truly independent.") == [("booster", "intensifier", "truly")]


# ---------------------------------------------------------------- ladder, gaps, negation, scope


def test_bounded_gap_and_time_hedged_refusal() -> None:
    [c] = find_cues("We keep all taxes under close review.")
    assert (c.category, c.span.text) == ("review-loop", "keep all taxes under close review")
    [c] = find_cues("There are currently no plans to extend the scope.")
    assert (c.category, c.level) == ("refusal", 1)
    [c] = find_cues("The Government has no plans to introduce a requirement.")
    assert (c.category, c.level, cue_action(c)) == ("refusal", 0, "introduce")


def test_conditional_scope_downgrades_commitment() -> None:
    [c] = [
        c
        for c in find_cues("Once the review has reported, we will publish the findings.")
        if c.category == "commitment"
    ]
    assert (c.sense, c.level) == ("conditional", 3)


def test_negated_commitment_becomes_refusal() -> None:
    [c] = find_cues("The Government is not committed to reform.")
    assert (c.category, c.sense, c.level) == ("refusal", "negated", 0)


def test_quoted_petition_text_is_not_the_governments() -> None:
    text = 'The petition says: "The Government must publish the vile report in full."'
    assert find_cues(text) == []


def test_categories_filter_and_bad_input() -> None:
    text = "We will consider this. It is a vile crime."
    assert {c.category for c in find_cues(text, categories=["emotive"])} == {"emotive"}
    with pytest.raises(rc.InputError, match="unknown cue categories"):
        find_cues(text, categories=["hedges"])
    with pytest.raises(rc.InputError):
        find_cues(42)  # type: ignore[arg-type]
    assert find_cues("   ") == []


def test_every_ladder_cue_has_level_and_every_cue_strength(seed: rc.Case) -> None:
    for r in seed.responses:
        for c in find_cues(r.full_text):
            assert c.strength is not None and 0.0 <= c.strength <= 1.0
            assert (c.level is not None) == (c.category in LADDER_CATEGORIES)
            assert c.scope is not None and c.scope.contains(c.span)


def test_lemma() -> None:
    assert [lemma(w) for w in ["published", "setting", "reviews", "laid"]] == [
        "publish",
        "set",
        "review",
        "lay",
    ]


def test_kwic_columns() -> None:
    text = "We will keep the policy under review. We keep it under close review."
    rows = kwic(text, "keep ... under close? review", window=2)
    assert [r.keyword for r in rows] == [
        "keep the policy under review",
        "keep it under close review",
    ]
    assert set(rows[0].as_dict()) == {"docname", "from", "to", "pre", "keyword", "post", "pattern"}
    assert rows[0].from_ == 3 and rows[0].pre == "We will"
    rows = kwic(text, find_cues(text))
    assert len(rows) == 2 and rows[0].pattern.startswith("review-loop")


# ---------------------------------------------------------------- the table


def test_table_size() -> None:
    assert len(CASES) >= 150
    assert sum(1 for c in CASES if c["kind"] == "negative") >= 40


@pytest.mark.parametrize("case", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_table_case(case: dict[str, object]) -> None:
    text = str(case["text"])
    found = find_cues(text)
    got = sorted((c.category, c.sense, c.span.text) for c in found)
    want = sorted(tuple(e.split(":", 2)) for e in case["expect"])  # type: ignore[attr-defined]
    absent = set(case.get("absent", []))  # type: ignore[call-overload]
    if "all" in absent:
        assert got == []
    for cat in absent:
        assert all(g[0] != cat for g in got), f"{cat} must not fire in {text!r}"
    assert got == want


# ---------------------------------------------------------------- invariants


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("We will may should about 3 May “quoted” .,\n")), max_size=200
    )
)
def test_spans_index_the_text_and_never_overlap(text: str) -> None:
    cues = find_cues(text)
    last_end = -1
    for c in cues:
        assert text[c.span.start : c.span.end] == c.span.text
        assert c.span.start >= last_end
        last_end = c.span.end
        if c.scope is not None:
            assert text[c.scope.start : c.scope.end] == c.scope.text
    assert cues == find_cues(text)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("We won't it's £1.5 30% co-op Mr. U.K. “”\"'’-.?!,;\n ")),
        max_size=200,
    )
)
def test_tokens_of_the_whole_text_are_each_sentences_own(text: str) -> None:
    # _tokenize splits the whole text once; _tokenize_sentences splits sentence by sentence
    from respcompare.cues import _tokenize, _tokenize_sentences
    from respcompare.segment import segment

    assert _tokenize(text) == _tokenize_sentences(text, segment(text).sentences)


def test_tokens_when_a_sentence_edge_cuts_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    # Punkt never cuts a word, but should a sentence edge fall inside one (or leave a word
    # between two sentences), the tokens are still each sentence's own
    from respcompare import cues
    from respcompare.model import Span
    from respcompare.segment import Segmentation, Sentence

    text = "We fund it. More funding follows. Then more."

    def cut(*bounds: tuple[int, int]) -> Segmentation:
        sents = tuple(Sentence(Span(a, b, text[a:b]), 0, k) for k, (a, b) in enumerate(bounds))
        return Segmentation(text, (Span(0, len(text), text),), sents)

    for seg in (cut((0, 20), (20, 33), (34, 44)), cut((0, 11), (17, 33), (34, 44))):
        monkeypatch.setattr(cues, "segment", lambda _text, seg=seg: seg)
        assert cues._tokenize(text) == cues._tokenize_sentences(text, seg.sentences)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "We will publish the paper.",
                "The paper,",
                "to be published later this year,",
                "To be published",
                "It will be laid in June.",
                "It",
                "will",
                "not",
                "may",
                "should",
                "about 3",
                "May",
                "we",
                "keep this under review",
                "if",
                "“quoted",
                "text.”",
                "won't",
                "it's",
                ",",
                ".",
                "\n\n",
            ]
        ),
        max_size=40,
    ),
    st.sets(st.integers(0, 12)),
)
def test_cues_in_sentences_are_the_texts_cues_there(words: list[str], chosen: set[int]) -> None:
    # only the chosen sentences are tokenized and read; rules that look past a sentence (the
    # word before "to be", the next sentence's date, a quotation) still see the whole text
    from respcompare.cues import cues_in_sentences
    from respcompare.segment import segment

    text = " ".join(words)
    seg = segment(text)

    def sentence(c: rc.Cue) -> int:
        s = seg.sentence_at(c.span.start)
        assert s is not None
        return s.index

    assert cues_in_sentences(text, chosen) == [c for c in find_cues(text) if sentence(c) in chosen]


@pytest.mark.parametrize(
    ("text", "chosen", "rule"),
    [
        # "to be" opening a sentence is an appositive when a comma comes after the word before
        (
            "We fund it.\n\n, to be published later this year, the paper sets out more.",
            [1],
            "modal.to-be>publish",
        ),
        # the next sentence (not read for cues) dates the commitment
        (
            "We will publish a paper. The paper sets out our plans in June.",
            [0],
            "modal.will>publish+dated-next-sentence",
        ),
    ],
)
def test_cues_in_sentences_read_the_sentences_beside_them(
    text: str, chosen: list[int], rule: str
) -> None:
    from respcompare.cues import cues_in_sentences

    assert [c.rule for c in cues_in_sentences(text, chosen)] == [rule]
    assert cues_in_sentences(text, chosen) == find_cues(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "We",
                "once",
                "if",
                "At present",
                "this year",
                "in June",
                "2020",
                "£5m",
                "3 per",
                "cent",
                "The Home Office Review",
                "Act",
                "not",
                "n't",
                "cannot",
                "and",
                "which",
                " - ",
                "—",
                ",",
                ";",
                ".",
                "(",
                "\n",
                "a",
                "é",
                "٣",
            ]
        ),
        max_size=30,
    ),
    st.integers(0, 20),
)
def test_patterns_behind_a_first_character_lookahead_match_as_without(
    words: list[str], cut: int
) -> None:
    # the scans' patterns carry a lookahead on their first character, for speed only
    import re

    from respcompare import cues
    from respcompare.alignment import voice

    text = " ".join(words)
    for fast in (
        cues._TIME_HEDGE,
        cues._CONDITIONAL,
        cues._DATE,
        cues._AMOUNT,
        cues._INSTRUMENT,
        cues._CLAUSE_END,
        voice._BREAK,
        voice._NEGATION,
    ):
        head = re.match(r"\(\?=\[[^\]]*\]\)\(\?:", fast.pattern)
        assert head is not None and fast.pattern.endswith(")")
        plain = re.compile(fast.pattern[head.end() : -1], fast.flags)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for pos in range(0, len(text) + 1, 3):
            end = min(len(text), pos + cut)
            for f, p in ((fast.search, plain.search), (fast.match, plain.match)):
                got, want = f(text, pos, end), p(text, pos, end)
                assert (got and got.span()) == (want and want.span())
