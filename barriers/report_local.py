"""The local picture in the report, and the comparison page of several places (site).

The answers come from :mod:`barriers.local`; these functions only draw them, as HTML (every
text escaped) for :mod:`barriers.report` and :mod:`barriers.site`, and as markdown.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from barriers.export._text import md_text
from barriers.local import STATE_KEYS, STATE_WORDS, action_plan, compare, local_picture

_HEADERS = {key: STATE_WORDS[state][1] for state, key in STATE_KEYS.items()}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Names:
    def __init__(self, model: Any) -> None:
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
        return ", ".join(_e(self.get(kind, i)) for i in ids) or "none"

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


def local_html(model: Any) -> str:
    """The local picture of a profile: states, local gaps, candidates, fix, action plan."""
    picture = local_picture(model)
    plan = action_plan(model)
    names = _Names(model)
    when = f" on {_e(picture['date'])}" if picture["date"] else ""
    out = [f"<p>What is in place in <b>{_e(picture['area'])}</b>{when}, against the model.</p>"]
    figures = "".join(
        f"<li><b>{picture['counts'][key]}</b>{_e(word)}</li>" for key, word in _HEADERS.items()
    )
    out.append(f'<ul class="figures local-counts">{figures}</ul>')
    head = "".join(f'<th scope="col" class="n">{_e(w)}</th>' for w in _HEADERS.values())
    rows = []
    for phase in picture["phases"]:
        here = _here(phase, picture)
        css = ' class="uncovered"' if here == "open here" else ""
        cells = "".join(
            f'<td class="n{" zero" if not phase[k] else ""}">{len(phase[k])}</td>' for k in _HEADERS
        )
        rows.append(f"<tr><td>{_e(phase['name'])}</td>{cells}<td{css}>{_e(here)}</td></tr>")
    out.append(
        f'<table class="local-phases"><thead><tr><th scope="col">Phase</th>{head}'
        f'<th scope="col">Here</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    out.append("<h3>Local gaps</h3>")
    if picture["uncovered"]:
        out.append(
            "<p>The model has barriers for these phases, but none is in place here:</p><ul>"
            + "".join(
                f'<li><span class="tag uncovered">open here</span> '
                f"{_e(names.get('phase', p))} (<code>{_e(p)}</code>)</li>"
                for p in picture["uncovered"]
            )
            + "</ul>"
        )
    else:
        out.append("<p>None: every phase the model covers has a barrier in place here.</p>")
    if picture["single_partner"]:
        out.append(
            f"<p>Resting on one partner here: {names.html('phase', picture['single_partner'])}.</p>"
        )
    out.append("<h3>Candidates</h3>")
    if picture["candidates"]:
        crow = "".join(
            f"<tr><td>{_e(names.get('intervention', c['intervention']))}</td>"
            f"<td>{_e(c['state'])}</td><td>{names.html('phase', c['closes'])}</td></tr>"
            for c in picture["candidates"]
        )
        out.append(
            "<p>Barriers not in place here that would close a local gap, most gaps first.</p>"
            '<table class="local-candidates"><thead><tr><th scope="col">Barrier</th>'
            '<th scope="col">State here</th><th scope="col">Closes</th></tr></thead>'
            f"<tbody>{crow}</tbody></table>"
        )
    else:
        out.append("<p>None needed.</p>")
    fix = picture["smallest_fix"]
    proof = "proven minimal" if fix["optimal"] else "the best found, not proven minimal"
    out.append("<h3>The smallest fix</h3>")
    out.append(
        f"<p>{len(fix['interventions'])} barrier(s), {proof}: "
        f"{names.html('intervention', fix['interventions'])}.</p>"
    )
    out.append("<h3>The action plan</h3>")
    out.append(_plan_html(plan, names))
    out.append("<h3>Local gaps without a plan</h3>")
    out.append(
        "<p>No open or in-progress action addresses: "
        f"{names.html('phase', plan['without_plan'])}.</p>"
        if plan["without_plan"]
        else "<p>None: every local gap has an open or in-progress action.</p>"
    )
    return "\n".join(out)


def _plan_html(plan: dict[str, Any], names: _Names) -> str:
    if not plan["actions"]:
        return "<p>No actions yet.</p>"
    rows = []
    for n, a in enumerate(plan["actions"], 1):
        flags = "".join(
            f' <span class="tag {"uncovered" if f == "overdue" else "key"}">{_e(f)}</span>'
            for f in _flags(a)
        )
        owner = _e(names.get("partner", a["owner"])) if a["owner"] else ""
        note = f"<br><small>{_e(a['note'])}</small>" if a["note"] else ""
        rows.append(
            f'<tr><td class="n">{n}</td><td class="n">{_e(a["priority"] or "")}</td>'
            f"<td>{_e(a['due'] or '')}</td><td>{_e(a['state'])}{flags}</td>"
            f"<td>{_e(a['title'])}{note}</td><td>{_about(a, names, 'html')}</td>"
            f"<td>{owner}</td></tr>"
        )
    return (
        '<table class="local-plan"><thead><tr><th scope="col" class="n">#</th>'
        '<th scope="col" class="n">Priority</th><th scope="col">Due</th>'
        '<th scope="col">State</th><th scope="col">Action</th><th scope="col">About</th>'
        f'<th scope="col">Owner</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


# -- markdown -----------------------------------------------------------------------------------


def local_markdown(model: Any) -> list[str]:
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


def comparison_html(models: Sequence[Any]) -> str:
    """A self-contained page comparing several profiles (the ``barriers local`` comparison)."""
    answer = compare(models)
    areas = {a["id"]: a["area"] for a in answer["areas"]}
    ids = list(areas)
    head = "".join(f'<th scope="col">{_e(areas[i])}</th>' for i in ids)
    rows = "".join(
        f"<tr><td>{_e(b['name'])}</td>"
        + "".join(
            f'<td class="{_e(b["states"][i] or "missing")}">'
            f"{_e(b['states'][i] or 'not in model')}</td>"
            for i in ids
        )
        + "</tr>"
        for b in answer["barriers"]
    )
    phases = "".join(
        f"<tr><td>{_e(p['name'])}</td><td>{len(p['open_in'])}</td>"
        f"<td>{', '.join(_e(areas[i]) for i in p['open_in']) or '—'}</td></tr>"
        for p in answer["phases"]
    )
    shared = "".join(
        f"<li>{_e(p['name'])}: open in {len(p['open_in'])} of {len(ids)}</li>"
        for p in answer["shared_gaps"]
    )
    title = "Local profiles compared: " + ", ".join(areas[i] for i in ids)
    csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n"
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:0 auto;"
        "padding:1.5rem}table{border-collapse:collapse;margin:.5rem 0 1rem}"
        "th,td{border:1px solid #b9bec6;padding:.25rem .45rem;text-align:left;"
        "vertical-align:top}td.in-place,td.partial{background:#e3f1e0}"
        "td.absent{background:#fbeaea}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n"
        "<h2>Gaps shared by most places</h2>\n"
        + (f"<ul>{shared}</ul>" if shared else "<p>None.</p>")
        + "\n<h2>Per phase: the places that leave it open</h2>\n"
        '<table><thead><tr><th scope="col">Phase</th><th scope="col">Places</th>'
        f'<th scope="col">Open in</th></tr></thead><tbody>{phases}</tbody></table>\n'
        "<h2>Per barrier: its state in each place</h2>\n"
        f'<table><thead><tr><th scope="col">Barrier</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>\n"
        '<p><a href="index.html">All models</a></p>\n</body>\n</html>\n'
    )
