"""The interactive map: one self-contained, offline, deterministic HTML page.

pyvis renders the page: a ``pyvis.network.Network`` holds the node and edge lists (filled
directly) and the vis options, and ``generate_html`` renders them through our own Jinja
template (``assets/template.html``) with the vis-network bundle that pyvis ships inlined,
licence header kept. The template and its partials (``assets/partials/``) make all of the
page's markup in the shared environment of :mod:`barriers.html`, which escapes everything by
default: this module hands them plain data (text, numbers, lists and dicts) and builds no HTML,
and data goes in as JSON (:func:`script_json`) that the page's script reads and inserts with
``textContent``. Where and why pyvis's own writers, options
parser and templates are avoided: :func:`_render_with_pyvis`.

Everything the page shows is an answer of :mod:`barriers.analysis` or :mod:`barriers.graph`
or a field of the model; the page itself computes nothing but the what-if view, which the
browser tests hold equal to :func:`barriers.analysis.whatif` for every partner.

>>> from barriers.load import load_model
>>> page = map_html(load_model("models/loverboys-general.yaml").model)
>>> page.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from barriers import analysis, palette
from barriers.fonts import text_width
from barriers.map.layout import CARD_W, MAX_ROWS, ROW_GAP, Layout, compute_layout, node_id
from barriers.map.session import SessionContext, local_line, session_data
from barriers.map.words import LANGUAGES, words
from barriers.model import STATUS_LABELS, Intervention, Model, Partner, Phase
from barriers.techniques import MECHANISMS_BY_ID, TECHNIQUES_BY_ID
from barriers.vocabulary import TermKind, term_label

VIS_BUNDLE = "templates/lib/vis-9.1.2/vis-network.min.js"
ASSETS = Path(__file__).resolve().parent / "assets"  # the page's template, script and style
# Labels are wrapped here, not by the page, so the layout knows how tall each box is drawn.
# A name on the map gets at most so many lines; the panel and the tooltip show it whole.
CARD_FONT = 15  # intervention and partner labels, in canvas pixels
CARD_MARGIN = 8
CARD_CHARS = 20  # characters on a line of a card (about CARD_W wide at CARD_FONT)
CARD_LINES = 4
# Phases are read in the first view, where the whole row of them fits the screen's width
# (about half size on a laptop): large type, so name and counts are 12 px or more there.
PHASE_FONT = 25
PHASE_MARGIN = 10
PHASE_CHARS = 12
PHASE_LINES = 3
# a card's label is drawn only from this many screen pixels up; below it (zoomed out) the
# page draws each phase's group chips instead of its cards (see _groups)
CARD_LABEL_FROM = 12
# Group chips are read in the first view too: as large as the phases' type, so they are as
# readable as the phases' names; two lines (the type, the count) in a card's width.
GROUP_FONT = PHASE_FONT
GROUP_MARGIN = 3
GROUP_NAME_LINES = 2  # a type's text on a chip, before its count
PARTNER_RADIUS = 14
LONG_WORD = 4  # characters a word may run past a line before it is cut

# the colours, from the one palette (re-exported here for the modules that took them from us)
from barriers.palette import (  # noqa: E402
    IDLE_PARTNER_COLOR,
    INTERVENTION_BORDER,
    MARK_BORDER,
    ON_DARK,
    PARTNER_COLOR,
    PHASE_COLOR,
    PLAIN_INTERVENTION,
    RAISES_COLOR,
    REMOVED_COLOR,
    SEQUENCE,
    SINGLE_COLOR,
    TYPE_COLORS,
    UNCOVERED_COLOR,
    css_variables,
)

MARK_PREFIX = {"added": "+ ", "changed": "± ", "removed": "− "}
FORBIDDEN_IN_HTML = re.compile("[\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def map_html(
    model: Model,
    *,
    lang: str = "nl",
    base: Model | None = None,
    session: SessionContext | None = None,
) -> str:
    """The map page of a resolved ``model``; with ``base``, marked as a variant of it;
    ``session`` says what the session mode starts from (see :mod:`barriers.map.session`)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    data = map_data(model, lang=lang, base=base, session=session)
    return _page(model, data, lang, base)


# -- the data the page's script reads ---------------------------------------------------------


