"""The escapers: every piece of petition or response text in Markdown goes through
:func:`md_escape` (reports, alignment tables, redlines), in HTML through :func:`html_escape`,
and every text cell of a CSV file through :func:`csv_cell`.
"""

from __future__ import annotations

import html
import re

__all__ = ["break_autolinks", "csv_cell", "csv_row", "html_escape", "md_escape"]

# Characters that can start a link or image ([ ]), code, emphasis, a table cell break or
# strikethrough get a backslash, which CommonMark renders as the character itself. "<" (raw
# HTML, autolinks) becomes "&lt;", which every Markdown dialect renders as "<" (a backslash
# before "<" is not an escape in the original Markdown). White space is folded, so nothing can
# start a heading, list or quote.
_MD_SPECIAL = str.maketrans({**{c: "\\" + c for c in "\\`*_[]|~"}, "<": "&lt;"})
# An "&" is markup only where it starts an entity or character reference ("&amp;", "&#60;"):
# there it becomes "&amp;"; "Hair & Beauty" stays as it is, so the Markdown reads as the text.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


# GitHub-flavoured Markdown makes links of bare text too (the autolink extension): "www."
# followed by a domain, a scheme followed by "://", and e-mail addresses (also after
# "mailto:" / "xmpp:"). A backslash before the "." of "www.", the ":" of "://" and every "@"
# leaves the text as shown (CommonMark renders an escaped ASCII punctuation character as the
# character) but splits it where the autolink scanners look, so no link is made.
_AUTOLINK_TRIGGERS = re.compile(r"(www)\.|:(?=/)|@", re.I)


def break_autolinks(escaped: str) -> str:
    """Backslash-escape the characters GFM's autolink extension starts a link at.

    Takes text that is already Markdown-escaped (an escaped character is never escaped twice).

    >>> print(break_autolinks("see https://x.example or www.x.example, or mail a@x.example"))
    see https\\://x.example or www\\.x.example, or mail a\\@x.example
    """

    def escape(m: re.Match[str]) -> str:
        return f"{m.group(1)}\\." if m.group(1) else "\\" + m.group(0)

    return _AUTOLINK_TRIGGERS.sub(escape, escaped)


def md_escape(text: str) -> str:
    """Escape the Markdown characters that could turn quoted text into markup, and break what
    GitHub would turn into a link (``https://``, ``www.``, ``a@b.example``).

    >>> print(md_escape("[click](javascript:alert(1)) <b>x</b> -> *done*"))
    \\[click\\](javascript:alert(1)) &lt;b>x&lt;/b> -> \\*done\\*
    >>> print(md_escape("Hair & Beauty, &amp; &#60;"))
    Hair & Beauty, &amp;amp; &amp;#60;
    """
    folded = _ENTITY.sub("&amp;", " ".join(text.split()))
    return break_autolinks(folded.translate(_MD_SPECIAL))


# Characters HTML does not allow in text (the C0 and C1 controls other than tab, line feed and
# carriage return, and the noncharacters U+FFFE and U+FFFF; HTML Living Standard, "control" and
# "noncharacter", 13.1.2.6 and 4.4): each becomes U+FFFD, the replacement character, so a
# document made from text holding them still parses and the place of each one shows.
_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def html_escape(text: object) -> str:
    """``html.escape`` (quotes too) of ``str(text)``, with the characters HTML does not allow in
    text replaced by U+FFFD.

    >>> out = html_escape('<b a="1">x' + chr(0) + "y</b>")
    >>> out == "&lt;b a=&quot;1&quot;&gt;x" + chr(0xFFFD) + "y&lt;/b&gt;"
    True
    """
    return _NOT_IN_HTML.sub("\ufffd", html.escape(str(text), quote=True))


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): "=HYPERLINK(...)" in a petition's text would become a live link in Excel.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell's value: text that a spreadsheet would run as a formula gets a leading ``'``
    (shown by the spreadsheet, and marking the cell as text); anything else is unchanged.

    >>> csv_cell("=cmd|' /C calc'!A0"), csv_cell("-5% for pensioners"), csv_cell(-5)
    ("'=cmd|' /C calc'!A0", "'-5% for pensioners", -5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(row: dict[str, object]) -> dict[str, object]:
    """A record with every cell through :func:`csv_cell`, for ``csv.DictWriter``."""
    return {k: csv_cell(v) for k, v in row.items()}
