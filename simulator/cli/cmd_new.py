"""`new ID`: write a commented starter scenario that validates as written."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from simulator.cli.common import CliError
from simulator.scenario.library import BUNDLED_DIR
from simulator.scenario.loader import ID_PATTERN
from simulator.scenario.starter import starter_text

SCHEMA_PATH = BUNDLED_DIR.parent / "docs" / "scenario.schema.json"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "new",
        help="write a commented starter scenario to edit",
        description="Write ID.yaml, a commented starter scenario that validates as written.",
        epilog="example:\n  python run.py new parcel-in-the-rain --out my-team/scenarios/",
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
        schema = os.path.relpath(SCHEMA_PATH, out.resolve())
        target.write_text(starter_text(args.id, str(target), schema), encoding="utf-8")
    except OSError as error:
        raise CliError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"wrote {target}")
    print(f"next: edit it, then `python run.py validate {target}`")
    return 0
