"""textual-serve's server with what a team needs: identity from the sign-in proxy, an origin
check, a session cap, idle sessions ended, and app processes that get only what they need.

Built on private methods of textual-serve (`_make_app`, `_process_messages`,
`AppService._open_app_process`, `_build_environment`), which is why pyproject.toml pins it
exactly: check these overrides when the pin moves.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
from importlib.metadata import version
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from simulator.serve.policy import (
    ServeOptions,
    allowed_origins,
    app_argv,
    app_command,
    app_environment,
    origin_allowed,
    trainee_from_header,
)

log = logging.getLogger("textual-serve")

TEMPLATES = Path(__file__).resolve().parent / "templates"
STOP_GRACE_SECONDS = 5.0  # an app asked to quit saves and exits well within this
RETRY_AFTER_SECONDS = 60
CLOSING = (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR)
TRAINEE_KEY = web.AppKey("trainee", str)


class SessionService(AppService):
    """One browser tab's app process, started without a shell, with an environment of its own."""

    def __init__(self, argv: list[str], environment: dict[str, str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.environment = environment
        self.ended_idle = False
        self.websocket: web.WebSocketResponse | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        # As textual-serve 1.1.3 sets it, but over our environment instead of the server's.
        return {
            **self.environment,
            "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
            "TEXTUAL_FPS": "60",
            "TEXTUAL_COLOR_SYSTEM": "truecolor",
            "TERM_PROGRAM": "textual",
            "TERM_PROGRAM_VERSION": version("textual-serve"),
            "COLUMNS": str(width),
            "ROWS": str(height),
        }

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        # No shell in between, and a process group of its own: stopping it leaves nothing behind.
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=hasattr(os, "killpg"),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit (it saves as it goes); end it if it has not within the grace."""
        task = self._task
        if task is None:
            return
        self._task = None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        await self.send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(asyncio.shield(task), STOP_GRACE_SECONDS)
        except TimeoutError:
            log.warning("app process %s did not quit; ending it", self.pid)
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGKILL)  # and anything it started
                else:
                    process.kill()  # Windows: no process groups
        if process is not None:
            await process.wait()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


class RecoveryServer(Server):
    """The served app. `sessions` are the tabs open now, each with its own app process."""

    def __init__(self, options: ServeOptions) -> None:
        super().__init__(
            app_command(),
            host=options.host,
            port=options.port,
            title="Recovery Simulator",
            public_url=options.url,
            templates_path=TEMPLATES,
        )
        self.options = options
        self.origins = allowed_origins(options)
        self.sessions: set[SessionService] = set()
        self.argv = app_argv()

    # The web application ----------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._require_user])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                # textual-serve lists this folder's files; nothing here needs a listing.
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _require_user(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """With a trusted header, every request must carry the user the sign-in proxy named."""
        header = self.options.user_header
        if header is None:
            return await handler(request)
        trainee = trainee_from_header(request.headers.get(header))
        if trainee is None:
            log.warning("refused %s %s: no %s header", request.method, request.path, header)
            return self._notice(
                request,
                403,
                "Sign in first",
                f"This simulator is reached through your organisation's sign-in (it expected a "
                f"{header} header and none came). Use the address your trainer sent you.",
            )
        request[TRAINEE_KEY] = trainee
        return await handler(request)

    def _notice(
        self, request: web.Request, status: int, title: str, message: str, retry: bool = False
    ) -> web.Response:
        context = {"title": title, "message": message, "retry": "./" if retry else ""}
        response = aiohttp_jinja2.render_template("notice.html", request, context, status=status)
        if retry:
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def _full(self, request: web.Request) -> web.Response | None:
        if len(self.sessions) < self.options.max_sessions:
            return None
        return self._notice(
            request,
            503,
            "All seats are taken",
            f"All {self.options.max_sessions} practice sessions are in use right now. "
            "Try again in a minute or two.",
            retry=True,
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        full = self._full(request)
        if full is not None:
            return full
        return await super().handle_index(request)  # type: ignore[no-any-return]

    async def on_startup(self, app: web.Application) -> None:
        options = self.options
        self.console.print(f"Recovery Simulator served on {self.public_url}", highlight=False)
        self.console.print(
            f"  up to {options.max_sessions} sessions; idle ones end after "
            f"{options.idle_seconds / 60:g} min"
            + (f"; user from the {options.user_header} header" if options.user_header else ""),
            highlight=False,
        )
        self.console.print("Press Ctrl+C to stop.", highlight=False)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping the server (Ctrl+C, SIGTERM): every app quits, saving as it goes, and every
        page is told, without waiting for aiohttp's shutdown timeout."""
        sessions = list(self.sessions)
        await asyncio.gather(*(s.stop() for s in sessions), return_exceptions=True)
        for session in sessions:
            if session.websocket is not None and not session.websocket.closed:
                await session.websocket.close(
                    code=WSCloseCode.GOING_AWAY, message=b"The server is stopping"
                )

    # Sessions --------------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        origin = request.headers.get("Origin")
        if not origin_allowed(origin, self.origins):
            log.warning("refused a session from origin %r (expected %s)", origin, self.public_url)
            raise web.HTTPForbidden(text=f"origin {origin!r} may not open sessions here")
        full = self._full(request)
        if full is not None:
            return full
        trainee = request.get(TRAINEE_KEY)
        service = SessionService(
            self.argv,
            app_environment(self.options, trainee),
            write_bytes=_later,
            write_str=_later,
            close=_later,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.sessions.add(service)  # counted from here: no await since the check above
        websocket = web.WebSocketResponse(heartbeat=15)
        service.remote_write_bytes = websocket.send_bytes
        service.remote_write_str = websocket.send_str
        service.remote_close = websocket.close
        service.websocket = websocket
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        try:
            await websocket.prepare(request)
            await service.start(width, height)
            log.info("session %s started for %s", service.pid, trainee or "a typed-in name")
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
            log.exception(error)
        finally:
            await service.stop()
            self.sessions.discard(service)
            if not websocket.closed:
                await websocket.close()
            log.info("session %s ended%s", service.pid, " (idle)" if service.ended_idle else "")
        return websocket

    async def _process_messages(  # type: ignore[override]
        self, websocket: web.WebSocketResponse, app_service: SessionService
    ) -> None:
        """The browser's messages, as textual-serve handles them, ending an idle session.

        Only typing and resizing count as activity: the page's own pings do not.
        """
        loop = asyncio.get_running_loop()
        idle = self.options.idle_seconds
        last_active = loop.time()
        while True:
            remaining = last_active + idle - loop.time()
            if remaining <= 0:
                app_service.ended_idle = True
                return
            try:
                message = await websocket.receive(timeout=remaining)
            except TimeoutError:
                continue
            if message.type in CLOSING:
                return
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue  # not a message the page sends
            if kind == "stdin" and isinstance(data, str):
                last_active = loop.time()
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                last_active = loop.time()
                width = to_int(str(data.get("width")), 80)
                await app_service.set_terminal_size(width, to_int(str(data.get("height")), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()


async def _later(*_: Any) -> None:
    """Placeholder until the websocket exists (replaced before the process starts)."""
