"""networkx node-link JSON (``nodes`` and ``edges``), the same on every networkx version.

networkx renamed the edges' key from ``links`` to ``edges`` (3.4) and its keyword from
``link=`` to ``edges=`` (3.4; ``link=`` gone in 3.6), so no one call of ``node_link_data`` or
``node_link_graph`` works on every supported version (networkx>=3.2). The data are written
here without networkx, and :func:`read_graph` reads them on any version; without barriers,
on any networkx 3.x::

    graph = networkx.node_link_graph({**data, "links": data["edges"]})

(3.2 and 3.3 read ``links``; 3.6 and later read ``edges``; 3.4 and 3.5 read ``links``
with a FutureWarning about the coming default.)
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from barriers.export import ExportOptions
from barriers.export._graph import export_graph
from barriers.model import Model


def node_link_data(graph: nx.DiGraph[str]) -> dict[str, Any]:
    """``graph`` as node-link data, as networkx 3.4+ writes it with ``edges="edges"``."""
    return {
        "directed": True,
        "multigraph": False,
        "graph": dict(graph.graph),
        "nodes": [{**data, "id": node} for node, data in graph.nodes(data=True)],
        "edges": [{**data, "source": u, "target": v} for u, v, data in graph.edges(data=True)],
    }


def read_graph(data: dict[str, Any]) -> nx.DiGraph[str]:
    """The graph of node-link ``data`` as :func:`render` writes it, on any networkx version."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.graph.update(data.get("graph", {}))
    for node in data["nodes"]:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in data["edges"]:
        attributes = {k: v for k, v in edge.items() if k not in ("source", "target")}
        graph.add_edge(edge["source"], edge["target"], **attributes)
    return graph


def render(model: Model, options: ExportOptions) -> str:
    """The model's graph as node-link JSON (``nodes`` and ``edges``), UTF-8, indented."""
    return json.dumps(node_link_data(export_graph(model)), ensure_ascii=False, indent=2) + "\n"
