"""Every colour the outputs draw with, in one place: the map (its data and its stylesheet),
the report, the SVG and PNG exports, the Mermaid diagram and the workbook take them from here.

Dark fills carry white text and light fills dark text, each pair above 7:1 contrast; a state
is always also said in words or marked by a shape, never by colour alone.

>>> css_variables()[:40]
':root { --ink: #111111; --muted: #444444'
"""

from __future__ import annotations

# text and paper
INK = "#111111"
MUTED = "#444444"
PAPER = "#ffffff"
LINE = "#767676"  # borders of controls and tables (3:1 against paper)
GRID = "#8a8a8a"  # grid lines of the matrix exports
BAND = "#e9edf3"  # a light band: group rows, zebra stripes
FILLED = "#eaf3ea"  # a matrix cell with something in it
LINK = "#0b4f9c"
VISITED = "#5a2a82"
FOCUS = "#ffbf47"

# states of a phase: covered, without a barrier, resting on one partner
PHASE_COLOR = {"background": "#1d3557", "border": "#0b1a2e"}
UNCOVERED_COLOR = {"background": "#9b1c1c", "border": "#4a0a0a"}
SINGLE_COLOR = {"background": "#7a4100", "border": "#3d2100"}
ON_DARK = "#ffffff"  # text on the three above

# partners, interventions, links
PARTNER_COLOR = {"background": "#fdf0d5", "border": "#7a5c00"}
IDLE_PARTNER_COLOR = {"background": "#ffffff", "border": "#7a5c00"}
REMOVED_COLOR = {"background": "#eeeeee", "border": "#555555"}
PLAIN_INTERVENTION = "#ffffff"
INTERVENTION_BORDER = "#444444"
RAISES_COLOR = "#a8996b"  # partner -> barrier links, when all are shown
CHOSEN_LINK = "#7a5c00"  # the links of what is chosen
SEQUENCE = "#1d3557"  # the process's steps

# one light background per barrier type, in the order the types sort (dark text on them)
TYPE_COLORS: tuple[str, ...] = (
    "#cfe5ff",
    "#ffe0b3",
    "#d3f0cf",
    "#f4d3f5",
    "#fff2a1",
    "#ddd6ff",
    "#ffd6d6",
    "#c6efec",
    "#e4e4e4",
    "#f6dcc3",
    "#e2f5b8",
    "#d0e0f0",
)

HIGHLIGHT_BORDER = "#000000"  # the border of a node under the pointer or chosen
REMOVED_TEXT = "#333333"

# what a variant adds, changes and removes
MARK_BORDER = {"added": "#1b6e20", "changed": "#5b1a8c", "removed": "#555555"}


def css_variables() -> str:
    """The palette as CSS custom properties, for the pages' stylesheets."""
    names = {
        "ink": INK,
        "muted": MUTED,
        "paper": PAPER,
        "line": LINE,
        "band": BAND,
        "link": LINK,
        "visited": VISITED,
        "focus": FOCUS,
        "accent": PHASE_COLOR["background"],
        "phase": PHASE_COLOR["background"],
        "phase-border": PHASE_COLOR["border"],
        "warn": UNCOVERED_COLOR["background"],
        "uncovered": UNCOVERED_COLOR["background"],
        "single": SINGLE_COLOR["background"],
        "partner": PARTNER_COLOR["background"],
        "partner-border": PARTNER_COLOR["border"],
        "chosen-link": CHOSEN_LINK,
    }
    return ":root { " + " ".join(f"--{k}: {v};" for k, v in names.items()) + " }"


def mermaid_style(color: dict[str, str]) -> str:
    """A Mermaid ``style`` for a dark fill with white text.

    >>> mermaid_style(PHASE_COLOR)
    'fill:#1d3557,stroke:#0b1a2e,color:#ffffff'
    """
    return f"fill:{color['background']},stroke:{color['border']},color:{ON_DARK}"
