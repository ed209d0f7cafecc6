"""`new ID`: write a commented starter scenario that validates as written."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from simulator.cli.common import CliError
from simulator.resources import (
    CHECKOUT_DIR,
    authoring_guide_path,
    command_name,
    in_checkout,
    schema_path,
)
from simulator.scenario.loader import ID_PATTERN
from simulator.scenario.starter import starter_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "new",
        help="write a commented starter scenario to edit",
        description="Write ID.yaml, a commented starter scenario that validates as written.",
        epilog="example:\n  %(prog)s parcel-in-the-rain --out my-team/scenarios/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("id", metavar="ID", help="the new scenario's id, e.g. late-parcel")
    parser.add_argument("--out", metavar="DIR", default=".", help="folder to write into")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not ID_PATTERN.match(args.id):
        raise CliError(
            f'"{args.id}" is not a valid id: use lowercase letters, digits and hyphens, '
            'for example "late-parcel"'
        )
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CliError(f"{out} is a file; give a folder with --out")
    target = out / f"{args.id}.yaml"
    if target.exists() and not args.force:
        raise CliError(f"{target} already exists; choose another id or add --force")
    try:
        out.mkdir(parents=True, exist_ok=True)
        schema = schema_reference(schema_path(), out.resolve())
        guide = str(authoring_guide_path())
        text = starter_text(args.id, str(target), schema, command_name(), guide)
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CliError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"wrote {target}")
    print(f"next: edit it, then `{command_name()} validate {target}`")
    return 0


def schema_reference(schema: Path, folder: Path) -> str:
    """The schema as the editor should find it from `folder`.

    Relative when both are in one source tree, so a team's files stay portable in its
    repository; otherwise (an installed schema deep in a virtual environment, another Windows
    drive) an absolute `file:` URI.
    """
    if in_checkout() and folder.is_relative_to(CHECKOUT_DIR):
        return os.path.relpath(schema, folder)
    return schema.as_uri()
