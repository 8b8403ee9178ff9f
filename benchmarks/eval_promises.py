"""Status accuracy of rc.track_commitments on the labelled pairs in tests/data/promise_pairs.toml.

Run: .venv/bin/python benchmarks/eval_promises.py

Each pair names a promise in one of the shared petitions (tests/fixtures/petitions), the date to
judge on and any test-built updates (real published text); the ledger's status for that promise
is compared with the status a careful reader gave it. A promise the ledger does not list counts
as wrong ("missing"). Prints one line per disagreement, then the accuracy.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import respcompare as rc
from respcompare.promises import Promise, track_commitments, with_updates

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "promise_pairs.toml"
PETITIONS = ROOT / "tests" / "fixtures" / "petitions"


@dataclass(frozen=True)
class Outcome:
    pair: dict[str, Any]
    promise: Promise | None

    @property
    def got(self) -> str:
        return self.promise.status if self.promise else "missing"

    @property
    def ok(self) -> bool:
        return self.got == self.pair["status"]


def load_pairs(path: Path = TABLE) -> list[dict[str, Any]]:
    """The labelled pairs of the table."""
    with path.open("rb") as fh:
        pairs: list[dict[str, Any]] = tomllib.load(fh)["pair"]
    return pairs


def judge(pair: dict[str, Any]) -> Outcome:
    """The ledger's reading of one pair: the promise whose sentence holds ``pair['promise']``."""
    case = rc.load_petition(PETITIONS / f"{pair['petition']}.json")
    updates = [rc.Update(u["subject"], u["date"], u["text"]) for u in pair.get("updates", [])]
    if updates:
        case = with_updates(case, *updates)
    ledger = track_commitments(case, as_of=pair.get("as_of"))
    found = [
        p for p in ledger if p.response_label == pair["response"] and pair["promise"] in p.sentence
    ]
    return Outcome(pair, found[0] if found else None)


def main() -> int:
    outcomes = [judge(p) for p in load_pairs()]
    confusion: Counter[tuple[str, str]] = Counter()
    for o in outcomes:
        confusion[(o.pair["status"], o.got)] += 1
        if not o.ok:
            print(
                f"  {o.pair['petition']} {o.pair['response']}: {o.pair['promise'][:60]!r} "
                f"expected {o.pair['status']}, got {o.got}"
            )
    right = sum(o.ok for o in outcomes)
    print(f"status accuracy: {right}/{len(outcomes)} = {right / len(outcomes):.1%}")
    for (want, got), n in sorted(confusion.items()):
        print(f"  expected {want:9} got {got:9} {n}")
    delivered = [o for o in outcomes if o.got == "delivered" and o.promise is not None]
    # a delivered status quotes the later text first (an update or a later response)
    quoted = sum(
        1
        for o in delivered
        if o.promise is not None
        and o.promise.evidence[0].source.startswith(("update:", "response:"))
        and o.promise.evidence[0].text
        and o.promise.evidence[0].note == "reports it done"
    )
    print(f"delivered statuses quoting a later text: {quoted}/{len(delivered)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