def map_data(
    model: Model,
    *,
    lang: str = "nl",
    base: Model | None = None,
    max_rows: int = MAX_ROWS,
    session: SessionContext | None = None,
) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-ready data (deterministic order).

    ``max_rows`` is the layout's (:func:`barriers.map.layout.compute_layout`); ``session``
    what the session mode starts from (:mod:`barriers.map.session`)."""
    w = words(lang)
    facts = analysis.facts(model)
    order = analysis.process_order(facts)
    by_phase = analysis.interventions_by_phase(facts)
    partners_of_phase = analysis.partners_by_phase(facts)
    gap = analysis.gaps(facts)
    marks, changed_fields, removed = _compare(model, base)

    phases = {p.id: p for p in model.phases}
    interventions = list(model.interventions)
    partners = list(model.partners)
    # removed phases stand where they stood in the base; what the base attached to them
    # (removed barriers, their removed partners, links of barriers that stay) is drawn too
    ghost_phases = removed["phases"]
    placed, placed_next, ghost_sequence = _with_ghost_phases(order, phases, base, ghost_phases)
    on_map = set(placed)
    ghost_interventions = [
        i for i in removed["interventions"] if any(p in on_map for p in i.phases)
    ]
    ghost_partners = removed["partners"]

    types = sorted({i.type for i in [*interventions, *ghost_interventions] if i.type})
    # a type keeps its colour in every language: colours go by the term, the list by its label
    type_color = {t: TYPE_COLORS[k % len(TYPE_COLORS)] for k, t in enumerate(types)}
    type_labels = {t: _type_text(model, t, lang) for t in types}
    state = _phase_states(gap)
    counts = {row["id"]: row for row in gap["phases"]}

    drafts: list[dict[str, Any]] = []  # the nodes, before the layout places them
    items: dict[str, dict[str, Any]] = {}
    preds: dict[str, list[str]] = {pid: [] for pid in order}
    for pid in order:
        for succ in phases[pid].next or []:
            preds.setdefault(succ, []).append(pid)

    for pid in order:
        phase = phases[pid]
        nid = node_id("phase", pid)
        n_int, n_par = counts[pid]["interventions"], counts[pid]["partners"]
        label = _phase_label(phase.name, n_int, n_par, state.get(pid), w)
        items[nid] = _phase_item(phase, by_phase, partners_of_phase, preds, state.get(pid))
        items[nid].update(counts={"interventions": n_int, "partners": n_par})
        drafts.append(_phase_node(nid, label, state.get(pid), marks.get(nid)))
    ghost_attached: dict[str, list[str]] = {}  # ghost phase id -> base interventions on it
    if base is not None and ghost_phases:
        base_facts = analysis.facts(base)
        base_by_phase = analysis.interventions_by_phase(base_facts)
        base_partners = analysis.partners_by_phase(base_facts)
        base_preds: dict[str, list[str]] = {}
        for phase in base.phases:
            for succ in phase.next or []:
                base_preds.setdefault(succ, []).append(phase.id)
        for phase in ghost_phases:
            nid = node_id("phase", phase.id)
            ghost_attached[phase.id] = list(base_by_phase.get(phase.id, []))
            # the panel shows what the base had here: its barriers, partners and neighbours
            items[nid] = _phase_item(phase, base_by_phase, base_partners, base_preds, None)
            items[nid].update(
                state="removed",
                counts={
                    "interventions": len(base_by_phase.get(phase.id, [])),
                    "partners": len(base_partners.get(phase.id, [])),
                },
            )
            label = "\n".join([*_lines(phase.name, PHASE_CHARS, PHASE_LINES), f"({w['ghost']})"])
            drafts.append(_phase_node(nid, label, None, "removed"))
    for item in interventions:
        nid = node_id("intervention", item.id)
        items[nid] = _intervention_item(item, lang, type_labels)
        n_on_map = len({p for p in item.phases if p in on_map})
        drafts.append(
            _intervention_node(
                nid, item, type_color, marks.get(nid), w, n_on_map, _shown_type(item, type_labels)
            )
        )
        if model.local is not None:  # a profile's card has room for its local state's line
            drafts[-1]["label"] += "\n" + local_line(item, lang)
    for item in ghost_interventions:
        nid = node_id("intervention", item.id)
        items[nid] = _intervention_item(item, lang, type_labels)
        items[nid]["phases"] = [p for p in items[nid]["phases"] if p in on_map]
        n_on_map = len(items[nid]["phases"])
        drafts.append(
            _intervention_node(
                nid, item, type_color, "removed", w, n_on_map, _shown_type(item, type_labels)
            )
        )
    idle = set(gap["idle_partners"])
    for partner in partners:
        nid = node_id("partner", partner.id)
        items[nid] = _partner_item(partner, facts.raised_by[partner.id], partner.id in idle)
        items[nid]["sector_label"] = _sector_text(model, partner.sector, lang)
        drafts.append(_partner_node(nid, partner, partner.id in idle, marks.get(nid), w))
    for partner in ghost_partners:
        nid = node_id("partner", partner.id)
        items[nid] = _partner_item(partner, [], False)
        items[nid]["sector_label"] = _sector_text(model, partner.sector, lang)
        drafts.append(_partner_node(nid, partner, False, "removed", w))

    groups = _groups(model, order, by_phase, type_color, lang, w)
    layout = compute_layout(
        placed,
        placed_next,
        [(i.id, i.phases, i.partners) for i in [*interventions, *ghost_interventions]],
        [p.id for p in [*partners, *ghost_partners]],
        {n["id"]: _height(n) for n in [*drafts, *(g["node"] for g in groups)]},
        max_rows=max_rows,
        groups={pid: [g["id"] for g in groups if g["phase"] == pid] for pid in order},
    )
    for group in groups:
        group["node"].update(zip(("x", "y"), layout.groups[group["id"]], strict=True))
    # an intervention that acts on no phase of the map has no place on it; one that acts on
    # several has a card (a copy of its node, marked as the same barrier) under each
    _same_phase_height(drafts)
    drafted = {n["id"]: n for n in drafts}
    for iid, cards in layout.copies.items():
        own = drafted[node_id("intervention", iid)]
        drafts += [{**own, "id": card} for card in cards.values()]
    nodes = [{**n, **_position(layout, n["id"])} for n in drafts if n["id"] in layout.positions]
    items = {nid: entry for nid, entry in items.items() if nid in layout.positions}
    for iid, home in layout.home.items():
        items[node_id("intervention", iid)]["home"] = home
    for nid, entry in items.items():
        entry["mark"] = marks.get(nid)
        if nid in changed_fields:
            entry["changed_fields"] = changed_fields[nid]
    changes = _changes(marks, changed_fields, items, removed)

    present = {n["id"] for n in nodes}
    edges = _edges(order, phases, [*interventions, *ghost_interventions], present, marks, layout)
    edges += _ghost_edges(ghost_sequence, ghost_attached, present, marks)
    return {
        "lang": lang,
        "text_lang": text_lang(model.language, lang),
        "words": w,
        "model": {
            "id": model.id,
            "title": model.title,
            "variant": model.variant,
            "base": {"id": base.id, "title": base.title} if base is not None else None,
        },
        "nodes": nodes,
        "edges": edges,
        "options": _vis_options(len(nodes), len(edges)),
        "items": items,
        "sources": {s.id: _source(s.model_dump(mode="json")) for s in model.sources},
        "order": order,
        "steps": {pid: layout.steps[pid] for pid in order},
        # the cards of an intervention under its other phases (same barrier, other place)
        "copies": {
            node_id("intervention", iid): sorted(cards.values())
            for iid, cards in layout.copies.items()
        },
        "gaps": {key: gap[key] for key in ("uncovered", "single_partner", "idle_partners")},
        # the filter's and the legend's order: by what they show (the label), then the term
        "types": [
            {"name": t, "color": type_color[t], "label": type_labels[t]}
            for t in _by_label(types, type_labels)
        ],
        "compare": base is not None,
        "changes": changes,
        "size": {"width": layout.width, "height": layout.height},
        # zoomed out, each phase's barriers as a chip per type (the page swaps them for the
        # cards where a card's label would be drawn under label_px); the first view ends at
        # the chips' bottom
        "groups": groups,
        "overview": {
            "bottom": layout.overview_bottom,
            "label_px": CARD_LABEL_FROM,
            "row_gap": ROW_GAP,
        },
        "palette": {
            "uncovered": UNCOVERED_COLOR,
            "chosen_link": palette.CHOSEN_LINK,
            "link": RAISES_COLOR,
            "paper": palette.PAPER,
        },
        "session": session_data(model, lang, session),
    }


def _type_text(model: Model, term: str, lang: str) -> dict[str, str | None]:
    """How the page shows barrier type ``term`` (as the model writes it) in language ``lang``:
    ``text``, the vocabulary's label (the term where it has none), and ``lang``, the tag to
    mark it with when that is not the page's language (None: it is, or not known).

    >>> from barriers.load import load_model
    >>> general = load_model("models/loverboys-general.yaml").model
    >>> _type_text(general, "zorg", "en"), _type_text(general, "zorg", "nl")
    ({'text': 'care', 'lang': None}, {'text': 'zorg', 'lang': None})
    >>> _type_text(general, "onbekend", "en")
    {'text': 'onbekend', 'lang': 'nl'}
    """
    return _term_text(model, "types", term, lang)


def _sector_text(model: Model, term: str | None, lang: str) -> dict[str, str | None] | None:
    """How the page shows partner sector ``term`` in ``lang`` (as :func:`_type_text`); None
    for a partner without one."""
    return _term_text(model, "sectors", term, lang) if term else None


def _term_text(model: Model, kind: TermKind, term: str, lang: str) -> dict[str, str | None]:
    label = term_label(model, kind, term, lang)
    return {"text": label.text, "lang": text_lang(label.lang, lang)}


def _shown_type(item: Intervention, labels: Mapping[str, Mapping[str, str | None]]) -> str | None:
    """The text of ``item``'s type as shown (None: it has none)."""
    return labels[item.type]["text"] if item.type else None


