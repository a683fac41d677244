"""The barrier-model format: one declarative schema for validation and the JSON Schema.

A model file is YAML; after loading (``barriers.loader``) and overlaying variants
(``barriers.variants``) the plain data is validated by :class:`Model`. The JSON Schema that
editors use (``barriers schema``) is generated from these same classes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    WithJsonSchema,
)

from barriers.ids import SLUG_PATTERN, SLUG_RE
from barriers.states import ACTION_STATES, INTERVENTION_STATES, PARTNER_STATES, check_date
from barriers.techniques import TECHNIQUE_IDS, TECHNIQUES

SCHEMA_ID = "https://barriers.invalid/schema/barrier-model.schema.json"

MAX_NAME = 300
MAX_TEXT = 20_000

Status = Literal["regular", "example", "pilot", "promising"]
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "regular": ("Reguliere praktijk", "Regular practice"),
    "example": ("Praktijkvoorbeeld", "Practice example"),
    "pilot": ("Pilot", "Pilot"),
    "promising": ("Kansrijke maatregel", "Promising measure"),
}


def _check_technique(value: str) -> str:
    if value not in TECHNIQUE_IDS:
        raise ValueError(f"{value!r} is not one of the 25 techniques (see `barriers schema`)")
    return value


def _one_or_many(value: Any) -> Any:
    """Let a single string stand for a list of one (``legal_basis: Wet Bibob``)."""
    return [value] if isinstance(value, str) else value


def _text_item(value: Any) -> Any:
    """Let a plain string stand for ``{text: ...}`` in signals, opportunities, facilitators."""
    return {"text": value} if isinstance(value, str) else value


Id = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Identifier: lowercase letters, digits and hyphens, e.g. `politie`."),
]
# Characters that show nothing: white space, controls, zero-width and joining characters,
# bidi controls, fillers, variation selectors, the BOM. A name made only of them looks empty.
_INVISIBLE = (
    "\\s\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
# VISIBLE: at least one character that shows, checked in pydantic's core (no Python call)
# and, as the same pattern, by the JSON Schema in editors.
VISIBLE = f"[^{_INVISIBLE}]"
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME, pattern=VISIBLE)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT, pattern=VISIBLE)]
_TEXT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": VISIBLE}
TextList = Annotated[
    list[Text],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [_TEXT_SCHEMA, {"type": "array", "items": _TEXT_SCHEMA}]}),
]
HttpUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://\S+$", max_length=2000),
    Field(description="An http(s) address."),
]
TechniqueId = Annotated[
    str,
    AfterValidator(_check_technique),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(TECHNIQUE_IDS),
            "description": "Situational crime prevention technique (Cornish & Clarke): "
            + "; ".join(f"{t.id} = {t.en} / {t.nl}" for t in TECHNIQUES),
        }
    ),
]


IsoDate = Annotated[
    str,
    AfterValidator(check_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "description": "A date as text, YYYY-MM-DD (quote it in YAML: '2026-11-20').",
        }
    ),
]

InterventionState = Literal["in-place", "partial", "planned", "absent", "not-applicable", "unknown"]
PartnerState = Literal["present", "absent", "unknown"]
ActionState = Literal["open", "in-progress", "done", "dropped"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Source(_Strict):
    """A public source that items cite by id."""

    id: Id
    title: Name = Field(description="Title of the document or page.")
    publisher: Name | None = Field(None, description="Who published it.")
    year: int | None = Field(None, ge=1800, le=2200, description="Year of publication.")
    url: HttpUrl | None = None
    accessed: Name | None = Field(None, description="When the url was read, e.g. '2026-11'.")
    notes: JsonValue = Field(None, description="Free-form data, kept but not interpreted.")


class Signal(_Strict):
    """A signal of the step: something people can see (of victims or of offenders)."""

    text: Text
    about: Literal["victim", "offender", "other"] | None = Field(
        None, description="Whose signal: victim, offender or other."
    )
    sources: list[Id] = Field(default_factory=list, description="Source ids.")


class Opportunity(_Strict):
    """An opportunity: what makes the step possible."""

    text: Text
    sources: list[Id] = Field(default_factory=list, description="Source ids.")


class Facilitator(_Strict):
    """A person or party that makes the step possible, knowingly or unknowingly."""

    text: Text
    awareness: Literal["knowing", "unknowing", "both"] | None = Field(
        None, description="Knowingly (bewust) or unknowingly (onbewust) involved."
    )
    sources: list[Id] = Field(default_factory=list, description="Source ids.")


SignalItem = Annotated[Signal, BeforeValidator(_text_item, json_schema_input_type=Text | Signal)]
OpportunityItem = Annotated[
    Opportunity, BeforeValidator(_text_item, json_schema_input_type=Text | Opportunity)
]
FacilitatorItem = Annotated[
    Facilitator, BeforeValidator(_text_item, json_schema_input_type=Text | Facilitator)
]


class LocalArea(_Strict):
    """The place a model describes: its presence marks the model as a local profile."""

    area: Name = Field(description="The place, e.g. a municipality or region: 'Gemeente X'.")
    date: IsoDate | None = Field(
        None, description="When the local state was taken (YYYY-MM-DD, as text)."
    )
    participants: list[Id] = Field(
        default_factory=list, description="Ids of the partners at the table when it was taken."
    )


class InterventionLocal(_Strict):
    """Whether a barrier exists in the place of the model's `local` block, and who runs it."""

    state: InterventionState = Field(
        description="in-place, partial (partly or not everywhere), planned, absent, "
        "not-applicable (does not apply here) or unknown."
    )
    owner: Id | None = Field(None, description="Id of the partner that runs it here.")
    contact: Text | None = Field(None, description="Who to ask about it here (free text).")
    note: Text | None = Field(None, description="A remark on the local state (free text).")


