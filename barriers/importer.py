"""Spreadsheets in: a workbook in the export's layout, or a CSV list of interventions, to a model.

``import_file`` reads the file, builds the model's plain data, writes it as readable YAML
and validates that YAML with the same code as ``barriers validate``. Every problem points at
the cell it comes from (``FILE:ROW:COL: SHEET!CELL: message``), and no YAML is returned
unless the model is valid, so nothing half-right is ever written.

The workbook layout is :mod:`barriers.workbook`. The CSV layout is the
``interventions`` sheet alone: one row per intervention, with ``name``, ``phases`` and
``partners`` columns; phases and partners are made from the names it gives, in order of
first appearance.
"""

from __future__ import annotations

import bisect
import codecs
import copy
import csv
import datetime as dt
import io
import json
import math
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from barriers import xlsx_guard
from barriers.ids import SLUG_RE
from barriers.loader import parse_document
from barriers.model import SINGULAR, Model
from barriers.problems import (
    ModelError,
    Problem,
    Severity,
    did_you_mean,
    display_path,
    unknown_id_message,
)
from barriers.resolve import resolve_documents
from barriers.text import csv_uncell
from barriers.workbook import (
    ACTIONS_SHEET,
    ALL_MODEL_FIELDS,
    ALL_SHEETS,
    ANSWERS_SHEET,
    CHECKLIST_SHEET,
    DERIVED_SHEETS,
    END,
    ITEM_SHEETS,
    JSON_START,
    LABEL_COLUMN,
    LANGS,
    MODEL_FIELDS,
    MODEL_SHEET,
    NO_LABEL,
    TERM_KIND_WORDS,
    VOCABULARY_SHEET,
    Column,
    Lang,
    Sheet,
    derived_label,
    label_column,
)
from barriers.yamlout import dump_model

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_ROWS = 20_000  # rows with data, per sheet
MAX_SCANNED_ROWS = 200_000  # rows looked at, empty ones included
MAX_COLUMNS = 100
MAX_CSV_ROWS = MAX_ROWS  # rows of interventions in a CSV file (the header not counted)
_ID_SPLIT = re.compile(r"[\s,;]+")
_MAX_COMMAS = 8  # in one name of a phase or partner (when names are split at commas)
_NAME_SPLIT = re.compile(r"[;\n]")  # names may hold commas: "Ouders, verzorgers en netwerk"

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Origin:
    """A cell: 1-based row and column, on a sheet (``None`` for a CSV file)."""

    sheet: str | None
    row: int
    column: int

    def ref(self) -> str:
        if self.sheet is None:
            return f"row {self.row}, column {self.column}"
        from openpyxl.utils import get_column_letter

        return f"{self.sheet}!{get_column_letter(self.column)}{self.row}"


@dataclass
class ImportResult:
    """The imported model: its YAML text, the validated model and any warnings."""

    text: str
    model: Model
    warnings: list[Problem]


@dataclass
class _Cells:
    """What a sheet gave: rows of values by column name, with where each came from."""

    sheet: str | None
    columns: dict[str, int] = field(default_factory=dict)  # name -> column number
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row, values)

    def origin(self, row: int, name: str | None = None) -> Origin:
        return Origin(self.sheet, row, self.columns.get(name, 1) if name else 1)


class _Import:
    """Collects problems and the origin of every value of the model being built."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.display = display_path(path)
        self.problems: list[Problem] = []
        self.origins: dict[Path_, Origin] = {}
        self.flagged: set[tuple[str | None, int]] = set()  # (sheet, row) with an error
        self.flagged_cells: set[Origin] = set()
        self.broken = False  # a missing sheet or column, a limit: the rest would be guesswork
        self.scans: dict[str, xlsx_guard.SheetScan | None] = {}  # by sheet name
        self.lang: Lang = "en"  # the workbook's language, for the names in messages
        # fields a variant cannot clear: message -> (where in the model, the base's value)
        self.uncleared: dict[str, tuple[tuple[str, ...], Any]] = {}
        self.rows_by_id: dict[tuple[str, str], Origin] = {}  # (kind, id) -> its row's id cell
        self.vocabulary_sheet = False  # whether the workbook has one (older ones do not)
        # the model's own warnings as shown at their cells, each with the warning it shows
        self.model_warnings: list[tuple[Problem, Problem]] = []
        # (kind, term) -> the term cell of its row on the vocabulary sheet, labels or not
        self.term_rows: dict[tuple[str, str], Origin] = {}

    def add(
        self, origin: Origin, message: str, severity: Severity = "error", *, broken: bool = False
    ) -> None:
        where = f"{origin.ref()}: " if origin.sheet is not None else ""
        if severity == "error":
            self.flagged.add((origin.sheet, origin.row))
            self.flagged_cells.add(origin)
            self.broken = self.broken or broken
        self.problems.append(
            Problem(self.display, origin.row, origin.column, where + message, severity)
        )

    def check(self) -> None:
        if any(p.severity == "error" for p in self.problems):
            raise ModelError(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def import_file(
    path: Path | str,
    *,
    model_id: str | None = None,
    title: str | None = None,
    delimiter: str | None = None,
) -> ImportResult:
    """Import ``path`` (``.xlsx`` or ``.csv``); raise :class:`ModelError` with every problem.

    ``model_id`` and ``title`` name the model of a CSV file (a workbook names its own in the
    ``model`` sheet; given here they override it). ``delimiter`` is the CSV file's field
    separator; by default the one of ``,``, ``;`` and tab that the header row uses most.
    """
    path = Path(path)
    job = _Import(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        job.add(Origin(None, 1, 1), "import reads .xlsx workbooks and .csv files")
        job.check()
    raw = _read_file(job)
    if suffix == ".csv":
        data = _csv_model(job, raw, model_id or _slug(path.stem) or "imported", title, delimiter)
    else:
        data = _workbook_model(job, raw)
        if model_id:
            data["id"] = model_id
        if title:
            data["title"] = title
    return _validated(job, data)


# -- files ------------------------------------------------------------------------------------


def _read_file(job: _Import) -> bytes:
    """The file's bytes, read once: a regular file of bounded size, as ``validate`` wants.

    Opened without blocking and checked on the open descriptor, so a FIFO, a device or a
    link to ``/dev/zero`` is refused instead of hanging or filling memory.
    """

    def refuse(message: str) -> bytes:
        job.add(Origin(None, 1, 1), message)
        job.check()
        raise AssertionError("unreachable")  # pragma: no cover - check() raised

    try:
        fd = os.open(job.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return refuse("no such file")
    except IsADirectoryError:
        return refuse("is a folder, not a spreadsheet")
    except OSError as exc:
        return refuse(f"cannot read the file: {exc.strerror or exc}")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            return refuse("is a folder, not a spreadsheet")
        return refuse("not a regular file (a device, pipe or socket)")
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_FILE_BYTES:
            return refuse(
                f"file is too large ({info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,})"
            )
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never more than the limit, whatever stat said
        except OSError as exc:
            return refuse(f"cannot read the file: {exc.strerror or exc}")
    if len(raw) > MAX_FILE_BYTES:
        return refuse(f"file is too large (the limit is {MAX_FILE_BYTES:,} bytes)")
    return raw


def _open_workbook(job: _Import, raw: bytes) -> Any:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        job.add(Origin(None, 1, 1), "not an .xlsx workbook (not a zip file); save it as .xlsx")
        job.check()
    if unzipped > MAX_UNZIPPED_BYTES:
        job.add(
            Origin(None, 1, 1),
            f"workbook unpacks to {unzipped:,} bytes; the limit is {MAX_UNZIPPED_BYTES:,}",
        )
        job.check()
    # everything streamed, bounded, before openpyxl (which reads every sheet once to size it)
    try:
        parts = xlsx_guard.sheet_parts(archive)
        xlsx_guard.scan_parts(archive, set(parts.values()))
    except xlsx_guard.DamagedWorkbook as exc:
        _damaged(job, str(exc))
    for name, part in parts.items():
        job.scans[name] = _scan(job, name, part, archive)
    if job.broken:
        job.check()
    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        _damaged(job, f"{type(exc).__name__}: {exc}")
        raise  # pragma: no cover


def _damaged(job: _Import, why: str) -> None:
    job.add(Origin(None, 1, 1), f"cannot read the workbook: {why}")
    job.check()


# -- the workbook ----------------------------------------------------------------------------


def _workbook_model(job: _Import, raw: bytes) -> dict[str, Any]:
    book = _open_workbook(job, raw)
    try:
        return _book_data(job, book)
    finally:
        book.close()


def _book_data(job: _Import, book: Any) -> dict[str, Any]:
    names: dict[str, str] = {}
    for name in book.sheetnames:
        folded = name.strip().casefold()
        if folded in names:
            job.add(
                Origin(name, 1, 1),
                f"sheets {names[folded]!r} and {name!r} differ only in case or spaces; "
                "keep one of them (merge their rows)",
                broken=True,
            )
        else:
            names[folded] = name
    job.lang = "nl" if any(_fold(s.label("nl")) in names for s in ITEM_SHEETS[:2]) else "en"
    sheet_of: dict[str, Sheet] = {}  # a sheet's name in either language -> the sheet
    for sheet in ALL_SHEETS:
        for lang in LANGS:
            sheet_of.setdefault(_fold(sheet.label(lang)), sheet)
    derived = {_fold(derived_label(d, lang)) for d in DERIVED_SHEETS for lang in LANGS}
    shown = ", ".join(s.label(job.lang) for s in ALL_SHEETS)
    found: dict[str, str] = {}  # sheet.name -> the workbook's name for it
    for folded, name in names.items():
        match = sheet_of.get(folded)
        if match is not None and match.name in found:
            job.add(
                Origin(name, 1, 1),
                f"sheets {found[match.name]!r} and {name!r} are the same sheet in two "
                "languages; keep one of them",
                broken=True,
            )
        elif match is not None:
            found[match.name] = name
        elif folded not in derived:
            job.add(
                Origin(name, 1, 1),
                f"sheet {name!r} is not part of the layout and is ignored (sheets: {shown})",
                "warning",
            )
    cells: dict[str, _Cells] = {}
    for sheet in ALL_SHEETS:
        actual = found.get(sheet.name)
        if actual is None:
            if sheet.name in (MODEL_SHEET.name, "phases"):
                label = sheet.label(job.lang)
                job.add(
                    Origin(label, 1, 1),
                    f"the workbook has no sheet {label!r} "
                    f"(it has: {', '.join(book.sheetnames) or 'none'}); "
                    "start from `barriers export MODEL --to xlsx`",
                    broken=True,
                )
            cells[sheet.name] = _Cells(sheet.label(job.lang))
            continue
        ws = book[actual]
        if getattr(ws, "sheet_state", "visible") != "visible":
            job.add(
                Origin(actual, 1, 1),
                f"sheet {actual!r} is hidden and is read all the same; unhide it to see "
                "what you import",
                "warning",
            )
        cells[sheet.name] = _read_sheet(job, ws, sheet)
    # A missing sheet or column makes the rest guesswork; problems in cells do not: go on
    # and find the model's own problems too.
    if job.broken:
        job.check()
    return _assemble(job, cells)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _scan(
    job: _Import, sheet: str, part: str, archive: zipfile.ZipFile
) -> xlsx_guard.SheetScan | None:
    """The sheet's XML streamed before openpyxl reads it, or ``None`` after a problem."""
    try:
        scan = xlsx_guard.scan_sheet(archive, part, MAX_SCANNED_ROWS)
    except xlsx_guard.TooBig as exc:
        job.add(Origin(sheet, exc.row, exc.column), exc.message, broken=True)
        return None
    except xlsx_guard.DamagedWorkbook as exc:
        _damaged(job, f"sheet {sheet!r}: {exc}")
        return None  # pragma: no cover - _damaged raised
    return scan


