"""The local picture in the report, and the comparison page of several places (site).

The answers come from :mod:`barriers.analysis.local`; these functions only draw them, as HTML (every
text escaped) for :mod:`barriers.report` and :mod:`barriers.site`, and as markdown.
"""

from __future__ import annotations

import html
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
        "intro": "Wat er in <b>{area}</b>{when} staat, tegen het model gelegd.",
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
        "intro": "What is in place in <b>{area}</b>{when}, against the model.",
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


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Names:
    def __init__(self, model: ModelLike, none: str = "none", mark: str = "") -> None:
        self.none = none
        self.mark = mark  # a lang attribute for the names in HTML
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

    def html(self, kind: str, ids: Sequence[str]) -> str:
        shown = ", ".join(_e(self.get(kind, i)) for i in ids)
        if not shown:
            return self.none
        return f"<span{self.mark}>{shown}</span>" if self.mark else shown

    def md(self, kind: str, ids: Sequence[str]) -> str:
        return ", ".join(md_text(self.get(kind, i)) for i in ids) or "none"


def _here(phase: dict[str, Any], picture: dict[str, Any]) -> str:
    if phase["id"] in picture["uncovered"]:
        return "open here"
    if phase["id"] in picture["single_partner"]:
        return "one partner"
    if not any(phase[key] for key in _HEADERS):
        return "no barrier in the model"
    return "ok"


def _about(action: dict[str, Any], names: _Names, kind_view: str) -> str:
    view = names.html if kind_view == "html" else names.md
    parts = []
    if action["interventions"]:
        parts.append(view("intervention", action["interventions"]))
    if action["phases"]:
        parts.append(view("phase", action["phases"]))
    return "; ".join(parts)


def _flags(action: dict[str, Any]) -> list[str]:
    return [
        word for flag, word in (("overdue", "overdue"), ("in_place", "in place")) if action[flag]
    ]


# -- HTML ---------------------------------------------------------------------------------------


_ACTION_WORDS = {
    "nl": {"open": "open", "in-progress": "bezig", "done": "klaar", "dropped": "vervallen"},
    "en": {"open": "open", "in-progress": "in progress", "done": "done", "dropped": "dropped"},
}


def _state_word(state: str, lang: str) -> str:
    return STATE_WORDS[state][0 if lang == "nl" else 1] if state in STATE_WORDS else state


