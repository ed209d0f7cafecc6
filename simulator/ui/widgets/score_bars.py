"""Six labelled score bars and the overall, for the debrief and the team comparison."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from scoring.model import DIMENSIONS
from simulator.ui.coaching import label
from simulator.ui.text import labelled_bar

LABEL_WIDTH = 17


class ScoreBars(Widget):
    DEFAULT_CSS = """
    ScoreBars { height: auto; width: 1fr; }
    """

    scores: reactive[dict[str, float | None]] = reactive(dict, layout=True)

    def __init__(
        self,
        scores: Mapping[str, float | None] | None = None,
        *,
        overall: float | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.overall = overall
        self.set_reactive(ScoreBars.scores, dict(scores or {}))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(DIMENSIONS) + (2 if self.overall is not None else 0)

    def render(self) -> Text:
        width = max(5, self.size.width - LABEL_WIDTH - 14)
        lines = [labelled_bar(label(d), self.scores.get(d), width, LABEL_WIDTH) for d in DIMENSIONS]
        if self.overall is not None:
            lines.append(Text(""))
            overall = labelled_bar("Overall", self.overall, width, LABEL_WIDTH)
            overall.stylize("bold", 0, LABEL_WIDTH)
            lines.append(overall)
        return Text("\n").join(lines)
