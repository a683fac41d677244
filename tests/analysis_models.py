"""Small models whose analyses are worked out by hand (shared by the analysis tests).

BRANCHING, drawn::

    ronselen --> inpalmen --> uitbuiten        strengths (interventions per phase):
        \\                   /                  ronselen 2, inpalmen 2, isoleren 0,
         +--> isoleren ---+                     uitbuiten 2, online 1
    online --/

    partner  interventions             reaches
    politie  les (alone), melding      ronselen, inpalmen
    school   regels, melding, chat     ronselen, inpalmen, online
    zorg     hulp, opvang              uitbuiten
    bank     -                         -

``melding`` is shared by politie and school; ``isoleren`` has no intervention.
"""

BRANCHING = """\
id: vertakt
title: Vertakt model
phases:
  - {id: ronselen, name: Ronselen, next: [inpalmen, isoleren]}
  - {id: inpalmen, name: Inpalmen, next: [uitbuiten]}
  - {id: isoleren, name: Isoleren, next: [uitbuiten]}
  - {id: uitbuiten, name: Uitbuiten, next: []}
  - {id: online, name: Online contact, next: [isoleren]}
partners:
  - {id: politie, name: Politie}
  - {id: school, name: School}
  - {id: zorg, name: Zorg}
  - {id: bank, name: Bank}
interventions:
  - {id: les, name: Les, phases: [ronselen], partners: [politie], technique: formal-surveillance}
  - {id: regels, name: Regels, phases: [ronselen, inpalmen], partners: [school], technique: set-rules}
  - {id: melding, name: Melding, phases: [inpalmen], partners: [politie, school]}
  - {id: hulp, name: Hulp, phases: [uitbuiten], partners: [zorg], technique: target-hardening}
  - {id: opvang, name: Opvang, phases: [uitbuiten], partners: [zorg], technique: extend-guardianship}
  - {id: chat, name: Chat, phases: [online], partners: [school]}
"""

# Every phase covered, by two partners each: nothing thin.
SOLID = """\
id: stevig
title: Stevig
phases:
  - {id: a, name: A}
  - {id: b, name: B}
partners:
  - {id: p, name: P}
  - {id: q, name: Q}
interventions:
  - {id: x, name: X, phases: [a, b], partners: [p, q]}
"""

VARIANT = """\
id: vertakt-b
title: Vertakt model B
phases:
  - {id: ronselen, name: Ronselen, next: [isoleren, inpalmen]}
  - {id: inpalmen, name: Inpalmen, next: [uitbuiten]}
  - {id: isoleren, name: Isoleren en losweken, next: [uitbuiten]}
  - {id: uitbuiten, name: Uitbuiten, description: Nieuw., next: []}
partners:
  - {id: politie, name: Politie}
  - {id: school, name: School}
  - {id: zorg, name: Zorg, sector: zorg}
  - {id: jeugd, name: Jeugd}
interventions:
  - {id: les, name: Les, phases: [ronselen], partners: [politie], technique: formal-surveillance}
  - {id: regels, name: Regels, phases: [inpalmen, ronselen], partners: [school], technique: set-rules}
  - {id: melding, name: Melding, phases: [inpalmen], partners: [school, politie]}
  - {id: hulp, name: Hulp, phases: [uitbuiten, isoleren], partners: [zorg], technique: target-hardening}
  - {id: opvang, name: Opvang, phases: [uitbuiten], partners: [zorg, jeugd], technique: extend-guardianship}
  - {id: nazorg, name: Nazorg, phases: [uitbuiten], partners: [jeugd]}
"""
