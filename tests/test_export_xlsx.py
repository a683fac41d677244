"""The xlsx export read back with openpyxl: sheets, cells, formatting, same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from barriers import analysis, load_model
from barriers.export import ExportOptions, export
from barriers.model import Model
from barriers.problems import BarriersError
from barriers.workbook import ITEM_SHEETS
from tests.helpers import DATA, MODELS, run_cli

EDGE = DATA / "export-edge-cases.yaml"


@pytest.fixture(scope="module")
def edge() -> Model:
    return load_model(EDGE, use_cache=False).model


@pytest.fixture(scope="module")
def book(edge: Model) -> Any:
    data = export(edge, "xlsx", ExportOptions(lang="en"))
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws: Any) -> list[dict[str, Any]]:
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_sheets_in_order(book: Any) -> None:
    assert book.sheetnames == [
        "model",
        "phases",
        "signals",
        "opportunities",
        "facilitators",
        "partners",
        "interventions",
        "sources",
        "checklist",
        "vocabulary",
        "coverage",
        "barrier table",
        "about",
        "lists",
    ]
    assert book.active.title == "model"


def test_model_sheet_holds_the_model_fields(book: Any, edge: Model) -> None:
    fields = {row[0]: row[1] for row in book["model"].iter_rows(min_row=2, values_only=True)}
    assert fields["id"] == "randgevallen"
    assert fields["title"] == edge.title
    assert fields["authors"] == 'Jansen, P.\n=HYPERLINK("http://evil.invalid")\n@auteur'
    assert fields["notes"] == '{"reviewed": false, "rounds": [1, 2], "remark": "=1+1"}'
    assert fields["license"] == "CC-BY-4.0"


def test_item_sheets_one_row_per_item(book: Any, edge: Model) -> None:
    phases = _rows(book["phases"])
    assert [r["id"] for r in phases] == [p.id for p in edge.phases]
    assert phases[1]["next"] == "uitbuiting, nazorg"  # differs from 'the next row'
    assert phases[2]["next"] == "-"  # an end phase in the middle
    assert phases[0]["next"] is None and phases[3]["next"] is None  # the defaults
    interventions = {r["id"]: r for r in _rows(book["interventions"])}
    assert interventions["voorlichting"]["phases"] == "werving, end"
    assert interventions["voorlichting"]["partners"] == "school, gemeente"
    assert interventions["voorlichting"]["legal_basis"] == "art. 273f Sr, lid 1\nWet Bibob"
    assert interventions["voorlichting"]["description"] == "Regel een\nRegel twee met = teken"
    assert interventions["meldcode"]["notes"] == '"\\"quoted\\""'
    sources = {r["id"]: r for r in _rows(book["sources"])}
    assert sources["bron-een"]["year"] == 2017
    assert sources["bron-twee"]["notes"] == 42
    signals = _rows(book["signals"])
    assert [(s["phase"], s["about"]) for s in signals] == [
        ("werving", "offender"),
        ("werving", "victim"),
        ("werving", None),
    ]
    assert _rows(book["facilitators"])[0]["awareness"] == "both"


def test_formula_like_text_is_stored_as_text(book: Any) -> None:
    """Text starting with = + - @ (or an error code) must never become a formula."""
    seen = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                assert cell.data_type != "e", f"{ws.title}!{cell.coordinate} is an error"
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s"
                    seen += 1
    assert seen >= 8
    raw = zipfile.ZipFile(io.BytesIO(export(load_model(EDGE).model, "xlsx")))
    for name in raw.namelist():
        if name.startswith("xl/worksheets/sheet"):
            assert b"<f>" not in raw.read(name), name


def test_headers_frozen_filtered_and_sized(book: Any) -> None:
    for sheet in ITEM_SHEETS:
        ws = book[sheet.name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.cell(1, 1).font.b
        for index, column in enumerate(sheet.columns, 1):
            letter = openpyxl.utils.get_column_letter(index)
            assert ws.column_dimensions[letter].width == column.width
            assert ws.cell(1, index).value == column.name
            assert ws.cell(1, index).comment is not None or not column.help


def test_coverage_sheet_matches_the_analysis_and_colours_gaps(book: Any, edge: Model) -> None:
    ws = book["coverage"]
    rows = _rows(ws)
    assert [r["phase"] for r in rows] == analysis.process_order(edge)
    gaps = analysis.gaps(edge)
    counts = {r["phase"]: r["interventions"] for r in rows}
    assert [p for p, n in counts.items() if n == 0] == gaps["uncovered"]
    assert rows[0]["School, VO"] == 2 and rows[2]["=politie"] == 2
    assert ws.freeze_panes == "C2"
    rules = {
        str(rng.sqref): [r.formula for r in rules]
        for rng, rules in ws.conditional_formatting._cf_rules.items()
    }
    assert ["$C2=0"] in rules["A2:D5"] and ["$D2=1"] in rules["A2:D5"]
    assert ["$C2=0"] in rules["E2:G5"] and ["0"] in rules["E2:G5"]


def test_barrier_table_sheet(book: Any, edge: Model) -> None:
    rows = list(book["barrier table"].iter_rows(values_only=True))
    assert rows[0] == ("type", "barrier", *(p.name for p in edge.phases))
    assert rows[1][:3] == (
        "preventie",
        'Voorlichting, lessen & "weerbaarheid"',
        'School, VO\nGemeente; afdeling "Veiligheid"',
    )
    assert [r[0] for r in rows[1:]] == ["preventie", "=strafrechtelijk", "(no type)"]


def test_same_model_same_bytes_with_fixed_dates(edge: Model) -> None:
    first = export(edge, "xlsx")
    second = export(load_model(EDGE, use_cache=False).model, "xlsx")
    assert first == second
    assert isinstance(first, bytes)
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    props = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert props.creator == "barriers"
    assert props.created.year == props.modified.year == 2000


@pytest.mark.parametrize(
    "text, message",
    [
        ('"A\\eB"', "control character U+001B"),
        ("'" + "x" * 19_000 + "'", None),
    ],
)
def test_text_a_cell_cannot_hold_is_refused(write_model, text: str, message: str | None) -> None:  # type: ignore[no-untyped-def]
    path = write_model(
        f"id: ctl\ntitle: T\nphases:\n  - id: a\n    name: A\n    description: {text}\n"
    )
    model = load_model(path, use_cache=False).model
    if message is None:
        assert isinstance(export(model, "xlsx"), bytes)
        return
    expected = re.escape(f"phase 'a' field 'description' contains the {message}")
    with pytest.raises(BarriersError, match=expected):
        export(model, "xlsx")


def test_notes_too_long_for_a_cell_are_refused(write_model) -> None:  # type: ignore[no-untyped-def]
    notes = ", ".join(f"n{n}" for n in range(9000))
    path = write_model(f"id: big\ntitle: T\nnotes: [{notes}]\nphases:\n  - id: a\n    name: A\n")
    with pytest.raises(
        BarriersError, match=r"model field 'notes' has .* characters; a spreadsheet"
    ):
        export(load_model(path, use_cache=False).model, "xlsx")


def test_export_command_writes_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "general.xlsx"
    result = run_cli("export", MODELS / "loverboys-general.yaml", "--to", "xlsx", "-o", target)
    assert result.code == 0, result.err
    loaded = openpyxl.load_workbook(target)
    model = load_model(MODELS / "loverboys-general.yaml").model
    assert len(_rows(loaded["interventies"])) == len(model.interventions)  # Dutch by default


def test_group_by_mechanism_reaches_the_barrier_table(tmp_path: Path) -> None:
    target = tmp_path / "edge.xlsx"
    result = run_cli(
        "export", EDGE, "--to", "xlsx", "--group-by", "mechanism", "--lang", "en", "-o", target
    )
    assert result.code == 0, result.err
    rows = list(openpyxl.load_workbook(target)["barrier table"].iter_rows(values_only=True))
    assert rows[0][0] == "mechanism"
    assert rows[1][0] == "Remove excuses (Neem excuses weg)"


# -- the workbook in LibreOffice and Excel (issue 10, item 23); tests/test_xlsx_libreoffice.py
# -- checks the same properties as LibreOffice reads them


def test_only_required_headers_are_bold_and_every_cell_has_the_named_font(book: Any) -> None:
    from barriers.export.xlsx import FONT

    for sheet in ITEM_SHEETS:
        ws = book[sheet.name]
        for index, column in enumerate(sheet.columns, 1):
            assert bool(ws.cell(1, index).font.b) == column.required, (sheet.name, column.name)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == FONT, (sheet.name, cell.coordinate)


def test_id_and_text_columns_are_formatted_as_text(book: Any) -> None:
    for sheet in ITEM_SHEETS:
        ws = book[sheet.name]
        for index, column in enumerate(sheet.columns, 1):
            letter = openpyxl.utils.get_column_letter(index)
            text_kinds = ("id", "text", "ids", "texts", "next", "ref", "refs", "date")
            want = "@" if column.kind in text_kinds else "General"
            assert ws.column_dimensions[letter].number_format == want, (sheet.name, column.name)
            for row in range(2, ws.max_row + 1):
                if ws.cell(row, index).value is not None:
                    assert ws.cell(row, index).number_format == want
    assert book["model"].column_dimensions["B"].number_format == "@"  # version '2.0' stays


def test_every_sheet_prints_landscape_one_page_wide_with_row_1_repeated(book: Any) -> None:
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1", ws.title


def test_rows_are_as_high_as_their_wrapped_text(book: Any) -> None:
    from barriers.export.xlsx import row_height, wrapped_lines

    checked = 0
    for sheet in ITEM_SHEETS:
        ws = book[sheet.name]
        for row in range(2, ws.max_row + 1):
            lines = max(
                wrapped_lines(str(ws.cell(row, i).value), c.width)
                for i, c in enumerate(sheet.columns, 1)
                if ws.cell(row, i).value is not None
            )
            height = ws.row_dimensions[row].height
            assert height == (row_height(lines) if lines > 1 else None), (sheet.name, row)
            checked += lines > 1
    assert checked  # the edge-case model has text that wraps


def test_wrapped_lines_counts_words_and_line_breaks() -> None:
    from barriers.export.xlsx import wrapped_lines

    # width 10 is 52.5 pt, 49.5 pt for text; DejaVu Sans 10 pt: 'een twee' is 46.2 pt wide,
    # 'een twee drie' 68.8 pt, an 'x' 5.9 pt
    assert wrapped_lines("kort", 10) == 1
    assert wrapped_lines("een twee drie vier", 10) == 2  # whole words: 'drie vier' next
    assert wrapped_lines("a\nb\n\nc", 10) == 4  # an empty line takes a line too
    assert wrapped_lines("x" * 25, 10) == 3  # 148 pt: a long word is broken, twice
    assert wrapped_lines("i" * 15, 10) == 1  # 41.7 pt: 15 narrow letters fit where 10 x do not
    # the compound that 20 characters a line cut in Calc: four lines, not three
    assert wrapped_lines("aandachtsfunctionaris-gemeente, samenwerkingsconvenant-keten", 20) == 4


def test_a_column_is_widened_where_its_text_would_not_fit_the_tallest_row() -> None:
    """Excel and Calc allow rows up to 409 pt (31 lines here): a longer note would be cut, so
    its column grows, in steps of 5, until it fits (up to Excel's widest, 255)."""
    from openpyxl import Workbook

    from barriers.export.xlsx import LINE_HEIGHT, ROW_PADDING, _widths_that_fit, wrapped_lines

    def height(text: str, width: int) -> float:
        return wrapped_lines(text, width) * LINE_HEIGHT + ROW_PADDING

    note = "Dat dit sinds 1 juli 2024 art. 245 Sr is, blijft afgeleid. " * 30
    ws: Any = Workbook().active
    ws.append(["id", "notes"])
    ws.append(["kort", note])
    assert height(note, 20) > 409
    widths = _widths_that_fit(ws, [16, 20])
    assert widths[0] == 16
    assert height(note, widths[1]) <= 409 < height(note, widths[1] - 5)
    ws.append(["lang", "x" * 32_767])  # no width holds a full cell: the widest, not a hang
    assert _widths_that_fit(ws, [16, 20]) == [16, 255]
