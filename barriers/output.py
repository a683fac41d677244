"""Writing results: atomically (temp file, then rename), or as a stream to stdout, a pipe or a device.

A regular file (or a path that does not exist yet) is replaced atomically: the data goes to a
hidden temp file beside it, which is renamed over the target only when complete, so no
half-written file is ever left behind. Anything else that is not a folder (``/dev/null``,
``/dev/full``, a FIFO, ``/dev/stdout``) is written into as a stream: renaming over it would
replace a device or a pipe with a plain file (as root, for every program on the machine).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from barriers.problems import BarriersError

# Held back while a temp file is made, so that none is made without the code that removes it.
_HELD = {signal.SIGINT, signal.SIGHUP, signal.SIGTERM}


def write_output(
    target: str | Path, data: str | bytes, *, protected: Collection[Path] = ()
) -> None:
    """Write ``data`` to ``target`` so that no half-written file is ever left behind.

    ``-`` writes to stdout. Text is written as UTF-8 with ``\\n`` line endings. ``protected``
    are files the caller reads (a command's model files): writing over one of them is
    refused. A new file gets the mode the umask allows; a file replaced keeps its mode.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if str(target) == "-":
        write_stdout(payload)
        return
    check_target(target)
    path = Path(target)
    if protected and _is_input(path, protected):
        raise BarriersError(f"{path}: refusing to write over a model file this command reads")
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise BarriersError(
                f"{path}: cannot write: a symbolic link to a missing file "
                f"({os.readlink(path)}); remove the link or give another -o"
            ) from None
        info = None
    except OSError as exc:
        raise OutputError(path, exc) from None
    standard = _standard_stream(info) if info is not None else None
    if standard == 1:  # -o /dev/stdout, /dev/fd/1, ...: the stream, as it was opened
        write_stdout(payload)
    elif standard == 2:
        _write_stderr(payload)
    elif info is None or stat.S_ISREG(info.st_mode):
        # through a symbolic link, the file it names is replaced and the link kept
        real = path.resolve() if info is not None and path.is_symlink() else path
        _replace(real, payload, None if info is None else stat.S_IMODE(info.st_mode), path)
    elif stat.S_ISDIR(info.st_mode):
        raise OutputError(path, IsADirectoryError(errno.EISDIR, "is a folder"))
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        _stream(path, payload)
    else:  # a block device or a socket: writing into it is never what -o means
        raise BarriersError(
            f"{path}: cannot write: not a regular file (a block device or socket); "
            "give a file name, or '-' for stdout"
        )


def check_target(target: str | Path) -> None:
    """Refuse an empty output name (``Path("")`` would quietly mean the working folder)."""
    if str(target) == "":
        raise BarriersError("the output file name is empty: give a file name, or '-' for stdout")


def write_stdout(payload: str | bytes) -> None:
    """Write to standard output now; a closed or full stdout is a :class:`BarriersError`."""
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    stream = sys.stdout
    if stream is None:  # Python's stdout when the program started with descriptor 1 closed
        raise StdoutError("it is closed")
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError:
        raise  # the reader went away (``| head``): the CLI ends quietly
    except (OSError, ValueError) as exc:  # ValueError: the stream object was closed
        raise StdoutError(_reason(exc)) from None


def flush_stdout() -> None:
    """Flush what ``print``/``click.echo`` left in stdout's buffer, as a :class:`BarriersError`."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise StdoutError(_reason(exc)) from None


class StdoutError(BarriersError):
    """Standard output is closed, full or failing: the answer could not be given."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write to standard output: {reason}")


class OutputError(BarriersError):
    """A result could not be written (no such folder, no permission, disk full, ...)."""

    def __init__(self, path: Path, exc: OSError) -> None:
        super().__init__(f"{path}: cannot write: {_reason(exc)}")


class Interrupted(BaseException):  # a BaseException, as KeyboardInterrupt: nothing swallows it
    """SIGTERM or SIGHUP arrived: unwind (removing temp files) and exit ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc) or type(exc).__name__
    return str(exc) or type(exc).__name__


def _replace(path: Path, payload: bytes, mode: int | None, shown: Path) -> None:
    """Write a temp file beside ``path`` and rename it over ``path``."""
    tmp: str | None = None
    try:
        with _signals_held():  # a signal now would leave a temp file no one knows about
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, payload)
        os.chmod(tmp, _umask_mode() if mode is None else mode)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(shown, exc) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _write_all(handle: BinaryIO, payload: bytes) -> None:
    handle.write(payload)
    handle.flush()


def _stream(path: Path, payload: bytes) -> None:
    """Write into a character device or a FIFO, as ``cat > path`` would."""
    try:
        # non-blocking open: a FIFO that no process reads fails (ENXIO) instead of hanging
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise BarriersError(f"{path}: cannot write: no process reads this pipe") from None
        raise OutputError(path, exc) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, payload)
    except OSError as exc:
        raise OutputError(path, exc) from None


def _standard_stream(info: os.stat_result) -> int | None:
    """1 or 2 when ``info`` is the file behind stdout or stderr (``/dev/stdout``, ``/dev/fd/2``).

    Written through the stream itself: opening the path anew would truncate a file the
    shell opened for appending, and renaming over it would replace the link in /dev.
    """
    for number, stream in ((1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            continue
        try:
            if os.path.samestat(info, os.fstat(stream.fileno())):
                return number
        except (OSError, ValueError, AttributeError):
            continue
    return None


def _write_stderr(payload: bytes) -> None:
    stream = sys.stderr
    try:
        stream.flush()
        stream.buffer.write(payload)
        stream.buffer.flush()
    except (OSError, ValueError, AttributeError) as exc:
        raise BarriersError(f"cannot write to standard error: {_reason(exc)}") from None


def _umask_mode() -> int:
    """0o666 less the umask: the mode ``open()`` would give a new file."""
    mask = os.umask(0)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def _signals_held() -> Iterator[None]:
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not POSIX
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _is_input(path: Path, inputs: Collection[Path]) -> bool:
    try:
        return path.exists() and any(p.exists() and path.samefile(p) for p in inputs)
    except OSError:
        return False