def _by_label(terms: Iterable[str], labels: Mapping[str, Mapping[str, str | None]]) -> list[str]:
    """``terms`` in the order the page lists them: by the label shown, as the report lists
    them (:func:`barriers.pages.by_label`), terms shown the same by the term."""
    from barriers.pages import by_label
    from barriers.vocabulary import Label

    ordered = sorted(terms)
    return [ordered[n] for n in by_label(Label(str(labels[t]["text"]), None) for t in ordered)]


def text_lang(model_language: str | None, ui_lang: str) -> str | None:
    """The language tag to put on model text when it differs from the page's words, else None.

    >>> text_lang("nl", "en"), text_lang("nl-NL", "nl"), text_lang("<b>", "en")
    ('nl', None, None)
    """
    tag = (model_language or "").strip()
    if not LANG_TAG.match(tag) or tag.split("-")[0].lower() == ui_lang:
        return None
    return tag


def _with_ghost_phases(
    order: Sequence[str], phases: Mapping[str, Phase], base: Model | None, ghosts: Sequence[Phase]
) -> tuple[list[str], dict[str, list[str]], list[tuple[str, str]]]:
    """The phases to lay out: the model's, in process ``order``, with each removed phase put
    back right after the phase that came before it in the base (the first, if none did).

    Returns that order, the successors to lay it out by (the model's, plus the base's links
    to and from removed phases) and those base links. Deterministic: it follows the two
    models' process orders only; a base link that would run backwards in the merged order is
    left to the layout, which ignores it.
    """
    placed = list(order)
    next_of = {pid: list(phases[pid].next or []) for pid in order}
    if base is None or not ghosts:
        return placed, next_of, []
    gone = {p.id for p in ghosts}
    earlier: list[str] = []  # base phases before the current one, in the base's order
    for pid in analysis.process_order(base):
        if pid in gone:
            spot = next((placed.index(p) + 1 for p in reversed(earlier) if p in placed), 0)
            placed.insert(spot, pid)
        earlier.append(pid)
    on_map = set(placed)
    links = [
        (phase.id, succ)
        for phase in base.phases
        for succ in phase.next or []
        if (phase.id in gone or succ in gone) and phase.id in on_map and succ in on_map
    ]
    for a, b in links:
        next_of.setdefault(a, []).append(b)
    return placed, next_of, links


def _ghost_edges(
    sequence: Sequence[tuple[str, str]],
    attached: Mapping[str, Sequence[str]],
    present: set[str],
    marks: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Dashed grey links the base had to its removed phases: the process steps into and out
    of them, and the barriers the variant keeps that acted on them too (the links of removed
    barriers are drawn with those barriers)."""
    edges: list[dict[str, Any]] = []
    for a, b in sequence:
        edges.append(
            {
                "id": f"sequence:{a}:{b}",
                "from": node_id("phase", a),
                "to": node_id("phase", b),
                "arrows": "to",
                "width": 2,
                "dashes": True,
                "color": {"color": MARK_BORDER["removed"]},
            }
        )
    for pid, interventions in attached.items():
        for iid in interventions:
            source = node_id("intervention", iid)
            if source not in present or marks.get(source) == "removed":
                continue
            edges.append(
                {
                    "id": f"acts_on:{iid}:{pid}",
                    "from": source,
                    "to": node_id("phase", pid),
                    "arrows": "to",
                    "width": 1.5,
                    "dashes": True,
                    "color": {"color": MARK_BORDER["removed"]},
                }
            )
    return edges


def _phase_states(gap: Mapping[str, Any]) -> dict[str, str]:
    state = {pid: "single" for pid in gap["single_partner"]}
    state.update({pid: "uncovered" for pid in gap["uncovered"]})
    return state


def _compare(
    model: Model, base: Model | None
) -> tuple[dict[str, str], dict[str, list[str]], dict[str, list[Any]]]:
    """Marks (node id -> added/changed/removed), changed fields, and the base's removed items."""
    marks: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    removed: dict[str, list[Any]] = {"phases": [], "partners": [], "interventions": []}
    if base is None:
        return marks, fields, removed
    answer = analysis.diff(base, model)
    for kind, singular in (
        ("phases", "phase"),
        ("partners", "partner"),
        ("interventions", "intervention"),
    ):
        part = answer[kind]
        for item_id in part["added"]:
            marks[node_id(singular, item_id)] = "added"
        for change in part["changed"]:
            nid = node_id(singular, change["id"])
            marks[nid] = "changed"
            fields[nid] = list(change["fields"])
        gone = set(part["removed"])
        removed[kind] = [i for i in getattr(base, kind) if i.id in gone]
        for item_id in part["removed"]:
            marks[node_id(singular, item_id)] = "removed"
    return marks, fields, removed


def _changes(
    marks: Mapping[str, str],
    fields: Mapping[str, list[str]],
    items: Mapping[str, Mapping[str, Any]],
    removed: Mapping[str, list[Any]],
) -> list[dict[str, Any]]:
    """What the variant adds, changes and removes, each with whether the map shows it."""
    names = {
        node_id(kind, i.id): i.name
        for kind, group in (
            ("phase", "phases"),
            ("partner", "partners"),
            ("intervention", "interventions"),
        )
        for i in removed[group]
    }
    result = []
    for nid, mark in marks.items():
        kind, _, item_id = nid.partition(":")
        name = items[nid]["name"] if nid in items else names.get(nid, item_id)
        result.append(
            {
                "mark": mark,
                "kind": kind,
                "id": item_id,
                "node": nid if nid in items else None,
                "name": name,
                "fields": fields.get(nid, []),
            }
        )
    kinds = {"phase": 0, "partner": 1, "intervention": 2}
    return sorted(result, key=lambda c: (kinds[c["kind"]], c["id"]))


def _lines(text: str, width: int, most: int) -> list[str]:
    """``text`` wrapped at ``width`` characters in at most ``most`` lines, cut with "…".

    >>> _lines("Gemeente - openbare orde en veiligheid", 20, 4)
    ['Gemeente - openbare', 'orde en veiligheid']
    >>> _lines("een twee drie vier vijf", 9, 2)
    ['een twee', 'drie vier…']
    """
    # a word a little longer than a line stays whole (its box is drawn a little wider);
    # only a word that could not fit a box is cut in pieces
    pieces = [
        piece
        for word in text.split()
        for piece in ([word] if len(word) <= width + LONG_WORD else textwrap.wrap(word, width))
    ]
    flat = " ".join(pieces)
    lines = textwrap.wrap(flat, width, break_long_words=False) or [flat]
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1] + "…"]
    return lines


def _phase_label(name: str, n_int: int, n_par: int, state: str | None, w: Mapping[str, str]) -> str:
    barriers = w["count_barrier"] if n_int == 1 else w["count_barriers"]
    partners = w["count_partner"] if n_par == 1 else w["count_partners"]
    lines = [*_lines(name, PHASE_CHARS, PHASE_LINES), f"{n_int} {barriers}", f"{n_par} {partners}"]
    if state == "uncovered":
        lines.append(f"⚠ {w['uncovered']}")
    elif state == "single":
        lines.append(f"! {w['single_partner']}")
    return "\n".join(lines)


def _with_mark(label: str, mark: str | None) -> str:
    return MARK_PREFIX[mark] + label if mark else label


def _position(layout: Layout, nid: str) -> dict[str, int]:
    x, y = layout.positions[nid]
    return {"x": x, "y": y}


