"""Reading attempts back as records, and the lists the app's filters offer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from simulator.store import timestamps
from simulator.store.errors import AMBIGUOUS_SHOWN, AmbiguousAttemptError, UnknownAttemptError
from simulator.store.names import Spellings, name_key
from simulator.store.records import AttemptId, AttemptRecord, TurnRecord, uuid_bounds
from simulator.store.results import Filters
from simulator.store.sqlite.schema import DIMENSION_COLUMNS

ATTEMPT_COLUMNS = (
    "a.id, a.uuid, t.name, t.team, a.scenario_id, a.scenario_hash, a.scorer_version, a.mode,"
    " a.started_at, a.ended_at, a.outcome, a.overall, "
    + ", ".join(f"a.{name}" for name in DIMENSION_COLUMNS)
    + ", a.pass_mark, a.passed"
)
ATTEMPT_SOURCE = "attempts a JOIN trainees t ON t.id = a.trainee_id"


def attempt_from_row(row: Sequence[object], turns: tuple[TurnRecord, ...] = ()) -> AttemptRecord:
    """An attempt record from ATTEMPT_COLUMNS (after the row id). Never finished = abandoned."""
    (uuid, name, team, scenario_id, digest, version, mode, started, ended, outcome, overall) = row[
        :11
    ]
    scores = row[11:17]
    pass_mark, passed = row[17:19]
    finished = ended is not None
    return AttemptRecord(
        id=AttemptId(str(uuid)),
        trainee=str(name),
        team=str(team),
        scenario_id=str(scenario_id),
        scenario_hash=str(digest),
        scorer_version=str(version),
        mode=str(mode),
        started_at=timestamps.from_db(str(started)),
        ended_at=timestamps.from_db(str(ended)) if finished else None,
        outcome=str(outcome) if finished else "abandoned",
        overall=int(overall) if finished else None,  # type: ignore[call-overload]
        dimensions=(
            dict(zip(DIMENSION_COLUMNS, scores, strict=True))  # type: ignore[arg-type]
            if finished
            else {}
        ),
        turns=turns,
        pass_mark=None if pass_mark is None else int(pass_mark),  # type: ignore[call-overload]
        passed=None if passed is None else bool(passed),
    )


def turn_from_json(turn: Sequence[Any]) -> TurnRecord:
    """A turn record from its stored JSON array (TURN_FIELDS order)."""
    index, reply, customer, before, after, overall, *rest = turn
    scores, events = rest[:-1], rest[-1]
    return TurnRecord(
        index=index,
        reply=reply,
        customer=customer,
        anger_before=before,
        anger_after=after,
        overall=overall,
        dimensions=dict(zip(DIMENSION_COLUMNS, scores, strict=True)),
        events=tuple(events),
    )


def stored_turns(conn: sqlite3.Connection, row_id: int) -> list[list[Any]]:
    """An attempt's turns as stored (TURN_FIELDS arrays, in index order); [] if it has none."""
    row = conn.execute("SELECT list FROM turns WHERE attempt_id = ?", (row_id,)).fetchone()
    return [] if row is None else json.loads(row[0])


def attempt(conn: sqlite3.Connection, attempt_id: str) -> AttemptRecord:
    row = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_SOURCE} WHERE a.uuid = ?", (str(attempt_id),)
    ).fetchone()
    if row is None:
        raise UnknownAttemptError(str(attempt_id))
    turns = tuple(map(turn_from_json, stored_turns(conn, row[0])))
    return attempt_from_row(row[1:], turns)


def find_attempt(conn: sqlite3.Connection, prefix: str) -> AttemptRecord:
    """The one attempt whose id starts with `prefix` (read through the uuid index)."""
    return attempt(conn, find_attempt_id(conn, prefix))


def find_attempt_id(conn: sqlite3.Connection, prefix: str) -> str:
    """The id of the one attempt whose id starts with `prefix`."""
    bounds = uuid_bounds(prefix)
    if bounds is None:
        raise UnknownAttemptError(prefix)
    rows = conn.execute(
        "SELECT uuid FROM attempts WHERE uuid BETWEEN ? AND ? ORDER BY uuid LIMIT ?",
        (*bounds, AMBIGUOUS_SHOWN + 1),
    ).fetchall()
    if not rows:
        raise UnknownAttemptError(prefix)
    if len(rows) > 1:
        raise AmbiguousAttemptError(prefix, [str(row[0]) for row in rows])
    return str(rows[0][0])


