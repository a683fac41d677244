"""The commented starter model that ``barriers new`` writes."""

from __future__ import annotations

from barriers.model import Model

_SCHEMA_HINT = (
    "# yaml-language-server: $schema=barrier-model.schema.json\n"
    "# (write the schema next to this file with: barriers schema -o barrier-model.schema.json)\n"
)

_BASE = """\
# A barrier model (barrièremodel): the offender's process as phases, the partners who can
# intervene, and the interventions (barriers) they raise. Check it with:
#   barriers validate {id}.yaml
# Every field is described in docs/reference/format.md and by `barriers schema`.
id: {id}
title: {title}
variant: general
description: >-
  Wat dit model beschrijft, voor wie en op basis van welke bronnen.
language: nl
version: '0.1'
authors: [Uw naam]

vocabulary:                   # the types and sectors below, for maps and reports in English
  types:
    preventie: {{en: prevention}}
    strafrechtelijk: {{en: criminal justice}}
  sectors:
    overheid: {{en: government}}
    veiligheid: {{en: safety and justice}}

sources:
  - id: eigen-inventarisatie
    title: Inventarisatie met de ketenpartners
    publisher: Gemeente
    year: 2026

phases:                       # in process order; `next` defaults to the following phase
  - id: werving
    name: Werving
    description: Hoe de dader slachtoffers of middelen vindt.
    signals:                  # what people can see: of victims or of offenders
      - text: Onbekende oudere contacten
        about: victim
      - text: Dader wacht bij de school
        about: offender
    opportunities:            # what makes this step possible
      - Anonieme contacten via sociale media
    facilitators:             # who makes it possible, knowingly or unknowingly
      - text: Sociale-mediaplatforms
        awareness: unknowing
  - id: uitvoering
    name: Uitvoering
    description: De kern van het delict.
    next: []                  # an end phase

partners:
  - id: gemeente
    name: Gemeente
    sector: overheid
  - id: politie
    name: Politie
    sector: veiligheid

interventions:
  - id: voorlichting
    name: Voorlichting
    phases: [werving]
    partners: [gemeente]
    type: preventie
    status: regular           # regular | example | pilot | promising
    technique: alert-conscience   # one of the 25 situational crime prevention techniques
    sources: [eigen-inventarisatie]
  - id: opsporing
    name: Opsporing en vervolging
    phases: [uitvoering]
    partners: [politie]
    type: strafrechtelijk
    legal_basis: [Wetboek van Strafrecht]
    technique: formal-surveillance
    sources: [eigen-inventarisatie]
"""

_VARIANT = """\
# A variant of {base_id}: it inherits all of that model and overlays this file by id.
# - a new id adds an item; a known id changes only the fields given here;
# - `remove:` drops items of the base; a new phase can go in with `after: <phase id>`.
# `extends` finds {base_id} among the YAML files in this folder, then among the bundled
# models. Check it with:  barriers validate {id}.yaml
id: {id}
title: {title}
extends: {base_id}
variant: lokaal
description: >-
  Lokale variant van {base_id}: wat hier anders is en waarom.
version: '0.1'

{vocabulary}sources:
  - id: eigen-inventarisatie
    title: Inventarisatie met de lokale ketenpartners
    publisher: Gemeente
    year: 2026

partners:
  - id: lokale-partner
    name: Lokale partner
    sector: lokaal

interventions:
  - id: lokale-afspraak
    name: Lokale afspraak
    phases: [{phase}]
    partners: [lokale-partner]
    type: samenwerking
    status: pilot
    sources: [eigen-inventarisatie]

# remove:
#   interventions: [id-of-a-base-intervention]
"""


def starter_model(model_id: str, base: Model | None = None) -> str:
    """YAML text of a starter model (a variant of ``base`` when given) that validates."""
    title = model_id.replace("-", " ").capitalize()
    if base is None:
        return _SCHEMA_HINT + _BASE.format(id=model_id, title=title)
    return _SCHEMA_HINT + _VARIANT.format(
        id=model_id,
        title=title,
        base_id=base.id,
        phase=base.phases[0].id,
        vocabulary=_variant_vocabulary(base),
    )


# the type and the sector the variant's example items use, with their English labels
_VARIANT_TERMS = {"types": ("samenwerking", "cooperation"), "sectors": ("lokaal", "local")}


def _variant_vocabulary(base: Model) -> str:
    """The terms the variant's example items bring that the base's vocabulary lacks (where it
    lists that kind of term: else ``validate`` would warn of the base's own terms)."""
    entries = []
    for kind, (term, english) in _VARIANT_TERMS.items():
        listed = getattr(base.vocabulary, kind) if base.vocabulary is not None else {}
        if listed and term not in listed:
            entries.append(f"  {kind}:\n    {term}: {{en: {english}}}\n")
    if not entries:
        return ""
    return (
        "vocabulary:                   # terms this variant adds to its base's\n"
        + "".join(entries)
        + "\n"
    )


_PROFILE = """\
# A local profile of {base_id} for {area_comment}: which of its barriers this place has.
# Fill in each barrier's `state` with the partners at the table:
#   in-place | partial | planned | absent | not-applicable | unknown
# and add `owner: <partner id>`, `contact:` or `note:` where useful. Partners may get
# `local: {{state: present | absent | unknown}}`; the action plan goes under `actions:`.
# See what is open here with:  barriers local {id}.yaml
id: {id}
title: {title}
extends: {base_id}
description: >-
  Lokaal profiel van {base_id}: welke barrières hier bestaan, en het actieplan.
local:
  area: {area}
  # date: "2026-11-20"          # when the state was taken (YYYY-MM-DD, in quotes)
  # participants: [partner-id]  # the partners at the table

interventions:
{interventions}
# partners:
#   - id: partner-id
#     local: {{state: absent, note: "geen afspraken"}}

# actions:
#   - id: eerste-actie
#     title: Wat er gebeurt
#     interventions: [barrier-id]
#     owner: partner-id
#     due: "2027-03-01"
#     priority: 1
#     state: open
"""


def starter_profile(model_id: str, base: Model, area: str) -> str:
    """YAML text of a local profile of ``base`` listing every barrier as ``unknown``, grouped
    by the first phase (in process order) it acts on, with phase names as comment headings."""
    import json

    from barriers.text import one_line

    position = {p.id: k for k, p in enumerate(base.phases)}
    by_phase: dict[str, list[str]] = {p.id: [] for p in base.phases}
    for item in base.interventions:
        first = min(item.phases, key=lambda pid: position.get(pid, len(position)))
        also = [p for p in item.phases if p != first]
        comment = one_line(item.name) + (f" (also: {', '.join(also)})" if also else "")
        by_phase[first].append(f"  - id: {item.id}  # {comment}\n    local: {{state: unknown}}")
    blocks = []
    for phase in base.phases:
        if by_phase[phase.id]:
            heading = f"  # == {one_line(phase.name)} ({phase.id}) =="
            blocks.append("\n".join([heading, *by_phase[phase.id]]))
    return _SCHEMA_HINT + _PROFILE.format(
        id=model_id,
        title=json.dumps(f"Lokaal profiel {one_line(area)}", ensure_ascii=False),
        base_id=base.id,
        area=json.dumps(one_line(area), ensure_ascii=False),
        area_comment=one_line(area),
        interventions="\n\n".join(blocks) if blocks else "  []",
    )
