"""A model built from its files, with no cache: parse the chain, overlay, resolve."""

from __future__ import annotations

from pathlib import Path

from barriers.load.loaded import LoadedModel
from barriers.model import Model
from barriers.resolve import resolve_documents
from barriers.variants import ModelFinder, load_chain


def build(path: Path, finder: ModelFinder) -> tuple[LoadedModel[Model], list[tuple[Path, str]]]:
    """The loaded model, and each file it was built from with the SHA-256 of the bytes parsed.

    Raises :class:`barriers.problems.ModelError` with every problem found.
    """
    docs = load_chain(path, finder)
    model, warnings = resolve_documents(docs)
    lineage = [(str(d.data.get("id")), d.path) for d in docs]
    files = [(d.path.resolve(), d.sha256) for d in docs]
    return LoadedModel(model, path, lineage, warnings), files


def validate_json(payload: bytes | str) -> Model:
    """A model serialised with ``Model.model_dump_json()``, validated again in full."""
    return Model.model_validate_json(payload)
