"""The workbook layout: what the xlsx export writes and ``barriers import`` reads.

One sheet per kind of item, one row per item, one column per field; the header row names
the fields. ``ids`` cells list ids separated by commas; ``texts`` cells list one text per
line; ``notes`` cells hold text, or JSON for structured notes. Cells that name phases,
partners or interventions take their names as well as their ids.

Every sheet and column has a Dutch and an English label: the export writes one language
(Dutch by default), the import reads both. A local profile (a model with a ``local``
block) gets local columns on the partners and interventions sheets and an ``actions``
sheet. The ``vocabulary`` sheet has a row per term and a column of labels per language, its
headers the language codes. docs/reference/workbook.md documents the layout for people who
fill one in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from barriers.analysis.checklist import ANSWERS
from barriers.states import ACTION_STATES, INTERVENTION_STATES, PARTNER_STATES
from barriers.techniques import TECHNIQUE_IDS

CellKind = Literal[
    "id", "text", "ids", "texts", "year", "notes", "next", "any", "date", "count", "ref", "refs"
]
Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

END = "-"  # in a phase's `next` cell: an end phase (no phase follows)
# in a label cell of the vocabulary sheet: no label, but the term is listed (``zorg: {}``)
NO_LABEL = "-"
LABEL_HELP = (
    "the term in this language; empty: no label. Header: a language code (BCP 47) such as "
    "en, de or pt-BR; add a column for a new language"
)
JSON_START = ("{", "[", '"')  # a notes cell starting so is read as JSON
STATUSES = ("regular", "example", "pilot", "promising")


# The header comments in Dutch; the values the format takes stay in English, with their
# Dutch meaning beside them.
HELP_NL: dict[str, str] = {
    "lowercase letters, digits, hyphens": "kleine letters, cijfers, streepjes",
    f"ids of the following phases; empty: the next row; {END}: an end phase": (
        f"id's van de volgende fasen; leeg: de volgende rij; {END}: een eindfase"
    ),
    "source ids, comma-separated": "id's van bronnen, met komma's ertussen",
    "free text (or JSON), kept as is": "vrije tekst (of JSON), blijft zoals hij is",
    "the phase (id or name)": "de fase (id of naam)",
    "victim, offender or other": "victim (slachtoffer), offender (dader) of other (anders)",
    "knowing, unknowing or both": "knowing (bewust), unknowing (onbewust) of both (beide)",
    "present, absent or unknown (here)": (
        "present (aanwezig), absent (afwezig) of unknown (onbekend), hier"
    ),
    "phases (ids or names), comma-separated": "fasen (id's of namen), met komma's ertussen",
    "partners (ids or names), comma-separated": ("partners (id's of namen), met komma's ertussen"),
    "regular, example, pilot or promising": (
        "regular (reguliere praktijk), example (praktijkvoorbeeld), pilot of promising "
        "(kansrijke maatregel)"
    ),
    "one of the 25 techniques (barriers schema)": "een van de 25 technieken (barriers schema)",
    "one per line": "één per regel (Alt+Enter)",
    "in-place, partial, planned, absent, not-applicable or unknown (here)": (
        "in-place (aanwezig), partial (deels), planned (gepland), absent (afwezig), "
        "not-applicable (niet van toepassing) of unknown (onbekend), hier"
    ),
    "the partner that runs it here (id or name)": "de partner die het hier uitvoert (id of naam)",
    "a whole number": "een heel getal",
    "barriers (ids or names), comma-separated": ("barrières (id's of namen), met komma's ertussen"),
    "the partner that does it (id or name)": "de partner die het doet (id of naam)",
    "deadline, YYYY-MM-DD": "deadline, JJJJ-MM-DD",
    "1 is the highest": "1 is de hoogste",
    "open, in-progress, done or dropped": (
        "open, in-progress (bezig), done (klaar) of dropped (vervallen)"
    ),
    "the id of the base model: the import writes only what differs from it": (
        "het id van het basismodel: het inlezen schrijft alleen wat daarvan verschilt"
    ),
    "the place this profile describes": "de plaats die dit profiel beschrijft",
    "when the state was taken": "wanneer de stand is opgenomen (JJJJ-MM-DD)",
    "the partners at the table (ids or names)": "de partners aan tafel (id's of namen)",
    "what the room noted about this phase here": "wat de groep hier over deze fase zei",
    "the theme's id; the rows of one theme share it": (
        "het id van het thema; de rijen van één thema delen het"
    ),
    "the theme's name: the same on every row of the theme": (
        "de naam van het thema: op elke rij van het thema dezelfde"
    ),
    "the question's id (lowercase letters, digits, hyphens)": (
        "het id van de vraag (kleine letters, cijfers, streepjes)"
    ),
    "the theme's: the same on every row of the theme, or empty": (
        "van het thema: op elke rij van het thema hetzelfde, of leeg"
    ),
    "a question of the checklist sheet (its id)": "een vraag van het checklistblad (het id)",
    "shown for reading; import ignores it": "om te lezen; het inlezen slaat het over",
    "yes, partly, no or unknown (empty: not answered)": (
        "yes (ja), partly (deels), no (nee) of unknown (onbekend); leeg: niet beantwoord"
    ),
    "the partner it cannot run without (one of them)": (
        "de partner zonder wie het niet kan (een van de partners)"
    ),
    "type (of a barrier) or sector (of a partner)": (
        "type (van een barrière) of sector (van een partner)"
    ),
    "as the barriers' type or the partners' sector writes it": (
        "zoals het type van de barrières of de sector van de partners het schrijft"
    ),
    LABEL_HELP: (
        "de term in deze taal; leeg: geen vertaling. Kop: een taalcode (BCP 47) zoals en, de "
        "of pt-BR; voeg een kolom toe voor een nieuwe taal"
    ),
}


@dataclass(frozen=True)
class Column:
    name: str  # the English header, and the model's field name
    kind: CellKind
    required: bool = False
    width: int = 14
    help: str = ""
    nl: str = ""  # the Dutch header
    path: tuple[str, ...] = ()  # where the value goes in the item (default: (name,))
    choices: tuple[str, ...] = ()  # a drop-down of these (other values are refused)
    refers: str | None = None  # ref/refs cells: the kind of item named (by id or name)
    shown: bool = False  # for reading only: written by the export, skipped by the import
    header: str = ""  # the header in both languages, where it is not the name (a language code)

    @property
    def key(self) -> tuple[str, ...]:
        return self.path or (self.name,)

    def label(self, lang: Lang) -> str:
        if self.header:
            return self.header
        return self.nl if lang == "nl" and self.nl else self.name

    def help_text(self, lang: Lang) -> str:
        """What the header's comment says (in Dutch, the format's words stay as they are)."""
        return HELP_NL.get(self.help, self.help) if lang == "nl" else self.help


@dataclass(frozen=True)
class Sheet:
    name: str  # the English sheet name
    columns: tuple[Column, ...]
    help: str
    item_kind: str | None = None  # the model's list this sheet fills (None: model fields)
    parent: str | None = None  # signals etc.: the phase list field they belong to
    nl: str = ""
    local_columns: tuple[Column, ...] = field(default=())  # only in a local profile's workbook

    def column(self, name: str) -> Column:
        return next(c for c in self.all_columns if c.name == name)

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return (*self.columns, *self.local_columns)

    def columns_for(self, local: bool) -> tuple[Column, ...]:
        return self.all_columns if local else self.columns

    def label(self, lang: Lang) -> str:
        return self.nl if lang == "nl" and self.nl else self.name


def _id(name: str = "id", required: bool = True, help: str = "", nl: str = "") -> Column:
    return Column(name, "id", required, 16, help or "lowercase letters, digits, hyphens", nl)


def _text(name: str, nl: str, width: int = 30, required: bool = False, help: str = "") -> Column:
    return Column(name, "text", required, width, help, nl)


def _phase_ref() -> Column:
    return Column("phase", "ref", True, 16, "the phase (id or name)", "fase", refers="phases")


_SOURCES_COL = Column("sources", "ids", False, 18, "source ids, comma-separated", "bronnen")
_NOTES_COL = Column("notes", "notes", False, 20, "free text (or JSON), kept as is", "notities")

MODEL_FIELDS: tuple[Column, ...] = (
    _id(),
    _text("title", "titel", required=True),
    _text("variant", "variant"),
    Column(
        "extends",
        "id",
        False,
        16,
        "the id of the base model: the import writes only what differs from it",
        "basismodel",
    ),
    _text("description", "beschrijving"),
    _text("language", "taal"),
    _text("version", "versie"),
    Column("authors", "texts", help="one per line", nl="auteurs"),
    _text("license", "licentie"),
    _text("region", "regio"),
    _NOTES_COL,
)
LOCAL_FIELDS: tuple[Column, ...] = (
    Column(
        "local area",
        "text",
        False,
        30,
        "the place this profile describes",
        "lokaal gebied",
        ("local", "area"),
    ),
    Column(
        "local date",
        "date",
        False,
        12,
        "when the state was taken",
        "lokale datum",
        ("local", "date"),
    ),
    Column(
        "local participants",
        "refs",
        False,
        30,
        "the partners at the table (ids or names)",
        "lokale deelnemers",
        ("local", "participants"),
        refers="partners",
    ),
)

MODEL_SHEET = Sheet(
    "model",
    (Column("field", "text", True, 18, nl="veld"), Column("value", "any", False, 80, nl="waarde")),
    "One row per model field: id and title are required.",
    nl="model",
)

PHASE_NOTE_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "signals",
        (
            _phase_ref(),
            _text("text", "tekst", 60, True),
            Column(
                "about",
                "id",
                False,
                10,
                "victim, offender or other",
                "over",
                choices=("victim", "offender", "other"),
            ),
            _SOURCES_COL,
        ),
        "Signals of a phase, one per row: what people can see.",
        "phases",
        "signals",
        nl="signalen",
    ),
    Sheet(
        "opportunities",
        (_phase_ref(), _text("text", "tekst", 60, True), _SOURCES_COL),
        "Opportunities of a phase, one per row: what makes the step possible.",
        "phases",
        "opportunities",
        nl="gelegenheden",
    ),
    Sheet(
        "facilitators",
        (
            _phase_ref(),
            _text("text", "tekst", 60, True),
            Column(
                "awareness",
                "id",
                False,
                12,
                "knowing, unknowing or both",
                "bewustzijn",
                choices=("knowing", "unknowing", "both"),
            ),
            _SOURCES_COL,
        ),
        "Facilitators of a phase, one per row: who makes the step possible.",
        "phases",
        "facilitators",
        nl="facilitatoren",
    ),
)

ITEM_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "phases",
        (
            _id(),
            _text("name", "naam", 24, True),
            _text("description", "beschrijving", 50),
            Column(
                "next",
                "next",
                False,
                14,
                f"ids of the following phases; empty: the next row; {END}: an end phase",
                "volgende",
            ),
            _SOURCES_COL,
            _NOTES_COL,
        ),
        "The steps of the offender's process, in process order.",
        "phases",
        nl="fasen",
        local_columns=(
            Column(
                "local note",
                "text",
                False,
                30,
                "what the room noted about this phase here",
                "lokale notitie",
                ("local", "note"),
            ),
        ),
    ),
    *PHASE_NOTE_SHEETS,
    Sheet(
        "partners",
        (
            _id(),
            _text("name", "naam", 28, True),
            _text("sector", "sector", 16),
            _text("description", "beschrijving", 40),
            _text("url", "url", 30),
            _SOURCES_COL,
            _NOTES_COL,
        ),
        "The partners (ketenpartners) who can raise barriers.",
        "partners",
        nl="partners",
        local_columns=(
            Column(
                "local state",
                "id",
                False,
                14,
                "present, absent or unknown (here)",
                "lokale status",
                ("local", "state"),
                PARTNER_STATES,
            ),
            Column("local note", "text", False, 30, "", "lokale notitie", ("local", "note")),
        ),
    ),
    Sheet(
        "interventions",
        (
            _id(),
            _text("name", "naam", 32, True),
            Column(
                "phases",
                "refs",
                True,
                18,
                "phases (ids or names), comma-separated",
                "fasen",
                refers="phases",
            ),
            Column(
                "partners",
                "refs",
                True,
                18,
                "partners (ids or names), comma-separated",
                "partners",
                refers="partners",
            ),
            _text("type", "type", 14),
            Column(
                "status",
                "id",
                False,
                11,
                "regular, example, pilot or promising",
                "status",
                choices=STATUSES,
            ),
            Column(
                "technique",
                "id",
                False,
                18,
                "one of the 25 techniques (barriers schema)",
                "techniek",
                choices=TECHNIQUE_IDS,
            ),
            Column("legal_basis", "texts", False, 18, "one per line", "grondslag"),
            Column("target_group", "texts", False, 18, "one per line", "doelgroep"),
            _text("description", "beschrijving", 40),
            _text("url", "url", 30),
            _SOURCES_COL,
            _NOTES_COL,
            Column(
                "lead",
                "ref",
                False,
                14,
                "the partner it cannot run without (one of them)",
                "trekker",
                refers="partners",
            ),
        ),
        "The barriers: who (partners) does what in which phases.",
        "interventions",
        nl="interventies",
        local_columns=(
            Column(
                "local state",
                "id",
                False,
                14,
                "in-place, partial, planned, absent, not-applicable or unknown (here)",
                "lokale status",
                ("local", "state"),
                INTERVENTION_STATES,
            ),
            Column(
                "local owner",
                "ref",
                False,
                16,
                "the partner that runs it here (id or name)",
                "lokale eigenaar",
                ("local", "owner"),
                refers="partners",
            ),
            Column("local contact", "text", False, 20, "", "lokaal contact", ("local", "contact")),
            Column("local note", "text", False, 30, "", "lokale notitie", ("local", "note")),
        ),
    ),
    Sheet(
        "sources",
        (
            _id(),
            _text("title", "titel", 40, True),
            _text("publisher", "uitgever", 20),
            Column("year", "year", False, 8, "a whole number", "jaar"),
            _text("url", "url", 30),
            _text("accessed", "geraadpleegd", 12),
            _NOTES_COL,
        ),
        "The public sources that items cite by id.",
        "sources",
        nl="bronnen",
    ),
)

ACTIONS_SHEET = Sheet(
    "actions",
    (
        _id(),
        _text("title", "titel", 40, True),
        Column(
            "interventions",
            "refs",
            False,
            20,
            "barriers (ids or names), comma-separated",
            "interventies",
            refers="interventions",
        ),
        Column(
            "phases",
            "refs",
            False,
            18,
            "phases (ids or names), comma-separated",
            "fasen",
            refers="phases",
        ),
        Column(
            "owner",
            "ref",
            False,
            16,
            "the partner that does it (id or name)",
            "eigenaar",
            refers="partners",
        ),
        Column("due", "date", False, 12, "deadline, YYYY-MM-DD", "deadline"),
        Column("priority", "count", False, 9, "1 is the highest", "prioriteit"),
        Column(
            "state",
            "id",
            False,
            12,
            "open, in-progress, done or dropped",
            "status",
            choices=ACTION_STATES,
        ),
        Column("note", "text", False, 30, "", "notitie"),
    ),
    "The local action plan: what is done about which barriers and phases, by whom, by when.",
    "actions",
    nl="acties",
)

CHECKLIST_SHEET = Sheet(
    "checklist",
    (
        Column("theme", "id", True, 14, "the theme's id; the rows of one theme share it", "thema"),
        Column(
            "theme name",
            "text",
            True,
            22,
            "the theme's name: the same on every row of the theme",
            "themanaam",
        ),
        Column(
            "question",
            "id",
            True,
            18,
            "the question's id (lowercase letters, digits, hyphens)",
            "vraag",
        ),
        _text("text", "tekst", 50, True),
        Column(
            "interventions",
            "refs",
            False,
            20,
            "barriers (ids or names), comma-separated",
            "interventies",
            refers="interventions",
        ),
        _SOURCES_COL,
        _NOTES_COL,
        _text(
            "theme description",
            "themabeschrijving",
            50,
            help="the theme's: the same on every row of the theme, or empty",
        ),
        Column(
            "theme sources",
            "ids",
            False,
            16,
            "the theme's: the same on every row of the theme, or empty",
            "themabronnen",
        ),
        Column(
            "theme notes",
            "notes",
            False,
            16,
            "the theme's: the same on every row of the theme, or empty",
            "themanotities",
        ),
    ),
    "The checklist: one row per question, themes and questions in the order they are asked.",
    "checklist",
    nl="checklist",
)

ANSWERS_SHEET = Sheet(
    "checklist answers",
    (
        Column("question", "id", True, 18, "a question of the checklist sheet (its id)", "vraag"),
        Column(
            "question text",
            "text",
            False,
            50,
            "shown for reading; import ignores it",
            "vraagtekst",
            shown=True,
        ),
        Column(
            "answer",
            "id",
            False,
            11,
            "yes, partly, no or unknown (empty: not answered)",
            "antwoord",
            choices=ANSWERS,
        ),
        Column("note", "text", False, 40, "", "notitie"),
    ),
    "The place's answers to the checklist: one row per question; empty answer, not answered.",
    "checklist_answers",
    nl="checklist-antwoorden",
)

# How the vocabulary sheet names the kinds of term (in both languages: the headers of the
# columns that hold them); import also takes the YAML's own keys.
TERM_KIND_WORDS: dict[str, str] = {"types": "type", "sectors": "sector"}
LABEL_COLUMN = "label "  # + a language code: the name of a label column

VOCABULARY_SHEET = Sheet(
    "vocabulary",
    (
        Column(
            "kind",
            "id",
            True,
            10,
            "type (of a barrier) or sector (of a partner)",
            "soort",
            choices=tuple(TERM_KIND_WORDS.values()),
        ),
        Column(
            "term",
            "text",
            True,
            28,
            "as the barriers' type or the partners' sector writes it",
            "term",
        ),
    ),
    "The vocabulary: the model's barrier types and partner sectors, one row per term, "
    "with a column of labels per language.",
    "vocabulary",
    nl="woordenlijst",
)


def label_column(code: str) -> Column:
    """The vocabulary sheet's column of labels in the language ``code`` (its header)."""
    return Column(f"{LABEL_COLUMN}{code}", "text", False, 24, LABEL_HELP, header=code)


