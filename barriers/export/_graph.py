"""The graph the graph formats write: :func:`barriers.graph.build_graph` with plain attributes.

GraphML, GEXF and node-link JSON all get the same nodes, edges and attributes:

- nodes ``phase:<id>``, ``partner:<id>``, ``intervention:<id>`` with ``kind``, ``item_id``
  (the item's id in its model), ``label`` (its name, which Gephi shows), ``name`` and the
  item's other fields as text; phases also ``order``, their place in the process (0, 1, ...);
- edges with ``kind``: ``sequence`` (phase to phase), ``raises`` (partner to intervention)
  and ``acts_on`` (intervention to phase).

Every attribute but ``order`` is text, so that each key has one type in every node (GEXF
and GraphML declare a type per key), and text holds no character XML cannot carry.

``order`` is written on phases only. GraphML and GEXF declare it a whole number with the
default :data:`NOT_A_PHASE` (see :func:`xml_graph`): readers that give every node a value
of every key and apply declared defaults (igraph, graph-tool, Gephi) read ``-1`` on
partners and interventions, not NaN (igraph's "missing") or 0 (graph-tool's fill, the first
phase's order); networkx keeps the default apart, in ``graph["node_default"]``, and
``order`` stays absent on those nodes.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from barriers.graph import build_graph
from barriers.model import Model
from barriers.text import xml_safe

NUMERIC = frozenset({"order"})
NOT_A_PHASE = -1
"""``order``'s declared default in GraphML and GEXF: the node is not a phase."""


def export_graph(model: Model) -> nx.DiGraph[str]:
    """The model's graph with flat, typed-per-key attributes (see the module's text)."""
    source = build_graph(model)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.graph.update({"id": model.id, "title": xml_safe(model.title)})
    for key, data in source.nodes(data=True):
        attributes: dict[str, Any] = {}
        for name, value in data.items():
            attributes["item_id" if name == "id" else name] = _plain(name, value)
        attributes["label"] = attributes["name"]
        graph.add_node(key, **attributes)
    for u, v, data in source.edges(data=True):
        graph.add_edge(u, v, **{k: _plain(k, value) for k, value in data.items()})
    return graph


def xml_graph(model: Model) -> nx.DiGraph[str]:
    """:func:`export_graph` with ``order``'s default declared, for the GraphML and GEXF writers.

    networkx's writers put ``graph["node_default"]`` into the key declarations as
    ``<default>``; node-link JSON has no declarations, and its ``order`` is simply absent.
    """
    graph = export_graph(model)
    graph.graph["node_default"] = {"order": NOT_A_PHASE}
    return graph


def _plain(name: str, value: Any) -> Any:
    if name in NUMERIC:
        return int(value)
    if isinstance(value, str):
        return xml_safe(value)
    return xml_safe(json.dumps(value, ensure_ascii=False))
