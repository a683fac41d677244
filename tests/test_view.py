"""The fast path of analysis commands: a cached model read without YAML or pydantic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from barriers import analysis, cache
from barriers.resolve import load_model
from barriers.view import model_view
from tests.conftest import EXAMPLE, MODELS, run_cli

BUNDLED = sorted(MODELS.glob("*.yaml"))


@pytest.mark.parametrize("path", [EXAMPLE, *BUNDLED], ids=lambda p: p.stem)
def test_the_view_gives_the_same_answers_as_the_model(path: Path, fresh_cache: Path) -> None:
    model = load_model(path).model  # also writes the cache entry
    loaded = cache.cached_view(path)
    assert loaded is not None
    view = loaded.model
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
    assert cache.cached_view(path) is None  # nothing cached yet
    load_model(path)
    assert cache.cached_view(path) is not None
    path.write_text(EXAMPLE.read_text().replace("name: Werving", "name: Ronselen"))
    assert cache.cached_view(path) is None
    load_model(path)
    (entry,) = fresh_cache.iterdir()
    data = json.loads(entry.read_text())
    data["model"] = data["model"].replace("Ronselen", "Vervalst")
    entry.write_text(json.dumps(data))
    assert cache.cached_view(path) is None  # checksum no longer matches


def test_cli_answers_are_the_same_cold_and_warm(fresh_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    for command in ("gaps", "partners", "cover", "routes", "centrality", "mechanisms"):
        cold = run_cli("--no-cache", command, path, "--format", "json")
        run_cli(command, path, "--format", "json")  # fills the cache
        warm = run_cli(command, path, "--format", "json")
        assert cold.code == warm.code == 0, command
        assert json.loads(cold.out) == json.loads(warm.out), command


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
    env = {"BARRIERS_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    warm = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert cold.stdout == warm.stdout and json.loads(warm.stdout)["uncovered"] == []
    assert "pydantic" in cold.stderr  # the first run validates in full
    assert warm.stderr.strip().splitlines()[-1] == "[]"


def test_model_view_refuses_what_is_not_a_model() -> None:
    with pytest.raises(ValueError):
        model_view("[1, 2]")
    view = model_view('{"id": "m", "phases": []}')
    with pytest.raises(AttributeError):
        _ = view.nothing
    assert view.model_dump() == {"id": "m", "phases": []}
