"""One paragraph in plain English: what the revision changed and what that did to the answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis import TextAnalysis
from ..model import Cue, Span
from .effects import Effect, own_cues, pair_cues

if TYPE_CHECKING:
    from .core import Alignment, AlignOp

__all__ = ["carried_over", "carried_over_share", "describe"]

_VERBATIM = ("unchanged", "moved")


def carried_over(alignment: Alignment) -> tuple[Span, ...]:
    """The later text's sentences carried over verbatim: the ``b`` spans of unchanged and moved
    ops, in order.

    >>> from respcompare import align
    >>> [s.text for s in carried_over(align("We act. We care.", "We care. We fund it."))]
    ['We care.']
    """
    spans = [op.b for op in alignment.ops if op.kind in _VERBATIM and op.b is not None]
    return tuple(sorted(spans, key=lambda s: s.start))


def carried_over_share(alignment: Alignment) -> float | None:
    """THE carried-over share: of the later text's sentence characters, the share in sentences
    carried over verbatim (unchanged or moved ops), rounded to 4 places; None when the later
    text has no sentences.

    Every figure respcompare calls "carried over" is this one: the report, the records
    (``ReviewSet.to_records``), the scorecard and :func:`respcompare.reuse.carried_over_share`.

    >>> from respcompare import align
    >>> carried_over_share(align("We act. We care.", "We care. We fund it."))
    0.4211
    """
    total = sum(len(s) for s in alignment.b_sentences)
    if total == 0:
        return None
    carried = sum(len(s) for s in carried_over(alignment))
    return round(min(1.0, carried / total), 4)


def _carried_over_clause(alignment: Alignment) -> str:
    share = carried_over_share(alignment)
    if share is None:
        return "."
    return f"; {share:.0%} of the revised text is carried over unchanged."


#: A quoted excerpt in the change summary holds at most about this many characters (whole
#: words; the changed words are always quoted whole, however long).
QUOTE_LIMIT = 120

_CLAUSE_EDGE = re.compile(r"[,;:\u2013\u2014(]\s|\s[\u2013\u2014-]\s")


def excerpt(text: str, span: Span, focus: Span | None = None, *, limit: int = QUOTE_LIMIT) -> str:
    """``span`` of ``text`` quoted in whole words, cut to about ``limit`` characters around
    ``focus`` (the changed words, a cue) and never through a word or through ``focus``; an
    ellipsis marks each cut.

    >>> t = "The paper, which can sometimes be expensive to produce, will be published in June."
    >>> excerpt(t, Span(0, len(t), t), Span(22, 31, "sometimes"), limit=40)
    '“… which can sometimes be expensive to …”'
    >>> excerpt(t, Span(0, len(t), t))
    '“The paper, which can sometimes be expensive to produce, will be published in June.”'
    """
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e - s <= limit:
        return f"“{' '.join(text[s:e].split())}”"
    fs, fe = (s, s) if focus is None else (max(s, focus.start), min(e, focus.end))
    fe = max(fs, fe)
    room = max(0, limit - (fe - fs))
    ws = max(s, fs - room // 2)
    we = min(e, fe + (room - (fs - ws)))
    ws = max(s, min(ws, we - limit)) if we - ws < limit else ws
    # prefer to start at a clause edge before the focus, when one lies in the window
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, ws, fs)]
    if edges and edges[-1] < fs:
        ws = edges[-1]
    # whole words: move each cut inward to the nearest space (never into the focus)
    if ws > s and not text[ws - 1].isspace():
        nxt = text.find(" ", ws, fs)
        ws = fs if nxt < 0 else nxt + 1
    if we < e and not text[we].isspace():
        prev = text.rfind(" ", fe, we)
        we = fe if prev < 0 else prev
    body = " ".join(text[ws:we].split())
    return f"“{'… ' if ws > s else ''}{body}{' …' if we < e else ''}”"


def _whole_words(text: str, span: Span) -> str:
    """``span``'s text, widened to whole words ("around 2.7" in "around 2.7m" -> "around 2.7m")."""
    a, b = span.start, span.end
    while a > 0 and text[a - 1].isalnum():
        a -= 1
    while b < len(text) and text[b].isalnum():
        b += 1
    return " ".join(text[a:b].split())


