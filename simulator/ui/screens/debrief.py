"""After the conversation: outcome, six scores, the marked transcript, tips and model replies."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from simulator.engine.model import Debrief, mood_for
from simulator.engine.passing import Verdict, judge
from simulator.scenario.model import Scenario
from simulator.text_safety import visible
from simulator.ui.coaching import label
from simulator.ui.messages import OpenScoreboard, PickAnother, ScenarioPicked
from simulator.ui.text import (
    OUTCOME_STYLES,
    OUTCOME_SYMBOLS,
    OUTCOME_WORDS,
    literal,
    score_style,
)
from simulator.ui.widgets.arc_view import arc_text
from simulator.ui.widgets.marked_transcript import (
    MarkedTranscript,
    mark_label,
    mark_reason,
    marks_for,
)
from simulator.ui.widgets.score_bars import ScoreBars

DEBRIEF_DELIVERY = "debrief"  # the name the app's delivery messages carry


class DebriefScreen(Screen[None]):
    CSS_PATH = "debrief.tcss"  # parsed when first shown, not at start-up
    BINDINGS = [
        Binding("r", "retry", "Retry"),
        Binding("p,escape", "pick_another", "Pick another"),
        Binding("s", "scoreboard", "Scoreboard"),
        Binding("1", "tab('scores')", "Scores", show=False),
        Binding("2", "tab('transcript')", "Transcript", show=False),
        Binding("3", "tab('models')", "Model replies", show=False),
        Binding("4", "tab('arc')", "Recovery arc", show=False),
        Binding("d", "save", "Save debrief", show=False),  # also in the command palette
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, scenario: Scenario, debrief: Debrief, mode: str) -> None:
        super().__init__()
        self.scenario, self.debrief, self.mode = scenario, debrief, mode
        self.marks = marks_for(debrief.turns)
        self.armed = False

    def compose(self) -> ComposeResult:
        debrief = self.debrief
        yield Header()
        yield Static(self._outcome_line(), id="outcome")
        yield Static("", id="save-state")
        with TabbedContent(id="debrief-tabs"):
            with TabPane("Scores [1]", id="scores"):
                with Horizontal(id="scores-body"):
                    with Vertical(id="scores-left"):
                        yield ScoreBars(debrief.dimensions, overall=debrief.overall, id="bars")
                        with Vertical(id="tips"):
                            yield Static(self._tips(), id="tips-text")
                    yield Static(self._per_reply(), id="per-reply")
            with TabPane("Transcript [2]", id="transcript"):
                with Horizontal(id="transcript-body"):
                    yield MarkedTranscript(
                        self.scenario.customer.name,
                        self.scenario.opening,
                        debrief.turns,
                        id="marked",
                    )
                    with Vertical(id="marks-side"):
                        yield OptionList(
                            *[
                                Option(mark_label(m, label(m.evidence.dimension)))
                                for m in self.marks
                            ],
                            id="marks",
                        )
                        yield Static("", id="reason")
            with TabPane("Model replies [3]", id="models"):
                with VerticalScroll():
                    yield Static(self._models(), id="models-text")
            with TabPane("Recovery arc [4]", id="arc"):
                with VerticalScroll():
                    yield Static(arc_text(debrief), id="arc-text")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter keys act only once typing-ahead from the conversation can no longer reach them."""
        if action in ("retry", "pick_another", "scoreboard"):
            return self.armed
        return True

    def _arm(self) -> None:
        self.armed = True
        self.refresh_bindings()

    def on_mount(self) -> None:
        guard = float(getattr(self.app, "customer_delay", 0.0))
        if guard > 0:
            self.set_timer(guard, self._arm)
        else:
            self._arm()
        self._label()
        self._show_save_state()
        self.set_interval(1.0, self._show_save_state)

    def _label(self) -> None:
        """The title and the panels' labels (a read-only replay says more)."""
        self.sub_title = f"Debrief · {self.scenario.title} · {self.mode}"
        self.query_one("#marks", OptionList).border_title = "Marks (▲ raised ▼ lowered)"
        self.query_one("#tips").border_title = "Top tips"
        if not self.marks:
            self.query_one("#reason", Static).update("No reply moved a score.")

    def _show_save_state(self) -> None:
        """Whether the attempt reached the scoreboard: shown only while it has not."""
        attempts = getattr(self.app, "attempts", None)
        state = attempts.save_state() if attempts is not None else None
        line = self.query_one("#save-state", Static)
        line.display = state is not None and state != "Saving this attempt to the scoreboard…"
        line.update(Text(state or "", style="bold yellow"))

    def verdict(self) -> Verdict | None:
        """Pass or fail against the scenario's pass mark (None for practice)."""
        d = self.debrief
        return judge(self.scenario.pass_rule, self.mode, d.overall, d.outcome)

    def _outcome_line(self) -> Text:
        d = self.debrief
        mood = mood_for(d.final_anger)
        symbol = OUTCOME_SYMBOLS.get(d.outcome, "•")
        text = Text(
            f"{symbol} {OUTCOME_WORDS.get(d.outcome, d.outcome)}",
            style=OUTCOME_STYLES.get(d.outcome, ""),
        )
        text.append(" · ")
        text.append(visible(self.scenario.customer.name))
        text.append(f": {mood} ({d.final_anger}) after {d.replies_used}/{d.patience} replies · ")
        text.append(f"Overall {d.overall}/100", style=f"bold {score_style(d.overall)}")
        verdict = self.verdict()
        if verdict is not None:  # the word says it; the colour only repeats it
            text.append(" · ")
            text.append(verdict.text, style="bold green" if verdict.passed else "bold red")
        if not d.turns:
            text.append(" · not recorded (no replies)", style="dim")
        return text

    def _per_reply(self) -> Text:
        """Reply by reply: its overall score and how the customer's anger moved."""
        text = Text("Reply by reply\n", style="bold underline")
        text.append(f"Start: anger {self.scenario.customer.anger}\n", style="dim")
        for turn in self.debrief.turns:
            change = turn.anger_after - turn.anger_before
            arrow, style = (
                ("▲", "red") if change > 0 else ("▼", "green") if change < 0 else ("=", "")
            )
            text.append(f"{turn.index + 1:>2}. overall ")
            text.append(f"{turn.score.overall:>3}", style=f"bold {score_style(turn.score.overall)}")
            text.append("  anger ")
            text.append(f"{arrow}{abs(change):<3}", style=style)
            text.append(f"→ {turn.anger_after:>3} {mood_for(turn.anger_after)}\n")
        return text

    def _tips(self) -> Text:
        note = self.debrief.fix_note
        lines = [literal(f"• {note}", style="bold")] if note else []
        lines += [literal(f"• {tip}") for tip in self.debrief.tips]
        if not lines:
            return Text("No tips: every behaviour scored well.", style="italic")
        return Text("\n").join(lines)

    def _models(self) -> Text:
        if not self.debrief.model_replies:
            return Text("This scenario has no model replies yet.", style="italic")
        text = Text("Replies a trainer scored highly for this scenario:\n\n", style="bold")
        for reply in self.debrief.model_replies:
            text.append("› ", style="bold green")
            text.append(visible(reply) + "\n\n")
        return text

    @on(OptionList.OptionHighlighted, "#marks")
    def _mark_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        mark = self.marks[event.option_index]
        self.query_one("#reason", Static).update(mark_reason(mark, label(mark.evidence.dimension)))
        self.query_one(MarkedTranscript).select(mark)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_save(self) -> None:
        """The debrief as a text file: a download in a browser, a file in Downloads locally."""
        import io
        from datetime import datetime

        from simulator.cli.cmd_play import print_debrief

        text = io.StringIO()
        print_debrief(self.debrief, text)
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
        folder = None
        if not self.app.is_web:
            from platformdirs import user_downloads_path

            folder = user_downloads_path()
            try:
                folder.mkdir(parents=True, exist_ok=True)  # Textual writes, it does not create
            except OSError as error:
                self.notify(f"Cannot create {folder}: {error}", severity="error", markup=False)
                return
        self.app.deliver_text(
            io.StringIO(text.getvalue().lstrip("\n")),
            save_directory=folder,
            save_filename=f"debrief-{self.scenario.id}-{stamp}.txt",
            mime_type="text/plain",
            name=DEBRIEF_DELIVERY,
        )

    def action_retry(self) -> None:
        self.post_message(ScenarioPicked(self.scenario, self.mode))

    def action_pick_another(self) -> None:
        self.post_message(PickAnother())

    def action_scoreboard(self) -> None:
        self.post_message(OpenScoreboard())
