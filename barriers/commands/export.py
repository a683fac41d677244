"""Commands that take the model to where people work, and back: export, import."""

from __future__ import annotations

from pathlib import Path

import click

from barriers.commands._common import lang_option, load, model_argument, protect, write
from barriers.export import EXPORTERS
from barriers.problems import BarriersError

_FORMAT_HELP = "\n".join(f"  {e.name:<11} {e.summary}" for e in EXPORTERS.values())


@click.command(
    help=f"""Export MODEL to a file other tools read.

\b
Formats:
{_FORMAT_HELP}

Text formats go to stdout with `-o -`; xlsx and matrix-png need a file.
The xlsx workbook and the map poster's legend are in Dutch unless --lang
en; a variant's workbook names its base, so that `barriers import` writes a
variant back.
matrix-png converts the SVG with rsvg-convert when installed, else with a
headless Chromium (chromium, chromium-browser or google-chrome on the PATH,
or the program BARRIERS_CHROMIUM names); without either it fails and says
so. Same model, same bytes: every format is deterministic (PNG on the same
machine and converter).

\b
Example:
  barriers export loverboys-general --to xlsx -o loverboys.xlsx
  barriers export loverboys-lvb --to graphml -o lvb.graphml
  barriers export loverboys-general --to matrix-svg --group-by mechanism -o table.svg
  barriers export my-model.yaml --to mermaid -o -
"""
)
@model_argument()
@click.option(
    "--to",
    "fmt",
    required=True,
    type=click.Choice(list(EXPORTERS)),
    help="The format to write.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    help="File to write (atomically); '-' for stdout (text formats). "
    "Default: MODEL_ID plus the format's suffix.",
)
@click.option(
    "--group-by",
    type=click.Choice(["type", "mechanism"]),
    default="type",
    show_default=True,
    help="Rows of the barrier table (matrix-svg, matrix-png, xlsx): by intervention type "
    "or by prevention mechanism.",
)
@click.option(
    "--delimiter",
    type=click.Choice([",", ";"]),
    default=",",
    show_default=True,
    help="The field separator of --to csv. Dutch Excel opens ';'-separated files by "
    "double-click; ',' is the RFC 4180 default.",
)
@lang_option(
    "The words of the output (xlsx: sheet names, headers and instructions, import reads "
    "both; map-svg, map-png: the poster's legend). Model text stays as written.",
)
def export(
    model: str, fmt: str, output: str | None, group_by: str, delimiter: str, lang: str
) -> None:
    from barriers.export import ExportOptions, export

    spec = EXPORTERS[fmt]
    if output == "-" and not spec.text:
        raise click.UsageError(f"{fmt} is binary: give a file with -o, e.g. -o model{spec.suffix}")
    loaded = load(model)
    target = f"{loaded.model.id}{spec.suffix}" if output is None else output
    if delimiter != "," and fmt != "csv":
        raise click.UsageError("--delimiter is for --to csv")
    options = ExportOptions(
        group_by="mechanism" if group_by == "mechanism" else "type",
        delimiter=delimiter,
        lang=lang,
        base=loaded.base_id,
    )
    write(target, export(loaded.model, fmt, options))
    if target != "-":
        click.echo(f"wrote {target}", err=True)


@click.command("import")
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="The YAML model to write (atomically); '-' for stdout.",
)
@click.option("--id", "model_id", help="Model id (default: from the workbook, or the CSV name).")
@click.option("--title", help="Model title (default: from the workbook, or the id).")
@click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab"]),
    default=None,
    help="A CSV file's field separator (default: the one of , ; and tab its first row uses "
    "most). Dutch Excel writes ';'.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def import_command(
    file: Path,
    output: str,
    model_id: str | None,
    title: str | None,
    delimiter: str | None,
    force: bool,
) -> None:
    """Turn a spreadsheet back into a YAML model: FILE.xlsx or FILE.csv.

    An .xlsx file must have the layout that `barriers export --to xlsx` writes (sheets
    model, phases, signals, opportunities, facilitators, partners, interventions, sources,
    actions, in Dutch or English; see docs/reference/workbook.md). Phases and partners may
    be named by name or id. A workbook whose model sheet names a base model (extends /
    basismodel) comes back as a variant of it: only what differs is written. A .csv file
    is a list of interventions with at least the columns name, phases and partners;
    phases and partners are made from the names it gives.
    Problems are shown as FILE:ROW:COL: SHEET!CELL: message, and nothing is written unless
    the model is valid.

    \b
    Example:
      barriers new my-model -o my-model.yaml
      barriers export my-model.yaml --to xlsx -o my-model.xlsx
      barriers import my-model.xlsx -o my-model.yaml --force
      barriers import inventory.csv --id gemeente-x --title "Gemeente X" -o gemeente-x.yaml
    """
    from barriers.importer import import_file
    from barriers.output import check_target

    check_target(output)
    protect(file)
    if output != "-" and Path(output).exists() and not force:
        raise BarriersError(f"{output} exists already: choose another -o or pass --force")
    separator = "\t" if delimiter == "tab" else delimiter
    result = import_file(file, model_id=model_id, title=title, delimiter=separator)
    for warning in result.warnings:
        click.echo(warning.render(), err=True)
    write(output, result.text)
    if output != "-":
        m = result.model
        click.echo(
            f"wrote {output} ({m.id}: {len(m.phases)} phases, {len(m.partners)} partners, "
            f"{len(m.interventions)} interventions); check it with: barriers validate {output}",
            err=True,
        )
