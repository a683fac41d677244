"""The report and the site show barrier types in the page's language (the model's vocabulary).

Where a page shows a type it shows :func:`barriers.vocabulary.term_label` of it: the label in
the page's language, else the term as written; in HTML the language each is in is the one
its element carries (a ``lang`` mark where it is not the page's or the model text's around
it), in markdown escaped as the model's text is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from barriers import load_model
from barriers.model import Model
from barriers.pages import model_language
from barriers.report import render_report
from barriers.text import md_text
from barriers.vocabulary import term_label
from tests.browser_support import GuardedPage
from tests.helpers import MODELS, run_cli
from tests.html_checker import html_errors, vnu_jar
from tests.payloads import PAYLOADS, hostile_model_data

VOID = {"meta", "col", "br", "img", "input", "link", "hr", "wbr", "source"}


class _Headings(HTMLParser):
    """The barrier table's group headings of a report: (text, the language it is in), the
    language being the nearest ``lang`` attribute around the text (the page's, ``<html
    lang>``, unless one nearer says otherwise), as a browser takes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.headings: list[tuple[str, str | None]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        around = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, attributes.get("lang", around)))
        if tag == "th" and attributes.get("scope") == "rowgroup":
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._heading is not None:
            self.headings.append(("".join(self._heading), self.stack[-1][1]))
            self._heading = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def _headings(page: str) -> list[tuple[str, str | None]]:
    """(type as shown, its language) per group of the barrier table, the count cut off."""
    parser = _Headings()
    parser.feed(page)
    return [(re.sub(r" \(\d+\)$", "", text), lang) for text, lang in parser.headings]


def _md_types(text: str) -> list[str]:
    """The type column of a markdown report's barrier table, one entry per group, in order."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if re.match(r"\| type \| barri", line))
    cells = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cell = re.split(r"(?<!\\)\|", line)[1].strip()
        if not cells or cells[-1] != cell:
            cells.append(cell)
    return cells


def _expected(model: Model, lang: str) -> list[tuple[str, str]]:
    """The model's types as a page in ``lang`` should list them: label, its language (types
    shown alike once); by label (case folded), a tie in the order the model first uses them."""
    terms = list(dict.fromkeys(i.type for i in model.interventions if i.type))
    shown = []
    for term in terms:
        label = term_label(model, "types", term, lang)
        shown.append((label.text, label.lang if label.lang == lang else model_language(model)))
    return sorted(dict.fromkeys(shown), key=lambda pair: pair[0].casefold())


@pytest.fixture(scope="module")
def general() -> Model:
    return load_model(MODELS / "loverboys-general.yaml", use_cache=False).model


def test_the_english_report_shows_every_type_in_english(general: Model) -> None:
    assert general.vocabulary is not None and general.language == "nl"
    expected = _expected(general, "en")
    assert all(lang == "en" for _, lang in expected)  # the bundled model labels every type
    page = render_report(general, "html", "en")
    assert _headings(page) == expected  # each label in English, and marked so among Dutch rows
    assert '<tbody lang="nl">' in page  # the barriers' names stay Dutch, and marked so
    text = render_report(general, "md", "en")
    assert _md_types(text) == [md_text(label) for label, _ in expected]
    terms = {i.type for i in general.interventions if i.type} - {label for label, _ in expected}
    assert terms and not any(f"| {term} |" in text for term in terms)


def test_the_dutch_report_shows_the_types_as_written(general: Model) -> None:
    page = render_report(general, "html", "nl")
    terms = sorted({i.type for i in general.interventions if i.type}, key=str.casefold)
    assert _headings(page) == [(term, "nl") for term in terms]
    assert 'scope="rowgroup" lang=' not in page  # nothing marked: all of it is Dutch
    assert _expected(general, "nl") == [(term, "nl") for term in terms]
    assert _md_types(render_report(general, "md", "nl")) == [md_text(t) for t in terms]


SMALL = """\
id: klein
title: Klein model
language: nl
phases:
  - id: werving
    name: Werving
