"""The map page as bytes: deterministic, self-contained, escaped, and what the CLI writes."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from barriers import analysis, load_model
from barriers.map.layout import CARD_W, COLUMN_GAP
from barriers.map.render import (
    CARD_ONLY,
    _height,
    map_data,
    map_html,
    page_data,
    page_script,
    script_json,
    vis_bundle,
)
from tests.helpers import MODELS, ROOT, Result
from tests.map_models import BASE, VARIANT, VARIANT_WITHOUT_PHASES
from tests.payloads import HOSTILE_URL, PAYLOADS, hostile_model_yaml

OUTPUTS = ROOT / "outputs"
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
BUNDLED = ["loverboys-general", "loverboys-lvb", "loverboys-islamic"]


class Page(HTMLParser):
    """The parts of a page the tests look at: tags with attributes, script bodies, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
        else:
            self.text.append(data)

    def attributes(self, name: str) -> list[str]:
        return [str(a[name]) for _, a in self.tags if a.get(name) is not None]

    def data(self) -> dict[str, Any]:
        """The page's data island merged with the graph island pyvis rendered (nodes, edges,
        options): what the page's script reads as DATA."""
        (body,) = [b for a, b in self.scripts if a.get("id") == "barriers-data"]
        (graph,) = [b for a, b in self.scripts if a.get("id") == "barriers-network"]
        loaded: dict[str, Any] = json.loads(body)
        network: dict[str, Any] = json.loads(graph)
        assert set(network) == {"nodes", "edges", "options"}
        assert not set(network) & set(loaded)
        return {**loaded, **network}


@pytest.fixture
def base_path(write_model: Callable[..., Path]) -> Path:
    return write_model(BASE, "kaart.yaml")


@pytest.fixture
def variant_path(write_model: Callable[..., Path], base_path: Path) -> Path:
    return write_model(VARIANT, "kaart-lokaal.yaml")


@pytest.mark.slow  # subprocesses
def test_same_model_same_bytes_even_across_processes(base_path: Path) -> None:
    model = load_model(base_path, use_cache=False).model
    assert map_html(model) == map_html(model)
    digests = set()
    for seed in ("1", "2"):
        code = (
            "import hashlib, sys; from barriers import load_model; "
            "from barriers.map.render import map_html; "
            "m = load_model(sys.argv[1], use_cache=False).model; "
            "print(hashlib.sha256(map_html(m).encode()).hexdigest())"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code, str(base_path)], env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        digests.add(out.stdout.strip())
    assert digests == {hashlib.sha256(map_html(model).encode()).hexdigest()}


def test_page_is_self_contained_no_src_and_only_model_links(base_path: Path) -> None:
    model = load_model(base_path, use_cache=False).model
    page = Page(map_html(model))
    assert page.attributes("src") == []
    assert [t for t, _ in page.tags if t in ("link", "iframe", "img", "object", "embed")] == []
    model_urls = {"https://www.nji.nl/", "https://example.org/school", "https://example.org/les"}
    for href in page.attributes("href"):
        assert href.startswith("#") or href in model_urls, href
    # the source with a url is linked from its phase card
    assert "https://www.nji.nl/" in page.attributes("href")


def test_page_is_one_file_with_the_vis_bundle_and_its_licence_inline(base_path: Path) -> None:
    model = load_model(base_path, use_cache=False).model
    text = map_html(model)
    page = Page(text)
    kinds = [(a.get("type"), a.get("id")) for a, _ in page.scripts]
    assert kinds == [
        ("application/json", "barriers-data"),
        ("application/json", "barriers-network"),
        (None, None),
        (None, None),
    ]
    vis = page.scripts[2][1]
    assert vis == vis_bundle()
    assert "@license" in vis and "vis.js is dual licensed" in vis
    assert "sourceMappingURL" not in text
    assert "window.barriersMap" in page.scripts[3][1]