# Sheets the export adds for reading; `import` skips them (in either language).
COVERAGE_SHEET = "coverage"
TABLE_SHEET = "barrier table"
ABOUT_SHEET = "about"
LISTS_SHEET = "lists"  # the drop-downs' lists
DERIVED_LABELS: dict[str, str] = {
    COVERAGE_SHEET: "dekking",
    TABLE_SHEET: "barrièretabel",
    ABOUT_SHEET: "uitleg",
    LISTS_SHEET: "keuzelijsten",
}
DERIVED_SHEETS = (COVERAGE_SHEET, TABLE_SHEET, ABOUT_SHEET, LISTS_SHEET)


def derived_label(name: str, lang: Lang) -> str:
    return DERIVED_LABELS[name] if lang == "nl" else name


def model_sheets(local: bool) -> tuple[Sheet, ...]:
    """The sheets that hold the model, in workbook order."""
    profile = (ANSWERS_SHEET, ACTIONS_SHEET) if local else ()
    return (MODEL_SHEET, *ITEM_SHEETS, CHECKLIST_SHEET, VOCABULARY_SHEET, *profile)


def model_fields(local: bool) -> tuple[Column, ...]:
    return (*MODEL_FIELDS, *(LOCAL_FIELDS if local else ()))


ALL_SHEETS: tuple[Sheet, ...] = (
    MODEL_SHEET,
    *ITEM_SHEETS,
    CHECKLIST_SHEET,
    VOCABULARY_SHEET,
    ANSWERS_SHEET,
    ACTIONS_SHEET,
)
# Workbooks written before the checklist had sheets of its own carry it as JSON in these
# model fields: `import` still reads them (the export no longer writes them).
LEGACY_FIELDS: tuple[Column, ...] = (
    Column("checklist", "notes", nl="checklist"),
    Column("checklist_answers", "notes", nl="checklist-antwoorden"),
)
ALL_MODEL_FIELDS: tuple[Column, ...] = (*MODEL_FIELDS, *LOCAL_FIELDS, *LEGACY_FIELDS)
