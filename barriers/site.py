"""A static site of every model: its map, its report, and an index that links them.

``build_site`` writes ``<id>.html`` (the map, as ``barriers map`` names it), ``<id>-report.html``
and ``index.html`` into a folder a trainer can copy onto a stick or any static web server:
every page works offline, without a server. Each file is written atomically, the index last,
so it never links a page that is not there.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from barriers.loaded import LoadedModel
from barriers.problems import ModelError, Problem

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

    @property
    def map_file(self) -> str:
        return f"{self.id}.html"

    @property
    def report_file(self) -> str:
        return f"{self.id}-report.html"


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
    from barriers.map.render import map_html
    from barriers.output import write_output
    from barriers.report import render_report
    from barriers.resolve import load_model

    target = Path(folder)
    inputs = set(protected)

    def write(path: Path, text: str) -> None:
        write_output(path, text, protected=inputs)

    entries: list[SiteEntry] = []
    seen: dict[str, Path] = {}
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
        seen[model.id] = path
        inputs.update(p for _, p in loaded.lineage)  # a base file is read too
        entry = _entry(loaded)
        write(target / entry.map_file, map_html(model, lang=lang))
        write(target / entry.report_file, render_report(model, "html"))
        entries.append(entry)
    write(target / INDEX, index_html(entries))
    return entries


def _entry(loaded: LoadedModel) -> SiteEntry:
    from barriers import analysis

    model = loaded.model
    gaps = analysis.gaps(model)
    names = {p.id: p.name for p in model.phases}
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
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; margin: 0 auto; max-width: 72rem; padding: 1.5rem; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #b9bec6; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #1d3557; color: #fff; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.gap { color: #9b1c1c; font-weight: 600; }
.single { color: #7a4100; }
.invalid td { background: #fbeaea; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def index_html(entries: Iterable[SiteEntry]) -> str:
    """The index page: one row per model, with links to its map and report."""
    rows = []
    for entry in entries:
        if entry.id is None:
            why = "; ".join(p.render() for p in entry.problems[:3])
            rows.append(
                f'<tr class="invalid"><td colspan="7">{_e(entry.path.name)}: not on the site '
                f"({_e(why)}). Check it with <code>barriers validate {_e(entry.path)}</code>."
                "</td></tr>"
            )
            continue
        kind = _e(entry.variant or "")
        if entry.extends:
            kind += f"<br><small>variant of <code>{_e(entry.extends)}</code></small>"
        gaps = []
        if entry.uncovered:
            gaps.append(
                '<span class="gap">uncovered: ' + _e(", ".join(entry.uncovered)) + "</span>"
            )
        if entry.single_partner:
            gaps.append(
                '<span class="single">one partner: '
                + _e(", ".join(entry.single_partner))
                + "</span>"
            )
        rows.append(
            "<tr>"
            f'<td><a href="{_e(entry.map_file)}">{_e(entry.title)}</a><br>'
            f"<small><code>{_e(entry.id)}</code></small></td>"
            f"<td>{kind}</td>"
            f'<td class="n">{entry.counts["phases"]}</td>'
            f'<td class="n">{entry.counts["partners"]}</td>'
            f'<td class="n">{entry.counts["interventions"]}</td>'
            f"<td>{'<br>'.join(gaps) or 'none'}</td>"
            f'<td><a href="{_e(entry.map_file)}">map</a> · '
            f'<a href="{_e(entry.report_file)}">report</a></td>'
            "</tr>"
        )
    body = "\n".join(rows) or '<tr><td colspan="7">No models.</td></tr>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Barrier models</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        "<h1>Barrier models</h1>\n"
        "<p>Each model has an interactive map (opens offline in any browser) and an analyst's "
        "report (printable).</p>\n"
        '<table>\n<thead><tr><th scope="col">Model</th><th scope="col">Variant</th>'
        '<th scope="col">Phases</th><th scope="col">Partners</th>'
        '<th scope="col">Interventions</th><th scope="col">Gaps</th>'
        '<th scope="col">Pages</th></tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>\n"
        "<footer>Made by <code>barriers site</code>.</footer>\n"
        "</body>\n</html>\n"
    )
