"""Issue 15, item 5: the change summary quotes whole words around what changed, shows removed
hedges, does not call an added clause a polarity flip, and does not take a third party's hedge
for the government's. Cases are data: tests/data/change_summary_cases.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.alignment import describe
from respcompare.alignment.summary import excerpt
from respcompare.model import Span

from .report_cases import fixture_reviews

TABLE = Path(__file__).parent / "data" / "change_summary_cases.toml"
CASES = tomllib.loads(TABLE.read_text(encoding="utf-8"))["case"]


def test_case_table_is_well_formed() -> None:
    assert len(CASES) >= 10
    for case in CASES:
        assert {"label", "source", "a", "b", "contains", "absent"} <= set(case), case
        assert case["contains"] or case["absent"], case["label"]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_change_summary_case(case: dict[str, object]) -> None:
    text = describe(rc.align(str(case["a"]), str(case["b"])))
    for want in case["contains"]:  # type: ignore[attr-defined]
        assert want in text, f"{case['label']}: {want!r} not in {text!r}"
    for unwanted in case["absent"]:  # type: ignore[attr-defined]
        assert unwanted not in text, f"{case['label']}: {unwanted!r} in {text!r}"


_QUOTE = re.compile(r"“([^”]*)”")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_quote_in_every_fixture_summary_is_whole_words_of_the_source() -> None:
    """Property over the real revisions: each quoted excerpt is a run of whole words of the
    earlier or the later text (ellipses mark the cuts), never a cut through a word."""
    quotes = 0
    for name, r in fixture_reviews():
        for change, al in zip(r.changes, r.alignments, strict=True):
            sources = [_words(al.a_text), _words(al.b_text)]
            for m in _QUOTE.finditer(change):
                body = m.group(1).removeprefix("… ").removesuffix(" …")
                quotes += 1
                hits = [s for s in sources if body in s]
                assert hits, (name, body)
                src = hits[0]
                at = src.index(body)
                end = at + len(body)
                assert at == 0 or not (src[at - 1].isalnum() and body[0].isalnum()), (name, body)
                assert end == len(src) or not (src[end].isalnum() and body[-1].isalnum()), (
                    name,
                    body,
                )
    assert quotes > 20


def test_excerpt_keeps_the_focus_whole_and_marks_cuts() -> None:
    text = " ".join(f"word{i}" for i in range(60))
    span = Span(0, len(text), text)
    start = text.index("word30")
    focus = Span(start, start + len("word30 word31"), "word30 word31")
    quoted = excerpt(text, span, focus, limit=40)
    assert quoted.startswith("“… ") and quoted.endswith(" …”")
    assert "word30 word31" in quoted
    inner = quoted[3:-3].split()
    assert all(w.startswith("word") and w[4:].isdigit() for w in inner)
    assert len(quoted) <= 40 + len("“… ") + len(" …”") + len("word99")
    short = excerpt("We act.", Span(0, 7, "We act."))
    assert short == "“We act.”"


_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_WORD, min_size=1, max_size=60),
    st.data(),
    st.integers(min_value=10, max_value=150),
)
def test_property_excerpt_is_whole_words_around_the_focus(
    words: list[str], data: st.DataObject, limit: int
) -> None:
    text = " ".join(words)
    span = Span(0, len(text), text)
    i = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    j = data.draw(st.integers(min_value=i, max_value=min(len(words) - 1, i + 3)))
    start = len(" ".join(words[:i])) + (1 if i else 0)
    end = start + len(" ".join(words[i : j + 1]))
    focus = Span(start, end, text[start:end])
    quoted = excerpt(text, span, focus, limit=limit)
    assert quoted.startswith("“") and quoted.endswith("”")
    body = quoted[1:-1].removeprefix("… ").removesuffix(" …")
    assert focus.text in body  # the changed words are quoted whole
    assert f" {body} " in f" {text} "  # a run of whole words of the text
    cut = quoted.startswith("“… ") or quoted.endswith(" …”")
    assert cut == (body != text)  # an ellipsis marks every cut, and only a cut
