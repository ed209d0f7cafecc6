"""A saved copy of the loaded library, so the app opens without parsing unchanged YAML again.

Parsing and checking the bundled library takes about a tenth of a second of the app's start-up,
spent on every launch on files that rarely change. The copy is used only when every scenario
file has the same path, size and CRC-32 of its bytes as when it was saved, and the code that
reads them is unchanged; a new, edited or removed file, or a damaged copy, means the files are
read again and the copy rewritten. Only the app uses it: `validate`, `list` and the other
commands always read the files themselves.

The copy is JSON decoded into the library's own typed dataclasses (msgspec), so a planted or
damaged file can at worst fail to decode, never run code: a shared or misconfigured cache folder
is not trusted. Any problem with it is ignored: it is a convenience, never the record.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

import msgspec

from simulator.scenario.library import Library, find_files, load_files, with_missing

ENV_CACHE_DIR = "RECOVERY_SIM_CACHE_DIR"
CACHE_FILE = "library.json"
# Bump when what is saved changes shape in a way the code stamp below would not notice.
CACHE_FORMAT = 1
_CODE_DIR = Path(__file__).resolve().parent  # the scenario package: model, loader, problems

Key = tuple[object, ...]


def default_cache_dir() -> Path:
    override = os.environ.get(ENV_CACHE_DIR, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("recovery-sim", appauthor=False))


def load_library_cached(
    extra_dirs: Sequence[str | Path] = (), *, bundled: bool = True, cache_dir: Path
) -> Library:
    """The same library `load_library` returns, from the saved copy when nothing changed."""
    paths, missing = find_files(extra_dirs, bundled=bundled)
    key = _key(paths)
    cache = cache_dir / CACHE_FILE
    library = None if key is None else _read(cache, key)
    if library is None:
        library = load_files(paths)
        if key is not None:
            _write(cache, key, library)
    return with_missing(library, missing)


def _key(paths: Sequence[Path]) -> Key | None:
    """What the saved copy must match; None when a file cannot be read (the loader says why)."""
    try:
        files = tuple((str(p), *_fingerprint(p)) for p in paths)
        code = tuple(
            (p.name, stat.st_size, stat.st_mtime_ns)
            for p in sorted(_CODE_DIR.glob("*.py"))
            for stat in (p.stat(),)
        )
    except OSError:
        return None
    return (CACHE_FORMAT, sys.version, code, files)


def _fingerprint(path: Path) -> tuple[int, int]:
    """Size and CRC-32; a file over the loader's limit is not read (the loader refuses it by
    its size alone, so a 1 GiB file never costs a read here either)."""
    from simulator.scenario.loader import MAX_FILE_BYTES

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return size, -1
    data = path.read_bytes()
    return len(data), zlib.crc32(data)


class _Saved(msgspec.Struct):
    """The file's envelope: the key is compared as bytes before the library is decoded."""

    key: msgspec.Raw
    library: msgspec.Raw


def _encode_path(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    raise NotImplementedError(f"cannot save {type(value).__name__} in the library copy")


def _decode_path(kind: type, value: object) -> object:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(f"no {kind} in the library copy")


def _read(cache: Path, key: Key) -> Library | None:
    try:
        saved = msgspec.json.decode(cache.read_bytes(), type=_Saved)
        if bytes(saved.key) != msgspec.json.encode(key):
            return None
        return msgspec.json.decode(saved.library, type=Library, dec_hook=_decode_path)
    except Exception:  # noqa: BLE001 - missing, damaged or from another version: read the files
        return None


def _write(cache: Path, key: Key, library: Library) -> None:
    """Write beside the old copy and swap it in, so a reader never sees half a file."""
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        saved = {"key": key, "library": library}
        partial.write_bytes(msgspec.json.encode(saved, enc_hook=_encode_path))
        os.replace(partial, cache)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is simply not used
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
