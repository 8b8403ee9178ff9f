"""One paragraph in plain English: what the revision changed and what that did to the answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .effects import Effect

if TYPE_CHECKING:
    from .core import Alignment

__all__ = ["describe"]


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
        + f"; {s.unchanged_share:.0%} of the text is carried over unchanged."
    ]
    said = {
        Effect.ASK_NOW_ADDRESSED: "It now addresses the ask",
        Effect.ASK_NO_LONGER_ADDRESSED: "It no longer addresses the ask it addressed before",
        Effect.ADDED_COMMITMENT: "It adds a commitment",
        Effect.REMOVED_COMMITMENT: "It drops a commitment",
        Effect.REMOVED_HEDGE: "It removes a hedge",
        Effect.ADDED_HEDGE: "It adds a hedge",
        Effect.POLARITY_FLIP: "It flips the polarity of a sentence",
        Effect.BOILERPLATE_ADDED: "It adds stock text",
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
