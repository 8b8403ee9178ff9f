"""Hostile input over the public API: only RespcompareError may escape, spans stay exact.

Random unicode, control characters, right-to-left and zero-width marks, very long tokens, HTML and
Markdown markup, random JSON. Each test has a fixed ``max_examples`` (about 10,700 generated
inputs in all) and no deadline; the whole file takes well under 90 s on two cores.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.model import MAX_TEXT_CHARS, plain_text

SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow], "derandomize": True}

SPECIALS = [
    "\u200b",  # zero-width space
    "\u200c",
    "\u200d",
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\r\n",
    "\u2028",
    "\u0301",  # combining acute
    "\t",
    "\x0c",
    "\U0001f600",
    "שלום",
    "مرحبا",
]
MARKUP = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "<https://evil.example>",
    "**bold** _em_ `code` ~~del~~ | cell |",
    "# heading",
    "> quote",
    "&lt;b&gt; &amp; &#60;",
    "\\",
]
WORDS = [
    "The Government will publish the review in full.",
    "We have no plans to do so.",
    "We will keep this under review.",
    "It may be published on 3 May 2021.",
    "Funding rose to £1.2 million.",
    "will",
    "not",
    "publish",
    "review",
    "in full",
    "Home Office",
    ".",
    "?",
    " ",
    "\n",
    "\n\n",
    "“",
    "”",
    "e.g.",
    "•",
]
PIECES = st.one_of(
    st.sampled_from(SPECIALS + MARKUP + WORDS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    st.integers(200, 3000).map(lambda n: "a" * n),  # a very long token
    st.integers(50, 500).map(lambda n: "x\u200b" * n),
)
TEXTS = st.lists(PIECES, max_size=14).map("".join)
# (texts are held as plain_text makes them: one of invisible characters only is empty, and a
# petition's action needs a word)
NONEMPTY = TEXTS.filter(lambda t: bool(plain_text(t).strip()))
WORDY = TEXTS.filter(lambda t: any(c.isalnum() for c in plain_text(t)))
ANYTHING = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    TEXTS,
)


def _tolerate(fn: Callable[[], Any]) -> Any:
    """Run ``fn``; a RespcompareError is documented behaviour, anything else fails the test."""
    try:
        return fn()
    except rc.RespcompareError as exc:
        assert str(exc).strip(), "an error must carry a message that says what to do"
        return None


def _spans(obj: Any, seen: set[int] | None = None) -> Iterator[rc.Span]:
    """Every Span reachable from ``obj`` through dataclass fields, tuples, lists and dicts."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, rc.Span):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _spans(getattr(obj, f.name), seen)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _spans(item, seen)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _spans(item, seen)


def _check_span(span: rc.Span, *texts: str) -> None:
    assert 0 <= span.start <= span.end
    assert len(span.text) == span.end - span.start
    assert any(span.end <= len(t) and t[span.start : span.end] == span.text for t in texts), (
        span,
        [t[:80] for t in texts],
    )


def _unit(value: float | None) -> None:
    assert value is None or (not math.isnan(value) and 0.0 <= value <= 1.0), value


# --- segmentation, cues, kwic, readability --------------------------------------------------


@settings(max_examples=2000, **SETTINGS)
@given(TEXTS)
def test_segment_spans_index_the_text(text: str) -> None:
    seg = _tolerate(lambda: rc.segment(text))
    if seg is None:
        return
    for span in _spans(seg):
        _check_span(span, text)
    for para in seg.paragraphs:
        _check_span(para, text)


@settings(max_examples=2100, **SETTINGS)
@given(TEXTS)
def test_find_cues_spans_and_kwic(text: str) -> None:
    cues = _tolerate(lambda: rc.find_cues(text))
    if cues is None:
        return
    last_end = 0
    for cue in cues:
        for span in _spans(cue):
            _check_span(span, text)
        assert cue.span.start >= last_end, "cues are ordered and never overlap"
        last_end = cue.span.end
    rows = _tolerate(lambda: rc.kwic(text, cues))
    assert rows is not None and len(rows) <= len(cues)
    for row in rows:
        assert row.keyword in text


