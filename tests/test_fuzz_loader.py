"""Fuzzing the loader: whatever the bytes, a model or ``FILE:LINE:COL`` problems, never a crash.

Two sources of input: YAML-ish text built from YAML's own punctuation (indentation, tags,
anchors, flow collections, tabs, BOM, CRLF, odd line breaks), and valid models mutated the
way people and tools break them (lines deleted, duplicated, swapped or re-indented, keys
renamed, values replaced by YAML 1.1 surprises such as ``no``, ``010`` or ``2024-01-31``,
the file truncated or its bytes corrupted). Every outcome must be a loaded model or a
:class:`ModelError` whose problems all render as ``FILE:LINE:COL: message`` with a line and
column inside the file; a loaded model must survive the cache unchanged and be JSON data.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from barriers import LoadedModel, load_model
from barriers.cli import EXIT_BUG, LazyGroup, cli
from barriers.problems import ModelError, display_path
from tests.bench.generate import generate_model
from tests.helpers import DATA, run_cli

pytestmark = pytest.mark.slow  # fuzzing (hypothesis), through the CLI too

RENDERED = re.compile(r"^(?P<file>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<msg>\S.*)$")
# FUZZ_SCALE=20 for a long hunt; the default keeps this file to a few seconds.
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


EXAMPLE = (DATA / "example.yaml").read_text(encoding="utf-8")
VARIANT = (DATA / "example-variant.yaml").read_text(encoding="utf-8")
SYNTHETIC = generate_model(interventions=25, partners=6, phases=7, seed=5)
COMMAND_NAMES = LazyGroup.list_commands(cli, None)  # type: ignore[arg-type]
BASES = {"example": EXAMPLE, "variant": VARIANT, "synthetic": SYNTHETIC}

# Pieces of YAML that change what a document means.
TOKENS = [
    *["\n", "\n", "  ", "    ", "- ", ": ", ":", ",", "[", "]", "{", "}", "# ", "&", "*", "!"],
    *["|", ">", "'", '"', "? ", "%", "@", "`", "\t", "\r", "\\"],
    "\r\n",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x00",
    "\x1b",
    "id",
    "title",
    "phases",
    "partners",
    "interventions",
    "sources",
    "next",
    "after",
    "extends",
    "remove",
    "notes",
    "name",
    "werving",
    "example",
    "---",
    "...",
    "%YAML 1.1",
    "%TAG ! tag:example.org,2024:",
    "&a",
    "*a",
    "*b",
    "<<",
    "!!str",
    "!!int",
    "!!binary",
    "!!set",
    "!!omap",
    "!!python/object/apply:os.system",
    "!local",
    "no",
    "on",
    "yes",
    "~",
    "null",
    "010",
    "0x1F",
    "0o17",
    "1_000",
    "1e400",
    ".inf",
    ".nan",
    "2024-01-31",
    "2024-02-31",
    "12:30:00",
    "2024-01-31T10:00:00Z",
    "é",
    "𝔸",
    "x" * 120,
]
# What a value can turn into: the YAML 1.1 surprises and the structurally wrong.
VALUES = [
    "no",
    "on",
    "off",
    "yes",
    "y",
    "n",
    "~",
    "null",
    "''",
    '""',
    "010",
    "0x1F",
    "0o17",
    "1_000",
    "-0",
    "1e400",
    "99999999999999999999999999",
    ".inf",
    "-.Inf",
    ".nan",
    "2024-01-31",
    "2024-02-31",
    "12:30:00",
    "2024-01-31 10:00:00",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1, a: 2}",
    "[werving, werving]",
    "!!binary aGVsbG8=",
    "!!python/name:os.system",
    "!!set {a, b}",
    "!!str 12",
    "!!int twelve",
    "!!float x",
    "!!timestamp 2024-13-45",
    "&anchor value",
    "*anchor",
    "*undefined",
    "|",
    ">-",
    "- x",
    "a: b: c",
    "'unterminated",
    '"unterminated',
    '"\\x00 escaped NUL"',
    '"\\uD800 lone surrogate"',
    "x # comment",
    "<script>alert(1)</script>",
    "https://example.org/a b",
    "javascript:alert(1)",
    "werving",
    "example",
    "loverboys-general",
    "LOUD-ID",
    "x" * 400,
]
KEYS = [
    *("id", "title", "phases", "partners", "interventions", "sources", "next", "after"),
    *("extends", "remove", "notes", "name", "colour", "Id", "<<", "? x", "[k]", "!!int 1", "~"),
]
LINES = [
    "---",
    "...",
    "%YAML 1.1",
    "%TAG !e! tag:example.org,2024:",
    "? complex key",
    ": value",
    "<<: *a",
    "extends: example",
    "extends: loverboys-general",
    "extends: model",
    "remove: {phases: [werving], partners: [politie]}",
    "  after: werving",
    "  next: [werving]",
    "  next: []",
    "    - id: werving",
    "  - id: extra",
    "    name: Extra",
    "    phases: [geld]",
    "    partners: [bank]",
    "colour: red",
    "\tid: tab",
    "#",
    "",
]


YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _bounds(text: str) -> tuple[int, int]:
    """Upper bounds of line and column in ``text``, with YAML's line breaks."""
    lines = YAML_BREAK.split(text)
    return len(lines) + 1, max((len(line) for line in lines), default=0) + 1


