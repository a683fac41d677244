"""The whole map as a poster: one SVG page, A3 or A1 landscape, every label as text.

It draws what the interactive map draws in its first state, at the positions
:mod:`barriers.map.layout` computed: the row of phases with their counts, a card under each
phase for every barrier acting on it (the same barrier marked in each), the partner band,
and the process's steps as arrows. Partner links are left out, as the map leaves them out
until one chooses.

The page has three parts that never overlap: the header (the model's title) at the top,
the legend in a column on the right (in the page's language, ``--lang``: what the colours,
boxes, arrows and the partner band mean) and the map in the rest. A step that passes over
phases beside it (a skipped lane) is drawn as a bracket-shaped arc on a track of its own in a
band above the phase row: an arc spanning another's endpoints runs above it, arcs that share
a phase leave it at ports side by side, so arcs cross only where two steps interleave (and
then once, at a right angle), never run along each other and never over a card.

The page is A3 when the cards' type is at least ``MIN_TEXT`` mm there, else A1. Every line
is measured with DejaVu Sans (:mod:`barriers.fonts`), the font the SVG names; a line wider
than its box is drawn smaller, so nothing runs out of a box. Deterministic: no dates, no
ids that change.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from barriers import fonts, palette
from barriers.export import ExportOptions
from barriers.map.words import LANGUAGES, words
from barriers.model import Model
from barriers.text import xml_safe

PAPERS = (("A3", 420.0, 297.0), ("A1", 841.0, 594.0))  # landscape, in mm
# the page's measures, in mm on A3 (A1 is twice as wide: everything outside the map twice
# as big, so the header and legend read from as far as the cards do)
MARGIN = 12.0
TITLE = 7.5
HEADER_GAP = 6.0  # from the header's bottom to the map and the legend
LEGEND_TEXT = 3.0
LEGEND_HEADING = 3.4
LEGEND_ROOM = 46.0  # the legend's text column: longer lines wrap
LEGEND_GAP = 8.0  # between the map and the legend
MIN_TEXT = 2.4  # mm: the smallest card text an A3 poster may have (about 7 pt)
ASCENT, DESCENT = 0.93, 0.24  # DejaVu Sans's ascender and descender, in em

# the arcs' band above the phase row, in canvas units
ARC_BASE = 34  # from the phases' top up to the lowest track
TRACK = 26  # between tracks
PORT_GAP = 18  # between the ports of arcs that share a phase
CORNER = 10  # the radius of an arc's corners
BAND_LABEL = 1.4  # the partner band's label, in card font sizes

# the poster's own words; the others are the map's (barriers.map.words)
POSTER_WORDS: dict[str, tuple[str, str]] = {
    "phase": (
        "Fase (stap van het proces), met het aantal barrières en partners",
        "Phase (step of the process), with its numbers of barriers and partners",
    ),
    "no_type": ("Barrière zonder type", "Barrier without a type"),
    "copies": (
        "◆ in n fasen: dezelfde barrière staat onder elke fase waarop zij werkt",
        "◆ in n phases: the same barrier has a card under each phase it acts on",
    ),
    "local": (
        "Onderste regel van een barrière: de stand hier:",
        "Last line of a barrier card: its state here:",
    ),
    "steps": ("Stappen", "Steps"),
    "arrow": ("Pijl: de volgende stap van het proces", "Arrow: the next step of the process"),
    "arc": (
        "Boog erboven: een stap over de fasen ertussen heen",
        "Arc above the row: a step that passes over the phases between",
    ),
    "partner": (
        "Partnerband onderaan: wie de barrières draagt",
        "Partner band at the bottom: who carries the barriers",
    ),
    "idle": ("Partner zonder barrière", "Partner without a barrier"),
    "links": (
        "Wie welke barrière draagt: de lijnen op de interactieve kaart",
        "Who carries which barrier: the links on the interactive map",
    ),
}

Box = tuple[float, float, float, float]  # left, top, width, height


def render(model: Model, options: ExportOptions) -> str:
    """The SVG text of the poster of ``model``'s map, in the words of ``options.lang``."""
    from barriers.map.render import map_data

    lang = options.lang if options.lang in LANGUAGES else "nl"
    # the deepest blocks folded into more files until the map is about as wide as the page
    # is (landscape): the layout with the largest scale on the page wins, ties the deepest
    best: tuple[float, dict[str, Any]] | None = None
    for rows in (48, 32, 24, 18, 14, 11, 8, 6):
        data = map_data(model, lang=lang, max_rows=rows)
        scale = _sheet(data, PAPERS[-1]).scale
        if best is None or scale > best[0] * 1.001:
            best = (scale, data)
    assert best is not None
    return poster(best[1])


