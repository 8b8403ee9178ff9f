"""Version alignment: kinds, spans, moves, word edits, effects, renderers, and its invariants."""

from __future__ import annotations

import itertools
import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.alignment import AlignOptions, Effect, describe, effects
from respcompare.errors import InputError

from .conftest import PETITIONS


@pytest.fixture(scope="module")
def seed() -> rc.Alignment:
    case = rc.load_example("grooming-gangs")
    return rc.align(case.responses[0], case.responses[1], petition=case.petition)


def _op_with(al: rc.Alignment, side: str, needle: str) -> rc.align.AlignOp:  # type: ignore[name-defined]
    for op in al.ops:
        span = op.a if side == "a" else op.b
        if span is not None and needle in span.text:
            return op
    raise AssertionError(f"no op holds {needle!r} on side {side}")


# --- the seed pair ----------------------------------------------------------------------------


def test_seed_carried_over_passages_are_unchanged_or_edited(seed: rc.Alignment) -> None:
    money = _op_with(seed, "a", "additional £30 million")
    assert money.kind in ("unchanged", "edited")
    assert money.b is not None and "£30 million" in money.b.text
    strategy = _op_with(seed, "a", "will set out how we will work across all sectors")
    assert strategy.kind in ("unchanged", "edited")
    assert strategy.b is not None and "work across all agencies" in strategy.b.text
    assert strategy.similarity > 0.8


def test_seed_new_commitment_to_publish_a_paper_is_added(seed: rc.Alignment) -> None:
    paper = _op_with(seed, "b", "will publish a paper")
    assert paper.kind == "added"
    assert Effect.ADDED_COMMITMENT in paper.effects


def test_seed_dropped_sympathy_and_funding_are_removed(seed: rc.Alignment) -> None:
    for needle in (
        "from £8 million to £12 million",
        "unequivocal support",
        "shares the nation’s outrage",
    ):
        assert _op_with(seed, "a", needle).kind == "removed", needle


def test_seed_spans_index_full_text_and_cover_every_sentence(seed: rc.Alignment) -> None:
    case = rc.load_example("grooming-gangs")
    assert seed.a_text == case.responses[0].full_text
    for op in seed.ops:
        for span, text in ((op.a, seed.a_text), (op.b, seed.b_text)):
            if span is not None:
                assert text[span.start : span.end] == span.text
        for w in op.words:
            assert seed.a_text[w.a.start : w.a.end] == w.a.text
            assert seed.b_text[w.b.start : w.b.end] == w.b.text
    a_used = Counter(i for op in seed.ops for i in op.a_sentences)
    b_used = Counter(j for op in seed.ops for j in op.b_sentences)
    assert sorted(a_used) == list(range(len(seed.a_sentences))) and set(a_used.values()) == {1}
    assert sorted(b_used) == list(range(len(seed.b_sentences))) and set(b_used.values()) == {1}


def test_seed_summary_and_changes_paragraph(seed: rc.Alignment) -> None:
    s = seed.summary()
    assert sum(s.counts.values()) == len(seed.ops)
    assert s.counts["removed"] > s.counts["added"] > 0  # the revision is much shorter
    assert 0.0 <= s.unchanged_share <= s.kept_share <= 1.0
    text = describe(seed)
    assert "It adds a commitment" in text and "publish a paper" in text


# --- kinds on small constructed cases -----------------------------------------------------------

S1 = "The Government has increased funding for victims' services this year."
S2 = "We will publish the review in full in June."
S3 = "Officials met the campaign group in March to discuss the findings."
S4 = "The department keeps the guidance under regular review."


def kinds(al: rc.Alignment) -> list[str]:
    return [op.kind for op in al.ops]


def test_moved_sentence_crosses_the_backbone() -> None:
    al = rc.align(f"{S1} {S2} {S3} {S4}", f"{S2} {S3} {S4} {S1}")
    assert Counter(kinds(al)) == Counter({"unchanged": 3, "moved": 1})
    moved = al.of_kind("moved")[0]
    assert moved.a is not None and moved.a.text == S1 and moved.move_group == 0
    assert al.moves[0].a.text == S1 and al.moves[0].b.text == S1


