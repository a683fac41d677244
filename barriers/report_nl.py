"""The report's analysis tables in Dutch.

:mod:`barriers.analysis.tables` lays the answers out in English, as the CLI prints them; the
HTML report in Dutch (``barriers report --lang nl``, the default) shows the same tables with
Dutch headers, Dutch words in the cells the analyses write themselves, and Dutch notes drawn
from the same answers. Names from the model are never translated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from barriers.analysis.tables import Table
from barriers.graph import PARTNER, PHASE
from barriers.techniques import MECHANISMS


class Report(Protocol):
    """What the Dutch tables read of :class:`barriers.report.Report` (the same answers)."""

    @property
    def gaps(self) -> Any: ...
    @property
    def cover(self) -> Any: ...
    @property
    def centrality(self) -> Any: ...
    @property
    def mechanisms(self) -> Any: ...

    @property
    def indispensable(self) -> list[str]: ...

    def name(self, kind: str, item_id: str) -> str: ...


COVER_VERSUS_INDISPENSABLE_NL = (
    "Een dekking is de kleinste groep partners die samen op elke fase een barrière kan "
    "uitvoeren; een onmisbare partner is er een zonder wie een fase al haar barrières "
    "verliest, ook als alle anderen blijven. Een dekking van één partner en geen onmisbare "
    "partner spreken elkaar dus niet tegen: ze beantwoorden verschillende vragen."
)

HEADERS = {
    "Phase": "Fase",
    "Id": "Id",
    "Interventions": "Interventies",
    "Partners": "Partners",
    "Partner": "Partner",
    "Warning": "Waarschuwing",
    "Without": "Zonder",
    "Phases left uncovered": "Fasen zonder barrière",
    "Interventions lost": "Interventies verloren",
    "Phases weakened (before→after)": "Verzwakte fasen (voor→na)",
    "Reaches": "Bereikt",
    "Phases reached": "Bereikte fasen",
    "Drop-outs": "Uitvallers",
    "Partners whose drop-out leaves it without a barrier": (
        "Partners na wier uitval de fase geen barrière heeft"
    ),
    "Rank": "Rang",
    "Alone covers": "Dekt alleen",
    "Alone raises": "Draagt alleen",
    "no technique": "geen techniek",
    "Strength": "Sterkte",
    "Phase links": "Fasekoppelingen",
    "Route": "Route",
}

# Words the analyses write into cells themselves: (table, column) -> English -> Dutch prefix
_CELL_PREFIXES = {
    ("gaps", 4): {"UNCOVERED": "GEEN BARRIÈRE", "one partner: ": "één partner: ", "thin": "dun"},
    ("whatif", 0): {"indispensable: ": "onmisbaar: "},
    ("resilience", 3): {"(already uncovered)": "(al zonder barrière)"},
}


# Every word the analyses write into a cell, in either language (whole, or as a prefix when it
# ends in a space): the page marks it with its own language among the model's names.
CELL_WORDS = tuple(
    sorted(
        {w for words in _CELL_PREFIXES.values() for pair in words.items() for w in pair}
        | {"All partners", "Alle partners"},
        key=lambda word: (-len(word), word),  # longest first, so a prefix never hides a word
    )
)


def _names(report: Report, kind: str, ids: list[str]) -> str:
    return ", ".join(report.name(kind, i) for i in ids) or "geen"


def _cell(key: str, column: int, value: Any, last_row: bool) -> Any:
    if key == "coverage" and column == 0 and last_row and value == "All partners":
        return "Alle partners"
    words = _CELL_PREFIXES.get((key, column))
    if not words or not isinstance(value, str):
        return value
    for english, dutch in words.items():
        if value == english or (english.endswith(" ") and value.startswith(english)):
            return dutch + value[len(english) :]
    return value


def _notes(key: str, report: Report) -> list[str]:
    """The notes under a table, in Dutch, from the same answers as the English ones."""
    if key == "gaps":
        g = report.gaps
        notes = [
            f"Fasen zonder barrière: {_names(report, PHASE, g['uncovered'])}",
            f"Fasen met één partner: {_names(report, PHASE, g['single_partner'])}",
            f"Partners zonder barrière: {_names(report, PARTNER, g['idle_partners'])}",
        ]
        if "thin" in g:
            least = g["thresholds"]
            wants = [
                f"minder dan {n} {what}"
                for n, what in (
                    (least["min_barriers"], "barrières"),
                    (least["min_partners"], "partners"),
                )
                if n
            ]
            listed = ", ".join(
                f"{r['name']} ({r['interventions']} barrière(s), {r['partners']} partner(s))"
                for r in g["thin"]
            )
            notes.append(
                f"Dunne fasen ({' of '.join(wants) or 'geen drempel'}): {listed or 'geen'}"
            )
        return notes
    if key == "whatif":
        n = len(report.indispensable)
        return [
            f"{n} partner(s) zijn onmisbaar: zonder hen houdt een fase geen interventie over.",
            COVER_VERSUS_INDISPENSABLE_NL,
        ]
    if key == "cover":
        c = report.cover
        notes = [
            f"Fasen die niemand kan dekken (geen interventie): {_names(report, PHASE, c['uncoverable'])}"
        ]
        if "short" in c:
            notes.append(
                f"Fasen met minder dan {c.get('redundancy', 1)} barrières in het model (al de "
                f"hunne worden gevraagd): {_names(report, PHASE, c['short'])}"
            )
        return [*notes, COVER_VERSUS_INDISPENSABLE_NL]
    if key == "centrality":
        return [
            f"{e['name']} dekt alleen: {_names(report, PHASE, e['alone_covers'])}"
            for e in report.centrality
            if e["alone_covers"]
        ]
    if key == "resilience":
        return [
            "Uitvallers: het kleinste aantal partners dat samen wegvalt en de fase zonder "
            "barrière laat (een barrière valt weg als haar trekker wegvalt, of al haar "
            "partners)."
        ]
    if key == "mechanisms":
        from barriers.analysis.tables import SHORT_MECHANISM

        legend = "; ".join(f"{SHORT_MECHANISM[m.id]} = {m.nl}" for m in MECHANISMS)
        return [f"Kolommen: {legend}."] + [
            f"{report.name(PHASE, pid)} - ontbreekt: "
            + ", ".join(m.nl for m in MECHANISMS if m.id in entry["missing"])
            for pid, entry in report.mechanisms.items()
            if entry["missing"]
        ]
    if key == "coverage":
        return [
            "Interventies per partner (rijen) in elke fase (kolommen, in procesvolgorde); de "
            "laatste rij telt de interventies van elke fase één keer."
        ]
    return []


def table_in_dutch(key: str, t: Table, report: Report) -> Table:
    """Table ``key`` of :meth:`barriers.report.Report.tables` with the analyses' words in Dutch."""
    # the coverage matrix's headers after the first are the model's phase names
    headers = [HEADERS.get(h, h) for h in t.headers[:1]] + (
        t.headers[1:] if key == "coverage" else [HEADERS.get(h, h) for h in t.headers[1:]]
    )
    last = len(t.rows) - 1
    rows = [
        [_cell(key, k, v, n == last) for k, v in enumerate(row)] for n, row in enumerate(t.rows)
    ]
    return replace(t, headers=headers, rows=rows, notes=_notes(key, report))