class PartnerLocal(_Strict):
    """Whether a partner is there in the place of the model's `local` block."""

    state: PartnerState = Field(description="present, absent or unknown.")
    note: Text | None = Field(None, description="A remark on the local state (free text).")


class PhaseLocal(_Strict):
    """What the people of the place said about a phase (recorded in a barrier session)."""

    note: Text | None = Field(None, description="What the room noted about this phase here.")


class Action(_Strict):
    """One action of the local action plan: what is done about a barrier or a phase."""

    id: Id
    title: Name = Field(description="What will be done.")
    interventions: list[Id] = Field(
        default_factory=list, description="Ids of the barriers the action is about."
    )
    phases: list[Id] = Field(default_factory=list, description="Ids of the phases it addresses.")
    owner: Id | None = Field(None, description="Id of the partner that carries it out.")
    due: IsoDate | None = Field(None, description="Deadline (YYYY-MM-DD, as text).")
    priority: int | None = Field(None, ge=1, description="1 is the highest priority.")
    state: ActionState = Field("open", description="open, in-progress, done or dropped.")
    note: Text | None = Field(None, description="A remark (free text).")


class Phase(_Strict):
    """A step of the offender's process (fase, stap)."""

    id: Id
    name: Name
    description: Text | None = None
    next: list[Id] | None = Field(
        None,
        description="Ids of the phases that follow. Absent: the next phase in the list "
        "(the last has none). []: an end phase.",
    )
    after: Id | None = Field(
        None,
        description="Place this phase right after the phase with this id (a variant "
        "inserting a step into its base's sequence): that phase leads to this one, and this "
        "one leads to where that phase led (its `next`, or the phase after it in the list) "
        "unless this one gives its own `next`. Several phases after the same phase follow "
        "each other in the order they appear. A phase cannot be after itself, and phases "
        "cannot be after each other in a ring.",
    )
    signals: list[SignalItem] = Field(default_factory=list)
    opportunities: list[OpportunityItem] = Field(default_factory=list)
    facilitators: list[FacilitatorItem] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list, description="Source ids.")
    notes: JsonValue = Field(None, description="Free-form data, kept but not interpreted.")
    local: PhaseLocal | None = Field(
        None, description="Local notes on the phase (needs the model's `local`)."
    )


class Partner(_Strict):
    """A party that can raise barriers (ketenpartner)."""

    id: Id
    name: Name
    sector: Name | None = Field(None, description="E.g. government, care, education, private.")
    description: Text | None = None
    url: HttpUrl | None = None
    sources: list[Id] = Field(default_factory=list, description="Source ids.")
    notes: JsonValue = Field(None, description="Free-form data, kept but not interpreted.")
    local: PartnerLocal | None = Field(
        None, description="Whether the partner is there locally (needs the model's `local`)."
    )


