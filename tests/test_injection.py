"""Model text is shown as text in every view: CSV (no formulas), markdown (no HTML), terminal.

The model carries the payloads of :mod:`tests.payloads` (HTML, spreadsheet formulas, terminal
escapes); every analysis command's csv, md and table view is read by what reads it:
Python's csv module as a spreadsheet would, markdown-it and python-markdown as a wiki would,
and the terminal's view is searched for any character a terminal acts on.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.helpers import run_cli
from tests.payloads import FORMULA_PAYLOADS, TERMINAL_PAYLOADS, injection_model_data

# What a terminal acts on (C0 but tab and newline, DEL, C1, bidi controls).
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COMMANDS: list[list[str]] = [
    ["partners"],
    ["gaps"],
    ["whatif", "--without", "partner-0", "--without", "partner-1"],
    ["cover"],
    ["routes"],
    ["centrality"],
    ["mechanisms"],
]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("injection") / "injection.yaml"
    text = yaml.safe_dump(injection_model_data(), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    assert run_cli("--no-cache", "validate", path).code == 0
    return path


def _answer(model: Path, command: list[str], fmt: str) -> str:
    result = run_cli("--no-cache", command[0], model, *command[1:], "--format", fmt)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_no_csv_cell_is_a_formula(model: Path, command: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(_answer(model, command, "csv"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, "the answer has data"
    for cell in cells:
        assert not cell.startswith(FORMULA_START), cell
    if command[0] in ("partners", "centrality"):  # they name the partners: guarded, not lost
        assert "'" + FORMULA_PAYLOADS[1] in cells


def test_diff_csv_cells_are_guarded_too(model: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    data = injection_model_data("other")
    data["phases"][0]["name"] = "changed"
    other.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = run_cli("--no-cache", "diff", model, other, "--format", "csv")
    assert result.code == 0, result.err
    for row in csv.reader(io.StringIO(result.out)):
        assert not any(cell.startswith(FORMULA_START) for cell in row), row


class _Elements(HTMLParser):
    """The elements and attributes a markdown renderer made."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(attrs)


MARKDOWN_TAGS = {"h2", "p", "table", "thead", "tbody", "tr", "th", "td", "br", "code", "strong"}


def _renderers() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    try:
        from markdown_it import MarkdownIt

        found.append(("markdown-it", MarkdownIt("commonmark").enable("table").render))
    except ImportError:
        pass
    try:
        import markdown

        found.append(("python-markdown", lambda t: markdown.markdown(t, extensions=["tables"])))
    except ImportError:
        pass
    return found


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_markdown_makes_no_html_from_model_text(model: Path, command: list[str]) -> None:
    renderers = _renderers()
    if not renderers:
        pytest.skip("neither markdown-it-py nor python-markdown is installed")
    text = _answer(model, command, "md")
    for name, render in renderers:
        page = render(text)  # type: ignore[operator]
        elements = _Elements()
        elements.feed(page)
        assert elements.tags <= MARKDOWN_TAGS, (name, elements.tags - MARKDOWN_TAGS)
        assert not [a for a in elements.attributes if a[0].startswith("on")], name
        assert "data-pwned" not in str(elements.attributes), name


@pytest.mark.parametrize("command", [*COMMANDS, ["show"]], ids=lambda c: c[0])
def test_the_terminal_gets_no_control_characters(model: Path, command: list[str]) -> None:
    out = _answer(model, command, "table")
    assert not ACTIVE.search(out), repr(ACTIVE.search(out))
    if command[0] in ("show", "partners", "gaps"):  # they name the phases: shown, escaped
        assert "\\x1b]0;pwned\\x07 window title" in out


def test_list_shows_titles_escaped(tmp_path: Path) -> None:
    data = injection_model_data()
    data["title"] = TERMINAL_PAYLOADS[1]
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    result = run_cli("--no-cache", "--models-dir", tmp_path, "list")
    assert result.code == 0, result.err
    assert not ACTIVE.search(result.out)
    assert "\\x1b]0;pwned\\x07" in result.out


def test_problem_messages_show_control_characters_escaped(tmp_path: Path) -> None:
    data = injection_model_data()
    data["phases"][0]["next"] = ["\x1b]0;pwned\x07"]
    data["interventions"][0]["status"] = "\x1b[2J\u202e"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = run_cli("--no-cache", "validate", path)
    assert result.code == 1
    assert result.err.count("\n") >= 2
    assert not ACTIVE.search(result.err), result.err
