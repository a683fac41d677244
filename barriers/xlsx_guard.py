"""A workbook's XML looked over before openpyxl parses it: bounded, streaming, located.

openpyxl builds a whole ``<row>`` in memory before it yields it, builds the shared strings
and the styles as full trees, and parses lazily (a damaged sheet fails while its rows are
read). So every XML part of the archive is streamed through a pull parser first, keeping
only the open elements (each finished one is dropped from its parent at once): memory stays
bounded by the nesting depth, whatever the file claims. The scan refuses, at the first
offence, a part that is not well-formed XML, more elements than a real workbook has, a row
with more cells than Excel allows, a sheet with too many cells or rows, and cell
references outside Excel's grid; and it notes number cells that are not finite numbers,
which openpyxl would crash on (``inf``) or read as empty (``<v/>``, what openpyxl writes
for infinity).
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384  # XFD
MAX_CELLS_PER_ROW = EXCEL_MAX_COLUMNS
MAX_CELLS_PER_SHEET = 2_000_000  # 20,000 rows of data by 100 columns
MAX_ELEMENTS_PER_PART = 4_000_000  # a sheet's or the shared strings' XML elements
MAX_ELEMENTS_OTHER_PART = 500_000  # styles, workbook, relationships, ...
_CHUNK = 64 * 1024
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class DamagedWorkbook(Exception):
    """The workbook cannot be read as it is; the message says where and why."""


@dataclass(frozen=True)
class OddCell:
    row: int
    column: int
    message: str
    fatal: bool  # openpyxl cannot read the sheet past it (it would raise)


@dataclass
class SheetScan:
    """What the scan of one sheet found: its size and the cells openpyxl would misread."""

    rows: int = 0
    cells: int = 0
    odd: dict[tuple[int, int], OddCell] = field(default_factory=dict)


class TooBig(Exception):
    """A limit was passed; ``row`` and ``column`` say where (1-based)."""

    def __init__(self, message: str, row: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.row, self.column = message, row, column


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The worksheets' XML parts by sheet name, from the workbook's own XML (as openpyxl
    finds them); raise :class:`DamagedWorkbook` when that XML is not there or not well-formed.
    """
    names: dict[str, str] = {}  # relationship id -> sheet name
    for event, element in _events(archive, "xl/workbook.xml", keep=True):
        if event == "end" and element.tag.rpartition("}")[2] == "sheet":
            rel = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rel is not None:
                names[rel] = element.get("name", "")
    parts: dict[str, str] = {}
    for event, element in _events(archive, "xl/_rels/workbook.xml.rels", keep=True):
        if event == "end" and element.get("Id") in names:
            target = element.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[names[element.get("Id", "")]] = part
    return parts


def scan_parts(archive: zipfile.ZipFile, worksheets: set[str]) -> None:
    """Stream every XML part except the ``worksheets`` (scanned by :func:`scan_sheet`).

    Every part is bounded in elements; only the parts openpyxl reads must be well-formed
    (Excel's own VML drawings, for one, often are not, and nothing here reads them).
    """
    for info in archive.infolist():
        name = info.filename
        if not name.endswith((".xml", ".rels", ".vml")) or name in worksheets:
            continue
        limit = (
            MAX_ELEMENTS_PER_PART if name.endswith("sharedStrings.xml") else MAX_ELEMENTS_OTHER_PART
        )
        elements = 0
        try:
            for event, _ in _events(archive, name):
                if event == "start":
                    elements += 1
                    if elements > limit:
                        raise TooManyElements(
                            f"{name} has more than {limit:,} XML elements (the limit); "
                            "this is not a workbook a person made"
                        )
        except TooManyElements as exc:
            raise DamagedWorkbook(str(exc)) from None
        except DamagedWorkbook:
            if _read_by_openpyxl(name):
                raise


class TooManyElements(Exception):
    pass


def _read_by_openpyxl(part: str) -> bool:
    """Whether openpyxl parses this part when it opens a workbook to read its cells."""
    return (
        part in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")
        or part.startswith(("docProps/", "xl/_rels/", "xl/externalLinks/"))
        or part.endswith(("styles.xml", "sharedStrings.xml"))
    )


