"""Session mode in the map: the room records a place's local picture in the page and downloads it.

Real chromium (the ``guarded`` fixture: no request, no script error). What the page says is
checked against the Python analyses (``gaps --local``, ``checklist``) and what it writes
against the CLI (``validate``) and the project's loader.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from barriers import analysis, load_model
from barriers.analysis.local import local_view
from barriers.loader import load_document
from barriers.map.render import map_data, map_html
from barriers.map.session import SessionContext, session_context
from barriers.model import InterventionLocal, LocalArea, Model, PartnerLocal
from barriers.states import INTERVENTION_STATES, PARTNER_STATES
from tests.browser_support import GuardedPage
from tests.helpers import ROOT, run_cli
from tests.payloads import PAYLOADS, hostile_profile

MODELS = ROOT / "models"
BUNDLED = sorted(p.stem for p in MODELS.glob("*.yaml"))
GENERAL = MODELS / "loverboys-general.yaml"
# what typed text must survive besides the HTML/JS payloads
TRICKY = [
    "say \"hi\" and 'bye'",
    "key: value",
    "# not a comment",
    "---",
    "line one\nline two\n\n  indented",
    "- a leading dash",
    "yes",
    "no",
    "on",
    "off",
    "null",
    "~",
    "0123",
    "1e3",
    "12:30",
    "3.14",
    "emoji 🙂👩🏽‍⚕️",
    "nel\u0085 ls\u2028 ps\u2029 end",
    " leading and trailing spaces ",
    "tab\there\\back",
    "{a: b} [c, d] & * ! | > % @ `",
]
CORPUS = PAYLOADS + TRICKY


def _run(*args: str) -> Any:
    return run_cli(*args)


def python_local_gaps(model: Model) -> list[str]:
    """What ``barriers gaps PROFILE --local`` gives in ``uncovered``."""
    return list(analysis.gaps(local_view(model))["uncovered"])


def _page(tmp_path: Path, model: Model, name: str, **context: Any) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(map_html(model, session=SessionContext(**context)), encoding="utf-8")
    return path


def _profile_page(tmp_path: Path, loaded: Any, name: str, *, start: bool = False) -> Path:
    """The map of a loaded profile, as ``barriers map PROFILE`` writes it."""
    path = tmp_path / f"{name}.html"
    page = map_html(loaded.model, session=session_context(loaded, start=start))
    path.write_text(page, encoding="utf-8")
    return path


def _download(guarded: GuardedPage, target: Path) -> str:
    page = guarded.page
    with page.expect_download() as info:
        page.click("#s-tab-save")
        page.click("#s-download")
    info.value.save_as(target)
    return target.read_text(encoding="utf-8")


# -- the data the page starts from -----------------------------------------------------------


def test_session_data_of_a_plain_model_extends_the_model_itself() -> None:
    model = load_model(GENERAL).model
    data = map_data(model)["session"]
    assert data["extends"] == "loverboys-general"
    assert data["profile"] is False and data["local"] is None
    assert data["interventions"] == {} and data["actions"] == []
    assert [t["id"] for t in data["checklist"]] == [t.id for t in model.checklist]
    assert data["phase_order"] == [p.id for p in model.phases]


def test_session_data_of_a_profile_holds_its_states_and_extends_its_base() -> None:
    loaded = load_model(MODELS / "gemeente-voorbeeld.yaml")
    model = loaded.model
    base = load_model(loaded.lineage[1][1]).model
    data = map_data(model, session=session_context(loaded))["session"]
    assert data["extends"] == "loverboys-general"
    assert data["local"]["area"] == model.local.area if model.local else False
    for item in model.interventions:
        if item.local is not None:
            assert data["interventions"][item.id]["state"] == item.local.state
    assert len(data["actions"]) == len(model.actions)
    own = {p["id"] for p in data["keep"]["partners"] if "name" in p}
    assert own == {p.id for p in model.partners} - {p.id for p in base.partners}


def test_map_command_session_flag_opens_in_session_mode(tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    assert _run("map", str(GENERAL), "--session", "-o", str(out)).code == 0
    assert '"start":true' in out.read_text(encoding="utf-8")
    assert _run("map", str(GENERAL), "-o", str(out)).code == 0
    assert '"start":false' in out.read_text(encoding="utf-8")


# -- the browser ------------------------------------------------------------------------------


def _random_profile(model: Model, seed: int) -> Model:
    rng = random.Random(seed)
    return model.model_copy(
        update={
            "local": LocalArea(area=f"Plaats {seed}"),
            "interventions": [
                i.model_copy(
                    update={"local": InterventionLocal(state=rng.choice(INTERVENTION_STATES))}
                )
                if rng.random() < 0.8
                else i
                for i in model.interventions
            ],
            "partners": [
                p.model_copy(update={"local": PartnerLocal(state=rng.choice(PARTNER_STATES))})
                for p in model.partners
            ],
        }
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", BUNDLED)
def test_local_gaps_match_the_python_analysis_for_every_bundled_model(
    guarded: GuardedPage, tmp_path: Path, name: str
) -> None:
    model = load_model(MODELS / f"{name}.yaml").model
    guarded.open(_page(tmp_path, model, name))
    page = guarded.page
    session = "window.barriersMap.session"
    if model.local is not None:
        assert page.evaluate(f"{session}.localGaps()") == python_local_gaps(model)
    rng = random.Random(name)
    for round_ in range(3):
        states = {i.id: rng.choice(INTERVENTION_STATES) for i in model.interventions}
        page.evaluate(f"(s) => Object.keys(s).forEach(k => {session}.setState(k, s[k]))", states)
        profile = model.model_copy(
            update={
                "local": model.local or LocalArea(area="X"),
                "interventions": [
                    i.model_copy(update={"local": InterventionLocal(state=states[i.id])})
                    for i in model.interventions
                ],
            }
        )
        assert page.evaluate(f"{session}.localGaps()") == python_local_gaps(profile), round_


@pytest.mark.browser
@pytest.mark.parametrize("seed", range(6))
def test_local_gaps_match_the_python_analysis_for_generated_profiles(
    guarded: GuardedPage, tmp_path: Path, seed: int
) -> None:
    profile = _random_profile(load_model(GENERAL).model, seed)
    guarded.open(_page(tmp_path, profile, f"p{seed}"))
    assert guarded.page.evaluate("window.barriersMap.session.localGaps()") == python_local_gaps(
        profile
    )
    # the map marks each barrier's state with a sign and a word, and the local gaps per phase
    label = guarded.page.evaluate(
        "(id) => window.barriersMap.label(id)", f"intervention:{profile.interventions[0].id}"
    )
    state = profile.interventions[0].local.state if profile.interventions[0].local else "unknown"
    from barriers.analysis.local import STATE_WORDS

    assert label.endswith(STATE_WORDS[state][0])


def _tab_to(page: Any, selector: str) -> None:
    """Focus ``selector`` the way a keyboard user does: Tab until it has the focus."""
    for _ in range(600):
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _choose(page: Any, selector: str, value: str) -> None:
    """Pick an option of a focused select with the keyboard (Home, then ArrowDown)."""
    _tab_to(page, selector)
    values = page.eval_on_selector(selector, "s => Array.from(s.options).map(o => o.value)")
    page.keyboard.press("Home")
    for _ in range(values.index(value)):
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector(selector, "s => s.value") == value


@pytest.mark.browser
def test_a_whole_session_by_keyboard_downloads_a_profile_the_cli_reads(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    model = load_model(GENERAL).model
    path = _page(tmp_path, model, "general")
    guarded.open(path)
    page = guarded.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.focus("#search")
    _tab_to(page, "#session-toggle")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "session-title"
    assert page.get_attribute("#session-toggle", "aria-pressed") == "true"
    first, second = page.evaluate(
        "Array.from(document.querySelectorAll('select[id^=s-state-]')).slice(0, 2)"
        ".map(s => s.id.slice(8))"
    )
    _choose(page, f"#s-state-{first}", "in-place")
    _choose(page, f"#s-owner-{first}", model.partners[0].id)
    page.keyboard.press("Tab")
    page.keyboard.type("Wijkagent Jansen")
    page.keyboard.press("Tab")
    page.keyboard.type("Loopt sinds maart")
    _choose(page, f"#s-state-{second}", "partial")
    # partners, a phase note, an action, the checklist: each tab by the arrow keys
    page.focus("#s-tab-barriers")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "s-tab-partners"
    partner = model.partners[1].id
    _choose(page, f"#s-pstate-{partner}", "absent")
    page.keyboard.press("Tab")
    page.keyboard.type("Geen vestiging hier")
    page.focus("#s-tab-partners")
    page.keyboard.press("ArrowRight")
    phase = model.phases[0].id
    _tab_to(page, f"#s-phase-{phase}")
    page.keyboard.type("De zaal: hier ligt het open")
    page.focus("#s-tab-phases")
    page.keyboard.press("ArrowRight")
    _tab_to(page, "#s-a-title")
    page.keyboard.type("Wervingsplekken in kaart brengen")
    page.keyboard.press("Tab")  # the barriers it is about: a multiple select
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    _choose(page, "#s-a-owner", model.partners[0].id)
    page.keyboard.press("Tab")
    page.keyboard.type("2027-01-15")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    _choose(page, "#s-a-state", "in-progress")
    _tab_to(page, "#s-a-save")
    page.keyboard.press("Enter")
    actions = page.evaluate("window.barriersMap.session.state().actions")
    assert [a["title"] for a in actions] == ["Wervingsplekken in kaart brengen"]
    assert actions[0]["priority"] == 1 and actions[0]["due"] == "2027-01-15"
    page.focus("#s-tab-actions")
    page.keyboard.press("ArrowRight")
    questions = [q for t in model.checklist for q in t.questions]
    _choose(page, f"#s-answer-{questions[0].id}", "partly")
    page.keyboard.press("Tab")
    page.keyboard.type("Alleen op het vo")
    _choose(page, f"#s-answer-{questions[1].id}", "no")
    page.focus("#s-tab-checklist")
    page.keyboard.press("ArrowRight")
    _tab_to(page, "#s-area")
    page.keyboard.type("Gemeente Proef")
    page.keyboard.press("Tab")
    page.keyboard.type("2026-12-01")
    shown = page.evaluate("window.barriersMap.session.localGaps()")
    status = page.text_content("#session-gaps") or ""
    assert str(len(shown)) in status
    # a reload (or a crash) keeps the work: the page offers it back
    assert page.evaluate("window.barriersMap.session.unsaved()") is True
    prevented = page.evaluate(
        "(() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; })()"
    )
    assert prevented is True
    again = page.context.new_page()
    again.goto(path.resolve().as_uri())
    again.evaluate("window.barriersMap.ready")
    again.wait_for_selector("#session-restore-yes")
    again.focus("#session-restore-yes")
    again.keyboard.press("Enter")
    restored = again.evaluate("window.barriersMap.session.state()")
    assert restored == page.evaluate("window.barriersMap.session.state()")
    assert again.input_value(f"#s-note-{first}") == "Loopt sinds maart"
    yaml_text = again.evaluate("window.barriersMap.session.profileYaml()")
    again.close()
    target = tmp_path / "proef.yaml"
    assert _download(guarded, target) == yaml_text
    assert page.evaluate("window.barriersMap.session.unsaved()") is False
    (tmp_path / "loverboys-general.yaml").write_bytes(GENERAL.read_bytes())
    result = _run("validate", str(target))
    assert result.code == 0, result.err
    gaps = json.loads(_run("gaps", str(target), "--local", "--format", "json").out)
    assert gaps["uncovered"] == shown
    checklist = json.loads(_run("checklist", str(target), "--format", "json").out)
    answers = {
        q["id"]: (q["answer"], q["note"]) for t in checklist["themes"] for q in t["questions"]
    }
    assert answers[questions[0].id] == ("partly", "Alleen op het vo")
    assert answers[questions[1].id] == ("no", None)
    loaded = load_model(target).model
    assert loaded.local is not None and loaded.local.area == "Gemeente Proef"
    assert loaded.local.date == "2026-12-01"
    item = loaded.intervention(first)
    assert item.local is not None
    assert (item.local.state, item.local.owner, item.local.contact, item.local.note) == (
        "in-place",
        model.partners[0].id,
        "Wijkagent Jansen",
        "Loopt sinds maart",
    )
    assert loaded.partner(partner).local == PartnerLocal(state="absent", note="Geen vestiging hier")
    assert loaded.phase(phase).local is not None
    assert loaded.phase(phase).local.note == "De zaal: hier ligt het open"
    assert loaded.actions[0].state == "in-progress" and loaded.actions[0].priority == 1
    for args in (["local"], ["plan"], ["report", "-o", str(tmp_path / "report.html")]):
        assert _run(*args, str(target)).code == 0, args
    # the profile's own map starts from its states
    assert _run("map", str(target), "-o", str(tmp_path / "proef.html")).code == 0
    guarded.open(tmp_path / "proef.html")
    assert page.evaluate("window.barriersMap.session.localGaps()") == shown
    assert page.evaluate("window.barriersMap.session.profileYaml()") == yaml_text


# Text fields the session has, by kind: a textarea takes a newline (typed with Enter); a one-line
# input cannot hold one (the browser drops it), so text with a newline is typed into textareas.
TEXTAREA_KINDS = ("contact", "note", "pnote", "phase", "anote")
TYPED_KINDS = (*TEXTAREA_KINDS, "action")


def _type(page: Any, text: str) -> None:
    """Type ``text`` key by key into the focused field: Enter for a newline, a tab pasted (the
    Tab key moves the focus on, for a person as for this test)."""
    for piece in re.split(r"(\n|\t)", text):
        if piece == "\n":
            page.keyboard.press("Enter")
        elif piece == "\t":
            page.keyboard.insert_text("\t")
        elif piece:
            page.keyboard.type(piece)


def _type_into(page: Any, selector: str, text: str) -> None:
    page.focus(selector)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    _type(page, text)
    assert page.input_value(selector) == text, selector


def _selector(kind: str, item: str) -> str:
    return f"#s-{kind}-{item}"


def _kept(loaded: Model, selector: str) -> str | None:
    kind, _, item = selector[3:].partition("-")
    if kind == "contact":
        return loaded.intervention(item).local.contact  # type: ignore[union-attr]
    if kind == "note":
        return loaded.intervention(item).local.note  # type: ignore[union-attr]
    if kind == "pnote":
        return loaded.partner(item).local.note  # type: ignore[union-attr]
    if kind == "phase":
        return loaded.phase(item).local.note  # type: ignore[union-attr]
    return loaded.checklist_answers[item].note


@pytest.mark.browser
def test_every_typed_byte_survives_download_reload_and_render(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """The payload corpus typed key by key into every kind of session field (each payload once,
    in turn; filled into the rest for bulk), downloaded, read back by the page and downloaded
    again, validated, and rendered as map and reports: every byte kept, nothing run."""
    model = load_model(GENERAL).model
    path = _page(tmp_path, model, "general", start=True)
    guarded.open(path)
    page = guarded.page
    page.wait_for_selector("#session:not([hidden])")
    items = {
        "contact": [i.id for i in model.interventions],
        "note": [i.id for i in model.interventions][::-1],
        "pnote": [p.id for p in model.partners],
        "phase": [p.id for p in model.phases],
        "anote": [q.id for t in model.checklist for q in t.questions],
    }
    filled = {
        _selector(kind, ids[k % len(ids)]): text
        for k, text in enumerate(CORPUS)
        for kind, ids in items.items()
    }
    typed: dict[str, str] = {}
    titles: list[str] = []  # each typed into an action's title and its note
    free = {kind: list(ids) for kind, ids in items.items()}  # items not typed into yet
    turn = 0
    for text in CORPUS:
        while True:
            kind = TYPED_KINDS[turn % len(TYPED_KINDS)]
            turn += 1
            if kind == "action" and "\n" not in text:
                titles.append(text)
                break
            if kind != "action" and free[kind]:
                typed[_selector(kind, free[kind].pop())] = text
                break
    assert {s[3:].partition("-")[0] for s in typed} == set(TEXTAREA_KINDS) and titles
    tabs = {"contact": "barriers", "note": "barriers", "pnote": "partners", "phase": "phases"}
    for kind in TEXTAREA_KINDS:
        page.click(f"#s-tab-{tabs.get(kind, 'checklist')}")
        for selector, text in filled.items():
            if selector.startswith(f"#s-{kind}-") and selector not in typed:
                page.fill(selector, text)
        for selector, text in typed.items():
            if selector.startswith(f"#s-{kind}-"):
                _type_into(page, selector, text)
    expected = {**filled, **typed}
    # the drop-downs by keyboard: an owner, an answer
    barrier, partner = model.interventions[0].id, model.partners[2].id
    page.click("#s-tab-barriers")
    _choose(page, f"#s-owner-{barrier}", partner)
    question = items["anote"][0]
    page.click("#s-tab-checklist")
    _choose(page, f"#s-answer-{question}", "no")
    page.click("#s-tab-actions")
    for n, text in enumerate(titles):
        _type_into(page, "#s-a-title", text)
        _type_into(page, "#s-a-note", text)
        if n == 0:  # the other fields of an action, by keyboard too
            _type_into(page, "#s-a-due", "2027-01-15")
            _type_into(page, "#s-a-priority", "3")
            _choose(page, "#s-a-owner", partner)
            _choose(page, "#s-a-state", "in-progress")
        _tab_to(page, "#s-a-save")
        page.keyboard.press("Enter")
    page.click("#s-tab-save")
    _type_into(page, "#s-area", CORPUS[0])
    _type_into(page, "#s-date", "2026-12-01")
    _type_into(page, "#s-id", "plaats-payload")
    _type_into(page, "#s-title", CORPUS[1])
    target = tmp_path / "downloaded" / "plaats-payload.yaml"
    target.parent.mkdir()
    text = _download(guarded, target)
    (target.parent / "loverboys-general.yaml").write_bytes(GENERAL.read_bytes())
    result = _run("validate", str(target))
    assert result.code == 0, result.err
    loaded = load_model(target, use_cache=False).model
    assert loaded.local is not None and loaded.local.area == CORPUS[0]
    assert (loaded.title, loaded.local.date) == (CORPUS[1], "2026-12-01")
    for selector, value in expected.items():
        assert _kept(loaded, selector) == value, selector
    assert [(a.title, a.note) for a in loaded.actions] == [(t, t) for t in titles]
    first = loaded.actions[0]
    assert (first.due, first.priority, first.owner, first.state) == (
        "2027-01-15",
        3,
        partner,
        "in-progress",
    )
    assert loaded.intervention(barrier).local.owner == partner  # type: ignore[union-attr]
    assert loaded.checklist_answers[question].answer == "no"
    # the page reads its own file back through the file picker and downloads the same bytes
    guarded.open(_page(tmp_path, model, "again", start=True))
    page.click("#s-tab-save")
    page.set_input_files("#s-load", str(target))
    page.wait_for_function("() => window.barriersMap.session.state().area !== ''")
    again = tmp_path / "again" / "plaats-payload.yaml"
    again.parent.mkdir()
    assert _download(guarded, again) == text
    assert again.read_bytes() == target.read_bytes()
    # its own map and its reports show every text as text: nothing runs
    assert _run("map", str(target), "-o", str(tmp_path / "shown.html")).code == 0
    guarded.open(tmp_path / "shown.html")
    page.evaluate("window.barriersMap.session.start()")
    for tab in ("barriers", "partners", "phases", "actions", "checklist", "save"):
        page.click(f"#s-tab-{tab}")
    for node in page.evaluate("window.barriersMap.nodeIds()")[:40]:
        page.evaluate("(id) => window.barriersMap.select(id)", node)
    assert page.evaluate("window.barriersMap.session.profileYaml()") == text
    for selector, value in typed.items():  # a typed field shows what was typed
        page.click(f"#s-tab-{tabs.get(selector[3:].partition('-')[0], 'checklist')}")
        assert page.input_value(selector) == value, selector
    reports = []
    for name, extra in (("report.html", []), ("session.html", ["--session"])):
        out = tmp_path / name
        result = _run("report", str(target), *extra, "-o", str(out))
        assert result.code == 0, result.err
        reports.append(out)
    for report in [tmp_path / "shown.html", *reports]:
        if report.name != "shown.html":
            guarded.open(report, wait_ready=False)
        assert page.evaluate("window.__pwned") is None, report.name
        assert page.evaluate("document.querySelectorAll('[data-pwned], #pwned').length") == 0
        assert page.title() != "pwned"
    shown = page.text_content("body") or ""  # the session report: the plan and the room's notes
    for title in titles:
        assert title.strip() in shown, title
    assert guarded.dialogs == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id: x\nextends: loverboys-general\nlocal: &a {area: X}\n", "regel 3"),
        ("id: x\n  title: y\n", "regel 2"),
        ("id: x\nextends: other\nlocal: {area: X}\n", "extends"),
        ("id: x\ntitle: a: b\n", "regel 2, kolom 8"),
        ('id: "x\n', "regel 1"),
        ("id: x\nnotes: {a: [b, c}\n", "regel 2, kolom 17"),
        ("id: x\nnotes: [a, {b: c]\n", "regel 2"),
        ("id: x\nnotes: [a,, b]\n", "regel 2, kolom 11"),
        ("id: x\nnotes: {a: b, a: c}\n", "twee keer"),
        ("id: x\nnotes: [a #b]\n", "regel 2, kolom 11"),
        ("id: x\nnotes: .inf\n", "aanhalingstekens"),  # the loader refuses it too
    ],
)
def test_a_file_the_page_cannot_read_gets_a_located_message(
    guarded: GuardedPage, tmp_path: Path, text: str, where: str
) -> None:
    guarded.open(_page(tmp_path, load_model(GENERAL).model, "general", start=True))
    page = guarded.page
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    page.click("#s-tab-save")
    page.set_input_files("#s-load", str(bad))
    page.wait_for_function("() => document.getElementById('session-message').textContent !== ''")
    message = page.text_content("#session-message") or ""
    assert "bad.yaml" in message and where in message, message


@pytest.mark.browser
def test_the_page_reads_a_profile_a_person_wrote(guarded: GuardedPage, tmp_path: Path) -> None:
    """The bundled example profile (flow mappings, folded text, comments) loads as it is."""
    model = load_model(GENERAL).model
    guarded.open(_page(tmp_path, model, "general", start=True))
    page = guarded.page
    page.click("#s-tab-save")
    page.set_input_files("#s-load", str(MODELS / "gemeente-voorbeeld.yaml"))
    page.wait_for_function("() => window.barriersMap.session.state().area !== ''")
    profile = load_model(MODELS / "gemeente-voorbeeld.yaml").model
    assert page.evaluate("window.barriersMap.session.localGaps()") == python_local_gaps(profile)
    written = tmp_path / "gemeente-voorbeeld.yaml"
    written.write_text(page.evaluate("window.barriersMap.session.profileYaml()"), encoding="utf-8")
    (tmp_path / "loverboys-general.yaml").write_bytes(GENERAL.read_bytes())
    assert _run("validate", str(written)).code == 0
    again = load_model(written).model
    assert python_local_gaps(again) == python_local_gaps(profile)
    assert [a.model_dump() for a in again.actions] == [a.model_dump() for a in profile.actions]
    assert {i.id: i.local for i in again.interventions} == {
        i.id: i.local for i in profile.interventions
    }


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_session_mode_fits_the_screen_and_passes_axe(
    guarded: GuardedPage, tmp_path: Path, size: tuple[int, int]
) -> None:
    from tests.browser_support import serious_violations

    page = guarded.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    profile = load_model(MODELS / "gemeente-voorbeeld.yaml")
    guarded.open(_profile_page(tmp_path, profile, "profiel", start=True))
    page.wait_for_selector("#session:not([hidden])")
    for tab in ("barriers", "partners", "phases", "actions", "checklist", "save"):
        page.click(f"#s-tab-{tab}")
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0], tab
        assert serious_violations(page) == [], tab
    page.click("#s-tab-barriers")
    page.screenshot(path=str(tmp_path / f"session-{size[0]}.png"))


@pytest.mark.browser
def test_actions_are_edited_and_removed_and_bad_fields_refused(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    model = load_model(GENERAL).model
    guarded.open(_page(tmp_path, model, "general", start=True))
    page = guarded.page
    session = "window.barriersMap.session"
    barrier, phase = model.interventions[0].id, model.phases[2].id
    first = page.evaluate(
        f"(b) => {session}.addAction({{title: 'Eerste', interventions: [b], priority: 2}})", barrier
    )
    page.evaluate(f"(p) => {session}.addAction({{title: 'Tweede', phases: [p]}})", phase)
    page.click("#s-tab-actions")
    page.click(f"#s-edit-{first}")
    assert page.input_value("#s-a-title") == "Eerste"
    page.fill("#s-a-title", "Eerste, herzien")
    page.fill("#s-a-due", "2026-02-31")  # no such day: refused, nothing changes
    page.click("#s-a-save")
    assert "JJJJ-MM-DD" in (page.text_content("#session-message") or "")
    assert page.evaluate(f"{session}.state().actions[0].title") == "Eerste"
    page.fill("#s-a-due", "2026-02-28")
    page.select_option("#s-a-state", "done")
    page.click("#s-a-save")
    actions = page.evaluate(f"{session}.state().actions")
    assert actions[0] == {
        "id": first,
        "title": "Eerste, herzien",
        "interventions": [barrier],
        "due": "2026-02-28",
        "priority": 2,
        "state": "done",
    }
    page.click(f"#s-remove-{actions[1]['id']}")
    assert [a["id"] for a in page.evaluate(f"{session}.state().actions")] == [first]
    # the details of the barrier show the action that concerns it
    page.evaluate("(id) => window.barriersMap.select(id)", f"intervention:{barrier}")
    assert "Eerste, herzien" in (page.text_content("#panel-body") or "")
    with pytest.raises(Exception, match="onbekende verwijzing"):
        page.evaluate(f"{session}.setState('no-such-barrier', 'in-place')")
    with pytest.raises(Exception, match="Lokale staat"):
        page.evaluate(f"(b) => {session}.setState(b, 'maybe')", barrier)
    # no area yet: the download says so and moves the focus to the field
    page.click("#s-tab-save")
    page.click("#s-download")
    assert page.evaluate("document.activeElement.id") == "s-area"
    assert "gebied" in (page.text_content("#session-message") or "").lower()


def test_a_profile_map_still_compares_with_its_base(tmp_path: Path) -> None:
    out = tmp_path / "cmp.html"
    result = _run("map", str(MODELS / "gemeente-voorbeeld.yaml"), "--compare", "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert '"compare":true' in text and '"extends":"loverboys-general"' in text


@pytest.mark.browser
def test_the_profile_map_filters_by_local_state(guarded: GuardedPage, tmp_path: Path) -> None:
    loaded = load_model(MODELS / "gemeente-voorbeeld.yaml")
    guarded.open(_profile_page(tmp_path, loaded, "profiel"))
    page = guarded.page
    page.select_option("#filter-local", "absent")
    shown = {
        i.split(":", 1)[1]
        for i in page.evaluate("window.barriersMap.shownNodeIds()")
        if i.startswith("intervention:")
    }
    assert shown == {
        i.id for i in loaded.model.interventions if i.local and i.local.state == "absent"
    }
    page.select_option("#filter-local", "")
    assert len(page.evaluate("window.barriersMap.shownNodeIds()")) == len(
        page.evaluate("window.barriersMap.nodeIds()")
    )


@pytest.mark.browser
def test_a_profile_map_downloads_the_profile_it_was_opened_with(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """Nothing the profile held is lost: its own partners and barriers, notes, plan, answers."""
    from barriers.analysis.checklist import checklist
    from barriers.analysis.local import action_plan, local_picture

    loaded = load_model(MODELS / "gemeente-voorbeeld.yaml")
    guarded.open(_profile_page(tmp_path, loaded, "profiel"))
    written = tmp_path / "gemeente-voorbeeld.yaml"
    written.write_text(
        guarded.page.evaluate("window.barriersMap.session.profileYaml()"), encoding="utf-8"
    )
    (tmp_path / "loverboys-general.yaml").write_bytes(GENERAL.read_bytes())
    assert _run("validate", str(written)).code == 0
    again = load_model(written, use_cache=False).model
    model = loaded.model
    assert local_picture(again) == local_picture(model)
    assert action_plan(again) == action_plan(model)
    assert checklist(again) == checklist(model)
    for kind in ("phases", "partners", "interventions", "sources"):
        assert [i.model_dump() for i in getattr(again, kind)] == [
            i.model_dump() for i in getattr(model, kind)
        ], kind
    assert (again.title, again.description, again.notes) == (
        model.title,
        model.description,
        model.notes,
    )


@pytest.mark.browser
def test_a_profile_map_shows_local_marks_gaps_and_the_plan_in_words(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """Each barrier says its local state in a sign and a word (not colour alone); a phase left
    open here says so beside the model's own counts; the details list the actions about it."""
    from barriers.analysis.local import STATE_WORDS, local_picture

    loaded = load_model(MODELS / "gemeente-voorbeeld.yaml")
    model = loaded.model
    guarded.open(_profile_page(tmp_path, loaded, "profiel"))
    page = guarded.page
    for item in model.interventions:
        state = item.local.state if item.local else "unknown"
        label = page.evaluate("(id) => window.barriersMap.label(id)", f"intervention:{item.id}")
        if label is not None:  # a barrier on no phase of the map has no card
            assert label.splitlines()[-1].endswith(STATE_WORDS[state][0]), (item.id, label)
    open_here = set(local_picture(model)["uncovered"])
    assert open_here  # the example leaves phases open
    for phase in model.phases:
        label = page.evaluate("(id) => window.barriersMap.label(id)", f"phase:{phase.id}")
        assert ("lokaal open" in label) == (phase.id in open_here), (phase.id, label)
        assert "barrière" in label  # the model's own counts stay beside it
    action = next(a for a in model.actions if a.interventions)
    page.evaluate(
        "(id) => window.barriersMap.select(id)", f"intervention:{action.interventions[0]}"
    )
    assert action.title in page.inner_text("#panel-body")


