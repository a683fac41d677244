"""The classic barrier-model table as data: rows the barriers, columns the phases.

Rows are grouped by intervention type (in the order types first appear in the model) or by
prevention mechanism (Cornish & Clarke's five, then interventions without a technique);
a cell names the partners raising that barrier in that phase. The SVG, the workbook and
the report all draw this same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from barriers.model import Model
from barriers.techniques import MECHANISMS, MECHANISMS_BY_ID, mechanism_of

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
