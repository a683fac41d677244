"""The analyses on small models whose answers are worked out by hand.

The models BRANCHING, SOLID and VARIANT (drawn in :mod:`tests.analysis_models`) are shared
with the CLI tests.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import analysis, load_model
from barriers.analysis import minimum_cover
from barriers.graph import build_graph
from barriers.model import Model
from barriers.problems import UnknownIdError
from tests.analysis_models import BRANCHING, SOLID, VARIANT


def load(write_model: Callable[..., Path], text: str = BRANCHING, name: str = "m.yaml") -> Model:
    return load_model(write_model(text, name), use_cache=False).model


@pytest.fixture
def model(write_model: Callable[..., Path]) -> Model:
    return load(write_model)


def test_process_order_is_topological_and_keeps_file_order(model: Model) -> None:
    # online must come before isoleren; elsewhere the file's order stands
    assert analysis.process_order(model) == [
        "ronselen",
        "inpalmen",
        "online",
        "isoleren",
        "uitbuiten",
    ]


def test_interventions_and_partners_by_phase(model: Model) -> None:
    assert analysis.interventions_by_phase(model) == {
        "ronselen": ["les", "regels"],
        "inpalmen": ["melding", "regels"],
        "online": ["chat"],
        "isoleren": [],
        "uitbuiten": ["hulp", "opvang"],
    }
    assert analysis.partners_by_phase(model) == {
        "ronselen": ["politie", "school"],
        "inpalmen": ["politie", "school"],
        "online": ["school"],
        "isoleren": [],
        "uitbuiten": ["zorg"],
    }
    assert list(analysis.partners_by_phase(model, ["uitbuiten", "ronselen"])) == [
        "ronselen",
        "uitbuiten",
    ]


def test_unknown_phase_is_an_error_with_a_suggestion(model: Model) -> None:
    with pytest.raises(
        UnknownIdError, match="unknown phase 'ronselem' \\(did you mean 'ronselen'\\?\\)"
    ):
        analysis.partners_by_phase(model, ["ronselem"])


def test_gaps(model: Model) -> None:
    assert analysis.gaps(model) == {
        "uncovered": ["isoleren"],
        "single_partner": ["online", "uitbuiten"],
        "idle_partners": ["bank"],
        "phases": [
            {"id": "ronselen", "name": "Ronselen", "interventions": 2, "partners": 2},
            {"id": "inpalmen", "name": "Inpalmen", "interventions": 2, "partners": 2},
            {"id": "online", "name": "Online contact", "interventions": 1, "partners": 1},
            {"id": "isoleren", "name": "Isoleren", "interventions": 0, "partners": 0},
            {"id": "uitbuiten", "name": "Uitbuiten", "interventions": 2, "partners": 1},
        ],
    }


def test_gaps_of_a_solid_model_are_empty(write_model: Callable[..., Path]) -> None:
    found = analysis.gaps(load(write_model, SOLID))
    assert (found["uncovered"], found["single_partner"], found["idle_partners"]) == ([], [], [])


@pytest.mark.parametrize(
    ("without", "uncovered", "lost", "weakened"),
    [
        ([], [], [], []),
        (["bank"], [], [], []),
        # melding keeps school: only les is lost
        (["politie"], [], ["les"], [{"id": "ronselen", "before": 2, "after": 1}]),
        (
            ["school"],
            ["online"],
            ["chat", "regels"],
            [
                {"id": "ronselen", "before": 2, "after": 1},
                {"id": "inpalmen", "before": 2, "after": 1},
            ],
        ),
        (
            ["school", "politie"],
            ["ronselen", "inpalmen", "online"],
            ["chat", "les", "melding", "regels"],
            [],
        ),
        (["zorg", "zorg"], ["uitbuiten"], ["hulp", "opvang"], []),
    ],
)
def test_whatif(
    model: Model,
    without: list[str],
    uncovered: list[str],
    lost: list[str],
    weakened: list[dict[str, int]],
) -> None:
    assert analysis.whatif(model, without) == {
        "without": sorted(set(without)),
        "newly_uncovered": uncovered,
        "lost_interventions": lost,
        "weakened": weakened,
    }


def test_whatif_unknown_partners_are_named_with_suggestions(model: Model) -> None:
    with pytest.raises(UnknownIdError) as caught:
        analysis.whatif(model, ["scool", "politie", "xyz"])
    assert (
        str(caught.value)
        == "unknown partner 'scool' (did you mean 'school'?); unknown partner 'xyz'"
    )


def test_cover_takes_the_partners_forced_by_a_phase(model: Model) -> None:
    # zorg alone reaches uitbuiten, school alone online; together they reach everything coverable
    assert analysis.cover(model) == {
        "partners": ["school", "zorg"],
        "optimal": True,
        "uncoverable": ["isoleren"],
    }


TIES = """\
id: gelijk
title: Gelijk
phases:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
  - {id: d, name: D}
