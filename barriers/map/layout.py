"""Where every node of the map goes, computed once in Python so the page draws at once.

The map reads as a barrier model, like a board of cards: the phases are columns from left
to right in process order, a phase that runs parallel to another (a branch of the process)
sits in its own lane below it, each intervention is a card in the column of the phase it
acts on (one that acts on several phases under the median of them, linked to every one),
and the partners form a band of their own under everything, ordered so that their links
cross as little as a simple rule allows. A column is one card wide, so the phases' width
fits a screen at a scale where the cards can be read; a block too deep for that spreads
over more files. The same input always gives the same positions.

Cards are stacked by their drawn heights (``heights``, from the page's labels), so they never
overlap and never leave big gaps; without heights every card is taken as ``DEFAULT_H`` high.
The map's top left corner is at (0, 0) and its bottom right at (``width``, ``height``).

>>> lay = compute_layout(["a", "b"], {"a": ["b"], "b": []}, [("i", ["b"], ["p"])], ["p"])
>>> lay.columns, lay.home["i"]
({'a': 0, 'b': 1}, 'b')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Geometry, in vis-network canvas units (pixels at zoom 1).
CARD_W = 192  # drawn width of a phase, intervention or partner box
CARD_GAP = 20  # between cards side by side in a wide block
INTERVENTION_W = CARD_W + CARD_GAP  # horizontal distance between cards of one block
ROW_GAP = 14  # between cards stacked in a column
PHASE_TO_BLOCK = 30  # from the bottom of a lane's phases down to the first card
LANE_GAP = 90  # between the lowest card of a lane and the phases of the next lane
COLUMN_GAP = 40  # between neighbouring columns
PARTNER_GAP = 150  # from the lowest lane down to the partner band
MIN_COLUMN_W = CARD_W
MAX_ROWS = 24  # cards in one file under a phase; a bigger block takes more files
DEFAULT_H = 60  # the height of a node the caller gave none for

# (id, phase ids, partner ids) of one intervention
InterventionRef = tuple[str, Sequence[str], Sequence[str]]


def node_id(kind: str, item_id: str) -> str:
    """The map's id of a model item: ``phase:<id>``, ``partner:<id>``, ``intervention:<id>``."""
    return f"{kind}:{item_id}"


@dataclass
class Layout:
    """Positions of every node and the structure they were derived from."""

    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # node id -> (x, y)
    columns: dict[str, int] = field(default_factory=dict)  # phase id -> column
    lanes: dict[str, int] = field(default_factory=dict)  # phase id -> lane within the map
    home: dict[str, str] = field(default_factory=dict)  # intervention id -> phase it sits under
    partner_order: list[str] = field(default_factory=list)
    width: int = 0
    height: int = 0


