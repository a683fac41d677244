"""The workbook layout: what the xlsx export writes and ``barriers import`` reads.

One sheet per kind of item, one row per item, one column per field; the header row names
the fields. ``ids`` cells list ids separated by commas; ``texts`` cells list one text per
line; ``notes`` cells hold text, or JSON for structured notes. docs/reference/workbook.md
documents this layout for people who fill in a workbook by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CellKind = Literal["id", "text", "ids", "texts", "year", "notes", "next", "any"]

END = "-"  # in a phase's `next` cell: an end phase (no phase follows)
JSON_START = ("{", "[", '"')  # a notes cell starting so is read as JSON


@dataclass(frozen=True)
class Column:
    name: str
    kind: CellKind
    required: bool = False
    width: int = 14
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    help: str
    item_kind: str | None = None  # the model's list this sheet fills (None: model fields)
    parent: str | None = None  # signals etc.: the phase list field they belong to

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _id(name: str = "id", required: bool = True, help: str = "") -> Column:
    return Column(name, "id", required, 16, help or "lowercase letters, digits, hyphens")


def _text(name: str, width: int = 30, required: bool = False, help: str = "") -> Column:
    return Column(name, "text", required, width, help)


_SOURCES_COL = Column("sources", "ids", False, 18, "source ids, comma-separated")
_NOTES_COL = Column("notes", "notes", False, 20, "free text (or JSON), kept as is")

MODEL_FIELDS: tuple[Column, ...] = (
    _id(),
    _text("title", required=True),
    _text("variant"),
    _text("description"),
    _text("language"),
    _text("version"),
    Column("authors", "texts", help="one per line"),
    _text("license"),
    _text("region"),
    _NOTES_COL,
    # the checklist and its answers travel whole, as JSON (a sheet of their own is to come)
    Column("checklist", "notes", False, 20, "the checklist's themes and questions, as JSON"),
    Column("checklist_answers", "notes", False, 20, "the answers to the checklist, as JSON"),
)

MODEL_SHEET = Sheet(
    "model",
    (Column("field", "text", True, 14), Column("value", "any", False, 80)),
    "One row per model field: id and title are required.",
)

PHASE_NOTE_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "signals",
        (
            _id("phase", help="the phase id"),
            _text("text", 60, True),
            Column("about", "id", False, 10, "victim, offender or other"),
            _SOURCES_COL,
        ),
        "Signals of a phase, one per row: what people can see.",
        "phases",
        "signals",
    ),
    Sheet(
        "opportunities",
        (_id("phase", help="the phase id"), _text("text", 60, True), _SOURCES_COL),
        "Opportunities of a phase, one per row: what makes the step possible.",
        "phases",
        "opportunities",
    ),
    Sheet(
        "facilitators",
        (
            _id("phase", help="the phase id"),
            _text("text", 60, True),
            Column("awareness", "id", False, 12, "knowing, unknowing or both"),
            _SOURCES_COL,
        ),
        "Facilitators of a phase, one per row: who makes the step possible.",
        "phases",
        "facilitators",
    ),
)

ITEM_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "phases",
        (
            _id(),
            _text("name", 24, True),
            _text("description", 50),
            Column(
                "next",
                "next",
                False,
                14,
                f"ids of the following phases; empty: the next row; {END}: an end phase",
            ),
            _SOURCES_COL,
            _NOTES_COL,
        ),
        "The steps of the offender's process, in process order.",
        "phases",
    ),
    *PHASE_NOTE_SHEETS,
    Sheet(
        "partners",
        (
            _id(),
            _text("name", 28, True),
            _text("sector", 16),
            _text("description", 40),
            _text("url", 30),
            _SOURCES_COL,
            _NOTES_COL,
        ),
        "The partners (ketenpartners) who can raise barriers.",
        "partners",
    ),
    Sheet(
        "interventions",
        (
            _id(),
            _text("name", 32, True),
            Column("phases", "ids", True, 18, "phase ids, comma-separated"),
            Column("partners", "ids", True, 18, "partner ids, comma-separated"),
            _text("type", 14),
            Column("status", "id", False, 11, "regular, example, pilot or promising"),
            Column("technique", "id", False, 18, "one of the 25 techniques (barriers schema)"),
            Column("legal_basis", "texts", False, 18, "one per line"),
            Column("target_group", "texts", False, 18, "one per line"),
            _text("description", 40),
            _text("url", 30),
            _SOURCES_COL,
            _NOTES_COL,
            Column("lead", "id", False, 14, "the partner it cannot run without (one of them)"),
        ),
        "The barriers: who (partners) does what in which phases.",
        "interventions",
    ),
    Sheet(
        "sources",
        (
            _id(),
            _text("title", 40, True),
            _text("publisher", 20),
            Column("year", "year", False, 8, "a whole number"),
            _text("url", 30),
            _text("accessed", 12),
            _NOTES_COL,
        ),
        "The public sources that items cite by id.",
        "sources",
    ),
)

# Sheets the export adds for reading; `import` skips them.
COVERAGE_SHEET = "coverage"
TABLE_SHEET = "barrier table"
ABOUT_SHEET = "about"
DERIVED_SHEETS = (COVERAGE_SHEET, TABLE_SHEET, ABOUT_SHEET)
