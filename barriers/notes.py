"""The free-form notes of a model, gathered for the views that show them.

``notes`` (any data) sits on the model, its sources, phases, partners and interventions;
``note`` (text) on the local states and on actions. The views (``show``, the report, the
markdown export) list them with :func:`model_notes`; each view escapes the text for itself.

>>> note_text({"contact": "mentor", "dagen": [1, 2]})
'{"contact": "mentor", "dagen": [1, 2]}'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Note:
    """One note: on which item (kind and id, ``model`` for the model itself), and its text."""

    kind: str  # model, source, phase, partner, intervention, action
    id: str
    name: str
    field: str  # notes, local.note, note
    text: str


def note_text(value: Any) -> str | None:
    """A note as text: text stays text, other data becomes compact JSON; None for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def model_notes(model: Any) -> list[Note]:
    """Every note of a resolved model: the model's, then sources, phases (process order),
    partners, interventions and actions in file order."""
    found: list[Note] = []

    def add(kind: str, item_id: str, name: str, field: str, value: Any) -> None:
        text = note_text(value)
        if text is not None:
            found.append(Note(kind, item_id, name, field, text))

    add("model", model.id, model.title, "notes", model.notes)
    for source in model.sources:
        add("source", source.id, source.title, "notes", source.notes)
    for kind, items in (
        ("phase", model.phases),
        ("partner", model.partners),
        ("intervention", model.interventions),
    ):
        for item in items:
            add(kind, item.id, item.name, "notes", item.notes)
            local = getattr(item, "local", None)
            if local is not None:
                add(kind, item.id, item.name, "local.note", local.note)
    for action in getattr(model, "actions", None) or []:
        add("action", action.id, action.title, "note", action.note)
    return found


# our words for a note's item kind (and for a local state's note), by page language
KIND_WORDS = {
    "nl": {
        "model": "Model",
        "source": "Bron",
        "phase": "Fase",
        "partner": "Partner",
        "intervention": "Barrière",
        "action": "Actie",
        "local": "lokaal",
    },
    "en": {
        "model": "Model",
        "source": "Source",
        "phase": "Phase",
        "partner": "Partner",
        "intervention": "Barrier",
        "action": "Action",
        "local": "local",
    },
}


def notes_data(model: Any, lang: str) -> list[dict[str, str]]:
    """The model's notes as the views list them: our words (the item's kind, ``local``) in
    ``lang``, the model's text as written."""
    words = KIND_WORDS[lang]
    return [
        {
            "kind": words[n.kind],
            "name": n.name,
            "id": n.id,
            "local": words["local"] if n.field == "local.note" else "",
            "text": n.text,
        }
        for n in model_notes(model)
    ]


def notes_markdown(model: Any, lang: str, title: str) -> list[str]:
    """Lines of a markdown notes section under ``## title``, our words in ``lang``, every model
    text escaped; none when the model has no notes.

    >>> from types import SimpleNamespace as N
    >>> notes_markdown(N(id="m", title="M", notes="zie bijlage", sources=[], phases=[],
    ...     partners=[], interventions=[]), "en", "Notes")
    ['## Notes', '', '- Model M (`m`): zie bijlage']
    """
    from barriers.text import md_text

    lines = [
        f"- {n['kind']} {md_text(n['name'])} (`{n['id']}`)"
        f"{' (' + n['local'] + ')' if n['local'] else ''}: {md_text(n['text'])}"
        for n in notes_data(model, lang)
    ]
    return [f"## {title}", "", *lines] if lines else []
