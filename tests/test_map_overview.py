"""The map's overview level (semantic zoom), in Debian's chromium: zoomed out, each phase
shows a group chip per barrier type (the type and its number of barriers) instead of its
cards; zooming in past the cards' label threshold swaps back to the cards with their names.

Counts are computed here from the resolved model with the library, never written down.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from barriers import analysis, load_model
from barriers.map.layout import DEFAULT_H, GROUP_GAP, PHASE_TO_GROUPS, compute_layout
from barriers.map.render import PHASE_FONT, group_name, map_data, map_html, type_text
from barriers.map.session import MARKS
from barriers.map.words import words
from barriers.model import Model
from tests.browser_support import GuardedPage
from tests.helpers import MODELS, ROOT
from tests.payloads import hostile_model_yaml

OUTPUTS = ROOT / "outputs"
BUNDLED = sorted(p.stem for p in MODELS.glob("*.yaml"))
M = "window.barriersMap"
LAPTOP = (1366, 768)
# where the map is now: the level, the nodes in view and their label sizes
VIEW = """() => {
  const m = window.barriersMap;
  const ids = m.visibleNodeIds();
  return {
    groups: m.showsGroups(),
    inView: ids,
    px: Object.fromEntries(ids.map(id => [id, m.labelPx(id)])),
    chips: m.groupChips(),
  };
}"""
# a node's place on the screen (page coordinates)
NODE_POINT = """(id) => {
  const net = window.barriersMap.network;
  const box = document.getElementById('map').getBoundingClientRect();
  const dom = net.canvasToDOM(net.getPositions([id])[id]);
  return [box.left + dom.x, box.top + dom.y];
}"""
# draw one frame now (vis-network draws on the next animation frame otherwise)
FRAME = "window.barriersMap.network.redraw()"


def expected_groups(model: Model) -> Counter[tuple[str, str | None]]:
    """(phase, type) -> the number of the phase's barriers of that type (None: no type), as
    the library answers which barriers act on which phase."""
    by_phase = analysis.interventions_by_phase(analysis.facts(model))
    kinds = {i.id: i.type or None for i in model.interventions}
    return Counter((pid, kinds[iid]) for pid, ids in by_phase.items() for iid in ids)


def open_map(browser: Any, path: Path, size: tuple[int, int]) -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.resolve().as_uri())
    page.evaluate(f"{M}.ready")
    page.errors = errors
    return page


def zoom_to(page: Any, scale: float) -> None:
    page.evaluate(f"(s) => {{ {M}.network.moveTo({{scale: s}}); {FRAME}; }}", scale)


def chip_counts(chips: list[dict[str, Any]]) -> Counter[tuple[str, str | None]]:
    return Counter({(c["phase"], c["type"]): c["total"] for c in chips})


@pytest.mark.parametrize("model_id", BUNDLED)
def test_the_laptop_first_view_shows_every_phase_with_its_group_chips(
    browser: Any, model_id: str
) -> None:
    page = open_map(browser, OUTPUTS / f"{model_id}.html", LAPTOP)
    model = load_model(MODELS / f"{model_id}.yaml").model
    view = page.evaluate(VIEW)
    assert view["groups"] is True
    chips = view["chips"]
    # a chip per phase and type, with the library's counts (a barrier on two phases in both)
    assert chip_counts(chips) == expected_groups(model)
    assert all(len(c["members"]) == c["total"] for c in chips)
    # every chip is in the view with its label 12 px or more, and so is every phase
    ids = [c["id"] for c in chips] + [f"phase:{p.id}" for p in model.phases]
    assert set(ids) <= set(view["inView"]), set(ids) - set(view["inView"])
    assert min(view["px"][i] for i in ids) >= 12, {i: view["px"][i] for i in ids}
    # the cards are not drawn beside them
    assert not [i for i in view["inView"] if i.startswith("intervention:")]
    assert all(c["drawn"] for c in chips)
    # in each phase the largest group first, each labelled with its type and its number
    for pid in {c["phase"] for c in chips}:
        totals = [c["total"] for c in chips if c["phase"] == pid]
        assert totals == sorted(totals, reverse=True)
    w = words("nl")
    for c in chips:
        name = group_name(type_text(model, c["type"], "nl"))
        count = f"{c['total']} {w['count_barrier'] if c['total'] == 1 else w['count_barriers']}"
        if model.local is not None:  # a profile's chips count what is in place (below)
            count = local_line(
                c, {i.id for i in model.interventions if i.local and i.local.state == "in-place"}
            )
        assert c["label"] == f"{name}\n{count}"
    # chips of one phase sit in its column, one under another, never overlapping
    # (as drawn: vis-network's bounding box adds the corners' radius around it)
    boxes = page.evaluate(
        """(ids) => ids.map(id => {
          const s = window.barriersMap.network.body.nodes[id].shape;
          return {left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height};
        })""",
        [c["id"] for c in chips],
    )
    for a, (ca, ba) in enumerate(zip(chips, boxes, strict=True)):
        for cb, bb in list(zip(chips, boxes, strict=True))[a + 1 :]:
            apart = (
                ba["right"] <= bb["left"]
                or bb["right"] <= ba["left"]
                or ba["bottom"] <= bb["top"]
                or bb["bottom"] <= ba["top"]
            )
            assert apart, (ca["id"], cb["id"])
    # the hint says what the chips leave out
    assert page.is_visible("#zoom-hint")
    assert page.inner_text("#zoom-hint") == w["zoom_hint_groups"]
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("model_id", BUNDLED)
def test_a_wide_screen_shows_named_cards_or_readable_chips_never_both(
    browser: Any, model_id: str
) -> None:
    page = open_map(browser, OUTPUTS / f"{model_id}.html", (1920, 1080))
    view = page.evaluate(VIEW)
    cards = [i for i in view["inView"] if i.startswith("intervention:")]
    chips = [i for i in view["inView"] if i.startswith("group:")]
    assert not (cards and chips)
    shown = chips if view["groups"] else cards
    assert shown and min(view["px"][i] for i in shown) >= 12
    page.context.close()


def test_zooming_in_swaps_to_named_cards_and_out_to_chips(browser: Any) -> None:
    page = open_map(browser, OUTPUTS / "loverboys-general.html", LAPTOP)
    # count what changes the nodes drawn (DataSet updates, and the page's swap of levels,
    # which flags vis-network's nodes and rebuilds its index of drawn nodes): moving about
    # at one level changes none
    page.evaluate(
        f"""() => {{
      const net = {M}.network;
      const data = net.body.data.nodes;
      const update = data.update.bind(data);
      const reindex = net._updateVisibleIndices.bind(net);
      window.__updates = 0;
      data.update = (u) => {{ window.__updates += 1; return update(u); }};
      net._updateVisibleIndices = () => {{ window.__updates += 1; return reindex(); }};
    }}"""
    )
    for dx in (-200, 200, 0):
        page.evaluate(
            f"(dx) => {{ const n = {M}.network; const p = n.getViewPosition();"
            f" n.moveTo({{position: {{x: p.x + dx, y: p.y + 50}}}}); {FRAME}; }}",
            dx,
        )
    assert page.evaluate("window.__updates") == 0
    # zooming in with the map's own button until the cards come
    for _ in range(6):
        if not page.evaluate(f"{M}.showsGroups()"):
            break
        page.click("#zoom-in")
        page.evaluate(FRAME)
    view = page.evaluate(VIEW)
    assert view["groups"] is False
    assert page.evaluate(f"{M}.network.getScale()") >= page.evaluate(f"{M}.groupScale")
    cards = [i for i in view["inView"] if i.startswith("intervention:")]
    assert cards and min(view["px"][c] for c in cards) >= 12
    assert not [i for i in view["inView"] if i.startswith("group:")]
    assert not any(c["drawn"] for c in view["chips"])
    assert page.evaluate(f"(id) => {M}.labelPx(id)", view["chips"][0]["id"]) == 0
    page.wait_for_selector("#zoom-hint", state="hidden")
    swapped = page.evaluate("window.__updates")
    assert swapped >= 1
    # and out again: the chips come back, the cards go
    page.click("#zoom-out")
    page.evaluate(FRAME)
    view = page.evaluate(VIEW)
    assert view["groups"] is True
    assert not [i for i in view["inView"] if i.startswith("intervention:")]
    assert [i for i in view["inView"] if i.startswith("group:")]
    page.wait_for_selector("#zoom-hint", state="visible")
    # "Alles tonen" is the first view again
    page.click("#reset")
    assert page.evaluate(f"{M}.showsGroups()") is True
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("model_id", BUNDLED)
def test_clicking_a_chip_lists_its_barriers_and_shows_them_named(
    browser: Any, model_id: str
) -> None:
    page = open_map(browser, OUTPUTS / f"{model_id}.html", LAPTOP)
    chips = page.evaluate(f"{M}.groupChips()")
    chip = max(chips, key=lambda c: (c["total"], c["id"]))
    x, y = page.evaluate(NODE_POINT, chip["id"])
    page.mouse.click(x, y)
    page.evaluate(FRAME)
    # the phase and type filters chose them: the panel lists exactly those barriers
    assert page.input_value("#filter-phase") == chip["phase"]
    assert page.input_value("#filter-type") == (chip["type"] or "-")
    listed = page.eval_on_selector_all(
        "#panel-body section:first-of-type .node-link", "bs => bs.map(b => b.dataset.node)"
    )
    assert sorted(listed) == sorted(chip["members"])
    # the map shows their cards, named; no other barrier's card
    view = page.evaluate(VIEW)
    assert view["groups"] is False
    cards = [i for i in view["inView"] if i.startswith("intervention:")]
    assert cards and min(view["px"][c] for c in cards) >= 12
    assert {c.split("@")[0] for c in cards} <= set(chip["members"])
    # zoomed out again, the chips say what the cards show: this one all of its barriers,
    # the others of the phase none (dim)
    zoom_to(page, page.evaluate(f"{M}.groupScale") * 0.6)
    now = {c["id"]: c for c in page.evaluate(f"{M}.groupChips()")}
    assert now[chip["id"]]["shown"] == chip["total"] and not now[chip["id"]]["dim"]
    w = words("nl")
    assert now[chip["id"]]["label"].endswith(
        w["group_shown"].format(shown=chip["total"], total=chip["total"])
    )
    for other in now.values():
        if other["phase"] == chip["phase"] and other["id"] != chip["id"]:
            assert other["shown"] == 0 and other["dim"]
    assert page.errors == []
    page.context.close()


def test_chips_agree_with_the_partner_filter_and_the_drop_out_question(browser: Any) -> None:
    page = open_map(browser, OUTPUTS / "loverboys-general.html", LAPTOP)
    model = load_model(MODELS / "loverboys-general.yaml").model
    partner = max(
        model.partners, key=lambda p: sum(p.id in i.partners for i in model.interventions)
    )
    page.select_option("#filter-partner", partner.id)
    # too many cards to show named: the filter shows the chips of its phases; zoomed out,
    # each chip counts the cards it shows
    assert page.evaluate(f"{M}.showsGroups()") is True
    zoom_to(page, page.evaluate(f"{M}.groupScale") * 0.6)
    shown = set(page.evaluate(f"{M}.shownNodeIds()"))
    chips = page.evaluate(f"{M}.groupChips()")
    assert page.evaluate(f"{M}.showsGroups()") is True
    of = words("nl")["group_shown"]
    for c in chips:
        seen = len([m for m in c["members"] if m in shown])
        assert c["shown"] == seen
        assert c["label"].endswith(of.format(shown=seen, total=c["total"]))
        assert c["dim"] is (seen == 0)
    assert any(c["shown"] for c in chips) and any(c["dim"] for c in chips)
    page.click("#reset")
    # the partner drops out: each chip counts the barriers lost (the library's answer)
    answer = analysis.whatif(model, [partner.id])
    lost = {f"intervention:{i}" for i in answer["lost_interventions"]}
    page.evaluate(
        "(p) => { const b = document.querySelector(`input[value='${p}']`); b.click(); }", partner.id
    )
    zoom_to(page, page.evaluate(f"{M}.groupScale") * 0.6)
    chips = page.evaluate(f"{M}.groupChips()")
    lost_of = words("nl")["group_lost"]
    for c in chips:
        gone = len([m for m in c["members"] if m in lost])
        assert c["lost"] == gone
        if gone:
            assert c["label"].endswith(lost_of.format(lost=gone, total=c["total"]))
    assert any(c["lost"] for c in chips)
    assert page.errors == []
    page.context.close()


def local_line(chip: dict[str, Any], in_place: set[str], lang: str = "nl") -> str:
    """What a chip says of the local state: how many of its barriers are in place here."""
    here = len([m for m in chip["members"] if m.split(":", 1)[1] in in_place])
    return words(lang)["group_local"].format(mark=MARKS["in-place"], n=here, total=chip["total"])


def test_a_profile_map_counts_the_barriers_in_place_on_each_chip(browser: Any) -> None:
    # the session colours and marks each card by its local state; a chip, zoomed out, says
    # how many of its barriers are in place here (the profile's own answer), never the plain
    # count that would hide it
    model = load_model(MODELS / "gemeente-voorbeeld.yaml").model
    in_place = {i.id for i in model.interventions if i.local and i.local.state == "in-place"}
    page = open_map(browser, OUTPUTS / "gemeente-voorbeeld.html", LAPTOP)
    chips = page.evaluate(f"{M}.groupChips()")
    assert page.evaluate(f"{M}.showsGroups()") is True
    assert chips and all(c["label"].rsplit("\n", 1)[1] == local_line(c, in_place) for c in chips)
    assert {local_line(c, in_place) for c in chips} != {
        local_line({**c, "members": []}, in_place) for c in chips
    }
    page.context.close()


def test_session_mode_shows_local_counts_and_presenting_keeps_the_cards(browser: Any) -> None:
    page = open_map(browser, OUTPUTS / "loverboys-general.html", LAPTOP)
    assert page.evaluate(f"{M}.showsGroups()") is True
    page.click("#session-toggle")
    page.evaluate(FRAME)
    chips = page.evaluate(f"{M}.groupChips()")
    # nothing is known yet in a new session: no chip says its barriers are there
    assert all(c["label"].rsplit("\n", 1)[1] == local_line(c, set()) for c in chips)
    page.click("#session-toggle")
    page.evaluate(FRAME)
    chips = page.evaluate(f"{M}.groupChips()")
    assert all(c["label"].endswith(words("nl")["count_barriers"]) or c["total"] == 1 for c in chips)
    # all partner links end at the cards: showing them keeps the cards, and draws the links
    page.check("#show-links")
    page.evaluate(FRAME)
    assert page.evaluate(f"{M}.showsGroups()") is False
    assert [e for e in page.evaluate(f"{M}.visibleEdgeIds()") if e.startswith("raises:")]
    page.uncheck("#show-links")
    page.evaluate(FRAME)
    assert page.evaluate(f"{M}.showsGroups()") is True
    # presenting does not swap; back from it, the first view has its chips again
    page.click("#present")
    assert page.evaluate(f"{M}.showsGroups()") is False
    page.keyboard.press("Escape")
    page.evaluate(FRAME)
    assert page.evaluate(f"{M}.showsGroups()") is True
    assert page.errors == []
    page.context.close()


def test_the_print_png_draws_every_card_with_its_name(browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": LAPTOP[0], "height": LAPTOP[1]}, accept_downloads=True
    )
    page = context.new_page()
    page.goto((OUTPUTS / "loverboys-general.html").resolve().as_uri())
    page.evaluate(f"{M}.ready")
    assert page.evaluate(f"{M}.showsGroups()") is True
    # what each frame drawn during the export shows: the level and the cards' label sizes
    page.evaluate(
        f"""() => {{
      const m = {M};
      const cards = m.nodeIds().filter(id => id.startsWith('intervention:'));
      window.__frames = [];
      m.network.on('afterDrawing', () => window.__frames.push({{
        groups: m.showsGroups(),
        chips: m.groupChips().filter(c => c.drawn).length,
        smallest: Math.min(...cards.map(id => m.labelPx(id))),
        scale: m.network.getScale(),
      }}));
    }}"""
    )
    with page.expect_download() as download:
        page.click("#export-whole")
    assert download.value.suggested_filename == "loverboys-general-kaart.png"
    frames = page.evaluate("window.__frames")
    printed = [f for f in frames if f["scale"] >= 1]
    assert printed, frames
    assert all(not f["groups"] and f["chips"] == 0 and f["smallest"] >= 12 for f in printed)
    # and the page is back at its overview
    page.evaluate(FRAME)
    assert page.evaluate(f"{M}.showsGroups()") is True
    context.close()


@pytest.mark.parametrize("model_id", ["loverboys-general", "loverboys-islamic"])
def test_chips_speak_english_with_lang_en(browser: Any, tmp_path: Path, model_id: str) -> None:
    model = load_model(MODELS / f"{model_id}.yaml").model
    path = tmp_path / "en.html"
    path.write_text(map_html(model, lang="en"), encoding="utf-8")
    page = open_map(browser, path, LAPTOP)
    w = words("en")
    chips = page.evaluate(f"{M}.groupChips()")
    # the types in the vocabulary's English (as written where it has none), counted in English
    for c in chips:
        name, count = c["label"].rsplit("\n", 1)
        assert name == group_name(type_text(model, c["type"], "en"))
        assert count.endswith((w["count_barriers"], w["count_barrier"]))
    assert "care" in {c["label"].split("\n")[0] for c in chips}
    # a type's English may take two lines: the chips still fit the first view, readable
    view = page.evaluate(VIEW)
    assert {c["id"] for c in chips} <= set(view["inView"])
    assert min(view["px"][c["id"]] for c in chips) >= 12
    assert page.inner_text("#zoom-hint") == w["zoom_hint_groups"]
    page.select_option("#filter-partner", index=1)
    zoom_to(page, page.evaluate(f"{M}.groupScale") * 0.6)
    labels = [c["label"] for c in page.evaluate(f"{M}.groupChips()")]
    assert all(" of " in label.rsplit("\n", 1)[1] for label in labels)
    page.context.close()


def test_hostile_type_names_on_chips_stay_text(guarded: GuardedPage, tmp_path: Path) -> None:
    source = tmp_path / "hostile.yaml"
    source.write_text(hostile_model_yaml(), encoding="utf-8")
    model = load_model(source, use_cache=False).model
    path = tmp_path / "hostile.html"
    path.write_text(map_html(model), encoding="utf-8")
    page = guarded.page
    guarded.open(path)
    zoom_to(page, page.evaluate(f"{M}.groupScale") * 0.5)
    chips = page.evaluate(f"{M}.groupChips()")
    assert chip_counts(chips) == expected_groups(model)
    for c in chips:
        # the type as written, cut to the chip's width: text on the canvas, never markup
        name = group_name(type_text(model, c["type"], "nl"))
        assert c["label"].rsplit("\n", 1)[0] == name
    chip = next(c for c in chips if c["type"] and "<" in c["type"])
    page.evaluate(
        f"(id) => {{ const n = {M}.network; n.moveTo({{position: n.getPositions([id])[id]}}); }}",
        chip["id"],
    )
    page.evaluate(FRAME)
    page.mouse.move(*page.evaluate(NODE_POINT, chip["id"]))
    page.mouse.click(*page.evaluate(NODE_POINT, chip["id"]))
    assert chip["type"] in page.inner_text("#panel-title")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('[data-pwned], #pwned').length") == 0
    assert guarded.dialogs == []


# -- the layout and the page's data (no browser) ------------------------------------------------


def test_group_chips_stack_in_their_phase_column_and_end_the_overview() -> None:
    lay = compute_layout(
        ["a", "b"],
        {"a": ["b"]},
        [("i", ["a"], []), ("j", ["a", "b"], [])],
        [],
        {"group:a:0": 58, "group:a:1": 58, "group:b:0": 58},
        groups={"a": ["group:a:0", "group:a:1"], "b": ["group:b:0"]},
    )
    (xa, ya0), (xa1, ya1), (xb, yb) = (
        lay.groups[k] for k in ("group:a:0", "group:a:1", "group:b:0")
    )
    phase_a, phase_b = lay.positions["phase:a"], lay.positions["phase:b"]
    # under its phase, in its column, one under the other with a gap, from the cards' top
    assert xa == xa1 == phase_a[0] and xb == phase_b[0]
    assert ya1 - ya0 == 58 + GROUP_GAP and yb == ya0
    assert ya0 - 29 == lay.phase_bottom + PHASE_TO_GROUPS
    assert ya0 - 29 < lay.positions["intervention:i"][1] - DEFAULT_H // 2
    assert lay.overview_bottom == ya1 + 29
    assert lay.overview_bottom <= lay.height


@pytest.mark.parametrize("model_id", BUNDLED)
def test_the_page_data_groups_every_phase_by_type_as_the_library_counts(model_id: str) -> None:
    model = load_model(MODELS / f"{model_id}.yaml").model
    data = map_data(model)
    assert chip_counts(
        [{**g, "total": len(g["members"])} for g in data["groups"]]
    ) == expected_groups(model)
    colours = {t["name"]: t["color"] for t in data["types"]}
    for g in data["groups"]:
        # the type's colour, as its cards and the legend have it
        assert g["node"]["color"]["background"] == colours[g["type"]]
        # as large as the phases' names, which the first view keeps readable
        assert g["node"]["font"]["size"] >= PHASE_FONT
    # the poster and the text version take the cards: the chips are not among the nodes
    assert not [n for n in data["nodes"] if n["id"].startswith("group:")]


# -- where the map goes: chips, filters, drop-out, "Hele kaart", the hint, an empty choice ------

# a node's box as drawn, in page coordinates
NODE_RECT = """(id) => {
  const net = window.barriersMap.network;
  const b = net.getBoundingBox(id);
  const box = document.getElementById('map').getBoundingClientRect();
  const a = net.canvasToDOM({x: b.left, y: b.top});
  const z = net.canvasToDOM({x: b.right, y: b.bottom});
  return {left: box.left + a.x, top: box.top + a.y, right: box.left + z.x, bottom: box.top + z.y};
}"""


def card_under(model_id: str, member: str, phase: str) -> str:
    """The card of a barrier under a phase: its own node, or its copy there."""
    copies = map_data(load_model(MODELS / f"{model_id}.yaml").model)["copies"]
    copy = f"{member}@{phase}"
    return copy if copy in copies.get(member, []) else member


def chip_of(page: Any, phase: str, kind: str) -> dict[str, Any]:
    chips = page.evaluate(f"{M}.groupChips()")
    return next(c for c in chips if c["phase"] == phase and c["type"] == kind)


@pytest.mark.parametrize(
    ("size", "phase", "kind"),
    [
        (LAPTOP, "uitbuiten", "samenwerking"),
        (LAPTOP, "ronselen", "preventie"),
        ((1920, 1080), "locaties", "bestuurlijk"),
    ],
)
def test_a_chip_click_shows_its_phases_cards_of_its_type_named_under_the_header(
    browser: Any, size: tuple[int, int], phase: str, kind: str
) -> None:
    page = open_map(browser, OUTPUTS / "loverboys-general.html", size)
    chip = chip_of(page, phase, kind)
    page.evaluate(f"(id) => {M}.selectGroup(id)", chip["id"])
    page.evaluate(FRAME)
    view = page.evaluate(VIEW)
    assert view["groups"] is False
    mine = [card_under("loverboys-general", m, phase) for m in chip["members"]]
    cards = [i for i in view["inView"] if i.startswith("intervention:")]
    # only that phase's cards of that type are drawn, named; the phase's name above them
    assert cards and set(cards) <= set(mine), set(cards) - set(mine)
    assert min(view["px"][c] for c in cards) >= 12
    header = f"phase:{phase}"
    assert header in view["inView"]
    tops = {c: page.evaluate(NODE_RECT, c)["top"] for c in mine}
    assert all(page.evaluate(NODE_RECT, header)["bottom"] <= t for t in tops.values())
    # all of them, or the top of them: the first ones under the header, with no gap
    first = sorted(mine, key=tops.__getitem__)[: len(cards)]
    assert set(cards) == set(first)
    drawn = page.evaluate(f"{M}.visibleNodeIds()")
    assert not [i for i in drawn if i.startswith("intervention:") and i not in mine]
    assert page.errors == []
    page.context.close()


def test_whole_map_at_the_overview_level_shows_the_process_readable(browser: Any) -> None:
    page = open_map(browser, OUTPUTS / "loverboys-general.html", LAPTOP)
    model = load_model(MODELS / "loverboys-general.yaml").model
    page.click("#zoom-in")
    page.click("#zoom-in")
    page.click("#fit")
    page.evaluate(FRAME)
    view = page.evaluate(VIEW)
    assert view["groups"] is True
    ids = [c["id"] for c in view["chips"]] + [f"phase:{p.id}" for p in model.phases]
    assert set(ids) <= set(view["inView"])
    assert min(view["px"][i] for i in ids) >= 12
    # after a chip click the choice stays, and the status line says how to clear it
    chip = chip_of(page, "uitbuiten", "samenwerking")
    page.evaluate(f"(id) => {M}.selectGroup(id)", chip["id"])
    page.click("#fit")
    page.evaluate(FRAME)
    assert page.evaluate(f"{M}.showsGroups()") is True
    assert page.input_value("#filter-phase") == "uitbuiten"
    w = words("nl")
    assert page.inner_text("#status") == "8 van 75 barrières zichtbaar · " + w["fit_keeps_choice"]
    page.click("#reset")
    assert page.inner_text("#status") == ""
    assert page.errors == []
    page.context.close()


def readable_selection(page: Any, phases: set[str], cards: set[str]) -> None:
    """The map shows a selection so one can read it: all its cards named, or the chips of
    the phases that hold it (each phase in view, named), or its first phase's cards named
    from the phase's name down."""
    view = page.evaluate(VIEW)
    in_view = set(view["inView"])
    if view["groups"]:
        holding = {f"phase:{p}" for p in phases}
        chips = {c["id"] for c in view["chips"] if c["phase"] in phases}
        assert holding | chips <= in_view, (holding | chips) - in_view
        assert min(view["px"][i] for i in holding | chips) >= 12
        return
    shown = cards & in_view
    assert shown and min(view["px"][c] for c in shown) >= 12
    assert any(i.startswith("phase:") for i in in_view)


