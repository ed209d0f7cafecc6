"""The Textual app. Placeholder until the app issue lands: shows the library it found."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class RecoverySimApp(App[int]):
    TITLE = "Recovery Simulator"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, scenario_dirs: Sequence[Path] = (), db_path: str | None = None) -> None:
        super().__init__()
        self.scenario_dirs = tuple(scenario_dirs)
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Recovery Simulator: the practice screens are coming. Press q to quit.")
        yield Footer()


def make_app(scenario_dirs: Sequence[Path] = (), db_path: str | None = None) -> RecoverySimApp:
    """The one way to build the app: used by `run.py`, the console script and the tests."""
    return RecoverySimApp(scenario_dirs=scenario_dirs, db_path=db_path)
