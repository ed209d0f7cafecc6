"""The engine (scorer, loader, conversation, store, CLI) never imports Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

ENGINE_MODULES = [
    "scoring",
    "scoring.scorer",
    "simulator.scenario.loader",
    "simulator.scenario.library",
    "simulator.resources",
    "simulator.serve.policy",
    "simulator.cli.cmd_serve",
    "simulator.engine.model",
    "simulator.engine.conversation",
    "simulator.store",
    "simulator.store.postgres",
    "simulator.cli",
    "simulator.cli.cmd_play",
    "simulator.cli.cmd_score",
    "simulator.cli.cmd_calibrate",
    "simulator.cli.cmd_scoreboard",
    "simulator.cli.cmd_export",
    "simulator.cli.cmd_import",
]


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_an_sqlite_scoreboard_never_loads_the_postgresql_driver(tmp_path) -> None:
    """psycopg is imported only for a postgresql:// URL, so one person's app pays nothing."""
    code = (
        "import sys; from simulator.store import open_store; "
        f"open_store({str(tmp_path / 'board.db')!r}).close(); "
        "print(sorted(name for name in sys.modules if name.startswith('psycopg')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