def _sheet_rows(job: _Import, ws: Any) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows; openpyxl's own failures (it parses lazily) as a damaged workbook."""
    rows = ws.iter_rows()
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # whatever openpyxl raises on XML it did not expect
            _damaged(job, f"sheet {ws.title!r}: {type(exc).__name__}: {exc}")
        yield row


def _read_sheet(job: _Import, ws: Any, sheet: Sheet) -> _Cells:
    out = _Cells(ws.title)
    scan = job.scans.get(ws.title)
    if scan is None:
        _damaged(job, f"sheet {ws.title!r} has no XML part in the archive")
        return out  # pragma: no cover - _damaged raised
    fatal = [odd for odd in scan.odd.values() if odd.fatal]
    for odd in fatal:  # openpyxl would fail on the sheet: name every such cell, read no more
        job.add(Origin(ws.title, odd.row, odd.column), odd.message, broken=True)
    if fatal:
        return out
    ws.reset_dimensions()  # the stored size may lie; read what is there
    rows = _sheet_rows(job, ws)
    header = next(rows, ())
    cells = [_raw(c) for c in header[:MAX_COLUMNS]]
    columns = {c.name: c for c in sheet.all_columns}
    if sheet is VOCABULARY_SHEET:
        cells, labels = _label_columns(job, out, cells)
        columns.update((c.name, c) for c in labels)
    _read_header(job, out, sheet, cells, columns=tuple(columns.values()))
    if len(header) > MAX_COLUMNS and any(_raw(c)[0] is not None for c in header[MAX_COLUMNS:]):
        job.add(
            Origin(out.sheet, 1, MAX_COLUMNS + 1), f"more than {MAX_COLUMNS} columns", broken=True
        )
    # a column shown for reading only is not read: what it holds cannot go wrong
    wanted = {n: name for name, n in out.columns.items() if not columns[name].shown}
    for number, row in enumerate(rows, 2):
        if number > MAX_SCANNED_ROWS:  # pragma: no cover - the scan refused it already
            break
        values: dict[str, Any] = {}
        for index, cell in enumerate(row, 1):
            name = wanted.get(index)
            if name is None:
                continue
            origin = Origin(out.sheet, number, index)
            strange = scan.odd.get((number, index))
            if strange is not None:
                job.add(origin, f"{name}: {strange.message}")
                continue
            value, kind = _raw(cell)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            column = columns[name]
            if kind == "f":
                formula = getattr(value, "text", value)  # an ArrayFormula keeps it in .text
                job.add(origin, f"a formula ({str(formula)[:40]}); type the value itself")
                continue
            if kind == "e":
                job.add(origin, f"an Excel error value ({value}); type the value itself")
                continue
            converted = _convert(job, origin, column, value)
            if converted is not None:
                values[name] = converted
        if values:
            if len(out.rows) >= MAX_ROWS:
                job.add(
                    Origin(out.sheet, number, 1),
                    f"sheet has more than {MAX_ROWS:,} rows of data (the limit)",
                    broken=True,
                )
                break
            out.rows.append((number, values))
    return out


def _raw(cell: Any) -> tuple[Any, str]:
    return getattr(cell, "value", None), getattr(cell, "data_type", "n")


def _label_columns(
    job: _Import, out: _Cells, header: list[tuple[Any, str]]
) -> tuple[list[tuple[Any, str]], list[Column]]:
    """The vocabulary sheet's header with every column after ``kind`` and ``term`` read as
    the labels in the language its header names (a BCP 47 code, checked as the YAML's
    keys are); a header that is not one is refused at its cell and its column not read."""
    from pydantic import TypeAdapter, ValidationError

    from barriers.model import LanguageCode

    fixed = {_fold(c.label(lang)) for c in VOCABULARY_SHEET.columns for lang in LANGS}
    codes = TypeAdapter(LanguageCode)
    kept: list[tuple[Any, str]] = []
    labels: dict[str, Column] = {}
    for number, (value, kind) in enumerate(header, 1):
        text = str(value).strip() if value is not None else ""
        if not text or _fold(text) in fixed:
            kept.append((value, kind))
            continue
        try:
            codes.validate_python(text)
        except ValidationError:
            job.add(Origin(out.sheet, 1, number), _not_a_language(job, text))
            kept.append((None, kind))  # not read: its labels have no language
            continue
        labels.setdefault(text, label_column(text))
        kept.append((text, kind))
    return kept, list(labels.values())