def _box(node: Mapping[str, Any]) -> Box:
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


# -- the arcs over the phase row -------------------------------------------------------------


@dataclass(frozen=True)
class Arc:
    """A step drawn over the phases between its ends: its ports and its track."""

    edge: str
    x1: float  # the port on the left phase's top
    x2: float  # the port on the right phase's top
    top: float  # the phases' top
    level: int  # 1 is the lowest track

    def path(self) -> str:
        y = self.top - ARC_BASE - (self.level - 1) * TRACK
        x1, x2, r = self.x1, self.x2, min(CORNER, (self.x2 - self.x1) / 2)
        return (
            f"M{_n(x1)},{_n(self.top)} V{_n(y + r)} Q{_n(x1)},{_n(y)} {_n(x1 + r)},{_n(y)}"
            f" H{_n(x2 - r)} Q{_n(x2)},{_n(y)} {_n(x2)},{_n(y + r)} V{_n(self.top)}"
        )


def arcs(edges: Sequence[Mapping[str, Any]], boxes: Mapping[str, Box]) -> dict[str, Arc]:
    """The arc of every step that passes over other phases, by edge id.

    An arc gets the lowest track above every arc it spans and apart from every arc it
    overlaps; at a phase, arcs that end there take the left ports (the higher, the further
    in) and arcs that start there the right ports (the higher, the further in), so nested
    arcs never touch.

    >>> boxes = {"a": (0, 60, 100, 40), "b": (120, 60, 100, 40), "c": (240, 60, 100, 40)}
    >>> edges = [{"id": "ac", "from": "a", "to": "c", "smooth": True}]
    >>> arcs(edges, boxes)["ac"].level
    1
    """
    spans: list[tuple[str, str, str]] = []  # (edge id, left box, right box)
    for edge in edges:
        a, b = edge["from"], edge["to"]
        if not edge.get("smooth") or edge.get("hidden") or a not in boxes or b not in boxes:
            continue
        left, right = sorted((a, b), key=lambda n: (boxes[n][0], n))
        spans.append((edge["id"], left, right))

    def centre(nid: str) -> float:
        return boxes[nid][0] + boxes[nid][2] / 2

    levels: dict[str, int] = {}
    ends: dict[str, tuple[float, float]] = {}
    for eid, left, right in sorted(spans, key=lambda s: (centre(s[2]) - centre(s[1]), s)):
        lo, hi = centre(left), centre(right)
        above, taken = 0, set()
        for other, (olo, ohi) in ends.items():
            if max(lo, olo) >= min(hi, ohi):
                continue  # apart, or meeting at one phase: they may share a track
            if lo <= olo and ohi <= hi:
                above = max(above, levels[other])  # it spans the other: it runs above it
            taken.add(levels[other])
        level = above + 1
        while level in taken:
            level += 1
        levels[eid], ends[eid] = level, (lo, hi)

    ports: dict[str, list[tuple[int, int, str]]] = {}  # box -> (side, order, edge id)
    for eid, left, right in spans:
        ports.setdefault(right, []).append((0, levels[eid], eid))  # ends here: left side
        ports.setdefault(left, []).append((1, -levels[eid], eid))  # starts here: right side
    at: dict[tuple[str, str], float] = {}
    for nid, here in ports.items():
        here.sort()
        left, _, width, _ = boxes[nid]
        gap = min(PORT_GAP, width / (len(here) + 1))
        for k, (_, _, eid) in enumerate(here):
            at[(nid, eid)] = left + width / 2 + (k - (len(here) - 1) / 2) * gap
    return {
        eid: Arc(
            eid,
            at[(left, eid)],
            at[(right, eid)],
            min(boxes[left][1], boxes[right][1]),
            levels[eid],
        )
        for eid, left, right in spans
    }


