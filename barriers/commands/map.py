"""``barriers map``: the interactive map of a model as one offline HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from barriers.commands._common import lang_option, load, model_argument, write
from barriers.load import load_model
from barriers.problems import BarriersError


@click.command("map")
@model_argument()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the page here (atomically); '-' writes it to stdout. "
    "Default: outputs/<model id>.html.",
)
@click.option(
    "--open",
    "open_browser",
    is_flag=True,
    help="Open the written page in the web browser (not with -o -).",
)
@lang_option(
    "Language of the page's own words; model text stays as written.",
)
@click.option(
    "--compare",
    is_flag=True,
    help="Mark what this variant adds, changes and removes relative to its base.",
)
@click.option(
    "--session",
    is_flag=True,
    help="Open the page in session mode: record the local picture, then download a profile.",
)
def map_command(
    model: str, output: str | None, open_browser: bool, lang: str, compare: bool, session: bool
) -> None:
    """Write an interactive map of MODEL: one self-contained HTML file that works offline.

    Phases run left to right in process order, each barrier sits under the phase it acts
    on and partners form the bottom band. Click a node for its details; search, filter,
    ask what happens if a partner drops out, and present the phases one at a time.

    \b
    Example:
      barriers map loverboys-general --open
      barriers map loverboys-lvb --compare --lang en -o lvb.html
      barriers map loverboys-general -o - > map.html
      barriers map loverboys-general --session -o sessie.html
    """
    if open_browser and output == "-":
        # stdout is a pipe or a terminal, not a file a browser could open: refuse before any work
        raise click.UsageError("--open needs a file to open: give -o FILE, not -o -")
    from barriers.map.render import map_html
    from barriers.map.session import session_context

    loaded = load(model)
    base = None
    if compare:
        if len(loaded.lineage) < 2:
            raise BarriersError(
                f"model {loaded.model.id!r} extends no other model, so there is nothing to "
                "compare it with: --compare works on variants (models with 'extends')"
            )
        base = load_model(loaded.lineage[1][1]).model
    # a profile's session downloads a profile of the model the profile itself extends
    context = session_context(loaded, start=session)
    page = map_html(loaded.model, lang=lang, base=base, session=context)
    if output == "-":
        write("-", page)  # stdout carries the page and nothing else
        return
    target = str(Path("outputs") / f"{loaded.model.id}.html") if output is None else output
    write(target, page)
    click.echo(f"wrote {target}", err=True)  # status on stderr, like export and report
    if open_browser:
        import webbrowser

        webbrowser.open(Path(target).resolve().as_uri())
