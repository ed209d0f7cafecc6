"""Driving `recovery-sim serve` as a browser would, without one: the page's websocket, its
frames fed into a terminal emulator (pyte), keystrokes sent as the page sends them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USER_HEADER = "X-Forwarded-User"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "RECOVERY_SIM_CONFIG_DIR": str(tmp_path / "config")}
    env["RECOVERY_SIM_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("RECOVERY_SIM_SCENARIOS", None)
    env.pop("RECOVERY_SIM_DB", None)
    return env


def http_status(url: str, headers: Mapping[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Served(str):
    """The base URL of a running `serve`, with its process."""

    process: subprocess.Popen[str]

    def children(self) -> list[int]:
        """The server's child processes now (one app process per open session). Linux only."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]


@contextlib.contextmanager
def serving(tmp_path: Path, *args: str, command: list[str] | None = None) -> Iterator[Served]:
    """`serve` on a free loopback port with its own scoreboard file; yields the base URL."""
    port = free_port()
    base = command or [sys.executable, str(ROOT / "run.py")]
    db = tmp_path / "board.db"
    process = subprocess.Popen(
        [*base, "serve", "--port", str(port), "--db", str(db), *args],
        cwd=tmp_path,
        env=serve_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = Served(f"http://127.0.0.1:{port}")
    url.process = process
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(f"serve exited: {process.stdout.read()}")  # type: ignore[union-attr]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("serve did not start listening in 60 s") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class WebTerminal:
    """One browser tab's terminal: what it shows (`text`) and what the keyboard sends."""

    def __init__(self, url: str, user: str | None = None, width: int = 120, height: int = 40):
        import pyte

        self.url, self.user, self.width, self.height = url, user, width, height
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.closed = asyncio.Event()
        self.first_frame_at: float | None = None
        self.messages: list[object] = []  # the page's other messages: downloads, URLs

    async def __aenter__(self) -> WebTerminal:
        import aiohttp

        headers = {"Origin": self.url}
        if self.user is not None:
            headers[USER_HEADER] = self.user
        self.session = aiohttp.ClientSession()
        ws_url = self.url.replace("http", "ws", 1)
        self.opened_at = time.monotonic()
        self.ws = await self.session.ws_connect(
            f"{ws_url}/ws?width={self.width}&height={self.height}", headers=headers
        )
        self.reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.ws.close()
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.reader
        await self.session.close()

    async def _read(self) -> None:
        import aiohttp

        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                if self.first_frame_at is None:
                    self.first_frame_at = time.monotonic()
                self.stream.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(message.json())
        self.closed.set()

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def type(self, text: str, pause: float = 0.05) -> None:
        for char in text:
            await self.ws.send_json(["stdin", char])
            await asyncio.sleep(pause)

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.ws.send_json(["stdin", key])
            await asyncio.sleep(0.25)

    async def wait_for(self, needle: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; the screen:\n{self.text}")
            await asyncio.sleep(0.1)
        return self.text
