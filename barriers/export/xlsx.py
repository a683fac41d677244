"""The model as an Excel workbook in the layout ``barriers import`` reads back.

Sheets ``model``, ``phases``, ``signals``, ``opportunities``, ``facilitators``,
``partners``, ``interventions``, ``sources``, ``checklist`` and ``vocabulary`` (and
``checklist answers`` and ``actions`` for a local profile) hold the model (see
:mod:`barriers.workbook`), in Dutch by default; ``coverage`` (the coverage
matrix, uncovered phases in red), ``barrier table``, ``about`` and ``lists`` (the
drop-downs' choices) are for reading. Every text is stored as a text cell, so text
starting with ``=`` never becomes a formula. The bytes are the same for the same model:
fixed document dates and fixed zip entry times.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from barriers.analysis.matrix import barrier_table, coverage_matrix
from barriers.export import ExportOptions
from barriers.model import Model
from barriers.problems import BarriersError
from barriers.text import first_bad_xml_char
from barriers.vocabulary import TERM_KINDS
from barriers.workbook import (
    ABOUT_SHEET,
    ANSWERS_SHEET,
    CHECKLIST_SHEET,
    COVERAGE_SHEET,
    END,
    JSON_START,
    LANGS,
    LISTS_SHEET,
    MODEL_SHEET,
    NO_LABEL,
    TABLE_SHEET,
    TERM_KIND_WORDS,
    VOCABULARY_SHEET,
    Column,
    Lang,
    Sheet,
    derived_label,
    label_column,
    model_fields,
    model_sheets,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_CELL = 32_767  # Excel's limit on the characters of one cell
FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # workbook dates and zip entry times: no clock in the bytes
HEADER_FILL = "DDE4EE"
# DejaVu Sans: Debian always has it (fonts-dejavu-core, which fontconfig itself pulls in,
# and LibreOffice's fallback), and it is wider than Arial, Liberation Sans or Calibri, so
# row heights reckoned for it never cut text where a program substitutes a narrower font.
FONT = "DejaVu Sans"
FONT_SIZE = 10
LINE_HEIGHT = 13.0  # points per line of 10 pt DejaVu Sans, with its line gap
ROW_PADDING = 3.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit
MAX_WIDTH = 255  # Excel's widest column
# A unit of column width is 7 px in LibreOffice (Excel adds 5 px of margin), 0.75 pt each;
# a cell keeps about 1.5 pt free on either side.
POINTS_PER_WIDTH = 5.25
CELL_PADDING = 3.0
TEXT_FORMAT = "@"  # what is typed stays text: '2.0' stays '2.0', '007' stays '007'
TEXT_KINDS = ("id", "text", "ids", "texts", "next", "any", "date", "ref", "refs")
EXCEL_ROWS = 1_048_576
GAP_FILL = "F4B6B6"
COVERED_FILL = "CDEBC5"
SINGLE_FILL = "FBE3A6"
SHOWN_COLOUR = "595959"  # a column shown for reading only (7:1 on white)


def render(model: Model, options: ExportOptions) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook

    lang: Lang = "en" if options.lang == "en" else "nl"
    local = model.local is not None
    book = Workbook()
    rows_of = sheet_rows(model, base=options.base, lang=lang)
    lists = _Lists(book, lang)
    for number, sheet in enumerate(model_sheets(local)):
        ws = book.active if number == 0 else book.create_sheet()
        ws.title = sheet.label(lang)
        columns = sheet_columns(model, sheet)
        _fill(ws, sheet, columns, [c.label(lang) for c in columns], rows_of[sheet.name], lang)
        _drop_downs(ws, sheet, columns, lists, model, lang)
    _coverage_sheet(book.create_sheet(derived_label(COVERAGE_SHEET, lang)), model, lang)
    _table_sheet(book.create_sheet(derived_label(TABLE_SHEET, lang)), model, options, lang)
    _about_sheet(book.create_sheet(derived_label(ABOUT_SHEET, lang)), lang, local)
    lists.finish()
    return _deterministic_bytes(book)


# -- the model's sheets ------------------------------------------------------------------------


def sheet_columns(model: Model, sheet: Sheet) -> tuple[Column, ...]:
    """The columns of ``sheet`` in ``model``'s workbook: the local ones in a profile, and a
    column of labels per language on the vocabulary sheet."""
    columns = sheet.columns_for(model.local is not None)
    if sheet is VOCABULARY_SHEET:
        return (*columns, *(label_column(code) for code in vocabulary_languages(model)))
    return columns


def vocabulary_languages(model: Model) -> list[str]:
    """The languages of the vocabulary sheet's label columns: those the vocabulary has
    labels in, in the order they first appear (so that each term's labels come back in the
    order it gives them), then the workbook's languages (nl, en) other than the model's own,
    so that a translator has a column to fill in."""
    found: dict[str, None] = {}
    vocabulary = model.vocabulary
    if vocabulary is not None:
        for kind in TERM_KINDS:
            for labels in getattr(vocabulary, kind).values():
                found.update(dict.fromkeys(labels))
    for lang in LANGS:
        if lang != model.language:
            found.setdefault(lang)
    return list(found)


def used_terms(model: Model) -> dict[str, list[str]]:
    """The barrier types and partner sectors the model's items write, sorted, by kind."""
    return {
        "types": sorted({i.type for i in model.interventions if i.type}),
        "sectors": sorted({p.sector for p in model.partners if p.sector}),
    }


