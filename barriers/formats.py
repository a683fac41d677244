"""Views of answers: terminal tables, JSON, CSV and markdown, shared by every command."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

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
    cells = [[_clip(_cell(v), max_width) for v in row] for row in rows]
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
    """A GitHub-flavoured markdown table; pipes and line breaks in cells are escaped."""

    def esc(value: Any) -> str:
        return _cell(value).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(esc(h) for h in headers) + " |"]
    lines.append("|" + "|".join(" --- " for _ in headers) + "|")
    lines.extend("| " + " | ".join(esc(v) for v in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a header row; list cells joined by '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [
                "; ".join(map(str, v)) if isinstance(v, list | tuple) else ("" if v is None else v)
                for v in row
            ]
        )
    return buffer.getvalue()


def render(
    fmt: str,
    data: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
) -> str:
    """One answer in the asked format: ``data`` for JSON, ``headers``/``rows`` for the rest."""
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        return csv_text(headers, rows)
    if fmt == "md":
        head = f"## {title}\n\n" if title else ""
        return head + markdown_table(headers, rows)
    head = f"{title}\n\n" if title else ""
    return head + table(headers, rows)
