"""Hypothesis strategies for models, shared by the property tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from barriers.loader import parse_document
from barriers.model import Model
from barriers.resolve import resolve_documents
from barriers.techniques import TECHNIQUE_IDS


@st.composite
def model_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid model: a DAG of phases (in a shuffled file order), partners, interventions."""
    count = draw(st.integers(1, 7))
    phases = []
    for i in range(count):
        later = [f"f{j}" for j in range(i + 1, count)]
        successors = (
            draw(st.lists(st.sampled_from(later), unique=True, max_size=3)) if later else []
        )
        phases.append({"id": f"f{i}", "name": f"Fase {i}", "next": successors})
    phases = draw(st.permutations(phases))
    partners = [{"id": f"p{i}", "name": f"Partner {i}"} for i in range(draw(st.integers(0, 5)))]
    interventions = []
    if partners:
        for i in range(draw(st.integers(0, 9))):
            item: dict[str, Any] = {
                "id": f"i{i}",
                "name": f"Interventie {i}",
                "phases": draw(
                    st.lists(
                        st.sampled_from([p["id"] for p in phases]),
                        min_size=1,
                        max_size=3,
                        unique=True,
                    )
                ),
                "partners": draw(
                    st.lists(
                        st.sampled_from([p["id"] for p in partners]),
                        min_size=1,
                        max_size=3,
                        unique=True,
                    )
                ),
            }
            technique = draw(st.none() | st.sampled_from(TECHNIQUE_IDS))
            if technique is not None:
                item["technique"] = technique
            interventions.append(item)
    return {
        "id": "gen",
        "title": "Gen",
        "phases": phases,
        "partners": partners,
        "interventions": interventions,
    }


def resolve(data: dict[str, Any]) -> Model:
    doc = parse_document(json.dumps(data), Path("gen.yaml"), "gen.yaml")  # JSON is YAML
    model, _warnings = resolve_documents([doc])
    return model
