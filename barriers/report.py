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
from typing import Any
from urllib.parse import quote

from barriers import analysis
from barriers.analysis import tables
from barriers.analysis.cover import COVER_VERSUS_INDISPENSABLE
from barriers.analysis.coverage import reach
from barriers.analysis.matrix import BarrierTable, CoverageMatrix, barrier_table, coverage_matrix
from barriers.analysis.tables import Table
from barriers.graph import PHASE
from barriers.model import Model
from barriers.pages import model_language, templates
from barriers.text import md_link, md_text, one_line

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
    """A link only for an http(s) address; anything else is shown as text. Characters an
    address may not hold (quotes, brackets, spaces) are percent-encoded, as a browser would."""
    if url and url.startswith(("https://", "http://")):
        href = quote(url, safe=_URL_SAFE)
        return f'<a href="{_e(href)}" rel="noopener noreferrer">{_e(text)}</a>'
    return _e(text)


# RFC 3986's reserved and unreserved characters, and '%' (an address already encoded stays so)
_URL_SAFE = ":/?#[]@!$&'()*+,;=-._~%"


def _colours() -> dict[str, str]:
    from barriers.palette import PARTNER_COLOR, PHASE_COLOR, SINGLE_COLOR, UNCOVERED_COLOR

    return {
        "phase": PHASE_COLOR["background"],
        "uncovered": UNCOVERED_COLOR["background"],
        "single": SINGLE_COLOR["background"],
        "partner": PARTNER_COLOR["background"],
        "partner_border": PARTNER_COLOR["border"],
    }


LANGUAGES = ("nl", "en")
SECTION_KEYS = (
    "local",
    "summary",
    "gaps",
    "coverage",
    "whatif",
    "cover",
    "resilience",
    "routes",
    "centrality",
    "mechanisms",
    "table",
    "notes",
    "sources",
)