def scan_sheet(archive: zipfile.ZipFile, part: str, max_rows: int) -> SheetScan:
    """Stream one worksheet's XML; raise :class:`TooBig` or :class:`DamagedWorkbook`."""
    scan = SheetScan()
    elements = 0
    row = 0  # the current row's number
    column = 0  # the current cell's column
    in_row = False
    cells_in_row = 0
    cell_type = "n"
    value: str | None = None
    has_formula = False
    for event, element in _events(archive, part):
        tag = element.tag.rpartition("}")[2]
        if event == "start":
            elements += 1
            if elements > MAX_ELEMENTS_PER_PART:
                raise TooBig(f"sheet has more than {MAX_ELEMENTS_PER_PART:,} XML elements", row)
            if tag == "row":
                row = _row_number(element, row)
                in_row, cells_in_row, column = True, 0, 0
                scan.rows += 1
                if row > max_rows:
                    raise TooBig(
                        f"sheet goes on beyond row {max_rows:,} (the limit); "
                        "delete the rows below the data",
                        max_rows + 1,
                    )
            elif tag == "c" and in_row:
                cells_in_row += 1
                scan.cells += 1
                if cells_in_row > MAX_CELLS_PER_ROW:
                    raise TooBig(
                        f"row {row:,} has more than {MAX_CELLS_PER_ROW:,} cells (Excel's limit)",
                        row,
                    )
                if scan.cells > MAX_CELLS_PER_SHEET:
                    raise TooBig(
                        f"sheet has more than {MAX_CELLS_PER_SHEET:,} cells (the limit)", row
                    )
                column = _cell_column(element, row, column)
                cell_type, value, has_formula = element.get("t", "n"), None, False
        else:
            if tag == "v":
                value = element.text or ""
            elif tag == "f":
                has_formula = True
            elif tag == "c" and in_row and cell_type == "n" and not has_formula:
                odd = _odd_number(value)
                if odd is not None and len(scan.odd) < 100:
                    scan.odd[(row, column)] = OddCell(row, column, *odd)
            elif tag == "row":
                in_row = False
    return scan


def _events(
    archive: zipfile.ZipFile, part: str, *, keep: bool = False
) -> Iterator[tuple[str, Element]]:
    """(event, element) pairs of a part, each finished element dropped from its parent
    (unless ``keep``: for the small parts that :func:`scan_parts` has bounded already)."""
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    open_elements: list[Element] = []
    try:
        if part not in archive.namelist():
            raise DamagedWorkbook(f"the archive has no {part}")
        with archive.open(part) as stream:
            for chunk in _chunks(stream):
                parser.feed(chunk)
                yield from _drain(parser, open_elements, keep)
            parser.close()
            yield from _drain(parser, open_elements, keep)
    except ParseError as exc:
        raise DamagedWorkbook(f"{part} is not well-formed XML ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise DamagedWorkbook(f"{part} cannot be unpacked ({exc})") from None


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _drain(
    parser: XMLPullParser[Element], open_elements: list[Element], keep: bool
) -> Iterator[tuple[str, Element]]:
    for event, element in parser.read_events():  # type: ignore[misc]  # (event, element) here
        assert isinstance(event, str) and isinstance(element, Element)
        if event == "start":
            open_elements.append(element)
            yield event, element
        else:
            yield event, element
            open_elements.pop()
            if open_elements and not keep:
                # the finished element is its parent's last child: drop it, keep memory flat
                del open_elements[-1][-1]


def _row_number(element: Element, previous: int) -> int:
    raw = element.get("r")
    if raw is None:
        return previous + 1
    if not raw.isdigit() or not 1 <= int(raw) <= EXCEL_MAX_ROWS:
        raise TooBig(f"row number {raw[:20]!r} is outside a spreadsheet's rows", previous + 1)
    return int(raw)


def _cell_column(element: Element, row: int, previous: int) -> int:
    raw = element.get("r")
    if raw is None:
        column = previous + 1
    else:
        match = _REF.fullmatch(raw)
        if match is None:
            raise TooBig(f"cell reference {raw[:20]!r} is not a cell of a spreadsheet", row)
        column = 0
        for letter in match.group(1):
            column = column * 26 + ord(letter) - ord("A") + 1
    if column > EXCEL_MAX_COLUMNS:
        raise TooBig(f"a cell beyond column XFD (Excel's last) in row {row:,}", row)
    return column


def _odd_number(text: str | None) -> tuple[str, bool] | None:
    """Why a number cell's text is not a finite number (and whether openpyxl would crash
    on it), or ``None`` when it is one."""
    if text is None:
        return None  # no <v>: an empty (perhaps formatted) cell
    if not text.strip():
        message = "a number cell without a number (a program wrote infinity or NaN here?)"
        return f"{message}; type the value itself", False
    crashes = False
    try:
        number = float(text)
    except ValueError:
        number, crashes = math.nan, True
    # openpyxl reads a number without '.', 'e' or 'E' with int(): 'inf' would crash it
    if not any(c in text for c in ".eE"):
        try:
            int(text)
        except ValueError:
            crashes = True
    if math.isfinite(number) and not crashes:
        return None
    shown = text.strip()[:20]
    return f"a number cell holding {shown!r}, not a finite number; type the value itself", crashes