def _not_a_language(job: _Import, text: str) -> str:
    from pydantic import TypeAdapter, ValidationError

    from barriers.model import LanguageCode

    written = text.replace("_", "-")
    written = "-".join([written.split("-")[0].lower(), *written.split("-")[1:]])
    try:
        TypeAdapter(LanguageCode).validate_python(written)
        hint = f" (write it {written!r})"
    except ValidationError:
        hint = ""
    kind, term = (VOCABULARY_SHEET.column(n).label(job.lang) for n in ("kind", "term"))
    return (
        f"column {text!r} is not a language code such as 'en' or 'pt-BR'{hint}: after "
        f"{kind!r} and {term!r} each column holds the labels in the language its header names"
    )


def _read_header(
    job: _Import,
    out: _Cells,
    sheet: Sheet,
    header: Sequence[tuple[Any, str]],
    optional: tuple[str, ...] = (),
    columns: Sequence[Column] | None = None,
) -> None:
    """Which column holds which field; headers are read in either language."""
    columns = sheet.all_columns if columns is None else columns
    allowed = {_fold(c.label(lang)): c.name for c in columns for lang in LANGS}
    shown = ", ".join(c.label(job.lang) for c in sheet.columns)
    label = sheet.label(job.lang)
    for number, (value, _) in enumerate(header, 1):
        if value is None or not str(value).strip():
            continue
        name = allowed.get(_fold(str(value)))
        origin = Origin(out.sheet, 1, number)
        if name is not None and name in out.columns:
            job.add(
                origin,
                f"column {_fold(str(value))!r} appears twice (first in column {out.columns[name]})",
                broken=True,
            )
        elif name is not None:
            out.columns[name] = number
        else:
            job.add(
                origin,
                f"column {str(value)!r} is not part of the {label!r} sheet and is ignored "
                f"(columns: {shown})",
                "warning",
            )
    for column in sheet.columns:
        if column.required and column.name not in out.columns and column.name not in optional:
            job.add(
                Origin(out.sheet, 1, len(header) + 1),
                f"the {label!r} sheet has no column {column.label(job.lang)!r} "
                f"(row 1 names the columns: {shown})",
                broken=True,
            )


def _convert(job: _Import, origin: Origin, column: Column, value: Any) -> Any:
    """A cell's value as the model wants it, or ``None`` after a problem."""
    if column.kind == "any":
        return value
    if isinstance(value, bool) and column.kind != "notes":
        job.add(origin, f"{column.name}: TRUE/FALSE where {_expected(column)} is expected")
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        if column.kind not in ("text", "notes", "date"):
            job.add(origin, f"{column.name}: a date where {_expected(column)} is expected")
            return None
        value = _date_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        job.add(origin, f"{column.name}: {value} is not a finite number; type the value itself")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if column.kind in ("year", "count"):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int):
            job.add(origin, f"{column.label(job.lang)} must be a whole number, not {value!r}")
            return None
        return value
    if column.kind == "notes":
        return _notes(job, origin, value)
    text = value if isinstance(value, str) else str(value)
    if column.kind in ("id", "date", "ref"):
        return text.strip()
    if column.kind == "refs":
        return text  # split once the names it may hold are known (_references)
    if column.kind == "ids":
        return [v for v in _ID_SPLIT.split(text) if v]
    if column.kind == "next":
        return [] if text.strip() == END else [v for v in _ID_SPLIT.split(text) if v]
    if column.kind == "texts":
        if text.startswith("["):  # written as JSON by the export when lines would not do
            try:
                items = json.loads(text)
            except ValueError:
                items = None
            if isinstance(items, list) and all(isinstance(i, str) for i in items):
                return items
        # one item per line ("\n" only: U+2028 and friends are text), spaces around trimmed
        return [item for line in text.split("\n") if (item := line.strip(" \t\r"))]
    return text


def _expected(column: Column) -> str:
    return {"year": "a year", "ids": "ids", "id": "an id", "next": "phase ids"}.get(
        column.kind, "text"
    )


def _date_text(value: Any) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def _notes(job: _Import, origin: Origin, value: Any) -> Any:
    if isinstance(value, str) and value.lstrip().startswith(JSON_START):
        try:
            return json.loads(value)
        except ValueError as exc:
            job.add(origin, f"notes start like JSON but are not valid JSON: {exc}")
            return None
    return value


def _assemble(job: _Import, cells: dict[str, _Cells]) -> dict[str, Any]:
    data = _model_fields(job, cells[MODEL_SHEET.name])
    sheets = [*ITEM_SHEETS, ACTIONS_SHEET]
    for sheet in sheets:
        if sheet.parent is not None:
            continue
        assert sheet.item_kind is not None
        data[sheet.item_kind] = _items(job, sheet, cells[sheet.name])
    names = _Known(data)
    _resolve_references(job, data, names)
    phases = {p["id"]: p for p in data["phases"] if isinstance(p.get("id"), str)}
    indexes = {pid: n for n, pid in enumerate(p.get("id") for p in data["phases"])}
    for sheet in ITEM_SHEETS:
        if sheet.parent is not None:
            _phase_notes(job, sheet, cells[sheet.name], phases, indexes, names)
    for kind in ("sources", "partners", "interventions", "actions"):
        if not data[kind] and not cells[kind].columns:
            del data[kind]
    _checklist_data(job, data, cells, names)
    vocabulary = _vocabulary(job, cells[VOCABULARY_SHEET.name])
    if vocabulary:
        data["vocabulary"] = vocabulary
    return data


# a kind of term as the vocabulary sheet may name it: the sheet's words, the YAML's keys
_TERM_KINDS = {
    **{kind: kind for kind in TERM_KIND_WORDS},
    **{word: kind for kind, word in TERM_KIND_WORDS.items()},
    "typen": "types",
    "sectoren": "sectors",
}


def _vocabulary(job: _Import, cells: _Cells) -> dict[str, dict[str, dict[str, str]]]:
    """types and sectors -> term -> {language: label}, terms in row order, labels in column
    order. A row without labels is a term offered for translation, not an entry; a row whose
    label cells hold only ``-`` is a term listed without labels."""
    if not cells.columns:
        return {}  # no vocabulary sheet: a workbook written before it had one
    job.vocabulary_sheet = True
    sheet = VOCABULARY_SHEET
    kind_label, term_label = (sheet.column(n).label(job.lang) for n in ("kind", "term"))
    words = " or ".join(TERM_KIND_WORDS.values())
    vocabulary: dict[str, dict[str, dict[str, str]]] = {}
    job.origins[("vocabulary",)] = cells.origin(1)
    for number, values in cells.rows:
        word, term = values.get("kind"), values.get("term")
        if word is None or term is None:
            missing = "kind" if word is None else "term"
            if cells.origin(number, missing) not in job.flagged_cells:
                label = kind_label if word is None else term_label
                hint = f": {words}?" if word is None else ""
                message = f"vocabulary row {number}: {label!r} is empty{hint}"
                job.add(cells.origin(number, missing), message)
            continue
        kind = _TERM_KINDS.get(_fold(word))
        if kind is None:
            job.add(
                cells.origin(number, "kind"),
                f"{kind_label}: {word!r} is not a kind of term; choose {words}"
                + _suggest(_fold(word), list(_TERM_KINDS)),
            )
            continue
        singular = TERM_KIND_WORDS[kind]
        first = job.term_rows.get((kind, term))
        if first is not None:
            job.add(
                cells.origin(number, "term"),
                f"{singular} {term!r} is given twice (first in row {first.row}); the vocabulary "
                f"lists a {singular} once: keep one of the rows",
            )
            continue
        job.term_rows[(kind, term)] = cells.origin(number, "term")
        labels = {
            name.removeprefix(LABEL_COLUMN): text
            for name, text in values.items()
            if name.startswith(LABEL_COLUMN)
        }
        if not labels:
            continue  # offered for translation: no entry
        terms = vocabulary.setdefault(kind, {})
        path: Path_ = ("vocabulary", kind, term)
        job.origins.setdefault(("vocabulary", kind), cells.origin(number, "term"))
        job.origins[path] = cells.origin(number, "term")
        terms[term] = {}
        for code, text in labels.items():
            if text.strip() != NO_LABEL:
                terms[term][code] = text
                job.origins[(*path, code)] = cells.origin(number, f"{LABEL_COLUMN}{code}")
    return vocabulary


