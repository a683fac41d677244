"""`barriers import` against hostile and damaged files: refused with one located line each,
in bounded memory, never hanging, never a traceback (issue 10, items 8-11 and 13)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from barriers import importer, load_model
from barriers.export import ExportOptions, export
from barriers.importer import import_file
from barriers.problems import ModelError
from tests.helpers import DATA, EXAMPLE, run_cli

CORPUS = DATA / "hostile-import"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _problems(path: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        import_file(path)
    return [p.render() for p in caught.value.problems]


def _exported() -> bytes:
    data = export(load_model(EXAMPLE, use_cache=False).model, "xlsx", ExportOptions(lang="en"))
    assert isinstance(data, bytes)
    return data


def _part_of(data: bytes, sheet: str) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return str(book[sheet]._worksheet_path)
    finally:
        book.close()


def _rezip(data: bytes, part: str, change: Callable[[bytes], bytes], target: Path) -> Path:
    """``data`` with one archive member changed, written to ``target``."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            out.writestr(info.filename, change(content) if info.filename == part else content)
    return target


def _cell_changed(tmp_path: Path, old: str, new: str, sheet: str = "phases") -> Path:
    """The exported workbook with ``old`` in a sheet's XML replaced (``NAME_CELL``: the
    whole cell B2, whatever its style)."""
    data = _exported()

    def change(xml: bytes) -> bytes:
        pattern = (
            rb'<c r="B2"[^>]*>(?:(?!</c>).)*</c>' if old == NAME_CELL else re.escape(old.encode())
        )
        changed, count = re.subn(pattern, new.encode(), xml, count=1)
        assert count == 1
        return changed

    return _rezip(data, _part_of(data, sheet), change, tmp_path / "bad.xlsx")


NAME_CELL = "the name cell of the first phase"


# -- item 8: files that are not regular files -------------------------------------------------


