"""The analyst's report: every answer of :mod:`barriers.analysis` about one model, on one page.

:func:`report_data` gathers the answers as plain data; :func:`page_data` lays them out for
the page and the templates (``templates/report.html`` and its partials ``report/_<section>.html``)
draw it; :func:`report_markdown` writes the same in markdown. Both speak Dutch (``nl``, the
default) or English; the model's text is shown as written. The HTML page is self-contained (no
script, no request: its Content-Security-Policy allows inline styles only), printable (A4; the
coverage matrix and the barrier table on landscape pages, every table within its page's width,
headers repeated on each page and colours printed even without the browser's "background
graphics"), uses the map's colours, and escapes every text from the model (in the templates,
once); links are made only for http(s) addresses.

>>> from barriers.load import load_model
>>> page = report_html(report_data(load_model("models/loverboys-general.yaml").model))
>>> page.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from barriers import analysis
from barriers.analysis import tables
from barriers.analysis.cover import COVER_VERSUS_INDISPENSABLE
from barriers.analysis.coverage import reach
from barriers.analysis.matrix import (
    BarrierTable,
    CoverageMatrix,
    TableRow,
    barrier_table,
    coverage_matrix,
)
from barriers.analysis.tables import Table
from barriers.graph import PHASE
from barriers.model import Model
from barriers.pages import by_label, marked_language, shown_term, templates
from barriers.text import md_link, md_text, one_line
from barriers.vocabulary import Label

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


# -- HTML (the page's data; templates/report/ draws it) -----------------------------------------


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
    "checklist",
    "notes",
    "sources",
)

# The report's own words, in Dutch and English (model text is shown as written). Sentences are
# written in markdown (`code`, **bold**) with {fields} for figures: the markdown report says them
# as they are, the HTML page through the templates' ``words`` filter.
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
        "checklist": "Checklist",
        "checklist_counts": "{total} vragen: {yes} ja, {partly} deels, {no} nee, {unknown} "
        "onbekend. Open (nee of deels, en een barrière waar de vraag over gaat is hier niet "
        "aanwezig): {open}.",
        "question": "Vraag",
        "answer": "Antwoord",
        "concerns": "Gaat over",
        "note": "Notitie",
        "open_word": "open",
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
            "barrières opwerpen (zoals `barriers gaps --min-partners {n}`): één "
            "uitvaller verwijderd van één partner of geen."
        ),
        "cover_words": (
            "De kleinste groep partners die een barrière kan uitvoeren op elke fase waarop een "
            "barrière werkt: **{n}** partner(s) ({proof}). Een partner kan een barrière "
            "uitvoeren die hij trekt, of een zonder trekker waaraan hij meedoet. Dat is de "
            "ondergrens voor één barrière per fase, niet wie er nodig is: met alleen die "
            "partners hangt elke fase aan hen, en de barrières van de anderen maken een fase "
            "weerbaar (zie 'Hoeveel uitvallers elke fase doorstaat')."
        ),
        "proven": "bewezen minimaal",
        "best_found": "de beste die binnen het zoekbudget is gevonden",
        "routes_words": (
            "De route van de dader die de minste barrières tegenkomt{proof}, van {count} "
            "route(s): er werken **{strength}** verschillende barrières op haar fasen (een "
            "barrière op meer van die fasen telt één keer); fase voor fase opgeteld (de "
            "fasekoppelingen) zijn het er {links}."
        ),
        "routes_budget": " (de zwakste die binnen het zoekbudget is gevonden)",
        "next_routes": "De volgende zwakste routes",
        "route_line": "{strength} barrières ({links} fase voor fase):",
        "too_big_matrix": (
            "De matrix heeft {cells} cellen, te veel voor een pagina: "
            "`barriers export --to csv` schrijft hem voor een rekenblad."
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
            "`barriers export --to xlsx` schrijft de barrièretabel als werkmap."
        ),
        "no_sources": "Het model noemt geen bronnen.",
        "read": "gelezen",
        "footer": (
            "Gemaakt met barriers uit het modelbestand; elk getal komt uit dezelfde analyses "
            "als `barriers gaps`, `whatif`, `cover`, "
            "`resilience`, `routes` en `centrality`."
        ),
        "figure": "cijfer",
        "value": "waarde",
        "type": "type",
        "barrier_col": "barrière",
        "model_line": "Model `{id}`.",
        "variant_line": " Variant: {variant}.",
        "no_type": "(zonder type)",
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
        "checklist": "Checklist",
        "checklist_counts": "{total} questions: {yes} yes, {partly} partly, {no} no, {unknown} "
        "unknown. Open (no or partly, and a barrier it is about is not in place here): {open}.",
        "question": "Question",
        "answer": "Answer",
        "concerns": "About",
        "note": "Note",
        "open_word": "open",
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
            "its barriers (as `barriers gaps --min-partners {n}` does): "
            "one drop-out away from a single partner or none."
        ),
        "cover_words": (
            "The smallest set of partners that can run a barrier on every phase that any "
            "barrier acts on: **{n}** partner(s) ({proof}). A partner can "
            "run a barrier it leads, or one without a lead that it takes part in. That is the "
            "floor for one barrier per phase, not who is needed: with those partners alone "
            "every phase hangs on them, and the others' barriers are what make a phase "
            "resilient (see 'How many drop-outs each phase withstands')."
        ),
        "proven": "proven minimal",
        "best_found": "the best found within the search budget",
        "routes_words": (
            "The offender's route that meets the fewest barriers{proof}, out of {count} "
            "route(s): **{strength}** distinct barriers act on its phases (a "
            "barrier acting on several of them counts once); added up phase by phase (the "
            "phase links) they make {links}."
        ),
        "routes_budget": " (the weakest found within the search budget)",
        "next_routes": "Next weakest routes",
        "route_line": "{strength} barriers ({links} phase by phase):",
        "too_big_matrix": (
            "The matrix has {cells} cells, too many for a page: "
            "`barriers export --to csv` writes it for a spreadsheet."
        ),
        "table_intro": (
            "The classic barrier-model table: the barriers by type (rows), the phases in "
            "process order (columns), and in each cell the partners who raise the barrier there."
        ),
        "barrier": "Barrier",
        "no_interventions": "No interventions in this model yet.",
        "too_big_table": (
            "{barriers} barriers by {phases} phases is too big a grid for "
            "a page: `barriers export --to xlsx` writes the barrier table as a workbook."
        ),
        "no_sources": "The model cites no sources.",
        "read": "read",
        "footer": (
            "Made by barriers from the model file; every figure comes from the same "
            "analyses as `barriers gaps`, `whatif`, `cover`, "
            "`resilience`, `routes` and `centrality`."
        ),
        "figure": "figure",
        "value": "value",
        "type": "type",
        "barrier_col": "barrier",
        "model_line": "Model `{id}`.",
        "variant_line": " Variant: {variant}.",
        "no_type": "(no type)",
    },
}


def _words(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return WORDS[lang]


@dataclass(frozen=True)
class TypeGroup:
    """A group of the barrier table's rows: the barriers of one type, the type as the page
    shows it (:func:`barriers.pages.shown_term`; "(no type)" in the page's words)."""

    label: Label
    rows: tuple[TableRow, ...]


def type_groups(report: Report, lang: str) -> list[TypeGroup]:
    """The barrier table's groups as a page in ``lang`` lists them: by the type's label, then
    the barriers without a type (none when the table is too big for a page). Types the page
    shows alike (two terms with one label) are one group, its barriers in the model's order."""
    t = report.table
    if t is None:
        return []
    model = report.model
    # a group's type is its barriers' (a type may be written as the table's "(no type)")
    types = {item.id: item.type for item in model.interventions}
    position = {item.id: n for n, item in enumerate(model.interventions)}
    shown: dict[Label, list[TableRow]] = {}
    untyped: list[TypeGroup] = []
    for group in t.groups:
        term = types[group.rows[0].id]
        if term:
            shown.setdefault(shown_term(model, "types", term, lang), []).extend(group.rows)
        else:
            untyped.append(TypeGroup(Label(_words(lang)["no_type"], lang), group.rows))
    labels = list(shown)
    typed = [
        TypeGroup(labels[n], tuple(sorted(shown[labels[n]], key=lambda r: position[r.id])))
        for n in by_label(labels)
    ]
    return typed + untyped


@dataclass(frozen=True)
class Grid:
    """An analysis table as a page draws it: numeric columns marked, and every cell a triple:
    whether its column is numeric (drawn right-aligned), the analyses' own word that opens it
    (or ''), then the rest (the model's names)."""

    headers: list[str]
    numeric: list[bool]  # per column: every cell a number
    rows: list[list[tuple[bool, str, str]]]
    notes: list[str]
    empty: str


def _grid(t: Table, marked: bool) -> Grid:
    """``t`` as a :class:`Grid`; with ``marked`` (the rows carry the model's language), the
    analyses' words are split off each cell so that the page can mark them as its own."""
    from barriers.report_nl import CELL_WORDS

    def cell(value: object, numeric: bool) -> tuple[bool, str, str]:
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if marked and isinstance(value, str):
            for word in CELL_WORDS:
                if text == word or (word.endswith(" ") and text.startswith(word)):
                    return numeric, word, text[len(word) :]
        return numeric, "", text

    numeric = [all(isinstance(row[k], int) for row in t.rows) for k in range(len(t.headers))]
    rows = [[cell(v, n) for v, n in zip(row, numeric, strict=True)] for row in t.rows]
    return Grid(list(t.headers), numeric, rows, list(t.notes), t.empty)


def _source(source: Any) -> dict[str, Any]:
    """A source as the page lists it: a link only for an http(s) address (characters an
    address may not hold, such as quotes, brackets and spaces, percent-encoded as a browser
    would); anything else is shown as text."""
    url = source.url
    link = url and url.startswith(("https://", "http://"))
    return {
        "id": source.id,
        "title": source.title,
        "href": quote(url, safe=_URL_SAFE) if link else None,
        "publisher": source.publisher,
        "year": source.year,
        "accessed": source.accessed,
    }


def page_data(report: Report, lang: str = "nl") -> dict[str, Any]:
    """What the HTML page shows, as plain data for ``report.html`` and its partials
    (``report/_<section>.html``): the page's words in ``lang``, the model's text as written."""
    w = _words(lang)
    model = report.model
    model_lang = marked_language(model, lang)
    laid_out = {key: _in_language(key, t, report, lang) for key, t in report.tables().items()}
    laid_out["cover"] = _cover_only(laid_out)
    skipped = _skipped(report)
    wide = {"coverage", "table"}
    f = report.facts
    c = report.cover
    r = report.routes
    count = f.interventions_of

    def route(phases: Sequence[str]) -> list[dict[str, Any]]:
        return [
            {"name": report.name(PHASE, p), "count": len(count[p]), "uncovered": not count[p]}
            for p in phases
        ]

    return {
        "lang": lang,
        # text from the model carries its language where it is not the page's
        "model_lang": model_lang,
        "w": w,
        "model": model,
        "title": one_line(model.title),
        "colours": _colours(),
        "sections": [
            {"key": key, "title": w[key], "wide": key in wide}
            for key in SECTION_KEYS
            if key not in skipped
        ],
        "figures": [
            {"label": label, "value": value, "emphasis": css}
            for label, value, css in _figures(report, w)
        ],
        "grids": {key: _grid(t, bool(model_lang)) for key, t in laid_out.items()},
        "thin_partners": THIN_PARTNERS,
        "matrix_cells": _matrix_cells(report),
        "matrix_too_big": _matrix_cells(report) > MAX_GRID_CELLS,
        "cover": {"n": len(c["partners"]), "proof": w["proven" if c["optimal"] else "best_found"]},
        "routes": {
            "proof": "" if r["optimal"] else w["routes_budget"],
            "count": r["count"],
            "strength": r["weakest"]["strength"],
            "links": r["weakest"]["phase_links"],
            "phases": route(r["weakest"]["phases"]),
            "others": [
                {"strength": x["strength"], "links": x["phase_links"], "phases": route(x["phases"])}
                for x in r["routes"]
                if x["phases"] != r["weakest"]["phases"]
            ],
        },
        "barrier_table": report.table,
        "type_groups": type_groups(report, lang),
        "size": {"barriers": f"{len(f.interventions):,}", "phases": f"{len(f.phases):,}"},
        "local": None if "local" in skipped else _local_data(model, lang),
        "notes": [] if "notes" in skipped else _notes_data(model, lang),
        "checklist": None if "checklist" in skipped else _checklist_data(model, lang),
        "sources": [_source(s) for s in model.sources],
    }


def report_html(report: Report, lang: str = "nl") -> str:
    """The report as one self-contained, printable HTML page; its own words in ``lang``
    (``nl`` or ``en``), the model's text as written and marked with the model's language."""
    page: str = templates().get_template("report.html").render(page_data(report, lang))
    return page


def _matrix_cells(report: Report) -> int:
    m = report.coverage
    return len(m.phase_ids) * (len(m.partner_ids) + 1)


def _in_language(key: str, t: Table, report: Report, lang: str) -> Table:
    """An analysis table (English, as the CLI prints it) with the page's words in ``lang``."""
    if lang == "en":
        return t
    from barriers.report_nl import table_in_dutch

    return table_in_dutch(key, t, report)


def _cover_only(laid_out: dict[str, Table]) -> Table:
    """The cover table without the sentence the what-if section already says."""
    from barriers.report_nl import COVER_VERSUS_INDISPENSABLE_NL

    said = {COVER_VERSUS_INDISPENSABLE, COVER_VERSUS_INDISPENSABLE_NL}
    t = laid_out["cover"]
    return replace(t, notes=[n for n in t.notes if n not in said])


def _figures(report: Report, w: dict[str, str]) -> list[tuple[str, int, str]]:
    """(label, value, emphasis) of the summary, the same in HTML and markdown."""
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


def _skipped(report: Report) -> set[str]:
    """Sections a model has nothing for (left out of the page and its contents)."""
    from barriers.analysis.local import is_profile
    from barriers.notes import model_notes

    skipped = set() if model_notes(report.model) else {"notes"}
    if not report.model.checklist:
        skipped.add("checklist")
    return skipped if is_profile(report.model) else skipped | {"local"}


def _checklist_data(model: Model, lang: str) -> dict[str, Any]:
    """The checklist as the report shows it: per theme its questions, the barriers each is
    about, and (for a local profile) the answers, notes and which are open."""
    from barriers.analysis.checklist import ANSWER_WORDS, ANSWERS, checklist
    from barriers.analysis.local import is_profile

    answered = checklist(model)
    names = {i.id: i.name for i in model.interventions}
    words = ANSWER_WORDS[lang]
    counts = answered["counts"]
    return {
        "profile": is_profile(model),
        "counts": _words(lang)["checklist_counts"].format(
            total=sum(counts.values()), open=len(answered["open"]), **counts
        ),
        "answers": list(ANSWERS),
        "themes": [
            {
                "name": theme["name"],
                "questions": [
                    {
                        "text": q["text"],
                        "about": [names[i] for i in q["interventions"] if i in names],
                        "answer": words[q["answer"]],
                        "note": q["note"] or "",
                        "open": q["id"] in answered["candidates"],
                    }
                    for q in theme["questions"]
                ],
            }
            for theme in answered["themes"]
        ],
    }


def _checklist_markdown(model: Model, lang: str) -> list[str]:
    from barriers.export.markdown import table

    if not model.checklist:
        return []
    w = _words(lang)
    data = _checklist_data(model, lang)
    out = ["", f"## {w['checklist']}", ""]
    if data["profile"]:
        out += [data["counts"], ""]
    for theme in data["themes"]:
        out += [f"### {md_text(theme['name'])}", ""]
        headers = [w["question"], w["concerns"]]
        if data["profile"]:
            headers += [w["answer"], w["note"]]
        rows = []
        for q in theme["questions"]:
            row = [md_text(q["text"]), "<br>".join(md_text(n) for n in q["about"])]
            if data["profile"]:
                answer = q["answer"] + (f" · **{w['open_word']}**" if q["open"] else "")
                row += [answer, md_text(q["note"])]
            rows.append(row)
        out += [*table(headers, rows), ""]
    return out[:-1]


def _local_data(model: Model, lang: str) -> dict[str, Any]:
    from barriers.report_local import local_data

    return local_data(model, lang)


def _notes_data(model: Model, lang: str) -> list[dict[str, str]]:
    from barriers.notes import notes_data

    return notes_data(model, lang)


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


def report_markdown(report: Report, lang: str = "nl") -> str:
    """The report as a markdown document (GitHub-flavoured tables, every model text escaped);
    its own words in ``lang`` (``nl`` or ``en``), as the HTML page has them."""
    from barriers.export.markdown import table

    w = _words(lang)
    model = report.model
    laid_out = {key: _in_language(key, t, report, lang) for key, t in report.tables().items()}
    laid_out["cover"] = _cover_only(laid_out)
    out = [f"# {md_text(model.title)}", "", w["model_line"].format(id=model.id)]
    if model.variant:
        out[-1] += w["variant_line"].format(variant=md_text(model.variant))
    out.append("")
    if model.description:
        out += [md_text(model.description), ""]
    out += _local_markdown(model, lang)
    out += [f"## {w['summary']}", ""]
    out += table(
        [w["figure"], w["value"]],
        [[md_text(label), str(value)] for label, value, _ in _figures(report, w)],
    )
    r = report.routes
    sentences = {
        "gaps": w["thin"].format(n=THIN_PARTNERS),
        "cover": w["cover_words"].format(
            n=len(report.cover["partners"]),
            proof=w["proven" if report.cover["optimal"] else "best_found"],
        ),
        "routes": w["routes_words"].format(
            proof="" if r["optimal"] else w["routes_budget"],
            count=r["count"],
            strength=r["weakest"]["strength"],
            links=r["weakest"]["phase_links"],
        ),
    }
    for key in _ANSWERS:
        out += ["", f"## {w[key]}", ""]
        if key in sentences:
            out += [sentences[key], ""]
        if key == "coverage" and _matrix_cells(report) > MAX_GRID_CELLS:
            out.append(w["too_big_matrix"].format(cells=f"{_matrix_cells(report):,}"))
            continue
        out += _grid_md(laid_out[key])
    out += ["", f"## {w['table']}", ""]
    t = report.table
    if t is None:
        f = report.facts
        out.append(
            w["too_big_table"].format(
                barriers=f"{len(f.interventions):,}", phases=f"{len(f.phases):,}"
            )
        )
    else:
        rows = []
        for group in type_groups(report, lang):
            for row in group.rows:
                rows.append(
                    [md_text(group.label.text), md_text(row.name)]
                    + ["<br>".join(md_text(n) for n in cell) for cell in row.cells]
                )
        out += table([w["type"], w["barrier_col"], *(md_text(n) for _, n in t.phases)], rows)
    out += _checklist_markdown(model, lang)
    out += _notes_markdown(model, lang)
    if model.sources:
        out += ["", f"## {w['sources']}", ""]
        for src in model.sources:
            shown = md_link(src.title, src.url)
            out.append(f"- `{src.id}`: {shown}")
    return "\n".join(out) + "\n"


def _local_markdown(model: Model, lang: str) -> list[str]:
    from barriers.analysis.local import is_profile
    from barriers.report_local import local_markdown

    return local_markdown(model, lang) if is_profile(model) else []


def _notes_markdown(model: Model, lang: str) -> list[str]:
    from barriers.notes import notes_markdown

    lines = notes_markdown(model, lang, _words(lang)["notes"])
    return ["", *lines] if lines else []


def render_report(model: Model, fmt: str, lang: str = "nl") -> str:
    """The report of ``model`` as ``html`` or ``md``, its own words in ``lang``."""
    import gc

    # A report of a big model makes millions of small, acyclic objects (rows, cells, text):
    # the cyclic collector would walk them, and the model, again and again as they pile up.
    paused = gc.isenabled()
    gc.disable()
    try:
        data = report_data(model)
        return report_html(data, lang) if fmt == "html" else report_markdown(data, lang)
    finally:
        if paused:
            gc.enable()
