"""The graph formats as their real readers see them: the official GEXF schema (offline),
graph-tool's reading of GraphML (graph data first), igraph's (a value of every key on every
node), and node-link JSON on every supported networkx version."""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
import yaml
from lxml import etree

from barriers import load_model
from barriers.export import ExportOptions, export
from barriers.export._graph import NOT_A_PHASE
from barriers.export.nodelink import read_graph
from barriers.model import Model
from barriers.text import xml_safe
from tests.helpers import DATA, MODELS, run_cli
from tests.payloads import hostile_model_yaml, injection_model_data

GEXF_SCHEMAS = DATA / "gexf" / "1.2draft"  # the official XSD, unmodified (see its README)
SOURCES = [
    *sorted(MODELS.glob("*.yaml")),
    DATA / "export-edge-cases.yaml",
    DATA / "example.yaml",
    DATA / "graph-edge-cases.yaml",  # ids shared across kinds, XML-looking text, a lone phase
    DATA / "graph-one-phase.yaml",  # no edges at all
]
HOSTILE = ("injection", "hostile")


@pytest.fixture(scope="module", params=[*SOURCES, *HOSTILE], ids=lambda p: getattr(p, "stem", p))
def source(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model file: bundled, edge cases, or the hostile payloads written out."""
    if request.param not in HOSTILE:
        return Path(request.param)
    text = (
        yaml.safe_dump(injection_model_data(), allow_unicode=True)
        if request.param == "injection"
        else hostile_model_yaml()
    )
    path = tmp_path_factory.mktemp("graph") / f"{request.param}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def model(source: Path) -> Model:
    return load_model(source, use_cache=False).model


def _text(model: Model, fmt: str) -> str:
    result = export(model, fmt, ExportOptions())
    assert isinstance(result, str)
    return result


class _OnlyFrom(etree.Resolver):
    """Lets libxml2 load files of one folder only: never a URL, never a file elsewhere."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.resolve()
        self.loaded: list[str] = []

    def resolve(self, url: str | None, pubid: str | None, context: object) -> object:
        local = url is not None and ("://" not in url or url.startswith("file://"))
        path = Path(url.removeprefix("file://")).resolve() if local and url else None
        if path is None or path.parent != self.folder or not path.is_file():
            raise etree.XMLSchemaParseError(f"refused to load {url!r} (not in {self.folder})")
        self.loaded.append(path.name)
        return self.resolve_filename(str(path), context)


def _schema(main: Path) -> tuple[etree.XMLSchema, _OnlyFrom]:
    """The schema in ``main`` with its includes and imports read from its folder, offline."""
    resolver = _OnlyFrom(main.parent)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(resolver)
    return etree.XMLSchema(etree.parse(str(main), parser)), resolver


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return _schema(GEXF_SCHEMAS / "gexf.xsd")[0]


def _valid(schema: etree.XMLSchema, text: str) -> bool:
    return schema.validate(etree.parse(io.BytesIO(text.encode("utf-8"))))


def test_the_bundled_gexf_schema_is_the_official_one_unmodified() -> None:
    readme = (DATA / "gexf" / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", readme, re.MULTILINE))
    present = {f"1.2draft/{p.name}" for p in GEXF_SCHEMAS.iterdir()}
    assert set(listed) == present, (
        "every file in tests/data/gexf/1.2draft is listed, and only those"
    )
    for name, digest in listed.items():
        assert hashlib.sha256((DATA / "gexf" / name).read_bytes()).hexdigest() == digest, name
    assert "CC BY 4.0" in readme and "ce89bb7fb5a63901677916b0770e52b29a613e01" in readme


def test_the_gexf_schema_loads_all_its_parts_from_the_folder() -> None:
    _, resolver = _schema(GEXF_SCHEMAS / "gexf.xsd")
    assert set(resolver.loaded) == {p.name for p in GEXF_SCHEMAS.glob("*.xsd")}


@pytest.mark.parametrize(
    "reference",
    ["http://www.w3.org/2001/xml.xsd", "../elsewhere.xsd", "file:///etc/hostname"],
)
def test_schema_loading_refuses_the_network_and_other_folders(
    tmp_path: Path, reference: str
) -> None:
    """The check that the suite never fetches: a schema naming a URL or another folder fails."""
    folder = tmp_path / "schemas"
    folder.mkdir()
    (tmp_path / "elsewhere.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>'
    )
    main = folder / "main.xsd"
    main.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="urn:x" schemaLocation="{reference}"/></xs:schema>'
    )
    with pytest.raises(etree.XMLSchemaParseError):
        _schema(main)


def test_gexf_is_valid_against_the_official_schema(
    model: Model, gexf_schema: etree.XMLSchema
) -> None:
    document = etree.parse(io.BytesIO(_text(model, "gexf").encode("utf-8")))
    assert gexf_schema.validate(document), gexf_schema.error_log


def test_the_schema_refuses_what_networkx_writes_unmended(gexf_schema: etree.XMLSchema) -> None:
    """The check can fail: networkx's own name="" on <graph> is refused."""
    text = _text(load_model(DATA / "example.yaml", use_cache=False).model, "gexf")
    assert _valid(gexf_schema, text)
    broken = text.replace('<graph defaultedgetype="directed"', '<graph name=""', 1)
    assert broken != text
    assert not _valid(gexf_schema, broken)


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


def test_order_is_an_integer_on_phases_only_in_networkx(model: Model) -> None:
    """networkx keeps the declared default apart: ``order`` is absent where it is not a phase."""
    graphml = nx.read_graphml(io.StringIO(_text(model, "graphml")))
    gexf = nx.read_gexf(io.BytesIO(_text(model, "gexf").encode()))
    node_link = read_graph(json.loads(_text(model, "json")))
    for graph in (graphml, gexf, node_link):
        for _, data in graph.nodes(data=True):
            if data["kind"] == "phase":
                assert type(data["order"]) is int and data["order"] >= 0
            else:
                assert "order" not in data
    for graph in (graphml, gexf):
        assert graph.graph["node_default"] == {"order": NOT_A_PHASE}
    assert "node_default" not in node_link.graph


def _declared_order(text: str, namespace: str, tag: str, name: str) -> tuple[str, str | None]:
    """The type and ``<default>`` the file declares for ``order`` (GraphML key, GEXF attribute)."""
    root = ET.fromstring(text)
    for element in root.iter(f"{{{namespace}}}{tag}"):
        if element.get(name) == "order":
            kind = element.get("attr.type", element.get("type", ""))
            return kind, element.findtext(f"{{{namespace}}}default")
    raise AssertionError("no declaration of order")


def test_order_is_declared_a_whole_number_with_a_not_a_phase_default(model: Model) -> None:
    graphml = _declared_order(
        _text(model, "graphml"), "http://graphml.graphdrawing.org/xmlns", "key", "attr.name"
    )
    gexf = _declared_order(
        _text(model, "gexf"), "http://www.gexf.net/1.2draft", "attribute", "title"
    )
    assert graphml == gexf == ("long", str(NOT_A_PHASE))


def test_igraph_reads_the_graphml_title_and_a_whole_order_on_every_node(
    model: Model, tmp_path: Path
) -> None:
    """igraph's one numeric type is a float, and a missing one is NaN: the default fills it.

    (igraph reads GraphML and GML, not GEXF.)
    """
    path = tmp_path / "model.graphml"
    path.write_text(_text(model, "graphml"), encoding="utf-8")
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph["title"] == model.title
    expected = nx.read_graphml(io.StringIO(_text(model, "graphml")))
    assert graph.vcount() == expected.number_of_nodes()
    for vertex in graph.vs:
        order = vertex["order"]
        assert not math.isnan(order) and order == int(order), (vertex["id"], order)
        want = expected.nodes[vertex["id"]].get("order", NOT_A_PHASE)
        assert (vertex["kind"], order) == (expected.nodes[vertex["id"]]["kind"], want)
    phases = sorted(int(v["order"]) for v in graph.vs if v["kind"] == "phase")
    assert phases == list(range(len(model.phases)))


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


def _nodes(model: Model) -> dict[str, tuple[str, str]]:
    """Every item as its node: key -> (kind, name)."""
    items = [("phase", model.phases), ("partner", model.partners)]
    items.append(("intervention", model.interventions))
    return {f"{kind}:{i.id}": (kind, xml_safe(i.name)) for kind, group in items for i in group}


def test_the_cli_writes_graph_files_their_readers_take_whole(
    source: Path, model: Model, tmp_path: Path, gexf_schema: etree.XMLSchema
) -> None:
    """Through the CLI: exit 0, the file alone in its folder, every item a node in each reader."""
    written = {}
    for fmt in ("gexf", "graphml"):
        target = tmp_path / "out" / f"model.{fmt}"
        target.parent.mkdir(exist_ok=True)
        result = run_cli("export", source, "--to", fmt, "-o", target)
        assert (result.code, result.err) == (0, f"wrote {target}\n"), result.err
        written[fmt] = target.read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["model.gexf", "model.graphml"]
    assert _valid(gexf_schema, written["gexf"])
    want = _nodes(model)
    for graph in (
        nx.read_gexf(io.BytesIO(written["gexf"].encode())),
        nx.read_graphml(io.StringIO(written["graphml"])),
    ):
        assert {n: (d["kind"], d["name"]) for n, d in graph.nodes(data=True)} == want
    ours = igraph.Graph.Read_GraphML(str(tmp_path / "out" / "model.graphml"))
    assert {v["id"]: (v["kind"], v["name"]) for v in ours.vs} == want
    assert ours["title"] == xml_safe(model.title)
