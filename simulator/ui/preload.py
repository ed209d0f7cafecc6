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
    scenario_dirs: Sequence[Path] = (), *, bundled: bool = True, cache_dir: Path | None = None
) -> Future[Library]:
    """The library, as a future filled by a daemon thread (errors are kept for the screen).

    With `cache_dir`, unchanged files come from the saved copy there (`simulator.scenario.cache`).
    """
    future: Future[Library] = Future()

    def run() -> None:
        try:
            if cache_dir is None:
                from simulator.scenario.library import load_library

                library = load_library(tuple(scenario_dirs), bundled=bundled)
            else:
                from simulator.scenario.cache import load_library_cached

                library = load_library_cached(
                    tuple(scenario_dirs), bundled=bundled, cache_dir=cache_dir
                )
            future.set_result(library)
        except BaseException as error:  # noqa: BLE001 - handed to the screen that waits
            future.set_exception(error)

    threading.Thread(target=run, name="library", daemon=True).start()
    return future
