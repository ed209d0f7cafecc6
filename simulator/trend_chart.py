"""A trend drawn in characters: dates along the bottom, scores 0-100 up the side, the pass
line labelled, and each point's number beside it. Rich `Text` (no Textual): the app's trend
screen shows it, and `scoreboard --trend` prints it (plain characters when piped).

Nothing is said by colour alone: a point's number is always printed, the pass line has its words.
"""

from __future__ import annotations

from rich.text import Text

from simulator.store.trends import Trend

AXIS_WIDTH = 5  # "100 ┤"
PASS_LABEL = "pass {mark}"
MIN_PLOT_WIDTH = 20
DEFAULT_HEIGHT = 11  # rows from 0 to 100: one row per 10 points
# Points per row the chart may use, finest first: each divides 100, so every row is a round
# score, the ticks read 100, 80, 60 ... and a pass mark of 70 lies on a row of its own. Coarser
# rows would put points on the wrong side of the pass line: a short screen scrolls instead.
ROW_STEPS = (5, 10)
POINT, JOIN, PASS_LINE = "●", "·", "┄"
ABOVE_STYLE, BELOW_STYLE, PASS_STYLE = "bold green", "bold red", "yellow"


def number(value: float) -> str:
    """72 or 72.5: one decimal only when there is one."""
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def trend_chart(trend: Trend, measure: str, width: int, height: int = DEFAULT_HEIGHT) -> Text:
    """`measure` ("overall" or a skill) of `trend` over its periods, `width` columns wide."""
    points = [(trend.axis_label(p), p.value(measure)) for p in trend.points]
    if not points:
        return Text("No finished attempts to chart.", style="italic")
    step = next((s for s in ROW_STEPS if 100 // s + 1 <= height), ROW_STEPS[-1])
    height = 100 // step + 1
    pass_label = PASS_LABEL.format(mark=trend.pass_mark)
    plot = max(MIN_PLOT_WIDTH, width - AXIS_WIDTH - len(pass_label) - 1)
    grid: list[list[tuple[str, str]]] = [[(" ", "")] * plot for _ in range(height)]

    def line_of(value: float) -> int:
        return round((100 - max(0.0, min(100.0, value))) * (height - 1) / 100)

    pass_row = line_of(trend.pass_mark)

    def row_of(value: float) -> int:
        """A point's row, never on the wrong side of the pass line: one that passes is on
        or above it, one that does not is below it."""
        row = line_of(value)
        if value >= trend.pass_mark:
            return min(row, pass_row)
        return max(row, pass_row + 1)

    grid[pass_row] = [(PASS_LINE, PASS_STYLE)] * plot
    room = max(1, plot - 1 - max(len(number(v)) for _, v in points) - 1)  # last number fits
    xs = _positions(trend, room)
    for (x0, (_, v0)), (x1, (_, v1)) in zip(
        zip(xs, points, strict=True), zip(xs[1:], points[1:], strict=True), strict=False
    ):
        for x in range(x0 + 1, x1):
            value = v0 + (v1 - v0) * (x - x0) / (x1 - x0)
            grid[row_of(value)][x] = (JOIN, "dim")
    taken: set[tuple[int, int]] = set()
    for x, (_, value) in zip(xs, points, strict=True):
        style = ABOVE_STYLE if value >= trend.pass_mark else BELOW_STYLE
        grid[row_of(value)][x] = (POINT, style)
        taken.add((row_of(value), x))
    for x, (_, value) in zip(xs, points, strict=True):
        _label(grid, taken, row_of(value), x, number(value))

    text = Text()
    for index, row in enumerate(grid):
        value = 100 - index * step
        tick = f"{value:>3} ┤" if value % 20 == 0 or step > 10 else "    │"
        text.append(tick, style="dim")
        for char, style in row:
            text.append(char, style=style)
        if index == pass_row:
            text.append(" " + pass_label, style=PASS_STYLE)
        text.append("\n")
    text.append("    └" + "─" * plot + "\n", style="dim")
    text.append(" " * AXIS_WIDTH + _date_line(xs, [label for label, _ in points], plot))
    return text


def _positions(trend: Trend, room: int) -> list[int]:
    """Each point's column: by its date (periods apart show as far apart), or evenly, one per
    attempt, when the points are attempts (two on one day still stand apart)."""
    starts = [p.start for p in trend.points]
    span = (starts[-1] - starts[0]).days
    if len(starts) == 1:
        return [0]
    if span == 0 or trend.period == "attempt":
        return [round(i * room / (len(starts) - 1)) for i in range(len(starts))]
    xs = [round((s - starts[0]).days * room / span) for s in starts]
    for i in range(1, len(xs)):  # never two points in one column
        xs[i] = max(xs[i], xs[i - 1] + 1)
    return xs


def _label(
    grid: list[list[tuple[str, str]]], taken: set[tuple[int, int]], row: int, x: int, words: str
) -> None:
    """The number beside its point: right of it, else left, else above or below."""
    width = len(grid[0])
    tries = [(row, x + 1), (row, x - len(words)), (row - 1, x), (row + 1, x)]
    for r, start in tries:
        if not (0 <= r < len(grid) and 0 <= start and start + len(words) <= width):
            continue
        cells = {(r, c) for c in range(start, start + len(words))}
        if cells & taken:
            continue
        for offset, char in enumerate(words):
            grid[r][start + offset] = (char, "bold")
        taken.update(cells)
        return


def _date_line(xs: list[int], labels: list[str], plot: int) -> str:
    """Dates under their points, as many as fit without touching; the first and last always."""
    line = [" "] * (plot + 1)
    order = [0, len(xs) - 1, *range(1, len(xs) - 1)] if len(xs) > 1 else [0]
    used: list[tuple[int, int]] = []
    for i in order:
        label = labels[i]
        if i > 0 and label in (labels[i - 1], labels[0]):
            continue  # attempts on one day: the date once
        start = min(max(0, xs[i] - len(label) // 2), plot + 1 - len(label))
        if i == 0:
            start = 0
        end = start + len(label)
        if any(start <= b and a <= end for a, b in used):
            continue
        used.append((start, end))
        line[start:end] = label
    return "".join(line).rstrip()
