"""MkDocs hook: the model format's field reference, generated from the JSON Schema.

`docs/reference/format.md` holds the marker below; at build time it is replaced by one table
per object of `barriers.schema.json_schema()` (the schema `barriers schema` prints), so the
reference cannot drift from the format. `NOTES` adds what the schema's descriptions do not
say; a note for a field the schema no longer has, or a field with neither a description nor
a note, fails the build.
"""

from __future__ import annotations

from typing import Any

MARKER = "<!-- barriers:schema-reference -->"

# The order of the sections: the model first, then its items as a reader meets them.
OBJECTS = [
    "Model",
    "Source",
    "Phase",
    "Signal",
    "Opportunity",
    "Facilitator",
    "Partner",
    "Intervention",
    "Removal",
    "LocalArea",
    "PhaseLocal",
    "InterventionLocal",
    "PartnerLocal",
    "Action",
    "ChecklistTheme",
    "ChecklistQuestion",
    "ChecklistAnswer",
    "Vocabulary",
]

HEADINGS = {
    "Model": "The model",
    "Source": "`sources[]`",
    "Phase": "`phases[]` — the steps of the process (fasen, stappen)",
    "Signal": "`signals[]` of a phase, written as a mapping",
    "Opportunity": "`opportunities[]` of a phase, written as a mapping",
    "Facilitator": "`facilitators[]` of a phase, written as a mapping",
    "Partner": "`partners[]` — who can intervene (ketenpartners)",
    "Intervention": "`interventions[]` — the barriers (barrières)",
    "Removal": "`remove` — what a variant drops from its base",
    "LocalArea": "`local` — the place a local profile describes",
    "InterventionLocal": "`local` of an intervention — whether the barrier exists there",
    "PartnerLocal": "`local` of a partner — whether the partner is there",
    "Action": "`actions[]` — the local action plan",
    "PhaseLocal": "`local` of a phase — what the room noted about the step there",
    "ChecklistTheme": "`checklist[]` — the themes of a checklist of policy questions",
    "ChecklistQuestion": "`questions[]` of a checklist theme",
    "ChecklistAnswer": "`checklist_answers` — a place's answer to one question, by question id",
    "Vocabulary": "`vocabulary` — the model's types and sectors in other languages",
}

NOTES: dict[tuple[str, str], str] = {
    ("Model", "id"): "`MODEL` arguments and `extends` use it, e.g. `loverboys-general`.",
    ("Model", "extends"): "See [Variants](#variants).",
    ("Model", "vocabulary"): "See [Vocabulary](#vocabulary-types-and-sectors-in-other-languages).",
    ("Model", "description"): "What the model covers, for whom, on which sources.",
    ("Model", "version"): "YAML would read `1.0` as a number.",
    ("Model", "notes"): "Shown in `show --format json`; every item has `notes` too.",
    ("Source", "id"): "The slug that items cite.",
    ("Source", "url"): "Nothing else becomes a link.",
    ("Phase", "id"): "Unique among phases.",
    ("Phase", "description"): "What happens in this step.",
    ("Phase", "next"): (
        "Lists with several ids make the process branch; the phases must not form a cycle."
    ),
    ("Phase", "after"): (
        "If that phase's `next` was given explicitly, the new phase takes over its successors "
        "and it points to the new phase."
    ),
    ("Phase", "opportunities"): "Dutch: *gelegenheden*.",
    ("Phase", "facilitators"): "Dutch: *bewust* or *onbewust* betrokken.",
    ("Signal", "sources"): "So that each item keeps its source beside it.",
    ("Partner", "id"): "Unique among partners.",
    ("Partner", "sector"): (
        "Free text; the bundled models use Dutch: `overheid`, `zorg`, `onderwijs`, "
        "`private sector`."
    ),
    ("Partner", "description"): "Role in the chain.",
    ("Intervention", "id"): "Unique among interventions.",
    ("Intervention", "type"): (
        "The map's legend and filters use it; the bundled models use `preventie`, "
        "`deskundigheid`, `signalering`, `melding`, `samenwerking`, `bestuurlijk`, "
        "`strafrechtelijk`, `toezicht`, `zorg`, `nazorg`, `financieel`."
    ),
    ("Intervention", "description"): "What it is and how it works.",
    ("Intervention", "legal_basis"): (
        "Text or list: `art. 273f Sr`, `Wet Bibob`, `APV`, `Wwft`, ..."
    ),
    ("Intervention", "status"): "*Promising*: not yet tested legally or in policy.",
    ("Intervention", "technique"): (
        "One of the 25 techniques of situational crime prevention "
        "([below](#situational-crime-prevention-technique)), where one fits. "
        "Care and aftercare usually have none."
    ),
    ("Intervention", "target_group"): "Text or list.",
}


