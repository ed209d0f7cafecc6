"""One factory for every scoreboard: the app, the command line and the tests open it here."""

from __future__ import annotations

import os

from simulator.store.errors import ScoreboardError
from simulator.store.location import ENV_SQLITE_SYNCHRONOUS, resolve_target
from simulator.store.protocol import Store
from simulator.store.sqlite.connection import (
    DEFAULT_SYNCHRONOUS,
    SYNCHRONOUS_LEVELS,
    UpgradeNotice,
)


def open_store(
    target: str | os.PathLike[str] | None = None,
    *,
    on_upgrade: UpgradeNotice | None = None,
    outage_seconds: float | None = None,
) -> Store:
    """The scoreboard at `target` (`--db`), `$RECOVERY_SIM_DB`, `$DATABASE_URL` or the default
    file. A PostgreSQL URL opens the server (psycopg is imported only then); anything else is an
    SQLite file. `outage_seconds`: how long a call to a server that went away keeps retrying
    before it says so (the app keeps it short). Raises a `ScoreboardError` for the user."""
    resolved = resolve_target(target)
    if isinstance(resolved, str):
        from simulator.store.postgres import PostgresStore
        from simulator.store.postgres.connecting import DEFAULT_OUTAGE_SECONDS

        wait = DEFAULT_OUTAGE_SECONDS if outage_seconds is None else outage_seconds
        return PostgresStore.open(resolved, on_upgrade=on_upgrade, outage_seconds=wait)
    from simulator.store.sqlite import SqliteStore

    return SqliteStore.open(resolved, on_upgrade=on_upgrade, synchronous=_synchronous())


def _synchronous() -> str:
    level = os.environ.get(ENV_SQLITE_SYNCHRONOUS, "").strip().upper() or DEFAULT_SYNCHRONOUS
    if level not in SYNCHRONOUS_LEVELS:
        raise ScoreboardError(
            f"${ENV_SQLITE_SYNCHRONOUS} must be {' or '.join(SYNCHRONOUS_LEVELS)}, not {level!r}"
        )
    return level