def _checklist_data(
    job: _Import, data: dict[str, Any], cells: dict[str, _Cells], known: _Known
) -> None:
    """The checklist and its answers from their sheets (or, in a workbook written before
    they had sheets, from the model sheet's JSON fields, but never from both)."""
    for key, sheet, read in (
        ("checklist", CHECKLIST_SHEET, _checklist),
        ("checklist_answers", ANSWERS_SHEET, _answers),
    ):
        sheet_cells = cells[sheet.name]
        if key in data and sheet_cells.rows:
            job.add(
                sheet_cells.origin(1),
                f"the {key.replace('_', ' ')} is given twice: on the {sheet.label(job.lang)!r} "
                "sheet and as JSON in the model sheet; keep the sheet and empty the model "
                f"sheet's {key!r} field",
            )
            continue
        if key not in data:
            value = read(job, sheet_cells, known, data)
            if value:
                data[key] = value


_THEME_FIELDS = (
    ("theme name", "name"),
    ("theme description", "description"),
    ("theme sources", "sources"),
    ("theme notes", "notes"),
)
_QUESTION_FIELDS = ("question", "text", "interventions", "sources", "notes")


def _checklist(
    job: _Import, cells: _Cells, known: _Known, data: dict[str, Any]
) -> list[dict[str, Any]]:
    """The themes in the order of their first rows, each with its questions in row order."""
    sheet = CHECKLIST_SHEET
    themes: dict[str, dict[str, Any]] = {}
    given_in: dict[tuple[str, str], int] = {}  # (theme id, field) -> the row that gave it
    question_rows: dict[str, int] = {}  # question id -> its row
    job.origins[("checklist",)] = cells.origin(1)
    for number, values in cells.rows:
        question_id = values.get("question")
        has_question = any(name in values for name in _QUESTION_FIELDS)
        required = ("theme", "theme name", *(("question", "text") if has_question else ()))
        for name in required:
            if name not in values and cells.origin(number, name) not in job.flagged_cells:
                who = f"question {question_id!r}" if question_id else f"row {number}"
                label = sheet.column(name).label(job.lang)
                job.add(cells.origin(number, name), f"checklist {who}: {label!r} is empty")
        theme_id = values.get("theme")
        if theme_id is None:
            continue
        if theme_id not in themes:
            themes[theme_id] = {"id": theme_id}
            at = (len(themes) - 1,)
            job.origins[("checklist", *at)] = cells.origin(number, "theme")
            job.origins[("checklist", *at, "id")] = cells.origin(number, "theme")
        theme = themes[theme_id]
        index = list(themes).index(theme_id)
        for name, field_name in _THEME_FIELDS:
            if name not in values:
                continue
            value = values[name]
            if field_name not in theme:
                theme[field_name] = value
                given_in[(theme_id, field_name)] = number
                job.origins[("checklist", index, field_name)] = cells.origin(number, name)
            elif theme[field_name] != value:
                label = sheet.column(name).label(job.lang)
                job.add(
                    cells.origin(number, name),
                    f"theme {theme_id!r} has {_shown(value)} as its {label!r} here but "
                    f"{_shown(theme[field_name])} in row {given_in[(theme_id, field_name)]}: "
                    "the rows of one theme must agree (or leave the cell empty)",
                )
        if not has_question:
            continue
        if question_id is not None and question_id in question_rows:
            label = sheet.column("question").label(job.lang)
            job.add(
                cells.origin(number, "question"),
                f"{label} {question_id!r} is given twice (first in row "
                f"{question_rows[question_id]}); question ids are unique in the checklist",
            )
            continue
        if question_id is not None:
            question_rows[question_id] = number
        questions = theme.setdefault("questions", [])
        path: Path_ = ("checklist", index, "questions", len(questions))
        job.origins[path] = cells.origin(number, "question")
        question: dict[str, Any] = {}
        for name in _QUESTION_FIELDS:
            if name in values:
                question["id" if name == "question" else name] = values[name]
                job.origins[(*path, "id" if name == "question" else name)] = cells.origin(
                    number, name
                )
        column = sheet.column("interventions")
        _resolve_cell(job, data, known, question, column, (*path, "interventions"))
        questions.append(question)
    return list(themes.values())


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _answers(
    job: _Import, cells: _Cells, known: _Known, data: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """question id -> {answer, note}; a row with neither answer nor note is not answered."""
    sheet = ANSWERS_SHEET
    answers: dict[str, dict[str, Any]] = {}
    rows: dict[str, int] = {}
    question_label = sheet.column("question").label(job.lang)
    for number, values in cells.rows:
        if "answer" not in values and "note" not in values:
            continue
        question_id = values.get("question")
        if question_id is None:
            job.add(
                cells.origin(number, "question"),
                f"checklist answers row {number}: {question_label!r} is empty: "
                "which question is answered?",
            )
            continue
        if question_id in rows:
            job.add(
                cells.origin(number, "question"),
                f"{question_label} {question_id!r} is answered twice (first in row "
                f"{rows[question_id]}); keep one of the rows",
            )
            continue
        rows[question_id] = number
        if "answer" not in values:
            if cells.origin(number, "answer") in job.flagged_cells:
                continue  # the cell's own problem (a formula, an error value) is reported
            label = sheet.column("answer").label(job.lang)
            job.add(
                cells.origin(number, "answer"),
                f"{question_label} {question_id!r}: {label!r} is empty but the row has a note: "
                "choose yes, partly, no or unknown",
            )
            continue
        answer_column = sheet.column("answer")
        if values["answer"] not in answer_column.choices:
            job.add(
                cells.origin(number, "answer"),
                f"{answer_column.label(job.lang)}: {values['answer']!r} is not an answer; "
                f"choose {', '.join(answer_column.choices[:-1])} or {answer_column.choices[-1]} "
                "(the drop-down's choices)",
            )
            continue
        if not answers:  # the mapping starts where its first key does: that answer's row
            job.origins[("checklist_answers",)] = cells.origin(number, "question")
        job.origins[("checklist_answers", question_id)] = cells.origin(number, "question")
        answer: dict[str, Any] = {}
        for name in ("answer", "note"):
            if name in values:
                answer[name] = values[name]
                job.origins[("checklist_answers", question_id, name)] = cells.origin(number, name)
        answers[question_id] = answer
    return answers


class _Known:
    """Phases, partners and interventions by id and by name, for cells that name them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.by_kind: dict[str, dict[str, str]] = {}
        for kind in ("phases", "partners", "interventions"):
            table: dict[str, str] = {}
            items = [i for i in data.get(kind, []) if isinstance(i.get("id"), str)]
            for item in items:  # names first, so that an id always wins over a name
                if isinstance(item.get("name"), str):
                    table.setdefault(_fold(item["name"]), item["id"])
            for item in items:
                table[item["id"]] = item["id"]
                table.setdefault(_fold(item["id"]), item["id"])
            self.by_kind[kind] = table

    def one(self, kind: str, text: str) -> str | None:
        table = self.by_kind[kind]
        return table.get(text.strip()) or table.get(_fold(text))

    def many(self, kind: str, text: str) -> list[str]:
        """The ids a cell names: split at line breaks and ';', then at the commas that do
        not sit inside a name; never at spaces inside a name (only between known ids).
        What names nothing is kept as written, for validation to report."""
        ids: list[str] = []
        for piece in _NAME_SPLIT.split(text):
            if not piece.strip():
                continue
            found = self.one(kind, piece)
            if found is not None:
                ids.append(found)
                continue
            split = self._commas(kind, piece.split(","))
            if split is not None:
                ids.extend(split)
                continue
            for part in piece.split(","):
                words = part.split()
                if not words:
                    continue
                found = self.one(kind, part)
                if found is None and all(self.one(kind, w) == w for w in words):
                    ids.extend(words)  # ids with spaces between them, as the layout allowed
                else:
                    ids.append(found or " ".join(words))  # as written, for validation
        return ids

    def _commas(self, kind: str, parts: list[str]) -> list[str] | None:
        """The parts joined back into names where they must be (a name may hold commas):
        the fewest pieces that each name something, or ``None``. A name holds a few
        commas at most: pieces are joined across at most ``_MAX_COMMAS`` of them, which
        keeps a cell of thousands of commas linear."""
        best: list[list[str] | None] = [None] * (len(parts) + 1)
        best[0] = []
        for end in range(1, len(parts) + 1):
            for start in range(max(0, end - _MAX_COMMAS - 1), end):
                before = best[start]
                if before is None:
                    continue
                found = self.one(kind, ",".join(parts[start:end]))
                if found is not None and (
                    best[end] is None or len(before) + 1 < len(best[end] or [])
                ):
                    best[end] = [*before, found]
        return best[len(parts)]


def _resolve_references(job: _Import, data: dict[str, Any], known: _Known) -> None:
    """Names in reference cells (phases, partners, owners, ...) as ids."""
    for sheet in (*ITEM_SHEETS, ACTIONS_SHEET):
        if sheet.parent is not None:
            continue
        assert sheet.item_kind is not None
        kind = sheet.item_kind
        for index, item in enumerate(data.get(kind, [])):
            for column in sheet.all_columns:
                if column.refers is not None:
                    _resolve_cell(job, data, known, item, column, (kind, index, *column.key))
    area = data.get("local")
    if isinstance(area, dict):
        column = next(c for c in ALL_MODEL_FIELDS if c.name == "local participants")
        _resolve_cell(job, data, known, data, column, column.key)


def _resolve_cell(
    job: _Import,
    data: dict[str, Any],
    known: _Known,
    item: dict[str, Any],
    column: Column,
    path: Path_,
) -> None:
    assert column.refers is not None
    holder: Any = item
    for step in column.key[:-1]:
        holder = holder.get(step) if isinstance(holder, dict) else None
    if not isinstance(holder, dict) or not isinstance(holder.get(column.key[-1]), str):
        return
    value = holder[column.key[-1]]
    if column.kind == "refs":
        ids = known.many(column.refers, value)
    else:
        ids = [known.one(column.refers, value) or value.strip()]
    origin = job.origins.get(path, Origin(None, 1, 1))
    for entry in ids:
        if not SLUG_RE.fullmatch(entry):  # neither an id nor a name the workbook has
            names = [i["name"] for i in data.get(column.refers, []) if "name" in i]
            job.add(
                origin,
                f"{column.label(job.lang)}: no {SINGULAR[column.refers]} has the id or name "
                f"{entry!r}" + _suggest(entry, names),
            )
    holder[column.key[-1]] = ids if column.kind == "refs" else ids[0]


def _model_fields(job: _Import, cells: _Cells) -> dict[str, Any]:
    fields = {_fold(c.label(lang)): c for c in ALL_MODEL_FIELDS for lang in LANGS}
    shown = ", ".join(c.label(job.lang) for c in MODEL_FIELDS)
    data: dict[str, Any] = {}
    self_rows: dict[str, int] = {}
    for number, values in cells.rows:
        name = values.get("field")
        origin = cells.origin(number, "field")
        if not isinstance(name, str):
            job.add(origin, "a value without a field name in column A")
            continue
        column = fields.get(_fold(name))
        if column is None:
            job.add(
                origin,
                f"unknown model field {name.strip()!r}"
                + _suggest(_fold(name), fields)
                + f" (fields: {shown})",
            )
            continue
        key = column.name
        if key in self_rows:
            job.add(
                origin,
                f"model field {column.label(job.lang)!r} is given twice "
                f"(first in row {self_rows[key]})",
            )
            continue
        self_rows[key] = number
        raw = values.get("value")
        if raw is None:
            continue
        value_origin = Origin(cells.sheet, number, cells.columns.get("value", 2))
        converted = _convert(job, value_origin, column, raw)
        if converted is not None and converted != []:
            holder = data
            for step in column.key[:-1]:
                holder = holder.setdefault(step, {})
            holder[column.key[-1]] = converted
            job.origins[column.key] = value_origin
            if len(column.key) > 1:
                job.origins.setdefault(column.key[:-1], value_origin)
    for required in ("id", "title"):
        label = next(c for c in MODEL_FIELDS if c.name == required).label(job.lang)
        if required not in data and required not in self_rows:
            job.add(cells.origin(1), f"the model sheet has no row for {label!r}")
        elif required not in data:
            job.add(cells.origin(self_rows[required], "value"), f"the model's {label} is empty")
        if required not in data:  # the model's own check would say it again, at the top
            job.flagged.add((cells.sheet, 1))
    return data


def _suggest(word: str, choices: Any) -> str:
    return did_you_mean(word, choices)


def _items(job: _Import, sheet: Sheet, cells: _Cells) -> list[dict[str, Any]]:
    assert sheet.item_kind is not None
    kind = sheet.item_kind
    singular = SINGULAR.get(kind, "action")
    job.origins[(kind,)] = cells.origin(1)
    items: list[dict[str, Any]] = []
    for number, values in cells.rows:
        index = len(items)
        item: dict[str, Any] = {}
        job.origins[(kind, index)] = cells.origin(number, "id")
        for column in sheet.all_columns:
            value = values.get(column.name)
            if column.required and value in (None, [], ""):
                if cells.origin(number, column.name) in job.flagged_cells:
                    continue  # the cell's own problem is reported already
                label = column.label(job.lang)
                job.add(
                    cells.origin(number, column.name),
                    f"{singular} {values['id']!r}: {label!r} is empty"
                    if "id" in values
                    else f"{singular} in row {number}: {label!r} is empty",
                )
                continue
            if value is None or (value == [] and column.kind != "next"):
                continue
            holder = item
            for step in column.key[:-1]:
                holder = holder.setdefault(step, {})
                job.origins.setdefault((kind, index, step), cells.origin(number, column.name))
            holder[column.key[-1]] = value
            job.origins[(kind, index, *column.key)] = cells.origin(number, column.name)
        if isinstance(item.get("id"), str):
            job.rows_by_id[(kind, item["id"])] = cells.origin(number, "id")
        items.append(item)
    return items


def _phase_notes(
    job: _Import,
    sheet: Sheet,
    cells: _Cells,
    phases: dict[str, dict[str, Any]],
    indexes: dict[Any, int],
    known: _Known,
) -> None:
    assert sheet.parent is not None
    group = sheet.parent
    for number, values in cells.rows:
        phase_id = values.get("phase")
        if isinstance(phase_id, str):
            phase_id = known.one("phases", phase_id) or phase_id
        if phase_id is None or "text" not in values:
            missing = "phase" if phase_id is None else "text"
            job.add(
                cells.origin(number, missing), f"{sheet.name} row {number}: {missing!r} is empty"
            )
            continue
        if phase_id not in phases:
            job.add(
                cells.origin(number, "phase"),
                f"{sheet.name} row {number} names {unknown_id_message('phase', phase_id, phases)}",
            )
            continue
        notes = phases[phase_id].setdefault(group, [])
        index = indexes[phase_id]
        path: Path_ = ("phases", index, group, len(notes))
        job.origins[path] = cells.origin(number, "text")
        note = {}
        for column in sheet.columns:
            if column.name != "phase" and column.name in values:
                note[column.name] = values[column.name]
                job.origins[(*path, column.name)] = cells.origin(number, column.name)
        notes.append(note)


# -- CSV: a list of interventions ------------------------------------------------------------

_CSV_SHEET = next(s for s in ITEM_SHEETS if s.name == "interventions")


def _csv_model(
    job: _Import, raw: bytes, model_id: str, title: str | None, delimiter: str | None = None
) -> dict[str, Any]:
    text = _csv_text(job, raw)
    try:
        rows = list(_csv_rows(job, text, delimiter))
    except CsvSyntaxError as exc:
        job.add(
            Origin(None, exc.row, 1),
            f'CSV syntax: {exc.reason} (is a quote (") left open? it takes in the rows after it)',
        )
        job.check()
        raise  # pragma: no cover - check() has raised
    if not rows:
        job.add(Origin(None, 1, 1), "the file is empty: row 1 must name the columns")
        job.check()
    header = [csv_uncell(h).strip().casefold() for h in rows[0][1]]
    if header[:1] == ["phase"]:
        job.add(
            Origin(None, 1, 1),
            "this looks like the coverage matrix of `export --to csv` (counts, not "
            "interventions); import the xlsx export instead, or a CSV with the columns of "
            "the interventions sheet",
        )
        job.check()
    cells = _Cells(None)
    # without an id column, ids are made from the names
    _read_header(
        job,
        cells,
        _CSV_SHEET,
        [(h, "s") for h in rows[0][1]],
        optional=("id",),
        columns=_CSV_SHEET.columns,
    )
    job.check()
    wanted = {number: name for name, number in cells.columns.items()}
    for line, values in rows[1:]:
        row: dict[str, Any] = {}
        for index, value in enumerate(values, 1):
            name = wanted.get(index)
            value = csv_uncell(value)
            if name is None or not value.strip():
                continue
            column = _CSV_SHEET.column(name)
            if name in ("phases", "partners"):
                row[name] = [v.strip() for v in _NAME_SPLIT.split(value) if v.strip()]
            else:
                row[name] = _convert(job, Origin(None, line, index), column, value)
        if row:
            cells.rows.append((line, row))
    data: dict[str, Any] = {
        "id": model_id,
        "title": title or model_id.replace("-", " ").capitalize(),
    }
    phases, partners = _Names("phase"), _Names("partner")
    interventions: list[dict[str, Any]] = []
    ids = _Ids()
    for line, row in cells.rows:
        index = len(interventions)
        for name in ("name", "phases", "partners"):
            if name not in row:
                job.add(cells.origin(line, name), f"row {line}: {name!r} is empty")
        if "name" not in row:
            continue
        if row.get("id"):
            item_id = ids.keep(row["id"])
        else:
            item_id = ids.claim(_slug(row["name"]) or f"intervention-{index + 1}")
        item = {"id": item_id, **{k: v for k, v in row.items() if k != "id"}}
        item["phases"] = [phases.id_of(n) for n in row.get("phases", [])]
        item["partners"] = [partners.id_of(n) for n in row.get("partners", [])]
        job.origins[("interventions", index)] = cells.origin(line, "name")
        for key in item:
            job.origins[("interventions", index, key)] = cells.origin(line, key)
        interventions.append({k: item[k] for k in _order(item)})
    data["phases"] = phases.items()
    data["partners"] = partners.items()
    data["interventions"] = interventions
    job.origins[("phases",)] = Origin(None, 1, cells.columns.get("phases", 1))
    job.origins[()] = Origin(None, 1, 1)
    return data


class CsvSyntaxError(Exception):
    def __init__(self, row: int, reason: str) -> None:
        super().__init__(reason)
        self.row, self.reason = row, reason


def _csv_text(job: _Import, raw: bytes) -> str:
    """The CSV file as text: UTF-8 (strictly), UTF-16 with a BOM, or wholly Windows-1252.

    A file that is UTF-8 but for a few bytes is not guessed at: decoding it as Windows-1252
    would turn every correct "é" into "Ã©". The first bad byte is named by line instead.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            _bad_byte(job, raw, exc, "utf-16", "is UTF-16 but for")
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if raw.startswith(codecs.BOM_UTF8) or _holds_utf8(body):
            _bad_byte(job, body, exc, "utf-8", "is UTF-8 but for")
        utf8_error = exc
    try:
        text = body.decode("cp1252")  # Excel's "CSV" on Windows
    except UnicodeDecodeError:
        _bad_byte(job, body, utf8_error, "utf-8", "is neither UTF-8 nor Windows-1252, see")
    job.add(Origin(None, 1, 1), "not UTF-8; read as Windows-1252 (save as CSV UTF-8)", "warning")
    return text


def _holds_utf8(raw: bytes) -> bool:
    """Whether any non-ASCII text in ``raw`` is valid UTF-8 (so the file was meant as UTF-8)."""
    text = raw.decode("utf-8", "surrogateescape")  # bad bytes become U+DC80..U+DCFF
    return any(ord(c) > 0x7F and not 0xDC80 <= ord(c) <= 0xDCFF for c in text)


def _bad_byte(job: _Import, raw: bytes, exc: UnicodeDecodeError, encoding: str, what: str) -> None:
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw.count(b"\n", 0, exc.start) + 1
    if encoding == "utf-16":
        line = raw[: exc.start].decode("utf-16", "replace").count("\n") + 1
        column = 1
    else:
        column = len(raw[line_start : exc.start].decode(encoding, "replace")) + 1
    job.add(
        Origin(None, line, column),
        f"the file {what} byte 0x{raw[exc.start]:02x} on line {line}: retype that character, "
        "or save the file as CSV UTF-8",
    )
    job.check()


def _csv_rows(
    job: _Import, text: str, delimiter: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)  # Dutch Excel writes ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start, count = 1, 0
    try:
        for values in reader:
            if any(v.strip() for v in values):
                count += 1
                if count > MAX_CSV_ROWS + 1:  # the header row and the limit's rows
                    job.add(
                        Origin(None, start, 1),
                        f"the file has more than {MAX_CSV_ROWS:,} rows of interventions "
                        "(the limit)",
                    )
                    job.check()
                yield start, values
            start = reader.line_num + 1
    except csv.Error as exc:  # e.g. a quote that is never closed swallows the rest
        raise CsvSyntaxError(start, str(exc)) from None


def _order(item: dict[str, Any]) -> list[str]:
    names = [c.name for c in _CSV_SHEET.columns]
    return sorted(item, key=names.index)


class _Ids:
    """Ids handed out so far; a taken slug gets the first free ``-2``, ``-3``, ... in turn.

    Each slug remembers where its numbering stopped, so a name repeated on every row of a
    long file costs one step per row, not a count from 2 each time.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next_number: dict[str, int] = {}

    def keep(self, item_id: str) -> str:
        self.taken.add(item_id)
        return item_id

    def claim(self, slug: str) -> str:
        candidate = slug
        if candidate in self.taken:
            n = self.next_number.get(slug, 2)
            while f"{slug}-{n}" in self.taken:
                n += 1
            self.next_number[slug] = n + 1
            candidate = f"{slug}-{n}"
        return self.keep(candidate)


class _Names:
    """Phases or partners of a CSV file, made from the names its cells give, on first sight.

    'Politie' and 'politie' are one partner (the name as first written is kept).
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.by_name: dict[str, tuple[str, str]] = {}  # folded name -> (id, name)
        self.ids = _Ids()

    def id_of(self, name: str) -> str:
        key = name.casefold()
        if key not in self.by_name:
            slug = _slug(name) or f"{self.kind}-{len(self.by_name) + 1}"
            self.by_name[key] = (self.ids.claim(slug), name)
        return self.by_name[key][0]

    def items(self) -> list[dict[str, str]]:
        return [{"id": i, "name": n} for i, n in self.by_name.values()]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:60].rstrip("-")