def _arc_band(found: Mapping[str, Arc]) -> float:
    """The height above the phases' top that the arcs need."""
    top = max((a.level for a in found.values()), default=0)
    return ARC_BASE + (top - 1) * TRACK + 8 if top else 0


# -- the legend ------------------------------------------------------------------------------


@dataclass
class Legend:
    """The legend drawn at (0, 0) in A3 millimetres: its SVG, width and height."""

    parts: list[str] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def wrap(text: str, size: float, room: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``room`` at ``size`` (a longer word stands alone).

    >>> wrap("een twee drie", 10, 60)
    ['een twee', 'drie']
    """
    lines: list[str] = []
    for word in text.split(" "):
        if not word:
            continue
        if lines and fonts.text_width(f"{lines[-1]} {word}", size, bold) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _swatch(kind: str, color: Mapping[str, str], x: float, y: float) -> str:
    """A small picture of a box, arrow or arc, 8 × 4.5 mm with its top left at (x, y)."""
    w, h = 8.0, 4.5
    if kind == "arrow":
        return (
            f'<path d="M{_n(x)},{_n(y + h / 2)} H{_n(x + w)}" stroke="{palette.SEQUENCE}"'
            ' stroke-width="0.5" fill="none" marker-end="url(#arrow)"/>'
        )
    if kind == "arc":
        return (
            f'<path d="M{_n(x + 0.5)},{_n(y + h)} V{_n(y + 1.5)} Q{_n(x + 0.5)},{_n(y + 0.5)}'
            f" {_n(x + 1.5)},{_n(y + 0.5)} H{_n(x + w - 1.5)} Q{_n(x + w - 0.5)},{_n(y + 0.5)}"
            f' {_n(x + w - 0.5)},{_n(y + 1.5)} V{_n(y + h)}" stroke="{palette.SEQUENCE}"'
            ' stroke-width="0.5" fill="none" marker-end="url(#arrow)"/>'
        )
    radius = {"partner": h / 2, "phase": 0.6}.get(kind, 0.3)
    dash = color.get("dash")
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<rect class="swatch" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
        f' rx="{_n(radius)}" fill="{color["background"]}" stroke="{color["border"]}"'
        f' stroke-width="{color.get("width", "0.3")}"{dashes}/>'
    )


def legend(data: Mapping[str, Any]) -> Legend:
    """What the poster's colours, boxes, arrows and band mean, in the page's words."""
    lang = data.get("lang", "nl")
    w = words(lang)
    p = {key: pair[LANGUAGES.index(lang)] for key, pair in POSTER_WORDS.items()}
    nodes = data["nodes"]
    groups: dict[str, list[tuple[str, Mapping[str, str] | None, str, str, str | None]]] = {}

    def entry(
        section: str,
        kind: str,
        color: Mapping[str, str] | None,
        text: str,
        key: str,
        text_lang: str | None = None,  # the entry's language, where it is not the page's
    ) -> None:
        groups.setdefault(section, []).append((kind, color, text, key, text_lang))

    fills = {n["color"]["background"] for n in nodes}
    phase_fills = {n["color"]["background"] for n in nodes if n["group"] == "phase"}
    phase = {**palette.PHASE_COLOR, "width": "0.5"}
    entry(w["phases"], "phase", phase, p["phase"], "phase")
    if palette.UNCOVERED_COLOR["background"] in phase_fills:
        uncovered = {**palette.UNCOVERED_COLOR, "width": "0.8", "dash": "1.2 0.8"}
        entry(w["phases"], "phase", uncovered, w["legend_uncovered"], "phase:uncovered")
    if palette.SINGLE_COLOR["background"] in phase_fills:
        single = {**palette.SINGLE_COLOR, "width": "0.5"}
        entry(w["phases"], "phase", single, w["legend_single"], "phase:single")
    cards = w["legend_intervention"]
    typed = [n for n in nodes if n["group"] == "intervention"]
    for t in data["types"]:
        if t["color"] in fills:
            color = {"background": t["color"], "border": palette.INTERVENTION_BORDER}
            # the type as the page shows it (render.py's _type_text), keyed by the term
            label = t["label"]
            entry(cards, "card", color, f"‹{label['text']}›", f"type:{t['name']}", label["lang"])
    if any("‹" not in n["label"] for n in typed):
        plain = {"background": palette.PLAIN_INTERVENTION, "border": palette.INTERVENTION_BORDER}
        entry(cards, "card", plain, p["no_type"], "type:")
    if data.get("copies"):
        entry(cards, "text", None, p["copies"], "copies")
    if (data.get("session") or {}).get("profile"):
        from barriers.analysis.local import STATE_WORDS
        from barriers.map.session import MARKS

        # a sign stays on the line of its word (no-break spaces: wrap breaks at spaces only)
        states = ", ".join(
            f"{MARKS[k]}\u00a0{STATE_WORDS[k][LANGUAGES.index(lang)]}".replace(" ", "\u00a0")
            for k in MARKS
        )
        entry(cards, "text", None, f"{p['local']} {states}", "local")
    edges = [e for e in data["edges"] if not e.get("hidden") and e["id"].startswith("sequence:")]
    if edges:
        entry(p["steps"], "arrow", None, p["arrow"], "arrow")
    if any(e.get("smooth") for e in edges):
        entry(p["steps"], "arc", None, p["arc"], "arc")
    band = [n for n in nodes if n["group"] == "partner"]
    if band:
        partner = {**palette.PARTNER_COLOR, "width": "0.5"}
        entry(w["partners"], "partner", partner, p["partner"], "partner")
        if any(n["color"]["background"] == palette.IDLE_PARTNER_COLOR["background"] for n in band):
            idle = {**palette.IDLE_PARTNER_COLOR, "width": "0.5", "dash": "0.8 0.8"}
            entry(w["partners"], "partner", idle, p["idle"], "partner:idle")
        entry(w["partners"], "text", None, p["links"], "links")
    if data.get("text_lang"):
        from barriers.map.render import lang_note

        entry("", "text", None, lang_note(data), "lang")

    pad, swatch, line = 3.0, 8.0 + 2.5, LEGEND_TEXT * 1.25
    out = Legend()
    y = pad + LEGEND_HEADING * ASCENT
    out.parts.append(_text(pad, y, w["legend"], LEGEND_HEADING * 1.2, bold=True))
    y += LEGEND_HEADING * 0.6
    for section, entries in groups.items():
        y += LEGEND_TEXT * 0.9
        if section:
            y += LEGEND_HEADING * ASCENT
            out.parts.append(_text(pad, y, section, LEGEND_HEADING, bold=True))
            y += LEGEND_HEADING * DESCENT + 1.2
        for kind, paint, text, key, text_lang in entries:
            indent = 0.0 if kind == "text" else swatch
            lines = wrap(text, LEGEND_TEXT, LEGEND_ROOM + swatch - indent)
            block = max(len(lines) * line, 0.0 if kind == "text" else 4.5)
            marked = f' xml:lang="{_e(text_lang)}"' if text_lang else ""
            out.parts.append(f'<g class="legend-entry" data-legend="{_e(key)}"{marked}>')
            if kind != "text":
                assert paint is not None or kind in ("arrow", "arc")
                out.parts.append(
                    _swatch(kind, paint or {}, pad, y + (min(block, line * 2) - 4.5) / 2)
                )
            first = y + (block - len(lines) * line) / 2 + LEGEND_TEXT * ASCENT + 0.1
            for k, text_line in enumerate(lines):
                out.parts.append(_text(pad + indent, first + k * line, text_line, LEGEND_TEXT))
            out.parts.append("</g>")
            y += block + 1.3
    out.width = pad * 2 + swatch + LEGEND_ROOM
    out.height = y + pad
    out.parts.insert(
        0,
        f'<rect class="legend-box" width="{_n(out.width)}" height="{_n(out.height)}"'
        f' rx="1.5" fill="{palette.PAPER}" stroke="{palette.LINE}" stroke-width="0.3"/>',
    )
    return out


def _text(x: float, y: float, text: str, size: float, bold: bool = False) -> str:
    """A legend line, drawn smaller if it would be wider than the legend's column."""
    text, size = _fit_line(text, size, LEGEND_ROOM + 8.0 + 2.5 - (x - 3.0), bold)
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"{weight}'
        f' fill="{palette.INK}">{_e(text)}</text>'
    )


