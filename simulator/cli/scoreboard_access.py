"""Opening the scoreboard for a subcommand: `--db`, `$RECOVERY_SIM_DB` or the default file.

Shared by every subcommand that reads or writes the scoreboard, so a bad file is reported the
same way everywhere: one line naming the file and what to do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.common import CliError
from simulator.store import Reference, ScoreboardError, Store, open_store

if TYPE_CHECKING:
    from simulator.engine.model import Debrief, Turn
    from simulator.engine.passing import Verdict
    from simulator.scenario.model import Scenario
    from simulator.store import Certificate


def open_scoreboard(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The scoreboard the command names. `read_only` commands (views, export) never create a
    file: a path that does not exist is reported, with a nearby scoreboard file if there is one."""
    target = getattr(args, "db", None)
    if read_only:
        _must_exist(target)
    try:
        return open_store(target, on_upgrade=_say_upgrading)
    except ScoreboardError as error:
        raise CliError(str(error)) from None


def _must_exist(target: str | None) -> None:
    from simulator.store.location import resolve_target

    resolved = resolve_target(target)
    if isinstance(resolved, str) or resolved.exists():
        return
    hint = ""
    if resolved.parent.is_dir():
        nearby = sorted(
            path.name
            for path in resolved.parent.iterdir()
            if path.suffix in (".db", ".sqlite", ".sqlite3") and path.is_file()
        )
        if nearby:
            hint = f"; did you mean {', '.join(nearby[:3])} in {resolved.parent}?"
    raise CliError(
        f"no scoreboard at {resolved}{hint} (nothing has been recorded there yet;"
        " check --db or $RECOVERY_SIM_DB)"
    )


def _say_upgrading(where: object, version: int, current: int) -> None:
    print(
        f"Upgrading the scoreboard {where} from version {version} to {current}, once"
        " (a file with a million attempts takes about a minute)...",
        file=sys.stderr,
        flush=True,
    )


def current_reference(scenario_dirs: Sequence[Path]) -> Reference:
    """What results are compared against: this scorer's version and the scenario files as they
    are in the library now."""
    from scoring import SCORER_VERSION
    from simulator.scenario.library import load_library

    library = load_library(scenario_dirs)
    hashes = {s.id: s.content_hash for s in library.scenarios if s.content_hash}
    return Reference(scorer_version=SCORER_VERSION, scenario_hashes=hashes)


class AttemptRecorder:
    """Records one `play` conversation as it happens: the attempt with its first reply, each
    turn the moment it is scored, the result at the end. A conversation with no reply (quit at
    the first prompt) is not recorded at all: it would read as an attempt scored 0. A killed
    process leaves the turns so far, read back as abandoned; an interrupted one (Ctrl-C)
    finishes the attempt as abandoned itself."""

    def __init__(self, board: Store, start: Callable[[], str]) -> None:
        self.board = board
        self._start = start
        self.attempt_id: str | None = None
        self._finished = False
        self.certificates: tuple[Certificate, ...] = ()  # issued by this attempt's pass
        self.stored_as: tuple[str, str] | None = None  # (trainee, team) as the board spells them

    @classmethod
    def start(
        cls,
        args: argparse.Namespace,
        scenario: Scenario,
        trainee: str,
        team: str,
        mode: str = "practice",
    ) -> AttemptRecorder:
        """Open the scoreboard and check the names now, so a bad file or name stops `play`
        before the first reply; the attempt itself is created with that reply."""
        from scoring import SCORER_VERSION
        from simulator.store import timestamps
        from simulator.store.validation import check_mode, clean_name

        board = open_scoreboard(args)
        try:
            with _as_cli_error():
                clean_name(trainee, "trainee name")
                clean_name(team, "team name")
                check_mode(mode)
        except BaseException:
            board.close()
            raise
        began = timestamps.now()

        def begin() -> str:
            return board.start_attempt(
                trainee,
                team,
                scenario.id,
                scenario.content_hash or "unknown",
                SCORER_VERSION,
                mode,
                started_at=began,
            )

        return cls(board, begin)

    def record(self, turn: Turn) -> None:
        """Commit one turn (the first creates the attempt): it is on disk when this returns."""
        with _as_cli_error():
            if self.attempt_id is None:
                self.attempt_id = self._start()
            self.board.record_turn(self.attempt_id, turn)

    def finish(self, debrief: Debrief, verdict: Verdict | None = None) -> None:
        """Close the attempt with its result (an unfinished conversation counts as abandoned)."""
        if self._finished or self.attempt_id is None:
            return
        self._finished = True
        with _as_cli_error():
            attempt = self.board.attempt(self.attempt_id)
            self.stored_as = (attempt.trainee, attempt.team)
            passed = verdict is not None and verdict.passed  # a pass may complete an assignment
            before = {c.id for c in self.board.certificates(attempt.team)} if passed else set()
            self.board.finish_from_debrief(self.attempt_id, debrief, verdict)
            if passed:
                self.certificates = tuple(
                    c
                    for c in self.board.certificates(attempt.team)
                    if c.id not in before and c.trainee == attempt.trainee
                )

    @property
    def recorded(self) -> bool:
        return self.attempt_id is not None

    def close(self) -> None:
        self.board.close()


@contextmanager
def _as_cli_error() -> Iterator[None]:
    try:
        yield
    except ScoreboardError as error:
        raise CliError(str(error)) from None


def scenarios_of_difficulty(text: str | None, dirs: Sequence[Path]) -> frozenset[str] | None:
    """The ids of the library's scenarios of the difficulty `--difficulty` names (1, 2, 3 or
    gentle, firm, hostile); None when it names none. Difficulty is a scenario file's field, not
    an attempt's, so the views narrow to these scenarios."""
    if text is None:
        return None
    from simulator.scenario.filters import difficulty_of
    from simulator.scenario.library import load_library

    level = difficulty_of(text)
    if level is None:
        raise CliError(f'--difficulty must be 1, 2 or 3 (gentle, firm, hostile), got "{text}"')
    return frozenset(s.id for s in load_library(dirs).scenarios if s.difficulty == level)