def _changed(op: AlignOp, side: str) -> Span | None:
    """The first changed words of an edited op on one side (None for a whole added/removed)."""
    for w in op.words:
        if w.tag != "equal":
            span = w.a if side == "a" else w.b
            if span.text.strip():
                return span
    return None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


#: What each effect says, in the order the paragraph says it; the cue category an effect is
#: about (its quote centres on that cue) and the side it is read on.
_SAID: tuple[tuple[Effect, str, str | None, str], ...] = (
    (Effect.ASK_NOW_ADDRESSED, "It now addresses the ask", None, "b"),
    (Effect.ASK_NO_LONGER_ADDRESSED, "It no longer addresses the ask it did", None, "a"),
    (Effect.ADDED_COMMITMENT, "It adds a commitment", "commitment", "b"),
    (Effect.REMOVED_COMMITMENT, "It drops a commitment", "commitment", "a"),
    (Effect.ADDED_REFUSAL, "It adds a refusal", "refusal", "b"),
    (Effect.REMOVED_REFUSAL, "It drops a refusal", "refusal", "a"),
    (Effect.ADDED_DEFERRAL, "It adds a deferral", "deferral", "b"),
    (Effect.REMOVED_DEFERRAL, "It drops a deferral", "deferral", "a"),
    (Effect.REMOVED_HEDGE, "It removes a hedge", "hedge", "a"),
    (Effect.ADDED_HEDGE, "It adds a hedge", "hedge", "b"),
    (Effect.POLARITY_FLIP, "It turns a clause from yes to no or from no to yes", None, "b"),
    (Effect.STOCK_PHRASING_ADDED, "It adds stock phrasing", None, "b"),
    (Effect.EMOTIVE_REMOVED, "It drops emotive language", "emotive", "a"),
    (Effect.EMOTIVE_ADDED, "It adds emotive language", "emotive", "b"),
)


def _cue_in(cues: Sequence[Cue], span: Span, category: str) -> Cue | None:
    return next(
        (c for c in cues if c.category == category and span.start <= c.span.start < span.end),
        None,
    )


def describe(alignment: Alignment, *, analyses: Sequence[TextAnalysis] | None = None) -> str:
    """What the later version changed, in one paragraph, quoting the words that matter.

    Each effect quotes the first op that has it: the cue that made it ("It removes a hedge,
    “around”: …") inside an excerpt of whole words around it, or the changed words of an
    edited sentence; a removed hedge or commitment is quoted from the earlier text.
    ``analyses`` are the two texts' analyses when the caller has them (review() does).

    >>> from respcompare import align
    >>> text = describe(align("We care.", "We care. We will publish the review in June."))
    >>> text.split(";")[0]
    'The revised version keeps 1 sentence unchanged, edits 0, moves 0, adds 1 and drops 0'
    >>> "It adds a commitment, “will publish”" in text
    True
    """
    a_cues, b_cues = pair_cues(alignment, analyses)
    cues = {
        "a": own_cues(alignment.a_text, a_cues),
        "b": own_cues(alignment.b_text, b_cues),
    }
    texts = {"a": alignment.a_text, "b": alignment.b_text}
    s = alignment.summary()
    c = s.counts
    parts = [
        f"The revised version keeps {_plural(c['unchanged'], 'sentence')} unchanged, "
        f"edits {c['edited']}, moves {c['moved'] + c['moved-edited']}"
        + (f" ({c['moved-edited']} of them also edited)" if c["moved-edited"] else "")
        + f", adds {c['added']} and drops {c['removed']}"
        + (f", splits {c['split']} and merges {c['merged']}" if c["split"] or c["merged"] else "")
        + _carried_over_clause(alignment)
    ]
    for effect, lead, category, side in _SAID:
        hits = [op for op in alignment.ops if effect in op.effects]
        if not hits:
            continue
        op = hits[0]
        span = op.a if side == "a" else op.b
        span = span if span is not None else (op.b if side == "a" else op.a)
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        if span is None:
            parts.append(f"{lead}{more}.")
            continue
        where = "a" if span is op.a else "b"
        cue = _cue_in(cues[where], span, category) if category else None
        focus = cue.span if cue is not None else _changed(op, where)
        named = f", “{_whole_words(texts[where], cue.span)}”" if cue is not None else ""
        parts.append(f"{lead}{named}: {excerpt(texts[where], span, focus)}{more}.")
    return " ".join(parts)
