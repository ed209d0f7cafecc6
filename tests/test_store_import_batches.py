"""An import checked and written batch by batch is still one all-or-nothing step."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest
from store_support import play, play_sample

from simulator.store import (
    Filters,
    ImportFormatError,
    ScoreboardUnavailableError,
    Store,
    checking,
    open_store,
)
from simulator.store.sqlite import importing, summaries


@pytest.fixture
def export_file(tmp_path):
    with open_store(tmp_path / "source.db") as board:
        play_sample(board)
        path = tmp_path / "export.json"
        board.export_to(path)
    return path


@pytest.fixture
def small_batches(monkeypatch):
    """Two attempts a batch, so a four-attempt file is written in two batches."""
    monkeypatch.setattr(checking, "BATCH_SIZE", 2)


def state(board: Store) -> tuple[object, ...]:
    return (board.attempts(), board.leaderboard(), board.team_comparison())


def lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def test_any_layout_of_the_same_export_gives_the_same_attempts(export_file, tmp_path):
    assert len(lines(export_file)) == 4 + 3  # header, one line per attempt, "]}", ""
    reindented = tmp_path / "reindented.json"
    reindented.write_text(json.dumps(json.loads(export_file.read_bytes()), indent=2))
    ours = [item for batch in checking.export_batches(export_file) for item in batch]
    assert len(ours) == 4
    assert [item for batch in checking.export_batches(reindented) for item in batch] == ours


def test_a_record_that_is_not_json_is_reported_with_its_line_and_column(export_file, tmp_path):
    text = lines(export_file)
    text[4] = text[4].replace('"mode": ', '"mode": @')  # the last attempt: not JSON
    export_file.write_text("\n".join(text), encoding="utf-8")
    with open_store(tmp_path / "other.db") as other:
        with pytest.raises(ImportFormatError, match="line 5 column [0-9]+: not valid JSON"):
            other.import_files([export_file])
        assert other.attempts() == ()


def test_a_bad_record_in_the_last_batch_changes_nothing(export_file, small_batches, tmp_path):
    text = lines(export_file)
    record = json.loads(text[4])
    record["turns"][0][4] = "calm"  # the fourth attempt's anger_after
    text[4] = json.dumps(record)
    export_file.write_text("\n".join(text), encoding="utf-8")
    with open_store(tmp_path / "other.db") as other:
        play(other, "Eve", "Green", "gym", 88)
        before = state(other)
        with pytest.raises(ImportFormatError) as caught:
            other.import_files([export_file])
        assert state(other) == before
    message = str(caught.value)
    assert f"attempt 4 (id {record['id']})" in message
    assert 'turn 1 field "anger_after"' in message and "nothing was imported" in message


def test_valid_json_in_another_layout_imports_even_after_some_batches(
    export_file, small_batches, tmp_path
):
    text = lines(export_file)
    text[3] = text[3].replace(', "team": ', ',\n  "team": ')  # third attempt over two lines
    export_file.write_text("\n".join(text), encoding="utf-8")
    with open_store(tmp_path / "other.db") as other:
        result = other.import_files([export_file])
        assert (result.added, result.already_present) == (4, 0)
        assert len(other.attempts()) == 4


def test_a_failure_while_summarising_rolls_everything_back(
    export_file, small_batches, monkeypatch, tmp_path
):
    def failing(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    with open_store(tmp_path / "other.db") as other:
        play(other, "Eve", "Green", "gym", 88)
        before = state(other)
        monkeypatch.setattr(summaries, "add_row_range", failing)
        with pytest.raises(ScoreboardUnavailableError, match="disk I/O error"):
            other.import_files([export_file])
        monkeypatch.undo()
        assert state(other) == before
        assert other.import_files([export_file]).added == 4  # the board still works


def test_batched_summaries_match_a_rebuild(small_batches, tmp_path):
    """A trainee's best in a later batch beats one from an earlier batch, in every grouping."""
    with open_store(tmp_path / "source.db") as source:
        play(source, "Ann", "Red", "gym", 60, minute=0)  # batch 1
        play(source, "Bob", "Blue", "parcel", 75, minute=5)
        play(source, "Ann", "Red", "parcel", 90, mode="assessment", minute=9)  # batch 2
        play(source, "Ann", "Red", "gym", 40, minute=12)
        play(source, "Ann", "Red", "gym", 95, outcome="walked_out", minute=15)  # batch 3
        source.export_to(tmp_path / "export.json")
    with open_store(tmp_path / "other.db") as other:
        play(other, "Ann", "Red", "gym", 70, minute=30)
        other.import_files([tmp_path / "export.json"])
        imported = state(other)
        (ann,) = [row for row in other.leaderboard() if row.trainee == "Ann"]
        assert (ann.best_overall, ann.attempts) == (95, 5)
        with other._write() as conn:
            summaries.rebuild_summaries(conn)
        assert state(other) == imported


