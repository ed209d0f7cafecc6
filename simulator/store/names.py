"""Names as a lead means them: "east", "East " and "EAST" are one team, shown as first written.

Each trainee row keeps a key (case folded, runs of spaces made one) beside the name and team as
first written; both stores look names up by key, so a second spelling joins the first one's
trainee and team instead of starting new ones. Shared by both backends and their migrations.
"""

from __future__ import annotations

from collections.abc import Iterable


def name_key(text: str) -> str:
    """The form two spellings of one name share: case folded, spaces collapsed and trimmed."""
    return " ".join(text.split()).casefold()


class Spellings:
    """The first-written spelling of every team and trainee, fed with rows in the order they
    were written (row id order); `canonical` answers a new spelling with the first one, and
    remembers a name it has not seen as its own first spelling."""

    def __init__(self, rows: Iterable[tuple[str, str]] = (), assigned: Iterable[str] = ()) -> None:
        self.teams: dict[str, str] = {}
        self.trainees: dict[tuple[str, str], tuple[str, str]] = {}
        self.new: list[tuple[str, str]] = []  # pairs first seen here, not in `rows`
        for name, team in rows:
            self._add(name, team)
        for team in assigned:  # teams given work before any of their trainees played
            self.teams.setdefault(name_key(team), team)
        self.new.clear()

    def _add(self, name: str, team: str) -> tuple[str, str]:
        team_key = name_key(team)
        team = self.teams.setdefault(team_key, team)
        key = (team_key, name_key(name))
        found = self.trainees.get(key)
        if found is None:
            found = self.trainees[key] = (name, team)
            self.new.append(found)
        return found

    def canonical(self, name: str, team: str) -> tuple[str, str]:
        return self._add(name, team)

    def team(self, team: str) -> str:
        return self.teams.get(name_key(team), team)


def merge_plan(
    rows: Iterable[tuple[int, str, str]],
) -> tuple[dict[int, int], dict[int, tuple[str, str, str, str]]]:
    """For trainee rows (id, name, team) in id order: which rows merge into which (same keys;
    the first stays), and for each row kept its name, first-written team spelling and keys.
    The one-time merge of both stores' migrations."""
    teams: dict[str, str] = {}
    first: dict[tuple[str, str], int] = {}
    merges: dict[int, int] = {}
    keep: dict[int, tuple[str, str, str, str]] = {}
    for row_id, name, team in rows:
        team_key, key = name_key(team), name_key(name)
        spelling = teams.setdefault(team_key, team)
        if (team_key, key) in first:
            merges[row_id] = first[(team_key, key)]
        else:
            first[(team_key, key)] = row_id
            keep[row_id] = (name, spelling, key, team_key)
    return merges, keep
