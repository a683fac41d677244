"""What every command shares: settings, the MODEL argument, --format, output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from barriers.catalog import resolve_ref
from barriers.formats import FORMATS
from barriers.load import LoadedModel, ModelLike, load_model, read_model
from barriers.output import protect, write_output

if TYPE_CHECKING:
    from barriers.model import Model

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Settings:
    models_dirs: tuple[str, ...] = ()
    use_cache: bool = True
    debug: bool = False


def settings() -> Settings:
    ctx = click.get_current_context()
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def model_path(ref: str) -> Path:
    """The file a MODEL argument names (bundled id, ``--models-dir`` id, or path)."""
    return resolve_ref(ref, [Path(d) for d in settings().models_dirs])


def load(ref: str) -> LoadedModel[Model]:
    """Load the model a MODEL argument names; errors become ``FILE:LINE:COL`` lines."""
    loaded = load_model(model_path(ref), use_cache=settings().use_cache)
    protect(*(path for _, path in loaded.lineage))
    return loaded


def load_to_read(ref: str) -> LoadedModel[ModelLike]:
    """Like :func:`load`, for commands that only read the model (the analyses).

    When the cache holds the model unchanged it comes back as a read-only view that needs
    neither YAML nor pydantic, so these commands start quickly; otherwise the model is
    loaded in full (and cached for the next time).
    """
    loaded = read_model(model_path(ref), use_cache=settings().use_cache)
    protect(*(path for _, path in loaded.lineage))
    return loaded


def model_argument(name: str = "model", **kwargs: Any) -> Callable[[F], F]:
    return click.argument(name, metavar=name.upper(), **kwargs)


def format_option(choices: tuple[str, ...] = FORMATS, default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format; JSON is a stable API (see README).",
    )


def output_option(default: str = "-") -> Callable[[F], F]:
    return click.option(
        "-o",
        "--output",
        default=default,
        show_default=True,
        help="Write to this file (atomically); '-' for stdout.",
    )


def emit(text: str, output: str = "-") -> None:
    """Print ``text`` or write it to ``output`` atomically."""
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_output(output, text)
