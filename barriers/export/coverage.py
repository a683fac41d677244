"""The coverage matrix every view draws: phases (process order) by partners, counts of barriers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from barriers.analysis import Facts, facts
from barriers.graph import PHASE
from barriers.model import Model


@dataclass(frozen=True)
class CoverageMatrix:
    phase_ids: tuple[str, ...]
    phase_names: tuple[str, ...]
    partner_ids: tuple[str, ...]
    partner_names: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # [phase][partner]: interventions of it in the phase
    totals: tuple[int, ...]  # per phase: interventions acting on it

    def rows(self) -> Iterator[tuple[str, str, int, int, tuple[int, ...]]]:
        """(phase id, name, interventions, partners with one, counts per partner)."""
        for i, phase_id in enumerate(self.phase_ids):
            counts = self.counts[i]
            yield (
                phase_id,
                self.phase_names[i],
                self.totals[i],
                sum(1 for n in counts if n),
                counts,
            )


def coverage_matrix(model: Model, known: Facts | None = None) -> CoverageMatrix:
    """How many interventions each partner raises in each phase of a resolved model.

    Columns follow the model's partner order (the author's grouping), rows the process order.
    """
    f = known or facts(model)
    partners = [p.id for p in model.partners]
    counts = []
    totals = []
    for phase_id in f.phases:
        row = dict.fromkeys(partners, 0)
        for item_id in f.interventions_of[phase_id]:
            for partner_id in set(f.partners_of[item_id]):
                row[partner_id] += 1
        counts.append(tuple(row[p] for p in partners))
        totals.append(len(f.interventions_of[phase_id]))
    return CoverageMatrix(
        tuple(f.phases),
        tuple(f.name(PHASE, pid) for pid in f.phases),
        tuple(partners),
        tuple(p.name for p in model.partners),
        tuple(counts),
        tuple(totals),
    )
