"""Schema versions: a database of every earlier version opens, migrates and keeps its data;
the summary tables always agree with the attempts they summarise."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import play

from scoring.model import DIMENSIONS
from simulator.cli import main
from simulator.store import Filters, open_store
from simulator.store.sqlite import schema
from simulator.store.sqlite.schema import (
    APPLICATION_ID,
    CURRENT_VERSION,
    DIMENSION_COLUMNS,
    migrate,
)
from simulator.store.sqlite.summaries import rebuild_summaries

EVERYTHING = Filters(since=datetime(2000, 1, 1, tzinfo=UTC))  # forces the raw-attempts path


def test_schema_dimension_columns_match_the_scorer():
    assert DIMENSION_COLUMNS == DIMENSIONS


def database_at(path, version: int) -> None:
    """A scoreboard file as recovery-sim at schema `version` left it, with v1-era rows."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, 0, target=version)
    if version >= 1:
        if version >= 7:  # names with their keys
            conn.execute("INSERT INTO trainees VALUES (1, 'Ann', 'Red', 'ann', 'red')")
            conn.execute("INSERT INTO trainees VALUES (2, 'Bob', 'Blue', 'bob', 'blue')")
        else:
            conn.execute("INSERT INTO trainees (id, name, team) VALUES (1, 'Ann', 'Red')")
            conn.execute("INSERT INTO trainees (id, name, team) VALUES (2, 'Bob', 'Blue')")
        rows = [
            (1, "u-1", 1, "gym", 70, "2026-01-01T10:00:00.000000Z", "resolved"),
            (2, "u-2", 1, "gym", 90, "2026-01-02T10:00:00.000000Z", "walked_out"),
            (3, "u-3", 2, "gym", 80, "2026-01-03T10:00:00.000000Z", "resolved"),
            (4, "u-4", 2, "parcel", None, None, "ongoing"),
        ]
        for row_id, uuid, trainee, scenario, overall, ended, outcome in rows:
            conn.execute(
                "INSERT INTO attempts (id, uuid, trainee_id, scenario_id, scenario_hash,"
                " scorer_version, mode, started_at, ended_at, outcome, overall, listening,"
                " empathy, apology, ownership, no_excuses, resolution)"
                " VALUES (?, ?, ?, ?, 'h', '1.0', 'practice', '2026-01-01T09:00:00.000000Z',"
                " ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row_id, uuid, trainee, scenario, ended, outcome, overall, *[overall] * 6),
            )
            if version >= 5:  # one JSON list of turns per attempt, in index order
                turns = [
                    [index, f"sorry {index} \u00e9", "hmm", 80, 60, 50, 50, 50, 50, 50, 51, 52]
                    + [["excuse"][index:]]
                    for index in (0, 1)
                ]
                conn.execute("INSERT INTO turns VALUES (?, ?)", (row_id, json.dumps(turns)))
                continue
            for index in (1, 0):  # out of order: the migration must not rely on it
                conn.execute(
                    "INSERT INTO turns VALUES (?, ?, ?, 'hmm', 80, 60, 50,"
                    " 50, 50, 50, 50, 51, 52, ?)",
                    (row_id, index, f"sorry {index} \u00e9", json.dumps(["excuse"][index:])),
                )
    if version >= 6:  # from version 6 on, the summaries are kept as attempts finish
        from simulator.store.sqlite.summaries import rebuild_summaries

        rebuild_summaries(conn)
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("version", range(CURRENT_VERSION))
def test_every_earlier_version_migrates_and_keeps_its_attempts(tmp_path, version):
    path = tmp_path / "old.db"
    database_at(path, version)
    with open_store(path) as board:
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        conn.close()
        attempts = {a.id: a for a in board.attempts()}
        if version == 0:
            assert attempts == {}
            return
        assert len(attempts) == 4
        assert attempts["u-4"].outcome == "abandoned"
        assert attempts["u-4"].finished is False
        first, second = board.attempt("u-4").turns
        assert (first.index, first.reply, first.events) == (0, "sorry 0 \u00e9", ("excuse",))
        assert (second.index, second.reply, second.events) == (1, "sorry 1 \u00e9", ())
        assert (first.customer, first.anger_before, first.anger_after) == ("hmm", 80, 60)
        assert list(first.dimensions.values()) == [50, 50, 50, 50, 51, 52]
        leaders = [(r.trainee, r.best_overall, r.attempts) for r in board.leaderboard()]
        assert leaders == [("Ann", 90, 2), ("Bob", 80, 1)]
        assert board.leaderboard() == board.leaderboard(EVERYTHING)
        assert board.team_comparison() == board.team_comparison(EVERYTHING)
        play(board, "Cy", "Blue", "gym", 95)  # the migrated file takes new attempts
        assert board.leaderboard()[0].trainee == "Cy"


