"""The command line: parses options, calls the library, turns domain errors into one-line errors.

Commands live in ``barriers/commands/`` and are imported only when used, so that analysis
commands start quickly (no pyvis, IPython or openpyxl unless a command needs them).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable
from typing import Any

import click

from barriers import __version__
from barriers.problems import BarriersError

# name -> (module, attribute); the order here is the order of `barriers --help`.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("barriers.commands.core", "list_models"),
    "validate": ("barriers.commands.core", "validate"),
    "show": ("barriers.commands.core", "show"),
    "schema": ("barriers.commands.core", "schema"),
    "new": ("barriers.commands.core", "new"),
    "partners": ("barriers.commands.analysis", "partners"),
    "gaps": ("barriers.commands.analysis", "gaps"),
    "whatif": ("barriers.commands.analysis", "whatif"),
    "cover": ("barriers.commands.analysis", "cover"),
    "routes": ("barriers.commands.analysis", "routes"),
    "centrality": ("barriers.commands.analysis", "centrality"),
    "resilience": ("barriers.commands.analysis", "resilience"),
    "diff": ("barriers.commands.analysis", "diff"),
    "mechanisms": ("barriers.commands.analysis", "mechanisms"),
    "local": ("barriers.commands.local", "local"),
    "plan": ("barriers.commands.local", "plan"),
    "checklist": ("barriers.commands.checklist", "checklist"),
    "map": ("barriers.commands.map", "map_command"),
    "export": ("barriers.commands.export", "export"),
    "import": ("barriers.commands.export", "import_command"),
    "report": ("barriers.commands.report", "report"),
    "site": ("barriers.commands.report", "site"),
}
EXIT_BUG = 70
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module_name, attribute = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    @staticmethod
    def _available(name: str) -> bool:
        module_name, attribute = COMMANDS[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return False
            raise
        return hasattr(module, attribute)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="barriers")
@click.option(
    "--models-dir",
    "models_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="A folder of model files whose ids MODEL arguments may name (repeatable).",
)
@click.option("--no-cache", is_flag=True, help="Parse model files afresh, ignoring the cache.")
@click.option("--debug", is_flag=True, help="Show the Python traceback of an unexpected error.")
@click.pass_context
def cli(ctx: click.Context, models_dirs: tuple[str, ...], no_cache: bool, debug: bool) -> None:
    """Explore barrier models (barrièremodellen): validate, analyse, map and export them.

    MODEL arguments take a bundled model id (see `barriers list`) or a path to a YAML file.

    \b
    Example:
      barriers map loverboys-general --open
      barriers gaps loverboys-lvb --format json
    """
    from barriers.commands._common import Settings

    ctx.obj = Settings(models_dirs=tuple(models_dirs), use_cache=not no_cache, debug=debug)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; map domain errors to exit 1 and crashes to a labelled bug.

    SIGTERM and SIGHUP unwind like Ctrl-C (so no temp file is left) and exit 128 + the
    signal's number; Ctrl-C exits 130.
    """
    from barriers.output import Interrupted, flush_stdout

    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    _fill_closed_descriptors()
    restore = _unwind_on_signals()
    try:
        code = cli.main(args=argv, prog_name="barriers", standalone_mode=False)
        flush_stdout()  # a full or failing stdout is an error, not a message at exit
    except BarriersError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort as exc:
        if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt):
            sys.exit(EXIT_INTERRUPTED)  # click turns Ctrl-C into Abort; the shell's code is 130
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Interrupted as exc:
        sys.exit(128 + exc.signum)
    except BrokenPipeError:
        _silence_stdout()  # the reader left (``| head``): no second error when Python exits
        sys.exit(0)
    except Exception as exc:
        if debug:
            raise
        _report_bug(exc)
        sys.exit(EXIT_BUG)
    finally:
        restore()
    sys.exit(code if isinstance(code, int) else 0)


def _unwind_on_signals() -> Callable[[], None]:
    """Make SIGTERM and SIGHUP raise :class:`~barriers.output.Interrupted`; undo with the result."""
    import signal
    import threading

    from barriers.output import Interrupted

    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # handlers can only be set from the main thread

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {}
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) == signal.SIG_IGN:
            continue  # e.g. under nohup: the user asked to keep running
        previous[number] = signal.signal(number, interrupt)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


def _fill_closed_descriptors() -> None:
    """Put /dev/null on a closed stdin, stdout or stderr (``barriers ... >&-``).

    Otherwise the next file opened takes the closed number, and whatever is written to "stdout"
    (by a program run from here, too) lands in that file. Python has already set
    ``sys.stdout`` to None for a closed stdout, so writing an answer there still fails loudly.
    """
    import os

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:  # a lower descriptor was closed too and has taken this one
                os.dup2(opened, fd)


def _silence_stdout() -> None:
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _report_bug(exc: Exception) -> None:
    name = type(exc).__name__
    click.echo(
        f"barriers: internal error ({name}: {exc}). This is a bug in barriers, not in your "
        "model. Run the same command with --debug for the traceback and please report it.",
        err=True,
    )


def run(*args: Any) -> None:  # pragma: no cover - convenience for `python -c`
    main([str(a) for a in args])