# The page's own words, in Dutch and English (model text is shown as written). Sentences are
# format strings; their fields are figures or our own markup, never model text.
WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "local": "Het lokale beeld",
        "summary": "Samenvatting",
        "gaps": "Fasen zonder barrière, met één partner of dun bezet",
        "coverage": "Dekkingsmatrix",
        "whatif": "Als een partner wegvalt",
        "cover": "Wie aan tafel moet zitten",
        "resilience": "Hoeveel uitvallers elke fase doorstaat",
        "routes": "De zwakste route",
        "centrality": "Centraliteit",
        "mechanisms": "Preventiemechanismen",
        "table": "De barrièretabel",
        "notes": "Notities",
        "sources": "Bronnen",
        "report": "rapport",
        "contents": "Inhoud",
        "model": "Model",
        "variant": "variant",
        "version": "versie",
        "region": "regio",
        "by": "door",
        "text_note": "De teksten uit het model staan in de taal van het model.",
        "f_phases": "fasen",
        "f_partners": "partners",
        "f_interventions": "interventies",
        "f_uncovered": "fasen zonder barrière",
        "f_single": "fasen met één partner",
        "f_thin": "dunne fasen (minder dan {n} partners)",
        "f_idle": "partners zonder barrière",
        "f_indispensable": "onmisbare partners",
        "f_cover": "partners in de dekking",
        "f_weakest": "minste uitvallers die een fase leeg laten",
        "f_routes": "routes",
        "f_strength": "verschillende barrières op de zwakste route",
        "f_technique": "zonder techniek",
        "thin": (
            "Het rapport noemt een fase dun als minder dan {n} verschillende partners haar "
            "barrières opwerpen (zoals <code>barriers gaps --min-partners {n}</code>): één "
            "uitvaller verwijderd van één partner of geen."
        ),
        "cover_words": (
            "De kleinste groep partners die een barrière kan uitvoeren op elke fase waarop een "
            "barrière werkt: <b>{n}</b> partner(s) ({proof}). Een partner kan een barrière "
            "uitvoeren die hij trekt, of een zonder trekker waaraan hij meedoet."
        ),
        "proven": "bewezen minimaal",
        "best_found": "de beste die binnen het zoekbudget is gevonden",
        "routes_words": (
            "De route van de dader die de minste barrières tegenkomt{proof}, van {count} "
            "route(s): er werken <b>{strength}</b> verschillende barrières op haar fasen (een "
            "barrière op meer van die fasen telt één keer); fase voor fase opgeteld (de "
            "fasekoppelingen) zijn het er {links}."
        ),
        "routes_budget": " (de zwakste die binnen het zoekbudget is gevonden)",
        "next_routes": "De volgende zwakste routes",
        "route_line": "{strength} barrières ({links} fase voor fase):",
        "too_big_matrix": (
            "De matrix heeft {cells} cellen, te veel voor een pagina: "
            "<code>barriers export --to csv</code> schrijft hem voor een rekenblad."
        ),
        "table_intro": (
            "De klassieke tabel van het barrièremodel: de barrières per type (rijen), de fasen "
            "in procesvolgorde (kolommen), en in elke cel de partners die de barrière daar "
            "opwerpen."
        ),
        "barrier": "Barrière",
        "no_interventions": "Dit model heeft nog geen interventies.",
        "too_big_table": (
            "{barriers} barrières bij {phases} fasen is een te groot raster voor een pagina: "
            "<code>barriers export --to xlsx</code> schrijft de barrièretabel als werkmap."
        ),
        "no_sources": "Het model noemt geen bronnen.",
        "read": "gelezen",
        "footer": (
            "Gemaakt met barriers uit het modelbestand; elk getal komt uit dezelfde analyses "
            "als <code>barriers gaps</code>, <code>whatif</code>, <code>cover</code>, "
            "<code>resilience</code>, <code>routes</code> en <code>centrality</code>."
        ),
    },
    "en": {
        "local": "The local picture",
        "summary": "Summary",
        "gaps": "Uncovered, single-partner and thin phases",
        "coverage": "Coverage matrix",
        "whatif": "What if a partner drops out",
        "cover": "Who must be at the table",
        "resilience": "How many drop-outs each phase withstands",
        "routes": "The weakest route",
        "centrality": "Centrality",
        "mechanisms": "Prevention mechanisms",
        "table": "The barrier table",
        "notes": "Notes",
        "sources": "Sources",
        "report": "report",
        "contents": "Contents",
        "model": "Model",
        "variant": "variant",
        "version": "version",
        "region": "region",
        "by": "by",
        "text_note": "Text from the model is in the model's language.",
        "f_phases": "phases",
        "f_partners": "partners",
        "f_interventions": "interventions",
        "f_uncovered": "uncovered phases",
        "f_single": "single-partner phases",
        "f_thin": "thin phases (fewer than {n} partners)",
        "f_idle": "idle partners",
        "f_indispensable": "indispensable partners",
        "f_cover": "partners in the cover",
        "f_weakest": "fewest drop-outs that empty a phase",
        "f_routes": "routes",
        "f_strength": "distinct barriers on the weakest route",
        "f_technique": "without a technique",
        "thin": (
            "The report calls a phase thin when fewer than {n} distinct partners raise "
            "its barriers (as <code>barriers gaps --min-partners {n}</code> does): "
            "one drop-out away from a single partner or none."
        ),
        "cover_words": (
            "The smallest set of partners that can run a barrier on every phase that any "
            "barrier acts on: <b>{n}</b> partner(s) ({proof}). A partner can "
            "run a barrier it leads, or one without a lead that it takes part in."
        ),
        "proven": "proven minimal",
        "best_found": "the best found within the search budget",
        "routes_words": (
            "The offender's route that meets the fewest barriers{proof}, out of {count} "
            "route(s): <b>{strength}</b> distinct barriers act on its phases (a "
            "barrier acting on several of them counts once); added up phase by phase (the "
            "phase links) they make {links}."
        ),
        "routes_budget": " (the weakest found within the search budget)",
        "next_routes": "Next weakest routes",
        "route_line": "{strength} barriers ({links} phase by phase):",
        "too_big_matrix": (
            "The matrix has {cells} cells, too many for a page: "
            "<code>barriers export --to csv</code> writes it for a spreadsheet."
        ),
        "table_intro": (
            "The classic barrier-model table: the barriers by type (rows), the phases in "
            "process order (columns), and in each cell the partners who raise the barrier there."
        ),
        "barrier": "Barrier",
        "no_interventions": "No interventions in this model yet.",
        "too_big_table": (
            "{barriers} barriers by {phases} phases is too big a grid for "
            "a page: <code>barriers export --to xlsx</code> writes the barrier table as a workbook."
        ),
        "no_sources": "The model cites no sources.",
        "read": "read",
        "footer": (
            "Made by barriers from the model file; every figure comes from the same "
            "analyses as <code>barriers gaps</code>, <code>whatif</code>, <code>cover</code>, "
            "<code>resilience</code>, <code>routes</code> and <code>centrality</code>."
        ),
    },
}
# The section titles in English, as the markdown report (English only) uses them.
SECTIONS = tuple((key, WORDS["en"][key]) for key in SECTION_KEYS)


