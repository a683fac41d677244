"""Invariants of the analyses on generated valid models, checked against brute force."""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barriers import analysis
from barriers.analysis import minimum_cover
from barriers.model import Model
from tests.strategies import model_data, resolve

pytestmark = pytest.mark.slow  # property tests (hypothesis) against brute force

SETTINGS = settings(max_examples=100, deadline=None)


def without_partners(data: dict[str, Any], gone: set[str]) -> Model:
    """The model as if the partners ``gone`` had never been in it."""
    interventions = []
    for item in data["interventions"]:
        left = [p for p in item["partners"] if p not in gone]
        if left:
            interventions.append({**item, "partners": left})
    partners = [p for p in data["partners"] if p["id"] not in gone]
    return resolve({**data, "partners": partners, "interventions": interventions})


@SETTINGS
@given(model_data())
def test_process_order_is_a_topological_order(data: dict[str, Any]) -> None:
    model = resolve(data)
    order = analysis.process_order(model)
    assert sorted(order) == sorted(p["id"] for p in data["phases"])
    position = {pid: i for i, pid in enumerate(order)}
    for phase in data["phases"]:
        for successor in phase["next"]:
            assert position[phase["id"]] < position[successor]


@SETTINGS
@given(model_data())
def test_every_phase_is_uncovered_or_has_a_partner(data: dict[str, Any]) -> None:
    model = resolve(data)
    found = analysis.gaps(model)
    for pid, partners in analysis.partners_by_phase(model).items():
        assert (pid in found["uncovered"]) != bool(partners)
        assert (pid in found["single_partner"]) == (len(partners) == 1)
    used = {p for item in data["interventions"] for p in item["partners"]}
    assert found["idle_partners"] == sorted(
        p["id"] for p in data["partners"] if p["id"] not in used
    )


@SETTINGS
@given(model_data(), st.data())
def test_whatif_matches_the_model_without_those_partners(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    model = resolve(data)
    base = analysis.gaps(model)
    assert analysis.whatif(model, []) == {
        "without": [],
        "newly_uncovered": [],
        "lost_interventions": [],
        "weakened": [],
    }
    idle = base["idle_partners"]
    assert analysis.whatif(model, idle)["newly_uncovered"] == []
    assert analysis.whatif(model, idle)["lost_interventions"] == []
    ids = [p["id"] for p in data["partners"]]
    gone = draw.draw(st.lists(st.sampled_from(ids), unique=True) if ids else st.just([]))
    answer = analysis.whatif(model, gone)
    after = without_partners(data, set(gone))
    still = {i.id for i in after.interventions}
    assert answer["lost_interventions"] == sorted(
        i["id"] for i in data["interventions"] if i["id"] not in still
    )
    uncovered_after = analysis.gaps(after)["uncovered"]
    assert answer["newly_uncovered"] == [p for p in uncovered_after if p not in base["uncovered"]]
    counts = analysis.interventions_by_phase(after)
    for entry in answer["weakened"]:
        assert 0 < entry["after"] == len(counts[entry["id"]]) < entry["before"]


def covered_by(model: Model, partners: set[str]) -> set[str]:
    return {ph for i in model.interventions if partners & set(i.partners) for ph in i.phases}


@SETTINGS
@given(model_data())
def test_cover_reaches_every_coverable_phase_and_none_smaller_does(data: dict[str, Any]) -> None:
    model = resolve(data)
    answer = analysis.cover(model)
    coverable = covered_by(model, {p.id for p in model.partners})
    assert covered_by(model, set(answer["partners"])) == coverable
    assert answer["uncoverable"] == analysis.gaps(model)["uncovered"]
    assert answer["optimal"]  # models this small are always solved exactly
    # brute force: the first smallest cover, partners ordered by phases reached, then id
    reach = {p.id: len(covered_by(model, {p.id})) for p in model.partners}
    ranked = sorted((p for p in reach if reach[p]), key=lambda p: (-reach[p], p))
    for size in range(len(ranked) + 1):
        fits = [
            c
            for c in itertools.combinations(ranked, size)
            if covered_by(model, set(c)) == coverable
        ]
        if fits:
            assert answer["partners"] == sorted(fits[0])
            break
    starved = analysis.cover(model, budget=0)
    assert covered_by(model, set(starved["partners"])) == coverable


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**7 - 1), max_size=9))
def test_minimum_cover_is_the_first_smallest_by_brute_force(sets: list[int]) -> None:
    universe = 0
    for s in sets:
        universe |= s
    chosen, optimal = minimum_cover(sets, universe)
    assert optimal
    for size in range(len(sets) + 1):
        for combination in itertools.combinations(range(len(sets)), size):
            covered = 0
            for i in combination:
                covered |= sets[i]
            if covered == universe:
                assert chosen == list(combination)
                return


