"""`barriers report`: the analyses' answers on one page, HTML and markdown, safe with any text."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from markupsafe import escape

from barriers import analysis, load_model
from barriers.model import Model
from barriers.report import render_report, report_data, report_html, report_markdown
from tests.browser_support import GuardedPage
from tests.helpers import DATA, MODELS, run_cli
from tests.payloads import HOSTILE_URL, hostile_model_yaml

EDGE = DATA / "export-edge-cases.yaml"

# Gemeente alone acts on 'werving' (indispensable); nobody on 'nazorg' (uncovered).
SMALL = """\
id: klein
title: Klein model
variant: test
phases:
  - id: werving
    name: Werving
  - id: uitbuiting
    name: Uitbuiting
  - id: nazorg
    name: Nazorg
partners:
  - id: gemeente
    name: Gemeente
  - id: politie
    name: Politie
  - id: school
    name: School
interventions:
  - id: voorlichting
    name: Voorlichting
    phases: [werving]
    partners: [gemeente]
    type: preventie
    technique: alert-conscience
  - id: opsporing
    name: Opsporing
    phases: [uitbuiting]
    partners: [politie, school]
    type: strafrecht
  - id: toezicht
    name: Toezicht
    phases: [uitbuiting]
    partners: [politie]
    type: strafrecht
"""


@pytest.fixture
def small(write_model: Any) -> Model:
    return load_model(write_model(SMALL, "klein.yaml"), use_cache=False).model


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Model:
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(hostile_model_yaml(), encoding="utf-8")
    return load_model(path, use_cache=False).model


_BLOCKS = {"p", "li", "td", "th", "tr", "h1", "h2", "h3", "ul", "ol", "table", "b"}


class _Page(HTMLParser):
    """What a browser would build from the page: tags, attributes, text per element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self._section: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in _BLOCKS:
            self.handle_data(" ")
        if tag == "section":
            self._section = dict(attrs).get("id")
            self.sections[str(self._section)] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._section is not None:
            self.sections[self._section].append(data)

    def section(self, key: str) -> str:
        return " ".join("".join(self.sections[key]).split())


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


# -- the data ------------------------------------------------------------------------------------


def test_report_data_is_the_analyses_answers(small: Model) -> None:
    report = report_data(small)
    assert report.summary == analysis.summary(small)
    assert report.gaps == analysis.gaps(small, min_partners=2)
    assert [row["id"] for row in report.gaps["thin"]] == ["werving", "nazorg"]
    assert report.cover == analysis.cover(small)
    assert report.centrality == analysis.centrality(small)
    assert report.routes == analysis.routes(small, limit=5)
    assert report.mechanisms == analysis.mechanisms(small)
    assert report.resilience == analysis.resilience(small)
    for entry in report.whatif:
        assert entry == analysis.whatif(small, entry["without"])
    assert report.indispensable == ["gemeente"]
    assert [w["without"] for w in report.whatif] == [["gemeente"], ["politie"], ["school"]]


# -- HTML ----------------------------------------------------------------------------------------


