"""The scoreboard store: every attempt kept, and the views the CLI and app show.

Plain Python; never imports Textual. Callers open a `Store` with `open_store` (an SQLite file, or
a PostgreSQL server for a team) and get the frozen records and result rows re-exported here;
SQL rows never leave this package.
"""

from simulator.store.certificates import Certificate, Check, UnknownCertificateError
from simulator.store.checking import ImportResult
from simulator.store.errors import (
    CorruptScoreboardError,
    ExportError,
    ImportFormatError,
    InvalidRecordError,
    NewerSchemaError,
    NotAScoreboardError,
    ScoreboardError,
    ScoreboardUnavailableError,
    UnknownAttemptError,
)
from simulator.store.location import ENV_DATABASE_URL, ENV_DB, default_db_path, resolve_db_path
from simulator.store.notes import Note
from simulator.store.opening import open_store
from simulator.store.protocol import Store
from simulator.store.records import (
    FINISHED_OUTCOMES,
    MODES,
    AttemptId,
    AttemptRecord,
    Mode,
    TurnRecord,
)
from simulator.store.redact import redact_url
from simulator.store.results import (
    Filters,
    GroupBy,
    GroupRow,
    LeaderboardRow,
    ProgressPoint,
    ProgressSeries,
    Reference,
)

__all__ = [
    "Certificate",
    "Check",
    "UnknownCertificateError",
    "ENV_DATABASE_URL",
    "ENV_DB",
    "FINISHED_OUTCOMES",
    "MODES",
    "AttemptId",
    "AttemptRecord",
    "CorruptScoreboardError",
    "ExportError",
    "Filters",
    "GroupBy",
    "GroupRow",
    "ImportFormatError",
    "ImportResult",
    "InvalidRecordError",
    "LeaderboardRow",
    "Mode",
    "NewerSchemaError",
    "Note",
    "NotAScoreboardError",
    "ProgressPoint",
    "ProgressSeries",
    "Reference",
    "ScoreboardError",
    "ScoreboardUnavailableError",
    "Store",
    "TurnRecord",
    "UnknownAttemptError",
    "default_db_path",
    "open_store",
    "redact_url",
    "resolve_db_path",
]
