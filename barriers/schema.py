"""The JSON Schema that editors and schema checkers use: the tool's rules where JSON Schema
can state them, for base models and for variants alike.

pydantic writes the schema of a complete model (:class:`barriers.model.Model`). A variant
(a model with ``extends``) is checked differently by the tool, and the schema follows it:
items need only an ``id`` (a known id changes only the fields given), ``phases`` may be left
out, and a list field may be an ``{add, remove}`` patch of the base's list. ``remove`` is
only for variants. What a schema cannot know (which ids the base has, references, cycles)
is left to ``barriers validate``.
"""

from __future__ import annotations

import copy
from typing import Any

from barriers.model import ITEM_CLASSES, ITEM_KINDS, Model

YAML_NOTE = (
    "The tool reads YAML 1.1, where unquoted yes, no, on and off are booleans and 1.0 is a "
    "number. Set your editor to YAML 1.1 so that it reads the file the same way (VS Code "
    'with the YAML extension: "yaml.yamlVersion": "1.1"), and quote such words in text.'
)

# Fields that pydantic leaves without a description (their meaning is in the name only).
DESCRIPTIONS: dict[str, str] = {
    "id": "Identifier: lowercase letters, digits and hyphens, e.g. `politie`.",
    "name": "Display name, shown on the map, in tables and reports.",
    "title": "Title, shown at the top of the map and the report.",
    "description": "Longer explanation in plain text.",
    "text": "The text of the note, as shown on the map.",
    "license": "Licence of the model's text, e.g. CC BY 4.0.",
    "authors": "Who wrote the model: one name or a list of names.",
    "signals": "Signals: what people can see, of victims or of offenders. "
    "Text, or a mapping with text, about and sources.",
    "opportunities": "Opportunities: what makes the step possible. "
    "Text, or a mapping with text and sources.",
    "facilitators": "Persons or parties that make the step possible, knowingly or "
    "unknowingly. Text, or a mapping with text, awareness and sources.",
    "sources": "Source ids (in an item) or the sources the model cites (at the top).",
    "phases": "The steps of the offender's process (at the top), or the ids of the phases "
    "an intervention acts on.",
    "partners": "The partners who can raise barriers (at the top), or the ids of the "
    "partners that raise an intervention.",
    "interventions": "The barriers: what partners do to block or hinder a phase.",
    "remove": "Only in a variant: ids of the base's items to drop.",
    "technique": "Situational crime prevention technique (Cornish & Clarke), one of 25.",
    "url": "An http(s) address.",
}

PATCH_NOTE = (
    "Only in a variant, for an item of its base: {add: [...], remove: [...]} changes the "
    "base's list instead of replacing it. 'remove' takes entries out (ids, or the text of "
    "signals, opportunities and facilitators), then 'add' appends."
)


def build_schema(base: dict[str, Any]) -> dict[str, Any]:
    """Turn pydantic's schema of a complete model into the schema of base models and variants."""
    schema = copy.deepcopy(base)
    defs: dict[str, Any] = schema["$defs"]
    for definition in [schema, *defs.values()]:
        _describe_properties(definition)
    top = schema["properties"]
    item_defs = {kind: ITEM_CLASSES[kind].__name__ for kind in ITEM_KINDS}
    for kind, name in item_defs.items():
        defs[f"{name}InVariant"] = _in_variant(kind, defs[name])
    for kind in ITEM_KINDS:  # the item schema depends on `extends`: set in the branches below
        top[kind] = {k: v for k, v in top[kind].items() if k not in ("items", "minItems")}
    schema["required"] = [r for r in schema["required"] if r != "phases"]
    is_variant = {"required": ["extends"], "properties": {"extends": {"type": "string"}}}
    schema["if"] = is_variant
    schema["then"] = {
        "properties": {
            kind: {"type": "array", "items": {"$ref": f"#/$defs/{name}InVariant"}}
            for kind, name in item_defs.items()
        }
    }
    base_items: dict[str, dict[str, Any]] = {
        kind: {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}
        for kind, name in item_defs.items()
    }
    base_items["phases"]["minItems"] = 1
    schema["else"] = {
        "required": ["phases"],
        "properties": {**base_items, "remove": False},
    }
    schema["$comment"] = YAML_NOTE
    schema["description"] = f"{schema.get('description', '')} {YAML_NOTE}".strip()
    return schema


def _describe_properties(definition: dict[str, Any]) -> None:
    """Drop pydantic's titles that repeat the field name, and describe every field."""
    for name, prop in definition.get("properties", {}).items():
        prop.pop("title", None)
        if "description" not in prop and name in DESCRIPTIONS:
            prop["description"] = DESCRIPTIONS[name]


def _in_variant(kind: str, definition: dict[str, Any]) -> dict[str, Any]:
    """The item as a variant may give it: only ``id`` required, list fields patchable."""
    from barriers.variants import list_fields

    result = copy.deepcopy(definition)
    result["required"] = ["id"]
    result["description"] = (
        f"{definition.get('description', '')} In a variant: a new id adds the item (give its "
        "required fields too); a known id changes only the fields given."
    ).strip()
    for name in sorted(list_fields(kind)):
        prop = result["properties"][name]
        array = _array_of(prop)
        if array is None:
            continue
        patch = {
            "type": "object",
            "description": PATCH_NOTE,
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "add": {"type": "array", "items": array.get("items", {})},
                "remove": {"type": "array", "items": array.get("items", {})},
            },
        }
        kept = {k: v for k, v in prop.items() if k in ("description", "default")}
        plain = {k: v for k, v in prop.items() if k not in ("description", "default")}
        options = plain["anyOf"] if list(plain) == ["anyOf"] else [plain]
        result["properties"][name] = {**kept, "anyOf": [*options, patch]}
    return result


def _array_of(prop: dict[str, Any]) -> dict[str, Any] | None:
    """The array schema in a property (itself, or one branch of its anyOf)."""
    if prop.get("type") == "array":
        return prop
    for option in prop.get("anyOf", []):
        if option.get("type") == "array":
            return option  # type: ignore[no-any-return]
    return None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the model format (draft 2020-12), for base models and variants."""
    return build_schema(Model.model_json_schema())