def test_a_partner_filter_shows_the_chips_of_its_phases_not_empty_space(browser: Any) -> None:
    page = open_map(browser, OUTPUTS / "loverboys-general.html", LAPTOP)
    model = load_model(MODELS / "loverboys-general.yaml").model
    page.select_option("#filter-partner", "politie")
    page.evaluate(FRAME)
    chosen = [i for i in model.interventions if "politie" in i.partners]
    phases = {p for i in chosen for p in i.phases}
    cards = set(
        page.evaluate(
            "(ids) => ids.flatMap(i => window.barriersMap.cardsOf(i))",
            [f"intervention:{i.id}" for i in chosen],
        )
    )
    readable_selection(page, phases, cards)
    # 32 of 75 cannot be named in one view at 1366: the chips count them, "n van m"
    assert page.evaluate(f"{M}.showsGroups()") is True
    of = words("nl")["group_shown"]
    for c in page.evaluate(f"{M}.groupChips()"):
        assert c["label"].endswith(of.format(shown=c["shown"], total=c["total"]))
    page.context.close()


def test_the_drop_out_question_shows_where_barriers_are_lost_readable(browser: Any) -> None:
    page = open_map(browser, OUTPUTS / "loverboys-general.html", LAPTOP)
    model = load_model(MODELS / "loverboys-general.yaml").model
    answer = analysis.whatif(model, ["politie", "scholen"])
    lost = set(answer["lost_interventions"])
    for p in ("politie", "scholen"):
        page.evaluate("(p) => document.querySelector(`input[value='${p}']`).click()", p)
    page.evaluate(FRAME)
    phases = {p for i in model.interventions if i.id in lost for p in i.phases}
    cards = set(
        page.evaluate(
            "(ids) => ids.flatMap(i => window.barriersMap.cardsOf(i))",
            [f"intervention:{i}" for i in lost],
        )
    )
    readable_selection(page, phases, cards)
    view = page.evaluate(VIEW)
    if view["groups"]:  # the chips in view say what is lost
        assert any(c["lost"] and c["id"] in view["inView"] for c in view["chips"])
    page.context.close()


