"""networkx node-link JSON: ``networkx.node_link_graph(data, edges="edges")`` reads it back."""

from __future__ import annotations

import json

import networkx as nx

from barriers.export import ExportOptions
from barriers.export._graph import export_graph
from barriers.model import Model


def render(model: Model, options: ExportOptions) -> str:
    """The model's graph as node-link JSON (``nodes`` and ``edges``), UTF-8, indented."""
    data = nx.node_link_data(export_graph(model), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
