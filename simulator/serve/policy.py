"""What the served app allows, decided without a web server: testable as plain Python.

textual-serve has no login, no origin check and no session cap, and hands its whole environment
to every app process. These functions are the rules `simulator.serve.server` enforces.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from simulator.cli.cmd_app import ENV_TRAINEE
from simulator.store.location import ENV_DB

DEFAULT_MAX_SESSIONS = 20  # a team of twenty at ~70 MiB each (teams.md): about 1.4 GiB
DEFAULT_IDLE_MINUTES = 30.0  # a trainee away for a meeting; turns are saved as played
MAX_USER_CHARS = 80  # as the name field keeps

# Only these reach an app process: what Python, the terminal and the store need. Anything else
# in the server's environment (cloud keys, PGPASSWORD, tokens) stays with the server.
PASSED_ENV = (
    "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "SYSTEMROOT",
    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "VIRTUAL_ENV",
    "RECOVERY_SIM_SCENARIOS", "RECOVERY_SIM_CONFIG_DIR", "RECOVERY_SIM_CACHE_DIR",
    "RECOVERY_SIM_DEBUG", "PGPASSFILE", "PGSERVICEFILE", "PGSERVICE", "PGSSLROOTCERT",
)  # fmt: skip
PASSED_ENV_PREFIXES = ("LC_",)


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    user_header: str | None = None  # e.g. X-Forwarded-User, set by the sign-in proxy
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_seconds: float = DEFAULT_IDLE_MINUTES * 60
    db: str | None = None
    scenario_dirs: Sequence[Path] = field(default_factory=tuple)

    @property
    def url(self) -> str:
        """Where browsers reach the server: the proxy's address, or the host and port."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_origins(options: ServeOptions) -> frozenset[str]:
    """The page origins whose scripts may open a session's websocket.

    A page on another site must not drive a trainee's session with their proxy cookies
    (cross-site websocket hijacking). Without a public URL on loopback, the usual spellings of
    this machine count as one.
    """
    origins = {_origin(options.url)}
    if not options.public_url and is_loopback(options.host):
        origins |= {f"http://{name}:{options.port}" for name in ("localhost", "127.0.0.1", "[::1]")}
    return frozenset(origins)


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    return origin is not None and origin.rstrip("/").lower() in allowed


def _origin(url: str) -> str:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    return f"{parts.scheme}://{host}{port}".lower()


def trainee_from_header(value: str | None) -> str | None:
    """The user a sign-in proxy named, as a trainee name; None when there is no usable name.

    Control and format characters are dropped (a name is shown on screen and in reports),
    whitespace is collapsed and the length capped like the name field.
    """
    if value is None:
        return None
    kept = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    name = " ".join(kept.split())[:MAX_USER_CHARS].strip()
    return name or None


def app_argv() -> list[str]:
    """What each session runs: this Python, this copy of the program (`-P`: not the folder the
    server was started in, which might hold another `simulator`)."""
    return [sys.executable, "-P", "-m", "simulator"]


def app_command() -> str:
    return shlex.join(app_argv())


def app_environment(
    options: ServeOptions,
    trainee: str | None,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment of one session's app process (textual-serve adds its terminal settings).

    Only `PASSED_ENV` of the server's own environment; the store and library the server was
    started with; the import path of this copy of the program; the trainee the proxy named.
    """
    base = os.environ if base is None else base
    env = {
        key: value
        for key, value in base.items()
        if key in PASSED_ENV or key.startswith(PASSED_ENV_PREFIXES)
    }
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    env["PYTHONIOENCODING"] = "utf-8"
    db = options.db or base.get(ENV_DB)
    if db:
        env[ENV_DB] = db
    if options.scenario_dirs:
        extra = os.pathsep.join(str(Path(d).resolve()) for d in options.scenario_dirs)
        env["RECOVERY_SIM_SCENARIOS"] = os.pathsep.join(
            part for part in (extra, env.get("RECOVERY_SIM_SCENARIOS", "")) if part
        )
    if trainee:
        env[ENV_TRAINEE] = trainee
    return env
