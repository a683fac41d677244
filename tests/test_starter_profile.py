"""`barriers new ID --extends BASE --local AREA`: a starter profile that lists every barrier."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from barriers import load_model
from tests.helpers import Result


def test_the_starter_profile_lists_every_base_barrier_as_unknown_by_phase(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "gemeente-x.yaml"
    area = 'Gemeente "X": #1'
    result = cli(
        "new", "gemeente-x", "--extends", "loverboys-general", "--local", area, "-o", target
    )
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    profile = load_model(target, use_cache=False).model
    base = load_model(
        Path(__file__).resolve().parent.parent / "models" / "loverboys-general.yaml",
        use_cache=False,
    ).model
    assert profile.local is not None and profile.local.area == area
    listed = re.findall(r"^  - id: ([a-z0-9-]+)  # ", text, re.M)
    assert sorted(listed) == sorted(i.id for i in base.interventions)  # each once
    assert all(i.local is not None and i.local.state == "unknown" for i in profile.interventions)
    headings = re.findall(r"^  # == .* \(([a-z0-9-]+)\) ==$", text, re.M)
    order = [p.id for p in base.phases]
    assert headings == [p for p in order if p in headings]  # process order
    # every barrier sits under the first phase (in process order) it acts on
    current = None
    for line in text.splitlines():
        heading = re.match(r"^  # == .* \(([a-z0-9-]+)\) ==$", line)
        if heading:
            current = heading.group(1)
        item = re.match(r"^  - id: ([a-z0-9-]+)  # ", line)
        if item:
            phases = base.intervention(item.group(1)).phases
            assert current == min(phases, key=order.index)
    local = cli("local", target, "--format", "json")
    assert local.code == 0, local.err
    assert local.out.count('"unknown"') >= 1


def test_local_needs_extends(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("new", "gemeente-x", "--local", "X", "-o", tmp_path / "x.yaml")
    assert result.code == 2
    assert "--local AREA makes a profile of a model: give --extends BASE" in result.err
    assert not (tmp_path / "x.yaml").exists()
