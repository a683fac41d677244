"""The bundled loverboy models: valid, sourced, honest, variants that extend, size floors met."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from barriers import LoadedModel, load_model
from tests.helpers import MODELS

GENERAL = MODELS / "loverboys-general.yaml"
VARIANTS = {"lvb": MODELS / "loverboys-lvb.yaml", "islamic": MODELS / "loverboys-islamic.yaml"}
ALL = [GENERAL, *VARIANTS.values()]


def loaded(path: Path) -> LoadedModel:
    return load_model(path, use_cache=False)


def raw(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_three_models_are_there() -> None:
    profiles = [
        "gemeente-voorbeeld.yaml"
    ]  # the fictional local profile (tests/test_local_example.py)
    assert sorted(p.name for p in MODELS.glob("*.yaml")) == sorted(
        [*(p.name for p in ALL), *profiles]
    )


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_validates_without_warnings(path: Path) -> None:
    result = loaded(path)
    assert result.warnings == [], [w.render() for w in result.warnings]


def test_variants_extend_the_general_model_rather_than_copy_it() -> None:
    base = loaded(GENERAL).model
    assert base.variant == "general"
    base_interventions = {i.id for i in base.interventions}
    for variant, path in VARIANTS.items():
        data = raw(path)
        assert data["extends"] == "loverboys-general"
        assert data["variant"] == variant
        result = loaded(path)
        assert result.base_id == "loverboys-general"
        own = data.get("interventions", [])
        assert len(own) < len(base.interventions), "a variant overlays, it does not copy"
        resolved = {i.id for i in result.model.interventions}
        assert base_interventions - resolved <= set(data.get("remove", {}).get("interventions", []))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_adds_its_own_partners_and_interventions(variant: str) -> None:
    base = loaded(GENERAL).model
    model = loaded(VARIANTS[variant]).model
    new_partners = {p.id for p in model.partners} - {p.id for p in base.partners}
    new_items = {i.id for i in model.interventions} - {i.id for i in base.interventions}
    assert len(new_partners) >= 3
    assert len(new_items) >= 10
    uses_new = {i.id for i in model.interventions if set(i.partners) & new_partners}
    assert uses_new, "the variant's own partners raise barriers"


def test_general_model_size_floors() -> None:
    model = loaded(GENERAL).model
    assert len(model.phases) >= 6
    assert len(model.partners) >= 20
    assert len(model.interventions) >= 50
    for phase in model.phases:
        assert len(phase.signals) >= 3, phase.id


def test_phases_follow_the_loverboy_method_and_branch() -> None:
    model = loaded(GENERAL).model
    ids = [p.id for p in model.phases]
    for step in ("ronselen", "inpalmen", "uitbuiten"):
        assert step in ids
    assert any(len(p.next or []) > 1 for p in model.phases), "the process branches somewhere"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_phase_is_described_as_a_barrier_model_step(path: Path) -> None:
    for phase in loaded(path).model.phases:
        assert phase.description, phase.id
        abouts = {s.about for s in phase.signals}
        assert {"victim", "offender"} <= abouts, f"{phase.id}: signals of victims and offenders"
        assert phase.opportunities, phase.id
        assert phase.facilitators, phase.id
        assert {f.awareness for f in phase.facilitators} & {"knowing", "unknowing", "both"}


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_intervention_is_sourced_typed_and_has_a_status(path: Path) -> None:
    model = loaded(path).model
    sources = {s.id: s for s in model.sources}
    for item in model.interventions:
        assert item.sources, f"{item.id} cites no source"
        assert all(sources[s].title for s in item.sources)
        assert item.type, item.id
        assert item.status, item.id
    with_technique = [i for i in model.interventions if i.technique]
    assert len(with_technique) >= len(model.interventions) // 2


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_no_orphan_sources(path: Path) -> None:
    model = loaded(path).model
    cited = {s for i in model.interventions for s in i.sources}
    for phase in model.phases:
        cited.update(phase.sources)
        for note in (*phase.signals, *phase.opportunities, *phase.facilitators):
            cited.update(note.sources)
    for partner in model.partners:
        cited.update(partner.sources)
    listed = {s["id"] for s in raw(path).get("sources", [])}
    assert listed <= cited, f"listed but never cited: {sorted(listed - cited)}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_each_model_says_it_is_not_the_official_ccv_model(path: Path) -> None:
    description = (loaded(path).model.description or "").lower()
    assert "ccv" in description
    assert "openbare bronnen" in description or "publieke bronnen" in description


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_all_source_urls_are_web_addresses(path: Path) -> None:
    for source in loaded(path).model.sources:
        assert source.url is None or source.url.startswith(("https://", "http://"))
