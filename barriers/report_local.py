"""The local picture in the report, and the comparison page of several places (site).

The answers come from :mod:`barriers.analysis.local`; these functions only lay them out, as
plain data for the templates (``report/_local.html``, ``local-comparison.html``) of
:mod:`barriers.report` and :mod:`barriers.site`, and as markdown; our words in Dutch or
English, the model's text as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from barriers.protocols import ModelLike

from barriers.analysis.local import STATE_KEYS, STATE_WORDS, action_plan, compare, local_picture
from barriers.text import md_text

_HEADERS = {key: STATE_WORDS[state][1] for state, key in STATE_KEYS.items()}

# The local section's and the comparison page's own words (model text is shown as written).
WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "heading": "Het lokale beeld",
        "intro": "Wat er in **{area}**{when} staat, tegen het model gelegd.",
        "md_intro": "Wat er in {area}{when} staat.",
        "all_barriers": "alle barrières",
        "single_here": "Eén partner hier",
        "flags": "bijzonderheden",
        "on": " op {date}",
        "phase": "Fase",
        "here": "Hier",
        "open here": "hier open",
        "one partner": "één partner",
        "no barrier in the model": "geen barrière in het model",
        "ok": "in orde",
        "none": "geen",
        "gaps": "Lokale gaten",
        "gaps_list": "Het model heeft barrières voor deze fasen, maar hier staat er geen:",
        "no_gaps": "Geen: elke fase die het model dekt heeft hier een barrière.",
        "single": "Rust hier op één partner: {phases}.",
        "candidates": "Kandidaten",
        "candidates_intro": (
            "Barrières die hier niet staan en een lokaal gat zouden dichten, de meeste gaten eerst."
        ),
        "barrier": "Barrière",
        "state_here": "Toestand hier",
        "closes": "Dicht",
        "no_candidates": "Niet nodig.",
        "fix": "De kleinste oplossing",
        "fix_line": "{n} barrière(s), {proof}: {names}.",
        "proven": "bewezen minimaal",
        "best": "de beste gevonden, niet bewezen minimaal",
        "plan": "Het actieplan",
        "no_actions": "Nog geen acties.",
        "without_plan": "Lokale gaten zonder plan",
        "without_plan_list": "Geen open of lopende actie gaat over: {phases}.",
        "all_planned": "Geen: voor elk lokaal gat is er een open of lopende actie.",
        "priority": "Prioriteit",
        "due": "Uiterlijk",
        "state": "Toestand",
        "action": "Actie",
        "about": "Over",
        "owner": "Eigenaar",
        "overdue": "te laat",
        "in place": "staat al",
        "compared": "Lokale profielen vergeleken: {areas}",
        "shared": "Gaten die de meeste plaatsen delen",
        "shared_line": "{name}: open in {n} van {of}",
        "per_phase": "Per fase: de plaatsen die haar open laten",
        "places": "Plaatsen",
        "open_in": "Open in",
        "per_barrier": "Per barrière: haar toestand in elke plaats",
        "not in model": "niet in het model",
        "all_models": "Alle modellen",
    },
    "en": {
        "heading": "The local picture",
        "intro": "What is in place in **{area}**{when}, against the model.",
        "md_intro": "What is in place in {area}{when}.",
        "all_barriers": "all barriers",
        "single_here": "One partner here",
        "flags": "flags",
        "on": " on {date}",
        "phase": "Phase",
        "here": "Here",
        "open here": "open here",
        "one partner": "one partner",
        "no barrier in the model": "no barrier in the model",
        "ok": "ok",
        "none": "none",
        "gaps": "Local gaps",
        "gaps_list": "The model has barriers for these phases, but none is in place here:",
        "no_gaps": "None: every phase the model covers has a barrier in place here.",
        "single": "Resting on one partner here: {phases}.",
        "candidates": "Candidates",
        "candidates_intro": (
            "Barriers not in place here that would close a local gap, most gaps first."
        ),
        "barrier": "Barrier",
        "state_here": "State here",
        "closes": "Closes",
        "no_candidates": "None needed.",
        "fix": "The smallest fix",
        "fix_line": "{n} barrier(s), {proof}: {names}.",
        "proven": "proven minimal",
        "best": "the best found, not proven minimal",
        "plan": "The action plan",
        "no_actions": "No actions yet.",
        "without_plan": "Local gaps without a plan",
        "without_plan_list": "No open or in-progress action addresses: {phases}.",
        "all_planned": "None: every local gap has an open or in-progress action.",
        "priority": "Priority",
        "due": "Due",
        "state": "State",
        "action": "Action",
        "about": "About",
        "owner": "Owner",
        "overdue": "overdue",
        "in place": "in place",
        "compared": "Local profiles compared: {areas}",
        "shared": "Gaps shared by most places",
        "shared_line": "{name}: open in {n} of {of}",
        "per_phase": "Per phase: the places that leave it open",
        "places": "Places",
        "open_in": "Open in",
        "per_barrier": "Per barrier: its state in each place",
        "not in model": "not in model",
        "all_models": "All models",
    },
}


class _Names:
    def __init__(self, model: ModelLike, none: str = "none") -> None:
        self.none = none
        self.names: dict[tuple[str, str], str] = {}
        for kind, items in (
            ("phase", model.phases),
            ("intervention", model.interventions),
            ("partner", model.partners),
        ):
            for item in items:
                self.names[(kind, item.id)] = item.name

    def get(self, kind: str, item_id: str) -> str:
        return self.names.get((kind, item_id), item_id)

    def all(self, kind: str, ids: Sequence[str]) -> list[str]:
        return [self.get(kind, i) for i in ids]

    def md(self, kind: str, ids: Sequence[str]) -> str:
        return ", ".join(md_text(self.get(kind, i)) for i in ids) or self.none


def _here(phase: dict[str, Any], picture: dict[str, Any]) -> str:
    if phase["id"] in picture["uncovered"]:
        return "open here"
    if phase["id"] in picture["single_partner"]:
        return "one partner"
    if not any(phase[key] for key in _HEADERS):
        return "no barrier in the model"
    return "ok"


# what an action can be about: (kind, the action's field of ids)
_ABOUT = (("intervention", "interventions"), ("phase", "phases"))


def _about(action: dict[str, Any], names: _Names) -> list[list[str]]:
    """What an action is about: the names of its barriers, then of its phases (each if any)."""
    return [names.all(kind, action[field]) for kind, field in _ABOUT if action[field]]


def _flags(action: dict[str, Any]) -> list[str]:
    return [
        word for flag, word in (("overdue", "overdue"), ("in_place", "in place")) if action[flag]
    ]


_ACTION_WORDS = {
    "nl": {"open": "open", "in-progress": "bezig", "done": "klaar", "dropped": "vervallen"},
    "en": {"open": "open", "in-progress": "in progress", "done": "done", "dropped": "dropped"},
}


def _state_word(state: str, lang: str) -> str:
    return STATE_WORDS[state][0 if lang == "nl" else 1] if state in STATE_WORDS else state


def _action_word(state: str, lang: str) -> str:
    return _ACTION_WORDS[lang].get(state, state)


# -- HTML (drawn by templates/report/_local.html) -----------------------------------------------


def local_data(model: ModelLike, lang: str = "nl") -> dict[str, Any]:
    """The local picture of a profile as plain data for the report's local section: states,
    local gaps, candidates, fix, action plan; our words in ``lang``, the model's as written."""
    w = WORDS[lang]
    picture = local_picture(model)
    plan = action_plan(model)
    names = _Names(model, w["none"])
    fix = picture["smallest_fix"]
    return {
        "lw": w,
        "area": picture["area"],
        "date": picture["date"],
        "states": [_state_word(state, lang) for state in STATE_KEYS],
        "counts": [picture["counts"][key] for key in STATE_KEYS.values()],
        "phases": [
            {
                "name": phase["name"],
                "counts": [len(phase[key]) for key in _HEADERS],
                "here": w[_here(phase, picture)],
                "open": _here(phase, picture) == "open here",
            }
            for phase in picture["phases"]
        ],
        "uncovered": [{"id": p, "name": names.get("phase", p)} for p in picture["uncovered"]],
        "single": names.all("phase", picture["single_partner"]),
        "candidates": [
            {
                "name": names.get("intervention", c["intervention"]),
                "state": _state_word(c["state"], lang),
                "closes": names.all("phase", c["closes"]),
            }
            for c in picture["candidates"]
        ],
        "fix": {
            "n": len(fix["interventions"]),
            "proof": w["proven"] if fix["optimal"] else w["best"],
            "names": names.all("intervention", fix["interventions"]),
        },
        "actions": [
            {
                "priority": a["priority"] or "",
                "due": a["due"] or "",
                "state": _action_word(a["state"], lang),
                "flags": [{"word": w[f], "alert": f == "overdue"} for f in _flags(a)],
                "title": a["title"],
                "note": a["note"],
                "about": _about(a, names),
                "owner": names.get("partner", a["owner"]) if a["owner"] else "",
            }
            for a in plan["actions"]
        ],
        "without_plan": names.all("phase", plan["without_plan"]),
    }


