"""GEXF 1.2 (Gephi): valid against the GEXF 1.2draft XSD; ``networkx.read_gexf`` reads it back."""

from __future__ import annotations

from xml.etree.ElementTree import SubElement

from barriers.export import ExportOptions
from barriers.export._graph import xml_graph
from barriers.model import Model
from barriers.text import xml_safe

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render(model: Model, options: ExportOptions) -> str:
    """The model's graph as GEXF text, without the writer's date (same model, same bytes)."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:  # the writer stamps today's date and its own version
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "barriers"
        SubElement(meta, "description").text = xml_safe(model.title)
    writer.add_graph(xml_graph(model))
    graph = writer.xml.find("graph")
    if graph is not None:
        # networkx writes name="" (the graph's name); the GEXF schema has no such attribute
        # and validating readers refuse the file. The title is in <meta><description>.
        graph.attrib.pop("name", None)
    text = DECLARATION + str(writer)
    return text if text.endswith("\n") else text + "\n"