# -- YAML out, validated ---------------------------------------------------------------------


def _validated(job: _Import, data: dict[str, Any]) -> ImportResult:
    base_id = data.pop("extends", None)
    _implicit_next(data)
    text = dump_model(_yaml_order(data), _header(job))
    doc = parse_document(text, job.path.with_suffix(".yaml"), job.display)
    # Validate even after problems in cells: the model's own checks (references, sequence)
    # find the rest, except on rows already reported, where they would repeat the news.
    flagged = set(job.flagged)
    try:
        model, warnings = resolve_documents([doc])
    except ModelError as exc:
        _map_back(job, doc, exc.problems, flagged)
        raise ModelError(job.problems) from None
    job.model_warnings = _map_back(job, doc, warnings, flagged)
    job.check()
    if isinstance(base_id, str):
        return _as_variant(job, model, base_id) or ImportResult(text, model, job.warnings)
    return ImportResult(text, model, job.warnings)


def _header(job: _Import) -> str:
    return f"# Imported from {job.path.name} by `barriers import`.\n"


# -- a variant back as a variant: only what differs from its base ------------------------------


def _as_variant(job: _Import, full: Model, base_id: str) -> ImportResult | None:
    """The workbook's model written as a variant of ``base_id``: what differs from the base
    (its own items, changed fields, local states, removals), checked by resolving it over
    the base and comparing with the workbook's model. ``None`` (with a warning) when it
    cannot be said as a variant, and then the standalone model is written."""
    from barriers import catalog
    from barriers.resolve import resolve_documents
    from barriers.variants import load_chain
    from barriers.yamlout import dump_model

    origin = job.origins.get(("extends",), Origin(MODEL_SHEET.label(job.lang), 1, 1))
    folder = job.path.parent
    base_path = catalog.find_base(base_id, folder)
    if base_path is None:
        message = unknown_id_message("model", base_id, catalog.known_ids(folder))
        job.add(origin, f"{message} in the model's extends (basismodel)")
        job.check()
        return None  # pragma: no cover - check() raised
    chain = load_chain(base_path, catalog)  # the base's own problems: shown as they are
    base, _ = resolve_documents(chain)
    wanted = full.to_data()
    if not job.vocabulary_sheet and base.vocabulary is not None:
        wanted["vocabulary"] = base.to_data().get("vocabulary")  # an older workbook: inherited
    for every_next in (False, True):
        data = _difference(job, wanted, base.to_data(), base_id, every_next=every_next)
        text = dump_model(_yaml_order(data), _header(job))
        doc = parse_document(text, job.path.with_suffix(".yaml"), job.display)
        try:
            model, variant_warnings = resolve_documents([doc, *chain])
        except ModelError:
            continue
        if _same_model(model.to_data(), _with_base_values(wanted, job.uncleared.values())):
            _keep_the_variants_warnings(job, variant_warnings)
            for message, (where, _) in sorted(job.uncleared.items()):
                job.add(_uncleared_origin(job, where) or origin, message, "warning")
            return ImportResult(text, model, job.warnings)
    job.add(
        origin,
        f"the workbook could not be written as a variant of {base_id!r} that resolves to "
        f"the same model{_why_not_a_variant(wanted, base.to_data())}; it is written as a "
        "standalone model",
        "warning",
    )
    return None


