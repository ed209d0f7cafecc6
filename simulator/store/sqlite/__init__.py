"""The SQLite backend: one file, the embedded default for one person (stdlib `sqlite3`)."""

from simulator.store.sqlite.scoreboard import SqliteStore

__all__ = ["SqliteStore"]
