"""The app's scoreboard writes, off the UI thread, in order, and kept while a server is away.

Each attempt's start, turns and finish go to one writer thread, so the conversation never waits
on the database. A write that fails because the team's server is not answering stays at the head
of the queue and is tried again every RETRY_SECONDS (and at once when another write is queued):
while the app is open nothing the trainee said is dropped, and it reaches the server, in order,
when the server answers. The store's writes are idempotent on the attempt's uuid, so trying a
write again after an ambiguous failure is safe. Any other failure is reported and that
attempt's later writes are skipped (its `lost` says why). Plain Python; the app is told through
callbacks.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

    from simulator.engine.model import Debrief, Turn
    from simulator.engine.passing import Verdict
    from simulator.store.protocol import Store

log = logging.getLogger(__name__)

# How often writes held back by a server that is away are tried again. Each try waits at most the
# store's outage window (the app opens it with a short one), on the writer thread only.
RETRY_SECONDS = 3.0


@dataclass(eq=False)
class Pending:
    """One attempt's writes: what was played, and how much of it the scoreboard has.
    Mutable on purpose (the writer thread moves it along); read it through `Recorder`."""

    trainee: str
    team: str
    scenario_id: str
    scenario_hash: str
    scorer_version: str
    mode: str
    started_at: datetime
    id: str | None = None
    turns: list[Turn] = field(default_factory=list)
    saved_turns: int = 0
    debrief: Debrief | None = None
    verdict: Verdict | None = None
    finish_saved: bool = False
    lost: str | None = None  # why this attempt will not reach the scoreboard

    @property
    def saved(self) -> bool:
        """Everything played so far is on the scoreboard."""
        return (
            self.lost is None
            and self.id is not None
            and self.saved_turns == len(self.turns)
            and (self.debrief is None or self.finish_saved)
        )


class Outage(Exception):
    """The scoreboard cannot be reached now; the write is tried again later."""


class Recorder:
    """One writer thread for the app's scoreboard writes.

    `board()` opens the store (None: not usable now); `unusable()` says whether that is for
    good (a file that cannot be used) rather than a server that is away. `on_outage(detail)` and
    `on_back(count)` are called on the writer thread once per outage.
    """

    def __init__(
        self,
        board: Callable[[], Store | None],
        unusable: Callable[[], bool],
        on_outage: Callable[[str], None],
        on_back: Callable[[int], None],
        on_failure: Callable[[str, BaseException], None],
    ) -> None:
        self._board, self._unusable = board, unusable
        self._on_outage, self._on_back, self._on_failure = on_outage, on_back, on_failure
        self._queue: deque[tuple[Pending, str, int]] = deque()
        self._cond = threading.Condition()
        self._closing = False
        self._outage = False
        self._held = 0  # writes done since the outage began (told when it ends)
        self._thread: threading.Thread | None = None
        self.retry_seconds = RETRY_SECONDS

    # Called from the UI thread: each returns at once --------------------------------------

    def start(self, attempt: Pending) -> None:
        self._put(attempt, "start", 0)

    def turn(self, attempt: Pending, turn: Turn) -> None:
        with self._cond:
            attempt.turns.append(turn)
        self._put(attempt, "turn", len(attempt.turns) - 1)

    def finish(self, attempt: Pending, debrief: Debrief, verdict: Verdict | None) -> None:
        with self._cond:
            attempt.debrief, attempt.verdict = debrief, verdict
        self._put(attempt, "finish", 0)

    def waiting(self) -> int:
        """How many writes have not reached the scoreboard yet."""
        with self._cond:
            return len(self._queue)

    @property
    def in_outage(self) -> bool:
        return self._outage

    def unsaved(self) -> list[Pending]:
        """Attempts with writes still queued, oldest first."""
        with self._cond:
            seen: list[Pending] = []
            for attempt, _, _ in self._queue:
                if attempt not in seen:
                    seen.append(attempt)
            return seen

    def flush(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the queue to empty (trying at once); True if it did."""
        with self._cond:
            self._cond.notify_all()
            return self._cond.wait_for(lambda: not self._queue, timeout)

    def close(self) -> list[Pending]:
        """Stop the writer once its current write is done; returns the attempts whose writes
        were still queued (dropped from the queue: the caller keeps them elsewhere)."""
        left = self.unsaved()
        with self._cond:
            self._closing = True
            self._queue.clear()
            self._cond.notify_all()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)
        return left

    def _put(self, attempt: Pending, kind: str, index: int) -> None:
        with self._cond:
            self._queue.append((attempt, kind, index))
            self._cond.notify_all()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="recovery-sim-recorder", daemon=True
                )
                self._thread.start()

    # The writer thread ---------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._closing)
                if self._closing:
                    return
                attempt, kind, index = self._queue[0]
            try:
                self._write(attempt, kind, index)
            except Outage as error:
                self._went_away(str(error))
                with self._cond:
                    if self._closing:
                        return
                    self._cond.wait(self.retry_seconds)  # or sooner: a new write, a flush
                continue
            except Exception as error:  # noqa: BLE001 - reported, never a traceback
                log.warning("scoreboard write (%s) failed: %s", kind, error)
                with self._cond:
                    attempt.lost = str(error)
                self._on_failure(kind, error)
            with self._cond:
                self._queue.popleft()
                self._held += 1
                done = not self._queue
                self._cond.notify_all()
            if done and self._outage:
                self._outage = False
                self._on_back(self._held)

    def _went_away(self, detail: str) -> None:
        if not self._outage:
            self._outage = True
            self._held = 0
            self._on_outage(detail)

    def _write(self, attempt: Pending, kind: str, index: int) -> None:
        from simulator.store.errors import ServerUnavailableError

        if attempt.lost is not None:
            return  # an earlier write of this attempt failed for good: later ones are skipped
        board = self._board()
        if board is None:
            if self._unusable():
                attempt.lost = "the scoreboard cannot be used"
                return
            raise Outage("the scoreboard server is not answering")
        try:
            self._call(board, attempt, kind, index)
        except ServerUnavailableError as error:
            raise Outage(str(error)) from None

    @staticmethod
    def _call(board: Store, attempt: Pending, kind: str, index: int) -> None:
        if kind == "start":
            attempt.id = board.start_attempt(
                attempt.trainee,
                attempt.team,
                attempt.scenario_id,
                attempt.scenario_hash,
                attempt.scorer_version,
                attempt.mode,
                started_at=attempt.started_at,
            )
        elif attempt.id is None:
            raise RuntimeError("the attempt was never started on the scoreboard")
        elif kind == "turn":
            board.record_turn(attempt.id, attempt.turns[index])
            attempt.saved_turns = index + 1
        else:
            debrief: Any = attempt.debrief
            board.finish_from_debrief(attempt.id, debrief, attempt.verdict)
            attempt.finish_saved = True
