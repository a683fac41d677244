"""Who acts where, where the model is thin, and what a drop-out breaks.

Every answer is JSON-ready data (the typed dicts below are the documented JSON API): phase
lists in process order, every other list sorted by id.

The drop-out rule (:func:`barriers.analysis.facts.lost_with`): a barrier is lost when its
``lead`` partner drops out, or, for a barrier without a lead, when all its partners do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NotRequired, TypedDict

from barriers.analysis.facts import Facts, ModelOrGraph, check_ids, facts, kill_set, lost_with
from barriers.graph import PARTNER, PHASE

# -- who acts where ------------------------------------------------------------------------------


def process_order(source: ModelOrGraph | Facts) -> list[str]:
    """Phase ids in process order: a topological order keeping the file's order where it can."""
    return list(facts(source).phases)


def interventions_by_phase(source: ModelOrGraph | Facts) -> dict[str, list[str]]:
    """``{phase: [intervention ids]}`` for every phase, in process order."""
    f = facts(source)
    return {pid: list(f.interventions_of[pid]) for pid in f.phases}


def partners_by_phase(
    source: ModelOrGraph | Facts, phases: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """``{phase: [partner ids]}``: who can intervene, for every phase (or those asked).

    Raises :class:`UnknownIdError` for an asked phase the model does not have.
    """
    f = facts(source)
    wanted = f.phases
    if phases is not None:
        asked = set(phases)
        check_ids("phase", sorted(asked), f.phases)
        wanted = [pid for pid in f.phases if pid in asked]
    return {pid: partners_of_phase(f, pid) for pid in wanted}


def partners_of_phase(f: Facts, phase_id: str) -> list[str]:
    """The partners taking part in the barriers on a phase, sorted."""
    return sorted({p for i in f.interventions_of[phase_id] for p in f.partners_of[i]})


def reach(f: Facts) -> dict[str, list[str]]:
    """``{partner: [phase ids]}`` the phases each partner's interventions act on."""
    position = f.position()
    return {
        p: sorted({ph for i in f.raised_by[p] for ph in f.phases_of[i]}, key=position.__getitem__)
        for p in f.partners
    }


# -- gaps and thresholds ------------------------------------------------------------------------


class PhaseCounts(TypedDict):
    """A phase with the number of barriers acting on it and of distinct partners raising them."""

    id: str
    name: str
    interventions: int
    partners: int


class Thresholds(TypedDict):
    min_barriers: int
    min_partners: int


class Gaps(TypedDict):
    """The answer of :func:`gaps`."""

    uncovered: list[str]
    single_partner: list[str]
    idle_partners: list[str]
    phases: list[PhaseCounts]
    thresholds: NotRequired[Thresholds]
    thin: NotRequired[list[PhaseCounts]]


def gaps(
    source: ModelOrGraph | Facts,
    *,
    min_barriers: int | None = None,
    min_partners: int | None = None,
) -> Gaps:
    """Where the model is thin.

    - ``uncovered``: phases no intervention acts on (process order);
    - ``single_partner``: phases whose interventions all come from one partner, one drop-out
      away from a gap (process order);
    - ``idle_partners``: partners that raise no intervention (by id);
    - ``phases``: ``[{id, name, interventions, partners}]`` with counts, in process order;
    - with a threshold asked (``min_barriers``, ``min_partners``; the other counts as 0):
      ``thresholds`` (both, as used) and ``thin``: the phases with fewer than
      ``min_barriers`` barriers or fewer than ``min_partners`` distinct partners, each with
      its counts, in process order. ``min_barriers=1`` gives the uncovered phases.
    """
    f = facts(source)
    rows: list[PhaseCounts] = []
    uncovered, single = [], []
    for pid in f.phases:
        partners = partners_of_phase(f, pid)
        if not f.interventions_of[pid]:
            uncovered.append(pid)
        elif len(partners) == 1:
            single.append(pid)
        rows.append(
            {
                "id": pid,
                "name": f.name(PHASE, pid),
                "interventions": len(f.interventions_of[pid]),
                "partners": len(partners),
            }
        )
    answer: Gaps = {
        "uncovered": uncovered,
        "single_partner": single,
        "idle_partners": [p for p in f.partners if not f.raised_by[p]],
        "phases": rows,
    }
    if min_barriers is not None or min_partners is not None:
        least = Thresholds(min_barriers=min_barriers or 0, min_partners=min_partners or 0)
        answer["thresholds"] = least
        answer["thin"] = [
            PhaseCounts(**row)  # a copy: the two lists share no dict
            for row in rows
            if row["interventions"] < least["min_barriers"]
            or row["partners"] < least["min_partners"]
        ]
    return answer


# -- drop-outs ------------------------------------------------------------------------------------


class Weakened(TypedDict):
    id: str
    before: int
    after: int


class WhatIf(TypedDict):
    """The answer of :func:`whatif`."""

    without: list[str]
    newly_uncovered: list[str]
    lost_interventions: list[str]
    weakened: list[Weakened]


def whatif(source: ModelOrGraph | Facts, without: Iterable[str]) -> WhatIf:
    """What breaks when the partners ``without`` drop out.

    - ``without``: the partner ids, sorted;
    - ``newly_uncovered``: phases that had an intervention and have none left (process order);
    - ``lost_interventions``: interventions lost (by id): those whose lead dropped out, and
      those without a lead all of whose partners dropped out;
    - ``weakened``: ``[{id, before, after}]`` phases that keep some but lose interventions.

    Raises :class:`UnknownIdError` for a partner id the model does not have.
    """
    f = facts(source)
    gone = sorted(set(without))
    check_ids("partner", gone, f.partner_set)
    gone_set = set(gone)
    lost = {i for p in gone for i in f.raised_by[p] if lost_with(f, i, gone_set)}
    newly_uncovered: list[str] = []
    weakened: list[Weakened] = []
    # Only the phases of lost barriers can change: visiting those alone keeps one drop-out
    # per partner (the report's table) linear in the model, however many phases it has.
    position = f.position()
    touched = sorted({pid for i in lost for pid in f.phases_of[i]}, key=position.__getitem__)
    for pid in touched:
        before = len(f.interventions_of[pid])
        after = sum(1 for i in f.interventions_of[pid] if i not in lost)
        if before and not after:
            newly_uncovered.append(pid)
        elif after < before:
            weakened.append({"id": pid, "before": before, "after": after})
    return {
        "without": gone,
        "newly_uncovered": newly_uncovered,
        "lost_interventions": sorted(lost),
        "weakened": weakened,
    }


def breakers(f: Facts, phase_id: str) -> list[str]:
    """The partners whose drop-out together is exactly what leaves a phase without a barrier.

    Every barrier on the phase must be lost, and a barrier is lost exactly when the partners
    of its :func:`~barriers.analysis.facts.kill_set` all drop out (the lead, or else all its
    partners): so the union of those sets is the one smallest such set. Empty for an
    uncovered phase.
    """
    return sorted({p for i in f.interventions_of[phase_id] for p in kill_set(f, i)})


# -- centrality -----------------------------------------------------------------------------------


class CentralityEntry(TypedDict):
    """A partner in the answer of :func:`centrality`."""

    id: str
    name: str
    rank: int
    alone_covers: list[str]
    reaches: list[str]
    interventions: int
    sole_interventions: int


def centrality(source: ModelOrGraph | Facts) -> list[CentralityEntry]:
    """Partners ranked by how much of the model rests on them.

    Each entry: ``id``, ``name``, ``rank``, ``alone_covers`` (phases that become uncovered if
    it alone drops out), ``reaches`` (phases its interventions act on), both in process order,
    ``interventions`` (how many it takes part in) and ``sole_interventions`` (how many are
    lost if it alone drops out: those it leads or raises alone). Sorted by the ranking key:
    most phases covered alone, then most phases reached, then most interventions, then id.
    Partners equal on the three measures share a rank (1, 2, 2, 4).
    """
    f = facts(source)
    reached = reach(f)
    alone: dict[str, list[str]] = {p: [] for p in f.partners}
    for pid in f.phases:
        needed = breakers(f, pid)
        if len(needed) == 1:
            alone[needed[0]].append(pid)
    entries: list[CentralityEntry] = [
        {
            "id": p,
            "name": f.name(PARTNER, p),
            "rank": 0,
            "alone_covers": alone[p],
            "reaches": reached[p],
            "interventions": len(f.raised_by[p]),
            "sole_interventions": sum(1 for i in f.raised_by[p] if kill_set(f, i) == [p]),
        }
        for p in f.partners
    ]

    def measures(entry: CentralityEntry) -> tuple[int, int, int]:
        return (-len(entry["alone_covers"]), -len(entry["reaches"]), -entry["interventions"])

    entries.sort(key=lambda e: (measures(e), e["id"]))
    for number, entry in enumerate(entries, 1):
        tied = number > 1 and measures(entries[number - 2]) == measures(entry)
        entry["rank"] = entries[number - 2]["rank"] if tied else number
    return entries
