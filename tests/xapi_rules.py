"""The xAPI 1.0.3 statement rules a learning record store checks, written from the spec
(xAPI-Data.md, part two, section 2.4 and 4): what the tests hold our statements to.

`problems(statement)` lists every rule a statement breaks, as "path: rule"; none means valid.
Covers the properties we write and what may appear beside them: required properties, the
allowed property names, UUID (RFC 4122 variant), IRIs, language maps, the actor's one inverse
functional identifier, the result's score bounds, ISO 8601 timestamps and durations, extensions.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

STATEMENT_KEYS = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
    "version", "attachments",
}  # fmt: skip
AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
VERB_KEYS = {"id", "display"}
ACTIVITY_KEYS = {"objectType", "id", "definition"}
DEFINITION_KEYS = {
    "name", "description", "type", "moreInfo", "interactionType", "correctResponsesPattern",
    "choices", "scale", "source", "target", "steps", "extensions",
}  # fmt: skip
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
CONTEXT_KEYS = {
    "registration", "instructor", "team", "contextActivities", "revision", "platform",
    "language", "statement", "extensions",
}  # fmt: skip

# RFC 4122: hex groups 8-4-4-4-12, version 1-8 (RFC 9562's 6-8 included), variant 10xx.
UUID = re.compile(r"\A[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")
# RFC 3987 absolute IRI: a scheme, a colon, then no spaces or the characters IRIs exclude.
IRI = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+\Z")
# RFC 5646 language tags, the common shapes: en, en-US, zh-Hant-TW, es-419.
LANGUAGE_TAG = re.compile(r"\A[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\Z")
ISO_TIMESTAMP = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
ISO_DURATION = re.compile(
    r"\AP(?!\Z)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?\Z"
)


def problems(statement: Any) -> list[str]:
    found: list[str] = []
    if not isinstance(statement, dict):
        return ["statement: must be a JSON object"]
    _keys(found, "statement", statement, STATEMENT_KEYS, required=("actor", "verb", "object"))
    if "id" in statement and not _uuid(statement["id"]):
        found.append("id: must be a UUID (RFC 4122, lowercase hex, variant 2)")
    _agent(found, "actor", statement.get("actor"))
    _verb(found, statement.get("verb"))
    obj = statement.get("object")
    _activity(found, obj)
    if "result" in statement:
        _result(found, statement["result"])
    if "context" in statement:
        _context(found, statement["context"], obj)
    if "timestamp" in statement:
        _timestamp(found, "timestamp", statement["timestamp"])
    if "version" in statement and not str(statement["version"]).startswith("1.0."):
        found.append("version: must start with 1.0.")
    return found


def _keys(found, path, value, allowed, required=()) -> None:
    for key in value:
        if key not in allowed:
            found.append(f"{path}.{key}: not a property of this object")
    for key in required:
        if key not in value:
            found.append(f"{path}.{key}: required")


def _uuid(value: Any) -> bool:
    return isinstance(value, str) and UUID.match(value) is not None


def _iri(value: Any) -> bool:
    return isinstance(value, str) and IRI.match(value) is not None


def _language_map(found, path, value) -> None:
    if not isinstance(value, dict) or not value:
        found.append(f"{path}: must be a language map (an object of language tag -> text)")
        return
    for tag, text in value.items():
        if not LANGUAGE_TAG.match(tag):
            found.append(f"{path}.{tag}: not an RFC 5646 language tag")
        if not isinstance(text, str):
            found.append(f"{path}.{tag}: must be text")


def _extensions(found, path, value) -> None:
    if not isinstance(value, dict):
        found.append(f"{path}: must be an object")
        return
    for key in value:
        if not _iri(key):
            found.append(f"{path}.{key}: extension keys must be IRIs")


def _agent(found, path, value) -> None:
    if not isinstance(value, dict):
        found.append(f"{path}: must be an Agent object")
        return
    _keys(found, path, value, AGENT_KEYS)
    if value.get("objectType", "Agent") != "Agent":
        found.append(f"{path}.objectType: must be Agent")
    if "name" in value and not isinstance(value["name"], str):
        found.append(f"{path}.name: must be text")
    given = [ifi for ifi in IFIS if ifi in value]
    if len(given) != 1:
        found.append(f"{path}: must have exactly one of {', '.join(IFIS)} (has {len(given)})")
    account = value.get("account")
    if account is not None:
        if not isinstance(account, dict):
            found.append(f"{path}.account: must be an object")
            return
        _keys(found, f"{path}.account", account, {"homePage", "name"}, ("homePage", "name"))
        home = account.get("homePage")
        if not (isinstance(home, str) and re.match(r"\Ahttps?://[^\s/]+", home) and _iri(home)):
            found.append(f"{path}.account.homePage: must be an IRL (a web address)")
        if not isinstance(account.get("name"), str) or not account.get("name"):
            found.append(f"{path}.account.name: must be non-empty text")
    if "mbox" in value and not str(value["mbox"]).startswith("mailto:"):
        found.append(f"{path}.mbox: must be a mailto: IRI")


def _verb(found, value) -> None:
    if not isinstance(value, dict):
        found.append("verb: must be an object")
        return
    _keys(found, "verb", value, VERB_KEYS, required=("id",))
    if not _iri(value.get("id")):
        found.append("verb.id: must be an IRI")
    if "display" in value:
        _language_map(found, "verb.display", value["display"])


def _activity(found, value) -> None:
    if not isinstance(value, dict):
        found.append("object: must be an object")
        return
    _keys(found, "object", value, ACTIVITY_KEYS, required=("id",))
    if value.get("objectType", "Activity") != "Activity":
        found.append("object.objectType: these statements' objects are Activities")
    if not _iri(value.get("id")):
        found.append("object.id: must be an IRI")
    definition = value.get("definition")
    if definition is None:
        return
    if not isinstance(definition, dict):
        found.append("object.definition: must be an object")
        return
    _keys(found, "object.definition", definition, DEFINITION_KEYS)
    for key in ("name", "description"):
        if key in definition:
            _language_map(found, f"object.definition.{key}", definition[key])
    for key in ("type", "moreInfo"):
        if key in definition and not _iri(definition[key]):
            found.append(f"object.definition.{key}: must be an IRI")
    if "extensions" in definition:
        _extensions(found, "object.definition.extensions", definition["extensions"])


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _result(found, value) -> None:
    if not isinstance(value, dict):
        found.append("result: must be an object")
        return
    _keys(found, "result", value, RESULT_KEYS)
    score = value.get("score")
    if score is not None:
        if not isinstance(score, dict):
            found.append("result.score: must be an object")
        else:
            _keys(found, "result.score", score, SCORE_KEYS)
            for key in SCORE_KEYS & score.keys():
                if not _number(score[key]):
                    found.append(f"result.score.{key}: must be a number")
            scaled = score.get("scaled")
            if _number(scaled) and not -1 <= scaled <= 1:
                found.append("result.score.scaled: must be between -1 and 1")
            low, high, raw = score.get("min"), score.get("max"), score.get("raw")
            if _number(low) and _number(high) and not low < high:
                found.append("result.score: min must be less than max")
            if _number(raw) and _number(low) and raw < low:
                found.append("result.score.raw: must be at least min")
            if _number(raw) and _number(high) and raw > high:
                found.append("result.score.raw: must be at most max")
    for key in ("success", "completion"):
        if key in value and not isinstance(value[key], bool):
            found.append(f"result.{key}: must be true or false")
    if "response" in value and not isinstance(value["response"], str):
        found.append("result.response: must be text")
    if "duration" in value and not (
        isinstance(value["duration"], str) and ISO_DURATION.match(value["duration"])
    ):
        found.append("result.duration: must be an ISO 8601 duration")
    if "extensions" in value:
        _extensions(found, "result.extensions", value["extensions"])


def _context(found, value, obj) -> None:
    if not isinstance(value, dict):
        found.append("context: must be an object")
        return
    _keys(found, "context", value, CONTEXT_KEYS)
    if "registration" in value and not _uuid(value["registration"]):
        found.append("context.registration: must be a UUID")
    for key in ("revision", "platform"):
        if key in value:
            if not isinstance(value[key], str):
                found.append(f"context.{key}: must be text")
            if isinstance(obj, dict) and obj.get("objectType", "Activity") != "Activity":
                found.append(f"context.{key}: only allowed when the object is an Activity")
    if "language" in value and not (
        isinstance(value["language"], str) and LANGUAGE_TAG.match(value["language"])
    ):
        found.append("context.language: must be an RFC 5646 language tag")
    if "extensions" in value:
        _extensions(found, "context.extensions", value["extensions"])


def _timestamp(found, path, value) -> None:
    if not isinstance(value, str) or not ISO_TIMESTAMP.match(value):
        found.append(f"{path}: must be an ISO 8601 date and time with a time zone")
        return
    if value.endswith("-00:00"):
        found.append(f"{path}: the offset -00:00 is not allowed")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        found.append(f"{path}: not a real date and time")
