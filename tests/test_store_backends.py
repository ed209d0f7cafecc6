"""The two backends side by side: same data, same rows; files moved between them; and what only
a server does (migrating once under a lock, retries, outages, passwords kept out of messages)."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import timedelta

import psycopg
import pytest
from psycopg import errors as pg_errors
from store_support import T0, make_turn, play

from simulator.store import Filters, Reference, ScoreboardError, open_store
from simulator.store.errors import ServerUnavailableError
from simulator.store.postgres import PostgresStore
from simulator.store.postgres.connecting import Server
from simulator.store.postgres.schema import CURRENT_VERSION

DATED = Filters(since=T0 - timedelta(days=1), until=T0 + timedelta(days=3))


def fill(board) -> None:
    """Ties, both modes, two scorer and scenario versions, every outcome, one unfinished."""
    specs = [
        ("Ann", "Red", "gym", 70, "resolved", "practice", 0, "1.0", "hash-a"),
        ("Ann", "Red", "gym", 90, "abandoned", "practice", 10, "1.0", "hash-a"),
        ("Ann", "Red", "parcel", 70, "unresolved", "assessment", 20, "1.1", "hash-a"),
        ("Bob", "Blue", "gym", 70, "walked_out", "practice", 30, "1.0", "hash-b"),
        ("Bob", "Blue", "gym", 85, "resolved", "assessment", 40, "1.0", "hash-a"),
        ("Cy", "Blue", "parcel", 55, "resolved", "practice", 50, "1.1", "hash-a"),
        ("Zoe", "red", "gym", 85, "resolved", "practice", 60, "1.0", "hash-a"),
        ("émile", "Red", "b2b", 30, "walked_out", "practice", 70, "1.0", "hash-a"),
    ]
    for name, team, scenario, overall, outcome, mode, minute, version, digest in specs:
        play(
            board,
            name,
            team,
            scenario,
            overall,
            outcome=outcome,
            mode=mode,
            minute=minute,
            scorer_version=version,
            scenario_hash=digest,
        )
    play(board, "Di", "Red", "gym", 0, finish=False, minute=80)


def every_view(board) -> list[object]:
    reference = Reference(scorer_version="1.0", scenario_hashes={"gym": "hash-a"})
    views: list[object] = []
    for filters in (
        Filters(),
        DATED,
        Filters(scenario="gym"),
        Filters(mode="assessment"),
        Filters(team="Blue"),
        Filters(without_abandoned=True),
        Filters(since=DATED.since, without_abandoned=True),
    ):
        for ref in (None, reference):
            views.append(board.leaderboard(filters, ref))
            views.append(board.compare("team", filters, ref))
            views.append(board.compare("scenario", filters, ref))
            views.append(board.progress("Ann", None, filters, ref))
        views.append(board.leaderboard(filters, limit=2))
    views += [board.teams(), board.scenarios(), board.trainees(), board.reference()]
    views.append([(a.id, a.outcome, a.overall, a.trainee) for a in board.attempts()])
    return views


def test_the_same_attempts_give_the_same_rows_on_both_backends(tmp_path, pg_server):
    with open_store(tmp_path / "board.db") as lite, open_store(pg_server.database("same")) as pg:
        fill(lite)
        fill(pg)
        lite_views, pg_views = every_view(lite), every_view(pg)
    # Attempt ids are new on each side: compare everything else.
    assert _without_ids(lite_views) == _without_ids(pg_views)


def _without_ids(views: list[object]) -> str:
    import re

    return re.sub(r"'[0-9a-f]{8}-[0-9a-f-]{27}'", "ID", repr(views))


@pytest.mark.parametrize("direction", ["sqlite-to-postgres", "postgres-to-sqlite"])
def test_an_export_moves_a_site_between_backends(direction, tmp_path, pg_server):
    lite_target, pg_target = tmp_path / "site.db", pg_server.database("site")
    source, target = (lite_target, pg_target)
    if direction == "postgres-to-sqlite":
        source, target = pg_target, lite_target
    export = tmp_path / "site-a.json"
    with open_store(source) as board:
        fill(board)
        board.export_to(export)
        expected = every_view(board)
        turns = {a.id: board.attempt(a.id) for a in board.attempts()}
    with open_store(target) as other:
        first = other.import_files([export])
        again = other.import_files([export])
        assert (first.added, first.already_present) == (9, 0)
        assert (again.added, again.already_present) == (0, 9)
        assert every_view(other) == expected
        assert {a.id: other.attempt(a.id) for a in other.attempts()} == turns


def test_clients_starting_at_once_set_the_server_up_once(pg_server):
    url = pg_server.database("together")
    barrier = threading.Barrier(6)
    failures: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait(timeout=30)
            with open_store(url) as board:
                board.start_attempt("Ann", "Red", "gym", "h", "1.0")
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with psycopg.connect(url) as conn:
        versions = conn.execute("SELECT version FROM recovery_sim.schema_migrations").fetchall()
        attempts = conn.execute("SELECT count(*) FROM recovery_sim.attempts").fetchone()
    assert versions == [(version,) for version in range(1, CURRENT_VERSION + 1)]
    assert attempts == (6,)


def test_a_scoreboard_from_a_newer_version_is_refused_untouched(pg_server):
    url = pg_server.database("newer")
    open_store(url).close()
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO recovery_sim.schema_migrations (version) VALUES (99)")
    with pytest.raises(ScoreboardError, match="newer recovery-sim .schema 99") as caught:
        open_store(url)
    assert "Upgrade recovery-sim" in str(caught.value)


def test_a_password_in_the_url_never_reaches_a_message(pg_server):
    url = "postgresql://trainer:s3cret-pw@127.0.0.1:1/nowhere?sslpassword=k3y"
    with pytest.raises(ServerUnavailableError) as caught:
        PostgresStore.open(url, outage_seconds=0.3)
    message = str(caught.value)
    assert "s3cret-pw" not in message and "k3y" not in message
    assert "postgresql://trainer:***@127.0.0.1:1/nowhere" in message
    assert "is not answering" in message


def test_a_lost_acknowledgement_is_retried_without_storing_twice(pg_server, monkeypatch):
    """The commit reaches the server but its answer is lost: the retry finds its own work."""
    board = open_store(pg_server.database("ack"))
    assert isinstance(board, PostgresStore)
    attempt_id = board.start_attempt("Ann", "Red", "gym", "h", "1.0")
    pool = board.server._pool
    real = pool.connection
    lost = {"turn": 1, "finish": 1}
    current: list[str] = []

    @contextmanager
    def flaky(*args, **kwargs):
        with real(*args, **kwargs) as conn:
            yield conn
            conn.commit()
        if current and lost[current[0]]:
            lost[current[0]] -= 1
            raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(pool, "connection", flaky)
    current[:] = ["turn"]
    board.record_turn(attempt_id, make_turn(0, 60))
    current[:] = ["finish"]
    board.finish_attempt(attempt_id, "resolved", 60, dict.fromkeys(_DIMS, 60))
    assert lost == {"turn": 0, "finish": 0}  # both calls did lose their first answer
    monkeypatch.undo()
    assert len(board.attempt(attempt_id).turns) == 1
    (row,) = board.leaderboard()
    assert (row.attempts, row.best_overall) == (1, 60)
    (team,) = board.team_comparison()
    assert team.attempts == 1
    board.close()


_DIMS = ("listening", "empathy", "apology", "ownership", "no_excuses", "resolution")


def test_a_store_carries_on_after_its_connections_are_cut(pg_server):
    url = pg_server.database("cut")
    with open_store(url) as board:
        play(board, "Ann", "Red", "gym", 60)
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        play(board, "Bob", "Red", "gym", 70, minute=1)
        assert [row.trainee for row in board.leaderboard()] == ["Bob", "Ann"]


def test_deadlocks_and_serialisation_failures_are_run_again(pg_server):
    server = Server(pg_server.database("again"))
    calls: list[bool] = []

    def work(conn, retrying):
        calls.append(retrying)
        if len(calls) == 1:
            raise pg_errors.DeadlockDetected("deadlock detected")
        if len(calls) == 2:
            raise pg_errors.SerializationFailure("could not serialize access")
        return conn.execute("SELECT 42").fetchone()[0]

    try:
        assert server.run(work) == 42
    finally:
        server.close()
    assert calls == [False, False, False]  # rolled back for sure: not an uncertain retry


READ_ONLY_ROLE = """
CREATE ROLE scoreboard_reader LOGIN;
GRANT CONNECT ON DATABASE {database} TO scoreboard_reader;
GRANT USAGE ON SCHEMA recovery_sim TO scoreboard_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA recovery_sim TO scoreboard_reader;
"""


def test_a_read_only_role_reads_the_views_and_cannot_write(pg_server):
    """The role and views docs/SCOREBOARD.md gives team leads who use SQL."""
    url = pg_server.database("leads")
    with open_store(url) as board:
        fill(board)
        expected_board = board.leaderboard()
        expected_teams = board.team_comparison()
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS scoreboard_reader")
        admin.execute(READ_ONLY_ROLE.format(database=database))
    reader_url = url.replace("postgresql://postgres@", "postgresql://scoreboard_reader@")
    try:
        with psycopg.connect(reader_url) as conn:
            rows = conn.execute(
                "SELECT rank, trainee, team, attempts, best_overall, attempt_id::text"
                " FROM recovery_sim.leaderboard WHERE scenario_id = '' AND mode = ''"
                " ORDER BY best_overall DESC, best_ended_at, attempt_id"
            ).fetchall()
            teams = conn.execute(
                "SELECT team, attempts, resolved, mean_overall::float"
                ' FROM recovery_sim.team_comparison ORDER BY team COLLATE "C"'
            ).fetchall()
            said = conn.execute("SELECT count(*) FROM recovery_sim.attempt_turns").fetchone()
        assert rows == [
            (r.rank, r.trainee, r.team, r.attempts, r.best_overall, r.attempt_id)
            for r in expected_board
        ]
        assert teams == [(g.key, g.attempts, g.resolved, g.mean_overall) for g in expected_teams]
        assert said == (2 * 9,)
        with open_store(reader_url) as reader:  # the app and CLI can read with it too
            assert reader.leaderboard() == expected_board
            with pytest.raises(ScoreboardError, match="refused: permission denied"):
                reader.start_attempt("Ann", "Red", "gym", "h", "1.0")
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("DROP OWNED BY scoreboard_reader")
            admin.execute("DROP ROLE scoreboard_reader")
