"""One paragraph in plain English: what the revision changed and what that did to the answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .effects import Effect

if TYPE_CHECKING:
    from ..model import Span
    from .core import Alignment

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


def _quote(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1].rstrip() + '…'}”"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe(alignment: Alignment) -> str:
    """What the later version changed, in one paragraph, quoting the sentences that matter.

    >>> from respcompare import align
    >>> text = describe(align("We care.", "We care. We will publish the review in June."))
    >>> text.split(";")[0]
    'The revised version keeps 1 sentence unchanged, edits 0, moves 0, adds 1 and drops 0'
    >>> "It adds a commitment" in text
    True
    """
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
    said = {
        Effect.ASK_NOW_ADDRESSED: "It now addresses the ask",
        Effect.ASK_NO_LONGER_ADDRESSED: "It no longer addresses the ask it addressed before",
        Effect.ADDED_COMMITMENT: "It adds a commitment",
        Effect.REMOVED_COMMITMENT: "It drops a commitment",
        Effect.REMOVED_HEDGE: "It removes a hedge",
        Effect.ADDED_HEDGE: "It adds a hedge",
        Effect.POLARITY_FLIP: "It flips the polarity of a sentence",
        Effect.STOCK_PHRASING_ADDED: "It adds stock phrasing",
        Effect.EMOTIVE_REMOVED: "It drops emotive language",
        Effect.EMOTIVE_ADDED: "It adds emotive language",
    }
    for effect, lead in said.items():
        hits = [op for op in alignment.ops if effect in op.effects]
        if not hits:
            continue
        op = hits[0]
        span = op.b if op.b is not None and "removed" not in effect.value else op.a
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        quote = f": {_quote(span.text)}" if span is not None else ""
        parts.append(f"{lead}{quote}{more}.")
    return " ".join(parts)
