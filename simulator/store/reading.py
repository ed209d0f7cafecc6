"""Reading an export file: its header checked, and each attempt's record as raw JSON.

One pass of msgspec over the whole file checks that it is JSON, reads the header, and finds
where each record starts and ends without building it; each record is then decoded on its own,
batch by batch, by the import's checks (`fast_check`). This works the same for any layout, ours
or a hand-edited, re-indented file. A file that is not JSON is parsed again with the standard
library, whose error gives the line and column to fix.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from simulator.store.columns import TURN_FIELDS
from simulator.store.errors import ImportFormatError
from simulator.store.export_file import EXPORT_FORMAT, EXPORT_VERSION

TOO_DEEP = "lists or objects are nested too deeply inside each other to be an export"


class _Envelope(msgspec.Struct):
    """An export's top level; anything may be wrong in it, and is checked after."""

    format: Any = None
    version: Any = None
    turn_fields: Any = None
    attempts: list[msgspec.Raw] | None = None


_read_envelope = msgspec.json.Decoder(_Envelope).decode


def export_records(path: Path) -> list[msgspec.Raw] | list[Any]:
    """The file's records in order: raw JSON for each, or, in a file whose top level msgspec
    cannot read as an export, the parsed values (raises ImportFormatError for a file that is
    not an export, naming what is wrong)."""
    data = _bytes(path)
    try:
        envelope = _read_envelope(data)
    except msgspec.DecodeError:  # not JSON, or JSON not shaped as an export: say which
        return _parsed_records(path, data)
    except RecursionError:
        raise ImportFormatError(path, "file", TOO_DEEP) from None
    _check_header(path, envelope.format, envelope.version, envelope.turn_fields)
    if envelope.attempts is None:
        raise ImportFormatError(path, '"attempts"', "must be a list of attempts")
    return envelope.attempts


def _parsed_records(path: Path, data: bytes) -> list[Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFormatError(path, "file", "not UTF-8 text; is it an export?") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ImportFormatError(path, where, f"not valid JSON ({error.msg})") from None
    except RecursionError:
        raise ImportFormatError(path, "file", TOO_DEEP) from None
    if not isinstance(document, dict):
        document = {}  # not an export: the header check says so
    _check_header(
        path, document.get("format"), document.get("version"), document.get("turn_fields")
    )
    records = document.get("attempts")
    if not isinstance(records, list):
        raise ImportFormatError(path, '"attempts"', "must be a list of attempts")
    return records


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(path, "file", "not found") from None
    except OSError as error:
        raise ImportFormatError(path, "file", error.strerror or str(error)) from None


def _check_header(path: Path, export_format: Any, version: Any, turn_fields: Any) -> None:
    if export_format != EXPORT_FORMAT:
        problem = f'not a recovery-sim scoreboard export (no "format": "{EXPORT_FORMAT}")'
        raise ImportFormatError(path, "file", problem)
    if type(version) is not int or not 1 <= version <= EXPORT_VERSION:
        problem = (
            f"export format version {version!r} is not one this recovery-sim reads "
            f"(1 to {EXPORT_VERSION}); upgrade recovery-sim"
        )
        raise ImportFormatError(path, '"version"', problem)
    if turn_fields != list(TURN_FIELDS):
        problem = f"must list the turn fields {list(TURN_FIELDS)}"
        raise ImportFormatError(path, '"turn_fields"', problem)


class _Sections(msgspec.Struct):
    assignments: Any = None
    notes: Any = None
    certificates: Any = None


def export_assignments(path: Path) -> tuple[Any, ...]:
    """The file's assignments, checked (exports from before assignments have none)."""
    from simulator.store.assignments import assignment_from_json

    return _section(path, "assignments", assignment_from_json)


def export_notes(path: Path) -> tuple[Any, ...]:
    """The file's coaching notes, checked (exports from before notes have none)."""
    from simulator.store.notes import note_from_json

    return _section(path, "notes", note_from_json)


def export_certificates(path: Path) -> tuple[Any, ...]:
    """The file's certificates, checked (exports from before certificates have none)."""
    from simulator.store.certificates import certificate_from_json

    return _section(path, "certificates", certificate_from_json)


def _section(path: Path, name: str, read: Callable[[object, int], Any]) -> tuple[Any, ...]:
    from simulator.store.errors import InvalidRecordError

    try:
        found = getattr(msgspec.json.decode(_bytes(path), type=_Sections), name)
    except msgspec.DecodeError:
        return ()  # the attempts' checks have already said what is wrong with the file
    if found is None:
        return ()
    if not isinstance(found, list):
        raise ImportFormatError(path, f'"{name}"', f"must be a list of {name}")
    try:
        return tuple(read(record, number) for number, record in enumerate(found, 1))
    except InvalidRecordError as error:
        raise ImportFormatError(path, f'"{name}"', str(error)) from None
