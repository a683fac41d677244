"""Local-profile commands: local (what is here against what the model expects), plan.

The answers come from :mod:`barriers.analysis.local`; JSON is that data as it is (a documented API),
table and markdown use names for people, CSV uses ids (plus names) for other programs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from barriers.commands._common import (
    emit,
    format_option,
    load_to_read,
    output_option,
    settings,
    write,
)
from barriers.formats import FORMATS, render, to_json

# Column headers for the states, short enough for a terminal.
_STATE_HEADERS = {
    "in_place": "in place",
    "partial": "partial",
    "planned": "planned",
    "absent": "absent",
    "not_applicable": "n/a",
    "unknown": "unknown",
}


_SHOWN = 10  # candidates listed in the table and markdown views; JSON and CSV have them all


class _Names:
    """Names of a model's phases, barriers and partners, for people."""

    def __init__(self, model: Any) -> None:
        self.names: dict[tuple[str, str], str] = {}
        for kind, items in (
            ("phase", model.phases),
            ("intervention", model.interventions),
            ("partner", model.partners),
        ):
            for item in items:
                self.names[(kind, item.id)] = item.name

    def __call__(self, kind: str, ids: Sequence[str]) -> str:
        return ", ".join(self.names.get((kind, i), i) for i in ids) or "none"


def _view(
    fmt: str,
    data: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str,
    notes: Sequence[str] = (),
) -> str:
    """``render`` with notes under the table (a markdown list in md; JSON and CSV stay data)."""
    if fmt == "md":
        from barriers.text import md_text

        text = render(fmt, data, headers, rows, title=title)
        items = [f"{'  ' if n.startswith('  ') else ''}- {md_text(n)}" for n in notes]
        return text + ("\n" + "\n".join(items) + "\n" if items else "")
    return render(fmt, data, headers, rows, title=title, notes=notes, max_width=400)


def _profiles(refs: Sequence[str], folders: Sequence[str]) -> list[Any]:
    """The models named, then every local profile in the folders (by file name)."""
    from barriers.analysis.local import is_profile, require_profile
    from barriers.catalog import model_files

    models = []
    for ref in refs:
        model = load_to_read(ref).model
        require_profile(model)
        models.append(model)
    for folder in folders:
        found = [load_to_read(str(path)).model for path in model_files(Path(folder))]
        models.extend(m for m in found if is_profile(m))
    return models


@click.command(short_help="What is in place here against what the model expects.")
@click.argument("profiles", metavar="PROFILE...", nargs=-1)
@click.option(
    "--models-dir",
    "folders",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="Also every local profile in this folder (repeatable): compares the places.",
)
@format_option(FORMATS)
@output_option()
def local(profiles: tuple[str, ...], folders: tuple[str, ...], fmt: str, output: str) -> None:
    """What a local profile has against what its model expects: barriers per local state
    per phase, the phases left open here, the barriers that would close them, the smallest
    fix, and the open phases no action addresses.

    JSON (one profile): {area, date, counts: {state: number}, phases: [{id, name, in_place,
    partial, planned, absent, not_applicable, unknown}], uncovered, single_partner,
    candidates: [{intervention, closes, state}], smallest_fix: {interventions, optimal},
    without_plan}. With several profiles (or --models-dir): {profiles: [{id, ...the
    above}], comparison: {areas, barriers: [{id, name, states}], phases: [{id, name,
    open_in}], shared_gaps}}.

    \b
    Example:
      barriers local gemeente-voorbeeld
      barriers local gemeente-voorbeeld --format json
      barriers local --models-dir ./regio --format md -o regio.md
    """
    if not profiles and not folders:
        folders = settings().models_dirs
        if not folders:
            raise click.UsageError("give a PROFILE (or several), or --models-dir DIR")
    models = _profiles(profiles, folders)
    if not models:
        from barriers.problems import BarriersError

        raise BarriersError(
            f"no local profile in {', '.join(folders)}: a profile has a `local` block"
        )
    if len(models) == 1:
        emit(_picture_text(models[0], fmt), output)
    else:
        emit(_comparison_text(models, fmt), output)


def _picture_text(model: Any, fmt: str) -> str:
    from barriers.analysis.local import local_picture

    picture = local_picture(model)
    if fmt == "json":
        return to_json(picture)
    name = _Names(model)
    uncovered = set(picture["uncovered"])
    single = set(picture["single_partner"])
    if fmt == "csv":
        headers = ["phase", "phase_name", "intervention", "intervention_name", "state", "open_here"]
        rows: list[list[Any]] = []
        for phase in picture["phases"]:
            barriers = [
                (iid, state) for state in _STATE_HEADERS for iid in phase[state]
            ]  # in the order of the states
            for iid, state in barriers or [("", "")]:
                rows.append(
                    [
                        phase["id"],
                        phase["name"],
                        iid,
                        name("intervention", [iid]) if iid else "",
                        state.replace("_", "-"),
                        phase["id"] in uncovered,
                    ]
                )
        return render(fmt, picture, headers, rows)
    headers = ["Phase", *_STATE_HEADERS.values(), "Here"]
    rows = []
    for phase in picture["phases"]:
        if phase["id"] in uncovered:
            here = "OPEN"
        elif phase["id"] in single:
            here = "one partner"
        elif not any(phase[s] for s in _STATE_HEADERS):
            here = "no barrier in the model"
        else:
            here = "ok"
        rows.append([phase["name"], *(len(phase[s]) for s in _STATE_HEADERS), here])
    counts = ", ".join(f"{picture['counts'][s]} {w}" for s, w in _STATE_HEADERS.items())
    fix = picture["smallest_fix"]
    proof = "proven minimal" if fix["optimal"] else "the best found, not proven minimal"
    notes = [
        f"Barriers: {counts}.",
        f"Open here (barriers in the model, none in place): {name('phase', picture['uncovered'])}",
        f"One partner here: {name('phase', picture['single_partner'])}",
        "Candidates (would close a phase open here):" + ("" if picture["candidates"] else " none"),
        *(
            f"  {name('intervention', [c['intervention']])} [{c['state']}] closes "
            + name("phase", c["closes"])
            for c in picture["candidates"][:_SHOWN]
        ),
        *(
            [f"  ... and {len(picture['candidates']) - _SHOWN} more (--format json lists them all)"]
            if len(picture["candidates"]) > _SHOWN
            else []
        ),
        f"Smallest fix ({proof}): {name('intervention', fix['interventions'])}",
        f"Open here without a plan: {name('phase', picture['without_plan'])}",
    ]
    when = f" on {picture['date']}" if picture["date"] else ""
    title = f"Local picture of {picture['area']}{when} ({model.id})"
    return _view(fmt, picture, headers, rows, title=title, notes=notes)


