"""Results for an organisation's learning record store: one xAPI 1.0.3 statement per attempt.

A finished attempt (not given up) becomes "actor completed activity": the trainee, identified
by an account on the organisation's home page (their team and name as the store matches them),
the verb ADL's `completed`, the scenario as an activity under that home page, and the result:
`score.scaled` = overall / 100, `success` against the attempt's pass mark (assessments only;
practice is never judged), `completion` true, the time taken, and the six scores as an
extension. The statement id is the attempt's UUID, so sending a file twice stores nothing twice.
The statement `version` is left for the LRS to set, as the spec asks of record providers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.names import name_key
from simulator.store.records import AttemptRecord

ENV_HOMEPAGE = "RECOVERY_SIM_XAPI_HOMEPAGE"
# Used when no home page is set: `.invalid` (RFC 2606) can never be someone else's address.
DEFAULT_HOMEPAGE = "https://recovery-sim.invalid"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/simulation"
LANGUAGE = "en"
PLATFORM = "recovery-sim"


def homepage(value: str | None = None) -> str:
    """The organisation's home page from `value`, then $RECOVERY_SIM_XAPI_HOMEPAGE, else the
    default; raises ValueError for one that is not an http(s) URL with a host."""
    chosen = (value or os.environ.get(ENV_HOMEPAGE, "") or DEFAULT_HOMEPAGE).strip()
    parts = urlsplit(chosen)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in chosen for c in " <>"):
        raise ValueError(
            f"the xAPI home page {chosen[:80]!r} is not a web address; give one such as"
            " https://learning.example.com (--homepage or $" + ENV_HOMEPAGE + ")"
        )
    return chosen.rstrip("/")


def exported(attempt: AttemptRecord) -> bool:
    """Only attempts played to the end make a statement: a given-up one was not completed."""
    return attempt.finished and attempt.outcome != "abandoned" and attempt.overall is not None


def statement(
    attempt: AttemptRecord, home: str, titles: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The statement for one finished attempt (`titles`: scenario id -> title, for its name)."""
    assert attempt.ended_at is not None and attempt.overall is not None
    scenario = attempt.scenario_id
    result: dict[str, Any] = {
        "score": {"scaled": attempt.overall / 100, "raw": attempt.overall, "min": 0, "max": 100},
        "completion": True,
        "duration": duration(attempt.ended_at - attempt.started_at),
        "extensions": {
            f"{home}/xapi/dimensions": {
                name: attempt.dimensions[name] for name in DIMENSION_COLUMNS
            }
        },
    }
    if attempt.passed is not None:
        result["success"] = attempt.passed
    extensions: dict[str, Any] = {
        f"{home}/xapi/mode": attempt.mode,
        f"{home}/xapi/outcome": attempt.outcome,
        f"{home}/xapi/team": attempt.team,
    }
    if attempt.pass_mark is not None:
        extensions[f"{home}/xapi/pass-mark"] = attempt.pass_mark
    return {
        "id": str(attempt.id),
        "actor": {
            "objectType": "Agent",
            "name": attempt.trainee,
            "account": {
                "homePage": home,
                "name": f"{name_key(attempt.team)}/{name_key(attempt.trainee)}",
            },
        },
        "verb": {"id": VERB_COMPLETED, "display": {LANGUAGE: "completed"}},
        "object": {
            "objectType": "Activity",
            "id": f"{home}/scenarios/{quote(scenario, safe='')}",
            "definition": {
                "name": {LANGUAGE: (titles or {}).get(scenario, scenario)},
                "type": ACTIVITY_TYPE,
            },
        },
        "result": result,
        "context": {"platform": PLATFORM, "language": LANGUAGE, "extensions": extensions},
        "timestamp": timestamp(attempt.ended_at),
    }


def statements(
    attempts: Iterable[AttemptRecord], home: str, titles: Mapping[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    return (statement(a, home, titles) for a in attempts if exported(a))


def write_statements(path: Path, items: Iterable[dict[str, Any]]) -> int:
    """Write a JSON array of statements (what an LRS's statements resource takes in one POST),
    through a temporary file renamed into place when complete; returns how many."""
    temporary = path.with_name(f".{path.name}.partial")
    count = 0
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write("[")
            for count, item in enumerate(items, start=1):
                handle.write(",\n" if count > 1 else "\n")
                handle.write(json.dumps(item, ensure_ascii=False))
            handle.write("\n]\n")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the millisecond, with `Z` (never the `-00:00` the spec forbids)."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def duration(span: timedelta) -> str:
    """An ISO 8601 duration to the hundredth of a second, as xAPI keeps it: `PT1H2M3.45S`."""
    hundredths = max(0, round(span.total_seconds() * 100))
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    seconds = f"{rest // 100}.{rest % 100:02d}".rstrip("0").rstrip(".")
    return (
        "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"
    )
