"""The `unresolved` outcome through the store: recorded, exported, imported, shown in the views."""

from __future__ import annotations

from store_support import play

from simulator.store import open_store


def test_an_unresolved_attempt_is_kept_exported_and_imported(tmp_path):
    with open_store(tmp_path / "board.db") as board:
        attempt_id = play(board, outcome="unresolved", overall=55)
        assert board.attempt(attempt_id).outcome == "unresolved"
        (row,) = board.leaderboard()
        assert row.outcome == "unresolved"
        export = tmp_path / "export.json"
        assert board.export_to(export) == 1
    with open_store(tmp_path / "other.db") as other:
        assert other.import_files([export]).added == 1
        assert other.attempt(attempt_id).outcome == "unresolved"
