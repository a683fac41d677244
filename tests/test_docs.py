"""The documentation site: complete (every command, every field, every page), built offline."""

from __future__ import annotations

import importlib.util
import re
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import markdown
import pytest
import yaml

from barriers.cli import COMMANDS
from barriers.model import ITEM_CLASSES, Facilitator, Model, Opportunity, Signal
from barriers.schema import json_schema
from tests.helpers import ROOT, run_cli

DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"


def hook(name: str) -> ModuleType:
    """One of the site's hooks (docs/hooks/NAME.py), loaded as the build loads it."""
    spec = importlib.util.spec_from_file_location(
        f"docs_hook_{name}", DOCS / "hooks" / f"{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nav_pages(entries: Any) -> list[str]:
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, list):
        return [page for entry in entries for page in nav_pages(entry)]
    return [page for value in entries.values() for page in nav_pages(value)]


def config() -> dict[str, Any]:
    # mkdocs.yml is our own plain YAML (no tags); the strict loader is for models
    loaded = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_every_page_is_in_the_nav_and_every_nav_entry_is_a_page() -> None:
    nav = nav_pages(config()["nav"])
    pages = sorted(
        path.relative_to(DOCS).as_posix()
        for path in DOCS.rglob("*.md")
        if path.relative_to(DOCS).parts[0] not in ("_incoming", "hooks")
    )
    assert sorted(nav) == pages


def test_incoming_notes_are_left_out_of_the_build() -> None:
    assert "_incoming/" in config()["exclude_docs"].split()


def cli_reference_html() -> str:
    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    verbatim = hook("cli_reference").VerbatimExtension()
    md = markdown.Markdown(
        extensions=["attr_list", "mkdocs-click", verbatim, "pymdownx.superfences", "toc"]
    )
    return md.convert(text)


def test_the_cli_reference_renders_every_command_with_its_help() -> None:
    html = cli_reference_html()
    for name in COMMANDS:
        assert f'id="barriers-{name}"' in html, f"the CLI reference has no section for {name}"
        usage = run_cli(name, "--help").out.splitlines()[0].removeprefix("Usage: ")
        assert usage.split(" [")[0] in html, name


def test_the_cli_reference_keeps_help_examples_as_written() -> None:
    html = cli_reference_html()
    assert "<code>Example:\n  barriers map loverboys-general --open" in html
    hand_written = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    assert "Example:" not in hand_written.split("<!-- generated: cli -->")[0]


def test_the_format_reference_is_generated_from_the_schema_and_names_every_field() -> None:
    schema_reference = hook("schema_reference")
    page = (DOCS / "reference" / "format.md").read_text(encoding="utf-8")
    assert schema_reference.MARKER in page
    text = schema_reference.reference_markdown(json_schema())
    for cls in [Model, *ITEM_CLASSES.values(), Signal, Opportunity, Facilitator]:
        heading = text.index(f"{{#{cls.__name__.lower()}}}")
        table = text[heading : text.find("\n### ", heading + 1)]
        for name in cls.model_fields:
            assert f"| `{name}` |" in table, f"{cls.__name__}.{name}"


def test_the_format_reference_fails_on_a_field_nothing_describes() -> None:
    schema_reference = hook("schema_reference")
    schema = json_schema()
    schema["$defs"]["Partner"]["properties"]["nieuw"] = {"type": "string"}
    with pytest.raises(ValueError, match=r"Partner\.nieuw"):
        schema_reference.reference_markdown(schema)
    schema = json_schema()
    del schema["$defs"]["Partner"]["properties"]["sector"]
    with pytest.raises(ValueError, match=r"Partner\.sector"):
        schema_reference.reference_markdown(schema)


