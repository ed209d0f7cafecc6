"""A conversation with one customer: chat, anger meter, replies left, and the coach in practice."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, LoadingIndicator, Static

from scoring.model import HIGH_THRESHOLD
from simulator.engine.moment import moment_note
from simulator.text_safety import visible
from simulator.ui.coaching import label, next_hint
from simulator.ui.lifetime import still_shown
from simulator.ui.messages import ConversationEnded
from simulator.ui.screens.confirm import ConfirmDialog
from simulator.ui.screens.error import ErrorDialog
from simulator.ui.text import OUTCOME_STYLES, OUTCOME_WORDS, literal
from simulator.ui.widgets.anger_meter import AngerMeter
from simulator.ui.widgets.chat import ChatLog
from simulator.ui.widgets.coach import CoachPanel
from simulator.ui.widgets.reply_input import ReplyBox

if TYPE_CHECKING:
    from simulator.engine.model import Turn
    from simulator.scenario.model import Scenario
    from simulator.ui.attempts import AttemptLog


class ConversationScreen(Screen[None]):
    CSS_PATH = "conversation.tcss"  # parsed when first shown, not at start-up
    BINDINGS = [
        Binding("ctrl+g", "hint", "Hint"),
        Binding("escape", "give_up", "Give up"),
        Binding("ctrl+d", "debrief", "Debrief"),
        Binding("f1", "app.help", "Help"),
    ]

    locked: reactive[bool] = reactive(False)

    def __init__(self, scenario: Scenario, mode: str, attempts: AttemptLog, seed: int | None):
        super().__init__()
        self.scenario = scenario
        self.mode = mode
        self.attempts = attempts
        self.seed = seed
        self.conversation = attempts.new_conversation(scenario, seed)
        self.opening = self.conversation.transcript[0].text
        self.finished = False
        self.turns_shown = 0
        self._pending: Widget | None = None

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="conversation-top"):
            yield Static(literal(self.scenario.customer.name, style="bold"), id="customer-name")
            yield AngerMeter(id="anger")
            yield Static("", id="replies-left")
        with Horizontal(id="conversation-body"):
            yield ChatLog(id="chat")
            if self.practice:
                yield CoachPanel(id="coach")
        with Horizontal(id="typing"):
            yield LoadingIndicator()
            yield Static(literal(f"{self.scenario.customer.name} is typing…"), id="typing-label")
        yield Button("See your debrief ▶", id="to-debrief", variant="success")
        yield ReplyBox(id="reply-box")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = visible(f"{self.scenario.title} · {self.mode}")
        self.query_one(AngerMeter).set_anger(self.conversation.anger)
        self._show_replies_left()
        name = self.scenario.customer.name
        self.query_one(ChatLog).add(name, self.opening, side="customer")
        self.attempts.start(self.scenario, self.mode)
        self.query_one(ReplyBox).area.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once the conversation is over, only the way to the debrief is offered."""
        if action == "hint":
            return self.practice and not self.finished
        if action == "give_up":
            return not self.finished and not self.locked
        if action == "debrief":
            return self.finished
        return True

    def watch_locked(self, locked: bool) -> None:
        self.query_one(ReplyBox).locked = locked
        self.set_class(locked, "-typing")
        self.refresh_bindings()

    def _show_replies_left(self) -> None:
        state = self.conversation.state
        if state != "ongoing":  # "0 replies left" would misread a resolved conversation
            label = Text(OUTCOME_WORDS[state], style=OUTCOME_STYLES[state])
            self.query_one("#replies-left", Static).update(label)
            return
        left = self.conversation.replies_left
        label = Text(f"{left} {'reply' if left == 1 else 'replies'} left", style="bold")
        if left <= 1:
            label.stylize("red")
        self.query_one("#replies-left", Static).update(label)

    @on(ReplyBox.Send)
    def _send(self, event: ReplyBox.Send) -> None:
        if self.finished or self.locked:
            return
        self.locked = True  # before the worker starts: a second Enter must not send twice
        self._pending = self.query_one(ChatLog).add("You", event.text, side="trainee")
        self.query_one(ReplyBox).clear()
        self.answer(event.text)

    @work(exclusive=True, group="reply")
    async def answer(self, text: str) -> None:
        """Score the reply and let the customer answer, off the event loop."""
        self.locked = True
        try:
            turn = await asyncio.to_thread(self.conversation.reply, text)
        except Exception as error:  # noqa: BLE001 - shown to the user, never a traceback
            if not still_shown(self):
                return
            self.locked = False
            if self._pending is not None and self._pending.parent is not None:
                self._pending.parent.remove()  # the reply goes back to the box, not the chat
            box = self.query_one(ReplyBox)
            box.area.text = text
            self.app.push_screen(
                ErrorDialog(
                    "The customer could not answer that reply",
                    f"{error}\n\nYour reply is back in the box: edit it or send it again.",
                )
            )
            return
        if self.finished:
            return  # given up or quit while the customer was answering
        self.attempts.turn(turn)  # queued: the recorder writes it off the UI thread
        delay = float(getattr(self.app, "customer_delay", 0.0))
        if delay > 0:
            await asyncio.sleep(delay)
        if not still_shown(self):
            return
        self._show_turn(turn)
        self.locked = False
        if self.conversation.state != "ongoing":
            self._finish()

    def _show_turn(self, turn: Turn) -> None:
        self.turns_shown += 1
        self.query_one(ChatLog).add(self.scenario.customer.name, turn.customer, side="customer")
        self.query_one(AngerMeter).set_anger(turn.anger_after, turn.anger_before)
        self._show_replies_left()
        if self.practice:
            scores = dict(turn.score.dimensions)
            high = {d for d, s in scores.items() if s >= HIGH_THRESHOLD}
            coach = self.query_one(CoachPanel)
            coach.update_scores(scores, high)
            labels = {d: label(d) for d in scores}
            coach.show_moment(moment_note(turn).lines(labels))

    def _finish(self) -> None:
        self.finished = True
        # The result is saved now, not when the debrief opens: a tab closed or a session ended
        # on this screen keeps the outcome (the debrief's own save is then a no-op).
        self.attempts.finish(self.conversation.debrief())
        outcome = self.conversation.state
        self.query_one(ChatLog).add("", f"— {OUTCOME_WORDS.get(outcome, outcome)} —", side="note")
        self.query_one(ReplyBox).locked = True
        self.refresh_bindings()
        # Keys typed ahead (the end can come mid-sentence) must not press the debrief button.
        guard = float(getattr(self.app, "customer_delay", 0.0))
        if guard > 0:
            self.set_timer(guard, self._offer_debrief)
        else:
            self._offer_debrief()

    def _offer_debrief(self) -> None:
        self.add_class("-finished")
        self.query_one("#to-debrief", Button).focus()

    @on(Button.Pressed, "#to-debrief")
    def action_debrief(self) -> None:
        debrief = self.conversation.debrief()
        self.attempts.finish(debrief)
        self.post_message(ConversationEnded(self.scenario, debrief))

    def action_hint(self) -> None:
        coach = self.query_one(CoachPanel)
        coach.show_hint(next_hint(coach.shown, self.scenario))

    def action_give_up(self) -> None:
        if self.finished:
            self.action_debrief()
            return

        def answered(give_up: bool | None) -> None:
            if give_up:
                self.abandon()
                self.action_debrief()

        self.app.push_screen(
            ConfirmDialog(self._give_up_question(), "Give up", "Stay"),
            answered,
        )

    def _give_up_question(self) -> str:
        if not self.conversation.turns:
            return "Give up this conversation? Nothing is recorded: you have not replied yet."
        return "Give up this conversation? It is kept as abandoned."

    def on_unmount(self) -> None:
        """The app ended on this screen (a browser tab closed, an idle session ended). Every
        turn is saved already; a conversation cut short is kept as abandoned, as quitting
        keeps it."""
        self.abandon()  # a no-op once the conversation has ended (its result is saved already)

    def abandon(self) -> None:
        """Mark the attempt abandoned (used by give up and by quitting the app)."""
        if not self.finished:
            self.conversation.abandon()
            self.finished = True
            self.attempts.finish(self.conversation.debrief())