partners:
  - id: gemeente
    name: Gemeente
interventions:
  - id: voorlichting
    name: Voorlichting
    phases: [werving]
    partners: [gemeente]
    type: zorg
  - id: losse
    name: Zonder type
    phases: [werving]
    partners: [gemeente]
  - id: opsporing
    name: Opsporing
    phases: [werving]
    partners: [gemeente]
    type: strafrecht
  - id: hulp
    name: Hulp
    phases: [werving]
    partners: [gemeente]
    type: hulpverlening
  - id: melding
    name: Melding
    phases: [werving]
    partners: [gemeente]
    type: Aangifte
"""

VOCABULARY = """\
vocabulary:
  types:
    zorg: {en: care}
    hulpverlening: {en: care}
    strafrecht: {nl: Strafrecht, en: criminal law}
"""


def test_a_model_without_vocabulary_shows_its_types_as_written(write_model: Any) -> None:
    model = load_model(write_model(SMALL), use_cache=False).model
    assert model.vocabulary is None
    types = ["Aangifte", "hulpverlening", "strafrecht", "zorg"]
    english = render_report(model, "html", "en")
    assert _headings(english) == [*((t, "nl") for t in types), ("(no type)", "en")]
    assert '<th colspan="2" scope="rowgroup">Aangifte (1)</th>' in english  # as its tbody
    dutch = render_report(model, "html", "nl")
    assert _headings(dutch) == [*((t, "nl") for t in types), ("(zonder type)", "nl")]
    assert 'scope="rowgroup" lang=' not in dutch
    assert _md_types(render_report(model, "md", "en")) == [*types, "(no type)"]
    unnamed = load_model(
        write_model(SMALL.replace("language: nl\n", ""), "unnamed.yaml"), use_cache=False
    ).model
    # a model that names no language is taken as Dutch, its types with it
    assert _headings(render_report(unnamed, "html", "en"))[0] == ("Aangifte", "nl")


def test_labels_in_the_pages_language_and_the_models_own(write_model: Any) -> None:
    model = load_model(write_model(SMALL + VOCABULARY), use_cache=False).model
    # by the label shown; a type with no English label is shown as written, in the model's
    # language; two types labelled 'care' are one group, its barriers in the model's order
    page = render_report(model, "html", "en")
    assert _headings(page) == [
        ("Aangifte", "nl"),
        ("care", "en"),
        ("criminal law", "en"),
        ("(no type)", "en"),
    ]
    assert re.findall(r'scope="rowgroup" lang="en">care \((\d+)\)', page) == ["2"]
    assert page.index("Voorlichting</td>") < page.index("Hulp</td>")
    assert _md_types(render_report(model, "md", "en")) == [
        "Aangifte",
        "care",
        "criminal law",
        "(no type)",
    ]
    # a label for the model's own language is what the Dutch page shows
    assert _headings(render_report(model, "html", "nl")) == [
        ("Aangifte", "nl"),
        ("hulpverlening", "nl"),
        ("Strafrecht", "nl"),
        ("zorg", "nl"),
        ("(zonder type)", "nl"),
    ]


def _hostile_vocabulary(tmp_path: Path) -> Model:
    """The hostile model (payloads in every text) with a vocabulary of payloads: its types
    and sectors (payloads already) labelled in English with other payloads."""
    data = hostile_model_data()
    labels = iter(reversed(PAYLOADS * 2))
    data["vocabulary"] = {
        "types": {i["type"]: {"en": next(labels)} for i in data["interventions"]},
        "sectors": {p["sector"]: {"en": next(labels)} for p in data["partners"]},
    }
    data["interventions"][-1]["type"] = "</th></tr></tbody><tbody data-pwned=1><tr><th>"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))
    return load_model(path, use_cache=False).model


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_terms_and_labels_are_shown_as_text(tmp_path: Path, lang: str) -> None:
    model = _hostile_vocabulary(tmp_path)
    page = render_report(model, "html", lang)
    parser = _Headings()
    parser.feed(page)
    for tag, attributes in parser.tags:
        assert tag not in {"script", "img", "svg", "iframe", "style", "base", "meta"} or (
            tag in {"style", "meta"} and "data-pwned" not in attributes
        ), (tag, attributes)
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert "data-pwned" not in attributes and attributes.get("id") != "pwned"
    # each the text it is: escaped once, never parsed, never escaped twice
    assert _headings(page) == _expected(model, lang)
    assert any(label == PAYLOADS[-1] for label, _ in _expected(model, "en"))
    text = render_report(model, "md", lang)
    assert _md_types(text) == [md_text(label) for label, _ in _expected(model, lang)]
    assert set(re.findall(r"(?<![\\(])<[^ ]{0,3}", text)) <= {"<br>"}


def test_the_english_site_shows_english_types(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli(
        "--no-cache", "site", MODELS / "loverboys-general.yaml", "-o", out, "--lang", "en"
    )
    assert result.code == 0, result.err
    general = load_model(MODELS / "loverboys-general.yaml", use_cache=False).model
    report = (out / "loverboys-general-report.html").read_text(encoding="utf-8")
    assert _headings(report) == _expected(general, "en")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and 'href="loverboys-general-report.html"' in index


@pytest.mark.browser
def test_hostile_vocabulary_in_the_browser(guarded: GuardedPage, tmp_path: Path) -> None:
    model = _hostile_vocabulary(tmp_path)
    path = tmp_path / "report.html"
    path.write_text(render_report(model, "html", "en"), encoding="utf-8")
    guarded.open(path, wait_ready=False)
    page = guarded.page
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('[data-pwned], #pwned').length") == 0
    assert page.evaluate("document.scripts.length") == 0
    shown = page.evaluate(
        """[...document.querySelectorAll('th[scope=rowgroup]')].map(th =>
            [th.textContent.replace(/ \\(\\d+\\)$/, ''), th.closest('[lang]').lang])"""
    )
    assert [tuple(pair) for pair in shown] == _expected(model, "en")
    assert guarded.dialogs == [], f"the page opened dialogs: {guarded.dialogs}"


@pytest.mark.browser  # a real client of the pages, like the browser tests
def test_reports_with_vocabularies_have_no_html_errors(write_model: Any, tmp_path: Path) -> None:
    vnu_jar()
    models = [
        _hostile_vocabulary(tmp_path),
        load_model(write_model(SMALL + VOCABULARY), use_cache=False).model,
    ]
    files = []
    for n, model in enumerate(models):
        for lang in ("nl", "en"):
            files.append(tmp_path / f"report-{n}-{lang}.html")
            files[-1].write_text(render_report(model, "html", lang), encoding="utf-8")
    assert html_errors(files) == []


PAGE_SOURCES = [
    "barriers/report.py",
    "barriers/report_local.py",
    "barriers/report_nl.py",
    "barriers/session.py",
    "barriers/site.py",
    "barriers/notes.py",
]


def test_the_pages_read_types_and_sectors_only_to_show_their_labels() -> None:
    """A report, session report or site page that shows a model's type or sector takes it
    from ``pages.shown_term`` (through ``report.type_groups``): no other code of the pages
    reads an item's ``type`` or ``sector``, and no template does."""
    import ast

    root = MODELS.parent
    readers = []
    for source in PAGE_SOURCES:
        tree = ast.parse((root / source).read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and node.attr in ("type", "sector"):
                    readers.append((source, function.name))
    assert readers == [("barriers/report.py", "type_groups")]
    for template in sorted((root / "barriers/templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\.(type|sector)\b|\[['\"](type|sector)['\"]\]", text), template
