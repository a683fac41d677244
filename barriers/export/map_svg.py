"""The whole map as a poster: one SVG page, A3 or A1 landscape, every label as text.

It draws what the interactive map draws in its first state, at the positions
:mod:`barriers.map.layout` computed: the row of phases with their counts, a card under each
phase for every barrier acting on it (the same barrier marked in each), the partner band,
and the process's steps as arrows (arcs over a lane they pass). Partner links are left out,
as the map leaves them out until one chooses.

The page is A3 when the cards' type is at least ``MIN_TEXT`` mm there, else A1. Every line
is measured with DejaVu Sans (:mod:`barriers.fonts`), the font the SVG names; a line wider
than its box is drawn smaller, so nothing runs out of a box. Deterministic: no dates, no
ids that change.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from barriers import fonts, palette
from barriers.export import ExportOptions
from barriers.model import Model
from barriers.text import xml_safe

PAPERS = (("A3", 420.0, 297.0), ("A1", 841.0, 594.0))  # landscape, in mm
MARGIN = 12.0
TITLE = 9.0  # mm
MIN_TEXT = 2.4  # mm: the smallest card text an A3 poster may have (about 7 pt)


def render(model: Model, options: ExportOptions) -> str:
    """The SVG text of the poster of ``model``'s map."""
    from barriers.map.render import map_data

    # the deepest blocks folded into more files until the map is about as wide as the page
    # is (landscape): the layout with the largest scale on the page wins, ties the deepest
    best: tuple[float, int, dict[str, Any]] | None = None
    for rows in (48, 32, 24, 18, 14, 11, 8, 6):
        data = map_data(model, max_rows=rows)
        scale = _scale(data, *PAPERS[-1][1:])
        if best is None or scale > best[0] * 1.001:
            best = (scale, rows, data)
    assert best is not None
    return poster(best[2])


def _scale(data: Mapping[str, Any], page_w: float, page_h: float) -> float:
    boxes = [_box(n) for n in data["nodes"]]
    width = max(b[0] + b[2] for b in boxes) - min(b[0] for b in boxes)
    height = max(b[1] + b[3] for b in boxes) - min(b[1] for b in boxes) + 70
    return min((page_w - 2 * MARGIN) / width, (page_h - 2 * MARGIN - TITLE * 2) / height)


