"""How many partners must drop out before a phase has no barrier left.

A barrier is lost when its lead drops out, or, without a lead, when all its partners do
(:func:`barriers.analysis.facts.lost_with`). Because a lead is always one of its barrier's
partners, each barrier has exactly one smallest set of partners whose drop-out loses it
(:func:`~barriers.analysis.facts.kill_set`: its lead, or else all its partners), and a set
of partners loses the barrier exactly when it contains that one. A phase is left without a
barrier exactly when every barrier on it is lost, so the smallest such set for a phase is
the union of its barriers' kill sets: it is unique, and found exactly in time linear in the
model. (The search a hitting-set problem needs would only be wanted if a barrier could be
lost in two ways that do not contain one another; the drop-out rule has no such case.)
``optimal`` is in the answer for the JSON API's sake and is always true.
"""

from __future__ import annotations

from typing import TypedDict

from barriers.analysis.coverage import breakers
from barriers.analysis.facts import Facts, ModelOrGraph, facts
from barriers.graph import PHASE


class PhaseResilience(TypedDict):
    id: str
    name: str
    size: int
    partners: list[str]
    optimal: bool


class Resilience(TypedDict):
    """The answer of :func:`resilience`."""

    phases: list[PhaseResilience]
    weakest: int


def resilience(source: ModelOrGraph | Facts) -> Resilience:
    """Per phase the smallest set of partners whose drop-out together leaves it without a barrier.

    - ``phases``: ``[{id, name, size, partners, optimal}]`` in ascending ``size`` then process
      order; ``partners`` sorted by id. An uncovered phase has size 0 (nothing to lose);
    - ``weakest``: the smallest size.
    """
    f = facts(source)
    rows: list[PhaseResilience] = []
    for pid in f.phases:
        needed = breakers(f, pid)
        rows.append(
            {
                "id": pid,
                "name": f.name(PHASE, pid),
                "size": len(needed),
                "partners": needed,
                "optimal": True,
            }
        )
    rows.sort(key=lambda row: row["size"])  # stable: process order within a size
    return {"phases": rows, "weakest": rows[0]["size"] if rows else 0}
