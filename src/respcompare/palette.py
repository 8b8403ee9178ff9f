"""The colours every chart and report shares: one verdict, one colour, wherever it is shown.

The Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design",
https://jfly.uni-koeln.de/color/) stays distinct for the common forms of colour blindness. The
verdict colours are six of its hues, chosen so that no two verdicts are shades of one hue:
answered-partly (yellow) and answered-no (blue) read apart at a glance, as do deferred (orange)
and deflected (reddish purple). Not-addressed is a light grey (lighter than any of the five, so
it does not merge with reddish purple for deuteranopes) and is hatched in charts. Simulated with
the Machado, Oliveira & Fernandes (2009) matrices at full severity, every pair differs by at least
17 CIE76 units for protanopia, deuteranopia and tritanopia; tests/test_charts_readable.py holds
the check. A report's verdict badge uses the same colour with black or white text, whichever
contrasts more (:func:`ink`).
"""

from __future__ import annotations

from .model import Verdict

__all__ = ["OKABE_ITO", "VERDICT_COLOURS", "ink"]

#: The Okabe-Ito palette (Okabe & Ito 2008), distinct for the common forms of colour blindness.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

#: One colour per verdict (see the module's docstring), for charts and reports alike.
VERDICT_COLOURS: dict[Verdict, str] = {
    Verdict.ANSWERED_YES: OKABE_ITO["bluish green"],
    Verdict.ANSWERED_PARTLY: OKABE_ITO["yellow"],
    Verdict.ANSWERED_NO: OKABE_ITO["blue"],
    Verdict.DEFERRED: OKABE_ITO["orange"],
    Verdict.DEFLECTED: OKABE_ITO["reddish purple"],
    Verdict.NOT_ADDRESSED: "#DDDDDD",
}


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink(colour: str) -> str:
    """Black or white, whichever has the higher WCAG contrast on ``colour`` (``#RRGGBB``).

    >>> ink(VERDICT_COLOURS[Verdict.ANSWERED_PARTLY]), ink(VERDICT_COLOURS[Verdict.ANSWERED_NO])
    ('#000', '#fff')
    """
    lum = _luminance(colour)
    return "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"