partners:
  - {id: alpha, name: Alpha}
  - {id: beta, name: Beta}
  - {id: gamma, name: Gamma}
  - {id: delta, name: Delta}
interventions:
  - {id: i-alpha, name: IA, phases: [a, b], partners: [alpha]}
  - {id: i-beta, name: IB, phases: [c, d], partners: [beta]}
  - {id: i-gamma, name: IG, phases: [a, b, c], partners: [gamma]}
  - {id: i-delta, name: ID, phases: [d], partners: [delta]}
"""


def test_cover_ties_prefer_partners_reaching_more_then_ids(
    write_model: Callable[..., Path],
) -> None:
    # Three covers of two: {alpha, beta}, {beta, gamma}, {delta, gamma}. Gamma reaches the most
    # (3), then alpha and beta (2, alpha first by id), then delta: gamma with beta comes first.
    assert analysis.cover(load(write_model, TIES))["partners"] == ["beta", "gamma"]


EQUALS = """\
id: gelijk
title: Gelijk
phases: [{id: a, name: A}, {id: b, name: B}]
partners: [{id: zeta, name: Zeta}, {id: eta, name: Eta}, {id: theta, name: Theta}]
interventions:
  - {id: i-zeta, name: IZ, phases: [a, b], partners: [zeta]}
  - {id: i-eta, name: IE, phases: [b, a], partners: [eta]}
  - {id: i-theta, name: IT, phases: [a], partners: [theta]}
"""


def test_cover_with_equal_partners_takes_the_first_id(write_model: Callable[..., Path]) -> None:
    assert analysis.cover(load(write_model, EQUALS))["partners"] == ["eta"]


def test_cover_of_a_model_without_interventions(write_model: Callable[..., Path]) -> None:
    text = "id: leeg\ntitle: Leeg\nphases: [{id: a, name: A}, {id: b, name: B}]\npartners: [{id: p, name: P}]\n"
    assert analysis.cover(load(write_model, text)) == {
        "partners": [],
        "optimal": True,
        "uncoverable": ["a", "b"],
    }


# A ring of seven elements, each set two neighbours: four sets are needed, and the first four
# in index order are {0,1} {1,2} {3,4} {5,6}.
RING = [0b0000011, 0b0000110, 0b0001100, 0b0011000, 0b0110000, 0b1100000, 0b1000001]
# The lower bounds say two sets, but three are needed: only a search proves it (found by a
# random search over small instances).
HARD = [0b110100, 0b10111, 0b1100101, 0b1000, 0b1000101, 0b110000, 0b1001110]


def brute_force(sets: list[int], universe: int) -> list[int]:
    """The lexicographically first smallest cover, by trying every combination."""
    for size in range(len(sets) + 1):
        for combination in itertools.combinations(range(len(sets)), size):
            covered = 0
            for i in combination:
                covered |= sets[i]
            if covered & universe == universe:
                return list(combination)
    raise AssertionError("no cover")


def test_minimum_cover_is_the_first_smallest() -> None:
    assert minimum_cover(RING, 0b1111111) == ([0, 1, 3, 5], True)
    assert (
        minimum_cover(HARD, 0b1111111) == (brute_force(HARD, 0b1111111), True) == ([0, 1, 6], True)
    )


def test_minimum_cover_out_of_budget_gives_a_cover_not_proven() -> None:
    chosen, optimal = minimum_cover(HARD, 0b1111111, budget=0)
    assert optimal is False
    covered = 0
    for i in chosen:
        covered |= HARD[i]
    assert covered == 0b1111111


def test_minimum_cover_out_of_budget_on_a_big_instance_is_still_a_cover() -> None:
    rng = random.Random(7)
    sets = [sum(1 << e for e in range(60) if rng.random() < 0.08) for _ in range(200)]
    universe = 0
    for s in sets:
        universe |= s
    chosen, optimal = minimum_cover(sets, universe, budget=20_000)
    assert optimal is False
    covered = 0
    for i in chosen:
        covered |= sets[i]
    assert covered == universe
    assert minimum_cover(sets, universe, budget=20_000) == (chosen, optimal)  # deterministic


def test_minimum_cover_beats_greedy() -> None:
    # greedy takes the biggest set, {0,2,3,5}, and then needs two more for 1 and 4;
    # {0,1,5} with {2,3,4} is enough
    sets = [0b100011, 0b100110, 0b101101, 0b101000, 0b001010, 0b011000, 0b011100]
    assert minimum_cover(sets, 0b111111) == ([0, 6], True)


def test_minimum_cover_passes_over_sets_the_chosen_ones_already_cover() -> None:
    # after {0,1,2} and {3,4}, only element 5 is left: {1,3} and {2,4} add nothing
    sets = [0b000111, 0b011000, 0b001010, 0b010100, 0b100001, 0b101000]
    assert minimum_cover(sets, 0b111111) == (brute_force(sets, 0b111111), True) == ([0, 1, 4], True)


def test_minimum_cover_under_any_budget_is_a_cover_and_minimal_once_proven() -> None:
    outcomes = set()
    for budget in range(0, 3000, 7):
        chosen, optimal = minimum_cover(HARD, 0b1111111, budget=budget)
        covered = 0
        for i in chosen:
            covered |= HARD[i]
        assert covered == 0b1111111
        if optimal:
            assert len(chosen) == 3
        outcomes.add((tuple(chosen), optimal))
    assert ((0, 1, 6), True) in outcomes and any(not optimal for _, optimal in outcomes)


def test_minimum_cover_splits_independent_parts() -> None:
    # two rings on separate elements: each needs 4 of its 7 sets
    shifted = [s << 7 for s in RING]
    chosen, optimal = minimum_cover(RING + shifted, (1 << 14) - 1)
    assert optimal and chosen == [0, 1, 3, 5, 7, 8, 10, 12]


def test_routes(model: Model) -> None:
    # ronselen -> inpalmen -> uitbuiten meets regels on two phases: 5 barriers, 6 phase links
    weakest = {"phases": ["online", "isoleren", "uitbuiten"], "strength": 3, "phase_links": 3}
    assert analysis.routes(model) == {
        "weakest": weakest,
        "routes": [
            weakest,
            {"phases": ["ronselen", "isoleren", "uitbuiten"], "strength": 4, "phase_links": 4},
            {"phases": ["ronselen", "inpalmen", "uitbuiten"], "strength": 5, "phase_links": 6},
        ],
        "count": 3,
        "optimal": True,
    }
    limited = analysis.routes(model, limit=1)
    assert len(limited["routes"]) == 1 and limited["count"] == 3
    none = analysis.routes(model, limit=0)
    assert none["routes"] == [] and none["weakest"]["strength"] == 3


DIAMOND = """\
id: ruit
title: Ruit
phases:
  - {id: s, name: S, next: [b, a]}
  - {id: a, name: A, next: [t]}
  - {id: b, name: B, next: [t]}
  - {id: t, name: T, next: []}
