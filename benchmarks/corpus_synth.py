"""Realistic synthetic corpora of government responses, with planted stock passages.

Background text is real response prose recombined: each sentence is a cut-up of short
fragments (2-6 words) taken from the real responses in ``tests/fixtures/dev.jsonl``, so it
reads like a response but does not repeat long runs by accident. Into it go *stock passages*
(themselves recombined real prose, 25-60 words) planted in a known number of responses each,
sometimes with one word edited, as drafting teams do. The ground truth (which passage sits
where, and which pairs of responses share one) comes with the corpus.

    .venv/bin/python benchmarks/corpus_synth.py 1000      # prints a summary
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "fixtures" / "dev.jsonl"

DEPARTMENTS = (
    "Home Office",
    "Department of Health and Social Care",
    "HM Treasury",
    "Department for Education",
    "Department for Environment, Food and Rural Affairs",
    "Ministry of Justice",
    "Department for Digital, Culture, Media and Sport",
    "Cabinet Office",
)

# How many passages are planted at each document frequency (scaled down for small corpora).
DF_SCHEDULE: tuple[tuple[int, int], ...] = (
    (2, 60),
    (3, 40),
    (4, 25),
    (5, 20),
    (8, 15),
    (12, 12),
    (25, 10),
    (50, 8),
    (100, 5),
    (200, 3),
    (400, 2),
)


@dataclass
class Planted:
    passage: int
    start: int
    end: int


@dataclass
class SynthCorpus:
    texts: list[str]
    departments: list[str]
    dates: list[dt.date]
    passages: list[str]
    passage_df: list[int]
    planted: list[list[Planted]] = field(default_factory=list)

    def truth_pairs(self) -> set[tuple[int, int]]:
        """Pairs (i < j) of responses that share a planted passage."""
        holders: dict[int, list[int]] = {}
        for d, items in enumerate(self.planted):
            for p in items:
                holders.setdefault(p.passage, []).append(d)
        out: set[tuple[int, int]] = set()
        for docs in holders.values():
            docs = sorted(set(docs))
            for i, a in enumerate(docs):
                for b in docs[i + 1 :]:
                    out.add((a, b))
        return out

    @property
    def words(self) -> int:
        return sum(len(t.split()) for t in self.texts)


_PIECE = re.compile(r"[^\W_]+")


def _fragments() -> list[list[str]]:
    sentences: list[list[str]] = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = f"{row.get('response_summary') or ''} {row.get('response_details') or ''}"
        for s in re.split(r"(?<=[.!?])\s+", text):
            # leave out web addresses and codes: one of them is a dozen words to a shingler
            toks = [t for t in s.split() if len(_PIECE.findall(t)) <= 2]
            if len(toks) >= 4:
                sentences.append(toks)
    return sentences


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.sentences = _fragments()
        self.lengths = [len(s) for s in self.sentences]

    def sentence(self) -> str:
        rng = self.rng
        target = max(8, min(40, rng.choice(self.lengths)))
        out: list[str] = []
        while len(out) < target:
            src = rng.choice(self.sentences)
            k = rng.randint(2, 6)
            i = rng.randrange(0, max(1, len(src) - k))
            out.extend(w.strip(".!?") or w for w in src[i : i + k])
        out = out[:target]
        out[0] = out[0][:1].upper() + out[0][1:]
        return " ".join(out) + "."

    def passage(self) -> str:
        text: list[str] = []
        while sum(len(t.split()) for t in text) < self.rng.randint(25, 60):
            text.append(self.sentence())
        return " ".join(text)


def generate(
    n_docs: int, *, words: int = 400, seed: int = 0, edit_rate: float = 0.1
) -> SynthCorpus:
    """A corpus of ``n_docs`` responses of about ``words`` words with planted stock passages."""
    rng = random.Random(seed)
    w = _Writer(rng)
    passages: list[str] = []
    dfs: list[int] = []
    scale = min(1.0, n_docs / 20000) ** 0.5
    for df, count in DF_SCHEDULE:
        df = min(df, max(2, n_docs // 4))
        for _ in range(max(1, round(count * scale))):
            passages.append(w.passage())
            dfs.append(df)
    plan: list[list[int]] = [[] for _ in range(n_docs)]
    for pid, df in enumerate(dfs):
        for d in rng.sample(range(n_docs), df):
            plan[d].append(pid)
    corpus = SynthCorpus([], [], [], passages, dfs, [])
    start = dt.date(2019, 1, 1)
    for d in range(n_docs):
        stock = plan[d]
        rng.shuffle(stock)
        budget = words - sum(len(passages[p].split()) for p in stock)
        body: list[str] = []
        while sum(len(s.split()) for s in body) < max(budget, 40):
            body.append(w.sentence())
        slots = sorted(rng.randrange(len(body) + 1) for _ in stock)
        pieces: list[tuple[str, int | None]] = [(s, None) for s in body]
        for k, (slot, pid) in enumerate(zip(slots, stock, strict=True)):
            text = passages[pid]
            if rng.random() < edit_rate:  # a drafting edit: one word changed
                toks = text.split()
                i = rng.randrange(len(toks))
                toks[i] = rng.choice(rng.choice(w.sentences)).strip(".!?") or "the"
                text = " ".join(toks)
            pieces.insert(slot + k, (text, pid))
        out = ""
        planted: list[Planted] = []
        for i, (text, pid) in enumerate(pieces):
            sep = "" if i == 0 else ("\n\n" if rng.random() < 0.25 else " ")
            out += sep
            if pid is not None:
                planted.append(Planted(pid, len(out), len(out) + len(text)))
            out += text
        corpus.texts.append(out)
        corpus.departments.append(rng.choice(DEPARTMENTS))
        corpus.dates.append(start + dt.timedelta(days=rng.randrange(5 * 365)))
        corpus.planted.append(planted)
    return corpus


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    c = generate(n)
    print(
        f"{n} responses, {c.words} words, {len(c.passages)} planted passages, "
        f"{len(c.truth_pairs())} passage-sharing pairs"
    )
    print(c.texts[0][:600])