attempt_specs = st.lists(
    st.tuples(
        st.sampled_from(["Ann", "Bob", "Cy", "Di"]),
        st.sampled_from(["Red", "Blue"]),
        st.sampled_from(["gym", "parcel", "b2b"]),
        st.integers(0, 100),
        st.sampled_from(["practice", "assessment"]),
        st.sampled_from(["resolved", "walked_out", "abandoned"]),
        st.integers(0, 2000),
        st.sampled_from(["1.0", "1.1"]),
        st.booleans(),
    ),
    max_size=25,
)


def _summary_tables(path) -> tuple[list, list]:
    conn = sqlite3.connect(path)
    tables = (
        sorted(  # versions by their names: their ids depend on arrival order
            conn.execute(
                "SELECT b.scenario_id, b.mode, b.trainee_id, b.attempts, b.best_overall,"
                " b.best_ended_at, b.best_uuid, b.best_mode, b.best_outcome, v.scenario_id,"
                " v.scenario_hash, v.scorer_version"
                " FROM trainee_best b JOIN version_totals v ON v.id = b.best_version"
            )
        ),
        sorted(conn.execute("SELECT * FROM team_totals")),
    )
    conn.close()
    return tables


def _best_without_row_ids(path) -> list:
    """trainee_best by trainee name and team (row ids differ between two databases)."""
    conn = sqlite3.connect(path)
    rows = sorted(
        conn.execute(
            "SELECT b.scenario_id, b.mode, t.name, t.team, b.attempts, b.best_overall,"
            " b.best_ended_at, b.best_uuid, b.best_outcome FROM trainee_best b"
            " JOIN trainees t ON t.id = b.trainee_id"
        )
    )
    conn.close()
    return rows


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=attempt_specs)
def test_summaries_agree_with_the_attempts_in_any_order(tmp_path_factory, specs):
    path = tmp_path_factory.mktemp("summaries") / "board.db"
    with open_store(path) as board:
        for name, team, scenario, overall, mode, outcome, minute, version, finish in specs:
            play(
                board,
                name,
                team,
                scenario,
                overall,
                mode=mode,
                outcome=outcome,
                minute=minute,
                scorer_version=version,
                finish=finish,
                turns=0,
            )
        for scenario, mode, team in itertools.product(
            (None, "gym"), (None, "assessment"), (None, "Red")
        ):
            summary = Filters(team=team, scenario=scenario, mode=mode)
            raw = Filters(team=team, scenario=scenario, mode=mode, since=EVERYTHING.since)
            assert board.leaderboard(summary) == board.leaderboard(raw)
            for by in ("team", "scenario"):
                assert board.compare(by, summary) == board.compare(by, raw)
        # A set of scenarios (a difficulty) is read from the per-scenario summary rows.
        for chosen, mode in itertools.product(
            (frozenset({"gym"}), frozenset({"gym", "parcel"}), frozenset()), (None, "practice")
        ):
            summary = Filters(scenarios=chosen, mode=mode)
            raw = Filters(scenarios=chosen, mode=mode, since=EVERYTHING.since)
            assert board.leaderboard(summary) == board.leaderboard(raw)
            for by in ("team", "scenario"):
                assert board.compare(by, summary) == board.compare(by, raw)
    incremental = _summary_tables(path)
    with open_store(path) as board:
        board.export_to(path.with_suffix(".json"))
    with open_store(path.with_name("imported.db")) as imported:
        imported.import_files([path.with_suffix(".json")])  # the whole batch folded at once
    assert _summary_tables(path.with_name("imported.db"))[1:] == incremental[1:]
    assert _best_without_row_ids(path.with_name("imported.db")) == _best_without_row_ids(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    rebuild_summaries(conn)
    conn.execute("COMMIT")
    conn.close()
    assert _summary_tables(path) == incremental


def test_ties_go_to_the_earliest_attempt(tmp_path):
    with open_store(tmp_path / "board.db") as board:
        late = play(board, "Ann", "Red", overall=80, minute=30)
        early = play(board, "Ann", "Red", overall=80, minute=10)
        assert board.leaderboard()[0].attempt_id == early != late
        assert board.leaderboard()[0].ended_at < datetime(2026, 3, 1, 9, 11, tzinfo=UTC)
        assert board.leaderboard(EVERYTHING)[0].attempt_id == early
        assert timedelta(0) < board.attempt(late).ended_at - board.attempt(early).ended_at


def test_versions_3_4_and_12_keep_only_the_indexes_the_views_need(tmp_path):
    path = tmp_path / "old.db"
    database_at(path, 2)
    open_store(path).close()
    conn = sqlite3.connect(path)
    indexes = {
        name: [column[2] for column in conn.execute(f"PRAGMA index_info({name})")]
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        if not name.startswith("sqlite_")
    }
    conn.close()
    assert "attempts_by_trainee" not in indexes and "attempts_by_end" not in indexes
    assert "attempts_of_trainee" not in indexes  # version 12: by trainee and scenario
    assert indexes["attempts_of_trainee_scenario"] == ["trainee_id", "scenario_id"]
    assert indexes["attempts_for_skills"][:2] == ["mode", "trainee_id"]


def test_version_5_moves_every_attempts_turns_across_chunk_boundaries(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    database_at(path, 4)
    monkeypatch.setattr(schema, "V5_CHUNK", 2)  # attempts 1..4 span three chunks: 0-1, 2-3, 4-5
    with open_store(path) as board:
        turns = {a.id: [t.index for t in board.attempt(a.id).turns] for a in board.attempts()}
    assert turns == {f"u-{n}": [0, 1] for n in range(1, 5)}
    conn = sqlite3.connect(path)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "turn_lists" not in tables and "turns" in tables


def test_the_command_line_says_when_it_upgrades_a_file_and_only_then(tmp_path, capsys):
    path = tmp_path / "old.db"
    database_at(path, 4)
    for upgrading in (True, False):
        assert main(["scoreboard", "--db", str(path)]) == 0
        err = capsys.readouterr().err
        assert (f"from version 4 to {CURRENT_VERSION}, once" in err) is upgrading
        assert ("Upgrading the scoreboard" in err) is upgrading


def test_version_7_merges_names_that_differ_only_in_case_and_spaces(tmp_path):
    path = tmp_path / "old.db"
    database_at(path, 6)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO trainees (id, name, team) VALUES (3, ' ann ', 'red')")
    conn.execute("INSERT INTO trainees (id, name, team) VALUES (4, 'Cy', 'RED ')")
    for uuid, trainee, overall in (("u-5", 3, 95), ("u-6", 4, 60)):
        conn.execute(
            "INSERT INTO attempts (uuid, trainee_id, scenario_id, scenario_hash, scorer_version,"
            " mode, started_at, ended_at, outcome, overall, listening, empathy, apology,"
            " ownership, no_excuses, resolution) VALUES (?, ?, 'gym', 'h', '1.0', 'practice',"
            " '2026-01-04T09:00:00.000000Z', '2026-01-04T10:00:00.000000Z', 'resolved',"
            " ?, 1, 1, 1, 1, 1, 1)",
            (uuid, trainee, overall),
        )
    from simulator.store.sqlite.summaries import rebuild_summaries

    rebuild_summaries(conn)
    conn.execute("COMMIT")
    conn.close()
    with open_store(path) as board:
        assert board.trainees() == (("Bob", "Blue"), ("Ann", "Red"), ("Cy", "Red"))
        leaders = [(r.trainee, r.team, r.best_overall, r.attempts) for r in board.leaderboard()]
        assert leaders == [("Ann", "Red", 95, 3), ("Bob", "Blue", 80, 1), ("Cy", "Red", 60, 1)]
        teams = {row.key: row.attempts for row in board.team_comparison(EVERYTHING)}
        assert teams == {"Red": 4, "Blue": 1}