@SETTINGS
@given(model_data(), st.integers(0, 6))
def test_routes_are_the_weakest_first_of_all_routes(data: dict[str, Any], limit: int) -> None:
    model = resolve(data)
    answer = analysis.routes(model, limit=limit)
    order = analysis.process_order(model)
    position = {pid: i for i, pid in enumerate(order)}
    on = analysis.interventions_by_phase(model)
    graph = nx.DiGraph()
    graph.add_nodes_from(order)
    graph.add_edges_from((p.id, s) for p in model.phases for s in p.next or [])
    starts = [p for p in order if graph.in_degree(p) == 0]
    ends = [p for p in order if graph.out_degree(p) == 0]
    everything = [[s] for s in starts if s in ends]
    for s in starts:
        for e in ends:
            if s != e:
                everything.extend(nx.all_simple_paths(graph, s, e))
    listed = sorted(
        (
            {
                "phases": r,
                "strength": len({i for p in r for i in on[p]}),
                "phase_links": sum(len(on[p]) for p in r),
            }
            for r in everything
        ),
        key=lambda r: (r["strength"], r["phase_links"], [position[p] for p in r["phases"]]),
    )
    assert answer["count"] == len(everything)
    assert answer["routes"] == listed[:limit]
    assert answer["weakest"] == listed[0]
    assert answer["optimal"]
    assert all(answer["weakest"]["strength"] <= r["strength"] for r in answer["routes"])


@SETTINGS
@given(model_data())
def test_centrality_agrees_with_whatif(data: dict[str, Any]) -> None:
    model = resolve(data)
    ranked = analysis.centrality(model)
    for entry in ranked:
        assert entry["alone_covers"] == analysis.whatif(model, [entry["id"]])["newly_uncovered"]
        assert set(entry["reaches"]) == covered_by(model, {entry["id"]})
    assert [e["rank"] for e in ranked] == sorted(e["rank"] for e in ranked)
    assert sorted(e["id"] for e in ranked) == sorted(p.id for p in model.partners)


@SETTINGS
@given(model_data())
def test_mechanisms_account_for_every_intervention(data: dict[str, Any]) -> None:
    model = resolve(data)
    per_phase = analysis.interventions_by_phase(model)
    for pid, entry in analysis.mechanisms(model).items():
        counted = [i for ids in entry["by_mechanism"].values() for i in ids] + entry[
            "without_technique"
        ]
        assert sorted(counted) == per_phase[pid]
        assert entry["missing"] == [m for m, ids in entry["by_mechanism"].items() if not ids]


@SETTINGS
@given(model_data(), model_data())
def test_diff_added_and_removed_are_the_id_differences(
    a: dict[str, Any], b: dict[str, Any]
) -> None:
    one, two = resolve(a), resolve(b)
    answer = analysis.diff(one, two)
    for kind in analysis.DIFF_KINDS:
        old = {item.id for item in getattr(one, kind)}
        new = {item.id for item in getattr(two, kind)}
        assert answer[kind]["added"] == sorted(new - old)
        assert answer[kind]["removed"] == sorted(old - new)
        assert all(c["fields"] and c["id"] in old & new for c in answer[kind]["changed"])
    assert all(
        v == {"added": [], "removed": [], "changed": []} for v in analysis.diff(one, one).values()
    )


# -- issue 13: leads, resilience, redundancy, thresholds ----------------------------------------


