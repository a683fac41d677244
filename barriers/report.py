"""The analyst's report: every answer of :mod:`barriers.analysis` about one model, on one page.

:func:`report_data` gathers the answers as plain data; :func:`report_html` and
:func:`report_markdown` draw them. The HTML page is self-contained (no script, no request:
its Content-Security-Policy allows inline styles only), printable (A4; the coverage matrix and
the barrier table on landscape pages, every table within its page's width, headers repeated
on each page and colours printed even without the browser's "background graphics"), uses the map's colours, and escapes every text from the model; links
are made only for http(s) addresses.

>>> from barriers.load import load_model
>>> page = report_html(report_data(load_model("models/loverboys-general.yaml").model))
>>> page.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace

from barriers import analysis
from barriers.analysis import tables
from barriers.analysis.cover import COVER_VERSUS_INDISPENSABLE
from barriers.analysis.coverage import reach
from barriers.analysis.matrix import BarrierTable, CoverageMatrix, barrier_table, coverage_matrix
from barriers.analysis.tables import Table
from barriers.export._text import md_link, md_text, one_line
from barriers.graph import PHASE
from barriers.model import Model

REPORT_FORMATS = ("html", "md")
# The report calls a phase thin when fewer distinct partners than this raise its barriers
# (`barriers gaps --min-partners 2`): one drop-out from losing its last partner.
THIN_PARTNERS = 2
# Grids with more cells than this are not drawn on a page (nobody reads 100,000 columns, and
# the page would grow with phases times barriers); the report says so and lists instead.
MAX_GRID_CELLS = 200_000


@dataclass(frozen=True)
class Report:
    """What the report says about a model: the analyses' answers and the names to show."""

    model: Model
    names: dict[tuple[str, str], str]  # (kind, id) -> name
    summary: analysis.Summary
    gaps: analysis.Gaps
    coverage: CoverageMatrix
    whatif: list[analysis.WhatIf]  # one partner each, most damaging first
    cover: analysis.Cover
    routes: analysis.Routes
    centrality: list[analysis.CentralityEntry]
    mechanisms: dict[str, analysis.PhaseMechanisms]
    table: BarrierTable | None  # None when too big for a page
    resilience: analysis.Resilience
    facts: analysis.Facts

    def name(self, kind: str, item_id: str) -> str:
        return self.names.get((kind, item_id), item_id)

    @property
    def indispensable(self) -> list[str]:
        """Partners whose drop-out leaves a phase without any intervention."""
        return [w["without"][0] for w in self.whatif if w["newly_uncovered"]]

    def tables(self) -> dict[str, Table]:
        """The answers laid out as the CLI lays them out (:mod:`barriers.analysis.tables`)."""
        f = self.facts
        return {
            "gaps": tables.gaps_table(self.gaps, f),
            "coverage": tables.coverage_table(self.coverage),
            "whatif": tables.dropouts_table(self.whatif, f),
            "cover": tables.cover_table(self.cover, f, reach(f)),
            "routes": tables.routes_table(self.routes, f),
            "centrality": tables.centrality_table(self.centrality, f),
            "resilience": tables.resilience_table(self.resilience, f),
            "mechanisms": tables.mechanisms_table(self.mechanisms, f),
        }


