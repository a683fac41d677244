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


class LocalAreaLike(Protocol):
    """A local profile's ``local`` block: the place, and when its state was taken."""

    @property
    def area(self) -> str: ...

    @property
    def date(self) -> str | None: ...

    @property
    def participants(self) -> Sequence[str]: ...


class PhaseLocalLike(Protocol):
    @property
    def note(self) -> str | None: ...


class PartnerLocalLike(Protocol):
    @property
    def state(self) -> str:
        """One of :data:`barriers.states.PARTNER_STATES`."""
        ...

    @property
    def note(self) -> str | None: ...


class InterventionLocalLike(Protocol):
    @property
    def state(self) -> str:
        """One of :data:`barriers.states.INTERVENTION_STATES`."""
        ...

    @property
    def owner(self) -> str | None: ...

    @property
    def contact(self) -> str | None: ...

    @property
    def note(self) -> str | None: ...


class ActionLike(Protocol):
    """One action of a local profile's action plan."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def interventions(self) -> Sequence[str]: ...

    @property
    def phases(self) -> Sequence[str]: ...

    @property
    def owner(self) -> str | None: ...

    @property
    def due(self) -> str | None: ...

    @property
    def priority(self) -> int | None: ...

    @property
    def state(self) -> str:
        """One of :data:`barriers.states.ACTION_STATES`."""
        ...

    @property
    def note(self) -> str | None: ...

    def model_dump(self, *, mode: str = ...) -> dict[str, Any]: ...


class ItemLike(Protocol):
    """What every item (phase, partner, intervention, source) has."""

    @property
    def id(self) -> str: ...

    @property
    def sources(self) -> Sequence[str]: ...

    def model_dump(self, *, mode: str = ...) -> dict[str, Any]:
        """The item's fields as plain data (``mode="json"``: JSON-ready)."""
        ...


class PhaseLike(ItemLike, Protocol):
    @property
    def name(self) -> str: ...

    @property
    def local(self) -> PhaseLocalLike | None: ...

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
    def sector(self) -> str | None: ...

    @property
    def description(self) -> str | None: ...

    @property
    def local(self) -> PartnerLocalLike | None: ...


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
    def local(self) -> InterventionLocalLike | None: ...


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
    def local(self) -> LocalAreaLike | None:
        """Present when the model is a local profile of one place."""
        ...

    @property
    def actions(self) -> Sequence[ActionLike]: ...

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
