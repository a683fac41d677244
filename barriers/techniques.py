"""Situational crime prevention: Cornish & Clarke's 5 mechanisms and 25 techniques.

Interventions may name one technique in their ``technique`` field. Care and aftercare for
victims protect victims rather than block offenders, so they usually carry no technique.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mechanism:
    id: str
    nl: str
    en: str


@dataclass(frozen=True)
class Technique:
    id: str
    mechanism: str
    nl: str
    en: str


MECHANISMS: tuple[Mechanism, ...] = (
    Mechanism("increase-effort", "Verhoog de inspanning", "Increase the effort"),
    Mechanism("increase-risks", "Verhoog de risico's", "Increase the risks"),
    Mechanism("reduce-rewards", "Verminder de opbrengst", "Reduce the rewards"),
    Mechanism("reduce-provocations", "Verminder provocaties", "Reduce provocations"),
    Mechanism("remove-excuses", "Neem excuses weg", "Remove excuses"),
)

TECHNIQUES: tuple[Technique, ...] = (
    Technique("target-hardening", "increase-effort", "Doelversteviging", "Target hardening"),
    Technique(
        "control-access",
        "increase-effort",
        "Toegang tot faciliteiten controleren",
        "Control access to facilities",
    ),
    Technique("screen-exits", "increase-effort", "Uitgangen controleren", "Screen exits"),
    Technique("deflect-offenders", "increase-effort", "Daders afleiden", "Deflect offenders"),
    Technique(
        "control-tools",
        "increase-effort",
        "Gereedschappen en wapens beheersen",
        "Control tools and weapons",
    ),
    Technique(
        "extend-guardianship", "increase-risks", "Toezicht uitbreiden", "Extend guardianship"
    ),
    Technique(
        "natural-surveillance",
        "increase-risks",
        "Natuurlijk toezicht ondersteunen",
        "Assist natural surveillance",
    ),
    Technique("reduce-anonymity", "increase-risks", "Anonimiteit verminderen", "Reduce anonymity"),
    Technique(
        "place-managers", "increase-risks", "Plaatsmanagers inzetten", "Utilise place managers"
    ),
    Technique(
        "formal-surveillance",
        "increase-risks",
        "Formeel toezicht versterken",
        "Strengthen formal surveillance",
    ),
    Technique("conceal-targets", "reduce-rewards", "Doelen verbergen", "Conceal targets"),
    Technique("remove-targets", "reduce-rewards", "Doelen verwijderen", "Remove targets"),
    Technique("identify-property", "reduce-rewards", "Eigendom markeren", "Identify property"),
    Technique("disrupt-markets", "reduce-rewards", "Markten verstoren", "Disrupt markets"),
    Technique("deny-benefits", "reduce-rewards", "Voordelen ontzeggen", "Deny benefits"),
    Technique(
        "reduce-frustrations",
        "reduce-provocations",
        "Frustratie en stress verminderen",
        "Reduce frustrations and stress",
    ),
    Technique("avoid-disputes", "reduce-provocations", "Conflicten vermijden", "Avoid disputes"),
    Technique(
        "reduce-arousal",
        "reduce-provocations",
        "Emotionele prikkels en verleiding verminderen",
        "Reduce emotional arousal and temptation",
    ),
    Technique(
        "neutralise-peer-pressure",
        "reduce-provocations",
        "Groepsdruk neutraliseren",
        "Neutralise peer pressure",
    ),
    Technique(
        "discourage-imitation",
        "reduce-provocations",
        "Imitatie ontmoedigen",
        "Discourage imitation",
    ),
    Technique("set-rules", "remove-excuses", "Regels stellen", "Set rules"),
    Technique("post-instructions", "remove-excuses", "Instructies plaatsen", "Post instructions"),
    Technique("alert-conscience", "remove-excuses", "Geweten aanspreken", "Alert conscience"),
    Technique(
        "assist-compliance", "remove-excuses", "Naleving vergemakkelijken", "Assist compliance"
    ),
    Technique(
        "control-drugs-alcohol",
        "remove-excuses",
        "Drugs en alcohol beheersen",
        "Control drugs and alcohol",
    ),
)

TECHNIQUE_IDS: tuple[str, ...] = tuple(t.id for t in TECHNIQUES)
TECHNIQUES_BY_ID: dict[str, Technique] = {t.id: t for t in TECHNIQUES}
MECHANISMS_BY_ID: dict[str, Mechanism] = {m.id: m for m in MECHANISMS}


def mechanism_of(technique_id: str) -> str:
    """The mechanism id a technique belongs to: ``mechanism_of("set-rules") == "remove-excuses"``."""
    return TECHNIQUES_BY_ID[technique_id].mechanism
