"""The JSON Schema agrees with the tool, both ways, on real and hostile files.

A file the tool accepts must be valid for the schema (editors must not paint a good model
red), and a file the tool rejects must be invalid for the schema wherever JSON Schema can
state the rule. The rules it cannot state are listed in ``BEYOND_THE_SCHEMA`` with why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from barriers import load_model
from barriers.problems import BarriersError
from tests.helpers import DATA, MODELS, run_cli

jsonschema = pytest.importorskip("jsonschema")

HOSTILE = DATA / "hostile"

# Files the tool rejects for a reason no JSON Schema can see in the file's data alone.
BEYOND_THE_SCHEMA: dict[str, str] = {
    "after-cycle.yaml": "a cycle in the phase sequence",
    "after-self.yaml": "a reference to another item's id (its own)",
    "after-unknown.yaml": "a reference to another item's id",
    "unknown-next.yaml": "a reference to another item's id",
    "unknown-partner-ref.yaml": "a reference to another item's id",
    "unknown-phase-ref.yaml": "a reference to another item's id",
    "unknown-source-ref.yaml": "a reference to another item's id",
    "duplicate-intervention-id.yaml": "unique ids among mappings (uniqueItems compares whole items)",
    "duplicate-partner-id.yaml": "unique ids among mappings (uniqueItems compares whole items)",
    "duplicate-phase-id.yaml": "unique ids among mappings (uniqueItems compares whole items)",
    "phase-cycle.yaml": "a cycle in the phase sequence",
    "phase-self-loop.yaml": "a cycle in the phase sequence",
    "extends-cycle-a.yaml": "what the model named in 'extends' contains",
    "extends-cycle-b.yaml": "what the model named in 'extends' contains",
    "extends-unknown.yaml": "whether the model named in 'extends' exists",
    # YAML the tool refuses before there is data: a schema checks parsed data, and these
    # parse differently (or not at all) in other YAML readers.
    "duplicate-key.yaml": "a duplicate key: other YAML readers keep the last value",
    "duplicate-key-nested.yaml": "a duplicate key: other YAML readers keep the last value",
    "binary-tag.yaml": "a YAML tag the tool refuses (!!binary): its bytes have no JSON type",
    "deep-nesting.yaml": "a nesting limit of the tool's YAML reader",
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run_cli("schema")
    assert result.code == 0
    data: dict[str, Any] = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def schema_errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def tool_accepts(path: Path) -> bool:
    try:
        load_model(path, use_cache=False)
    except BarriersError:
        return False
    return True


def parsed(path: Path) -> Any:
    """The file's data as another YAML reader (PyYAML's safe loader) sees it, or None."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError):
        return None


MODEL_FILES = sorted(MODELS.glob("*.yaml")) + sorted(DATA.glob("*.yaml"))


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.name)
def test_every_bundled_and_example_model_is_valid_for_the_schema(
    path: Path, schema: dict[str, Any]
) -> None:
    assert tool_accepts(path)
    assert schema_errors(schema, parsed(path)) == []


def test_the_starters_are_valid_for_the_schema(tmp_path: Path, schema: dict[str, Any]) -> None:
    base = tmp_path / "mijn-model.yaml"
    assert run_cli("new", "mijn-model", "-o", base).code == 0
    variant = tmp_path / "lokaal.yaml"
    assert run_cli("new", "lokaal", "--extends", "loverboys-general", "-o", variant).code == 0
    for path in (base, variant):
        assert tool_accepts(path)
        assert schema_errors(schema, parsed(path)) == [], path.name


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.yaml")), ids=lambda p: p.name)
def test_the_schema_rejects_what_the_tool_rejects(path: Path, schema: dict[str, Any]) -> None:
    data = parsed(path)
    accepted = tool_accepts(path)
    if accepted:
        assert schema_errors(schema, data) == []
    elif path.name in BEYOND_THE_SCHEMA:
        pass  # listed with the reason the schema cannot see it
    elif data is None:
        pass  # not YAML that parses to data: the editor's YAML reader reports it, not the schema
    else:
        assert schema_errors(schema, data), f"the schema accepts {path.name}"


def test_the_exceptions_are_still_exceptions(schema: dict[str, Any]) -> None:
    """An entry of BEYOND_THE_SCHEMA that the schema now catches, or that names no file, goes."""
    for name in BEYOND_THE_SCHEMA:
        path = HOSTILE / name
        assert path.exists(), name
        assert not tool_accepts(path), name
        data = parsed(path)
        assert data is None or schema_errors(schema, data) == [], name


BASE = {
    "id": "b",
    "title": "B",
    "phases": [{"id": "a", "name": "A", "signals": ["Signaal."]}],
    "partners": [{"id": "p", "name": "P"}],
    "interventions": [{"id": "i", "name": "I", "phases": ["a"], "partners": ["p"]}],
}


def test_variant_items_need_only_an_id_and_may_patch_lists(schema: dict[str, Any]) -> None:
    variant = {
        "id": "v",
        "title": "V",
        "extends": "b",
        "phases": [{"id": "a", "signals": {"add": ["Nieuw."], "remove": ["Signaal."]}}],
        "interventions": [
            {"id": "i", "partners": {"add": ["q"]}, "legal_basis": {"add": ["Wet Bibob"]}}
        ],
        "remove": {"partners": ["p"]},
    }
    assert schema_errors(schema, variant) == []
    assert schema_errors(schema, BASE) == []


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.pop("phases"), "phases are required in a base model"),
        (lambda d: d["partners"][0].pop("name"), "a base model's items need their fields"),
        (lambda d: d.update(remove={"phases": ["a"]}), "'remove' needs 'extends'"),
        (lambda d: d["phases"][0].update(signals={"add": ["x"]}), "a patch needs 'extends'"),
        (lambda d: d["phases"][0].update(signals=[""]), "a shorthand text must not be empty"),
        (lambda d: d["phases"][0].update(signals=["   "]), "nor only spaces"),
        (lambda d: d["interventions"][0].update(legal_basis=" "), "text lists too"),
        (lambda d: d["interventions"][0].update(target_group=["x" * 20_001]), "and not too long"),
        (lambda d: d.update(authors=[""]), "authors are texts"),
    ],
)
def test_the_schema_states_the_rules_of_base_models(
    change: Any, why: str, schema: dict[str, Any], tmp_path: Path
) -> None:
    data = json.loads(json.dumps(BASE))
    change(data)
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert not tool_accepts(path), why
    assert schema_errors(schema, data), why


@pytest.mark.parametrize(
    "patch",
    [{}, {"add": "x"}, {"ad": ["x"]}, {"add": [""]}],
    ids=["empty", "not-a-list", "unknown-key", "empty-text"],
)
def test_the_schema_states_the_rules_of_patches(
    patch: dict[str, Any], schema: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    data = {"id": "v", "title": "V", "extends": "b", "phases": [{"id": "a", "signals": patch}]}
    path = tmp_path / "v.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert not tool_accepts(path)
    assert schema_errors(schema, data)


def test_fields_have_descriptions_not_repeated_titles(schema: dict[str, Any]) -> None:
    definitions = [schema, *schema["$defs"].values()]
    for definition in definitions:
        for name, prop in definition.get("properties", {}).items():
            assert "title" not in prop, name
            assert prop.get("description"), name
    assert "YAML 1.1" in schema["$comment"] and "yaml.yamlVersion" in schema["description"]