partners: [{id: p, name: P}]
interventions:
  - {id: i, name: I, phases: [s, a, b, t], partners: [p]}
"""


def test_routes_of_equal_strength_follow_process_order(write_model: Callable[..., Path]) -> None:
    found = analysis.routes(load(write_model, DIAMOND))
    # 'next' lists b first, but a comes first in the process order
    # one barrier on every phase: each route meets it once, on three phases
    assert found["weakest"] == {"phases": ["s", "a", "t"], "strength": 1, "phase_links": 3}
    assert [r["phases"] for r in found["routes"]] == [["s", "a", "t"], ["s", "b", "t"]]


def ladder(rungs: int) -> str:
    """Phases p0..pN, each followed by the next two: Fibonacci-many routes."""
    lines = ["id: ladder", "title: Ladder", "phases:"]
    for i in range(rungs):
        following = [f"p{j}" for j in (i + 1, i + 2) if j < rungs]
        lines.append(f"  - {{id: p{i}, name: P{i}, next: [{', '.join(following)}]}}")
    lines += ["partners: [{id: p, name: P}]", "interventions:"]
    for i in range(0, rungs, 3):
        lines.append(f"  - {{id: i{i}, name: I{i}, phases: [p{i}], partners: [p]}}")
    return "\n".join(lines) + "\n"


def test_routes_stay_fast_with_exponentially_many(write_model: Callable[..., Path]) -> None:
    model = load(write_model, ladder(90))
    found = analysis.routes(model, limit=20)
    fibonacci = [1, 1]
    while len(fibonacci) < 90:
        fibonacci.append(fibonacci[-1] + fibonacci[-2])
    assert found["count"] == fibonacci[-1]  # about 2.9e18 routes
    strengths = [r["strength"] for r in found["routes"]]
    assert len(strengths) == 20 and strengths == sorted(strengths)
    # Every third phase has an intervention. Stepping +1 or +2, a route can miss all of them
    # but p0 in two ways only: p0 p1 p2 p4 p5 p7 ... and p0 p2 p4 p5 p7 ...
    dodging = [f"p{i}" for i in range(1, 90) if i % 3]
    assert found["weakest"] == {"phases": ["p0", *dodging], "strength": 1, "phase_links": 1}
    assert found["routes"][1]["phases"] == ["p0", *dodging[1:]]
    assert strengths[:3] == [1, 1, 2]


def test_centrality_ranks_by_alone_then_reach_then_interventions(model: Model) -> None:
    assert analysis.centrality(model) == [
        {
            "id": "school",
            "name": "School",
            "rank": 1,
            "alone_covers": ["online"],
            "reaches": ["ronselen", "inpalmen", "online"],
            "interventions": 3,
            "sole_interventions": 2,
        },
        {
            "id": "zorg",
            "name": "Zorg",
            "rank": 2,
            "alone_covers": ["uitbuiten"],
            "reaches": ["uitbuiten"],
            "interventions": 2,
            "sole_interventions": 2,
        },
        {
            "id": "politie",
            "name": "Politie",
            "rank": 3,
            "alone_covers": [],
            "reaches": ["ronselen", "inpalmen"],
            "interventions": 2,
            "sole_interventions": 1,
        },
        {
            "id": "bank",
            "name": "Bank",
            "rank": 4,
            "alone_covers": [],
            "reaches": [],
            "interventions": 0,
            "sole_interventions": 0,
        },
    ]


def test_centrality_ties_share_a_rank(write_model: Callable[..., Path]) -> None:
    ranked = analysis.centrality(load(write_model, SOLID))
    assert [(e["id"], e["rank"]) for e in ranked] == [("p", 1), ("q", 1)]
    ranked = analysis.centrality(load(write_model, TIES))
    # no phase has one partner only; gamma reaches 3 phases, alpha and beta 2, delta 1
    assert [(e["id"], e["rank"], e["alone_covers"]) for e in ranked] == [
        ("gamma", 1, []),
        ("alpha", 2, []),
        ("beta", 2, []),
        ("delta", 4, []),
    ]


def test_mechanisms(model: Model) -> None:
    empty = {
        m: []
        for m in (
            "increase-effort",
            "increase-risks",
            "reduce-rewards",
            "reduce-provocations",
            "remove-excuses",
        )
    }
    everything = list(empty)
    assert analysis.mechanisms(model) == {
        "ronselen": {
            "by_mechanism": {**empty, "increase-risks": ["les"], "remove-excuses": ["regels"]},
            "missing": ["increase-effort", "reduce-rewards", "reduce-provocations"],
            "without_technique": [],
        },
        "inpalmen": {
            "by_mechanism": {**empty, "remove-excuses": ["regels"]},
            "missing": [
                "increase-effort",
                "increase-risks",
                "reduce-rewards",
                "reduce-provocations",
            ],
            "without_technique": ["melding"],
        },
        "online": {"by_mechanism": empty, "missing": everything, "without_technique": ["chat"]},
        "isoleren": {"by_mechanism": empty, "missing": everything, "without_technique": []},
        "uitbuiten": {
            "by_mechanism": {**empty, "increase-effort": ["hulp"], "increase-risks": ["opvang"]},
            "missing": ["reduce-rewards", "reduce-provocations", "remove-excuses"],
            "without_technique": [],
        },
    }


def test_diff_per_kind_with_changed_fields(model: Model, write_model: Callable[..., Path]) -> None:
    other = load(write_model, VARIANT, "b.yaml")
    # reordered id lists (ronselen's next, regels' phases, melding's partners) are no change
    assert analysis.diff(model, other) == {
        "phases": {
            "added": [],
            "removed": ["online"],
            "changed": [
                {"id": "isoleren", "fields": ["name"]},
                {"id": "uitbuiten", "fields": ["description"]},
            ],
        },
        "partners": {
            "added": ["jeugd"],
            "removed": ["bank"],
            "changed": [{"id": "zorg", "fields": ["sector"]}],
        },
        "interventions": {
            "added": ["nazorg"],
            "removed": ["chat"],
            "changed": [
                {"id": "hulp", "fields": ["phases"]},
                {"id": "opvang", "fields": ["partners"]},
            ],
        },
    }
    same = analysis.diff(model, model)
    assert all(v == {"added": [], "removed": [], "changed": []} for v in same.values())


def test_summary(model: Model) -> None:
    assert analysis.summary(model) == {
        "phases": 5,
        "partners": 4,
        "interventions": 6,
        "uncovered": 1,
        "single_partner": 2,
        "idle_partners": 1,
        "without_technique": 2,
        "cover_size": 2,
        "cover_optimal": True,
        "routes": 3,
        "weakest_strength": 3,
    }


def test_functions_take_the_model_its_graph_or_its_facts(model: Model) -> None:
    graph = build_graph(model)
    facts = analysis.facts(graph)
    for question in (
        analysis.gaps,
        analysis.cover,
        analysis.routes,
        analysis.centrality,
        analysis.mechanisms,
    ):
        assert question(model) == question(graph) == question(facts)  # type: ignore[operator]
