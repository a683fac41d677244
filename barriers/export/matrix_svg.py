"""The classic barrier-model table as a standalone, print-ready SVG.

Rows are the barriers grouped by type (or prevention mechanism), columns the phases in
process order, cells the partners raising the barrier in that phase. The drawing is A4
landscape pages stacked top to bottom in one SVG (297 mm wide, 210 mm per page, with
``@page`` set to A4 landscape, no margin, so that printing breaks exactly between pages).
A table too long for a page goes on to the next with the header row repeated; more phases
than fit across a page are split into column sets, each starting on a new page with the
barrier names repeated. Nothing is cut off, except lines of a single cell taller than a
whole page, which end with "… (+N)".

Text is measured with DejaVu Sans's own advance widths (:mod:`barriers.fonts`), the font the
SVG names first and Debian ships, so nothing runs out of its cell when drawn with it; the
widths are a table in the package, so the same model gives the same bytes on every machine.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from barriers import fonts
from barriers.analysis.matrix import BarrierTable, TableGroup, TableRow, barrier_table
from barriers.export import ExportOptions
from barriers.model import Model
from barriers.palette import PHASE_COLOR
from barriers.text import one_line, xml_safe

PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 10.0
FONT = 2.6  # mm, about 7.4 pt
TITLE_FONT = 5.0
LINE = FONT * 1.28
PAD = 1.2
NAME_W = 62.0  # the barrier column
MIN_PHASE_W = 25.0
BAND_H = LINE + 2 * PAD * 0.6
TABLE_TOP = MARGIN + 17.0
TABLE_BOTTOM = PAGE_H - MARGIN - 4.0
INK = "#111111"
GRID = "#8a8a8a"
BAND = "#e9edf3"
FILLED = "#eaf3ea"
FONTS = fonts.SVG_FONTS


def render(model: Model, options: ExportOptions) -> str:
    """The SVG text of the barrier table of ``model``."""
    table = barrier_table(model, options.group_by)
    pages = list(_paginate(table))
    return _svg(model, table, pages)


# -- layout --------------------------------------------------------------------------------------


@dataclass
class _Row:
    kind: str  # "header", "band" or "row"
    height: float
    cells: list[list[str]]  # lines per column (the first column is the barrier or group)


@dataclass
class _Page:
    columns: tuple[int, ...]  # phase indexes shown
    widths: tuple[float, ...]  # first column, then the phases
    rows: list[_Row] = field(default_factory=list)
    set_number: int = 1
    set_count: int = 1


def text_width(text: str, font: float = FONT, bold: bool = False) -> float:
    """Width in mm of ``text`` drawn in DejaVu Sans (the font the SVG names) at ``font`` mm."""
    return fonts.text_width(text, font, bold)


def wrap(text: str, width: float, font: float = FONT, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` mm (estimated); words split only if too long."""

    def fits(candidate: str) -> bool:
        return text_width(candidate, font, bold) <= width

    lines: list[str] = []
    current = ""
    for word in one_line(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        while not fits(word) and len(word) > 1:
            cut = max(1, next(n for n in range(len(word), 0, -1) if fits(word[: n - 1] + "-")) - 1)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _bulleted(text: str, width: float) -> list[str]:
    """A list item: a bullet before the first line, the others indented to match."""
    lines = wrap(text, width - text_width("• "))
    return [("• " if k == 0 else "   ") + line for k, line in enumerate(lines)]


def _column_sets(count: int) -> list[tuple[int, ...]]:
    per_page = max(1, int((PAGE_W - 2 * MARGIN - NAME_W) // MIN_PHASE_W))
    sets = max(1, math.ceil(count / per_page))
    size = math.ceil(count / sets) if count else 0
    return [tuple(range(i, min(i + size, count))) for i in range(0, count, size)] or [()]


def _height(lines: int) -> float:
    return lines * LINE + 2 * PAD


def _fit(lines: list[str], room: int) -> list[str]:
    if len(lines) <= room:
        return lines
    return [*lines[: room - 1], f"… (+{len(lines) - room + 1})"]


def _paginate(table: BarrierTable) -> Iterator[_Page]:
    sets = _column_sets(len(table.phases))
    for number, columns in enumerate(sets, 1):
        phase_w = (PAGE_W - 2 * MARGIN - NAME_W) / max(len(columns), 1)
        widths = (NAME_W, *([phase_w] * len(columns)))
        header_cells = [["Barrier"]] + [
            wrap(f"{i + 1}. {table.phases[i][1]}", phase_w - 2 * PAD, bold=True) for i in columns
        ]
        header = _Row("header", _height(max(len(c) for c in header_cells)), header_cells)
        room = int((TABLE_BOTTOM - TABLE_TOP - header.height - BAND_H - 2 * PAD) // LINE)

        page = _Page(columns, widths, [header], number, len(sets))
        y = TABLE_TOP + header.height
        for group in table.groups:
            for k, row in enumerate(group.rows):
                drawn = _table_row(row, columns, widths, room)
                needs_band = k == 0
                need = drawn.height + (BAND_H if needs_band else 0)
                if y + need > TABLE_BOTTOM:
                    yield page
                    page = _Page(columns, widths, [header], number, len(sets))
                    y = TABLE_TOP + header.height
                    needs_band = True
                if needs_band:
                    label = group.label if k == 0 else f"{group.label} (continued)"
                    page.rows.append(_band(group, label))
                    y += BAND_H
                page.rows.append(drawn)
                y += drawn.height
        yield page


def _band(group: TableGroup, label: str) -> _Row:
    return _Row("band", BAND_H, [[f"{label} · {len(group.rows)}"]])


def _table_row(
    row: TableRow, columns: tuple[int, ...], widths: tuple[float, ...], room: int
) -> _Row:
    cells = [_fit(wrap(row.name, widths[0] - 2 * PAD, bold=True), room)]
    for position, index in enumerate(columns, 1):
        lines: list[str] = []
        for name in row.cells[index]:
            lines.extend(_bulleted(name, widths[position] - 2 * PAD))
        cells.append(_fit(lines, room))
    return _Row("row", _height(max(max(len(c) for c in cells), 1)), cells)


# -- drawing -------------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _esc(text: str) -> str:
    return html.escape(xml_safe(text), quote=True)


def _svg(model: Model, table: BarrierTable, pages: list[_Page]) -> str:
    total_h = PAGE_H * len(pages)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(PAGE_W)}mm" '
        f'height="{_n(total_h)}mm" viewBox="0 0 {_n(PAGE_W)} {_n(total_h)}" '
        f'font-family="{FONTS}" font-size="{_n(FONT)}" fill="{INK}">',
        f"<title>{_esc(model.title)}: barrier table</title>",
        "<style>@page { size: A4 landscape; margin: 0 } "
        "svg { background: #ffffff } text { white-space: pre }</style>",
    ]
    grouping = "prevention mechanism" if table.group_by == "mechanism" else "type"
    for number, page in enumerate(pages, 1):
        top = PAGE_H * (number - 1)
        out.append(f'<g id="page-{number}" transform="translate(0 {_n(top)})">')
        out.append(f'<rect width="{_n(PAGE_W)}" height="{_n(PAGE_H)}" fill="#ffffff"/>')
        out.append(
            f'<text x="{_n(MARGIN)}" y="{_n(MARGIN + TITLE_FONT)}" font-size="{_n(TITLE_FONT)}" '
            f'font-weight="bold">{_esc(_clip(model.title, 90))}</text>'
        )
        detail = (
            f"Barrier table ({model.id}): {table.row_count} barriers by {grouping}, "
            f"{len(table.phases)} phases in process order; cells name the partners"
        )
        if page.set_count > 1:
            detail += f"; phase set {page.set_number} of {page.set_count}"
        out.append(f'<text x="{_n(MARGIN)}" y="{_n(MARGIN + 11)}">{_esc(detail)}</text>')
        out.extend(_page_rows(page))
        out.append(
            f'<text x="{_n(PAGE_W - MARGIN)}" y="{_n(PAGE_H - MARGIN + 3)}" '
            f'text-anchor="end">page {number} of {len(pages)}</text>'
        )
        out.append("</g>")
    if table.row_count == 0:
        out.insert(
            -1,
            f'<text x="{_n(MARGIN)}" y="{_n(TABLE_TOP + 20)}">'
            "No interventions in this model yet.</text>",
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _clip(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _page_rows(page: _Page) -> Iterator[str]:
    y = TABLE_TOP
    full = sum(page.widths)
    for row in page.rows:
        if row.kind == "band":
            yield (
                f'<rect x="{_n(MARGIN)}" y="{_n(y)}" width="{_n(full)}" height="{_n(row.height)}" '
                f'fill="{BAND}" stroke="{GRID}" stroke-width="0.2"/>'
            )
            yield _lines(row.cells[0], MARGIN + PAD, y, bold=True)
            y += row.height
            continue
        x = MARGIN
        for index, (width, lines) in enumerate(zip(page.widths, row.cells, strict=True)):
            if row.kind == "header":
                fill, color = PHASE_COLOR["background"], "#ffffff"
            else:
                fill, color = (FILLED if lines and index else "#ffffff"), INK
            yield (
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(row.height)}" '
                f'fill="{fill}" stroke="{GRID}" stroke-width="0.2"/>'
            )
            if lines:
                yield _lines(
                    lines, x + PAD, y, bold=row.kind == "header" or index == 0, color=color
                )
            x += width
        y += row.height


def _lines(lines: list[str], x: float, y: float, *, bold: bool, color: str = INK) -> str:
    weight = ' font-weight="bold"' if bold else ""
    fill = f' fill="{color}"' if color != INK else ""
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(y + PAD + FONT * 0.95 + k * LINE)}">{_esc(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f"<text{weight}{fill}>{spans}</text>"
