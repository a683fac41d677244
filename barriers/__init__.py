"""barriers: a barrier-model graph explorer.

Load a model (YAML) with :func:`load_model`, analyse it with :mod:`barriers.analysis`, map it
with :mod:`barriers.map`. The command line (``barriers --help``) is a thin layer over these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from barriers._version import __version__
from barriers.problems import BarriersError, ModelError, Problem

__all__ = ["BarriersError", "LoadedModel", "ModelError", "Problem", "__version__", "load_model"]

if TYPE_CHECKING:
    from barriers.load import LoadedModel, load_model


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import barriers` (and `barriers --version`) stays
    # without the load path; inside the package, import from barriers.load instead.
    if name in ("load_model", "LoadedModel"):
        from barriers import load

        return getattr(load, name)
    raise AttributeError(f"module 'barriers' has no attribute {name!r}")
