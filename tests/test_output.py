"""Where results go: devices, pipes, closed or full stdout, signals, modes, links.

Most cases run the real program in a subprocess (as CI does, as root), because what is
tested is the operating system's view: a device that must stay a device, a descriptor that
is closed, a signal that arrives in the middle of a write.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from barriers import output
from barriers.problems import BarriersError
from tests.helpers import EXAMPLE, ROOT, run_cli

HANG_GUARD = 120  # seconds: only a hang ever reaches this; no test waits on the clock


def barriers(
    *args: str | Path,
    stdout: Any = subprocess.PIPE,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m barriers ARGS`` as a user would, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "barriers", "--no-cache", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        timeout=HANG_GUARD,
        preexec_fn=preexec,
        check=False,
    )


def expected_show() -> bytes:
    result = barriers("show", EXAMPLE)
    assert result.returncode == 0, result.stderr
    return result.stdout


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _is_char_device(path: str) -> bool:
    return stat.S_ISCHR(os.stat(path).st_mode)


# == -o onto something that is not a regular file ================================================


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_writing_into_a_device_keeps_the_device(device: str) -> None:
    if not os.path.exists(device) or not _is_char_device(device):
        pytest.skip(f"{device} is not a character device here")
    result = barriers("map", EXAMPLE, "-o", device)
    assert result.returncode == 0, result.stderr
    assert _is_char_device(device), f"{device} was replaced by a plain file"
    assert not leftovers(Path("/dev"))


def test_a_full_device_is_a_clean_error() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    result = barriers("show", EXAMPLE, "-o", "/dev/full")
    assert result.returncode == 1
    assert result.stderr.decode() == "/dev/full: cannot write: No space left on device\n"
    assert _is_char_device("/dev/full")


def test_dev_stdout_prints(tmp_path: Path) -> None:
    result = barriers("show", EXAMPLE, "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_show()
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")
    into_file = tmp_path / "shown.txt"
    with into_file.open("wb") as handle:
        result = barriers("show", EXAMPLE, "-o", "/dev/stdout", stdout=handle)
    assert result.returncode == 0, result.stderr
    assert into_file.read_bytes() == expected_show()
    assert leftovers(tmp_path) == []


def test_dev_stderr_appends_to_the_file_the_shell_opened(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier lines\n")
    with log.open("ab") as handle:  # as 2>> log.txt does
        result = subprocess.run(
            [sys.executable, "-m", "barriers", "--no-cache", "show", EXAMPLE, "-o", "/dev/stderr"],
            stdout=subprocess.PIPE,
            stderr=handle,
            cwd=ROOT,
            timeout=HANG_GUARD,
            check=False,
        )
    assert result.returncode == 0
    assert log.read_bytes() == b"earlier lines\n" + expected_show()
    assert os.path.islink("/dev/stderr") or not os.path.isfile("/dev/stderr")


def test_a_fifo_is_written_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a reader that never blocks the test
    try:
        result = barriers("show", EXAMPLE, "-o", fifo)
        assert result.returncode == 0, result.stderr
        wanted = expected_show()
        assert len(wanted) < 65536, "must fit in the pipe's buffer for this test"
        assert os.read(reader, 65536) == wanted
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a plain file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_fifo_nobody_reads_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = barriers("map", EXAMPLE, "-o", fifo)
    assert result.returncode == 1
    assert result.stderr.decode() == f"{fifo}: cannot write: no process reads this pipe\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symbolic_link_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    assert run_cli("show", EXAMPLE, "-o", link).code == 0
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_bytes() == expected_show()
    assert leftovers(tmp_path) == []


def test_a_dangling_link_or_a_loop_is_a_clean_error(tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("nowhere.txt")
    result = run_cli("show", EXAMPLE, "-o", dangling)
    assert result.code == 1
    assert result.err == (
        f"{dangling}: cannot write: a symbolic link to a missing file (nowhere.txt); "
        "remove the link or give another -o\n"
    )
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    result = run_cli("show", EXAMPLE, "-o", loop)
    assert result.code == 1
    assert result.err == f"{loop}: cannot write: Too many levels of symbolic links\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.txt", "loop.txt"]


@pytest.mark.parametrize(
    "args",
    [
        ["show", EXAMPLE],
        ["map", EXAMPLE],
        ["export", EXAMPLE, "--to", "csv"],
        ["report", EXAMPLE],
        ["new", "leeg"],
        ["schema"],
    ],
)
def test_an_empty_output_name_is_refused(
    args: list[str | Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args, "-o", "")
    assert result.code == 1, result.err
    assert result.err == "the output file name is empty: give a file name, or '-' for stdout\n"
    assert list(tmp_path.iterdir()) == []


# == stdout closed or full =======================================================================


def _close_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize(
    "args",
    [["show", EXAMPLE], ["gaps", EXAMPLE], ["map", EXAMPLE, "-o", "-"], ["validate", EXAMPLE]],
)
def test_a_closed_stdout_is_an_error(args: list[str | Path]) -> None:
    result = barriers(*args, stdout=None, preexec=_close_stdout)
    assert result.returncode == 1
    assert result.stderr.decode() == "cannot write to standard output: it is closed\n"


def test_a_closed_stdout_does_not_stop_writing_a_file(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    result = barriers("map", EXAMPLE, "-o", target, stdout=None, preexec=_close_stdout)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args",
    [["show", EXAMPLE], ["gaps", EXAMPLE], ["map", EXAMPLE, "-o", "-"], ["validate", EXAMPLE]],
)
def test_a_full_stdout_is_an_error(args: list[str | Path]) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        result = barriers(*args, stdout=full)
    assert result.returncode == 1
    assert result.stderr.decode() == ("cannot write to standard output: No space left on device\n")


# == signals in the middle of a write ============================================================

# The real program, with the write held open after its data is in the temp file: it says
# "ready" on stdout and waits for a signal, so the test knows the temp file is there.
_HELD_WRITE = """
import signal, sys
import barriers.output as output
real = output._write_all
def held(handle, payload):
    real(handle, payload)
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    signal.pause()
output._write_all = held
from barriers.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 128 + 15), (signal.SIGHUP, 128 + 1), (signal.SIGINT, 130)],
)
def test_a_signal_during_a_write_leaves_nothing_behind(
    signum: int, code: int, tmp_path: Path
) -> None:
    target = tmp_path / "map.html"
    process = subprocess.Popen(
        [sys.executable, "-c", _HELD_WRITE, "--no-cache", "map", str(EXAMPLE), "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n"  # blocks until the write is under way
        assert len(leftovers(tmp_path)) == 1, "the write goes through a temp file"
        process.send_signal(signum)
        _, err = process.communicate(timeout=HANG_GUARD)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == code, err
    assert b"Aborted" not in err and b"Traceback" not in err
    assert list(tmp_path.iterdir()) == [], "neither a temp file nor a half page"


# == modes =======================================================================================


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_respects_the_umask(umask: int, mode: int, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    old = os.umask(umask)
    try:
        result = run_cli("report", EXAMPLE, "-o", target)
    finally:
        os.umask(old)
    assert result.code == 0, result.err
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n")
    target.chmod(0o600)
    old = os.umask(0o022)
    try:
        result = run_cli("report", EXAMPLE, "-o", target)
    finally:
        os.umask(old)
    assert result.code == 0, result.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# ")


# == the protected inputs are an argument, not a module's state ==================================


def test_protected_files_are_an_argument(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_text("id: x\n")
    with pytest.raises(BarriersError, match="refusing to write over a model file"):
        output.write_output(model, "new", protected={model})
    assert model.read_text() == "id: x\n"
    output.write_output(model, "new")  # nothing protected: the library writes where it is told
    assert model.read_text() == "new"
    assert not [n for n in vars(output) if n.startswith("_input")], "no module-global state"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        result = run_cli("show", EXAMPLE, "-o", path)
    finally:
        server.close()
    assert result.code == 1
    assert result.err == (
        f"{path}: cannot write: not a regular file (a block device or socket); "
        "give a file name, or '-' for stdout\n"
    )
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    result = run_cli("show", EXAMPLE, "-o", tmp_path)
    assert result.code == 1
    assert result.err == f"{tmp_path}: cannot write: is a folder\n"


def test_the_library_streams_into_a_device_in_process() -> None:
    if not all(os.path.exists(d) and _is_char_device(d) for d in ("/dev/null", "/dev/full")):
        pytest.skip("no /dev/null and /dev/full character devices here")
    output.write_output("/dev/null", "discarded\n")
    assert _is_char_device("/dev/null")
    with pytest.raises(BarriersError, match="No space left on device"):
        output.write_output("/dev/full", "x" * 10)