def test_html_report_sections_and_figures(small: Model) -> None:
    page = _parse(render_report(small, "html", "en"))
    assert [a.get("id") for t, a in page.tags if t == "section"] == [
        "summary",
        "gaps",
        "coverage",
        "whatif",
        "cover",
        "resilience",
        "routes",
        "centrality",
        "mechanisms",
        "table",
        "sources",
    ]
    summary = page.section("summary")
    assert "3 phases 3 partners 3 interventions 1 uncovered phases 1 single-partner" in summary
    assert "2 thin phases (fewer than 2 partners)" in summary
    assert "1 indispensable partners" in summary
    assert "0 fewest drop-outs that empty a phase" in summary  # nazorg has nothing to lose
    assert "3 distinct barriers on the weakest route" in summary
    gaps = page.section("gaps")
    assert "as barriers gaps --min-partners 2 does" in gaps
    assert "Nazorg nazorg 0 0 UNCOVERED" in gaps
    assert "Werving werving 1 1 one partner: Gemeente" in gaps
    assert "Thin phases (fewer than 2 partners): Werving (1 barrier(s), 1 partner(s))" in gaps
    assert "Gemeente 1 · · Politie · 2 · School · 1 · All partners 1 2 0" in page.section(
        "coverage"
    )
    assert "1 partner(s) are indispensable" in page.section("whatif")
    assert "indispensable: Gemeente Werving 1 —" in page.section("whatif")
    assert "Politie — 1 Uitbuiting (2→1)" in page.section("whatif")  # school still helps
    assert "they answer different questions" in page.section("whatif")
    cover = analysis.cover(small)
    assert f"{len(cover['partners'])} partner(s) (proven minimal)" in page.section("cover")
    assert "Uncoverable phases (no intervention): Nazorg" in page.section("cover")
    assert "they answer different questions" not in page.section("cover")  # said once
    assert "Nazorg nazorg 0 (already uncovered) Werving werving 1 Gemeente" in page.section(
        "resilience"
    )
    assert "Uitbuiting uitbuiting 2 Politie, School" in page.section("resilience")
    routes = page.section("routes")
    assert "out of 1 route(s): 3 distinct barriers act on its phases" in routes
    assert "(a barrier acting on several of them counts once)" in routes
    assert "Werving (1) Uitbuiting (2) Nazorg (0)" in routes
    assert "1 Gemeente gemeente 1 1 1 1" in page.section("centrality")
    assert "Werving 0 0 0 0 1 0" in page.section("mechanisms")  # alert-conscience
    table = page.section("table")
    assert "preventie (1) Voorlichting Gemeente" in table
    assert "strafrecht (2) Opsporing Politie School Toezicht Politie" in table


def test_html_report_is_self_contained_and_deterministic(small: Model) -> None:
    text = render_report(small, "html")
    assert text == render_report(small, "html")
    page = _parse(text)
    assert not [t for t, _ in page.tags if t in ("script", "link", "img", "iframe", "object")]
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and csp.startswith("default-src 'none'; style-src 'unsafe-inline'")
    assert "@page wide { size: A4 landscape" in text and "@media print" in text
    assert "--uncovered: #9b1c1c" in text  # the map's colours


def test_html_report_escapes_hostile_text(hostile: Model) -> None:
    text = report_html(report_data(hostile))
    page = _parse(text)
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p"}
    allowed |= {"nav", "ol", "ul", "li", "a", "section", "table", "thead", "tbody", "tfoot"}
    allowed |= {"tr", "th", "td", "b", "span", "code", "div", "footer", "colgroup", "col"}
    assert {t for t, _ in page.tags} <= allowed
    for tag, attributes in page.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert "data-pwned" not in attributes and attributes.get("id") != "pwned"
        if tag == "a":
            href = attributes["href"] or ""
            assert href.startswith(("#", "https://", "http://")), href
    shown = "".join(page.text)
    assert hostile.title in shown  # shown as the text it is
    for item in (*hostile.phases, *hostile.partners, *hostile.interventions):
        assert item.name in shown
    assert text.count("<title>") == 1
    links = [a["href"] for t, a in page.tags if t == "a" and not str(a["href"]).startswith("#")]
    # the sources' addresses, percent-encoded where an address may not hold a character
    assert [unquote(str(link)) for link in links] == [HOSTILE_URL, HOSTILE_URL]
    assert not any(c in str(link) for link in links for c in '"<> ')


def test_html_report_of_a_model_without_interventions(write_model: Any) -> None:
    model = load_model(
        write_model("id: leeg\ntitle: Leeg\nlanguage: '\"><x'\nphases:\n  - id: a\n    name: A\n"),
        use_cache=False,
    ).model
    text = render_report(model, "html", "en")
    assert '<html lang="en">' in text  # the page's language is its words'
    assert '"><x' not in text  # a model language that is not a tag is put nowhere
    page = _parse(text)
    assert "No interventions in this model yet." in page.section("table")
    assert "The model cites no sources." in page.section("sources")


# -- markdown ------------------------------------------------------------------------------------


