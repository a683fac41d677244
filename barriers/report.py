"""The analyst's report: every answer of :mod:`barriers.analysis` about one model, on one page.

:func:`report_data` gathers the answers as plain data; :func:`report_html` and
:func:`report_markdown` draw them. The HTML page is self-contained (no script, no request:
its Content-Security-Policy allows inline styles only), printable (A4, the barrier table
on landscape pages), uses the map's colours, and escapes every text from the model; links
are made only for http(s) addresses.

>>> from barriers.load import load_model
>>> page = report_html(report_data(load_model("models/loverboys-general.yaml").model))
>>> page.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from barriers import analysis
from barriers.export._text import md_link, md_text, one_line
from barriers.export.coverage import CoverageMatrix, coverage_matrix
from barriers.export.table import BarrierTable, barrier_table
from barriers.graph import PARTNER, PHASE
from barriers.model import Model
from barriers.techniques import MECHANISMS

REPORT_FORMATS = ("html", "md")


@dataclass(frozen=True)
class Report:
    """What the report says about a model: the analyses' answers and the names to show."""

    model: Model
    names: dict[tuple[str, str], str]  # (kind, id) -> name
    summary: dict[str, Any]
    gaps: dict[str, Any]
    coverage: CoverageMatrix
    whatif: list[dict[str, Any]]  # per partner, most damaging first
    cover: dict[str, Any]
    routes: dict[str, Any]
    centrality: list[dict[str, Any]]
    mechanisms: dict[str, Any]
    table: BarrierTable

    def name(self, kind: str, item_id: str) -> str:
        return self.names.get((kind, item_id), item_id)

    @property
    def indispensable(self) -> list[str]:
        """Partners whose drop-out leaves a phase without any intervention."""
        return [w["partner"] for w in self.whatif if w["newly_uncovered"]]


def report_data(model: Model) -> Report:
    """The report of a resolved model: one call per analysis, on one shared graph."""
    f = analysis.facts(model)
    ranking = analysis.centrality(f)
    whatifs = []
    for entry in ranking:  # the centrality order: who matters most first
        answer = analysis.whatif(f, [entry["id"]])
        whatifs.append({"partner": entry["id"], **answer})
    whatifs.sort(
        key=lambda w: (-len(w["newly_uncovered"]), -len(w["lost_interventions"]), w["partner"])
    )
    return Report(
        model=model,
        names=dict(f.names),
        summary=analysis.summary(f),
        gaps=analysis.gaps(f),
        coverage=coverage_matrix(model, f),
        whatif=whatifs,
        cover=analysis.cover(f),
        routes=analysis.routes(f, limit=5),
        centrality=ranking,
        mechanisms=analysis.mechanisms(f),
        table=barrier_table(model),
    )


# -- HTML ---------------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(url: str | None, text: str) -> str:
    """A link only for an http(s) address; anything else is shown as text."""
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'
    return _e(text)


def _colours() -> dict[str, str]:
    from barriers.map.render import PARTNER_COLOR, PHASE_COLOR, SINGLE_COLOR, UNCOVERED_COLOR

    return {
        "phase": PHASE_COLOR["background"],
        "uncovered": UNCOVERED_COLOR["background"],
        "single": SINGLE_COLOR["background"],
        "partner": PARTNER_COLOR["background"],
        "partner_border": PARTNER_COLOR["border"],
    }


