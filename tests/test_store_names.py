"""Names as a lead means them, on both backends: "east", "East " and "EAST" are one team,
"ann" and "Ann" one trainee, shown as first written; imports join them too."""

from __future__ import annotations

from datetime import date

from store_support import play

from simulator.store import Filters, open_store
from simulator.store.names import Spellings, merge_plan, name_key


def test_keys_fold_case_and_spaces():
    assert name_key("  Priya   NAIR ") == name_key("priya nair") == "priya nair"
    assert name_key("Émile") == name_key("émile")
    assert name_key("Ann") != name_key("Anna")


def test_spellings_answer_with_the_first_written():
    spellings = Spellings([("Ann", "East")])
    assert spellings.canonical("ann ", "EAST") == ("Ann", "East")
    assert spellings.canonical("Bob", "east") == ("Bob", "East")
    assert spellings.new == [("Bob", "East")]


def test_merge_plan_keeps_the_first_row_of_each_name():
    merges, keep = merge_plan([(1, "Ann", "East"), (2, "Bob", "east"), (3, "ANN", " East")])
    assert merges == {3: 1}
    assert keep == {1: ("Ann", "East", "ann", "east"), 2: ("Bob", "East", "bob", "east")}


def test_spellings_of_one_name_are_one_trainee_in_one_team(new_store):
    with open_store(new_store()) as board:
        play(board, "Ann", "East", "gym", 60, minute=0)
        play(board, "ann ", "east", "gym", 80, minute=1)
        play(board, "Bob", "EAST", "gym", 70, minute=2)
        play(board, "Bob", "West", "gym", 50, minute=3)
        assert board.trainees() == (("Ann", "East"), ("Bob", "East"), ("Bob", "West"))
        assert board.trainees("east ") == (("Ann", "East"), ("Bob", "East"))
        leaders = [(r.trainee, r.team, r.best_overall, r.attempts) for r in board.leaderboard()]
        assert leaders == [("Ann", "East", 80, 2), ("Bob", "East", 70, 1), ("Bob", "West", 50, 1)]
        east = board.leaderboard(Filters(team="EAST"))
        assert [(r.trainee, r.team) for r in east] == [("Ann", "East"), ("Bob", "East")]
        teams = {row.key: (row.trainees, row.attempts) for row in board.team_comparison()}
        assert teams == {"East": (2, 3), "West": (1, 1)}
        assert [row.key for row in board.team_comparison(Filters(team="east"))] == ["East"]
        series = board.progress("ANN", "east")
        assert [(s.trainee, s.team, [p.overall for p in s.points]) for s in series] == [
            ("Ann", "East", [60, 80])
        ]
        assert {a.team for a in board.attempts(Filters(team=" east"))} == {"East"}


def test_an_import_joins_the_stored_spellings(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        play(site, "ANN", "east", "gym", 90, minute=5)
        play(site, "Cy", "EAST", "gym", 40, minute=6)
        site.export_to(source)
    with open_store(new_store("lead")) as lead:
        play(lead, "Ann", "East", "gym", 60, minute=0)
        result = lead.import_files([source])
        assert result.added == 2
        assert lead.trainees() == (("Ann", "East"), ("Cy", "East"))
        leaders = [(r.trainee, r.team, r.best_overall, r.attempts) for r in lead.leaderboard()]
        assert leaders == [("Ann", "East", 90, 2), ("Cy", "East", 40, 1)]
        assert {row.key: row.attempts for row in lead.team_comparison()} == {"East": 3}


def test_a_version_1_server_merges_its_duplicate_names_once(pg_server):
    import psycopg

    from simulator.store.postgres.schema import CURRENT_VERSION, MIGRATIONS, SCHEMA

    url = pg_server.database("v1names")
    with psycopg.connect(url) as conn:  # a server scoreboard as recovery-sim left it at version 1
        conn.execute(f"CREATE SCHEMA {SCHEMA}")
        conn.execute(
            f"CREATE TABLE {SCHEMA}.schema_migrations (version integer PRIMARY KEY,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        conn.execute(f"SET search_path TO {SCHEMA}")
        MIGRATIONS[1](conn)
        conn.execute("INSERT INTO schema_migrations (version) VALUES (1)")
        for name, team in (("Ann", "East"), ("ann", "EAST "), ("Bob", "east")):
            conn.execute("INSERT INTO trainees (name, team) VALUES (%s, %s)", (name, team))
        conn.execute(
            "INSERT INTO attempts (uuid, trainee_id, scenario_id, scenario_hash, scorer_version,"
            " mode, started_at, ended_at, outcome, overall, listening, empathy, apology,"
            " ownership, no_excuses, resolution) SELECT gen_random_uuid(), id, 'gym', 'h',"
            " '1.0', 'practice', now(), now(), 'resolved', 50 + id, 1, 1, 1, 1, 1, 1"
            " FROM trainees"
        )
    with open_store(url) as board:
        assert board.trainees() == (("Ann", "East"), ("Bob", "East"))
        leaders = [(r.trainee, r.team, r.best_overall, r.attempts) for r in board.leaderboard()]
        assert leaders == [("Bob", "East", 53, 1), ("Ann", "East", 52, 2)]
    with psycopg.connect(url) as conn:
        versions = conn.execute(f"SELECT version FROM {SCHEMA}.schema_migrations").fetchall()
    assert versions == [(version,) for version in range(1, CURRENT_VERSION + 1)]


def test_a_team_assigned_work_first_is_shown_as_the_lead_wrote_it(new_store, tmp_path):
    """Found by playing: a lead assigned "Harbour", the first trainee typed " harbour ", and
    `progress` and the team comparison showed "harbour" from then on."""
    with open_store(new_store()) as board:
        board.assign("Harbour", "gym", date(2027, 1, 15))
        play(board, "Cy", " harbour ", "gym", 80, minute=0)
        play(board, "Di", "HARBOUR", "gym", 70, minute=1)
        assert board.trainees() == (("Cy", "Harbour"), ("Di", "Harbour"))
        assert {r.team for r in board.leaderboard()} == {"Harbour"}
        exported = tmp_path / "site.json"
        board.export_to(exported)
    with open_store(new_store("other")) as other:  # an import lands on the lead's spelling too
        other.assign("HarbouR", "gym", date(2027, 1, 15))
        other.import_files([exported])
        assert {team for _, team in other.trainees()} == {"HarbouR"}
