"""The team server keeps an attempt's turns as jsonb (schema 8): the migration from json, and
the one character jsonb cannot hold (U+0000), refused with a message instead of a server error."""

from __future__ import annotations

import json
from dataclasses import replace

import psycopg
import pytest
from store_support import dims, make_turn, play

from simulator.store import open_store
from simulator.store.errors import ImportFormatError, InvalidRecordError
from simulator.store.postgres.schema import CURRENT_VERSION, MIGRATIONS, SCHEMA

UUID = "0190e0b0-7c00-7000-8000-000000000001"
TURNS = [
    [0, "I'm so sorry, I'll refund it today", "Fine.", 80, 60, 70, 70, 71, 72, 73, 74, 75, []],
    [1, "Ça sera fait « aujourd'hui »", "Good.", 60, 40, 80, 80, 80, 80, 80, 80, 80, ["empathy"]],
]


def _version_6_server(url: str) -> None:
    """A server scoreboard as recovery-sim left it at version 6, with one attempt's turns."""
    with psycopg.connect(url) as conn:
        conn.execute(f"CREATE SCHEMA {SCHEMA}")
        conn.execute(
            f"CREATE TABLE {SCHEMA}.schema_migrations (version integer PRIMARY KEY,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        conn.execute(f"SET search_path TO {SCHEMA}")
        for version in range(1, 7):
            MIGRATIONS[version](conn)
            conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
        conn.execute(
            "INSERT INTO trainees (name, team, name_key, team_key)"
            " VALUES ('Ann', 'Red', 'ann', 'red')"
        )
        conn.execute(
            "INSERT INTO attempts (uuid, trainee_id, scenario_id, scenario_hash, scorer_version,"
            " mode, started_at, outcome) SELECT %s, id, 'gym', 'h', '1.0', 'practice',"
            " '2026-03-01 09:00+00', 'ongoing' FROM trainees",
            (UUID,),
        )
        kind = conn.execute(
            "SELECT data_type FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = 'turns' AND column_name = 'list'",
            (SCHEMA,),
        ).fetchone()
        assert kind == ("json",)  # what version 6 made
        conn.execute(
            "INSERT INTO turns (attempt_id, list) SELECT id, %s::json FROM attempts",
            (json.dumps(TURNS, ensure_ascii=False, separators=(",", ":")),),
        )


def test_a_version_6_server_moves_its_turns_to_jsonb_keeping_every_one(pg_server):
    url = pg_server.database("v6turns")
    _version_6_server(url)
    with open_store(url) as board:
        turns = board.attempt(UUID).turns
        assert [(t.index, t.reply, t.customer, t.overall) for t in turns] == [
            (0, "I'm so sorry, I'll refund it today", "Fine.", 70),
            (1, "Ça sera fait « aujourd'hui »", "Good.", 80),
        ]
        assert turns[1].events == ("empathy",) and turns[0].dimensions["resolution"] == 75
        board.record_turn(UUID, make_turn(2, 90))  # the app carries on with the attempt
        assert [t.index for t in board.attempt(UUID).turns] == [0, 1, 2]
    with psycopg.connect(url) as conn:
        kind = conn.execute(
            "SELECT data_type FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = 'turns' AND column_name = 'list'",
            (SCHEMA,),
        ).fetchone()
        said = conn.execute(
            f"SELECT turn, reply, events::text FROM {SCHEMA}.attempt_turns ORDER BY turn"
        ).fetchall()
        versions = conn.execute(f"SELECT version FROM {SCHEMA}.schema_migrations").fetchall()
    assert kind == ("jsonb",)
    assert said[:2] == [
        (0, "I'm so sorry, I'll refund it today", "[]"),
        (1, "Ça sera fait « aujourd'hui »", '["empathy"]'),
    ]
    assert versions == [(version,) for version in range(1, CURRENT_VERSION + 1)]


def test_an_import_with_a_nul_in_a_reply_is_refused_on_the_server_and_kept_in_a_file(
    tmp_path, pg_server
):
    source = tmp_path / "site.db"
    with open_store(source) as site:
        play(site, "Ann", "Red", "gym", 70)
        attempt = site.start_attempt("Bob", "Red", "gym", "hash-a", "1.0", "practice")
        site.record_turn(attempt, replace(make_turn(0), reply="refund\x00 today"))
        site.finish_attempt(attempt, "resolved", 50, dims(50))
        export = tmp_path / "site.json"
        site.export_to(export)
    with open_store(tmp_path / "other.db") as other:  # a file scoreboard stores it
        assert other.import_files([export]).added == 2
    with open_store(pg_server.database("nul")) as board:
        with pytest.raises(ImportFormatError) as refused:
            board.import_files([export])
        assert str(refused.value) == (
            f"{export}: attempt (id {attempt}): a reply or customer line holds the character"
            " U+0000 (NUL), which the team server cannot store; remove it from the file and"
            " import again; nothing was imported"
        )
        assert board.attempts() == ()  # nothing of the file, not even the attempt before it
        live = board.start_attempt("Cy", "Red", "gym", "hash-a", "1.0", "practice")
        with pytest.raises(InvalidRecordError, match=r"U\+0000 \(NUL\).*send the reply again"):
            board.record_turn(live, replace(make_turn(0), reply="a\x00b"))
        board.record_turn(live, make_turn(0))  # the same turn without it is stored
        assert len(board.attempt(live).turns) == 1


def test_a_reply_that_only_spells_backslash_u0000_is_imported(tmp_path, pg_server):
    source = tmp_path / "site.db"
    with open_store(source) as site:
        attempt = site.start_attempt("Ann", "Red", "gym", "hash-a", "1.0", "practice")
        site.record_turn(attempt, replace(make_turn(0), reply=r"type \u0000 to see it"))
        export = tmp_path / "site.json"
        site.export_to(export)
    with open_store(pg_server.database("spelled")) as board:
        assert board.import_files([export]).added == 1
        assert board.attempt(attempt).turns[0].reply == r"type \u0000 to see it"


@pytest.mark.parametrize("where", ["reply", "customer", "events"])
def test_a_nul_anywhere_in_a_turn_is_refused_on_the_server(where, tmp_path, pg_server):
    turn = make_turn(0)
    turn = (
        replace(turn, score=replace(turn.score, events=("empathy\x00",)))
        if where == "events"
        else replace(turn, **{where: "x\x00y"})
    )
    with open_store(tmp_path / "site.db") as site:
        attempt = site.start_attempt("Ann", "Red", "gym", "hash-a", "1.0", "practice")
        site.record_turn(attempt, turn)
        export = tmp_path / "site.json"
        site.export_to(export)
    with open_store(pg_server.database(f"nul{where}")) as board:
        with pytest.raises(ImportFormatError, match=r"U\+0000"):
            board.import_files([export])
        assert board.attempts() == ()
