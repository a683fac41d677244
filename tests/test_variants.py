"""Variants: extends, overlay by id, remove, after, chains, cycles, where errors point."""

from __future__ import annotations

from pathlib import Path

import pytest

from barriers import load_model
from barriers.problems import ModelError

BASE = """\
id: base
title: Base
variant: general
description: Het basismodel.
sources:
  - id: s1
    title: Bron 1
  - id: s2
    title: Bron 2
phases:
  - id: a
    name: A
  - id: b
    name: B
  - id: c
    name: C
partners:
  - id: p
    name: P
  - id: q
    name: Q
interventions:
  - id: i1
    name: I1
    phases: [a, b]
    partners: [p]
    sources: [s1]
  - id: i2
    name: I2
    phases: [c]
    partners: [q]
    type: zorg
    sources: [s2]
"""


def load(folder: Path, name: str, text: str) -> object:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return load_model(path, use_cache=False)


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    return tmp_path


def test_overlay_adds_new_ids_and_replaces_only_given_fields(base_dir: Path) -> None:
    loaded = load(
        base_dir,
        "v.yaml",
        """\
        id: v
        title: V
        extends: base
        variant: lvb
        partners:
          - id: r
            name: R
        interventions:
          - id: i2
            description: Aangepast.
          - id: i3
            name: I3
            phases: [b]
            partners: [r]
            sources: [s1]
        """.replace("        ", ""),
    )
    model = loaded.model  # type: ignore[attr-defined]
    assert loaded.lineage[1][0] == "base"  # type: ignore[attr-defined]
    assert [p.id for p in model.partners] == ["p", "q", "r"]
    i2 = model.intervention("i2")
    assert (i2.name, i2.type, i2.description) == ("I2", "zorg", "Aangepast.")
    assert model.intervention("i3").partners == ["r"]
    assert model.variant == "lvb"
    assert model.description == "Het basismodel."  # inherited where not given
    assert model.extends is None and model.remove is None


def test_remove_bridges_the_sequence_and_drops_references(base_dir: Path) -> None:
    loaded = load(
        base_dir,
        "v.yaml",
        "id: v\ntitle: V\nextends: base\nremove:\n  phases: [b]\n  sources: [s2]\n",
    )
    model = loaded.model  # type: ignore[attr-defined]
    assert [(p.id, p.next) for p in model.phases] == [("a", ["c"]), ("c", [])]
    assert model.intervention("i1").phases == ["a"]
    assert model.intervention("i2").sources == []
    assert [s.id for s in model.sources] == ["s1"]