# -- the page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """Where the parts of the poster go on one paper, in mm."""

    paper: str
    page: tuple[float, float]
    unit: float  # mm of this paper per A3 mm
    title: tuple[str, float]  # the title's line and its size
    legend: Legend
    legend_at: tuple[float, float, float]  # x, y, scale
    map_area: Box
    extent: Box  # the map's own box, in canvas units (arcs and band label included)
    scale: float  # mm per canvas unit


def _extent(data: Mapping[str, Any]) -> Box:
    boxes = [_box(n) for n in data["nodes"]]
    if not boxes:
        return 0.0, 0.0, 1.0, 1.0
    phase_tops = [_box(n)[1] for n in data["nodes"] if n["group"] == "phase"]
    band = _arc_band(arcs(data["edges"], {n["id"]: _box(n) for n in data["nodes"]}))
    left = min(b[0] for b in boxes)
    top = min([*(b[1] for b in boxes), *(t - band for t in phase_tops)])
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return left, top, max(right - left, 1.0), max(bottom - top, 1.0)


def _sheet(data: Mapping[str, Any], paper: tuple[str, float, float]) -> Sheet:
    name, page_w, page_h = paper
    u = page_w / PAPERS[0][1]
    margin, title_size = MARGIN * u, TITLE * u
    title, drawn = _fit_line(data["model"]["title"], title_size, page_w - 2 * margin, bold=True)
    header_bottom = margin + drawn * (ASCENT + DESCENT)
    below = header_bottom + HEADER_GAP * u
    key = legend(data)
    room_h = page_h - margin - below
    k = min(u, room_h / key.height) if key.height else u
    legend_w = key.width * k
    legend_x = page_w - margin - legend_w
    area = (margin, below, legend_x - LEGEND_GAP * u - margin, room_h)
    extent = _extent(data)
    scale = min(area[2] / extent[2], area[3] / extent[3])
    return Sheet(
        name, (page_w, page_h), u, (title, drawn), key, (legend_x, below, k), area, extent, scale
    )


