"""The coverage matrix as CSV: a row per phase (process order), a column per partner.

Cells count the interventions a partner raises in a phase; ``interventions`` and
``partners`` give each phase's totals. UTF-8 with a byte-order mark, so that Excel shows
Dutch text (ë, é, ĳ) right; text that a spreadsheet would run as a formula is quoted.
"""

from __future__ import annotations

import csv
import io

from barriers.analysis.matrix import coverage_matrix
from barriers.export import ExportOptions
from barriers.model import Model
from barriers.text import csv_cell

BOM = "\ufeff"
HEADERS = ("phase", "name", "interventions", "partners")


def render(model: Model, options: ExportOptions) -> str:
    """The CSV text, BOM first, CRLF line ends (RFC 4180)."""
    matrix = coverage_matrix(model)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=options.delimiter, lineterminator="\r\n")
    writer.writerow([*HEADERS, *(csv_cell(name) for name in matrix.partner_names)])
    for phase_id, name, total, partners, counts in matrix.rows():
        writer.writerow([phase_id, csv_cell(name), total, partners, *counts])
    return BOM + buffer.getvalue()
