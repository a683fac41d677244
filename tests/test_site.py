"""`barriers site`: every model's map and report, and an index that links them."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from barriers import analysis, load_model
from barriers.site import build_site, documentation_url
from tests.browser_support import GuardedPage
from tests.helpers import DATA, EXAMPLE, MODELS, run_cli
from tests.payloads import hostile_model_yaml

EDGE = DATA / "export-edge-cases.yaml"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.rows: list[str] = []
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = str(dict(attrs).get("href"))
        if tag == "a" and href != documentation_url():  # the one link off the site
            self.links.append(href)
        if tag == "tr":
            self._row = []
        if tag in ("td", "th", "br") and self._row is not None:
            self._row.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join("".join(self._row).split()))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row is not None:
            self._row.append(data)


def _index(folder: Path) -> _Links:
    parser = _Links()
    parser.feed((folder / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    shutil.copy(EDGE, folder / "edge.yaml")
    shutil.copy(EXAMPLE, folder / "example.yaml")
    shutil.copy(DATA / "example-variant.yaml", folder / "example-variant.yaml")
    (folder / "broken.yaml").write_text("id: broken\ntitle: Broken\nphases: []\n", encoding="utf-8")
    return folder


def test_site_of_a_folder(models_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    paths = sorted(models_dir.glob("*.yaml"))
    entries = build_site(paths, out, use_cache=False, lang="en")
    assert [e.id for e in entries] == [None, "randgevallen", "example-variant", "example"]
    assert sorted(p.name for p in out.iterdir()) == [
        "example-report.html",
        "example-variant-report.html",
        "example-variant.html",
        "example.html",
        "index.html",
        "randgevallen-report.html",
        "randgevallen.html",
    ]
    index = _index(out)
    for link in index.links:  # every link on the index leads to a page of the site
        assert (out / link).is_file(), link
    assert set(index.links) == {p.name for p in out.iterdir()} - {"index.html"}
    rows = index.rows
    assert rows[0] == "Model Variant Phases Partners Interventions Gaps Pages"
    assert rows[1].startswith("broken.yaml: not on the site (")
    assert "phases must not be empty" in rows[1]
    edge = load_model(EDGE).model
    assert rows[2] == (f"{edge.title} randgevallen =test 4 3 3 uncovered: + nazorg map · report")
    variant = load_model(DATA / "example-variant.yaml").model
    assert rows[3].startswith(f"{variant.title} example-variant ")
    assert "variant of example" in rows[3]


def test_site_pages_are_the_map_and_the_report(tmp_path: Path) -> None:
    from barriers.map.render import map_html
    from barriers.report import render_report

    out = tmp_path / "site"
    build_site([EDGE], out, use_cache=False, lang="en")
    model = load_model(EDGE).model
    assert (out / "randgevallen.html").read_text(encoding="utf-8") == map_html(model, lang="en")
    assert (out / "randgevallen-report.html").read_text(encoding="utf-8") == render_report(
        model, "html", "en"
    )


def test_site_is_deterministic(tmp_path: Path) -> None:
    build_site([EDGE, EXAMPLE], tmp_path / "a", use_cache=False)
    build_site([EDGE, EXAMPLE], tmp_path / "b", use_cache=False)
    for page in (tmp_path / "a").iterdir():
        assert page.read_bytes() == (tmp_path / "b" / page.name).read_bytes(), page.name


def test_same_id_twice_keeps_the_first(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(EXAMPLE, copy)
    entries = build_site([EXAMPLE, copy], tmp_path / "site", use_cache=False)
    assert [e.id for e in entries] == ["example", None]
    assert entries[1].problems[0].message.startswith("model id 'example' is also the id of ")
    assert entries[1].problems[0].severity == "warning"


def test_site_command_default_folder_is_outputs(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("site", EXAMPLE)
    assert result.code == 0, result.err
    assert result.err == f"wrote {Path('outputs') / 'index.html'} (1 model(s))\n"
    assert (tmp_path / "outputs" / "example.html").is_file()


def test_site_command_with_models_dir_reports_broken_models(
    models_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = run_cli("--models-dir", models_dir, "site", "-o", out)
    assert result.code == 1
    assert "broken.yaml:3:9: model: phases must not be empty" in result.err
    bundled = len(list(MODELS.glob("*.yaml")))
    assert f"({3 + bundled} model(s))" in result.err
    index = _index(out)
    for path in MODELS.glob("*.yaml"):
        model_id = load_model(path).model.id
        assert f"{model_id}.html" in index.links and f"{model_id}-report.html" in index.links


def test_site_index_counts_and_gaps_match_the_analysis(tmp_path: Path) -> None:
    out = tmp_path / "site"
    paths = sorted(MODELS.glob("*.yaml"))
    entries = build_site(paths, out)
    for entry in entries:
        model = load_model(entry.path).model
        gaps = analysis.gaps(model)
        assert entry.counts == {
            "phases": len(model.phases),
            "partners": len(model.partners),
            "interventions": len(model.interventions),
        }
        assert entry.uncovered == tuple(model.phase(p).name for p in gaps["uncovered"])
        assert entry.single_partner == tuple(model.phase(p).name for p in gaps["single_partner"])


def test_site_index_escapes_hostile_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_model_yaml(), encoding="utf-8")
    build_site([path], tmp_path / "site", use_cache=False)
    text = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r"<(\w+)", text)) == {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "p",
        "table",
        "thead",
        "tr",
        "th",
        "tbody",
        "td",
        "a",
        "br",
        "small",
        "code",
        "span",
        "footer",
    }
    assert not re.search(r"<[^>]*\s(on\w+|data-pwned)=", text)
    assert re.findall(r'href="([^"]*)"', text) == [
        "hostile.html",
        "hostile.html",
        "hostile-report.html",
        *[url for url in [documentation_url()] if url],
    ]


@pytest.mark.browser
def test_hostile_site_in_the_browser(guarded: GuardedPage, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_model_yaml(), encoding="utf-8")
    build_site([path, EXAMPLE], tmp_path / "site", use_cache=False, lang="en")
    page = guarded.page
    guarded.open(tmp_path / "site" / "index.html", wait_ready=False)
    assert page.title() == "Barrier models"
    found = "document.querySelectorAll('[data-pwned], #pwned, script').length"
    assert page.evaluate(found) == 0
    page.click("a[href='hostile-report.html']")  # offline navigation between pages
    page.wait_for_load_state()
    assert page.url.endswith("/hostile-report.html")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('[data-pwned], #pwned').length") == 0
    page.go_back()
    page.click("a[href='example.html'] >> nth=1")
    page.wait_for_load_state()
    assert page.url.endswith("/example.html")
    page.evaluate("window.barriersMap.ready")
    assert guarded.dialogs == [], f"the page opened dialogs: {guarded.dialogs}"


def test_no_page_replaces_another(tmp_path: Path) -> None:
    """Ids 'index' and 'good-report' would write over the index and good's report: refused.

    As with two files of one id, the model given first keeps the name.
    """
    folder = tmp_path / "models"
    folder.mkdir()
    for model_id in ("good", "good-report", "index", "other"):
        (folder / f"{model_id}.yaml").write_text(
            f"# {model_id}\nid: {model_id}\ntitle: Title of {model_id}\n"
            "phases:\n  - id: a\n    name: A\n"
        )
    out = tmp_path / "site"
    order = [folder / f"{i}.yaml" for i in ("good", "good-report", "index", "other")]
    result = run_cli("--no-cache", "site", *order, "-o", out)
    assert result.code == 1
    good_report, index = folder / "good-report.yaml", folder / "index.yaml"
    assert result.err.splitlines()[:2] == [
        f"{good_report}:2:5: model id 'good-report' cannot go on the site: its page "
        "good-report.html would replace the report of 'good'; give this model another id",
        f"{index}:2:5: model id 'index' cannot go on the site: its page index.html would "
        "replace the site's index; give this model another id",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "good-report.html",
        "good.html",
        "index.html",
        "other-report.html",
        "other.html",
    ]
    assert "Title of good" in (out / "good-report.html").read_text(encoding="utf-8")
    links = [link for link in _index(out).links if "://" not in link]  # pages, not the docs
    assert set(links) == {"good.html", "good-report.html", "other.html", "other-report.html"}
    for link in links:
        assert (out / link).is_file()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_site_pages_speak_the_sites_language(tmp_path: Path, lang: str) -> None:
    from barriers.site import WORDS

    out = tmp_path / "site"
    result = run_cli("--no-cache", "site", EDGE, EXAMPLE, "-o", out, "--lang", lang)
    assert result.code == 0, result.err
    other = "en" if lang == "nl" else "nl"
    for page in sorted(out.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in text, page.name  # map, report and index alike
    index = (out / "index.html").read_text(encoding="utf-8")
    heads = [html.unescape(h) for h in re.findall(r'<th scope="col">([^<]*)</th>', index)]
    words = WORDS[lang]
    assert heads == [
        words[k]
        for k in ("model", "variant", "phases", "partners", "interventions", "gaps", "pages")
    ]
    assert f"<h1>{words['title']}</h1>" in index and WORDS[other]["title"] not in index
    assert f">{words['report']}</a>" in index
    # the bundled models are Dutch: marked as such on the English index only
    assert ('lang="nl"' in index.replace('<html lang="nl">', "")) is (lang == "en")
