"""The parsed-model cache: used only when nothing changed, never trusted blindly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from barriers import cache
from barriers.problems import ModelError
from barriers.resolve import load_model
from tests.conftest import EXAMPLE


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    import barriers.resolve as resolve

    calls: list[Path] = []
    real = resolve.load_uncached

    def spy(path: Path) -> object:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(resolve, "load_uncached", spy)
    return calls


def test_second_load_comes_from_the_cache(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    calls = _count_parses(monkeypatch)
    first = load_model(path)
    second = load_model(path)
    assert len(calls) == 1
    assert second.model == first.model
    assert second.lineage == first.lineage
    assert len(list(fresh_cache.iterdir())) == 1


def test_any_change_to_the_file_invalidates(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    load_model(path)
    path.write_text(EXAMPLE.read_text().replace("title: Voorbeeldmodel", "title: Anders"))
    calls = _count_parses(monkeypatch)
    assert load_model(path).model.title == "Anders"
    assert len(calls) == 1


def test_a_change_in_the_base_invalidates_the_variant(fresh_cache: Path, tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(EXAMPLE.read_text())
    variant = tmp_path / "v.yaml"
    variant.write_text("id: v\ntitle: V\nextends: example\n")
    assert load_model(variant).model.phase("werving").name == "Werving"
    base = tmp_path / "example.yaml"
    base.write_text(base.read_text().replace("name: Werving", "name: Ronselen"))
    assert load_model(variant).model.phase("werving").name == "Ronselen"


def test_a_tampered_entry_is_not_trusted(fresh_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    load_model(path)
    (entry,) = fresh_cache.iterdir()
    data = json.loads(entry.read_text())
    data["model"] = data["model"].replace("Voorbeeldmodel", "Vervalst")
    entry.write_text(json.dumps(data))
    assert load_model(path).model.title == "Voorbeeldmodel"
    entry.write_text("{not json")
    assert load_model(path).model.title == "Voorbeeldmodel"


def test_an_entry_that_fails_validation_is_a_miss(fresh_cache: Path, tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    load_model(path)
    (entry,) = fresh_cache.iterdir()
    data = json.loads(entry.read_text())
    model = json.loads(data["model"])
    model["phases"] = []  # consistent checksum, but not a valid model
    data["model"] = json.dumps(model)
    data["model_sha256"] = hashlib.sha256(data["model"].encode()).hexdigest()
    entry.write_text(json.dumps(data))
    assert len(load_model(path).model.phases) == 4


def test_invalid_models_are_not_cached(fresh_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: bad\ntitle: Bad\nphases: []\n")
    for _ in range(2):
        with pytest.raises(ModelError):
            load_model(path)
    assert not fresh_cache.exists() or not list(fresh_cache.iterdir())


def test_warnings_survive_the_cache(fresh_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        EXAMPLE.read_text() + "  - id: idle\n    name: Idle\n    phases: [geld]\n"
        "    partners: [bank]\n"
    )
    text = path.read_text().replace(
        "  - id: bank\n    name: Bank\n",
        "  - id: bank\n    name: Bank\n  - id: nobody\n    name: N\n",
    )
    path.write_text(text)
    first = load_model(path).warnings
    assert first and load_model(path).warnings == first


def test_cache_can_be_turned_off(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BARRIERS_NO_CACHE", "1")
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    calls = _count_parses(monkeypatch)
    load_model(path)
    load_model(path)
    assert len(calls) == 2
    assert not fresh_cache.exists()


def test_an_unwritable_cache_is_only_slower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BARRIERS_CACHE_DIR", str(blocker / "cache"))
    assert load_model(EXAMPLE).model.id == "example"


def test_default_cache_dir_is_the_users_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BARRIERS_CACHE_DIR", raising=False)
    folder = cache.cache_dir()
    assert "barriers" in folder.parts[-1] or "barriers" in str(folder)
    assert os.path.isabs(folder)


def test_a_new_file_that_extends_would_now_find_invalidates(
    fresh_cache: Path, tmp_path: Path
) -> None:
    variant = tmp_path / "v.yaml"
    variant.write_text("id: v\ntitle: V\nextends: loverboys-general\n")
    assert len(load_model(variant).model.phases) == 8  # the bundled base
    (tmp_path / "local.yaml").write_text(
        "id: loverboys-general\ntitle: Lokaal\nphases:\n  - id: a\n    name: A\n"
    )
    assert [p.id for p in load_model(variant).model.phases] == ["a"]


def test_cached_warnings_name_files_from_where_you_are(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    text = EXAMPLE.read_text().replace(
        "  - id: bank\n    name: Bank\n",
        "  - id: bank\n    name: Bank\n  - id: idle\n    name: I\n",
    )
    (folder / "m.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    first = load_model(Path("a/m.yaml")).warnings
    assert [w.file for w in first] == ["a/m.yaml"]
    monkeypatch.chdir(folder)
    again = load_model(Path("m.yaml")).warnings  # from the cache, seen from another folder
    assert [w.file for w in again] == ["m.yaml"]
    assert [(w.line, w.message) for w in again] == [(w.line, w.message) for w in first]
