"""A static site of every model: its map, its report, and an index that links them.

``build_site`` writes ``<id>.html`` (the map, as ``barriers map`` names it), ``<id>-report.html``
and ``index.html`` into a folder a trainer can copy onto a stick or any static web server:
every page works offline, without a server. Each file is written atomically, the index last,
so it never links a page that is not there. No page replaces another: a model whose page
name is taken (id ``index``, or ``x-report`` beside ``x``) is refused with a problem.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from barriers import analysis
from barriers.analysis.local import is_profile, local_picture
from barriers.load import LoadedModel, load_model
from barriers.map.render import map_html
from barriers.map.session import session_context
from barriers.output import write_output
from barriers.pages import model_language, templates
from barriers.problems import ModelError, Problem
from barriers.report import render_report

if TYPE_CHECKING:
    from barriers.model import Model

INDEX = "index.html"


@dataclass(frozen=True)
class SiteEntry:
    """One model on the site (or a file that could not be loaded: ``problems`` say why)."""

    path: Path
    id: str | None = None
    title: str | None = None
    variant: str | None = None
    extends: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    uncovered: tuple[str, ...] = ()  # phase names
    single_partner: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    area: str | None = None  # a local profile's place
    open_here: tuple[str, ...] = ()  # a profile's local gaps (phase names)
    language: str | None = None  # the model's language, a tag (None: not given or not a tag)

    @property
    def map_file(self) -> str:
        return f"{self.id}.html"

    @property
    def report_file(self) -> str:
        return f"{self.id}-report.html"


@dataclass(frozen=True)
class Comparison:
    """A page comparing the local profiles of one base model."""

    base: str
    file: str
    areas: tuple[str, ...]


def comparison_file(base_id: str) -> str:
    return f"{base_id}-local-comparison.html"


def build_site(
    paths: Iterable[Path],
    folder: Path | str,
    *,
    use_cache: bool = True,
    lang: str = "nl",
    protected: Collection[Path] = (),
) -> list[SiteEntry]:
    """Write the site for the model files ``paths`` into ``folder``; the entries, in order.

    A file that does not load gets an entry with its problems and no pages; of two files with
    the same model id the first wins (the second gets a problem). No page is written over a
    file in ``protected`` (the models read, and the files they extend).
    """

    target = Path(folder)
    inputs = set(protected)

    def write(path: Path, text: str) -> None:
        write_output(path, text, protected=inputs)

    entries: list[SiteEntry] = []
    seen: dict[str, Path] = {}
    # every file of the site and what it is: a model whose page would take a name already
    # taken (id 'index'; 'x-report' beside 'x') is refused, never written over another page
    taken: dict[str, str] = {INDEX: "the site's index"}
    profiles: dict[str, list[Any]] = {}  # base id -> its local profiles, in order
    for path in paths:
        try:
            loaded = load_model(path, use_cache=use_cache)
        except ModelError as exc:
            entries.append(SiteEntry(path, problems=tuple(exc.problems)))
            continue
        model = loaded.model
        if model.id in seen:
            problem = Problem(
                str(path),
                1,
                1,
                f"model id {model.id!r} is also the id of {seen[model.id]}; "
                "the site shows that one",
                "warning",
            )
            entries.append(SiteEntry(path, id=None, title=model.title, problems=(problem,)))
            continue
        entry = _entry(loaded)
        pages = {
            entry.map_file: f"the map of {model.id!r}",
            entry.report_file: f"the report of {model.id!r}",
        }
        clash = next((name for name in pages if name in taken), None)
        if clash is not None:
            line, column = _id_position(path)
            problem = Problem(
                str(path),
                line,
                column,
                f"model id {model.id!r} cannot go on the site: its page {clash} would "
                f"replace {taken[clash]}; give this model another id",
            )
            entries.append(SiteEntry(path, id=None, title=model.title, problems=(problem,)))
            continue
        taken.update(pages)
        seen[model.id] = path
        inputs.update(p for _, p in loaded.lineage)  # a base file is read too
        write(target / entry.map_file, map_html(model, lang=lang, session=session_context(loaded)))
        write(target / entry.report_file, render_report(model, "html", lang))
        entries.append(entry)
        if entry.area is not None and entry.extends is not None:
            profiles.setdefault(entry.extends, []).append(model)
    for base in list(profiles):  # a comparison page never replaces a model's page either
        name = comparison_file(base)
        if len(profiles[base]) > 1 and name in taken:
            first = profiles.pop(base)[0]
            entries.append(
                SiteEntry(
                    Path(name),
                    problems=(
                        Problem(
                            name,
                            1,
                            1,
                            f"the comparison of the profiles of {base!r} ({first.id!r}, ...) "
                            f"would replace {taken[name]}: it is left out",
                        ),
                    ),
                )
            )
    comparisons = _write_comparisons(profiles, target, write, lang)
    write(target / INDEX, index_html(entries, comparisons, lang))
    return entries


def _id_position(path: Path) -> tuple[int, int]:
    """Line and column of the top-level ``id:`` value in the file (1, 1 if not found)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return (1, 1)
    for number, line in enumerate(lines, 1):
        if line.startswith("id:"):
            value = line[3:]
            return (number, 4 + len(value) - len(value.lstrip()))
    return (1, 1)


def _write_comparisons(
    profiles: dict[str, list[Any]],
    target: Path,
    write: Callable[[Path, str], None],
    lang: str = "nl",
) -> list[Comparison]:
    """A comparison page for every base with two or more profiles on the site."""
    from barriers.report_local import comparison_html

    made = []
    for base, models in profiles.items():
        if len(models) < 2:
            continue
        page = Comparison(base, comparison_file(base), tuple(m.local.area for m in models))
        write(target / page.file, comparison_html(models, lang))
        made.append(page)
    return made


