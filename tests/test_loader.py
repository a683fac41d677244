"""The strict YAML loader: plain data, node marks, the traps refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from barriers.loader import decode, load_document, parse_document
from barriers.problems import ModelError, Problem, did_you_mean, display_path


def parse(text: str) -> object:
    return parse_document(text, Path("m.yaml"), "m.yaml")


def test_small_aliases_are_fine() -> None:
    doc = parse("shared: &p [a, b]\nother: *p\n")
    assert doc.data == {"shared": ["a", "b"], "other": ["a", "b"]}  # type: ignore[attr-defined]


def test_alias_expansion_is_bounded() -> None:
    text = "a: &a [" + ",".join(["x"] * 100) + "]\n"
    text += "b: &b [" + ",".join(["*a"] * 100) + "]\n"
    text += "c: &c [" + ",".join(["*b"] * 100) + "]\n"
    with pytest.raises(ModelError, match="alias bomb"):
        parse(text)


def test_scalars_keep_yaml_types_for_the_schema_to_judge() -> None:
    doc = parse("a: no\nb: 010\nc: 2024-01-31\nd: 'no'\ne: 2024-02-31\nf: ~\n")
    data = doc.data  # type: ignore[attr-defined]
    assert data["a"] is False and data["b"] == 8 and data["d"] == "no" and data["f"] is None
    assert str(data["c"]) == "2024-01-31"
    assert data["e"] == "2024-02-31"  # not a real date: kept as text
    assert doc.yaml_type(("a",)) == "a boolean"  # type: ignore[attr-defined]
    assert doc.raw(("b",)) == "010"  # type: ignore[attr-defined]


def test_where_points_at_values_and_keys() -> None:
    doc = parse("x:\n  - id: a\n    name: A\n")
    assert doc.where(("x", 0, "name")) == (3, 11)  # type: ignore[attr-defined]
    assert doc.where(("x", 0, "name"), key=True) == (3, 5)  # type: ignore[attr-defined]
    assert doc.where(("x", 5, "name")) == (2, 3)  # type: ignore[attr-defined]
    assert doc.where(("nothing",)) == (1, 1)  # type: ignore[attr-defined]


def test_crlf_and_bom_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(codecs.BOM_UTF8 + b"a: 1\r\nb:\r\n  c: 2\r\n")
    doc = load_document(path)
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert doc.where(("b", "c")) == (3, 6)


def test_decode_reports_the_position_of_a_bad_byte() -> None:
    with pytest.raises(ModelError) as info:
        decode(b"ok: 1\nbad: \xff\n", "m.yaml")
    assert info.value.problems[0].render() == (
        "m.yaml:2:6: not UTF-8 text (byte 0xff); save it as UTF-8"
    )


def test_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("id: x\n")

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(
        ModelError, match=r"secret\.yaml:1:1: cannot read the file: Permission denied"
    ):
        load_document(path)


def test_display_path_is_relative_below_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "a" / "m.yaml") == "a/m.yaml"
    assert display_path(Path("/elsewhere/m.yaml")) == "/elsewhere/m.yaml"


def test_problem_rendering_and_suggestions() -> None:
    assert Problem("f.yaml", 3, 4, "odd", "warning").render() == "f.yaml:3:4: warning: odd"
    assert did_you_mean("werven", ["werving", "uitbuiten"]) == " (did you mean 'werving'?)"
    assert did_you_mean("xyz", ["werving"]) == ""
    error = ModelError([Problem("b", 2, 1, "y"), Problem("a", 9, 1, "x"), Problem("a", 1, 1, "z")])
    assert [p.file + str(p.line) for p in error.problems] == ["a1", "a9", "b2"]


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ModelError, match="not a regular file"):
        load_document(fifo)  # would block forever if it were opened
    with pytest.raises(ModelError, match="not a regular file"):
        load_document(Path("/dev/zero"))


def test_a_file_that_grows_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from barriers import loader

    path = tmp_path / "m.yaml"
    path.write_text("id: m\ntitle: " + "x" * 200 + "\n")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    with pytest.raises(ModelError, match="file is too large"):
        load_document(path)


def test_a_problem_is_one_bounded_line() -> None:
    rendered = Problem("f.yaml", 1, 1, "value " + "x" * 10_000 + "\nsecond line").render()
    assert "\n" not in rendered
    assert len(rendered) <= len("f.yaml:1:1: ") + 500
    assert rendered.endswith("…")
