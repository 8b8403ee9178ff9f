"""Markdown round trip through a CommonMark parser (markdown-it-py, with GFM strikethrough and
tables): what a reader sees rendered is the same words as the source sentence.

- every quoted sentence of the verdicts (evidence and "furthest from the ask") renders as its
  sentence, escaping and all;
- every line of the redline renders as its sentence: unchanged, added, removed and moved lines
  as the sentence itself; an edited line without its struck words is the later sentence and
  without its bold words the earlier one (so no word is lost or glued to its neighbour).
"""

from __future__ import annotations

import re

import pytest

import respcompare as rc
from respcompare.reading import furthest_from_ask

from .report_cases import fixture_markdown, fixture_reviews

markdown_it = pytest.importorskip("markdown_it", reason="pip install -e '.[test]'")


def _parser() -> object:
    return markdown_it.MarkdownIt("commonmark").enable(["strikethrough", "table"])


def _flat(text: str) -> str:
    return " ".join(text.split())


def _inline_texts(md: str, *, drop: frozenset[str] = frozenset()) -> list[str]:
    """The plain text of each inline block, leaving out the content of the ``drop`` tags
    (``"s"`` strikethrough, ``"strong"`` bold, ``"em"`` emphasis)."""
    out = []
    for tok in _parser().parse(md):  # type: ignore[attr-defined]
        if tok.type != "inline":
            continue
        depth = 0
        parts: list[str] = []
        for child in tok.children or []:
            tag = child.type.rsplit("_", 1)[0]
            if child.type.endswith("_open") and tag in drop:
                depth += 1
            elif child.type.endswith("_close") and tag in drop:
                depth -= 1
            elif depth == 0 and child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif depth == 0 and child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        out.append(_flat("".join(parts)))
    return out


def test_quoted_sentences_render_as_the_source_words() -> None:
    checked = 0
    for name, r in fixture_reviews():
        rendered = set()
        for text in _inline_texts(fixture_markdown()[name]):
            # (the first quote of an ask is led by its tag: "Deciding sentence: ", or for a
            # learned verdict "Most telling sentence (...): ")
            rendered.add(re.sub(r"^[^“]*?: (?=“)", "", text))
        for resp, a in zip(r.case.responses, r.assessments, strict=True):
            far = furthest_from_ask(resp, a, petition=r.case.petition)
            for ev in (*(e for o in a.asks for e in o.evidence), *far):
                checked += 1
                assert f"“{_flat(ev.text)}”" in rendered, (name, ev.text)
    assert checked > 100


def test_hostile_text_round_trips_as_text() -> None:
    text = "We will publish *all* of it [here](x) <b>now</b> & then, at_last ~~or~~ `not` | 5 > 4."
    case = rc.Case(
        petition=rc.Petition(action="Publish the report"),
        responses=[rc.Response(text=f"{text} We care.")],
    )
    md = rc.review(case).to_markdown()
    assert any(_flat(text) in t for t in _inline_texts(md))


def _redline_lines(al: rc.Alignment) -> list[str]:
    md = al.to_markdown()
    return [line for line in md.splitlines() if line.startswith("- ")]


def test_redline_lines_render_as_their_sentences() -> None:
    checked = 0
    for name, r in fixture_reviews():
        for al in r.alignments:
            lines = _redline_lines(al)
            assert len(lines) == len(al.ops), name
            for op, line in zip(al.ops, lines, strict=True):
                fx = f" — {', '.join(e.value for e in op.effects)}" if op.effects else ""
                body = line.removesuffix(fx)
                plain = _inline_texts(body, drop=frozenset({"em"}))[0]
                if op.kind in ("unchanged", "moved", "added"):
                    assert op.b is not None
                    assert plain == _flat(op.b.text), (name, op.kind, line)
                elif op.kind == "removed":
                    assert op.a is not None
                    assert plain == _flat(op.a.text), (name, line)
                else:
                    assert op.a is not None and op.b is not None
                    later = _inline_texts(body, drop=frozenset({"em", "s"}))[0]
                    earlier = _inline_texts(body, drop=frozenset({"em", "strong"}))[0]
                    # a struck word before punctuation leaves a space there ("place ~~x~~.")
                    tight = re.sub(r"\s+(?=[.,;:!?)])", "", later)
                    assert tight == _flat(op.b.text), (name, "later", line)
                    assert _words(earlier) == _words(op.a.text), (name, "earlier", line)
                checked += 1
    assert checked > 100


def _words(text: str) -> list[str]:
    """Lower-cased words without punctuation: the earlier sentence is rebuilt from the later
    one's equal words (compared without case) and punctuation, so only its words are compared."""
    strip = ".,;:!?()“”\"'‘’"
    return [w.strip(strip).lower() for w in text.split() if any(c.isalnum() for c in w)]
