"""The app as served: a trainee named by the sign-in proxy, and keys a browser lets through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import build_app, wait_for_library, wait_until, write_scenario
from textual.widgets import Input

from simulator.ui.settings import user_config_dir
from simulator.ui.widgets.text_field import TextField

ROOT = Path(__file__).resolve().parents[1]

# Browsers keep these for themselves (new window, new tab, close tab): a page never sees them.
BROWSER_KEYS = {"ctrl+n", "ctrl+t", "ctrl+w", "ctrl+shift+n", "ctrl+shift+t", "ctrl+shift+w",
                "ctrl+tab", "ctrl+shift+tab"}  # fmt: skip


async def test_a_named_trainee_cannot_change_the_name_and_keeps_own_settings(
    tmp_path: Path,
) -> None:
    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    app = build_app(tmp_path, trainee="Dana Okoro")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_library(pilot)
        name = app.screen.query_one("#name", Input)
        assert name.value == "Dana Okoro" and name.disabled
        assert app.screen.focused is app.screen.query_one("#team", Input)
        await pilot.press(*"Blue Sky", "alt+backspace")  # ctrl+w would close the tab
        assert app.screen.query_one("#team", Input).value == "Blue "
        await pilot.press("backspace", "enter")
        app.remember_trainee("Somebody Else", "Blue")
        assert app.settings.name == "Dana Okoro"
        await app.action_quit()
    saved = user_config_dir(tmp_path / "config", "Dana Okoro") / "settings.json"
    assert json.loads(saved.read_text())["team"] == "Blue"
    assert not (tmp_path / "config" / "settings.json").exists()  # not the shared file

    other = build_app(tmp_path, trainee="Lee Chan")
    assert other.settings.name == "Lee Chan" and other.settings.team == ""
    again = build_app(tmp_path, trainee="Dana Okoro")
    assert again.settings.team == "Blue"


def test_user_folders_stay_inside_and_apart(tmp_path: Path) -> None:
    folders = {user_config_dir(tmp_path, name) for name in ("../../etc", "dana", "Dana", "DANA")}
    assert len(folders) == 4
    assert all(folder.parent == tmp_path / "users" for folder in folders)


def test_every_action_has_a_key_the_browser_lets_through() -> None:
    """Ours and those of Textual's widgets on our screens (Input, TextArea, DataTable...)."""
    import importlib
    import pkgutil
    from collections import defaultdict

    import simulator.ui
    from simulator.app import RecoverySimApp

    owners: set[type] = {RecoverySimApp}
    for info in pkgutil.walk_packages(simulator.ui.__path__, "simulator.ui."):
        module = importlib.import_module(info.name)
        owners |= {
            v for v in vars(module).values() if isinstance(v, type) and "BINDINGS" in vars(v)
        }
    keys_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for owner in owners:
        for binding in vars(owner)["BINDINGS"]:
            key, action = (binding.key, binding.action) if hasattr(binding, "key") else binding[:2]
            keys_of[owner.__name__, action] |= {k.strip() for k in key.split(",")}
    assert ("ReplyArea", "newline") in keys_of and ("StartScreen", "app.help") in keys_of
    only_kept = {what: keys for what, keys in keys_of.items() if keys <= BROWSER_KEYS}
    assert only_kept == {("Input", "delete_left_word"): {"ctrl+w"}}  # Textual's own Input...
    assert "delete_left_word" in {b.action for b in TextField.BINDINGS}  # ...which we don't use
    sources = (ROOT / "simulator" / "ui").rglob("*.py")
    assert [p.name for p in sources if " Input(" in p.read_text()] == []


async def test_the_debrief_is_saved_as_a_text_file_in_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.ui.screens.debrief import DebriefScreen

    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # Downloads is under it
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)  # where user-dirs.dirs could move it
    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    app = build_app(tmp_path, trainee="Dana Okoro")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_library(pilot)
        await pilot.press(*"Blue", "enter", "enter")
        await pilot.pause(0.3)
        await pilot.press("escape", "y")  # give up: the debrief of an abandoned attempt
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief")
        await pilot.pause(0.3)
        await pilot.press("d")
        saved = tmp_path / "home" / "Downloads"
        await wait_until(pilot, lambda: any(saved.glob("debrief-*.txt")), "the saved file")
    (path,) = saved.glob("debrief-lost-parcel-*.txt")
    assert path.read_text().startswith("=== Debrief: lost-parcel ===")
