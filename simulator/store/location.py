"""Where the scoreboard lives: `--db`, else `$RECOVERY_SIM_DB`, else `$DATABASE_URL`, else the
user data folder. A `postgresql://` (or `postgres://`) URL means a PostgreSQL server; anything
else is an SQLite file path."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DB = "RECOVERY_SIM_DB"
ENV_DATABASE_URL = "DATABASE_URL"
# NORMAL (default) or FULL: SQLite's synchronous setting for a file scoreboard (SCOREBOARD.md).
ENV_SQLITE_SYNCHRONOUS = "RECOVERY_SIM_SQLITE_SYNCHRONOUS"
APP_DIR_NAME = "recovery-sim"
DEFAULT_FILE_NAME = "scoreboard.sqlite3"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def default_db_path() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / DEFAULT_FILE_NAME


def is_postgres_url(target: str) -> bool:
    return target.strip().lower().startswith(POSTGRES_SCHEMES)


def resolve_target(explicit: str | os.PathLike[str] | None = None) -> str | Path:
    """The store to use: a PostgreSQL URL (text) or an SQLite file (Path)."""
    for value in (explicit, os.environ.get(ENV_DB)):
        text = os.fspath(value).strip() if value is not None else ""
        if text:
            return text if is_postgres_url(text) else Path(text).expanduser()
    # DATABASE_URL is shared with other programs: only a PostgreSQL URL in it is ours to open.
    from_url = os.environ.get(ENV_DATABASE_URL, "").strip()
    if is_postgres_url(from_url):
        return from_url
    return default_db_path()


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The SQLite file to use (for callers that only deal in files)."""
    target = resolve_target(explicit)
    if isinstance(target, Path):
        return target
    raise ValueError("the scoreboard is a PostgreSQL server, not a file")
