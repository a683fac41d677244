"""The graph formats as their real readers see them: the GEXF schema, graph-tool's reading of
GraphML (graph data first), and node-link JSON on every supported networkx version."""

from __future__ import annotations

import io
import json
import os
import warnings
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import yaml

from barriers import load_model
from barriers.export import ExportOptions, export
from barriers.export.nodelink import read_graph
from barriers.model import Model
from tests.helpers import DATA, MODELS
from tests.payloads import injection_model_data

lxml_etree = pytest.importorskip("lxml.etree")

SUBSET_XSD = DATA / "gexf" / "gexf-1.2draft-subset.xsd"
SOURCES = [*sorted(MODELS.glob("*.yaml")), DATA / "export-edge-cases.yaml", DATA / "example.yaml"]


@pytest.fixture(scope="module", params=[*SOURCES, "injection"], ids=lambda p: getattr(p, "stem", p))
def model(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Model:
    path = request.param
    if path == "injection":
        path = tmp_path_factory.mktemp("graph") / "injection.yaml"
        path.write_text(yaml.safe_dump(injection_model_data(), allow_unicode=True))
    return load_model(path, use_cache=False).model


def _text(model: Model, fmt: str) -> str:
    result = export(model, fmt, ExportOptions())
    assert isinstance(result, str)
    return result


def _schemas() -> list[object]:
    schemas = [lxml_etree.XMLSchema(lxml_etree.parse(str(SUBSET_XSD)))]
    official = os.environ.get("BARRIERS_GEXF_XSD")  # the official gexf.xsd, when at hand
    if official:
        schemas.append(lxml_etree.XMLSchema(lxml_etree.parse(official)))
    return schemas


def test_gexf_is_valid_against_the_schema(model: Model) -> None:
    document = lxml_etree.parse(io.BytesIO(_text(model, "gexf").encode("utf-8")))
    for schema in _schemas():
        assert schema.validate(document), schema.error_log  # type: ignore[attr-defined]


def test_the_schema_refuses_what_networkx_writes_unmended() -> None:
    """The check can fail: networkx's own name="" on <graph> is refused."""
    text = _text(load_model(DATA / "example.yaml", use_cache=False).model, "gexf")
    broken = text.replace('<graph defaultedgetype="directed"', '<graph name=""', 1)
    assert broken != text
    for schema in _schemas():
        assert not schema.validate(lxml_etree.parse(io.BytesIO(broken.encode())))  # type: ignore[attr-defined]


def test_gexf_and_graphml_declare_utf8(model: Model) -> None:
    for fmt in ("gexf", "graphml"):
        assert _text(model, fmt).startswith('<?xml version="1.0" encoding="UTF-8"?>\n<')


def test_graphml_puts_the_graphs_data_before_its_nodes(model: Model) -> None:
    root = ET.fromstring(_text(model, "graphml"))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    graph = root.find(f"{ns}graph")
    assert graph is not None
    tags = [child.tag.removeprefix(ns) for child in graph]
    assert tags[0] == "data", tags[:3]
    assert "data" not in tags[tags.index("node") :], "graph data after a node"
    assert nx.read_graphml(io.StringIO(_text(model, "graphml"))).graph["title"] == model.title


def test_order_is_an_integer_on_phases_only(model: Model) -> None:
    graphml = nx.read_graphml(io.StringIO(_text(model, "graphml")))
    gexf = nx.read_gexf(io.BytesIO(_text(model, "gexf").encode()))
    node_link = read_graph(json.loads(_text(model, "json")))
    for graph in (graphml, gexf, node_link):
        for _, data in graph.nodes(data=True):
            if data["kind"] == "phase":
                assert type(data["order"]) is int
            else:
                assert "order" not in data


def test_node_link_json_reads_back_without_version_specific_keywords(model: Model) -> None:
    data = json.loads(_text(model, "json"))
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "edges"}
    ours = read_graph(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the documented recipe must not warn on this version
        theirs = nx.node_link_graph({**data, "links": data["edges"]})
    assert isinstance(theirs, nx.DiGraph)
    assert dict(theirs.nodes(data=True)) == dict(ours.nodes(data=True))
    assert {(u, v): d for u, v, d in theirs.edges(data=True)} == {
        (u, v): d for u, v, d in ours.edges(data=True)
    }
    assert theirs.graph == ours.graph == {"id": model.id, "title": model.title}
