"""Every text export read back by the library its users use, with checks on content."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from barriers import analysis, load_model
from barriers.export import EXPORTERS, ExportOptions, export, exporter
from barriers.model import Model
from barriers.problems import BarriersError
from tests.helpers import DATA, MODELS, run_cli

EDGE = DATA / "export-edge-cases.yaml"
BUNDLED = sorted(MODELS.glob("*.yaml"))


@pytest.fixture(scope="module")
def edge() -> Model:
    return load_model(EDGE, use_cache=False).model


@pytest.fixture(scope="module")
def general() -> Model:
    return load_model(MODELS / "loverboys-general.yaml", use_cache=False).model


def _text(model: Model, fmt: str, **options: str) -> str:
    result = export(model, fmt, ExportOptions(**options))  # type: ignore[arg-type]
    assert isinstance(result, str)
    return result


# -- graph formats --------------------------------------------------------------------------------


def _check_graph(graph: nx.DiGraph, model: Model) -> None:
    """The graph read back has the model's items as nodes and the typed edges."""
    phases = [n for n, d in graph.nodes(data=True) if d["kind"] == "phase"]
    assert len(phases) == len(model.phases)
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "partner") == len(
        model.partners
    )
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "intervention") == len(
        model.interventions
    )
    for phase in model.phases:
        data = graph.nodes[f"phase:{phase.id}"]
        assert data["name"] == phase.name
        assert data["item_id"] == phase.id
        assert data["label"] == phase.name
        assert int(data["order"]) == model.phases.index(phase)
        for successor in phase.next or []:
            assert graph.edges[f"phase:{phase.id}", f"phase:{successor}"]["kind"] == "sequence"
    for item in model.interventions:
        node = f"intervention:{item.id}"
        assert graph.nodes[node]["name"] == item.name
        for partner in item.partners:
            assert graph.edges[f"partner:{partner}", node]["kind"] == "raises"
        for phase_id in item.phases:
            assert graph.edges[node, f"phase:{phase_id}"]["kind"] == "acts_on"
    expected_edges = sum(len(p.next or []) for p in model.phases) + sum(
        len(set(i.partners)) + len(set(i.phases)) for i in model.interventions
    )
    assert graph.number_of_edges() == expected_edges


@pytest.mark.parametrize("path", [*BUNDLED, EDGE], ids=lambda p: p.stem)
def test_graphml_reads_back_with_networkx(path: Path) -> None:
    model = load_model(path, use_cache=False).model
    graph = nx.read_graphml(io.StringIO(_text(model, "graphml")))
    _check_graph(graph, model)


@pytest.mark.parametrize("path", [*BUNDLED, EDGE], ids=lambda p: p.stem)
def test_gexf_reads_back_with_networkx(path: Path) -> None:
    model = load_model(path, use_cache=False).model
    graph = nx.read_gexf(io.BytesIO(_text(model, "gexf").encode("utf-8")))
    _check_graph(graph, model)


def test_gexf_has_no_date_and_says_who_wrote_it(edge: Model) -> None:
    text = _text(edge, "gexf")
    assert "lastmodifieddate" not in text
    root = ET.fromstring(text)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert root.findtext("g:meta/g:creator", namespaces=ns) == "barriers"
    assert root.findtext("g:meta/g:description", namespaces=ns) == edge.title


@pytest.mark.parametrize("path", [*BUNDLED, EDGE], ids=lambda p: p.stem)
def test_node_link_json_reads_back_with_networkx(path: Path) -> None:
    model = load_model(path, use_cache=False).model
    data = json.loads(_text(model, "json"))
    graph = nx.node_link_graph({**data, "links": data["edges"]})  # every networkx 3.x
    _check_graph(graph, model)
    assert data["graph"] == {"id": model.id, "title": model.title}


def test_graph_attributes_keep_the_fields_as_text(edge: Model) -> None:
    graph = nx.read_graphml(io.StringIO(_text(edge, "graphml")))
    item = graph.nodes["intervention:voorlichting"]
    assert item["legal_basis"] == "art. 273f Sr, lid 1; Wet Bibob"
    assert item["technique"] == "alert-conscience"
    assert item["mechanism"] == "remove-excuses"
    assert json.loads(item["notes"]) == {"score": 3.5}
    assert graph.nodes["phase:nazorg"]["notes"] == "true"  # one type per key: text
    assert graph.nodes["partner:school"]["description"].startswith("Beschrijving met <script>")


