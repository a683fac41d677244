"""The map's layout: phases as one row of columns, branches side by side, a card under each
phase an intervention acts on, the partners in a band."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from barriers.map.layout import (
    ARC_ROOM,
    CARD_GAP,
    CARD_W,
    COLUMN_GAP,
    DEFAULT_H,
    INTERVENTION_W,
    MAX_ROWS,
    PARTNER_GAP,
    STEP_GAP,
    compute_layout,
    node_id,
)


def test_a_straight_process_is_one_row_of_columns_left_to_right() -> None:
    order = ["ronselen", "inpalmen", "losweken", "uitbuiten"]
    next_of = {a: [b] for a, b in itertools.pairwise(order)}
    lay = compute_layout(order, next_of, [], [])
    assert lay.columns == {"ronselen": 0, "inpalmen": 1, "losweken": 2, "uitbuiten": 3}
    assert lay.steps == lay.columns
    assert set(lay.lanes.values()) == {0}
    xs = [lay.positions[node_id("phase", p)][0] for p in order]
    ys = {lay.positions[node_id("phase", p)][1] for p in order}
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert len(ys) == 1
    assert lay.width == 4 * CARD_W + 3 * STEP_GAP


def test_parallel_branches_stand_side_by_side_as_lanes_of_one_step() -> None:
    # a -> b, a -> c, b -> d, c -> d: b and c run in parallel, in the same row as a and d
    order = ["a", "b", "c", "d"]
    next_of = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}
    lay = compute_layout(order, next_of, [], [])
    assert lay.steps == {"a": 0, "b": 1, "c": 1, "d": 2}
    assert lay.lanes == {"a": 0, "b": 0, "c": 1, "d": 0}
    assert lay.columns == {"a": 0, "b": 1, "c": 2, "d": 3}
    (bx, by), (cx, cy) = lay.positions["phase:b"], lay.positions["phase:c"]
    assert by == cy and cx - bx == CARD_W + COLUMN_GAP
    # the whole process is one row, so its width is what a screen must show
    assert len({lay.positions[f"phase:{p}"][1] for p in order}) == 1
    assert lay.width == 4 * CARD_W + 2 * STEP_GAP + COLUMN_GAP
    # a -> c passes over b: room above the row for its arc
    assert lay.positions["phase:a"][1] - DEFAULT_H // 2 == ARC_ROOM


def test_step_is_the_longest_path_so_a_skip_does_not_pull_a_phase_left() -> None:
    order = ["a", "b", "c"]
    next_of = {"a": ["b", "c"], "b": ["c"], "c": []}
    lay = compute_layout(order, next_of, [], [])
    assert lay.steps == {"a": 0, "b": 1, "c": 2}


def test_an_intervention_has_a_card_under_every_phase_it_acts_on() -> None:
    order = ["a", "b", "c", "d"]
    next_of = {"a": ["b"], "b": ["c"], "c": ["d"], "d": []}
    interventions = [
        ("only-c", ["c"], ["p"]),
        ("three", ["d", "a", "b"], ["p"]),  # listed out of order: its own node under a
        ("two", ["c", "a"], ["q"]),
        ("nowhere", ["gone"], ["p"]),  # a phase the layout does not know: not placed
    ]
    lay = compute_layout(order, next_of, interventions, ["p", "q"])
    assert lay.home == {"only-c": "c", "three": "a", "two": "a"}
    assert lay.copies == {
        "three": {"b": "intervention:three@b", "d": "intervention:three@d"},
        "two": {"c": "intervention:two@c"},
    }
    assert "intervention:nowhere" not in lay.positions
    cards = {iid: {home: node_id("intervention", iid)} for iid, home in lay.home.items()}
    for iid, copies in lay.copies.items():
        cards[iid].update(copies)
    for iid, under in cards.items():
        for phase, card in under.items():
            ix, iy = lay.positions[card]
            px, py = lay.positions[node_id("phase", phase)]
            assert iy > py and ix == px, (iid, phase)


def test_partners_form_a_band_below_everything_in_order_of_where_they_act() -> None:
    order = ["a", "b", "c"]
    next_of = {"a": ["b"], "b": ["c"], "c": []}
    interventions = [
        ("i1", ["c"], ["late"]),
        ("i2", ["a"], ["early"]),
        ("i3", ["b"], ["middle", "early"]),
    ]
    lay = compute_layout(
        order, next_of, interventions, ["late", "idle-b", "middle", "early", "idle-a"]
    )
    assert lay.partner_order == ["early", "middle", "late", "idle-a", "idle-b"]
    lowest = max(y for key, (_, y) in lay.positions.items() if not key.startswith("partner:"))
    band = [lay.positions[node_id("partner", p)] for p in lay.partner_order]
    assert all(y >= lowest + PARTNER_GAP for _, y in band)
    assert [x for x, _ in band[:3]] == sorted(x for x, _ in band[:3])


def test_a_big_block_grows_wider_past_max_rows() -> None:
    many = 10 * MAX_ROWS
    interventions = [(f"i{n:03}", ["a"], ["p"]) for n in range(many)]
    lay = compute_layout(["a"], {"a": []}, interventions, ["p"])
    xs = {lay.positions[node_id("intervention", f"i{n:03}")][0] for n in range(many)}
    assert len(xs) == 10
    assert lay.width == 10 * INTERVENTION_W - CARD_GAP


def test_a_column_is_one_card_wide_until_it_is_max_rows_deep() -> None:
    # a column one card wide keeps the phases' width readable on a screen
    small = [(f"i{n:02}", ["a"], ["p"]) for n in range(MAX_ROWS)]
    lay = compute_layout(["a", "b"], {"a": ["b"], "b": []}, small, ["p"])
    assert {lay.positions[node_id("intervention", i)][0] for i, _, _ in small} == {
        lay.positions["phase:a"][0]
    }
    assert lay.width == 2 * CARD_W + STEP_GAP
    deep = [(f"i{n:02}", ["a"], ["p"]) for n in range(MAX_ROWS + 1)]
    lay = compute_layout(["a"], {"a": []}, deep, ["p"])
    spots = [lay.positions[node_id("intervention", i)] for i, _, _ in deep]
    assert len({y for _, y in spots}) == (MAX_ROWS + 2) // 2  # two files, the last card alone
    assert lay.width == INTERVENTION_W + CARD_W


def test_cards_are_stacked_by_their_heights() -> None:
    interventions = [("tall", ["a"], ["p"]), ("short", ["a"], ["p"]), ("next", ["a"], ["p"])]
    heights = {"phase:a": 100, "intervention:tall": 91, "intervention:short": 31}
    lay = compute_layout(["a"], {"a": []}, interventions, ["p"], heights)
    tops = {
        n: lay.positions[n][1] - heights.get(n, DEFAULT_H) // 2
        for n in ("intervention:tall", "intervention:short", "intervention:next")
    }
    assert lay.positions["phase:a"] == (CARD_W // 2, 50)  # the map's top left is (0, 0)
    assert tops["intervention:short"] - tops["intervention:tall"] == 91 + 14
    assert tops["intervention:next"] - tops["intervention:short"] == 31 + 14
    assert lay.height == lay.positions["partner:p"][1] + DEFAULT_H // 2


def test_same_input_same_positions() -> None:
    order = ["a", "b", "c"]
    next_of = {"a": ["b", "c"], "b": [], "c": []}
    interventions = [
        (f"i{n}", [order[n % 3], order[(n + 1) % 3]], [f"p{n % 4}"]) for n in range(20)
    ]
    partners = [f"p{n}" for n in range(4)]
    first = compute_layout(order, next_of, interventions, partners)
    second = compute_layout(list(order), dict(next_of), list(interventions), list(partners))
    assert first == second


@st.composite
def processes(
    draw: st.DrawFn,
) -> tuple[
    list[str],
    dict[str, list[str]],
    list[tuple[str, list[str], list[str]]],
    list[str],
    dict[str, int],
]:
    n = draw(st.integers(1, 9))
    order = [f"p{k}" for k in range(n)]
    next_of: dict[str, list[str]] = {}
    for k, pid in enumerate(order):
        later = order[k + 1 :]
        next_of[pid] = (
            draw(st.lists(st.sampled_from(later), unique=True, max_size=3)) if later else []
        )
    partners = [f"q{k}" for k in range(draw(st.integers(0, 6)))]
    interventions = []
    for k in range(draw(st.integers(0, 40))):
        phases = draw(st.lists(st.sampled_from(order), min_size=1, max_size=3, unique=True))
        who = (
            draw(st.lists(st.sampled_from(partners), min_size=1, max_size=2, unique=True))
            if partners
            else []
        )
        interventions.append((f"i{k}", phases, who))
    ids = [node_id("phase", p) for p in order] + [node_id("partner", p) for p in partners]
    ids += [node_id("intervention", i) for i, _, _ in interventions]
    heights = {n: draw(st.integers(20, 140)) for n in ids}
    return order, next_of, interventions, partners, heights


@settings(max_examples=150, deadline=None)
@given(processes())
def test_layout_invariants(
    case: tuple[
        list[str],
        dict[str, list[str]],
        list[tuple[str, list[str], list[str]]],
        list[str],
        dict[str, int],
    ],
) -> None:
    order, next_of, interventions, partners, heights = case
    lay = compute_layout(order, next_of, interventions, partners, heights)
    # every item has a place, and no two share one
    expected = {node_id("phase", p) for p in order}
    expected |= {node_id("intervention", i) for i, _, _ in interventions}
    expected |= {node_id("partner", p) for p in partners}
    expected |= {card for copies in lay.copies.values() for card in copies.values()}
    assert set(lay.positions) == expected
    assert len(set(lay.positions.values())) == len(lay.positions)
    # the process runs left to right in one row; parallel phases stand side by side
    for pid, successors in next_of.items():
        for succ in successors:
            assert lay.steps[succ] > lay.steps[pid]
            assert lay.columns[succ] > lay.columns[pid]
            assert (
                lay.positions[node_id("phase", succ)][0] > lay.positions[node_id("phase", pid)][0]
            )
    # a card of each intervention under each phase it acts on, and nowhere else;
    # partners below everything else
    for iid, phases, _ in interventions:
        under = {lay.home[iid], *lay.copies.get(iid, {})}
        assert under == set(phases)
        for phase in under:
            card = lay.copies.get(iid, {}).get(phase, node_id("intervention", iid))
            assert lay.positions[card][0] == lay.positions[node_id("phase", phase)][0]
            assert lay.positions[card][1] > lay.positions[node_id("phase", phase)][1]
    if partners:
        top_of_band = min(lay.positions[node_id("partner", p)][1] for p in partners)
        assert all(
            y < top_of_band for k, (_, y) in lay.positions.items() if not k.startswith("partner:")
        )

    # boxes of the given heights, CARD_W wide, never overlap and stay inside the map
    def high(n: str) -> int:
        return heights[n.split("@")[0]]

    boxes = [
        (n, x - CARD_W / 2, y - high(n) / 2, x + CARD_W / 2, y + high(n) / 2)
        for n, (x, y) in lay.positions.items()
    ]
    for n, left, top, right, bottom in boxes:
        assert left >= -1 and right <= lay.width + 1, n
        assert top >= -1 and bottom <= lay.height + 1, n
    for k, (a, *box) in enumerate(boxes):
        for b, *other in boxes[k + 1 :]:
            apart = (
                box[2] <= other[0] or other[2] <= box[0] or box[3] <= other[1] or other[3] <= box[1]
            )
            assert apart, (a, b)