@settings(max_examples=1000, **SETTINGS)
@given(TEXTS, st.sampled_from(["keep ... under review", "will", "no plans", "*", "...", "  "]))
def test_kwic_with_patterns(text: str, pattern: str) -> None:
    rows = _tolerate(lambda: rc.kwic(text, pattern, window=3))
    for row in rows or ():
        assert row.keyword in text
        assert 1 <= row.from_ <= row.to


@settings(max_examples=1500, **SETTINGS)
@given(TEXTS)
def test_readability_never_breaks(text: str) -> None:
    r = _tolerate(lambda: rc.readability(text))
    if r is None:
        return
    for span in _spans(r):
        _check_span(span, text)


@settings(max_examples=200, **SETTINGS)
@given(ANYTHING)
def test_string_functions_reject_non_strings_with_typed_errors(value: Any) -> None:
    for fn in (rc.segment, rc.find_cues, rc.readability):
        _tolerate(lambda fn=fn: fn(value))  # type: ignore[misc]


# --- constructors and loading ---------------------------------------------------------------


@settings(max_examples=1500, **SETTINGS)
@given(ANYTHING, ANYTHING, ANYTHING, ANYTHING)
def test_constructors_accept_text_or_raise_typed_errors(
    action: Any, background: Any, text: Any, date: Any
) -> None:
    pet = _tolerate(lambda: rc.Petition(action=action, background=background))
    if pet is not None:
        assert isinstance(pet.action, str) and pet.action.strip()
        assert isinstance(pet.text, str)
    resp = _tolerate(lambda: rc.Response(text=text, summary=background, date=date))
    if resp is not None:
        assert resp.full_text[resp.details_offset :] == resp.text
        if resp.summary_span is not None:
            _check_span(resp.summary_span, resp.full_text)
    if pet is not None and resp is not None:
        case = rc.Case(petition=pet, responses=(resp,))
        assert case.responses == (resp,)


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXTS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=8,
)
FIELDS = ("action", "title", "background", "government_response", "summary", "details")


@st.composite
def petition_like(draw: st.DrawFn) -> Any:
    """JSON shaped like a petition: known keys with random values, in random envelopes."""
    attrs = {k: draw(JSON) for k in draw(st.lists(st.sampled_from(FIELDS), max_size=4))}
    if draw(st.booleans()):
        attrs["action"] = draw(NONEMPTY)
    if draw(st.booleans()):
        attrs["government_response"] = {
            "summary": draw(TEXTS),
            "details": draw(TEXTS),
            "responded_on": draw(st.one_of(st.none(), st.sampled_from(["2020-05-19", "x"]))),
        }
    if draw(st.booleans()):
        attrs["other_parliamentary_business"] = [
            {"subject": "Original Government response", "body": draw(JSON)}
        ]
    shape = draw(st.sampled_from(["data", "attributes", "bare"]))
    if shape == "data":
        return {"data": {"id": draw(JSON), "attributes": attrs}}
    if shape == "attributes":
        return {"attributes": attrs}
    return attrs


@settings(max_examples=1500, **SETTINGS)
@given(st.one_of(petition_like(), JSON))
def test_load_petition_on_random_json(data: Any) -> None:
    sources: list[Any] = [data]
    if isinstance(data, dict):
        sources.append(json.dumps(data))
    for source in sources:
        case = _tolerate(lambda source=source: rc.load_petition(source))
        if case is not None:
            assert case.responses
            assert case.petition.action.strip()


@settings(max_examples=300, **SETTINGS)
@given(st.one_of(st.text(max_size=40).map(lambda t: "{" + t), st.binary(max_size=40)))
def test_load_petition_on_truncated_json_and_bytes(raw: Any) -> None:
    _tolerate(lambda: rc.load_petition(raw))


# --- judging, aligning, reviewing, reports --------------------------------------------------


