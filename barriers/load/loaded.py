"""What loading a model gives: the resolved model and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from barriers.problems import Problem
from barriers.protocols import ModelLike

M = TypeVar("M", bound=ModelLike, covariant=True)


@dataclass(frozen=True)
class LoadedModel(Generic[M]):
    """A resolved model and what is known about where it came from.

    ``LoadedModel[Model]`` (from :func:`barriers.load_model`) holds the pydantic model;
    ``LoadedModel[ModelLike]`` (from :func:`barriers.load.read_model`) may hold the cache's
    read-only view instead.
    """

    model: M
    path: Path
    lineage: list[tuple[str, Path]] = field(default_factory=list)  # (id, path), main first
    warnings: list[Problem] = field(default_factory=list)

    @property
    def base_id(self) -> str | None:
        return self.lineage[1][0] if len(self.lineage) > 1 else None
