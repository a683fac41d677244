"""MkDocs hook: the model format's field reference, generated from the JSON Schema.

`docs/reference/format.md` holds the marker below; at build time it is replaced by one table
per object of `barriers.model.json_schema()` (the schema `barriers schema` prints), so the
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
}

NOTES: dict[tuple[str, str], str] = {
    ("Model", "id"): "`MODEL` arguments and `extends` use it, e.g. `loverboys-general`.",
    ("Model", "title"): "Human title.",
    ("Model", "variant"): "The bundled models use `general`, `lvb`, `islamic`.",
    ("Model", "extends"): "See [Variants](#variants).",
    ("Model", "description"): "What the model covers, for whom, on which sources.",
    ("Model", "version"): "YAML would read `1.0` as a number.",
    ("Model", "authors"): "A name or a list of names.",
    ("Model", "license"): "E.g. `CC-BY-4.0`.",
    ("Model", "sources"): "Public sources that items cite.",
    ("Model", "phases"): "The offender's process, in order (at least one).",
    ("Model", "partners"): "The parties that can raise barriers.",
    ("Model", "interventions"): "The barriers.",
    ("Model", "remove"): "Variants only.",
    ("Model", "notes"): "Shown in `show --format json`; every item has `notes` too.",
    ("Source", "id"): "The slug that items cite.",
    ("Source", "year"): "A number.",
    ("Source", "url"): "`http://` or `https://` address (nothing else becomes a link).",
    ("Phase", "id"): "Unique among phases.",
    ("Phase", "name"): "Name shown on the map.",
    ("Phase", "description"): "What happens in this step.",
    ("Phase", "next"): (
        "Lists with several ids make the process branch; the phases must not form a cycle."
    ),
    ("Phase", "after"): (
        "If that phase's `next` was given explicitly, the new phase takes over its successors "
        "and it points to the new phase."
    ),
    ("Phase", "signals"): "What people can see. Each item is text, or a mapping (below).",
    ("Phase", "opportunities"): (
        "What makes the step possible (gelegenheden). Text, or a mapping (below)."
    ),
    ("Phase", "facilitators"): (
        "Who makes it possible, *bewust* or *onbewust* involved. Text, or a mapping (below)."
    ),
    ("Signal", "text"): "The signal.",
    ("Signal", "sources"): "So that each item keeps its source beside it.",
    ("Opportunity", "text"): "The opportunity.",
    ("Facilitator", "text"): "The facilitator.",
    ("Partner", "id"): "Unique among partners.",
    ("Partner", "name"): "Name.",
    ("Partner", "sector"): "Free text, e.g. `overheid`, `zorg`, `onderwijs`, `private sector`.",
    ("Partner", "description"): "Role in the chain.",
    ("Partner", "url"): "`http(s)` address.",
    ("Intervention", "id"): "Unique among interventions.",
    ("Intervention", "name"): "Name.",
    ("Intervention", "type"): (
        "The map's legend and filters use it; the bundled models use `preventie`, "
        "`deskundigheid`, `signalering`, `melding`, `samenwerking`, `bestuurlijk`, "
        "`strafrechtelijk`, `toezicht`, `zorg`, `nazorg`, `financieel`."
    ),
    ("Intervention", "description"): "What it is and how it works.",
    (
        "Intervention",
        "legal_basis",
    ): "Text or list: `art. 273f Sr`, `Wet Bibob`, `APV`, `Wwft`, ...",
    ("Intervention", "status"): "*Promising*: not yet tested legally or in policy.",
    ("Intervention", "technique"): (
        "One of the 25 techniques of situational crime prevention "
        "([below](#situational-crime-prevention-technique)), where one fits. "
        "Care and aftercare usually have none."
    ),
    ("Intervention", "target_group"): "Text or list.",
    ("Intervention", "url"): "`http(s)` address.",
    ("Removal", "phases"): (
        "Phase ids. Removing a phase bridges the sequence and drops it from interventions."
    ),
    ("Removal", "partners"): "Partner ids.",
    ("Removal", "interventions"): "Intervention ids.",
    ("Removal", "sources"): "Source ids, e.g. a source nothing cites any more.",
}


def _definitions(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"Model": schema, **schema.get("$defs", {})}


def _type(prop: dict[str, Any]) -> str:
    """A short human name for a property's type, with links to the objects it holds."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return "any JSON value" if name == "JsonValue" else f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        kinds = [_type(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in prop:
        return " \\| ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items", {})
        if items.get("pattern") == "^[a-z0-9][a-z0-9-]*$":
            return "list of ids"
        return f"list of {_type(items)}"
    if kind == "string" and prop.get("pattern") == "^[a-z0-9][a-z0-9-]*$":
        return "id"
    if kind == "string" and prop.get("format") == "uri":
        return "URL"
    return {"string": "text", "integer": "whole number", "object": "mapping"}.get(
        str(kind), str(kind) if kind else "any"
    )


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def field_rows(schema: dict[str, Any]) -> dict[str, list[tuple[str, str, bool, str]]]:
    """Per object: (field, type, required, meaning) in the schema's order.

    Raises ValueError for a note on a field the schema lacks, or a field nothing describes.
    """
    definitions = _definitions(schema)
    rows: dict[str, list[tuple[str, str, bool, str]]] = {}
    known: set[tuple[str, str]] = set()
    for name in OBJECTS:
        definition = definitions[name]
        required = set(definition.get("required", []))
        rows[name] = []
        for field, prop in definition.get("properties", {}).items():
            known.add((name, field))
            parts = [prop.get("description", ""), NOTES.get((name, field), "")]
            meaning = " ".join(part.strip() for part in parts if part.strip())
            if not meaning:
                raise ValueError(f"the format reference has no meaning for {name}.{field}")
            rows[name].append((field, _type(prop), field in required, meaning))
    stale = sorted(f"{obj}.{field}" for obj, field in set(NOTES) - known)
    if stale:
        raise ValueError(f"notes for fields the schema does not have: {', '.join(stale)}")
    missing = sorted(set(definitions) - {*OBJECTS, "JsonValue"})
    if missing:
        raise ValueError(f"objects of the schema the reference leaves out: {', '.join(missing)}")
    return rows


def reference_markdown(schema: dict[str, Any]) -> str:
    """The field reference as markdown: a heading, the object's description and a table each."""
    definitions = _definitions(schema)
    out: list[str] = []
    for name, rows in field_rows(schema).items():
        out.append(f"### {HEADINGS[name]} {{#{name.lower()}}}")
        out.append("")
        if definitions[name].get("description"):
            out.append(_cell(definitions[name]["description"]))
            out.append("")
        out.append("| field | type | required | meaning |")
        out.append("| --- | --- | --- | --- |")
        for field, kind, required, meaning in rows:
            out.append(f"| `{field}` | {kind} | {'yes' if required else ''} | {_cell(meaning)} |")
        out.append("")
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in markdown:
        return markdown
    from barriers.model import json_schema

    return markdown.replace(MARKER, reference_markdown(json_schema()))
