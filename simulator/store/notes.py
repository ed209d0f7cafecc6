"""Coaching notes: a lead's words on one attempt, which the trainee sees when it is replayed.

A note is kept by the attempt's id (not its row), so it survives an import that completes the
attempt, and travels in exports ("notes" in the header) to wherever the attempt goes. Both
backends store and check notes the same way through this module.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from simulator import names
from simulator.store import timestamps
from simulator.store.errors import InvalidRecordError
from simulator.text_safety import has_control

# A note is a few sentences of coaching, not a report: long enough for "what went well, what to
# try next" with an example reply, short enough to read under a transcript.
MAX_NOTE_LENGTH = 2_000


@dataclass(frozen=True, slots=True)
class Note:
    id: str  # a UUID
    attempt_id: str  # the attempt's UUID
    author: str
    text: str  # may hold newlines; never control characters
    created_at: datetime


def clean_note_text(value: object, what: str = "note") -> str:
    """The note as typed: NFC, trailing spaces and blank edges trimmed, newlines kept."""
    if not isinstance(value, str):
        raise InvalidRecordError(f"{what} must be text, not {type(value).__name__}")
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").strip()
    if not text:
        raise InvalidRecordError(f"{what} is empty; write what the trainee should know")
    if has_control(text.replace("\t", " ")):
        raise InvalidRecordError(
            f"{what} {names.excerpt(text)} contains control characters; type it again without"
        )
    if len(text) > MAX_NOTE_LENGTH:
        raise InvalidRecordError(
            f"{what} is {len(text):,} characters; a note may have at most {MAX_NOTE_LENGTH:,}"
        )
    return text


def clean_author(value: object, what: str = "note author") -> str:
    if not isinstance(value, str):
        raise InvalidRecordError(f"{what} must be text, not {type(value).__name__}")
    try:
        return names.clean_name(value, what)
    except ValueError as error:
        raise InvalidRecordError(str(error)) from None


def new_note(attempt_id: str, author: str, text: str) -> Note:
    """A checked note, dated now (raises InvalidRecordError for a bad author or text)."""
    return Note(
        id=str(uuid.uuid4()),
        attempt_id=str(attempt_id),
        author=clean_author(author),
        text=clean_note_text(text),
        created_at=timestamps.now(),
    )


def note_to_json(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "attempt_id": note.attempt_id,
        "author": note.author,
        "text": note.text,
        "created_at": timestamps.to_iso(note.created_at),
    }


def note_from_json(record: object, number: int) -> Note:
    """A checked note from an export (InvalidRecordError says which field is wrong)."""
    if not isinstance(record, dict):
        raise InvalidRecordError(f"note {number} must be an object")
    try:
        ident = str(uuid.UUID(str(record.get("id"))))
        attempt = str(uuid.UUID(str(record.get("attempt_id"))))
        created = timestamps.parse_iso(str(record.get("created_at")))
    except ValueError as error:
        raise InvalidRecordError(f"note {number}: {error}") from None
    return Note(
        id=ident,
        attempt_id=attempt,
        author=clean_author(record.get("author"), f"note {number}: author"),
        text=clean_note_text(record.get("text"), f"note {number}: text"),
        created_at=created,
    )
