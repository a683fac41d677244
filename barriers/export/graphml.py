"""GraphML (Gephi, Cytoscape, yEd): ``networkx.read_graphml`` reads it back."""

from __future__ import annotations

import networkx as nx

from barriers.export import ExportOptions
from barriers.export._graph import export_graph
from barriers.model import Model


def render(model: Model, options: ExportOptions) -> str:
    """The model's graph as GraphML text (attributes declared as keys, edges typed by kind)."""
    return "\n".join(nx.generate_graphml(export_graph(model), prettyprint=True)) + "\n"
