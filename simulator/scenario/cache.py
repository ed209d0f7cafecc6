"""A saved copy of the loaded library, so the app opens without parsing unchanged YAML again.

Parsing and checking the bundled library takes about a tenth of a second of the app's start-up,
spent on every launch on files that rarely change. The copy is used only when every scenario
file has the same path, size and CRC-32 of its bytes as when it was saved, and the code that
reads them is unchanged; a new, edited or removed file, or a damaged copy, means the files are
read again and the copy rewritten. Only the app uses it: `validate`, `list` and the other
commands always read the files themselves.

The copy is a pickle in the user's own cache folder, trusted like the rest of that folder.
Any problem with it is ignored: it is a convenience, never the record.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

from simulator.scenario.library import Library, find_files, load_files, with_missing

ENV_CACHE_DIR = "RECOVERY_SIM_CACHE_DIR"
CACHE_FILE = "library.pickle"
# Bump when what is pickled changes shape in a way the code stamp below would not notice.
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
        files = tuple((str(p), *_fingerprint(p.read_bytes())) for p in paths)
        code = tuple(
            (p.name, stat.st_size, stat.st_mtime_ns)
            for p in sorted(_CODE_DIR.glob("*.py"))
            for stat in (p.stat(),)
        )
    except OSError:
        return None
    return (CACHE_FORMAT, sys.version, code, files)


def _fingerprint(data: bytes) -> tuple[int, int]:
    return len(data), zlib.crc32(data)


def _read(cache: Path, key: Key) -> Library | None:
    try:
        saved_key, library = pickle.loads(cache.read_bytes())
    except Exception:  # noqa: BLE001 - missing, damaged or from another version: read the files
        return None
    return library if saved_key == key and isinstance(library, Library) else None


def _write(cache: Path, key: Key, library: Library) -> None:
    """Write beside the old copy and swap it in, so a reader never sees half a file."""
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps((key, library), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, cache)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is simply not used
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
