"""The model format: the example models exercise every field; types are strict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from barriers import load_model
from barriers.model import (
    Action,
    ChecklistAnswer,
    ChecklistQuestion,
    ChecklistTheme,
    Facilitator,
    Intervention,
    InterventionLocal,
    LocalArea,
    Model,
    Opportunity,
    Partner,
    PartnerLocal,
    Phase,
    PhaseLocal,
    Removal,
    Signal,
    Source,
)
from tests.helpers import DATA, EXAMPLE

VARIANT = DATA / "example-variant.yaml"
PROFILE = DATA / "example-profile.yaml"


def _fields_set(data: Any, cls: type[BaseModel], found: dict[str, set[str]]) -> None:
    """Walk plain YAML data alongside the classes and record which fields are written."""
    if isinstance(data, dict):
        found.setdefault(cls.__name__, set()).update(data)
        children = {
            "sources": Source,
            "phases": Phase,
            "partners": Partner,
            "interventions": Intervention,
            "signals": Signal,
            "opportunities": Opportunity,
            "facilitators": Facilitator,
            "remove": Removal,
            "checklist": ChecklistTheme,
            "questions": ChecklistQuestion,
            "actions": Action,
        }
        if "local" in data:
            local = {
                Model: LocalArea,
                Phase: PhaseLocal,
                Partner: PartnerLocal,
                Intervention: InterventionLocal,
            }
            if cls in local:
                _fields_set(data["local"], local[cls], found)
        for key, value in data.items():
            if key == "checklist_answers" and isinstance(value, dict):
                for answer in value.values():
                    _fields_set(answer, ChecklistAnswer, found)
                continue
            child = children.get(key)
            if child is None:
                continue
            if isinstance(value, list):
                for item in value:
                    _fields_set(item, child, found)
            else:
                _fields_set(value, child, found)


def test_examples_exercise_every_field() -> None:
    import yaml

    found: dict[str, set[str]] = {}
    for path in (EXAMPLE, VARIANT, PROFILE):
        _fields_set(yaml.safe_load(path.read_text()), Model, found)
    classes = (Model, Source, Phase, Partner, Intervention, Signal, Opportunity, Facilitator)
    local = (LocalArea, PhaseLocal, PartnerLocal, InterventionLocal, Action)
    for cls in (*classes, *local, ChecklistTheme, ChecklistQuestion, ChecklistAnswer):
        missing = set(cls.model_fields) - found.get(cls.__name__, set())
        assert not missing, f"{cls.__name__} fields not in the examples: {sorted(missing)}"
    assert found["Removal"] & {"phases", "partners", "interventions", "sources"}


def test_the_example_loads_with_its_values() -> None:
    model = load_model(EXAMPLE, use_cache=False).model
    werving = model.phase("werving")
    assert [s.about for s in werving.signals] == [None, "offender", "victim"]
    assert werving.facilitators[1].awareness == "unknowing"
    assert werving.opportunities[1].sources == ["bron-a"]
    item = model.intervention("voorlichting")
    assert item.legal_basis == ["Wet op het voortgezet onderwijs"]
    assert item.technique == "alert-conscience"
    assert item.status == "regular"
    assert model.notes == {"reviewed": "no", "contacts": ["a", "b"]}


def test_the_variant_example_resolves() -> None:
    loaded = load_model(VARIANT, use_cache=False)
    model = loaded.model
    assert loaded.base_id == "example"
    assert [p.id for p in model.phases] == ["werving", "binden", "uitbuiten", "vervoer", "geld"]
    assert model.phase("uitbuiten").next == ["vervoer"]
    assert model.phase("vervoer").next == ["geld"]
    assert "bank" not in {p.id for p in model.partners}
    assert model.intervention("wwft-melding").partners == ["politie"]
    assert model.intervention("opsporing").description == "Lokaal aangescherpt."
    assert model.intervention("opsporing").legal_basis == ["art. 273f Sr"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", True), ("title", 3), ("version", 1.5), ("authors", [1]), ("language", None)],
)
def test_types_are_strict(field: str, value: object) -> None:
    data: dict[str, Any] = {"id": "m", "title": "M", "phases": [{"id": "a", "name": "A"}]}
    data[field] = value
    if value is None:
        Model.model_validate(data)  # optional fields may be null
        return
    with pytest.raises(Exception, match=r"valid string|should be a valid"):
        Model.model_validate(data)


def test_to_data_leaves_out_empty_fields(tmp_path: Path) -> None:
    model = load_model(EXAMPLE, use_cache=False).model
    data = model.to_data()
    assert "remove" not in data and "extends" not in data
    assert "signals" not in data["phases"][1]
    assert data["phases"][1]["next"] == ["uitbuiten", "geld"]