def attempts(
    conn: sqlite3.Connection, filters: Filters, limit: int | None
) -> tuple[AttemptRecord, ...]:
    clauses, params = ["1"], []
    for clause, value in (
        ("t.team = ?", filters.team),
        ("a.scenario_id = ?", filters.scenario),
        ("a.mode = ?", filters.mode),
        ("a.started_at >= ?", filters.since and timestamps.to_db(filters.since)),
        ("a.started_at < ?", filters.until and timestamps.to_db(filters.until)),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if filters.without_abandoned:
        clauses.append("a.ended_at IS NOT NULL AND a.outcome != 'abandoned'")
    if filters.scenarios is not None:  # as Where.among: an empty set matches nothing
        marks = ", ".join("?" * len(filters.scenarios))
        clauses.append(f"a.scenario_id IN ({marks})" if filters.scenarios else "0")
        params.extend(sorted(filters.scenarios))
    rows = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_SOURCE} WHERE {' AND '.join(clauses)}"
        f" ORDER BY a.started_at DESC, a.uuid LIMIT ?",
        (*params, -1 if limit is None else limit),
    )
    return tuple(attempt_from_row(row[1:]) for row in rows)


def distinct(conn: sqlite3.Connection, sql: str) -> tuple[str, ...]:
    return tuple(row[0] for row in conn.execute(sql))


def scenarios(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Scenario ids with a finished attempt (read from the summary, not the attempts)."""
    return distinct(
        conn,
        "SELECT DISTINCT scenario_id FROM version_totals ORDER BY scenario_id",
    )


def trainees(conn: sqlite3.Connection, team: str | None) -> tuple[tuple[str, str], ...]:
    if team is None:
        rows = conn.execute("SELECT name, team FROM trainees ORDER BY team, name")
    else:
        rows = conn.execute(
            "SELECT name, team FROM trainees WHERE team_key = ? ORDER BY name", (name_key(team),)
        )
    return tuple((name, team_name) for name, team_name in rows)


def team_spelling(conn: sqlite3.Connection, team: str) -> str:
    """The team as first written, for a spelling that differs in case or spacing."""
    # A team a lead assigned work to before any of its trainees played is first written in
    # the assignment ("Harbour"), not by the first trainee to type it (" harbour ").
    row = (
        conn.execute(
            "SELECT team FROM trainees WHERE team_key = ? ORDER BY id LIMIT 1", (name_key(team),)
        ).fetchone()
        or conn.execute(
            "SELECT team FROM assignments WHERE team_key = ? ORDER BY id LIMIT 1", (name_key(team),)
        ).fetchone()
    )
    return team if row is None else str(row[0])


def trainee_spelling(conn: sqlite3.Connection, name: str, team: str | None) -> str:
    """The trainee's name as first written (in `team`, or in any team)."""
    sql = "SELECT name FROM trainees WHERE name_key = ?"
    params = [name_key(name)]
    if team is not None:
        sql += " AND team_key = ?"
        params.append(name_key(team))
    row = conn.execute(sql + " ORDER BY id LIMIT 1", params).fetchone()
    return name if row is None else str(row[0])


def canonical_filters(conn: sqlite3.Connection, filters: Filters) -> Filters:
    if filters.team is None:
        return filters
    return replace(filters, team=team_spelling(conn, filters.team))


def spellings(conn: sqlite3.Connection) -> Spellings:
    return Spellings(
        conn.execute("SELECT name, team FROM trainees ORDER BY id"),
        (team for (team,) in conn.execute("SELECT team FROM assignments ORDER BY id")),
    )


def trainee_row_id(conn: sqlite3.Connection, name: str, team: str) -> int:
    """The row id of trainee `name` in `team` (matched by key), adding the trainee if new."""
    keys = (name_key(team), name_key(name))
    row = conn.execute(
        "SELECT id FROM trainees WHERE team_key = ? AND name_key = ?", keys
    ).fetchone()
    if row is not None:
        return int(row[0])
    conn.execute(
        "INSERT INTO trainees (name, team, team_key, name_key) VALUES (?, ?, ?, ?)",
        (name, team_spelling(conn, team), *keys),
    )
    row = conn.execute("SELECT id FROM trainees WHERE team_key = ? AND name_key = ?", keys)
    return int(row.fetchone()[0])


def trainee_row_ids(
    conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """Row ids of many (name, team) trainees at once, adding the new ones (imports). The pairs
    are already in their first-written spellings (`spellings`)."""
    wanted = set(pairs)
    conn.executemany(
        "INSERT OR IGNORE INTO trainees (name, team, team_key, name_key) VALUES (?, ?, ?, ?)",
        ((name, team, name_key(team), name_key(name)) for name, team in wanted),
    )
    rows = conn.execute("SELECT name, team, id FROM trainees")
    return {(name, team): row_id for name, team, row_id in rows if (name, team) in wanted}
