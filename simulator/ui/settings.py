"""The trainee's remembered choices (name, team, mode, theme) in a small JSON file.

Kept apart from the scoreboard: it is a convenience, so a broken file falls back to defaults
instead of stopping the app. Plain Python, no Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

Mode = Literal["practice", "assessment"]
MODES: tuple[Mode, ...] = ("practice", "assessment")
ENV_CONFIG_DIR = "RECOVERY_SIM_CONFIG_DIR"
SETTINGS_FILE = "settings.json"
APP_NAME = "recovery-sim"


@dataclass(frozen=True, slots=True)
class TraineeSettings:
    name: str = ""
    team: str = ""
    mode: Mode = "practice"
    theme: str = ""

    def with_changes(self, **changes: str) -> TraineeSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def user_config_dir(config_dir: Path, user: str) -> Path:
    """A folder of its own for each user a sign-in proxy names (served app): one user's name,
    team and theme are never another's. Readable prefix, hashed suffix: no two names collide
    and no name can reach outside `config_dir`."""
    slug = re.sub(r"[^a-z0-9]+", "-", user.lower()).strip("-")[:40] or "user"
    digest = hashlib.sha256(user.encode("utf-8")).hexdigest()[:16]
    return config_dir / "users" / f"{slug}-{digest}"


def load_settings(config_dir: Path) -> tuple[TraineeSettings, str | None]:
    """The saved settings, and a warning to show if the file could not be read."""
    path = config_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return TraineeSettings(), None
    except (OSError, ValueError) as error:
        return TraineeSettings(), f"Could not read {path} ({error}); starting with blank settings."
    if not isinstance(raw, dict):
        return TraineeSettings(), f"{path} is not a settings file; starting with blank settings."
    mode = raw.get("mode")
    return (
        TraineeSettings(
            name=_text(raw.get("name")),
            team=_text(raw.get("team")),
            mode=mode if mode in MODES else "practice",
            theme=_text(raw.get("theme")),
        ),
        None,
    )


def save_settings(config_dir: Path, settings: TraineeSettings) -> str | None:
    """Write the settings atomically; returns an error message instead of raising."""
    path = config_dir / SETTINGS_FILE
    try:
        config_dir.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        temp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        temp.replace(path)
    except OSError as error:
        return f"Could not save your name and team to {path}: {error}"
    return None


def _text(value: object) -> str:
    return value.strip()[:80] if isinstance(value, str) else ""