def _height(node: Mapping[str, Any]) -> int:
    """The height vis-network draws a box node with: its lines and the margins around them."""
    lines = str(node["label"]).count("\n") + 1
    return int(lines * node["font"]["size"] + 2 * node["margin"])


def _same_phase_height(drafts: list[dict[str, Any]]) -> None:
    """Every phase box as high as the highest, so the row of phases reads as one band."""
    phase_nodes = [n for n in drafts if n["group"] == "phase"]
    if not phase_nodes:
        return
    tallest = max(_height(n) for n in phase_nodes)
    for n in phase_nodes:
        n["heightConstraint"] = {"minimum": tallest - 2 * n["margin"], "valign": "top"}


def _width_constraint(margin: int) -> dict[str, int]:
    # every box as wide as a card; a line is never wrapped again by the page (it was here)
    return {"minimum": CARD_W - 2 * margin, "maximum": 2 * CARD_W}


def _phase_node(nid: str, label: str, state: str | None, mark: str | None) -> dict[str, Any]:
    color = {"uncovered": UNCOVERED_COLOR, "single": SINGLE_COLOR}.get(state or "", PHASE_COLOR)
    node: dict[str, Any] = {
        "id": nid,
        "label": _with_mark(label, mark),
        "group": "phase",
        "shape": "box",
        "color": _color(color),
        "font": {"color": ON_DARK, "size": PHASE_FONT},
        "borderWidth": 2,
        "margin": PHASE_MARGIN,
        "widthConstraint": _width_constraint(PHASE_MARGIN),
        "shapeProperties": {"borderRadius": 4},
    }
    if state == "uncovered":
        node["borderWidth"] = 4
        node["shapeProperties"] = {"borderRadius": 4, "borderDashes": [8, 5]}
    _apply_mark(node, mark)
    return node


def type_text(model: Model, value: str | None, lang: str) -> str:
    """What the map's group chips show for a barrier type: the text the page shows for it
    everywhere (:func:`_type_text`: the vocabulary's label in ``lang``, else the type as
    written); no type is the page's ``no_type``.

    >>> from barriers.load import load_model
    >>> model = load_model("models/loverboys-general.yaml").model
    >>> type_text(model, "zorg", "nl"), type_text(model, "zorg", "en"), type_text(model, None, "en")
    ('zorg', 'care', '(no type)')
    """
    if not value:
        return words(lang)["no_type"]
    return str(_type_text(model, value, lang)["text"])


def group_id(phase: str, k: int | None) -> str:
    """The node id of the group chip of type number ``k`` (None: no type) under ``phase``."""
    return f"group:{phase}:{'-' if k is None else k}"


def _groups(
    model: Model,
    order: Sequence[str],
    by_phase: Mapping[str, Sequence[str]],
    type_color: Mapping[str, str],
    lang: str,
    w: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Each phase's barriers grouped by type, a group chip each, the largest group first (ties
    in the order of the types, no type last): id, phase, type (None: none), the barriers'
    node ids and the chip's vis node (placed by the layout). A barrier that acts on several
    phases is in a group of each, as the phase counts it."""
    kinds = {i.id: i.type or None for i in model.interventions}
    rank = {t: k for k, t in enumerate(type_color)}
    result = []
    for pid in order:
        members: dict[str | None, list[str]] = {}
        for iid in by_phase.get(pid, []):
            if iid in kinds:
                members.setdefault(kinds[iid], []).append(node_id("intervention", iid))
        ranked = sorted(members, key=lambda t: (-len(members[t]), t is None, rank.get(t or "", 0)))
        for kind in ranked:
            k = rank.get(kind) if kind else None
            chip = group_id(pid, k)
            color = type_color.get(kind or "", PLAIN_INTERVENTION)
            name = group_name(type_text(model, kind, lang))
            result.append(
                {
                    "id": chip,
                    "phase": pid,
                    "type": kind,
                    "name": name,
                    "members": members[kind],
                    "node": _group_node(chip, name, len(members[kind]), color, w),
                }
            )
    return result


def count_words(n: int, w: Mapping[str, str]) -> str:
    """``n`` barriers in the page's words: "1 barrière", "6 barrières"."""
    return f"{n} {w['count_barrier'] if n == 1 else w['count_barriers']}"


def group_name(text: str) -> str:
    """A type's text as a group chip shows it: on one line where it fits the chip's width, else
    wrapped on two (measured with DejaVu Sans), the second cut with "…" if need be.

    >>> group_name("preventie"), group_name("criminal justice")
    ('preventie', 'criminal\\njustice')
    """
    width = CARD_W - 2 * GROUP_MARGIN
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, GROUP_FONT) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > GROUP_NAME_LINES:
        lines = [*lines[: GROUP_NAME_LINES - 1], " ".join(lines[GROUP_NAME_LINES - 1 :]) + "…"]
    return "\n".join(_fit_line(line, GROUP_FONT, width) for line in lines) or text


def _fit_line(text: str, size: int, width: int) -> str:
    """``text`` on one line at most ``width`` wide at font ``size`` (DejaVu Sans, the widest
    font a page is likely drawn with), cut with "…" when it is wider.

    >>> _fit_line("preventie", 25, 182), _fit_line("ketensamenwerking en regie", 25, 182)
    ('preventie', 'ketensamen…')
    """
    line = " ".join(text.split())
    if text_width(line, size) <= width:
        return line
    while line and text_width(line + "…", size) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def _group_node(nid: str, name: str, n: int, color: str, w: Mapping[str, str]) -> dict[str, Any]:
    """A group chip: the type on its first line, the number of its barriers on the second,
    in the type's colour; a card's width, and a height that holds its lines whatever the
    page writes on the last (the filters' "2 van 6")."""
    return {
        "id": nid,
        "label": f"{name}\n{count_words(n, w)}",
        "group": "group",
        "shape": "box",
        "color": _color({"background": color, "border": INTERVENTION_BORDER}),
        "font": {"color": palette.INK, "size": GROUP_FONT},
        "borderWidth": 2,
        "margin": GROUP_MARGIN,
        "widthConstraint": {"minimum": CARD_W - 2 * GROUP_MARGIN, "maximum": CARD_W},
        "heightConstraint": {"minimum": (name.count("\n") + 2) * GROUP_FONT, "valign": "middle"},
        "shapeProperties": {"borderRadius": 6},
        # selected or pointed at, only its border changes: a bold label would not fit
        "chosen": {"node": True, "label": False},
    }


def _intervention_node(
    nid: str,
    item: Intervention,
    type_color: Mapping[str, str],
    mark: str | None,
    w: Mapping[str, str],
    n_phases: int = 1,
    type_text: str | None = None,
) -> dict[str, Any]:
    lines = _lines(item.name, CARD_CHARS, CARD_LINES)
    if item.type:  # as the page's language shows it (_type_text)
        lines.append(f"‹{_lines(type_text or item.type, CARD_CHARS - 2, 1)[0]}›")
    if n_phases > 1:
        lines.append(w["in_phases"].format(n=n_phases))
    if mark == "removed":
        lines.append(f"({w['ghost']})")
    background = type_color.get(item.type or "", PLAIN_INTERVENTION)
    node: dict[str, Any] = {
        "id": nid,
        "label": _with_mark("\n".join(lines), mark),
        "group": "intervention",
        "shape": "box",
        "color": _color({"background": background, "border": INTERVENTION_BORDER}),
        "font": {"color": palette.INK, "size": CARD_FONT},
        "scaling": {"label": {"drawThreshold": CARD_LABEL_FROM}},
        "borderWidth": 1,
        "margin": CARD_MARGIN,
        "widthConstraint": _width_constraint(CARD_MARGIN),
        "shapeProperties": {"borderRadius": 2},
    }
    _apply_mark(node, mark)
    return node


