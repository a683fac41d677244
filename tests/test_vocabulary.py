"""The vocabulary: a model's types and sectors with labels in other languages.

It is merged over a variant chain term by term and label by label, each problem points into
the file that wrote it, and ``validate`` warns of a term written otherwise than listed.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from helpers import run_cli

from barriers import load_model
from barriers.catalog import bundled_dir
from barriers.model import Model
from barriers.problems import ModelError
from barriers.vocabulary import Label, term_label

BASE = """\
id: base
title: Basis
language: nl
vocabulary:
  types:
    zorg: {en: care, de: Pflege}
    preventie: {en: prevention}
  sectors:
    overheid: {en: government}
phases:
  - id: a
    name: A
partners:
  - id: p
    name: P
    sector: overheid
interventions:
  - id: i1
    name: I1
    phases: [a]
    partners: [p]
    type: zorg
  - id: i2
    name: I2
    phases: [a]
    partners: [p]
    type: preventie
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    write(tmp_path, "base.yaml", BASE)
    return tmp_path


def test_a_term_is_shown_in_the_page_language_or_as_written_in_the_models(
    base_dir: Path,
) -> None:
    model = load_model(base_dir / "base.yaml", use_cache=False).model
    assert term_label(model, "types", "zorg", "en") == Label("care", "en")
    assert term_label(model, "types", "zorg", "de") == Label("Pflege", "de")
    # no label in that language, or a term the vocabulary does not list: as written
    assert term_label(model, "types", "preventie", "de") == Label("preventie", "nl")
    assert term_label(model, "sectors", "onbekend", "en") == Label("onbekend", "nl")
    assert term_label(model, "types", "zorg", "nl") == Label("zorg", "nl")


def test_a_model_without_a_vocabulary_shows_its_terms_as_written() -> None:
    model = Model.model_validate({"id": "m", "title": "M", "phases": [{"id": "p", "name": "P"}]})
    assert term_label(model, "sectors", "zorg", "en") == Label("zorg", None)


def test_a_label_in_a_regional_form_of_the_language_stands_in_for_the_language() -> None:
    vocabulary = {"types": {"zorg": {"en-US": "health care", "en-GB": "care"}, "x": {"en": "X"}}}
    model = Model.model_validate(
        {"id": "m", "title": "M", "phases": [{"id": "p", "name": "P"}], "vocabulary": vocabulary}
    )
    assert term_label(model, "types", "zorg", "en") == Label("care", "en-GB")  # first by code
    assert term_label(model, "types", "zorg", "en-US") == Label("health care", "en-US")
    assert term_label(model, "types", "x", "en-GB") == Label("X", "en")


def test_a_variant_adds_terms_and_labels_and_changes_one_by_writing_it(base_dir: Path) -> None:
    variant = write(
        base_dir,
        "v.yaml",
        """\
        id: v
        title: Variant
        extends: base
        vocabulary:
          types:
            zorg: {en: health care}
            nazorg: {en: aftercare}
          sectors:
            overheid: {fr: gouvernement}
        interventions:
          - id: i3
            name: I3
            phases: [a]
            partners: [p]
            type: nazorg
        """,
    )
    loaded = load_model(variant, use_cache=False)
    vocabulary = loaded.model.vocabulary
    assert vocabulary is not None
    assert vocabulary.types == {
        "zorg": {"en": "health care", "de": "Pflege"},
        "preventie": {"en": "prevention"},
        "nazorg": {"en": "aftercare"},
    }
    assert vocabulary.sectors == {"overheid": {"en": "government", "fr": "gouvernement"}}
    assert loaded.warnings == []


def test_a_term_written_otherwise_than_listed_is_a_warning_where_it_is_written(
    base_dir: Path,
) -> None:
    variant = write(
        base_dir,
        "v.yaml",
        """\
        id: v
        title: Variant
        extends: base
        partners:
          - id: q
            name: Q
            sector: overheidd
        interventions:
          - id: i3
            name: I3
            phases: [a]
            partners: [q]
            type: Zorg
        """,
    )
    result = run_cli("validate", variant)
    assert result.code == 0, result.err
    assert (
        f"{variant}:7:13: warning: sector 'overheidd' is not in the vocabulary's sectors "
        "(did you mean 'overheid'?)"
    ) in result.err
    assert (
        f"{variant}:13:11: warning: type 'Zorg' is not in the vocabulary's types (did you mean 'zorg'?)"
    ) in result.err
    assert run_cli("validate", "--strict", variant).code == 1


def test_an_unused_term_is_a_warning_in_the_file_that_wrote_it_only(base_dir: Path) -> None:
    # the variant drops the only 'preventie' barrier: the base's term is not the variant's
    # to drop, so no warning; the variant's own unused term is reported, in the variant
    variant = write(
        base_dir,
        "v.yaml",
        """\
        id: v
        title: Variant
        extends: base
        vocabulary:
          types:
            nazorg: {en: aftercare}
        remove:
          interventions: [i2]
        """,
    )
    result = run_cli("validate", variant)
    assert result.code == 0, result.err
    lines = [line for line in result.err.splitlines() if "warning" in line]
    assert lines == [f"{variant}:6:5: warning: vocabulary type 'nazorg' is not used by any barrier"]
    unused_in_base = write(base_dir, "b2.yaml", BASE.replace("id: base", "id: b2") + "\n")
    text = unused_in_base.read_text(encoding="utf-8").replace("    type: preventie\n", "")
    unused_in_base.write_text(text, encoding="utf-8")
    result = run_cli("validate", unused_in_base)
    assert (
        f"{unused_in_base}:7:5: warning: vocabulary type 'preventie' is not used by any barrier"
    ) in result.err


