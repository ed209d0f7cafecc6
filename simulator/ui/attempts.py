"""The app's link to the engine and the scoreboard: one attempt, recorded turn by turn.

Recording never stops a conversation: if the scoreboard cannot be written, the trainee is told
once and keeps practising. Plain Python (no Textual), called from worker threads.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date, datetime

    from simulator.engine.conversation import Conversation
    from simulator.engine.model import Debrief, Turn
    from simulator.engine.passing import PassRule, Verdict
    from simulator.scenario.model import Scenario
    from simulator.store.assignments import Standing
    from simulator.store.protocol import Store

log = logging.getLogger(__name__)

# How long a call to a team server that went away keeps retrying before the trainee is told
# (the conversation waits for it to record the turn).
APP_OUTAGE_SECONDS = 2.0


def scorer_version() -> str:
    import scoring

    for name in ("SCORER_VERSION", "__version__", "VERSION"):
        value = getattr(scoring, name, None)
        if isinstance(value, str) and value:
            return value
    return "unknown"


class AttemptLog:
    """Opens the scoreboard lazily and keeps the current attempt's id."""

    def __init__(
        self,
        db_path: str | None,
        on_problem: Callable[[str, str], None],
        scorer: Callable[..., Any] | None = None,
    ) -> None:
        self.db_path = db_path
        self.scorer = scorer  # None: the real scorer (`scoring.score_reply`)
        self.on_problem = on_problem  # (title, detail) shown to the user, once per problem
        self.trainee = ""
        self.team = ""
        self.mode = "practice"
        self._board: Store | None = None
        self._failed: str | None = None
        self._attempt: str | None = None
        self._finished = True
        self._pending: tuple[Scenario, str, datetime] | None = None
        self._lock = threading.Lock()
        self._reported: set[str] = set()
        self._judging: tuple[PassRule, str] | None = None  # the attempt's pass rule and mode

    # The scoreboard -----------------------------------------------------------------------

    def board(self) -> Store | None:
        """The open scoreboard, or None after telling the user why it can't be used. A team
        server that is not answering is tried again on the next call; a file that cannot be
        used is not."""
        with self._lock:
            if self._board is None and self._failed is None:
                from simulator.store import open_store
                from simulator.store.errors import ServerUnavailableError

                try:
                    self._board = open_store(self.db_path, outage_seconds=APP_OUTAGE_SECONDS)
                except ServerUnavailableError as error:
                    self._report(
                        "server",
                        "The scoreboard server is not answering",
                        f"{error}\n\nYou can keep practising; attempts are recorded again once "
                        "the server answers.",
                    )
                except Exception as error:  # noqa: BLE001 - any failure becomes a message
                    self._failed = str(error)
                    self.on_problem(
                        "The scoreboard can't be used, so attempts are not recorded",
                        f"{error}\n\nYou can keep practising. To record attempts, start the app "
                        "with --db pointing at another file.",
                    )
            return self._board

    def close(self) -> None:
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
        one given up or quit before any reply is not kept as an attempt scored 0."""
        from simulator.store import timestamps

        self._finished = False
        self._attempt = None
        self._pending = (scenario, mode, timestamps.now())
        self._judging = (scenario.pass_rule, mode)
        self.board()  # a scoreboard that can't be used is reported now, not at the first reply

    def _begin(self) -> str | None:
        if self._pending is None:
            return self._attempt
        scenario, mode, began = self._pending
        self._pending = None
        self._attempt = self._guard(
            "start recording this attempt",
            lambda b: b.start_attempt(
                self.trainee,
                self.team,
                scenario.id,
                scenario.content_hash or "unknown",
                scorer_version(),
                mode,
                started_at=began,
            ),
        )
        return self._attempt

    @property
    def recorded(self) -> bool:
        """Whether this conversation has an attempt on the scoreboard (a reply was played)."""
        return self._attempt is not None

    def turn(self, turn: Turn) -> None:
        if self._finished:
            return
        attempt = self._begin()
        if attempt is not None:
            self._guard("record your reply", lambda b: b.record_turn(attempt, turn))

    def finish(self, debrief: Debrief) -> None:
        """Close the attempt once; later calls (e.g. quit after give up) change nothing.
        A conversation with no reply leaves nothing on the scoreboard."""
        if self._finished:
            return
        self._finished = True
        self._pending = None
        if self._attempt is not None:
            attempt = self._attempt
            verdict = self.verdict(debrief)
            self._guard(
                "save the result", lambda b: b.finish_from_debrief(attempt, debrief, verdict)
            )

    def verdict(self, debrief: Debrief) -> Verdict | None:
        """An assessment's pass or fail against the scenario's pass mark; None for practice."""
        from simulator.engine.passing import judge

        if self._judging is None:
            return None
        rule, mode = self._judging
        return judge(rule, mode, debrief.overall, debrief.outcome)
