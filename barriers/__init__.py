"""barriers: a barrier-model graph explorer.

Load a model (YAML) with :func:`load_model`, analyse it with :mod:`barriers.analysis`, map it
with :mod:`barriers.map`. The command line (``barriers --help``) is a thin layer over these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from barriers.problems import BarriersError, ModelError, Problem

__version__ = "0.1.0"
__all__ = ["BarriersError", "LoadedModel", "ModelError", "Problem", "__version__", "load_model"]

if TYPE_CHECKING:
    from barriers.loaded import LoadedModel
    from barriers.resolve import load_model


def __getattr__(name: str) -> Any:
    # Imported on first use: the schema pulls in pydantic, which fast commands avoid.
    if name == "load_model":
        from barriers.resolve import load_model

        return load_model
    if name == "LoadedModel":
        from barriers.loaded import LoadedModel

        return LoadedModel
    raise AttributeError(f"module 'barriers' has no attribute {name!r}")
