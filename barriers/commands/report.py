"""Commands for reading a model as a whole: report, site."""

from __future__ import annotations

from pathlib import Path

import click

from barriers.commands._common import (
    lang_option,
    load,
    model_argument,
    model_path,
    protect,
    settings,
    write,
)


@click.command()
@model_argument()
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="File to write (atomically): .html or .md; '-' for stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md"]),
    default=None,
    help="html or md (default: from the -o suffix, else html).",
)
@click.option(
    "--session",
    is_flag=True,
    help="The session report of a local profile: what a barrier session recorded "
    "(the picture per phase, the room's notes, the checklist, the action plan).",
)
@lang_option(
    "Language of the report's own words, HTML and markdown alike; model text stays as written.",
)
def report(model: str, output: str, fmt: str | None, session: bool, lang: str) -> None:
    """Write an analyst's report on MODEL: summary figures, the coverage matrix, gaps,
    what-if for every partner (who is indispensable), the cover set, the weakest route,
    centrality, mechanisms and the barrier table.

    The HTML report is one self-contained page (no scripts, no requests) that prints on A4;
    the markdown report suits wikis and merge requests. Both are in Dutch unless --lang en.

    With --session (for a local profile) it is instead the document a facilitator sends
    round after a barrier session: area, date and who was at the table, per phase what is
    in place and what is open with what the room noted, the checklist answers, the action
    plan and the open phases left without a plan; in Dutch unless --lang en.

    \b
    Example:
      barriers report loverboys-general -o report.html
      barriers report loverboys-general --lang en -o report-en.html
      barriers report loverboys-lvb -o lvb.md
      barriers report my-model.yaml --format md
      barriers report gemeente-voorbeeld --session -o sessie.html
    """
    chosen = fmt or ("md" if output.lower().endswith((".md", ".markdown")) else "html")
    if session:
        from barriers.session import render_session

        text = render_session(load(model).model, chosen, lang)
    else:
        from barriers.report import render_report

        text = render_report(load(model).model, chosen, lang)
    write(output, text)
    if output != "-":
        click.echo(f"wrote {output}", err=True)


@click.command()
@click.argument("models", metavar="[MODEL...]", nargs=-1)
@click.option(
    "-o",
    "--output",
    "folder",
    default="outputs",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The folder to write the site into.",
)
@lang_option(
    "Language of the pages' own words (maps, reports, index); model text stays as written.",
)
def site(models: tuple[str, ...], folder: str, lang: str) -> None:
    """Write a static site: every model's map and report, and an index.html linking them.

    Without MODEL arguments the site has every bundled model and those in --models-dir.
    The folder works offline: copy it onto a stick or any static web server. A model that
    does not validate is listed in the index with its problem, and the exit status is 1.

    \b
    Example:
      barriers site
      barriers --models-dir ./gemeente site -o site/
      barriers site loverboys-general my-model.yaml -o workshop/
    """
    from barriers.catalog import model_paths
    from barriers.site import build_site

    if folder == "-":
        raise click.BadParameter(
            "a site is a folder of files; give a folder, not '-'", param_hint="-o"
        )
    options = settings()
    if models:
        paths = [model_path(ref) for ref in models]
    else:
        paths = model_paths([Path(d) for d in options.models_dirs])
    protect(*paths)
    entries = build_site(
        paths,
        Path(folder),
        use_cache=options.use_cache,
        lang=lang,
        protected=frozenset(options.inputs),
    )
    failed = False
    for entry in entries:
        for problem in entry.problems:
            click.echo(problem.render(), err=True)
            failed = failed or problem.severity == "error"
    shown = sum(1 for e in entries if e.id is not None)
    click.echo(f"wrote {Path(folder) / 'index.html'} ({shown} model(s))", err=True)
    if failed:
        raise click.exceptions.Exit(1)
