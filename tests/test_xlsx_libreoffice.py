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
    assert len(wanted) == 9  # the checklist answer too
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