def test_pyvis_renders_the_page_through_our_template(
    base_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pyvis.network import Network

    seen: list[dict[str, Any]] = []
    real = Network.generate_html

    def spy(self: Any, *args: Any, **kwargs: Any) -> str:  # records, then runs pyvis's own
        seen.append(
            {
                "nodes": self.nodes,
                "edges": self.edges,
                "options": self.options,
                "cdn": self.cdn_resources,
                "template": (self.template_dir, self.path),
                "autoescape": self.templateEnv.autoescape,
            }
        )
        html: str = real(self, *args, **kwargs)
        return html

    def refuse(self: Any, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("not this one: quadratic, writes lib/, or mangles options")

    monkeypatch.setattr(Network, "generate_html", spy)
    for name in ("add_node", "add_nodes", "add_edge", "add_edges", "from_nx", "set_options"):
        monkeypatch.setattr(Network, name, refuse)
    for name in ("write_html", "save_graph", "show", "prep_notebook"):
        monkeypatch.setattr(Network, name, refuse)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    model = load_model(base_path, use_cache=False).model
    text = map_html(model)
    data = map_data(model)
    (call,) = seen
    # the lists were handed over whole, the options as a dict (pyvis's string parser would
    # turn "Segoe UI" into "SegoeUI"), through our template with autoescape on
    assert call["nodes"] == data["nodes"] and call["edges"] == data["edges"]
    assert call["options"] == data["options"]
    assert call["cdn"] == "in_line"
    assert call["template"] == (str(ROOT / "barriers" / "map" / "assets"), "template.html")
    assert call["autoescape"] is True
    drawn = Page(text).data()
    assert drawn["options"]["nodes"]["font"]["face"] == "system-ui, Segoe UI, Arial, sans-serif"
    assert (drawn["nodes"], drawn["edges"]) == (data["nodes"], data["edges"])
    # nothing of pyvis's own template: no CDN, no tom-select, no lib/ folder
    for marker in ("cdnjs", "jsdelivr", "tom-select", "lib/bindings", "{{", "{%"):
        assert marker not in text, marker
    assert list(work.iterdir()) == []


def test_content_security_policy_allows_exactly_the_page_scripts(base_path: Path) -> None:
    page = Page(map_html(load_model(base_path, use_cache=False).model))
    (policy,) = [
        str(a["content"])
        for t, a in page.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in policy
    hashes = re.findall(r"'sha256-([^']+)'", policy)
    code = [body for a, body in page.scripts if a.get("type") is None]
    expected = [base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() for c in code]
    assert hashes == expected
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_every_item_is_a_node_with_a_fixed_position_and_physics_off(base_path: Path) -> None:
    model = load_model(base_path, use_cache=False).model
    data = Page(map_html(model)).data()
    ids = [n["id"] for n in data["nodes"]]
    expected = (
        [f"phase:{p.id}" for p in model.phases]
        + [f"intervention:{i.id}" for i in model.interventions]
        + [f"partner:{p.id}" for p in model.partners]
    )
    # an intervention acting on several phases has a card in each: the first its own node
    copies = sorted(
        f"intervention:{i.id}@{p}" for i in model.interventions for p in sorted(i.phases)[1:]
    )
    assert copies == ["intervention:casusoverleg@isoleren", "intervention:casusoverleg@uitbuiten"]
    assert sorted(ids) == sorted(expected + copies)
    assert data["copies"] == {"intervention:casusoverleg": copies}
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert {labels[c] for c in copies} == {labels["intervention:casusoverleg"]}
    assert labels["intervention:casusoverleg"].endswith("\n◆ in 3 fasen")
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert data["options"]["physics"] == {"enabled": False}
    assert all("title" not in n for n in data["nodes"])  # no vis tooltips: the page has its own
    assert data["nodes"][0]["font"].get("multi") is None  # labels are never markup


def test_a_model_with_one_phase_and_nothing_else(write_model: Callable[..., Path]) -> None:
    model = load_model(
        write_model("id: mini\ntitle: Mini\nphases:\n  - {id: enige, name: Enige}\n"),
        use_cache=False,
    ).model
    data = map_data(model)
    assert [n["id"] for n in data["nodes"]] == ["phase:enige"]
    assert data["edges"] == [] and data["gaps"]["uncovered"] == ["enige"]
    text = "".join(Page(map_html(model)).text)
    assert "Enige" in text and "⚠ geen barrière" in text


def test_the_page_shows_the_analysis_answers(base_path: Path) -> None:
    model = load_model(base_path, use_cache=False).model
    data = map_data(model)
    gaps = analysis.gaps(model)
    assert data["gaps"] == {k: gaps[k] for k in ("uncovered", "single_partner", "idle_partners")}
    assert data["order"] == analysis.process_order(model)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    # counts per phase and the marks that do not rely on colour
    assert labels["phase:uitbuiten"] == "Uitbuiten\n3 barrières\n3 partners"
    assert labels["phase:geld"] == "Geld\n0 barrières\n0 partners\n⚠ geen barrière"
    assert labels["phase:nazorg"] == "Nazorg\n1 barrière\n1 partner\n! één partner"
    assert labels["partner:bank"] == "Bank\n(geen barrière)"
    assert labels["intervention:les"] == "Les over relaties\n‹preventie›"
    by_phase = analysis.interventions_by_phase(model)
    partners = analysis.partners_by_phase(model)
    for pid in data["order"]:
        item = data["items"][f"phase:{pid}"]
        assert item["interventions"] == by_phase[pid]
        assert item["partners"] == partners[pid]
    # the coverage table, as text
    page = Page(map_html(model))
    text = " ".join(page.text)
    assert "⚠ geen barrière" in text and "! één partner" in text


def test_labels_are_wrapped_here_so_the_layout_knows_each_box_height(
    write_model: Callable[..., Path],
) -> None:
    long_name = "Voorlichting over seks en sociale media afgestemd op het verstandelijk vermogen"
    model = load_model(
        write_model(
            f"""\
            id: lang
            title: Lang
            phases:
              - {{id: a, name: Losweken en isoleren van het slachtoffer}}
            partners:
              - {{id: p, name: 'CoMensha (Coördinatiecentrum tegen Mensenhandel)'}}
              - {{id: q, name: '{"x" * 50}'}}
            interventions:
              - {{id: i, name: '{long_name}', phases: [a], partners: [p], type: preventie}}
              - {{id: j, name: Jeugdhulporganisaties, phases: [a], partners: [q]}}
            """
        ),
        use_cache=False,
    ).model
    data = map_data(model)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    # at most four lines of a name, cut with an ellipsis; the panel keeps the whole name
    assert labels["intervention:i"] == (
        "Voorlichting over\nseks en sociale\nmedia afgestemd op\nhet verstandelijk…\n‹preventie›"
    )
    assert data["items"]["intervention:i"]["name"] == long_name
    assert labels["intervention:j"] == "Jeugdhulporganisaties"  # a word a bit long stays whole
    assert labels["partner:p"] == "CoMensha\n(Coördinatiecentrum\ntegen Mensenhandel)"
    assert labels["partner:q"] == "\n".join(["x" * 20, "x" * 20, "x" * 10])  # too long: cut
    assert labels["phase:a"] == "Losweken en\nisoleren van\nhet…\n2 barrières\n2 partners"
    # the layout stacks the boxes by the heights these labels are drawn with
    nodes = {n["id"]: n for n in data["nodes"]}
    assert _height(nodes["intervention:i"]) == 5 * 15 + 2 * 8
    assert _height(nodes["phase:a"]) == 5 * 25 + 2 * 10
    bottom_of_i = nodes["intervention:i"]["y"] + _height(nodes["intervention:i"]) / 2
    top_of_j = nodes["intervention:j"]["y"] - _height(nodes["intervention:j"]) / 2
    assert 0 < top_of_j - bottom_of_i <= 20
    # boxes as wide as a card, and the page never wraps a line again
    for node in data["nodes"]:
        assert node["widthConstraint"]["minimum"] + 2 * node["margin"] == CARD_W
        assert node["widthConstraint"]["maximum"] >= 2 * CARD_W
    # partners are rounded and interventions square: told apart by shape, not colour alone
    assert nodes["partner:p"]["shapeProperties"]["borderRadius"] > 10
    assert nodes["intervention:i"]["shapeProperties"]["borderRadius"] <= 2


def test_partner_links_start_hidden_and_the_rest_drawn(base_path: Path) -> None:
    edges = map_data(load_model(base_path, use_cache=False).model)["edges"]
    kinds = Counter((e["id"].split(":")[0], e.get("hidden", False)) for e in edges)
    # the process runs werven -> binden/isoleren -> uitbuiten -> geld -> nazorg
    # a card stands under each phase it acts on: no line from a card to a phase
    assert kinds == {("raises", True): 11, ("sequence", False): 6}
    page = Page(map_html(load_model(base_path, use_cache=False).model))
    boxes = [a for t, a in page.tags if t == "input" and a.get("type") == "checkbox"]
    # the partner-links box, and one box per partner in the drop-out list, none ticked
    (box,) = [b for b in boxes if b.get("name") != "whatif"]
    assert box["id"] == "show-links"
    assert all("checked" not in b for b in boxes)
    assert "Alle partnerlijnen tonen" in "".join(page.text)


def test_text_version_has_a_card_per_phase_with_what_the_ccv_cards_show(base_path: Path) -> None:
    model = load_model(base_path, use_cache=False).model
    html = map_html(model)
    card = html[html.index('id="card-werven"') : html.index('id="card-binden"')]
    for heading in (
        "Signalen bij slachtoffers",
        "Signalen bij daders",
        "Overige signalen",
        "Gelegenheden",
        "Bewust betrokken",
        "Onbewust betrokken",
        "Partners",
        "Barrières",
        "Bronnen",
    ):
        assert f"<h5>{heading}</h5>" in card
    assert "Wacht bij de school" in card and "Nieuwe dure spullen" in card
    assert 'data-node="intervention:les"' in card and 'data-node="partner:school"' in card
    assert html.count('class="card"') == len(model.phases)


def test_a_phase_cards_text_is_in_its_card_not_in_the_data_island(base_path: Path) -> None:
    """The card is rendered here only: the page's data carries no card text for its script to
    build a card from again, and the script names none of the card's sections."""
    model = load_model(base_path, use_cache=False).model
    html = map_html(model)
    page = Page(html)
    items = page.data()["items"]
    (island,) = [b for a, b in page.scripts if a.get("id") == "barriers-data"]
    for phase in model.phases:
        assert not set(CARD_ONLY) & set(items[f"phase:{phase.id}"]), phase.id
        card = html[html.index(f'<section class="card" id="card-{phase.id}"') :]
        card = card[: card.index("</section>")]
        for signal in phase.signals:
            assert signal.text in card and signal.text not in island, signal.text
    script = page_script()
    for word in ("signals_victim", "signals_other", "opportunities", "facilitators_both"):
        assert f"W.{word}" not in script and f'"{word}"' not in script, word
    for field in ("signals", "opportunities", "facilitators"):
        assert f".{field}" not in script, field


def test_a_phase_slide_lists_its_sectors_and_lists_as_its_card_does(
    write_model: Callable[..., Path],
) -> None:
    """The slide and the card of a phase come from the same lists: the largest sector first,
    equal ones as they first appear, no sector last (here first appearance would put zorg
    before onderwijs)."""
    path = write_model(
        """\
        id: sectoren
        title: Sectoren
        phases:
          - id: werven
            name: Werven
            signals:
              - {text: Signaal van een dader, about: offender}
              - {text: Signaal van een slachtoffer, about: victim}
            facilitators:
              - {text: Onbewust, awareness: unknowing}
              - {text: Bewust, awareness: knowing}
        partners:
          - {id: losse, name: Losse partner}
          - {id: arts, name: Arts, sector: zorg}
          - {id: school, name: School, sector: onderwijs}
          - {id: mbo, name: Mbo, sector: onderwijs}
        interventions:
          - {id: a, name: A, phases: [werven], partners: [losse, arts, school, mbo]}
        """
    )
    html = map_html(load_model(path, use_cache=False).model)
    card = html[html.index('<section class="card" id="card-werven"') :]
    card = card[: card.index("</section>")]
    slide = html[html.index('data-slide="1" data-phase="werven"') :]
    slide = slide[: slide.index("</section>")]
    names_list = slide[: slide.index('<ul class="by-count"')]

    def sectors(part: str) -> list[str]:
        return re.findall(r'<span class="sector">(?:<span>)?([^<:]*)', part)

    def partners(part: str) -> list[str]:
        return re.findall(r'data-node="partner:([^"]+)"', part)

    def texts(part: str) -> list[str]:
        return re.findall(r"<li>([^<]*)</li>", part)

    assert sectors(card) == sectors(names_list) == ["onderwijs", "zorg", "Zonder sector"]
    assert partners(card) == partners(names_list) == ["mbo", "school", "arts", "losse"]
    assert (
        texts(card)[:4]
        == texts(slide)[:4]
        == [
            "Signaal van een slachtoffer",
            "Signaal van een dader",
            "Bewust",
            "Onbewust",
        ]
    )


def test_english_words_with_lang_en(base_path: Path) -> None:
    model = load_model(base_path, use_cache=False).model
    html = map_html(model, lang="en")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Signals of victims" in html and "What if this partner drops out?" in html
    assert "Signalen bij slachtoffers" not in html
    assert "Wacht bij de school" in html  # model text as written
    assert map_data(model, lang="en")["items"]["intervention:les"]["status"] == "Regular practice"
    with pytest.raises(ValueError, match="unknown language"):
        map_html(model, lang="fr")


def test_the_header_names_the_variant_as_a_variant(base_path: Path) -> None:
    """A variant's value is a short name (here ``general``): the subtitle labels it, the
    label in the page's words and the value in the model's language."""
    model = load_model(base_path, use_cache=False).model
    assert '<p class="meta">Variant: <span>general</span></p>' in map_html(model)
    assert '<p class="meta">Variant: <span lang="nl">general</span></p>' in map_html(
        model, lang="en"
    )


def test_model_text_in_another_language_is_marked_as_such(base_path: Path) -> None:
    # WCAG 3.1.2: the model is Dutch (language: nl); with English page words its text says so
    model = load_model(base_path, use_cache=False).model
    english = map_html(model, lang="en")
    assert '<h1 id="title" lang="nl">Kaartmodel</h1>' in english
    assert (
        '<section class="card" id="card-werven" data-phase="werven" aria-labelledby="card-werven-h" lang="nl" '
        in english
    )
    assert '<h5 lang="en">Signals of victims</h5>' in english
    assert '<option value="fier" lang="nl">Fier</option>' in english
    assert map_data(model, lang="en")["text_lang"] == "nl"
    # same language, or no usable tag: nothing to mark
    dutch = map_html(model)
    assert ' lang="nl"' not in dutch.split("<body>", 1)[1]
    assert map_data(model)["text_lang"] is None


def test_model_text_is_escaped_once_and_never_parsed(write_model: Callable[..., Path]) -> None:
    from barriers.analysis import facts as model_facts

    model = load_model(write_model(hostile_model_yaml()), use_cache=False).model
    html = map_html(model)
    page = Page(html)
    # nothing from the model became an element or an attribute
    assert [a for _, a in page.tags if "data-pwned" in a or a.get("id") == "pwned"] == []
    risky = ("img", "svg", "iframe", "object", "base", "link", "style", "math", "input", "details")
    # the page's own: its stylesheet, the search box, the drop-out list (a fold-out of a box
    # per partner), the partner-links box and the legend
    acting = {p for ps in model_facts(model).partners_of.values() for p in ps}
    inputs = [a for t, a in page.tags if t == "input"]
    dropout = [a for a in inputs if a.get("name") == "whatif"]
    assert sorted(a["value"] for a in dropout) == sorted(acting)
    assert Counter(t for t, _ in page.tags if t in risky) == {
        "style": 1,
        "input": 2 + len(dropout),
        "details": 2,
    }
    assert [a.get("id") for a in inputs if a.get("name") != "whatif"] == ["search", "show-links"]
    assert {a.get("type") for a in dropout} == {"checkbox"}
    assert [t for t, _ in page.tags].count("script") == 4
    assert [t for t, a in page.tags if t == "meta" and a.get("http-equiv") == "refresh"] == []
    assert page.attributes("src") == []
    # the url as a valid one: what a URL may not hold as it is, percent-encoded
    assert set(page.attributes("href")) <= {"#text-version", quote(HOSTILE_URL, safe=URL_SAFE)}
    # ... and it reads exactly as written: escaped once, not twice
    title = html[html.index("<title>") + 7 : html.index("</title>")]
    assert Page(f"<p>{title}</p>").text == [f"Barrièrekaart: {model.title}"]
    text = "".join(page.text)
    for phase in model.phases:
        assert phase.name in text and (phase.description or "") in text
    # a payload written with entities reads as those entities, not as what they stand for
    assert "&lt;script&gt;alert('entity')&lt;/script&gt; &amp; &#60;b&#62;" in text
    assert "R&D <x>" in text
    # the data islands round-trip and cannot end their script element early
    for island in ("barriers-data", "barriers-network"):
        body = next(b for a, b in page.scripts if a.get("id") == island)
        assert "<" not in body and ">" not in body and "&" not in body, island
        assert "\u2028" not in body and "\u2029" not in body, island
    data = page.data()
    assert data == json.loads(json.dumps({**map_data(model), **page_data(map_data(model))}))
    serialized = json.dumps(data, ensure_ascii=False)
    for payload in PAYLOADS:  # every payload reaches the page: as data, or as a card's text
        as_data = json.dumps(payload, ensure_ascii=False)[1:-1] in serialized
        assert as_data or payload in text, payload


def test_inlined_scripts_are_ascii_so_no_forbidden_code_point_reaches_the_page(
    base_path: Path,
) -> None:
    html = map_html(load_model(base_path, use_cache=False).model)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 2  # vis-network and the page's script
    assert all(script.isascii() for script in scripts)
    assert r"\u0085" in vis_bundle()  # the bundle's raw U+0085, written as an escape
    assert script_json({"a": "x\u0085y\ufffe"}) == '{"a":"x\\u0085y\\ufffe"}'


def test_script_json_escapes_what_could_end_a_script() -> None:
    text = script_json({"a": "</script><!--&\u2028\u2029"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}'
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029"}


def test_compare_marks_what_the_variant_adds_changes_and_removes(variant_path: Path) -> None:
    loaded = load_model(variant_path, use_cache=False)
    base = load_model(loaded.lineage[1][1], use_cache=False).model
    data = map_data(loaded.model, base=base)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    marks = {nid: item["mark"] for nid, item in data["items"].items() if item["mark"]}
    assert marks == {
        "partner:taxi": "added",
        "intervention:taxi-training": "added",
        "intervention:les": "changed",
        "intervention:opsporing": "changed",
        "phase:uitbuiten": "changed",
        # removed items are drawn as ghosts, a removed phase too
        "intervention:chat": "removed",
        "partner:om": "removed",
        "phase:geld": "removed",
    }
    assert labels["partner:taxi"].startswith("+ ")
    assert labels["intervention:les"].startswith("± ")
    # a ghost says so in words, not only by its grey dashed border
    assert labels["intervention:chat"] == "− Anonieme chat\n‹signalering›\n(verwijderd)"
    assert labels["partner:om"] == "− Openbaar Ministerie\n(verwijderd)"
    assert labels["phase:geld"] == "− Geld\n(verwijderd)"
    assert data["items"]["intervention:les"]["changed_fields"] == ["description"]
    removed = {(c["kind"], c["id"]) for c in data["changes"] if c["mark"] == "removed"}
    assert removed == {("phase", "geld"), ("partner", "om"), ("intervention", "chat")}
    geld = next(c for c in data["changes"] if c["id"] == "geld")
    assert geld["node"] == "phase:geld" and geld["name"] == "Geld"
    # ghosts are on the map only: not in the process, the cards, the filters or the counts
    assert "geld" not in data["order"] and "geld" not in data["gaps"]["uncovered"]
    # the ghost of a removed intervention is not counted as a barrier
    assert "chat" not in data["items"]["phase:werven"]["interventions"]
    page = map_html(loaded.model, base=base)
    text = "".join(Page(page).text)
    assert "Vergelijking met de basis: Kaartmodel" in text
    assert "Fase: Geld" in text
    assert 'data-node="phase:geld"' in page
    # its card (what the base had there) is only in the template the details panel clones
    shown, ghosts = page.split('<template id="ghost-cards">')
    assert 'id="card-geld"' not in shown and 'id="card-geld"' in ghosts
    assert "In de basis: 0 barrières · 0 partners" in ghosts


def ghost_map(write_model: Callable[..., Path]) -> dict[str, Any]:
    write_model(BASE, "kaart.yaml")
    loaded = load_model(write_model(VARIANT_WITHOUT_PHASES, "kaart-kort.yaml"), use_cache=False)
    base = load_model(loaded.lineage[1][1], use_cache=False).model
    return map_data(loaded.model, base=base)


def test_compare_puts_a_removed_phase_back_where_it_stood_with_what_it_had(
    write_model: Callable[..., Path],
) -> None:
    data = ghost_map(write_model)
    at = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    nodes = {n["id"]: n for n in data["nodes"]}
    ghosts = {nid for nid, item in data["items"].items() if item["mark"] == "removed"}
    assert ghosts == {
        "phase:isoleren",
        "phase:geld",
        "intervention:meldcode",
        "partner:veilig-thuis",
    }
    # isoleren ran beside binden (werven -> binden | isoleren -> uitbuiten): the next lane
    # of the same step; geld ran between uitbuiten and nazorg: a column of its own between them
    assert at["phase:isoleren"][0] == at["phase:binden"][0] + CARD_W + COLUMN_GAP
    assert at["phase:isoleren"][1] == at["phase:binden"][1]
    assert at["phase:uitbuiten"][0] < at["phase:geld"][0] < at["phase:nazorg"][0]
    assert at["phase:geld"][1] == at["phase:uitbuiten"][1]
    # the barrier that acted on it alone sits under it, its removed partner in the band
    assert at["intervention:meldcode"][0] == at["phase:isoleren"][0]
    assert at["intervention:meldcode"][1] > at["phase:isoleren"][1]
    above = [y for nid, (_, y) in at.items() if not nid.startswith("partner:")]
    assert at["partner:veilig-thuis"][1] > max(above)
    assert data["items"]["intervention:meldcode"]["home"] == "isoleren"
    # drawn as ghosts: grey, dashed, and saying so in words
    for nid in ghosts:
        assert nodes[nid]["label"].startswith("− ") and "(verwijderd)" in nodes[nid]["label"]
        assert nodes[nid]["color"]["background"] == "#eeeeee"
        assert nodes[nid]["shapeProperties"]["borderDashes"] == [6, 6]
    # the base's links to and from the removed phases, dashed; the ones the variant keeps solid
    dashed = {e["id"] for e in data["edges"] if e.get("dashes")}
    assert dashed == {
        "sequence:werven:isoleren",
        "sequence:isoleren:uitbuiten",
        "sequence:uitbuiten:geld",
        "sequence:geld:nazorg",
        "acts_on:casusoverleg:isoleren",  # casusoverleg stays, without isoleren
        "raises:veilig-thuis:meldcode",
    }
    solid = {e["id"] for e in data["edges"] if not e.get("dashes")}
    assert "sequence:uitbuiten:nazorg" in solid
    assert "acts_on:casusoverleg:isoleren" not in solid
    # its details are the base's: what acted on it, who, and where the process ran
    item = data["items"]["phase:isoleren"]
    assert item["state"] == "removed" and item["mark"] == "removed"
    assert item["interventions"] == ["casusoverleg", "meldcode"]
    assert item["partners"] == ["gemeente", "politie", "veilig-thuis"]
    assert item["counts"] == {"interventions": 2, "partners": 3}
    assert (item["prev"], item["next"]) == (["werven"], ["uitbuiten"])
    assert data["items"]["intervention:casusoverleg"]["phases"] == ["binden", "uitbuiten"]
    # the variant's own answers do not count ghosts
    assert data["order"] == ["werven", "binden", "uitbuiten", "nazorg"]
    assert "meldcode" not in data["items"]["phase:binden"]["interventions"]
    # laid out the same every time, no two boxes on one spot
    assert ghost_map(write_model) == data
    assert len(set(at.values())) == len(at)


def test_a_removed_phase_before_everything_goes_first(write_model: Callable[..., Path]) -> None:
    write_model(BASE, "kaart.yaml")
    variant = write_model(
        "id: zonder-werven\ntitle: Zonder werven\nextends: kaart\n"
        "remove: {phases: [werven], interventions: [les, chat]}\n",
        "zonder.yaml",
    )
    loaded = load_model(variant, use_cache=False)
    data = map_data(loaded.model, base=load_model(loaded.lineage[1][1], use_cache=False).model)
    at = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert at["phase:werven"][0] < min(at[f"phase:{p}"][0] for p in data["order"])
    assert {"sequence:werven:binden", "sequence:werven:isoleren"} <= {
        e["id"] for e in data["edges"] if e.get("dashes")
    }


# -- the command --------------------------------------------------------------------------------


def test_map_command_writes_the_default_output(
    cli: Callable[..., Result], base_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = cli("--no-cache", "map", base_path)
    assert result.code == 0, result.err
    # stdout is for results; the status line goes to stderr, as with export and report
    assert (result.out, result.err) == ("", "wrote outputs/kaart.html\n")
    written = (work / "outputs" / "kaart.html").read_text(encoding="utf-8")
    assert written == map_html(load_model(base_path, use_cache=False).model)
    # pyvis's own writer would have left a lib/ folder here; this one leaves only the page
    assert sorted(p.name for p in work.iterdir()) == ["outputs"]
    assert sorted(p.name for p in (work / "outputs").iterdir()) == ["kaart.html"]


def test_map_command_options(
    cli: Callable[..., Result],
    variant_path: Path,
    base_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []

    def fake_open(url: str) -> bool:  # stands in for the user's browser only
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    target = tmp_path / "out" / "lokaal.html"
    result = cli("map", variant_path, "-o", target, "--compare", "--lang", "en", "--open")
    assert result.code == 0, result.err
    html = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Compared with: Kaartmodel" in "".join(Page(html).text)
    assert opened == [target.resolve().as_uri()]

    result = cli("map", base_path, "--compare", "-o", tmp_path / "x.html")
    assert result.code == 1
    assert "model 'kaart' extends no other model" in result.err
    assert not (tmp_path / "x.html").exists()

    result = cli("map", base_path, "--lang", "fr")
    assert result.code == 2 and "'fr' is not one of 'nl', 'en'" in result.err


def test_map_to_stdout_writes_the_page_and_nothing_else(
    cli: Callable[..., Result], base_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("map", base_path, "-o", "-")
    assert result.code == 0, result.err
    assert result.out == map_html(load_model(base_path, use_cache=False).model)
    assert result.err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaart.yaml"]  # no file named "-"


def test_map_refuses_open_with_stdout_before_doing_anything(
    cli: Callable[..., Result], base_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.chdir(tmp_path)
    result = cli("map", base_path, "-o", "-", "--open")
    assert result.code == 2
    assert result.out == ""
    assert "--open needs a file to open: give -o FILE, not -o -" in result.err
    assert opened == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaart.yaml"]


@pytest.mark.slow  # a subprocess
def test_map_to_a_pipe_that_closes_early_is_not_an_error(base_path: Path) -> None:
    # `barriers map M -o - | head -c 10`: the page is cut short, the command still succeeds
    barriers = Path(sys.executable).with_name("barriers")
    with subprocess.Popen(
        [str(barriers), "--no-cache", "map", str(base_path), "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        head = process.stdout.read(15)
        process.stdout.close()
        err = process.stderr.read()
    assert head == b"<!DOCTYPE html>"
    assert process.returncode == 0, err
    assert b"Wrote" not in err and b"wrote" not in err


def test_map_command_refuses_an_invalid_model(
    cli: Callable[..., Result], write_model: Callable[..., Path], tmp_path: Path
) -> None:
    bad = write_model("id: x\ntitle: X\nphases: []\n", "bad.yaml")
    result = cli("map", bad, "-o", tmp_path / "bad.html")
    assert result.code == 1 and "bad.yaml:" in result.err
    assert not (tmp_path / "bad.html").exists()


def test_only_rendering_imports_pyvis() -> None:
    code = (
        "import sys, barriers.commands.map, barriers.map.layout, barriers.map.words; "
        "print('pyvis' in sys.modules, 'IPython' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- the committed maps -------------------------------------------------------------------------


@pytest.mark.parametrize("model_id", BUNDLED)
def test_committed_maps_are_up_to_date(model_id: str) -> None:
    committed = OUTPUTS / f"{model_id}.html"
    assert committed.exists(), f"run: barriers map {model_id}"
    from barriers.map.session import session_context

    loaded = load_model(MODELS / f"{model_id}.yaml", use_cache=False)
    fresh = map_html(loaded.model, session=session_context(loaded))
    assert committed.read_bytes() == fresh.encode("utf-8"), (
        f"outputs/{model_id}.html is out of date: run `barriers map {model_id}` and commit it"
    )