def _keep_the_variants_warnings(job: _Import, variant_warnings: Sequence[Problem]) -> None:
    """Drop the warnings of the workbook's model as a standalone one that the variant, over
    its base, does not have: a base's vocabulary term the workbook left out, say, is still
    the variant's (with a warning of its own), so its sectors are not unlisted."""

    def gist(message: str) -> str:
        return _LINE_REF.sub("line", message)  # the same problem, on another line of YAML

    kept = {gist(w.message) for w in variant_warnings}
    gone = {id(shown) for shown, found in job.model_warnings if gist(found.message) not in kept}
    job.problems = [p for p in job.problems if id(p) not in gone]


def _uncleared_origin(job: _Import, where: tuple[str, ...]) -> Origin | None:
    """The row of what a variant cannot clear (a term's row, or else the vocabulary sheet)."""
    if where[0] == "vocabulary":
        kind, term = where[1], where[2]
        return job.term_rows.get((kind, term)) or job.origins.get(("vocabulary",))
    return job.rows_by_id.get((where[0], where[1])) if len(where) == 3 else None


def _why_not_a_variant(full: dict[str, Any], base: dict[str, Any]) -> str:
    """What a variant cannot say, where the workbook says it: a base's checklist theme or
    answer left out (a variant only adds and changes them)."""
    reasons = []
    themes = {t["id"] for t in full.get("checklist", [])}
    gone = [t["id"] for t in base.get("checklist", []) if t["id"] not in themes]
    if gone:
        reasons.append(f"the base's checklist themes {', '.join(map(repr, gone))} are left out")
    answers = full.get("checklist_answers", {})
    unanswered = [q for q in base.get("checklist_answers", {}) if q not in answers]
    if unanswered:
        listed = ", ".join(map(repr, unanswered))
        reasons.append(f"the base's answers to {listed} are left out")
    return f" ({'; '.join(reasons)}, and a variant cannot remove them)" if reasons else ""


