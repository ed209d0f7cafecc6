"""Keeping passwords out of what is shown: a server URL is printed without its password.

A password belongs in libpq's password file (`~/.pgpass`, `$PGPASSFILE`) or a service file, not
in a URL; when a URL carries one anyway, every message, log line and error shows `***` instead.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SECRET_KEYS = frozenset({"password", "sslpassword"})
# key=value connection strings ("host=... password=secret"), quoted or not
_KEYWORD_PASSWORD = re.compile(r"(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.I)


def redact_url(url: str) -> str:
    """`url` with any password replaced by `***` (the user name and the rest kept)."""
    if "://" not in url:
        return _KEYWORD_PASSWORD.sub(r"\1***", url)
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            if ":" in userinfo:
                userinfo = userinfo.split(":", 1)[0] + ":***"
            netloc = f"{userinfo}@{hostport}"
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            query = urlencode(
                [(key, "***" if key.lower() in _SECRET_KEYS else value) for key, value in pairs],
                safe="*/",
            )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "(a database URL that could not be read)"


def scrub(text: str, url: str) -> str:
    """`text` (a driver's message, say) with the password of `url`, if any, removed."""
    password = _password_of(url)
    if password:
        text = text.replace(password, "***")
    return _KEYWORD_PASSWORD.sub(r"\1***", text)


def _password_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.password:
        return parts.password
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in _SECRET_KEYS and value:
            return value
    match = _KEYWORD_PASSWORD.search(url)
    return match.group(2) if match and "://" not in url else None