def test_foreign_key_checks_are_back_on_after_an_import(export_file, tmp_path):
    def checking(board: Store) -> bool:
        return bool(board._conn.execute("PRAGMA foreign_keys").fetchone()[0])

    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with open_store(tmp_path / "other.db") as other:
        other.import_files([export_file])
        assert checking(other)
        with pytest.raises(ImportFormatError):
            other.import_files([broken])
        assert checking(other)


def test_many_small_batches_give_the_summaries_a_rebuild_gives(monkeypatch, tmp_path):
    """Each batch's best per scenario and mode, then the best over both modes, in every order:
    several trainees and scenarios, both modes, ties on overall, across batch boundaries."""
    monkeypatch.setattr(checking, "BATCH_SIZE", 7)
    rng = random.Random(7)
    with open_store(tmp_path / "source.db") as source:
        for minute in range(120):
            play(
                source,
                rng.choice(["Ann", "Bob", "Cy"]),
                rng.choice(["Red", "Blue"]),
                rng.choice(["gym", "parcel", "hotel"]),
                rng.choice([40, 60, 60, 80, 95]),
                mode=rng.choice(["practice", "assessment"]),
                outcome=rng.choice(["resolved", "walked_out"]),
                turns=0,
                minute=minute,
            )
        source.export_to(tmp_path / "export.json")
    with open_store(tmp_path / "other.db") as other:
        play(other, "Ann", "Red", "gym", 95, mode="assessment", minute=500)
        play(other, "Bob", "Blue", "parcel", 10, minute=501)
        assert other.import_files([tmp_path / "export.json"]).added == 120
        imported = [
            state(other),
            *(other.leaderboard(Filters(scenario=s, mode=m)) for s, m in SCENARIO_MODES),
        ]
        with other._write() as conn:
            summaries.rebuild_summaries(conn)
        assert imported == [
            state(other),
            *(other.leaderboard(Filters(scenario=s, mode=m)) for s, m in SCENARIO_MODES),
        ]


SCENARIO_MODES = [
    (scenario, mode)
    for scenario in ("gym", "parcel", "hotel", None)
    for mode in ("practice", "assessment", None)
]


@pytest.mark.parametrize(
    "count", [0, 1, importing.ROWS_PER_INSERT - 1, importing.ROWS_PER_INSERT, 70]
)
def test_rows_inserted_many_to_a_statement_arrive_whole_and_in_order(count):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c INTEGER)")
    rows = [(n, f"row {n}", n * n) for n in range(count)]
    importing._insert_rows(conn, "INSERT INTO t (a, b, c) VALUES ", 3, rows)
    assert conn.execute("SELECT a, b, c FROM t ORDER BY rowid").fetchall() == rows


def test_batches_read_ahead_come_in_order_and_the_reader_stops_when_left(
    export_file, small_batches
):
    import threading

    direct = [[item.uuid for item in batch] for batch in checking.export_batches(export_file)]
    ahead = [
        (path, [item.uuid for item in batch])
        for path, batch in checking.batches_ahead([export_file, export_file])
    ]
    assert ahead == [(export_file, uuids) for uuids in direct * 2]
    left = checking.batches_ahead([export_file, export_file])
    next(left)
    left.close()  # as when the server fails a batch: the reading thread ends too
    assert not [t for t in threading.enumerate() if t.name == "import-check"]


def test_a_bad_record_read_ahead_is_raised_to_the_importer(tmp_path, small_batches):
    with open_store(tmp_path / "source.db") as board:
        play_sample(board)
        path = tmp_path / "export.json"
        board.export_to(path)
    text = lines(path)
    text[-3] = text[-3].replace('"mode": "practice"', '"mode": "sparring"', 1)
    path.write_text("\n".join(text), encoding="utf-8")
    batches = checking.batches_ahead([path])
    with pytest.raises(ImportFormatError, match="sparring"):
        list(batches)