def _comparison_text(models: list[Any], fmt: str) -> str:
    from barriers.analysis.local import compare, local_picture

    answer = compare(models)
    if fmt == "json":
        profiles = [{"id": m.id, **local_picture(m)} for m in models]
        return to_json({"profiles": profiles, "comparison": answer})
    ids = [a["id"] for a in answer["areas"]]
    if fmt == "csv":
        headers = ["intervention", "name", *ids]
        rows = [
            [b["id"], b["name"], *(b["states"][i] or "" for i in ids)] for b in answer["barriers"]
        ]
        return render(fmt, answer, headers, rows)
    areas = {a["id"]: a["area"] for a in answer["areas"]}
    headers = ["Barrier", *(areas[i] for i in ids)]
    rows = [
        [b["name"], *(b["states"][i] or "(not in model)" for i in ids)] for b in answer["barriers"]
    ]
    notes = [
        f"{p['name']}: open in " + (", ".join(areas[i] for i in p["open_in"]) or "none")
        for p in answer["phases"]
    ]
    shared = answer["shared_gaps"]
    notes.append(
        "Shared gaps (open in more than half of the places): "
        + ("; ".join(f"{p['name']} ({len(p['open_in'])} of {len(ids)})" for p in shared) or "none")
    )
    title = f"Local profiles compared: {', '.join(areas[i] for i in ids)}"
    return _view(fmt, answer, headers, rows, title=title, notes=notes)


def _check_today(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from barriers.states import check_date

    try:
        return check_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command(short_help="The local action plan, with what is overdue.")
@click.argument("profile", metavar="PROFILE")
@click.option(
    "--today",
    metavar="DATE",
    callback=_check_today,
    help="Flag actions due before this date (YYYY-MM-DD; default: the profile's local.date).",
)
@format_option((*FORMATS, "xlsx"))
@output_option()
def plan(profile: str, today: str | None, fmt: str, output: str) -> None:
    """The action plan of a local profile: by priority (1 first), then due date; flags the
    open actions past due, the actions whose barriers are in place already, and the phases
    open here that no open or in-progress action addresses.

    JSON: {actions: [{id, title, interventions, phases, owner, due, priority, state, note,
    overdue, in_place}], without_plan: [phase ids]}. Overdue is relative to --today, by
    default the profile's local.date, so the answer does not change with the calendar
    (with neither, no action is overdue).

    \b
    Example:
      barriers plan gemeente-voorbeeld
      barriers plan gemeente-voorbeeld --today 2027-04-01 --format md
      barriers plan gemeente-voorbeeld --format xlsx -o actieplan.xlsx
    """
    from barriers.analysis.local import action_plan, require_profile

    model = load_to_read(profile).model
    require_profile(model)
    answer = action_plan(model, today)
    name = _Names(model)
    if fmt == "json":
        emit(to_json(answer), output)
        return
    headers = [
        "id",
        "title",
        "priority",
        "due",
        "state",
        "owner",
        "interventions",
        "phases",
        "overdue",
        "in_place",
        "note",
    ]
    rows = [[a[h] for h in headers] for a in answer["actions"]]
    if fmt == "xlsx":
        if output == "-":
            raise click.UsageError("an xlsx workbook is a file: give -o FILE.xlsx")
        from barriers.export.plan_xlsx import plan_workbook

        write(output, plan_workbook(headers, rows, answer["without_plan"], name.names))
        click.echo(f"wrote {output}", err=True)
        return
    if fmt == "csv":
        emit(render(fmt, answer, headers, rows), output)
        return
    people = []
    for n, a in enumerate(answer["actions"], 1):
        flags = [
            word for flag, word in (("overdue", "OVERDUE"), ("in_place", "in place")) if a[flag]
        ]
        about = [name("intervention", a["interventions"])] if a["interventions"] else []
        about += [name("phase", a["phases"])] if a["phases"] else []
        people.append(
            [
                n,
                a["priority"] or "",
                a["due"] or "",
                a["state"],
                a["title"],
                "; ".join(about),
                name("partner", [a["owner"]]) if a["owner"] else "",
                ", ".join(flags),
            ]
        )
    place = model.local
    assert place is not None  # require_profile
    when = today or place.date
    title = f"Action plan of {place.area}" + (f" (as of {when})" if when else "")
    notes = [] if people else ["No actions yet: add them under `actions:` in the profile."]
    notes.append(f"Open here without a plan: {name('phase', answer['without_plan'])}")
    headers = ["#", "Priority", "Due", "State", "Action", "About", "Owner", "Flags"]
    emit(_view(fmt, answer, headers, people, title=title, notes=notes), output)