class Intervention(_Strict):
    """A barrier: what a partner does to block or hinder a phase."""

    id: Id
    name: Name
    phases: list[Id] = Field(min_length=1, description="Ids of the phases it acts on.")
    partners: list[Id] = Field(min_length=1, description="Ids of the partners that raise it.")
    lead: Id | None = Field(
        None,
        description="Id of the lead partner, one of its partners: the one without whom the "
        "barrier cannot run (the municipality for a Bibob check, the police for an "
        "investigation). The barrier is lost when its lead drops out; without a lead, only "
        "when all its partners do.",
    )
    type: Name | None = Field(
        None, description="Kind of approach, free text, e.g. preventie, zorg, bestuurlijk."
    )
    description: Text | None = None
    legal_basis: TextList = Field(
        default_factory=list, description="Legal basis (grondslag), e.g. 'art. 273f Sr'."
    )
    status: Status | None = Field(
        None,
        description="regular (reguliere praktijk), example (praktijkvoorbeeld), pilot, "
        "promising (kansrijke maatregel).",
    )
    technique: TechniqueId | None = None
    target_group: TextList = Field(default_factory=list, description="Who it is aimed at.")
    url: HttpUrl | None = None
    sources: list[Id] = Field(default_factory=list, description="Source ids.")
    notes: JsonValue = Field(None, description="Free-form data, kept but not interpreted.")
    local: InterventionLocal | None = Field(
        None,
        description="Whether the barrier exists locally (needs the model's `local`); "
        "without it a barrier counts as unknown in a local profile.",
    )


Answer = Literal["yes", "partly", "no", "unknown"]
ANSWERS: tuple[str, ...] = ("yes", "partly", "no", "unknown")


def _yaml_answer(value: Any) -> Any:
    """YAML 1.1 reads a bare ``yes``/``no`` as a boolean: take it as the answer meant."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class ChecklistQuestion(_Strict):
    """One question of a checklist: a policy check a place answers for itself."""

    id: Id
    text: Text = Field(description="The question, as asked in the room.")
    interventions: list[Id] = Field(
        default_factory=list, description="Ids of the barriers the question is about."
    )
    sources: list[Id] = Field(default_factory=list, description="Source ids.")
    notes: JsonValue = Field(None, description="Free-form data, kept but not interpreted.")


class ChecklistTheme(_Strict):
    """A theme of a checklist, with its questions in order."""

    id: Id
    name: Name = Field(description="The theme's name.")
    description: Text | None = None
    questions: list[ChecklistQuestion] = Field(
        default_factory=list, description="The theme's questions, in the order they are asked."
    )
    sources: list[Id] = Field(default_factory=list, description="Source ids.")
    notes: JsonValue = Field(None, description="Free-form data, kept but not interpreted.")


class ChecklistAnswer(_Strict):
    """A place's answer to one checklist question."""

    answer: Annotated[
        Answer,
        BeforeValidator(_yaml_answer),
        WithJsonSchema(
            {
                "anyOf": [{"enum": list(ANSWERS)}, {"type": "boolean"}],
                "description": "yes, partly, no or unknown (YAML 1.1 reads a bare yes/no "
                "as true/false: both are taken as meant).",
            }
        ),
    ]
    note: Text | None = Field(None, description="What the room said about it.")


LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN, max_length=35)]
_NAME_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": VISIBLE}
# a term's labels: language code -> the term in that language. The schema is written out:
# pydantic's would let an editor take any key (`EN: 5`) that the loader refuses.
_LABELS_SCHEMA = {
    "type": "object",
    "propertyNames": {
        "pattern": LANGUAGE_PATTERN,
        "maxLength": 35,
        "description": "A language code (BCP 47), e.g. 'en', 'nl', 'pt-BR'.",
    },
    "additionalProperties": _NAME_SCHEMA,
}
TermLabels = dict[LanguageCode, Name]
Terms = Annotated[
    dict[Name, TermLabels],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {k: v for k, v in _NAME_SCHEMA.items() if k != "type"},
            "additionalProperties": _LABELS_SCHEMA,
        }
    ),
]


class Vocabulary(_Strict):
    """The model's own words for its free-text terms, in other languages.

    A barrier's ``type`` and a partner's ``sector`` are terms the model's author chooses. The
    vocabulary lists them (as written in the items) with a label per language, so that a map
    or report in another language shows them translated, and so that ``validate`` warns of a
    term written two ways.
    """

    types: Terms = Field(
        default_factory=dict,
        description="Barrier types as the barriers write them -> {language: label}, "
        "e.g. preventie: {en: prevention}.",
    )
    sectors: Terms = Field(
        default_factory=dict,
        description="Partner sectors as the partners write them -> {language: label}, "
        "e.g. zorg: {en: care}.",
    )