def _vocabulary_rows(model: Model, data: dict[str, Any]) -> list[list[Any]]:
    """One row per term of the vocabulary, in its order, then a row with empty labels for
    each term the items use that it does not list (for a translator to fill in; import
    makes no entry of a row without labels). A term listed without labels has ``-`` in
    its label cells."""
    languages = vocabulary_languages(model)
    vocabulary: dict[str, dict[str, dict[str, str]]] = data.get("vocabulary") or {}
    used = used_terms(model)
    rows = []
    for kind in TERM_KINDS:
        listed = vocabulary.get(kind, {})
        word = TERM_KIND_WORDS[kind]
        for term, labels in listed.items():
            what = f"vocabulary {word} {term!r}"
            _check_text(term, what)
            cells: list[Any] = []
            for code in languages:
                label = labels.get(code)
                if label is not None and label.strip() == NO_LABEL:
                    raise BarriersError(
                        f"{what} has the label {label!r} in {code!r}, which the workbook "
                        f"reads as 'no label': give it a label of more than {NO_LABEL!r}"
                    )
                if label is not None:
                    _check_text(label, f"{what} label in {code!r}")
                cells.append(label if labels else NO_LABEL)
            rows.append([word, term, *cells])
        for term in used[kind]:
            if term not in listed:
                rows.append([word, term, *([None] * len(languages))])
    return rows


def sheet_rows(
    model: Model, *, base: str | None = None, lang: Lang = "en"
) -> dict[str, list[list[Any]]]:
    """For every model sheet, its rows (without the header) as cell values.

    ``base``: the id of the model this one extends, written in the model sheet so that
    ``import`` writes a variant of it back.
    """
    data = model.to_data()
    if base is not None:
        data["extends"] = base
    local = model.local is not None
    rows: dict[str, list[list[Any]]] = {
        MODEL_SHEET.name: [
            [
                column.label(lang),
                _cell(column, _value(data, column), f"model field {column.name!r}"),
            ]
            for column in model_fields(local)
        ]
    }
    rows[CHECKLIST_SHEET.name] = _checklist_rows(data)
    rows[ANSWERS_SHEET.name] = _answer_rows(data)
    rows[VOCABULARY_SHEET.name] = _vocabulary_rows(model, data)
    for sheet in model_sheets(local)[1:]:
        assert sheet.item_kind is not None
        if sheet in (CHECKLIST_SHEET, ANSWERS_SHEET, VOCABULARY_SHEET):
            continue
        items: list[dict[str, Any]] = data.get(sheet.item_kind, [])
        columns = sheet.columns_for(local)
        if sheet.parent is None:
            rows[sheet.name] = [
                _item_row(sheet, columns, item, items, n) for n, item in enumerate(items)
            ]
        else:
            rows[sheet.name] = [
                _note_row(sheet, phase["id"], note)
                for phase in items
                for note in phase.get(sheet.parent, [])
            ]
    return rows


def _value(data: dict[str, Any], column: Column) -> Any:
    value: Any = data
    for step in column.key:
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def _item_row(
    sheet: Sheet,
    columns: Sequence[Column],
    item: dict[str, Any],
    items: list[dict[str, Any]],
    n: int,
) -> list[Any]:
    what = f"{sheet.name[:-1]} {item['id']!r}"
    row = []
    for column in columns:
        value = _value(item, column)
        if column.kind == "next":
            value = _next_cell(value, items, n)
        row.append(_cell(column, value, f"{what} field {column.name!r}"))
    return row


