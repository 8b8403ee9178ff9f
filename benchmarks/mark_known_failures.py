"""List (and with ``--write`` record) the behavioural cases the judge gets wrong today.

Usage: ``.venv/bin/python benchmarks/mark_known_failures.py [--write]``

Runs every case of ``tests/data/judge_cases.toml`` and every invariance group, prints the cases
whose verdict is not among the accepted ones and the groups whose members disagree, and with
``--write`` sets ``expect = "fail"`` (and ``group_expect = "fail"``) on exactly those, and
``expect = "pass"`` on the rest. Known failures stay in the file, listed, never deleted; the test
runner fails when one of them starts passing, so fixing one is noticed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import respcompare as rc

PATH = Path(__file__).resolve().parents[1] / "tests" / "data" / "judge_cases.toml"


def main(argv: list[str]) -> int:
    text = PATH.read_text("utf-8")
    cases = tomllib.loads(text)["case"]
    verdict: dict[str, str] = {}
    failing: set[str] = set()
    groups: dict[str, list[str]] = defaultdict(list)
    for c in cases:
        a = rc.assess(
            rc.Petition(action=c["petition"], background=c.get("background", "")),
            rc.Response(text=c["response"], summary=c.get("summary", "")),
            asks=c.get("asks") or None,
        )
        verdict[c["label"]] = a.verdict.value
        if a.verdict.value not in c["accept"]:
            failing.add(c["label"])
        if c.get("group"):
            groups[c["group"]].append(c["label"])
    bad_groups = {g for g, labels in groups.items() if len({verdict[x] for x in labels}) > 1}
    print(f"{len(cases) - len(failing)}/{len(cases)} cases pass; known failures:")
    for c in cases:
        if c["label"] in failing:
            print(f"  {c['label']}: {verdict[c['label']]} (accept {', '.join(c['accept'])})")
    print(f"{len(groups) - len(bad_groups)}/{len(groups)} invariance groups agree; split:")
    for g in sorted(bad_groups):
        print(f"  {g}: " + ", ".join(f"{x} {verdict[x]}" for x in groups[g]))
    if "--write" not in argv:
        return 0
    # rewrite each [[case]] table's expect (and group_expect) lines in place
    blocks = re.split(r"(?m)^(?=\[\[case\]\]\s*$)", text)
    out = [blocks[0]]
    for block in blocks[1:]:
        label = re.search(r'(?m)^label\s*=\s*"([^"]+)"', block)
        assert label is not None
        name = label.group(1)
        block = re.sub(
            r'(?m)^expect\s*=\s*"(?:pass|fail)"',
            f'expect = "{"fail" if name in failing else "pass"}"',
            block,
        )
        block = re.sub(r'(?m)^group_expect\s*=\s*"(?:pass|fail)"\n', "", block)
        group = re.search(r'(?m)^group\s*=\s*"([^"]+)"', block)
        if group and group.group(1) in bad_groups and groups[group.group(1)][0] == name:
            block = re.sub(
                r'(?m)^(group\s*=\s*"[^"]+")$', r'\1\ngroup_expect = "fail"', block, count=1
            )
        out.append(block)
    PATH.write_text("".join(out), "utf-8")
    print(f"wrote {PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
