"""`serve`: the app in a browser for a team, one app process per tab (the `web` extra)."""

from __future__ import annotations

import argparse
import sys

from simulator.cli.common import CliError, add_db_option, add_library_option, scenario_dirs
from simulator.serve.policy import (
    DEFAULT_IDLE_MINUTES,
    DEFAULT_MAX_SESSIONS,
    ServeOptions,
    is_loopback,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve",
        help="serve the app to browsers (needs the web extra)",
        description=(
            "Serve the app to web browsers: each tab runs its own app process and plays into "
            "the same scoreboard. The server has no login of its own: for a team, put it "
            "behind a reverse proxy that signs people in and pass --trust-user-header "
            "(docs/DEPLOYING.md)."
        ),
        epilog="examples:\n  %(prog)s    # http://127.0.0.1:8000, this machine only\n"
        "  %(prog)s --db /srv/recovery/scoreboard.sqlite3 --trust-user-header X-Forwarded-User"
        " --public-url https://training.example.com",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default %(default)s)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when a proxy is in front (e.g. https://training.example.com)",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other than this machine (the server has no login of its own)",
    )
    parser.add_argument(
        "--trust-user-header",
        metavar="HEADER",
        help="take the trainee's name from this header set by the sign-in proxy "
        "(e.g. X-Forwarded-User); requests without it are refused",
    )
    parser.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help="most browser sessions at once, about 70 MiB each (default %(default)s)",
    )
    parser.add_argument(
        "--idle-minutes",
        type=float,
        default=DEFAULT_IDLE_MINUTES,
        metavar="MIN",
        help="end a session nobody typed in for this long; its turns are already saved "
        "(default %(default)g)",
    )
    add_db_option(parser)
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    try:
        from simulator.serve.server import RecoveryServer
    except ImportError as error:
        raise CliError(
            f"serve needs the web extra ({error.name or error} is not installed): "
            "pip install 'recovery-sim[web]'"
        ) from None
    check_port_free(options.host, options.port)
    warn_about(options)
    RecoveryServer(options).serve()
    return 0


def check_port_free(host: str, port: int) -> None:
    """Say plainly that the port is taken, before the server prints that it is serving."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        raise CliError(
            f"cannot listen on {host}:{port} ({error.strerror or error}): another program may "
            "be using the port; choose another with --port"
        ) from None


def options_from(args: argparse.Namespace) -> ServeOptions:
    if not 0 < args.port < 65536:
        raise CliError("--port must be between 1 and 65535")
    if args.max_sessions < 1:
        raise CliError("--max-sessions must be at least 1")
    if not args.idle_minutes > 0:
        raise CliError("--idle-minutes must be more than 0")
    if not is_loopback(args.host) and not args.allow_remote:
        raise CliError(
            f"--host {args.host} would let other machines in, and the server has no login of "
            "its own: put it behind a sign-in proxy on this machine (docs/DEPLOYING.md), or "
            "add --allow-remote if that is what you want"
        )
    public_url = args.public_url
    if public_url and not public_url.startswith(("http://", "https://")):
        raise CliError(f"--public-url must start with http:// or https://, not {public_url!r}")
    header = args.trust_user_header
    if header is not None and not header.strip():
        raise CliError("--trust-user-header needs a header name, e.g. X-Forwarded-User")
    return ServeOptions(
        host=args.host,
        port=args.port,
        public_url=public_url,
        user_header=header.strip() if header else None,
        max_sessions=args.max_sessions,
        idle_seconds=args.idle_minutes * 60,
        db=getattr(args, "db", None),
        scenario_dirs=tuple(scenario_dirs(args)),
    )


def warn_about(options: ServeOptions) -> None:
    if not is_loopback(options.host):
        print(
            f"warning: listening on {options.host}: anyone who can reach port {options.port} "
            "can use the simulator; the server has no login of its own.",
            file=sys.stderr,
        )
        if options.user_header:
            print(
                f"warning: with --trust-user-header, anyone reaching the port directly can send "
                f"{options.user_header} and claim any name; let only the proxy reach it.",
                file=sys.stderr,
            )
