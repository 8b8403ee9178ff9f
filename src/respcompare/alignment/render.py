"""Alignment renderers: side-by-side HTML, an inline Markdown redline, and plain JSON types.

HTML is self-contained: inline CSS, no JavaScript, every piece of text through
:func:`respcompare.escape.html_escape`. Colours are from the Okabe-Ito palette (safe for
colour-blind readers), and every change also carries a non-colour mark (underline,
strike-through, a kind label).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from ..escape import html_escape, md_escape
from ..model import Span
from .summary import carried_over_share

if TYPE_CHECKING:
    from .core import Alignment, AlignOp

__all__ = ["md_escape", "to_dict", "to_html", "to_markdown"]


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _op_dict(op: AlignOp) -> dict[str, Any]:
    return {
        "kind": op.kind,
        "a": _span(op.a),
        "b": _span(op.b),
        "a_sentences": list(op.a_sentences),
        "b_sentences": list(op.b_sentences),
        "similarity": op.similarity,
        "in_order": op.in_order,
        "move_group": op.move_group,
        "words": [{"tag": w.tag, "a": _span(w.a), "b": _span(w.b)} for w in op.words],
        "effects": [e.value for e in op.effects],
    }


def to_dict(alignment: Alignment) -> dict[str, Any]:
    """The alignment as plain JSON types.

    >>> from respcompare import align
    >>> d = to_dict(align("One here.", "One here. Two now.", with_effects=False))
    >>> [op["kind"] for op in d["ops"]], d["summary"]["counts"]["added"]
    (['unchanged', 'added'], 1)
    """
    s = alignment.summary()
    return {
        "a_label": alignment.a_label,
        "b_label": alignment.b_label,
        "a_sentences": [_span(x) for x in alignment.a_sentences],
        "b_sentences": [_span(x) for x in alignment.b_sentences],
        "ops": [_op_dict(op) for op in alignment.ops],
        "moves": [
            {"id": m.id, "a": _span(m.a), "b": _span(m.b), "ops": list(m.ops)}
            for m in alignment.moves
        ],
        "summary": {
            "unchanged_share": s.unchanged_share,
            "kept_share": s.kept_share,
            "counts": dict(s.counts),
        },
        "opcodes": [list(o) for o in alignment.opcodes()],
        "capped": alignment.capped,
        "notes": list(alignment.notes),
    }


# ---------------------------------------------------------------------------------------------
# HTML

#: The colours of every respcompare HTML view, light and dark, as CSS variables on the two
#: root elements (``.rc-review`` for a review, ``.rc-align-view`` for an alignment on its own;
#: ``.rc-page`` is the body of a full page).
#: Both text and background colours are set, so a host page's theme cannot leave dark text on a
#: dark background; ``prefers-color-scheme: dark`` switches to the dark set. Okabe-Ito hues.
THEME_CSS = (
    ".rc-page,.rc-review,.rc-align-view{--rc-fg:#1b1b1b;--rc-bg:#ffffff;--rc-muted:#595959;"
    "--rc-line:#cccccc;--rc-soft:#f2f2f2;--rc-kw:#fff3c4;--rc-del:#f9dccb;--rc-ins:#cfe3f3;"
    "--rc-del-row:#fdf0e8;--rc-ins-row:#e9f2fa;--rc-link:#0072B2;--rc-move:#CC79A7}"
    "@media (prefers-color-scheme: dark){.rc-page,.rc-review,.rc-align-view{--rc-fg:#e6e6e6;"
    "--rc-bg:#17191c;--rc-muted:#a9a9a9;--rc-line:#4a4a4a;--rc-soft:#25282c;--rc-kw:#5b4a00;"
    "--rc-del:#6b3420;--rc-ins:#1d4a6e;--rc-del-row:#2e211b;--rc-ins-row:#1a2630;"
    "--rc-link:#56B4E9;--rc-move:#CC79A7}}"
    ".rc-page{margin:0;color:var(--rc-fg);background:var(--rc-bg);color-scheme:light dark}"
)

_CSS = (
    ".rc-align-view{color:var(--rc-fg);background:var(--rc-bg)}"
    "table.rc-align{border-collapse:collapse;width:100%;font:14px/1.45 system-ui,sans-serif;"
    "color:var(--rc-fg);background:var(--rc-bg)}"
    ".rc-align td,.rc-align th{border-top:1px solid var(--rc-line);padding:4px 8px;"
    "vertical-align:top;text-align:left}"
    ".rc-align th{background:var(--rc-soft)}"
    ".rc-align td.k{white-space:nowrap;color:var(--rc-muted);font-size:12px;width:8em}"
    ".rc-align del{background:var(--rc-del);color:var(--rc-fg);text-decoration:line-through}"
    ".rc-align ins{background:var(--rc-ins);color:var(--rc-fg);text-decoration:underline}"
    ".rc-align tr.removed td.a,.rc-align tr.removed-run td.a{background:var(--rc-del-row)}"
    ".rc-align tr.added td.b{background:var(--rc-ins-row)}"
    ".rc-align tr.moved td,.rc-align tr.moved-edited td{border-left:3px solid var(--rc-move)}"
    ".rc-align tr.move-src td.a{color:var(--rc-muted);font-style:italic}"
    ".rc-align .fx{display:block;font-size:12px;color:var(--rc-link)}"
    ".rc-align a{color:var(--rc-link)}"
    ".rc-align details summary{cursor:pointer;color:var(--rc-muted)}"
    ".rc-align details p{margin:.3em 0}"
)

#: Runs of at least this many removed sentences in a row fold into one ``<details>`` row.
FOLD_REMOVED_RUN = 3


def _marked(text: str, whole: Span, marks: list[tuple[Span, str]]) -> str:
    """Escaped ``whole`` with the given sub-spans wrapped in ``<del>``/``<ins>``."""
    out: list[str] = []
    pos = whole.start
    for span, tag in sorted(marks, key=lambda m: m[0].start):
        if span.start < pos or span.end > whole.end or not len(span):
            continue
        out.append(html_escape(text[pos : span.start]))
        out.append(f"<{tag}>{html_escape(span.text)}</{tag}>")
        pos = span.end
    out.append(html_escape(text[pos : whole.end]))
    return "".join(out)


def _cell(alignment: Alignment, op: AlignOp, side: str) -> str:
    span = op.a if side == "a" else op.b
    if span is None:
        return ""
    text = alignment.a_text if side == "a" else alignment.b_text
    if op.kind == "removed":
        return f"<del>{html_escape(span.text)}</del>"
    if op.kind == "added":
        return f"<ins>{html_escape(span.text)}</ins>"
    if op.kind == "moved-edited" and side == "b":
        return _inline_diff(alignment, op)
    tag = "del" if side == "a" else "ins"
    marks = [(w.a if side == "a" else w.b, tag) for w in op.words if w.tag != "equal"]
    return _marked(text, span, marks)


def _inline_diff(alignment: Alignment, op: AlignOp) -> str:
    """The later sentence with the earlier one's deleted words shown in place (``<del>``) and
    the new words marked (``<ins>``): a moved-and-edited row has no earlier cell of its own."""
    assert op.b is not None
    b = alignment.b_text
    out: list[str] = []
    pos = op.b.start
    for w in op.words:
        if w.b.start > pos:
            out.append(html_escape(b[pos : w.b.start]))
        if w.tag == "equal":
            out.append(html_escape(w.b.text))
        else:
            if w.a.text.strip():
                out.append(f"<del>{html_escape(w.a.text.strip())}</del>")
            if w.b.text.strip():
                gap = " " if w.a.text.strip() else ""
                out.append(f"{gap}<ins>{html_escape(w.b.text)}</ins>")
            elif out and w.a.text.strip() and b[w.b.start : w.b.start + 1].isalnum():
                out.append(" ")
        pos = max(pos, w.b.end)
    if op.b.end > pos:
        out.append(html_escape(b[pos : op.b.end]))
    return "".join(out)


def to_html(alignment: Alignment, *, similarity: bool = True) -> str:
    """A side-by-side table: earlier version left, later version right, one row per op.

    Moves are linked both ways: the source row (``#move-N-src``) links to the destination row
    (``#move-N-dst``) and back. A run of :data:`FOLD_REMOVED_RUN` or more removed sentences
    folds into one row that opens with ``<details>`` (no JavaScript). A moved-and-edited row
    shows the words it deleted. ``similarity=False`` leaves out the similarity scores (the
    reader's report; the scores stay in the JSON).

    >>> from respcompare import align
    >>> page = to_html(align("<b>x</b> said.", "<b>x</b> said. New & bold.", with_effects=False))
    >>> "<b>" in page, "&lt;b&gt;x" in page, "<script" in page
    (False, True, False)
    """
    e = html_escape
    rows: list[str] = []
    ops = list(alignment.ops)
    # where each move's source row goes: before the first in-order/removed op that follows it in a
    # row: the first op (in row order) that is not moved and starts after the move's last
    # sentence, found by bisecting the running maximum of those ops' first sentences
    src_before: dict[int, list[int]] = {}
    rows_at: list[int] = []
    running: list[int] = []
    for k, op in enumerate(ops):
        if op.a_sentences and op.move_group is None:
            first = op.a_sentences[0]
            if not running or first > running[-1]:
                rows_at.append(k)
                running.append(first)
    for m in alignment.moves:
        last_a = ops[m.ops[-1]].a_sentences[-1]
        x = bisect_right(running, last_a)
        at = rows_at[x] if x < len(rows_at) else len(ops)
        src_before.setdefault(at, []).append(m.id)

    def src_row(g: int) -> str:
        m = alignment.moves[g]
        return (
            f'<tr class="move-src" id="move-{g}-src"><td class="k">moved away</td>'
            f'<td class="a">{e(m.a.text)} <a href="#move-{g}-dst">[to where it moved]</a></td>'
            "<td></td></tr>"
        )

    def op_row(k: int, op: AlignOp) -> str:
        fx = "".join(f'<span class="fx">{e(x.value)}</span>' for x in op.effects)
        link = ""
        row_id = ""
        if op.move_group is not None and k == alignment.moves[op.move_group].ops[0]:
            row_id = f' id="move-{op.move_group}-dst"'
        if op.move_group is not None:
            link = f' <a href="#move-{op.move_group}-src">[from where it was]</a>'
        sim = "" if op.kind in ("added", "removed") or not similarity else f" {op.similarity:.2f}"
        return (
            f'<tr class="{e(op.kind)}"{row_id}><td class="k">{e(op.kind)}{e(sim)}{fx}</td>'
            f'<td class="a">{"" if op.move_group is not None else _cell(alignment, op, "a")}</td>'
            f'<td class="b">{_cell(alignment, op, "b")}{link}</td></tr>'
        )

    def fold_row(run: list[AlignOp]) -> str:
        body = "".join(
            f"<p>{_cell(alignment, op, 'a')}"
            + "".join(f'<span class="fx">{e(x.value)}</span>' for x in op.effects)
            + "</p>"
            for op in run
        )
        return (
            f'<tr class="removed-run"><td class="k">removed ×{len(run)}</td>'
            f'<td class="a"><details><summary>{len(run)} sentences removed in a row '
            f"(show them)</summary>{body}</details></td><td></td></tr>"
        )

    k = 0
    while k < len(ops):
        for g in src_before.get(k, ()):
            rows.append(src_row(g))
        end = k
        while end < len(ops) and ops[end].kind == "removed" and (end == k or end not in src_before):
            end += 1
        if end - k >= FOLD_REMOVED_RUN:
            rows.append(fold_row(ops[k:end]))
            k = end
            continue
        rows.append(op_row(k, ops[k]))
        k += 1
    for g in src_before.get(len(ops), ()):
        rows.append(src_row(g))
    s = alignment.summary()
    counts = ", ".join(f"{n} {k}" for k, n in s.counts.items() if n)
    # the one carried-over figure every report prints (summary.carried_over_share), worded as
    # the change summary words it, so a page never shows two
    share = carried_over_share(alignment)
    headline = (
        f"{share:.0%} of the revised text is carried over unchanged; {counts}"
        if share is not None
        else counts
    )
    capped = "".join(f'<p class="rc-align-capped">{e(n)}</p>' for n in alignment.notes)
    return (
        f"<style>{THEME_CSS}{_CSS}</style>"
        f'<div class="rc-align-view"><p class="rc-align-summary">{e(headline)}</p>{capped}'
        '<table class="rc-align"><thead><tr><th>change</th>'
        f"<th>{e(alignment.a_label)}</th><th>{e(alignment.b_label)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


# ---------------------------------------------------------------------------------------------
# Markdown


def _gap(text: str) -> str:
    """Escaped text between words, keeping a space where there was white space."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + md_escape(text) + trail


def _join_marked(pieces: list[tuple[bool, str]]) -> str:
    """Join text and ``~~``/``**`` marks so that every mark is separated from a neighbouring
    word by a space: "place ~~to help~~ people", "~~However~~ As", never "place~~to help~~".

    A mark that touches a letter or digit would also not be read as a mark by CommonMark (its
    delimiter run would not be left- or right-flanking), so the space is needed twice over.
    """
    out = ""
    after_mark = False
    for is_mark, text in pieces:
        if not text:
            continue
        touching = out and not out[-1].isspace()
        if touching and (
            (is_mark and (after_mark or out[-1].isalnum())) or (after_mark and text[0].isalnum())
        ):
            out += " "
        out += text
        after_mark = is_mark
    return " ".join(out.split())


def _md_words(alignment: Alignment, op: AlignOp) -> str:
    assert op.a is not None and op.b is not None
    pieces: list[tuple[bool, str]] = []
    pos = op.b.start
    b = alignment.b_text
    for w in op.words:
        if w.b.start > pos:
            pieces.append((False, _gap(b[pos : w.b.start])))
        if w.tag == "equal":
            pieces.append((False, md_escape(w.b.text)))
        else:
            if w.a.text.strip():
                pieces.append((True, f"~~{md_escape(w.a.text)}~~"))
            if w.b.text.strip():
                pieces.append((True, f"**{md_escape(w.b.text)}**"))
        pos = max(pos, w.b.end)
    if op.b.end > pos:
        pieces.append((False, _gap(b[pos : op.b.end])))
    return _join_marked(pieces)


def to_markdown(alignment: Alignment) -> str:
    """An inline redline: one line per op, deletions ``~~struck~~``, insertions ``**bold**``.

    >>> from respcompare import align
    >>> print(to_markdown(align("We care.", "We care a lot.", with_effects=False)))
    - *edited* We care **a lot**.
    """
    out: list[str] = [f"*Limited alignment: {md_escape(n)}*" for n in alignment.notes]
    for op in alignment.ops:
        fx = f" — {', '.join(x.value for x in op.effects)}" if op.effects else ""
        if op.kind == "unchanged":
            assert op.b is not None
            out.append(f"- {md_escape(op.b.text)}")
        elif op.kind == "removed":
            assert op.a is not None
            out.append(f"- *removed* ~~{md_escape(op.a.text)}~~{fx}")
        elif op.kind == "added":
            assert op.b is not None
            out.append(f"- *added* **{md_escape(op.b.text)}**{fx}")
        elif op.kind == "moved":
            assert op.b is not None
            out.append(
                f"- *moved from sentence {op.a_sentences[0] + 1}* {md_escape(op.b.text)}{fx}"
            )
        else:
            where = f" from sentence {op.a_sentences[0] + 1}" if op.kind == "moved-edited" else ""
            out.append(f"- *{op.kind}{where}* {_md_words(alignment, op)}{fx}")
    return "\n".join(out)