def _entry(loaded: LoadedModel[Model]) -> SiteEntry:
    model = loaded.model
    gaps = analysis.gaps(model)
    names = {p.id: p.name for p in model.phases}
    area: str | None = None
    open_here: tuple[str, ...] = ()
    if is_profile(model) and model.local is not None:
        area = model.local.area
        open_here = tuple(names[p] for p in local_picture(model)["uncovered"])
    return SiteEntry(
        path=loaded.path,
        id=model.id,
        title=model.title,
        variant=model.variant,
        extends=loaded.base_id,
        counts={
            "phases": len(model.phases),
            "partners": len(model.partners),
            "interventions": len(model.interventions),
        },
        uncovered=tuple(names[p] for p in gaps["uncovered"]),
        single_partner=tuple(names[p] for p in gaps["single_partner"]),
        area=area,
        open_here=open_here,
        language=model_language(model),
    )


def documentation_url() -> str | None:
    """The documentation's address: ``[project.urls] Documentation`` of the installed package."""
    from importlib import metadata

    try:
        urls: list[str] = metadata.metadata("barriers").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip() == "Documentation" and url.strip().startswith(("https://", "http://")):
            return url.strip()
    return None


# The index page's own words (model titles, ids and names are shown as written); plain text,
# escaped by the template. {base} and {command} are where the template puts code.
WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Barrièremodellen",
        "intro": (
            "Elk model heeft een interactieve kaart (opent offline in elke browser) en een "
            "rapport voor de analist (af te drukken)."
        ),
        "model": "Model",
        "variant": "Variant",
        "phases": "Fasen",
        "partners": "Partners",
        "interventions": "Interventies",
        "gaps": "Gaten",
        "pages": "Pagina's",
        "map": "kaart",
        "report": "rapport",
        "variant_of": "variant van",
        "profile_of": "lokaal profiel van",
        "open_here": "hier open",
        "uncovered": "zonder barrière",
        "one_partner": "één partner",
        "none": "geen",
        "invalid": "niet op de site",
        "check": "Controleer het met",
        "no_models": "Geen modellen.",
        "compared_heading": "Plaatsen vergeleken",
        "compared": "Lokale profielen van {base} vergeleken",
        "made": "Gemaakt met {command}.",
        "docs": "Documentatie",
        "text_note": "Titels en namen uit de modellen staan in de taal van elk model.",
    },
    "en": {
        "title": "Barrier models",
        "intro": (
            "Each model has an interactive map (opens offline in any browser) and an analyst's "
            "report (printable)."
        ),
        "model": "Model",
        "variant": "Variant",
        "phases": "Phases",
        "partners": "Partners",
        "interventions": "Interventions",
        "gaps": "Gaps",
        "pages": "Pages",
        "map": "map",
        "report": "report",
        "variant_of": "variant of",
        "profile_of": "local profile of",
        "open_here": "open here",
        "uncovered": "uncovered",
        "one_partner": "one partner",
        "none": "none",
        "invalid": "not on the site",
        "check": "Check it with",
        "no_models": "No models.",
        "compared_heading": "Places compared",
        "compared": "Local profiles of {base} compared",
        "made": "Made by {command}.",
        "docs": "Documentation",
        "text_note": "Titles and names from the models are in each model's language.",
    },
}
LANGUAGES = tuple(WORDS)


def index_html(
    entries: Iterable[SiteEntry], comparisons: Iterable[Comparison] = (), lang: str = "nl"
) -> str:
    """The index page: one row per model, with links to its map and report, and links to
    the comparisons of local profiles; its own words in ``lang`` (``nl`` or ``en``), each
    model's text marked with that model's language where it is not the page's.

    Rendered from ``templates/index.html`` (autoescape: every text is escaped once there)."""
    if lang not in WORDS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    w = WORDS[lang]
    rows: list[dict[str, Any]] = []
    for entry in entries:
        if entry.id is None:
            why = "; ".join(p.render() for p in entry.problems[:3])
            rows.append({"invalid": True, "file": entry.path.name, "why": why, "path": entry.path})
            continue
        language = entry.language or "nl"
        gaps = []
        if entry.area is not None:
            gaps.append(
                {
                    "css": "gap" if entry.open_here else "",
                    "label": w["open_here"],
                    "names": ", ".join(entry.open_here),
                }
            )
        if entry.uncovered:
            gaps.append(
                {"css": "gap", "label": w["uncovered"], "names": ", ".join(entry.uncovered)}
            )
        if entry.single_partner:
            gaps.append(
                {
                    "css": "single",
                    "label": w["one_partner"],
                    "names": ", ".join(entry.single_partner),
                }
            )
        rows.append(
            {
                "invalid": False,
                "mark": language if language != lang else "",
                "map": entry.map_file,
                "report": entry.report_file,
                "title": entry.title,
                "id": entry.id,
                "variant": entry.variant,
                "extends": entry.extends,
                "area": entry.area,
                "counts": entry.counts,
                "gaps": gaps,
            }
        )
    before, _, after = w["compared"].partition("{base}")
    made_before, _, made_after = w["made"].partition("{command}")
    page: str = (
        templates()
        .get_template("index.html")
        .render(
            lang=lang,
            w={
                **w,
                "compared_before": before,
                "compared_after": after,
                "made_before": made_before,
                "made_after": made_after,
            },
            rows=rows,
            marked=any(r["mark"] for r in rows if not r["invalid"]),
            comparisons=list(comparisons),
            docs=documentation_url(),
        )
    )
    return page