def _check_problems(exc: ModelError, files: dict[str, str]) -> None:
    assert exc.problems, "a ModelError without problems"
    for problem in exc.problems:
        rendered = problem.render()
        match = RENDERED.match(rendered)
        assert match, f"not FILE:LINE:COL: message: {rendered!r}"
        assert problem.line >= 1 and problem.column >= 1, rendered
        assert problem.message.strip(), rendered
        text = files.get(problem.file)
        if text is not None:  # the bounds are only known for the files written here
            last_line, widest = _bounds(text)
            assert problem.line <= last_line, f"line beyond the end: {rendered!r}"
            assert problem.column <= widest, f"column beyond every line: {rendered!r}"


def _same(a: Any, b: Any) -> bool:
    """Equal, with NaN equal to NaN (the value ``.nan`` is still the value written)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _check_loaded(loaded: LoadedModel, path: Path) -> None:
    for warning in loaded.warnings:
        assert RENDERED.match(warning.render()), warning.render()
        assert warning.line >= 1 and warning.column >= 1
    data = loaded.model.to_data()
    json.dumps(data, allow_nan=False)  # what loads is JSON data (the JSON output is an API)
    first = load_model(path, use_cache=True)  # written to the (test-isolated) cache
    again = load_model(path, use_cache=True)  # served from it
    for served in (first, again):
        assert _same(served.model.model_dump(), loaded.model.model_dump())
        assert served.warnings == loaded.warnings


def check_files(folder: Path, files: dict[str, bytes], main: str) -> LoadedModel | None:
    """Write ``files`` into an empty ``folder``, load ``main``: a model or good problems."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    path = folder / main
    texts = {
        display_path(folder / name): raw.decode("utf-8", "replace") for name, raw in files.items()
    }
    try:
        loaded = load_model(path, use_cache=False)
    except ModelError as exc:
        _check_problems(exc, texts)
        _outcome("problems")
        return None
    _check_loaded(loaded, path)
    _outcome("loaded")
    return loaded


def _outcome(name: str) -> None:
    """Count outcomes: ``pytest --hypothesis-show-statistics`` shows how often each came."""
    if currently_in_test_context():
        event(name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "case"


# --- random YAML-ish text ------------------------------------------------------------------

yamlish = st.lists(
    st.one_of(
        st.sampled_from(TOKENS),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
        st.integers(0, 12).map(lambda n: "\n" + " " * n),
    ),
    max_size=60,
).map("".join)


@fuzz(400)
@given(text=yamlish)
@example(text="\ufeff\ufeffid: x\n")
@example(text="a: b\r\n\tc: d\r\n")
@example(text="id: x\u2028title: y\x85phases: [")
@example(text="- - - - [[[[{")
def test_yamlish_text_loads_or_gives_problems(folder: Path, text: str) -> None:
    check_files(folder, {"model.yaml": text.encode("utf-8", "surrogatepass")}, "model.yaml")


@fuzz(200)
@given(raw=st.binary(max_size=200), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"id: x\n"]))
def test_random_bytes_load_or_give_problems(folder: Path, raw: bytes, prefix: bytes) -> None:
    check_files(folder, {"model.yaml": prefix + raw}, "model.yaml")


# --- mutations of valid models -------------------------------------------------------------