def _words(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return WORDS[lang]


def report_html(report: Report, lang: str = "nl") -> str:
    """The report as one self-contained, printable HTML page; its own words in ``lang``
    (``nl`` or ``en``), the model's text as written and marked with the model's language."""
    w = _words(lang)
    model = report.model
    model_lang = model_language(model)
    # text from the model carries its language where it is not the page's
    mark = f' lang="{_e(model_lang)}"' if model_lang != lang else ""
    laid_out = {key: _in_language(key, t, report, lang) for key, t in report.tables().items()}
    skipped = _skipped(report)
    from markupsafe import Markup

    def section(key: str, body: str, *, wide: bool = False) -> dict[str, Any]:
        return {"key": key, "title": w[key], "wide": wide, "body": Markup(body)}

    def grid(key: str, t: Table | None = None) -> str:
        return _grid_html(laid_out[key] if t is None else t, key, mark)

    sections = [
        *([] if "local" in skipped else [section("local", _local_html(model, lang))]),
        section("summary", _summary_html(report, w)),
        section("gaps", _p(w["thin"].format(n=THIN_PARTNERS)) + grid("gaps")),
        section("coverage", _coverage_html(report, laid_out["coverage"], w, mark), wide=True),
        section("whatif", grid("whatif")),
        section("cover", _p(_cover_words(report, w)) + grid("cover", _cover_only(laid_out))),
        section("resilience", grid("resilience")),
        section("routes", _routes_html(report, w, mark)),
        section("centrality", grid("centrality")),
        section("mechanisms", grid("mechanisms")),
        section("table", _table_html(report, w, mark), wide=True),
        *([] if "notes" in skipped else [section("notes", _notes_html(model, lang, mark))]),
        section("sources", _sources_html(model, w, mark)),
    ]
    page: str = (
        templates()
        .get_template("report.html")
        .render(
            lang=lang,
            model_lang=model_lang if mark else "",
            title=one_line(model.title),
            model=model,
            meta=Markup(_meta(model, w, mark)),
            w=w,
            footer=Markup(w["footer"]),  # our own words, with <code> in them
            colours=_colours(),
            sections=sections,
        )
    )
    return page


def _in_language(key: str, t: Table, report: Report, lang: str) -> Table:
    """An analysis table (English, as the CLI prints it) with the page's words in ``lang``."""
    if lang == "en":
        return t
    from barriers.report_nl import table_in_dutch

    return table_in_dutch(key, t, report)


def _p(html_text: str) -> str:
    return f"<p>{html_text}</p>"


def _cover_only(laid_out: dict[str, Table]) -> Table:
    """The cover table without the sentence the what-if section already says."""
    from barriers.report_nl import COVER_VERSUS_INDISPENSABLE_NL

    said = {COVER_VERSUS_INDISPENSABLE, COVER_VERSUS_INDISPENSABLE_NL}
    t = laid_out["cover"]
    return replace(t, notes=[n for n in t.notes if n not in said])


def _cover_words(report: Report, w: dict[str, str]) -> str:
    c = report.cover
    proof = w["proven"] if c["optimal"] else w["best_found"]
    return w["cover_words"].format(n=len(c["partners"]), proof=proof)


def _meta(model: Model, w: dict[str, str], mark: str = "") -> str:
    bits = [f"{w['model']} <code>{_e(model.id)}</code>"]
    if model.variant:
        bits.append(f"{w['variant']} <span{mark}>{_e(model.variant)}</span>")
    if model.version:
        bits.append(f"{w['version']} {_e(model.version)}")
    if model.region:
        bits.append(f"{w['region']} <span{mark}>{_e(model.region)}</span>")
    if model.authors:
        bits.append(f"{w['by']} " + _e(", ".join(model.authors)))
    return " · ".join(bits)


def _figures(report: Report, w: dict[str, str] | None = None) -> list[tuple[str, int, str]]:
    """(label, value, emphasis) of the summary, the same in HTML and markdown."""
    w = w or WORDS["en"]
    s = report.summary
    thin = len(report.gaps.get("thin", []))
    return [
        (w["f_phases"], s["phases"], ""),
        (w["f_partners"], s["partners"], ""),
        (w["f_interventions"], s["interventions"], ""),
        (w["f_uncovered"], s["uncovered"], "alert" if s["uncovered"] else ""),
        (w["f_single"], s["single_partner"], "warn" if s["single_partner"] else ""),
        (w["f_thin"].format(n=THIN_PARTNERS), thin, "warn" if thin else ""),
        (w["f_idle"], s["idle_partners"], "warn" if s["idle_partners"] else ""),
        (w["f_indispensable"], len(report.indispensable), ""),
        (w["f_cover"], s["cover_size"], ""),
        (w["f_weakest"], report.resilience["weakest"], ""),
        (w["f_routes"], s["routes"], ""),
        (w["f_strength"], s["weakest_strength"], ""),
        (w["f_technique"], s["without_technique"], ""),
    ]


def _summary_html(report: Report, w: dict[str, str]) -> str:
    items = "".join(
        f'<li class="{css}"><b>{value}</b>{_e(label)}</li>'
        if css
        else f"<li><b>{value}</b>{_e(label)}</li>"
        for label, value, css in _figures(report, w)
    )
    return f'<ul class="figures">{items}</ul>'


def _cell_html(value: object) -> str:
    if isinstance(value, list):
        return _e(", ".join(map(str, value)))
    return _e(value)


def _grid_html(t: Table, css: str, mark: str = "") -> str:
    """A table of :mod:`barriers.analysis.tables` as HTML: numbers right-aligned, notes after.

    ``mark`` (a ``lang`` attribute) goes on the rows: their names are the model's text."""
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
        f"<tbody{mark}>{body}</tbody></table></div>{notes}"
    )


