"""The one output edge for text from others: scenario files, names, replies, imports, the database.

Control characters would act on the reader's terminal (colours, a new window title, an OSC 52
write to the clipboard, the C1 CSI U+009B that some terminals obey like ESC [). Before any of it
is shown, `visible` turns each one into an escape you can read (`\\x1b`) and each lone surrogate
into U+FFFD, keeping newlines and tabs. The result holds no control character, so applying it
twice changes nothing: the CLI can escape values for its layout and still pass everything it
writes through `VisibleStream` as a backstop.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

# C0 except tab and newline, DEL, C1 (U+0080-U+009F, U+009B the CSI among them).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
REPLACEMENT = "\ufffd"
# What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return REPLACEMENT
    return f"\\x{ord(char):02x}"


def visible(text: str) -> str:
    """`text` with every control character shown as `\\xNN` and lone surrogates as U+FFFD."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def has_control(text: str) -> bool:
    """True when `text` holds a character `visible` would change."""
    return _UNSAFE.search(text) is not None


def csv_cell(value: Any) -> Any:
    """A CSV value a spreadsheet shows as text: a leading `=`, `+`, `-` or `@` gets a `'`."""
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(document: Any, **options: Any) -> str:
    """JSON with non-ASCII kept readable but DEL, C1 and surrogates as `\\uXXXX` escapes.

    `json.dumps(..., ensure_ascii=False)` already escapes C0; the rest would reach the terminal
    raw (or fail to encode, for a surrogate). The escapes keep the JSON valid and the data whole.
    """
    return _UNSAFE.sub(_json_escape, json.dumps(document, ensure_ascii=False, **options))


class VisibleStream:
    """A text stream whose every write goes through `visible` (newlines and tabs pass)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a `VisibleStream` (rich writes its own colour codes there)."""
    return stream.raw if isinstance(stream, VisibleStream) else stream  # type: ignore[return-value]