class Removal(_Strict):
    """Items a variant drops from its base, by id."""

    phases: list[Id] = Field(default_factory=list)
    partners: list[Id] = Field(default_factory=list)
    interventions: list[Id] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list)


class Model(_Strict):
    """A barrier model (barrièremodel): phases, partners and the interventions they raise."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        title="Barrier model",
        json_schema_extra={
            "$id": SCHEMA_ID,
            "$schema": "https://json-schema.org/draft/2020-12/schema",
        },
    )

    id: Id
    title: Name
    variant: Name | None = Field(None, description="Free text, e.g. general, lvb, islamic.")
    extends: Id | None = Field(None, description="Id of the model this one is a variant of.")
    description: Text | None = None
    language: Name | None = Field(None, description="Language of the model's text, e.g. 'nl'.")
    version: Name | None = Field(None, description="Version, as a string (quote it: '1.0').")
    authors: TextList = Field(default_factory=list)
    license: Name | None = None
    region: Name | None = Field(None, description="Where the model applies, e.g. a municipality.")
    sources: list[Source] = Field(default_factory=list)
    phases: list[Phase] = Field(min_length=1)
    partners: list[Partner] = Field(default_factory=list)
    interventions: list[Intervention] = Field(default_factory=list)
    remove: Removal | None = None
    checklist: list[ChecklistTheme] = Field(
        default_factory=list,
        description="A checklist of policy questions, in themes (a variant adds themes or "
        "replaces one by its id).",
    )
    checklist_answers: dict[Id, ChecklistAnswer] = Field(
        default_factory=dict,
        description="A place's answers to the checklist: question id -> {answer, note}.",
    )
    vocabulary: Vocabulary | None = Field(
        None,
        description="The barrier types and partner sectors the model uses, with labels in "
        "other languages (a variant adds terms and labels to its base's).",
    )
    notes: JsonValue = Field(None, description="Free-form data, kept but not interpreted.")
    local: LocalArea | None = Field(
        None,
        description="Makes the model a local profile of one place: the items' `local` "
        "states and the `actions` are about that place.",
    )
    actions: list[Action] = Field(
        default_factory=list, description="The local action plan (needs `local`)."
    )

    # Convenience lookups; the lists keep their order (phases in process order once resolved).
    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def partner(self, partner_id: str) -> Partner:
        return next(p for p in self.partners if p.id == partner_id)

    def intervention(self, intervention_id: str) -> Intervention:
        return next(i for i in self.interventions if i.id == intervention_id)

    def to_data(self) -> dict[str, Any]:
        """The model as plain data with the YAML format's keys (empty fields left out)."""
        return self.model_dump(mode="json", exclude_defaults=True)


__all__ = [
    "ACTION_STATES",
    "ANSWERS",
    "INTERVENTION_STATES",
    "ITEM_CLASSES",
    "ITEM_KINDS",
    "PARTNER_STATES",
    "SINGULAR",
    "SLUG_PATTERN",
    "SLUG_RE",
    "Action",
    "ChecklistAnswer",
    "ChecklistQuestion",
    "ChecklistTheme",
    "Facilitator",
    "Intervention",
    "InterventionLocal",
    "LocalArea",
    "Model",
    "Opportunity",
    "Partner",
    "PartnerLocal",
    "Phase",
    "PhaseLocal",
    "Removal",
    "Signal",
    "Source",
    "Vocabulary",
]

ITEM_KINDS: tuple[str, ...] = ("phases", "partners", "interventions", "sources")
ITEM_CLASSES: dict[str, type[BaseModel]] = {
    "phases": Phase,
    "partners": Partner,
    "interventions": Intervention,
    "sources": Source,
}

# Lists a variant overlays by id: the item kinds, and the themes of a checklist.
OVERLAID_KINDS: tuple[str, ...] = (*ITEM_KINDS, "checklist")
OVERLAID_CLASSES: dict[str, type[BaseModel]] = {**ITEM_CLASSES, "checklist": ChecklistTheme}
SINGULAR: dict[str, str] = {
    "checklist": "checklist theme",
    "phases": "phase",
    "partners": "partner",
    "interventions": "intervention",
    "sources": "source",
}