def phase_rects(page: Any) -> list[dict[str, float]]:
    """Where every phase is drawn now (on the canvas or off it)."""
    ids = [i for i in page.evaluate(f"{M}.nodeIds()") if i.startswith("phase:")]
    assert ids
    return [page.evaluate(NODE_RECT, i) for i in ids]


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


@pytest.mark.parametrize("how", ["phone", "laptop", "laptop-plus", "wide-chip"])
def test_the_zoom_hint_covers_no_phase(browser: Any, how: str) -> None:
    size = {"phone": (390, 844), "laptop-plus": LAPTOP, "wide-chip": (1920, 1080)}.get(how, LAPTOP)
    page = open_map(browser, OUTPUTS / "loverboys-general.html", size)
    if how == "laptop-plus":
        page.click("#zoom-in")
    if how == "wide-chip":
        zoom_to(page, page.evaluate(f"{M}.groupScale") * 0.6)
        chip = chip_of(page, "locaties", "bestuurlijk")
        page.evaluate(f"(id) => {M}.selectGroup(id)", chip["id"])
        zoom_to(page, page.evaluate(f"{M}.groupScale") * 0.9)
    page.evaluate(FRAME)
    page.wait_for_selector("#zoom-hint", state="visible")
    hint = page.eval_on_selector("#zoom-hint", "e => e.getBoundingClientRect().toJSON()")
    map_box = page.eval_on_selector("#map", "e => e.getBoundingClientRect().toJSON()")
    # on the canvas, at its bottom
    assert map_box["top"] <= hint["top"] and hint["bottom"] <= map_box["bottom"]
    assert hint["left"] >= map_box["left"] and hint["right"] <= map_box["right"]
    for rect in phase_rects(page):
        assert not overlaps(hint, rect), (hint, rect)
    if how == "laptop":  # the first view leaves room for it below the chips
        for chip in page.evaluate(f"{M}.groupChips()"):
            assert not overlaps(hint, page.evaluate(NODE_RECT, chip["id"])), chip["id"]
    page.context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_empty_choice_says_so_on_the_map_with_the_phases_in_view(
    browser: Any, tmp_path: Path, lang: str
) -> None:
    model = load_model(MODELS / "loverboys-general.yaml").model
    path = tmp_path / "map.html"
    path.write_text(map_html(model, lang=lang), encoding="utf-8")
    page = open_map(browser, path, LAPTOP)
    assert page.is_hidden("#map-empty")
    page.select_option("#filter-partner", "politie")
    page.select_option("#filter-phase", "uitbuiten")
    page.select_option("#filter-type", "deskundigheid")
    page.evaluate(FRAME)
    assert not [
        i
        for i in model.interventions
        if "politie" in i.partners and "uitbuiten" in i.phases and i.type == "deskundigheid"
    ]
    assert page.is_visible("#map-empty")
    assert page.inner_text("#map-empty") == words(lang)["map_empty"]
    assert page.is_hidden("#zoom-hint")  # nothing to zoom in to
    view = page.evaluate(VIEW)
    phases = {f"phase:{p.id}" for p in model.phases}
    assert phases <= set(view["inView"])
    assert min(view["px"][p] for p in phases) >= 12
    note = page.eval_on_selector("#map-empty", "e => e.getBoundingClientRect().toJSON()")
    for rect in phase_rects(page):
        assert not overlaps(note, rect)
    page.select_option("#filter-type", "")
    assert page.is_hidden("#map-empty")
    page.context.close()