def test_remove_that_strands_an_intervention_is_an_error(base_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(base_dir, "v.yaml", "id: v\ntitle: V\nextends: base\nremove:\n  phases: [c]\n")
    (problem,) = info.value.problems
    assert problem.file.endswith("v.yaml") and (problem.line, problem.column) == (5, 12)
    assert "leaves intervention 'i2' without phases" in problem.message


def test_remove_unknown_id_suggests(base_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(base_dir, "v.yaml", "id: v\ntitle: V\nextends: base\nremove:\n  partners: [qq]\n")
    assert "cannot remove: unknown partner 'qq' (did you mean 'q'?)" in str(info.value)


def test_after_inserts_a_phase_into_an_implicit_sequence(base_dir: Path) -> None:
    loaded = load(
        base_dir,
        "v.yaml",
        "id: v\ntitle: V\nextends: base\nphases:\n  - id: x\n    name: X\n    after: a\n",
    )
    model = loaded.model  # type: ignore[attr-defined]
    assert [(p.id, p.next) for p in model.phases] == [
        ("a", ["x"]),
        ("x", ["b"]),
        ("b", ["c"]),
        ("c", []),
    ]
    assert all(p.after is None for p in model.phases)


def test_after_rewires_an_explicit_sequence(tmp_path: Path) -> None:
    base = BASE.replace("  - id: a\n    name: A\n", "  - id: a\n    name: A\n    next: [b, c]\n")
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    loaded = load(
        tmp_path,
        "v.yaml",
        "id: v\ntitle: V\nextends: base\nphases:\n  - id: x\n    name: X\n    after: a\n",
    )
    model = loaded.model  # type: ignore[attr-defined]
    assert model.phase("a").next == ["x"]
    assert model.phase("x").next == ["b", "c"]
    assert [p.id for p in model.phases] == ["a", "x", "b", "c"]


def test_variant_of_a_variant(base_dir: Path) -> None:
    (base_dir / "mid.yaml").write_text(
        "id: mid\ntitle: Mid\nextends: base\npartners:\n  - id: r\n    name: R\n"
        "interventions:\n  - id: i4\n    name: I4\n    phases: [a]\n    partners: [r]\n"
    )
    loaded = load(
        base_dir,
        "top.yaml",
        "id: top\ntitle: Top\nextends: mid\nremove:\n  interventions: [i1]\n",
    )
    model = loaded.model  # type: ignore[attr-defined]
    assert [i.id for i in model.interventions] == ["i2", "i4"]
    assert [lid for lid, _ in loaded.lineage] == ["top", "mid", "base"]  # type: ignore[attr-defined]


def test_extends_cycle_names_the_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\ntitle: A\nextends: b\n")
    (tmp_path / "b.yaml").write_text("id: b\ntitle: B\nextends: a\n")
    with pytest.raises(ModelError, match=r"'extends' forms a cycle: a -> b -> a"):
        load_model(tmp_path / "a.yaml", use_cache=False)


def test_extends_finds_a_file_by_its_id_not_its_name(tmp_path: Path) -> None:
    (tmp_path / "some-other-name.yaml").write_text(BASE)
    loaded = load(tmp_path, "v.yaml", "id: v\ntitle: V\nextends: base\n")
    assert loaded.lineage[1][1].name == "some-other-name.yaml"  # type: ignore[attr-defined]


def test_extends_falls_back_to_bundled_models(tmp_path: Path) -> None:
    from barriers.catalog import bundled_dir

    bundled = sorted(bundled_dir().glob("*.yaml"))
    assert bundled, "the bundled models are in models/"
    from barriers.catalog import model_id_of_file

    base_id = model_id_of_file(bundled[0])
    loaded = load(tmp_path, "v.yaml", f"id: mine\ntitle: Mine\nextends: {base_id}\n")
    assert loaded.lineage[1][1].resolve() == bundled[0].resolve()  # type: ignore[attr-defined]


def test_errors_point_into_the_file_that_wrote_the_field(base_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(
            base_dir,
            "v.yaml",
            "id: v\ntitle: V\nextends: base\ninterventions:\n  - id: i1\n    partners: [zz]\n",
        )
    (problem,) = info.value.problems
    assert problem.file.endswith("v.yaml")
    assert (problem.line, problem.column) == (6, 16)
    assert "unknown partner 'zz'" in problem.message


def test_errors_in_the_base_point_into_the_base(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.replace("partners: [q]", "partners: [qq]"))
    with pytest.raises(ModelError) as info:
        load(tmp_path, "v.yaml", "id: v\ntitle: V\nextends: base\n")
    (problem,) = info.value.problems
    assert problem.file.endswith("base.yaml")
    assert problem.line == BASE.splitlines().index("    partners: [q]") + 1


def test_a_new_item_in_a_variant_needs_its_required_fields(base_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(base_dir, "v.yaml", "id: v\ntitle: V\nextends: base\npartners:\n  - id: r\n")
    (problem,) = info.value.problems
    assert problem.file.endswith("v.yaml") and problem.line == 5
    assert "partner 'r' is missing required field 'name'" in problem.message


def test_extends_must_name_a_model(base_dir: Path) -> None:
    with pytest.raises(ModelError, match="unknown model 'bas' \\(did you mean 'base'\\?\\)"):
        load(base_dir, "v.yaml", "id: v\ntitle: V\nextends: bas\n")
    with pytest.raises(ModelError, match="'extends' must be a model id"):
        load(base_dir, "w.yaml", "id: w\ntitle: W\nextends: [base]\n")


def test_extends_file_with_other_id_is_refused(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.replace("id: base", "id: other", 1))
    (tmp_path / "x.yaml").write_text("title: x\n")
    from barriers.catalog import model_id_of_file

    assert model_id_of_file(tmp_path / "x.yaml") is None
    with pytest.raises(ModelError, match="unknown model 'base'"):
        load(tmp_path, "v.yaml", "id: v\ntitle: V\nextends: base\n")


def test_removing_a_phase_named_in_an_explicit_next_bridges_it(tmp_path: Path) -> None:
    base = BASE.replace("  - id: a\n    name: A\n", "  - id: a\n    name: A\n    next: [b]\n")
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    loaded = load(tmp_path, "v.yaml", "id: v\ntitle: V\nextends: base\nremove:\n  phases: [b]\n")
    model = loaded.model  # type: ignore[attr-defined]
    assert [(p.id, p.next) for p in model.phases] == [("a", ["c"]), ("c", [])]


def test_removing_the_bundled_advertising_phase_names_what_it_strands(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(
            tmp_path,
            "v.yaml",
            "id: v\ntitle: V\nextends: loverboys-general\nremove:\n  phases: [advertenties]\n",
        )
    messages = [p.message for p in info.value.problems]
    assert messages and all("leaves intervention" in m for m in messages)
    assert all(p.file.endswith("v.yaml") for p in info.value.problems)


# -- list patches: {add, remove} changes a base item's list instead of replacing it ----------

PATCH_BASE = """\
id: base
title: Base
sources:
  - id: s1
    title: Bron 1
  - id: s2
    title: Bron 2
  - id: s3
    title: Bron 3
phases:
  - id: a
    name: A
    next: [b]
    signals:
      - Eerste signaal.
      - text: Tweede signaal.
        about: victim
        sources: [s1]
    sources: [s1]
  - id: b
    name: B
  - id: c
    name: C
partners:
  - id: p
    name: P
  - id: q
    name: Q
interventions:
  - id: i1
    name: I1
    phases: [a, b]
    partners: [p]
    legal_basis: Wet Bibob
    sources: [s1]
  - id: i2
    name: I2
    phases: [c]
    partners: [q]
    sources: [s2]
"""


@pytest.fixture
def patch_dir(tmp_path: Path) -> Path:
    (tmp_path / "base.yaml").write_text(PATCH_BASE, encoding="utf-8")
    return tmp_path


def variant(body: str) -> str:
    return "id: v\ntitle: V\nextends: base\n" + body


def test_patch_adds_to_and_removes_from_base_lists(patch_dir: Path) -> None:
    loaded = load(
        patch_dir,
        "v.yaml",
        variant(
            "phases:\n"
            "  - id: a\n"
            "    next: {add: [c]}\n"
            "    signals:\n"
            "      remove: [Eerste signaal.]\n"
            "      add:\n"
            "        - text: Derde signaal.\n"
            "          about: offender\n"
            "          sources: [s3]\n"
            "    sources: {add: [s2], remove: [s1]}\n"
            "interventions:\n"
            "  - id: i1\n"
            "    partners: {add: [q]}\n"
            "    legal_basis: {add: [art. 273f Sr]}\n"
            "    sources: {add: [s3]}\n"
        ),
    )
    model = loaded.model  # type: ignore[attr-defined]
    a = model.phase("a")
    assert a.next == ["b", "c"]
    assert [(s.text, s.about) for s in a.signals] == [
        ("Tweede signaal.", "victim"),
        ("Derde signaal.", "offender"),
    ]
    assert a.sources == ["s2"]
    i1 = model.intervention("i1")
    assert i1.partners == ["p", "q"]
    assert i1.legal_basis == ["Wet Bibob", "art. 273f Sr"]  # the shorthand string is a list
    assert i1.sources == ["s1", "s3"]
    assert loaded.warnings == []  # type: ignore[attr-defined]  # s3 is cited now


def test_a_patch_removes_a_text_entry_whatever_its_line_breaks(patch_dir: Path) -> None:
    loaded = load(
        patch_dir,
        "v.yaml",
        variant(
            "phases:\n  - id: a\n    signals:\n      remove:\n        - >-\n          Tweede\n          signaal.\n"
        ),
    )
    assert [s.text for s in loaded.model.phase("a").signals] == ["Eerste signaal."]  # type: ignore[attr-defined]


def test_removing_what_the_base_list_lacks_is_a_located_error_with_a_hint(patch_dir: Path) -> None:
    text = variant(
        "phases:\n"
        "  - id: a\n"
        "    signals: {remove: [Tweede signal.]}\n"
        "interventions:\n"
        "  - id: i1\n"
        "    partners:\n"
        "      remove: [pp]\n"
    )
    with pytest.raises(ModelError) as info:
        load(patch_dir, "v.yaml", text)
    problems = sorted(info.value.problems)
    assert [(p.file.endswith("v.yaml"), p.line, p.column) for p in problems] == [
        (True, 6, 24),
        (True, 10, 16),
    ]
    assert problems[0].message == (
        "phase 'a': cannot remove 'Tweede signal.' from 'signals': the base list does not have "
        "it (did you mean 'Tweede signaal.'?)"
    )
    assert problems[1].message == (
        "intervention 'i1': cannot remove 'pp' from 'partners': the base list does not have it "
        "(did you mean 'p'?)"
    )


def test_adding_what_the_base_list_has_warns_and_adds_nothing(patch_dir: Path) -> None:
    loaded = load(
        patch_dir,
        "v.yaml",
        variant("interventions:\n  - id: i1\n    sources: {add: [s2, s1]}\n"),
    )
    assert loaded.model.intervention("i1").sources == ["s1", "s2"]  # type: ignore[attr-defined]
    warnings = loaded.warnings  # type: ignore[attr-defined]
    (warning,) = [w for w in warnings if "already in" in w.message]
    assert warning.severity == "warning" and warning.file.endswith("v.yaml")
    assert (warning.line, warning.column) == (6, 25)
    assert "'s1' is already in 'sources'; it is not added twice" in warning.message


def test_errors_in_a_patched_list_point_at_the_entry_in_its_own_file(patch_dir: Path) -> None:
    base = PATCH_BASE.replace("        sources: [s1]\n", "        sources: [s9]\n")
    (patch_dir / "base.yaml").write_text(base, encoding="utf-8")
    text = variant(
        "phases:\n"
        "  - id: a\n"
        "    signals:\n"
        "      remove: [Eerste signaal.]\n"
        "      add:\n"
        "        - text: Nieuw.\n"
        "          sources: [s8]\n"
    )
    with pytest.raises(ModelError) as info:
        load(patch_dir, "v.yaml", text)
    where = sorted((p.file.rsplit("/", 1)[-1], p.line, p.message) for p in info.value.problems)
    base_line = base.splitlines().index("        sources: [s9]") + 1
    assert [(f, line) for f, line, _ in where] == [("base.yaml", base_line), ("v.yaml", 10)]
    assert "unknown source 's9'" in where[0][2]  # the base's entry, now at another position
    assert "unknown source 's8'" in where[1][2]
    with pytest.raises(ModelError) as info:
        load(patch_dir, "w.yaml", variant("phases:\n  - id: a\n    signals:\n      add: ['']\n"))
    (problem,) = info.value.problems
    assert problem.file.endswith("w.yaml") and (problem.line, problem.column) == (7, 13)
    assert "phase 'a': signals[2].text must not be empty" in problem.message


def test_a_patch_on_an_item_the_base_lacks_is_refused(patch_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(
            patch_dir,
            "v.yaml",
            variant("partners:\n  - id: r\n    name: R\n    sources: {add: [s1]}\n"),
        )
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (7, 5)
    assert "partner 'r' is not in a base model, so 'sources' has no list to change" in (
        problem.message
    )


def test_a_patch_with_an_unknown_key_or_a_non_list_is_refused(patch_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(
            patch_dir,
            "v.yaml",
            variant("interventions:\n  - id: i1\n    sources: {add: s2, remov: [s1]}\n"),
        )
    messages = sorted(p.message for p in info.value.problems)
    assert messages == [
        "intervention 'i1': 'sources.add' must be a list",
        "intervention 'i1': unknown key 'remov' in the patch of 'sources' (did you mean "
        "'remove'?) (use add, remove)",
    ]


def test_patches_stack_along_a_chain_of_variants(patch_dir: Path) -> None:
    (patch_dir / "mid.yaml").write_text(
        "id: mid\ntitle: Mid\nextends: base\ninterventions:\n"
        "  - id: i1\n    partners: {add: [q]}\n    sources: {add: [s2]}\n"
    )
    top = "id: top\ntitle: Top\nextends: mid\ninterventions:\n  - id: i1\n"
    model = load(patch_dir, "top.yaml", top + "    partners: {remove: [p]}\n").model  # type: ignore[attr-defined]
    assert model.intervention("i1").partners == ["q"]
    assert model.intervention("i1").sources == ["s1", "s2"]
    with pytest.raises(ModelError) as info:
        load(patch_dir, "top2.yaml", top + "    sources: {add: [s9]}\n")
    (problem,) = info.value.problems
    assert problem.file.endswith("top2.yaml") and (problem.line, problem.column) == (6, 21)
    assert "unknown source 's9'" in problem.message


def test_removing_every_entry_of_a_required_list_points_at_the_patch(patch_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(
            patch_dir,
            "v.yaml",
            variant("interventions:\n  - id: i2\n    partners: {remove: [q]}\n"),
        )
    (problem,) = info.value.problems
    assert problem.file.endswith("v.yaml") and (problem.line, problem.column) == (6, 15)
    assert "intervention 'i2' has no partners: give at least one" in problem.message


def test_show_diff_and_compare_see_the_patched_lists(patch_dir: Path) -> None:
    import json

    from click.testing import CliRunner

    from barriers.cli import cli as main

    path = patch_dir / "v.yaml"
    path.write_text(
        variant(
            "phases:\n  - id: a\n    signals: {add: [Nieuw signaal.]}\n"
            "interventions:\n  - id: i1\n    partners: {add: [q]}\n"
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    shown = runner.invoke(main, ["--no-cache", "show", str(path), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    phase_a = next(p for p in data["phases"] if p["id"] == "a")
    assert [s["text"] for s in phase_a["signals"]][-1] == "Nieuw signaal."
    assert next(i for i in data["interventions"] if i["id"] == "i1")["partners"] == ["p", "q"]
    diffed = runner.invoke(
        main, ["--no-cache", "diff", str(patch_dir / "base.yaml"), str(path), "--format", "json"]
    )
    assert diffed.exit_code == 0, diffed.output
    changes = json.loads(diffed.output)
    assert changes["phases"]["changed"] == [{"id": "a", "fields": ["signals"]}]
    assert changes["interventions"]["changed"] == [{"id": "i1", "fields": ["partners"]}]
    page = patch_dir / "v.html"
    mapped = runner.invoke(main, ["--no-cache", "map", str(path), "--compare", "-o", str(page)])
    assert mapped.exit_code == 0, mapped.output
    html = page.read_text(encoding="utf-8")
    assert "Nieuw signaal." in html
    from barriers.map.render import map_html

    base_model = load_model(patch_dir / "base.yaml", use_cache=False).model
    variant_model = load_model(path, use_cache=False).model
    assert map_html(variant_model, base=base_model) == html


def test_patching_an_implicit_next_is_refused(patch_dir: Path) -> None:
    with pytest.raises(ModelError) as info:
        load(patch_dir, "v.yaml", variant("phases:\n  - id: b\n    next: {add: [a]}\n"))
    (problem,) = info.value.problems
    assert problem.file.endswith("v.yaml") and (problem.line, problem.column) == (6, 11)
    assert "phase 'b' has no explicit 'next' in its base" in problem.message


def test_removing_the_start_of_a_long_text_suggests_the_whole_entry(patch_dir: Path) -> None:
    base = PATCH_BASE.replace(
        "      - Eerste signaal.\n",
        "      - Eerste signaal, met een lange uitleg over wat je ziet en waarom het telt.\n",
    )
    (patch_dir / "base.yaml").write_text(base, encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load(
            patch_dir,
            "v.yaml",
            variant("phases:\n  - id: a\n    signals: {remove: [Eerste signaal]}\n"),
        )
    (problem,) = info.value.problems
    assert "(did you mean 'Eerste signaal, met een lange uitleg over wat je ziet en waarom" in (
        problem.message
    )


def test_a_patch_is_remove_then_add_without_duplicates(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Property: the patched list is the base minus `remove`, then `add` minus what it holds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    ids = st.sampled_from(["s1", "s2", "s3", "s4", "s5"])

    @settings(max_examples=40, deadline=None)
    @given(
        base=st.lists(ids, unique=True, max_size=5),
        data=st.data(),
    )
    def check(base: list[str], data: st.DataObject) -> None:
        removal = data.draw(st.lists(st.sampled_from(base), unique=True) if base else st.just([]))
        addition = data.draw(st.lists(ids, max_size=6))
        folder = tmp_path_factory.mktemp("prop")
        sources = "".join(f"  - id: s{n}\n    title: S{n}\n" for n in range(1, 6))
        (folder / "base.yaml").write_text(
            f"id: base\ntitle: B\nsources:\n{sources}phases:\n  - id: a\n    name: A\n"
            f"    sources: [{', '.join(base)}]\n",
            encoding="utf-8",
        )
        (folder / "v.yaml").write_text(
            "id: v\ntitle: V\nextends: base\nphases:\n  - id: a\n    sources:\n"
            f"      remove: [{', '.join(removal)}]\n      add: [{', '.join(addition)}]\n",
            encoding="utf-8",
        )
        loaded = load_model(folder / "v.yaml", use_cache=False)
        expected = [s for s in base if s not in removal]
        for s in addition:
            if s not in expected:
                expected.append(s)
        assert loaded.model.phase("a").sources == expected
        warned = [w for w in loaded.warnings if "already in" in w.message]
        kept = [s for s in base if s not in removal]
        assert len(warned) == sum(
            1 for i, s in enumerate(addition) if s in kept or s in addition[:i]
        ), (base, removal, addition)

    check()
