"""The corpus report: what a corpus run found, as Markdown or one self-contained HTML page.

Sections: the run (version, options, counts), verdicts by department and by quarter, a
department comparison table, the least direct responses with the sentence that decided each
verdict, the top stock passages (boilerplate across petitions) with their departments and
dates, then one entry per case with an anchor (``#case-1``...) that the tables link to, and the
files that were skipped. HTML has inline CSS (light and dark), no JavaScript, and every piece of
text escaped with :func:`respcompare.escape.html_escape`; Markdown text goes through
:func:`respcompare.escape.md_escape`.

>>> from respcompare import load_example, review_many
>>> rs = review_many([load_example("grooming-gangs")], progress=False)
>>> "Verdicts by department" in to_markdown(rs)
True
"""

from __future__ import annotations

import datetime as _dt
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .corpus_records import VERDICT_ORDER
from .escape import html_escape, md_escape
from .report import verdict_badge

if TYPE_CHECKING:
    from .corpus import ReviewSet

__all__ = ["LEAST_DIRECT", "TOP_PASSAGES", "to_html", "to_markdown"]

#: How many of the least direct responses the report lists.
LEAST_DIRECT = 10
#: How many stock passages the report lists.
TOP_PASSAGES = 10


@dataclass(frozen=True, slots=True)
class _Cell:
    """A table cell: text, and an optional in-page anchor it links to."""

    text: str
    link: str | None = None
    verdict: bool = False
    nowrap: bool = False


@dataclass(frozen=True, slots=True)
class _Table:
    title: str
    note: str
    header: tuple[str, ...]
    rows: tuple[tuple[_Cell, ...], ...]


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def _num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _quarter(date: str | None) -> str:
    if not date:
        return "no date"
    year, month = int(date[:4]), int(date[5:7])
    return f"{year} Q{(month - 1) // 3 + 1}"


def _short(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _by(rows: Sequence[dict[str, Any]], key: str, title: str, note: str) -> _Table:
    groups: dict[str, Counter[str]] = {}
    for r in rows:
        name = r[key] if r[key] else "unknown"
        groups.setdefault(str(name), Counter())[r["verdict"]] += 1
    used = [v for v in VERDICT_ORDER if any(c[v] for c in groups.values())]
    body = tuple(
        (_Cell(name), _Cell(str(sum(c.values()))), *(_Cell(str(c[v])) for v in used))
        for name, c in sorted(groups.items())
    )
    return _Table(title, note, (key.replace("_", " "), "responses", *used), body)


def _departments(rows: Sequence[dict[str, Any]]) -> _Table:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["department"] or "unknown", []).append(r)
    body = []
    for name, rs in sorted(groups.items()):
        shares = [r["boilerplate_share"] for r in rs if r["boilerplate_share"] is not None]
        commit = [r["commitment"] for r in rs if r["commitment"] is not None]
        body.append(
            (
                _Cell(name),
                _Cell(str(len(rs))),
                _Cell(_pct(sum(r["answered"] for r in rs) / len(rs))),
                _Cell(_num(statistics.fmean(r["directness"] for r in rs))),
                _Cell(_num(statistics.fmean(commit), 1) if commit else "–"),
                _Cell(_pct(statistics.median(shares)) if shares else "–"),
                _Cell(str(sum(bool(r["needs_review"]) for r in rs))),
            )
        )
    return _Table(
        "Department comparison",
        "Per signing department: the share of responses that answered (yes, partly or no), "
        "mean directness (0–1), mean commitment (0–5, of the responses with one), median "
        "boilerplate share, and how many verdicts a person should check.",
        (
            "department",
            "responses",
            "answered",
            "mean directness",
            "mean commitment",
            "median boilerplate",
            "needs review",
        ),
        tuple(body),
    )


def _least_direct(rows: Sequence[dict[str, Any]]) -> _Table:
    ranked = sorted(
        rows, key=lambda r: (r["directness"], str(r["petition_id"]), r["response_label"])
    )
    body = tuple(
        (
            _Cell(f"{r['petition_id'] or r['source']} {r['response_label']}", r["review_anchor"]),
            _Cell(r["department"] or "unknown"),
            _Cell(r["verdict"], verdict=True),
            _Cell(_num(r["directness"])),
            _Cell(_short(r["evidence"]) if r["evidence"] else "no deciding sentence"),
        )
        for r in ranked[:LEAST_DIRECT]
    )
    return _Table(
        "Least direct responses",
        f"The {min(LEAST_DIRECT, len(rows))} responses with the lowest directness, with the "
        "sentence that decided each verdict.",
        ("response", "department", "verdict", "directness", "deciding sentence"),
        body,
    )


