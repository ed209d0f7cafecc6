"""The rules `serve` enforces, as plain Python: origins, names from headers, what reaches an
app process, and the command-line checks before anything listens."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.cli.cmd_app import ENV_TRAINEE
from simulator.serve.policy import (
    ServeOptions,
    allowed_origins,
    app_environment,
    is_loopback,
    origin_allowed,
    trainee_from_header,
)


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("10.1.2.3", False), ("training.example.com", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_origins_on_loopback_accept_this_machine_only() -> None:
    allowed = allowed_origins(ServeOptions(port=8123))
    assert origin_allowed("http://127.0.0.1:8123", allowed)
    assert origin_allowed("http://localhost:8123/", allowed)
    for origin in ("http://127.0.0.1:9999", "https://evil.example", None, "null"):
        assert not origin_allowed(origin, allowed)


def test_origin_behind_a_proxy_is_the_public_url() -> None:
    allowed = allowed_origins(ServeOptions(public_url="https://Training.Example.com/sim/"))
    assert allowed == {"https://training.example.com"}
    assert origin_allowed("https://training.example.com", allowed)
    assert not origin_allowed("http://127.0.0.1:8000", allowed)
    assert not origin_allowed("http://training.example.com", allowed)  # not the same scheme


@pytest.mark.parametrize(
    ("header", "name"),
    [("Dana Okoro", "Dana Okoro"), ("  dana\t okoro ", "dana okoro"), ("", None), ("   ", None),
     (None, None), ("Dana\x1b[31m\u202eOkoro", "Dana[31mOkoro"), ("x" * 500, "x" * 80)],
)  # fmt: skip
def test_names_from_the_header_are_plain_and_bounded(header: str | None, name: str | None) -> None:
    assert trainee_from_header(header) == name


def test_app_processes_get_only_what_they_need(tmp_path: Path) -> None:
    base = {
        "PATH": "/usr/bin",
        "HOME": "/home/trainer",
        "LC_ALL": "C.UTF-8",
        "PGPASSWORD": "hunter2",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "RECOVERY_SIM_SCENARIOS": "/srv/team",
    }
    options = ServeOptions(db=str(tmp_path / "board.db"), scenario_dirs=(tmp_path,))
    env = app_environment(options, "Dana Okoro", base)
    assert "PGPASSWORD" not in env and "AWS_SECRET_ACCESS_KEY" not in env
    assert env["PATH"] == "/usr/bin" and env["LC_ALL"] == "C.UTF-8"
    assert env["RECOVERY_SIM_DB"] == str(tmp_path / "board.db")
    assert env["RECOVERY_SIM_SCENARIOS"].split(":") == [str(tmp_path.resolve()), "/srv/team"]
    assert env[ENV_TRAINEE] == "Dana Okoro"
    assert (Path(env["PYTHONPATH"]) / "simulator" / "__main__.py").is_file()
    assert ENV_TRAINEE not in app_environment(options, None, base)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "has no login of its own"),
        (["--port", "0"], "--port must be between"),
        (["--max-sessions", "0"], "--max-sessions must be at least 1"),
        (["--idle-minutes", "0"], "--idle-minutes must be more than 0"),
        (["--public-url", "training.example.com"], "must start with http"),
        (["--trust-user-header", " "], "needs a header name"),
    ],
)
def test_serve_refuses_unsafe_or_wrong_options_before_listening(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *args]) == 1
    assert message in capsys.readouterr().err


def test_another_host_needs_the_flag_and_warns(capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli.cmd_serve import options_from, warn_about

    args = argparse.Namespace(
        host="0.0.0.0", port=8000, public_url=None, allow_remote=True,
        trust_user_header="X-Forwarded-User", max_sessions=5, idle_minutes=10.0,
    )  # fmt: skip
    options = options_from(args)
    warn_about(options)
    err = capsys.readouterr().err
    assert "no login of its own" in err and "claim any name" in err
    assert options.idle_seconds == 600 and options.user_header == "X-Forwarded-User"


def test_a_port_in_use_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "choose another with --port" in err


def test_without_the_web_extra_serve_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "simulator.serve.server", raising=False)
    monkeypatch.delitem(sys.modules, "textual_serve.server", raising=False)
    assert main(["serve"]) == 1
    assert "pip install 'recovery-sim[web]'" in capsys.readouterr().err
