"""The hostile corpus: every malformed or malicious file gives exit 1 and FILE:LINE:COL lines.

Each file goes through validate, show, gaps and map: no traceback, no partial output file,
and the message a person needs to fix it. Bounded memory is tested in a capped process;
time is not measured here (speed belongs to tests/bench/): a subprocess timeout only
guards against a hang.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import DATA, run_cli

HOSTILE = DATA / "hostile"
LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")

# file -> (line, column, a piece of the message)
EXPECTED: dict[str, tuple[int, int, str]] = {
    "after-cycle.yaml": (8, 12, "'after' forms a cycle: binden -> uitbuiten -> binden"),
    "after-self.yaml": (8, 12, "phase 'binden' is placed after itself"),
    "after-unknown.yaml": (10, 12, "'after' names 'uitbuite' (did you mean 'uitbuiten'?)"),
    "alias-bomb.yaml": (4, 4, "alias bomb"),
    "alias-reported-at-alias.yaml": (8, 11, "each partner must be a mapping"),
    "bad-model-id.yaml": (1, 5, "is not a valid id"),
    "bad-phase-id.yaml": (4, 9, "(e.g. 'werving-online')"),
    "bad-status.yaml": (16, 13, "status 'pilot-project' is not one of"),
    "bad-technique.yaml": (16, 16, "did you mean 'target-hardening'?"),
    "bad-url.yaml": (16, 10, "http:// or https://"),
    "bad-year.yaml": (19, 11, "year must be a whole number"),
    "binary-tag.yaml": (3, 8, "YAML tag !!binary is not allowed"),
    "binary.yaml": (1, 1, "binary file"),
    "blank-name.yaml": (5, 11, "name must not be empty"),
    "bom-unknown-key.yaml": (3, 1, "unknown key 'colour'"),
    "bool-name.yaml": (5, 11, "YAML reads 'no' as a boolean; put it in quotes"),
    "comments-only.yaml": (1, 1, "file is empty"),
    "control-char.yaml": (2, 17, "U+0007 is not allowed in YAML"),
    "crlf-unknown-key.yaml": (16, 5, "unknown key 'colour'"),
    "custom-tag.yaml": (3, 14, "YAML tag !include is not allowed"),
    "date-version.yaml": (3, 10, "as a date"),
    "deep-nesting.yaml": (3, 47, "nesting is deeper than"),
    "duplicate-intervention-id.yaml": (16, 9, "duplicate intervention id 'opsporing'"),
    "duplicate-key-nested.yaml": (6, 5, "duplicate key 'name' (first given on line 5)"),
    "duplicate-key.yaml": (3, 1, "duplicate key 'title'"),
    "duplicate-partner-id.yaml": (11, 9, "duplicate partner id 'politie'"),
    "duplicate-phase-id.yaml": (8, 9, "duplicate phase id 'werving' (first on line 4)"),
    "empty-phases.yaml": (3, 9, "phases must not be empty"),
    "empty-title.yaml": (2, 8, "title must not be empty"),
    "empty.yaml": (1, 1, "file is empty"),
    "extends-cycle-a.yaml": (3, 10, "'extends' forms a cycle"),
    "extends-cycle-b.yaml": (3, 10, "'extends' forms a cycle"),
    "extends-unknown.yaml": (3, 10, "unknown model 'loverboys-generaal'"),
    "float-version.yaml": (3, 10, "YAML reads '1.0' as a number"),
    "flow-too-deep.yaml": (3, 1007, "nesting"),
    "id-number.yaml": (1, 5, "YAML reads '010' as a number; put it in quotes: '010'"),
    "intervention-no-partners.yaml": (12, 5, "missing required field 'partners'"),
    "intervention-no-phases.yaml": (14, 13, "has no phases"),
    "latin1.yaml": (3, 17, "not UTF-8"),
    "list-key.yaml": (3, 3, "a mapping key must be plain text"),
    "long-name.yaml": (5, 11, "too long"),
    "merge-key.yaml": (5, 5, "merge keys"),
    "missing-id.yaml": (1, 1, "missing required field 'id'"),
    "missing-phases.yaml": (1, 1, "missing required field 'phases'"),
    "missing-title.yaml": (1, 1, "missing required field 'title'"),
    "multi-document.yaml": (16, 1, "expected a single document"),
    "not-mapping-list.yaml": (1, 1, "must be a mapping"),
    "not-mapping-scalar.yaml": (1, 1, "must be a mapping"),
    "null-phases.yaml": (3, 8, "phases must be a list"),
    "phase-cycle.yaml": (9, 11, "phases form a cycle: uitbuiten -> werving -> uitbuiten"),
    "phase-not-mapping.yaml": (4, 5, "each phase must be a mapping"),
    "phase-self-loop.yaml": (6, 11, "phases form a cycle: werving -> werving"),
    "phases-not-list.yaml": (3, 9, "phases must be a list, not text"),
    "python-name-tag.yaml": (3, 8, "!!python/name:os.system is not allowed"),
    "recursive-alias.yaml": (3, 9, "recursive YAML alias"),
    "python-tag.yaml": (3, 14, "!!python/object/apply:os.system is not allowed"),
    "remove-in-base.yaml": (16, 1, "'remove' is only for variants"),
    "signal-not-text.yaml": (6, 15, "signals[0] must be text or a mapping with 'text'"),
    "syntax-error.yaml": (4, 7, "YAML syntax error"),
    "tabs.yaml": (4, 1, "a tab"),
    "unknown-key-intervention.yaml": (16, 5, "(did you mean 'legal_basis'?)"),
    "unknown-key-phase.yaml": (6, 5, "(did you mean 'signals'?)"),
    "unknown-key-top.yaml": (11, 1, "unknown key 'interventons' (did you mean 'interventions'?)"),
    "unknown-next.yaml": (6, 12, "unknown phase 'uitbuite' (did you mean 'uitbuiten'?)"),
    "unknown-partner-ref.yaml": (15, 16, "unknown partner 'polite' (did you mean 'politie'?)"),
    "unknown-phase-ref.yaml": (14, 14, "unknown phase 'uitbuite' (did you mean 'uitbuiten'?)"),
    "lookalike-id.yaml": (
        15,
        14,
        "'w\\u0435rving' is not a valid id: use lowercase letters, digits and hyphens "
        "('\\u0435' is CYRILLIC SMALL LETTER IE, not the Latin 'e') (e.g. 'werving')",
    ),
    "zero-width-name.yaml": (5, 11, "name must not be empty, only spaces or invisible"),
    "unknown-source-ref.yaml": (16, 15, "unknown source 'nji'"),
    "utf16.yaml": (1, 1, "UTF-16"),
}


def test_corpus_is_complete() -> None:
    files = sorted(p.name for p in HOSTILE.glob("*.yaml"))
    assert len(files) >= 40
    assert files == sorted(EXPECTED)


def _check_problem_lines(err: str) -> list[re.Match[str]]:
    assert "Traceback" not in err
    assert "internal error" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "an error must say something"
    matches = [LINE.match(line) for line in lines]
    assert all(matches), f"not FILE:LINE:COL: message lines:\n{err}"
    return [m for m in matches if m]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_reports_where_and_what(name: str) -> None:
    line, column, text = EXPECTED[name]
    result = run_cli("--no-cache", "validate", HOSTILE / name)
    assert result.code == 1, result.err
    matches = _check_problem_lines(result.err)
    assert any(
        int(m["line"]) == line and int(m["col"]) == column and text in m["msg"] for m in matches
    ), result.err


@pytest.mark.parametrize("command", ["show", "gaps", "map"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_command_refuses_cleanly(name: str, command: str, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    args: list[str | Path] = ["--no-cache", command, HOSTILE / name]
    if command == "map":
        args += ["-o", out]
    result = run_cli(*args)
    assert result.code == 1, (result.out, result.err)
    _check_problem_lines(result.err)
    assert result.out == ""
    assert list(tmp_path.iterdir()) == [], "no partial output may be left behind"


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    from barriers import loader

    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"id: huge\ntitle: Huge\nnotes: '")
        handle.truncate(loader.MAX_FILE_BYTES + 10)
    result = run_cli("--no-cache", "validate", path)
    assert result.code == 1
    assert "file is too large" in result.err
    assert _check_problem_lines(result.err)[0]["line"] == "1"


def test_deep_variant_chain_is_refused(tmp_path: Path) -> None:
    base = "id: m0\ntitle: M0\nphases:\n  - id: a\n    name: A\n"
    (tmp_path / "m0.yaml").write_text(base)
    for i in range(1, 40):
        (tmp_path / f"m{i}.yaml").write_text(f"id: m{i}\ntitle: M{i}\nextends: m{i - 1}\n")
    result = run_cli("--no-cache", "validate", tmp_path / "m39.yaml")
    assert result.code == 1
    assert "variant chain is longer than" in result.err
    _check_problem_lines(result.err)


def test_many_problems_are_all_reported(write_model) -> None:  # type: ignore[no-untyped-def]
    path = write_model(
        """\
        id: many
        title: Many
        phases:
          - id: a
            name: A
        partners:
          - id: p
            name: P
        interventions:
          - id: i1
            name: I1
            phases: [b]
            partners: [q]
          - id: i2
            name: I2
            phases: [a]
            partners: [p]
            status: maybe
        """
    )
    result = run_cli("--no-cache", "validate", path)
    assert result.code == 1
    matches = _check_problem_lines(result.err)
    messages = [m["msg"] for m in matches]
    assert any("unknown phase 'b'" in m for m in messages)
    assert any("unknown partner 'q'" in m for m in messages)
    assert any("status 'maybe'" in m for m in messages)
    assert [int(m["line"]) for m in matches] == [12, 13, 18]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_library_raises_the_same_problems(name: str) -> None:
    from barriers import load_model
    from barriers.problems import ModelError

    line, column, text = EXPECTED[name]
    with pytest.raises(ModelError) as info:
        load_model(HOSTILE / name, use_cache=False)
    problems = info.value.problems
    assert problems and all(p.severity == "error" for p in problems)
    assert any(
        (p.line, p.column) == (line, column) and text in " ".join(p.message.split())
        for p in problems
    ), [p.render() for p in problems]


@pytest.mark.slow  # a capped subprocess
def test_the_whole_corpus_runs_in_bounded_memory(tmp_path: Path) -> None:
    """Every hostile file, in one process capped at 1 GiB of address space.

    The subprocess timeout is a hang guard only (it fails loudly, it measures nothing).
    """
    import subprocess
    import sys

    script = (
        "import resource, sys\n"
        "limit = 1024 ** 3\n"
        "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
        "from barriers.problems import ModelError\n"
        "from barriers import load_model\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        load_model(name, use_cache=False)\n"
        "    except ModelError:\n"
        "        pass\n"
        "    else:\n"
        "        sys.exit(f'{name} loaded')\n"
        "print('all refused')\n"
    )
    files = [str(p) for p in sorted(HOSTILE.glob("*.yaml"))]
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:  # over the size limit: refused before it is read
        handle.write(b"id: huge\ntitle: Huge\nnotes: '")
        handle.truncate(80 * 1024 * 1024)
    result = subprocess.run(
        [sys.executable, "-c", script, *files, str(huge)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "all refused"


# == Paths that are not model files ==============================================================


def _broken_links(folder: Path) -> dict[str, str]:
    """Each hostile path (made in ``folder``) and the one line it must give."""
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "dangling.yaml").symlink_to("missing.yaml")
    (folder / "sub").mkdir()
    (folder / "sub" / "up.yaml").symlink_to("../loop.yaml")
    return {
        "loop.yaml": "loop.yaml:1:1: a loop of symbolic links, not a model file",
        "dangling.yaml": "dangling.yaml:1:1: a symbolic link to a missing file (missing.yaml)",
        "sub/up.yaml": "sub/up.yaml:1:1: a loop of symbolic links, not a model file",
        "": "the MODEL argument is empty: give a model id or a path to a YAML file",
    }


@pytest.mark.parametrize("cache", [True, False])
@pytest.mark.parametrize("command", ["validate", "show", "gaps", "map"])
def test_broken_links_and_empty_names_are_one_line(
    command: str, cache: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for ref, line in _broken_links(tmp_path).items():
        before = sorted(p.name for p in tmp_path.iterdir())
        result = run_cli(*([] if cache else ["--no-cache"]), command, ref)
        assert result.code == 1, (ref, result.err)
        assert result.err == line + "\n", ref
        assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing written"


# == Messages that must point at the right place and say the right thing ========================

BASE = "id: base\ntitle: Base\nphases:\n  - id: a\n    name: A\n  - id: b\n    name: B\n"


def _one_line(result_err: str) -> re.Match[str]:
    matches = _check_problem_lines(result_err)
    assert len(matches) == 1, result_err
    return matches[0]


@pytest.mark.parametrize(
    ("variant", "line", "col", "message"),
    [
        # the variant's next closes a cycle through the base: reported at that next
        (
            "phases:\n  - id: b\n    next: [a]\n",
            6,
            11,
            "phases form a cycle: a -> b -> a",
        ),
        ("remove:\n  phases: [a, a]\n", 5, 15, "'a' is listed twice in 'remove.phases' (first"),
        (
            "remove:\n  phases: [a, b]\n",
            5,
            11,
            "'remove' takes away every phase: a model needs at least one phase",
        ),
    ],
)
def test_variant_problems_point_at_the_variant(
    variant: str, line: int, col: int, message: str, tmp_path: Path
) -> None:
    (tmp_path / "base.yaml").write_text(BASE)
    path = tmp_path / "v.yaml"
    path.write_text(f"id: v\ntitle: V\nextends: base\n{variant}")
    result = run_cli("--no-cache", "validate", path)
    assert result.code == 1
    match = _one_line(result.err)
    assert match["file"] == str(path), result.err
    assert (int(match["line"]), int(match["col"])) == (line, col), result.err
    assert message in match["msg"]


@pytest.mark.parametrize(("models", "accepted"), [(32, True), (33, False)])
def test_the_variant_chain_limit_counts_models(models: int, accepted: bool, tmp_path: Path) -> None:
    from barriers.variants import MAX_CHAIN

    assert MAX_CHAIN == 32
    (tmp_path / "m0.yaml").write_text("id: m0\ntitle: M0\nphases:\n  - id: a\n    name: A\n")
    for i in range(1, models):
        (tmp_path / f"m{i}.yaml").write_text(f"id: m{i}\ntitle: M{i}\nextends: m{i - 1}\n")
    result = run_cli("--no-cache", "validate", tmp_path / f"m{models - 1}.yaml")
    assert (result.code == 0) is accepted, result.err
    if not accepted:
        assert "variant chain is longer than 32 models" in _one_line(result.err)["msg"]


def test_an_extends_cycle_names_the_file_asked_for(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\ntitle: A\nextends: b\n")
    (tmp_path / "b.yaml").write_text("id: b\ntitle: B\nextends: a\n")
    (tmp_path / "c.yaml").write_text("id: c\ntitle: C\nextends: a\n")
    result = run_cli("--no-cache", "validate", tmp_path / "c.yaml")
    assert result.code == 1
    match = _one_line(result.err)
    assert match["file"] == str(tmp_path / "b.yaml")
    assert match["msg"] == (
        f"'extends' forms a cycle: a -> b -> a (in the models that {tmp_path / 'c.yaml'} extends)"
    )


def test_an_unknown_model_among_thousands_lists_a_few(tmp_path: Path) -> None:
    for i in range(5000):
        (tmp_path / f"m{i:04d}.yaml").write_text(f"id: m{i:04d}\ntitle: M\n")
    result = run_cli("--no-cache", "--models-dir", tmp_path, "show", "nergens")
    assert result.code == 1
    assert len(result.err) < 400, result.err
    assert result.err.startswith("unknown model 'nergens': give a model id (e.g. ")
    assert "more: see barriers list) or a path to a YAML file" in result.err


def test_a_lookalike_model_id_is_shown_escaped_with_a_hint() -> None:
    result = run_cli("show", "loverboys-gеneral")  # a Cyrillic е
    assert result.code == 1
    assert result.err.startswith(
        "unknown model 'loverboys-g\\u0435neral' ('\\u0435' is CYRILLIC SMALL LETTER IE, not "
        "the Latin 'e') (did you mean 'loverboys-general'?)"
    ), result.err
