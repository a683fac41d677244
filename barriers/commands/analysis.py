"""Analysis commands: partners, gaps, whatif, cover, routes, centrality, resilience, diff,
mechanisms.

Each command loads the model, asks :mod:`barriers.analysis` and shows the answer: JSON is the
analysis function's data as it is (the documented API); table, markdown and CSV are the one
table :mod:`barriers.analysis.tables` lays out for that answer (names for people, ids beside).
"""

from __future__ import annotations

import click

from barriers import analysis
from barriers.analysis import tables
from barriers.analysis.coverage import reach
from barriers.analysis.local import local_view, partner_state
from barriers.commands._common import (
    emit,
    format_option,
    load_to_read,
    local_option,
    model_argument,
    output_option,
)
from barriers.formats import render
from barriers.problems import BarriersError
from barriers.protocols import ModelLike


def _show(fmt: str, data: object, t: tables.Table) -> str:
    """The answer in the asked format: JSON the data, the rest the table with its notes."""
    headers, rows = tables.table_cells(t, fmt)
    notes = [t.empty, *t.notes] if not rows and t.empty else t.notes
    width = 400 if t.wide else 60
    return render(fmt, data, headers, rows, title=t.title, notes=notes, max_width=width)


def _facts(model: str, local: bool) -> analysis.Facts:
    return analysis.facts(load_to_read(model, local=local).model)


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
    f = _facts(model, local)
    data = analysis.partners_by_phase(f, phases or None)
    emit(_show(fmt, data, tables.partners_table(data, f)), output)


@click.command(short_help="Where the model is thin (--check for CI).")
@model_argument()
@click.option("--check", is_flag=True, help="Exit with status 3 when a phase is uncovered.")
@click.option(
    "--min-barriers",
    type=click.IntRange(min=0),
    metavar="N",
    help="Call a phase thin when fewer than N barriers act on it.",
)
@click.option(
    "--min-partners",
    type=click.IntRange(min=0),
    metavar="N",
    help="Call a phase thin when fewer than N distinct partners raise its barriers.",
)
@local_option()
@format_option()
@output_option()
def gaps(
    model: str,
    check: bool,
    min_barriers: int | None,
    min_partners: int | None,
    fmt: str,
    output: str,
    local: bool,
) -> None:
    """Where the model is thin: uncovered phases, one-partner phases, idle partners.

    JSON: {uncovered: [phase ids], single_partner: [phase ids], idle_partners: [partner
    ids], phases: [{id, name, interventions, partners}]}. With --min-barriers N and/or
    --min-partners N the answer adds thresholds: {min_barriers, min_partners} (one not given
    counts as 0) and thin: [{id, name, interventions, partners}], the phases (process order)
    with fewer barriers or fewer partners than asked. With --check the command exits 3 when
    a phase has no intervention, to guard a model in CI.

    \b
    Example:
      barriers gaps loverboys-lvb
      barriers gaps loverboys-general --min-partners 12
      barriers gaps my-model.yaml --check --format json
    """
    f = _facts(model, local)
    data = analysis.gaps(f, min_barriers=min_barriers, min_partners=min_partners)
    emit(_show(fmt, data, tables.gaps_table(data, f)), output)
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

    A barrier is lost when its lead partner drops out, or, for a barrier without a lead,
    when all its partners do.

    JSON: {without: [partner ids], newly_uncovered: [phase ids], lost_interventions:
    [intervention ids], weakened: [{id, before, after}]} (weakened: phases that keep some
    interventions but lose others).

    \b
    Example:
      barriers whatif loverboys-general --without politie --without om
    """
    read = load_to_read(model).model
    if local:
        view = local_view(read)  # first: a model that is no profile says so
        _refuse_absent(read, without)
        read = view
    f = analysis.facts(read)
    data = analysis.whatif(f, without)
    emit(_show(fmt, data, tables.whatif_table(data, f)), output)


def _refuse_absent(model: ModelLike, without: tuple[str, ...]) -> None:
    """A partner absent here is already out of the local picture: say so, not "unknown"."""
    absent = [p.id for p in model.partners if p.id in without and partner_state(p) == "absent"]
    if absent:
        raise BarriersError(
            "; ".join(
                f"partner {p!r} is absent here (local state: absent): the local picture "
                "already goes without it, so leave it out of --without"
                for p in absent
            )
        )


@click.command(short_help="The fewest partners that reach every phase.")
@model_argument()
@click.option(
    "--redundancy",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="K",
    help="Ask for at least K barriers the set can run on every phase (all of a phase's "
    "barriers where it has fewer).",
)
@local_option()
@format_option()
@output_option()
def cover(model: str, redundancy: int, fmt: str, output: str, local: bool) -> None:
    """Who must be at the table: the fewest partners that can run a barrier on every phase.

    A partner can run a barrier it leads, or any barrier it takes part in that has no lead.
    With --redundancy K every coverable phase gets at least K barriers the set can run. The
    search is exact for models of usual size (optimal: true); for very large models it stops
    after about a second with the best set found (optimal: false). Among equally small sets,
    partners reaching more phases are preferred, then ids in alphabetical order.

    JSON: {partners: [partner ids], optimal: true|false, uncoverable: [phase ids]}; with
    --redundancy above 1 also redundancy (K) and short: [phase ids] (phases with fewer than
    K barriers in the model).

    \b
    Example:
      barriers cover loverboys-general
      barriers cover loverboys-general --redundancy 3
    """
    f = _facts(model, local)
    data = analysis.cover(f, redundancy=redundancy)
    emit(_show(fmt, data, tables.cover_table(data, f, reach(f))), output)


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
    the number of distinct barriers acting on any of its phases (a barrier on several of
    them counts once), its phase links the barriers of each phase added up. The weakest
    route is found exactly by a best-first search with a lower bound, within a budget
    (optimal: false when the budget ran out), so models with very many routes stay fast.

    JSON: {weakest: {phases, strength, phase_links}, routes: [{phases, strength,
    phase_links}], count, optimal} where count is the number of routes in all.

    \b
    Example:
      barriers routes loverboys-general --limit 5
    """
    f = _facts(model, local)
    data = analysis.routes(f, limit=limit)
    emit(_show(fmt, data, tables.routes_table(data, f)), output)


