"""The map in the page's language shows the model's barrier types and partner sectors by their
vocabulary's labels, each marked with the language it is in.

Every place the page shows a type or a sector is checked: the page's data, the canvas cards,
the type filter, the legend, the phase cards, the slides, the partner list, the details panel
and the poster; in Python (the rendered HTML, parsed) and in Debian's chromium. The expected
labels are the model's vocabulary as the library loads it; the lang a text is in is the one
of its nearest element with a ``lang`` attribute, as a browser reads it.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from barriers import load_model
from barriers.export import ExportOptions
from barriers.export.map_svg import render as poster_svg
from barriers.map.render import map_data, map_html
from barriers.model import Model
from tests.browser_support import GuardedPage
from tests.helpers import ROOT
from tests.html_checker import html_errors
from tests.payloads import PAYLOADS, hostile_model_data

GENERAL = ROOT / "models" / "loverboys-general.yaml"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


# -- the page, parsed: each element with its attributes, text and the language it is in --------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    children: list[Element | str] = field(default_factory=list)

    @property
    def lang(self) -> str | None:
        """The language of this element's text: its own ``lang``, or its nearest ancestor's."""
        at: Element | None = self
        while at is not None:
            if "lang" in at.attrs:
                return at.attrs["lang"]
            at = at.parent
        return None

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.walk()

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """The elements below with ``tag`` ("" any) and the given attributes (``cls``: one of
        the classes)."""
        want = {("class" if k == "cls" else k): v for k, v in attrs.items()}
        return [
            e
            for e in self.walk()
            if (not tag or e.tag == tag)
            and all(
                v in e.classes() if k == "class" else e.attrs.get(k) == v for k, v in want.items()
            )
        ]

    def texts(self) -> list[tuple[str, str | None]]:
        """Each run of text below (not in a script) with the language it is in."""
        out: list[tuple[str, str | None]] = []
        for child in self.children:
            if isinstance(child, str):
                if child.strip() and self.tag not in ("script", "style"):
                    out.append((child, self.lang))
            else:
                out += child.texts()
        return out


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(element)
        if tag not in VOID:
            self.at = element

    def handle_endtag(self, tag: str) -> None:
        at: Element | None = self.at
        while at is not None and at.tag != tag:
            at = at.parent
        assert at is not None and at.parent is not None, f"</{tag}> closes nothing"
        self.at = at.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def parse(page: str) -> Element:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.root


def html_element(root: Element) -> Element:
    return root.find("html")[0]


# -- what the page should show --------------------------------------------------------------


def labels(model: Model, kind: str, lang: str) -> dict[str, str]:
    """term -> label in ``lang`` for the terms of ``kind`` the model uses (the term itself
    where the vocabulary has no label in ``lang``)."""
    vocabulary = getattr(model.vocabulary, kind) if model.vocabulary else {}
    used = (
        {i.type for i in model.interventions if i.type}
        if kind == "types"
        else {p.sector for p in model.partners if p.sector}
    )
    return {term: vocabulary.get(term, {}).get(lang, term) for term in used}


def type_line(label: str) -> str:
    return f"‹{label}›"


def shown_types(root: Element) -> dict[str, tuple[str, str | None]]:
    """The type filter's choices of a type: value -> (text, language)."""
    select = root.find("select", id="filter-type")[0]
    return {
        o.attrs["value"]: (o.text, o.lang)
        for o in select.find("option")
        if o.attrs["value"] not in ("", "-")
    }


@pytest.fixture(scope="module")
def general() -> Model:
    return load_model(GENERAL).model


@pytest.fixture(scope="module")
def english(general: Model) -> Element:
    return parse(map_html(general, lang="en"))


@pytest.fixture(scope="module")
def dutch(general: Model) -> Element:
    return parse(map_html(general, lang="nl"))


# == Python: the page's data and its HTML ======================================================


