"""The model cache: used only when nothing changed, keyed by a per-user secret, never trusted
beyond what it guarantees (see :mod:`barriers.load.cache`)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import catalog, load_model
from barriers.load import build, cache, read_model
from barriers.load.view import ModelRecord
from barriers.problems import ModelError
from tests.helpers import EXAMPLE, Result

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (CI runs as root)")


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = build.build

    def spy(path: Path, finder: object) -> object:
        calls.append(path)
        return real(path, finder)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "build", spy)
    return calls


def _model_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text())
    return path


def _entry(folder: Path) -> Path:
    (entry,) = (p for p in folder.iterdir() if p.suffix == ".entry")
    return entry


def _parts(entry: Path) -> tuple[bytes, dict[str, object], bytes]:
    mac, _, body = entry.read_bytes().partition(b"\n")
    head, _, model = body.partition(b"\n")
    return mac, json.loads(head), model


def _is_hit(path: Path) -> bool:
    return cache.lookup(path, catalog) is not None


def test_second_load_comes_from_the_cache(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _model_file(tmp_path)
    calls = _count_builds(monkeypatch)
    first = load_model(path)
    second = load_model(path)
    assert len(calls) == 1
    assert second.model == first.model
    assert second.lineage == first.lineage
    assert _entry(fresh_cache)


def test_read_model_gives_the_view_on_a_hit_and_the_model_on_a_miss(
    fresh_cache: Path, tmp_path: Path
) -> None:
    path = _model_file(tmp_path)
    cold = read_model(path)
    assert not isinstance(cold.model, ModelRecord)  # built in full, and cached
    warm = read_model(path)
    assert isinstance(warm.model, ModelRecord)
    assert warm.model.title == cold.model.title
    assert [p.id for p in warm.model.phases] == [p.id for p in cold.model.phases]


def test_any_change_to_the_file_invalidates(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _model_file(tmp_path)
    load_model(path)
    path.write_text(EXAMPLE.read_text().replace("title: Voorbeeldmodel", "title: Anders"))
    calls = _count_builds(monkeypatch)
    assert load_model(path).model.title == "Anders"
    assert len(calls) == 1


def test_the_entry_keys_on_the_bytes_that_were_parsed(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save while the file is being parsed: the entry holds the old model under the old
    bytes' hash, so the next run sees the new file as changed (not the old model as current)."""
    path = _model_file(tmp_path)
    real = build.resolve_documents

    def save_during_the_parse(docs: list[object]) -> object:
        path.write_text(EXAMPLE.read_text().replace("title: Voorbeeldmodel", "title: Nieuw"))
        return real(docs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "resolve_documents", save_during_the_parse)
    assert load_model(path).model.title == "Voorbeeldmodel"  # what was read
    monkeypatch.undo()
    assert not _is_hit(path)
    assert load_model(path).model.title == "Nieuw"


