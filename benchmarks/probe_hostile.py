"""Rerun issue 18's probes: hostile text, broken files, malformed imports, damaged scoreboards.

Run: python benchmarks/probe_hostile.py [--big] [--mutations N]

Prints one count per failure class, worded as the issue's "Done when", and exits 1 when any
count is not 0. `--big` adds the real 100 MB import field (slow: about a minute and a few
hundred MB); without it the over-limit fields are a few hundred kilobytes, which the same
limits refuse. Each finding is listed under its class so it can be reproduced.

Classes:
- escape sequences or markup taking effect: every CLI command the issue names is run as a
  separate process on hostile scenario files, names, team names and replies, and its output
  bytes are searched for ESC, C1 (U+0080-U+009F), BEL and the other C0 controls; the app's
  screens are rendered with Textual's pilot and every drawn segment is searched for those
  characters and for a link or click action coming from the data.
- one broken file hiding the rest of the library: each broken fixture beside a good file, read by
  `list`, `validate`, `play` of the good one and the app's loader.
- pickle in the cache: a planted `library.pickle` and a pickle under the cache's own name.
- internal errors: mutated scenario files through the loader and `validate`, malformed imports,
  a lone surrogate in `score --batch` (exit 70, "internal error" or a traceback).
- bad imports accepted: malformed exports that were imported (exit 0) or left rows behind.
- healthy/damaged confusions: kinds of scoreboard damage opened by `scoreboard --db`, each with
  the verdict it must get (healthy, new, refused).
- files changed that were said to be untouched: sha256 and sibling files before and after every
  refusal (scoreboards and import targets).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(TESTS))

from store_damage import HEALTHY, NEW, PAGE_DAMAGE, damage_kinds  # noqa: E402

FIXTURES = TESTS / "fixtures"
HOSTILE = (
    "\x1b[31mRED\x1b[0m \x9b31m BEL\x07 \x1b]0;pwned-title\x07 \x1b]52;c;aGFja2Vk\x07"
    ' [@click=app.pwned]q[/] [link="https://pwned.test"]l[/] [link=https://pwned.test]c[/]'
)
# Valid markup (an action, a quoted link) and markup Textual cannot parse (an unquoted URL).
ACTING = '[@click=app.pwned]q[/] [link="https://pwned.test"]l[/]'
MARKUP = ACTING + " [link=https://pwned.test]c[/]"
# What must never reach a terminal raw: C0 except tab and newline, DEL, C1.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
INTERNAL = re.compile(r"internal error|Traceback \(most recent call last\)")

CLASSES = (
    "escape sequences or markup taking effect",
    "one broken file hiding the rest of the library",
    "pickle in the cache",
    "internal errors",
    "bad imports accepted",
    "healthy/damaged confusions",
    "files changed that were said to be untouched",
)


class Findings:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {name: [] for name in CLASSES}
        self.checked: dict[str, int] = dict.fromkeys(CLASSES, 0)

    def check(self, name: str, ok: bool, what: str) -> None:
        self.checked[name] += 1
        if not ok:
            self.found[name].append(what)


def sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def cli(
    *args: str, env: dict[str, str] | None = None, user: str | None = None
) -> tuple[int, bytes]:
    """Run `run.py ARGS` as its own process; exit code and stdout+stderr as bytes."""
    command = [sys.executable, str(ROOT / "run.py"), *args]
    if user is not None:  # root without the capabilities that ignore file permissions
        drop = "-dac_override,-dac_read_search,-fowner"
        command = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    full_env = {**os.environ, "RECOVERY_SIM_DEBUG": "", **(env or {})}
    full_env.pop("RECOVERY_SIM_DEBUG")
    result = subprocess.run(command, capture_output=True, env=full_env, timeout=300, check=False)
    return result.returncode, result.stdout + result.stderr


def decoded(output: bytes) -> str:
    return output.decode("utf-8", errors="surrogateescape")


def is_internal(code: int, text: str) -> bool:
    return code == 70 or INTERNAL.search(text) is not None


# --- escape sequences and markup: the CLI ----------------------------------------------------


def hostile_world(root: Path) -> dict[str, str]:
    """A library with the hostile scenario, a broken one, a scoreboard whose names, teams,
    replies and assignments carry escapes, and the files the commands read."""
    from dataclasses import replace

    from store_support import make_turn, play

    from simulator.store import open_store
    from simulator.store.names import name_key

    (root / "library").mkdir()
    shutil.copy(FIXTURES / "hostile" / "escapes.yaml", root / "library" / "escapes.yaml")
    (root / "broken").mkdir()
    shutil.copy(FIXTURES / "hostile" / "broken-escapes.yaml.txt", root / "broken" / "broken.yaml")
    board_path = root / "board.db"
    with open_store(board_path) as board:
        attempt = board.start_attempt("Ann", "Red", "hostile-escapes", "hash-a", "1", "practice")
        turn = make_turn(0, 60)
        board.record_turn(attempt, replace(turn, reply=f"sorry {HOSTILE}", customer=HOSTILE))
        board.finish_attempt(attempt, "resolved", 60, {d: 60 for d in turn.score.dimensions})
        play(board, '=HYPERLINK("http://x.test")', "+Blue", "gym", 40, minute=5)
        from datetime import date

        board.assign("Red", "hostile-escapes", date(2027, 1, 15))
    with sqlite3.connect(board_path) as db:  # as an older version or another writer left them
        ann, red = f"Ann {HOSTILE}", f"Red {HOSTILE}"
        db.execute(
            "UPDATE trainees SET name = ?, team = ?, name_key = ?, team_key = ? WHERE name = 'Ann'",
            (ann, red, name_key(ann), name_key(red)),
        )
        db.execute("UPDATE team_totals SET team = ? WHERE team = 'Red'", (f"Red {HOSTILE}",))
        db.execute(
            "UPDATE assignments SET team = ?, team_key = ? WHERE team = 'Red'",
            (red, name_key(red)),
        )
    (root / "replies.txt").write_text(f"I'm so sorry. {HOSTILE}\n", encoding="utf-8")
    batch = [{"reply": f"Sorry {HOSTILE}", "customer": HOSTILE}, {"reply": 3, "x": HOSTILE}]
    (root / "batch.jsonl").write_text(
        "\n".join(json.dumps(item) for item in batch) + '\n{"reply": "\\ud800"}\n', encoding="utf-8"
    )
    (root / "import.json").write_text(json.dumps({HOSTILE: HOSTILE}), encoding="utf-8")
    return {"attempt": str(attempt)[:8]}


def cli_commands(root: Path, ids: dict[str, str]) -> dict[str, list[str]]:
    t = str(root)
    db = ["--db", f"{t}/board.db"]
    return {
        "list": ["list", "--scenarios", f"{t}/library", "--scenarios", f"{t}/broken"],
        "validate library": ["validate", f"{t}/library", f"{t}/broken"],
        "validate file": ["validate", "--strict", f"{t}/library/escapes.yaml"],
        "score": ["score", "--scenario", f"{t}/library/escapes.yaml", f"Sorry {HOSTILE}"],
        "score json": ["score", "--json", "--customer", HOSTILE, f"Sorry {HOSTILE}"],
        "score batch": ["score", "--batch", f"{t}/batch.jsonl"],
        "score missing scenario": ["score", "--scenario", HOSTILE, "sorry"],
        "calibrate": ["calibrate", f"{t}/library/escapes.yaml"],
        "play": [
            "play",
            "--scenario",
            f"{t}/library/escapes.yaml",
            "--replies",
            f"{t}/replies.txt",
        ],
        "play json": [
            "play",
            "--scenario",
            f"{t}/library/escapes.yaml",
            "--replies",
            f"{t}/replies.txt",
            "--json",
        ],
        "scoreboard table": ["scoreboard", *db],
        "scoreboard csv": ["scoreboard", *db, "--format", "csv"],
        "scoreboard json": ["scoreboard", *db, "--format", "json"],
        "scoreboard teams": ["scoreboard", *db, "--by", "team"],
        "scoreboard trainee": ["scoreboard", *db, "--trainee", f"Ann {HOSTILE}"],
        "scoreboard bad date": ["scoreboard", *db, "--since", HOSTILE],
        "progress": ["progress", *db, "--scenarios", f"{t}/library", "--today", "2027-01-10"],
        "progress csv": ["progress", *db, "--today", "2027-01-10", "--csv"],
        "progress team": ["progress", *db, "--team", HOSTILE],
        "replay": ["replay", *db, ids["attempt"]],
        "replay unknown": ["replay", *db, HOSTILE],
        "export error": ["export", *db, f"{t}/{HOSTILE[:10]}/out.json"],
        "export exists": ["export", *db, f"{t}/import.json"],
        "import": ["import", *db, f"{t}/import.json"],
        "assign list": ["assign", *db, "--list"],
        "argparse error": ["scoreboard", "--by", HOSTILE],
        "missing db folder": ["scoreboard", "--db", f"{t}/{HOSTILE[:8]}/x.db"],
    }


def probe_cli_escapes(findings: Findings, scratch: Path) -> None:
    root = scratch / "cli"
    root.mkdir()
    ids = hostile_world(root)
    for name, args in cli_commands(root, ids).items():
        code, output = cli(*args, env={"RECOVERY_SIM_DB": str(root / "default.db")})
        text = decoded(output)
        raw = sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})
        findings.check(CLASSES[0], not raw, f"CLI {name}: raw {', '.join(raw)} in the output")
        findings.check(CLASSES[3], not is_internal(code, text), f"CLI {name}: {text[-200:]!r}")


# --- escape sequences and markup: the app ---------------------------------------------------


def segments_acting(app: Any) -> list[str]:
    """What on the drawn screen would act: control characters, links or actions from data."""
    problems = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if RAW.search(segment.text):
                problems.append(f"raw {RAW.search(segment.text).group()!r} in {segment.text!r}")
            style = segment.style
            if style is None:
                continue
            link = style.link or ""
            meta = json.dumps(style.meta, default=str) if style.meta else ""
            if "pwned" in link or "pwned" in meta:
                problems.append(f"data became a link or action: {segment.text!r} {link}{meta}")
    return problems


async def app_screens(scratch: Path) -> list[tuple[str, list[str]]]:
    from app_support import (
        build_app,
        fill_scoreboard,
        send_reply,
        wait_for_library,
        wait_until,
        write_scenario,
    )
    from textual.widgets import Input, Select

    from simulator.ui.screens.conversation import ConversationScreen
    from simulator.ui.screens.debrief import DebriefScreen
    from simulator.ui.screens.error import ErrorDialog
    from simulator.ui.screens.scoreboard import ScoreboardScreen
    from simulator.ui.settings import SETTINGS_FILE, TraineeSettings, save_settings

    root = scratch / "app"
    (root / "scenarios").mkdir(parents=True)
    yaml_escapes = "\\e[31mR \\x9b31m \\a \\e]0;t\\a \\e]52;c;aGk=\\a"
    quoted = MARKUP.replace('"', '\\"')  # inside the YAML's double quotes
    write_scenario(
        root / "scenarios",
        situation=f"Situation {yaml_escapes} {quoted}",
        opening=f"Look: {yaml_escapes} {quoted}",
        title=f"Parcel {quoted}",
        category=f"delivery {quoted}",
        name=f"Sam {quoted}",
    )
    shutil.copy(FIXTURES / "hostile" / "broken-escapes.yaml.txt", root / "scenarios" / "zz.yaml")
    save_settings(root / "config", TraineeSettings(name="Ada", team="Blue"))
    fill_scoreboard(root)
    with sqlite3.connect(root / "board.db") as db:
        db.execute("UPDATE trainees SET team = ? WHERE team = 'Red'", (f"{MARKUP} {HOSTILE}",))
        db.execute("UPDATE trainees SET name = ? WHERE name = 'Bo'", (HOSTILE,))
        db.execute("UPDATE team_totals SET team = ? WHERE team = 'Red'", (f"{MARKUP} {HOSTILE}",))
    config = root / f"cfg {MARKUP}"
    config.mkdir(parents=True)
    (config / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    seen: list[tuple[str, list[str]]] = []

    def look(name: str, app: Any) -> None:
        seen.append((name, segments_acting(app)))

    app = build_app(root)
    async with app.run_test(size=(150, 45)) as pilot:
        await wait_for_library(pilot)
        look("start", app)
        await pilot.press("f2")
        screen = app.screen
        await wait_until(
            pilot, lambda: isinstance(screen, ScoreboardScreen) and bool(screen.rows), "rows"
        )
        await screen.workers.wait_for_complete()
        await pilot.pause()
        look("scoreboard", app)
        for select_id in ("#team-filter", "#scenario-filter", "#trainee-filter"):
            if screen.query(select_id):
                await pilot.click(select_id)
                await pilot.pause()
                look(f"scoreboard {select_id} open", app)
                await pilot.press("escape")
                await pilot.pause()
        team_select = screen.query_one("#team-filter", Select)
        hostile = [v for _, v in team_select._options if isinstance(v, str) and "pwned" in v]
        if hostile:
            team_select.value = hostile[0]
            await pilot.pause()
            await screen.workers.wait_for_complete()
            await pilot.pause()
            look("scoreboard filtered", app)
        app.push_screen(ErrorDialog(f"Could not read {MARKUP}", f"team {HOSTILE}"))
        await pilot.pause()
        look("error dialog", app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Ada"
        app.screen.query_one("#team", Input).value = "Blue"
        app.screen.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "chat")
        await pilot.pause()
        look("conversation", app)
        await send_reply(pilot, f"sorry {HOSTILE}")
        look("conversation after reply", app)
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "debrief")
        for tab in "12345":
            await pilot.press(tab)
            await pilot.pause()
            look(f"debrief tab {tab}", app)
        seen.append(
            (
                "app still running",
                [] if app.is_running and app.return_code is None else ["the app quit"],
            )
        )
    toast = build_app(root, config_dir=config)
    async with toast.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot)
        await pilot.pause()
        look("settings warning toast", toast)
        notes = [n for n in toast._notifications if "Could not read" in n.message]
        seen.append(
            ("toast is plain text", [] if notes and not notes[0].markup else ["markup toast"])
        )
    return seen


async def detector_works() -> bool:
    """The segment check itself: markup rendered as markup must be found."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Markup(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(ACTING)

    app = Markup()
    async with app.run_test() as pilot:
        await pilot.pause()
        return len(segments_acting(app)) == 2


