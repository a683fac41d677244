"""Small models for the map tests, with every answer worked out by hand in the comments."""

from __future__ import annotations

# werven -> [binden, isoleren] -> uitbuiten -> geld
# werven: les (school), chat (fier)                  -> covered, 2 partners
# binden: training (school, wijkteam), casusoverleg   -> covered
# isoleren: meldcode (veilig-thuis), casusoverleg      -> covered by veilig-thuis, gemeente, politie
# uitbuiten: opsporing (politie, om), sluiting (gemeente), casusoverleg (gemeente, politie)
# geld: nothing                                        -> uncovered
# nazorg (after geld): hulp (fier)                     -> single partner (fier)
# bank: no intervention                                -> idle
# Without fier: chat and hulp are lost; nazorg is newly uncovered (werven keeps les).
BASE = """\
id: kaart
title: Kaartmodel
variant: general
language: nl
sources:
  - id: nji
    title: Checklist voor gemeenten
    publisher: NJi
    year: 2019
    url: https://www.nji.nl/
  - id: lokaal
    title: Lokale afspraken
phases:
  - id: werven
    name: Werven
    description: Eerste contact.
    next: [binden, isoleren]
    signals:
      - {text: Wacht bij de school, about: offender}
      - {text: Nieuwe dure spullen, about: victim}
      - Veel nieuwe contacten
    opportunities: [Sociale media]
    facilitators:
      - {text: Chatapps, awareness: unknowing}
      - {text: Ronselaar, awareness: knowing}
    sources: [nji]
  - id: binden
    name: Binden
    next: [uitbuiten]
  - id: isoleren
    name: Isoleren
    next: [uitbuiten]
  - id: uitbuiten
    name: Uitbuiten
  - id: geld
    name: Geld
  - id: nazorg
    name: Nazorg
partners:
  - {id: school, name: School, sector: onderwijs, url: 'https://example.org/school'}
  - {id: fier, name: Fier}
  - {id: wijkteam, name: Wijkteam}
  - {id: veilig-thuis, name: Veilig Thuis}
  - {id: politie, name: Politie}
  - {id: om, name: Openbaar Ministerie}
  - {id: gemeente, name: 'R&D <x>'}
  - {id: bank, name: Bank}
interventions:
  - id: les
    name: Les over relaties
    phases: [werven]
    partners: [school]
    type: preventie
    status: regular
    technique: alert-conscience
    description: Lessen over grenzen.
    target_group: [leerlingen]
    url: https://example.org/les
    sources: [nji]
  - id: chat
    name: Anonieme chat
    phases: [werven]
    partners: [fier]
    type: signalering
  - id: training
    name: Training professionals
    phases: [binden]
    partners: [school, wijkteam]
    type: deskundigheid
  - id: meldcode
    name: Meldcode
    phases: [isoleren]
    partners: [veilig-thuis]
    legal_basis: Wet meldcode
  - id: casusoverleg
    name: Casusoverleg
    phases: [binden, isoleren, uitbuiten]
    partners: [gemeente, politie]
    type: samenwerking
  - id: opsporing
    name: Opsporing
    phases: [uitbuiten]
    partners: [politie, om]
    type: strafrechtelijk
    legal_basis: [art. 273f Sr]
    sources: [lokaal]
  - id: sluiting
    name: Sluiting pand
    phases: [uitbuiten]
    partners: [gemeente]
    type: bestuurlijk
    legal_basis: APV
  - id: hulp
    name: Hulpverlening
    phases: [nazorg]
    partners: [fier]
    type: zorg
"""

# Against BASE: adds partner taxi and intervention taxi-training; changes les (description);
# removes intervention chat, partner om (opsporing keeps politie) and phase geld.
VARIANT = """\
id: kaart-lokaal
title: Kaartmodel lokaal
extends: kaart
variant: lokaal
partners:
  - {id: taxi, name: Taxibedrijf}
interventions:
  - id: les
    description: Lessen over grenzen, lokaal aangepast.
  - id: taxi-training
    name: Training taxichauffeurs
    phases: [uitbuiten]
    partners: [taxi]
    type: toezicht
remove:
  interventions: [chat]
  partners: [om]
  phases: [geld]
"""

# Against BASE: removes phase isoleren (werven -> isoleren -> uitbuiten in the base), which
# meldcode acted on alone (so it goes too, with its only partner veilig-thuis) and casusoverleg
# acted on with binden and uitbuiten (it stays, without isoleren); and phase geld (between
# uitbuiten and nazorg, nothing attached).
# With --compare the map puts both back as ghosts where they stood: isoleren in binden's
# column, in the lane below it, with meldcode under it and veilig-thuis in the partner band;
# geld in a column of its own between uitbuiten and nazorg.
VARIANT_WITHOUT_PHASES = """\
id: kaart-kort
title: Kaartmodel kort
extends: kaart
variant: kort
remove:
  phases: [isoleren, geld]
  interventions: [meldcode]
  partners: [veilig-thuis]
"""

# Ids that are names of Object.prototype members in JavaScript ({}["constructor"] is always
# truthy): the page must look them up as keys like any other (the id rule allows only
# lowercase, so "__proto__" and "toString" are asked of the page's what-if directly).
# Without partner constructor: barrier valueof is lost, phase tostring is newly uncovered
# and phase hasownproperty keeps barrier constructor (partner valueof shares it).
PROTOTYPE_IDS = """\
id: prototype-ids
title: Ids als JavaScript-namen
language: nl
sources:
  - {id: constructor, title: Bron constructor}
  - {id: valueof, title: Bron valueof}
phases:
  - {id: constructor, name: Fase constructor, next: [tostring], sources: [constructor]}
  - {id: tostring, name: Fase tostring, next: [hasownproperty]}
  - {id: hasownproperty, name: Fase hasownproperty, next: [valueof]}
  - {id: valueof, name: Fase valueof}
partners:
  - {id: constructor, name: Partner constructor}
  - {id: valueof, name: Partner valueof}
  - {id: tostring, name: Partner tostring}
  - {id: hasownproperty, name: Partner hasownproperty}
interventions:
  - {id: constructor, name: Barrière constructor, phases: [constructor, hasownproperty], partners: [constructor, valueof], sources: [valueof]}
  - {id: valueof, name: Barrière valueof, phases: [tostring, hasownproperty], partners: [constructor]}
  - {id: tostring, name: Barrière tostring, phases: [valueof], partners: [tostring]}
  - {id: hasownproperty, name: Barrière hasownproperty, phases: [valueof], partners: [hasownproperty, tostring]}
"""
