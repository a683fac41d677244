"""Hand-made local profiles shared by the local-layer tests: a base and two places."""

# Phases a -> b -> c -> d -> e; e has no barrier in the model at all.
BASE = """\
id: dorp-basis
title: Basis
phases:
  - {id: a, name: Fase A}
  - {id: b, name: Fase B}
  - {id: c, name: Fase C}
  - {id: d, name: Fase D}
  - {id: e, name: Fase E}
partners:
  - {id: p1, name: Partner 1}
  - {id: p2, name: Partner 2}
  - {id: p3, name: Partner 3}
interventions:
  - {id: i1, name: Barrière 1, phases: [a, b], partners: [p1]}
  - {id: i2, name: Barrière 2, phases: [b], partners: [p2]}
  - {id: i3, name: Barrière 3, phases: [c], partners: [p1, p3]}
  - {id: i4, name: Barrière 4, phases: [c, d], partners: [p2]}
  - {id: i5, name: Barrière 5, phases: [d], partners: [p3]}
  - {id: i6, name: Barrière 6, phases: [a], partners: [p3]}
"""

# In place here: i1 (a, b) and i2 (b, partial). So c and d are open here; e is open in the
# model itself (not a local gap). p2 is absent: i2 stands, but without p2.
PROFILE = """\
id: testdorp
title: Testdorp
extends: dorp-basis
local: {area: Testdorp, date: '2026-06-01'}
partners:
  - {id: p2, local: {state: absent}}
interventions:
  - {id: i1, local: {state: in-place, owner: p1}}
  - {id: i2, local: {state: partial}}
  - {id: i3, local: {state: absent}}
  - {id: i4, local: {state: planned}}
  - {id: i5, local: {state: not-applicable}}
actions:
  - {id: x1, title: Barrière 3 invoeren, interventions: [i3], priority: 2, due: '2026-05-01'}
  - {id: x2, title: Fase D dichten, phases: [d], priority: 1, due: '2026-07-01', state: done}
  - id: x3
    title: Barrière 1 versterken
    interventions: [i1]
    priority: 1
    due: '2026-01-01'
    state: in-progress
  - {id: x4, title: Later, state: open}
"""

# A second place: everything in place except i4 and i5, so only d is open here.
OTHER = """\
id: anderdorp
title: Anderdorp
extends: dorp-basis
local: {area: Anderdorp}
interventions:
  - {id: i1, local: {state: in-place}}
  - {id: i2, local: {state: in-place}}
  - {id: i3, local: {state: in-place}}
  - {id: i4, local: {state: absent}}
  - {id: i5, local: {state: absent}}
  - {id: i6, local: {state: in-place}}
"""

# A profile over the bundled general model that the workbook tests export and import.
WORKBOOK_PROFILE = """\
id: gemeente-proef
title: Lokaal profiel Gemeente Proef (fictief)
extends: loverboys-general
local:
  area: Gemeente Proef
  date: "2026-11-20"
  participants: [politie, scholen]
partners:
  - id: taxibedrijven
    name: Taxibedrijven
    local: {state: absent, note: geen afspraken}
  - id: politie
    local: {state: present}
interventions:
  - id: lespakketten-seksuele-vorming
    local: {state: in-place, owner: scholen, note: "alle vo-scholen, 2026"}
  - id: lespakket-jongens
    local: {state: partial}
  - id: sexting-grooming-les
    local: {state: planned, contact: "wijkagent"}
  - id: voorlichting-ouders
    local: {state: absent}
  - id: taxi-signalering
    name: Signalering door taxichauffeurs
    phases: [vervoer]
    partners: [taxibedrijven, politie]
    local: {state: absent}
actions:
  - id: taxi-convenant
    title: Convenant met taxibedrijven
    interventions: [taxi-signalering]
    owner: gemeente-veiligheid
    due: "2027-03-01"
    priority: 1
  - id: ouders-avond
    title: Ouderavond
    phases: [inpalmen]
    state: done
"""