def _dates(first: _dt.date | None, last: _dt.date | None) -> str:
    if first is None or last is None:
        return "–"
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def _passages(rs: ReviewSet) -> _Table:
    found = rs.stock_passages(top=TOP_PASSAGES)
    body = tuple(
        (
            _Cell(_short(p.text, 500)),
            _Cell(str(p.petitions)),
            _Cell(str(p.documents)),
            _Cell("; ".join(f"{d} ({n})" for d, n in p.departments)),
            _Cell(_dates(p.first_date, p.last_date), nowrap=True),
        )
        for p in found
    )
    note = (
        "Text that recurs in responses to different petitions (a revision repeating its "
        "original is carried over, not counted here), most widespread first."
        if rs.index is not None
        else "Boilerplate was not measured in this run."
    )
    return _Table(
        "Top stock passages",
        note,
        ("passage", "petitions", "responses", "departments", "dates"),
        body,
    )


def _tables(rs: ReviewSet) -> list[_Table]:
    rows = rs.to_records()
    for r in rows:
        r["quarter"] = _quarter(r["date"])
    return [
        _by(rows, "department", "Verdicts by department", "Responses per signing department."),
        _by(rows, "quarter", "Verdicts by quarter", "Responses per quarter of their date."),
        _departments(rows),
        _least_direct(rows),
        _passages(rs),
    ]


def _cases(rs: ReviewSet) -> list[tuple[str, str, str | None, list[dict[str, Any]]]]:
    """(anchor, heading, url, rows) per case, in order."""
    by_anchor: dict[str, list[dict[str, Any]]] = {}
    for r in rs.to_records():
        by_anchor.setdefault(r["review_anchor"], []).append(r)
    out = []
    for anchor, rows in by_anchor.items():
        first = rows[0]
        name = f"Petition {first['petition_id']}" if first["petition_id"] else str(first["source"])
        out.append((anchor, f"{name}: {first['petition_action']}", _page(first["url"]), rows))
    return out


def _summary(rs: ReviewSet) -> list[str]:
    p = rs.provenance
    opts = p.get("options", {})
    n = sum(len(r.case.responses) for r in rs.reviews)
    return [
        f"{len(rs.reviews)} cases reviewed ({n} responses), {len(rs.errors)} skipped.",
        f"respcompare {p.get('respcompare', '?')}; source {p.get('source') or 'cases given'}; "
        f"boilerplate: {opts.get('boilerplate', '?')} (shingle {opts.get('shingle')}, "
        f"at least {opts.get('min_petitions')} petitions).",
    ]


# --------------------------------------------------------------------------- Markdown


def _md_cell(c: _Cell) -> str:
    text = md_escape(c.text)
    return f"[{text}](#{c.link})" if c.link else text


def to_markdown(rs: ReviewSet) -> str:
    """The corpus report as Markdown."""
    out = ["# Corpus report", ""]
    out += [md_escape(line) + "  " for line in _summary(rs)]
    for t in _tables(rs):
        out += ["", f"## {t.title}", "", md_escape(t.note), ""]
        if not t.rows:
            out.append("_none_")
            continue
        out.append("| " + " | ".join(md_escape(h) for h in t.header) + " |")
        out.append("|" + "---|" * len(t.header))
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in t.rows]
    out += ["", "## Cases", ""]
    for anchor, heading, url, rows in _cases(rs):
        out += [f'<a id="{anchor}"></a>', "", f"### {md_escape(heading)}", ""]
        if url:
            out += [md_escape(url), ""]
        for r in rows:
            out.append(
                f"- **{md_escape(r['response_label'])}** ({md_escape(r['date'] or 'no date')}, "
                f"{md_escape(r['department'] or 'unknown')}): {md_escape(r['verdict'])}"
                f"{md_escape(_check(r))}, "
                f"directness {_num(r['directness'])}, boilerplate {_pct(r['boilerplate_share'])}"
                + (f" — “{md_escape(_short(r['evidence']))}”" if r["evidence"] else "")
            )
        out.append("")
    if rs.errors:
        out += ["## Skipped", ""]
        out += [f"- {md_escape(str(e))}" for e in rs.errors]
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- HTML

