"""Read one scenario file into a `Scenario`, or report every problem in it with file:line:col.

This is the only module that sees raw YAML. It composes the file into PyYAML nodes (safe tags
only) so that every message can point at the offending node, then checks and converts each field.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from scoring.model import DIMENSIONS, EVENTS
from simulator.engine.passing import DEFAULT_PASS_MARK
from simulator.names import check_id, check_title
from simulator.scenario.loader_scripts import read_scripts
from simulator.scenario.model import (
    CHANNELS,
    CONVERSATION_EVENTS,
    ENDINGS,
    MOOD_BANDS,
    Customer,
    Example,
    Expectation,
    Fact,
    Resolution,
    Scenario,
    Script,
)
from simulator.scenario.problems import Problem, ScenarioError

MAX_FILE_BYTES = 256 * 1024  # a hand-written scenario is a few KiB; anything this big is a mistake
# The deepest a scenario file nests is about six levels (scripts of turns of lines); twenty is
# generous, and far below where building the values would exhaust Python's recursion limit.
MAX_DEPTH = 20
FORMAT_VERSION = 1
ANGER_RANGE = (0, 100)
PATIENCE_RANGE = (1, 50)
DIFFICULTIES = {1: "gentle", 2: "firm", 3: "hostile"}
# libyaml's C parser is ~10x faster and keeps node marks; pure Python is the fallback.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PASS_OUTCOMES = ("resolved",)  # an outcome a scenario may require of a pass, besides its mark
SUGGEST_CUTOFF = 70  # rapidfuzz similarity (0..100) above which "did you mean" is offered

REACTION_KEYS: tuple[str, ...] = EVENTS + CONVERSATION_EVENTS
_EXPECT_PATTERN = re.compile(r"^\s*(>=|<=|==|=|>|<)\s*(\d{1,3})\s*$")

TOP_KEYS = (
    "version", "id", "title", "category", "difficulty", "customer", "situation", "opening",
    "facts", "resolutions", "moods", "reactions", "examples", "phrases", "tuning", "weights",
    "needs", "answers", "scripts", "pass_mark", "pass_outcome", "industry", "channel",
)  # fmt: skip
TOP_REQUIRED = (
    "id", "title", "category", "difficulty", "customer", "situation", "opening", "facts",
    "resolutions", "moods",
)  # fmt: skip


def tuning_keys() -> tuple[str, ...]:
    """Names a scenario may tune: `accept_below` and the engine's anger deltas."""
    from simulator.engine.anger import TUNING_KEYS

    return tuple(TUNING_KEYS)


def answer_topics() -> tuple[str, ...]:
    """What `answers:` may be keyed by, besides the scenario's fact ids."""
    from simulator.engine.question_words import QUESTION_TOPICS

    return tuple(QUESTION_TOPICS)


