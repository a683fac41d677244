"""barriers: a barrier-model graph explorer.

Load a model (YAML) with :func:`load_model`, analyse it with :mod:`barriers.analysis`, map it
with :mod:`barriers.map`. The command line (``barriers --help``) is a thin layer over these.
"""

from __future__ import annotations

__version__ = "0.1.0"

from barriers.problems import BarriersError, ModelError, Problem
from barriers.resolve import LoadedModel, load_model

__all__ = ["BarriersError", "LoadedModel", "ModelError", "Problem", "__version__", "load_model"]
