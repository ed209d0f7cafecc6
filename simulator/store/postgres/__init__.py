"""The PostgreSQL backend: a team's shared scoreboard on one server (psycopg 3 + psycopg_pool).

Imported only when a `postgresql://` URL is used, so the app does not pay for the driver.
"""

from simulator.store.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