@st.composite
def lead_model_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid model whose interventions may each name one of their partners as lead."""
    data = draw(model_data())
    for item in data["interventions"]:
        if draw(st.booleans()):
            item["lead"] = draw(st.sampled_from(item["partners"]))
    return data


def lost_by(data: dict[str, Any], gone: set[str]) -> set[str]:
    """The rule, written out: lost when the lead drops out, or all partners of one without."""
    return {
        i["id"]
        for i in data["interventions"]
        if (i["lead"] in gone if "lead" in i else gone.issuperset(i["partners"]))
    }


def subsets(ids: list[str]) -> list[set[str]]:
    return [set(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]


@SETTINGS
@given(lead_model_data())
def test_resilience_is_the_smallest_drop_out_by_brute_force(data: dict[str, Any]) -> None:
    model = resolve(data)
    answer = analysis.resilience(model)
    ids = [p["id"] for p in data["partners"]]
    order = analysis.process_order(model)
    on = analysis.interventions_by_phase(model)
    by_phase = {row["id"]: row for row in answer["phases"]}
    assert sorted(by_phase) == sorted(order)
    for pid in order:
        emptying = [d for d in subsets(ids) if set(on[pid]) <= lost_by(data, d)]
        smallest = min(len(d) for d in emptying)
        row = by_phase[pid]
        assert row["size"] == smallest and row["optimal"]
        assert [d for d in emptying if len(d) == smallest] == [set(row["partners"])]
    assert [(r["size"], order.index(r["id"])) for r in answer["phases"]] == sorted(
        (r["size"], order.index(r["id"])) for r in answer["phases"]
    )
    assert answer["weakest"] == min(r["size"] for r in answer["phases"])


@SETTINGS
@given(lead_model_data(), st.data())
def test_whatif_and_centrality_follow_the_lead_rule(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    model = resolve(data)
    ids = [p["id"] for p in data["partners"]]
    gone = draw.draw(st.lists(st.sampled_from(ids), unique=True) if ids else st.just([]))
    answer = analysis.whatif(model, gone)
    lost = lost_by(data, set(gone))
    assert answer["lost_interventions"] == sorted(lost)
    on = analysis.interventions_by_phase(model)
    assert answer["newly_uncovered"] == [p for p, ids_ in on.items() if ids_ and set(ids_) <= lost]
    for entry in analysis.centrality(model):
        alone = analysis.whatif(model, [entry["id"]])
        assert entry["alone_covers"] == alone["newly_uncovered"]
        assert entry["sole_interventions"] == len(alone["lost_interventions"])


def runnable(data: dict[str, Any], team: set[str]) -> set[str]:
    """Barriers the partners ``team`` can run on their own: they hold the lead, or else any
    partner of one without a lead."""
    return {
        i["id"]
        for i in data["interventions"]
        if (i["lead"] in team if "lead" in i else team & set(i["partners"]))
    }


@SETTINGS
@given(lead_model_data(), st.integers(1, 3))
def test_cover_with_redundancy_is_the_first_smallest_by_brute_force(
    data: dict[str, Any], k: int
) -> None:
    model = resolve(data)
    answer = analysis.cover(model, redundancy=k)
    assert answer["optimal"]
    on = analysis.interventions_by_phase(model)
    need = {p: min(k, len(ids_)) for p, ids_ in on.items()}

    def enough(team: set[str]) -> bool:
        can = runnable(data, team)
        return all(sum(1 for i in on[p] if i in can) >= n for p, n in need.items())

    # partners ranked by the phases they can run a barrier on, most first, then by id
    reach = {
        p["id"]: len({ph for i in runnable(data, {p["id"]}) for ph in model.intervention(i).phases})
        for p in data["partners"]
    }
    ranked = sorted((p for p in reach if reach[p]), key=lambda p: (-reach[p], p))
    for size in range(len(ranked) + 1):
        fits = [c for c in itertools.combinations(ranked, size) if enough(set(c))]
        if fits:
            assert answer["partners"] == sorted(fits[0])
            break
    if k > 1:
        assert answer["redundancy"] == k
        assert answer["short"] == [p for p, ids_ in on.items() if ids_ and len(ids_) < k]
    else:
        assert "redundancy" not in answer


@SETTINGS
@given(model_data())
def test_thin_with_one_is_uncovered(data: dict[str, Any]) -> None:
    model = resolve(data)
    plain = analysis.gaps(model)
    for asked in ({"min_barriers": 1}, {"min_partners": 1}, {"min_barriers": 1, "min_partners": 1}):
        answer = analysis.gaps(model, **asked)
        assert [row["id"] for row in answer["thin"]] == plain["uncovered"]
        assert {k: v for k, v in answer.items() if k not in ("thin", "thresholds")} == plain
    wide = analysis.gaps(model, min_barriers=3, min_partners=2)
    assert [row["id"] for row in wide["thin"]] == [
        row["id"] for row in plain["phases"] if row["interventions"] < 3 or row["partners"] < 2
    ]


@SETTINGS
@given(model_data())
def test_without_leads_the_lead_rule_is_todays(data: dict[str, Any]) -> None:
    model = resolve(data)
    f = analysis.facts(model)
    # cache's view: the same answers from plain dicts as from the pydantic model
    from barriers.load.view import model_view

    view = model_view(model.model_dump_json())
    assert analysis.facts(view) == f
    for partner in f.partners:
        lost = analysis.whatif(f, [partner])["lost_interventions"]
        assert lost == sorted(i for i in f.raised_by[partner] if f.partners_of[i] == [partner])
    assert analysis.cover(f, redundancy=1)["partners"] == analysis.cover(f)["partners"]
