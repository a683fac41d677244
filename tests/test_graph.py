"""The networkx graph of a model: nodes, edges, flat attributes, a fixed order."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from barriers import load_model
from barriers.graph import build_graph, node
from barriers.model import Model
from tests.helpers import EXAMPLE

MODEL = """\
id: graaf
title: Graaf
notes: {a: 1}
phases:
  - id: werving
    name: Werving
    next: [binden, geld]
    signals:
      - Veel nieuwe contacten
      - text: Wacht bij school
        about: offender
  - id: binden
    name: Binden
  - id: geld
    name: Geld
    notes: {bron: intern, lijst: [1, 2]}
partners:
  - id: school
    name: School
    sector: onderwijs
  - id: bank
    name: Bank
interventions:
  - id: les
    name: Les
    phases: [werving, binden]
    partners: [school, bank]
    legal_basis: [Jeugdwet, Wet Bibob]
    technique: set-rules
  - id: melding
    name: Melding
    phases: [geld]
    partners: [bank]
"""


def load(write_model: Callable[..., Path], text: str = MODEL) -> Model:
    return load_model(write_model(text), use_cache=False).model


def test_nodes_are_prefixed_by_kind_with_kind_id_and_name(
    write_model: Callable[..., Path],
) -> None:
    graph = build_graph(load(write_model))
    assert list(graph.nodes) == [
        "phase:werving",
        "phase:binden",
        "phase:geld",
        "partner:school",
        "partner:bank",
        "intervention:les",
        "intervention:melding",
    ]
    assert graph.nodes["phase:binden"] == {
        "kind": "phase",
        "id": "binden",
        "name": "Binden",
        "order": 1,
    }
    assert graph.nodes["partner:school"]["sector"] == "onderwijs"
    assert node("intervention", "les") == "intervention:les"
    assert graph.graph == {"id": "graaf", "title": "Graaf"}


def test_edges_carry_their_kind_in_a_fixed_order(write_model: Callable[..., Path]) -> None:
    graph = build_graph(load(write_model))
    assert list(graph.edges(data="kind")) == [
        ("phase:werving", "phase:binden", "sequence"),
        ("phase:werving", "phase:geld", "sequence"),
        ("phase:binden", "phase:geld", "sequence"),
        ("partner:school", "intervention:les", "raises"),
        ("partner:bank", "intervention:les", "raises"),
        ("partner:bank", "intervention:melding", "raises"),
        ("intervention:les", "phase:werving", "acts_on"),
        ("intervention:les", "phase:binden", "acts_on"),
        ("intervention:melding", "phase:geld", "acts_on"),
    ]


def test_attributes_are_flat_values_lists_joined(write_model: Callable[..., Path]) -> None:
    graph = build_graph(load(write_model))
    les = graph.nodes["intervention:les"]
    assert les["legal_basis"] == "Jeugdwet; Wet Bibob"
    assert les["technique"] == "set-rules"
    assert les["mechanism"] == "remove-excuses"
    assert "phases" not in les and "partners" not in les  # those are edges
    assert "mechanism" not in graph.nodes["intervention:melding"]
    assert "technique" not in graph.nodes["intervention:melding"]  # None is left out
    assert graph.nodes["phase:werving"]["signals"] == "Veel nieuwe contacten; Wacht bij school"
    assert graph.nodes["phase:geld"]["notes"] == '{"bron": "intern", "lijst": [1, 2]}'
    for _, data in graph.nodes(data=True):
        for value in data.values():
            assert isinstance(value, str | int | float | bool)


def test_graph_writes_to_graphml_and_gexf_as_it_is() -> None:
    graph = build_graph(load_model(EXAMPLE, use_cache=False).model)
    text = "\n".join(nx.generate_graphml(graph))
    assert 'id="phase:werving"' in text
    back = nx.read_graphml(io.BytesIO(text.encode()))
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    assert b"intervention:" in buffer.getvalue()


def test_same_model_same_graph(write_model: Callable[..., Path]) -> None:
    model = load(write_model)
    one, two = build_graph(model), build_graph(model)
    assert list(one.nodes(data=True)) == list(two.nodes(data=True))
    assert list(one.edges(data=True)) == list(two.edges(data=True))


def test_the_lean_graph_keeps_what_the_analyses_read() -> None:
    from barriers import analysis, load_model
    from barriers.graph import build_graph
    from tests.helpers import EXAMPLE

    model = load_model(EXAMPLE, use_cache=False).model
    full, lean = build_graph(model), build_graph(model, fields=False)
    assert list(full.edges(data=True)) == list(lean.edges(data=True))
    assert set(lean.nodes["intervention:opsporing"]) == {
        "kind",
        "id",
        "name",
        "technique",
        "mechanism",
    }
    assert "description" in full.nodes["intervention:voorlichting"]
    assert analysis.gaps(lean) == analysis.gaps(full) == analysis.gaps(model)
    assert analysis.mechanisms(lean) == analysis.mechanisms(full)