def test_the_model_gives_an_english_label_for_every_type_and_sector(general: Model) -> None:
    """What the other tests rely on: every term the general model uses is translated."""
    assert general.vocabulary is not None
    for kind in ("types", "sectors"):
        listed = getattr(general.vocabulary, kind)
        assert set(labels(general, kind, "en")) <= {t for t in listed if "en" in listed[t]}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_page_data_holds_each_type_and_sector_as_shown_and_filters_by_the_term(
    general: Model, lang: str
) -> None:
    data = map_data(general, lang=lang)
    types, sectors = labels(general, "types", lang), labels(general, "sectors", lang)
    shown = {"text": None, "lang": None}
    for item in data["items"].values():
        if item["kind"] == "intervention":
            source = general.intervention(item["id"])
            assert item["type"] == source.type  # the filter matches the term
            if source.type:
                assert item["type_label"] == {**shown, "text": types[source.type]}
            else:
                assert item["type_label"] is None
        elif item["kind"] == "partner":
            partner = general.partner(item["id"])
            assert item["sector"] == partner.sector
            if partner.sector:
                assert item["sector_label"] == {**shown, "text": sectors[partner.sector]}
    # the filter's and the legend's list: every type once, in the order of what they show
    listed = [(t["name"], t["label"]["text"]) for t in data["types"]]
    assert sorted(name for name, _ in listed) == sorted(types)
    assert [text for _, text in listed] == sorted(types.values(), key=str.casefold)
    # and each type keeps its colour in both languages
    other = map_data(general, lang="nl" if lang == "en" else "en")
    assert {t["name"]: t["color"] for t in data["types"]} == {
        t["name"]: t["color"] for t in other["types"]
    }


def test_the_english_page_shows_every_type_and_sector_in_english(
    general: Model, english: Element
) -> None:
    types, sectors = labels(general, "types", "en"), labels(general, "sectors", "en")
    assert html_element(english).attrs["lang"] == "en"
    # the type filter: the term as the value, its label as the text, in English
    assert shown_types(english) == {term: (label, "en") for term, label in types.items()}
    order = [text for text, _ in shown_types(english).values()]
    assert order == sorted(order, key=str.casefold)
    # the legend
    legend = english.find("details", cls="legend")[0]
    entries = [li for li in legend.find("li") if any("style" in s.attrs for s in li.find("span"))]
    assert {li.text for li in entries} == {type_line(t) for t in types.values()}
    assert all(lang == "en" for li in entries for _, lang in li.texts())
    # the phase cards (text version, print, panel, slides): each barrier's type
    cards = english.find("section", cls="card")
    assert cards
    chips = [s for c in cards for s in c.find("span", cls="type")]
    barrier_types = {general.intervention(i.id).type for i in general.interventions}
    assert {s.text for s in chips} == {type_line(types[t]) for t in barrier_types if t}
    assert {s.lang for s in chips} == {"en"}
    # the sectors of the cards and the slides, and the partner list's headings
    groups = english.find("span", cls="sector")
    assert {s.text.rstrip(":") for s in groups} <= {*sectors.values(), "No sector"}
    assert {s.text.rstrip(":") for s in groups} >= set(sectors.values())
    assert {lang for s in groups for text, lang in s.texts() if text != ":"} == {"en"}
    side = english.find("nav", id="partner-side")[0].find("h4")
    assert [h.text for h in side] == sorted(set(sectors.values()), key=str.casefold)
    assert {lang for h in side for _, lang in h.texts()} == {"en"}
    # the rest of the card stays in the model's language
    assert {c.lang for c in cards} == {"nl"}
    note = english.find("p", cls="lang-note")[0].text
    assert note == (
        "Text from the model is in the model's language (nl), as written, except the barrier "
        "types and sectors the model translates."
    )


def test_the_canvas_cards_show_the_type_as_the_page_language_does(general: Model) -> None:
    for lang in ("en", "nl"):
        types = labels(general, "types", lang)
        data = map_data(general, lang=lang)
        for node in data["nodes"]:
            item = data["items"].get(node["id"].split("@")[0], {})
            if item.get("kind") == "intervention" and item["type"]:
                assert type_line(types[item["type"]]) in node["label"].split("\n"), node["id"]


def test_the_dutch_page_shows_the_terms_as_written_unmarked(general: Model, dutch: Element) -> None:
    types = labels(general, "types", "nl")
    assert all(label == term for term, label in types.items())
    assert shown_types(dutch) == {term: (term, "nl") for term in types}
    for element in dutch.find("span", cls="type") + dutch.find("span", cls="sector"):
        assert "lang" not in element.attrs
        assert element.lang == "nl"  # the page's (html lang)
    assert not dutch.find("p", cls="lang-note")


MODEL = """\
id: woorden
title: Woorden
language: nl
phases:
  - {id: een, name: Een, next: [twee]}
  - {id: twee, name: Twee}
partners:
  - {id: school, name: School, sector: onderwijs}
  - {id: wijk, name: Wijkteam, sector: zorg}
  - {id: los, name: Los}
interventions:
  - {id: les, name: Les, phases: [een], partners: [school], type: preventie}
  - {id: hulp, name: Hulp, phases: [twee], partners: [wijk], type: zorg}
  - {id: niets, name: Niets, phases: [twee], partners: [los]}
"""