def test_moved_and_edited() -> None:
    edited = S1.replace("this year", "since 2019")
    al = rc.align(f"{S1} {S2} {S3} {S4}", f"{S2} {S3} {S4} {edited}")
    op = al.of_kind("moved-edited")[0]
    assert op.b is not None and op.b.text == edited
    assert [(w.tag, w.a.text, w.b.text) for w in op.words if w.tag != "equal"] == [
        ("replace", "this year", "since 2019")
    ]


def test_split_and_merge_mirror() -> None:
    a = f"{S1} The review will be published in full in June, and officials will brief MPs. {S4}"
    b = f"{S1} The review will be published in full in June. Officials will brief MPs. {S4}"
    ab, ba = rc.align(a, b), rc.align(b, a)
    assert kinds(ab).count("split") == 1 and kinds(ba).count("merged") == 1
    split = ab.of_kind("split")[0]
    assert len(split.a_sentences) == 1 and len(split.b_sentences) == 2


def test_word_edits_have_no_one_word_islands() -> None:
    a = "We will consider a review of the scheme in the autumn."
    b = "We will publish a full report on the scheme by the summer."
    op = rc.align(a, b, edit_threshold=0.3).ops[0]
    assert op.kind == "edited"
    tags = [w.tag for w in op.words]
    for k in range(1, len(tags) - 1):  # no short equal run between two changes
        if tags[k] == "equal" and tags[k - 1] != "equal" and tags[k + 1] != "equal":
            island = op.words[k].a.text
            assert len(island.split()) > 1 or len(island) > 3, island
    assert not any(w.tag == "equal" and w.a.text == "a" for w in op.words)


def test_opcodes_are_difflib_shaped_and_cover_both_sides() -> None:
    al = rc.align(f"{S1} {S2} {S3}", f"{S2} {S3} {S4}")
    ops = al.opcodes()
    assert ops[0][1] == 0 and ops[0][3] == 0
    assert ops[-1][2] == len(al.a_sentences) and ops[-1][4] == len(al.b_sentences)
    for (_, _, i2, _, j2), (_, i1, _, j1, _) in itertools.pairwise(ops):
        assert (i2, j2) == (i1, j1)
    assert ("equal", 1, 3, 0, 2) in ops


def test_thresholds_are_keyword_options() -> None:
    a, b = "We care about this issue a lot.", "We care about other things."
    assert kinds(rc.align(a, b, edit_threshold=0.9)) == ["removed", "added"]
    assert kinds(rc.align(a, b, options=AlignOptions(edit_threshold=0.3))) == ["edited"]
    with pytest.raises(InputError, match=r"\[0, 1\]"):
        AlignOptions(edit_threshold=2.0)


def test_bad_input_is_a_typed_error() -> None:
    with pytest.raises(InputError, match="Response or a str"):
        rc.align(3, "x")  # type: ignore[arg-type]


# --- effects ---------------------------------------------------------------------------------


def test_effects_polarity_and_emotive() -> None:
    al = rc.align(
        "The Government will publish the report.",
        "The Government will not publish the report.",
    )
    assert Effect.POLARITY_FLIP in al.ops[0].effects
    al = rc.align("Officials met in March.", "Officials met in March. This is a vile crime.")
    assert Effect.EMOTIVE_ADDED in al.ops[-1].effects


def test_an_added_refusal_or_deferral_is_an_effect_and_is_said() -> None:
    # a revision whose new sentences refuse, or put off, is a change a reader needs told (a
    # deflected original revised to a refusal once read as "It drops a commitment" only)
    a = "Puppies are imported under strict rules. Checks are made at the border."
    refused = rc.align(a, f"{a} We will not ban puppy imports.")
    assert Effect.ADDED_REFUSAL in refused.ops[-1].effects
    deferred = rc.align(a, f"{a} We will consider the case for a ban in due course.")
    assert Effect.ADDED_DEFERRAL in deferred.ops[-1].effects
    back = rc.align(f"{a} We will not ban puppy imports.", a)
    assert Effect.REMOVED_REFUSAL in back.ops[-1].effects
    assert Effect.ADDED_REFUSAL.mirror is Effect.REMOVED_REFUSAL
    assert "It adds a refusal" in describe(refused)