_CSS = """
:root { --phase: %(phase)s; --uncovered: %(uncovered)s; --single: %(single)s;
  --partner: %(partner)s; --partner-border: %(partner_border)s; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; margin: 0 auto; max-width: 72rem; padding: 1.5rem; overflow-wrap: break-word; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 3px solid var(--phase); break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; break-after: avoid; }
p.meta { color: #444; margin: 0 0 1rem; }
nav ol { columns: 2; margin: .5rem 0 1rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
  gap: .6rem; margin: 1rem 0; padding: 0; list-style: none; }
.figures li { border: 1px solid #c8ccd2; border-radius: 6px; padding: .5rem .7rem; }
.figures b { display: block; font-size: 1.6rem; line-height: 1.1; }
.figures li.alert { border-color: var(--uncovered); background: #fbeaea; }
.figures li.warn { border-color: var(--single); background: #fdf1e3; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%%; }
th, td { border: 1px solid #b9bec6; padding: .25rem .45rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--phase); color: #fff; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: #888; }
th.uncovered, td.uncovered { background: var(--uncovered); color: #fff; }
th.single { background: var(--single); color: #fff; }
td.hit { background: #e3f1e0; }
tfoot td { font-weight: bold; background: #f1f3f6; }
.tag { display: inline-block; border-radius: 3px; padding: 0 .35rem; font-size: .8rem;
  font-weight: 600; color: #fff; }
.tag.uncovered { background: var(--uncovered); }
.tag.single { background: var(--single); }
.tag.key { background: var(--phase); }
.partner { background: var(--partner); border: 1px solid var(--partner-border);
  border-radius: 3px; padding: 0 .3rem; }
ol.route { display: flex; flex-wrap: wrap; gap: .3rem; list-style: none; padding: 0; }
ol.route li { background: var(--phase); color: #fff; border-radius: 4px; padding: .2rem .6rem; }
ol.route li.uncovered { background: var(--uncovered); }
ol.route li + li::before { content: "→ "; }
.group th { background: #e9edf3; color: #111; text-align: left; }
.scroll { overflow-x: auto; }
.barrier-table { font-size: .85rem; }
.barrier-table td:first-child { font-weight: 600; min-width: 12rem; }
.barrier-table td { min-width: 8rem; }
.barrier-table ul { margin: 0; padding-left: 1rem; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
@page { size: A4; margin: 14mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section.wide { page: wide; break-before: page; }
  .scroll { overflow: visible; }
  .barrier-table td, .barrier-table td:first-child { min-width: 0; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: #444; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

SECTIONS = (
    ("local", "The local picture"),
    ("summary", "Summary"),
    ("gaps", "Uncovered and single-partner phases"),
    ("coverage", "Coverage matrix"),
    ("whatif", "What if a partner drops out"),
    ("cover", "Who must be at the table"),
    ("routes", "The weakest route"),
    ("centrality", "Centrality"),
    ("mechanisms", "Prevention mechanisms"),
    ("table", "The barrier table"),
    ("notes", "Notes"),
    ("sources", "Sources"),
)


def report_html(report: Report) -> str:
    """The report as one self-contained, printable HTML page."""
    model = report.model
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(_lang(model))}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="barriers">',
        f"<title>{_e(one_line(model.title))} — report</title>",
        f"<style>{_CSS % _colours()}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(model.title)}</h1>",
        f'<p class="meta">{_meta(model)}</p>',
    ]
    if model.description:
        parts.append(f"<p>{_e(model.description)}</p>")
    parts.append("</header>")
    parts.append(
        '<nav aria-label="Contents"><ol>'
        + "".join(
            f'<li><a href="#{key}">{_e(title)}</a></li>'
            for key, title in SECTIONS
            if key not in _skipped(report)
        )
        + "</ol></nav>"
    )
    parts += [
        *([] if "local" in _skipped(report) else [_section("local", _local_html(model))]),
        _section("summary", _summary_html(report)),
        _section("gaps", _gaps_html(report)),
        _section("coverage", _coverage_html(report)),
        _section("whatif", _whatif_html(report)),
        _section("cover", _cover_html(report)),
        _section("routes", _routes_html(report)),
        _section("centrality", _centrality_html(report)),
        _section("mechanisms", _mechanisms_html(report)),
        _section("table", _table_html(report.table), wide=True),
        *([] if "notes" in _skipped(report) else [_section("notes", _notes_html(model))]),
        _section("sources", _sources_html(model)),
        "<footer>Made by barriers from the model file; every figure comes from the same "
        "analyses as <code>barriers gaps</code>, <code>whatif</code>, <code>cover</code>, "
        "<code>routes</code> and <code>centrality</code>.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _lang(model: Model) -> str:
    language = (model.language or "nl").strip()
    return language if language.replace("-", "").isalnum() and len(language) <= 12 else "nl"


def _meta(model: Model) -> str:
    bits = [f"Model <code>{_e(model.id)}</code>"]
    if model.variant:
        bits.append(f"variant {_e(model.variant)}")
    if model.version:
        bits.append(f"version {_e(model.version)}")
    if model.region:
        bits.append(f"region {_e(model.region)}")
    if model.authors:
        bits.append("by " + _e(", ".join(model.authors)))
    return " · ".join(bits)


def _section(key: str, body: str, *, wide: bool = False) -> str:
    title = dict(SECTIONS)[key]
    css = ' class="wide"' if wide else ""
    return f'<section id="{key}"{css}>\n<h2>{_e(title)}</h2>\n{body}\n</section>'


def _summary_html(report: Report) -> str:
    s = report.summary
    figures = [
        ("phases", s["phases"], ""),
        ("partners", s["partners"], ""),
        ("interventions", s["interventions"], ""),
        ("uncovered phases", s["uncovered"], "alert" if s["uncovered"] else ""),
        ("single-partner phases", s["single_partner"], "warn" if s["single_partner"] else ""),
        ("idle partners", s["idle_partners"], "warn" if s["idle_partners"] else ""),
        ("indispensable partners", len(report.indispensable), ""),
        ("partners in the cover", s["cover_size"], ""),
        ("routes", s["routes"], ""),
        ("weakest route strength", s["weakest_strength"], ""),
        ("without a technique", s["without_technique"], ""),
    ]
    items = "".join(
        f'<li class="{css}"><b>{value}</b>{_e(label)}</li>'
        if css
        else f"<li><b>{value}</b>{_e(label)}</li>"
        for label, value, css in figures
    )
    return f'<ul class="figures">{items}</ul>'


def _names(report: Report, kind: str, ids: Iterable[str]) -> str:
    return ", ".join(_e(report.name(kind, i)) for i in ids)


def _gaps_html(report: Report) -> str:
    g = report.gaps
    out = ["<h3>Uncovered phases</h3>"]
    if g["uncovered"]:
        out.append(
            "<p>No intervention acts on these phases:</p><ul>"
            + "".join(
                f'<li><span class="tag uncovered">uncovered</span> '
                f"{_e(report.name(PHASE, p))} (<code>{_e(p)}</code>)</li>"
                for p in g["uncovered"]
            )
            + "</ul>"
        )
    else:
        out.append("<p>None: an intervention acts on every phase.</p>")
    out.append("<h3>Single-partner phases</h3>")
    if g["single_partner"]:
        by_phase = analysis.partners_by_phase(report.model, g["single_partner"])
        out.append(
            "<p>One partner alone raises every barrier here: one drop-out from a gap.</p><ul>"
            + "".join(
                f'<li><span class="tag single">one partner</span> {_e(report.name(PHASE, p))}: '
                f'<span class="partner">{_names(report, PARTNER, by_phase[p])}</span></li>'
                for p in g["single_partner"]
            )
            + "</ul>"
        )
    else:
        out.append("<p>None.</p>")
    if g["idle_partners"]:
        out.append(
            "<h3>Idle partners</h3><p>Partners that raise no intervention: "
            + _names(report, PARTNER, g["idle_partners"])
            + ".</p>"
        )
    return "\n".join(out)


def _phase_class(report: Report, phase_id: str) -> str:
    if phase_id in report.gaps["uncovered"]:
        return "uncovered"
    if phase_id in report.gaps["single_partner"]:
        return "single"
    return ""


def _coverage_html(report: Report) -> str:
    m = report.coverage
    head = "".join(
        f'<th class="n {_phase_class(report, pid)}" scope="col">{_e(name)}</th>'
        for pid, name in zip(m.phase_ids, m.phase_names, strict=True)
    )
    rows = []
    for k, name in enumerate(m.partner_names):
        cells = []
        for i in range(len(m.phase_ids)):
            n = m.counts[i][k]
            cells.append(f'<td class="n hit">{n}</td>' if n else '<td class="n zero">·</td>')
        rows.append(f'<tr><th scope="row">{_e(name)}</th>{"".join(cells)}</tr>')
    totals = "".join(f'<td class="n {"uncovered" if not t else ""}">{t}</td>' for t in m.totals)
    return (
        "<p>Interventions per partner (rows) in each phase (columns, in process order). "
        "Red: no intervention; amber: a single partner.</p>"
        f'<div class="scroll"><table class="coverage"><thead><tr><th scope="col">Partner</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        f"<tfoot><tr><td>All partners</td>{totals}</tr></tfoot></table></div>"
    )


def _whatif_html(report: Report) -> str:
    rows = []
    for w in report.whatif:
        key = '<span class="tag key">indispensable</span> ' if w["newly_uncovered"] else ""
        weakened = ", ".join(
            f"{_e(report.name(PHASE, x['id']))} ({x['before']}→{x['after']})" for x in w["weakened"]
        )
        rows.append(
            f'<tr><th scope="row">{key}{_e(report.name(PARTNER, w["partner"]))}</th>'
            f"<td>{_names(report, PHASE, w['newly_uncovered']) or '—'}</td>"
            f'<td class="n">{len(w["lost_interventions"])}</td>'
            f"<td>{weakened or '—'}</td></tr>"
        )
    lead = (
        f"<p><b>{len(report.indispensable)}</b> partner(s) are indispensable: without them a "
        "phase has no intervention left.</p>"
    )
    return (
        lead + '<table class="whatif"><thead><tr><th scope="col">Without</th>'
        '<th scope="col">Phases left uncovered</th><th scope="col" class="n">Interventions '
        'lost</th><th scope="col">Phases weakened (before→after)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _cover_html(report: Report) -> str:
    c = report.cover
    proof = "proven minimal" if c["optimal"] else "the best found within the search budget"
    out = [
        f"<p>The smallest set of partners whose interventions reach every phase that any "
        f"intervention reaches: <b>{len(c['partners'])}</b> partner(s) ({proof}).</p>",
        "<ul>"
        + "".join(
            f'<li><span class="partner">{_e(report.name(PARTNER, p))}</span></li>'
            for p in c["partners"]
        )
        + "</ul>",
    ]
    if c["uncoverable"]:
        out.append("<p>No partner can cover: " + _names(report, PHASE, c["uncoverable"]) + ".</p>")
    return "\n".join(out)


def _route_html(report: Report, phases: Sequence[str]) -> str:
    by_phase = report.coverage
    count = dict(zip(by_phase.phase_ids, by_phase.totals, strict=True))
    return (
        '<ol class="route">'
        + "".join(
            f'<li class="{"uncovered" if not count[p] else ""}">'
            f"{_e(report.name(PHASE, p))} ({count[p]})</li>"
            for p in phases
        )
        + "</ol>"
    )


def _routes_html(report: Report) -> str:
    r = report.routes
    weakest = r["weakest"]
    out = [
        f"<p>The offender's route that meets the fewest barriers (strength "
        f"<b>{weakest['strength']}</b>, the sum of the interventions on its phases), out of "
        f"{r['count']} route(s):</p>",
        _route_html(report, weakest["phases"]),
    ]
    others = [x for x in r["routes"] if x["phases"] != weakest["phases"]]
    if others:
        out.append("<h3>Next weakest routes</h3>")
        out.extend(
            f"<p>Strength {x['strength']}:</p>{_route_html(report, x['phases'])}" for x in others
        )
    return "\n".join(out)


def _centrality_html(report: Report) -> str:
    rows = "".join(
        f'<tr><td class="n">{c["rank"]}</td><th scope="row">{_e(c["name"])}</th>'
        f"<td>{_names(report, PHASE, c['alone_covers']) or '—'}</td>"
        f'<td class="n">{len(c["reaches"])}</td><td class="n">{c["interventions"]}</td>'
        f'<td class="n">{c["sole_interventions"]}</td></tr>'
        for c in report.centrality
    )
    return (
        "<p>Partners ranked by how much rests on them: phases they cover alone, then phases "
        "reached, then interventions.</p>"
        '<table class="centrality"><thead><tr><th scope="col" class="n">Rank</th>'
        '<th scope="col">Partner</th><th scope="col">Alone covers</th>'
        '<th scope="col" class="n">Phases reached</th><th scope="col" class="n">'
        'Interventions</th><th scope="col" class="n">Alone</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _mechanisms_html(report: Report) -> str:
    head = "".join(f'<th scope="col" class="n">{_e(m.en)}</th>' for m in MECHANISMS)
    rows = []
    for pid, answer in report.mechanisms.items():
        cells = "".join(
            f'<td class="n hit">{len(ids)}</td>' if ids else '<td class="n zero">·</td>'
            for ids in answer["by_mechanism"].values()
        )
        rows.append(
            f'<tr><th scope="row">{_e(report.name(PHASE, pid))}</th>{cells}'
            f'<td class="n">{len(answer["without_technique"])}</td></tr>'
        )
    return (
        "<p>Interventions per phase by situational crime prevention mechanism (Cornish &amp; "
        "Clarke); care and aftercare usually carry no technique.</p>"
        f'<table class="mechanisms"><thead><tr><th scope="col">Phase</th>{head}'
        '<th scope="col" class="n">No technique</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _table_html(table: BarrierTable) -> str:
    head = "".join(
        f'<th scope="col">{n}. {_e(name)}</th>' for n, (_, name) in enumerate(table.phases, 1)
    )
    width = len(table.phases) + 1
    body = []
    for group in table.groups:
        body.append(
            f'<tr class="group"><th colspan="{width}" scope="rowgroup">{_e(group.label)} '
            f"({len(group.rows)})</th></tr>"
        )
        for row in group.rows:
            cells = "".join(
                '<td class="hit"><ul>' + "".join(f"<li>{_e(n)}</li>" for n in cell) + "</ul></td>"
                if cell
                else "<td></td>"
                for cell in row.cells
            )
            body.append(f"<tr><td>{_e(row.name)}</td>{cells}</tr>")
    if not body:
        return "<p>No interventions in this model yet.</p>"
    return (
        "<p>The classic barrier-model table: the barriers by type (rows), the phases in "
        "process order (columns), and in each cell the partners who raise the barrier there.</p>"
        f'<div class="scroll"><table class="barrier-table"><thead><tr><th scope="col">'
        f"Barrier</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _skipped(report: Report) -> set[str]:
    """Sections a model has nothing for (left out of the page and its contents)."""
    from barriers.local import is_profile
    from barriers.notes import model_notes

    skipped = set() if model_notes(report.model) else {"notes"}
    return skipped if is_profile(report.model) else skipped | {"local"}


def _local_html(model: Model) -> str:
    from barriers.report_local import local_html

    return local_html(model)


def _notes_html(model: Model) -> str:
    from barriers.notes import notes_html

    return notes_html(model)


def _sources_html(model: Model) -> str:
    if not model.sources:
        return "<p>The model cites no sources.</p>"
    items = []
    for s in model.sources:
        bits = [_link(s.url, s.title)]
        if s.publisher:
            bits.append(_e(s.publisher))
        if s.year:
            bits.append(str(s.year))
        if s.accessed:
            bits.append(f"read {_e(s.accessed)}")
        items.append(f"<li><code>{_e(s.id)}</code>: {', '.join(bits)}</li>")
    return f"<ul>{''.join(items)}</ul>"


# -- markdown -----------------------------------------------------------------------------------


def report_markdown(report: Report) -> str:
    """The report as a markdown document (GitHub-flavoured tables, every text escaped)."""
    from barriers.export.markdown import table

    model = report.model
    s = report.summary
    g = report.gaps
    out = [f"# {md_text(model.title)}", "", f"Model `{model.id}`."]
    if model.variant:
        out[-1] += f" Variant {md_text(model.variant)}."
    out.append("")
    if model.description:
        out += [md_text(model.description), ""]
    out += _local_markdown(model)
    out += ["## Summary", ""]
    out += table(
        ["figure", "value"],
        [
            ["phases", str(s["phases"])],
            ["partners", str(s["partners"])],
            ["interventions", str(s["interventions"])],
            ["uncovered phases", str(s["uncovered"])],
            ["single-partner phases", str(s["single_partner"])],
            ["idle partners", str(s["idle_partners"])],
            ["indispensable partners", str(len(report.indispensable))],
            ["partners in the cover", str(s["cover_size"])],
            ["routes", str(s["routes"])],
            ["weakest route strength", str(s["weakest_strength"])],
            ["without a technique", str(s["without_technique"])],
        ],
    )

    def names(kind: str, ids: Iterable[str]) -> str:
        return ", ".join(md_text(report.name(kind, i)) for i in ids)

    out += ["", "## Uncovered and single-partner phases", ""]
    out.append(f"- Uncovered: {names(PHASE, g['uncovered']) or 'none'}.")
    single = analysis.partners_by_phase(model, g["single_partner"]) if g["single_partner"] else {}
    out.append(
        "- Single partner: "
        + (
            "; ".join(f"{names(PHASE, [p])} ({names(PARTNER, single[p])})" for p in single)
            or "none"
        )
        + "."
    )
    out.append(f"- Idle partners: {names(PARTNER, g['idle_partners']) or 'none'}.")
    m = report.coverage
    out += ["", "## Coverage matrix", ""]
    out += table(
        ["partner", *(md_text(n) for n in m.phase_names)],
        [
            [md_text(name), *(str(row[k]) if row[k] else "·" for row in m.counts)]
            for k, name in enumerate(m.partner_names)
        ]
        + [["**all partners**", *(f"**{t}**" for t in m.totals)]],
    )
    out += ["", "## What if a partner drops out", ""]
    out += table(
        ["without", "phases left uncovered", "interventions lost", "phases weakened"],
        [
            [
                ("**indispensable:** " if w["newly_uncovered"] else "")
                + md_text(report.name(PARTNER, w["partner"])),
                names(PHASE, w["newly_uncovered"]) or "—",
                str(len(w["lost_interventions"])),
                ", ".join(
                    f"{md_text(report.name(PHASE, x['id']))} ({x['before']}→{x['after']})"
                    for x in w["weakened"]
                )
                or "—",
            ]
            for w in report.whatif
        ],
    )
    c = report.cover
    proof = "proven minimal" if c["optimal"] else "best found within the search budget"
    out += ["", "## Who must be at the table", ""]
    out.append(f"{len(c['partners'])} partner(s), {proof}: {names(PARTNER, c['partners'])}.")
    weakest = report.routes["weakest"]
    out += ["", "## The weakest route", ""]
    out.append(
        f"Strength {weakest['strength']} of {report.routes['count']} route(s): "
        + " → ".join(md_text(report.name(PHASE, p)) for p in weakest["phases"])
    )
    out += ["", "## Centrality", ""]
    out += table(
        ["rank", "partner", "alone covers", "phases reached", "interventions"],
        [
            [
                str(x["rank"]),
                md_text(x["name"]),
                names(PHASE, x["alone_covers"]) or "—",
                str(len(x["reaches"])),
                str(x["interventions"]),
            ]
            for x in report.centrality
        ],
    )
    out += ["", "## The barrier table", ""]
    t = report.table
    rows = []
    for group in t.groups:
        for row in group.rows:
            rows.append(
                [md_text(group.label), md_text(row.name)]
                + ["<br>".join(md_text(n) for n in cell) for cell in row.cells]
            )
    out += table(["type", "barrier", *(md_text(n) for _, n in t.phases)], rows)
    out += _notes_markdown(model)
    if model.sources:
        out += ["", "## Sources", ""]
        for src in model.sources:
            shown = md_link(src.title, src.url)
            out.append(f"- `{src.id}`: {shown}")
    return "\n".join(out) + "\n"


def _local_markdown(model: Model) -> list[str]:
    from barriers.local import is_profile
    from barriers.report_local import local_markdown

    return local_markdown(model) if is_profile(model) else []


def _notes_markdown(model: Model) -> list[str]:
    from barriers.notes import notes_markdown

    lines = notes_markdown(model)
    return ["", *lines[:-1]] if lines else []


def render_report(model: Model, fmt: str) -> str:
    """The report of ``model`` as ``html`` or ``md`` text."""
    data = report_data(model)
    return report_html(data) if fmt == "html" else report_markdown(data)
