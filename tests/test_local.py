"""Local profiles: the local view, `barriers local`, `barriers plan`, several places, `--local`.

The expected answers of the hand-made profiles below are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barriers import analysis, load_model
from barriers.local import (
    NotALocalProfile,
    action_plan,
    compare,
    local_picture,
    local_view,
)
from barriers.model import INTERVENTION_STATES, Model
from tests.helpers import Result
from tests.local_models import BASE, OTHER, PROFILE
from tests.strategies import model_data, resolve


@pytest.fixture
def folder(write_model: Callable[..., Path]) -> Path:
    write_model(BASE, "dorp-basis.yaml")
    write_model(PROFILE, "testdorp.yaml")
    return write_model(OTHER, "anderdorp.yaml").parent


@pytest.fixture
def profile(folder: Path) -> Model:
    return load_model(folder / "testdorp.yaml", use_cache=False).model


def test_the_local_view_keeps_only_barriers_here_and_drops_absent_partners(
    profile: Model,
) -> None:
    view = local_view(profile)
    assert [i.id for i in view.interventions] == ["i1", "i2"]
    assert [p.id for p in view.partners] == ["p1", "p3"]
    assert view.intervention("i2").partners == []
    assert [p.id for p in view.phases] == ["a", "b", "c", "d", "e"]
    assert analysis.gaps(view)["uncovered"] == ["c", "d", "e"]
    assert analysis.partners_by_phase(view) == {"a": ["p1"], "b": ["p1"], "c": [], "d": [], "e": []}
    assert profile.intervention("i2").partners == ["p2"]  # the model itself is untouched


def test_the_local_picture_of_the_hand_made_profile(profile: Model) -> None:
    picture = local_picture(profile)
    assert picture["area"] == "Testdorp" and picture["date"] == "2026-06-01"
    assert picture["counts"] == {
        "in_place": 1,
        "partial": 1,
        "planned": 1,
        "absent": 1,
        "not_applicable": 1,
        "unknown": 1,  # i6 has no local state
    }
    keys = ["in_place", "partial", "planned", "absent", "not_applicable", "unknown"]
    empty: dict[str, list[str]] = {key: [] for key in keys}
    assert picture["phases"] == [
        {"id": "a", "name": "Fase A", **empty, "in_place": ["i1"], "unknown": ["i6"]},
        {"id": "b", "name": "Fase B", **empty, "in_place": ["i1"], "partial": ["i2"]},
        {"id": "c", "name": "Fase C", **empty, "planned": ["i4"], "absent": ["i3"]},
        {"id": "d", "name": "Fase D", **empty, "planned": ["i4"], "not_applicable": ["i5"]},
        {"id": "e", "name": "Fase E", **empty},
    ]
    assert picture["uncovered"] == ["c", "d"]  # e has no barrier in the model: not local
    assert picture["single_partner"] == ["a", "b"]  # i2's partner p2 is absent
    assert picture["candidates"] == [
        {"intervention": "i4", "closes": ["c", "d"], "state": "planned"},
        {"intervention": "i3", "closes": ["c"], "state": "absent"},
        {"intervention": "i5", "closes": ["d"], "state": "not-applicable"},
    ]  # i6 acts only on a, which is covered here
    assert picture["smallest_fix"] == {"interventions": ["i4"], "optimal": True}
    # x1 (open) is about i3, on c; x2 is about d but done; x3 is about a and b.
    assert picture["without_plan"] == ["d"]


def test_the_action_plan_by_priority_then_due_with_its_flags(profile: Model) -> None:
    plan = action_plan(profile)
    assert [(a["id"], a["overdue"], a["in_place"]) for a in plan["actions"]] == [
        ("x3", True, True),  # priority 1, due 2026-01-01 < 2026-06-01, i1 is in place
        ("x2", False, False),  # priority 1, due later; done, so never overdue
        ("x1", True, False),  # priority 2, due 2026-05-01
        ("x4", False, False),  # no priority, no due date
    ]
    first = plan["actions"][0]
    assert first == {
        "id": "x3",
        "title": "Barrière 1 versterken",
        "interventions": ["i1"],
        "phases": [],
        "owner": None,
        "due": "2026-01-01",
        "priority": 1,
        "state": "in-progress",
        "note": None,
        "overdue": True,
        "in_place": True,
    }
    assert plan["without_plan"] == ["d"]
    assert [a["overdue"] for a in action_plan(profile, "2025-12-31")["actions"]] == [False] * 4
    later = action_plan(profile, "2026-08-01")["actions"]
    assert [(a["id"], a["overdue"]) for a in later] == [
        ("x3", True),
        ("x2", False),
        ("x1", True),
        ("x4", False),
    ]
    with pytest.raises(ValueError, match="not a real date"):
        action_plan(profile, "2026-02-30")


def test_several_places_side_by_side(folder: Path, profile: Model) -> None:
    other = load_model(folder / "anderdorp.yaml", use_cache=False).model
    answer = compare([profile, other])
    assert answer["areas"] == [
        {"id": "testdorp", "area": "Testdorp", "date": "2026-06-01"},
        {"id": "anderdorp", "area": "Anderdorp", "date": None},
    ]
    assert answer["barriers"][0] == {
        "id": "i1",
        "name": "Barrière 1",
        "states": {"testdorp": "in-place", "anderdorp": "in-place"},
    }
    assert answer["barriers"][5]["states"] == {"testdorp": "unknown", "anderdorp": "in-place"}
    assert [(p["id"], p["open_in"]) for p in answer["phases"]] == [
        ("a", []),
        ("b", []),
        ("c", ["testdorp"]),
        ("d", ["testdorp", "anderdorp"]),
        ("e", []),
    ]
    assert answer["shared_gaps"] == [
        {"id": "d", "name": "Fase D", "open_in": ["testdorp", "anderdorp"]}
    ]


def test_local_questions_of_a_model_without_local_are_refused(folder: Path) -> None:
    base = load_model(folder / "dorp-basis.yaml", use_cache=False).model
    for ask in (local_view, local_picture, action_plan):
        with pytest.raises(NotALocalProfile, match="'dorp-basis' is not a local profile"):
            ask(base)


# -- --local on the analysis commands ------------------------------------------------------------


@pytest.mark.parametrize("cache", ["--no-cache", None])
def test_gaps_local_gives_the_places_open_phases(
    cli: Callable[..., Result], folder: Path, cache: str | None, fresh_cache: Path
) -> None:
    args = [cache] if cache else []
    for _ in range(2):  # the second run reads the cached view
        result = cli(*args, "gaps", folder / "testdorp.yaml", "--local", "--format", "json")
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert data["uncovered"] == ["c", "d", "e"]
        assert data["single_partner"] == ["a", "b"]
        assert data["idle_partners"] == ["p3"]  # present, but none of its barriers is here
    whole = json.loads(cli("gaps", folder / "testdorp.yaml", "--format", "json").out)
    assert whole["uncovered"] == ["e"]


@pytest.mark.parametrize(
    ("command", "extra", "check"),
    [
        ("partners", [], lambda d: d == {"a": ["p1"], "b": ["p1"], "c": [], "d": [], "e": []}),
        ("cover", [], lambda d: d["partners"] == ["p1"] and d["uncoverable"] == ["c", "d", "e"]),
        ("whatif", ["--without", "p1"], lambda d: d["newly_uncovered"] == ["a"]),
        (
            "routes",
            [],
            # strength counts distinct barriers; phase_links the barriers of each phase added up
            lambda d: (
                d["weakest"]
                == {"phases": ["a", "b", "c", "d", "e"], "strength": 2, "phase_links": 3}
            ),
        ),
        ("centrality", [], lambda d: [e["id"] for e in d] == ["p1", "p3"]),
        ("mechanisms", [], lambda d: d["a"]["without_technique"] == ["i1"]),
    ],
)
def test_every_analysis_takes_local(
    cli: Callable[..., Result], folder: Path, command: str, extra: list[str], check: Any
) -> None:
    result = cli(command, folder / "testdorp.yaml", "--local", *extra, "--format", "json")
    assert result.code == 0, result.err
    assert check(json.loads(result.out))
    plain = cli(command, folder / "testdorp.yaml", *extra, "--format", "json")
    assert plain.code == 0 and plain.out != result.out


def test_local_on_a_model_without_local_is_an_error(
    cli: Callable[..., Result], folder: Path
) -> None:
    for command in ("partners", "gaps", "cover", "routes", "centrality", "mechanisms"):
        result = cli(command, folder / "dorp-basis.yaml", "--local")
        assert result.code == 1, command
        assert result.out == ""
        assert result.err.startswith("model 'dorp-basis' is not a local profile: it has no")


# -- properties ----------------------------------------------------------------------------------


def _with_states(data: dict[str, Any], states: list[str]) -> Model:
    profile = {**data, "local": {"area": "Ergens"}}
    profile["interventions"] = [
        {**item, "local": {"state": state}}
        for item, state in zip(data["interventions"], states, strict=False)
    ]
    return resolve(profile)


@settings(max_examples=60, deadline=None)
@given(model_data())
def test_every_barrier_in_place_gives_the_models_own_gaps(data: dict[str, Any]) -> None:
    model = _with_states(data, ["in-place"] * len(data["interventions"]))
    assert analysis.gaps(local_view(model)) == analysis.gaps(model)
    picture = local_picture(model)
    assert picture["uncovered"] == [] and picture["candidates"] == []
    assert picture["smallest_fix"] == {"interventions": [], "optimal": True}


@settings(max_examples=60, deadline=None)
@given(
    model_data(),
    st.sampled_from([s for s in INTERVENTION_STATES if s not in ("in-place", "partial")]),
)
def test_no_barrier_in_place_leaves_every_covered_phase_open(
    data: dict[str, Any], state: str
) -> None:
    model = _with_states(data, [state] * len(data["interventions"]))
    covered = [
        p for p in analysis.process_order(model) if analysis.interventions_by_phase(model)[p]
    ]
    assert local_picture(model)["uncovered"] == covered


@settings(max_examples=100, deadline=None)
@given(model_data(), st.data())
def test_the_smallest_fix_closes_every_local_gap_and_is_minimal(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    states = draw.draw(
        st.lists(
            st.sampled_from(INTERVENTION_STATES),
            min_size=len(data["interventions"]),
            max_size=len(data["interventions"]),
        )
    )
    model = _with_states(data, states)
    picture = local_picture(model)
    fix = picture["smallest_fix"]["interventions"]
    closed = {p for c in picture["candidates"] if c["intervention"] in fix for p in c["closes"]}
    assert closed == set(picture["uncovered"])
    # brute force: no smaller set of candidates closes every local gap
    import itertools

    options = [set(c["closes"]) for c in picture["candidates"]]
    for size in range(len(fix)):
        for combo in itertools.combinations(options, size):
            assert set().union(*combo) != set(picture["uncovered"])
    here = set(picture["uncovered"])
    assert all(set(c["closes"]) <= here and c["closes"] for c in picture["candidates"])


_DATES = st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2027, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    model_data(),
    st.data(),
    st.lists(
        st.tuples(
            st.none() | st.integers(1, 3),
            st.none() | _DATES.map(str),
            st.sampled_from(["open", "in-progress", "done", "dropped"]),
        ),
        max_size=6,
    ),
    _DATES.map(str),
)
def test_plan_order_and_flags_follow_their_definitions(
    data: dict[str, Any], draw: st.DataObject, specs: list[Any], today: str
) -> None:
    ids = [i["id"] for i in data["interventions"]]
    states = [draw.draw(st.sampled_from(INTERVENTION_STATES)) for _ in ids]
    profile = {**data, "local": {"area": "Ergens", "date": "2026-07-01"}}
    profile["interventions"] = [
        {**item, "local": {"state": state}}
        for item, state in zip(data["interventions"], states, strict=True)
    ]
    actions = []
    for k, (priority, due, state) in enumerate(specs):
        about = draw.draw(st.lists(st.sampled_from(ids), unique=True, max_size=2)) if ids else []
        action: dict[str, Any] = {"id": f"a{k}", "title": f"Actie {k}", "state": state}
        action.update({"interventions": about} if about else {})
        action.update({"priority": priority} if priority else {})
        action.update({"due": due} if due else {})
        actions.append(action)
    profile["actions"] = actions
    model = resolve(profile)
    here = dict(zip(ids, states, strict=True))
    plan = action_plan(model, today)
    keys = [
        (a["priority"] is None, a["priority"] or 0, a["due"] is None, a["due"] or "")
        for a in plan["actions"]
    ]
    assert keys == sorted(keys)
    assert sorted(a["id"] for a in plan["actions"]) == sorted(a["id"] for a in actions)
    for a in plan["actions"]:
        active = a["state"] in ("open", "in-progress")
        assert a["overdue"] == (active and a["due"] is not None and a["due"] < today)
        assert a["in_place"] == (
            bool(a["interventions"]) and all(here[i] == "in-place" for i in a["interventions"])
        )
    assert set(plan["without_plan"]) <= set(local_picture(model)["uncovered"])


@settings(max_examples=100, deadline=None)
@given(model_data(), st.data())
def test_the_local_picture_agrees_with_the_analyses_of_the_local_view(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    n = len(data["interventions"])
    states = draw.draw(st.lists(st.sampled_from(INTERVENTION_STATES), min_size=n, max_size=n))
    absent = draw.draw(st.sets(st.sampled_from([p["id"] for p in data["partners"]] or ["-"])))
    profile = {**data, "local": {"area": "Ergens"}}
    profile["partners"] = [
        {**p, "local": {"state": "absent"}} if p["id"] in absent else p for p in data["partners"]
    ]
    profile["interventions"] = [
        {**item, "local": {"state": state}}
        for item, state in zip(data["interventions"], states, strict=True)
    ]
    model = resolve(profile)
    picture = local_picture(model)
    here = analysis.gaps(local_view(model))
    covered = set(analysis.gaps(model)["uncovered"])
    assert picture["single_partner"] == here["single_partner"]
    assert picture["uncovered"] == [p for p in here["uncovered"] if p not in covered]
    by_phase = analysis.interventions_by_phase(model)
    for row in picture["phases"]:
        listed = [
            i
            for key in ("in_place", "partial", "planned", "absent", "not_applicable", "unknown")
            for i in row[key]
        ]
        assert sorted(listed) == by_phase[row["id"]]
