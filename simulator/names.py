"""What a name, an id or a title may be, wherever one comes in: typed in the app, given on the
command line, written in a scenario file or read from an import.

Each check returns the cleaned value or raises `ValueError` with one line saying what is wrong;
a bad value is quoted only as a short excerpt with its control characters made visible.
"""

from __future__ import annotations

import re
import unicodedata

from simulator.text_safety import has_control, visible

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_NAME_LENGTH = 100  # trainee and team names are labels in a table, not essays
MAX_ID_LENGTH = 100  # scenario ids are file-name-like slugs
MAX_TITLE_LENGTH = 200  # a title fits a line of the library table
MAX_LABEL_LENGTH = 200  # scenario hashes and scorer versions: 64 hex digits, "2.1.0" ...
MAX_TEXT_LENGTH = 20_000  # a reply or a customer line in an import (the scorer reads 20,000)
EXCERPT_LENGTH = 40  # how much of a bad value a message quotes


def excerpt(value: str, limit: int = EXCERPT_LENGTH) -> str:
    """`"value"`, or its first `limit` characters and its length when longer; never raw."""
    if len(value) <= limit:
        return f'"{visible(value)}"'
    return f'"{visible(value[:limit])}…" ({len(value):,} characters)'


def clean_name(value: str, what: str) -> str:
    """A trainee or team name: NFC, whitespace collapsed, no control characters, not too long."""
    bad = next((i for i, ch in enumerate(value) if ch not in " \t" and has_control(ch)), None)
    if bad is not None:
        raise ValueError(
            f"{what} {excerpt(value)} contains a control character ({visible(value[bad])} at "
            f"position {bad + 1}); type it again without it"
        )
    name = " ".join(unicodedata.normalize("NFC", value).split())
    if not name:
        raise ValueError(f"{what} is empty; give a name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"{what} {excerpt(name)} is longer than {MAX_NAME_LENGTH} characters; shorten it"
        )
    if not name.isprintable():
        raise ValueError(f"{what} {excerpt(name)} contains characters that cannot be shown")
    return name


def check_id(value: str, what: str) -> str:
    """A scenario id: lowercase letters, digits and hyphens, at most MAX_ID_LENGTH."""
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"{what} {excerpt(value)} is longer than {MAX_ID_LENGTH} characters")
    if not ID_PATTERN.match(value):
        raise ValueError(
            f"{what} must use lowercase letters, digits and hyphens only, got {excerpt(value)}"
            ' (for example "gym-billing-after-cancel")'
        )
    return value


def check_title(value: str, what: str, limit: int = MAX_TITLE_LENGTH) -> str:
    """A title or label shown on one line: NFC, no control characters, at most `limit`."""
    if has_control(value.replace("\t", " ")):
        raise ValueError(f"{what} {excerpt(value)} contains control characters; remove them")
    if len(value) > limit:
        raise ValueError(f"{what} {excerpt(value)} is longer than {limit} characters; shorten it")
    return unicodedata.normalize("NFC", value)