index = st.integers(0, 10_000)
mutation = st.one_of(
    st.tuples(st.just("delete"), index),
    st.tuples(st.just("duplicate"), index),
    st.tuples(st.just("swap"), index, index),
    st.tuples(st.just("indent"), index, st.integers(-4, 4)),
    st.tuples(st.just("tab"), index),
    st.tuples(st.just("value"), index, st.sampled_from(VALUES)),
    st.tuples(st.just("key"), index, st.sampled_from(KEYS)),
    st.tuples(st.just("insert"), index, st.sampled_from(LINES)),
    st.tuples(st.just("copy-value"), index, index),
)
finish = st.sampled_from(["none", "crlf", "cr", "bom", "no-final-newline", "truncate", "corrupt"])
KEY_LINE = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[^:#\s][^:#]*?):(?P<rest>(?: .*)?)$")


def mutate(text: str, steps: list[tuple[Any, ...]]) -> str:
    lines = text.split("\n")
    for step in steps:
        kind, i = step[0], step[1] % max(len(lines), 1)
        if not lines:
            lines = [""]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = step[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            shift = step[2]
            line = lines[i]
            lines[i] = " " * shift + line if shift >= 0 else line[min(-shift, _lead(line)) :]
        elif kind == "tab":
            lead = _lead(lines[i])
            lines[i] = "\t" + lines[i][1:] if lead else "\t" + lines[i]
        elif kind in ("value", "key", "copy-value"):
            match = KEY_LINE.match(lines[i])
            if match is None:
                continue
            if kind == "value":
                lines[i] = f"{match['lead']}{match['key']}: {step[2]}"
            elif kind == "key":
                lines[i] = f"{match['lead']}{step[2]}:{match['rest']}"
            else:  # give this key another line's value (a swap of values between fields)
                other = KEY_LINE.match(lines[step[2] % len(lines)])
                if other is not None:
                    lines[i] = f"{match['lead']}{match['key']}:{other['rest']}"
        elif kind == "insert":
            lines.insert(i, step[2])
    return "\n".join(lines)


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def finish_bytes(text: str, how: str, where: int, byte: int) -> bytes:
    if how == "crlf":
        text = text.replace("\n", "\r\n")
    elif how == "cr":
        text = text.replace("\n", "\r")
    elif how == "bom":
        text = "\ufeff" + text
    elif how == "no-final-newline":
        text = text.rstrip("\n")
    raw = text.encode("utf-8")
    if how == "truncate":
        raw = raw[: where % (len(raw) + 1)]
    elif how == "corrupt" and raw:
        spot = where % len(raw)
        raw = raw[:spot] + bytes([byte]) + raw[spot + 1 :]
    return raw


@fuzz(400)
@given(
    base=st.sampled_from(sorted(BASES)),
    steps=st.lists(mutation, min_size=1, max_size=5),
    how=finish,
    where=index,
    byte=st.integers(0, 255),
)
@example(
    base="example", steps=[("insert", 5, "extends: loverboys-general")], how="crlf", where=0, byte=0
)
@example(base="variant", steps=[("value", 3, "example-variant")], how="none", where=0, byte=0)
def test_mutated_models_load_or_give_problems(
    folder: Path, base: str, steps: list[tuple[Any, ...]], how: str, where: int, byte: int
) -> None:
    text = mutate(BASES[base], steps)
    files = {"model.yaml": finish_bytes(text, how, where, byte)}
    if base == "variant":  # the variant's base beside it, so the overlay runs too
        files["example.yaml"] = EXAMPLE.encode("utf-8")
    check_files(folder, files, "model.yaml")


@fuzz(200)
@given(steps=st.lists(mutation, min_size=1, max_size=4), how=finish, where=index, byte=index)
def test_a_mutated_base_under_a_valid_variant(
    folder: Path, steps: list[tuple[Any, ...]], how: str, where: int, byte: int
) -> None:
    files = {
        "variant.yaml": VARIANT.encode("utf-8"),
        "example.yaml": finish_bytes(mutate(EXAMPLE, steps), how, where, byte % 256),
    }
    check_files(folder, files, "variant.yaml")


@pytest.mark.parametrize("value", [".inf", "-.Inf", ".nan", "[1, .NaN]", "{a: .inf}"])
def test_numbers_json_cannot_hold_are_refused_or_kept(folder: Path, value: str) -> None:
    """``notes`` is free-form JSON data: YAML's infinities and NaN are not JSON.

    Either the loader refuses them with a problem, or what loads must survive the cache
    and the JSON output unchanged (check_files checks both).
    """
    text = EXAMPLE.replace("  reviewed: 'no'", f"  reviewed: {value}")
    assert text != EXAMPLE
    check_files(folder, {"model.yaml": text.encode("utf-8")}, "model.yaml")


def test_the_unmutated_bases_load() -> None:
    """The mutations start from valid models (else the fuzzing proves little)."""
    for name in ("example.yaml", "example-variant.yaml"):
        assert load_model(DATA / name, use_cache=False).model.phases


# --- the same through the command line -----------------------------------------------------


@fuzz(60)
@given(
    base=st.sampled_from(["example", "synthetic"]),
    steps=st.lists(mutation, min_size=1, max_size=4),
    how=finish,
    where=index,
    command=st.sampled_from(
        [c for c in ("validate", "show", "gaps", "routes", "cover") if c in COMMAND_NAMES]
    ),
)
def test_the_cli_exits_0_or_1_never_as_a_bug(
    folder: Path, base: str, steps: list[tuple[Any, ...]], how: str, where: int, command: str
) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "model.yaml"
    path.write_bytes(finish_bytes(mutate(BASES[base], steps), how, where, 0xFF))
    result = run_cli("--no-cache", command, path)
    assert result.code != EXIT_BUG, result.err
    assert result.code in (0, 1), (result.code, result.err)
    assert "Traceback" not in result.err
    if result.code == 1:
        problems = [line for line in result.err.splitlines() if "warning: " not in line]
        assert problems, result.err
        assert all(RENDERED.match(line) for line in problems), result.err