def test_markdown_report(small: Model) -> None:
    text = report_markdown(report_data(small), "en")
    assert text.startswith("# Klein model\n\nModel `klein`. Variant: test.\n")
    assert "| uncovered phases | 1 |" in text
    assert "| Nazorg | nazorg | 0 | 0 | UNCOVERED |" in text
    assert "| Werving | werving | 1 | 1 | one partner: Gemeente |" in text
    assert "(as `barriers gaps --min-partners 2` does)" in text
    assert "| indispensable: Gemeente | Werving | 1 | — |" in text
    assert "| Politie | · | 2 | · |" in text
    assert "| 1 | 3 | 3 | Werving -\\> Uitbuiting -\\> Nazorg |" in text
    assert "**3** distinct barriers act on its phases" in text
    assert "| Uitbuiting | uitbuiting | 2 | Politie, School |" in text
    assert "| strafrecht | Opsporing |  | Politie<br>School |  |" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_report_escapes_hostile_text(hostile: Model, lang: str) -> None:
    text = report_markdown(report_data(hostile), lang)
    # every '<' is escaped, except the line breaks the report puts in table cells and the
    # '<' that opens a link's address (whose own '<' and '>' are percent-encoded)
    assert set(re.findall(r"(?<![\\(])<[^ ]{0,3}", text)) <= {"<br>"}
    assert "\\<script\\>" in text
    assert "](javascript:" not in text
    assert f"]({HOSTILE_URL})" not in text and f"](<{HOSTILE_URL}>)" not in text


def test_markdown_report_links_plain_urls(write_model: Any) -> None:
    model = load_model(EDGE, use_cache=False).model
    for lang in ("nl", "en"):
        text = render_report(model, "md", lang)
        assert (
            '- `bron-een`: [Rapport "Zicht op ketens", deel 1](<https://example.invalid/rapport?a=1&b=2>)'
            in text
        )
        assert "- `bron-twee`: \\-5 redenen" in text


def test_dutch_markdown_report(small: Model) -> None:
    text = report_markdown(report_data(small), "nl")
    assert text.startswith("# Klein model\n\nModel `klein`. Variant: test.\n")
    assert "## Samenvatting\n\n| cijfer | waarde |" in text
    assert "| fasen zonder barrière | 1 |" in text
    assert "| Nazorg | nazorg | 0 | 0 | GEEN BARRIÈRE |" in text
    assert "| Werving | werving | 1 | 1 | één partner: Gemeente |" in text
    assert "(zoals `barriers gaps --min-partners 2`)" in text
    assert "| onmisbaar: Gemeente | Werving | 1 | — |" in text
    assert "er werken **3** verschillende barrières op haar fasen" in text
    assert "| Uitbuiting | uitbuiting | 2 | Politie, School |" in text
    assert "| type | barrière | Werving | Uitbuiting | Nazorg |" in text
    assert "| strafrecht | Opsporing |  | Politie<br>School |  |" in text


def _md_labels(text: str) -> list[str]:
    """The headings (after the model's title) and the table headers of a markdown report."""
    lines = text.splitlines()
    labels = [line.lstrip("#").strip() for line in lines[1:] if line.startswith("#")]
    for above, line in itertools.pairwise(lines):
        if line.startswith("| ---"):
            labels += [cell.strip() for cell in above.strip("|").split("|")]
    return labels


