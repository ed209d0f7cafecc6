"""The Textual app: wires screens to the library, the engine and the scoreboard.

Screens post messages (`simulator.ui.messages`); this module decides which screen comes next.
Everything heavy is imported lazily so the first screen is up fast.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from simulator.text_safety import visible
from simulator.ui.attempts import AttemptLog
from simulator.ui.lifetime import still_shown
from simulator.ui.messages import ConversationEnded, OpenScoreboard, PickAnother, ScenarioPicked
from simulator.ui.preload import start_library_load
from simulator.ui.screens.start import StartScreen
from simulator.ui.settings import (
    default_config_dir,
    load_settings,
    save_settings,
    user_config_dir,
)

if TYPE_CHECKING:
    from simulator.scenario.library import Library

DEFAULT_CUSTOMER_DELAY = 0.8  # seconds of "typing…": long enough to read as a pause, not a wait


class RecoverySimApp(App[int]):
    TITLE = "Recovery Simulator"
    CSS_PATH = "ui/app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [Binding("f1", "help", "Help", show=False)]

    def __init__(
        self,
        scenario_dirs: Sequence[Path] = (),
        db_path: str | None = None,
        *,
        customer_delay: float = DEFAULT_CUSTOMER_DELAY,
        config_dir: Path | None = None,
        exit_after_ready: bool = False,
        seed: int | None = None,
        scorer: Callable[..., Any] | None = None,
        bundled_library: bool = True,
        library_future: Future[Library] | None = None,
        trainee: str | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        # Set when a sign-in proxy named the user (`serve --trust-user-header`): the name is
        # theirs, not typed, and their settings are kept apart from everyone else's.
        self.locked_trainee = trainee.strip() if trainee and trainee.strip() else None
        self.scenario_dirs = tuple(scenario_dirs)
        self.db_path = db_path
        self.customer_delay = customer_delay
        self.config_dir = config_dir or default_config_dir()
        if self.locked_trainee:
            self.config_dir = user_config_dir(self.config_dir, self.locked_trainee)
        self.exit_after_ready = exit_after_ready
        self._today = today  # fixed by tests; otherwise the real date, read when needed
        self.seed = seed
        self.bundled_library = bundled_library
        self.settings, self._settings_warning = load_settings(self.config_dir)
        if self.locked_trainee:
            self.settings = self.settings.with_changes(name=self.locked_trainee)
        self.attempts = AttemptLog(db_path, self.show_problem, scorer, self.show_notice)
        self.exit_message: str | None = None  # printed by the CLI once the app has gone
        self.library: Library | None = None
        self._ui_thread = threading.get_ident()
        # Begun by the CLI before Textual was imported, or now.
        self._library_future = library_future or start_library_load(
            self.scenario_dirs, bundled=bundled_library
        )

    # Start-up --------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # The first screen is the library: one screen to build, not two. It starts with the
        # breakpoint class the first resize would give it, so that resize restyles nothing.
        width = self.size.width
        names = [name for low, name in self.HORIZONTAL_BREAKPOINTS if width >= low]
        return StartScreen(classes=names[-1] if names else None)

    def on_mount(self) -> None:
        self._ui_thread = threading.get_ident()
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self._settings_warning:
            self.notify(visible(self._settings_warning), severity="warning", markup=False)

    def library_if_loaded(self) -> Library | None:
        """The library when it has already been read (so the first frame can show it)."""
        future = self._library_future
        if future.done() and future.exception() is None:
            self.library = future.result()
        return self.library

    async def load_library(self) -> Library:
        """The library, read off the event loop (started when the app was built)."""
        self.library = await asyncio.wrap_future(self._library_future)
        return self.library

    def today(self) -> date:
        """The date assignments are judged on (due dates are days, not moments)."""
        return self._today or date.today()

    async def best_scores(self) -> dict[str, int]:
        """This trainee's best score per scenario (opens the scoreboard off the event loop)."""
        self._sync_trainee()
        return await asyncio.to_thread(self.attempts.best_scores)

    def screen_ready(self) -> bool:
        """The library is on screen. True when the app is about to exit (startup benchmark)."""
        if self.exit_after_ready:
            self.call_after_refresh(self.exit, 0)  # once the filled table has been painted
            return True
        if self.attempts.scorer is None:
            self.run_worker(_warm_up_scorer, thread=True, group="warm-up", exit_on_error=False)
        return False

    # Settings --------------------------------------------------------------------------------

    def remember_trainee(self, name: str, team: str) -> None:
        name = self.locked_trainee or name.strip()
        self.settings = self.settings.with_changes(name=name, team=team.strip())
        self._sync_trainee()

    def set_mode(self, mode: str) -> None:
        if mode != self.settings.mode:
            self.settings = self.settings.with_changes(mode=mode)
            self.notify(f"Mode: {mode}", timeout=2)

    def _sync_trainee(self) -> None:
        self.attempts.trainee, self.attempts.team = self.settings.name, self.settings.team

    def _save_settings(self) -> None:
        problem = save_settings(self.config_dir, self.settings.with_changes(theme=self.theme))
        if problem:
            self.notify(visible(problem), severity="warning", markup=False)

    # Navigation --------------------------------------------------------------------------

    def on_scenario_picked(self, message: ScenarioPicked) -> None:
        from simulator.ui.screens.conversation import ConversationScreen

        if self._ongoing() is not None:
            self.notify("Finish this conversation first, or give it up with Esc.")
            return
        if not (self.settings.name and self.settings.team):
            self._back_to_start()
            self.notify(
                "Enter your name and team first, so your scores are kept.", severity="warning"
            )
            return
        self._save_settings()
        self._sync_trainee()
        self._back_to_start()
        mode = message.mode or self.settings.mode
        self.push_screen(ConversationScreen(message.scenario, mode, self.attempts, self.seed))

    def on_conversation_ended(self, message: ConversationEnded) -> None:
        from simulator.ui.screens.debrief import DebriefScreen

        mode = getattr(self.screen, "mode", self.settings.mode)
        self.switch_screen(DebriefScreen(message.scenario, message.debrief, mode))

    def on_pick_another(self, _: PickAnother) -> None:
        self._back_to_start()
        self.refresh_best()

    def on_open_scoreboard(self, _: OpenScoreboard) -> None:
        self.action_scoreboard()

    def _back_to_start(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()

    def refresh_best(self) -> None:
        start = next((s for s in self.screen_stack if isinstance(s, StartScreen)), None)
        if start is not None:
            self.run_worker(self._load_best(start), exclusive=True, group="best")

    async def _load_best(self, start: StartScreen) -> None:
        best = await self.best_scores()
        if not still_shown(start):
            return  # the app closed while the scoreboard was read
        start.refresh_best(best)
        mine = await asyncio.to_thread(self.attempts.my_assignments, self.today())
        if still_shown(start):
            start.refresh_assignments(mine)

    def _ongoing(self) -> Any:
        from simulator.ui.screens.conversation import ConversationScreen

        screen = self.screen
        if isinstance(screen, ConversationScreen) and not screen.finished:
            return screen
        return None

    # Actions (bindings and the command palette) ----------------------------------------------

    def action_help(self) -> None:
        from simulator.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_scoreboard(self) -> None:
        from simulator.ui.screens.scoreboard import ScoreboardScreen

        if not isinstance(self.screen, ScoreboardScreen):
            self.push_screen(ScoreboardScreen(self.attempts))

    def action_progress(self) -> None:
        """The lead's progress screen (from the skills screen: in its place, on its team)."""
        from simulator.ui.screens.progress import ProgressScreen
        from simulator.ui.screens.skills import SkillsScreen

        self._lead_screen(ProgressScreen, SkillsScreen)

    def action_skills(self) -> None:
        """The skills heatmap (from the progress screen: in its place, on its team)."""
        from simulator.ui.screens.progress import ProgressScreen
        from simulator.ui.screens.skills import SkillsScreen

        self._lead_screen(SkillsScreen, ProgressScreen)

    def _lead_screen(self, wanted: type[Any], other: type[Any]) -> None:
        screen = self.screen
        if isinstance(screen, wanted):
            return
        if isinstance(screen, other):
            self.switch_screen(wanted(self.attempts, team=screen.team))
        else:
            self.push_screen(wanted(self.attempts))

    def action_switch_mode(self) -> None:
        mode = "assessment" if self.settings.mode == "practice" else "practice"
        self.set_mode(mode)
        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.show_mode(mode)
        if self._ongoing() is not None:
            self.notify("The new mode applies from the next conversation.", timeout=3)

    def action_pick_scenario(self) -> None:
        from simulator.ui.commands import ScenarioCommands

        self.push_screen(
            _palette(ScenarioCommands, "Start which scenario?"),
        )

    async def action_quit(self) -> None:
        conversation = self._ongoing()
        if conversation is None:
            await self._leave()
            return
        from simulator.ui.screens.confirm import ConfirmDialog

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                conversation.abandon()
                self.run_worker(self._leave(), group="leave", exclusive=True)

        self.push_screen(
            ConfirmDialog(
                "Quit in the middle of this conversation? It is kept as abandoned.", "Quit", "Stay"
            ),
            answered,
        )

    async def _leave(self) -> None:
        """Save the settings, give held-back scoreboard writes a moment (off the event loop),
        keep any left in a file (the CLI prints where), and exit."""
        self._save_settings()
        if self.attempts.recorder.waiting():
            self.notify("Saving to the scoreboard…", timeout=3)
        self.exit_message = await asyncio.to_thread(self.attempts.settle, self.config_dir)
        self.attempts.close()
        self.exit(0)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Start scenario", "Pick a scenario to practise", self.action_pick_scenario
        )
        yield SystemCommand(
            "Scoreboard", "Leaderboard, team comparison, progress", self.action_scoreboard
        )
        yield SystemCommand(
            "Progress", "Who has done their assignments; who is behind", self.action_progress
        )
        yield SystemCommand(
            "Skills heatmap",
            "Each trainee's mean of the six skills; each team's weakest",
            self.action_skills,
        )
        yield SystemCommand(
            "Switch mode", "Between practice (coach on) and assessment", self.action_switch_mode
        )
        yield SystemCommand("Help", "Keys and what is scored", self.action_help)
        save = getattr(screen, "action_save", None)
        if save is not None:
            where = "download it" if self.is_web else "save it in your Downloads folder"
            yield SystemCommand("Save debrief", f"The debrief as a text file: {where} (d)", save)
        yield from super().get_system_commands(screen)

    @on(events.DeliveryComplete)
    def _debrief_delivered(self, event: events.DeliveryComplete) -> None:
        from simulator.ui.screens.debrief import DEBRIEF_DELIVERY

        if event.name == DEBRIEF_DELIVERY:
            where = "Your browser is downloading it." if event.path is None else str(event.path)
            self.notify(f"Saved your debrief. {where}", title="Debrief", markup=False)

    @on(events.DeliveryFailed)
    def _debrief_failed(self, event: events.DeliveryFailed) -> None:
        from simulator.ui.screens.debrief import DEBRIEF_DELIVERY

        if event.name == DEBRIEF_DELIVERY:
            self.notify("Could not save the debrief.", severity="error", markup=False)

    def watch_theme(self, theme: str) -> None:
        self.settings = self.settings.with_changes(theme=theme)

    # Problems from any thread ---------------------------------------------------------------

    def show_notice(self, text: str, severity: str) -> None:
        """A message that does not stop the trainee (a toast), from any thread."""
        kind: Any = severity
        timeout = 12 if severity != "information" else 6
        if threading.get_ident() == self._ui_thread:
            self.notify(visible(text), severity=kind, timeout=timeout, markup=False)
        elif self.is_running:
            try:
                self.call_from_thread(
                    self.notify, visible(text), severity=kind, timeout=timeout, markup=False
                )
            except RuntimeError:  # the app ended meanwhile: the exit message says what matters
                pass

    def show_problem(self, title: str, detail: str) -> None:
        from simulator.ui.screens.error import ErrorDialog

        if threading.get_ident() == self._ui_thread:
            self.push_screen(ErrorDialog(title, detail))
        else:
            self.call_from_thread(self.push_screen, ErrorDialog(title, detail))


def _warm_up_scorer() -> None:
    """Load the scorer's lexicons while the trainee reads the library, not on the first reply."""
    from scoring import score_reply

    score_reply("I'm sorry, that was our mistake.")


def _palette(provider: Any, placeholder: str) -> Screen[Any]:
    from textual.command import CommandPalette

    return CommandPalette(providers=[provider], placeholder=placeholder)


def make_app(
    scenario_dirs: Sequence[Path] = (), db_path: str | None = None, **settings: Any
) -> RecoverySimApp:
    """The one way to build the app: used by `run.py`, the console script and the tests.

    `settings`: customer_delay (seconds), config_dir (where name/team are remembered),
    exit_after_ready (for the startup benchmark), seed (same seed, same customer lines),
    scorer (defaults to `scoring.score_reply`), bundled_library (False: only `scenario_dirs`),
    library_future (a `simulator.ui.preload.start_library_load` begun earlier, e.g. by the CLI),
    trainee (the name a sign-in proxy gave: locked, with settings of its own),
    today (the date assignments are judged on; tests fix it).
    """
    return RecoverySimApp(scenario_dirs=scenario_dirs, db_path=db_path, **settings)
