"""``show --format yaml`` writes YAML that the project's loader reads back to the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from barriers.loader import parse_document
from barriers.yamlout import dump_model
from tests.helpers import run_cli
from tests.payloads import PAYLOADS, TERMINAL_PAYLOADS

# Every character YAML reads as a line break, alone, at the ends and among text and newlines.
BREAKS = ["\x85", "\u2028", "\u2029", "\r", "\r\n", "\n"]
TRICKY = [
    *(f"a{b}b" for b in BREAKS),
    *(f"{b}lead" for b in BREAKS),
    *(f"trail{b}" for b in BREAKS),
    *BREAKS,
    "line one\nline two\x85still two",
    "block\n\x85",
    "block\n\u2028\n",
    "  spaces around  ",
    "tab\tinside",
    "\ufeffbom",
    "yes",
    "010",
    "~",
    *PAYLOADS,
    *TERMINAL_PAYLOADS,
]


def _round_trip(value: str) -> object:
    text = dump_model({"name": value, "items": [value, {"text": value}]})
    return parse_document(text, Path("x.yaml"), "x.yaml").data


@pytest.mark.parametrize("value", TRICKY, ids=repr)
def test_text_comes_back_as_written(value: str) -> None:
    assert _round_trip(value) == {"name": value, "items": [value, {"text": value}]}


# Text YAML can carry at all: no surrogates, no controls but tab, newline and return.
_YAML_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="".join(
            chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in "\t\n\r"
        ),
    )
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_YAML_TEXT, st.sampled_from(TRICKY)))
def test_any_text_comes_back_as_written(value: str) -> None:
    assert _round_trip(value) == {"name": value, "items": [value, {"text": value}]}


def test_show_yaml_keeps_a_next_line_character(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        'id: m\ntitle: "Titel\\N met NEL"\nphases:\n  - id: a\n    name: "A\\Lb\\Pc"\n',
        encoding="utf-8",
    )
    shown = run_cli("--no-cache", "show", model, "--format", "yaml")
    assert shown.code == 0, shown.err
    back = yaml.load(shown.out, Loader=yaml.SafeLoader)
    assert back["title"] == "Titel\x85 met NEL"
    assert back["phases"][0]["name"] == "A\u2028b\u2029c"
    again = tmp_path / "again.yaml"
    again.write_text(shown.out, encoding="utf-8")
    assert run_cli("--no-cache", "show", again, "--format", "yaml").out == shown.out
