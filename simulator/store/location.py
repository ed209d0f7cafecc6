"""Where the scoreboard lives: `--db PATH`, else `$RECOVERY_SIM_DB`, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DB = "RECOVERY_SIM_DB"
APP_DIR_NAME = "recovery-sim"
DEFAULT_FILE_NAME = "scoreboard.sqlite3"


def default_db_path() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / DEFAULT_FILE_NAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The file to use: the explicit value, then the environment, then the per-user default."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_DB, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