def _same_model(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Equal, but for the order of items in a list (a variant's own items come last)."""

    def by_id(data: dict[str, Any]) -> dict[str, Any]:
        return {
            key: {i["id"]: i for i in value} if key in _LISTS_BY_ID else value
            for key, value in data.items()
        }

    return by_id(one) == by_id(other)


_LISTS_BY_ID = ("phases", "partners", "interventions", "sources", "actions")


def _difference(
    job: _Import,
    full: dict[str, Any],
    base: dict[str, Any],
    base_id: str,
    *,
    every_next: bool,
) -> dict[str, Any]:
    """The variant of ``base`` that gives ``full``: changed fields, own items, removals.

    Checklist themes are overlaid by id like items (a variant holds its own themes and what
    it changes in the base's), and answers add up over the base's: only those that differ
    are written. A base's theme or answer missing from the workbook cannot be removed by a
    variant: the variant then does not resolve to the workbook's model.
    """
    from barriers.model import ITEM_KINDS, OVERLAID_KINDS

    data: dict[str, Any] = {"id": full["id"], "title": full["title"], "extends": base_id}
    merged = (*OVERLAID_KINDS, "checklist_answers", "vocabulary")
    for key, value in full.items():
        if key not in merged and key not in data and base.get(key) != value:
            data[key] = value
    for key in base:
        if key not in merged and key not in full and key not in ("id", "title"):
            _cannot_clear(job, f"the model's {key!r}", base_id, (key,), base[key])
    base_answers = base.get("checklist_answers", {})
    answers = {
        question: answer
        for question, answer in full.get("checklist_answers", {}).items()
        if base_answers.get(question) != answer
    }
    if answers:
        data["checklist_answers"] = answers
    vocabulary = _vocabulary_difference(
        job, full.get("vocabulary") or {}, base.get("vocabulary") or {}, base_id
    )
    if vocabulary:
        data["vocabulary"] = vocabulary
    removed: dict[str, list[str]] = {}
    for kind in OVERLAID_KINDS:
        old_items = {i["id"]: i for i in base.get(kind, [])}
        items: list[dict[str, Any]] = []
        for item in full.get(kind, []):
            old = old_items.get(item["id"])
            if old is None:
                items.append(item)
                continue
            changed = _changed_fields(job, kind, item, old, base_id)
            if every_next and kind == "phases":
                changed.setdefault("next", item.get("next", []))
            if changed:
                items.append({"id": item["id"], **changed})
        gone = [i for i in old_items if i not in {item["id"] for item in full.get(kind, [])}]
        if gone and kind in ITEM_KINDS:
            removed[kind] = gone
        if items:
            data[kind] = items
    if removed:
        data["remove"] = removed
    return data


def _vocabulary_difference(
    job: _Import,
    full: dict[str, dict[str, dict[str, str]]],
    base: dict[str, dict[str, dict[str, str]]],
    base_id: str,
) -> dict[str, dict[str, dict[str, str]]]:
    """The terms and labels a variant writes to give ``full`` over ``base``: its own terms,
    and the labels it adds or changes. A variant cannot remove a base's term or label (the
    vocabulary merges): one missing from the workbook is a warning, and the base's stays."""
    difference: dict[str, dict[str, dict[str, str]]] = {}
    for kind in TERM_KIND_WORDS:
        mine, theirs = full.get(kind, {}), base.get(kind, {})
        word = TERM_KIND_WORDS[kind]
        for term, labels in mine.items():
            before = theirs.get(term)
            changed = (
                labels
                if before is None
                else {code: text for code, text in labels.items() if before.get(code) != text}
            )
            if changed or before is None:
                difference.setdefault(kind, {})[term] = changed
        for term, labels in theirs.items():
            if term not in mine and (kind, term) not in job.term_rows:
                message = (
                    f"vocabulary {word} {term!r} is not in the workbook, but a variant cannot "
                    f"remove what its base {base_id!r} lists: it keeps the base's term"
                )
                job.uncleared[message] = (("vocabulary", kind, term), labels)
                continue
            for code, text in labels.items():
                if code not in mine.get(term, {}):
                    what = f"vocabulary {word} {term!r}: its label in {code!r}"
                    _cannot_clear(job, what, base_id, ("vocabulary", kind, term, code), text)
    return difference


def _changed_fields(
    job: _Import, kind: str, item: dict[str, Any], old: dict[str, Any], base_id: str
) -> dict[str, Any]:
    from barriers.variants import list_fields

    changed: dict[str, Any] = {}
    for name in [*item, *(n for n in old if n not in item)]:
        if name == "id" or item.get(name) == old.get(name):
            continue
        new, before = item.get(name), old.get(name)
        is_list = name in list_fields(kind) and isinstance(before, list)
        if isinstance(before, list) and is_list and name != "next":
            patch = _patch(before, new if isinstance(new, list) else [])
            if patch is not None:
                changed[name] = patch
                continue
        if new is None:
            if is_list:
                changed[name] = []
            else:
                what = f"{SINGULAR[kind]} {item['id']!r} field {name!r}"
                _cannot_clear(job, what, base_id, (kind, item["id"], name), before)
            continue
        changed[name] = new
    return changed


def _patch(old: list[Any], new: list[Any]) -> dict[str, list[Any]] | None:
    """``{remove, add}`` that turns the base's list into ``new``, or ``None`` where a plain
    list says it better (the order changed, or nothing of the base's list is kept)."""

    def key(entry: Any) -> str:
        text = entry.get("text") if isinstance(entry, dict) else entry
        return " ".join(str(text).split())

    new_keys = {key(e) for e in new}
    remove = [e for e in old if key(e) not in new_keys or e not in new]
    kept = [e for e in old if e not in remove]
    add = [e for e in new if e not in kept]
    if not kept or kept + add != new or len({key(e) for e in old}) < len(old):
        return None
    patch: dict[str, list[Any]] = {}
    if remove:
        patch["remove"] = [key(e) for e in remove]
    if add:
        patch["add"] = add
    return patch


def _cannot_clear(
    job: _Import, what: str, base_id: str, where: tuple[str, ...], value: Any
) -> None:
    message = (
        f"{what} is empty in the workbook, but a variant cannot clear what its base "
        f"{base_id!r} gives: it keeps the base's value"
    )
    job.uncleared[message] = (where, value)


def _with_base_values(
    data: dict[str, Any], kept: Iterable[tuple[tuple[str, ...], Any]]
) -> dict[str, Any]:
    """``data`` with the fields a variant cannot clear given their base's values again:
    what the variant resolves to, warned about."""
    result = copy.deepcopy(data)
    for where, value in kept:
        if where[0] == "vocabulary":
            holder = result.setdefault("vocabulary", {})
            for step in where[1:-1]:
                holder = holder.setdefault(step, {})
            holder[where[-1]] = value
            continue
        if len(where) == 1:
            result[where[0]] = value
            continue
        kind, item_id, name = where
        for item in result.get(kind, []):
            if item.get("id") == item_id:
                item[name] = value
    return result


def _implicit_next(data: dict[str, Any]) -> None:
    """Leave out each phase's `next` where it is the default (the following phase)."""
    phases = data.get("phases", [])
    for n, phase in enumerate(phases):
        if "next" not in phase:
            continue
        following = [phases[n + 1].get("id")] if n + 1 < len(phases) else []
        if phase["next"] == following:
            del phase["next"]


_TOP_ORDER = [c.name for c in MODEL_FIELDS] + [
    "checklist",
    "checklist_answers",
    "vocabulary",
    "local",
    "remove",
    "sources",
    "phases",
    "partners",
    "interventions",
    "actions",
]


def _yaml_order(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in sorted(data, key=lambda k: _TOP_ORDER.index(k))}


def _map_back(
    job: _Import, doc: Any, problems: Sequence[Problem], flagged: set[tuple[str | None, int]]
) -> list[tuple[Problem, Problem]]:
    """Problems found in the generated YAML, moved to the cells the values came from; each
    shown, with the problem it shows."""
    # On a tie (a mapping and its first key start at the same place) the mapping wins: a
    # problem there is about the item (a missing field), as no key is ever unknown here.
    marks = sorted(_node_marks(doc.root, ()), key=lambda m: (m[0], m[1], -len(m[2])))
    keys = [(m[0], m[1]) for m in marks]
    shown: list[tuple[Problem, Problem]] = []
    for problem in problems:
        at = bisect.bisect_right(keys, (problem.line, problem.column)) - 1
        path: Path_ = marks[at][2] if at >= 0 else ()
        origin = _origin_of(job, path)
        if (origin.sheet, origin.row) in flagged:
            continue
        message = _LINE_REF.sub(lambda m: _line_ref(job, marks, keys, m), problem.message)
        job.add(origin, message, problem.severity)
        shown.append((job.problems[-1], problem))
    return shown


_LINE_REF = re.compile(r"\b(on |in )?line (\d+)\b")


def _line_ref(job: _Import, marks: list[Any], keys: list[tuple[int, int]], match: Any) -> str:
    """A YAML line named in a message, as the cell that line came from."""
    at = bisect.bisect_right(keys, (int(match.group(2)), 10**9)) - 1
    origin = _origin_of(job, marks[at][2] if at >= 0 else ())
    return ("in " if match.group(1) else "") + origin.ref()


def _origin_of(job: _Import, path: Path_) -> Origin:
    for end in range(len(path), 0, -1):
        origin = job.origins.get(path[:end])
        if origin is not None:
            return origin
    return job.origins.get((), Origin(MODEL_SHEET.name, 1, 1))


def _node_marks(node: yaml.Node, path: Path_) -> Iterator[tuple[int, int, Path_]]:
    yield node.start_mark.line + 1, node.start_mark.column + 1, path
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key.start_mark.line + 1, key.start_mark.column + 1, (*path, key.value)
            yield from _node_marks(value, (*path, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            yield from _node_marks(child, (*path, index))
