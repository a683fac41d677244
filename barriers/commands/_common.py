"""What every command shares: settings, the MODEL argument, --format, output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from barriers.catalog import resolve_ref
from barriers.formats import FORMATS
from barriers.load import LoadedModel, ModelLike, load_model, read_model
from barriers.output import write_output

if TYPE_CHECKING:
    from barriers.model import Model

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Settings:
    models_dirs: tuple[str, ...] = ()
    use_cache: bool = True
    debug: bool = False
    # The files this run reads (models and the files they extend): outputs never replace them.
    inputs: set[Path] = field(default_factory=set)


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


def protect(*paths: Path) -> None:
    """Refuse, for the rest of this run, to write over these files (the command's inputs)."""
    settings().inputs.update(Path(p) for p in paths)


def write(target: str | Path, data: str | bytes) -> None:
    """:func:`barriers.output.write_output`, refusing to write over this run's inputs."""
    write_output(target, data, protected=frozenset(settings().inputs))


def load_to_read(ref: str, *, local: bool = False) -> LoadedModel[ModelLike]:
    """Like :func:`load`, for commands that only read the model (the analyses).

    When the cache holds the model unchanged it comes back as a read-only view that needs
    neither YAML nor pydantic, so these commands start quickly; otherwise the model is
    loaded in full (and cached for the next time). With ``local`` the model is the local
    view of a profile (:func:`barriers.analysis.local.local_view`): only the barriers in place here.
    """
    loaded = read_model(model_path(ref), use_cache=settings().use_cache)
    protect(*(path for _, path in loaded.lineage))
    if local:
        # here, not at the top: barriers.analysis.local imports the analyses (networkx), which the
        # commands that are not analyses do without
        from barriers.analysis.local import local_view

        return replace(loaded, model=local_view(loaded.model))
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
        help="Output format; JSON is a stable API (docs/reference/json-api.md).",
    )


def lang_option(help: str) -> Callable[[F], F]:
    """``--lang nl|en`` (default nl): the language of an output's own words."""
    return click.option(
        "--lang",
        type=click.Choice(["nl", "en"]),
        default="nl",
        show_default=True,
        help=help,
    )


def local_option() -> Callable[[F], F]:
    """``--local``: answer for the place a local profile describes, not the whole model."""
    return click.option(
        "--local",
        "local",
        is_flag=True,
        help="Analyse only the barriers in place or partial in the profile's place "
        "(absent partners left out); the model needs a `local` block.",
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
    """Print ``text`` or write it to ``output`` atomically (a closed or full stdout is an error)."""
    write(output, text)
