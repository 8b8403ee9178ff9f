"""The one Markdown escaper: every piece of petition or response text in Markdown goes through
:func:`md_escape` (reports, alignment tables, redlines). HTML uses :func:`html.escape`.
"""

from __future__ import annotations

__all__ = ["md_escape"]

# Characters that can start a link or image ([ ]), raw HTML (<), code, emphasis, a table cell
# break or strikethrough. White space is folded, so nothing can start a heading, list or quote.
_MD_SPECIAL = str.maketrans({**{c: "\\" + c for c in "\\`*_[]|~"}, "<": "&lt;", "&": "&amp;"})


def md_escape(text: str) -> str:
    """Escape the Markdown characters that could turn quoted text into markup.

    >>> print(md_escape("[click](javascript:alert(1)) <b>x</b> -> *done*"))
    \\[click\\](javascript:alert(1)) &lt;b>x&lt;/b> -> \\*done\\*
    """
    return " ".join(text.split()).translate(_MD_SPECIAL)
