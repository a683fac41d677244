"""A read-only view of a cached, resolved model that needs no pydantic.

Analysis commands only read a model. When the cache holds the model unchanged, they read it
through this view instead of validating it into pydantic objects again, so that they start
about as fast as Python can import networkx. The view satisfies
:class:`barriers.protocols.ModelLike`, as the pydantic model does.

Analyses trust what they are given (they skip validation on a cache hit), so
:func:`model_view` checks the shape the analyses read: every item a mapping with a string
``id`` and ``name``, ids unique, every reference (``next``, an intervention's ``phases`` and
``partners``) to an item that exists, techniques known. Anything else raises ``ValueError``,
which the cache treats as a miss.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from barriers.protocols import ItemLike, ModelLike, SourceLike
from barriers.techniques import TECHNIQUE_IDS


class _Fields(dict[str, Any]):
    """Plain JSON data whose fields also read as typed properties."""

    __slots__ = ()

    @property
    def id(self) -> str:
        value: str = self["id"]
        return value

    def model_dump(self, mode: str = "python", **_: Any) -> dict[str, Any]:
        """The plain data (already JSON-ready), as pydantic's ``model_dump`` gives it."""
        return dict(self)

    def __getattr__(self, name: str) -> Any:
        # Fields without a typed property (the local layer, actions, the checklist, notes)
        # read as attributes too, nested mappings included, as on the pydantic model.
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return _wrap(self[name])
        except KeyError:
            raise AttributeError(name) from None

    def _text(self, name: str) -> str | None:
        value = self.get(name)
        return value if isinstance(value, str) else None


def _wrap(value: Any) -> Any:
    """JSON data with every mapping in it readable by attribute."""
    if isinstance(value, dict):
        return (
            value
            if isinstance(value, _Fields)
            else _Fields({k: _wrap(v) for k, v in value.items()})
        )
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


class Record(_Fields):
    """An item read from the cache."""

    __slots__ = ()

    @property
    def sources(self) -> list[str]:
        return _strings(self.get("sources"))


class _Named(Record):
    __slots__ = ()

    @property
    def name(self) -> str:
        value: str = self["name"]
        return value

    @property
    def description(self) -> str | None:
        return self._text("description")


class PhaseRecord(_Named):
    __slots__ = ()

    @property
    def next(self) -> list[str] | None:
        value = self.get("next")
        return None if value is None else _strings(value)


class PartnerRecord(_Named):
    __slots__ = ()

    @property
    def sector(self) -> str | None:
        return self._text("sector")


class InterventionRecord(_Named):
    __slots__ = ()

    @property
    def phases(self) -> list[str]:
        return _strings(self["phases"])

    @property
    def partners(self) -> list[str]:
        return _strings(self["partners"])

    @property
    def type(self) -> str | None:
        return self._text("type")

    @property
    def status(self) -> str | None:
        return self._text("status")

    @property
    def technique(self) -> str | None:
        return self._text("technique")


class SourceRecord(Record):
    __slots__ = ()

    @property
    def title(self) -> str:
        value: str = self["title"]
        return value

    @property
    def url(self) -> str | None:
        return self._text("url")


class ModelRecord(_Fields):
    """A resolved model read from the cache: the same attributes and lookups as ``Model``."""

    __slots__ = ()

    @property
    def title(self) -> str:
        value: str = self["title"]
        return value

    @property
    def extends(self) -> str | None:
        return self._text("extends")

    @property
    def phases(self) -> list[PhaseRecord]:
        value: list[PhaseRecord] = self["phases"]
        return value

    @property
    def partners(self) -> list[PartnerRecord]:
        value: list[PartnerRecord] = self["partners"]
        return value

    @property
    def interventions(self) -> list[InterventionRecord]:
        value: list[InterventionRecord] = self["interventions"]
        return value

    @property
    def sources(self) -> list[SourceRecord]:
        value: list[SourceRecord] = self["sources"]
        return value

    def phase(self, phase_id: str) -> PhaseRecord:
        return next(p for p in self.phases if p.id == phase_id)

    def partner(self, partner_id: str) -> PartnerRecord:
        return next(p for p in self.partners if p.id == partner_id)

    def intervention(self, intervention_id: str) -> InterventionRecord:
        return next(i for i in self.interventions if i.id == intervention_id)


def model_view(payload: str | bytes) -> ModelRecord:
    """The view of a model serialised with ``Model.model_dump_json()``.

    Raises ``ValueError`` when the payload is not the shape of a resolved model.
    """
    try:
        data = json.loads(payload)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("not a serialised model")
    for key in ("id", "title"):
        if not isinstance(data.get(key), str):
            raise ValueError(f"model {key} is not text")
    model = ModelRecord(data)
    model["phases"] = _items(data.get("phases"), PhaseRecord, named=True)
    model["partners"] = _items(data.get("partners"), PartnerRecord, named=True)
    model["interventions"] = _items(data.get("interventions"), InterventionRecord, named=True)
    model["sources"] = _items(data.get("sources"), SourceRecord, named=False)
    for action in model.interventions:
        if not (_strings_only(action.get("phases")) and _strings_only(action.get("partners"))):
            raise ValueError(f"intervention {action.id!r}: phases and partners must be ids")
    for phase in model.phases:
        following = phase.get("next")
        if following is not None and not _strings_only(following):
            raise ValueError(f"phase {phase.id!r}: next must be ids")
    check_resolved(model)
    return model


def check_resolved(model: ModelLike) -> None:
    """Raise ``ValueError`` unless the model holds what the analyses rely on without checking:
    phases, unique ids, and every reference to an item that exists (what the resolver
    ensured when the model was loaded from its files)."""
    if not model.phases:
        raise ValueError("no phases")
    phase_ids = _unique(model.phases)
    partner_ids = _unique(model.partners)
    _unique(model.interventions)
    _unique(model.sources)
    for phase in model.phases:
        if not set(phase.next or ()) <= phase_ids:
            raise ValueError(f"phase {phase.id!r}: next names an unknown phase")
    for action in model.interventions:
        if not (action.phases and set(action.phases) <= phase_ids):
            raise ValueError(f"intervention {action.id!r}: bad phases")
        if not (action.partners and set(action.partners) <= partner_ids):
            raise ValueError(f"intervention {action.id!r}: bad partners")
        if action.technique is not None and action.technique not in TECHNIQUE_IDS:
            raise ValueError(f"intervention {action.id!r}: unknown technique")


R = TypeVar("R", bound=Record)


def _items(value: Any, kind: type[R], named: bool) -> list[R]:
    if not isinstance(value, list):
        raise ValueError("a list of items is missing")
    items = []
    for item in value:
        if not (isinstance(item, dict) and isinstance(item.get("id"), str)):
            raise ValueError("an item is not a mapping with an id")
        if named and not isinstance(item.get("name"), str):
            raise ValueError(f"item {item['id']!r} has no name")
        items.append(kind(item))
    return items


def _unique(items: Sequence[ItemLike | SourceLike]) -> set[str]:
    ids = {item.id for item in items}
    if len(ids) != len(items):
        raise ValueError("duplicate ids")
    return ids


def _strings_only(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
