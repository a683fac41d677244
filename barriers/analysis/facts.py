"""The relations every analysis reads, taken once from a model.

:func:`facts` reads a resolved model straight from its items: the pydantic
:class:`~barriers.model.Model` or the cache's read-only view (:mod:`barriers.load.view`), with no
graph built on the way. A networkx graph made by :func:`barriers.graph.build_graph` is
accepted too, for callers that hold one already.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeAlias

from barriers.graph import ACTS_ON, INTERVENTION, PARTNER, PHASE, RAISES, SEQUENCE
from barriers.problems import UnknownIdError, unknown_id_message

if TYPE_CHECKING:
    import networkx as nx

    from barriers.protocols import ModelLike

ModelOrGraph: TypeAlias = "ModelLike | nx.DiGraph[str]"


@dataclass(frozen=True)
class Facts:
    """The relations of one resolved model. Every list is a fresh, sorted list of ids."""

    phases: list[str]  # process order
    partners: list[str]  # sorted by id
    interventions: list[str]  # sorted by id
    names: dict[tuple[str, str], str]  # (kind, id) -> name
    techniques: dict[str, str | None]  # intervention -> technique
    next_of: dict[str, list[str]]  # phase -> successor phases
    interventions_of: dict[str, list[str]]  # phase -> intervention ids, sorted
    phases_of: dict[str, list[str]]  # intervention -> phase ids, process order
    partners_of: dict[str, list[str]]  # intervention -> partner ids, sorted
    raised_by: dict[str, list[str]]  # partner -> intervention ids, sorted
    leads: dict[str, str | None]  # intervention -> its lead partner (None: no lead)
    partner_order: list[str]  # partners in the model's own order (the author's grouping)

    def name(self, kind: str, item_id: str) -> str:
        return self.names[(kind, item_id)]

    @cached_property
    def positions(self) -> dict[str, int]:
        """``{phase: index in process order}`` (computed once; do not change it)."""
        return {pid: i for i, pid in enumerate(self.phases)}

    def position(self) -> dict[str, int]:
        """``{phase: index in process order}``."""
        return self.positions

    @cached_property
    def partner_set(self) -> frozenset[str]:
        return frozenset(self.partners)


def facts(source: ModelOrGraph | Facts) -> Facts:
    """The relations of a model, its cached view or its graph (see :class:`Facts`)."""
    if isinstance(source, Facts):
        return source
    networkx = sys.modules.get("networkx")  # a graph can only exist once networkx is loaded
    if networkx is not None and isinstance(source, networkx.DiGraph):
        return _from_graph(source)
    # The relations are plain lists and dicts, with no cycle among them: the cyclic garbage
    # collector would only walk the model's many objects again as they pile up.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _from_model(source)
    finally:
        if paused:
            gc.enable()


def _from_model(model: Any) -> Facts:
    # Read each item once into a tuple: straight attribute (or key) access in one
    # comprehension is several times faster than a call per field on a big model.
    if isinstance(model, dict):  # the cache's view: plain dicts, read by key
        phase_rows = [(p["id"], p["name"], p.get("next")) for p in model["phases"]]
        partner_rows = [(p["id"], p["name"]) for p in model.get("partners") or ()]
        item_rows = [
            (i["id"], i["name"], i["phases"], i["partners"], i.get("technique"), i.get("lead"))
            for i in model.get("interventions") or ()
        ]
    else:
        phase_rows = [(p.id, p.name, p.next) for p in model.phases]
        partner_rows = [(p.id, p.name) for p in model.partners]
        item_rows = [
            (i.id, i.name, i.phases, i.partners, i.technique, getattr(i, "lead", None))
            for i in model.interventions
        ]
    phases = [row[0] for row in phase_rows]
    position = {pid: i for i, pid in enumerate(phases)}
    names: dict[tuple[str, str], str] = {(PHASE, pid): name for pid, name, _ in phase_rows}
    next_of = {pid: list(dict.fromkeys(following or ())) for pid, _, following in phase_rows}
    partner_order = [pid for pid, _ in partner_rows]
    names.update(((PARTNER, pid), name) for pid, name in partner_rows)
    interventions_of: dict[str, list[str]] = {pid: [] for pid in phases}
    raised_by: dict[str, list[str]] = {pid: [] for pid in partner_order}
    phases_of: dict[str, list[str]] = {}
    partners_of: dict[str, list[str]] = {}
    techniques: dict[str, str | None] = {}
    leads: dict[str, str | None] = {}
    by_position = position.__getitem__
    for iid, name, acts_on, raised, technique, lead in item_rows:
        names[(INTERVENTION, iid)] = name
        acts = sorted(set(acts_on), key=by_position) if len(acts_on) > 1 else list(acts_on)
        raisers = sorted(set(raised)) if len(raised) > 1 else list(raised)
        phases_of[iid] = acts
        partners_of[iid] = raisers
        techniques[iid] = technique
        # A resolved model's lead is always one of the partners; a view that leaves partners
        # out (a local profile) may drop it, and then the barrier has no lead to lose.
        leads[iid] = lead if lead in raisers else None
        for pid in acts:
            interventions_of[pid].append(iid)
        for pid in raisers:
            raised_by[pid].append(iid)
    for values in interventions_of.values():
        values.sort()
    for values in raised_by.values():
        values.sort()
    return Facts(
        phases=phases,
        partners=sorted(partner_order),
        interventions=sorted(phases_of),
        names=names,
        techniques=techniques,
        next_of=next_of,
        interventions_of=interventions_of,
        phases_of=phases_of,
        partners_of=partners_of,
        raised_by=raised_by,
        leads=leads,
        partner_order=partner_order,
    )


def _from_graph(graph: nx.DiGraph[str]) -> Facts:
    kinds: dict[str, list[tuple[str, dict[str, Any]]]] = {PHASE: [], PARTNER: [], INTERVENTION: []}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]].append((data["id"], data))
    phase_rows = sorted(kinds[PHASE], key=lambda row: int(row[1]["order"]))
    phases = [pid for pid, _ in phase_rows]
    position = {pid: i for i, pid in enumerate(phases)}
    names = {(kind, item_id): str(data["name"]) for kind in kinds for item_id, data in kinds[kind]}
    next_of: dict[str, list[str]] = {pid: [] for pid in phases}
    interventions_of: dict[str, list[str]] = {pid: [] for pid in phases}
    phases_of: dict[str, list[str]] = {iid: [] for iid, _ in kinds[INTERVENTION]}
    partners_of: dict[str, list[str]] = {iid: [] for iid, _ in kinds[INTERVENTION]}
    raised_by: dict[str, list[str]] = {pid: [] for pid, _ in kinds[PARTNER]}
    ids = {key: data["id"] for key, data in graph.nodes(data=True)}
    for u, neighbours in graph.adjacency():
        a = ids[u]
        for v, edge in neighbours.items():
            b, kind = ids[v], edge["kind"]
            if kind == SEQUENCE:
                next_of[a].append(b)
            elif kind == ACTS_ON:
                phases_of[a].append(b)
                interventions_of[b].append(a)
            elif kind == RAISES:
                partners_of[b].append(a)
                raised_by[a].append(b)
    for table in (interventions_of, partners_of, raised_by):
        for values in table.values():
            values.sort()
    for values in phases_of.values():
        values.sort(key=position.__getitem__)
    return Facts(
        phases=phases,
        partners=sorted(raised_by),
        interventions=sorted(phases_of),
        names=names,
        techniques={iid: data.get("technique") for iid, data in kinds[INTERVENTION]},
        next_of=next_of,
        interventions_of=interventions_of,
        phases_of=phases_of,
        partners_of=partners_of,
        raised_by=raised_by,
        leads={iid: data.get("lead") for iid, data in kinds[INTERVENTION]},
        partner_order=[pid for pid, _ in kinds[PARTNER]],
    )


def check_ids(kind: str, ids: Iterable[str], known: Iterable[str]) -> None:
    """Raise :class:`UnknownIdError` (with a did-you-mean) for ids that are not in ``known``."""
    known_set = known if isinstance(known, frozenset | set) else set(known)
    unknown = [i for i in dict.fromkeys(ids) if i not in known_set]
    if unknown:
        raise UnknownIdError("; ".join(unknown_id_message(kind, i, known_set) for i in unknown))


# -- the drop-out rule ----------------------------------------------------------------------------


def lost_with(f: Facts, intervention: str, gone: set[str]) -> bool:
    """Whether a barrier is lost when the partners ``gone`` drop out.

    A barrier with a lead is lost when its lead drops out (its other partners cannot run it
    alone); one without a lead is lost when all its partners do.
    """
    lead = f.leads[intervention]
    if lead is not None:
        return lead in gone
    return gone.issuperset(f.partners_of[intervention])


def kill_set(f: Facts, intervention: str) -> list[str]:
    """The partners whose drop-out is exactly what loses a barrier: its lead, or else all of
    its partners (sorted). A set of partners loses the barrier iff it contains this one."""
    lead = f.leads[intervention]
    return [lead] if lead is not None else f.partners_of[intervention]


# The other side of the same rule: a set of partners can run a barrier on its own iff it
# holds one of these (the lead, or else any partner): exactly when its complement's drop-out
# would not lose the barrier.
runners = kill_set