def phrase_rule_ids() -> tuple[str, ...]:
    """Scorer rules a scenario's `phrases:` may add to (read without loading the scorer)."""
    from scoring.lexicon_files import phrase_rules

    return phrase_rules()


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in `path`; raises `ScenarioError` listing every problem found."""
    scenario, problems = check_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_file(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    path = Path(path)
    try:
        with path.open("rb") as file:  # at most one byte past the limit: a 1 GiB file is not read
            data = file.read(MAX_FILE_BYTES + 1)
            size = os.fstat(file.fileno()).st_size
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Problem(path, 1, 1, f"cannot read the file: {reason}")]
    if len(data) > MAX_FILE_BYTES:
        size_kib = max(size, len(data)) // 1024
        message = (
            f"file is {size_kib} KiB; scenario files are limited to {MAX_FILE_BYTES // 1024} KiB"
            " (is this really a scenario? split it or trim long lines)"
        )
        return None, [Problem(path, 1, 1, message)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "file is not UTF-8 text; save it as UTF-8 in your editor"
        return None, [Problem(path, line, 1, message)]
    checker = _Checker(path, text)
    scenario = checker.run(hashlib.sha256(data).hexdigest())
    return (scenario if not checker.problems else None), checker.problems


def _describe(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, bool):
        return "yes/no (true/false)"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    from rapidfuzz import process  # only when something is misspelt: keeps start-up light

    match = process.extractOne(word, choices, score_cutoff=SUGGEST_CUTOFF)
    return f' (did you mean "{match[0]}"?)' if match else ""


class _Checker:
    """Walks the node tree of one file, collecting problems and building the scenario."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.source = text
        self.problems: list[Problem] = []
        self._loader: yaml.SafeLoader | None = None  # or the C loader, which behaves alike

    # -- reporting -------------------------------------------------------------------------

    def report(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def value(self, node: yaml.Node) -> Any:
        """The node's Python value; a value YAML itself cannot build is the file's problem."""
        assert self._loader is not None
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise
        except (ValueError, KeyError, TypeError, OverflowError) as error:
            raise _UnreadableValue(node, _unreadable(node, error)) from None

    # -- entry -----------------------------------------------------------------------------

    def run(self, content_hash: str) -> Scenario | None:
        self._loader = SafeLoader(self.source)
        try:
            root = self._loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            self.problems.append(self.yaml_problem(error))
            return None
        except yaml.YAMLError as error:
            self.problems.append(Problem(self.path, 1, 1, f"this is not valid YAML: {error}"))
            return None
        finally:
            self._loader.dispose()
        if root is None:
            self.problems.append(Problem(self.path, 1, 1, "file is empty; start from `new ID`"))
            return None
        too_deep = _first_too_deep(root)
        if too_deep is not None:
            message = f"nested more than {MAX_DEPTH} levels deep; scenario files nest a few"
            self.report(too_deep, f"{message} levels at most (check the indentation and brackets)")
            return None
        try:
            return self.scenario(root, content_hash)
        except yaml.constructor.ConstructorError as error:
            mark = error.problem_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(
                Problem(self.path, line, col, f"unsupported YAML: {error.problem}")
            )
        except _UnreadableValue as error:
            self.report(error.node, error.message)
        return None

    def yaml_problem(self, error: yaml.MarkedYAMLError) -> Problem:
        """Point at the likely cause: PyYAML often notices an unclosed quote lines later."""
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        start = error.context_mark.line if error.context_mark else 0
        lines = self.source.splitlines()
        for number in range(start, min(line, len(lines))):
            text = lines[number].split(" #")[0]
            if text.replace('\\"', "").count('"') % 2 == 1:
                message = "this is not valid YAML: a quote opened on this line is never closed"
                return Problem(self.path, number + 1, text.index('"') + 1, message)
        detail = " ".join(filter(None, [error.context, error.problem]))
        message = f"this is not valid YAML ({detail}); check the indentation and quotes here"
        return Problem(self.path, line, col, message)

    # -- generic shapes --------------------------------------------------------------------

    def mapping(
        self,
        node: yaml.Node,
        where: str,
        allowed: Sequence[str] | None = None,
        required: Sequence[str] = (),
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{where or 'the file'} must be a mapping of `key: value` lines, got "
                        f"{_describe(self.value(node))}")  # fmt: skip
            return None
        prefix = f"{where}: " if where else ""
        fields: dict[str, yaml.Node] = {}
        suggested: set[str] = set()
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if not isinstance(key, str):
                self.report(key_node, f"{prefix}keys must be words, got {_describe(key)}")
                continue
            if key in fields:
                self.report(key_node, f'{prefix}"{key}" is given twice; keep one')
                continue
            if allowed is not None and key not in allowed:
                hint = did_you_mean(key, allowed)
                self.report(key_node, f'{prefix}unknown key "{key}"{hint}')
                suggested.update(name for name in allowed if f'"{name}"' in hint)
                continue
            fields[key] = value_node
        for key in required:
            if key not in fields and key not in suggested:
                self.report(node, f'{prefix}missing required field "{key}"')
        return fields

    def text(self, node: yaml.Node, where: str) -> str | None:
        value = self.value(node)
        if not isinstance(value, str) or isinstance(node, yaml.CollectionNode):
            self.report(node, f"{where} must be text, got {_describe(value)} (quote it if needed)")
            return None
        if not value.strip():
            self.report(node, f"{where} must not be empty")
            return None
        return value.strip()

    def number(self, node: yaml.Node, where: str, low: int, high: int) -> float | None:
        value = self.value(node)
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not numeric or not low <= value <= high:
            self.report(node, f"{where} must be a number from {low} to {high}, got "
                        f"{_describe(value)}")  # fmt: skip
            return None
        return float(value)

    def whole(self, node: yaml.Node, where: str, low: int, high: int) -> int | None:
        value = self.value(node)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.report(node, f"{where} must be a whole number from {low} to {high}, got "
                        f"{_describe(value)}")  # fmt: skip
            return None
        return value

    def text_list(self, node: yaml.Node, where: str) -> tuple[str, ...] | None:
        """A list of text items; a single text is taken as a one-item list."""
        if isinstance(node, yaml.ScalarNode) and isinstance(self.value(node), str):
            one = self.text(node, where)
            return (one,) if one else None
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, f"{where} must be a list of text, got {_describe(self.value(node))}")
            return None
        if not node.value:
            self.report(node, f"{where} is empty; give at least one line")
            return None
        items = [self.text(item, f"{where} item {i}") for i, item in enumerate(node.value, 1)]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item is not None)

    def items(self, node: yaml.Node, where: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, f"{where} must be a list (lines starting with `- `), got "
                        f"{_describe(self.value(node))}")  # fmt: skip
            return None
        if not node.value:
            self.report(node, f"{where} is empty; give at least one")
            return None
        return list(node.value)

    def ident(self, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        try:
            return check_id(value, where)
        except ValueError as error:
            self.report(node, str(error))
            return None

    def title(self, node: yaml.Node, where: str) -> str | None:
        """A one-line text (title, category, the customer's name): no control characters."""
        value = self.text(node, where)
        if value is None:
            return None
        try:
            return check_title(value, where)
        except ValueError as error:
            self.report(node, str(error))
            return None

    def named(
        self, node: yaml.Node, where: str, names: Sequence[str], what: str
    ) -> tuple[str, ...] | None:
        values = self.text_list(node, where)
        if values is None:
            return None
        good = True
        for value, item in zip(values, _list_nodes(node), strict=False):
            if value not in names:
                self.report(item, f'{where}: unknown {what} "{value}"{did_you_mean(value, names)}')
                good = False
        return values if good else None

    def keyed(
        self,
        node: yaml.Node,
        where: str,
        names: Sequence[str] | None,
        what: str,
        convert: Callable[[yaml.Node, str], Any],
    ) -> dict[str, Any] | None:
        fields = self.mapping(node, where)
        if fields is None:
            return None
        result: dict[str, Any] = {}
        for key, value_node in fields.items():
            if names is not None and key not in names:
                key_node = _key_node(node, key)
                self.report(key_node, f'{where}: unknown {what} "{key}"{did_you_mean(key, names)}')
                continue
            value = convert(value_node, f"{where}.{key}")
            if value is not None:
                result[key] = value
        return result

    # -- the scenario ----------------------------------------------------------------------

    def scenario(self, root: yaml.Node, content_hash: str) -> Scenario | None:
        top = self.mapping(root, "", TOP_KEYS, TOP_REQUIRED)
        if top is None:
            return None
        get = top.get
        if "version" in top:
            self.whole(top["version"], "version", FORMAT_VERSION, FORMAT_VERSION)
        ident = self.ident(top["id"], "id") if "id" in top else None
        title = self.title(top["title"], "title") if "title" in top else None
        category = self.title(top["category"], "category") if "category" in top else None
        difficulty = None
        if (node := get("difficulty")) is not None:
            value = self.value(node)
            if isinstance(value, bool) or not isinstance(value, int) or value not in DIFFICULTIES:
                self.report(node, "difficulty must be 1 (gentle), 2 (firm) or 3 (hostile), got "
                            f"{_describe(value)}")  # fmt: skip
            else:
                difficulty = int(value)
        industry = self.text(top["industry"], "industry") if "industry" in top else ""
        channel = self.channel(top["channel"]) if "channel" in top else ""
        customer = self.customer(top["customer"]) if "customer" in top else None
        situation = self.text(top["situation"], "situation") if "situation" in top else None
        opening = self.text(top["opening"], "opening") if "opening" in top else None
        facts = self.facts(top["facts"]) if "facts" in top else None
        resolutions = self.resolutions(top["resolutions"]) if "resolutions" in top else None
        moods = self.moods(top["moods"]) if "moods" in top else None
        reactions: dict[str, tuple[str, ...]] | None = {}
        if (node := get("reactions")) is not None:
            reactions = self.keyed(node, "reactions", REACTION_KEYS, "event", self.reaction)
        endings: dict[str, dict[str, tuple[str, ...]]] = {}
        for kind in ENDINGS:  # per-mood closing lines are kept apart from the plain lists
            if isinstance((reactions or {}).get(kind), dict):
                endings[kind] = (reactions or {}).pop(kind)
        examples: tuple[Example, ...] | None = ()
        if (node := get("examples")) is not None:
            examples = self.examples(node)
        answers: dict[str, tuple[str, ...]] | None = {}
        if (node := get("answers")) is not None:
            topics = (*answer_topics(), *(fact.id for fact in facts or ()))
            answers = self.keyed(node, "answers", topics, "topic", self.text_list)
        scripts: tuple[Script, ...] | None = ()
        if (node := get("scripts")) is not None:
            scripts = read_scripts(self, node)
        phrases: dict[str, tuple[str, ...]] | None = {}
        if (node := get("phrases")) is not None:
            phrases = self.keyed(node, "phrases", phrase_rule_ids(), "scorer rule", self.text_list)
        tuning: dict[str, float] | None = {}
        if (node := get("tuning")) is not None:
            tuning = self.keyed(node, "tuning", tuning_keys(), "tuning name", self.tuning_value)
        weights: dict[str, float] | None = {}
        if (node := get("weights")) is not None:
            weights = self.keyed(node, "weights", DIMENSIONS, "dimension", self.weight)
        needs: tuple[str, ...] | None = ()
        if (node := get("needs")) is not None:
            needs = self.named(node, "needs", DIMENSIONS, "dimension")
        pass_mark = DEFAULT_PASS_MARK
        if (node := get("pass_mark")) is not None:
            mark = self.whole(node, "pass_mark", 0, 100)
            pass_mark = pass_mark if mark is None else mark
        pass_outcome = None
        if (node := get("pass_outcome")) is not None:
            value = self.value(node)
            if value not in PASS_OUTCOMES:
                self.report(node, "pass_outcome must be resolved (or left out for the mark "
                            f"alone), got {_describe(value)}")  # fmt: skip
            else:
                pass_outcome = str(value)
        if self.problems:
            return None
        assert ident and title and category and difficulty and customer and situation and opening
        assert facts is not None and resolutions is not None and moods is not None
        assert reactions is not None and examples is not None and phrases is not None
        assert tuning is not None and weights is not None and needs is not None
        assert answers is not None and scripts is not None
        assert industry is not None and channel is not None
        return Scenario(
            id=ident,
            title=title,
            category=category,
            difficulty=difficulty,
            customer=customer,
            situation=situation,
            opening=opening,
            facts=facts,
            resolutions=resolutions,
            moods=moods,
            reactions=reactions,
            endings=endings,
            examples=examples,
            answers=answers,
            scripts=scripts,
            phrases=phrases,
            tuning=tuning,
            weights=weights,
            needs=needs,
            industry=" ".join(industry.lower().split()),
            channel=channel,
            path=self.path,
            content_hash=content_hash,
            pass_mark=pass_mark,
            pass_outcome=pass_outcome,
        )

    def channel(self, node: yaml.Node) -> str | None:
        value = self.text(node, "channel")
        if value is not None and value not in CHANNELS:
            names = ", ".join(CHANNELS)
            self.report(node, f'channel must be one of {names}, got "{value}"'
                        f"{did_you_mean(value.lower(), CHANNELS)}")  # fmt: skip
            return None
        return value

    def customer(self, node: yaml.Node) -> Customer | None:
        fields = self.mapping(node, "customer", ("name", "anger", "patience"),
                              ("name", "anger", "patience"))  # fmt: skip
        if fields is None:
            return None
        name = self.title(fields["name"], "customer.name") if "name" in fields else None
        anger = None
        if "anger" in fields:
            anger = self.number(fields["anger"], "customer.anger", *ANGER_RANGE)
        patience = None
        if "patience" in fields:
            patience = self.whole(fields["patience"], "customer.patience", *PATIENCE_RANGE)
        if name is None or anger is None or patience is None:
            return None
        return Customer(name=name, anger=round(anger), patience=patience)

    def facts(self, node: yaml.Node) -> tuple[Fact, ...] | None:
        items = self.items(node, "facts")
        if items is None:
            return None
        facts = []
        seen: set[str] = set()
        for i, item in enumerate(items, 1):
            where = f"facts #{i}"
            fields = self.mapping(item, where, ("id", "phrases"), ("id", "phrases"))
            if fields is None or len(fields) < 2:
                continue
            ident = self.unique_id(fields["id"], f"{where}.id", seen)
            phrases = self.text_list(fields["phrases"], f"{where}.phrases")
            if ident and phrases:
                facts.append(Fact(ident, phrases))
        return tuple(facts)

    def resolutions(self, node: yaml.Node) -> tuple[Resolution, ...] | None:
        items = self.items(node, "resolutions")
        if items is None:
            return None
        found = []
        seen: set[str] = set()
        for i, item in enumerate(items, 1):
            where = f"resolutions #{i}"
            fields = self.mapping(item, where, ("id", "phrases", "accept", "needs"),
                                  ("id", "phrases", "accept"))  # fmt: skip
            if fields is None or not {"id", "phrases", "accept"} <= fields.keys():
                continue
            ident = self.unique_id(fields["id"], f"{where}.id", seen)
            phrases = self.text_list(fields["phrases"], f"{where}.phrases")
            accept = self.text(fields["accept"], f"{where}.accept")
            needs: tuple[str, ...] | None = ()
            if "needs" in fields:
                needs = self.named(fields["needs"], f"{where}.needs", DIMENSIONS, "dimension")
            if ident and phrases and accept and needs is not None:
                found.append(Resolution(ident, phrases, accept, needs))
        return tuple(found)

    def unique_id(self, node: yaml.Node, where: str, seen: set[str]) -> str | None:
        ident = self.ident(node, where)
        if ident is not None and ident in seen:
            self.report(node, f'{where} "{ident}" is already used above; each id must differ')
            return None
        if ident is not None:
            seen.add(ident)
        return ident

    def moods(self, node: yaml.Node) -> dict[str, tuple[str, ...]] | None:
        fields = self.mapping(node, "moods", MOOD_BANDS, MOOD_BANDS)
        if fields is None:
            return None
        moods = {}
        for band, value_node in fields.items():
            lines = self.text_list(value_node, f"moods.{band}")
            if lines:
                moods[band] = lines
        return moods

    def reaction(self, node: yaml.Node, where: str) -> Any:
        """Lines for a reaction; `walkout` and `unresolved` may also be given per mood."""
        kind = where.rsplit(".", 1)[-1]
        if kind in ENDINGS and isinstance(node, yaml.MappingNode):
            return self.keyed(node, where, MOOD_BANDS, "mood", self.text_list)
        return self.text_list(node, where)

    def examples(self, node: yaml.Node) -> tuple[Example, ...] | None:
        items = self.items(node, "examples")
        if items is None:
            return None
        examples = []
        for i, item in enumerate(items, 1):
            where = f"examples #{i}"
            fields = self.mapping(item, where, ("reply", "expect", "customer", "note"),
                                  ("reply", "expect"))  # fmt: skip
            if fields is None or not {"reply", "expect"} <= fields.keys():
                continue
            reply = self.text(fields["reply"], f"{where}.reply")
            expect = self.keyed(fields["expect"], f"{where}.expect", DIMENSIONS, "dimension",
                                self.expectation)  # fmt: skip
            customer = None
            if "customer" in fields:
                customer = self.text(fields["customer"], f"{where}.customer")
            if "note" in fields:
                self.text(fields["note"], f"{where}.note")
            if reply and expect:
                bounds = tuple(
                    Expectation(dim, op, value, text) for dim, (op, value, text) in expect.items()
                )
                examples.append(Example(reply, bounds, customer, item.start_mark.line + 1))
        return tuple(examples)

    def expectation(self, node: yaml.Node, where: str) -> tuple[str, int, str] | None:
        value = self.value(node)
        text = str(value).strip().lower() if isinstance(value, str) else None
        if text == "high":
            return (">=", 50, "high")
        if text == "low":
            return ("<", 50, "low")
        match = _EXPECT_PATTERN.match(text or "")
        if match and int(match.group(2)) <= 100:
            op = "==" if match.group(1) == "=" else match.group(1)
            return (op, int(match.group(2)), str(value).strip())
        self.report(node, f'{where} must be high, low or a comparison such as ">= 70", got '
                    f"{_describe(value)}")  # fmt: skip
        return None

    def tuning_value(self, node: yaml.Node, where: str) -> float | None:
        if where.endswith(".accept_below"):
            return self.number(node, where, *ANGER_RANGE)
        return self.number(node, where, -100, 100)

    def weight(self, node: yaml.Node, where: str) -> float | None:
        return self.number(node, where, 0, 10)


class _UnreadableValue(Exception):
    """A value in the file that YAML parsed but could not build (a date that does not exist)."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


def _unreadable(node: yaml.Node, error: Exception) -> str:
    text = node.value if isinstance(node, yaml.ScalarNode) else ""
    shown = text if len(text) <= 40 else f"{text[:20]}…({len(text)} characters)"
    if isinstance(node, yaml.ScalarNode) and text.lstrip("+-").isdigit():
        why = f"a number of {len(text.lstrip('+-'))} digits is far too long"
    elif node.tag.endswith(":timestamp"):
        why = "it reads as a date or time that does not exist; put it in quotes to mean text"
    elif node.tag.endswith(":bool"):
        why = "it is tagged as true/false but is neither; remove the tag or write true or false"
    else:
        why = f"YAML cannot build it ({type(error).__name__})"
    return f'cannot read the value "{shown}": {why}' if shown else f"cannot read this value: {why}"


def _first_too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than MAX_DEPTH, walked without recursion."""
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    seen: set[int] = set()  # anchors and aliases share nodes; visit each once
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return None


def _list_nodes(node: yaml.Node) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else [node]


def _key_node(mapping: yaml.Node, key: str) -> yaml.Node:
    for key_node, _ in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node
    return mapping
