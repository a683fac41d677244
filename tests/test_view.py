"""The fast path of analysis commands: a cached model read without YAML or pydantic."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import analysis, catalog, load_model
from barriers.load import cache, read_model
from barriers.load.view import ModelRecord, model_view
from tests.helpers import EXAMPLE, MODELS, run_cli

BUNDLED = sorted(MODELS.glob("*.yaml"))


@pytest.mark.parametrize("path", [EXAMPLE, *BUNDLED], ids=lambda p: p.stem)
def test_the_view_gives_the_same_answers_as_the_model(path: Path, fresh_cache: Path) -> None:
    model = load_model(path).model  # also writes the cache entry
    loaded = read_model(path)
    view = loaded.model
    assert isinstance(view, ModelRecord)
    assert analysis.gaps(view) == analysis.gaps(model)
    assert analysis.partners_by_phase(view) == analysis.partners_by_phase(model)
    assert analysis.cover(view) == analysis.cover(model)
    assert analysis.routes(view) == analysis.routes(model)
    assert analysis.centrality(view) == analysis.centrality(model)
    assert analysis.mechanisms(view) == analysis.mechanisms(model)
    for partner in model.partners[:5]:
        assert analysis.whatif(view, [partner.id]) == analysis.whatif(model, [partner.id])
    assert analysis.diff(view, view) == analysis.diff(model, model)
    assert view.phase(model.phases[0].id).name == model.phases[0].name
    assert loaded.lineage == load_model(path).lineage


def test_the_view_is_only_used_when_nothing_changed(fresh_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    assert cache.lookup(path, catalog) is None  # nothing cached yet
    load_model(path)
    assert cache.lookup(path, catalog) is not None
    path.write_text(EXAMPLE.read_text().replace("name: Werving", "name: Ronselen"))
    assert cache.lookup(path, catalog) is None
    assert not isinstance(read_model(path).model, ModelRecord)
    (entry,) = fresh_cache.iterdir()
    entry.write_bytes(entry.read_bytes().replace(b"Ronselen", b"Vervalst"))
    assert cache.lookup(path, catalog) is None  # the entry's MAC no longer matches
    assert read_model(path).model.phase("werving").name == "Ronselen"


def test_cli_answers_are_the_same_cold_and_warm(fresh_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    for command in ("gaps", "partners", "cover", "routes", "centrality", "mechanisms"):
        cold = run_cli("--no-cache", command, path, "--format", "json")
        run_cli(command, path, "--format", "json")  # fills the cache
        warm = run_cli(command, path, "--format", "json")
        assert cold.code == warm.code == 0, command
        assert json.loads(cold.out) == json.loads(warm.out), command


@pytest.mark.slow  # subprocesses
def test_a_warm_analysis_command_imports_neither_yaml_nor_pydantic(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    script = (
        "import sys\n"
        "from barriers.cli import main\n"
        "try:\n"
        f"    main(['gaps', {str(path)!r}, '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('pydantic', 'yaml', 'pyvis', 'IPython', 'openpyxl', 'jinja2')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)), file=sys.stderr)\n"
    )
    env = {
        "BARRIERS_CACHE_DIR": str(tmp_path / "cache"),
        "BARRIERS_CACHE_KEY": str(tmp_path / "key" / "cache-key"),
        "PATH": "/usr/bin:/bin",
    }
    cold = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    warm = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert cold.stdout == warm.stdout and json.loads(warm.stdout)["uncovered"] == []
    assert "pydantic" in cold.stderr  # the first run validates in full
    assert warm.stderr.strip().splitlines()[-1] == "[]"


def test_model_view_refuses_what_is_not_a_model() -> None:
    for payload in ("[1, 2]", '{"id": "m", "phases": []}', "[" * 100_000, "{bad"):
        with pytest.raises(ValueError):
            model_view(payload)
    data = {
        "id": "m",
        "title": "M",
        "phases": [{"id": "a", "name": "A", "next": []}],
        "partners": [],
        "interventions": [],
        "sources": [],
    }
    view = model_view(json.dumps(data))
    assert view.phase("a").name == "A" and view.phase("a").next == []
    assert view.model_dump() == data


def test_the_view_of_a_local_profile_gives_the_same_local_answers(
    fresh_cache: Path, write_model: Callable[..., Path]
) -> None:
    from barriers import local

    write_model(LOCAL_BASE, "dorp.yaml")
    path = write_model(LOCAL_PROFILE, "hier.yaml")
    model = load_model(path).model
    view = read_model(path).model
    assert isinstance(view, ModelRecord)
    assert local.local_picture(view) == local.local_picture(model)
    assert local.action_plan(view, today="2026-06-01") == local.action_plan(
        model, today="2026-06-01"
    )
    here, there = local.local_view(view), local.local_view(model)
    assert analysis.gaps(here) == analysis.gaps(there)
    assert view.local is not None and model.local is not None
    assert (view.local.area, view.local.date) == (model.local.area, model.local.date)
    for phase_id in ("a", "b"):
        seen, full = view.phase(phase_id).local, model.phase(phase_id).local
        assert (seen and seen.note) == (full and full.note)
    assert [a.model_dump(mode="json") for a in view.actions] == [
        a.model_dump(mode="json") for a in model.actions
    ]


LOCAL_BASE = """\
id: dorp
title: Dorp
phases:
  - {id: a, name: A}
  - {id: b, name: B}
partners:
  - {id: p1, name: P1}
  - {id: p2, name: P2}
interventions:
  - {id: i1, name: I1, phases: [a], partners: [p1, p2]}
  - {id: i2, name: I2, phases: [b], partners: [p2]}
"""

LOCAL_PROFILE = """\
id: hier
title: Hier
extends: dorp
local: {area: Hier, date: '2026-05-01', participants: [p1]}
phases:
  - {id: a, local: {note: druk op zaterdag}}
partners:
  - {id: p2, local: {state: absent, note: weg}}
interventions:
  - {id: i1, local: {state: in-place, owner: p1, contact: balie}}
  - {id: i2, local: {state: planned}}
actions:
  - {id: x1, title: I2 invoeren, interventions: [i2], priority: 1, due: '2026-07-01'}
  - {id: x2, title: B, phases: [b], state: in-progress, owner: p1, note: loopt}
"""