# -- markdown -----------------------------------------------------------------------------------


def local_markdown(model: ModelLike, lang: str = "nl", title: str | None = None) -> list[str]:
    """Lines of the local picture as a markdown section under ``title`` (by default the
    report's heading for it in ``lang``, ``heading`` in :data:`WORDS`; ends with an empty line); our words in ``lang``,
    every model text escaped."""
    from barriers.export.markdown import table

    if title is None:
        title = WORDS[lang]["heading"]

    w = WORDS[lang]
    picture = local_picture(model)
    plan = action_plan(model)
    names = _Names(model, w["none"])
    when = w["on"].format(date=md_text(picture["date"])) if picture["date"] else ""
    out = [f"## {title}", "", w["md_intro"].format(area=md_text(picture["area"]), when=when), ""]
    out += table(
        [w["phase"].lower(), *(_state_word(s, lang) for s in STATE_KEYS), w["here"].lower()],
        [
            [md_text(p["name"]), *(str(len(p[k])) for k in _HEADERS), w[_here(p, picture)]]
            for p in picture["phases"]
        ]
        + [[f"**{w['all_barriers']}**", *(f"**{picture['counts'][k]}**" for k in _HEADERS), ""]],
    )
    fix = picture["smallest_fix"]
    proof = w["proven"] if fix["optimal"] else w["best"]
    out += [
        "",
        f"- {w['gaps']}: {names.md('phase', picture['uncovered'])}.",
        f"- {w['single_here']}: {names.md('phase', picture['single_partner'])}.",
        f"- {w['fix']} ({proof}): {names.md('intervention', fix['interventions'])}.",
        f"- {w['without_plan']}: {names.md('phase', plan['without_plan'])}.",
        "",
    ]
    if picture["candidates"]:
        out += [f"### {w['candidates']}", ""]
        out += table(
            [w["barrier"].lower(), w["state_here"].lower(), w["closes"].lower()],
            [
                [
                    md_text(names.get("intervention", c["intervention"])),
                    _state_word(c["state"], lang),
                    names.md("phase", c["closes"]),
                ]
                for c in picture["candidates"]
            ],
        )
        out.append("")
    out += [f"### {w['plan']}", ""]
    if plan["actions"]:
        head = ("priority", "due", "state", "action", "about", "owner")
        out += table(
            ["#", *(w[h].lower() for h in head), w["flags"]],
            [
                [
                    str(n),
                    str(a["priority"] or ""),
                    a["due"] or "",
                    _action_word(a["state"], lang),
                    md_text(a["title"]),
                    "; ".join(names.md(kind, a[field]) for kind, field in _ABOUT if a[field]),
                    md_text(names.get("partner", a["owner"])) if a["owner"] else "",
                    ", ".join(w[f] for f in _flags(a)),
                ]
                for n, a in enumerate(plan["actions"], 1)
            ],
        )
    else:
        out.append(w["no_actions"])
    return [*out, ""]


