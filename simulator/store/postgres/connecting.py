"""Connections to the team's server: a small pool, retries, and errors that never show a password.

Passwords follow libpq's conventions (`~/.pgpass`, `$PGPASSFILE`, service files, `$PGPASSWORD`):
psycopg hands the URL to libpq, which reads them. Every message built here names the server by
its URL without the password (`simulator.store.redact`).

Retries: a deadlock (40P01) or a serialisation failure (40001) was rolled back, so the
transaction is simply run again. A connection lost mid-call may or may not have committed: the
call is run again on a fresh connection, and the writes are keyed by the attempt's uuid so a
second run changes nothing the first one did (see `Uncertain` in `store.py`). If the server stays
away longer than `outage_seconds`, ServerUnavailableError says so; the caller can try again.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool, PoolTimeout

from simulator.store.errors import ScoreboardError, ServerRefusedError, ServerUnavailableError
from simulator.store.postgres.schema import SCHEMA
from simulator.store.redact import redact_url, scrub

log = logging.getLogger(__name__)
# The pool logs each failed connection attempt in libpq's words; the store reports an outage once,
# in its own (with the URL's password hidden), so only the pool's errors are let through.
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)

T = TypeVar("T")

CONNECT_TIMEOUT_SECONDS = 5  # libpq's connect_timeout: a server that is away is said so quickly
# How long one call keeps retrying a lost server before it reports the outage. The app passes a
# short one (the trainee is told and carries on); batch clients can wait longer.
DEFAULT_OUTAGE_SECONDS = 8.0
ROLLBACK_RETRIES = 20  # deadlocks and serialisation failures, run again at once (jittered)
POOL_MAX = 4  # the app's workers and the command line need a few at most
POOL_WAIT_SECONDS = CONNECT_TIMEOUT_SECONDS + 1  # longest wait for a pooled connection


class Server:
    """A pool of connections to one server, with the retry rules above."""

    def __init__(self, url: str, *, outage_seconds: float = DEFAULT_OUTAGE_SECONDS) -> None:
        self.url = url
        self.where = redact_url(url)
        self.outage_seconds = outage_seconds
        self.on_outage: Callable[[str], None] | None = None  # told once per outage, in words
        self._pool = ConnectionPool(
            url,
            min_size=0,
            max_size=POOL_MAX,
            kwargs={"connect_timeout": CONNECT_TIMEOUT_SECONDS, "application_name": "recovery-sim"},
            configure=_configure,
            check=ConnectionPool.check_connection,
            timeout=POOL_WAIT_SECONDS,
            open=False,
            name="recovery-sim",
        )
        try:
            self._pool.open(wait=False)
        except psycopg.Error as error:
            raise self.translate(error) from None

    def close(self) -> None:
        self._pool.close()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """One connection from the pool, inside a transaction committed on leaving."""
        with self._pool.connection() as conn:
            yield conn

    def run(self, work: Callable[[psycopg.Connection, bool], T]) -> T:
        """`work(conn, retrying)` in one transaction, retried as the module docstring says.
        `retrying` is True when an earlier run of this call may have committed."""
        began = time.monotonic()  # the outage window counts from the call's start
        deadline: float | None = None
        retrying = False
        rollbacks = 0
        told = False
        while True:
            # Waiting for a connection is bounded by what is left of the outage window: a pool
            # whose server is away would otherwise wait its full timeout on every try.
            now = time.monotonic()
            wait = min(POOL_WAIT_SECONDS, max(self.outage_seconds, 0.1))
            if deadline is not None:
                wait = max(0.1, min(wait, deadline - now))
            try:
                with self._pool.connection(timeout=wait) as conn:
                    result = work(conn, retrying)
                if told:
                    log.warning("scoreboard server %s is answering again", self.where)
                return result
            except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure):
                rollbacks += 1
                if rollbacks > ROLLBACK_RETRIES:
                    raise
                time.sleep(random.uniform(0, 0.01 * rollbacks))
            except (psycopg.OperationalError, PoolTimeout) as error:
                if not _is_outage(error):
                    raise self.translate(error) from None
                retrying = True
                now = time.monotonic()
                if deadline is None:
                    deadline = began + self.outage_seconds
                if not told:
                    told = True
                    message = f"scoreboard server {self.where} is not answering; retrying"
                    log.warning("%s (%s)", message, self.scrubbed(error))
                    if self.on_outage is not None:
                        self.on_outage(message)
                if now >= deadline:
                    raise ServerUnavailableError(self.where, self.scrubbed(error)) from None
                time.sleep(min(0.5, max(0.0, deadline - now)))
            except psycopg.Error as error:
                raise self.translate(error) from None

    def scrubbed(self, error: BaseException) -> str:
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return scrub(text, self.url)

    def translate(self, error: BaseException) -> ScoreboardError:
        detail = self.scrubbed(error)
        if isinstance(error, (pg_errors.InsufficientPrivilege, pg_errors.InvalidPassword)):
            return ServerRefusedError(self.where, detail)
        if isinstance(
            error, pg_errors.InvalidCatalogName | pg_errors.InvalidAuthorizationSpecification
        ):
            return ServerRefusedError(self.where, detail)
        if isinstance(error, (psycopg.OperationalError, PoolTimeout)):
            if _is_refusal(detail):
                return ServerRefusedError(self.where, detail)
            return ServerUnavailableError(self.where, detail)
        if isinstance(error, psycopg.ProgrammingError) and "invalid" in detail.lower():
            return ServerRefusedError(self.where, detail)
        return ServerRefusedError(self.where, detail)


def _configure(conn: psycopg.Connection) -> None:
    """Every pooled connection finds the scoreboard's tables first, and reads times in UTC
    (as `datetime.timezone.utc`, like the SQLite backend's)."""
    conn.execute(f"SET search_path TO {SCHEMA}, public")
    conn.execute("SET TIME ZONE 'UTC'")
    conn.commit()


_REFUSALS = (
    "password authentication failed",
    "no password supplied",
    "does not exist",
    "permission denied",
    "role ",
    "no pg_hba.conf entry",
    "invalid",
)


def _is_refusal(detail: str) -> bool:
    lowered = detail.lower()
    return any(part in lowered for part in _REFUSALS)


def _is_outage(error: BaseException) -> bool:
    """A server that is away (down, restarting, unreachable), not one that said no."""
    if isinstance(error, PoolTimeout):
        return True
    if isinstance(
        error, pg_errors.AdminShutdown | pg_errors.CannotConnectNow | pg_errors.CrashShutdown
    ):
        return True
    return not _is_refusal(str(error))