def _coverage_html(report: Report, t: Table, w: dict[str, str], mark: str = "") -> str:
    m = report.coverage
    cells = len(m.phase_ids) * (len(m.partner_ids) + 1)
    if cells > MAX_GRID_CELLS:
        return _p(w["too_big_matrix"].format(cells=f"{cells:,}"))
    return _grid_html(t, "coverage", mark)


def _route_html(report: Report, phases: Sequence[str], mark: str = "") -> str:
    count = report.facts.interventions_of
    return (
        f'<ol class="route"{mark}>'
        + "".join(
            f'<li class="{"uncovered" if not count[p] else ""}">'
            f"{_e(report.name(PHASE, p))} ({len(count[p])})</li>"
            for p in phases
        )
        + "</ol>"
    )


def _routes_words(report: Report, w: dict[str, str] | None = None) -> str:
    w = w or WORDS["en"]
    r = report.routes
    weakest = r["weakest"]
    return w["routes_words"].format(
        proof="" if r["optimal"] else w["routes_budget"],
        count=r["count"],
        strength=weakest["strength"],
        links=weakest["phase_links"],
    )


def _routes_html(report: Report, w: dict[str, str], mark: str = "") -> str:
    r = report.routes
    weakest = r["weakest"]
    out = [_p(_routes_words(report, w)), _route_html(report, weakest["phases"], mark)]
    others = [x for x in r["routes"] if x["phases"] != weakest["phases"]]
    if others:
        out.append(f"<h3>{_e(w['next_routes'])}</h3>")
        out.extend(
            _p(w["route_line"].format(strength=x["strength"], links=x["phase_links"]))
            + _route_html(report, x["phases"], mark)
            for x in others
        )
    return "\n".join(out)