def test_a_change_in_the_base_invalidates_the_variant(fresh_cache: Path, tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(EXAMPLE.read_text())
    variant = tmp_path / "v.yaml"
    variant.write_text("id: v\ntitle: V\nextends: example\n")
    assert load_model(variant).model.phase("werving").name == "Werving"
    base = tmp_path / "example.yaml"
    base.write_text(base.read_text().replace("name: Werving", "name: Ronselen"))
    assert load_model(variant).model.phase("werving").name == "Ronselen"


def test_an_edited_entry_is_refused(fresh_cache: Path, tmp_path: Path) -> None:
    path = _model_file(tmp_path)
    load_model(path)
    entry = _entry(fresh_cache)
    entry.write_bytes(entry.read_bytes().replace(b"Voorbeeldmodel", b"Vervalst"))
    assert not _is_hit(path)
    assert load_model(path).model.title == "Voorbeeldmodel"
    assert read_model(path).model.title == "Voorbeeldmodel"


def test_a_forged_entry_with_a_recomputed_unkeyed_checksum_is_refused(
    fresh_cache: Path, tmp_path: Path
) -> None:
    """Without the key, whatever checksum a forger computes (SHA-256 of the body, HMAC under
    another key) does not make the entry trusted."""
    path = _model_file(tmp_path)
    load_model(path)
    entry = _entry(fresh_cache)
    _, header, model = _parts(entry)
    body = json.dumps(header).encode() + b"\n" + model.replace(b"Voorbeeldmodel", b"Vervalst")
    for forged in (
        hashlib.sha256(body).hexdigest().encode(),
        __import__("hmac").new(b"\0" * 32, body, hashlib.sha256).hexdigest().encode(),
    ):
        entry.write_bytes(forged + b"\n" + body)
        assert not _is_hit(path)
        assert read_model(path).model.title == "Voorbeeldmodel"


def test_a_keyed_entry_of_the_wrong_shape_never_crashes_a_reader(
    fresh_cache: Path, tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an entry under the right key (a bug, or the key's owner) is checked for the shape
    the analyses read: dangling references, duplicate ids, wrong types are a miss."""
    path = _model_file(tmp_path)
    load_model(path)
    entry = _entry(fresh_cache)
    key = Path(os.environ["BARRIERS_CACHE_KEY"]).read_bytes()
    _, header, model = _parts(entry)
    good = json.loads(model)
    bad_models = []
    for change in (
        lambda m: m["interventions"][0].update(phases=["nowhere"]),
        lambda m: m["interventions"][0].update(partners=[]),
        lambda m: m["phases"][0].update(next=["nowhere"]),
        lambda m: m["phases"].append(dict(m["phases"][0])),
        lambda m: m["phases"][0].update(name=7),
        lambda m: m["interventions"][0].update(technique="no-such-technique"),
        lambda m: m.update(phases=[]),
        lambda m: m.update(partners={"a": 1}),
    ):
        broken = json.loads(json.dumps(good))
        change(broken)
        bad_models.append(json.dumps(broken).encode())
    bad_models += [b"[" * 100_000, b"\xff\xfe garbage", b"{}"]
    calls = _count_builds(monkeypatch)
    for bad in bad_models:
        body = json.dumps(header).encode() + b"\n" + bad
        entry.write_bytes(cache._mac(key, body) + b"\n" + body)
        assert not isinstance(read_model(path).model, ModelRecord)  # a miss: built again
        entry.write_bytes(cache._mac(key, body) + b"\n" + body)
        before = len(calls)
        assert load_model(path).model.title == "Voorbeeldmodel"
        assert len(calls) == before + 1  # a miss: built again
        entry.write_bytes(cache._mac(key, body) + b"\n" + body)
        result = cli("gaps", path, "--format", "json")
        assert result.code == 0, result.err


def test_an_entry_from_another_key_is_refused(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _model_file(tmp_path)
    load_model(path)
    monkeypatch.setenv("BARRIERS_CACHE_KEY", str(tmp_path / "other" / "cache-key"))
    assert not _is_hit(path)  # no key yet: nothing is trusted
    load_model(path)  # makes the other key, rewrites the entry
    assert _is_hit(path)


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero", "folder", "huge", "garbage"])
def test_a_bad_entry_is_a_miss_and_never_hangs(
    fresh_cache: Path, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _model_file(tmp_path)
    load_model(path)
    entry = _entry(fresh_cache)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "symlink-to-dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "folder":
        entry.mkdir()
    elif kind == "huge":
        monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 1024)
        entry.write_bytes(b"x" * 2048)
    else:
        entry.write_bytes(os.urandom(4096))
    assert not _is_hit(path)
    assert read_model(path).model.title == "Voorbeeldmodel"
    assert load_model(path).model.title == "Voorbeeldmodel"


@pytest.mark.slow  # a process per bad entry
def test_a_hostile_entry_in_a_real_process_is_a_miss_within_seconds(
    fresh_cache: Path, tmp_path: Path
) -> None:
    """The FIFO and /dev/zero cases through the CLI, in a process of its own with a timeout."""
    path = _model_file(tmp_path)
    load_model(path)
    entry = _entry(fresh_cache)
    for make in (os.mkfifo, lambda p: p.symlink_to("/dev/zero")):
        entry.unlink()
        make(entry)
        result = subprocess.run(
            [sys.executable, "-m", "barriers", "show", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env=os.environ.copy(),
        )
        assert result.returncode == 0, result.stderr
        assert "Voorbeeldmodel" in result.stdout


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero", "short"])
def test_a_bad_key_file_means_no_cache_not_an_error(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path = _model_file(tmp_path)
    key = Path(os.environ["BARRIERS_CACHE_KEY"])
    key.parent.mkdir(mode=0o700)
    if kind == "fifo":
        os.mkfifo(key, 0o600)
    elif kind == "symlink-to-dev-zero":
        key.symlink_to("/dev/zero")
    else:
        key.write_bytes(b"k")
        key.chmod(0o600)
    calls = _count_builds(monkeypatch)
    assert load_model(path).model.title == "Voorbeeldmodel"
    assert read_model(path).model.title == "Voorbeeldmodel"
    assert len(calls) == 2  # never served from the cache
    assert not _is_hit(path)


def test_a_key_that_others_can_read_is_not_used(fresh_cache: Path, tmp_path: Path) -> None:
    path = _model_file(tmp_path)
    load_model(path)
    key = Path(os.environ["BARRIERS_CACHE_KEY"])
    assert _is_hit(path)
    key.chmod(0o644)
    assert not _is_hit(path)


def test_the_cache_is_private_whatever_the_umask(fresh_cache: Path, tmp_path: Path) -> None:
    path = _model_file(tmp_path)
    old = os.umask(0)
    try:
        load_model(path)
    finally:
        os.umask(old)
    key = Path(os.environ["BARRIERS_CACHE_KEY"])
    assert stat.S_IMODE(fresh_cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(_entry(fresh_cache).stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == cache.KEY_BYTES
    assert key.parent != fresh_cache and fresh_cache not in key.parents
    assert [p.name for p in fresh_cache.iterdir()] == [_entry(fresh_cache).name]  # no temp left


def test_an_existing_cache_folder_of_ours_is_made_private(
    fresh_cache: Path, tmp_path: Path
) -> None:
    fresh_cache.mkdir(mode=0o755)
    fresh_cache.chmod(0o755)
    load_model(_model_file(tmp_path))
    assert stat.S_IMODE(fresh_cache.stat().st_mode) == 0o700


@as_root
def test_as_root_a_key_owned_by_another_user_is_not_used(fresh_cache: Path, tmp_path: Path) -> None:
    path = _model_file(tmp_path)
    load_model(path)
    key = Path(os.environ["BARRIERS_CACHE_KEY"])
    assert _is_hit(path)
    os.chown(key, 65534, 65534)  # nobody
    assert not _is_hit(path)


@as_root
def test_as_root_an_entry_symlinked_elsewhere_is_not_followed(
    fresh_cache: Path, tmp_path: Path
) -> None:
    """Root reads no file through a planted link in the cache, however it is keyed."""
    path = _model_file(tmp_path)
    load_model(path)
    entry = _entry(fresh_cache)
    elsewhere = tmp_path / "elsewhere.entry"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)  # a valid entry, but through a link
    assert not _is_hit(path)


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
    assert read_model(path).warnings == first


def test_cache_can_be_turned_off(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BARRIERS_NO_CACHE", "1")
    path = _model_file(tmp_path)
    calls = _count_builds(monkeypatch)
    load_model(path)
    load_model(path)
    read_model(path)
    assert len(calls) == 3
    assert not fresh_cache.exists()
    assert not Path(os.environ["BARRIERS_CACHE_KEY"]).exists()


def test_an_unwritable_cache_is_only_slower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BARRIERS_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setenv("BARRIERS_CACHE_KEY", str(blocker / "key" / "cache-key"))
    assert load_model(EXAMPLE).model.id == "example"
    assert read_model(EXAMPLE).model.id == "example"


def test_default_folders_are_the_users_and_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BARRIERS_CACHE_DIR", raising=False)
    monkeypatch.delenv("BARRIERS_CACHE_KEY", raising=False)
    folder = cache.cache_dir()
    key = cache.key_path()
    assert "barriers" in str(folder) and os.path.isabs(folder)
    assert "barriers" in str(key) and os.path.isabs(key)
    assert folder not in key.parents


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
