"""Reading an export file's records: line by line when it has our layout, else in one piece.

Our exporter writes the header and `"attempts": [` on the first line, then one attempt per line,
each but the last ending in a comma, then `]}`. Read that way, records can be checked and
written batch by batch while the next batch is parsed, instead of parsing a 177 MB document
before anything else can start. Any other layout (a hand-edited or re-indented file) is read
with one `json.loads`, which also gives the line and column of anything that is not JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.store.errors import ImportFormatError
from simulator.store.export import EXPORT_FORMAT, EXPORT_VERSION, TURN_FIELDS

_HEADER_END = ', "attempts": ['
_DECODE_AT = json.JSONDecoder().raw_decode  # parses one value starting at an offset


class LayoutChanged(Exception):
    """A file began in our line layout but is valid JSON laid out otherwise: some of its
    records were already handed on, so the import must start again reading whole files."""


def export_records(path: Path, *, by_line: bool = True) -> Iterator[tuple[int, Any]]:
    """Each record of the file's "attempts" with its number from 1, as parsed from JSON (raises
    ImportFormatError for a file that is not an export, LayoutChanged as above)."""
    text = _text(path)
    first_line_end = text.find("\n")
    head = text[:first_line_end]
    if by_line and first_line_end > 0 and head.endswith(_HEADER_END):
        try:
            header = json.loads(head + "]}")
        except (ValueError, RecursionError):
            header = None
        if isinstance(header, dict) and header.get("attempts") == []:
            _check_header(path, header)
            yield from _line_records(path, text, first_line_end + 1)
            return
    yield from _whole_records(path, text)


def _whole_records(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    document = _parsed(path, text)
    _check_header(path, document)
    records = document.get("attempts")
    if not isinstance(records, list):
        raise ImportFormatError(path, '"attempts"', "must be a list of attempts")
    yield from enumerate(records, start=1)


def _line_records(path: Path, text: str, start: int) -> Iterator[tuple[int, Any]]:
    """Records parsed in place, one after another, from `start`: no copy of each line."""
    if text.startswith("]}", start) and not text[start + 2 :].strip():
        return  # an export of no attempts
    number, position = 0, start  # position moves on only past a parsed record
    while True:
        number += 1
        try:
            record, position = _DECODE_AT(text, position)
        except (ValueError, RecursionError):
            break
        yield number, record
        if text.startswith(",\n", position):
            position += 2
        elif text.startswith("\n]}", position) and not text[position + 3 :].strip():
            return
        else:
            break
    # Not one record per line: not JSON at all (the whole file is parsed to say where), or
    # JSON laid out some other way, to be read whole, from the start.
    if position > start:  # some records were handed on already
        _parsed(path, text)
        raise LayoutChanged
    yield from _whole_records(path, text)


def _text(path: Path) -> str:
    try:
        # Bytes decoded in one go: a text-mode read would also scan for newlines to translate.
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ImportFormatError(path, "file", "not found") from None
    except UnicodeDecodeError:
        raise ImportFormatError(path, "file", "not UTF-8 text; is it an export?") from None
    except OSError as error:
        raise ImportFormatError(path, "file", error.strerror or str(error)) from None


def _parsed(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ImportFormatError(path, where, f"not valid JSON ({error.msg})") from None
    except RecursionError:
        raise ImportFormatError(path, "file", "nested too deeply to be an export") from None


def _check_header(path: Path, document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        problem = f'not a recovery-sim scoreboard export (no "format": "{EXPORT_FORMAT}")'
        raise ImportFormatError(path, "file", problem)
    version = document.get("version")
    if type(version) is not int or not 1 <= version <= EXPORT_VERSION:
        problem = (
            f"export format version {version!r} is not one this recovery-sim reads "
            f"(1 to {EXPORT_VERSION}); upgrade recovery-sim"
        )
        raise ImportFormatError(path, '"version"', problem)
    if document.get("turn_fields") != list(TURN_FIELDS):
        problem = f"must list the turn fields {list(TURN_FIELDS)}"
        raise ImportFormatError(path, '"turn_fields"', problem)
