"""Where every node of the map goes, computed once in Python so the page draws at once.

The map reads as a barrier model, like a board of cards: the phases form one row of columns
from left to right, a step of the process after the other; phases that run in parallel (the
branches of one step) stand side by side as lanes of that step, so the whole process fits
the width of a screen. Under each phase stands a card for every intervention that acts on
it: an intervention that acts on several phases has a card in each of them (the first is
the intervention's own node, the others are copies marked as the same barrier), so no line
runs across other cards. Zoomed out, the cards of a phase give way to its group chips (one
per barrier type, ``groups``), stacked in the same column from the same top: the map draws
one or the other, never both, so they may share the room (the chips start a little higher,
so that the phases and their chips fit a laptop's first view); ``overview_bottom`` is where
the lowest chip ends, the bottom of that view. The partners form a band of their own under everything, ordered so
that their links cross as little as a simple rule allows. The same input always gives the
same positions.

Cards are stacked by their drawn heights (``heights``, from the page's labels), so they never
overlap and never leave big gaps; without heights every card is taken as ``DEFAULT_H`` high.
A block deeper than ``MAX_ROWS`` cards spreads over more files. The map's top left corner is
at (0, 0) and its bottom right at (``width``, ``height``).

>>> lay = compute_layout(["a", "b"], {"a": ["b"], "b": []}, [("i", ["b", "a"], ["p"])], ["p"])
>>> lay.steps, lay.home["i"], lay.copies["i"]
({'a': 0, 'b': 1}, 'a', {'b': 'intervention:i@b'})
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
PHASE_TO_BLOCK = 30  # from the bottom of the phases down to the first card
COLUMN_GAP = 16  # between neighbouring columns (the lanes of one step)
STEP_GAP = 40  # between the last column of a step and the first of the next (for the arrow)
PARTNER_GAP = 150  # from the deepest column down to the partner band
MIN_COLUMN_W = CARD_W
MAX_ROWS = 48  # cards in one file under a phase; a bigger block takes more files
DEFAULT_H = 60  # the height of a node the caller gave none for
ARC_ROOM = 60  # above the phases, for the arcs of steps that pass over a lane
GROUP_GAP = 4  # between group chips stacked in a column
PHASE_TO_GROUPS = 12  # from the bottom of the phases down to the first group chip
COPY_MARK = "@"  # intervention:ID@PHASE is the card of ID under PHASE (not its own node)

# (id, phase ids, partner ids) of one intervention
InterventionRef = tuple[str, Sequence[str], Sequence[str]]


def node_id(kind: str, item_id: str) -> str:
    """The map's id of a model item: ``phase:<id>``, ``partner:<id>``, ``intervention:<id>``."""
    return f"{kind}:{item_id}"


def copy_id(intervention: str, phase: str) -> str:
    """The node id of the card of ``intervention`` under ``phase`` when that is not its own."""
    return f"{node_id('intervention', intervention)}{COPY_MARK}{phase}"


@dataclass
class Layout:
    """Positions of every node and the structure they were derived from."""

    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # node id -> (x, y)
    columns: dict[str, int] = field(default_factory=dict)  # phase id -> column, left to right
    steps: dict[str, int] = field(default_factory=dict)  # phase id -> step of the process
    lanes: dict[str, int] = field(default_factory=dict)  # phase id -> lane within its step
    home: dict[str, str] = field(default_factory=dict)  # intervention id -> its own node's phase
    copies: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {phase: copy node}
    partner_order: list[str] = field(default_factory=list)
    width: int = 0
    height: int = 0
    phase_bottom: int = 0  # the lowest edge of the phase row
    groups: dict[str, tuple[int, int]] = field(default_factory=dict)  # chip id -> (x, y)
    overview_bottom: int = 0  # the lowest edge of the phases and their group chips


