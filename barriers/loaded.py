"""What loading a model gives: the resolved model and where it came from."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from barriers.problems import Problem

if TYPE_CHECKING:
    from barriers.model import Model


@dataclass
class LoadedModel:
    """A resolved model and what is known about where it came from."""

    model: Model
    path: Path
    lineage: list[tuple[str, Path]] = field(default_factory=list)  # (id, path), main first
    warnings: list[Problem] = field(default_factory=list)

    @property
    def base_id(self) -> str | None:
        return self.lineage[1][0] if len(self.lineage) > 1 else None


@contextmanager
def gc_paused() -> Iterator[None]:
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
