"""Markup that arrives inside a petition or response never becomes markup in a report.

Each payload goes into the petition action, the background, a response summary and a response
text. The HTML report (Review.to_html and the alignment side-by-side) is parsed with html.parser:
no script-capable element, no ``on*`` attribute, no ``javascript:``/``data:``/``vbscript:`` URL.
The Markdown report has no raw HTML, link, image or autolink made from the payload.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

import respcompare as rc

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="JaVaScRiPt:alert(1)">case</a>',
    '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<svg><script>alert(1)</script></svg>",
    "<svg/onload=alert(1)>",
    '<math><mtext><a xlink:href="javascript:alert(1)">m</a></mtext></math>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "[click me](javascript:alert(1))",
    "![img](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<https://evil.example/phish>",
    "[a](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<details open ontoggle=alert(1)>",
    "`<script>` **bold** _x_ | cell |",
    "Visit https://evil.example/phish?x=1 now",
    "www.evil.example/login and (WWW.evil.example)",
    "write to phish@evil.example or mailto:phish@evil.example",
    "_https://evil.example_ ~www.evil.example~ xmpp:phish@evil.example",
]
BAD_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "meta", "base", "link"}
BAD_SCHEME = re.compile(r"^\s*(?:javascript|data|vbscript)\s*:", re.I)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster"}


class _Auditor(HTMLParser):
    """Collects every executable construct the parsed document contains."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.style_tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self.style_tags += 1  # the report's own inline CSS; counted against a benign report
        elif tag == "meta" and attrs == [("charset", "utf-8")]:
            pass  # the report's own charset declaration
        elif tag in BAD_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute on <{tag}>")
            if name in URL_ATTRS and value is not None:
                cleaned = re.sub(r"[\x00-\x20]", "", value)
                if BAD_SCHEME.match(cleaned):
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _audit(page: str, own_styles: int = 0) -> list[str]:
    auditor = _Auditor()
    auditor.feed(page)
    auditor.close()
    problems = list(auditor.problems)
    if auditor.style_tags > own_styles:
        problems.append(f"{auditor.style_tags} <style> elements (the report has {own_styles})")
    return problems


def _own_styles(page: str) -> int:
    auditor = _Auditor()
    auditor.feed(page)
    return auditor.style_tags


BENIGN = rc.review(rc.load_example("grooming-gangs"))
REPORT_STYLES = _own_styles(BENIGN.to_html())
ALIGN_STYLES = _own_styles(BENIGN.alignments[0].to_html()) if BENIGN.alignments else 0


def _case(payload: str) -> rc.Case:
    base = rc.load_example("grooming-gangs")
    original, revised = base.responses
    return rc.Case(
        petition=rc.Petition(
            action=f"Release the review in full {payload}",
            background=f"{payload} The review must be published. {payload}",
        ),
        responses=(
            rc.Response(
                text=f"{payload}\n\n{original.text}\n\nWe will not publish it. {payload}",
                summary=f"{payload} {original.summary}",
                label="original",
            ),
            rc.Response(
                text=f"{revised.text}\n\nWe will publish it {payload} in full.",
                summary=f"{revised.summary} {payload}",
                label=f"revised {payload}"[:60],
            ),
        ),
    )


@pytest.fixture(scope="module")
def reviews() -> dict[str, rc.Review]:
    return {p: rc.review(_case(p)) for p in PAYLOADS}


def test_probe_set_is_big_enough() -> None:
    assert len(PAYLOADS) >= 20
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_auditor_catches_the_raw_payloads() -> None:
    """The checker is not blind: fed raw, the HTML payloads are flagged."""
    flagged = [p for p in PAYLOADS if _audit(p)]
    assert len(flagged) >= 15


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_report_has_no_executable_markup(payload: str, reviews: dict[str, rc.Review]) -> None:
    r = reviews[payload]
    for page in (r.to_html(), r.to_html(full_page=False), r._repr_html_()):
        assert _audit(page, REPORT_STYLES) == []
    assert html.escape(r.case.petition.action) in r.to_html()  # shown as text, escaped


@pytest.mark.parametrize("payload", PAYLOADS)
def test_alignment_side_by_side_has_no_executable_markup(payload: str) -> None:
    case = _case(payload)
    for al in (
        rc.align(case.responses[0], case.responses[1], petition=case.petition),
        rc.align(case.responses[0].full_text, case.responses[1].full_text),
    ):
        assert _audit(al.to_html(), ALIGN_STYLES) == []
        _assert_safe_markdown(al.to_markdown())


def _escaped(md: str, at: int) -> bool:
    """True when the character at ``at`` follows an odd number of backslashes (CommonMark)."""
    n = 0
    while at - n - 1 >= 0 and md[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _live(md: str, pattern: str) -> list[str]:
    """Matches of ``pattern`` whose first character is not backslash-escaped."""
    return [
        md[max(0, m.start() - 30) : m.end() + 30]
        for m in re.finditer(pattern, md)
        if not _escaped(md, m.start())
    ]


def _assert_safe_markdown(md: str) -> None:
    assert not _live(md, r"<[A-Za-z/!?]"), "raw HTML or autolink in Markdown"
    closers = [m for m in re.finditer(r"\](?=\s*[\(\[:])", md) if not _escaped(md, m.start())]
    assert not closers, "unescaped link, image or reference"
    assert not _live(md, r"!\["), "unescaped image"
    # GFM's autolink extension: scheme "://", "www.", e-mail "@" must each be broken by an escape
    assert not _live(md, r"(?<=[A-Za-z])://"), "bare URL would autolink"
    assert not [m for m in re.finditer(r"(?i)www\.", md) if not _escaped(md, m.start() + 3)], (
        "www. would autolink"
    )
    assert not _live(md, r"@"), "e-mail address would autolink"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_report_has_no_unescaped_link_image_or_html(
    payload: str, reviews: dict[str, rc.Review]
) -> None:
    _assert_safe_markdown(reviews[payload].to_markdown())


def test_control_characters_never_reach_the_html() -> None:
    # NUL, other C0 and C1 controls and the noncharacters are not allowed in HTML text (a probe
    # found raw NULs in a review of a petition holding them): each becomes U+FFFD
    bad = "".join(chr(c) for c in (0, 1, 8, 11, 12, 27, 127, 133, 159, 0xFFFE, 0xFFFF))
    case = rc.Case(
        petition=rc.Petition(action=f"Ban {bad} fireworks"),
        responses=[
            rc.Response(text=f"We will not ban {bad} fireworks.", label="original"),
            rc.Response(text=f"We will ban {bad} fireworks next year.", label="revised"),
        ],
    )
    pages = [rc.review(case).to_html(), rc.review(case).to_html(audit=True)]
    pages.append(rc.review_many([case], progress=False).to_html())
    for page in pages:
        assert not re.search("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufffe\\uffff]", page)
        assert "\ufffd" in page
