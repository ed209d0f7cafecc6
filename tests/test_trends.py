"""Trends: a trainee's and a team's scores over time, on a known data set (given-up attempts
left out, case-variant names grouped, team means over trainees' means), as the chart, the
table and the command line show them."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from app_support import build_app, wait_for_library, wait_until, write_scenario
from textual.widgets import DataTable

from scoring.model import DIMENSIONS
from simulator.cli import main
from simulator.engine.passing import PassRule, judge
from simulator.store import open_store
from simulator.store.trends import trend
from simulator.trend_chart import trend_chart
from simulator.ui.screens.scoreboard import ScoreboardScreen
from simulator.ui.screens.trend import TrendScreen
from simulator.ui.settings import TraineeSettings, save_settings

# (trainee, team, day of March 2026, overall, outcome); each skill scores overall - 5, except
# empathy, overall - 20.
PLAYS = [
    ("Ann", "East", 2, 40, "resolved"),
    ("ann ", "east", 4, 50, "resolved"),  # the same Ann, the same team
    ("Ann", "EAST", 4, 70, "walked_out"),
    ("Bob", "East", 4, 90, "resolved"),
    ("Bob", "East", 4, 0, "abandoned"),  # given up: never counted
    ("Ann", "East", 9, 5, "abandoned"),  # given up: never counted
    ("Ann", "East", 16, 81, "resolved"),
    ("Cy", "West", 4, 99, "resolved"),  # another team
]


def skills(overall: int) -> dict[str, int]:
    scores = {name: max(0, overall - 5) for name in DIMENSIONS}
    scores["empathy"] = max(0, overall - 20)
    return scores


def fill(db: Path) -> None:
    with open_store(db) as board:
        for minute, (trainee, team, day, overall, outcome) in enumerate(PLAYS):
            when = datetime(2026, 3, day, 9, minute, tzinfo=timezone.utc)
            attempt = board.start_attempt(
                trainee, team, "lost-parcel", "h", "test", "assessment", started_at=when
            )
            verdict = judge(PassRule(mark=70), "assessment", overall, outcome)
            board.finish_attempt(
                attempt, outcome, overall, skills(overall), ended_at=when, verdict=verdict
            )


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="Ann", team="East"))
    fill(tmp_path / "board.db")
    return tmp_path


def test_a_trainees_and_a_teams_numbers(new_store) -> None:
    db = new_store()
    fill(db)
    with open_store(db) as board:
        attempts = board.attempts()
    ann = trend(attempts, "east", "ANN", period="day")
    assert (ann.trainee, ann.team, ann.period, ann.pass_mark) == ("Ann", "East", "day", 70)
    by_day = {p.start.day: (p.value("overall"), p.value("empathy"), p.attempts) for p in ann.points}
    assert by_day == {2: (40.0, 20.0, 1), 4: (60.0, 40.0, 2), 16: (81.0, 61.0, 1)}
    # A trainee with few attempts: a point per attempt, given-up ones left out.
    each = trend(attempts, "East", "Ann")
    assert each.period == "attempt"
    assert [(p.start.day, p.value("overall")) for p in each.points] == [
        (2, 40.0),
        (4, 50.0),
        (4, 70.0),
        (16, 81.0),
    ]
    assert each.label(each.points[1]) == "2026-03-04 09:01"
    team = trend(attempts, "EAST ")
    assert team.team == "East" and team.trainee is None
    day4 = next(p for p in team.points if p.start.day == 4)
    # Ann's mean (50 + 70) / 2 = 60 and Bob's 90: the team's 75 (per attempt it would be 70);
    # Bob's given-up 0 is not counted.
    assert (day4.value("overall"), day4.attempts, day4.trainees) == (75.0, 3, 2)
    assert [p.start.day for p in team.points] == [2, 4, 16]


def test_a_team_point_is_the_mean_of_its_trainees_means() -> None:
    from simulator.store.records import AttemptRecord

    when = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)

    def attempt(n: int, trainee: str, overall: int) -> AttemptRecord:
        return AttemptRecord(
            f"a{n}", trainee, "East", "s", "h", "v", "assessment", when, when, "resolved",
            overall, skills(overall),
        )  # fmt: skip

    # Ann plays three times at 40, Bob once at 100: per trainee 40 and 100, the team 70
    # (a mean per attempt would say 55).
    plays = [attempt(1, "Ann", 40), attempt(2, "Ann", 40), attempt(3, "Ann", 40)]
    point = trend([*plays, attempt(4, "Bob", 100)], "East").points[0]
    assert (point.value("overall"), point.attempts, point.trainees) == (70.0, 4, 2)


def test_the_period_widens_to_weeks_when_days_would_crowd_the_chart() -> None:
    from simulator.store.records import AttemptRecord

    plays = []
    for day in range(1, 29):
        when = datetime(2026, 3, day, 9, 0, tzinfo=timezone.utc)
        plays.append(
            AttemptRecord(
                f"a{day}",
                "Ann",
                "East",
                "s",
                "h",
                "v",
                "practice",
                when,
                when,
                "resolved",
                50 + day,
                skills(50 + day),
            )  # fmt: skip
        )
    weekly = trend(plays, "East", "Ann")
    assert weekly.period == "week"
    assert [p.start.isoformat() for p in weekly.points][:2] == ["2026-02-23", "2026-03-02"]
    assert weekly.points[0].value("overall") == 51.0  # 1 March is a Sunday: alone in its week
    assert weekly.points[1].value("overall") == 55.0  # 2..8 March: 52..58


def test_the_chart_has_dates_the_pass_line_and_every_number(new_store) -> None:
    db = new_store()
    fill(db)
    with open_store(db) as board:
        ann = trend(board.attempts(), "East", "Ann")
    chart = trend_chart(ann, "overall", 80).plain
    lines = chart.splitlines()
    assert lines[-1].split()[0] == "2026-03-02" and lines[-1].split()[-1] == "2026-03-16"
    pass_line = next(line for line in lines if line.endswith("pass 70"))
    assert "┄" in pass_line
    for value in ("40", "50", "70", "81"):  # a point per attempt
        assert f"●{value}" in chart or f"{value}●" in chart
    assert lines[-1].split() == ["2026-03-02", "2026-03-04", "2026-03-16"]  # 4 March once
    empathy = trend_chart(ann, "empathy", 80).plain
    assert "●20" in empathy and "●61" in empathy


async def test_t_on_a_row_opens_that_trainees_trend_and_v_shows_the_table(app_dir: Path) -> None:
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("f2")
        board = app.screen
        assert isinstance(board, ScoreboardScreen)
        await wait_until(pilot, lambda: bool(board.rows), "scoreboard rows")
        board.query_one("#board", DataTable).focus()
        table = board.query_one("#board", DataTable)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        await pilot.press(*["down"] * names.index("Ann"), "t")
        await wait_until(pilot, lambda: isinstance(app.screen, TrendScreen), "the trend")
        screen = app.screen
        await wait_until(pilot, lambda: screen.trend is not None, "the trend's numbers")
        await pilot.pause()
        chart = str(screen.query_one("#trend-chart").render())
        assert "pass 70" in chart and "●81" in chart and "2026-03-16" in chart
        title = str(screen.query_one("#trend-title").render())
        assert title.startswith("Ann (East) · Overall by attempt") and "4 attempts" in title
        assert "(few: read with care)" in title
        await pilot.press("v")
        await pilot.pause()
        rows = screen.query_one("#trend-table", DataTable)
        assert rows.display and rows.has_focus
        cells = [[str(c) for c in rows.get_row_at(i)] for i in range(rows.row_count)]
        # when, attempts, overall, listening: a point per attempt
        assert cells[1][:4] == ["2026-03-04 09:01", "1", "50", "45"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("T")  # the row's team
        await wait_until(pilot, lambda: isinstance(app.screen, TrendScreen), "the team trend")
        screen = app.screen
        await wait_until(pilot, lambda: screen.trend is not None, "the team's numbers")
        assert screen.trend.trainee is None
        assert [p.value("overall") for p in screen.trend.points] == [40.0, 75.0, 81.0]


def test_the_command_line_prints_the_chart_or_the_table(app_dir: Path, capsys) -> None:
    db = str(app_dir / "board.db")
    assert main(["scoreboard", "--trend", "--trainee", "ann", "--team", "east", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Ann (East)" in out and "pass 70" in out and "●81" in out and "2026-03-16" in out
    args = ["scoreboard", "--trend", "--team", "East", "--skill", "empathy", "--csv", "--db", db]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["period"], r["attempts"], r["trainees"], r["empathy"]) for r in rows] == [
        ("2026-03-02", "1", "1", "20.0"),
        ("2026-03-04", "3", "2", "55.0"),
        ("2026-03-16", "1", "1", "61.0"),
    ]
    assert main(["scoreboard", "--trend", "--db", db]) == 1
    assert "--trend needs --trainee NAME or --team T" in capsys.readouterr().err
