"""The scoreboard store: every attempt kept in SQLite, and the views the CLI and app show.

Plain Python (stdlib `sqlite3`, `platformdirs`); never imports Textual. Callers use `Scoreboard`
and the frozen records and result rows re-exported here; SQL rows never leave this package.
"""

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
from simulator.store.importing import ImportResult
from simulator.store.location import ENV_DB, default_db_path, resolve_db_path
from simulator.store.records import (
    FINISHED_OUTCOMES,
    MODES,
    AttemptId,
    AttemptRecord,
    Mode,
    TurnRecord,
)
from simulator.store.results import (
    Filters,
    GroupBy,
    GroupRow,
    LeaderboardRow,
    ProgressPoint,
    ProgressSeries,
    Reference,
)
from simulator.store.scoreboard import Scoreboard

__all__ = [
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
    "NotAScoreboardError",
    "ProgressPoint",
    "ProgressSeries",
    "Reference",
    "Scoreboard",
    "ScoreboardError",
    "ScoreboardUnavailableError",
    "TurnRecord",
    "UnknownAttemptError",
    "default_db_path",
    "resolve_db_path",
]