# -- nothing a person wrote is lost: every field of a profile goes through the page ---------------

# A profile with every top-level field of the format (and list patches, own items of each kind,
# a checklist theme of its own, a removal); values with YAML's traps.
EVERY_FIELD = """\
# a profile with every top-level field the format allows
id: alles-lokaal
title: "Alles: een profiel met elk veld"
extends: loverboys-general
variant: lokaal
description: |
  Meer regels,
  met # geen commentaar en: een dubbele punt.
language: nl
version: '2.0'
authors: [Een Auteur, "Tweede: auteur"]
license: CC-BY-4.0
region: Regio Proef
notes:
  sessie: "Avond van 3 maart"
  "vreemde sleutel": [1, 2.5, true, null, "yes", "🙂"]
  genest: {a: {b: [x, {c: d}]}}
  getallen: [1.5e3, 1.0e-7, 1.0e+21, 0.1, -3, 9007199254740991, "12345678901234567890"]
  # numbers a page's JavaScript cannot hold as YAML reads them, and signs YAML reads as text
  drijvend: [2.0, -0.0, 1.0e+20, .5, 1_000.5, 1:30.5, 12345678901234567890, -98765432109876543210]
  vorm: [-.5, +.5, 0x1F, 1_000, 12:30, +12]
  n: 12345678901234567890
local:
  area: Gemeente Proef
  date: "2026-12-01"
  participants: [politie, buurtsportcoach-proef]
remove:
  interventions: [sextortion-voorlichting, horeca-bewustwording]
# labels over the base's (YAML 1.1 would read the language codes no and yes as booleans)
vocabulary:
  types:
    preventie: {en: prevention here, no: forebygging, yes: "<b id=pwned data-pwned=1>ja</b>"}
    "signalering: vroeg": {en: "</script><script>window.__pwned=1</script>"}
  sectors:
    welzijn:
      en: "welfare & <i>wellbeing</i>"
      no: velferd
    veiligheid en justitie: {en: '"><img src=x data-pwned=1 onerror=window.__pwned=1>'}
sources:
  - id: sessie-proef
    title: Verslag van de sessie
    publisher: Gemeente Proef
    year: 2026
phases:
  - id: ronselen
    notes: Hier begint het.
    local: {note: "De zaal: online ronselen"}
  - id: nazorg-proef
    name: Nazorg (lokaal)
    after: uitbuiten
partners:
  - id: buurtsportcoach-proef
    name: Buurtsportcoaches Proef
    sector: welzijn
    sources: [sessie-proef]
    local: {state: present, note: Altijd aan tafel.}
  - id: politie
    sector: veiligheid en justitie
    local: {state: absent}
interventions:
  - id: meldknop
    partners: {add: [buurtsportcoach-proef], remove: [jongerenwerk]}
    local: {state: in-place, owner: buurtsportcoach-proef, contact: "Coach: Piet", note: "- ja"}
  - id: sport-signalering-proef
    name: Signaleren op de sportclub
    phases: [ronselen, nazorg-proef]
    partners: [buurtsportcoach-proef]
    type: preventie
    status: example
    sources: [sessie-proef]
    local: {state: partial, owner: buurtsportcoach-proef}
  - id: nep-loverboy-actie
    local: {state: absent}
checklist:
  - id: lokaal-proef
    name: Lokale vragen
    questions:
      - id: sportclubs-betrokken
        text: Zijn de sportclubs betrokken?
        interventions: [sport-signalering-proef]
checklist_answers:
  sportclubs-betrokken: {answer: partly, note: "Twee van de vijf"}
  kennis-landelijke-cijfers: {answer: yes}
actions:
  - id: sportclubs
    title: Alle sportclubs aansluiten
    interventions: [sport-signalering-proef]
    phases: [nazorg-proef]
    owner: buurtsportcoach-proef
    due: "2027-06-30"
    priority: 2
    state: in-progress
    note: "Eerst: de grote clubs"
  - id: klein
    title: Klein
    priority: 12345678901234567890
"""
# The least a profile needs: the page gives it the title "Lokaal profiel AREA" (a profile's
# title would otherwise be its base's), the one thing it adds.
NO_TITLE = "id: kaal\nextends: loverboys-general\nlocal: {area: Ergens}\n"
# A profile of a profile: its own file is kept, and its download extends the profile it extends.
OF_A_PROFILE = """\
id: wijk-voorbeeld
title: Wijk in Gemeente Voorbeeld
extends: gemeente-voorbeeld
local: {area: Wijk Noord, participants: [wijkteam]}
partners:
  - id: wijkraad-noord
    name: Wijkraad Noord
    sector: bewoners
    local: {state: present}
interventions:
  - id: meldknop
    local: {state: partial, owner: wijkraad-noord}
"""