def probe_app_escapes(findings: Findings, scratch: Path) -> None:
    if not asyncio.run(detector_works()):
        raise SystemExit("probe error: the app check no longer sees links or actions")
    try:
        seen = asyncio.run(app_screens(scratch))
    except Exception as error:  # noqa: BLE001 - a crash is a finding
        findings.check(CLASSES[0], False, f"app crashed: {type(error).__name__}: {error}")
        return
    for name, problems in seen:
        findings.check(CLASSES[0], not problems, f"app {name}: {problems[:3]}")


# --- one broken file hiding the rest of the library -----------------------------------------


def broken_files() -> list[Path]:
    """Every broken fixture: the loader's own, the hostile ones (a file per failure mode)."""
    paths = sorted((FIXTURES / "scenarios" / "broken").glob("*.yaml"))
    paths += sorted((FIXTURES / "hostile" / "library").glob("*.yaml"))
    return [*paths, FIXTURES / "hostile" / "broken-escapes.yaml.txt"]


def probe_library(findings: Findings, scratch: Path) -> None:
    from simulator.scenario.cache import load_library_cached
    from simulator.scenario.library import find_scenario, load_library

    valid = FIXTURES / "scenarios" / "valid" / "parcel.yaml"
    for index, broken in enumerate(broken_files()):
        folder = scratch / f"library-{index}"
        folder.mkdir()
        shutil.copy(valid, folder / "a-good.yaml")
        shutil.copy(broken, folder / f"b-{broken.stem.replace('.yaml', '')}.yaml")
        what = f"{broken.name} beside a good file"
        try:
            library = load_library([folder])
            ids = set(library.by_id())
            ok = "parcel-in-rain" in ids and len(ids) > 1 and bool(library.broken)
            findings.check(CLASSES[1], ok, f"load_library: {what}: {sorted(ids)[:3]}")
            cached = load_library_cached([folder], cache_dir=scratch / f"cache-{index}")
            findings.check(CLASSES[1], "parcel-in-rain" in cached.by_id(), f"app loader: {what}")
            found = find_scenario("parcel-in-rain", [folder])
            findings.check(CLASSES[1], found.id == "parcel-in-rain", f"play parcel: {what}")
            bundled = next(iter(load_library().by_id()))
            findings.check(
                CLASSES[1], find_scenario(bundled, [folder]).id == bundled, f"play bundled: {what}"
            )
        except Exception as error:  # noqa: BLE001
            findings.check(CLASSES[1], False, f"{what}: {type(error).__name__}: {error}"[:300])
        code, output = cli("list", "--scenarios", str(folder))
        text = decoded(output)
        findings.check(
            CLASSES[1],
            "parcel-in-rain" in text and code in (0, 1),
            f"list: {what}: {text[-200:]!r}",
        )
        findings.check(CLASSES[3], not is_internal(code, text), f"list {what}: {text[-200:]!r}")
        code, output = cli("validate", str(folder))
        text = decoded(output)
        findings.check(CLASSES[3], not is_internal(code, text), f"validate {what}: {text[-200:]!r}")
        lines = [line for line in text.splitlines() if str(folder) in line]
        positioned = all(re.search(r"\.yaml:\d+:\d+: ", line) for line in lines)
        findings.check(
            CLASSES[3],
            bool(lines) and positioned,
            f"validate {what}: no file:line:col: {text[:200]!r}",
        )


