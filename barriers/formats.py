"""Views of answers: terminal tables, JSON, CSV and markdown, shared by every command.

Each view makes model text safe for where it goes, in one place for every command: the
terminal gets control characters escaped (:func:`barriers.terminal.visible`), markdown gets
every character markdown or HTML acts on escaped (:func:`barriers.text.md_text`), and
CSV cells a spreadsheet would run as formulas are quoted (:func:`barriers.text.csv_cell`),
as ``export --to md`` and ``export --to csv`` do.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from barriers.terminal import visible
from barriers.text import csv_cell, md_text

FORMATS = ("table", "json", "csv", "md")


def to_json(data: Any) -> str:
    """Stable JSON: UTF-8 text kept as is, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, max_width: int = 60) -> str:
    """A plain-text table for the terminal, long cells cut with an ellipsis."""
    cells = [[_clip(visible(_cell(v)), max_width) for v in row] for row in rows]
    headers = [visible(h) for h in headers]
    widths = [_width(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _width(value))
    lines = [_line(headers, widths), "  ".join("-" * w for w in widths)]
    lines.extend(_line(row, widths) for row in cells)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A GitHub-flavoured markdown table; cells are text (markup, HTML and pipes escaped)."""

    def esc(value: Any) -> str:
        return md_text(_cell(value))

    lines = ["| " + " | ".join(esc(h) for h in headers) + " |"]
    lines.append("|" + "|".join(" --- " for _ in headers) + "|")
    lines.extend("| " + " | ".join(esc(v) for v in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a header row; list cells joined by '; '; no text cell starts a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = "; ".join(map(str, value))
    if value is None:
        return ""
    return csv_cell(value) if isinstance(value, str) else value


def md_heading(title: str) -> str:
    """A markdown heading of ``title``'s first line; its other lines as text below it."""
    first, *rest = title.split("\n")
    return "\n\n".join([f"## {md_text(first)}", *(md_text(line) for line in rest)])


def render(
    fmt: str,
    data: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    notes: Sequence[str] = (),
    max_width: int = 60,
) -> str:
    """One answer in the asked format: ``data`` for JSON, ``headers``/``rows`` for the rest.

    ``title`` and ``notes`` (lines under the table) are for people: table and markdown show
    them, JSON and CSV stay pure data. With no rows but notes, the notes stand alone.
    """
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        return csv_text(headers, rows)
    if fmt == "md":
        head = [md_heading(title)] if title else []
        lines = [md_text(note) for note in notes]
        if not rows and notes:
            return "\n\n".join([*head, "\n".join(lines)]) + "\n"
        text = "".join(h + "\n\n" for h in head) + markdown_table(headers, rows)
    else:
        head = [visible(title)] if title else []
        lines = [visible(note) for note in notes]
        if not rows and notes:
            return "\n\n".join([*head, "\n".join(lines)]) + "\n"
        text = "".join(h + "\n\n" for h in head) + table(headers, rows, max_width=max_width)
    return text + ("\n" + "\n".join(lines) + "\n" if lines else "")