def _note_row(sheet: Sheet, phase_id: str, note: dict[str, Any]) -> list[Any]:
    values = {**note, "phase": phase_id}
    what = f"phase {phase_id!r} {sheet.name}"
    return [_cell(c, values.get(c.name), f"{what} field {c.name!r}") for c in sheet.columns]


def _checklist_rows(data: dict[str, Any]) -> list[list[Any]]:
    """One row per question, in order, each with its theme's fields (a theme without
    questions gets a row of its own)."""
    rows = []
    for theme in data.get("checklist", []):
        for question in theme.get("questions") or [{}]:
            values = {
                "theme": theme["id"],
                "theme name": theme["name"],
                "question": question.get("id"),
                **{name: question.get(name) for name in ("text", "interventions", "sources")},
                "notes": question.get("notes"),
            }
            # the theme's fields on every row: a row deleted or sorted loses nothing
            values["theme description"] = theme.get("description")
            values["theme sources"] = theme.get("sources")
            values["theme notes"] = theme.get("notes")
            what = (
                f"checklist question {question['id']!r}"
                if question
                else f"checklist theme {theme['id']!r}"
            )
            rows.append(
                [
                    _cell(c, values.get(c.name), f"{what} field {c.name!r}")
                    for c in CHECKLIST_SHEET.columns
                ]
            )
    return rows


def _answer_rows(data: dict[str, Any]) -> list[list[Any]]:
    """One row per question of the checklist, answered or not (the room fills in the rest)."""
    answers: dict[str, dict[str, Any]] = data.get("checklist_answers", {})
    rows = []
    for theme in data.get("checklist", []):
        for question in theme.get("questions", []):
            given = answers.get(question["id"], {})
            values = {
                "question": question["id"],
                "question text": question["text"],
                "answer": given.get("answer"),
                "note": given.get("note"),
            }
            what = f"the answer to checklist question {question['id']!r}"
            rows.append(
                [
                    _cell(c, values[c.name], f"{what} field {c.name!r}")
                    for c in ANSWERS_SHEET.columns
                ]
            )
    return rows


def _next_cell(value: list[str] | None, items: list[dict[str, Any]], n: int) -> str | None:
    """Only a sequence that differs from 'the next row' is written out."""
    default = [items[n + 1]["id"]] if n + 1 < len(items) else []
    if value is None or value == default:
        return None
    return ", ".join(value) if value else END


def _cell(column: Column, value: Any, what: str) -> Any:
    if value is None:
        return None
    if column.kind in ("ids", "refs"):
        text: Any = ", ".join(value)
    elif column.kind == "texts":
        text = texts_cell(value)
    elif column.kind == "notes":
        text = notes_cell(value)
    else:
        text = value
    if isinstance(text, str):
        _check_text(text, what)
    return text


def texts_cell(items: list[str]) -> str:
    """A list of texts as a cell: one per line, or a JSON list if lines would lose something.

    ``import`` splits at line breaks and trims spaces, and reads a cell starting with ``[``
    that is a JSON list of texts as that list.
    """
    plain = all(item and "\n" not in item and item == item.strip(" \t\r") for item in items)
    if plain and not (items and items[0].startswith("[")):
        return "\n".join(items)
    return json.dumps(items, ensure_ascii=False)


def notes_cell(value: Any) -> Any:
    """Notes as a cell: text as itself, numbers and booleans as such, lists and maps as JSON.

    Text that starts like JSON (``{``, ``[``, ``"``) is written as a JSON string, so that
    ``import`` (which reads such cells as JSON) gives the same text back.
    """
    if isinstance(value, str) and not value.startswith(JSON_START):
        return value
    if isinstance(value, bool | int | float):
        return value
    return json.dumps(value, ensure_ascii=False)


def _check_text(text: str, what: str) -> None:
    if len(text) > MAX_CELL:
        raise BarriersError(
            f"{what} has {len(text):,} characters; a spreadsheet cell holds at most {MAX_CELL:,}"
        )
    bad = first_bad_xml_char(text)
    if bad is not None:
        raise BarriersError(
            f"{what} contains the control character U+{ord(bad):04X}, which a spreadsheet "
            "cannot hold: remove it from the model"
        )


