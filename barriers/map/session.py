"""The map's local layer and session mode: the data the page's session script reads.

A barrier session records one place's local picture in the map page itself (see
``assets/session.js``): each barrier's local state, owner, contact and note, each partner's
state and note, a note per phase, the action plan and the checklist's answers. The page
writes it back as a profile that ``extends`` a model. :func:`session_data` gives the page
what it starts from:

- for a plain model: its own id as the model the download extends, and no local states;
- for a local profile: the states, notes, actions and answers it was opened with, the model
  the profile itself extends (``SessionContext.base_id``), and everything else its own file
  says (``keep``: every other top-level field as written, ``remove`` and ``checklist``
  included, and its items without their ``local`` blocks), so that the download keeps
  everything the page was opened with.

Everything is plain JSON-ready data in a fixed order (the page's bytes stay deterministic).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from barriers.analysis.local import STATE_WORDS
from barriers.model import Model
from barriers.states import ACTION_STATES, INTERVENTION_STATES, PARTNER_STATES
from barriers.yamlout import scalar_text

__all__ = [
    "SESSION_WORDS",
    "SessionContext",
    "carried",
    "local_line",
    "session_context",
    "session_data",
]

# The top-level fields the session edits itself; every other field of a profile is kept as
# written (``keep.head``), and the items of KINDS are kept without their ``local`` blocks.
EDITED: tuple[str, ...] = ("id", "title", "extends", "local", "actions", "checklist_answers")
KINDS: tuple[str, ...] = ("sources", "phases", "partners", "interventions")
MARKS: dict[str, str] = {  # a sign per local state, beside its word (never colour alone)
    "in-place": "✔",
    "partial": "◐",
    "planned": "◷",
    "absent": "✘",
    "not-applicable": "–",
    "unknown": "?",
}
PARTNER_WORDS: dict[str, tuple[str, str]] = {
    "present": ("aanwezig", "present"),
    "absent": ("afwezig", "absent"),
    "unknown": ("onbekend", "unknown"),
}
ACTION_WORDS: dict[str, tuple[str, str]] = {
    "open": ("open", "open"),
    "in-progress": ("in uitvoering", "in progress"),
    "done": ("klaar", "done"),
    "dropped": ("vervallen", "dropped"),
}
ANSWER_WORDS: dict[str, tuple[str, str]] = {
    "yes": ("ja", "yes"),
    "partly": ("deels", "partly"),
    "no": ("nee", "no"),
    "unknown": ("onbekend", "unknown"),
}

# The session's own words, (Dutch, English).
SESSION_WORDS: dict[str, tuple[str, str]] = {
    "session": ("Sessie", "Session"),
    "session_title": ("Sessie: het lokale beeld vastleggen", "Session: record the local picture"),
    "session_hint": (
        "Wat hier wordt ingevuld blijft in deze browser bewaard tot u het profiel downloadt.",
        "What is entered here is kept in this browser until you download the profile.",
    ),
    "tab_barriers": ("Barrières", "Barriers"),
    "tab_partners": ("Partners", "Partners"),
    "tab_phases": ("Fasen", "Phases"),
    "tab_actions": ("Acties", "Actions"),
    "tab_checklist": ("Checklist", "Checklist"),
    "tab_save": ("Opslaan", "Save"),
    "sections": ("Onderdelen van de sessie", "Parts of the session"),
    "local_state": ("Lokale staat", "Local state"),
    "filter_local": ("Lokale staat", "Local state"),
    "owner": ("Eigenaar", "Owner"),
    "contact": ("Contact", "Contact"),
    "note": ("Notitie", "Note"),
    "phase_note": ("Wat de zaal zegt over deze fase", "What the room says about this phase"),
    "barrier": ("Barrière", "Barrier"),
    "partner": ("Partner", "Partner"),
    "phase": ("Fase", "Phase"),
    "nobody": ("(niemand)", "(nobody)"),
    "none": ("geen", "none"),
    "local_gaps": ("Lokale gaten", "Local gaps"),
    "local_gaps_none": (
        "Geen lokale gaten: elke fase met barrières heeft er hier een.",
        "No local gaps: every phase with barriers has one here.",
    ),
    "local_open": ("lokaal open", "locally open"),
    "model_open": ("open in het model", "open in the model"),
    "action": ("Actie", "Action"),
    "actions_plan": ("Actieplan", "Action plan"),
    "add_action": ("Actie toevoegen", "Add action"),
    "edit": ("Bewerken", "Edit"),
    "remove": ("Verwijderen", "Remove"),
    "save_action": ("Actie opslaan", "Save action"),
    "cancel": ("Annuleren", "Cancel"),
    "title": ("Titel", "Title"),
    "barriers": ("Barrières", "Barriers"),
    "phases": ("Fasen", "Phases"),
    "due": ("Deadline (JJJJ-MM-DD)", "Due (YYYY-MM-DD)"),
    "priority": ("Prioriteit (1 = hoogst)", "Priority (1 = highest)"),
    "state": ("Staat", "State"),
    "no_actions": ("Nog geen acties.", "No actions yet."),
    "answer": ("Antwoord", "Answer"),
    "no_checklist": ("Dit model heeft geen checklist.", "This model has no checklist."),
    "area": ("Gebied (verplicht)", "Area (required)"),
    "date": ("Datum (JJJJ-MM-DD)", "Date (YYYY-MM-DD)"),
    "profile_id": ("Id van het profiel", "Profile id"),
    "profile_title": ("Titel van het profiel", "Profile title"),
    "download": ("Profiel downloaden", "Download profile"),
    "load": ("Sessie laden uit een profiel (YAML)", "Load a session from a profile (YAML)"),
    "extends_model": ("Breidt uit", "Extends"),
    "need_area": ("Vul eerst het gebied in.", "Fill in the area first."),
    "bad_date": ("De datum is geen JJJJ-MM-DD.", "The date is not YYYY-MM-DD."),
    "bad_due": ("De deadline is geen JJJJ-MM-DD.", "The due date is not YYYY-MM-DD."),
    "bad_priority": (
        "Prioriteit is een geheel getal vanaf 1.",
        "Priority is a whole number from 1.",
    ),
    "bad_id": (
        "Een id bestaat uit kleine letters, cijfers en streepjes.",
        "An id is lowercase letters, digits and hyphens.",
    ),
    "need_title": ("Geef de actie een titel.", "Give the action a title."),
    "downloaded": ("Profiel gedownload", "Profile downloaded"),
    "loaded": ("Sessie geladen uit", "Session loaded from"),
    "load_failed": ("Kan dit bestand niet lezen", "Cannot read this file"),
    "wrong_base": (
        "Dit profiel breidt een ander model uit",
        "This profile extends another model",
    ),
    "restore_prompt": (
        "Er is niet-opgeslagen sessiewerk voor dit model in deze browser.",
        "There is unsaved session work for this model in this browser.",
    ),
    "restore_first": (
        "Kies eerst: het bewaarde sessiewerk herstellen of weggooien.",
        "First choose: restore or discard the kept session work.",
    ),
    "restore_old": (
        "Er is sessiewerk van een oudere versie van deze kaart in deze browser; het kan niet "
        "worden hersteld en wordt vervangen zodra hier iets wordt ingevuld.",
        "There is session work from an older version of this map in this browser; it cannot "
        "be restored and is replaced as soon as something is entered here.",
    ),
    "restore": ("Herstellen", "Restore"),
    "discard": ("Weggooien", "Discard"),
    "restored": ("Sessiewerk hersteld", "Session work restored"),
    "discarded": ("Sessiewerk weggegooid", "Session work discarded"),
    "saved_locally": ("Bewaard in deze browser", "Kept in this browser"),
    "edit_in_session": ("Bewerken in de sessie", "Edit in the session"),
    "unknown_ref": ("onbekende verwijzing", "unknown reference"),
    "choose_many": ("Ctrl/Shift: meer kiezen", "Ctrl/Shift: choose more"),
    "all": ("Alle", "All"),
    "local_covered": ("lokaal gedekt", "locally covered"),
    "due_short": ("deadline", "due"),
    "priority_short": ("prioriteit", "priority"),
    "concerns": ("Gaat over", "Concerns"),
    "question": ("Vraag", "Question"),
    "profile_title_default": ("Lokaal profiel", "Local profile"),
    "yaml_comment": (
        "Lokaal profiel, geschreven in de sessiemodus van de barrièrekaart.",
        "Local profile, written by the barrier map's session mode.",
    ),
    "line": ("regel", "line"),
    "column": ("kolom", "column"),
    "yaml_tab": ("een tab in de inspringing", "a tab in the indentation"),
    "yaml_unsupported": (
        "deze YAML-vorm leest de kaart niet (geen ankers, tags of meerdere documenten)",
        "the map does not read this form of YAML (no anchors, tags or several documents)",
    ),
    "yaml_after": ("onverwachte tekst na de waarde", "unexpected text after the value"),
    "yaml_colon": ("zet tekst met ': ' tussen aanhalingstekens", "quote text that holds ': '"),
    "yaml_quote": (
        "zet deze waarde tussen aanhalingstekens (YAML leest haar anders)",
        "quote this value (YAML reads it as something else)",
    ),
    "yaml_unclosed": ("aanhalingsteken niet gesloten", "unclosed quote"),
    "yaml_escape": ("onbekende escape", "unknown escape"),
    "yaml_flow_line": (
        "een lijst tussen [ ] of { } moet op één regel",
        "a list in [ ] or { } must stay on one line",
    ),
    "yaml_indent": ("onverwachte inspringing", "unexpected indentation"),
    "yaml_multiline": (
        "tekst over meer regels: zet haar tussen aanhalingstekens of gebruik |",
        "text over several lines: quote it or use |",
    ),
    "yaml_key": (
        "hier wordt een sleutel verwacht (naam: waarde)",
        "a key is expected here (name: value)",
    ),
    "yaml_duplicate": ("sleutel staat er twee keer", "key given twice"),
    "yaml_documents": ("meer dan één document", "more than one document"),
    "need_text": ("tekst verwacht", "text expected"),
    "need_mapping": ("velden (naam: waarde) verwacht", "fields (name: value) expected"),
    "need_list": ("een lijst verwacht", "a list expected"),
    "need_id": ("een item met een id verwacht", "an item with an id expected"),
    "unknown_key": ("onbekend veld", "unknown field"),
}


@dataclass(frozen=True)
class SessionContext:
    """What the map command knows beyond the resolved model.

    - ``base_id``: for a local profile, the id of the model it extends (its own ``extends``);
    - ``base``: that model, resolved (the page lists its items when another profile of it is
      loaded into the page);
    - ``own``: the profile's own file as plain data (what its author wrote, before the
      overlay on its base);
    - ``start``: open the page in session mode.
    """

    base_id: str | None = None
    base: Model | None = None
    own: Mapping[str, Any] | None = None
    start: bool = False


def local_line(item: Any, lang: str) -> str:
    """The line a profile's card carries for the barrier's local state: a sign and a word."""
    local = getattr(item, "local", None)
    state = local.state if local is not None else "unknown"
    return f"{MARKS[state]} {STATE_WORDS[state][0 if lang == 'nl' else 1]}"


def session_context(loaded: Any, *, start: bool = False) -> SessionContext:
    """The context of a loaded model (``barriers.load_model``'s answer): for a local profile,
    the model its own ``extends`` names (which its session's download extends too) and the
    profile's own file, read again as plain data (it has passed validation: JSON data)."""
    model = loaded.model
    if model.local is None or len(loaded.lineage) < 2:
        return SessionContext(start=start)
    from barriers import load_model
    from barriers.loader import load_document

    own = load_document(loaded.lineage[0][1]).data
    base = load_model(loaded.lineage[1][1]).model
    return SessionContext(base_id=base.id, base=base, own=own, start=start)


def _words(lang: str) -> dict[str, Any]:
    k = 0 if lang == "nl" else 1
    return {
        **{key: pair[k] for key, pair in SESSION_WORDS.items()},
        "states": {s: STATE_WORDS[s][k] for s in INTERVENTION_STATES},
        "partner_states": {s: PARTNER_WORDS[s][k] for s in PARTNER_STATES},
        "action_states": {s: ACTION_WORDS[s][k] for s in ACTION_STATES},
        "answers": {s: ANSWER_WORDS[s][k] for s in ANSWER_WORDS},
    }


def content_key(model: Model) -> str:
    """A short hash of the model's content: the browser keeps a session per model version."""
    text = json.dumps(model.to_data(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _keep(own: Mapping[str, Any] | None) -> dict[str, Any]:
    """What a profile's own file holds beyond what the session edits: every other top-level
    field as written (in its order), and its items without their ``local`` blocks (an item
    that holds only an id and ``local`` is the session's own to write)."""
    keep: dict[str, Any] = {"head": {}, **{kind: [] for kind in KINDS}}
    if own is None:
        return keep
    for name, value in own.items():
        if name in KINDS:
            keep[name] = [
                {k: v for k, v in item.items() if k != "local"}
                for item in value
                if set(item) - {"id", "local"} or "local" not in item
            ]
        elif name not in EDITED:
            keep["head"][name] = value
    return keep


# The largest whole number a page's number holds exactly (JavaScript's Number.MAX_SAFE_INTEGER).
_SAFE_INTEGER = 2**53 - 1
Place = list[str | int]


def carried(value: Any) -> tuple[Any, list[Place]]:
    """``value`` with every number the page cannot hold as YAML reads it replaced by its text
    as the project's writer gives it, and the places of those numbers (key and index paths).

    A float (``2.0``, ``-0.0``, ``0.1``, ``1.0e+20``) would reach the page as a JavaScript
    number, which forgets that it was a float; an integer beyond 2^53 loses digits. The page
    writes the text back unchanged. The places go beside the data, not as a marker in it, so
    no value a model holds can be taken for one.
    """
    numbers: list[Place] = []

    def carry(item: Any, path: Place) -> Any:
        if isinstance(item, float) or (
            isinstance(item, int) and not isinstance(item, bool) and abs(item) > _SAFE_INTEGER
        ):
            numbers.append(path)
            return scalar_text(item)
        if isinstance(item, dict):
            return {k: carry(v, [*path, k]) for k, v in item.items()}
        if isinstance(item, list):
            return [carry(v, [*path, n]) for n, v in enumerate(item)]
        return item

    return carry(value, []), numbers


def _action(action: Any) -> dict[str, Any]:
    """An action as the page writes it: the format's fields in order, empty ones left out."""
    data = action.model_dump(mode="json", exclude_none=True)
    return {k: v for k, v in data.items() if v != []}


def _lists(model: Model) -> dict[str, Any]:
    """The items the session lists: phases in process order, partners, barriers by id."""
    phase_barriers: dict[str, list[str]] = {p.id: [] for p in model.phases}
    for item in sorted(model.interventions, key=lambda i: i.id):
        for pid in dict.fromkeys(item.phases):
            phase_barriers[pid].append(item.id)
    return {
        "phase_order": [p.id for p in model.phases],
        "phase_barriers": phase_barriers,
        "barrier_list": sorted(
            ({"id": i.id, "name": i.name} for i in model.interventions), key=lambda b: b["id"]
        ),
        "partner_list": [{"id": p.id, "name": p.name} for p in model.partners],
        "phase_list": [{"id": p.id, "name": p.name} for p in model.phases],
    }


def session_data(model: Model, lang: str, context: SessionContext | None = None) -> dict[str, Any]:
    """What the page's session script reads: the local layer, the checklist, the words."""
    context = context or SessionContext()
    profile = model.local is not None
    extends = context.base_id if profile and context.base_id else model.id
    interventions = {
        i.id: i.local.model_dump(mode="json", exclude_none=True)
        for i in model.interventions
        if i.local is not None
    }
    partners = {
        p.id: p.local.model_dump(mode="json", exclude_none=True)
        for p in model.partners
        if p.local is not None
    }
    phases = {
        p.id: p.local.note for p in model.phases if p.local is not None and p.local.note is not None
    }
    keep, keep_numbers = carried(_keep(context.own if profile else None))
    actions, action_numbers = carried([_action(a) for a in model.actions])
    return {
        "start": context.start,
        "profile": profile,
        "key": f"{model.id}:{content_key(model)}",
        "extends": extends,
        "id": model.id if profile else None,
        # a profile that gives no title of its own gets the page's ("Lokaal profiel AREA"),
        # not its base's, as it does when it is read from a file
        "title": (context.own.get("title") if context.own is not None else model.title)
        if profile
        else None,
        "local": (model.local.model_dump(mode="json", exclude_none=True) if model.local else None),
        "interventions": interventions,
        "partners": partners,
        "phases": phases,
        "actions": actions,
        "action_numbers": action_numbers,
        "answers": {
            qid: a.model_dump(mode="json", exclude_none=True)
            for qid, a in model.checklist_answers.items()
        },
        "checklist": [
            {
                "id": t.id,
                "name": t.name,
                "questions": [
                    {"id": q.id, "text": q.text, "interventions": list(q.interventions)}
                    for q in t.questions
                ],
            }
            for t in model.checklist
        ],
        "keep": keep,
        "keep_numbers": keep_numbers,
        "fields": list(Model.model_fields),
        **_lists(model),
        "base_lists": _lists(context.base) if profile and context.base is not None else None,
        "states": list(INTERVENTION_STATES),
        "partner_states": list(PARTNER_STATES),
        "action_states": list(ACTION_STATES),
        "answer_values": list(ANSWER_WORDS),
        "marks": MARKS,
        "words": _words(lang),
    }