def _table_html(report: Report, w: dict[str, str], mark: str = "") -> str:
    table = report.table
    if table is None:
        return _p(_too_big(report, w))
    head = "".join(
        f'<th scope="col"{mark}>{n}. {_e(name)}</th>' for n, (_, name) in enumerate(table.phases, 1)
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
        return _p(_e(w["no_interventions"]))
    return (
        _p(_e(w["table_intro"]))
        + '<div class="scroll"><table class="barrier-table"><colgroup><col class="barrier">'
        f'<col span="{len(table.phases)}"></colgroup><thead><tr><th scope="col">'
        f"{_e(w['barrier'])}</th>{head}</tr></thead><tbody{mark}>{''.join(body)}</tbody>"
        "</table></div>"
    )


def _too_big(report: Report, w: dict[str, str] | None = None) -> str:
    w = w or WORDS["en"]
    f = report.facts
    return w["too_big_table"].format(
        barriers=f"{len(f.interventions):,}", phases=f"{len(f.phases):,}"
    )


def _skipped(report: Report) -> set[str]:
    """Sections a model has nothing for (left out of the page and its contents)."""
    from barriers.analysis.local import is_profile
    from barriers.notes import model_notes

    skipped = set() if model_notes(report.model) else {"notes"}
    return skipped if is_profile(report.model) else skipped | {"local"}


def _local_html(model: Model, lang: str) -> str:
    from barriers.report_local import local_html

    return local_html(model, lang)


def _notes_html(model: Model, lang: str, mark: str) -> str:
    from barriers.report_nl import notes_html

    return notes_html(model, lang, mark)


def _sources_html(model: Model, w: dict[str, str], mark: str = "") -> str:
    if not model.sources:
        return _p(_e(w["no_sources"]))
    items = []
    for s in model.sources:
        bits = [_link(s.url, s.title)]
        if s.publisher:
            bits.append(_e(s.publisher))
        if s.year:
            bits.append(str(s.year))
        if s.accessed:
            bits.append(f"{w['read']} {_e(s.accessed)}")
        items.append(f"<li><code>{_e(s.id)}</code>: {', '.join(bits)}</li>")
    return f"<ul{mark}>{''.join(items)}</ul>"


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
            out += [_plain(WORDS["en"]["thin"].format(n=THIN_PARTNERS)), ""]
        if key == "cover":
            out += [_plain(_cover_words(report, WORDS["en"])), ""]
        if (
            key == "coverage"
            and len(report.coverage.phase_ids) * (len(report.coverage.partner_ids) + 1)
            > MAX_GRID_CELLS
        ):
            out.append(_plain(_coverage_html(report, laid_out["coverage"], WORDS["en"])))
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
    from barriers.analysis.local import is_profile
    from barriers.report_local import local_markdown

    return local_markdown(model) if is_profile(model) else []


def _notes_markdown(model: Model) -> list[str]:
    from barriers.notes import notes_markdown

    lines = notes_markdown(model)
    return ["", *lines[:-1]] if lines else []


def render_report(model: Model, fmt: str, lang: str = "nl") -> str:
    """The report of ``model`` as ``html`` (its own words in ``lang``) or ``md`` (English)."""
    import gc

    # A report of a big model makes millions of small, acyclic objects (rows, cells, text):
    # the cyclic collector would walk them, and the model, again and again as they pile up.
    paused = gc.isenabled()
    gc.disable()
    try:
        data = report_data(model)
        return report_html(data, lang) if fmt == "html" else report_markdown(data)
    finally:
        if paused:
            gc.enable()