def _fill(
    ws: Worksheet,
    sheet: Sheet,
    columns: Sequence[Column],
    headers: Sequence[str],
    rows: Iterable[list[Any]],
    lang: Lang,
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    text_columns = [c.kind in TEXT_KINDS for c in columns]
    _write_rows(ws, headers, rows, required=[c.required for c in columns], text=text_columns)
    for index, column in enumerate(columns, 1):
        if column.help:
            comment = Comment(column.help_text(lang), "barriers")
            comment.width, comment.height = 220, 60
            ws.cell(1, index).comment = comment
        if column.kind in TEXT_KINDS:
            # the column's own style: what a user types in a new row is text as well
            ws.column_dimensions[get_column_letter(index)].number_format = TEXT_FORMAT
        if column.shown:  # for reading only: set apart in grey
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.font = _font(color=SHOWN_COLOUR)
    if any(c.shown for c in columns):
        _lock_shown(ws, columns)
    _finish(ws, [c.width for c in columns], wrap=True)


def _lock_shown(ws: Worksheet, columns: Sequence[Column]) -> None:
    """Protect the sheet (no password) so that only the columns shown for reading are
    locked: the rest is typed into as before, and rows may be added and filtered (Excel
    and Calc still refuse to sort or delete a range holding locked cells)."""
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.protection import SheetProtection

    open_cell = Protection(locked=False)
    for index, column in enumerate(columns, 1):
        if column.shown:
            continue
        ws.column_dimensions[get_column_letter(index)].protection = open_cell
        for (cell,) in ws.iter_rows(min_col=index, max_col=index):
            cell.protection = open_cell
    # In OOXML a true flag forbids the action: allow all but changing the locked cells.
    ws.protection = SheetProtection(
        sheet=True,
        formatCells=False,
        formatRows=False,
        formatColumns=False,
        insertRows=False,
        deleteRows=False,
        sort=False,
        autoFilter=False,
    )


class _Lists:
    """The drop-downs' choices, one column each on a sheet of their own (Excel takes at
    most 255 characters of choices written inline; the 25 techniques are more)."""

    def __init__(self, book: Any, lang: Lang) -> None:
        self.book = book
        self.title = derived_label(LISTS_SHEET, lang)
        self.columns: dict[tuple[str, tuple[str, ...]], int] = {}
        self.headers: list[str] = []
        self.values: list[tuple[str, ...]] = []

    def range_of(self, header: str, choices: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter, quote_sheetname

        key = (header, choices)
        if key not in self.columns:
            self.headers.append(header)
            self.values.append(choices)
            self.columns[key] = len(self.headers)
        letter = get_column_letter(self.columns[key])
        return f"{quote_sheetname(self.title)}!${letter}$2:${letter}${len(choices) + 1}"

    def finish(self) -> None:
        ws = self.book.create_sheet(self.title)
        _write_rows(ws, self.headers, [], required=[False] * len(self.headers))
        for col, choices in enumerate(self.values, 1):
            for row, choice in enumerate(choices, 2):
                _set(ws.cell(row, col), choice)
                ws.cell(row, col).font = _font()
        _finish(ws, [max(14, *(len(c) + 2 for c in v)) for v in self.values] or [14], wrap=False)


def _drop_downs(
    ws: Worksheet, sheet: Sheet, columns: Sequence[Column], lists: _Lists, model: Model, lang: Lang
) -> None:
    """A drop-down on every column with fixed choices (other values refused), and on the
    intervention type, the partner sector and the vocabulary's term: the model's own terms
    (used or listed) offered, others allowed, since they are free text."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    terms = _known_terms(model)
    free_choices = {
        ("interventions", "type"): terms["types"],
        ("partners", "sector"): terms["sectors"],
        (VOCABULARY_SHEET.name, "term"): tuple(sorted({*terms["types"], *terms["sectors"]})),
    }
    for index, column in enumerate(columns, 1):
        free = (sheet.name, column.name) in free_choices
        choices = free_choices[(sheet.name, column.name)] if free else column.choices
        if not choices:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list",
            formula1=lists.range_of(f"{ws.title}: {ws.cell(1, index).value}", choices),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="information" if free else "stop",
            errorTitle=str(ws.cell(1, index).value),
            error=_FREE_ERRORS[lang][column.name] if free else _DROP_DOWN_ERRORS[lang],
        )
        validation.add(f"{letter}2:{letter}{EXCEL_ROWS}")
        ws.add_data_validation(validation)


_DROP_DOWN_ERRORS = {"en": "Choose from the list", "nl": "Kies uit de lijst"}
_FREE_ERRORS = {
    "en": {
        "type": "Not one of the model's types yet",
        "sector": "Not one of the model's sectors yet",
        "term": "Not one of the model's types or sectors yet",
    },
    "nl": {
        "type": "Nog geen type van het model",
        "sector": "Nog geen sector van het model",
        "term": "Nog geen type of sector van het model",
    },
}


def _known_terms(model: Model) -> dict[str, tuple[str, ...]]:
    """The types and sectors the items use or the vocabulary lists, sorted, by kind."""
    vocabulary = model.vocabulary
    return {
        kind: tuple(
            sorted({*terms, *(getattr(vocabulary, kind) if vocabulary is not None else ())})
        )
        for kind, terms in used_terms(model).items()
    }


def _font(*, bold: bool = False, size: int = FONT_SIZE, color: str | None = None) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT, size=size, bold=bold, color=color)


def _write_rows(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    required: Sequence[bool] | None = None,
    text: Sequence[bool] | None = None,
) -> None:
    """Row 1 the headers (bold where ``required``: the layout's sign for a required field),
    then the rows; cells of ``text`` columns get the text number format."""
    from openpyxl.styles import PatternFill

    bold, plain = _font(bold=True), _font()
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for col, header in enumerate(headers, 1):
        cell = ws.cell(1, col)
        _set(cell, header)
        is_required = required is None or (col <= len(required) and required[col - 1])
        cell.font = bold if is_required else plain
        cell.fill = fill
    for r, row in enumerate(rows, 2):
        for col, value in enumerate(row, 1):
            if value is not None:
                cell = ws.cell(r, col)
                _set(cell, value)
                cell.font = plain
                if text is not None and col <= len(text) and text[col - 1]:
                    cell.number_format = TEXT_FORMAT


def _set(cell: Any, value: Any) -> None:
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns '=...' into a formula and '#N/A' into an error: text stays text.
        cell.data_type = "s"


def _finish(ws: Worksheet, widths: Sequence[int], *, wrap: bool) -> list[int]:
    """Freeze row 1, filter, set the widths (wider where a cell's text would not fit the
    tallest row a spreadsheet allows), wrap and fit the rows, and set up printing; the
    widths used."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    if wrap:
        widths = _widths_that_fit(ws, widths)
    ws.freeze_panes = "A2"
    last_col = max(len(widths), 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(last_col)}{max(ws.max_row, 1)}"
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if wrap:
        top = Alignment(wrap_text=True, vertical="top")
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.value is not None:
                    cell.alignment = top
        _fit_row_heights(ws, widths)
    _print_setup(ws)
    return list(widths)


def _widths_that_fit(ws: Worksheet, widths: Sequence[int]) -> list[int]:
    """``widths``, each column widened (in steps of 5, up to Excel's 255) until the text of
    its every cell fits the tallest row there is (409 pt): a long note would be cut."""
    wider = list(widths)
    for row in ws.iter_rows(min_row=2):
        for index, cell in enumerate(row[: len(wider)]):
            if cell.value is None:
                continue
            text = str(cell.value)
            while wider[index] < MAX_WIDTH and not _fits(text, wider[index]):
                wider[index] = min(MAX_WIDTH, wider[index] + 5)
    return wider


def _fits(text: str, width: int) -> bool:
    return wrapped_lines(text, width) * LINE_HEIGHT + ROW_PADDING <= MAX_ROW_HEIGHT


def _fit_row_heights(ws: Worksheet, widths: Sequence[int], first_row: int = 2) -> None:
    """Give each row the height its wrapped text needs: neither Excel nor LibreOffice grows
    a row that a file gives no height, so long text would be cut on screen and overlap the
    next row in print."""
    for r, row in enumerate(ws.iter_rows(min_row=first_row), first_row):
        lines = 1
        for index, cell in enumerate(row):
            if cell.value is not None and index < len(widths):
                lines = max(lines, wrapped_lines(str(cell.value), widths[index]))
        if lines > 1:
            ws.row_dimensions[r].height = row_height(lines)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapping cell ``width`` units wide: measured with
    DejaVu Sans's own advance widths, words wrapped whole at spaces, a word wider than the
    cell broken anywhere. Calc and Excel also break after hyphens, so they never need more
    lines than this (a count of characters did: long Dutch compounds were cut)."""
    from barriers.fonts import text_width

    room = max(1.0, width * POINTS_PER_WIDTH - CELL_PADDING)
    space = text_width(" ", FONT_SIZE)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split(" "):
            size = text_width(word, FONT_SIZE)
            if used and used + space + size > room:
                lines, used = lines + 1, 0.0
            elif used:
                used += space
            while size > room:  # broken where the cell ends, the rest on the next line
                lines, size = lines + 1, size - room
            used += size
        total += lines
    return total


def row_height(lines: int) -> float:
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def _print_setup(ws: Worksheet) -> None:
    """Landscape, as wide as the page, row 1 repeated on every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


# -- sheets for reading ------------------------------------------------------------------------


def _coverage_sheet(ws: Worksheet, model: Model, lang: Lang) -> None:
    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    matrix = coverage_matrix(model)
    words = ["fase", "naam", "interventies", "partners"] if lang == "nl" else _COVERAGE_EN
    headers = [*words, *matrix.partner_names]
    rows = [
        [phase_id, name, total, distinct, *counts]
        for phase_id, name, total, distinct, counts in matrix.rows()
    ]
    _write_rows(ws, headers, rows)
    last_row = len(rows) + 1
    last_col = get_column_letter(len(headers))
    red = PatternFill("solid", fgColor=GAP_FILL, bgColor=GAP_FILL)
    amber = PatternFill("solid", fgColor=SINGLE_FILL, bgColor=SINGLE_FILL)
    green = PatternFill("solid", fgColor=COVERED_FILL, bgColor=COVERED_FILL)
    if rows:
        # a phase without interventions is red from edge to edge; one partner only is amber
        ws.conditional_formatting.add(
            f"A2:D{last_row}", FormulaRule(formula=["$C2=0"], fill=red, stopIfTrue=True)
        )
        ws.conditional_formatting.add(
            f"A2:D{last_row}", FormulaRule(formula=["$D2=1"], fill=amber, stopIfTrue=True)
        )
        if matrix.partner_ids:
            cells = f"E2:{last_col}{last_row}"
            ws.conditional_formatting.add(
                cells, FormulaRule(formula=["$C2=0"], fill=red, stopIfTrue=True)
            )
            ws.conditional_formatting.add(
                cells, CellIsRule(operator="greaterThan", formula=["0"], fill=green)
            )
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 13
    ws.column_dimensions["D"].width = 10
    slanted = Alignment(text_rotation=60, vertical="bottom", horizontal="center")
    for index in range(5, len(headers) + 1):
        ws.column_dimensions[get_column_letter(index)].width = 6
        ws.cell(1, index).alignment = slanted
    ws.row_dimensions[1].height = 110
    _print_setup(ws)


_COVERAGE_EN = ["phase", "name", "interventions", "partners"]
_GROUP_NL = {"type": "type", "mechanism": "mechanisme"}


def _table_sheet(ws: Worksheet, model: Model, options: ExportOptions, lang: Lang) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    table = barrier_table(model, options.group_by)
    first = (
        [_GROUP_NL[options.group_by], "barrière"] if lang == "nl" else [options.group_by, "barrier"]
    )
    headers = [*first, *(name for _, name in table.phases)]
    rows: list[list[Any]] = []
    for group in table.groups:
        for row in group.rows:
            rows.append([group.label, row.name, *("\n".join(cell) or None for cell in row.cells)])
    _write_rows(ws, headers, rows)
    widths = [18, 32, *([24] * len(table.phases))]
    widths = _finish(ws, widths, wrap=True)
    _fit_row_heights(ws, widths, first_row=1)  # the phase names in row 1 wrap too
    ws.freeze_panes = "C2"
    band = PatternFill("solid", fgColor="F2F2F2")
    labels = _font(bold=True)
    previous = None
    for r in range(2, len(rows) + 2):
        cell = ws.cell(r, 1)
        if cell.value != previous:
            cell.font = labels
        previous = cell.value
        for c in range(3, len(headers) + 1):
            if ws.cell(r, c).value is None:
                ws.cell(r, c).fill = band
    for c in range(1, len(headers) + 1):
        ws.cell(1, c).alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].bestFit = False


_ABOUT = {
    "en": [
        "This workbook is a barrier model in the layout that `barriers import` reads.",
        "Edit the sheets model, phases, signals, opportunities, facilitators, partners,",
        "interventions, sources, checklist and vocabulary (and checklist answers and actions, in a",
        "local profile); coverage, barrier table, lists and this sheet are for reading and are",
        "ignored on import, and so is the grey (locked) question text of the checklist answers.",
        "Checklist: one row per question, in order; the rows of a theme share its id and name.",
        "Checklist answers: yes, partly, no or unknown; an empty answer is not answered.",
        "Vocabulary: one row per barrier type or partner sector, a column of labels per",
        "language (row 1: a code such as en or pt-BR; add a column for another language). A row",
        f"without labels is not in the vocabulary; {NO_LABEL} in a label cell: listed, no label.",
        "Row 1 names the fields; hover over a header for what it takes. A bold header is a",
        "required field: every row needs it. Columns with a drop-down take one of its choices.",
        "Ids: lowercase letters, digits and hyphens. Lists of ids: comma-separated.",
        "Phases and partners may be named by their name as well as by their id.",
        "Lists of texts (authors, legal_basis, target_group): one per line (Alt+Enter).",
        f"A phase's `next`: empty for the next row, {END} for an end phase.",
        "A model with a base (extends) comes back as a variant: only what differs is written.",
        "Then: barriers import this.xlsx -o model.yaml && barriers validate model.yaml",
    ],
    "nl": [
        "Deze werkmap is een barrièremodel in de indeling die `barriers import` inleest.",
        "Bewerk de bladen model, fasen, signalen, gelegenheden, facilitatoren, partners,",
        "interventies, bronnen, checklist en woordenlijst (en checklist-antwoorden en acties,",
        "in een lokaal profiel); dekking, barrièretabel, keuzelijsten en dit blad zijn om te",
        "lezen en worden bij het inlezen overgeslagen, net als de grijze (vergrendelde)",
        "vraagtekst bij de checklist-antwoorden.",
        "Checklist: één rij per vraag, op volgorde; de rijen van een thema delen id en naam.",
        "Checklist-antwoorden: yes (ja), partly (deels), no (nee) of unknown (onbekend); leeg:",
        "niet beantwoord.",
        "Woordenlijst: één rij per type van een barrière of sector van een partner, een kolom",
        "vertalingen per taal (rij 1: een taalcode zoals en of pt-BR; voeg een kolom toe voor",
        "een andere taal). Een rij zonder vertalingen staat niet in de woordenlijst;",
        f"{NO_LABEL} in een cel: wel in de woordenlijst, zonder vertaling in die taal.",
        "Rij 1 noemt de velden; wijs een kop aan voor wat erin hoort. Een vette kop is",
        "verplicht: elke rij heeft hem nodig. Kolommen met een keuzelijst nemen een keuze daaruit.",
        "Id's: kleine letters, cijfers en streepjes. Lijsten van id's: met komma's ertussen.",
        "Fasen en partners mogen ook met hun naam worden genoemd in plaats van hun id.",
        "Lijsten van teksten (auteurs, grondslag, doelgroep): één per regel (Alt+Enter).",
        f"De `volgende` van een fase: leeg voor de volgende rij, {END} voor een eindfase.",
        "Een model met een basismodel komt terug als variant: alleen wat verschilt.",
        "Daarna: barriers import deze.xlsx -o model.yaml && barriers validate model.yaml",
    ],
}


def _about_sheet(ws: Worksheet, lang: Lang, local: bool) -> None:
    from openpyxl.styles import Alignment

    ws.cell(1, 1).value = "barriers-werkmap" if lang == "nl" else "barriers workbook"
    ws.cell(1, 1).font = _font(bold=True, size=14)
    for r, line in enumerate(_ABOUT[lang], 3):
        _set(ws.cell(r, 1), line)
        ws.cell(r, 1).font = _font()
        ws.cell(r, 1).alignment = Alignment(wrap_text=False)
    ws.column_dimensions["A"].width = 100
    _print_setup(ws)


# -- same model, same bytes --------------------------------------------------------------------


def _deterministic_bytes(book: Any) -> bytes:
    import datetime

    from openpyxl.writer.excel import ExcelWriter

    fixed = datetime.datetime(*FIXED_DATE)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "barriers"
    raw = io.BytesIO()
    # ExcelWriter directly: save_workbook would stamp `modified` with the clock.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return fixed_zip(raw.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's time fixed, so equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
