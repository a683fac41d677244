"""A cache of resolved models, one entry per model file, in the user's cache folder.

Parsing YAML is the slow part of every command, so :func:`barriers.load.load_model` keeps
the resolved model here and :func:`barriers.load.read_model` reads it back without YAML.

What the cache guarantees. An entry is used only when all of these hold, and is otherwise a
miss (the model is loaded from its files again, and the entry rewritten):

- it is a regular file, opened without following a symbolic link, of at most
  :data:`MAX_ENTRY_BYTES` (a pipe, a device, a link or an oversized file is never read);
- its HMAC-SHA256 under the user's cache key matches: the key is 32 random bytes kept apart
  from the cache (``platformdirs``' user data folder, file 0600 in a 0700 folder,
  ``BARRIERS_CACHE_KEY`` moves it), so an entry written by anyone who cannot read the key (an
  edit with a recomputed checksum, an entry copied from another user) is refused. A key that
  others could read or that another user owns is not used (no caching then);
- it was written by this version of the tool, in this entry format;
- the SHA-256 of the bytes of the model file and of every file it extends equals that of the
  bytes that were parsed when the entry was written, and every ``extends`` still finds the
  same file;
- its contents have the shape of a resolved model (the read-only view checks ids, names and
  references; the full load validates it with pydantic).

What it does not guarantee: protection against the key's owner (the user, and root), who can
write any entry. A model file saved while it is being loaded gives an entry for the bytes that
were read, which the next run sees as changed. The folder is 0700 and entries 0600, whatever
the umask. ``BARRIERS_CACHE_DIR`` moves the cache; ``BARRIERS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import secrets
import stat
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from barriers._version import __version__
from barriers.load.loaded import LoadedModel
from barriers.problems import Problem, display_path
from barriers.protocols import ModelLike

if TYPE_CHECKING:
    from barriers.model import Model
    from barriers.variants import ModelFinder

FORMAT = 2
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024  # as the loader's limit: a larger file is no model
KEY_BYTES = 32
_PROBLEM_FIELDS = {f.name for f in fields(Problem)}

M = TypeVar("M", bound=ModelLike)


def cache_dir() -> Path:
    env = os.environ.get("BARRIERS_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs  # only when no folder is given: a few milliseconds of start-up

    return Path(platformdirs.user_cache_dir("barriers", appauthor=False))


def key_path() -> Path:
    """The file of the user's cache key (never inside the cache folder)."""
    env = os.environ.get("BARRIERS_CACHE_KEY")
    if env:
        return Path(env)
    import platformdirs  # as in cache_dir: only when no file is given

    return Path(platformdirs.user_data_dir("barriers", appauthor=False)) / "cache-key"


def enabled() -> bool:
    return os.environ.get("BARRIERS_NO_CACHE", "") in ("", "0")


@dataclass(frozen=True)
class Entry:
    """A cache entry that passed every check: the model's JSON and where it came from."""

    model: bytes  # as written by ``Model.model_dump_json()``
    lineage: list[tuple[str, Path]]
    warnings: list[Problem]

    def loaded(self, path: Path, model: M) -> LoadedModel[M]:
        return LoadedModel(model, path, self.lineage, self.warnings)


def lookup(path: Path, finder: ModelFinder) -> Entry | None:
    """The entry of the model file at ``path`` if every check above holds, else None."""
    if not enabled():
        return None
    try:
        key = _key(create=False)
        if key is None:
            return None
        raw = _read_regular(_entry_path(path), MAX_ENTRY_BYTES, follow=False)
        if raw is None:
            return None
        mac, _, body = raw[0].partition(b"\n")
        if not hmac.compare_digest(mac, _mac(key, body)):
            return None
        head, _, model = body.partition(b"\n")
        header = json.loads(head)
        return _checked(path, header, model, finder)
    except (OSError, RuntimeError, ValueError, RecursionError):  # RuntimeError: a link loop
        return None


