"""`play`: scripted and interactive play, the JSON shape, and clear errors with exit codes."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from engine_support import ScriptedScorer, offer, score, up

from scoring.model import DIMENSIONS, ReplyScore
from simulator.cli import COMMANDS, cmd_play, main
from simulator.cli.cmd_play import play_interactive
from simulator.engine.conversation import MAX_REPLY_CHARS, Conversation
from simulator.engine.model import OUTCOMES
from simulator.scenario.loader import load_scenario
from simulator.store import AttemptRecord, open_store

SCENARIO_YAML = """\
id: play-test-parcel
title: Parcel left in the rain
category: delivery
difficulty: 2
customer: {name: Sam Okafor, anger: 50, patience: 4}
situation: The courier left Sam's parcel in the rain.
opening: Your courier left my parcel in the rain!
facts:
  - id: rain
    phrases: [in the rain]
resolutions:
  - id: replacement
    phrases: [replacement]
    accept: Okay, a replacement before Tuesday works.
moods:
  furious: [F1, F2]
  angry: [A1, A2]
  calming: [C1, C2]
  satisfied: [S1, S2]
"""

TABLE = {
    "I'm so sorry your parcel was left in the rain.": score(
        "specific_apology", apology=90, evidence=[up("apology", "so sorry")]
    ),
    "I'll send a replacement today.": offer("replacement"),
    "The courier was busy.": score("excuse", no_excuses=10),
}


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "parcel.yaml"
    path.write_text(SCENARIO_YAML, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fake_scorer(monkeypatch: pytest.MonkeyPatch) -> ScriptedScorer:
    scorer = ScriptedScorer(TABLE)
    monkeypatch.setattr(cmd_play, "score_reply", scorer)
    return scorer


def write_replies(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "replies.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_play_is_a_registered_command() -> None:
    assert "play" in COMMANDS


def test_a_replies_file_plays_to_the_end_and_prints_transcript_and_debrief(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, *TABLE)  # apology, fix, then a line never played
    code = main(["play", "--scenario", str(scenario_file), "--replies", str(replies)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Your courier left my parcel in the rain!" in out
    assert "anger 50 -> " in out and "a specific apology calms the customer" in out
    assert "Okay, a replacement before Tuesday works." in out
    assert "Outcome: Resolved after 2 of 4 replies" in out
    assert "Reply 1 (" in out and '+ apology     "so sorry": apology up' in out
    assert "The courier was busy." not in out  # the conversation ended before this line
    # ... and it says so, rather than leaving a script's writer to think those were scored
    assert "(The conversation ended (resolved) with 1 more reply in the file, not played.)" in out


def test_json_prints_one_object_with_the_documented_shape(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, "The courier was busy.", "", "I'll send a replacement today.")
    assert (
        main(["play", "--scenario", str(scenario_file), "--replies", str(replies), "--json"]) == 0
    )
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert (
        result["outcome"] == "abandoned"
    )  # the replies ran out while the customer was still angry
    assert [t["reply"] for t in result["turns"]] == [
        "The courier was busy.",
        "I'll send a replacement today.",
    ]
    first = result["turns"][0]
    assert {"reply", "customer", "anger_before", "anger_after", "events", "score"} <= set(first)
    assert first["anger_before"] == 50 and first["anger_after"] > 50
    assert first["events"] == ["excuse"]
    assert set(first["score"]["dimensions"]) == set(DIMENSIONS)
    assert "pushback" in result["turns"][1]["events"]
    assert set(result["score"]) == {"overall", "dimensions"}
    assert result["score"]["dimensions"]["no_excuses"] == 10
    assert "You: The courier was busy." in captured.err  # the live transcript stays off stdout


def test_replies_from_stdin(
    monkeypatch: pytest.MonkeyPatch, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("The courier was busy.\n"))
    assert main(["play", "--scenario", str(scenario_file), "--replies", "-", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["turns"]) == 1


def test_a_bundled_scenario_is_found_by_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    replies = write_replies(tmp_path, "hello")
    assert main(["play", "--scenario", "gym-billing-after-cancel", "--replies", str(replies)]) == 0
    assert "Priya" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "no-such-scenario"], 'no scenario with id "no-such-scenario"'),
        (["--scenario", "missing/file.yaml"], 'no scenario file at "missing/file.yaml"'),
        (
            ["--scenario", "SCENARIO", "--replies", "nowhere.txt"],
            "nowhere.txt: no such replies file",
        ),
        (["--scenario", "SCENARIO", "--trainee", "Ana"], "--trainee and --team go together"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_1(
    args: list[str], message: str, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(scenario_file) if a == "SCENARIO" else a for a in args]
    assert main(["play", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_overlong_line_in_the_replies_file_names_its_line(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, "fine", "x" * (MAX_REPLY_CHARS + 1))
    assert main(["play", "--scenario", str(scenario_file), "--replies", str(replies)]) == 1
    assert f"{replies}:2: That reply is" in capsys.readouterr().err


def test_an_empty_replies_file_is_refused(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, "", "   ")
    assert main(["play", "--scenario", str(scenario_file), "--replies", str(replies)]) == 1
    assert "no replies in it" in capsys.readouterr().err


def record_args(tmp_path: Path, scenario_file: Path, *more: str) -> list[str]:
    """A recorded `play`, into a temporary scoreboard (never the user's own)."""
    db = tmp_path / "scoreboard.sqlite3"
    return ["play", "--scenario", str(scenario_file), "--trainee", "Ana", "--team", "Blue"] + [
        "--db",
        str(db),
        *more,
    ]


def only_attempt(tmp_path: Path) -> AttemptRecord:
    with open_store(tmp_path / "scoreboard.sqlite3") as board:
        (listed,) = board.attempts()
        return board.attempt(listed.id)


def test_trainee_and_team_record_the_attempt_with_its_turns_and_outcome(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, *TABLE)  # apology, then the fix: resolved in two
    assert main([*record_args(tmp_path, scenario_file), "--replies", str(replies)]) == 0
    assert "recorded for Ana (Blue)" in capsys.readouterr().err
    attempt = only_attempt(tmp_path)
    assert attempt.finished and attempt.outcome == "resolved"
    assert (attempt.trainee, attempt.team, attempt.scenario_id) == (
        "Ana",
        "Blue",
        "play-test-parcel",
    )
    assert [turn.reply for turn in attempt.turns] == list(TABLE)[:2]


def test_quit_in_interactive_play_finishes_the_recorded_attempt_as_abandoned(
    tmp_path: Path, scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("The courier was busy.\n/quit\n"))
    assert main(record_args(tmp_path, scenario_file, "--json")) == 0
    attempt = only_attempt(tmp_path)
    assert attempt.finished and attempt.outcome == "abandoned"
    assert [turn.reply for turn in attempt.turns] == ["The courier was busy."]


def test_ctrl_c_while_a_reply_is_scored_finishes_the_attempt_as_abandoned(
    tmp_path: Path,
    scenario_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_scorer: ScriptedScorer,
) -> None:
    def interrupted_on_the_second_reply(reply: str, **context: Any) -> ReplyScore:
        if fake_scorer.calls:
            raise KeyboardInterrupt
        return fake_scorer(reply, **context)

    monkeypatch.setattr(cmd_play, "score_reply", interrupted_on_the_second_reply)
    monkeypatch.setattr("sys.stdin", io.StringIO("The courier was busy.\nsecond\n"))
    assert main(record_args(tmp_path, scenario_file, "--json")) == 130
    attempt = only_attempt(tmp_path)
    assert attempt.finished and attempt.outcome == "abandoned"
    assert [turn.reply for turn in attempt.turns] == ["The courier was busy."]


def test_a_killed_play_keeps_the_turns_played_and_reads_back_as_abandoned(
    tmp_path: Path,
) -> None:
    """A real process reading replies from a pipe, killed (SIGKILL) after its second turn."""
    scenario_file = tmp_path / "patient.yaml"
    scenario_file.write_text(SCENARIO_YAML.replace("patience: 4", "patience: 9"), "utf-8")
    root = Path(__file__).resolve().parents[1]
    replies = ["Hello, I'm looking into it now.", "Can you tell me the order number?"]
    process = subprocess.Popen(
        [sys.executable, str(root / "run.py"), *record_args(tmp_path, scenario_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    assert process.stdin is not None
    try:
        process.stdin.write("".join(f"{reply}\n" for reply in replies))
        process.stdin.flush()  # the pipe stays open: the process waits for a third reply
        wait_for_turns(tmp_path / "scoreboard.sqlite3", 2, process)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    attempt = only_attempt(tmp_path)
    assert not attempt.finished and attempt.outcome == "abandoned"
    assert [turn.reply for turn in attempt.turns] == replies


def wait_for_turns(db: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        if db.exists():
            with open_store(db) as board:
                listed = board.attempts()
                if listed and len(board.attempt(listed[0].id).turns) >= count:
                    return
        time.sleep(0.1)
    raise AssertionError(f"the play process did not record {count} turns in 60 s")


def scripted_input(*answers: str | type[BaseException]):
    queue = list(answers)
    prompts: list[str] = []

    def read(prompt: str) -> str:
        prompts.append(prompt)
        answer = queue.pop(0)
        if isinstance(answer, type):
            raise answer
        return answer

    return read, prompts


def test_interactive_empty_reply_reprompts_and_quit_abandons(scenario_file: Path) -> None:
    talk = Conversation(load_scenario(scenario_file), scorer=ScriptedScorer(TABLE))
    read, prompts = scripted_input("", "The courier was busy.", "/quit")
    out = io.StringIO()
    play_interactive(talk, out, read)
    assert len(talk.turns) == 1 and talk.state == "abandoned"
    assert "Type a reply before sending it." in out.getvalue()
    assert "(4 replies left)" in prompts[0] and "(3 replies left)" in prompts[2]


def test_interactive_ctrl_d_abandons_and_a_resolution_ends_it(scenario_file: Path) -> None:
    talk = Conversation(load_scenario(scenario_file), scorer=ScriptedScorer(TABLE))
    read, _ = scripted_input(EOFError)
    play_interactive(talk, io.StringIO(), read)
    assert talk.state == "abandoned"

    talk = Conversation(load_scenario(scenario_file), scorer=ScriptedScorer(TABLE))
    read, prompts = scripted_input(*TABLE)
    play_interactive(talk, io.StringIO(), read)
    assert talk.state == "resolved" and len(prompts) == 2


def test_end_to_end_with_the_real_scorer(tmp_path: Path) -> None:
    """The command as a trainer runs it: a real process, the real scorer, a bundled scenario."""
    replies = write_replies(
        tmp_path,
        "I'm so sorry we charged you $49.99 in April and May after you cancelled in person.",
        "That's our mistake. I will refund the $99.98 to your card today. Does that work for you?",
    )
    root = Path(__file__).resolve().parents[1]
    args = ["play", "--scenario", "gym-billing-after-cancel", "--replies", str(replies), "--json"]
    result = subprocess.run(
        [sys.executable, str(root / "run.py"), *args],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    played = json.loads(result.stdout)
    assert played["outcome"] in OUTCOMES
    assert played["turns"][0]["anger_after"] < played["turns"][0]["anger_before"]
    assert "specific_apology" in played["turns"][0]["events"]


def test_interactive_json_keeps_prompts_off_stdout(
    monkeypatch: pytest.MonkeyPatch, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("The courier was busy.\n\n/quit\n"))
    assert main(["play", "--scenario", str(scenario_file), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["outcome"] == "abandoned"
    assert "replies left)>" in captured.err and "Type a reply before sending it." in captured.err


def test_escape_codes_in_a_reply_are_shown_not_obeyed(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, "hello \x1b[2J\x1b]0;owned\x07 there")
    assert main(["play", "--scenario", str(scenario_file), "--replies", str(replies)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    # The one output edge (simulator.text_safety.visible) shows each as its escape.
    assert "You: hello \\x1b[2J\\x1b]0;owned\\x07 there" in out


def test_a_calm_customer_out_of_patience_is_recorded_as_left_without_a_fix(
    tmp_path: Path,
    scenario_file: Path,
    capsys: pytest.CaptureFixture[str],
    fake_scorer: ScriptedScorer,
) -> None:
    fake_scorer.table["I hear you."] = score("paraphrase", listening=70)
    apology = list(TABLE)[0]
    replies = write_replies(tmp_path, apology, "I hear you.", "I hear you.", "I hear you.")
    assert main([*record_args(tmp_path, scenario_file), "--replies", str(replies)]) == 0
    out = capsys.readouterr().out
    assert "leaves without a fix]" in out and "walks out" not in out
    assert "Outcome: The customer left without a fix" in out
    assert only_attempt(tmp_path).outcome == "unresolved"


def test_quitting_before_the_first_reply_records_nothing(
    tmp_path: Path,
    scenario_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("/quit\n"))
    assert main(record_args(tmp_path, scenario_file, "--json")) == 0
    assert "nothing recorded" in capsys.readouterr().err
    with open_store(tmp_path / "scoreboard.sqlite3") as board:
        assert list(board.attempts()) == []


def test_a_bad_trainee_name_stops_play_before_the_first_reply(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, *TABLE)
    args = record_args(tmp_path, scenario_file, "--replies", str(replies))
    args[args.index("Ana")] = "   "
    assert main(args) == 1
    assert "Your courier left my parcel" not in capsys.readouterr().out


def test_assessment_keeps_the_reasons_for_the_debrief(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, *TABLE)
    args = ["play", "--scenario", str(scenario_file), "--replies", str(replies)]
    assert main([*args, "--mode", "assessment"]) == 0
    out = capsys.readouterr().out
    assert "anger 50 -> " not in out and "calms the customer" not in out
    assert "=== Debrief" in out and "The recovery, step by step:" in out
    assert main(args) == 0
    assert "a specific apology calms the customer" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "expected", "passed"),
    [
        ("pass_mark: 0\npass_outcome: resolved\n", "Passed: {o}, pass mark 0, resolved", True),
        ("pass_mark: 100\n", "Failed: {o}, pass mark 100, resolved", False),
    ],
)
def test_an_assessment_passes_or_fails_in_the_debrief_and_on_the_scoreboard(
    tmp_path: Path,
    scenario_file: Path,
    capsys: pytest.CaptureFixture[str],
    extra: str,
    expected: str,
    passed: bool,
) -> None:
    scenario_file.write_text(SCENARIO_YAML + extra, encoding="utf-8")
    replies = write_replies(tmp_path, *TABLE)  # resolved in two
    args = [
        *record_args(tmp_path, scenario_file, "--mode", "assessment"),
        "--replies",
        str(replies),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    attempt = only_attempt(tmp_path)
    assert expected.format(o=attempt.overall) in out
    assert (attempt.pass_mark, attempt.passed) == (int(extra.split()[1]), passed)


def test_practice_is_never_judged(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = write_replies(tmp_path, *TABLE)
    assert main([*record_args(tmp_path, scenario_file), "--replies", str(replies)]) == 0
    out = capsys.readouterr().out
    assert "pass mark" not in out
    attempt = only_attempt(tmp_path)
    assert (attempt.pass_mark, attempt.passed) == (None, None)
