"""The app's link to the engine and the scoreboard: one attempt, recorded turn by turn.

Recording never stops a conversation: writes go to a `Recorder` thread, and if the scoreboard
cannot be written the trainee is told once and keeps practising. Plain Python (no Textual).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.ui.recorder import Pending, Recorder

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from simulator.engine.conversation import Conversation
    from simulator.engine.model import Debrief, Turn
    from simulator.engine.passing import PassRule, Verdict
    from simulator.scenario.model import Scenario
    from simulator.store.assignments import Standing
    from simulator.store.protocol import Store

log = logging.getLogger(__name__)

# How long one write to a team server that went away keeps retrying before the recorder holds it
# back and tries again later (on its own thread: the conversation never waits for it).
APP_OUTAGE_SECONDS = 2.0
# How long quitting waits for held-back writes before it keeps them in a file instead.
SETTLE_SECONDS = 3.0


def scorer_version() -> str:
    import scoring

    for name in ("SCORER_VERSION", "__version__", "VERSION"):
        value = getattr(scoring, name, None)
        if isinstance(value, str) and value:
            return value
    return "unknown"


class AttemptLog:
    """Opens the scoreboard lazily and hands the current attempt's writes to a `Recorder`."""

    def __init__(
        self,
        db_path: str | None,
        on_problem: Callable[[str, str], None],
        scorer: Callable[..., Any] | None = None,
        on_notice: Callable[[str, str], None] | None = None,
    ) -> None:
        self.db_path = db_path
        self.scorer = scorer  # None: the real scorer (`scoring.score_reply`)
        self.on_problem = on_problem  # (title, detail) shown to the user, once per problem
        # (text, severity) shown without stopping the trainee (a toast); by default a problem.
        self.on_notice = on_notice or (lambda text, _: on_problem("Scoreboard", text))
        self.trainee = ""
        self.team = ""
        self.mode = "practice"
        self._board: Store | None = None
        self._failed: str | None = None
        self._current: Pending | None = None
        self._lock = threading.Lock()
        self._reported: set[str] = set()
        self._judging: tuple[PassRule, str] | None = None  # the attempt's pass rule and mode
        self.recorder = Recorder(
            self.board, lambda: self._failed is not None, self._outage, self._back, self._failure
        )

    # The scoreboard -----------------------------------------------------------------------

    def board(self) -> Store | None:
        """The open scoreboard, or None: after telling the user why a file can't be used, or
        while a team server is not answering (tried again on the next call). Blocks while it
        connects: call it off the UI thread."""
        with self._lock:
            if self._board is None and self._failed is None:
                from simulator.store import open_store
                from simulator.store.errors import ServerUnavailableError

                try:
                    self._board = open_store(self.db_path, outage_seconds=APP_OUTAGE_SECONDS)
                except ServerUnavailableError as error:
                    log.warning("scoreboard server not answering: %s", error)
                except Exception as error:  # noqa: BLE001 - any failure becomes a message
                    self._failed = str(error)
                    self.on_problem(
                        "The scoreboard can't be used, so attempts are not recorded",
                        f"{error}\n\nYou can keep practising. To record attempts, start the app "
                        "with --db pointing at another file.",
                    )
            return self._board

    @property
    def unusable(self) -> str | None:
        """Why the scoreboard cannot be used at all (already told), or None."""
        return self._failed

    def where(self) -> str:
        """The scoreboard for messages: a file, or the server's URL without its password."""
        if self._board is not None:
            return self._board.where
        from simulator.store.redact import redact_url

        return redact_url(self.db_path) if self.db_path else "the scoreboard"

    def settle(self, config_dir: Path, wait: float = SETTLE_SECONDS) -> str | None:
        """At exit: give held-back writes `wait` seconds to reach the scoreboard, then keep
        what is left in a file to import. Returns what to tell the user, or None."""
        if self.recorder.waiting():
            self.recorder.flush(wait)
        left = [a for a in self.recorder.close() if a.turns and a.lost is None]
        if not left:
            return None
        from simulator.ui.rescue import write_rescue

        try:
            path = write_rescue(config_dir, left)
        except OSError as error:
            return f"{len(left)} attempt(s) could not be saved, nor kept in a file: {error}"
        return (
            f"{len(left)} attempt(s) did not reach the scoreboard {self.where()} (it was not "
            f"answering); they are kept in {path}. When it answers, add them with:\n"
            f"  recovery-sim import {path} --db {self.where()}"
        )

    def close(self) -> None:
        self.recorder.close()
        with self._lock:
            if self._board is not None:
                self._board.close()
                self._board = None

    def _guard(self, what: str, call: Callable[[Store], Any]) -> Any:
        board = self.board()
        if board is None:
            return None
        try:
            return call(board)
        except Exception as error:  # noqa: BLE001
            log.warning("scoreboard %s failed: %s", what, error)
            self._report(what, f"Could not {what}", f"{error}\n\nYou can keep practising.")
            return None

    def _report(self, kind: str, title: str, detail: str) -> None:
        """Tell the user once per kind of failure, not once per turn."""
        if kind not in self._reported:
            self._reported.add(kind)
            self.on_problem(title, detail)

    # What the recorder tells (on its thread) ---------------------------------------------

    def _outage(self, detail: str) -> None:
        self.on_notice(
            f"The scoreboard server is not answering ({detail}). Keep practising: your "
            "replies are kept and saved as soon as it answers.",
            "warning",
        )

    def _back(self, count: int) -> None:
        done = f"{count} held-back write{'' if count == 1 else 's'} saved"
        self.on_notice(f"The scoreboard server is answering again: {done}.", "information")

    def _failure(self, kind: str, error: BaseException) -> None:
        what = {"start": "start recording this attempt", "turn": "record your reply"}
        action = what.get(kind, "save the result")
        self._report(action, f"Could not {action}", f"{error}\n\nYou can keep practising.")

    def best_scores(self) -> dict[str, int]:
        """This trainee's best overall per scenario id."""
        if not self.trainee.strip():
            return {}
        series = self._guard(
            "read your best scores", lambda b: b.progress(self.trainee, self.team or None)
        )
        best: dict[str, int] = {}
        for line in series or ():
            for point in line.points:
                best[line.scenario_id] = max(best.get(line.scenario_id, 0), point.overall)
        return best

    def my_assignments(self, today: date) -> tuple[Standing, ...]:
        """Where this trainee stands on their team's assignments (as `progress` counts it)."""
        from simulator.store.assignments import trainee_progress

        if not (self.trainee.strip() and self.team.strip()):
            return ()
        found = self._guard(
            "read your assignments",
            lambda b: trainee_progress(b, self.trainee, self.team, today),
        )
        return found or ()

    # One attempt -------------------------------------------------------------------------

    def new_conversation(self, scenario: Scenario, seed: int | None) -> Conversation:
        from simulator.engine.conversation import Conversation

        seed = seed if seed is not None else random.randrange(2**31)
        if self.scorer is None:
            return Conversation(scenario, seed)  # the engine's own default: the real scorer
        return Conversation(scenario, seed, scorer=self.scorer)

    def start(self, scenario: Scenario, mode: str) -> None:
        """A conversation begins; the attempt is recorded with its first reply (`turn`), so
        one given up or quit before any reply is not kept as an attempt scored 0. Returns at
        once: the scoreboard is opened (and a problem with it reported) on a worker thread."""
        from simulator.store import timestamps

        self._current = Pending(
            self.trainee,
            self.team,
            scenario.id,
            scenario.content_hash or "unknown",
            scorer_version(),
            mode,
            timestamps.now(),
        )
        self._judging = (scenario.pass_rule, mode)
        threading.Thread(target=self.board, name="recovery-sim-open", daemon=True).start()

    @property
    def recorded(self) -> bool:
        """Whether this conversation has an attempt for the scoreboard (a reply was played)."""
        return self._current is not None and bool(self._current.turns)

    def turn(self, turn: Turn) -> None:
        """Queue the turn for the scoreboard; returns at once (the recorder writes it)."""
        attempt = self._current
        if attempt is None or attempt.debrief is not None:
            return
        if not attempt.turns:
            self.recorder.start(attempt)
        self.recorder.turn(attempt, turn)

    def finish(self, debrief: Debrief) -> None:
        """Close the attempt once; later calls (e.g. quit after give up) change nothing.
        A conversation with no reply leaves nothing on the scoreboard."""
        attempt = self._current
        if attempt is None or attempt.debrief is not None:
            return
        if not attempt.turns:
            self._current = None
            return
        self.recorder.finish(attempt, debrief, self.verdict(debrief))

    def save_state(self) -> str | None:
        """For the debrief: None when this attempt is on the scoreboard (or nothing was
        played), else a sentence saying where it stands and what to do."""
        attempt = self._current
        if attempt is None or not attempt.turns or attempt.saved:
            return None
        if attempt.lost is not None:
            return (
                f"This attempt could not be saved to {self.where()}: {attempt.lost}. "
                "Its debrief can still be saved with d."
            )
        if self.recorder.in_outage:
            return (
                f"Not saved yet: the scoreboard server {self.where()} is not answering. "
                f"It is kept and saved as soon as the server answers (tried every "
                f"{self.recorder.retry_seconds:g} s): keep the app open until this line goes. "
                "Quitting first writes it to a file to import."
            )
        return "Saving this attempt to the scoreboard…"

    def verdict(self, debrief: Debrief) -> Verdict | None:
        """An assessment's pass or fail against the scenario's pass mark; None for practice."""
        from simulator.engine.passing import judge

        if self._judging is None:
            return None
        rule, mode = self._judging
        return judge(rule, mode, debrief.overall, debrief.outcome)
