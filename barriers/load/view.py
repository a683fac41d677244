"""A read-only view of a cached, resolved model that needs no pydantic.

Analysis commands only read a model. When the cache holds the model unchanged, they read it
through this view instead of validating it into pydantic objects again, so that they start
about as fast as Python can import networkx. The view satisfies
:class:`barriers.protocols.ModelLike`, as the pydantic model does.

Analyses trust what they are given (they skip validation on a cache hit), so
:func:`model_view` first checks the shape they read (:func:`check_shape`: text ids and
names, unique ids, every reference to an item that exists, known techniques and local
states). Anything else raises ``ValueError``, which the cache treats as a miss.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from barriers.states import ACTION_STATES, INTERVENTION_STATES, PARTNER_STATES
from barriers.techniques import TECHNIQUE_IDS


class _Data(dict[str, Any]):
    """Plain JSON data whose fields also read as typed properties."""

    __slots__ = ()

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

    def _str(self, name: str) -> str:
        value: str = self[name]
        return value


class _Fields(_Data):
    __slots__ = ()

    @property
    def id(self) -> str:
        return self._str("id")


class LocalAreaRecord(_Data):
    __slots__ = ()

    @property
    def area(self) -> str:
        return self._str("area")

    @property
    def date(self) -> str | None:
        return self._text("date")

    @property
    def participants(self) -> list[str]:
        return _strings(self.get("participants"))


class PhaseLocalRecord(_Data):
    __slots__ = ()

    @property
    def note(self) -> str | None:
        return self._text("note")


class PartnerLocalRecord(PhaseLocalRecord):
    __slots__ = ()

    @property
    def state(self) -> str:
        return self._str("state")


class InterventionLocalRecord(PartnerLocalRecord):
    __slots__ = ()

    @property
    def owner(self) -> str | None:
        return self._text("owner")

    @property
    def contact(self) -> str | None:
        return self._text("contact")


class ActionRecord(_Fields):
    __slots__ = ()

    @property
    def title(self) -> str:
        return self._str("title")

    @property
    def interventions(self) -> list[str]:
        return _strings(self.get("interventions"))

    @property
    def phases(self) -> list[str]:
        return _strings(self.get("phases"))

    @property
    def owner(self) -> str | None:
        return self._text("owner")

    @property
    def due(self) -> str | None:
        return self._text("due")

    @property
    def priority(self) -> int | None:
        value = self.get("priority")
        return value if type(value) is int else None

    @property
    def state(self) -> str:
        return self._str("state")

    @property
    def note(self) -> str | None:
        return self._text("note")


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
        return self._str("name")

    @property
    def description(self) -> str | None:
        return self._text("description")


class PhaseRecord(_Named):
    __slots__ = ()

    @property
    def local(self) -> PhaseLocalRecord | None:
        value: PhaseLocalRecord | None = self.get("local")
        return value

    @property
    def next(self) -> list[str] | None:
        value = self.get("next")
        return None if value is None else _strings(value)


class PartnerRecord(_Named):
    __slots__ = ()

    @property
    def sector(self) -> str | None:
        return self._text("sector")

    @property
    def local(self) -> PartnerLocalRecord | None:
        value: PartnerLocalRecord | None = self.get("local")
        return value


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

    @property
    def local(self) -> InterventionLocalRecord | None:
        value: InterventionLocalRecord | None = self.get("local")
        return value


class SourceRecord(Record):
    __slots__ = ()

    @property
    def title(self) -> str:
        return self._str("title")

    @property
    def url(self) -> str | None:
        return self._text("url")


class ModelRecord(_Fields):
    """A resolved model read from the cache: the same attributes and lookups as ``Model``."""

    __slots__ = ()

    @property
    def title(self) -> str:
        return self._str("title")

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

    @property
    def local(self) -> LocalAreaRecord | None:
        value: LocalAreaRecord | None = self.get("local")
        return value

    @property
    def actions(self) -> list[ActionRecord]:
        value: list[ActionRecord] = self.get("actions", [])
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
    data = parse(payload)
    check_shape(data)
    model = ModelRecord(data)
    model["phases"] = [_with_local(PhaseRecord, i, PhaseLocalRecord) for i in data["phases"]]
    model["partners"] = [
        _with_local(PartnerRecord, i, PartnerLocalRecord) for i in data["partners"]
    ]
    model["interventions"] = [
        _with_local(InterventionRecord, i, InterventionLocalRecord) for i in data["interventions"]
    ]
    model["sources"] = [SourceRecord(item) for item in data["sources"]]
    if data.get("actions"):
        model["actions"] = [ActionRecord(item) for item in data["actions"]]
    if data.get("local") is not None:
        model["local"] = LocalAreaRecord(data["local"])
    return model


_Item = TypeVar("_Item", bound=_Fields)


def _with_local(kind: type[_Item], item: dict[str, Any], local: type[_Data]) -> _Item:
    record = kind(item)
    if item.get("local") is not None:
        record["local"] = local(item["local"])
    return record


def parse(payload: str | bytes) -> Any:
    """JSON, with a nesting too deep for the parser as a ``ValueError`` like any other."""
    try:
        return json.loads(payload)
    except RecursionError:
        raise ValueError("nested too deeply") from None


_NAMED = ("phases", "partners", "interventions")
_OPTIONAL_TEXT = {
    "phases": ("description",),
    "partners": ("sector", "description"),
    "interventions": ("type", "description", "status", "technique"),
    "sources": ("url",),
}


def check_shape(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` (plain JSON data) holds what the analyses rely on
    without checking: text ids, names and titles; unique ids; at least one phase; every
    ``next`` and every intervention's ``phases`` and ``partners`` (at least one each) naming
    an item that exists; known techniques. The resolver ensured all this when the model was
    built from its files; this checks it again, cheaply, for a model read back from the cache.
    """
    try:
        _check_shape(data)
    except (KeyError, TypeError, AttributeError):
        raise ValueError("not the shape of a resolved model") from None


