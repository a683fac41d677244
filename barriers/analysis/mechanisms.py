"""Barriers per phase by situational crime prevention mechanism (Cornish & Clarke)."""

from __future__ import annotations

from typing import TypedDict

from barriers.analysis.facts import Facts, ModelOrGraph, facts
from barriers.techniques import MECHANISMS, mechanism_of


class PhaseMechanisms(TypedDict):
    """One phase in the answer of :func:`mechanisms`."""

    by_mechanism: dict[str, list[str]]
    missing: list[str]
    without_technique: list[str]


def mechanisms(source: ModelOrGraph | Facts) -> dict[str, PhaseMechanisms]:
    """Barriers per phase by situational crime prevention mechanism (Cornish & Clarke).

    ``{phase: {by_mechanism: {mechanism: [intervention ids]}, missing: [mechanisms],
    without_technique: [intervention ids]}}`` for every phase in process order; the five
    mechanisms always appear, in the order of :data:`barriers.techniques.MECHANISMS`.
    """
    f = facts(source)
    result: dict[str, PhaseMechanisms] = {}
    for pid in f.phases:
        by_mechanism: dict[str, list[str]] = {m.id: [] for m in MECHANISMS}
        without = []
        for i in f.interventions_of[pid]:
            technique = f.techniques[i]
            if technique is None:
                without.append(i)
            else:
                by_mechanism[mechanism_of(technique)].append(i)
        result[pid] = {
            "by_mechanism": by_mechanism,
            "missing": [m for m, ids in by_mechanism.items() if not ids],
            "without_technique": without,
        }
    return result
