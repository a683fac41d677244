"""Posters of the map (export --to map-svg / map-png) and text measured in DejaVu Sans.

The SVGs are opened in Debian's chromium, which draws them with DejaVu Sans, and every text
is measured there: nothing is wider than its box, and our widths are the drawn widths.
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from barriers import fonts, load_model
from barriers.export import export
from barriers.map.render import map_data
from tests.helpers import MODELS, ROOT, run_cli

SVG = "{http://www.w3.org/2000/svg}"
BUNDLED = ["loverboys-general", "loverboys-lvb", "loverboys-islamic"]
FONT_FILES = Path("/usr/share/fonts/truetype/dejavu")


@pytest.mark.parametrize("model_id", BUNDLED)
def test_the_poster_is_the_whole_map_with_every_label_as_text(model_id: str) -> None:
    model = load_model(MODELS / f"{model_id}.yaml").model
    first = export(model, "map-svg")
    assert isinstance(first, str) and export(model, "map-svg") == first  # deterministic
    root = ET.fromstring(first.split("\n", 1)[1])
    assert root.get("data-paper") in ("A3", "A1")
    assert (root.get("width"), root.get("height")) in (("420mm", "297mm"), ("841mm", "594mm"))
    assert root.get("font-family", "").startswith("'DejaVu Sans'")
    drawn = {
        g.get("data-node"): [t.text for t in g.iter(f"{SVG}text")] for g in root.iter(f"{SVG}g")
    }
    nodes = map_data(model)["nodes"]
    for node in nodes:
        assert node["id"] in drawn, node["id"]
    # every line of every label, as text (the layout the poster uses may fold deep blocks)
    labels = {n["id"]: n["label"].split("\n") for n in nodes}
    for nid, lines in labels.items():
        assert drawn[nid] == lines, nid


def test_map_svg_and_map_png_from_the_command_line(tmp_path: Path) -> None:
    svg = tmp_path / "poster.svg"
    result = run_cli("export", "loverboys-general", "--to", "map-svg", "-o", svg)
    assert result.code == 0, result.err
    assert svg.read_text(encoding="utf-8").startswith("<?xml")
    png = tmp_path / "poster.png"
    result = run_cli("export", "loverboys-general", "--to", "map-png", "-o", png)
    assert result.code == 0, result.err
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width >= 3000  # an A1 page at 120 dpi is about 3,970 px wide


MEASURE = """() => [...document.querySelectorAll('g[data-node]')].map(g => {
  const box = g.querySelector('rect').getBBox();
  return [g.dataset.node, box.width, ...[...g.querySelectorAll('text')].map(t => t.getBBox().width)];
})"""
LENGTHS = """() => [...document.querySelectorAll('text')].map(t =>
  [t.textContent, parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize),
   t.getAttribute('font-weight') === 'bold' || getComputedStyle(t).fontWeight >= 600,
   t.getComputedTextLength()])"""


@pytest.mark.parametrize("model_id", BUNDLED)
def test_no_poster_label_runs_out_of_its_box_in_dejavu_sans(
    browser: Any, tmp_path: Path, model_id: str
) -> None:
    model = load_model(MODELS / f"{model_id}.yaml").model
    path = tmp_path / "poster.svg"
    path.write_text(str(export(model, "map-svg")), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    for node, box, *lines in page.evaluate(MEASURE):
        for width in lines:
            assert width <= box + 0.5, (node, width, box)
    page.close()


@pytest.mark.parametrize("fmt", ["map-svg", "matrix-svg"])
def test_svg_text_is_measured_with_the_font_it_is_drawn_with(
    browser: Any, tmp_path: Path, fmt: str
) -> None:
    model = load_model(MODELS / "loverboys-lvb.yaml").model
    path = tmp_path / "drawing.svg"
    path.write_text(str(export(model, fmt)), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    measured = page.evaluate(LENGTHS)
    assert len(measured) > 100
    for text, size, bold, length in measured:
        if not text:
            continue
        ours = fonts.text_width(text, size, bool(bold))
        # kerning only shortens a line: the drawn line is never longer than we measured
        assert length <= ours * 1.01 + 0.01, (text, length, ours)
        assert length >= ours * 0.9, (text, length, ours)
    page.close()


def test_the_font_table_is_the_one_in_debians_dejavu_files() -> None:
    if not (FONT_FILES / "DejaVuSans.ttf").is_file():
        pytest.fail(
            f"no DejaVu Sans in {FONT_FILES}: apt-get install fonts-dejavu-core", pytrace=False
        )
    spec = importlib.util.spec_from_file_location(
        "font_widths", ROOT / "tests" / "tools" / "font_widths.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    committed = (ROOT / "barriers" / "font_metrics.py").read_text(encoding="utf-8")
    from barriers import font_metrics

    units, widths = tool.advance_widths(FONT_FILES / "DejaVuSans.ttf")
    assert units == font_metrics.UNITS_PER_EM_REGULAR
    assert {c: widths[c] for c in font_metrics.WIDTHS_REGULAR} == font_metrics.WIDTHS_REGULAR
    units, widths = tool.advance_widths(FONT_FILES / "DejaVuSans-Bold.ttf")
    assert {c: widths[c] for c in font_metrics.WIDTHS_BOLD} == font_metrics.WIDTHS_BOLD
    assert "generated by" in committed