def model_examples() -> list[tuple[str, str]]:
    """Every YAML block on the docs pages that is a model (starts with `id:`), dedented."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        if "_incoming" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        for _indent, body in re.findall(r"^( *)```yaml\n(.*?)^\1```", text, re.S | re.M):
            block = textwrap.dedent(body)
            if block.startswith("id: "):
                found.append((page.relative_to(DOCS).as_posix(), block))
    return found


def test_the_docs_show_model_examples() -> None:
    pages = {page for page, _ in model_examples()}
    assert {"reference/format.md", "models.md"} <= pages


@pytest.mark.parametrize(("page", "block"), model_examples(), ids=lambda v: str(v)[:30])
def test_every_model_example_validates(page: str, block: str, tmp_path: Path) -> None:
    model_id = re.match(r"id: (\S+)", block)
    assert model_id
    path = tmp_path / f"{model_id.group(1)}.yaml"
    path.write_text(block, encoding="utf-8")
    result = run_cli("validate", "--strict", path)
    assert result.code == 0, f"{page}: {result.err}"


def test_the_architecture_page_names_modules_that_exist_and_every_module() -> None:
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(barriers/[\w/]+(?:\.py)?)`", text))
    assert named, "the architecture page names modules"
    for path in named:
        assert (ROOT / path).exists(), f"docs/architecture.md names {path}, which does not exist"
    modules = {
        f"barriers/{p.name}" + ("/" if p.is_dir() else "")
        for p in (ROOT / "barriers").iterdir()
        if (p.suffix == ".py" and not p.stem.startswith("_"))
        or (p.is_dir() and (p / "__init__.py").exists())
    }
    assert modules <= named, f"not on the architecture page: {sorted(modules - named)}"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built strictly as CI builds it, into a folder of the test's own."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("site")
    build(load_config(str(CONFIG), site_dir=str(site), strict=True))
    return site


@pytest.mark.slow  # builds the whole site
def test_the_built_site_loads_nothing_from_the_network(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img)\b[^>]*(?:src|href)="(https?:[^"]+)"', html)
        assert not [u for u in loads if not u.startswith("https://example.invalid")], page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


@pytest.mark.browser
def test_a_docs_page_shows_in_chromium_offline(built_site: Path, guarded: Any) -> None:
    page = guarded.page  # every http(s) request fails the test
    page.goto((built_site / "reference" / "format.html").as_uri())
    assert page.locator("h1").first.inner_text().startswith("The model format")
    rows = page.locator("xpath=//h3[@id='phase']/following::table[1]/tbody/tr")
    assert rows.count() == len(json_schema()["$defs"]["Phase"]["properties"])
    page.locator(".md-nav__link", has_text="Command line").first.click()
    page.wait_for_url("**/reference/cli.html")
    assert page.locator("#barriers-export").count() == 1
    page.goto((built_site / "index.html").as_uri())
    shot = page.locator("img[src$='map-first-view.png']")
    assert shot.evaluate("img => img.complete && img.naturalWidth > 0")
    # search works from the disk: the index is inlined, the worker shim is local
    page.locator("input.md-search__input").click()
    page.keyboard.type("whatif")
    page.locator(".md-search-result__item").first.wait_for()
    assert "whatif" in page.locator(".md-search-result").inner_text().lower()


def test_barriers_site_links_the_documentation() -> None:
    import tomllib

    from barriers.site import documentation_url, index_html

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    url = project["urls"]["Documentation"]  # defined once, read from the package's metadata
    assert documentation_url() == url
    assert f'<a href="{url}">Documentation</a>' in index_html([], lang="en")


def test_the_workbook_page_lists_every_sheet_and_column_as_the_layout_has_them() -> None:
    from barriers import workbook

    text = (DOCS / "reference" / "workbook.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w ]+)` \| [^|]+ \| (.+) \|$", text, re.M))
    sheets = (*workbook.PHASE_NOTE_SHEETS, *workbook.ITEM_SHEETS, workbook.CHECKLIST_SHEET)
    for sheet in (*sheets, workbook.VOCABULARY_SHEET, workbook.ANSWERS_SHEET):
        assert sheet.name in rows, f"the workbook page has no row for sheet {sheet.name!r}"
        for column in sheet.columns:
            bold = f"**`{column.name}`**" in rows[sheet.name]
            assert bold or f"`{column.name}`" in rows[sheet.name], (sheet.name, column.name)
            assert bold == column.required, f"{sheet.name}.{column.name}: bold means required"
    for field in workbook.MODEL_FIELDS:
        assert f"`{field.name}`" in rows[workbook.MODEL_SHEET.name], field.name
    for derived in workbook.DERIVED_SHEETS:
        assert f"`{derived}`" in text, derived


def test_the_json_api_page_has_a_section_for_every_command_that_answers_in_json() -> None:
    text = (DOCS / "reference" / "json-api.md").read_text(encoding="utf-8")
    answering = [
        name
        for name in COMMANDS
        if re.search(r"--format \[[^\]]*\bjson\b", run_cli(name, "--help").out)
    ]
    assert "gaps" in answering
    for name in answering:
        assert f"{{#{name}}}" in text, f"docs/reference/json-api.md has no section for {name}"