# --- pickle in the cache ----------------------------------------------------------------------


class _Planted:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path(self.marker).touch, ())


def probe_cache(findings: Findings, scratch: Path) -> None:
    import pickle

    from simulator.scenario import cache as cache_module
    from simulator.scenario.cache import CACHE_FILE, load_library_cached

    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "simulator").rglob("*.py"))
    findings.check(
        CLASSES[2],
        not re.search(r"\bimport pickle\b|\bpickle\.load|cPickle|shelve|marshal\.load", source),
        "pickle used in simulator/",
    )
    folder = scratch / "cache-library"
    folder.mkdir()
    shutil.copy(FIXTURES / "scenarios" / "valid" / "parcel.yaml", folder)
    for name in ("library.pickle", CACHE_FILE):
        cache_dir = scratch / f"planted-{name}"
        cache_dir.mkdir()
        marker = scratch / f"ran-{name}"
        (cache_dir / name).write_bytes(pickle.dumps(_Planted(str(marker))))
        library = load_library_cached([folder], cache_dir=cache_dir)
        findings.check(CLASSES[2], not marker.exists(), f"planted {name} ran code")
        findings.check(
            CLASSES[2], "parcel-in-rain" in library.by_id(), f"planted {name} hid the library"
        )
    written = scratch / f"planted-{CACHE_FILE}"
    data = (written / CACHE_FILE).read_bytes()
    findings.check(
        CLASSES[2], data.startswith(b"{") and not data.startswith(b"\x80"), "the cache is not JSON"
    )
    findings.check(CLASSES[2], cache_module.CACHE_FILE.endswith(".json"), "cache file name")