def test_ask_now_addressed_needs_the_petition() -> None:
    pet = rc.Petition(action="Publish the grooming gangs review in full")
    a = "Child abuse is a horrific crime. We have increased funding for victims."
    b = f"{a} We will publish the grooming gangs review in full in June."
    with_pet = rc.align(a, b, petition=pet)
    without = rc.align(a, b)
    added = with_pet.of_kind("added")[0]
    assert Effect.ASK_NOW_ADDRESSED in added.effects
    assert all(Effect.ASK_NOW_ADDRESSED not in op.effects for op in without.ops)
    assert [e.mirror.mirror for e in added.effects] == list(added.effects)
    assert effects(without, pet)[-1] == added.effects


# --- renderers -------------------------------------------------------------------------------


def test_html_is_escaped_self_contained_and_links_moves() -> None:
    a = f"<script>alert(1)</script> said this. {S2} {S3} {S4}"
    b = f"{S2} {S3} {S4} <script>alert(1)</script> said this & more."
    page = rc.align(a, b).to_html()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert 'id="move-0-src"' in page and 'href="#move-0-dst"' in page
    assert 'id="move-0-dst"' in page and 'href="#move-0-src"' in page
    assert "<ins>" in page and "<style>" in page


def test_markdown_redline_escapes_and_marks() -> None:
    md = rc.align("We *will* act [now].", "We *will* act [now]. New [link](x) here.").to_markdown()
    # the one Markdown escaper (respcompare.escape): brackets escaped, so no link can form
    assert "\\*will\\*" in md and "\\[link\\](x)" in md
    assert "*added* **New" in md


def test_to_dict_is_json_and_round_trips_spans(seed: rc.Alignment) -> None:
    d = json.loads(json.dumps(seed.to_dict()))
    assert len(d["ops"]) == len(seed.ops)
    for op in d["ops"]:
        if op["b"]:
            assert seed.b_text[op["b"]["start"] : op["b"]["end"]] == op["b"]["text"]
    assert d["summary"]["counts"] == dict(seed.summary().counts)


# --- properties ------------------------------------------------------------------------------


def _pool() -> list[str]:
    out: list[str] = []
    for path in PETITIONS:
        for r in rc.load_petition(path).responses:
            out += [
                s.text
                for s in rc.segment(r.text).sentences
                if len(s.text.split()) >= 4 and s.text.endswith(".") and "\n" not in s.text
            ]
    return sorted(set(out))[:400]


POOL = _pool()
texts = st.lists(st.sampled_from(POOL), min_size=0, max_size=8, unique=True).map(" ".join)


def _pairs(
    al: rc.Alignment, *, flip: bool = False
) -> Counter[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    out: Counter[tuple[str, tuple[int, ...], tuple[int, ...]]] = Counter()
    for op in al.ops:
        if flip:
            out[(MIRROR[op.kind], op.b_sentences, op.a_sentences)] += 1
        else:
            out[(op.kind, op.a_sentences, op.b_sentences)] += 1
    return out


MIRROR = {"added": "removed", "removed": "added", "split": "merged", "merged": "split"}
for _k in ("unchanged", "edited", "moved", "moved-edited"):
    MIRROR[_k] = _k


@settings(max_examples=60, deadline=None)
@given(texts)
def test_align_with_itself_is_all_unchanged(x: str) -> None:
    al = rc.align(x, x)
    assert all(op.kind == "unchanged" and op.similarity == 1.0 for op in al.ops)
    assert al.summary().unchanged_share == 1.0


@settings(max_examples=80, deadline=None)
@given(texts, texts)
def test_align_mirrors(a: str, b: str) -> None:
    ab, ba = rc.align(a, b), rc.align(b, a)
    assert _pairs(ab) == _pairs(ba, flip=True)
    sims = sorted(round(op.similarity, 6) for op in ab.ops)
    assert sims == sorted(round(op.similarity, 6) for op in ba.ops)
    fx_ab = Counter(e for op in ab.ops for e in op.effects)
    fx_ba = Counter(e.mirror for op in ba.ops for e in op.effects)
    assert fx_ab == fx_ba


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(POOL), min_size=2, max_size=8, unique=True), st.randoms())
def test_shuffled_sentences_are_all_verbatim(sents: list[str], rnd: object) -> None:
    shuffled = list(sents)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    al = rc.align(" ".join(sents), " ".join(shuffled))
    assert {op.kind for op in al.ops} <= {"unchanged", "moved"}