# Where a description the schema shares between fields reads wrong in one place, these words
# replace it there (the schema's own wording is kept everywhere else).
WORDING: dict[tuple[str, str], str] = {
    ("Model", "sources"): "The public sources that items cite by id.",
    ("Model", "phases"): "The steps of the offender's process, in order.",
    ("Model", "partners"): "The partners who can raise barriers.",
    ("Removal", "phases"): (
        "Ids of the base's phases to drop. Removing a phase bridges the sequence (its "
        "predecessors lead to its successors) and drops it from interventions."
    ),
    ("Removal", "partners"): "Ids of the base's partners to drop.",
    ("Removal", "interventions"): "Ids of the base's interventions to drop.",
    (
        "Removal",
        "sources",
    ): "Ids of the base's sources to drop, e.g. a source nothing cites any more.",
}
# In a variant (a model with `extends`) the items are checked against these relaxed twins:
# the same fields, only `id` required.
IN_VARIANT = {
    "PhaseInVariant": "Phase",
    "PartnerInVariant": "Partner",
    "InterventionInVariant": "Intervention",
    "SourceInVariant": "Source",
}


def _definitions(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"Model": schema, **schema.get("$defs", {})}


def _type(prop: dict[str, Any]) -> str:
    """A short human name for a property's type, with links to the objects it holds."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        name = IN_VARIANT.get(name, name)
        return "any JSON value" if name == "JsonValue" else f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        kinds = [_type(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in prop:
        return " \\| ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items", {})
        listed = "ids" if items.get("pattern") == "^[a-z0-9][a-z0-9-]*$" else _type(items)
        at_least = prop.get("minItems", 0)
        return f"list of {listed}" + (f" (at least {at_least})" if at_least else "")
    if kind == "string" and prop.get("pattern") == "^[a-z0-9][a-z0-9-]*$":
        return "id"
    return {"string": "text", "integer": "whole number", "object": "mapping"}.get(
        str(kind), str(kind) if kind else "any"
    )


def _model_property(schema: dict[str, Any], field: str) -> dict[str, Any]:
    """A top-level property, with the item type the schema gives it for a standalone model."""
    prop = dict(schema["properties"][field])
    standalone = schema.get("else", {}).get("properties", {}).get(field)
    if isinstance(standalone, dict) and "items" in standalone and "items" not in prop:
        prop["items"] = standalone["items"]
        if "minItems" in standalone:
            prop["minItems"] = standalone["minItems"]
    return prop


def _required(schema: dict[str, Any], name: str, field: str) -> str:
    definition = _definitions(schema)[name]
    if field in definition.get("required", []):
        return "yes"
    if name == "Model" and field in schema.get("else", {}).get("required", []):
        return "yes, but not in a variant"
    return ""


def _check_variant_twins(definitions: dict[str, dict[str, Any]]) -> None:
    for twin, base in IN_VARIANT.items():
        if twin not in definitions:
            continue
        if list(definitions[twin].get("properties", {})) != list(definitions[base]["properties"]):
            raise ValueError(f"{twin} no longer has the fields of {base}: say how they differ")


def field_rows(schema: dict[str, Any]) -> dict[str, list[tuple[str, str, str, str]]]:
    """Per object: (field, type, required, meaning) in the schema's order.

    Raises ValueError for a note on a field the schema lacks, a field nothing describes, or an
    object of the schema the reference leaves out.
    """
    definitions = _definitions(schema)
    rows: dict[str, list[tuple[str, str, str, str]]] = {}
    known: set[tuple[str, str]] = set()
    for name in OBJECTS:
        rows[name] = []
        for field, prop in definitions[name].get("properties", {}).items():
            known.add((name, field))
            if name == "Model":
                prop = _model_property(schema, field)
            said = WORDING.get((name, field), prop.get("description", ""))
            parts = [said, NOTES.get((name, field), "")]
            meaning = " ".join(part.strip() for part in parts if part.strip())
            if not meaning:
                raise ValueError(f"the format reference has no meaning for {name}.{field}")
            rows[name].append((field, _type(prop), _required(schema, name, field), meaning))
    stale = sorted(f"{obj}.{field}" for obj, field in (set(NOTES) | set(WORDING)) - known)
    if stale:
        raise ValueError(f"notes for fields the schema does not have: {', '.join(stale)}")
    missing = sorted(set(definitions) - {*OBJECTS, *IN_VARIANT, "JsonValue"})
    if missing:
        raise ValueError(f"objects of the schema the reference leaves out: {', '.join(missing)}")
    _check_variant_twins(definitions)
    return rows


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def reference_markdown(schema: dict[str, Any]) -> str:
    """The field reference as markdown: a heading, the object's description and a table each."""
    definitions = _definitions(schema)
    out: list[str] = []
    for name, rows in field_rows(schema).items():
        out.append(f"### {HEADINGS[name]} {{#{name.lower()}}}")
        out.append("")
        description = definitions[name].get("description", "")
        if description and name != "Model":
            out.append(_cell(description))
            out.append("")
        out.append("| field | type | required | meaning |")
        out.append("| --- | --- | --- | --- |")
        for field, kind, required, meaning in rows:
            out.append(f"| `{field}` | {kind} | {required} | {_cell(meaning)} |")
        out.append("")
        if name == "Model":
            out.append(
                "In a variant (a model with `extends`) the items below are overlaid on the "
                "base's by id, so only `id` is required: a new id must give the other "
                "required fields too, a known id changes only the fields given."
            )
            out.append("")
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in markdown:
        return markdown
    from barriers.schema import json_schema

    return markdown.replace(MARKER, reference_markdown(json_schema()))