def store(path: Path, loaded: LoadedModel[Model], files: list[tuple[Path, str]]) -> None:
    """Write the entry of a freshly loaded model; ``files``: (resolved path, SHA-256 parsed)."""
    if not enabled():
        return
    try:
        key = _key(create=True)
        if key is None:
            return
        header = {
            "format": FORMAT,
            "version": __version__,
            "files": [[str(file), digest] for file, digest in files],
            "lineage": [[i, str(p.resolve())] for i, p in loaded.lineage],
            # absolute paths: the next run may start in another folder
            "warnings": [
                {**w.__dict__, "file": str(Path(w.file).resolve())} for w in loaded.warnings
            ],
        }
        body = json.dumps(header).encode() + b"\n" + loaded.model.model_dump_json().encode()
        _write_private(_entry_path(path), _mac(key, body) + b"\n" + body)
    except (OSError, RuntimeError):
        pass  # a cache that cannot be written is only slower


# -- checks ---------------------------------------------------------------------------------------


def _checked(path: Path, header: Any, model: bytes, finder: ModelFinder) -> Entry | None:
    if not isinstance(header, dict):
        return None
    if header.get("version") != __version__ or header.get("format") != FORMAT:
        return None
    files, lineage = header.get("files"), header.get("lineage")
    if not (_pairs(files) and _pairs(lineage) and files and lineage):
        return None
    if files[0][0] != str(path.resolve()):
        return None
    for file, digest in files:
        read = _read_regular(Path(file), MAX_MODEL_FILE_BYTES, follow=True)
        if read is None or hashlib.sha256(read[0]).hexdigest() != digest:
            return None
    if not _same_resolution(lineage, finder):
        return None
    warnings = header.get("warnings")
    if not isinstance(warnings, list) or not all(_is_problem(w) for w in warnings):
        return None
    return Entry(
        model=model,
        lineage=[(i, Path(p)) for i, p in lineage],
        warnings=[Problem(**{**w, "file": display_path(Path(w["file"]))}) for w in warnings],
    )


def _pairs(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(s, str) for s in v) for v in value
    )


def _is_problem(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and value.keys() == _PROBLEM_FIELDS
        and all(isinstance(value[k], str) for k in ("file", "message", "severity"))
        and all(type(value[k]) is int for k in ("line", "column"))
    )


def _same_resolution(lineage: list[list[str]], finder: ModelFinder) -> bool:
    """Whether each ``extends`` still finds the same file (a new file with the base's id may
    have appeared beside the variant since the entry was written)."""
    for (_, previous), (base_id, base_path) in itertools.pairwise(lineage):
        found = finder.find_base(base_id, Path(previous).parent)
        if found is None or found.resolve() != Path(base_path).resolve():
            return False
    return True


# -- files ----------------------------------------------------------------------------------------


def _entry_path(path: Path) -> Path:
    key = hashlib.sha256(f"{FORMAT}:{path.resolve()}".encode()).hexdigest()
    return cache_dir() / f"{key[:32]}.entry"


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode()


def _read_regular(path: Path, limit: int, *, follow: bool) -> tuple[bytes, os.stat_result] | None:
    """The bytes of a regular file of at most ``limit`` bytes, and its status; else None.

    Opened non-blocking, so that a pipe never hangs, and checked on the open descriptor, so
    that what is checked is what is read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return (b"".join(chunks), info) if size <= limit else None
    finally:
        os.close(fd)


def _key(*, create: bool) -> bytes | None:
    """The user's cache key; with ``create``, made on first use. None: no usable key."""
    path = key_path()
    read = _read_regular(path, KEY_BYTES, follow=False)
    if read is not None:
        key, info = read
        private = info.st_uid == os.geteuid() and not info.st_mode & 0o077
        return key if private and len(key) == KEY_BYTES else None
    if not create or path.is_symlink():
        return None
    _private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    _write_new(temporary, secrets.token_bytes(KEY_BYTES))
    try:
        os.link(temporary, path)  # all or nothing, and the first of two racing writers wins
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return _key(create=False)


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (0700) if it is missing; make a folder of ours 0700 if it is not."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) != 0o700:
        folder.chmod(0o700)


def _write_private(target: Path, data: bytes) -> None:
    """Write ``target`` (0600) through a temporary file and a rename: never half an entry."""
    _private_folder(target.parent)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        _write_new(temporary, data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_new(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
