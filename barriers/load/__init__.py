"""Loading a model: the one way in, and the only user of the cache.

Data flows one way: file bytes -> :mod:`barriers.loader` (YAML, strict) ->
:mod:`barriers.variants` (the ``extends`` chain, found by a :class:`ModelFinder`, by default
:mod:`barriers.catalog`) -> :mod:`barriers.resolve` (validated, resolved) -> a
:class:`LoadedModel`. This façade puts :mod:`barriers.load.cache` in front of that:

- :func:`load_model` gives the pydantic :class:`~barriers.model.Model` (from the cache,
  validated again, or built from the files and cached);
- :func:`read_model` gives, on a cache hit, the read-only :mod:`barriers.load.view` (no YAML,
  no pydantic: analysis commands start quickly), otherwise what :func:`load_model` gives.

Both satisfy :class:`barriers.protocols.ModelLike`.

>>> load_model("models/loverboys-general.yaml").model.id
'loverboys-general'
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from barriers import catalog
from barriers.load import cache
from barriers.load.loaded import LoadedModel
from barriers.load.view import check_shape, model_view, parse
from barriers.protocols import ModelLike

if TYPE_CHECKING:
    from barriers.model import Model
    from barriers.variants import ModelFinder

__all__ = ["LoadedModel", "ModelLike", "load_model", "read_model"]


def load_model(
    path: Path | str, *, use_cache: bool = True, finder: ModelFinder = catalog
) -> LoadedModel[Model]:
    """Load, overlay, validate and resolve the model file at ``path`` (pydantic model).

    ``finder`` finds the models that ``extends`` names (bundled, then beside the file).
    Raises :class:`~barriers.problems.ModelError` with every problem found.
    """
    # Here, not at the top: the builder imports pydantic and YAML, which read_model's cache
    # hit (the analysis commands' fast start) does without.
    from barriers.load import build

    path = Path(path)
    with _gc_paused():
        entry = cache.lookup(path, finder) if use_cache else None
        if entry is not None:
            try:
                check_shape(parse(entry.model))  # pydantic checks types, not references
                return entry.loaded(path, build.validate_json(entry.model))
            except ValueError:  # (pydantic's ValidationError is one) a bad entry is a miss
                pass
        loaded, files = build.build(path, finder)
        if use_cache:
            cache.store(path, loaded, files)
        return loaded


def read_model(
    path: Path | str, *, use_cache: bool = True, finder: ModelFinder = catalog
) -> LoadedModel[ModelLike]:
    """The model at ``path`` for reading only: the cache's view on a hit, else in full."""
    path = Path(path)
    if use_cache:
        with _gc_paused():
            entry = cache.lookup(path, finder)
            if entry is not None:
                try:
                    return entry.loaded(path, model_view(entry.model))
                except ValueError:  # not the shape of a model: a miss
                    pass
    return load_model(path, use_cache=use_cache, finder=finder)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector while a model is built.

    Loading makes millions of small objects (YAML nodes, plain data, pydantic models) that
    reference counting frees as usual; the cyclic collector would only walk them again and
    again as they pile up, which was about two thirds of the time to load a model of 20,000
    interventions (the bare ``yaml.load`` of the same file pays it too). The collector
    resumes, and catches any cycle, as soon as the model is built.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