def report_data(model: Model) -> Report:
    """The report of a resolved model: one call per analysis, on one shared set of facts."""
    f = analysis.facts(model)
    ranking = analysis.centrality(f)
    whatifs = [analysis.whatif(f, [entry["id"]]) for entry in ranking]
    whatifs.sort(
        key=lambda w: (-len(w["newly_uncovered"]), -len(w["lost_interventions"]), w["without"])
    )
    found = analysis.gaps(f, min_partners=THIN_PARTNERS)
    best = analysis.cover(f)
    paths = analysis.routes(f, limit=5)
    matrix = coverage_matrix(model, f)
    cells = len(f.phases) * len(f.interventions)
    return Report(
        model=model,
        names=dict(f.names),
        summary=analysis.summary(f, found=found, best=best, paths=paths),
        gaps=found,
        coverage=matrix,
        whatif=whatifs,
        cover=best,
        routes=paths,
        centrality=ranking,
        mechanisms=analysis.mechanisms(f),
        table=barrier_table(model) if cells <= MAX_GRID_CELLS else None,
        resilience=analysis.resilience(f),
        facts=f,
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
    from barriers.palette import PARTNER_COLOR, PHASE_COLOR, SINGLE_COLOR, UNCOVERED_COLOR

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
  /* the browser's default leaves out backgrounds: the headers' white text would vanish */
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section.wide { page: wide; break-before: page; }
  .scroll { overflow: visible; }
  /* a table never runs past the page: a long word breaks rather than push a column off */
  td { overflow-wrap: anywhere; }
  th { overflow-wrap: normal; }
  table.barrier-table { table-layout: fixed; font-size: 8pt; }
  .barrier-table th, .barrier-table td { padding: .15rem .25rem; }
  .barrier-table td, .barrier-table td:first-child { min-width: 0; }
  .barrier-table col.barrier { width: 16%%; }
  /* the partners of a cell run on as one line each ("a · b") to keep rows short */
  .barrier-table ul { padding: 0; list-style: none; }
  .barrier-table li { display: inline; }
  .barrier-table li + li::before { content: " · "; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: #444; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

SECTIONS = (
    ("local", "The local picture"),
    ("summary", "Summary"),
    ("gaps", "Uncovered, single-partner and thin phases"),
    ("coverage", "Coverage matrix"),
    ("whatif", "What if a partner drops out"),
    ("cover", "Who must be at the table"),
    ("resilience", "How many drop-outs each phase withstands"),
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
    laid_out = report.tables()
    skipped = _skipped(report)
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
            if key not in skipped
        )
        + "</ol></nav>"
    )
    parts += [
        *([] if "local" in skipped else [_section("local", _local_html(model))]),
        _section("summary", _summary_html(report)),
        _section("gaps", _p(_THIN_WORDS) + _grid_html(laid_out["gaps"], "gaps")),
        _section("coverage", _coverage_html(report, laid_out["coverage"]), wide=True),
        _section("whatif", _grid_html(laid_out["whatif"], "whatif")),
        _section("cover", _p(_cover_words(report)) + _grid_html(_cover_only(laid_out), "cover")),
        _section("resilience", _grid_html(laid_out["resilience"], "resilience")),
        _section("routes", _routes_html(report)),
        _section("centrality", _grid_html(laid_out["centrality"], "centrality")),
        _section("mechanisms", _grid_html(laid_out["mechanisms"], "mechanisms")),
        _section("table", _table_html(report), wide=True),
        *([] if "notes" in skipped else [_section("notes", _notes_html(model))]),
        _section("sources", _sources_html(model)),
        "<footer>Made by barriers from the model file; every figure comes from the same "
        "analyses as <code>barriers gaps</code>, <code>whatif</code>, <code>cover</code>, "
        "<code>resilience</code>, <code>routes</code> and <code>centrality</code>.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


_THIN_WORDS = (
    f"The report calls a phase thin when fewer than {THIN_PARTNERS} distinct partners raise "
    f"its barriers (as <code>barriers gaps --min-partners {THIN_PARTNERS}</code> does): "
    "one drop-out away from a single partner or none."
)


def _p(html_text: str) -> str:
    return f"<p>{html_text}</p>"


def _cover_only(laid_out: dict[str, Table]) -> Table:
    """The cover table without the sentence the what-if section already says."""
    t = laid_out["cover"]
    return replace(t, notes=[n for n in t.notes if n != COVER_VERSUS_INDISPENSABLE])


def _cover_words(report: Report) -> str:
    c = report.cover
    proof = "proven minimal" if c["optimal"] else "the best found within the search budget"
    return (
        f"The smallest set of partners that can run a barrier on every phase that any "
        f"barrier acts on: <b>{len(c['partners'])}</b> partner(s) ({proof}). A partner can "
        "run a barrier it leads, or one without a lead that it takes part in."
    )


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


def _figures(report: Report) -> list[tuple[str, int, str]]:
    """(label, value, emphasis) of the summary, the same in HTML and markdown."""
    s = report.summary
    thin = len(report.gaps.get("thin", []))
    return [
        ("phases", s["phases"], ""),
        ("partners", s["partners"], ""),
        ("interventions", s["interventions"], ""),
        ("uncovered phases", s["uncovered"], "alert" if s["uncovered"] else ""),
        ("single-partner phases", s["single_partner"], "warn" if s["single_partner"] else ""),
        (f"thin phases (fewer than {THIN_PARTNERS} partners)", thin, "warn" if thin else ""),
        ("idle partners", s["idle_partners"], "warn" if s["idle_partners"] else ""),
        ("indispensable partners", len(report.indispensable), ""),
        ("partners in the cover", s["cover_size"], ""),
        ("fewest drop-outs that empty a phase", report.resilience["weakest"], ""),
        ("routes", s["routes"], ""),
        ("distinct barriers on the weakest route", s["weakest_strength"], ""),
        ("without a technique", s["without_technique"], ""),
    ]


def _summary_html(report: Report) -> str:
    items = "".join(
        f'<li class="{css}"><b>{value}</b>{_e(label)}</li>'
        if css
        else f"<li><b>{value}</b>{_e(label)}</li>"
        for label, value, css in _figures(report)
    )
    return f'<ul class="figures">{items}</ul>'


def _cell_html(value: object) -> str:
    if isinstance(value, list):
        return _e(", ".join(map(str, value)))
    return _e(value)


def _grid_html(t: Table, css: str) -> str:
    """A table of :mod:`barriers.analysis.tables` as HTML: numbers right-aligned, notes after."""
    notes = "".join(f"<p>{_e(note)}</p>" for note in t.notes)
    if not t.rows:
        return (f"<p>{_e(t.empty)}</p>" if t.empty else "") + notes
    numeric = [all(isinstance(row[k], int) for row in t.rows) for k in range(len(t.headers))]
    right = [' class="n"' if n else "" for n in numeric]
    head = "".join(f'<th scope="col"{right[k]}>{_e(h)}</th>' for k, h in enumerate(t.headers))
    body = "".join(
        "<tr>" + "".join(f"<td{right[k]}>{_cell_html(v)}</td>" for k, v in enumerate(row)) + "</tr>"
        for row in t.rows
    )
    return (
        f'<div class="scroll"><table class="{css}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>{notes}"
    )


def _coverage_html(report: Report, t: Table) -> str:
    m = report.coverage
    cells = len(m.phase_ids) * (len(m.partner_ids) + 1)
    if cells > MAX_GRID_CELLS:
        return _p(
            f"The matrix has {cells:,} cells, too many for a page: "
            "<code>barriers export --to csv</code> writes it for a spreadsheet."
        )
    return _grid_html(t, "coverage")


def _route_html(report: Report, phases: Sequence[str]) -> str:
    count = report.facts.interventions_of
    return (
        '<ol class="route">'
        + "".join(
            f'<li class="{"uncovered" if not count[p] else ""}">'
            f"{_e(report.name(PHASE, p))} ({len(count[p])})</li>"
            for p in phases
        )
        + "</ol>"
    )


def _routes_words(report: Report) -> str:
    r = report.routes
    weakest = r["weakest"]
    proof = "" if r["optimal"] else " (the weakest found within the search budget)"
    return (
        f"The offender's route that meets the fewest barriers{proof}, out of {r['count']} "
        f"route(s): <b>{weakest['strength']}</b> distinct barriers act on its phases (a "
        f"barrier acting on several of them counts once); added up phase by phase (the "
        f"phase links) they make {weakest['phase_links']}."
    )


def _routes_html(report: Report) -> str:
    r = report.routes
    weakest = r["weakest"]
    out = [_p(_routes_words(report)), _route_html(report, weakest["phases"])]
    others = [x for x in r["routes"] if x["phases"] != weakest["phases"]]
    if others:
        out.append("<h3>Next weakest routes</h3>")
        out.extend(
            f"<p>{x['strength']} barriers ({x['phase_links']} phase by phase):</p>"
            f"{_route_html(report, x['phases'])}"
            for x in others
        )
    return "\n".join(out)


def _table_html(report: Report) -> str:
    table = report.table
    if table is None:
        return _p(_too_big(report))
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
        f'<div class="scroll"><table class="barrier-table"><colgroup><col class="barrier">'
        f'<col span="{len(table.phases)}"></colgroup><thead><tr><th scope="col">'
        f"Barrier</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _too_big(report: Report) -> str:
    f = report.facts
    return (
        f"{len(f.interventions):,} barriers by {len(f.phases):,} phases is too big a grid for "
        "a page: <code>barriers export --to xlsx</code> writes the barrier table as a workbook."
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


# The sections that draw one answer's table, in the page's order.
_ANSWERS = (
    "gaps",
    "coverage",
    "whatif",
    "cover",
    "resilience",
    "routes",
    "centrality",
    "mechanisms",
)


def _grid_md(t: Table) -> list[str]:
    """A table of :mod:`barriers.analysis.tables` as markdown lines, every text escaped."""
    from barriers.export.markdown import table

    def cell(value: object) -> str:
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        return md_text(text) if text else ""

    out: list[str] = []
    if t.rows:
        out += table([md_text(h) for h in t.headers], [[cell(v) for v in row] for row in t.rows])
    elif t.empty:
        out.append(md_text(t.empty))
    for note in t.notes:
        out += ["", md_text(note)]
    return out


def report_markdown(report: Report) -> str:
    """The report as a markdown document (GitHub-flavoured tables, every text escaped)."""
    from barriers.export.markdown import table

    model = report.model
    laid_out = report.tables()
    out = [f"# {md_text(model.title)}", "", f"Model `{model.id}`."]
    if model.variant:
        out[-1] += f" Variant {md_text(model.variant)}."
    out.append("")
    if model.description:
        out += [md_text(model.description), ""]
    out += _local_markdown(model)
    out += ["## Summary", ""]
    out += table(
        ["figure", "value"], [[md_text(label), str(value)] for label, value, _ in _figures(report)]
    )
    titles = dict(SECTIONS)
    for key in _ANSWERS:
        title = titles[key]
        out += ["", f"## {title}", ""]
        if key == "gaps":
            out += [_plain(_THIN_WORDS), ""]
        if key == "cover":
            out += [_plain(_cover_words(report)), ""]
        if (
            key == "coverage"
            and len(report.coverage.phase_ids) * (len(report.coverage.partner_ids) + 1)
            > MAX_GRID_CELLS
        ):
            out.append(_plain(_coverage_html(report, laid_out["coverage"])))
            continue
        if key == "routes":
            out += [_plain(_routes_words(report)), ""]
        out += _grid_md(_cover_only(laid_out) if key == "cover" else laid_out[key])
    out += ["", "## The barrier table", ""]
    t = report.table
    if t is None:
        out.append(_plain(_p(_too_big(report))))
    else:
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


def _plain(html_text: str) -> str:
    """Our own words written for HTML, as markdown (only <b>, <code> and <p> occur in them)."""
    text = html_text.replace("<p>", "").replace("</p>", "")
    text = text.replace("<b>", "**").replace("</b>", "**")
    text = text.replace("<code>", "`").replace("</code>", "`")
    return html.unescape(text)


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
    import gc

    # A report of a big model makes millions of small, acyclic objects (rows, cells, text):
    # the cyclic collector would walk them, and the model, again and again as they pile up.
    paused = gc.isenabled()
    gc.disable()
    try:
        data = report_data(model)
        return report_html(data) if fmt == "html" else report_markdown(data)
    finally:
        if paused:
            gc.enable()
