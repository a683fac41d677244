"""The session report: what a barrier session recorded, for the facilitator to send round.

A barrier session (barrièresessie) is a meeting in which the local partners go through a
model, record which barriers their place has, note what the room said, answer the
checklist and agree on an action plan. Its record is a local profile; this module turns one
into the document that goes round afterwards: area and date, who was at the table, per
phase what is in place and what is open with the room's notes, the checklist answers, the
action plan and the gaps left without a plan.

:func:`session_data` gathers it as plain data from the analyses of :mod:`barriers.analysis.local`
and :mod:`barriers.analysis.checklist`; :func:`session_html` and :func:`session_markdown` draw it,
in Dutch (``nl``, the default) or English. The HTML page is self-contained (no script, no
request), prints on A4 (tables fit the page width, their headers repeat, colours print)
and shows every text of the model as text.

>>> from barriers import load_model
>>> data = session_data(load_model("tests/data/example-profile.yaml").model)
>>> data["area"], [p["id"] for p in data["participants"]]
('Gemeente Voorbeeld', ['school', 'politie'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from barriers.analysis.checklist import ANSWER_WORDS, checklist
from barriers.analysis.local import (
    STATE_WORDS,
    action_plan,
    local_picture,
    partner_state,
    require_profile,
    state_of,
)
from barriers.pages import templates
from barriers.states import INTERVENTION_STATES

if TYPE_CHECKING:
    from barriers.protocols import ModelLike

LANGUAGES = ("nl", "en")

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Verslag barrièresessie",
        "area": "Gebied",
        "date": "Datum",
        "model": "Model",
        "table": "Aan tafel",
        "nobody": "Niet vastgelegd.",
        "picture": "Het lokale beeld per fase",
        "picture_intro": "Per fase de barrières die hier staan, en wat nog open is; een "
        "opmerking bij een barrière staat één keer, bij de eerste fase waarop die werkt.",
        "unknown_rest": "Toestand onbekend",
        "na_rest": "Niet van toepassing",
        "contact": "contact",
        "loose": "Opmerkingen bij barrières zonder fase",
        "partners": "De partners",
        "partner": "Partner",
        "partner_state": "Toestand",
        "partner_present": "aanwezig",
        "partner_absent": "afwezig",
        "partner_unknown": "onbekend",
        "unanswered": "Niet beantwoord",
        "counts": "Barrières per toestand",
        "phase": "Fase",
        "here": "Staat hier",
        "not_here": "Nog niet (toestand)",
        "room": "Wat de groep opmerkte",
        "open": "OPEN: geen barrière staat hier",
        "none": "geen",
        "checklist": "Checklist",
        "question": "Vraag",
        "answer": "Antwoord",
        "note": "Toelichting",
        "no_checklist": "Het model heeft geen checklist.",
        "checklist_open": "Open vragen",
        "plan": "Actieplan",
        "action": "Actie",
        "about": "Over",
        "owner": "Eigenaar",
        "due": "Uiterlijk",
        "priority": "Prioriteit",
        "status": "Status",
        "overdue": "te laat",
        "already": "barrières staan al",
        "no_actions": "Er is nog geen actie afgesproken.",
        "without_plan": "Open fasen zonder plan",
        "all_planned": "Voor elke open fase is een actie afgesproken.",
        "source": "Gemaakt met barriers uit het lokale profiel",
        "text_note": "De teksten uit het model staan in de taal van het model.",
        "open_state": "open",
        "in-progress": "bezig",
        "done": "klaar",
        "dropped": "vervallen",
    },
    "en": {
        "title": "Barrier session report",
        "area": "Area",
        "date": "Date",
        "model": "Model",
        "table": "At the table",
        "nobody": "Not recorded.",
        "picture": "The local picture per phase",
        "picture_intro": "Per phase the barriers in place here, and what is still open; a "
        "remark on a barrier is given once, at the first phase it acts on.",
        "unknown_rest": "State unknown",
        "na_rest": "Not applicable",
        "contact": "contact",
        "loose": "Remarks on barriers on no phase",
        "partners": "The partners",
        "partner": "Partner",
        "partner_state": "State",
        "partner_present": "present",
        "partner_absent": "absent",
        "partner_unknown": "unknown",
        "unanswered": "Not answered",
        "counts": "Barriers per state",
        "phase": "Phase",
        "here": "In place here",
        "not_here": "Not yet (state)",
        "room": "What the room noted",
        "open": "OPEN: no barrier in place here",
        "none": "none",
        "checklist": "Checklist",
        "question": "Question",
        "answer": "Answer",
        "note": "Note",
        "no_checklist": "The model has no checklist.",
        "checklist_open": "Open questions",
        "plan": "Action plan",
        "action": "Action",
        "about": "About",
        "owner": "Owner",
        "due": "Due",
        "priority": "Priority",
        "status": "State",
        "overdue": "overdue",
        "already": "barriers already in place",
        "no_actions": "No action has been agreed yet.",
        "without_plan": "Open phases without a plan",
        "all_planned": "Every open phase has an agreed action.",
        "source": "Made with barriers from the local profile",
        "text_note": "Text from the model is in the model's language.",
        "open_state": "open",
        "in-progress": "in progress",
        "done": "done",
        "dropped": "dropped",
    },
}


def _barrier(item: Any, state: str, partners: dict[str, str]) -> dict[str, Any]:
    local = item.local
    owner = getattr(local, "owner", None) if local is not None else None
    return {
        "id": item.id,
        "name": item.name,
        "state": state,
        "owner": partners.get(owner, owner) if owner else None,
        "contact": getattr(local, "contact", None) if local is not None else None,
        "note": getattr(local, "note", None) if local is not None else None,
    }


def session_data(model: ModelLike) -> dict[str, Any]:
    """What the session recorded, as plain data (see the module); the model must be a profile.

    Per phase, ``here`` (in place, partial) and ``not_here`` (planned, absent) name their
    barriers; ``unknown`` and ``not_applicable`` are kept apart so that a report can sum them
    up in one line. ``remarks`` are the notes (and contacts) on barriers, each given once: at
    the first phase (in process order) the barrier acts on; ``loose_remarks`` those of barriers
    on no phase. ``partners`` are the partners whose local state or note was recorded.
    """
    require_profile(model)
    picture = local_picture(model)
    plan = action_plan(model)
    answers = checklist(model)
    partners = {p.id: p.name for p in model.partners}
    interventions = {i.id: i for i in model.interventions}
    phase_notes = {
        p.id: getattr(p.local, "note", None) for p in model.phases if p.local is not None
    }
    acting: dict[str, list[str]] = {}  # phase -> action ids that address it
    for action in model.actions:
        if action.state not in ("open", "in-progress"):
            continue
        touched = set(action.phases)
        for iid in action.interventions:
            if iid in interventions:
                touched.update(interventions[iid].phases)
        for pid in touched:
            acting.setdefault(pid, []).append(action.id)
    uncovered = set(picture["uncovered"])
    remarked: set[str] = set()  # barriers whose remark has a place already
    phases = []
    for row in picture["phases"]:
        by_state: dict[str, list[dict[str, Any]]] = {}
        remarks: list[dict[str, Any]] = []
        for state in INTERVENTION_STATES:
            for iid in row[state.replace("-", "_")]:
                entry = _barrier(interventions[iid], state, partners)
                by_state.setdefault(state, []).append(entry)
                if (entry["note"] or entry["contact"]) and iid not in remarked:
                    remarked.add(iid)
                    remarks.append(entry)
        phases.append(
            {
                "id": row["id"],
                "name": row["name"],
                "note": phase_notes.get(row["id"]),
                "here": by_state.get("in-place", []) + by_state.get("partial", []),
                "not_here": by_state.get("planned", []) + by_state.get("absent", []),
                "unknown": by_state.get("unknown", []),
                "not_applicable": by_state.get("not-applicable", []),
                "remarks": remarks,
                "open": row["id"] in uncovered,
                "actions": acting.get(row["id"], []),
            }
        )
    loose = [
        _barrier(item, state_of(item), partners)
        for item in model.interventions
        if item.id not in remarked
        and item.local is not None
        and (getattr(item.local, "note", None) or getattr(item.local, "contact", None))
    ]
    actions = []
    for action in plan["actions"]:
        about = [interventions[i].name for i in action["interventions"] if i in interventions]
        about += [row["name"] for row in picture["phases"] if row["id"] in action["phases"]]
        actions.append(
            {
                **action,
                "about": about,
                "owner_name": partners.get(action["owner"], action["owner"])
                if action["owner"]
                else None,
            }
        )
    names = {row["id"]: row["name"] for row in picture["phases"]}
    local = model.local
    assert local is not None  # require_profile checked it above
    return {
        "title": model.title,
        "model_id": model.id,
        "language": getattr(model, "language", None),
        "area": local.area,
        "date": local.date,
        "participants": [{"id": p, "name": partners.get(p, p)} for p in local.participants],
        "counts": picture["counts"],
        "phases": phases,
        "loose_remarks": loose,
        "partners": [
            {
                "id": p.id,
                "name": p.name,
                "state": partner_state(p),
                "note": getattr(p.local, "note", None),
            }
            for p in model.partners
            if p.local is not None
        ],
        "checklist": answers,
        "actions": actions,
        "without_plan": [{"id": p, "name": names[p]} for p in plan["without_plan"]],
        "states": {i.id: state_of(i) for i in model.interventions},
    }


def _words(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return WORDS[lang]


def _state_word(state: str, lang: str) -> str:
    return STATE_WORDS[state][0 if lang == "nl" else 1]


def _action_state(state: str, w: dict[str, str]) -> str:
    return w["open_state"] if state == "open" else w[state]


def session_html(data: dict[str, Any], lang: str = "nl") -> str:
    """The session report as one self-contained, printable HTML page."""
    w = _words(lang)
    from barriers.pages import language_tag

    # the model's language goes into lang attributes only as a well-formed tag
    language = language_tag(data["language"])
    model_lang = language if language != lang else None
    template = templates().get_template("session.html")
    page: str = template.render(
        d=data,
        w=w,
        lang=lang,
        model_lang=model_lang,
        state_word=lambda s: _state_word(s, lang),
        answer_word=lambda a: ANSWER_WORDS[lang][a],
        action_state=lambda s: _action_state(s, w),
    )
    return page


def session_markdown(data: dict[str, Any], lang: str = "nl") -> str:
    """The session report as markdown (every model text escaped)."""
    from barriers.text import md_text

    w = _words(lang)

    def cell(text: Any) -> str:
        return md_text(" ".join(str(text).split())) if text else ""

    def row(values: list[Any]) -> str:
        return "| " + " | ".join(cell(v) for v in values) + " |"

    def table(headers: list[str], rows: list[list[Any]]) -> list[str]:
        return [row(headers), "|" + "|".join(" --- " for _ in headers) + "|", *map(row, rows)]

    out = [f"# {w['title']}: {md_text(data['title'])}", ""]
    out.append(f"- **{w['area']}:** {md_text(data['area'])}")
    if data["date"]:
        out.append(f"- **{w['date']}:** {md_text(data['date'])}")
    who = ", ".join(md_text(p["name"]) for p in data["participants"]) or w["nobody"]
    out += [f"- **{w['table']}:** {who}", ""]
    counts = ", ".join(
        f"{_state_word(s, lang)}: {data['counts'][s.replace('-', '_')]}"
        for s in INTERVENTION_STATES
    )
    out += [f"## {w['picture']}", "", f"{w['counts']}: {counts}.", ""]

    def named(b: dict[str, Any], state: bool) -> str:
        word = f" ({_state_word(b['state'], lang)})" if state else ""
        return f"{b['name']}{word}" + (f" — {b['owner']}" if b["owner"] else "")

    def remark(r: dict[str, Any]) -> str:
        contact = f" ({w['contact']}: {r['contact']})" if r["contact"] else ""
        return f"{r['name']}{contact}" + (f": {r['note']}" if r["note"] else "")

    rows = []
    for phase in data["phases"]:
        here = "; ".join(named(b, b["state"] == "partial") for b in phase["here"])
        room = [phase["note"]] if phase["note"] else []
        room += [remark(r) for r in phase["remarks"]]
        rows.append(
            [
                phase["name"],
                here or (w["open"] if phase["open"] else w["none"]),
                "; ".join(named(b, True) for b in phase["not_here"]),
                " / ".join(room),
            ]
        )
    out += table([w["phase"], w["here"], w["not_here"], w["room"]], rows)
    rest = [
        f"- **{md_text(phase['name'])}** — {w[key]} ({len(items)}): "
        + " · ".join(md_text(b["name"] + (f" ({b['owner']})" if b["owner"] else "")) for b in items)
        for phase in data["phases"]
        for key, items in (("unknown_rest", phase["unknown"]), ("na_rest", phase["not_applicable"]))
        if items
    ]
    if rest:
        out += ["", *rest]
    if data["loose_remarks"]:
        out += ["", f"### {w['loose']}", ""]
        out += [f"- {md_text(remark(r))}" for r in data["loose_remarks"]]
    if data["partners"]:
        out += ["", f"### {w['partners']}", ""]
        out += table(
            [w["partner"], w["partner_state"], w["room"]],
            [[p["name"], w["partner_" + p["state"]], p["note"]] for p in data["partners"]],
        )
    out += ["", f"## {w['checklist']}", ""]
    themes = data["checklist"]["themes"]
    if not themes:
        out.append(w["no_checklist"])
    for theme in themes:
        out += [f"### {md_text(theme['name'])}", ""]
        unanswered = [q for q in theme["questions"] if q["answer"] == "unknown" and not q["note"]]
        rows = [
            [q["text"], ANSWER_WORDS[lang][q["answer"]], q["note"]]
            for q in theme["questions"]
            if q not in unanswered
        ]
        out += [*table([w["question"], w["answer"], w["note"]], rows), ""]
        if unanswered:
            texts = " · ".join(md_text(q["text"]) for q in unanswered)
            out += [f"**{w['unanswered']} ({len(unanswered)}):** {texts}", ""]
    out += [f"## {w['plan']}", ""]
    if data["actions"]:
        rows = []
        for a in data["actions"]:
            flags = [w["overdue"]] if a["overdue"] else []
            flags += [w["already"]] if a["in_place"] else []
            state = _action_state(a["state"], w) + (f" ({', '.join(flags)})" if flags else "")
            rows.append(
                [
                    a["priority"] or "",
                    a["title"] + (f" — {a['note']}" if a["note"] else ""),
                    "; ".join(a["about"]),
                    a["owner_name"],
                    a["due"],
                    state,
                ]
            )
        out += table(
            [w["priority"], w["action"], w["about"], w["owner"], w["due"], w["status"]], rows
        )
    else:
        out.append(w["no_actions"])
    out += ["", f"## {w['without_plan']}", ""]
    if data["without_plan"]:
        out += [f"- {md_text(p['name'])}" for p in data["without_plan"]]
    else:
        out.append(w["all_planned"])
    out += ["", f"*{w['source']} `{md_text(data['model_id'])}`.*"]
    return "\n".join(out) + "\n"


def render_session(model: ModelLike, fmt: str, lang: str = "nl") -> str:
    """The session report of a profile as ``html`` or ``md`` text."""
    data = session_data(model)
    return session_html(data, lang) if fmt == "html" else session_markdown(data, lang)
