"""The `scripts:` field: golden conversations a trainer plays with `calibrate`.

Kept apart from `loader` (one module, one job); it uses the loader's checker for the shapes and
the file:line:col of every problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from simulator.scenario.model import Script

if TYPE_CHECKING:
    from simulator.scenario.loader import _Checker

# What a script may expect: how the conversation ends (docs/AUTHORING.md, "Golden conversations").
SCRIPT_OUTCOMES: tuple[str, ...] = ("resolved", "unresolved", "walked_out", "abandoned")
SCRIPT_KEYS = ("name", "expect", "replies", "seed", "note")
SEED_RANGE = (0, 2**31 - 1)


def read_scripts(checker: _Checker, node: yaml.Node) -> tuple[Script, ...] | None:
    items = checker.items(node, "scripts")
    if items is None:
        return None
    scripts: list[Script] = []
    names: set[str] = set()
    for i, item in enumerate(items, 1):
        where = f"scripts #{i}"
        fields = checker.mapping(item, where, SCRIPT_KEYS, ("name", "expect", "replies"))
        if fields is None or not {"name", "expect", "replies"} <= fields.keys():
            continue
        name = checker.ident(fields["name"], f"{where}.name")
        if name is not None and name in names:
            checker.report(fields["name"], f'{where}.name "{name}" is already used above')
            name = None
        names.add(name or "")
        expect = checker.named(fields["expect"], f"{where}.expect", SCRIPT_OUTCOMES, "outcome")
        if expect is not None and len(expect) != 1:
            checker.report(fields["expect"], f"{where}.expect must be one outcome")
            expect = None
        replies = checker.text_list(fields["replies"], f"{where}.replies")
        seed = 0
        if "seed" in fields:
            seed = checker.whole(fields["seed"], f"{where}.seed", *SEED_RANGE) or 0
        if "note" in fields:
            checker.text(fields["note"], f"{where}.note")
        if name and expect and replies:
            lines = tuple(
                reply.start_mark.line + 1
                for reply in (
                    fields["replies"].value
                    if isinstance(fields["replies"], yaml.SequenceNode)
                    else [fields["replies"]]
                )
            )
            scripts.append(Script(name, expect[0], replies, seed, item.start_mark.line + 1, lines))
    return tuple(scripts)
