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
