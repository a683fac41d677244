"""The figures a report opens with."""

from __future__ import annotations

from typing import TypedDict

from barriers.analysis.cover import Cover, cover
from barriers.analysis.coverage import Gaps, gaps
from barriers.analysis.facts import Facts, ModelOrGraph, facts
from barriers.analysis.routes import Routes, routes


class Summary(TypedDict):
    """The answer of :func:`summary`."""

    phases: int
    partners: int
    interventions: int
    uncovered: int
    single_partner: int
    idle_partners: int
    without_technique: int
    cover_size: int
    cover_optimal: bool
    routes: int
    weakest_strength: int


def summary(
    source: ModelOrGraph | Facts,
    *,
    found: Gaps | None = None,
    best: Cover | None = None,
    paths: Routes | None = None,
) -> Summary:
    """Counts for a report: sizes, gaps, the minimum cover, the weakest route.

    ``{phases, partners, interventions, uncovered, single_partner, idle_partners,
    without_technique, cover_size, cover_optimal, routes, weakest_strength}`` (numbers and a
    boolean; ``weakest_strength`` counts the distinct barriers on the weakest route). Pass
    answers already computed (``found``, ``best``, ``paths``) to spare computing them again.
    """
    f = facts(source)
    found = found if found is not None else gaps(f)
    best = best if best is not None else cover(f)
    paths = paths if paths is not None else routes(f, limit=0)
    return {
        "phases": len(f.phases),
        "partners": len(f.partners),
        "interventions": len(f.interventions),
        "uncovered": len(found["uncovered"]),
        "single_partner": len(found["single_partner"]),
        "idle_partners": len(found["idle_partners"]),
        "without_technique": sum(1 for t in f.techniques.values() if t is None),
        "cover_size": len(best["partners"]),
        "cover_optimal": best["optimal"],
        "routes": paths["count"],
        "weakest_strength": paths["weakest"]["strength"],
    }
