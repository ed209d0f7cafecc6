"""Opening the scoreboard for a subcommand: `--db`, `$RECOVERY_SIM_DB` or the default file.

Shared by every subcommand that reads or writes the scoreboard, so a bad file is reported the
same way everywhere: one line naming the file and what to do.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.common import CliError
from simulator.store import Reference, Scoreboard, ScoreboardError

if TYPE_CHECKING:
    from simulator.engine.model import Debrief
    from simulator.scenario.model import Scenario


def open_scoreboard(args: argparse.Namespace) -> Scoreboard:
    try:
        return Scoreboard.open(getattr(args, "db", None))
    except ScoreboardError as error:
        raise CliError(str(error)) from None


def current_reference(scenario_dirs: Sequence[Path]) -> Reference:
    """What results are compared against: this scorer's version and the scenario files as they
    are in the library now."""
    from scoring import SCORER_VERSION
    from simulator.scenario.library import load_library

    library = load_library(scenario_dirs)
    hashes = {s.id: s.content_hash for s in library.scenarios if s.content_hash}
    return Reference(scorer_version=SCORER_VERSION, scenario_hashes=hashes)


def record_debrief(
    args: argparse.Namespace,
    scenario: Scenario,
    debrief: Debrief,
    trainee: str,
    team: str,
    mode: str = "practice",
) -> str:
    """Record a finished conversation (its turns, then its result); returns a note for the user.

    For `play`, which has the whole conversation at the end. The app records turn by turn.
    """
    from scoring import SCORER_VERSION

    with open_scoreboard(args) as board:
        try:
            attempt_id = board.start_attempt(
                trainee, team, scenario.id, scenario.content_hash or "unknown", SCORER_VERSION, mode
            )
            for turn in debrief.turns:
                board.record_turn(attempt_id, turn)
            board.finish_from_debrief(attempt_id, debrief)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
        return f"recorded for {trainee} ({team}) in {board.path}"