def poster(data: Mapping[str, Any]) -> str:
    """The poster of the map page's data (:func:`barriers.map.render.map_data`)."""
    nodes = data["nodes"]
    boxes = {n["id"]: _box(n) for n in nodes}
    card_font = min((n["font"]["size"] for n in nodes), default=15)
    # the smallest paper on which the cards' text is still MIN_TEXT high, else the largest
    sheets = [_sheet(data, paper) for paper in PAPERS]
    sheet = next((s for s in sheets if card_font * s.scale >= MIN_TEXT), sheets[-1])
    page_w, page_h = sheet.page
    left, top, width, _ = sheet.extent
    ax, ay, aw, _ = sheet.map_area
    scale = sheet.scale
    ox = ax + (aw - width * scale) / 2 - left * scale
    oy = ay - top * scale
    u = sheet.unit
    title, title_size = sheet.title
    lx, ly, lk = sheet.legend_at
    lang = data.get("lang", "nl")
    model_lang = f' xml:lang="{_e(data["text_lang"])}"' if data.get("text_lang") else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(page_w)}mm" height="{_n(page_h)}mm"'
        f' viewBox="0 0 {_n(page_w)} {_n(page_h)}" font-family="{fonts.SVG_FONTS}"'
        f' data-paper="{sheet.paper}" xml:lang="{_e(lang)}">',
        f"<title{model_lang}>{_e(data['model']['title'])}</title>",
        f"<style>@page {{ size: {sheet.paper} landscape; margin: 0 }}"
        " text { white-space: pre }</style>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5"'
        f' markerHeight="5" orient="auto"><path d="M0,0L10,5L0,10z" fill="{palette.SEQUENCE}"/>'
        "</marker></defs>",
        f'<rect width="{_n(page_w)}" height="{_n(page_h)}" fill="{palette.PAPER}"/>',
        f'<g id="header"{model_lang}>',
        f'<text id="title" x="{_n(MARGIN * u)}" y="{_n(MARGIN * u + title_size * ASCENT)}"'
        f' font-size="{_n(title_size)}" font-weight="bold" fill="{palette.INK}">{_e(title)}</text>',
        "</g>",
        f'<g id="legend" transform="translate({_n(lx)} {_n(ly)}) scale({lk:.5f})">',
        *sheet.legend.parts,
        "</g>",
        f'<g id="map" transform="translate({_n(ox)} {_n(oy)}) scale({scale:.5f})"{model_lang}>',
    ]
    out += _edges(data["edges"], boxes)
    out += _band_label(data, boxes, card_font)
    for node in nodes:
        out += _node(node, boxes[node["id"]], _type_lang(data, node["id"]))
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _band_label(data: Mapping[str, Any], boxes: Mapping[str, Box], card_font: float) -> list[str]:
    """ "Partners" over the partner band, in the room the layout leaves above it."""
    band = [boxes[n["id"]] for n in data["nodes"] if n["group"] == "partner"]
    if not band:
        return []
    size = card_font * BAND_LABEL
    x, y = min(b[0] for b in band), min(b[1] for b in band) - size * 0.6
    return [
        f'<text class="band-label" x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"'
        f' font-weight="bold" fill="{palette.INK}" xml:lang="{_e(data.get("lang", "nl"))}">'
        f"{_e(words(data.get('lang', 'nl'))['partners'])}</text>"
    ]


