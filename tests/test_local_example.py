"""The bundled fictional profile uses every local feature and says it is fictional."""

from __future__ import annotations

from barriers import load_model
from barriers.local import action_plan, local_picture, partner_state, state_of
from barriers.model import INTERVENTION_STATES, PARTNER_STATES
from barriers.notes import model_notes
from tests.helpers import MODELS

EXAMPLE = MODELS / "gemeente-voorbeeld.yaml"


def test_the_example_profile_validates_without_warnings_and_is_a_variant() -> None:
    loaded = load_model(EXAMPLE, use_cache=False)
    assert loaded.warnings == [], [w.render() for w in loaded.warnings]
    assert loaded.base_id == "loverboys-general"
    model = loaded.model
    assert "fictief" in model.title
    assert model.description and "fictief" in model.description.lower()
    assert "fictional" in model.description.lower()


def test_the_example_profile_uses_every_local_feature() -> None:
    model = load_model(EXAMPLE, use_cache=False).model
    base = load_model(MODELS / "loverboys-general.yaml", use_cache=False).model
    assert model.local is not None and model.local.date and model.local.participants
    states = {state_of(i) for i in model.interventions}
    assert states == set(INTERVENTION_STATES)
    assert {partner_state(p) for p in model.partners} == set(PARTNER_STATES)
    own_partners = {p.id for p in model.partners} - {p.id for p in base.partners}
    own_barriers = {i.id for i in model.interventions} - {i.id for i in base.interventions}
    assert len(own_partners) >= 3 and len(own_barriers) >= 3
    assert any(i.local and i.local.owner and i.local.contact for i in model.interventions)
    fields = {n.field for n in model_notes(model)}
    assert fields == {"notes", "local.note", "note"}
    plan = action_plan(model)
    assert any(a["overdue"] for a in plan["actions"])
    assert any(a["state"] == "done" for a in plan["actions"])
    assert {a["state"] for a in plan["actions"]} == {"open", "in-progress", "done", "dropped"}
    picture = local_picture(model)
    assert picture["uncovered"] and picture["without_plan"]
    assert set(picture["without_plan"]) < set(picture["uncovered"])  # one gap has a plan