def test_work_on_the_same_responses_is_kept_with_them() -> None:
    """A Response keeps its analysis (per lexicon object) and its last alignment with the same
    later response; neither takes part in equality or pickling, and any other call redoes it."""
    import pickle

    from respcompare.alignment import AlignOptions
    from respcompare.analysis import analyse, analyse_response
    from respcompare.lexicon import Lexicon, default_lexicon

    ra = rc.Response(text="We care deeply. We fund it.", label="original")
    rb = rc.Response(text="We fund it. We will publish the review in June.", label="revised")
    first = rc.align(ra, rb)
    assert rc.align(ra, rb) is first
    assert rc.align(rc.Response(text=ra.text, label="original"), rb) == first
    assert rc.align(ra, rb, with_effects=False) is not first
    assert rc.align(ra, rb, options=AlignOptions(edit_threshold=0.9)) is not first
    assert rc.align(ra, rc.Response(text=rb.text, label="revised")) == first
    assert analyse_response(ra) is analyse_response(ra)
    assert analyse_response(ra).cues == analyse(ra.full_text).cues
    mine = Lexicon(default_lexicon().entries, name="copy")
    assert analyse_response(ra, lexicon=mine).lexicon is mine
    assert analyse_response(ra, lexicon=mine).cues == analyse(ra.full_text, lexicon=mine).cues
    copy = pickle.loads(pickle.dumps(ra))
    assert copy == ra and hash(copy) == hash(ra) and copy.memo() == {}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "not",
                "no",
                "nor",
                "cannot",
                "won't",
                "and",
                "but",
                "which",
                "we",
                "act",
                "note",
                "nothing",
                "snot",
                ",",
                ";",
                " - ",
                "(",
                ")",
                "—",
                ".",
                " ",
                "'",
                "t",
                "n",
            ]
        ),
        max_size=40,
    ),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_a_span_without_negation_has_no_negative_clause(
    words: list[str], lead: int, trail: int
) -> None:
    # flips() skips the clause pairing when neither span can hold a negative clause
    from respcompare.alignment.voice import _may_negate, _negative, clause_spans
    from respcompare.model import Span

    text = " ".join(words)
    a, b = min(lead, len(text)), max(min(lead, len(text)), len(text) - trail)
    span = Span(a, b, text[a:b])
    if not _may_negate(text, span, ()):
        assert not any(_negative(text, x, y, ()) for x, y in clause_spans(text, a, b))


@pytest.mark.parametrize("path", PETITIONS[:12], ids=lambda p: p.stem)
def test_effects_from_the_edited_sentences_are_the_full_analysis_effects(path: object) -> None:
    # rc.align reads cues only in the ops that can have an effect, kept per sentence on each
    # Response: the same alignment as from the two full analyses, and again when a response
    # is aligned a second time (its kept sentences reused, the missing ones found)
    from respcompare.analysis import analyse

    case = rc.load_petition(path)  # type: ignore[arg-type]
    first = rc.Response(text="We will publish the review in June. We keep this under review.")
    for r in case.responses:
        fresh = [rc.Response(text=first.full_text), rc.Response(text=r.full_text)]
        full = rc.align(*fresh, analyses=[analyse(x.full_text) for x in fresh])
        assert rc.align(*fresh) == full
        assert rc.align(fresh[1], fresh[0]) == rc.align(
            fresh[1], fresh[0], analyses=[analyse(fresh[1].full_text), analyse(first.full_text)]
        )
        other = rc.Response(text=r.full_text.replace(".", ". We may not.", 2))
        assert rc.align(fresh[1], other) == rc.align(
            fresh[1], other, analyses=[analyse(r.full_text), analyse(other.full_text)]
        )