def compute_layout(
    order: Sequence[str],
    next_of: Mapping[str, Sequence[str]],
    interventions: Sequence[InterventionRef],
    partners: Sequence[str],
    heights: Mapping[str, int] | None = None,
) -> Layout:
    """Positions for phases (in process ``order``), interventions and partners.

    ``next_of`` gives each phase's successors; ``interventions`` are ``(id, phases,
    partners)`` with phases and partners that exist in ``order`` and ``partners`` (others are
    ignored); ``heights`` maps node ids to the height each box is drawn with. Positions are
    integers; every input order is respected where it is a tie.
    """
    sizes = heights or {}

    def tall(nid: str) -> int:
        return sizes.get(nid, DEFAULT_H)

    layout = Layout()
    columns, lanes = _columns_and_lanes(order, next_of)
    layout.columns, layout.lanes = columns, lanes
    rank = {pid: i for i, pid in enumerate(order)}
    known_partners = set(partners)

    blocks: dict[str, list[str]] = {pid: [] for pid in order}
    for iid, phases, _ in interventions:
        acting = sorted({p for p in phases if p in rank}, key=rank.__getitem__)
        if not acting:
            continue
        home = acting[(len(acting) - 1) // 2]  # the median phase (the earlier of two)
        layout.home[iid] = home
        blocks[home].append(iid)

    per_row = {pid: _per_row(len(blocks[pid])) for pid in order}
    n_columns = max(columns.values(), default=-1) + 1
    column_w = [MIN_COLUMN_W] * n_columns
    for pid in order:
        wide = per_row[pid] * INTERVENTION_W - CARD_GAP
        column_w[columns[pid]] = max(column_w[columns[pid]], wide)
    column_x: list[int] = []
    left = 0
    for width in column_w:
        column_x.append(left + width // 2)
        left += width + COLUMN_GAP
    layout.width = max(left - COLUMN_GAP, 0)

    # each block as rows of cards: (row top offset, card ids), and its depth
    rows_of: dict[str, list[tuple[int, list[str]]]] = {}
    depth: dict[str, int] = {}
    for pid in order:
        ids = [node_id("intervention", iid) for iid in blocks[pid]]
        cols = per_row[pid]
        rows, offset = [], 0
        for start in range(0, len(ids), cols):
            row = ids[start : start + cols]
            rows.append((offset, row))
            offset += max(tall(n) for n in row) + ROW_GAP
        rows_of[pid] = rows
        depth[pid] = max(offset - ROW_GAP, 0)

    n_lanes = max(lanes.values(), default=-1) + 1
    phase_h = [0] * n_lanes
    lane_depth = [0] * n_lanes
    for pid in order:
        phase_h[lanes[pid]] = max(phase_h[lanes[pid]], tall(node_id("phase", pid)))
        lane_depth[lanes[pid]] = max(lane_depth[lanes[pid]], depth[pid])
    lane_top: list[int] = []
    top = 0
    for lane in range(n_lanes):
        lane_top.append(top)
        below = PHASE_TO_BLOCK + lane_depth[lane] if lane_depth[lane] else 0
        top += phase_h[lane] + below + LANE_GAP
    bottom = max(top - LANE_GAP, 0)

    for pid in order:
        cx, lane = column_x[columns[pid]], lanes[pid]
        layout.positions[node_id("phase", pid)] = (cx, lane_top[lane] + phase_h[lane] // 2)
        first = lane_top[lane] + phase_h[lane] + PHASE_TO_BLOCK
        for offset, row in rows_of[pid]:
            for col, nid in enumerate(row):
                x = cx + round((col - (len(row) - 1) / 2) * INTERVENTION_W)
                layout.positions[nid] = (x, first + offset + tall(nid) // 2)

    layout.partner_order = _partner_order(partners, interventions, layout, known_partners)
    per_band_row = max(1, (layout.width + CARD_GAP) // INTERVENTION_W)
    order_ids = [node_id("partner", p) for p in layout.partner_order]
    row_top = bottom + PARTNER_GAP
    for start in range(0, len(order_ids), per_band_row):
        row = order_ids[start : start + per_band_row]
        for col, nid in enumerate(row):
            x = layout.width // 2 + round((col - (len(row) - 1) / 2) * INTERVENTION_W)
            layout.positions[nid] = (x, row_top + tall(nid) // 2)
        row_top += max(tall(n) for n in row) + ROW_GAP
    layout.height = row_top - ROW_GAP if order_ids else bottom
    return layout


def _per_row(count: int) -> int:
    """Cards side by side in a block: one, more when a single file would be over MAX_ROWS."""
    return max(1, math.ceil(count / MAX_ROWS))


def _columns_and_lanes(
    order: Sequence[str], next_of: Mapping[str, Sequence[str]]
) -> tuple[dict[str, int], dict[str, int]]:
    """Column = length of the longest path from a start phase; lane = branch within a column.

    A phase takes the lane of its highest predecessor when that lane is free in its column,
    otherwise the next free lane below, so a straight process stays on one line and each
    branch gets a line of its own.
    """
    known = set(order)
    preds: dict[str, list[str]] = {pid: [] for pid in order}
    for pid in order:
        for succ in next_of.get(pid, ()):
            if succ in known and succ != pid:
                preds[succ].append(pid)
    position = {pid: i for i, pid in enumerate(order)}
    columns: dict[str, int] = {}
    lanes: dict[str, int] = {}
    taken: dict[int, set[int]] = {}
    for pid in order:
        # predecessors come earlier in a topological order; a later one would be a cycle
        earlier = [p for p in preds[pid] if position[p] < position[pid]]
        column = max((columns[p] + 1 for p in earlier), default=0)
        wanted = min((lanes[p] for p in earlier), default=0)
        used = taken.setdefault(column, set())
        lane = wanted
        while lane in used:
            lane += 1
        used.add(lane)
        columns[pid], lanes[pid] = column, lane
    return columns, lanes


def _partner_order(
    partners: Sequence[str],
    interventions: Sequence[InterventionRef],
    layout: Layout,
    known: set[str],
) -> list[str]:
    """Partners by the mean x of their interventions (ties by id); partners without any last."""
    xs: dict[str, list[int]] = {p: [] for p in partners}
    for iid, _, who in interventions:
        spot = layout.positions.get(node_id("intervention", iid))
        if spot is None:
            continue
        for partner in set(who):
            if partner in known:
                xs[partner].append(spot[0])
    placed = sorted((p for p in partners if xs[p]), key=lambda p: (sum(xs[p]) / len(xs[p]), p))
    idle = sorted(p for p in partners if not xs[p])
    return placed + idle