def _vocabulary(lang: str) -> set[str]:
    """Every word the report (and its local section) may say in ``lang``."""
    from barriers.analysis.local import STATE_WORDS
    from barriers.analysis.tables import SHORT_MECHANISM
    from barriers.notes import KIND_WORDS
    from barriers.report import WORDS
    from barriers.report_local import WORDS as LOCAL_WORDS
    from barriers.report_nl import HEADERS

    local = set(LOCAL_WORDS[lang].values())
    return (
        set(WORDS[lang].values())
        | local
        | {word.lower() for word in local}
        | (set(HEADERS.values()) if lang == "nl" else set(HEADERS))
        | set(KIND_WORDS[lang].values())
        | {pair[0 if lang == "nl" else 1] for pair in STATE_WORDS.values()}
        | set(SHORT_MECHANISM.values())
        | {"#", "\\#"}
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_report_speaks_its_language(write_model: Any, lang: str) -> None:
    from tests.local_models import BASE, PROFILE

    write_model(BASE, "dorp-basis.yaml")
    models = [
        load_model(write_model(SMALL, "klein.yaml"), use_cache=False).model,
        load_model(write_model(PROFILE, "testdorp.yaml"), use_cache=False).model,
    ]
    other = "en" if lang == "nl" else "nl"
    theirs = {w for w in _vocabulary(other) - _vocabulary(lang) if len(w) > 3}
    for model in models:
        text = render_report(model, "md", lang)
        names = {item.name for item in (*model.phases, *model.partners, *model.interventions)}
        # every heading and table header is one of our words in ``lang``, or a name
        assert set(_md_labels(text)) - _vocabulary(lang) - names == set()
        # ...and none of the other language's words is said anywhere (as a word) but in names
        ours = text
        for name in sorted(names, key=len, reverse=True):
            ours = ours.replace(name, "")
        said = [w for w in theirs if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", ours)]
        assert said == []
        # the model's text is the same in both languages
        there = render_report(model, "md", other)
        for name in names:
            assert text.count(name) == there.count(name), name


# -- the command ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix, start", [(".html", "<!DOCTYPE html>"), (".md", "# Barri")])
def test_report_command_format_from_suffix(tmp_path: Path, suffix: str, start: str) -> None:
    target = tmp_path / f"report{suffix}"
    result = run_cli("report", MODELS / "loverboys-general.yaml", "-o", target)
    assert result.code == 0, result.err
    assert result.err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith(start)


def test_report_command_to_stdout(small: Model, write_model: Any) -> None:
    path = write_model(SMALL, "klein.yaml")
    assert run_cli("report", path).out == render_report(small, "html")
    assert run_cli("report", path, "--format", "md").out == render_report(small, "md")


def test_report_command_invalid_model(write_model: Any, tmp_path: Path) -> None:
    bad = write_model("id: bad\ntitle: Bad\nphases: []\n", "bad.yaml")
    result = run_cli("report", bad, "-o", tmp_path / "r.html")
    assert result.code == 1
    assert "bad.yaml:3:9: model: phases must not be empty" in result.err
    assert not (tmp_path / "r.html").exists()


# -- in a real browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_hostile_report_runs_nothing_in_the_browser(
    guarded: GuardedPage, hostile: Model, tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    path.write_text(report_html(report_data(hostile)), encoding="utf-8")
    guarded.open(path, wait_ready=False)
    page = guarded.page
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('[data-pwned], #pwned').length") == 0
    assert page.evaluate("document.scripts.length") == 0
    assert page.title().startswith("</title><script>")
    assert page.evaluate("window.__cspViolations") == []
    assert page.inner_text("h1") == hostile.title
    assert page.pdf(format="A4").startswith(b"%PDF")
    assert guarded.dialogs == [], f"the page opened dialogs: {guarded.dialogs}"


# The content width of an A4 page at 96 CSS px per inch, less the report's @page margins.
PORTRAIT_PX = (210 - 2 * 14) / 25.4 * 96  # 687.9
LANDSCAPE_PX = (297 - 2 * 10) / 25.4 * 96  # 1046.9
_TOO_WIDE = """(width) => [...document.querySelectorAll(SELECTOR)].filter(t =>
    t.getBoundingClientRect().right > width + 0.5 || t.scrollWidth > t.clientWidth + 1
  ).map(t => t.closest('section').id)"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_prints_every_table_within_its_page(
    guarded: GuardedPage, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "report.html"
    model = load_model(MODELS / "loverboys-general.yaml").model
    path.write_text(render_report(model, "html", lang), encoding="utf-8")
    guarded.open(path, wait_ready=False)
    page = guarded.page
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    wide = page.evaluate(
        "[...document.querySelectorAll('section')].filter(s => getComputedStyle(s).page === 'wide')"
        ".map(s => s.id)"
    )
    assert wide == ["coverage", "table"]  # the two grids of phases across print landscape
    # each table laid out at its page's width is no wider than it (nothing cut off the right)
    page.set_viewport_size({"width": int(PORTRAIT_PX), "height": 1000})
    portrait = _TOO_WIDE.replace("SELECTOR", "'section:not(.wide) table'")
    assert page.evaluate(portrait, PORTRAIT_PX) == []
    page.set_viewport_size({"width": int(LANDSCAPE_PX), "height": 700})
    assert page.evaluate(_TOO_WIDE.replace("SELECTOR", "'section.wide table'"), LANDSCAPE_PX) == []
    columns = page.evaluate("document.querySelectorAll('.barrier-table thead th').length")
    assert columns == len(model.phases) + 1
    heads = page.evaluate(
        "[...document.querySelectorAll('thead')].map(t => getComputedStyle(t).display)"
    )
    assert len(heads) == page.evaluate("document.querySelectorAll('table').length")
    assert set(heads) == {"table-header-group"}  # repeated on every page
    # headers and matrix colours print with the browser's default (no backgrounds) setting
    adjust = "getComputedStyle(document.querySelector(%r)).printColorAdjust"
    assert page.evaluate(adjust % "thead th") == "exact"
    assert page.evaluate(adjust % "td.hit") == "exact"
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    landscape = [w for w, h in sizes if float(w) > float(h)]
    assert sizes and landscape and len(landscape) < len(sizes)  # A4 portrait, then landscape
    assert guarded.dialogs == [], f"the page opened dialogs: {guarded.dialogs}"


# -- the page's language -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_report_speaks_the_pages_language(small: Model, lang: str) -> None:
    from barriers.report import SECTION_KEYS, WORDS

    text = render_report(small, "html", lang)
    page = _parse(text)
    assert f'<html lang="{lang}">' in text
    other = WORDS["en" if lang == "nl" else "nl"]
    shown = " ".join("".join(page.text).split())
    for key in SECTION_KEYS:
        if key not in ("local", "notes", "checklist"):  # the small model has none of them
            assert f"{WORDS[lang][key]}" in shown
        if other[key] != WORDS[lang][key]:
            assert other[key] not in shown, other[key]
    # the small model is Dutch: on the English page its text is marked so
    assert set(re.findall(r'lang="([^"]+)"', text)) == {lang, "nl"}
    assert ('<h1 lang="nl">' in text) is (lang == "en")
    names = {item.name for item in (*small.phases, *small.partners, *small.interventions)}
    # every header is the page's word or a name from the model, in every table
    from barriers.report_nl import HEADERS

    words = set(HEADERS.values()) if lang == "nl" else set(HEADERS)
    words |= {"effort+", "risks+", "rewards-", "provocations-", "excuses-", "#"}
    heads = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', text)
    barrier_word = WORDS[lang]["barrier"]
    assert set(heads) - words - names - {barrier_word} <= {
        f"{n}. {p.name}" for n, p in enumerate(small.phases, 1)
    }


def test_the_dutch_report_says_what_the_english_one_says(small: Model) -> None:
    nl, en = _parse(render_report(small, "html", "nl")), _parse(render_report(small, "html", "en"))
    summary = nl.section("summary")
    assert "3 fasen 3 partners 3 interventies 1 fasen zonder barrière 1 fasen met één" in summary
    assert "2 dunne fasen (minder dan 2 partners)" in summary
    gaps = nl.section("gaps")
    assert "Fase Id Interventies Partners Waarschuwing" in gaps
    assert "Nazorg nazorg 0 0 GEEN BARRIÈRE" in gaps
    assert "Werving werving 1 1 één partner: Gemeente" in gaps
    assert "Dunne fasen (minder dan 2 partners): Werving (1 barrière(s), 1 partner(s))" in gaps
    assert "onmisbaar: Gemeente Werving 1 —" in nl.section("whatif")
    assert "1 partner(s) zijn onmisbaar" in nl.section("whatif")
    assert "Alle partners 1 2 0" in nl.section("coverage")
    assert "Nazorg nazorg 0 (al zonder barrière)" in nl.section("resilience")
    assert "Fasen die niemand kan dekken (geen interventie): Nazorg" in nl.section("cover")
    assert "ze beantwoorden verschillende vragen" not in nl.section("cover")  # said once
    # the same answers: every figure and every table row, in the same places
    for key in ("summary", "gaps", "coverage", "whatif", "cover", "resilience", "routes"):
        figures = re.findall(r"\d+", nl.section(key)), re.findall(r"\d+", en.section(key))
        assert figures[0] == figures[1], key
    # the same elements, but for the English page's note that the model's text is Dutch and
    # the spans that mark its own words among that text
    assert nl.text.count(" ") > 0
    elements = [t for t, _ in nl.tags if t != "span"]
    note = elements.index("nav")
    assert [*elements[:note], "p", *elements[note:]] == [t for t, _ in en.tags if t != "span"]


def test_model_text_is_marked_with_the_models_language(write_model: Any) -> None:
    english = SMALL.replace("title: Klein model\n", "title: Small model\nlanguage: en\n")
    model = load_model(write_model(english, "small.yaml"), use_cache=False).model
    text = render_report(model, "html", "nl")
    assert '<html lang="nl">' in text
    assert '<h1 lang="en">Small model</h1>' in text
    assert text.count('<tbody lang="en">') == text.count("<tbody")  # the rows are its names
    assert "De teksten uit het model staan in de taal van het model." in text
    assert "<h1>Small model</h1>" in render_report(model, "html", "en")


def test_the_pages_own_words_among_the_models_text_carry_the_pages_language(
    small: Model,
) -> None:
    text = render_report(small, "html", "en")  # a Dutch model on an English page
    assert '<td><span lang="en">UNCOVERED</span></td>' in text
    assert '<td><span lang="en">one partner: </span>Gemeente</td>' in text
    assert '<td><span lang="en">indispensable: </span>Gemeente</td>' in text
    assert '<td><span lang="en">All partners</span></td>' in text
    # on the Dutch page nothing is marked: words and names are in the same language
    dutch = render_report(small, "html", "nl")
    assert "<td>GEEN BARRIÈRE</td>" in dutch and "<span lang=" not in dutch


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_grids_too_big_for_a_page_are_named_not_drawn(
    small: Model, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import barriers.report

    monkeypatch.setattr(barriers.report, "MAX_GRID_CELLS", 5)  # the small model's 12 and 9
    words = barriers.report.WORDS[lang]
    page = render_report(small, "html", lang)
    matrix = words["too_big_matrix"].format(cells="12").split("`")
    table = words["too_big_table"].format(barriers="3", phases="3").split("`")
    assert f"<p>{matrix[0]}<code>{matrix[1]}</code>{matrix[2]}</p>" in page
    assert f"<p>{table[0]}<code>{table[1]}</code>{table[2]}</p>" in page
    assert 'class="coverage"' not in page and 'class="barrier-table"' not in page
    text = render_report(small, "md", lang)
    assert words["too_big_matrix"].format(cells="12") in text
    assert words["too_big_table"].format(barriers="3", phases="3") in text


def test_report_command_takes_lang(small: Model, write_model: Any) -> None:
    path = write_model(SMALL, "klein.yaml")
    assert run_cli("report", path).out == render_report(small, "html", "nl")
    assert run_cli("report", path, "--lang", "en").out == render_report(small, "html", "en")
    result = run_cli("report", path, "--lang", "de")
    assert result.code == 2 and "'de' is not one of 'nl', 'en'" in result.err


def test_the_cell_words_are_in_one_order_whatever_the_hash_seed() -> None:
    """The analyses' words a cell may start with are tried longest first, and words of one
    length in one order: not in the order a set of strings happens to have in a process."""
    import os
    import subprocess
    import sys

    code = "from barriers.report_nl import CELL_WORDS; print(CELL_WORDS)"
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert len(seen) == 1
    from barriers.report_nl import CELL_WORDS

    assert [len(w) for w in CELL_WORDS] == sorted((len(w) for w in CELL_WORDS), reverse=True)


def test_the_report_shows_the_checklist_and_a_profiles_answers() -> None:
    """The report (and so the site, which writes it) shows a model's checklist: every
    question under its theme with the barriers it is about; a profile's answers, notes and
    open questions too, in HTML and markdown."""
    reference = load_model(MODELS / "loverboys-general.yaml").model
    page = render_report(reference, "html")
    assert '<section id="checklist">' in page
    for theme in reference.checklist:
        assert str(escape(theme.name)) in page
        for q in theme.questions:
            assert str(escape(q.text)) in page
    assert '<th scope="col">Antwoord</th>' not in page  # no answers in a reference model
    profile = load_model(DATA / "example-profile.yaml").model
    for fmt in ("html", "md"):
        text = render_report(profile, fmt)
        assert "3 vragen: 1 ja, 1 deels, 1 nee, 0 onbekend." in text
        assert "alleen politiecijfers" in text
        assert "Opsporing mensenhandel" in text  # a barrier the question is about
        open_mark = "· <strong>open</strong>" if fmt == "html" else "· **open**"
        assert text.count(open_mark) == 2  # kennis-cijfers and samenwerken-opsporing
    english = render_report(profile, "md", "en")
    assert "3 questions: 1 yes, 1 partly, 1 no, 0 unknown." in english
    # a model without a checklist has no such section
    assert '<section id="checklist">' not in render_report(
        load_model(DATA / "graph-one-phase.yaml").model, "html"
    )
