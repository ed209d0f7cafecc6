"""A past attempt's debrief, read-only: opened from the scoreboard, with its coaching notes.

The same screen the trainee saw after the conversation (`DebriefScreen`), rebuilt from the stored
attempt (`simulator.engine.rebuild`), without the keys that would play again or write a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from simulator.engine.passing import Verdict
from simulator.engine.rebuild import Rebuilt, stored_verdict
from simulator.text_safety import visible
from simulator.ui.screens.debrief import DebriefScreen
from simulator.ui.text import literal

if TYPE_CHECKING:
    from simulator.scenario.library import Library
    from simulator.store import AttemptRecord, Note
    from simulator.ui.attempts import AttemptLog

NOTES_TAB = "notes"
NO_MARKS = (
    "No marks: they are found by scoring the replies again, which needs the scenario file "
    "the attempt was played on."
)


def read_replay(
    attempts: AttemptLog, library: Library | None, attempt_id: str
) -> tuple[AttemptRecord, Rebuilt, tuple[Note, ...]] | None:
    """What the replay shows, read as `recovery-sim replay` reads it (the attempt and its
    notes) and rebuilt on the library's file of its scenario; None while the scoreboard is not
    answering. Blocks (and scores): call it off the UI thread."""
    from simulator.engine.rebuild import rebuild
    from simulator.ui.attempts import scorer_version

    board = attempts.board()
    if board is None:
        return None
    record = board.attempt(attempt_id)
    notes = board.notes_for(record.id)
    scenario = library.by_id().get(record.scenario_id) if library is not None else None
    return record, rebuild(record, scenario, scorer_version(), attempts.scorer), notes


class ReplayScreen(DebriefScreen):
    """Read-only: Escape goes back to where it was opened from."""

    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("5", f"tab('{NOTES_TAB}')", "Coaching notes"),
    ]
    # The debrief's keys that would play again, leave for the library or write a file.
    WRITING_ACTIONS = frozenset({"retry", "pick_another", "scoreboard", "save"})
    action_save = None  # type: ignore[assignment]  # no "Save debrief" in the command palette

    def __init__(self, record: AttemptRecord, rebuilt: Rebuilt, notes: Sequence[Note]) -> None:
        super().__init__(rebuilt.scenario, rebuilt.debrief, record.mode)
        self.record, self.rebuilt, self.notes = record, rebuilt, tuple(notes)

    def compose(self) -> ComposeResult:
        yield Static(self._about(), id="replay-about")
        yield from super().compose()

    async def on_mount(self) -> None:  # DebriefScreen.on_mount runs as well, after this
        tabs = self.query_one("#debrief-tabs", TabbedContent)
        await tabs.add_pane(
            TabPane(
                f"Coaching notes ({len(self.notes)}) [5]",
                VerticalScroll(Static(notes_text(self.notes), id="notes-text")),
                id=NOTES_TAB,
            )
        )

    def _label(self) -> None:
        super()._label()
        self.sub_title = f"Replay · {self.scenario.title} · {self.mode} · read-only"
        if not self.rebuilt.marked:
            self.query_one("#reason", Static).update(NO_MARKS)
            self.query_one("#arc-text", Static).update(Text(NO_MARKS, style="italic"))

    def _about(self) -> Text:
        """Whose attempt, when, and anything that makes it differ from what the trainee saw."""
        record = self.record
        when = record.started_at.strftime("%Y-%m-%d %H:%M UTC")
        text = Text("Replay (read-only) · ", style="bold")
        text.append(visible(f"{record.trainee} ({record.team})"))
        text.append(f" · started {when} · attempt {record.id[:13]}")
        if self.notes:
            count = len(self.notes)
            text.append(f" · {count} coaching note{'' if count == 1 else 's'}: press 5")
        for notice in self.rebuilt.notices:
            text.append("\n")
            text.append(literal(f"! {notice}", style="bold yellow"))
        return text

    def _show_save_state(self) -> None:
        """Nothing is being saved here: the line stays hidden."""
        self.query_one("#save-state", Static).display = False

    def verdict(self) -> Verdict | None:
        return stored_verdict(self.record)  # the pass mark at the time, not today's

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self.WRITING_ACTIONS  # False: not shown, and the key does nothing

    def action_close(self) -> None:
        self.dismiss()

    # Nothing here plays again or writes: the debrief's keys are not bound, and these stay inert.
    def action_retry(self) -> None:
        return

    def action_pick_another(self) -> None:
        return

    def action_scoreboard(self) -> None:
        return


def notes_text(notes: Sequence[Note]) -> Text:
    """Each note: date and author, then its text, as plain text with its line breaks kept."""
    if not notes:
        return Text("No coaching notes on this attempt yet.", style="italic")
    text = Text()
    for position, note in enumerate(notes):
        if position:
            text.append("\n\n")
        text.append(note.created_at.strftime("%Y-%m-%d %H:%M UTC"), style="bold")
        text.append(" · ")
        text.append(visible(note.author), style="bold")
        text.append("\n")
        text.append("\n".join(visible(line) for line in note.text.split("\n")))
    return text