def test_graph_formats_survive_control_characters(tmp_path: Path, write_model) -> None:  # type: ignore[no-untyped-def]
    path = write_model(
        'id: ctl\ntitle: "Bell \\a and escape \\e"\nphases:\n  - id: a\n    name: "A\\x01B"\n'
    )
    model = load_model(path, use_cache=False).model
    graph = nx.read_graphml(io.StringIO(_text(model, "graphml")))
    assert graph.nodes["phase:a"]["name"] == "A\ufffdB"
    gexf = nx.read_gexf(io.BytesIO(_text(model, "gexf").encode()))
    assert gexf.nodes["phase:a"]["name"] == "A\ufffdB"
    ET.fromstring(_text(model, "matrix-svg").split("\n", 1)[1])


# -- coverage CSV ---------------------------------------------------------------------------------


def test_csv_is_the_coverage_matrix_with_bom(general: Model) -> None:
    text = _text(general, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["phase", "name", "interventions", "partners"]
    assert header[4:] == [p.name for p in general.partners]
    assert [r[0] for r in body] == analysis.process_order(general)
    by_phase = analysis.interventions_by_phase(general)
    partners_by_phase = analysis.partners_by_phase(general)
    for row in body:
        phase_id = row[0]
        assert int(row[2]) == len(by_phase[phase_id])
        assert int(row[3]) == len(partners_by_phase[phase_id])
        for partner, cell in zip(general.partners, row[4:], strict=True):
            expected = sum(
                1 for i in by_phase[phase_id] if partner.id in general.intervention(i).partners
            )
            assert int(cell) == expected


def test_csv_keeps_dutch_text_and_defuses_formulas(edge: Model) -> None:
    raw = _text(edge, "csv").encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    names = {r[0]: r[1] for r in rows[1:]}
    assert names["uitbuiting"] == "Uitbuiting – ‘dwang’ € ĳ ë é ü"
    assert names["nazorg"] == "'+ nazorg"  # would be a formula in Excel
    assert "'=politie" in rows[0]
    assert 'Gemeente; afdeling "Veiligheid"' in rows[0]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert rows[-1][2:] == ["0", "0", "0", "0", "0"]  # the uncovered phase


# -- markdown and mermaid -------------------------------------------------------------------------


def test_markdown_has_phases_matrix_and_gaps(general: Model) -> None:
    text = _text(general, "md")
    assert text.startswith(f"# {general.title}\n")
    for heading in ("## Phases", "## Coverage matrix", "## Gaps"):
        assert heading in text
    by_phase = analysis.interventions_by_phase(general)
    for number, phase in enumerate(general.phases, 1):
        assert re.search(
            rf"^\| {number} \| {re.escape(phase.name)} \| `{phase.id}` \| .* \| "
            rf"{len(by_phase[phase.id])} \|",
            text,
            re.MULTILINE,
        ), phase.id
    totals = " | ".join(f"**{len(by_phase[p.id])}**" for p in general.phases)
    assert f"| **all partners** | {totals} |" in text


def test_markdown_escapes_hostile_text(edge: Model) -> None:
    text = _text(edge, "md")
    assert "<script>" not in text
    assert "- \\+ nazorg (`nazorg`)" in text  # the uncovered phase, listed under Gaps
    assert "| \\#N/A | `end` |" in text
    assert "**Uncovered phases (no intervention):**" in text


def test_mermaid_flowchart_with_counts_and_gap_class(edge: Model) -> None:
    text = _text(edge, "mermaid")
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert '  p2["#35;N/A<br/>1 barrier"]' in lines  # `end` is a mermaid keyword: not an id
    assert '  p1["Werving, #34;snel#34;<br/>2 barriers"]' in lines
    assert "  p2 --> p3" in lines and "  p2 --> p4" in lines
    assert "  class p4 uncovered" in lines
    for line in lines[2:]:
        assert '"' not in line.split('["', 1)[-1].removesuffix('"]'), line


# -- the barrier table as SVG and PNG -------------------------------------------------------------


def _svg(text: str) -> ET.Element:
    return ET.fromstring(text.split("\n", 1)[1])


SVG = "{http://www.w3.org/2000/svg}"


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_matrix_svg_is_landscape_a4_pages_with_every_barrier(general: Model) -> None:
    text = _text(general, "matrix-svg")
    root = _svg(text)
    pages = root.findall(f"{SVG}g")
    assert len(pages) > 1, "the general model does not fit one page: it must paginate"
    assert root.get("width") == "297mm"
    assert root.get("height") == f"{210 * len(pages)}mm"
    assert "@page { size: A4 landscape; margin: 0 }" in text
    words = " ".join(_texts(root))
    for item in general.interventions:  # every barrier is on some page, none cut
        first_word = item.name.split()[0]
        assert first_word in words, item.id
    for number, page in enumerate(pages, 1):
        shown = _texts(page)
        assert f"page {number} of {len(pages)}" in shown
        assert "Barrier" in shown  # the header row repeats on every page
        for rect in page.iter(f"{SVG}rect"):
            assert float(rect.get("y", "0")) + float(rect.get("height", "0")) <= 210


def test_matrix_svg_cells_name_the_partners(edge: Model) -> None:
    root = _svg(_text(edge, "matrix-svg"))
    lines = _texts(root)
    joined = "\n".join(lines)
    assert "• School, VO" in joined and "• =politie" in joined
    assert "preventie · 1" in joined and "(no type) · 1" in joined
    assert all("<script>" not in line or "&" not in line for line in lines)


def test_matrix_svg_groups_by_mechanism(edge: Model) -> None:
    lines = _texts(_svg(_text(edge, "matrix-svg", group_by="mechanism")))
    assert any(line.startswith("Remove excuses (Neem excuses weg) · 1") for line in lines)
    assert any(line.startswith("No technique (care, aftercare, other) · 2") for line in lines)


def test_matrix_svg_splits_many_phases_into_column_sets(write_model) -> None:  # type: ignore[no-untyped-def]
    phases = "\n".join(f"  - id: p{n}\n    name: Fase {n}" for n in range(1, 21))
    path = write_model(
        "id: wide\ntitle: Wide\nphases:\n"
        + phases
        + "\npartners:\n  - id: x\n    name: X\ninterventions:\n"
        + "  - id: i\n    name: I\n    phases: [p1, p20]\n    partners: [x]\n"
    )
    root = _svg(_text(load_model(path, use_cache=False).model, "matrix-svg"))
    pages = root.findall(f"{SVG}g")
    assert len(pages) == 3
    headers = [[t for t in _texts(p) if re.match(r"\d+\. Fase", t)] for p in pages]
    assert [len(h) for h in headers] == [7, 7, 6]
    assert "phase set 3 of 3" in " ".join(_texts(pages[2]))


def test_matrix_svg_caps_a_cell_taller_than_a_page(write_model) -> None:  # type: ignore[no-untyped-def]
    partners = "\n".join(f"  - id: p{n}\n    name: Partner nummer {n}" for n in range(80))
    ids = ", ".join(f"p{n}" for n in range(80))
    path = write_model(
        "id: tall\ntitle: Tall\nphases:\n  - id: a\n    name: A\npartners:\n"
        + partners
        + f"\ninterventions:\n  - id: i\n    name: I\n    phases: [a]\n    partners: [{ids}]\n"
    )
    root = _svg(_text(load_model(path, use_cache=False).model, "matrix-svg"))
    spans = [span.text or "" for span in root.iter(f"{SVG}tspan")]
    assert sum(1 for s in spans if s.startswith("• Partner")) < 80
    assert any(re.fullmatch(r"… \(\+\d+\)", s) for s in spans)
    for rect in root.iter(f"{SVG}rect"):
        assert float(rect.get("y", "0")) + float(rect.get("height", "0")) <= 210


def test_matrix_svg_of_a_model_without_interventions(write_model) -> None:  # type: ignore[no-untyped-def]
    path = write_model("id: leeg\ntitle: Leeg\nphases:\n  - id: a\n    name: A\n")
    lines = _texts(_svg(_text(load_model(path, use_cache=False).model, "matrix-svg")))
    assert "No interventions in this model yet." in lines


def test_wrap_keeps_lines_inside_the_width() -> None:
    from barriers.export.matrix_svg import text_width, wrap

    for text in ("Ervaringsdeskundigen en zo verder", "x" * 200, "a b c", ""):
        for line in wrap(text, 20.0):
            assert text_width(line) <= 20.0 or len(line) == 1
    assert wrap("", 20.0) == [""]


@pytest.mark.slow  # a real SVG converter
@pytest.mark.skipif(
    not (shutil.which("rsvg-convert") or shutil.which("chromium")), reason="no SVG converter"
)
def test_matrix_png_is_a_png_the_size_of_the_pages(edge: Model) -> None:
    import struct

    data = export(edge, "matrix-png")
    assert isinstance(data, bytes)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert abs(width / height - 297 / 210) < 0.02  # one landscape page
    assert export(edge, "matrix-png") == data


def test_matrix_png_without_a_converter_says_what_to_install(
    edge: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("BARRIERS_CHROMIUM", raising=False)
    with pytest.raises(BarriersError, match=r"rsvg-convert .* or Chromium"):
        export(edge, "matrix-png")


def test_matrix_png_reports_a_failing_converter(
    edge: Model, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BarriersError, match=r"failed \(exit 3\).*cannot open display"):
        export(edge, "matrix-png")


# -- every format: determinism, the registry, the command -----------------------------------------


@pytest.mark.parametrize("fmt", [f for f in EXPORTERS if f != "matrix-png"])
def test_same_model_same_bytes(fmt: str, edge: Model) -> None:
    again = load_model(EDGE, use_cache=False).model
    assert export(edge, fmt) == export(again, fmt)


def test_unknown_format_names_the_formats() -> None:
    with pytest.raises(BarriersError, match=r"unknown export format 'grafml' .*'graphml'"):
        exporter("grafml")


def test_export_command_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "edge.graphml"
    result = run_cli("export", EDGE, "--to", "graphml", "-o", target)
    assert result.code == 0, result.err
    assert result.err == f"wrote {target}\n"
    assert nx.read_graphml(target).number_of_nodes() == 10


def test_export_command_default_name_is_the_model_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("export", EDGE, "--to", "mermaid")
    assert result.code == 0, result.err
    assert (tmp_path / "randgevallen.mmd").read_text(encoding="utf-8").startswith("flowchart")


def test_export_command_to_stdout_for_text(edge: Model) -> None:
    result = run_cli("export", EDGE, "--to", "md", "-o", "-")
    assert result.code == 0
    assert result.out == _text(edge, "md")


def test_export_command_refuses_binary_to_stdout() -> None:
    result = run_cli("export", EDGE, "--to", "xlsx", "-o", "-")
    assert result.code == 2
    assert "xlsx is binary: give a file with -o" in result.err


def test_export_command_invalid_model_writes_nothing(write_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = write_model("id: bad\ntitle: Bad\nphases: []\n", "bad.yaml")
    target = tmp_path / "bad.csv"
    result = run_cli("export", bad, "--to", "csv", "-o", target)
    assert result.code == 1
    assert "phases must not be empty" in result.err
    assert not target.exists()


def test_export_failure_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A converter failing mid-way: no PNG, no temp file, the old file untouched."""
    target = tmp_path / "table.png"
    target.write_bytes(b"old")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("BARRIERS_CHROMIUM", raising=False)
    result = run_cli("export", EDGE, "--to", "matrix-png", "-o", target)
    assert result.code == 1
    assert "matrix-png needs rsvg-convert" in result.err
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["table.png"]


def test_export_command_help_lists_every_format() -> None:
    result = run_cli("export", "--help")
    assert result.code == 0
    for name in EXPORTERS:
        assert name in result.out
    assert "rsvg-convert" in result.out and "Chromium" in result.out


# -- hostile text in every format ---------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Model:
    from tests.payloads import hostile_model_yaml

    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(hostile_model_yaml(), encoding="utf-8")
    return load_model(path, use_cache=False).model


def test_hostile_text_stays_text_in_the_svg(hostile: Model) -> None:
    root = _svg(_text(hostile, "matrix-svg"))
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "style", "g", "rect", "text", "tspan"}
    for element in root.iter():
        assert not any(name.startswith("on") or "href" in name for name in element.attrib)
    assert hostile.title in root.findtext(f"{SVG}title", "")


def test_hostile_text_in_graph_formats_and_mermaid(hostile: Model) -> None:
    graph = nx.read_graphml(io.StringIO(_text(hostile, "graphml")))
    _check_graph(graph, hostile)
    _check_graph(nx.read_gexf(io.BytesIO(_text(hostile, "gexf").encode())), hostile)
    nodes = [line for line in _text(hostile, "mermaid").splitlines() if '["' in line]
    assert len(nodes) == len(hostile.phases)
    for line in nodes:
        label = line.split('["', 1)[-1].removesuffix('"]').rsplit("<br/>", 1)[0]
        assert not set(label) & set('"<>`'), line


def _fake(folder: Path, name: str, script: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


def test_matrix_png_prefers_rsvg_convert(
    edge: Model, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """rsvg-convert gets the SVG on stdin and the dpi; its stdout is the PNG."""
    log = tmp_path / "args"
    _fake(tmp_path, "rsvg-convert", f'echo "$@" > {log}\ncat > {tmp_path / "in.svg"}\nprintf PNG')
    _fake(tmp_path, "chromium", "exit 9\n")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")  # cat; the fakes come first
    assert export(edge, "matrix-png") == b"PNG"
    assert log.read_text().split() == ["-f", "png", "-d", "144", "-p", "144"]
    assert (tmp_path / "in.svg").read_text(encoding="utf-8") == _text(edge, "matrix-svg")


def test_matrix_png_with_a_named_chromium(
    edge: Model, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / "args"
    silent = _fake(tmp_path, "my-chrome", f'echo "$@" > {log}\nexit 0\n')
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("BARRIERS_CHROMIUM", str(silent))
    with pytest.raises(BarriersError, match="made no PNG of the barrier table"):
        export(edge, "matrix-png")
    args = log.read_text()
    assert "--headless" in args and "--window-size=1123,794" in args
    assert "--force-device-scale-factor=1.5" in args
    monkeypatch.setenv("BARRIERS_CHROMIUM", str(tmp_path / "missing"))
    with pytest.raises(BarriersError, match="could not convert the SVG with"):
        export(edge, "matrix-png")