# -- several places -----------------------------------------------------------------------------


def comparison_html(models: Sequence[ModelLike], lang: str = "nl") -> str:
    """A self-contained page comparing several profiles (the ``barriers local`` comparison);
    its own words in ``lang``, the profiles' text marked with the first one's language."""
    from barriers.pages import marked_language, templates

    answer = compare(models)
    areas = {a["id"]: a["area"] for a in answer["areas"]}
    ids = list(areas)
    page: str = (
        templates()
        .get_template("local-comparison.html")
        .render(
            lang=lang,
            model_lang=marked_language(models[0], lang) if models else "",
            w=WORDS[lang],
            areas=[areas[i] for i in ids],
            shared=[{"name": p["name"], "n": len(p["open_in"])} for p in answer["shared_gaps"]],
            phases=[
                {"name": p["name"], "open_in": [areas[i] for i in p["open_in"]]}
                for p in answer["phases"]
            ],
            barriers=[
                {
                    "name": b["name"],
                    "cells": [
                        {
                            "css": b["states"][i] or "missing",
                            "word": _state_word(b["states"][i], lang)
                            if b["states"][i]
                            else WORDS[lang]["not in model"],
                        }
                        for i in ids
                    ],
                }
                for b in answer["barriers"]
            ],
        )
    )
    return page
