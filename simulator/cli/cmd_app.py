"""Starting the Textual app from the command line."""

from __future__ import annotations

import argparse
import os
from typing import Any

from simulator.cli.common import CliError, scenario_dirs

# Set by `serve` for each browser session when a sign-in proxy named the user.
ENV_TRAINEE = "RECOVERY_SIM_TRAINEE"


def run_app(args: argparse.Namespace) -> int:
    from simulator.scenario.cache import default_cache_dir
    from simulator.ui.preload import start_library_load

    dirs = scenario_dirs(args)
    # Read while Textual is being imported; unchanged files come from the saved copy.
    library = start_library_load(dirs, cache_dir=default_cache_dir())
    from simulator.app import make_app  # Textual is imported only when the app starts.

    settings: dict[str, Any] = {"exit_after_ready": bool(getattr(args, "exit_after_ready", False))}
    delay = getattr(args, "typing_delay", None)
    if delay is not None:
        if not 0 <= delay <= 10:
            raise CliError("--typing-delay must be between 0 and 10 seconds")
        settings["customer_delay"] = delay
    db_path = getattr(args, "db", None)
    trainee = os.environ.get(ENV_TRAINEE, "").strip()
    if trainee:
        settings["trainee"] = trainee
    app = make_app(scenario_dirs=dirs, db_path=db_path, library_future=library, **settings)
    app.run()
    # However the app ended (quit, a closed browser tab, ctrl+c): writes the scoreboard server
    # did not take are kept in a file, and the user is told where.
    message = app.exit_message or app.attempts.settle(app.config_dir)
    app.attempts.close()
    if message:
        import sys

        print(message, file=sys.stderr)
    return int(app.return_code or 0)
