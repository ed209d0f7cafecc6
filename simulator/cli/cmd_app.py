"""Starting the Textual app from the command line."""

from __future__ import annotations

import argparse

from simulator.cli.common import scenario_dirs


def run_app(args: argparse.Namespace) -> int:
    from simulator.app import make_app  # Textual is imported only when the app starts.

    app = make_app(scenario_dirs=scenario_dirs(args), db_path=getattr(args, "db", None))
    app.run()
    return int(app.return_code or 0)
