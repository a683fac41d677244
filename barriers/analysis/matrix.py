"""The two grids every view draws of a model.

- :func:`coverage_matrix`: phases (process order) by partners, counting barriers;
- :func:`barrier_table`: the classic barrier-model table, rows the barriers, columns the
  phases. Rows are grouped by intervention type (in the order types first appear in the
  model) or by prevention mechanism (Cornish & Clarke's five, then interventions without a
  technique); a cell names the partners raising that barrier in that phase. The SVG, the
  workbook and the report all draw this same table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from barriers.analysis.facts import Facts, facts
from barriers.graph import PARTNER, PHASE
from barriers.techniques import MECHANISMS, MECHANISMS_BY_ID, mechanism_of

if TYPE_CHECKING:
    from barriers.model import Model
    from barriers.protocols import ModelLike


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


def coverage_matrix(model: ModelLike, known: Facts | None = None) -> CoverageMatrix:
    """How many interventions each partner raises in each phase of a resolved model.

    Columns follow the model's partner order (the author's grouping), rows the process order.
    """
    f = known or facts(model)
    partners = f.partner_order
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
        tuple(f.name(PARTNER, p) for p in partners),
        tuple(counts),
        tuple(totals),
    )


# -- the barrier table ---------------------------------------------------------------------------

NO_TYPE = "(no type)"
NO_MECHANISM = "No technique (care, aftercare, other)"


@dataclass(frozen=True)
class TableRow:
    id: str
    name: str
    cells: tuple[tuple[str, ...], ...]  # per phase: partner names, empty where it does not act


@dataclass(frozen=True)
class TableGroup:
    label: str
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class BarrierTable:
    title: str
    group_by: str
    phases: tuple[tuple[str, str], ...]  # (id, name) in process order
    groups: tuple[TableGroup, ...]

    @property
    def row_count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def barrier_table(model: Model, group_by: str = "type") -> BarrierTable:
    """The barrier table of a resolved model, rows grouped by ``type`` or ``mechanism``."""
    partner_names = {p.id: p.name for p in model.partners}
    phase_ids = [p.id for p in model.phases]
    keyed: dict[str, list[TableRow]] = {}
    for item in model.interventions:
        names = tuple(partner_names.get(pid, pid) for pid in item.partners)
        acts = set(item.phases)
        cells = tuple(names if pid in acts else () for pid in phase_ids)
        keyed.setdefault(_group_key(item.type, item.technique, group_by), []).append(
            TableRow(item.id, item.name, cells)
        )
    order = _group_order(list(keyed), group_by)
    groups = tuple(TableGroup(_label(key, group_by), tuple(keyed[key])) for key in order)
    return BarrierTable(model.title, group_by, tuple((p.id, p.name) for p in model.phases), groups)


def _group_key(kind: str | None, technique: str | None, group_by: str) -> str:
    if group_by == "mechanism":
        return mechanism_of(technique) if technique else ""
    return kind or ""


def _group_order(keys: list[str], group_by: str) -> list[str]:
    if group_by == "mechanism":
        rank = {m.id: i for i, m in enumerate(MECHANISMS)}
        return sorted(keys, key=lambda k: rank.get(k, len(rank)))
    return [k for k in keys if k] + [k for k in keys if not k]  # untyped last


def _label(key: str, group_by: str) -> str:
    if group_by == "mechanism":
        mechanism = MECHANISMS_BY_ID.get(key)
        return f"{mechanism.en} ({mechanism.nl})" if mechanism else NO_MECHANISM
    return key or NO_TYPE
