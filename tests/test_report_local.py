"""A profile's report opens with the local picture; the site lists profiles and compares them."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from barriers import load_model
from barriers.report import render_report
from barriers.site import build_site
from tests.browser_support import GuardedPage
from tests.local_models import BASE, OTHER, PROFILE


@pytest.fixture
def folder(write_model: Callable[..., Path]) -> Path:
    write_model(BASE, "dorp-basis.yaml")
    write_model(PROFILE, "testdorp.yaml")
    return write_model(OTHER, "anderdorp.yaml").parent


def _section(page: str, key: str) -> str:
    start = page.index(f'<section id="{key}"')
    return page[start : page.index("</section>", start)]


def test_a_profiles_html_report_opens_with_the_local_picture(folder: Path) -> None:
    page = render_report(load_model(folder / "testdorp.yaml", use_cache=False).model, "html", "en")
    sections = re.findall(r'<section id="([a-z]+)"', page)
    assert sections[:2] == ["local", "summary"]
    assert re.findall(r'<li><a href="#([a-z]+)">', page)[0] == "local"
    local = _section(page, "local")
    counts = re.findall(r"<li><b>(\d+)</b>([a-z ]+)</li>", local)
    assert counts == [
        ("1", "in place"),
        ("1", "partial"),
        ("1", "planned"),
        ("1", "absent"),
        ("1", "not applicable"),
        ("1", "unknown"),
    ]
    gaps = local[local.index("<h3>Local gaps</h3>") : local.index("<h3>Candidates</h3>")]
    # the model's text is marked as Dutch on this English page
    assert re.findall(r'</span> <span lang="nl">(Fase [A-E])</span> ', gaps) == ["Fase C", "Fase D"]
    candidates = re.findall(r'<tr><td lang="nl">(Barrière \d)</td><td>([a-z ]+)</td>', local)
    assert candidates == [
        ("Barrière 4", "planned"),
        ("Barrière 3", "absent"),
        ("Barrière 5", "not applicable"),
    ]
    assert '1 barrier(s), proven minimal: <span lang="nl">Barrière 4</span>.' in local
    plan = local[local.index("<h3>The action plan</h3>") :]
    titles = re.findall(
        r'<td lang="nl">(Barrière 1 versterken|Fase D dichten|Barrière 3 invoeren|Later)', plan
    )
    assert titles == ["Barrière 1 versterken", "Fase D dichten", "Barrière 3 invoeren", "Later"]
    assert plan.count('<span class="tag uncovered">overdue</span>') == 2
    assert plan.count('<span class="tag key">in place</span>') == 1
    assert 'No open or in-progress action addresses: <span lang="nl">Fase D</span>.' in plan


def test_a_model_without_local_has_no_local_section(folder: Path) -> None:
    base = load_model(folder / "dorp-basis.yaml", use_cache=False).model
    page = render_report(base, "html")
    assert 'id="local"' not in page and "#local" not in page
    assert "## The local picture" not in render_report(base, "md", "en")
    assert "## Het lokale beeld" not in render_report(base, "md", "nl")


def test_the_md_report_opens_with_the_local_picture(folder: Path) -> None:
    text = render_report(load_model(folder / "testdorp.yaml", use_cache=False).model, "md", "en")
    assert text.index("## The local picture") < text.index("## Summary")
    assert "- Local gaps: Fase C, Fase D." in text
    assert "- The smallest fix (proven minimal): Barrière 4." in text
    assert "- Local gaps without a plan: Fase D." in text
    assert (
        "| 1 | 1 | 2026-01-01 | in progress | Barrière 1 versterken | Barrière 1 |  | overdue, in place |"
        in text
    )
    assert "| Barrière 3 | absent | Fase C |" in text  # a candidate's state, in words


def test_the_dutch_md_report_opens_with_the_local_picture(folder: Path) -> None:
    text = render_report(load_model(folder / "testdorp.yaml", use_cache=False).model, "md", "nl")
    assert text.index("## Het lokale beeld") < text.index("## Samenvatting")
    assert "Wat er in Testdorp op 2026-06-01 staat." in text
    assert "| fase | aanwezig | gedeeltelijk | gepland | afwezig |" in text
    assert "| **alle barrières** |" in text
    assert "- Lokale gaten: Fase C, Fase D." in text
    assert "- De kleinste oplossing (bewezen minimaal): Barrière 4." in text
    assert "- Lokale gaten zonder plan: Fase D." in text
    assert "| barrière | toestand hier | dicht |" in text
    assert "| Barrière 3 | afwezig | Fase C |" in text
    assert (
        "| 1 | 1 | 2026-01-01 | bezig | Barrière 1 versterken | Barrière 1 |  | te laat, staat al |"
        in text
    )


def test_the_local_section_is_headed_in_its_own_language(folder: Path) -> None:
    """Called on its own, the local picture's heading is the report's for ``lang``: never a
    Dutch body under an English heading."""
    from barriers.report import WORDS
    from barriers.report_local import local_markdown

    model = load_model(folder / "testdorp.yaml", use_cache=False).model
    assert local_markdown(model)[0] == "## Het lokale beeld" == f"## {WORDS['nl']['local']}"
    assert local_markdown(model, "en")[0] == "## The local picture" == f"## {WORDS['en']['local']}"
    assert local_markdown(model, "nl", "Lokaal")[0] == "## Lokaal"


def test_the_local_picture_escapes_the_profiles_text(
    folder: Path, write_model: Callable[..., Path]
) -> None:
    hostile = PROFILE.replace("area: Testdorp", "area: '<script>x()</script>'").replace(
        "title: Later", "title: '<img src=x onerror=alert(1)> *b*'"
    )
    model = load_model(write_model(hostile, "testdorp.yaml"), use_cache=False).model
    page = render_report(model, "html")
    assert "<script>x()" not in page and "<img src=x" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in _section(page, "local")
    for lang in ("nl", "en"):
        text = render_report(model, "md", lang)
        assert r"\<img src=x onerror=alert(1)\> \*b\*" in text
        assert r"\<script\>x()\</script\>" in text
        assert "<img" not in text.replace("\\<", "")  # only escaped


def test_the_site_lists_profiles_and_links_their_comparison(folder: Path, tmp_path: Path) -> None:
    paths = [folder / "dorp-basis.yaml", folder / "testdorp.yaml", folder / "anderdorp.yaml"]
    site = tmp_path / "site"
    entries = build_site(paths, site, use_cache=False, lang="en")
    assert [e.area for e in entries] == [None, "Testdorp", "Anderdorp"]
    assert entries[1].open_here == ("Fase C", "Fase D")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'local profile of <span lang="nl">Testdorp</span>' in index
    assert 'open here: <span lang="nl">Fase C, Fase D</span>' in index
    assert '<a href="dorp-basis-local-comparison.html">' in index
    assert (site / "testdorp.html").exists() and (site / "testdorp-report.html").exists()
    page = (site / "dorp-basis-local-comparison.html").read_text(encoding="utf-8")
    assert '<li><span lang="nl">Fase D</span>: open in 2 of 2</li>' in page
    assert '<td class="absent">absent</td>' in page
    alone = build_site(paths[:2], tmp_path / "one", use_cache=False)
    assert len(alone) == 2
    assert not (tmp_path / "one" / "dorp-basis-local-comparison.html").exists()
    assert "Places compared" not in (tmp_path / "one" / "index.html").read_text(encoding="utf-8")


def test_the_comparison_page_in_chromium(
    folder: Path, tmp_path: Path, guarded: GuardedPage
) -> None:
    paths = [folder / "testdorp.yaml", folder / "anderdorp.yaml"]
    build_site(paths, tmp_path / "site", use_cache=False, lang="en")
    page = guarded.page
    page.goto((tmp_path / "site" / "dorp-basis-local-comparison.html").as_uri())
    assert page.locator("h1").inner_text() == "Local profiles compared: Testdorp, Anderdorp"
    cells = page.locator("table").nth(1).locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells == ["Barrière 1", "in place", "in place"]
    page.goto((tmp_path / "site" / "index.html").as_uri())
    page.get_by_role("link", name=re.compile("compared")).click()
    assert page.url.endswith("dorp-basis-local-comparison.html")


_VOID = {"meta", "br", "img", "link", "input", "hr", "col", "wbr"}


class _Balance(HTMLParser):
    """Every element closed, in order (what a strict validator checks first)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_the_local_pages_are_well_formed(folder: Path, tmp_path: Path) -> None:
    from barriers.report_local import comparison_html

    profile = load_model(folder / "testdorp.yaml", use_cache=False).model
    other = load_model(folder / "anderdorp.yaml", use_cache=False).model
    for lang in ("nl", "en"):
        local = _section(render_report(profile, "html", lang), "local")
        for text in (local + "</section>", comparison_html([profile, other], lang)):
            checker = _Balance()
            checker.feed(text)
            assert checker.problems == [] and checker.stack == []


