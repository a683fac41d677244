"""Finding models: bundled ones, folders of them, ids and paths."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from barriers.ids import SLUG_RE
from barriers.problems import BarriersError, did_you_mean, lookalike_note, shown_id

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir() -> Path:
    """The bundled models: inside the installed package, or ``models/`` beside it in a checkout."""
    inside = _PACKAGE / "_bundled_models"
    return inside if inside.is_dir() else _PACKAGE.parent / "models"


_TOP_ID = re.compile(r"^id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def model_id_of_file(path: Path) -> str | None:
    """A model file's id read cheaply from its top-level ``id:`` line, without parsing it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace").lstrip("\ufeff")
    except OSError:
        return None
    match = _TOP_ID.search(head)
    return match.group(1) if match else None


def model_files(folder: Path) -> list[Path]:
    """The YAML files of a folder, sorted by name."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def known_ids(folder: Path) -> list[str]:
    ids = [model_id_of_file(p) for d in (folder, bundled_dir()) for p in model_files(d)]
    return sorted({i for i in ids if i})


def find_in(model_id: str, folders: Iterable[Path]) -> Path | None:
    """The file of the model with this id in the first folder that has it.

    A folder in which two files claim the id is an error: which one is meant cannot be
    guessed (an earlier folder may still shadow a later one, e.g. a local copy of a bundled
    model).
    """
    for folder in folders:
        found = [p for p in model_files(folder) if model_id_of_file(p) == model_id]
        if len(found) > 1:
            names = " and ".join(p.name for p in found)
            raise BarriersError(
                f"model id {model_id!r} is ambiguous: {names} in {folder} both have it; "
                "give a path, or give one of them another id"
            )
        if found:
            return found[0]
    return None


def find_base(model_id: str, folder: Path) -> Path | None:
    """Where ``extends: model_id`` points: the extending file's folder, then the bundled models."""
    return find_in(model_id, [folder, bundled_dir()])


def catalog_dirs(models_dirs: Iterable[Path] = ()) -> list[Path]:
    return [*models_dirs, bundled_dir()]


def model_paths(models_dirs: Iterable[Path] = ()) -> list[Path]:
    """Every model file of the given folders and the bundled models."""
    seen: set[Path] = set()
    result = []
    for folder in catalog_dirs(models_dirs):
        for path in model_files(folder):
            if path.resolve() not in seen:
                seen.add(path.resolve())
                result.append(path)
    return result


def _refuse_broken_link(path: Path) -> None:
    """A link that is a loop or points nowhere: the loader's one-line problem, before any
    code that resolves paths (the cache's key) meets it."""
    try:
        path.stat()
    except OSError:
        from barriers.loader import read_text

        read_text(path)  # raises the located problem ("a loop of symbolic links", ...)
        raise


def resolve_ref(ref: str, models_dirs: Iterable[Path] = ()) -> Path:
    """A ``MODEL`` argument (a bundled id, an id in ``--models-dir``, or a path) as a path."""
    if ref == "":
        raise BarriersError("the MODEL argument is empty: give a model id or a path to a YAML file")
    path = Path(ref)
    if path.is_symlink():
        _refuse_broken_link(path)
    if path.exists() or ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        return path
    dirs = catalog_dirs(models_dirs)
    if SLUG_RE.match(ref):
        found = find_in(ref, dirs)
        if found is not None:
            return found
    known = sorted({i for p in model_paths(models_dirs) if (i := model_id_of_file(p))})
    raise BarriersError(
        f"unknown model {shown_id(ref)}{lookalike_note(ref)}{did_you_mean(ref, known)}: "
        f"give a model id ({_some(known)}) or a path to a YAML file"
    )


SHOWN_IDS = 5


def _some(ids: list[str]) -> str:
    """A few of the known ids, not 5,000 of them."""
    if not ids:
        return "none bundled"
    if len(ids) <= SHOWN_IDS:
        return ", ".join(ids)
    rest = len(ids) - SHOWN_IDS
    return f"e.g. {', '.join(ids[:SHOWN_IDS])} and {rest:,} more: see barriers list"