def _show(path: Path) -> Any:
    result = _run("show", str(path), "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _exact(data: Any) -> str:
    """``data`` as JSON text: 2.0 and 2, -0.0 and 0 differ here (they are equal in Python)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _written_as(page: Any, target: Path, expected: Any) -> str:
    """Write what the page downloads to ``target``; it validates and shows as ``expected``."""
    text = page.evaluate("window.barriersMap.session.profileYaml()")
    target.write_text(text, encoding="utf-8")
    result = _run("validate", str(target))
    assert result.code == 0, result.err
    assert _exact(_show(target)) == _exact(expected)
    return str(text)


def _profile_case(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """The profile file of a case and the model file whose plain map it is loaded into."""
    folder = tmp_path / "written"
    folder.mkdir()
    if name == "gemeente-voorbeeld":
        return MODELS / "gemeente-voorbeeld.yaml", GENERAL
    if name == "hostile":
        profile = hostile_profile(folder)
        return profile, folder / "hostile-base.yaml"
    text = {"alles": EVERY_FIELD, "kaal": NO_TITLE, "van-profiel": OF_A_PROFILE}[name]
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path, GENERAL if name != "van-profiel" else MODELS / "gemeente-voorbeeld.yaml"


@pytest.mark.browser
@pytest.mark.parametrize("name", ["alles", "kaal", "van-profiel", "hostile", "gemeente-voorbeeld"])
def test_a_profile_goes_through_the_page_with_every_field_it_holds(
    guarded: GuardedPage, tmp_path: Path, name: str
) -> None:
    """Opened as its own map, and read by the page of its base through the file picker, a
    profile downloads as one that ``show`` gives exactly as the original (``remove``, list
    patches, its own checklist, notes and items of every kind included)."""
    original, base = _profile_case(tmp_path, name)
    if name == "alles":  # it holds every top-level field the format has (so it grows with it)
        assert set(yaml.safe_load(EVERY_FIELD)) == set(Model.model_fields)
    loaded = load_model(original, use_cache=False)
    expected = _show(original)
    if name == "kaal":  # the one thing the page adds
        assert expected["title"] == load_model(GENERAL).model.title
        expected["title"] = "Lokaal profiel Ergens"
    downloads = tmp_path / "downloaded"
    downloads.mkdir()
    if original.parent != MODELS:  # a base written beside the profile goes with it
        for beside in original.parent.glob("*.yaml"):
            (downloads / beside.name).write_bytes(beside.read_bytes())
    page = guarded.page
    guarded.open(_profile_page(tmp_path, loaded, "own"))
    target = downloads / original.name
    own = load_document(original).data.get("vocabulary")

    def written() -> None:
        _written_as(page, target, expected)
        # its own vocabulary, as written (not only merged with its base's)
        assert _exact(load_document(target).data.get("vocabulary")) == _exact(own)

    if name == "alles":  # the language codes YAML 1.1 would read as booleans stay text
        assert set(own["types"]["preventie"]) == {"en", "no", "yes"}
    written()
    if base.stem == loaded.lineage[1][0] and load_model(base).model.local is None:
        # the plain map of its base reads the file and writes the same profile
        guarded.open(_page(tmp_path, load_model(base).model, "base", start=True))
        page.click("#s-tab-save")
        page.set_input_files("#s-load", str(original))
        page.wait_for_function("() => window.barriersMap.session.state().area !== ''")
        written()
        assert page.evaluate("window.barriersMap.session.localGaps()") == python_local_gaps(
            loaded.model
        )
    if name == "alles":
        # so does the map of another profile of the same base, which lists the base's items
        # for it, not its own profile's (that profile's own partner is no owner to choose here)
        other = load_model(MODELS / "gemeente-voorbeeld.yaml", use_cache=False)
        guarded.open(_profile_page(tmp_path, other, "other", start=True))
        page.click("#s-tab-save")
        page.set_input_files("#s-load", str(original))
        page.wait_for_function("() => window.barriersMap.session.state().id === 'alles-lokaal'")
        written()
        assert page.evaluate("window.barriersMap.session.localGaps()") == python_local_gaps(
            loaded.model
        )
        page.click("#s-tab-barriers")
        owners = _options(page, "#s-owner-meldcode")
        assert "buurtsportcoach-proef" in owners and "jongerenpunt-voorbeeld" not in owners
        assert page.locator("#s-state-jongerenpunt-spreekuur").count() == 0
    assert page.evaluate("window.__pwned") is None


def _options(page: Any, selector: str) -> dict[str, str]:
    return dict(
        page.eval_on_selector(selector, "s => Array.from(s.options).map(o => [o.value, o.text])")
    )


@pytest.mark.browser
def test_the_items_a_loaded_profile_adds_are_listed_and_chosen_and_kept(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """A profile read from a file brings its own partners into every owner drop-down and the
    partners tab, its own barriers and phases into theirs, and takes out what it removes; a
    reload offers the work back with them, and leaving with it unsaved asks first."""
    model = load_model(GENERAL).model
    source = tmp_path / "alles.yaml"
    source.write_text(EVERY_FIELD, encoding="utf-8")
    path = _page(tmp_path, model, "general", start=True)
    guarded.open(path)
    page = guarded.page
    page.click("#s-tab-save")
    page.set_input_files("#s-load", str(source))
    page.wait_for_function("() => window.barriersMap.session.state().area !== ''")
    new, name = "buurtsportcoach-proef", "Buurtsportcoaches Proef"
    page.click("#s-tab-barriers")
    assert _options(page, "#s-owner-meldcode")[new] == name
    assert page.input_value("#s-owner-meldknop") == new
    assert page.input_value("#s-state-sport-signalering-proef") == "partial"  # its own barrier
    assert page.locator("#s-state-sextortion-voorlichting").count() == 0  # removed
    with pytest.raises(Exception, match="onbekende verwijzing"):
        page.evaluate("window.barriersMap.session.setState('sextortion-voorlichting', 'absent')")
    # by keyboard: the new partner runs another barrier; its note, typed in the partners tab
    _choose(page, "#s-owner-meldcode", new)
    page.click("#s-tab-partners")
    assert page.input_value(f"#s-pstate-{new}") == "present"
    assert page.input_value(f"#s-pnote-{new}") == "Altijd aan tafel."
    page.focus(f"#s-pnote-{new}")
    page.keyboard.press("End")
    page.keyboard.type(" En: de trainers.")
    page.click("#s-tab-phases")
    assert page.locator("#s-phase-nazorg-proef").count() == 1  # its own phase
    page.click("#s-tab-actions")
    assert _options(page, "#s-a-owner")[new] == name
    assert "sport-signalering-proef" in _options(page, "#s-a-barriers")
    assert "sextortion-voorlichting" not in _options(page, "#s-a-barriers")
    assert name in (page.text_content("#s-panel-actions") or "")  # the plan names its owner
    _tab_to(page, "#s-a-title")
    page.keyboard.type("Trainers opleiden")
    _choose(page, "#s-a-owner", new)
    _tab_to(page, "#s-a-save")
    page.keyboard.press("Enter")
    page.evaluate("(id) => window.barriersMap.select(id)", "intervention:meldcode")
    assert name in page.inner_text("#panel-body")
    yaml_text = page.evaluate("window.barriersMap.session.profileYaml()")
    # a reload offers the work back, new partner and all; leaving with it unsaved asks first
    again = page.context.new_page()
    again.goto(path.resolve().as_uri())
    again.evaluate("window.barriersMap.ready")
    again.focus("#session-restore-yes")
    again.keyboard.press("Enter")
    assert again.evaluate("window.barriersMap.session.profileYaml()") == yaml_text
    assert _options(again, "#s-owner-meldcode")[new] == name
    assert again.input_value("#s-owner-meldcode") == new
    assert again.evaluate(
        "(() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; })()"
    )
    again.close()
    target = tmp_path / "downloaded" / "alles-lokaal.yaml"
    target.parent.mkdir()
    assert _download(guarded, target) == yaml_text
    assert page.evaluate("window.barriersMap.session.unsaved()") is False
    result = _run("validate", str(target))
    assert result.code == 0, result.err
    written = load_model(target, use_cache=False).model
    assert written.partner(new).name == name and written.partner(new).local == PartnerLocal(
        state="present", note="Altijd aan tafel. En: de trainers."
    )
    assert written.intervention("meldcode").local is not None
    assert written.intervention("meldcode").local.owner == new
    assert [(a.title, a.owner) for a in written.actions][-1] == ("Trainers opleiden", new)
    assert "sextortion-voorlichting" not in {i.id for i in written.interventions}
    assert python_local_gaps(written) == page.evaluate("window.barriersMap.session.localGaps()")


@pytest.mark.browser
def test_the_questions_a_loaded_profile_adds_are_asked_in_the_checklist_tab(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """A profile read from a file that brings a checklist theme of its own: its questions are
    in the Checklist tab after the model's, answered as the file says, and the room's new
    answer (by keyboard) is what the download holds and ``barriers checklist`` reads."""
    model = load_model(GENERAL).model
    source = tmp_path / "alles.yaml"
    source.write_text(EVERY_FIELD, encoding="utf-8")
    guarded.open(_page(tmp_path, model, "general", start=True))
    page = guarded.page
    page.click("#s-tab-save")
    page.set_input_files("#s-load", str(source))
    page.wait_for_function("() => window.barriersMap.session.state().area !== ''")
    page.click("#s-tab-checklist")
    panel = page.text_content("#s-panel-checklist") or ""
    assert "Lokale vragen" in panel and "Zijn de sportclubs betrokken?" in panel
    # after every question of the model's own checklist
    assert panel.index("Lokale vragen") > panel.index(model.checklist[-1].name)
    assert page.input_value("#s-answer-sportclubs-betrokken") == "partly"
    assert page.input_value("#s-anote-sportclubs-betrokken") == "Twee van de vijf"
    _choose(page, "#s-answer-sportclubs-betrokken", "no")
    page.keyboard.press("Tab")
    page.keyboard.press("End")
    page.keyboard.type("; de rest volgt")
    target = tmp_path / "downloaded" / "alles-lokaal.yaml"
    target.parent.mkdir()
    _download(guarded, target)
    (tmp_path / "downloaded" / "loverboys-general.yaml").write_bytes(GENERAL.read_bytes())
    assert _run("validate", str(target)).code == 0
    answers = load_model(target, use_cache=False).model.checklist_answers
    assert answers["sportclubs-betrokken"].answer == "no"
    assert answers["sportclubs-betrokken"].note == "Twee van de vijf; de rest volgt"
    data = json.loads(_run("checklist", str(target), "--format", "json").out)
    asked = {q["id"]: q for t in data["themes"] for q in t["questions"]}
    assert asked["sportclubs-betrokken"]["answer"] == "no"
    assert asked["kennis-landelijke-cijfers"]["answer"] == "yes"


@pytest.mark.browser
def test_a_phase_a_loaded_profile_puts_after_another_stands_there_as_the_tool_puts_it(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """Read into the base model's map, a profile's own phase with `after: uitbuiten` is listed
    right after it (not after the model's last phase), so the page's local gaps come in the
    order `barriers gaps --local` gives them; also with a second phase after the same one and
    a third after that one."""
    model = load_model(GENERAL).model
    text = EVERY_FIELD.replace(
        "    after: uitbuiten\n",
        "    after: uitbuiten\n"
        "  - id: nazorg-twee\n    name: Nazorg twee\n    after: uitbuiten\n"
        "  - id: nazorg-drie\n    name: Nazorg drie\n    after: nazorg-proef\n",
        1,
    )
    assert text != EVERY_FIELD
    source = tmp_path / "alles.yaml"
    source.write_text(text, encoding="utf-8")
    profile = load_model(source, use_cache=False).model
    tool_order = [p.id for p in profile.phases]
    assert tool_order.index("nazorg-proef") == tool_order.index("uitbuiten") + 1
    guarded.open(_page(tmp_path, model, "general", start=True))
    page = guarded.page
    page.click("#s-tab-save")
    page.set_input_files("#s-load", str(source))
    page.wait_for_function("() => window.barriersMap.session.state().area !== ''")
    gaps = page.evaluate("window.barriersMap.session.localGaps()")
    assert gaps == python_local_gaps(profile)
    assert {"nazorg-twee", "nazorg-drie"} <= set(gaps)  # no barriers: open, and placed
    page.click("#s-tab-phases")
    shown = page.eval_on_selector_all(
        "textarea[id^='s-phase-']", "els => els.map(e => e.id.slice('s-phase-'.length))"
    )
    assert shown == [p for p in analysis.process_order(profile) if p in shown]


def _word(key: str) -> str:
    from barriers.map.session import SESSION_WORDS

    return SESSION_WORDS[key][0]


def _storage(page: Any) -> str:
    return str(page.evaluate("JSON.stringify(Object.entries(localStorage).sort())"))


@pytest.mark.browser
def test_an_edit_or_a_download_while_the_restore_offer_waits_asks_first(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """After a reload the offer to restore kept work waits; by keyboard, the session opens on
    it, and typing or downloading before it is answered is refused with a message and the
    focus on the offer: nothing is downloaded and the kept work stays kept. Restored, the
    download holds all of it."""
    model = load_model(GENERAL).model
    path = _page(tmp_path, model, "general")
    guarded.open(path)
    barrier, question = model.interventions[0].id, model.checklist[0].questions[0].id
    guarded.page.evaluate(
        """([iid, qid]) => { const s = window.barriersMap.session;
        s.setLocal({area: 'Gemeente Proef'}); s.setState(iid, 'in-place');
        s.note('intervention:' + iid, 'Loopt'); s.addAction({title: 'Plan maken'});
        s.answer(qid, 'partly', 'Deels'); }""",
        [barrier, question],
    )
    work = guarded.page.evaluate("window.barriersMap.session.profileYaml()")
    page = guarded.page.context.new_page()
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(path.resolve().as_uri())
    page.evaluate("window.barriersMap.ready")
    kept = _storage(page)
    page.focus("#search")
    _tab_to(page, "#session-toggle")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "session-restore-yes"
    assert page.locator("#session #session-restore").count() == 1  # the offer is in the session
    _tab_to(page, "#s-tab-barriers")
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.id") == "s-tab-save"
    _tab_to(page, "#s-area")
    page.keyboard.type("Ergens")
    assert page.input_value("#s-area") == ""
    assert page.evaluate("document.activeElement.id") == "session-restore-yes"
    assert page.text_content("#session-message") == _word("restore_first")
    _tab_to(page, "#s-download")
    page.keyboard.press("Enter")
    assert page.text_content("#s-download-note") == _word("restore_first")
    assert page.evaluate("document.activeElement.id") == "session-restore-yes"
    with pytest.raises(Exception, match=_word("restore_first")):
        page.evaluate(f"window.barriersMap.session.setState({barrier!r}, 'absent')")
    assert downloads == [] and _storage(page) == kept
    page.keyboard.press("Enter")  # Herstellen
    assert page.locator("#session-restore").count() == 0
    assert page.text_content("#s-download-note") == ""
    with page.expect_download() as info:
        page.click("#s-tab-save")
        page.click("#s-download")
    target = tmp_path / "gemeente-proef.yaml"
    info.value.save_as(target)
    assert target.read_text(encoding="utf-8") == work
    page.close()


@pytest.mark.browser
def test_session_work_an_older_page_kept_is_not_restored_over_the_profile(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """Work kept in the form of an older page (version 1: a profile's own file without
    ``remove`` and ``checklist``) is said and left alone: the download keeps the profile."""
    original, _ = _profile_case(tmp_path, "alles")
    loaded = load_model(original, use_cache=False)
    path = _profile_page(tmp_path, loaded, "own")
    guarded.open(path)
    opening = guarded.page.evaluate("window.barriersMap.session.profileYaml()")
    guarded.page.evaluate(
        """() => {
        const key = JSON.parse(document.getElementById('barriers-data').textContent).session.key;
        const state = window.barriersMap.session.state();
        delete state.keep.head.remove; delete state.keep.head.checklist; delete state.overBase;
        state.interventions['meldcode'] = {state: 'absent'};
        localStorage.setItem('barriers-session:' + key, JSON.stringify({version: 1, state}));
        }"""
    )
    page = guarded.page.context.new_page()
    page.goto(path.resolve().as_uri())
    page.evaluate("window.barriersMap.ready")
    assert page.locator("#session-restore-yes").count() == 0
    assert page.text_content("#session-restore-old") == _word("restore_old")
    assert page.evaluate("window.barriersMap.session.profileYaml()") == opening
    assert page.evaluate("window.barriersMap.session.unsaved()") is False
    page.close()
    target = tmp_path / "downloaded" / "alles.yaml"
    target.parent.mkdir()
    target.write_text(opening, encoding="utf-8")
    assert _exact(_show(target)) == _exact(_show(original))


@pytest.mark.browser
def test_a_profile_s_own_download_loaded_into_its_map_is_that_profile(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    """Read back into the profile's own map, its download (as written, and with its fields in
    another order, as a person may leave them) goes over the map's items: its own phase stays
    in its place, not after the model's phases as for another profile of the same model."""
    original, _ = _profile_case(tmp_path, "alles")
    loaded = load_model(original, use_cache=False)
    order = [p.id for p in loaded.model.phases]
    assert order.index("nazorg-proef") < len(order) - 1
    guarded.open(_profile_page(tmp_path, loaded, "own", start=True))
    page = guarded.page
    own = page.evaluate("window.barriersMap.session.profileYaml()")
    lines = own.splitlines(keepends=True)
    language = next(n for n, line in enumerate(lines) if line.startswith("language:"))
    first = next(n for n, line in enumerate(lines) if line.startswith("id:"))
    moved = [
        *lines[:first],
        lines[language],
        *(x for n, x in enumerate(lines[first:], first) if n != language),
    ]
    expected = _show(original)
    (tmp_path / "downloaded").mkdir()
    for name, text in (("eigen.yaml", own), ("herschikt.yaml", "".join(moved))):
        file = tmp_path / name
        file.write_text(text, encoding="utf-8")
        page.click("#s-tab-save")
        page.set_input_files("#s-load", str(file))
        page.wait_for_function(
            "(n) => document.getElementById('session-message').textContent.endsWith(n)", arg=name
        )
        page.click("#s-tab-phases")
        shown = page.evaluate(
            "Array.from(document.querySelectorAll('#s-panel-phases textarea')).map(t => t.id.slice(8))"
        )
        assert shown == order, name
        assert page.evaluate("window.barriersMap.session.localGaps()") == python_local_gaps(
            loaded.model
        )
        _written_as(page, tmp_path / "downloaded" / "alles.yaml", expected)