def _edges(edges: list[dict[str, Any]], boxes: Mapping[str, Box]) -> list[str]:
    found = arcs(edges, boxes)
    out = []
    for edge in edges:
        if edge.get("hidden") or edge["from"] not in boxes or edge["to"] not in boxes:
            continue
        a, b = boxes[edge["from"]], boxes[edge["to"]]
        color = edge.get("color", {}).get("color", palette.SEQUENCE)
        dash = ' stroke-dasharray="8 6"' if edge.get("dashes") else ""
        if edge["id"] in found:
            path = found[edge["id"]].path()
        else:
            x1, y1 = a[0] + a[2], a[1] + a[3] / 2
            x2, y2 = b[0], b[1] + b[3] / 2
            path = f"M{_n(x1)},{_n(y1)} L{_n(x2)},{_n(y2)}"
        out.append(
            f'<path class="edge" data-edge="{_e(edge["id"])}" d="{path}" fill="none"'
            f' stroke="{color}" stroke-width="{_n(edge.get("width", 1))}"{dash}'
            ' marker-end="url(#arrow)"/>'
        )
    return out


def _fit_line(text: str, size: float, room: float, bold: bool = False) -> tuple[str, float]:
    """The line and the size to draw it at so that it is no wider than ``room``."""
    width = fonts.text_width(text, size, bold)
    # rounded down to what the SVG writes (two decimals), so the drawn line fits too
    return text, size if width <= room else math.floor(size * room / width * 100) / 100


def _type_lang(data: Mapping[str, Any], node_id: str) -> str | None:
    """The language to mark a barrier card's type line with, where the map's group (in the
    model's language) does not say it: the label's own, or the page's among model text."""
    item = data["items"].get(node_id.split("@")[0], {})
    label = item.get("type_label") if item.get("kind") == "intervention" else None
    if label is None:
        return None
    return label["lang"] or (data.get("lang") if data.get("text_lang") else None)


def _node(node: Mapping[str, Any], box: Box, type_lang: str | None = None) -> list[str]:
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
    # a card's type line (the last ‹…›: the name comes before it) may be in another language
    typed = [k for k, line in enumerate(lines) if line.startswith("‹") and line.endswith("›")]
    type_line = typed[-1] if typed and type_lang else None
    for k, line in enumerate(lines):
        text, drawn = _fit_line(line, size, room, bold)
        marked = f' xml:lang="{_e(type_lang)}"' if k == type_line and type_lang else ""
        out.append(
            f'<text x="{_n(left + width / 2)}" y="{_n(first + k * size)}" font-size="{_n(drawn)}"'
            f' text-anchor="middle" fill="{node["font"]["color"]}"'
            + (' font-weight="bold"' if bold else "")
            + f"{marked}>{_e(text)}</text>"
        )
    out.append("</g>")
    return out