def compute_layout(
    order: Sequence[str],
    next_of: Mapping[str, Sequence[str]],
    interventions: Sequence[InterventionRef],
    partners: Sequence[str],
    heights: Mapping[str, int] | None = None,
    max_rows: int = MAX_ROWS,
    groups: Mapping[str, Sequence[str]] | None = None,
) -> Layout:
    """Positions for phases (in process ``order``), interventions and partners.

    ``next_of`` gives each phase's successors; ``interventions`` are ``(id, phases,
    partners)`` with phases and partners that exist in ``order`` and ``partners`` (others are
    ignored); ``heights`` maps node ids to the height each box is drawn with (a copy is drawn
    as high as the intervention's own node). Positions are integers; every input order is
    respected where it is a tie. A block deeper than ``max_rows`` cards takes more files (the
    poster asks for fewer rows, to fill a landscape page). ``groups`` gives each phase its
    group chips' node ids, top to bottom (their heights in ``heights`` too).
    """
    sizes = heights or {}

    def tall(nid: str) -> int:
        own = nid.split(COPY_MARK, 1)[0]
        return sizes.get(own, DEFAULT_H)

    layout = Layout()
    steps, lanes = _steps_and_lanes(order, next_of)
    layout.steps, layout.lanes = steps, lanes
    position = {pid: i for i, pid in enumerate(order)}
    by_column = sorted(order, key=lambda p: (steps[p], lanes[p], position[p]))
    layout.columns = {pid: k for k, pid in enumerate(by_column)}
    known_partners = set(partners)

    blocks: dict[str, list[str]] = {pid: [] for pid in order}
    for iid, phases, _ in interventions:
        acting = sorted({p for p in phases if p in position}, key=layout.columns.__getitem__)
        if not acting:
            continue
        layout.home[iid] = acting[0]
        blocks[acting[0]].append(node_id("intervention", iid))
        for pid in acting[1:]:
            card = copy_id(iid, pid)
            layout.copies.setdefault(iid, {})[pid] = card
            blocks[pid].append(card)

    per_row = {pid: _per_row(len(blocks[pid]), max_rows) for pid in order}
    column_x: dict[str, int] = {}
    left = 0
    for k, pid in enumerate(by_column):
        width = max(MIN_COLUMN_W, per_row[pid] * INTERVENTION_W - CARD_GAP)
        if k:
            left += STEP_GAP if steps[pid] != steps[by_column[k - 1]] else COLUMN_GAP
        column_x[pid] = left + width // 2
        left += width
    layout.width = left

    phase_h = max((tall(node_id("phase", p)) for p in order), default=0)
    arcs = any(
        layout.columns[b] - layout.columns[a] > 1
        for a in order
        for b in next_of.get(a, ())
        if b in layout.columns
    )
    top = ARC_ROOM if arcs else 0
    layout.phase_bottom = top + phase_h
    first = top + phase_h + PHASE_TO_BLOCK
    bottom = top + phase_h
    for pid in order:
        cx = column_x[pid]
        layout.positions[node_id("phase", pid)] = (cx, top + phase_h // 2)
        cols = per_row[pid]
        offset = 0
        for start in range(0, len(blocks[pid]), cols):
            row = blocks[pid][start : start + cols]
            for col, nid in enumerate(row):
                x = cx + round((col - (len(row) - 1) / 2) * INTERVENTION_W)
                layout.positions[nid] = (x, first + offset + tall(nid) // 2)
            offset += max(tall(n) for n in row) + ROW_GAP
        if blocks[pid]:
            bottom = max(bottom, first + offset - ROW_GAP)
    layout.overview_bottom = top + phase_h
    chips_top = top + phase_h + PHASE_TO_GROUPS
    for pid in order:
        offset = 0
        for chip in (groups or {}).get(pid, ()):
            layout.groups[chip] = (column_x[pid], chips_top + offset + tall(chip) // 2)
            offset += tall(chip) + GROUP_GAP
        if offset:
            layout.overview_bottom = max(layout.overview_bottom, chips_top + offset - GROUP_GAP)
    bottom = max(bottom, layout.overview_bottom)

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


def _per_row(count: int, max_rows: int = MAX_ROWS) -> int:
    """Cards side by side in a block: one, more when a single file would be over max_rows."""
    return max(1, math.ceil(count / max(max_rows, 1)))


def _steps_and_lanes(
    order: Sequence[str], next_of: Mapping[str, Sequence[str]]
) -> tuple[dict[str, int], dict[str, int]]:
    """Step = length of the longest path from a start phase; lane = branch within a step.

    Phases of one step are numbered in process order, so a straight process has one lane
    and each branch of a fork a lane of its own.
    """
    known = set(order)
    preds: dict[str, list[str]] = {pid: [] for pid in order}
    for pid in order:
        for succ in next_of.get(pid, ()):
            if succ in known and succ != pid:
                preds[succ].append(pid)
    position = {pid: i for i, pid in enumerate(order)}
    steps: dict[str, int] = {}
    lanes: dict[str, int] = {}
    used: dict[int, int] = {}
    for pid in order:
        # predecessors come earlier in a topological order; a later one would be a cycle
        earlier = [p for p in preds[pid] if position[p] < position[pid]]
        step = max((steps[p] + 1 for p in earlier), default=0)
        steps[pid] = step
        lanes[pid] = used.get(step, 0)
        used[step] = lanes[pid] + 1
    return steps, lanes


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