def _partner_node(
    nid: str, item: Partner, idle: bool, mark: str | None, w: Mapping[str, str]
) -> dict[str, Any]:
    lines = _lines(item.name, CARD_CHARS, CARD_LINES)
    if idle:
        lines.append(f"({w['idle_partner']})")
    if mark == "removed":
        lines.append(f"({w['ghost']})")
    node: dict[str, Any] = {
        "id": nid,
        "label": _with_mark("\n".join(lines), mark),
        "group": "partner",
        "shape": "box",
        "color": _color(IDLE_PARTNER_COLOR if idle else PARTNER_COLOR),
        "font": {"color": palette.INK, "size": CARD_FONT},
        "scaling": {"label": {"drawThreshold": CARD_LABEL_FROM}},
        "borderWidth": 2,
        "margin": CARD_MARGIN,
        "widthConstraint": _width_constraint(CARD_MARGIN),
        # rounded ends: a partner is told from a barrier by its shape, not by colour alone
        "shapeProperties": {"borderRadius": PARTNER_RADIUS},
    }
    if idle:
        node["shapeProperties"] = {"borderRadius": PARTNER_RADIUS, "borderDashes": [4, 4]}
    _apply_mark(node, mark)
    return node


def _color(base: Mapping[str, str]) -> dict[str, Any]:
    return {
        "background": base["background"],
        "border": base["border"],
        "highlight": {"background": base["background"], "border": palette.HIGHLIGHT_BORDER},
        "hover": {"background": base["background"], "border": palette.HIGHLIGHT_BORDER},
    }


def _apply_mark(node: dict[str, Any], mark: str | None) -> None:
    if not mark:
        return
    node["borderWidth"] = 4
    node["color"]["border"] = MARK_BORDER[mark]
    if mark == "removed":
        node["color"] = _color(REMOVED_COLOR)
        node["font"] = {**node["font"], "color": palette.REMOVED_TEXT}
        node["shapeProperties"] = {**node["shapeProperties"], "borderDashes": [6, 6]}


def _edges(
    order: Sequence[str],
    phases: Mapping[str, Phase],
    interventions: Sequence[Intervention],
    present: set[str],
    marks: Mapping[str, str],
    layout: Layout,
) -> list[dict[str, Any]]:
    """The process's steps and the partner links; a card stands under its phase, unlinked."""
    edges: list[dict[str, Any]] = []
    for pid in order:
        for succ in phases[pid].next or []:
            edge: dict[str, Any] = {
                "id": f"sequence:{pid}:{succ}",
                "from": node_id("phase", pid),
                "to": node_id("phase", succ),
                "arrows": "to",
                "width": 3,
                "color": {"color": SEQUENCE},
            }
            skipped = layout.columns.get(succ, 0) - layout.columns.get(pid, 0) - 1
            if skipped > 0:
                # over the phases between, as an arc above the row (never through a box)
                roundness = min(0.5, 0.2 + 0.05 * skipped)
                edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness}
            edges.append(edge)
    for item in interventions:
        source = node_id("intervention", item.id)
        if source not in present:
            continue
        removed = marks.get(source) == "removed"
        for partner_id in dict.fromkeys(item.partners):
            partner = node_id("partner", partner_id)
            if partner in present:
                link: dict[str, Any] = {
                    "id": f"raises:{partner_id}:{item.id}",
                    "from": partner,
                    "to": source,
                    "width": 1,
                    "color": {"color": RAISES_COLOR},
                    # drawn for what is chosen, or all at the reader's request (see assets/js/)
                    "hidden": True,
                }
                if removed:
                    link["dashes"] = True
                edges.append(link)
    return edges


def _vis_options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    big = n_nodes + n_edges > 3000
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "dragNodes": True,
            "hover": not big,
            "tooltipDelay": 300,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
            "navigationButtons": False,
            "zoomSpeed": 0.6,
        },
        "nodes": {"font": {"face": "system-ui, Segoe UI, Arial, sans-serif", "multi": False}},
        "edges": {"smooth": False, "selectionWidth": 2, "color": {"inherit": False}},
    }


# -- details of each node (the panel) ----------------------------------------------------------


def _source(data: Mapping[str, Any]) -> dict[str, Any]:
    keep = ("title", "publisher", "year", "url", "accessed")
    return {k: data[k] for k in keep if data.get(k) is not None}


def _phase_item(
    phase: Phase,
    by_phase: Mapping[str, list[str]],
    partners_of_phase: Mapping[str, list[str]],
    preds: Mapping[str, list[str]],
    state: str | None,
) -> dict[str, Any]:
    cited = list(phase.sources)
    for group in (phase.signals, phase.opportunities, phase.facilitators):
        for note in group:
            cited.extend(note.sources)
    return {
        "kind": "phase",
        "id": phase.id,
        "name": phase.name,
        "description": phase.description,
        "next": list(phase.next or []),
        "prev": list(preds.get(phase.id, [])),
        "signals": [{"text": s.text, "about": s.about} for s in phase.signals],
        "opportunities": [o.text for o in phase.opportunities],
        "facilitators": [{"text": f.text, "awareness": f.awareness} for f in phase.facilitators],
        "interventions": list(by_phase.get(phase.id, [])),
        "partners": list(partners_of_phase.get(phase.id, [])),
        "sources": list(dict.fromkeys(cited)),
        "state": state or "covered",
        "notes": notes_text(phase.notes),
    }


def _intervention_item(
    item: Intervention, lang: str, type_labels: Mapping[str, Mapping[str, str | None]]
) -> dict[str, Any]:
    index = 0 if lang == "nl" else 1
    technique = None
    if item.technique:
        t = TECHNIQUES_BY_ID[item.technique]
        mechanism = MECHANISMS_BY_ID[t.mechanism]
        technique = f"{(t.nl, t.en)[index]} ({(mechanism.nl, mechanism.en)[index]})"
    return {
        "kind": "intervention",
        "id": item.id,
        "name": item.name,
        "type": item.type,  # the term, as the filter matches it
        "type_label": dict(type_labels[item.type]) if item.type else None,  # as it is shown
        "description": item.description,
        "phases": list(dict.fromkeys(item.phases)),
        "partners": list(dict.fromkeys(item.partners)),
        # the partner without whom the barrier cannot run (the drop-out question's rule)
        "lead": item.lead,
        "legal_basis": list(item.legal_basis),
        "status": STATUS_LABELS[item.status][index] if item.status else None,
        "technique": technique,
        "target_group": list(item.target_group),
        "url": item.url,
        "sources": list(item.sources),
        "notes": notes_text(item.notes),
    }