def test_without_a_vocabulary_the_english_page_shows_terms_as_written_marked_dutch(
    write_model: Any,
) -> None:
    model = load_model(write_model(MODEL), use_cache=False).model
    root = parse(map_html(model, lang="en"))
    assert shown_types(root) == {"preventie": ("preventie", "nl"), "zorg": ("zorg", "nl")}
    for element in root.find("span", cls="type"):
        assert element.text in ("‹preventie›", "‹zorg›") and element.lang == "nl"
    side = root.find("nav", id="partner-side")[0].find("h4")
    assert [(h.text, [lang for _, lang in h.texts()]) for h in side] == [
        ("onderwijs", ["nl"]),
        ("zorg", ["nl"]),
        ("No sector", ["en"]),
    ]
    # nothing translated: the note says only that model text is as written
    note = root.find("p", cls="lang-note")[0]
    assert note.text == "Text from the model is in the model's language (nl), as written."
    data = map_data(model, lang="en")
    assert data["items"]["intervention:les"]["type_label"] == {"text": "preventie", "lang": "nl"}
    assert data["items"]["partner:school"]["sector_label"] == {"text": "onderwijs", "lang": "nl"}


def test_a_partly_translated_vocabulary_marks_each_term_in_its_own_language(
    write_model: Any,
) -> None:
    text = MODEL + "vocabulary:\n  types: {zorg: {en: care, de: Pflege}}\n"
    text += "  sectors: {zorg: {en: care}}\n"
    model = load_model(write_model(text), use_cache=False).model
    root = parse(map_html(model, lang="en"))
    # sorted by what is shown: care before preventie
    assert list(shown_types(root).items()) == [
        ("zorg", ("care", "en")),
        ("preventie", ("preventie", "nl")),
    ]
    chips = {(s.text, s.lang) for s in root.find("span", cls="type")}
    assert chips == {("‹care›", "en"), ("‹preventie›", "nl")}
    side = root.find("nav", id="partner-side")[0].find("h4")
    assert [(h.text, h.texts()[0][1]) for h in side] == [
        ("care", "en"),
        ("onderwijs", "nl"),
        ("No sector", "en"),
    ]
    assert "except the barrier types" in root.find("p", cls="lang-note")[0].text


def test_labels_sort_by_their_letters_before_accents(write_model: Any) -> None:
    text = MODEL + "vocabulary:\n  types: {zorg: {en: Ärger}}\n"
    text += "  sectors: {zorg: {en: Zuster}, onderwijs: {en: École}}\n"
    model = load_model(write_model(text), use_cache=False).model
    root = parse(map_html(model, lang="en"))
    assert [text for text, _ in shown_types(root).values()] == ["Ärger", "preventie"]
    side = [h.text for h in root.find("nav", id="partner-side")[0].find("h4")]
    assert side == ["École", "Zuster", "No sector"]


PROFILE = """\
id: wijk-woorden
title: Wijk
extends: loverboys-general
local: {area: Wijk}
vocabulary:
  sectors:
    buurt: {en: neighbourhood}
    zorg: {en: health care}
partners:
  - {id: buurtpanel, name: Buurtpanel, sector: buurt}
  - {id: wijkhuis, name: Wijkhuis, sector: welzijn}
interventions:
  - {id: buurtgesprek, name: Buurtgesprek, phases: [ronselen], partners: [buurtpanel],
     type: preventie}
"""


def test_a_profile_shows_the_sectors_it_adds_by_its_own_vocabulary_over_its_base(
    write_model: Any,
) -> None:
    """The partners a profile adds show its labels; a label it writes again replaces its
    base's; the base's other labels stay."""
    model = load_model(write_model(PROFILE, "wijk-woorden.yaml"), use_cache=False).model
    data = map_data(model, lang="en")
    sector = {nid: i["sector_label"] for nid, i in data["items"].items() if i["kind"] == "partner"}
    assert sector["partner:buurtpanel"] == {"text": "neighbourhood", "lang": None}
    assert sector["partner:wijkhuis"] == {"text": "social welfare", "lang": None}
    assert data["items"]["intervention:buurtgesprek"]["type_label"]["text"] == "prevention"
    root = parse(map_html(model, lang="en"))
    side = [h.text for h in root.find("nav", id="partner-side")[0].find("h4")]
    assert "neighbourhood" in side and "health care" in side and "care" not in side
    assert side == sorted(side, key=str.casefold)


