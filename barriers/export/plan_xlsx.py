"""The action plan of a local profile as a one-sheet workbook (``barriers plan --format xlsx``).

Text stays text (a title starting with ``=`` never becomes a formula) and the bytes are the
same for the same plan: fixed document dates and zip times.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence
from typing import Any

FIXED_DATE = (2000, 1, 1, 0, 0, 0)


def plan_workbook(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    without_plan: Sequence[str],
    names: dict[tuple[str, str], str],
) -> bytes:
    """The workbook: an ``actions`` sheet (one row per action) and ``without plan``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "actions"
    _rows(sheet, headers, [[_cell(v) for v in row] for row in rows])
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJK", (18, 40, 9, 12, 12, 18, 30, 20, 9, 9, 40), strict=False
    ):
        sheet.column_dimensions[letter].width = width
    top = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = top
    gaps = book.create_sheet("without plan")
    _rows(gaps, ["phase", "name"], [[p, names.get(("phase", p), p)] for p in without_plan])
    for cell in (*sheet[1], *gaps[1]):
        cell.font = Font(bold=True)
    return _deterministic_bytes(book)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(value)
    return value


def _rows(sheet: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    for r, row in enumerate([list(headers), *rows], 1):
        for c, value in enumerate(row, 1):
            if value is None:
                continue
            cell = sheet.cell(r, c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # '=...' stays text, never a formula


def _deterministic_bytes(book: Any) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    fixed = datetime.datetime(*FIXED_DATE)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "barriers"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # save_workbook would stamp `modified` with the clock
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