def _box(node: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(left, top, width, height) of a node's box in canvas units."""
    from barriers.map.render import _height

    width = node["widthConstraint"]["minimum"] + 2 * node["margin"]
    height = _height(node)
    if "heightConstraint" in node:
        height = max(height, node["heightConstraint"]["minimum"] + 2 * node["margin"])
    return node["x"] - width / 2, node["y"] - height / 2, width, height


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _e(text: str) -> str:
    return html.escape(xml_safe(text), quote=True)


def poster(data: Mapping[str, Any]) -> str:
    """The poster of the map page's data (:func:`barriers.map.render.map_data`)."""
    nodes = data["nodes"]
    boxes = {n["id"]: _box(n) for n in nodes}
    left = min((b[0] for b in boxes.values()), default=0.0)
    top = min((b[1] for b in boxes.values()), default=0.0) - 70  # room for the arcs
    right = max((b[0] + b[2] for b in boxes.values()), default=1.0)
    bottom = max((b[1] + b[3] for b in boxes.values()), default=1.0)
    width, height = max(right - left, 1.0), max(bottom - top, 1.0)
    card_font = min((n["font"]["size"] for n in nodes), default=15)
    # the smallest paper on which the cards' text is still MIN_TEXT high, else the largest
    paper, page_w, page_h = PAPERS[-1]
    for name, w, h in PAPERS:
        if card_font * min((w - 2 * MARGIN) / width, (h - 2 * MARGIN - TITLE * 2) / height) >= (
            MIN_TEXT
        ):
            paper, page_w, page_h = name, w, h
            break
    scale = min((page_w - 2 * MARGIN) / width, (page_h - 2 * MARGIN - TITLE * 2) / height)
    ox = MARGIN + ((page_w - 2 * MARGIN) - width * scale) / 2 - left * scale
    oy = MARGIN + TITLE * 2 - top * scale
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(page_w)}mm" height="{_n(page_h)}mm"'
        f' viewBox="0 0 {_n(page_w)} {_n(page_h)}" font-family="{fonts.SVG_FONTS}"'
        f' data-paper="{paper}">',
        f"<title>{_e(data['model']['title'])}</title>",
        f"<style>@page {{ size: {paper} landscape; margin: 0 }} text {{ white-space: pre }}</style>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5"'
        f' markerHeight="5" orient="auto"><path d="M0,0L10,5L0,10z" fill="{palette.SEQUENCE}"/>'
        "</marker></defs>",
        f'<rect width="{_n(page_w)}" height="{_n(page_h)}" fill="{palette.PAPER}"/>',
        f'<text x="{_n(MARGIN)}" y="{_n(MARGIN + TITLE * 0.8)}" font-size="{_n(TITLE)}"'
        f' font-weight="bold" fill="{palette.INK}">'
        f"{_e(_fit_line(data['model']['title'], TITLE, page_w - 2 * MARGIN, bold=True)[0])}</text>",
        f'<g transform="translate({_n(ox)} {_n(oy)}) scale({scale:.5f})">',
    ]
    out += _edges(data["edges"], boxes)
    for node in nodes:
        out += _node(node, boxes[node["id"]])
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _edges(edges: list[dict[str, Any]], boxes: Mapping[str, tuple[float, ...]]) -> list[str]:
    out = []
    for edge in edges:
        if edge.get("hidden") or edge["from"] not in boxes or edge["to"] not in boxes:
            continue
        a, b = boxes[edge["from"]], boxes[edge["to"]]
        color = edge.get("color", {}).get("color", palette.SEQUENCE)
        dash = ' stroke-dasharray="8 6"' if edge.get("dashes") else ""
        x1, y1 = a[0] + a[2], a[1] + a[3] / 2
        x2, y2 = b[0], b[1] + b[3] / 2
        if edge.get("smooth"):
            # an arc above the row, from the top of one phase to the top of the other
            x1, y1, x2, y2 = a[0] + a[2] / 2, a[1], b[0] + b[2] / 2, b[1]
            lift = 40 + 0.15 * abs(x2 - x1)
            path = f"M{_n(x1)},{_n(y1)} Q{_n((x1 + x2) / 2)},{_n(min(y1, y2) - lift)} {_n(x2)},{_n(y2)}"
        else:
            path = f"M{_n(x1)},{_n(y1)} L{_n(x2)},{_n(y2)}"
        out.append(
            f'<path d="{path}" fill="none" stroke="{color}" stroke-width="{_n(edge.get("width", 1))}"'
            f'{dash} marker-end="url(#arrow)"/>'
        )
    return out


def _fit_line(text: str, size: float, room: float, bold: bool = False) -> tuple[str, float]:
    """The line and the size to draw it at so that it is no wider than ``room``."""
    width = fonts.text_width(text, size, bold)
    return text, size if width <= room else size * room / width


def _node(node: Mapping[str, Any], box: tuple[float, float, float, float]) -> list[str]:
    left, top, width, height = box
    color = node["color"]
    shape = node.get("shapeProperties", {})
    dash = shape.get("borderDashes")
    dashes = f' stroke-dasharray="{" ".join(map(str, dash))}"' if dash else ""
    out = [
        f'<g class="{_e(node["group"])}" data-node="{_e(node["id"])}">',
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(height)}"'
        f' rx="{_n(shape.get("borderRadius", 0))}" fill="{color["background"]}"'
        f' stroke="{color["border"]}" stroke-width="{_n(node.get("borderWidth", 1))}"{dashes}/>',
    ]
    size = float(node["font"]["size"])
    bold = bool(node["font"].get("bold"))
    lines = str(node["label"]).split("\n")
    room = width - 2 * node["margin"]
    first = top + node["margin"] + size * 0.8
    for k, line in enumerate(lines):
        text, drawn = _fit_line(line, size, room, bold)
        out.append(
            f'<text x="{_n(left + width / 2)}" y="{_n(first + k * size)}" font-size="{_n(drawn)}"'
            f' text-anchor="middle" fill="{node["font"]["color"]}"'
            + (' font-weight="bold"' if bold else "")
            + f">{_e(text)}</text>"
        )
    out.append("</g>")
    return out