def test_the_local_pages_in_dutch(folder: Path) -> None:
    from barriers.report_local import WORDS, comparison_html

    profile = load_model(folder / "testdorp.yaml", use_cache=False).model
    other = load_model(folder / "anderdorp.yaml", use_cache=False).model
    local = _section(render_report(profile, "html", "nl"), "local")
    for key in ("gaps", "candidates", "fix", "plan", "without_plan"):
        assert f"<h3>{WORDS['nl'][key]}</h3>" in local and WORDS["en"][key] not in local
    assert re.findall(r"<li><b>\d+</b>([a-z ]+)</li>", local)[:2] == ["aanwezig", "gedeeltelijk"]
    assert "lang=" not in local  # a Dutch profile on a Dutch page needs no marks
    page = comparison_html([profile, other], "nl")
    assert '<html lang="nl">' in page
    assert "<h1>Lokale profielen vergeleken: Testdorp, Anderdorp</h1>" in page
    assert '<td class="absent">afwezig</td>' in page and "<li>Fase D: open in 2 van 2</li>" in page


def test_the_profiles_report_in_chromium(
    folder: Path, tmp_path: Path, guarded: GuardedPage
) -> None:
    target = tmp_path / "report.html"
    target.write_text(
        render_report(load_model(folder / "testdorp.yaml", use_cache=False).model, "html", "en"),
        encoding="utf-8",
    )
    page = guarded.page
    page.goto(target.as_uri())
    assert page.locator("#local h2").inner_text() == "The local picture"
    rows = page.locator("#local table.local-phases tbody tr")
    assert rows.count() == 5
    assert rows.nth(2).locator("td").last.inner_text() == "open here"
    assert page.evaluate("window.__cspViolations") == []
    assert guarded.errors == []
