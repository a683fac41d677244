"""A read-only view of a cached, resolved model that needs no pydantic.

Analysis commands only read a model. When the cache holds the model unchanged (checked by
the SHA-256 of every file involved and of the entry itself), they read it through this view
instead of validating it into pydantic objects again, so that they start about as fast as
Python can import networkx. Everything that writes or renders a model uses the full
pydantic model (:func:`barriers.resolve.load_model`).
"""

from __future__ import annotations

import json
from typing import Any


class Record(dict[str, Any]):
    """A mapping whose keys read as attributes, like the model classes' fields."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def model_dump(self, mode: str = "python", **_: Any) -> dict[str, Any]:
        """The plain data (already JSON-ready), as pydantic's ``model_dump`` gives it."""
        return dict(self)


class ModelRecord(Record):
    """A resolved model read from the cache: the same attributes and lookups as ``Model``."""

    __slots__ = ()

    def phase(self, phase_id: str) -> Record:
        return self._find("phases", phase_id)

    def partner(self, partner_id: str) -> Record:
        return self._find("partners", partner_id)

    def intervention(self, intervention_id: str) -> Record:
        return self._find("interventions", intervention_id)

    def _find(self, kind: str, item_id: str) -> Record:
        found: Record = next(item for item in self[kind] if item["id"] == item_id)
        return found


def model_view(payload: str) -> ModelRecord:
    """The view of a model serialised with ``Model.model_dump_json()``."""
    data = json.loads(payload, object_hook=Record)
    if not isinstance(data, dict) or not isinstance(data.get("phases"), list):
        raise ValueError("not a serialised model")
    return ModelRecord(data)
