"""The load façade: one way in, the model finder passed in, the promised names kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import barriers
from barriers import load_model
from barriers.commands import _common
from barriers.load import LoadedModel, read_model
from barriers.load.view import ModelRecord
from barriers.problems import ModelError
from tests.helpers import EXAMPLE


class DictFinder:
    """A model finder that knows only the models it is given (no folders, no bundled ones)."""

    def __init__(self, models: dict[str, Path]) -> None:
        self.models = models
        self.asked: list[str] = []

    def find_base(self, model_id: str, folder: Path) -> Path | None:
        self.asked.append(model_id)
        return self.models.get(model_id)

    def known_ids(self, folder: Path) -> list[str]:
        return sorted(self.models)


def test_the_finder_is_passed_in(tmp_path: Path, fresh_cache: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    base = elsewhere / "basis.yaml"
    base.write_text(EXAMPLE.read_text().replace("id: example", "id: basis", 1))
    variant = tmp_path / "v.yaml"
    variant.write_text("id: v\ntitle: V\nextends: basis\n")
    with pytest.raises(ModelError, match="unknown model 'basis'"):
        load_model(variant)  # the catalog looks beside the file and in the bundled models
    finder = DictFinder({"basis": base})
    loaded = load_model(variant, finder=finder)
    assert loaded.base_id == "basis" and finder.asked == ["basis"]
    again = read_model(variant, finder=finder)  # the cache asks the same finder
    assert isinstance(again.model, ModelRecord)
    assert [p.id for p in again.model.phases] == [p.id for p in loaded.model.phases]


def test_an_unknown_base_is_named_with_the_finders_ids(tmp_path: Path) -> None:
    variant = tmp_path / "v.yaml"
    variant.write_text("id: v\ntitle: V\nextends: basiss\n")
    finder = DictFinder({"basis": EXAMPLE})
    with pytest.raises(ModelError, match="did you mean 'basis'"):
        load_model(variant, use_cache=False, finder=finder)


def test_the_promised_names_are_kept() -> None:
    assert barriers.load_model is load_model
    assert barriers.LoadedModel is LoadedModel
    assert callable(_common.load) and callable(_common.load_to_read)
    loaded = load_model(EXAMPLE, use_cache=False)
    assert isinstance(loaded, LoadedModel) and loaded.model.id == "example"