@pytest.mark.slow  # a subprocess
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_fifo_is_refused_without_hanging(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    # a subprocess with a generous guard: a regression hangs on open(), and must not hang CI
    result = subprocess.run(
        [sys.executable, "-m", "barriers", "import", fifo.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"pipe{suffix}:1:1: not a regular file (a device, pipe or socket)"
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_link_to_a_device_is_refused(tmp_path: Path, suffix: str, device: str) -> None:
    (tmp_path / f"linked{suffix}").symlink_to(device)
    assert _problems(Path(f"linked{suffix}")) == [
        f"linked{suffix}:1:1: not a regular file (a device, pipe or socket)"
    ]


def test_a_folder_named_like_a_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.xlsx").mkdir()
    assert _problems(Path("folder.xlsx")) == ["folder.xlsx:1:1: is a folder, not a spreadsheet"]


# -- item 9: damaged workbooks ------------------------------------------------------------------


def test_a_truncated_sheet_is_a_damaged_workbook(tmp_path: Path) -> None:
    data = _exported()
    part = _part_of(data, "phases")
    path = _rezip(data, part, lambda xml: xml[: len(xml) // 2], tmp_path / "cut.xlsx")
    (problem,) = _problems(path)
    assert problem.startswith(
        f"cut.xlsx:1:1: cannot read the workbook: sheet 'phases': {part} is not well-formed XML ("
    )
    result = run_cli("import", path)
    assert result.code == 1 and result.err.count("\n") == 1 and "Traceback" not in result.err


def test_a_bad_xml_entity_is_a_damaged_workbook(tmp_path: Path) -> None:
    path = _cell_changed(tmp_path, "<t>Werving</t>", "<t>Wer&bogus;ving</t>")
    (problem,) = _problems(path)
    assert "cannot read the workbook: sheet 'phases': xl/worksheets/" in problem
    assert "undefined entity" in problem


def test_a_damaged_shared_part_is_named(tmp_path: Path) -> None:
    data = _exported()
    path = _rezip(data, "xl/styles.xml", lambda xml: xml[:-20], tmp_path / "styles.xlsx")
    assert _problems(path) == [
        "styles.xlsx:1:1: cannot read the workbook: xl/styles.xml is not well-formed XML "
        + _problems(path)[0].split("not well-formed XML ", 1)[1]
    ]


def test_what_openpyxl_trips_over_while_reading_rows_is_a_damaged_workbook(
    tmp_path: Path,
) -> None:
    # a shared-string index that is not there: openpyxl fails only while iterating the rows
    path = _cell_changed(tmp_path, NAME_CELL, '<c r="B2" t="s"><v>999</v></c>')
    (problem,) = _problems(path)
    assert problem.startswith("bad.xlsx:1:1: cannot read the workbook: sheet 'phases': ")


# -- item 10: memory bombs ------------------------------------------------------------------------


def _one_row_bomb(target: Path, cells: int) -> Path:
    """The exported workbook with a phases sheet of one row of ``cells`` cells."""
    data = _exported()
    part = _part_of(data, "phases")
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for info in source.infolist():
            if info.filename != part:
                out.writestr(info.filename, source.read(info.filename))
                continue
            with out.open(part, "w") as sheet:
                sheet.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<sheetData><row r="1">'
                )
                chunk = b"<c><v>1</v></c>" * 10_000
                for _ in range(cells // 10_000):
                    sheet.write(chunk)
                sheet.write(b"</row></sheetData></worksheet>")
    return target


@pytest.mark.slow  # a subprocess with its address space capped
def test_one_row_of_five_million_cells_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = _one_row_bomb(tmp_path / "bomb.xlsx", 5_000_000)
    assert bomb.stat().st_size < 1_000_000  # small on disk, 75 MB of XML inside
    script = (
        "import resource, sys\n"
        "limit = 1024 ** 3\n"
        "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
        "from barriers.cli import main\n"
        "main(['import', sys.argv[1]])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, bomb.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        "bomb.xlsx:1:1: phases!A1: row 1 has more than 16,384 cells (Excel's limit)"
    )


def test_too_many_cells_in_a_sheet_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from barriers import xlsx_guard

    monkeypatch.setattr(xlsx_guard, "MAX_CELLS_PER_SHEET", 10)
    path = tmp_path / "full.xlsx"
    path.write_bytes(_exported())
    problems = _problems(path)
    assert problems[0].startswith("full.xlsx:")
    assert problems[0].endswith("sheet has more than 10 cells (the limit)")


@pytest.mark.parametrize(
    "cell, message",
    [
        ('<c r="XFE2"><v>1</v></c>', "a cell beyond column XFD (Excel's last) in row 2"),
        ('<c r="B2x"><v>1</v></c>', "cell reference 'B2x' is not a cell of a spreadsheet"),
    ],
)
def test_cells_outside_the_grid_are_refused(tmp_path: Path, cell: str, message: str) -> None:
    path = _cell_changed(tmp_path, NAME_CELL, cell)
    assert _problems(path) == [f"bad.xlsx:2:1: phases!A2: {message}"]


def test_a_row_number_outside_the_grid_is_refused(tmp_path: Path) -> None:
    path = _cell_changed(tmp_path, '<row r="3"', '<row r="99999999"')
    assert _problems(path) == [
        "bad.xlsx:3:1: phases!A3: row number '99999999' is outside a spreadsheet's rows"
    ]


# -- item 11: a long CSV, linear, with a limit ----------------------------------------------------


def test_a_name_repeated_on_every_row_is_numbered_in_turn(tmp_path: Path) -> None:
    rows = "".join(f"Les,Werving,Partner {n % 3}\n" for n in range(3_000))
    path = tmp_path / "lang.csv"
    path.write_text("name,phases,partners\n" + rows, encoding="utf-8")
    model = import_file(path).model
    ids = [i.id for i in model.interventions]
    assert ids == ["les", *(f"les-{n}" for n in range(2, 3_001))]
    assert [p.id for p in model.partners] == ["partner-0", "partner-1", "partner-2"]


def test_numbering_skips_ids_given_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text(
        "id,name,phases,partners\nles-2,Eerste,F,P\n,Les,F,P\n,Les,F,P\n,Les,F,P\n",
        encoding="utf-8",
    )
    ids = [i.id for i in import_file(path).model.interventions]
    assert ids == ["les-2", "les", "les-3", "les-4"]


def test_a_csv_with_too_many_rows_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MAX_CSV_ROWS", 5)
    path = tmp_path / "veel.csv"
    path.write_text(
        "name,phases,partners\n" + "".join(f"L{n},F,P\n" for n in range(8)), encoding="utf-8"
    )
    assert _problems(path) == [
        "veel.csv:7:1: the file has more than 5 rows of interventions (the limit)"
    ]


# -- item 13: encodings ------------------------------------------------------------------------


def test_one_bad_byte_in_a_utf8_file_is_named_by_line() -> None:
    with pytest.raises(ModelError) as caught:
        import_file(CORPUS / "mixed-encoding.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (4, 4)
    assert problem.message == (
        "the file is UTF-8 but for byte 0xe9 on line 4: retype that character, or save the "
        "file as CSV UTF-8"
    )


def test_a_bad_byte_after_a_utf8_bom_is_named() -> None:
    with pytest.raises(ModelError) as caught:
        import_file(CORPUS / "bom-then-bad-byte.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 2)
    assert "is UTF-8 but for byte 0xff on line 3" in problem.message


def test_a_file_wholly_in_windows_1252_is_read_with_a_warning() -> None:
    result = import_file(CORPUS / "windows-1252.csv")
    assert result.model.interventions[0].name == "Café gesprek"
    assert [p.message for p in result.warnings] == [
        "not UTF-8; read as Windows-1252 (save as CSV UTF-8)"
    ]


def test_a_byte_windows_1252_does_not_define_is_refused() -> None:
    with pytest.raises(ModelError) as caught:
        import_file(CORPUS / "not-cp1252.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 2)
    assert "neither UTF-8 nor Windows-1252" in problem.message and "0x81" in problem.message


# -- messages about workbook cells and sheets ---------------------------------------------------


@pytest.mark.parametrize(
    "cell, message",
    [
        (
            '<c r="B2" t="n"><v /></c>',  # what openpyxl writes for float('inf')
            "name: a number cell without a number (a program wrote infinity or NaN here?); "
            "type the value itself",
        ),
        (
            '<c r="B2"><v>inf</v></c>',  # openpyxl would raise on it: said without the column
            "a number cell holding 'inf', not a finite number; type the value itself",
        ),
        (
            '<c r="B2"><v>1e999</v></c>',
            "name: a number cell holding '1e999', not a finite number; type the value itself",
        ),
        (
            '<c r="B2"><v>NaN</v></c>',
            "a number cell holding 'NaN', not a finite number; type the value itself",
        ),
    ],
)
def test_numbers_that_are_not_finite_are_named(tmp_path: Path, cell: str, message: str) -> None:
    path = _cell_changed(tmp_path, NAME_CELL, cell)
    assert _problems(path) == [f"bad.xlsx:2:2: phases!B2: {message}"]


def test_an_array_formula_shows_its_text(tmp_path: Path) -> None:
    path = _cell_changed(
        tmp_path, NAME_CELL, '<c r="B2"><f t="array" ref="B2">UPPER(A2)</f><v>WERVING</v></c>'
    )
    assert _problems(path) == [
        "bad.xlsx:2:2: phases!B2: a formula (=UPPER(A2)); type the value itself"
    ]


def _book_with(tmp_path: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    book = openpyxl.load_workbook(io.BytesIO(_exported()))
    edit(book)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


def test_a_hidden_sheet_is_read_with_a_warning(tmp_path: Path) -> None:
    def hide(book: openpyxl.Workbook) -> None:
        book["partners"].sheet_state = "hidden"

    result = import_file(_book_with(tmp_path, hide))
    assert [p.render() for p in result.warnings] == [
        "edited.xlsx:1:1: warning: partners!A1: sheet 'partners' is hidden and is read all the "
        "same; unhide it to see what you import"
    ]
    assert result.model.partners  # read, not dropped


def test_sheets_that_differ_only_in_case_are_refused(tmp_path: Path) -> None:
    # openpyxl itself would not make such twins: rename the 'about' sheet in the XML
    def rename(xml: bytes) -> bytes:
        assert b'name="about"' in xml
        return xml.replace(b'name="about"', b'name="Partners"')

    path = _rezip(_exported(), "xl/workbook.xml", rename, tmp_path / "twins.xlsx")
    assert _problems(path) == [
        "twins.xlsx:1:1: Partners!A1: sheets 'partners' and 'Partners' differ only in case or "
        "spaces; keep one of them (merge their rows)"
    ]


# -- item 24: a semicolon CSV ---------------------------------------------------------------------


def test_the_delimiter_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "puntkomma.csv"
    # more commas than semicolons in the header: sniffing alone would split at the commas
    path.write_text(
        'name;phases;partners;"x, y, z, w"\nLes, twee;Werving;Politie;-\n', encoding="utf-8"
    )
    sniffed = run_cli("import", path, "--id", "x")
    assert sniffed.code == 1 and "has no column 'name'" in sniffed.err
    result = run_cli("import", path, "--delimiter", ";", "--id", "x")
    assert result.code == 0, result.err
    assert "name: Les, twee" in result.out


def test_export_csv_with_semicolons_for_dutch_excel(tmp_path: Path) -> None:
    import csv

    edge = DATA / "export-edge-cases.yaml"
    comma, semicolon = tmp_path / "komma.csv", tmp_path / "puntkomma.csv"
    assert run_cli("export", edge, "--to", "csv", "-o", comma).code == 0
    assert run_cli("export", edge, "--to", "csv", "--delimiter", ";", "-o", semicolon).code == 0
    read = [
        list(csv.reader(io.StringIO(p.read_text("utf-8-sig")), delimiter=d))
        for p, d in ((comma, ","), (semicolon, ";"))
    ]
    assert read[0] == read[1] and len(read[0]) > 2
    assert semicolon.read_bytes().startswith(b"\xef\xbb\xbfphase;name;")
    wrong = run_cli("export", edge, "--to", "graphml", "--delimiter", ";", "-o", "x.graphml")
    assert wrong.code == 2 and "--delimiter is for --to csv" in wrong.err


def test_a_part_openpyxl_never_reads_need_not_be_well_formed(tmp_path: Path) -> None:
    # Excel's legacy VML drawings (comment boxes) are often not well-formed XML
    data = _exported()
    vml = next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".vml"))
    path = _rezip(data, vml, lambda xml: xml + b"<br>", tmp_path / "vml.xlsx")
    assert import_file(path).model.id == "example"
