"""``after``: a phase placed right after another, whatever else the file says.

The rule (see the Phase.after field): ``x after: a`` makes a lead to x and x lead to where a
led (a's explicit ``next``, or the phase after a in the list), unless x has its own ``next``.
Several phases after one anchor follow each other in the file's order; a ring of ``after``
links is refused where it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import load_model
from tests.helpers import run_cli


def _sequence(path: Path) -> dict[str, list[str]]:
    model = load_model(path, use_cache=False).model
    return {p.id: list(p.next or []) for p in model.phases}


def _starts(sequence: dict[str, list[str]]) -> list[str]:
    reached = {s for successors in sequence.values() for s in successors}
    return [p for p in sequence if p not in reached]


PHASES = "phases:\n  - {id: a, name: A, next: [y]}\n  - {id: y, name: Y}\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # the anchor has an explicit next: x goes between a and y, a single start
        ("  - {id: x, name: X, after: a}\n", {"a": ["x"], "x": ["y"], "y": []}),
        # two after the same anchor: in the file's order
        (
            "  - {id: x1, name: X1, after: a}\n  - {id: x2, name: X2, after: a}\n",
            {"a": ["x1"], "x1": ["x2"], "x2": ["y"], "y": []},
        ),
        # after a phase that is itself after another, written first
        (
            "  - {id: z, name: Z, after: x}\n  - {id: x, name: X, after: a}\n",
            {"a": ["x"], "x": ["z"], "z": ["y"], "y": []},
        ),
        # x's own next is kept
        (
            "  - {id: x, name: X, after: a, next: []}\n",
            {"a": ["x"], "x": [], "y": []},
        ),
    ],
)
def test_after_an_anchor_with_an_explicit_next(
    extra: str, expected: dict[str, list[str]], write_model: Callable[..., Path]
) -> None:
    path = write_model(f"id: m\ntitle: M\n{PHASES}{extra}")
    sequence = _sequence(path)
    assert sequence == expected
    if expected.get("x") != []:  # (an end phase x leaves y unreached, as asked)
        assert _starts(sequence) == ["a"]


def test_after_in_a_variant_of_a_base_with_explicit_next(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(f"id: base\ntitle: Base\n{PHASES}")
    variant = tmp_path / "v.yaml"
    variant.write_text("id: v\ntitle: V\nextends: base\nphases:\n  - {id: x, name: X, after: a}\n")
    sequence = _sequence(variant)
    assert sequence == {"a": ["x"], "x": ["y"], "y": []}
    assert _starts(sequence) == ["a"]


def test_after_with_implicit_next_keeps_the_list_rule(write_model: Callable[..., Path]) -> None:
    path = write_model(
        "id: m\ntitle: M\nphases:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
        "  - {id: x, name: X, after: a}\n"
    )
    assert _sequence(path) == {"a": ["x"], "x": ["b"], "b": []}


@pytest.mark.parametrize(
    ("phases", "line", "ring"),
    [
        ("  - {id: x, name: X, after: y}\n  - {id: y, name: Y, after: x}\n", 5, "x -> y -> x"),
        (
            "  - {id: p, name: P, after: r}\n  - {id: q, name: Q, after: p}\n"
            "  - {id: r, name: R, after: q}\n",
            5,
            "p -> r -> q -> p",
        ),
    ],
)
def test_a_ring_of_after_is_refused_where_it_starts(
    phases: str, line: int, ring: str, write_model: Callable[..., Path]
) -> None:
    path = write_model(f"id: m\ntitle: M\nphases:\n  - {{id: a, name: A}}\n{phases}")
    result = run_cli("--no-cache", "validate", path)
    assert result.code == 1
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"{path}:{line}:")
    assert f"'after' forms a cycle: {ring} (each is placed after the next)" in lines[0]