@settings(max_examples=250, **SETTINGS)
@given(WORDY, NONEMPTY, TEXTS)
def test_assess_spans_and_scores(action: str, text: str, summary: str) -> None:
    pet = rc.Petition(action=action)
    resp = rc.Response(text=text, summary=summary)
    a = _tolerate(lambda: rc.assess(pet, resp))
    if a is None:
        return
    assert isinstance(a.verdict, rc.Verdict)
    assert a.answered == a.verdict.answered
    _unit(a.directness)
    assert a.commitment is None or 0 <= a.commitment <= 5
    texts = (resp.full_text, pet.text, pet.action, pet.background)
    for span in _spans(a):
        _check_span(span, *texts)


@settings(max_examples=250, **SETTINGS)
@given(NONEMPTY, NONEMPTY)
def test_align_spans_index_each_side(a_text: str, b_text: str) -> None:
    al = _tolerate(lambda: rc.align(a_text, b_text))
    if al is None:
        return
    for op in al.ops:
        assert op.kind in ("unchanged", "edited", "moved", "moved-edited", "added", "removed")
        assert 0.0 <= op.similarity <= 1.0
        if op.a is not None:
            _check_span(op.a, a_text)
        if op.b is not None:
            _check_span(op.b, b_text)
    _tolerate(al.to_html)
    _tolerate(al.to_markdown)
    json.dumps(_tolerate(al.to_dict))


@settings(max_examples=100, **SETTINGS)
@given(WORDY, TEXTS, NONEMPTY, NONEMPTY, TEXTS)
def test_review_and_reports(
    action: str, background: str, original: str, revised: str, summary: str
) -> None:
    case = rc.Case(
        petition=rc.Petition(action=action, background=background),
        responses=(
            rc.Response(text=original, label="original"),
            rc.Response(text=revised, summary=summary, label="revised"),
        ),
    )
    r = _tolerate(lambda: rc.review(case))
    if r is None:
        return
    assert len(r.assessments) == 2
    md = r.to_markdown()
    page = r.to_html()
    assert "<script" not in page.lower()
    assert isinstance(md, str) and md
    json.dumps(r.to_dict(), ensure_ascii=False)


# --- big input (separate, sized) ------------------------------------------------------------


