"""Exports: one module per format, all on one small interface.

Every format module has ``render(model, options) -> str | bytes``; :data:`EXPORTERS` names
them and says whether the result is text (may go to stdout) or bytes. Modules are imported
only when their format is asked for, so that ``barriers export --to csv`` never loads
openpyxl.

>>> from barriers.load import load_model
>>> text = export(load_model("models/loverboys-general.yaml").model, "mermaid")
>>> text.startswith("flowchart LR")
True
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from barriers.problems import BarriersError

if TYPE_CHECKING:
    from barriers.model import Model

GroupBy = Literal["type", "mechanism"]


@dataclass(frozen=True)
class ExportOptions:
    """Options some formats take; the others ignore them."""

    group_by: GroupBy = "type"  # rows of the barrier table: by intervention type or mechanism
    delimiter: str = ","  # the CSV field separator; Dutch Excel expects ';'
    lang: str = "nl"  # the workbook's sheet names, headers and instructions: nl or en
    base: str | None = None  # the id of the model this one extends (the workbook keeps it)


@dataclass(frozen=True)
class Exporter:
    name: str
    module: str
    text: bool  # text formats may be written to stdout with ``-o -``
    suffix: str
    summary: str


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("graphml", "graphml", True, ".graphml", "GraphML for Gephi, Cytoscape, yEd"),
        Exporter("gexf", "gexf", True, ".gexf", "GEXF 1.2 for Gephi"),
        Exporter("json", "nodelink", True, ".json", "networkx node-link JSON"),
        Exporter("csv", "csvmatrix", True, ".csv", "coverage matrix, UTF-8 with BOM for Excel"),
        Exporter("xlsx", "xlsx", False, ".xlsx", "Excel workbook (the layout `import` reads)"),
        Exporter("md", "markdown", True, ".md", "markdown: phases, coverage matrix, gaps"),
        Exporter("matrix-svg", "matrix_svg", True, ".svg", "barrier table, A4 landscape pages"),
        Exporter("matrix-png", "matrix_png", False, ".png", "the barrier table as PNG"),
        Exporter("mermaid", "mermaid", True, ".mmd", "mermaid flowchart of the phases"),
    )
}


def exporter(name: str) -> Exporter:
    """The exporter called ``name``; :class:`BarriersError` naming the formats otherwise."""
    try:
        return EXPORTERS[name]
    except KeyError:
        from barriers.problems import did_you_mean

        raise BarriersError(
            f"unknown export format {name!r}{did_you_mean(name, EXPORTERS)}: "
            f"choose one of {', '.join(EXPORTERS)}"
        ) from None


def export(model: Model, fmt: str, options: ExportOptions | None = None) -> str | bytes:
    """The model in format ``fmt``: text for text formats, bytes otherwise."""
    spec = exporter(fmt)
    module = importlib.import_module(f"barriers.export.{spec.module}")
    result: str | bytes = module.render(model, options or ExportOptions())
    return result