def _partner_item(partner: Partner, raised: list[str], idle: bool) -> dict[str, Any]:
    return {
        "kind": "partner",
        "id": partner.id,
        "name": partner.name,
        "sector": partner.sector,
        "description": partner.description,
        "url": partner.url,
        "interventions": raised,
        "sources": list(partner.sources),
        "idle": idle,
        "notes": notes_text(partner.notes),
    }


# -- the page --------------------------------------------------------------------------------


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` can only occur inside JSON strings, where their ``\\u`` escapes
    mean the same; U+2028/2029 are escaped for old JavaScript parsers.

    >>> script_json({"a": "</script><!--"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    # C1 controls and noncharacters may not appear in an HTML document, even in a script
    return FORBIDDEN_IN_HTML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@lru_cache(maxsize=1)
def vis_bundle() -> str:
    """pyvis's vis-network 9.1.2 bundle, licence header kept, source-map comment dropped."""
    text = (resources.files("pyvis") / VIS_BUNDLE).read_text(encoding="utf-8")
    text = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)
    if re.search(r"</script|<!--", text, re.IGNORECASE):  # pragma: no cover - bundle is fixed
        raise RuntimeError("the vis-network bundle cannot be inlined safely")
    return ascii_script(text)


def ascii_script(code: str) -> str:
    """JavaScript with every character past ASCII written as a ``\\uXXXX`` escape.

    An inlined script may not contain some code points (the bundle has a raw U+0085, which
    the HTML checker forbids); the escape means the same in a string, a regular expression,
    an identifier or a comment, so the script runs as before. Astral characters become their
    surrogate pair.

    >>> ascii_script('var a = "é\\u0085";')
    'var a = "\\\\u00e9\\\\u0085";'
    """

    def escape(match: re.Match[str]) -> str:
        data = match.group().encode("utf-16-be")
        return "".join(f"\\u{data[i] << 8 | data[i + 1]:04x}" for i in range(0, len(data), 2))

    return re.sub(r"[^\x00-\x7e]", escape, code)


def _asset(name: str) -> str:
    return (resources.files("barriers.map") / "assets" / name).read_text(encoding="utf-8")


def page_script() -> str:
    """The page's script: its source files (``assets/js/``, one per concern: core, panel,
    views, presentation, export), joined in the order of their names."""
    folder = resources.files("barriers.map") / "assets" / "js"
    names = sorted(f.name for f in folder.iterdir() if f.name.endswith(".js"))
    return "".join((folder / name).read_text(encoding="utf-8") for name in names)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _page(model: Model, data: dict[str, Any], lang: str, base: Model | None) -> str:
    w = data["words"]
    tl = data["text_lang"]
    vis = vis_bundle()
    app = ascii_script(page_script())
    page = {
        # plain text, escaped by the template's autoescape
        "lang": lang,
        "csp": (
            "default-src 'none'; "
            f"script-src {_csp_hash(vis)} {_csp_hash(app)}; "
            "style-src 'unsafe-inline'; img-src data: blob:; "
            "base-uri 'none'; form-action 'none'"
        ),
        "title": f"{w['page_title']}: {model.title}",
        # our own assets, inlined as they are
        "css": _trusted(
            css_variables() + "\n" + _asset("map.css") + _asset("session.css"), "</style"
        ),
        # each part's data, which its partial (assets/partials/) makes the markup of
        "header": _header(model, base, data),
        "toolbar": _toolbar(model, data),
        "legend": _legend(data),
        "text_version": _text_version(model, data, w),
        "slides": {"overview": _overview_slide(model, data, w), "phases": _phase_slides(data, w)},
        "partner_side": _partner_side(model, data),
        "matrix": _matrix(model, data, w),
        "vis": Markup(vis),
        "app": _trusted(app, "</script"),
        # the page's data; the graph itself travels through pyvis (nodes, edges, options)
        "data": page_data(data),
    }
    langs = {"model": tl or "", "ui": lang if tl else ""}
    return _render_with_pyvis(data["nodes"], data["edges"], data["options"], page, w, langs)


GRAPH = ("nodes", "edges", "options")  # what travels through pyvis, not the data island
# what only a phase card shows: the page's script clones the card (_card), it never builds one
CARD_ONLY = ("description", "signals", "opportunities", "facilitators", "notes")


def page_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The page's data island: :func:`map_data` without the graph (pyvis hands that over)
    and without the text of the phase cards, which the page has once, as its cards."""
    items = {
        nid: {k: v for k, v in item.items() if k not in CARD_ONLY}
        if item["kind"] == "phase"
        else item
        for nid, item in data["items"].items()
    }
    return {**{k: v for k, v in data.items() if k not in GRAPH}, "items": items}


def _render_with_pyvis(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    options: dict[str, Any],
    page: Mapping[str, Any],
    w: Mapping[str, str],
    la: Mapping[str, str],
) -> str:
    """The page, rendered by pyvis's ``Network.generate_html`` through our own template.

    What pyvis 0.3.2 does well is used: the Network holds the node and edge lists and the
    vis options, and renders them through a custom template (``set_template_dir``). What
    it does badly is avoided (pyvis/network.py):

    - ``add_node``/``add_edge``/``from_nx`` check every id against a list, which is
      quadratic: the lists are filled directly (``net.nodes``, ``net.edges``).
    - ``write_html``/``show``/``save_graph`` copy a ``lib/`` folder into the working
      directory (cdn_resources="local") or fetch from a CDN ("remote"), and write with the
      platform's encoding: only ``generate_html`` is called, which writes nothing, with
      cdn_resources="in_line"; the caller writes the page atomically as UTF-8.
    - ``set_options`` parses its string by deleting every space, so a font name such as
      "Segoe UI" would become "SegoeUI": the options are given as a dict, which
      ``get_network_data`` serialises with ``json.dumps`` unchanged.
    - its Jinja environment has autoescape off, and its own template puts the heading in
      unescaped (``{{heading}}``), the options as ``|safe`` and, even with
      cdn_resources="in_line", loads bootstrap from cdn.jsdelivr.net (with "local", the vis
      stylesheet from cdnjs): its templates are not used. After ``set_template_dir`` points
      pyvis at our template, the environment is replaced by one over the same folder with
      autoescape on and undefined names as errors, so model text can only reach the page
      escaped (text) or through :func:`script_json` (data).
    - ``notebook=True`` imports IPython's display path and keeps a template of its own:
      notebook stays False.

    ``generate_html`` adds no ids, dates or random values, so the bytes are deterministic.
    """
    from pyvis.network import Network

    from barriers.html import environment

    net = Network(notebook=False, cdn_resources="in_line", directed=True)
    net.nodes = nodes
    net.edges = edges
    net.options = options
    net.set_template_dir(str(ASSETS), "template.html")
    env = environment(ASSETS, trim=True)
    env.filters["script_json"] = lambda value: Markup(script_json(value))
    env.globals.update(
        page=page,
        w=w,
        la=la,
        # pyvis hands the options over as JSON text; read back, they are escaped like the rest
        network_json=lambda n, e, o: Markup(
            script_json({"nodes": n, "edges": e, "options": json.loads(o)})
        ),
    )
    net.templateEnv = env
    html_text: str = net.generate_html()
    return html_text


def _trusted(text: str, end: str) -> Markup:
    """One of our own assets, inlined as is; it must not be able to end its element."""
    if end in text.lower() or "<!--" in text:  # pragma: no cover - the assets are fixed
        raise RuntimeError(f"an asset contains {end!r} and cannot be inlined")
    return Markup(text)


def lang_note(data: Mapping[str, Any]) -> str:
    """The one line that says model text stays in the model's language (where that is not the
    page's; else ""), and that the types and sectors shown in the page's language are the
    exception, if any are."""
    tag = data["text_lang"]
    if not tag:
        return ""
    sectors = [i.get("sector_label") for i in data["items"].values() if i["kind"] == "partner"]
    shown = [t["label"] for t in data["types"]] + [s for s in sectors if s]
    translated = any(label["lang"] is None for label in shown)
    return str(data["words"]["text_lang_note_terms" if translated else "text_lang_note"]).format(
        lang=tag
    )


def _header(model: Model, base: Model | None, data: Mapping[str, Any]) -> dict[str, Any]:
    """The page's title, the note on model text in its own language, the variant and base."""
    return {
        "title": model.title,
        # the page's words are translated; the model's own text is not: say so, once
        "lang_note": lang_note(data),
        # the variant's value is a short name (general, lvb): the template labels it
        "variant": model.variant or "",
        "base": base.title if base is not None else "",
    }


def _toolbar(model: Model, data: Mapping[str, Any]) -> dict[str, Any]:
    """The choices of the toolbar's filters and of the drop-out question, as (value, text)."""
    phase_names = {p.id: p.name for p in model.phases}
    idle = data["gaps"]["idle_partners"]
    return {
        "partners": [(p.id, p.name) for p in model.partners],
        "phases": [(pid, phase_names[pid]) for pid in data["order"]],
        "types": [(t["name"], t["label"]) for t in data["types"]],
        "untyped": any(not i.type for i in model.interventions),
        "whatif": [(p.id, p.name) for p in model.partners if p.id not in idle],
    }


def _legend(data: Mapping[str, Any]) -> dict[str, Any]:
    """The barrier types with their colours, and the words of the marks the map may show."""
    marks = ["legend_uncovered", "legend_single", "legend_lost"]
    if data["compare"]:
        marks += ["legend_added", "legend_changed", "legend_removed"]
    return {"types": data["types"], "marks": marks}


def _text_version(model: Model, data: Mapping[str, Any], w: Mapping[str, str]) -> dict[str, Any]:
    """The text version: the coverage table, the comparison (for a variant), the phase cards,
    every partner, and the cards of removed phases (ghosts: for the details panel only)."""
    items = data["items"]
    total = len(data["order"])
    ghosts = [
        nid.split(":", 1)[1]
        for nid, item in items.items()
        if item["kind"] == "phase" and item["state"] == "removed"
    ]
    state_words = _state_words(w)
    coverage = []
    for pid in data["order"]:
        item = items[node_id("phase", pid)]
        coverage.append(
            {
                "node": node_id("phase", pid),
                "name": item["name"],
                "state": item["state"],
                "state_words": state_words.get(item["state"], w["covered"]),
                "counts": item["counts"],
            }
        )
    return {
        "coverage": coverage,
        "idle": [items[node_id("partner", p)]["name"] for p in data["gaps"]["idle_partners"]],
        "comparison": _comparison(data) if data["compare"] else None,
        "cards": [
            _card(items, data["sources"], pid, n, total, w)
            for n, pid in enumerate(data["order"], start=1)
        ],
        "partners": [{"node": node_id("partner", p.id), "name": p.name} for p in model.partners],
        "ghosts": [_card(items, data["sources"], pid, None, total, w) for pid in ghosts],
    }


def _matrix(model: Model, data: Mapping[str, Any], w: Mapping[str, str]) -> dict[str, Any]:
    """Who can act where: partners by phases, each cell the number of the partner's barriers
    in the phase (:func:`barriers.analysis.matrix.coverage_matrix`)."""
    from barriers.analysis.matrix import coverage_matrix

    matrix = coverage_matrix(model)
    items = data["items"]
    phases = list(zip(matrix.phase_ids, matrix.phase_names, strict=True))
    rows = []
    for k, (partner, name) in enumerate(zip(matrix.partner_ids, matrix.partner_names, strict=True)):
        cells = [
            {
                "phase": pid,
                "n": matrix.counts[i][k],
                "label": w["cell_label"].format(
                    partner=name, phase=phase_name, n=matrix.counts[i][k]
                ),
            }
            for i, (pid, phase_name) in enumerate(phases)
        ]
        total = len(items.get(node_id("partner", partner), {}).get("interventions", []))
        rows.append({"id": partner, "name": name, "cells": cells, "total": total})
    return {"phases": phases, "rows": rows}


def _partner_side(model: Model, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every partner by sector (named sectors by the name shown, then those without), each
    with its number of barriers."""
    items = data["items"]
    groups: dict[str, list[dict[str, Any]]] = {}
    labels: dict[str, Any] = {}
    for partner in model.partners:
        nid = node_id("partner", partner.id)
        if nid not in items:
            continue
        labels.setdefault(partner.sector or "", items[nid]["sector_label"])
        groups.setdefault(partner.sector or "", []).append(
            {
                "node": nid,
                "id": partner.id,
                "name": partner.name,
                "count": len(items[nid]["interventions"]),
            }
        )
    named = _by_label((s for s in groups if s), labels)
    # ``name``: the sector as shown (_sector_text), None for the partners without one
    return [
        {"name": labels[sector] if sector else None, "partners": groups[sector]}
        for sector in [*named, *([""] if "" in groups else [])]
    ]


def _state_words(w: Mapping[str, str]) -> dict[str, str]:
    """What a phase's state says on a card or a slide (a covered phase says nothing)."""
    return {"uncovered": "⚠ " + w["uncovered"], "single": "! " + w["single_partner"]}


def _overview_slide(model: Model, data: Mapping[str, Any], w: Mapping[str, str]) -> dict[str, Any]:
    """Slide 0: the whole chain, a step per column, its parallel phases one above another."""
    items = data["items"]
    steps: dict[int, list[dict[str, Any]]] = {}
    for n, pid in enumerate(data["order"], start=1):
        item = items[node_id("phase", pid)]
        steps.setdefault(data["steps"][pid], []).append(
            {
                "n": n,
                "name": item["name"],
                "state": item["state"],
                "state_words": _state_words(w).get(item["state"], ""),
                "counts": item["counts"],
            }
        )
    return {"title": model.title, "steps": [steps[step] for step in sorted(steps)]}


def _phase_slides(data: Mapping[str, Any], w: Mapping[str, str]) -> list[dict[str, Any]]:
    """A slide per phase, in process order."""
    return [_phase_slide(data["items"], pid, n, w) for n, pid in enumerate(data["order"], start=1)]


def _phase_slide(
    items: Mapping[str, Any], pid: str, n: int, w: Mapping[str, str]
) -> dict[str, Any]:
    """A phase's summary: counts, the signals of victims and of offenders, the opportunities
    and the facilitators (the lists that have entries), the partners by sector, the barriers."""
    item = items[node_id("phase", pid)]
    return {
        "n": n,
        "phase": pid,
        "name": item["name"],
        "step": w["phase_n"].format(n=n),
        "counts": (
            f"{item['counts']['interventions']} {w['count_barriers']} · "
            f"{item['counts']['partners']} {w['count_partners']}"
        ),
        "state_words": _state_words(w).get(item["state"], ""),
        "lists": [entry for entry in _phase_lists(item) if entry["texts"]],
        "partners": _sector_groups(items, item["partners"]),
        "barriers": [
            {
                "node": node_id("intervention", iid),
                "name": items[node_id("intervention", iid)]["name"],
            }
            for iid in item["interventions"]
            if node_id("intervention", iid) in items
        ],
    }


def _comparison(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the variant adds, changes and removes relative to its base, by mark."""
    return {
        "base": data["model"]["base"]["title"],
        "marks": [
            {"mark": mark, "changes": [c for c in data["changes"] if c["mark"] == mark]}
            for mark in ("added", "changed", "removed")
        ],
    }


def notes_text(value: Any) -> str | None:
    """A ``notes`` field as text to show: a string as written, other data as indented JSON.

    >>> notes_text("zie bijlage"), notes_text(None), notes_text({"a": 1})
    ('zie bijlage', None, '{"a": 1}')
    """
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _card(
    items: Mapping[str, Any],
    sources: Mapping[str, Any],
    pid: str,
    n: int | None,
    total: int,
    w: Mapping[str, str],
) -> dict[str, Any]:
    """What the phase card (``partials/_card.html``) shows of phase ``pid``.

    ``n`` is the phase's step in the process; a removed phase (a ghost) has none, and its
    counts are the base's."""
    item = items[node_id("phase", pid)]
    # each neighbour a link to that phase (on the map, or a ghost's base neighbour)
    flows = [
        {
            "key": key,
            "phases": [
                {"node": node_id("phase", p), "name": items[node_id("phase", p)]["name"]}
                for p in neighbours
                if node_id("phase", p) in items
            ],
        }
        for key, neighbours in (("follows", item["prev"]), ("leads_to", item["next"]))
    ]
    barriers = []
    for iid in item["interventions"]:
        intervention = items.get(node_id("intervention", iid))
        if intervention is None:
            continue
        who = [
            items[node_id("partner", p)]["name"]
            for p in intervention["partners"]
            if node_id("partner", p) in items
        ]
        barriers.append(
            {
                "node": node_id("intervention", iid),
                "name": intervention["name"],
                "type": intervention["type_label"],
                "who": who,
            }
        )
    mark = item.get("mark")
    return {
        "phase": pid,
        "n": n,
        "total": total,
        "step": w["phase_n"].format(n=n) if n else "",
        "name": item["name"],
        "print_scale": _print_scale(items, sources, item),
        "in_base": item["state"] == "removed",
        "counts": item["counts"],
        "state_words": _state_words(w).get(item["state"], ""),
        "mark": MARK_PREFIX[mark] + w["mark_" + mark] if mark else "",
        "description": item["description"] or "",
        "flows": [flow for flow in flows if flow["phases"]],
        "notes": item.get("notes") or "",
        "lists": _phase_lists(item),
        "partners": _sector_groups(items, item["partners"]),
        "barriers": barriers,
        "sources": [_source_entry(sources[s]) for s in item["sources"] if s in sources],
    }


PRINT_CHARS = 5300  # the text a phase card holds on one A4 page at the print size (8 pt)


def _print_scale(
    items: Mapping[str, Any], sources: Mapping[str, Any], item: Mapping[str, Any]
) -> str:
    """How much smaller than 8 pt a card prints so that it fits one A4 page (its area
    grows with the square of the type size), as a fixed decimal: deterministic."""
    text = len(item["description"] or "") + sum(len(s["text"]) for s in item["signals"])
    text += sum(len(t) for t in item["opportunities"])
    text += sum(len(f["text"]) for f in item["facilitators"])
    for iid in item["interventions"]:
        entry = items.get(node_id("intervention", iid))
        if entry is None:
            continue
        text += len(entry["name"]) + len(entry["type"] or "")
        text += sum(
            len(items[node_id("partner", p)]["name"])
            for p in entry["partners"]
            if node_id("partner", p) in items
        )
    text += sum(
        len(items[node_id("partner", p)]["name"])
        for p in item["partners"]
        if node_id("partner", p) in items
    )
    for sid in item["sources"]:
        if sid in sources:
            text += len(sources[sid]["title"]) + len(sources[sid].get("url") or "") + 20
    scale = min(1.0, (PRINT_CHARS / max(text, 1)) ** 0.5)
    return f"{max(scale, 0.6):.2f}"


def _phase_lists(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The short lists of a phase, as its card and its slide show them, in one order: the
    signals of victims, of offenders and others, the opportunities, the facilitators by
    awareness. ``key`` names a list (its title in the words, the slide's ``data-list``),
    ``section`` the card's section it is in (the four facilitator lists are one); a list may
    be empty (the card leaves it out, the slide too)."""
    signals, facilitators = item["signals"], item["facilitators"]
    lists = [
        ("signals_victim", [s["text"] for s in signals if s["about"] == "victim"]),
        ("signals_offender", [s["text"] for s in signals if s["about"] == "offender"]),
        ("signals_other", [s["text"] for s in signals if s["about"] not in ("victim", "offender")]),
        ("opportunities", list(item["opportunities"])),
    ]
    entries = [{"key": key, "section": key, "texts": texts} for key, texts in lists]
    for awareness, key in (
        ("knowing", "facilitators_knowing"),
        ("unknowing", "facilitators_unknowing"),
        ("both", "facilitators_both"),
        (None, "facilitators_unspecified"),
    ):
        texts = [f["text"] for f in facilitators if f["awareness"] == awareness]
        entries.append({"key": key, "section": "facilitators", "texts": texts})
    return entries


def _sector_groups(items: Mapping[str, Any], partners: Sequence[str]) -> list[dict[str, Any]]:
    """A phase's partners by sector, as its card and its slide list them: the largest sector
    first (a slide that cannot show them all keeps the largest), equal ones in order of first
    appearance, no sector last; each with its partners and their number."""
    groups: dict[str, list[dict[str, str]]] = {}
    labels: dict[str, Any] = {}
    for p in partners:
        entry = items.get(node_id("partner", p))
        if entry is not None:
            sector = entry.get("sector") or ""
            labels.setdefault(sector, entry.get("sector_label"))
            groups.setdefault(sector, []).append(
                {"node": node_id("partner", p), "name": entry["name"]}
            )
    ordered = sorted(groups, key=lambda sector: (sector == "", -len(groups[sector])))
    # ``sector``: the sector as shown (_sector_text), None for the partners without one
    return [
        {"sector": labels[s] if s else None, "names": groups[s], "count": len(groups[s])}
        for s in ordered
    ]


def _source_entry(source: Mapping[str, Any]) -> dict[str, str]:
    """A cited source: its title, a link only to an http(s) address (what a URL may not hold as
    it is, such as quotes, brackets and spaces, percent-encoded), its publisher and year."""
    url = source.get("url") or ""
    return {
        "title": source["title"],
        "href": quote(url, safe=":/?#[]@!$&'()*+,;=%~")
        if re.match(r"^https?://", url, re.IGNORECASE)
        else "",
        "extra": ", ".join(str(source[k]) for k in ("publisher", "year") if source.get(k)),
    }