def local_html(model: ModelLike, lang: str = "nl") -> str:
    """The local picture of a profile: states, local gaps, candidates, fix, action plan;
    the section's own words in ``lang``, the model's text marked with its language."""
    w = WORDS[lang]
    mark = _mark(model, lang)
    picture = local_picture(model)
    plan = action_plan(model)
    names = _Names(model, w["none"], mark)
    when = w["on"].format(date=_e(picture["date"])) if picture["date"] else ""
    area = f"<span{mark}>{_e(picture['area'])}</span>" if mark else _e(picture["area"])
    out = [_p(w["intro"].format(area=area, when=when))]
    states = {key: _state_word(state, lang) for state, key in STATE_KEYS.items()}
    figures = "".join(
        f"<li><b>{picture['counts'][key]}</b>{_e(word)}</li>" for key, word in states.items()
    )
    out.append(f'<ul class="figures local-counts">{figures}</ul>')
    head = "".join(f'<th scope="col" class="n">{_e(s)}</th>' for s in states.values())
    rows = []
    for phase in picture["phases"]:
        here = _here(phase, picture)
        css = ' class="uncovered"' if here == "open here" else ""
        cells = "".join(
            f'<td class="n{" zero" if not phase[k] else ""}">{len(phase[k])}</td>' for k in _HEADERS
        )
        rows.append(
            f"<tr><td{mark}>{_e(phase['name'])}</td>{cells}<td{css}>{_e(w[here])}</td></tr>"
        )
    out.append(
        f'<table class="local-phases"><thead><tr><th scope="col">{w["phase"]}</th>{head}'
        f'<th scope="col">{w["here"]}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    out.append(f"<h3>{w['gaps']}</h3>")
    if picture["uncovered"]:
        out.append(
            _p(w["gaps_list"])
            + "<ul>"
            + "".join(
                f'<li><span class="tag uncovered">{w["open here"]}</span> '
                f"<span{mark}>{_e(names.get('phase', p))}</span> (<code>{_e(p)}</code>)</li>"
                for p in picture["uncovered"]
            )
            + "</ul>"
        )
    else:
        out.append(_p(w["no_gaps"]))
    if picture["single_partner"]:
        out.append(_p(w["single"].format(phases=names.html("phase", picture["single_partner"]))))
    out.append(f"<h3>{w['candidates']}</h3>")
    if picture["candidates"]:
        crow = "".join(
            f"<tr><td{mark}>{_e(names.get('intervention', c['intervention']))}</td>"
            f"<td>{_e(_state_word(c['state'], lang))}</td>"
            f"<td>{names.html('phase', c['closes'])}</td></tr>"
            for c in picture["candidates"]
        )
        out.append(
            _p(w["candidates_intro"])
            + f'<table class="local-candidates"><thead><tr><th scope="col">{w["barrier"]}</th>'
            f'<th scope="col">{w["state_here"]}</th><th scope="col">{w["closes"]}</th></tr>'
            f"</thead><tbody>{crow}</tbody></table>"
        )
    else:
        out.append(_p(w["no_candidates"]))
    fix = picture["smallest_fix"]
    proof = w["proven"] if fix["optimal"] else w["best"]
    out.append(f"<h3>{w['fix']}</h3>")
    out.append(
        _p(
            w["fix_line"].format(
                n=len(fix["interventions"]),
                proof=proof,
                names=names.html("intervention", fix["interventions"]),
            )
        )
    )
    out.append(f"<h3>{w['plan']}</h3>")
    out.append(_plan_html(plan, names, w, lang, mark))
    out.append(f"<h3>{w['without_plan']}</h3>")
    out.append(
        _p(w["without_plan_list"].format(phases=names.html("phase", plan["without_plan"])))
        if plan["without_plan"]
        else _p(w["all_planned"])
    )
    return "\n".join(out)


def _p(html_text: str) -> str:
    return f"<p>{html_text}</p>"


def _mark(model: Any, lang: str) -> str:
    """A ``lang`` attribute for the model's text where its language is not the page's."""
    from barriers.pages import model_language

    model_lang = model_language(model)
    return f' lang="{_e(model_lang)}"' if model_lang != lang else ""


def _plan_html(plan: dict[str, Any], names: _Names, w: dict[str, str], lang: str, mark: str) -> str:
    if not plan["actions"]:
        return _p(w["no_actions"])
    rows = []
    for n, a in enumerate(plan["actions"], 1):
        flags = "".join(
            f' <span class="tag {"uncovered" if f == "overdue" else "key"}">{_e(w[f])}</span>'
            for f in _flags(a)
        )
        owner = _e(names.get("partner", a["owner"])) if a["owner"] else ""
        note = f"<br><small>{_e(a['note'])}</small>" if a["note"] else ""
        state = _ACTION_WORDS[lang].get(a["state"], a["state"])
        rows.append(
            f'<tr><td class="n">{n}</td><td class="n">{_e(a["priority"] or "")}</td>'
            f"<td>{_e(a['due'] or '')}</td><td>{_e(state)}{flags}</td>"
            f"<td{mark}>{_e(a['title'])}{note}</td><td{mark}>{_about(a, names, 'html')}</td>"
            f"<td{mark}>{owner}</td></tr>"
        )
    return (
        '<table class="local-plan"><thead><tr><th scope="col" class="n">#</th>'
        f'<th scope="col" class="n">{w["priority"]}</th><th scope="col">{w["due"]}</th>'
        f'<th scope="col">{w["state"]}</th><th scope="col">{w["action"]}</th>'
        f'<th scope="col">{w["about"]}</th><th scope="col">{w["owner"]}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# -- markdown -----------------------------------------------------------------------------------


def local_markdown(model: ModelLike) -> list[str]:
    """Lines of the local picture as a markdown section (ends with an empty line)."""
    from barriers.export.markdown import table

    picture = local_picture(model)
    plan = action_plan(model)
    names = _Names(model)
    when = f" on {md_text(picture['date'])}" if picture["date"] else ""
    out = ["## The local picture", "", f"What is in place in {md_text(picture['area'])}{when}.", ""]
    out += table(
        ["phase", *_HEADERS.values(), "here"],
        [
            [md_text(p["name"]), *(str(len(p[k])) for k in _HEADERS), _here(p, picture)]
            for p in picture["phases"]
        ]
        + [["**all barriers**", *(f"**{picture['counts'][k]}**" for k in _HEADERS), ""]],
    )
    fix = picture["smallest_fix"]
    proof = "proven minimal" if fix["optimal"] else "best found within the search budget"
    out += [
        "",
        f"- Local gaps: {names.md('phase', picture['uncovered'])}.",
        f"- One partner here: {names.md('phase', picture['single_partner'])}.",
        f"- Smallest fix ({proof}): {names.md('intervention', fix['interventions'])}.",
        f"- Local gaps without a plan: {names.md('phase', plan['without_plan'])}.",
        "",
    ]
    if picture["candidates"]:
        out += ["### Candidates", ""]
        out += table(
            ["barrier", "state here", "closes"],
            [
                [
                    md_text(names.get("intervention", c["intervention"])),
                    c["state"],
                    names.md("phase", c["closes"]),
                ]
                for c in picture["candidates"]
            ],
        )
        out.append("")
    out += ["### The action plan", ""]
    if plan["actions"]:
        out += table(
            ["#", "priority", "due", "state", "action", "about", "owner", "flags"],
            [
                [
                    str(n),
                    str(a["priority"] or ""),
                    a["due"] or "",
                    a["state"],
                    md_text(a["title"]),
                    _about(a, names, "md"),
                    md_text(names.get("partner", a["owner"])) if a["owner"] else "",
                    ", ".join(_flags(a)),
                ]
                for n, a in enumerate(plan["actions"], 1)
            ],
        )
    else:
        out.append("No actions yet.")
    return [*out, ""]


# -- several places -----------------------------------------------------------------------------


def comparison_html(models: Sequence[ModelLike], lang: str = "nl") -> str:
    """A self-contained page comparing several profiles (the ``barriers local`` comparison);
    its own words in ``lang``, the profiles' text marked with the first one's language."""
    w = WORDS[lang]
    mark = _mark(models[0], lang) if models else ""
    answer = compare(models)
    areas = {a["id"]: a["area"] for a in answer["areas"]}
    ids = list(areas)

    def text(value: str) -> str:
        return f"<span{mark}>{_e(value)}</span>" if mark else _e(value)

    head = "".join(f'<th scope="col"{mark}>{_e(areas[i])}</th>' for i in ids)
    rows = "".join(
        f"<tr><td{mark}>{_e(b['name'])}</td>"
        + "".join(
            f'<td class="{_e(b["states"][i] or "missing")}">'
            f"{_e(_state_word(b['states'][i], lang) if b['states'][i] else w['not in model'])}"
            "</td>"
            for i in ids
        )
        + "</tr>"
        for b in answer["barriers"]
    )
    phases = "".join(
        f"<tr><td{mark}>{_e(p['name'])}</td><td>{len(p['open_in'])}</td>"
        f"<td{mark}>{', '.join(_e(areas[i]) for i in p['open_in']) or '—'}</td></tr>"
        for p in answer["phases"]
    )
    shared = "".join(
        "<li>"
        + w["shared_line"].format(name=text(p["name"]), n=len(p["open_in"]), of=len(ids))
        + "</li>"
        for p in answer["shared_gaps"]
    )
    listed = ", ".join(areas[i] for i in ids)
    title = w["compared"].format(areas=_e(listed))
    heading = w["compared"].format(areas=text(listed))
    csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:0 auto;"
        "padding:1.5rem}table{border-collapse:collapse;margin:.5rem 0 1rem}"
        "th,td{border:1px solid #b9bec6;padding:.25rem .45rem;text-align:left;"
        "vertical-align:top}td.in-place,td.partial{background:#e3f1e0}"
        "td.absent{background:#fbeaea}thead{display:table-header-group}"
        "@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}</style>\n"
        "</head>\n<body>\n"
        f"<h1>{heading}</h1>\n"
        f"<h2>{w['shared']}</h2>\n"
        + (f"<ul>{shared}</ul>" if shared else f"<p>{w['none'].capitalize()}.</p>")
        + f"\n<h2>{w['per_phase']}</h2>\n"
        f'<table><thead><tr><th scope="col">{w["phase"]}</th><th scope="col">{w["places"]}</th>'
        f'<th scope="col">{w["open_in"]}</th></tr></thead><tbody>{phases}</tbody></table>\n'
        f"<h2>{w['per_barrier']}</h2>\n"
        f'<table><thead><tr><th scope="col">{w["barrier"]}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>\n"
        f'<p><a href="index.html">{w["all_models"]}</a></p>\n</body>\n</html>\n'
    )
