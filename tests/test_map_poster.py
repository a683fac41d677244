"""Posters of the map (export --to map-svg / map-png) and text measured in DejaVu Sans.

The SVGs are opened in Debian's chromium, which draws them with DejaVu Sans, and every text
is measured there: nothing is wider than its box, and our widths are the drawn widths.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from barriers import fonts, load_model
from barriers.export import ExportOptions, export
from barriers.export.map_svg import ASCENT, DESCENT, arcs
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


# -- the poster's geometry, read back from the SVG ------------------------------------------

Rect = tuple[float, float, float, float]  # left, top, right, bottom, in page mm
Point = tuple[float, float]


def _poster(model_id: str, lang: str = "nl") -> ET.Element:
    model = load_model(MODELS / f"{model_id}.yaml").model
    text = str(export(model, "map-svg", ExportOptions(lang=lang)))
    return ET.fromstring(text.split("\n", 1)[1])


def _transform(group: ET.Element) -> tuple[float, float, float]:
    found = re.fullmatch(
        r"translate\(([-\d.]+) ([-\d.]+)\) scale\(([\d.]+)\)", group.get("transform", "")
    )
    assert found, group.get("transform")
    x, y, k = map(float, found.groups())
    return x, y, k


def _group(root: ET.Element, gid: str) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if g.get("id") == gid]
    assert len(found) == 1, gid
    return found[0]


def _path_points(d: str, step: float = 2.0) -> list[Point]:
    """Points along a path of absolute M, L, H, V and Q commands, about ``step`` apart."""
    tokens = re.findall(r"[MLHVQ]|-?[\d.]+", d)
    points: list[Point] = []
    x = y = 0.0
    k = 0
    while k < len(tokens):
        cmd = tokens[k]
        args = []
        k += 1
        while k < len(tokens) and tokens[k] not in "MLHVQ":
            args.append(float(tokens[k]))
            k += 1
        if cmd == "M":
            x, y = args
            points.append((x, y))
            continue
        if cmd == "Q":
            (cx, cy, ex, ey), sx, sy = args, x, y
            n = 12
            for i in range(1, n + 1):
                t = i / n
                points.append(
                    (
                        (1 - t) ** 2 * sx + 2 * (1 - t) * t * cx + t * t * ex,
                        (1 - t) ** 2 * sy + 2 * (1 - t) * t * cy + t * t * ey,
                    )
                )
            x, y = ex, ey
            continue
        ex, ey = {"L": (args[0], args[-1]), "H": (args[0], y), "V": (x, args[0])}[cmd]
        n = max(1, int(max(abs(ex - x), abs(ey - y)) / step))
        points += [(x + (ex - x) * i / n, y + (ey - y) * i / n) for i in range(1, n + 1)]
        x, y = ex, ey
    return points


def _map_geometry(root: ET.Element) -> tuple[dict[str, list[Point]], dict[str, Rect]]:
    """The edges' sampled points and the nodes' boxes, in page mm."""
    ox, oy, k = _transform(_group(root, "map"))

    def page(px: float, py: float) -> Point:
        return ox + px * k, oy + py * k

    edges = {
        p.get("data-edge", ""): [page(*q) for q in _path_points(p.get("d", ""))]
        for p in root.iter(f"{SVG}path")
        if p.get("class") == "edge"
    }
    cards = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("data-node"):
            rect = g.find(f"{SVG}rect")
            assert rect is not None
            x, y = page(float(rect.get("x", 0)), float(rect.get("y", 0)))
            w, h = float(rect.get("width", 0)) * k, float(rect.get("height", 0)) * k
            cards[g.get("data-node", "")] = (x, y, x + w, y + h)
    return edges, cards


def _text_box(text: ET.Element, dx: float = 0.0, dy: float = 0.0, k: float = 1.0) -> Rect:
    """The box of a left-aligned text line, measured in DejaVu Sans."""
    size = float(text.get("font-size", 0))
    width = fonts.text_width(text.text or "", size, text.get("font-weight") == "bold")
    x, y = float(text.get("x", 0)), float(text.get("y", 0))
    return (
        dx + x * k,
        dy + (y - size * ASCENT) * k,
        dx + (x + width) * k,
        dy + (y + size * DESCENT) * k,
    )


def _meets(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(p: Point, r: Rect, inset: float = 0.0) -> bool:
    return r[0] + inset < p[0] < r[2] - inset and r[1] + inset < p[1] < r[3] - inset


def _legend_box(root: ET.Element) -> Rect:
    lx, ly, lk = _transform(_group(root, "legend"))
    box = [r for r in _group(root, "legend").iter(f"{SVG}rect") if r.get("class") == "legend-box"]
    assert len(box) == 1
    return lx, ly, lx + float(box[0].get("width", 0)) * lk, ly + float(box[0].get("height", 0)) * lk


@pytest.mark.parametrize("model_id", [*BUNDLED, "gemeente-voorbeeld"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_edge_card_or_legend_crosses_the_title(model_id: str, lang: str) -> None:
    root = _poster(model_id, lang)
    title = _group(root, "header").find(f"{SVG}text")
    assert title is not None and title.get("id") == "title"
    assert title.text == load_model(MODELS / f"{model_id}.yaml").model.title
    head = _text_box(title)
    page_w = float(root.get("viewBox", "0 0 0 0").split()[2])
    assert head[2] <= page_w - head[0] + 0.01  # the title fits the page
    edges, cards = _map_geometry(root)
    assert edges and cards
    for eid, points in edges.items():
        assert not any(_inside(p, head) for p in points), eid
        # nothing runs above the header's bottom, not even past the end of the title
        assert min(p[1] for p in points) > head[3], eid
    for nid, card in cards.items():
        assert not _meets(card, head), nid
        assert card[1] > head[3], nid
    key = _legend_box(root)
    assert not _meets(key, head)
    for nid, card in cards.items():
        assert not _meets(card, key), nid
    for eid, points in edges.items():
        assert not any(_inside(p, key) for p in points), eid


def test_arcs_cross_no_card_and_each_other_only_where_steps_interleave() -> None:
    root = _poster("loverboys-general")
    edges, cards = _map_geometry(root)
    skipping = {e: pts for e, pts in edges.items() if len(pts) > 2}  # the arcs, not straight
    # the general model's step after Uitbuiten has three lanes, joined again in Geld
    assert {"sequence:ronselen:uitbuiten", "sequence:uitbuiten:vervoer"} <= set(skipping)
    assert {"sequence:advertenties:geld", "sequence:locaties:geld"} <= set(skipping)
    for eid, points in skipping.items():
        for nid, card in cards.items():
            assert not any(_inside(p, card, inset=0.05) for p in points), (eid, nid)
    for (a, pa), (b, pb) in itertools.combinations(sorted(skipping.items()), 2):
        # where the ends interleave (a < b < a' < b') one crossing cannot be avoided
        (a1, a2), (b1, b2) = sorted((pa[0][0], pa[-1][0])), sorted((pb[0][0], pb[-1][0]))
        assert len({a1, a2, b1, b2}) == 4, (a, b)  # no two arcs share a port
        interleaved = a1 < b1 < a2 < b2 or b1 < a1 < b2 < a2
        assert _crossings(pa, pb) == (1 if interleaved else 0), (a, b)
        # and never along each other: only the points at a crossing come near the other arc
        near = sum(1 for p in pa if min(abs(p[0] - q[0]) + abs(p[1] - q[1]) for q in pb) < 0.4)
        assert near <= 4, (a, b, near)


def _crossings(a: list[Point], b: list[Point]) -> int:
    def ccw(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    # b moved by a hair off the sample grid, so that no point lies exactly on the other line
    b = [(x + 1.3e-4, y + 0.7e-4) for x, y in b]
    count = 0
    for p1, p2 in itertools.pairwise(a):
        for q1, q2 in itertools.pairwise(b):
            d1, d2 = ccw(q1, q2, p1), ccw(q1, q2, p2)
            d3, d4 = ccw(p1, p2, q1), ccw(p1, p2, q2)
            if d1 * d2 < 0 and d3 * d4 < 0:
                count += 1
    return count


def test_arcs_nest_and_share_no_port_or_track_where_they_overlap() -> None:
    # a fork into three lanes and a join: a -> c, a -> d skip lanes b and c; b -> e, c -> e too
    boxes = {n: (k * 120.0, 60.0, 100.0, 40.0) for k, n in enumerate("abcde")}
    steps = [("a", "c"), ("a", "d"), ("b", "e"), ("c", "e")]
    edges = [{"id": f"{x}{y}", "from": x, "to": y, "smooth": True} for x, y in steps]
    found = arcs(edges, boxes)
    assert found["ad"].level > found["ac"].level  # the longer one runs above the shorter
    assert found["be"].level > found["ce"].level
    for x, y in itertools.combinations(found.values(), 2):
        overlap = max(x.x1, y.x1) < min(x.x2, y.x2)
        assert not overlap or x.level != y.level, (x.edge, y.edge)
        assert len({x.x1, x.x2, y.x1, y.x2}) == 4, (x.edge, y.edge)
    # nested ports at the shared phase: the higher arc leaves further from its way
    assert found["ad"].x1 < found["ac"].x1
    assert found["ce"].x2 < found["be"].x2


@pytest.mark.parametrize("model_id", [*BUNDLED, "gemeente-voorbeeld"])
def test_the_legend_has_an_entry_for_every_colour_on_the_poster(model_id: str) -> None:
    root = _poster(model_id)
    fills = {
        (g.get("class"), rect.get("fill"))
        for g in root.iter(f"{SVG}g")
        if g.get("data-node") and (rect := g.find(f"{SVG}rect")) is not None
    }
    entries = {g.get("data-legend", ""): g for g in _group(root, "legend").iter(f"{SVG}g")}
    swatches = {
        (key.split(":")[0], rect.get("fill"))
        for key, g in entries.items()
        for rect in g.iter(f"{SVG}rect")
    }
    kinds = {"phase": "phase", "intervention": "type", "partner": "partner"}
    for group, fill in fills:
        assert (kinds[str(group)], fill) in swatches, (group, fill)
    model = load_model(MODELS / f"{model_id}.yaml").model
    types = {i.type for i in model.interventions if i.type}
    assert {k.split(":", 1)[1] for k in entries if k.startswith("type:")} >= types
    assert {"phase", "arrow", "partner", "links"} <= set(entries)
    legend_text = " ".join(t.text or "" for t in _group(root, "legend").iter(f"{SVG}text"))
    assert "Legenda" in legend_text and "Partnerband" in legend_text
    # a local profile's cards end in the barrier's local state: the legend says so
    assert ("local" in entries) == (model.local is not None)
    if model.local is not None:
        shown = legend_text.replace("\u00a0", " ")
        assert "✔ aanwezig" in shown and "? onbekend" in shown


def test_the_legend_speaks_the_page_language_and_says_model_text_stays_as_written() -> None:
    nl, en = _poster("loverboys-general", "nl"), _poster("loverboys-general", "en")

    def words(root: ET.Element) -> str:
        return " ".join(t.text or "" for t in _group(root, "legend").iter(f"{SVG}text"))

    assert "Legend" in words(en) and "Legenda" not in words(en)
    assert "Arc above the row" in words(en) and "Boog erboven" in words(nl)
    # the model is in Dutch: the English poster says so, the Dutch one has no need to
    assert "model's language (nl)" in words(en)
    assert "taal van het model" not in words(nl)
    assert en.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert _group(en, "map").get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"


@pytest.mark.parametrize("model_id", BUNDLED)
def test_no_legend_line_runs_out_of_the_legend_box(model_id: str) -> None:
    for lang in ("nl", "en"):
        root = _poster(model_id, lang)
        lx, ly, lk = _transform(_group(root, "legend"))
        box = _legend_box(root)
        page = [float(v) for v in root.get("viewBox", "").split()]
        assert box[2] <= page[2] and box[3] <= page[3]  # the legend is on the page
        for text in _group(root, "legend").iter(f"{SVG}text"):
            line = _text_box(text, lx, ly, lk)
            assert box[0] < line[0] and line[2] < box[2], (lang, text.text, line, box)
            assert box[1] < line[1] and line[3] < box[3], (lang, text.text, line, box)


CLIENT_BOXES = """() => {
  const r = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const title = r(document.getElementById('title'));
  const key = r(document.querySelector('.legend-box'));
  const legendText = [...document.querySelectorAll('#legend text')].map(t => [t.textContent, r(t)]);
  const cards = [...document.querySelectorAll('g[data-node] > rect')].map(r);
  const points = [...document.querySelectorAll('path.edge')].flatMap(p => {
    const m = p.getScreenCTM(), n = Math.ceil(p.getTotalLength());
    return [...Array(n + 1).keys()].map(i => {
      const q = p.getPointAtLength(i * p.getTotalLength() / n);
      return [q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f];
    });
  });
  return {title, key, legendText, cards, points};
}"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_in_chromium_the_title_stands_clear_and_the_legend_holds_its_text(
    browser: Any, tmp_path: Path, lang: str
) -> None:
    model = load_model(MODELS / "loverboys-general.yaml").model
    path = tmp_path / "poster.svg"
    path.write_text(str(export(model, "map-svg", ExportOptions(lang=lang))), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1600, "height": 1130})
    page.goto(path.as_uri())
    seen = page.evaluate(CLIENT_BOXES)
    page.close()
    title, key = seen["title"], seen["key"]
    assert len(seen["points"]) > 100 and len(seen["cards"]) > 100
    assert not any(_inside((x, y), title) for x, y in seen["points"])
    assert max(y for _, y in seen["points"]) > title[3]
    assert not any(_meets(card, title) or _meets(card, key) for card in seen["cards"])
    assert not _meets(title, key)
    assert len(seen["legendText"]) > 15
    for text, (left, top, right, bottom) in seen["legendText"]:
        assert key[0] < left and right < key[2] and key[1] < top and bottom < key[3], text


def test_map_svg_in_english_from_the_command_line(tmp_path: Path) -> None:
    svg = tmp_path / "poster.svg"
    result = run_cli("export", "loverboys-general", "--to", "map-svg", "--lang", "en", "-o", svg)
    assert result.code == 0, result.err
    text = svg.read_text(encoding="utf-8")
    assert ">Legend</text>" in text and "Partner band at the bottom" in text
