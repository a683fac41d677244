"""Where every node of the map goes, computed once in Python so the page draws at once.

The map reads as a barrier model: the phases are columns from left to right in process
order, a phase that runs parallel to another (a branch of the process) sits in its own lane
below it, each intervention sits in a block under the phase it acts on (one that acts on
several phases under the median of them, linked to every one), and the partners form a
band of their own under everything, ordered so that their links cross as little as a simple
rule allows. The same input always gives the same positions.

>>> lay = compute_layout(["a", "b"], {"a": ["b"], "b": []}, [("i", ["b"], ["p"])], ["p"])
>>> lay.columns, lay.home["i"]
({'a': 0, 'b': 1}, 'b')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Geometry, in vis-network canvas units (pixels at zoom 1).
INTERVENTION_W = 190  # horizontal distance between interventions of one block
INTERVENTION_H = 100  # vertical distance between rows of a block
PHASE_TO_BLOCK = 130  # from a phase node down to the first row of its block
LANE_GAP = 140  # between the lowest row of a lane and the phases of the next lane
COLUMN_GAP = 110  # between neighbouring columns
PARTNER_GAP = 170  # from the lowest lane down to the partner band
PARTNER_W = 190
PARTNER_H = 80
MIN_COLUMN_W = 2 * INTERVENTION_W

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
) -> Layout:
    """Positions for phases (in process ``order``), interventions and partners.

    ``next_of`` gives each phase's successors; ``interventions`` are ``(id, phases,
    partners)`` with phases and partners that exist in ``order`` and ``partners`` (others are
    ignored). Positions are integers; every input order is respected where it is a tie.
    """
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
        column_w[columns[pid]] = max(column_w[columns[pid]], per_row[pid] * INTERVENTION_W)
    column_x: list[int] = []
    left = 0
    for width in column_w:
        column_x.append(left + width // 2)
        left += width + COLUMN_GAP
    layout.width = max(left - COLUMN_GAP, 0)

    n_lanes = max(lanes.values(), default=-1) + 1
    lane_depth = [0] * n_lanes
    for pid in order:
        rows = math.ceil(len(blocks[pid]) / per_row[pid])
        lane_depth[lanes[pid]] = max(lane_depth[lanes[pid]], rows)
    lane_y: list[int] = []
    top = 0
    for depth in lane_depth:
        lane_y.append(top)
        top += PHASE_TO_BLOCK + max(depth - 1, 0) * INTERVENTION_H + LANE_GAP
    band_y = top - LANE_GAP + PARTNER_GAP

    for pid in order:
        cx, y0 = column_x[columns[pid]], lane_y[lanes[pid]]
        layout.positions[node_id("phase", pid)] = (cx, y0)
        n, cols = len(blocks[pid]), per_row[pid]
        for k, iid in enumerate(blocks[pid]):
            row, col = divmod(k, cols)
            in_row = min(cols, n - row * cols)
            x = cx + round((col - (in_row - 1) / 2) * INTERVENTION_W)
            layout.positions[node_id("intervention", iid)] = (
                x,
                y0 + PHASE_TO_BLOCK + row * INTERVENTION_H,
            )

    layout.partner_order = _partner_order(partners, interventions, layout, known_partners)
    per_band_row = max(1, (layout.width + PARTNER_W // 2) // PARTNER_W)
    total = len(layout.partner_order)
    for k, partner in enumerate(layout.partner_order):
        row, col = divmod(k, per_band_row)
        in_row = min(per_band_row, total - row * per_band_row)
        x = layout.width // 2 + round((col - (in_row - 1) / 2) * PARTNER_W)
        layout.positions[node_id("partner", partner)] = (x, band_y + row * PARTNER_H)
    band_rows = math.ceil(total / per_band_row) if total else 0
    layout.height = band_y + max(band_rows - 1, 0) * PARTNER_H
    return layout


def _per_row(count: int) -> int:
    """Interventions per row of a block: two, more for big blocks so they stay squarish."""
    return max(2, math.ceil(math.sqrt(count / 3)))


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
