"""What can go wrong with a scoreboard file, each with a message that names the file and the fix.

Every error derives from `ScoreboardError`, so the CLI and the app catch one type and show
`str(error)` as is: the messages are written for the person at the keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class ScoreboardError(Exception):
    """A scoreboard problem to show to the user as one line."""


class NotAScoreboardError(ScoreboardError):
    """The file exists but is not a recovery-sim scoreboard; it is left exactly as it was."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path} is not a recovery-sim scoreboard ({reason}); it was left untouched. "
            "Move it away or choose another file with --db PATH (or $RECOVERY_SIM_DB)."
        )
        self.path = path
        self.reason = reason


class CorruptScoreboardError(ScoreboardError):
    """SQLite reports damage in what looked like our file; nothing is written to it."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"{path} is a damaged scoreboard ({detail}); it was left untouched. "
            "Restore it from a backup or an export, or start a new one with --db PATH."
        )
        self.path = path


class NewerSchemaError(ScoreboardError):
    """Written by a newer recovery-sim: reading it with this one could lose data."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer recovery-sim (scoreboard schema {found}; this "
            f"version reads up to {supported}); it was left untouched. Upgrade recovery-sim, "
            "or choose another file with --db PATH."
        )
        self.path = path
        self.found = found
        self.supported = supported


class ScoreboardUnavailableError(ScoreboardError):
    """The file cannot be opened or written at all (permissions, missing folder, locked)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"cannot use the scoreboard {path} ({detail}). Check the folder exists and is "
            "writable, or choose another file with --db PATH."
        )
        self.path = path


class UnknownAttemptError(ScoreboardError, LookupError):
    def __init__(self, attempt_id: str) -> None:
        super().__init__(f"no attempt {attempt_id} in this scoreboard")
        self.attempt_id = attempt_id


# How many of the attempts a too-short prefix matches are named in the message.
AMBIGUOUS_SHOWN = 5


class AmbiguousAttemptError(ScoreboardError, LookupError):
    def __init__(self, prefix: str, matches: Sequence[str] = ()) -> None:
        shown = ", ".join(matches[:AMBIGUOUS_SHOWN])
        more = " ..." if len(matches) > AMBIGUOUS_SHOWN else ""
        which = f" ({shown}{more})" if shown else ""
        super().__init__(
            f"more than one attempt starts with {prefix!r}{which}; give more of its id"
        )


class UnknownAssignmentError(ScoreboardError, LookupError):
    def __init__(self, prefix: str, *, ambiguous: bool = False) -> None:
        if ambiguous:
            text = f"more than one assignment starts with {prefix!r}; give more of its id"
        else:
            text = f"no assignment {prefix!r} in this scoreboard (`assign --list` shows them)"
        super().__init__(text)


class InvalidRecordError(ScoreboardError, ValueError):
    """A value the caller passed (a trainee name, a mode, a score) that cannot be stored."""


# PostgreSQL's jsonb (and text) cannot hold the character U+0000 (NUL); a file scoreboard can.
NUL_PROBLEM = (
    "a reply or customer line holds the character U+0000 (NUL), which the team server cannot store"
)


class ImportFormatError(ScoreboardError):
    """An export file that cannot be merged; the whole import is rolled back."""

    def __init__(self, path: Path | str, where: str, problem: str) -> None:
        super().__init__(f"{path}: {where}: {problem}; nothing was imported")
        self.path = path
        self.where = where
        self.problem = problem


class ConflictingAttemptError(ScoreboardError):
    """An imported attempt whose id is stored here already, with other content."""

    def __init__(self, attempt_id: str) -> None:
        super().__init__(
            f"attempt {attempt_id} is already in this scoreboard with different content "
            "(scenario, times or score); nothing was imported. Two copies disagree about one "
            "attempt: find which is right and import a file without the other"
        )
        self.attempt_id = attempt_id


class ExportError(ScoreboardError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"cannot write the export {path} ({detail}); choose another file")
        self.path = path


class ServerUnavailableError(ScoreboardUnavailableError):
    """The PostgreSQL server cannot be reached or went away; what was stored is kept there."""

    def __init__(self, where: str, detail: str) -> None:
        ScoreboardError.__init__(
            self,
            f"the scoreboard server {where} is not answering ({detail}). Nothing already saved "
            "is lost; check the server is running and reachable, then try again.",
        )
        self.path = where
        self.where = where


class ServerRefusedError(ScoreboardError):
    """The server answered but will not let us in or in that way (login, rights, database)."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"the scoreboard server {where} refused: {detail}. Check the user name, its password "
            "in ~/.pgpass (or $PGPASSFILE), the database name and the user's rights."
        )
        self.where = where


class NewerServerSchemaError(ScoreboardError):
    """The server's scoreboard was set up by a newer recovery-sim: this one will not write it."""

    def __init__(self, where: str, found: int, supported: int) -> None:
        super().__init__(
            f"the scoreboard on {where} was set up by a newer recovery-sim (schema {found}; this "
            f"version reads up to {supported}); nothing was changed. Upgrade recovery-sim."
        )
        self.where = where
        self.found = found
        self.supported = supported
