"""A cache of parsed, validated models, keyed by the content of every file involved.

Parsing YAML is the slow part of every command. The cache keeps the resolved model as JSON in
the user's cache folder; an entry is used only when the tool version and the content hash of
the model file and every file it extends still match, and the model is validated again on
the way in (pydantic's JSON validation is far faster than YAML parsing), so a stale or
tampered entry is never trusted blindly. ``BARRIERS_CACHE_DIR`` moves the cache;
``BARRIERS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from pathlib import Path
from typing import Any

from barriers import __version__
from barriers.loaded import LoadedModel
from barriers.problems import Problem, display_path

_FORMAT = 1


def cache_dir() -> Path:
    env = os.environ.get("BARRIERS_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("barriers", appauthor=False))


def enabled() -> bool:
    return os.environ.get("BARRIERS_NO_CACHE", "") in ("", "0")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entry_path(path: Path) -> Path:
    key = _digest(f"{_FORMAT}:{path.resolve()}".encode())
    return cache_dir() / f"{key[:32]}.json"


def cached_load(path: Path) -> LoadedModel:
    """Like ``load_uncached`` but served from the cache when nothing has changed.

    The cached model is validated again on the way in: what comes back is a full model.
    """
    from barriers.model import Model
    from barriers.resolve import load_uncached

    if not enabled():
        return load_uncached(path)
    entry = _read_entry(path)
    if entry is not None:
        try:
            return _loaded(path, entry, Model.model_validate_json(entry["model"]))
        except Exception:  # a bad entry is only a cache miss
            pass
    loaded = load_uncached(path)
    _write_entry(path, loaded)
    return loaded


def cached_view(path: Path) -> LoadedModel | None:
    """The cached model as a read-only :mod:`barriers.view`, or None on a miss.

    For commands that only read a model: no YAML, no pydantic. The entry is used only when
    the tool version, the SHA-256 of the model file and of every file it extends, and the
    entry's own checksum all match.
    """
    if not enabled():
        return None
    entry = _read_entry(path)
    if entry is None:
        return None
    from barriers.view import model_view

    try:
        view: Any = model_view(entry["model"])
        return _loaded(path, entry, view)
    except (ValueError, KeyError, TypeError):
        return None


def _loaded(path: Path, entry: dict[str, Any], model: Any) -> LoadedModel:
    warnings = [Problem(**{**w, "file": display_path(Path(w["file"]))}) for w in entry["warnings"]]
    lineage = [(str(i), Path(p)) for i, p in entry["lineage"]]
    return LoadedModel(model, path, lineage, warnings)


def _read_entry(path: Path) -> dict[str, Any] | None:
    try:
        raw = _entry_path(path).read_bytes()
        entry = json.loads(raw)
        if entry.get("version") != __version__ or entry.get("format") != _FORMAT:
            return None
        if _digest(entry["model"].encode()) != entry["model_sha256"]:
            return None
        for file, digest in entry["files"]:
            if _digest(Path(file).read_bytes()) != digest:
                return None
        if entry["files"][0][0] != str(path.resolve()):
            return None
        if not _same_resolution(entry["lineage"]):
            return None
        return dict(entry)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _same_resolution(lineage: list[list[str]]) -> bool:
    """Whether each ``extends`` still finds the same file (a new file with the base's id may
    have appeared beside the variant since the entry was written)."""
    from barriers.catalog import find_base

    for (_, previous), (base_id, base_path) in itertools.pairwise(lineage):
        found = find_base(base_id, Path(previous).parent)
        if found is None or found.resolve() != Path(base_path).resolve():
            return False
    return True


def _write_entry(path: Path, loaded: Any) -> None:
    try:
        files = [str(p.resolve()) for _, p in loaded.lineage]
        model_json = loaded.model.model_dump_json()
        entry = {
            "format": _FORMAT,
            "version": __version__,
            "files": [[f, _digest(Path(f).read_bytes())] for f in files],
            "lineage": [[i, str(p.resolve())] for i, p in loaded.lineage],
            # absolute paths: the next run may start in another folder
            "warnings": [
                {**w.__dict__, "file": str(Path(w.file).resolve())} for w in loaded.warnings
            ],
            "model": model_json,
            "model_sha256": _digest(model_json.encode()),
        }
        from barriers.output import OutputError, write_output

        write_output(_entry_path(path), json.dumps(entry))
    except (OSError, OutputError):
        pass  # a cache that cannot be written is only slower
