"""Foundation commands: list, validate, show, schema, new."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from barriers.catalog import find_base, model_paths
from barriers.commands._common import (
    emit,
    format_option,
    load,
    model_argument,
    model_path,
    output_option,
    settings,
)
from barriers.formats import render, to_json
from barriers.ids import SLUG_RE
from barriers.load import load_model
from barriers.problems import BarriersError, ModelError
from barriers.terminal import visible


@click.command("list")
@format_option(("table", "json"))
def list_models(fmt: str) -> None:
    """List the bundled models (and those in --models-dir).

    \b
    Example:
      barriers list
      barriers --models-dir ./my-models list --format json
    """

    entries: list[dict[str, Any]] = []
    for path in model_paths([Path(d) for d in settings().models_dirs]):
        try:
            loaded = load_model(path, use_cache=settings().use_cache)
        except ModelError as exc:
            entries.append(
                {"id": None, "path": str(path), "valid": False, "problems": len(exc.problems)}
            )
            continue
        model = loaded.model
        entries.append(
            {
                "id": model.id,
                "title": model.title,
                "variant": model.variant,
                "extends": loaded.base_id,
                "path": str(path),
                "valid": True,
                "phases": len(model.phases),
                "partners": len(model.partners),
                "interventions": len(model.interventions),
                "sources": len(model.sources),
            }
        )
    headers = ["id", "variant", "extends", "phases", "partners", "interventions", "title"]
    rows = [
        [
            e["id"],
            e["variant"],
            e["extends"],
            e["phases"],
            e["partners"],
            e["interventions"],
            e["title"],
        ]
        if e["valid"]
        else [
            Path(e["path"]).name,
            "",
            "",
            "",
            "",
            "",
            f"INVALID: run barriers validate {e['path']}",
        ]
        for e in entries
    ]
    emit(render(fmt, entries, headers, rows))


@click.command()
@click.argument("models", metavar="MODEL...", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary.")
def validate(models: tuple[str, ...], strict: bool, quiet: bool) -> None:
    """Check model files: every problem as FILE:LINE:COL: message; exit 0 when all are valid.

    \b
    Example:
      barriers validate models/*.yaml
      barriers validate my-municipality.yaml --strict
    """

    failed = 0
    for ref in models:
        try:
            path = model_path(ref)
            loaded = load_model(path, use_cache=settings().use_cache)
        except BarriersError as exc:
            failed += 1
            for line in exc.lines():
                click.echo(line, err=True)
            continue
        for warning in loaded.warnings:
            click.echo(warning.render(), err=True)
        if strict and loaded.warnings:
            failed += 1
        elif not quiet:
            m = loaded.model
            note = f", {len(loaded.warnings)} warning(s)" if loaded.warnings else ""
            emit(
                f"{visible(str(path))}: ok ({m.id}: {len(m.phases)} phases, {len(m.partners)} partners, "
                f"{len(m.interventions)} interventions{note})\n"
            )
    if failed:
        raise click.exceptions.Exit(1)


@click.command()
@model_argument()
@format_option(("table", "json", "yaml"))
@output_option()
def show(model: str, fmt: str, output: str) -> None:
    """Show the resolved model (variants applied, phases in process order).

    \b
    Example:
      barriers show loverboys-lvb
      barriers show loverboys-islamic --format json -o islamic.json
    """
    loaded = load(model)
    m = loaded.model
    if fmt == "json":
        emit(to_json(m.to_data()), output)
        return
    if fmt == "yaml":
        from barriers.yamlout import dump_model

        emit(dump_model(m.to_data()), output)
        return
    emit(visible(_show_table(loaded)), output)  # model text, shown: no control acts


def _show_table(loaded: Any) -> str:
    from barriers.notes import model_notes

    m = loaded.model
    partners = {p.id: p.name for p in m.partners}
    notes: dict[tuple[str, str], list[str]] = {}
    for note in model_notes(m):
        label = "local note" if note.field == "local.note" else "note"
        notes.setdefault((note.kind, note.id), []).append(f"{label}: {_terminal(note.text)}")
    lines = [f"{m.title} ({m.id})"]
    if loaded.base_id:
        lines.append(f"variant of {loaded.base_id}")
    if m.local is not None:
        when = f" on {m.local.date}" if m.local.date else ""
        lines.append(f"local profile of {_terminal(m.local.area)}{when}")
        absent = [p.name for p in m.partners if p.local is not None and p.local.state == "absent"]
        if absent:
            lines.append(f"partners absent here: {_terminal(', '.join(absent))}")
    lines.append(
        f"{len(m.phases)} phases, {len(m.partners)} partners, {len(m.interventions)} interventions"
    )
    by_phase: dict[str, list[Any]] = {p.id: [] for p in m.phases}
    for item in m.interventions:
        for pid in item.phases:
            by_phase[pid].append(item)
    for number, phase in enumerate(m.phases, 1):
        follows = ", ".join(phase.next or []) or "end"
        lines.append("")
        lines.append(f"{number}. {phase.name} [{phase.id}] -> {follows}")
        lines.extend(f"   {text}" for text in notes.get(("phase", phase.id), []))
        if not by_phase[phase.id]:
            lines.append("   (no intervention: an uncovered phase)")
        for item in sorted(by_phase[phase.id], key=lambda i: (i.name.casefold(), i.id)):
            names = ", ".join(partners[p] for p in item.partners)
            kind = f" <{item.type}>" if item.type else ""
            state = ""
            if m.local is not None:
                state = f" [{item.local.state if item.local else 'unknown'}]"
            lines.append(f"   - {item.name}{kind} — {names}{state}")
            lines.extend(f"       {text}" for text in notes.get(("intervention", item.id), []))
    rest = [
        (kind, item_id, texts)
        for (kind, item_id), texts in notes.items()
        if kind not in ("phase", "intervention")
    ]
    if rest:
        lines += ["", "Notes"]
        for kind, item_id, texts in rest:
            lines.extend(f"   {kind} {item_id}: {text}" for text in texts)
    return "\n".join(lines) + "\n"


def _terminal(text: str) -> str:
    """Text for one terminal line (controls are escaped for the whole view by ``visible``)."""
    from barriers.text import one_line

    return one_line(text)


@click.command()
@output_option()
def schema(output: str) -> None:
    """Print the JSON Schema of the model format (for editors and other tools).

    Point your editor at it with a first line such as
    `# yaml-language-server: $schema=barrier-model.schema.json`.

    \b
    Example:
      barriers schema -o barrier-model.schema.json
    """
    from barriers.schema import json_schema

    emit(to_json(json_schema()), output)


@click.command()
@click.argument("model_id", metavar="ID")
@click.option("--extends", "base", metavar="BASE", help="Make the new model a variant of BASE.")
@click.option(
    "--local",
    "area",
    metavar="AREA",
    help="Make it a local profile of AREA over BASE: every barrier of BASE listed as "
    "state: unknown, by phase, to fill in.",
)
@click.option("-o", "--output", default=None, help="File to write (default: ID.yaml); '-' stdout.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(model_id: str, base: str | None, area: str | None, output: str | None, force: bool) -> None:
    """Write a commented starter model that validates.

    \b
    Example:
      barriers new gemeente-utrecht --extends loverboys-general
      barriers new hennepteelt -o hennep.yaml
      barriers new gemeente-x --extends loverboys-general --local "Gemeente X"
    """
    from barriers.output import check_target
    from barriers.starter import starter_model, starter_profile

    if not SLUG_RE.match(model_id) or len(model_id) > 80:
        raise BarriersError(
            f"{model_id[:100]!r} is not a valid id: use at most 80 lowercase letters, digits "
            "and hyphens"
        )
    if area is not None and base is None:
        raise click.UsageError("--local AREA makes a profile of a model: give --extends BASE")
    if area is not None and not area.strip():
        raise click.BadParameter("the area must not be empty", param_hint="--local")
    base_model = None
    if base is not None:
        base_model = load(base).model
    target = f"{model_id}.yaml" if output is None else output
    check_target(target)
    if target != "-" and Path(target).exists() and not force:
        raise BarriersError(f"{target} exists already: choose another -o or pass --force")
    folder = Path(target).parent if target != "-" else Path.cwd()
    if base_model is not None and find_base(base_model.id, folder) is None:
        raise BarriersError(
            f"the new model would say 'extends: {base_model.id}', but that model is "
            f"neither in {folder} nor bundled: write the new model beside "
            f"{model_path(str(base))} (-o)"
        )
    if area is not None and base_model is not None:
        text = starter_profile(model_id, base_model, area)
    else:
        text = starter_model(model_id, base_model)
    _check_starter(text, folder)
    emit(text, target)
    if target != "-":
        click.echo(f"wrote {target}; check it with: barriers validate {target}", err=True)


def _check_starter(text: str, folder: Path) -> None:
    """The starter must validate where it will live (its ``extends`` is found from there)."""
    import os
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".barriers-new-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as draft:
            draft.write(text)
        load_model(Path(name), use_cache=False)
    finally:
        Path(name).unlink(missing_ok=True)
