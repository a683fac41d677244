"""The benchmark's model generator: what it writes is a valid model, the same for a seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from barriers import load_model
from tests.bench.generate import generate_model, main


@pytest.mark.parametrize(
    ("interventions", "partners", "phases", "seed"),
    [(0, 1, 1, 1), (12, 4, 3, 2), (300, 40, 25, 3), (1500, 150, 40, 4)],
)
def test_generated_models_are_valid_with_the_counts_asked(
    tmp_path: Path, interventions: int, partners: int, phases: int, seed: int
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(generate_model(interventions, partners, phases, seed=seed), encoding="utf-8")
    loaded = load_model(path, use_cache=False)
    m = loaded.model
    assert (len(m.interventions), len(m.partners), len(m.phases)) == (
        interventions,
        partners,
        phases,
    )
    if interventions >= partners:  # every partner used and every source cited: no warnings
        assert [w.render() for w in loaded.warnings] == []


def test_the_phase_sequence_branches_and_leaves_phases_uncovered(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(generate_model(2000, 200, 40, seed=1), encoding="utf-8")
    m = load_model(path, use_cache=False).model
    branching = [p.id for p in m.phases if len(p.next or []) > 1]
    assert len(branching) >= 3
    acted_on = {pid for i in m.interventions for pid in i.phases}
    uncovered = [p.id for p in m.phases if p.id not in acted_on]
    assert len(uncovered) == 2
    assert all(len(i.partners) >= 1 and len(i.phases) >= 1 for i in m.interventions)


def test_the_same_seed_gives_the_same_text_and_another_seed_another() -> None:
    a = generate_model(500, 50, 20, seed=7)
    assert a == generate_model(500, 50, 20, seed=7)
    assert a != generate_model(500, 50, 20, seed=8)


def test_the_command_line_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "cli.yaml"
    args = ["--interventions", "50", "--partners", "5", "--phases", "6", "--seed", "9"]
    assert main([*args, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == generate_model(50, 5, 6, seed=9)


def test_nonsense_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one phase"):
        generate_model(10, 0, 5)