# -- hostile labels: text, never markup, escaped once -----------------------------------------


def hostile_vocabulary_model(folder: Path) -> Path:
    """The hostile model in Dutch with a vocabulary whose every English label is a payload, and
    labels under the YAML-trap language codes ``no`` and ``yes``."""
    data = hostile_model_data("hostile-words")
    data["language"] = "nl"
    payloads = itertools.cycle(PAYLOADS)
    data["vocabulary"] = {
        "types": {
            i["type"]: {"en": next(payloads), "no": next(payloads)} for i in data["interventions"]
        },
        "sectors": {p["sector"]: {"en": next(payloads), "yes": "ja"} for p in data["partners"]},
    }
    path = folder / "hostile-words.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, Path]:
    folder = tmp_path_factory.mktemp("hostile-words")
    model = load_model(hostile_vocabulary_model(folder), use_cache=False).model
    page = folder / "hostile-words-en.html"
    page.write_text(map_html(model, lang="en"), encoding="utf-8")
    return model, page


def test_hostile_labels_are_shown_as_text_escaped_once(hostile: tuple[Model, Path]) -> None:
    model, path = hostile
    assert model.vocabulary is not None
    assert model.vocabulary.types[model.interventions[0].type or ""]["no"]  # kept as text
    root = parse(path.read_text(encoding="utf-8"))
    types = labels(model, "types", "en")
    assert shown_types(root) == {term: (label, "en") for term, label in types.items()}
    sectors = set(labels(model, "sectors", "en").values())
    side = root.find("nav", id="partner-side")[0].find("h4")
    assert {h.text for h in side} == sectors
    # no payload became an element or an attribute
    assert not [e for e in root.walk() if "data-pwned" in e.attrs or e.attrs.get("id") == "pwned"]
    assert not [e for e in root.walk() if e.tag in ("img", "iframe", "svg", "object", "math")]


def test_the_pages_with_labels_have_no_html_errors(
    hostile: tuple[Model, Path], general: Model, tmp_path: Path
) -> None:
    _, hostile_page = hostile
    partly = tmp_path / "general-nl.html"
    partly.write_text(map_html(general, lang="nl"), encoding="utf-8")
    assert html_errors([hostile_page, partly]) == []


# -- the poster ----------------------------------------------------------------------------------


SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _svg_lang(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> str | None:
    at: ET.Element | None = element
    while at is not None:
        if XML_LANG in at.attrib:
            return at.attrib[XML_LANG]
        at = parents.get(at)
    return None


def test_the_english_poster_shows_types_in_english_marked(general: Model) -> None:
    svg = ET.fromstring(poster_svg(general, ExportOptions(lang="en")))
    parents = {child: parent for parent in svg.iter() for child in parent}
    types = labels(general, "types", "en")
    entries = {
        g.attrib["data-legend"]: g
        for g in svg.iter(f"{SVG}g")
        if g.attrib.get("data-legend", "").startswith("type:")
        and g.attrib["data-legend"] != "type:"
    }
    assert set(entries) == {f"type:{t}" for t in types}
    for key, g in entries.items():
        text = "".join(t.text or "" for t in g.iter(f"{SVG}text"))
        assert text == type_line(types[key.split(":", 1)[1]])
        assert _svg_lang(g, parents) == "en"
    lines = [
        t
        for g in svg.iter(f"{SVG}g")
        if g.attrib.get("class") == "intervention"
        for t in g.iter(f"{SVG}text")
        if (t.text or "").startswith("‹")
    ]
    assert {t.text for t in lines} <= {type_line(label) for label in types.values()}
    assert lines and {_svg_lang(t, parents) for t in lines} == {"en"}
    cards = [g for g in svg.iter(f"{SVG}g") if g.attrib.get("class") == "intervention"]
    assert {_svg_lang(g, parents) for g in cards} == {"nl"}  # the names stay the model's


# == Chromium ======================================================================================


@pytest.fixture(scope="module")
def english_page(general: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("english") / "general-en.html"
    path.write_text(map_html(general, lang="en"), encoding="utf-8")
    return path


LANG_OF = "e => (e.closest('[lang]') || document.documentElement).lang"


def _texts(page: Any, selector: str) -> list[list[str]]:
    return [
        list(pair)
        for pair in page.eval_on_selector_all(
            selector, f"es => es.map(e => [e.textContent, ({LANG_OF})(e)])"
        )
    ]


@pytest.mark.browser
def test_the_english_map_shows_the_labels_in_chromium(
    guarded: GuardedPage, general: Model, english_page: Path
) -> None:
    page = guarded.page
    guarded.open(english_page)
    types, sectors = labels(general, "types", "en"), labels(general, "sectors", "en")
    options = page.eval_on_selector_all(
        "#filter-type option",
        f"os => os.filter(o => o.value).map(o => [o.value, o.text, ({LANG_OF})(o)])",
    )
    assert options == [[t, types[t], "en"] for t in sorted(types, key=lambda t: types[t].lower())]
    # a canvas card: the barrier's node label as vis-network draws it
    for item in general.interventions[:10]:
        label = page.evaluate("id => window.barriersMap.label(id)", f"intervention:{item.id}")
        if item.type:
            assert type_line(types[item.type]) in label.split("\n")
    legend = _texts(page, ".legend li")
    assert [[type_line(types[t]), "en"] for t in sorted(types, key=lambda t: types[t].lower())] == [
        entry for entry in legend if entry[0].startswith("‹")
    ]
    # the phase card in the panel (a clone of the text version's)
    phase = general.phases[0].id
    page.evaluate("id => window.barriersMap.select(id)", f"phase:{phase}")
    shown = _texts(page, "#panel-body .card .type")
    assert shown and {lang for _, lang in shown} == {"en"}
    assert {text for text, _ in shown} <= {type_line(label) for label in types.values()}
    groups = _texts(page, "#panel-body .card .sector > span")
    assert groups and {lang for _, lang in groups} == {"en"}
    assert {text for text, _ in groups} <= {*sectors.values(), "No sector"}
    # a barrier's and a partner's details
    typed = next(i for i in general.interventions if i.type)
    page.evaluate("id => window.barriersMap.select(id)", f"intervention:{typed.id}")
    panel = _texts(page, "#panel-body > p > span")
    assert ["Type: ", "en"] in panel and [types[typed.type or ""], "en"] in panel
    partner = next(p for p in general.partners if p.sector)
    page.evaluate("id => window.barriersMap.select(id)", f"partner:{partner.id}")
    assert [sectors[partner.sector or ""], "en"] in _texts(page, "#panel-body > p > span")
    # a slide: its partners by sector, in English
    page.evaluate("window.barriersMap.present(1)")
    slide = _texts(page, "[data-slide='1'] .slide-partners .sector > span")
    assert slide and {lang for _, lang in slide} == {"en"}
    assert {text for text, _ in slide} <= {*sectors.values(), "No sector"}
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_filtering_by_an_english_type_selects_its_barriers(
    guarded: GuardedPage, general: Model, english_page: Path
) -> None:
    page = guarded.page
    guarded.open(english_page)
    for term, label in sorted(labels(general, "types", "en").items()):
        page.select_option("#filter-type", label=label)
        assert page.input_value("#filter-type") == term
        expected = {f"intervention:{i.id}" for i in general.interventions if i.type == term}
        shown = set(page.evaluate("window.barriersMap.shownNodeIds()"))
        assert {n for n in shown if n.startswith("intervention:")} == expected, term
        title = _texts(page, "#panel-title > span > span")
        assert [label, "en"] in title, term
        assert page.inner_text("#panel-title").endswith(f"‹{label}›")
        page.click("#reset")


@pytest.mark.browser
def test_hostile_labels_stay_text_in_chromium(
    guarded: GuardedPage, hostile: tuple[Model, Path]
) -> None:
    model, path = hostile
    page = guarded.page
    guarded.open(path)
    types = labels(model, "types", "en")
    options = dict(
        page.eval_on_selector_all(
            "#filter-type option", "os => os.filter(o => o.value).map(o => [o.value, o.text])"
        )
    )
    assert options == types
    item = next(i for i in model.interventions if i.type)
    page.evaluate("id => window.barriersMap.select(id)", f"intervention:{item.id}")
    assert types[item.type or ""] in page.inner_text("#panel-body")
    page.select_option("#filter-type", item.type or "")
    assert page.inner_text("#panel-title").endswith(f"‹{types[item.type or '']}›")
    assert page.evaluate("document.querySelectorAll('[data-pwned], #pwned').length") == 0
    assert page.evaluate("window.__pwned") is None
