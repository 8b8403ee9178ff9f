"""Synthetic original/revised pairs with known truth, built from real response sentences.

Each pair starts from sentences of real government responses (tests/fixtures/petitions) and
applies the operations a revision makes: keep, edit (word replacements, insertions, deletions),
move, move and edit, add (a sentence from another response), remove, split one sentence in two at
a clause boundary, merge two adjacent sentences. The truth is a set of
``(kind, a_sentence_indices, b_sentence_indices)``.

A pair is kept only when segmenting the joined texts gives back exactly the generated sentences,
so the truth indices mean the same thing to every aligner.

    .venv/bin/python benchmarks/align_synth.py        # prints one example pair and its truth
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import respcompare as rc

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "petitions"
Truth = set[tuple[str, tuple[int, ...], tuple[int, ...]]]


def sentence_pool() -> list[str]:
    """Distinct sentences (6-45 words) of every response in the fixtures, in a stable order."""
    out: set[str] = set()
    for path in sorted(FIXTURES.glob("*.json")):
        for r in rc.load_petition(path).responses:
            for s in rc.segment(r.text).sentences:
                t = " ".join(s.text.split())
                n = len(t.split())
                if 6 <= n <= 45 and t[-1] in ".!?" and t[0].isupper() and "\n" not in s.text:
                    out.add(t)
    return sorted(out)


@dataclass
class _Item:
    texts: list[str]  # one sentence, or the two halves of a split (kept together)
    kind: str
    src: tuple[int, ...]


def _edit(rng: random.Random, text: str, pool_words: list[str]) -> str:
    """Change 8..35% of the words: replace, delete or insert, never the first or last word."""
    toks = text[:-1].split()
    end = text[-1]
    n = max(1, round(len(toks) * rng.uniform(0.08, 0.35)))
    for _ in range(n):
        if len(toks) < 4:
            break
        k = rng.randrange(1, len(toks) - 1)
        op = rng.random()
        if op < 0.5:
            toks[k] = rng.choice(pool_words)
        elif op < 0.75:
            del toks[k]
        else:
            toks.insert(k, rng.choice(pool_words))
    return " ".join(toks) + end


_CUT = re.compile(r",\s+(?:and|but|which|so|while)?\s*|\s+(?:and|but)\s+")


def _split(text: str) -> tuple[str, str] | None:
    """Cut at a clause boundary near the middle: 'X, and y z.' -> 'X.', 'Y z.'."""
    best = None
    for m in _CUT.finditer(text):
        left, right = text[: m.start()], text[m.end() :]
        if len(left.split()) >= 4 and len(right.split()) >= 4:
            score = abs(len(left) - len(right))
            if best is None or score < best[0]:
                best = (score, left, right)
    if best is None:
        return None
    _, left, right = best
    return left.rstrip(",;: ") + ".", right[0].upper() + right[1:]


def _merge(x: str, y: str) -> str:
    first = y.split()[0]
    y2 = y if first.isupper() or first in ("I", "UK") else y[0].lower() + y[1:]
    return x[:-1] + ", and " + y2


def make_pair(
    rng: random.Random, pool: list[str], n: int = 20
) -> tuple[list[str], list[str], Truth]:
    """One original (n sentences) and revision, with the truth about every sentence."""
    pool_words = [w for s in pool[:300] for w in s[:-1].split() if w.isalpha()]
    picked = rng.sample(range(len(pool)), n + 6)
    a = [pool[k] for k in picked[:n]]
    spare = [pool[k] for k in picked[n:]]
    items: list[_Item] = []
    moved: list[_Item] = []
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.42:
            items.append(_Item([a[i]], "unchanged", (i,)))
        elif r < 0.58:
            items.append(_Item([_edit(rng, a[i], pool_words)], "edited", (i,)))
        elif r < 0.66:
            moved.append(_Item([a[i]], "moved", (i,)))
        elif r < 0.71:
            moved.append(_Item([_edit(rng, a[i], pool_words)], "moved-edited", (i,)))
        elif r < 0.80:
            pass  # removed
        elif r < 0.90 and (parts := _split(a[i])):
            items.append(_Item(list(parts), "split", (i,)))
        elif i + 1 < n:
            items.append(_Item([_merge(a[i], a[i + 1])], "merged", (i, i + 1)))
            i += 1
        else:
            items.append(_Item([a[i]], "unchanged", (i,)))
        i += 1
    for item in moved:  # reinsert far from where it was
        here = next((k for k, it in enumerate(items) if it.src and it.src[0] > item.src[0]), None)
        here = len(items) if here is None else here
        choices = [k for k in range(len(items) + 1) if abs(k - here) >= 3]
        items.insert(rng.choice(choices) if choices else 0, item)
    for text in spare[: rng.randint(1, 4)]:
        items.insert(rng.randrange(len(items) + 1), _Item([text], "added", ()))
    b = [t for it in items for t in it.texts]
    truth: Truth = set()
    kept = {i for it in items for i in it.src}
    truth |= {("removed", (i,), ()) for i in range(n) if i not in kept}
    j = 0
    for it in items:
        at = tuple(range(j, j + len(it.texts)))
        truth.add((it.kind, it.src, at))
        j += len(it.texts)
    return a, b, truth


def _segments_back(sents: list[str], text: str) -> bool:
    return [" ".join(s.text.split()) for s in rc.segment(text).sentences] == sents


def make_pairs(
    count: int, *, seed: int = 0, n: int = 20
) -> list[tuple[list[str], list[str], Truth]]:
    """``count`` pairs that segment back to their own sentences (deterministic for a seed)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    out = []
    while len(out) < count:
        a, b, truth = make_pair(rng, pool, n)
        if _segments_back(a, " ".join(a)) and _segments_back(b, " ".join(b)):
            out.append((a, b, truth))
    return out


if __name__ == "__main__":
    a, b, truth = make_pairs(1, seed=1)[0]
    for k, s in enumerate(a):
        print(f"a{k}: {s}")
    for k, s in enumerate(b):
        print(f"b{k}: {s}")
    for t in sorted(truth, key=lambda t: (t[1] or (99,), t[2])):
        print(t)
