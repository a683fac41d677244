"""What a resolved model offers its readers: one typed interface for both of its forms.

A loaded model comes either as the pydantic :class:`barriers.model.Model` (validated from
YAML or from the cache) or as the cache's read-only record (:mod:`barriers.load.view`), which
the analysis commands read to start quickly. Both satisfy these protocols, so code typed
against them (the graph, the analyses) is checked by mypy for what it really receives.

Everything here is read-only (properties), and nothing here imports pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class ItemLike(Protocol):
    """What every item (phase, partner, intervention, source) has."""

    @property
    def id(self) -> str: ...

    @property
    def sources(self) -> Sequence[str]: ...

    def model_dump(self, *, mode: str = ...) -> dict[str, Any]:
        """The item's fields as plain data (``mode="json"``: JSON-ready)."""
        ...


class LocalNoteLike(Protocol):
    """An item's local layer (see :mod:`barriers.local`): at least a note."""

    @property
    def note(self) -> str | None: ...


class LocalStateLike(LocalNoteLike, Protocol):
    @property
    def state(self) -> str: ...


class PhaseLike(ItemLike, Protocol):
    @property
    def name(self) -> str: ...

    @property
    def local(self) -> LocalNoteLike | None: ...

    @property
    def description(self) -> str | None: ...

    @property
    def next(self) -> Sequence[str] | None:
        """The phases that follow (explicit in a resolved model; ``[]`` for an end phase)."""
        ...


class PartnerLike(ItemLike, Protocol):
    @property
    def name(self) -> str: ...

    @property
    def local(self) -> LocalStateLike | None: ...

    @property
    def sector(self) -> str | None: ...

    @property
    def description(self) -> str | None: ...


class InterventionLike(ItemLike, Protocol):
    @property
    def name(self) -> str: ...

    @property
    def phases(self) -> Sequence[str]: ...

    @property
    def partners(self) -> Sequence[str]: ...

    @property
    def type(self) -> str | None: ...

    @property
    def description(self) -> str | None: ...

    @property
    def status(self) -> str | None: ...

    @property
    def technique(self) -> str | None: ...

    @property
    def local(self) -> Any:
        """The barrier's local state (``state``, ``owner``, ``contact``, ``note``), or None."""
        ...


class SourceLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str | None: ...

    def model_dump(self, *, mode: str = ...) -> dict[str, Any]: ...


class ModelLike(Protocol):
    """A resolved model: phases in process order, every ``next`` explicit."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def extends(self) -> str | None: ...

    @property
    def phases(self) -> Sequence[PhaseLike]: ...

    @property
    def partners(self) -> Sequence[PartnerLike]: ...

    @property
    def interventions(self) -> Sequence[InterventionLike]: ...

    @property
    def sources(self) -> Sequence[SourceLike]: ...

    @property
    def local(self) -> Any:
        """The place the model describes (``area``, ``date``, ``participants``), or None."""
        ...

    @property
    def actions(self) -> Sequence[Any]:
        """The local action plan (see :class:`barriers.model.Action`)."""
        ...

    @property
    def checklist(self) -> Sequence[Any]:
        """The checklist's themes (see :class:`barriers.model.ChecklistTheme`)."""
        ...

    @property
    def checklist_answers(self) -> Any:
        """A place's answers: question id -> {answer, note}."""
        ...

    def phase(self, phase_id: str) -> PhaseLike: ...

    def partner(self, partner_id: str) -> PartnerLike: ...

    def intervention(self, intervention_id: str) -> InterventionLike: ...

    def model_dump(self, *, mode: str = ...) -> dict[str, Any]: ...