# --- internal errors over mutated scenario files -------------------------------------------


PIECES = [
    "[",
    "]",
    "{",
    "}",
    ":",
    ": ",
    "- ",
    "\t",
    '"',
    "'",
    "!!bool maybe",
    "!!int x",
    "!!python/name:os.system",
    "&a ",
    "*a",
    "*b",
    "<<: *a",
    "2024-02-30",
    "9" * 5000,
    "[2]",
    "{x: 1}",
    "~",
    "null",
    "true",
    "\n",
    "\n  ",
    "\n- ",
    "?",
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\x00",
    "\u0085",
    "[" * 200,
    "- " * 60,
    "\ud800",
    "!!set {a}",
    "!!binary AAAA",
    "1e999",
    ".nan",
    "[[1]]",
    "&a [*a]",
    "\ufeff",
]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.5:
            start = rng.randint(0, len(text))
            end = min(len(text), start + rng.randint(0, 40))
            text = text[:start] + rng.choice(PIECES) + text[end:]
        else:
            lines = text.split("\n")
            keyed = [i for i, line in enumerate(lines) if ": " in line and "#" not in line]
            if keyed:
                i = rng.choice(keyed)
                key = lines[i].split(": ", 1)[0]
                lines[i] = f"{key}: {rng.choice(PIECES)}"
            text = "\n".join(lines)
    return text


