"""Opening the scoreboard for a subcommand: `--db`, `$RECOVERY_SIM_DB` or the default file.

Shared by every subcommand that reads or writes the scoreboard, so a bad file is reported the
same way everywhere: one line naming the file and what to do.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from simulator.cli.common import CliError
from simulator.store import Reference, Scoreboard, ScoreboardError


def open_scoreboard(args: argparse.Namespace) -> Scoreboard:
    try:
        return Scoreboard.open(getattr(args, "db", None))
    except ScoreboardError as error:
        raise CliError(str(error)) from None


def current_reference(scenario_dirs: Sequence[Path]) -> Reference:
    """Compare against the scenario files as they are now; the scorer version, when the scorer
    names one (`scoring.SCORER_VERSION`), else the most common in the scoreboard."""
    import scoring
    from simulator.scenario.library import load_library

    library = load_library(scenario_dirs)
    hashes = {s.id: s.content_hash for s in library.scenarios if s.content_hash}
    return Reference(
        scorer_version=getattr(scoring, "SCORER_VERSION", None), scenario_hashes=hashes
    )