def test_a_bad_label_is_an_error_in_the_file_that_wrote_it(base_dir: Path) -> None:
    variant = write(
        base_dir,
        "v.yaml",
        """\
        id: v
        title: Variant
        extends: base
        vocabulary:
          types:
            zorg: {EN: care}
        """,
    )
    with pytest.raises(ModelError) as caught:
        load_model(variant, use_cache=False)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (str(variant), 6, 12)
    assert problem.message == (
        "vocabulary type 'zorg': 'EN' is not a language code such as 'en' or 'pt-BR' "
        "(write it 'en')"
    )
    # the same mistake in the base is reported in the base, not in the variant that merged it
    write(base_dir, "base.yaml", BASE.replace("{en: government}", "{en: ''}"))
    clean = write(base_dir, "w.yaml", "id: w\ntitle: W\nextends: base\nvocabulary:\n  types: {}\n")
    with pytest.raises(ModelError) as caught:
        load_model(clean, use_cache=False)
    (problem,) = caught.value.problems
    assert problem.file.endswith("base.yaml") and (problem.line, problem.column) == (9, 20)


def test_the_bundled_models_translate_every_type_and_sector_they_use() -> None:
    for model_id in (
        "loverboys-general",
        "loverboys-lvb",
        "loverboys-islamic",
        "gemeente-voorbeeld",
    ):
        loaded = load_model(bundled_dir() / f"{model_id}.yaml", use_cache=False)
        model = loaded.model
        assert loaded.warnings == [], model_id
        terms = {("types", i.type) for i in model.interventions if i.type} | {
            ("sectors", p.sector) for p in model.partners if p.sector
        }
        assert terms, model_id
        for kind, term in terms:
            label = term_label(model, kind, term, "en")
            assert label.lang == "en" and label.text, (model_id, kind, term)


def test_a_mistake_a_variant_writes_is_reported_in_it_after_an_empty_vocabulary_between(
    base_dir: Path,
) -> None:
    # base -> m1 (adds a label) -> m2 (`vocabulary:` with nothing under it) -> top (a mistake)
    write(
        base_dir,
        "m1.yaml",
        "id: m1\ntitle: M1\nextends: base\nvocabulary:\n  sectors:\n    overheid: {de: Staat}\n",
    )
    m2 = write(base_dir, "m2.yaml", "id: m2\ntitle: M2\nextends: m1\nvocabulary:\n")
    top = write(
        base_dir,
        "top.yaml",
        "id: top\ntitle: Top\nextends: m2\nvocabulary:\n  types:\n    preventie: {en: 5}\n",
    )
    with pytest.raises(ModelError) as caught:
        load_model(top, use_cache=False)
    (problem,) = [p for p in caught.value.problems if p.severity == "error"]
    assert (problem.file, problem.line, problem.column) == (str(top), 6, 21)
    # the empty vocabulary keeps the base's, and says so where it is written
    loaded = load_model(m2, use_cache=False)
    assert loaded.model.vocabulary is not None
    assert loaded.model.vocabulary.sectors == {"overheid": {"en": "government", "de": "Staat"}}
    (warning,) = loaded.warnings
    assert (warning.file, warning.line, warning.column) == (str(m2), 4, 1)
    assert "'vocabulary' is empty: the base's stays as it is" in warning.message


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("EN", " (write it 'en')"),
        ("en_US", " (write it 'en-US')"),
        ("pt_BR", " (write it 'pt-BR')"),
        ("english", ""),
    ],
)
def test_a_bad_language_code_is_answered_with_one_that_is_taken(
    tmp_path: Path, code: str, hint: str
) -> None:
    path = write(tmp_path, "m.yaml", BASE.replace("{en: prevention}", f"{{{code}: prevention}}"))
    with pytest.raises(ModelError) as caught:
        load_model(path, use_cache=False)
    (problem,) = caught.value.problems
    assert problem.message == (
        f"vocabulary type 'preventie': {code!r} is not a language code such as 'en' or 'pt-BR'"
        f"{hint}"
    )
    if hint:  # the code it suggests is one the loader takes
        fixed = hint.split("'")[1]
        path.write_text(BASE.replace("{en: prevention}", f"{{{fixed}: prevention}}"))
        assert load_model(path, use_cache=False).warnings == []


def test_editors_refuse_what_the_loader_refuses_in_a_vocabulary() -> None:
    import jsonschema

    from barriers.schema import json_schema

    schema = json_schema()
    good = {
        "id": "m",
        "title": "M",
        "phases": [{"id": "p", "name": "P"}],
        "vocabulary": {"types": {"zorg": {"en": "care", "pt-BR": "cuidado"}}},
    }
    jsonschema.validate(good, schema)
    for labels in ({"EN": "care"}, {"en": 5}, {"en": ""}, {"en_US": "care"}):
        bad = {**good, "vocabulary": {"types": {"zorg": labels}}}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "vocabulary": {"types": {"": {"en": "x"}}}}, schema)


def test_a_page_marks_a_regional_label_with_its_own_code_and_a_term_with_the_models() -> None:
    from barriers.pages import shown_term

    vocabulary = {"types": {"zorg": {"en-GB": "care"}, "nazorg": {"nl": "Nazorg"}}}
    model = Model.model_validate(
        {
            "id": "m",
            "title": "M",
            "language": "nl",
            "phases": [{"id": "p", "name": "P"}],
            "vocabulary": vocabulary,
        }
    )
    assert shown_term(model, "types", "zorg", "en") == Label("care", "en-GB")
    assert shown_term(model, "types", "preventie", "en") == Label("preventie", "nl")
    assert shown_term(model, "types", "nazorg", "nl") == Label("Nazorg", "nl")
    assert shown_term(model, "types", "nazorg", "en") == Label("nazorg", "nl")
