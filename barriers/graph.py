"""The model as a networkx graph: partner -> intervention -> phase, and phase -> phase.

Nodes are named ``phase:<id>``, ``partner:<id>`` and ``intervention:<id>`` (the three kinds
have separate id spaces) and carry ``kind``, ``id``, ``name`` and the item's other fields as
flat values (text, numbers; lists joined with ``"; "``; free-form ``notes`` as JSON text), so
that the graph can be written to GraphML or GEXF as it is. Phase nodes also carry ``order``,
their position in the process order. Edges carry ``kind``:

- ``sequence``: phase -> phase (the ``next`` of the resolved model),
- ``raises``: partner -> intervention,
- ``acts_on``: intervention -> phase.

Nodes and edges are inserted in a fixed order (phases in process order, then partners and
interventions in file order), so iterating the graph is deterministic.

>>> from barriers.load import load_model
>>> graph = build_graph(load_model("models/loverboys-general.yaml").model)
>>> graph.nodes["phase:ronselen"]["kind"]
'phase'
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from barriers.techniques import mechanism_of

if TYPE_CHECKING:
    import networkx as nx

    from barriers.protocols import InterventionLike, ModelLike, PartnerLike, PhaseLike

PHASE = "phase"
PARTNER = "partner"
INTERVENTION = "intervention"
SEQUENCE = "sequence"
RAISES = "raises"
ACTS_ON = "acts_on"

# Fields that become edges rather than node attributes.
_EDGE_FIELDS = {"id", "next", "after", "phases", "partners"}


def node(kind: str, item_id: str) -> str:
    """The graph node of an item: ``node("phase", "ronselen") == "phase:ronselen"``."""
    return f"{kind}:{item_id}"


def build_graph(model: ModelLike, *, fields: bool = True) -> nx.DiGraph[str]:
    """The graph of a resolved model (phases in process order, every ``next`` explicit).

    With ``fields=False`` nodes carry only what the analyses read (kind, id, name, order,
    technique, mechanism): about twice as fast to build for a large model.
    """
    import networkx as nx  # here, so that the analyses, which import this module, need not

    attributes = _attributes if fields else _essentials
    graph: nx.DiGraph[str] = nx.DiGraph(id=model.id, title=model.title)
    # Bulk adds: one networkx call per kind instead of one per node or edge.
    graph.add_nodes_from(
        (f"{PHASE}:{phase.id}", {**attributes(PHASE, phase), "order": order})
        for order, phase in enumerate(model.phases)
    )
    graph.add_nodes_from(
        (f"{PARTNER}:{partner.id}", attributes(PARTNER, partner)) for partner in model.partners
    )
    graph.add_nodes_from(
        (f"{INTERVENTION}:{item.id}", attributes(INTERVENTION, item))
        for item in model.interventions
    )
    edges: list[tuple[str, str, dict[str, str]]] = []
    for phase in model.phases:
        source = f"{PHASE}:{phase.id}"
        edges.extend((source, f"{PHASE}:{s}", {"kind": SEQUENCE}) for s in phase.next or [])
    for item in model.interventions:
        target = f"{INTERVENTION}:{item.id}"
        edges.extend((f"{PARTNER}:{p}", target, {"kind": RAISES}) for p in item.partners)
        edges.extend((target, f"{PHASE}:{p}", {"kind": ACTS_ON}) for p in item.phases)
    graph.add_edges_from(edges)
    return graph


def _essentials(kind: str, item: PhaseLike | PartnerLike | InterventionLike) -> dict[str, Any]:
    attributes: dict[str, Any] = {"kind": kind, "id": item.id, "name": item.name}
    technique = getattr(item, "technique", None) if kind == INTERVENTION else None
    if isinstance(technique, str):
        attributes["technique"] = technique
        attributes["mechanism"] = mechanism_of(technique)
    lead = getattr(item, "lead", None) if kind == INTERVENTION else None
    if isinstance(lead, str):
        attributes["lead"] = lead
    return attributes


def _attributes(kind: str, item: PhaseLike | PartnerLike | InterventionLike) -> dict[str, Any]:
    attributes: dict[str, Any] = {"kind": kind, "id": item.id, "name": item.name}
    for name, value in item.model_dump(mode="json").items():
        if name in _EDGE_FIELDS or name in attributes:
            continue
        flat = _flat(value)
        if flat is not None:
            attributes[name] = flat
    technique = attributes.get("technique") if kind == INTERVENTION else None
    if isinstance(technique, str):
        attributes["mechanism"] = mechanism_of(technique)
    return attributes


def _flat(value: Any) -> str | int | float | bool | None:
    """A value GraphML and GEXF can hold; ``None`` for nothing to store."""
    if value is None or value == [] or value == {}:
        return None
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list) and all(isinstance(v, dict) and "text" in v for v in value):
        return "; ".join(str(v["text"]) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
