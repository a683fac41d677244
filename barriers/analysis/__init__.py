"""The questions analysts ask of a barrier model, answered as plain, sorted data.

Every function takes a resolved :class:`~barriers.model.Model`, the cache's read-only view
of one, its :func:`facts` (pass them to answer several questions without reading the model
again) or a graph made by :func:`barriers.graph.build_graph`, and returns JSON-ready data
typed by the ``TypedDict`` beside it (the documented JSON API): phase lists in process
order, every other list sorted by id. The CLI, the map, the exports and the report all call
these functions, so they all give the same answer.

One module per family:

- :mod:`~barriers.analysis.facts`: the relations every analysis reads, and the drop-out rule;
- :mod:`~barriers.analysis.coverage`: who acts where, gaps and thresholds, what-if,
  centrality;
- :mod:`~barriers.analysis.cover`: the fewest partners at the table (set cover, multicover);
- :mod:`~barriers.analysis.routes`: the offender's routes and the weakest one;
- :mod:`~barriers.analysis.resilience`: how many drop-outs each phase withstands;
- :mod:`~barriers.analysis.mechanisms`: barriers by crime-prevention mechanism;
- :mod:`~barriers.analysis.diff`: what a variant changes;
- :mod:`~barriers.analysis.matrix`: the coverage matrix and the barrier table;
- :mod:`~barriers.analysis.summary`: the report's figures;
- :mod:`~barriers.analysis.tables`: each answer laid out once as a table.

Several functions share their module's name (``facts``, ``cover``, ``routes``,
``resilience``, ``mechanisms``, ``diff``, ``summary``): ``barriers.analysis.cover`` is the
function. Import a module's other names from it (``from barriers.analysis.cover import
minimum_cover``), which always works.

>>> from barriers import load_model
>>> model = load_model("models/loverboys-general.yaml").model
>>> gaps(model)["uncovered"]
[]
"""

from __future__ import annotations

from barriers.analysis.cover import COVER_BUDGET, Cover, cover, minimum_cover
from barriers.analysis.coverage import (
    CentralityEntry,
    Gaps,
    PhaseCounts,
    Thresholds,
    Weakened,
    WhatIf,
    centrality,
    gaps,
    interventions_by_phase,
    partners_by_phase,
    process_order,
    whatif,
)
from barriers.analysis.diff import DIFF_KINDS, KindDiff, diff
from barriers.analysis.facts import Facts, ModelOrGraph, check_ids, facts
from barriers.analysis.mechanisms import PhaseMechanisms, mechanisms
from barriers.analysis.resilience import PhaseResilience, Resilience, resilience
from barriers.analysis.routes import Route, Routes, routes
from barriers.analysis.summary import Summary, summary

__all__ = [
    "COVER_BUDGET",
    "DIFF_KINDS",
    "CentralityEntry",
    "Cover",
    "Facts",
    "Gaps",
    "KindDiff",
    "ModelOrGraph",
    "PhaseCounts",
    "PhaseMechanisms",
    "PhaseResilience",
    "Resilience",
    "Route",
    "Routes",
    "Summary",
    "Thresholds",
    "Weakened",
    "WhatIf",
    "centrality",
    "check_ids",
    "cover",
    "diff",
    "facts",
    "gaps",
    "interventions_by_phase",
    "mechanisms",
    "minimum_cover",
    "partners_by_phase",
    "process_order",
    "resilience",
    "routes",
    "summary",
    "whatif",
]
