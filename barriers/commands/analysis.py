"""Analysis commands: partners, gaps, whatif, cover, routes, centrality, diff, mechanisms.

Each command loads the model, asks :mod:`barriers.analysis` and shows the answer. JSON is the
analysis function's data as it is (the documented API); table and markdown use names for
people, CSV uses ids (plus names) for other programs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from barriers import analysis
from barriers.commands._common import (
    emit,
    format_option,
    load_to_read,
    local_option,
    model_argument,
    output_option,
)
from barriers.formats import render
from barriers.graph import PARTNER, PHASE
from barriers.techniques import MECHANISMS

# Mechanism column headers short enough for a terminal table.
_SHORT = {
    "increase-effort": "effort+",
    "increase-risks": "risks+",
    "reduce-rewards": "rewards-",
    "reduce-provocations": "provocations-",
    "remove-excuses": "excuses-",
}


def _show(
    fmt: str,
    data: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    notes: Sequence[str] = (),
    wide: bool = False,
) -> str:
    """``render`` with notes under table and markdown views (JSON and CSV stay pure data)."""
    width = 400 if wide else 60
    return render(fmt, data, headers, rows, title=title, notes=notes, max_width=width)


def _names(f: analysis.Facts, kind: str, ids: Sequence[str]) -> str:
    return ", ".join(f.name(kind, i) for i in ids) or "none"


@click.command(short_help="Who can intervene in each phase.")
@model_argument()
@click.option(
    "--phase",
    "phases",
    multiple=True,
    metavar="ID",
    help="Only this phase (repeatable); default: every phase.",
)
@local_option()
@format_option()
@output_option()
def partners(model: str, phases: tuple[str, ...], fmt: str, output: str, local: bool) -> None:
    """Who can intervene in each phase: the partners whose interventions act on it.

    JSON: {phase id: [partner ids]} for every phase (or those asked) in process order.
    Table: one row per phase and partner, with the number of that partner's interventions
    acting on the phase.

    \b
    Example:
      barriers partners loverboys-general --phase uitbuiten
      barriers partners loverboys-general --format csv -o partners.csv
    """
    f = analysis.facts(load_to_read(model, local=local).model)
    data = analysis.partners_by_phase(f, phases or None)
    rows = []
    for pid, partner_ids in data.items():
        acting_here = set(f.interventions_of[pid])
        if not partner_ids:
            rows.append([pid, f.name(PHASE, pid), "", "", 0])
        for number, partner_id in enumerate(partner_ids):
            acting = sum(1 for i in f.raised_by[partner_id] if i in acting_here)
            shown_phase = [pid, f.name(PHASE, pid)] if number == 0 or fmt == "csv" else ["", ""]
            rows.append([*shown_phase, partner_id, f.name(PARTNER, partner_id), acting])
    if fmt == "csv":
        headers = ["phase", "phase_name", "partner", "partner_name", "interventions"]
        emit(_show(fmt, data, headers, rows), output)
        return
    headers = ["Phase", "Partner", "Partner id", "Interventions"]
    people = [[r[1], r[3] or "(none: an uncovered phase)", r[2], r[4]] for r in rows]
    emit(_show(fmt, data, headers, people, title="Partners per phase"), output)


@click.command(short_help="Where the model is thin (--check for CI).")
@model_argument()
@click.option("--check", is_flag=True, help="Exit with status 3 when a phase is uncovered.")
@local_option()
@format_option()
@output_option()
def gaps(model: str, check: bool, fmt: str, output: str, local: bool) -> None:
    """Where the model is thin: uncovered phases, one-partner phases, idle partners.

    JSON: {uncovered: [phase ids], single_partner: [phase ids], idle_partners: [partner
    ids], phases: [{id, name, interventions, partners}]}. With --check the command exits 3
    when a phase has no intervention, to guard a model in CI.

    \b
    Example:
      barriers gaps loverboys-lvb
      barriers gaps my-model.yaml --check --format json
    """
    f = analysis.facts(load_to_read(model, local=local).model)
    data = analysis.gaps(f)
    single = set(data["single_partner"])
    partners_of = analysis.partners_by_phase(f)
    rows = []
    for row in data["phases"]:
        pid = row["id"]
        if not row["interventions"]:
            status, who = "uncovered", ""
        elif pid in single:
            status, who = "single_partner", partners_of[pid][0]
        else:
            status, who = "ok", ""
        rows.append([pid, row["name"], row["interventions"], row["partners"], status, who])
    if fmt == "csv":
        headers = ["phase", "name", "interventions", "partners", "status", "single_partner"]
        text = _show(fmt, data, headers, rows)
    else:
        words = {"uncovered": "UNCOVERED", "single_partner": "one partner: ", "ok": ""}
        people = [
            [r[1], r[0], r[2], r[3], words[r[4]] + (f.name(PARTNER, r[5]) if r[5] else "")]
            for r in rows
        ]
        notes = [
            f"Uncovered phases: {_names(f, PHASE, data['uncovered'])}",
            f"Single-partner phases: {_names(f, PHASE, data['single_partner'])}",
            f"Idle partners: {_names(f, PARTNER, data['idle_partners'])}",
        ]
        headers = ["Phase", "Id", "Interventions", "Partners", "Warning"]
        text = _show(fmt, data, headers, people, title="Gaps", notes=notes)
    emit(text, output)
    if check and data["uncovered"]:
        click.echo(
            f"barriers gaps --check: {len(data['uncovered'])} uncovered phase(s): "
            + ", ".join(data["uncovered"]),
            err=True,
        )
        raise click.exceptions.Exit(3)


@click.command(short_help="What a partner's drop-out breaks.")
@model_argument()
@click.option(
    "--without",
    "without",
    multiple=True,
    required=True,
    metavar="PARTNER",
    help="Id of a partner that drops out (repeatable).",
)
@local_option()
@format_option()
@output_option()
def whatif(model: str, without: tuple[str, ...], fmt: str, output: str, local: bool) -> None:
    """What a drop-out breaks: phases and interventions left without a partner.

    JSON: {without: [partner ids], newly_uncovered: [phase ids], lost_interventions:
    [intervention ids], weakened: [{id, before, after}]} (weakened: phases that keep some
    interventions but lose others).

    \b
    Example:
      barriers whatif loverboys-general --without politie --without om
    """
    f = analysis.facts(load_to_read(model, local=local).model)
    data = analysis.whatif(f, without)
    rows: list[list[Any]] = []
    for pid in data["newly_uncovered"]:
        count = len(f.interventions_of[pid])
        rows.append(["uncovered", PHASE, pid, f.name(PHASE, pid), count, 0])
    for entry in data["weakened"]:
        pid = entry["id"]
        rows.append(["weakened", PHASE, pid, f.name(PHASE, pid), entry["before"], entry["after"]])
    for iid in data["lost_interventions"]:
        rows.append(["lost", "intervention", iid, f.name("intervention", iid), "", ""])
    if fmt == "csv":
        headers = ["effect", "kind", "id", "name", "before", "after"]
        emit(_show(fmt, data, headers, rows), output)
        return
    effects = {
        "uncovered": "phase left uncovered",
        "weakened": "phase weakened",
        "lost": "intervention lost",
    }
    people = [
        [effects[r[0]], r[3], r[2], f"{r[4]} -> {r[5]} interventions" if r[1] == PHASE else ""]
        for r in rows
    ]
    notes = [] if rows else ["Nothing breaks: every intervention keeps a partner."]
    title = f"Without {_names(f, PARTNER, data['without'])}"
    headers = ["Effect", "Name", "Id", "Interventions"]
    emit(_show(fmt, data, headers, people, title=title, notes=notes), output)


@click.command(short_help="The fewest partners that reach every phase.")
@model_argument()
@local_option()
@format_option()
@output_option()
def cover(model: str, fmt: str, output: str, local: bool) -> None:
    """Who must be at the table: the fewest partners that reach every phase.

    Every phase that any intervention acts on is reached by at least one partner of the set.
    The search is exact for models of usual size (optimal: true); for very large models it
    stops after about a second with the best set found (optimal: false). Among equally small
    sets, partners reaching more phases are preferred, then ids in alphabetical order.

    JSON: {partners: [partner ids], optimal: true|false, uncoverable: [phase ids]}.

    \b
    Example:
      barriers cover loverboys-general
    """
    f = analysis.facts(load_to_read(model, local=local).model)
    data = analysis.cover(f)
    reach = {e["id"]: e for e in analysis.centrality(f)}
    rows = [
        [p, f.name(PARTNER, p), len(reach[p]["reaches"]), reach[p]["reaches"]]
        for p in data["partners"]
    ]
    if fmt == "csv":
        emit(_show(fmt, data, ["partner", "name", "reaches", "phases"], rows), output)
        return
    proof = "proven minimal" if data["optimal"] else "the best found, not proven minimal"
    title = f"Minimum cover: {len(data['partners'])} partner(s), {proof}"
    people = [[r[1], r[0], r[2], _names(f, PHASE, r[3])] for r in rows]
    notes = [f"Uncoverable phases (no intervention): {_names(f, PHASE, data['uncoverable'])}"]
    headers = ["Partner", "Id", "Reaches", "Phases reached"]
    emit(_show(fmt, data, headers, people, title=title, notes=notes, wide=True), output)


@click.command(short_help="The offender's routes, weakest first.")
@model_argument()
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=0),
    help="List at most this many routes, weakest first.",
)
@local_option()
@format_option()
@output_option()
def routes(model: str, limit: int, fmt: str, output: str, local: bool) -> None:
    """The offender's routes through the phases, weakest first.

    A route runs from a phase with no predecessor to one with no successor; its strength is
    the sum over its phases of the interventions acting on each. The weakest route is found
    by a shortest-path search, so models with very many routes stay fast.

    JSON: {weakest: {phases, strength}, routes: [{phases, strength}], count} where count is
    the number of routes in all.

    \b
    Example:
      barriers routes loverboys-general --limit 5
    """
    f = analysis.facts(load_to_read(model, local=local).model)
    data = analysis.routes(f, limit=limit)
    rows = [
        [number, route["strength"], route["phases"]]
        for number, route in enumerate(data["routes"], 1)
    ]
    if fmt == "csv":
        emit(_show(fmt, data, ["route", "strength", "phases"], rows), output)
        return
    weakest = data["weakest"]
    title = (
        f"Weakest route (strength {weakest['strength']}): "
        + " -> ".join(f.name(PHASE, p) for p in weakest["phases"])
        + f"\n{data['count']} route(s) in all; {len(rows)} shown"
    )
    people = [[r[0], r[1], " -> ".join(f.name(PHASE, p) for p in r[2])] for r in rows]
    headers = ["#", "Strength", "Route"]
    emit(_show(fmt, data, headers, people, title=title, wide=True), output)


@click.command(short_help="Partners ranked by how much rests on them.")
@model_argument()
@local_option()
@format_option()
@output_option()
def centrality(model: str, fmt: str, output: str, local: bool) -> None:
    """Partners ranked by how much of the model rests on them.

    Ranked by the phases a partner alone covers (lost if it drops out), then the phases it
    reaches, then the interventions it takes part in; partners equal on all three share a
    rank.

    JSON: [{id, name, rank, alone_covers: [phase ids], reaches: [phase ids], interventions,
    sole_interventions}] (sole_interventions: those it raises without another partner).

    \b
    Example:
      barriers centrality loverboys-general --format md
    """
    f = analysis.facts(load_to_read(model, local=local).model)
    data = analysis.centrality(f)
    rows = [
        [
            e["rank"],
            e["id"],
            e["name"],
            e["alone_covers"],
            len(e["reaches"]),
            e["interventions"],
            e["sole_interventions"],
        ]
        for e in data
    ]
    if fmt == "csv":
        headers = [
            "rank",
            "partner",
            "name",
            "alone_covers",
            "reaches",
            "interventions",
            "sole_interventions",
        ]
        emit(_show(fmt, data, headers, rows), output)
        return
    people = [[r[0], r[2], r[1], len(r[3]), r[4], r[5], r[6]] for r in rows]
    headers = ["Rank", "Partner", "Id", "Alone covers", "Reaches", "Interventions", "Alone raises"]
    notes = [
        f"{e['name']} alone covers: {_names(f, PHASE, e['alone_covers'])}"
        for e in data
        if e["alone_covers"]
    ]
    emit(_show(fmt, data, headers, people, title="Partners by weight", notes=notes), output)


@click.command(short_help="What one model changes against another.")
@model_argument("model_a")
@model_argument("model_b")
@format_option()
@output_option()
def diff(model_a: str, model_b: str, fmt: str, output: str) -> None:
    """What MODEL_B changes against MODEL_A, e.g. a variant against its base.

    JSON: {phases|partners|interventions: {added: [ids], removed: [ids], changed: [{id,
    fields: [field names]}]}}. Lists of ids (next, phases, partners, sources) are compared
    as sets: reordering them is no change.

    \b
    Example:
      barriers diff loverboys-general loverboys-lvb
    """
    a, b = load_to_read(model_a).model, load_to_read(model_b).model
    data = analysis.diff(a, b)
    rows: list[list[Any]] = []
    for kind, changes in data.items():
        rows.extend([kind, "added", i, ""] for i in changes["added"])
        rows.extend([kind, "removed", i, ""] for i in changes["removed"])
        rows.extend([kind, "changed", c["id"], c["fields"]] for c in changes["changed"])
    if fmt == "csv":
        emit(_show(fmt, data, ["kind", "change", "id", "fields"], rows), output)
        return
    notes = [] if rows else ["No differences in phases, partners or interventions."]
    title = f"Changes from {a.id} to {b.id}"
    headers = ["Kind", "Change", "Id", "Fields"]
    emit(_show(fmt, data, headers, rows, title=title, notes=notes), output)


@click.command(short_help="Barriers per crime-prevention mechanism.")
@model_argument()
@local_option()
@format_option()
@output_option()
def mechanisms(model: str, fmt: str, output: str, local: bool) -> None:
    """Barriers per phase by crime-prevention mechanism (Cornish & Clarke).

    Interventions are counted under the mechanism of their `technique`; those without a
    technique (often care and aftercare, which protect victims) are counted apart.

    JSON: {phase id: {by_mechanism: {mechanism id: [intervention ids]}, missing: [mechanism
    ids], without_technique: [intervention ids]}} in process order; the mechanism ids are
    increase-effort, increase-risks, reduce-rewards, reduce-provocations, remove-excuses.

    \b
    Example:
      barriers mechanisms loverboys-islamic --format md
    """
    f = analysis.facts(load_to_read(model, local=local).model)
    data = analysis.mechanisms(f)
    rows = [
        [
            pid,
            f.name(PHASE, pid),
            *(len(entry["by_mechanism"][m.id]) for m in MECHANISMS),
            len(entry["without_technique"]),
            entry["missing"],
        ]
        for pid, entry in data.items()
    ]
    if fmt == "csv":
        headers = ["phase", "name", *(m.id for m in MECHANISMS), "without_technique", "missing"]
        emit(_show(fmt, data, headers, rows), output)
        return
    headers = ["Phase", *(_SHORT[m.id] for m in MECHANISMS), "no technique"]
    people = [[r[1], *r[2:-1]] for r in rows]
    legend = "; ".join(f"{_SHORT[m.id]} = {m.en}" for m in MECHANISMS)
    notes = [f"Columns: {legend}."]
    notes.extend(
        f"{f.name(PHASE, pid)} - missing: "
        + ", ".join(m.en for m in MECHANISMS if m.id in entry["missing"])
        for pid, entry in data.items()
        if entry["missing"]
    )
    title = "Interventions per mechanism"
    emit(_show(fmt, data, headers, people, title=title, notes=notes, wide=True), output)