def _big(n: int) -> str:
    base = rc.load_example("grooming-gangs").responses[-1].text + "\n\n"
    return (base * (n // len(base) + 1))[:n]


def test_one_megabyte_texts() -> None:
    text = _big(1_000_000)
    seg = rc.segment(text)
    assert seg.sentences and seg.sentences[-1].end <= len(text)
    for s in seg.sentences[::500]:
        _check_span(s, text)
    assert rc.readability(text) is not None
    rows = rc.kwic(text, "publish")
    assert rows and all(r.keyword.lower() == "publish" for r in rows)
    with pytest.raises(rc.InputTooLargeError, match="split it"):
        rc.Response(text=text)
    with pytest.raises(rc.InputTooLargeError, match="split it"):
        rc.Petition(action="Release it", background=text)
    petition = json.loads(
        (pytest.importorskip("importlib.resources").files("respcompare") / "data" / "examples")
        .joinpath("300239.json")
        .read_text(encoding="utf-8")
    )
    petition["data"]["attributes"]["government_response"]["details"] = text
    with pytest.raises(rc.InputTooLargeError):
        rc.load_petition(petition)


def test_text_at_the_limit_is_accepted() -> None:
    text = _big(MAX_TEXT_CHARS)
    assert len(rc.Response(text=text).text) == MAX_TEXT_CHARS
    with pytest.raises(rc.InputTooLargeError):
        rc.Response(text=text + "x")


# --- wrong-typed or out-of-range options (seventh session's probe) --------------------------


def _seed_text() -> str:
    return rc.load_example("grooming-gangs").responses[-1].text


def _with_judge(**kw: Any) -> Any:
    import dataclasses

    return dataclasses.replace(rc.JudgeConfig.default(), **kw)


WRONG_OPTIONS: list[tuple[str, Any, type[Exception], str]] = [
    ("readability long_sentence str", lambda: rc.readability("A b.", long_sentence="x"),
     rc.InputError, "long_sentence"),
    ("readability long_sentence 0", lambda: rc.readability("A b.", long_sentence=0),
     rc.InputError, "long_sentence"),
    ("build_index of one string", lambda: rc.build_index("one two three"),
     rc.InputError, "wrap it in a list"),
    ("query top negative", lambda: rc.build_index(["a b c d e f g h i"]).query("a b", top=-1),
     rc.InputError, "top"),
    ("query top str", lambda: rc.build_index(["a b c d e f g h i"]).query("a b", top="3"),
     rc.InputError, "top"),
    ("query max_docs 0", lambda: rc.build_index(["a b c d e f g h i"]).query("a b", max_docs=0),
     rc.InputError, "max_docs"),
    ("check_draft settings str", lambda: rc.check_draft("Ban it", "We will ban it.", settings="x"),
     rc.InputError, "CheckSettings"),
    ("Lexicon of a string", lambda: rc.Lexicon("abc"), rc.LexiconError, "Entry"),
    ("cue_action of None", lambda: rc.cue_action(None), rc.InputError, "Cue"),
    ("load_corpus of None", lambda: rc.load_corpus(None), rc.InputError, "path"),
    ("judge threshold below 0", lambda: _with_judge(learned_override_above=-1),
     rc.InputError, "threshold"),
    ("judge carry of -5", lambda: _with_judge(context_carry=-5), rc.InputError, r"\[0, 1\]"),
    ("judge review_below -0.5", lambda: _with_judge(review_below=-0.5), rc.InputError, "threshold"),
    ("judge share above 1", lambda: _with_judge(headless_share=1.5), rc.InputError, r"\[0, 1\]"),
    ("judge negative weight", lambda: _with_judge(head_word_weight=-1), rc.InputError, "weight"),
    ("check_draft index str", lambda: rc.check_draft("Ban it", "We will ban it.", index="x"),
     rc.InputError, "ReuseIndex"),
    ("stock_passages top -1",
     lambda: rc.review_many([rc.load_example("grooming-gangs")], progress=False)
     .stock_passages(top=-1), rc.InputError, "top"),
    ("Ask action int", lambda: rc.Ask(text="Ban it", action=5, object="it"),
     rc.InputError, "Ask.action"),
    ("Ask qualifiers str", lambda: rc.Ask(text="Ban it", action="ban", object="it",
     qualifiers="in full"), rc.InputError, "qualifiers"),
    ("Ask of no words", lambda: rc.assess(rc.Petition("Ban it"), rc.Response("We will not."),
     asks=[rc.Ask(text="", action="ban", object="it")]), rc.InputError, "words"),
    ("ask of 2,001 characters", lambda: rc.assess(rc.Petition("Ban it"), rc.Response("No."),
     asks=["Ban " + "x" * 1997]), rc.InputTooLargeError, "2,000"),
    ("Ask object too long", lambda: rc.assess(rc.Petition("Ban it"), rc.Response("No."),
     asks=[rc.Ask(text="Ban it", action="ban", object="it " * 1001)]),
     rc.InputTooLargeError, "2,000"),
    ("Petition id of 13 digits", lambda: rc.Petition("Ban it", id=10**12), rc.InputError, "12"),
    ("Petition id of 5,000 digits", lambda: rc.Petition("Ban it", id=10**5000),
     rc.InputError, "more than 12 digits"),
    ("Petition id negative", lambda: rc.Petition("Ban it", id=-5), rc.InputError, "-5"),
    ("shingle above 10,000", lambda: rc.build_index(["a b c"], shingle=10**18),
     rc.InputError, "10,000"),
    ("fetch delay of 1e300", lambda: __import__("respcompare.fetch", fromlist=["x"])
     .FetchOptions(delay=1e300), rc.InputError, "a day"),
]  # fmt: skip


@pytest.mark.parametrize(
    "call,error,message", [w[1:] for w in WRONG_OPTIONS], ids=[w[0] for w in WRONG_OPTIONS]
)
def test_wrong_options_are_typed_errors(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_judge_settings_at_their_bounds_are_accepted() -> None:
    assert _with_judge(learned_override_above=1.0).learned_override_above == 1.0
    assert _with_judge(context_carry=0.0).context_carry == 0.0
    assert rc.build_index(["a b c d e f g h i"]).query("a b c", top=0).matches == ()
