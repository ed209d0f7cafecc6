"""Fixtures shared by the store's tests: one behaviour suite, run against both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_backends import SKIP_REASON, PgTestServer, configured_url, in_ci

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgTestServer]:
    """The configured test server: skipped with a reason when none is set up, except in CI
    (CI=true), where a missing server fails the run instead."""
    url = configured_url()
    if url is None:
        if in_ci():
            pytest.fail(f"CI=true, so PostgreSQL tests must run: {SKIP_REASON}", pytrace=False)
        pytest.skip(SKIP_REASON)
    server = PgTestServer(url)
    yield server
    server.drop_all()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], str]:
    """`new_store(name)`: where to open a fresh, empty store of this test's backend (a file
    path or a server URL); the same name gives the same store within a test."""
    if backend == "sqlite":
        return lambda name="board": str(tmp_path / f"{name}.db")
    server: PgTestServer = request.getfixturevalue("pg_server")
    made: dict[str, str] = {}

    def make(name: str = "board") -> str:
        if name not in made:
            made[name] = server.database(name)
        return made[name]

    return make