def probe_mutations(findings: Findings, scratch: Path, count: int) -> None:
    from simulator.resources import bundled_scenarios_dir
    from simulator.scenario.loader import check_file

    rng = random.Random(18)
    bundled = [
        p.read_text(encoding="utf-8") for p in sorted(bundled_scenarios_dir().glob("*.yaml"))
    ]
    folder = scratch / "mutated"
    folder.mkdir()
    kinds: dict[str, int] = {}
    for number in range(count):
        path = folder / f"m{number:05d}.yaml"
        path.write_text(mutate(rng, rng.choice(bundled)), encoding="utf-8", errors="surrogatepass")
        try:
            scenario, problems = check_file(path)
        except Exception as error:  # noqa: BLE001
            kind = type(error).__name__
            kinds[kind] = kinds.get(kind, 0) + 1
            findings.check(CLASSES[3], False, f"loader raised {kind} on {path.name}: {error}"[:200])
            continue
        unplaced = [p for p in problems if p.line < 1 or p.col < 1 or p.path != path]
        findings.check(
            CLASSES[3],
            not unplaced and (scenario is None) == bool(problems),
            f"{path.name}: a message without file:line:col: {unplaced[:1]}",
        )
    code, output = cli("validate", str(folder))
    text = decoded(output)
    findings.check(
        CLASSES[3],
        not is_internal(code, text),
        f"validate over {count} mutated files: {text[-300:]!r}",
    )
    lines = [line for line in text.splitlines() if line.startswith(str(folder))]
    bare = [
        line
        for line in lines
        if not re.match(re.escape(str(folder)) + r"/m\d+\.yaml:\d+:\d+: ", line)
    ]
    findings.check(CLASSES[3], not bare, f"validate lines without file:line:col: {bare[:2]}")


