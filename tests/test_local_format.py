"""The local layer of the format: `local` blocks, item states, the action plan, and their errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import load_model
from barriers.problems import ModelError
from barriers.schema import json_schema
from tests.helpers import DATA, Result

PROFILE = DATA / "example-profile.yaml"

BASE = """\
id: base
title: Basis
phases:
  - {id: werven, name: Werven}
  - {id: uitbuiten, name: Uitbuiten}
partners:
  - {id: politie, name: Politie}
  - {id: school, name: School}
interventions:
  - {id: les, name: Les, phases: [werven], partners: [school]}
  - {id: opsporing, name: Opsporing, phases: [uitbuiten], partners: [politie]}
"""


def _profile(body: str) -> str:
    return (
        "id: profiel\ntitle: Profiel\nextends: base\n"
        "local: {area: Gemeente X, date: '2026-11-20'}\n" + body
    )


def _errors(write_model: Callable[..., Path], text: str) -> list[str]:
    write_model(BASE, "base.yaml")
    path = write_model(text, "profiel.yaml")
    with pytest.raises(ModelError) as info:
        load_model(path, use_cache=False)
    return [line.split(f"{path.name}:", 1)[-1] for line in info.value.lines()]


def test_a_variant_marks_base_items_with_only_id_and_local() -> None:
    model = load_model(PROFILE, use_cache=False).model
    assert model.local is not None
    assert model.local.area == "Gemeente Voorbeeld"
    assert model.local.participants == ["school", "politie"]
    voorlichting = model.intervention("voorlichting")
    assert voorlichting.name == "Voorlichting in de klas"  # from the base, untouched
    assert voorlichting.local is not None
    assert (voorlichting.local.state, voorlichting.local.owner) == ("in-place", "school")
    assert model.intervention("wwft-melding").local is None
    assert model.partner("bank").local is not None
    assert model.partner("bank").local.state == "absent"
    (action,) = model.actions
    assert (action.id, action.state, action.priority, action.due) == (
        "bank-afspraak",
        "in-progress",
        1,
        "2027-03-01",
    )


def test_the_local_fields_are_in_the_json_schema_with_descriptions() -> None:
    schema = json_schema()
    defs = schema["$defs"]
    assert "local" in schema["properties"] and "actions" in schema["properties"]
    states = defs["InterventionLocal"]["properties"]["state"]
    assert states["enum"] == [
        "in-place",
        "partial",
        "planned",
        "absent",
        "not-applicable",
        "unknown",
    ]
    for name in ("LocalArea", "InterventionLocal", "PartnerLocal", "Action"):
        for field, spec in defs[name]["properties"].items():
            assert spec.get("description") or field == "id", f"{name}.{field} has no description"
    assert defs["Action"]["properties"]["priority"]["anyOf"][0]["minimum"] == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "interventions:\n  - id: les\n    local: {state: aanwezig}\n",
            "7:20: intervention 'les': local.state 'aanwezig' is not one of 'in-place', "
            "'partial', 'planned', 'absent', 'not-applicable' or 'unknown'",
        ),
        (
            "interventions:\n  - id: les\n    local: {state: in-place, owner: scool}\n",
            "7:37: intervention 'les': local owner names unknown partner 'scool' "
            "(did you mean 'school'?)",
        ),
        (
            "partners:\n  - id: school\n    local: {state: present, notes: x}\n",
            "7:29: partner 'school' has unknown key 'notes' in 'local' (did you mean 'note'?)",
        ),
        (
            "actions:\n  - id: a\n    title: A\n    interventions: [lesje]\n",
            "8:21: action 'a' names unknown intervention 'lesje' (did you mean 'les'?)",
        ),
        (
            "actions:\n  - id: a\n    title: A\n    phases: [werving]\n",
            "8:14: action 'a' names unknown phase 'werving' (did you mean 'werven'?)",
        ),
        (
            "actions:\n  - id: a\n    title: A\n    owner: polite\n",
            "8:12: action 'a': owner names unknown partner 'polite' (did you mean 'politie'?)",
        ),
        (
            "actions:\n  - {id: a, title: A}\n  - {id: a, title: B}\n",
            "7:10: duplicate action id 'a' (first on line 6)",
        ),
        (
            "actions:\n  - {id: a, title: A, state: klaar}\n",
            "6:30: action 'a': state 'klaar' is not one of 'open', 'in-progress', 'done' or "
            "'dropped'",
        ),
    ],
)
def test_bad_local_data_gets_one_located_line(
    write_model: Callable[..., Path], body: str, expected: str
) -> None:
    assert _errors(write_model, _profile(body)) == [expected]


def test_local_without_area_and_bad_dates_are_located(write_model: Callable[..., Path]) -> None:
    text = (
        "id: profiel\ntitle: Profiel\nextends: base\nlocal: {date: '2026-02-30'}\n"
        "actions:\n  - {id: a, title: A, due: 1-3-2027}\n"
    )
    assert _errors(write_model, text) == [
        "4:8: model is missing required field 'area'",
        "4:15: model: local.date '2026-02-30' is not a real date (YYYY-MM-DD)",
        "6:28: action 'a': due '1-3-2027' is not a date: write it as YYYY-MM-DD, e.g. '2026-11-20'",
    ]


def test_an_unquoted_date_is_told_to_be_quoted(write_model: Callable[..., Path]) -> None:
    text = "id: profiel\ntitle: Profiel\nextends: base\nlocal: {area: X, date: 2026-11-20}\n"
    (line,) = _errors(write_model, text)
    assert line.startswith("4:24: model: local.date must be text")
    assert "put it in quotes: '2026-11-20'" in line


def test_a_local_state_without_a_local_block_says_to_add_one(
    write_model: Callable[..., Path],
) -> None:
    text = (
        "id: profiel\ntitle: Profiel\nextends: base\n"
        "interventions:\n  - {id: les, local: {state: absent}}\n"
        "actions:\n  - {id: a, title: A}\n"
    )
    advice = "add a `local:` block with at least `area` at the top of the model"
    assert _errors(write_model, text) == [
        f"5:22: intervention 'les' has a local state, but the model says no place it is "
        f"about: {advice}",
        f"7:3: the model has an action plan but no place it is about: {advice}",
    ]


def test_participants_are_checked(write_model: Callable[..., Path]) -> None:
    text = (
        "id: profiel\ntitle: Profiel\nextends: base\n"
        "local:\n  area: X\n  participants: [politie, scool]\n"
    )
    assert _errors(write_model, text) == [
        "6:27: local participants name unknown partner 'scool' (did you mean 'school'?)"
    ]


def test_validate_reports_local_errors_with_exit_1(
    cli: Callable[..., Result], write_model: Callable[..., Path]
) -> None:
    write_model(BASE, "base.yaml")
    path = write_model(_profile("actions:\n  - {id: a, title: A, priority: 0}\n"), "p.yaml")
    result = cli("--no-cache", "validate", path)
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "p.yaml:6:33: action 'a': priority" in result.err
    assert "Traceback" not in result.err
