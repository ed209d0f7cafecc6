"""The store and its subcommands never import Textual: they work without a terminal UI."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "simulator.store",
    "simulator.cli.cmd_scoreboard",
    "simulator.cli.cmd_export",
    "simulator.cli.cmd_import",
]


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