# --- imports ------------------------------------------------------------------------------------

UUID = "019ca8a0-3e80-79da-aba2-d3fba7debcce"
OTHER_UUID = "019ca8a2-fda0-735f-90c4-5e0a2f29f1ea"


def base_export() -> dict[str, Any]:
    """A good export of two attempts (the fixture's third repeats the first, harmlessly)."""
    path = FIXTURES / "imports" / "duplicate-id-same-content.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["attempts"] = document["attempts"][:2]
    return document


def first(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["attempts"][0]


def set_first(key: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    def change(doc: dict[str, Any]) -> None:
        first(doc)[key] = value

    return change


def set_turn(position: int, value: Any) -> Callable[[dict[str, Any]], Any]:
    def change(doc: dict[str, Any]) -> None:
        first(doc)["turns"][0][position] = value

    return change


def malformed_imports(big: bool) -> dict[str, Callable[[dict[str, Any]], Any] | bytes]:
    """Name -> a change to a good export (or the file's bytes). Every one must be refused."""
    field = 300_000  # over every field limit; `--big` also tries the 100 MB
    cases: dict[str, Any] = {
        "not json": b"{ this is not json",
        "empty file": b"",
        "a list at the top": b"[1, 2]",
        "deep nesting at the top": b"[" * 100_000 + b"]" * 100_000,
        "wrong format name": lambda d: d.update(format="something-else"),
        "newer version": lambda d: d.update(version=99),
        "no attempts": lambda d: d.pop("attempts"),
        "attempts not a list": lambda d: d.update(attempts={"a": 1}),
        "attempt not an object": lambda d: d["attempts"].append(3),
        "no id": lambda d: first(d).pop("id"),
        "id not a uuid": set_first("id", "not-a-uuid"),
        "huge id": set_first("id", "x" * field),
        "empty trainee": set_first("trainee", ""),
        "trainee with escape": set_first("trainee", "Ann\x1b]52;c;aGk=\x07"),
        "trainee with nul": set_first("trainee", "Ann\x00"),
        "huge trainee": set_first("trainee", "A" * field),
        "team with C1 CSI": set_first("team", "Red\x9b31m"),
        "team a number": set_first("team", 7),
        "huge scenario id": set_first("scenario_id", "s" * field),
        "scenario id with spaces": set_first("scenario_id", "Lost Parcel!"),
        "huge scenario hash": set_first("scenario_hash", "h" * field),
        "unknown mode": set_first("mode", "bogus"),
        "unknown outcome": set_first("outcome", "bogus"),
        "overall over 100": set_first("overall", 101),
        "overall negative": set_first("overall", -1),
        "overall as text": set_first("overall", "60"),
        "overall a bool": set_first("overall", True),
        "overall NaN": b"",  # filled below
        "overall 5,000 digits": b"",
        "dimension missing": lambda d: first(d)["dimensions"].pop("empathy"),
        "dimension 1000": lambda d: first(d)["dimensions"].update(empathy=1000),
        "dimensions a list": set_first("dimensions", [1, 2]),
        "started_at not a date": set_first("started_at", "yesterday"),
        "started_at year 1 with offset": set_first("started_at", "0001-01-01T00:30:00+01:00"),
        "started_at year 1": set_first("started_at", "0001-01-01T00:00:00+00:00"),
        "started_at 30 February": set_first("started_at", "2026-02-30T09:00:00+00:00"),
        "ended before it started": set_first("ended_at", "2026-03-01T08:00:00.000000+00:00"),
        "ended in year 9999 overflow": set_first("ended_at", "9999-12-31T23:59:59-23:59"),
        "turns not a list": set_first("turns", "none"),
        "turn too short": lambda d: first(d)["turns"].__setitem__(0, [0, "r"]),
        "huge reply": set_turn(1, "r" * field),
        "huge customer text": set_turn(2, "c" * field),
        "reply lone surrogate": b"",
        "turn anger 500": set_turn(3, 500),
        "turn events not a list": set_turn(12, "x"),
        "deep nesting in turn events": b"",
        "turn index negative": set_turn(0, -4),
        "turn index repeated": lambda d: first(d)["turns"][1].__setitem__(0, 0),
        "pass mark 500": set_first("pass_mark", 500),
        "passed as text": set_first("passed", "yes"),
        "same id twice, different content": lambda d: d["attempts"].append(
            {**first(d), "trainee": "Mallory", "overall": 99}
        ),
        "same id as stored, different content": "against-db",
    }
    good = json.dumps(base_export())
    cases["overall NaN"] = good.replace('"overall": 60', '"overall": NaN', 1).encode()
    cases["overall 5,000 digits"] = good.replace(
        '"overall": 60', '"overall": ' + "9" * 5000, 1
    ).encode()
    deep = base_export()
    set_turn(12, "@nested@")(deep)
    cases["deep nesting in turn events"] = (
        json.dumps(deep).replace('"@nested@"', "[" * 5000 + "]" * 5000).encode()
    )
    cases["reply lone surrogate"] = good.replace("reply 0:", "\\ud800 reply 0:", 1).encode()
    if big:
        cases["100 MB scenario id"] = set_first("scenario_id", "s" * 100_000_000)
        cases["100 MB reply"] = set_turn(1, "r" * 100_000_000)
    return cases


def probe_imports(findings: Findings, scratch: Path, big: bool) -> None:
    from simulator.store import open_store

    root = scratch / "imports"
    root.mkdir()
    good = base_export()
    for number, (name, change) in enumerate(malformed_imports(big).items()):
        db = root / f"board-{number}.db"
        with open_store(db):
            pass
        source = root / f"import-{number}.json"
        if change == "against-db":
            source.write_text(json.dumps(good), encoding="utf-8")
            assert cli("import", "--db", str(db), str(source))[0] == 0
            doc = base_export()
            first(doc)["trainee"] = "Mallory"
            first(doc)["overall"] = 99
            source.write_text(json.dumps(doc), encoding="utf-8")
        elif isinstance(change, bytes):
            source.write_bytes(change)
        else:
            doc = base_export()
            change(doc)
            source.write_text(json.dumps(doc), encoding="utf-8")
        before = {p: sha256(p) for p in (db, source)}
        with open_store(db) as board:
            rows_before = len(board.attempts())
        started = time.perf_counter()
        code, output = cli("import", "--db", str(db), str(source))
        seconds = time.perf_counter() - started
        text = decoded(output)
        with open_store(db) as board:
            rows_after = len(board.attempts())
        findings.check(CLASSES[3], not is_internal(code, text), f"import {name}: {text[:200]!r}")
        refused = code != 0 and "nothing was imported" in text
        accepted = code == 0 or rows_after != rows_before
        findings.check(
            CLASSES[4],
            refused and not accepted,
            f"import {name}: exit {code}, rows {rows_before}->{rows_after}: {text[:160]!r}",
        )
        findings.check(
            CLASSES[4],
            len(text) < 600 and len(text.splitlines()) <= 2,
            f"import {name}: the refusal is {len(text):,} characters long",
        )
        if code != 0:
            changed = [p.name for p, digest in before.items() if sha256(p) != digest]
            findings.check(CLASSES[6], not changed, f"import {name} refused but changed {changed}")
        if big and name.startswith("100 MB"):
            print(f"  import {name}: {seconds:.1f} s, exit {code}")


# --- scoreboard damage ------------------------------------------------------------------------


def probe_scoreboards(findings: Findings, scratch: Path) -> None:
    """Each kind is read (`scoreboard`) and written (`import` of a good export), each on a fresh
    copy of the damage; a full read (`export`) must report damage beyond the schema too."""
    root = scratch / "boards"
    root.mkdir()
    good = scratch / "good-export.json"
    good.write_text(json.dumps(base_export()), encoding="utf-8")
    out = scratch / "out"
    out.mkdir()
    for folder in (scratch, root, out):
        folder.chmod(0o777)
    good.chmod(0o644)
    commands = {
        "read": lambda p: ["scoreboard", "--db", str(p)],
        "write": lambda p: ["import", "--db", str(p), str(good)],
        "full read": lambda p: ["export", "--db", str(p), str(out / f"{time.monotonic_ns()}.json")],
    }
    for action, command in commands.items():
        kinds_root = root / action.replace(" ", "-")
        kinds_root.mkdir()
        for name, path, expected, user in damage_kinds(kinds_root):
            _one_board(findings, f"{action}: {name}", path, expected, command(path), user)


def _one_board(
    findings: Findings, name: str, path: Path, expected: str, args: list[str], user: str | None
) -> None:
    folder = path.parent
    before = {p.name: sha256(p) for p in folder.iterdir()} if folder.is_dir() else {}
    code, output = cli(*args, user=user)
    text = decoded(output)
    after = {p.name: sha256(p) for p in folder.iterdir()} if folder.is_dir() else {}
    findings.check(CLASSES[3], not is_internal(code, text), f"{name}: {text[:200]!r}")
    said_damaged = "a damaged scoreboard" in text or "not a recovery-sim scoreboard" in text
    if expected == HEALTHY:
        read_only = user is not None
        ok = (code == 0 or (read_only and "read-only" in text)) and not said_damaged
    elif expected == NEW:
        ok = not said_damaged and (code == 0 and path.exists() or "no scoreboard at" in text)
    elif expected == PAGE_DAMAGE and args[0] != "export":
        ok = code == 0 or said_damaged
    else:
        ok = code != 0 and "--db" in text
    findings.check(
        CLASSES[5], ok, f"{name}: expected {expected}, exit {code}: {text.strip()[:220]!r}"
    )
    if code != 0 and expected != NEW:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        untouched = "untouched" in text or "nothing was changed" in text
        findings.check(
            CLASSES[6],
            not changed,
            f"{name}: refused{' (said untouched)' if untouched else ''} but changed {changed}",
        )


# --- main -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--big", action="store_true", help="also import a real 100 MB field")
    parser.add_argument("--mutations", type=int, default=5002, help="mutated scenario files")
    parser.add_argument("--only", nargs="*", default=None, help="run only these probes")
    args = parser.parse_args()
    findings = Findings()
    probes: dict[str, Callable[[Path], None]] = {
        "cli": lambda s: probe_cli_escapes(findings, s),
        "app": lambda s: probe_app_escapes(findings, s),
        "library": lambda s: probe_library(findings, s),
        "cache": lambda s: probe_cache(findings, s),
        "mutations": lambda s: probe_mutations(findings, s, args.mutations),
        "imports": lambda s: probe_imports(findings, s, args.big),
        "scoreboards": lambda s: probe_scoreboards(findings, s),
    }
    os.environ.pop("RECOVERY_SIM_DB", None)
    scratch = Path(tempfile.mkdtemp(prefix="probe-hostile-"))
    try:
        for name, probe in probes.items():
            if args.only and name not in args.only:
                continue
            started = time.perf_counter()
            folder = scratch / name
            folder.mkdir()
            probe(folder)
            print(f"probe {name:<12} {time.perf_counter() - started:6.1f} s", file=sys.stderr)
    finally:
        for folder in scratch.rglob("*"):
            if folder.is_dir() and not folder.is_symlink():
                folder.chmod(0o755)
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    for name in CLASSES:
        found = findings.found[name]
        print(f"{len(found):5d}  {name}  (of {findings.checked[name]} checks)")
        for what in found[:25]:
            print(f"         - {what}")
        if len(found) > 25:
            print(f"         ... and {len(found) - 25} more")
    return 1 if any(findings.found.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