def _check_shape(data: dict[str, Any]) -> None:
    if not (isinstance(data.get("id"), str) and isinstance(data.get("title"), str)):
        raise ValueError("the model's id or title is not text")
    ids: dict[str, set[str]] = {}
    for kind, fields in _OPTIONAL_TEXT.items():
        items = data[kind]
        if not isinstance(items, list):
            raise ValueError(f"{kind} is not a list")
        label = "name" if kind in _NAMED else "title"
        for item in items:
            if not (isinstance(item["id"], str) and isinstance(item[label], str)):
                raise ValueError(f"an item of {kind} has no text id or {label}")
            for name in fields:
                value = item.get(name)
                if value is not None and not isinstance(value, str):
                    raise ValueError(f"{kind} {item['id']!r}: {name} is not text")
        ids[kind] = {item["id"] for item in items}
        if len(ids[kind]) != len(items):
            raise ValueError(f"duplicate ids among {kind}")
    phases, partners = ids["phases"], ids["partners"]
    if not phases:
        raise ValueError("no phases")
    for phase in data["phases"]:
        following = phase.get("next")
        if following is not None and not (_ids(following) and phases.issuperset(following)):
            raise ValueError(f"phase {phase['id']!r}: next names an unknown phase")
    for action in data["interventions"]:
        if not (
            _ids(action["phases"]) and action["phases"] and phases.issuperset(action["phases"])
        ):
            raise ValueError(f"intervention {action['id']!r}: bad phases")
        if not (
            _ids(action["partners"])
            and action["partners"]
            and partners.issuperset(action["partners"])
        ):
            raise ValueError(f"intervention {action['id']!r}: bad partners")
        technique = action.get("technique")
        if technique is not None and technique not in TECHNIQUE_IDS:
            raise ValueError(f"intervention {action['id']!r}: unknown technique")
    _check_local(data)


def _check_local(data: dict[str, Any]) -> None:
    """The local layer (issue 14): states from their fixed lists, actions with text ids."""
    local = data.get("local")
    if local is not None and not (
        isinstance(local["area"], str)
        and _optional_text(local.get("date"))
        and _ids(local.get("participants", []))
    ):
        raise ValueError("the local block is not the shape of one")
    for kind, states in (
        ("phases", None),
        ("partners", PARTNER_STATES),
        ("interventions", INTERVENTION_STATES),
    ):
        for item in data[kind]:
            here = item.get("local")
            if here is None:
                continue
            if not (isinstance(here, dict) and _optional_text(here.get("note"))):
                raise ValueError(f"{kind} {item['id']!r}: the local layer is not a mapping")
            if states is not None and here["state"] not in states:
                raise ValueError(f"{kind} {item['id']!r}: unknown local state")
    actions = data.get("actions") or []
    if not isinstance(actions, list):
        raise ValueError("actions is not a list")
    for action in actions:
        if not (
            isinstance(action["id"], str)
            and isinstance(action["title"], str)
            and action.get("state", "open") in ACTION_STATES
            and _ids(action.get("interventions", []))
            and _ids(action.get("phases", []))
            and all(_optional_text(action.get(k)) for k in ("owner", "due", "note"))
            and (action.get("priority") is None or type(action["priority"]) is int)
        ):
            raise ValueError("an action is not the shape of one")


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _ids(value: Any) -> bool:
    return isinstance(value, list) and all(type(v) is str for v in value)


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
