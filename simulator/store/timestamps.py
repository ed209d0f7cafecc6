"""Times as the store keeps them: UTC text in one fixed format, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime

DB_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def now() -> datetime:
    return datetime.now(UTC)


def to_db(moment: datetime) -> str:
    """UTC text for `moment`; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(DB_TIME_FORMAT)


def from_db(text: str) -> datetime:
    return datetime.strptime(text, DB_TIME_FORMAT).replace(tzinfo=UTC)


def parse_iso(text: str) -> datetime:
    """An ISO 8601 time from an export or the command line (raises ValueError if it is not)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
