"""Throwaway PostgreSQL databases for the store's behaviour tests.

The server comes from $RECOVERY_SIM_TEST_PG, a URL of a server where the tests may create and
drop databases (`.ci/run` starts one). Each test's stores get databases of their own, named
`rs_test_<pid>_<name>`, emptied before each use and dropped when the run ends; the database in
the URL itself is only used to create them.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg

PG_ENV = "RECOVERY_SIM_TEST_PG"
SKIP_REASON = (
    f"PostgreSQL tests need ${PG_ENV}=postgresql://USER@HOST:PORT/DB, a server where the tests "
    "may create databases (.ci/run starts one)"
)


def configured_url() -> str | None:
    return os.environ.get(PG_ENV, "").strip() or None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


class PgTestServer:
    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = f"rs_test_{os.getpid()}_"
        self._made: set[str] = set()
        with psycopg.connect(url, autocommit=True, connect_timeout=5):
            pass  # fail early, and clearly, if the server is not there

    def database(self, name: str) -> str:
        """The URL of an empty database for `name` (created the first time, emptied after)."""
        database = self.prefix + name.replace("-", "_")
        url = with_database(self.url, database)
        if database in self._made:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("DROP SCHEMA IF EXISTS recovery_sim CASCADE")
        else:
            with psycopg.connect(self.url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
                conn.execute(f'CREATE DATABASE "{database}"')
            self._made.add(database)
        return url

    def drop_all(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            for database in sorted(self._made):
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self._made.clear()
