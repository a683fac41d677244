"""Text widths in the font the SVG exports are drawn with: DejaVu Sans, which Debian has.

The widths come from the font's own advance widths (:mod:`barriers.font_metrics`, a table
generated from Debian's fonts-dejavu-core), so a line measured here is the line a viewer
draws with DejaVu Sans, and the same text measures the same on every machine. A character
the table lacks counts as wide as ``M``; kerning is ignored (it only makes lines shorter).

>>> round(text_width("Werven", 10), 2), round(text_width("Werven", 10, bold=True), 2)
(38.56, 43.16)
"""

from __future__ import annotations

from barriers.font_metrics import (
    UNITS_PER_EM_BOLD,
    UNITS_PER_EM_REGULAR,
    WIDTHS_BOLD,
    WIDTHS_REGULAR,
)

FAMILY = "DejaVu Sans"
SVG_FONTS = "'DejaVu Sans', Verdana, sans-serif"  # what an SVG names: DejaVu first


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` at font ``size`` (in the unit of ``size``)."""
    widths, units = (
        (WIDTHS_BOLD, UNITS_PER_EM_BOLD) if bold else (WIDTHS_REGULAR, UNITS_PER_EM_REGULAR)
    )
    wide = widths[ord("M")]
    return sum(widths.get(ord(c), wide) for c in text) * size / units
