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

sources:
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
        id=model_id, title=title, base_id=base.id, phase=base.phases[0].id
    )