@click.command(short_help="Partners ranked by how much rests on them.")
@model_argument()
@local_option()
@format_option()
@output_option()
def centrality(model: str, fmt: str, output: str, local: bool) -> None:
    """Partners ranked by how much of the model rests on them.

    Ranked by the phases a partner alone covers (lost if it alone drops out), then the
    phases it reaches, then the interventions it takes part in; partners equal on all three
    share a rank.

    JSON: [{id, name, rank, alone_covers: [phase ids], reaches: [phase ids], interventions,
    sole_interventions}] (sole_interventions: those lost if it alone drops out).

    \b
    Example:
      barriers centrality loverboys-general --format md
    """
    f = _facts(model, local)
    data = analysis.centrality(f)
    emit(_show(fmt, data, tables.centrality_table(data, f)), output)


@click.command(short_help="How many drop-outs each phase withstands.")
@model_argument()
@local_option()
@format_option()
@output_option()
def resilience(model: str, fmt: str, output: str, local: bool) -> None:
    """How many partners must drop out before a phase has no barrier left, weakest first.

    Per phase the smallest set of partners whose drop-out together leaves it without any
    barrier: a barrier is lost when its lead drops out, or, without a lead, when all its
    partners do. That set is unique (the leads of the phase's barriers and all partners of
    those without a lead), so the answer is always exact (optimal: true).

    JSON: {phases: [{id, name, size, partners: [partner ids], optimal}] in ascending size,
    then process order, weakest: the smallest size}.

    \b
    Example:
      barriers resilience loverboys-general
    """
    f = _facts(model, local)
    data = analysis.resilience(f)
    emit(_show(fmt, data, tables.resilience_table(data, f)), output)


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
    title = f"Changes from {a.id} to {b.id}"
    t = tables.diff_table(data, analysis.facts(a), analysis.facts(b), title)
    emit(_show(fmt, data, t), output)


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
    f = _facts(model, local)
    data = analysis.mechanisms(f)
    emit(_show(fmt, data, tables.mechanisms_table(data, f)), output)
