"""Reading the scenario library in a background thread, begun before Textual is imported.

Plain Python (no Textual): the CLI starts it first, so reading YAML overlaps Textual's own
import and start-up, and the library is usually in hand by the time the first screen mounts.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.scenario.library import Library


def start_library_load(
    scenario_dirs: Sequence[Path] = (), *, bundled: bool = True
) -> Future[Library]:
    """The library, as a future filled by a daemon thread (errors are kept for the screen)."""
    future: Future[Library] = Future()

    def run() -> None:
        try:
            from simulator.scenario.library import load_library

            future.set_result(load_library(tuple(scenario_dirs), bundled=bundled))
        except BaseException as error:  # noqa: BLE001 - handed to the screen that waits
            future.set_exception(error)

    threading.Thread(target=run, name="library", daemon=True).start()
    return future
