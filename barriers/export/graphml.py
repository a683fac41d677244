"""GraphML (Gephi, Cytoscape, yEd, graph-tool): ``networkx.read_graphml`` reads it back."""

from __future__ import annotations

from barriers.export import ExportOptions
from barriers.export._graph import xml_graph
from barriers.model import Model

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = "{http://graphml.graphdrawing.org/xmlns}"


def render(model: Model, options: ExportOptions) -> str:
    """The model's graph as GraphML text (attributes declared as keys, edges typed by kind).

    The graph's own data (its title) comes first inside ``<graph>``, before the nodes:
    GraphML allows any order, but graph-tool reads graph data only there.
    """
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(xml_graph(model))
    for graph in writer.xml.iter("graph"):
        data = [child for child in graph if child.tag in ("data", _NS + "data")]
        for child in data:
            graph.remove(child)
        for index, child in enumerate(data):
            graph.insert(index, child)
    return DECLARATION + str(writer).rstrip("\n") + "\n"