_CSS = """
:root{color-scheme:light dark}
body{margin:0;background:#fff;color:#1b1b1b}
.rc-corpus{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1150px;
 margin:0 auto;padding:16px 20px;line-height:1.45}
.rc-corpus h1{font-size:1.4em;margin:.2em 0}
.rc-corpus h2{font-size:1.15em;margin:1.4em 0 .3em;border-bottom:1px solid #ccc}
.rc-corpus h3{font-size:1em;margin:1em 0 .3em}
.rc-note,.rc-meta{color:#555;font-size:.9em;margin:.2em 0 .5em}
.rc-corpus table{border-collapse:collapse;font-size:.88em;width:100%}
.rc-corpus td,.rc-corpus th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;
 text-align:left}
.rc-corpus th{background:#f3f3f3}
.rc-badge{display:inline-block;padding:0 7px;border-radius:9px;font-weight:600;font-size:.85em;
 white-space:nowrap}
.rc-case{border-top:1px solid #e2e2e2;padding-top:.2em}
.rc-case ul{margin:.2em 0 .6em;padding-left:1.2em}
.rc-quote{color:#333;font-style:italic}
.rc-nowrap{white-space:nowrap}
a{color:#0b5cad}
@media (prefers-color-scheme: dark){
 body{background:#141414;color:#e6e6e6}
 .rc-note,.rc-meta{color:#aaa}
 .rc-corpus td,.rc-corpus th{border-color:#3a3a3a}
 .rc-corpus th{background:#222}
 .rc-corpus h2{border-color:#444}
 .rc-case{border-color:#333}
 .rc-quote{color:#cfcfcf}
 a{color:#7cb7ff}
}
"""


def _page(url: str | None) -> str | None:
    """The petition's page for a reader: its JSON address (``links.self``) without ``.json``."""
    if url and url.startswith("https://petition.parliament.uk/") and url.endswith(".json"):
        return url[: -len(".json")]
    return url


def _check(r: dict[str, Any]) -> str:
    """The verdict's confidence, and the flag when a person should check it."""
    conf = "" if r["confidence"] is None else f", confidence {r['confidence']:.2f}"
    return conf + ("; a person should check this verdict" if r["needs_review"] else "")


def _e(text: object) -> str:
    return html_escape(text)


def _html_cell(c: _Cell) -> str:
    if c.verdict:
        return verdict_badge(c.text)
    if c.link:
        return f'<a href="#{_e(c.link)}">{_e(c.text)}</a>'
    if c.nowrap:
        return f'<span class="rc-nowrap">{_e(c.text)}</span>'
    return _e(c.text)


def to_html(rs: ReviewSet) -> str:
    """The corpus report as one self-contained HTML page (inline CSS, no JavaScript)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>respcompare corpus report</title>",
        f"<style>{_CSS}</style></head>",
        '<body><main class="rc-corpus">',
        "<h1>Corpus report</h1>",
    ]
    out += [f'<p class="rc-meta">{_e(line)}</p>' for line in _summary(rs)]
    for t in _tables(rs):
        out += [f"<h2>{_e(t.title)}</h2>", f'<p class="rc-note">{_e(t.note)}</p>']
        if not t.rows:
            out.append('<p class="rc-note">none</p>')
            continue
        out.append("<table><thead><tr>")
        out += [f'<th scope="col">{_e(h)}</th>' for h in t.header]
        out.append("</tr></thead><tbody>")
        for row in t.rows:
            out.append("<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>")
        out.append("</tbody></table>")
    out.append("<h2>Cases</h2>")
    for anchor, heading, url, rows in _cases(rs):
        out.append(f'<section class="rc-case" id="{_e(anchor)}"><h3>{_e(heading)}</h3>')
        if url:
            out.append(f'<p class="rc-meta">{_e(url)}</p>')
        out.append("<ul>")
        for r in rows:
            quote = (
                f' <span class="rc-quote">“{_e(_short(r["evidence"]))}”</span>'
                if r["evidence"]
                else ""
            )
            out.append(
                f"<li><strong>{_e(r['response_label'])}</strong> "
                f"({_e(r['date'] or 'no date')}, {_e(r['department'] or 'unknown')}): "
                f"{verdict_badge(r['verdict'])}{_e(_check(r))}; "
                f"directness {_e(_num(r['directness']))}, "
                f"boilerplate {_e(_pct(r['boilerplate_share']))}.{quote}</li>"
            )
        out.append("</ul></section>")
    if rs.errors:
        out.append("<h2>Skipped</h2><ul>")
        out += [f"<li>{_e(str(e))}</li>" for e in rs.errors]
        out.append("</ul>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"
