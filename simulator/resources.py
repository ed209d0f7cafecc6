"""Where the files shipped with the program are: the bundled scenario library and the schema.

In the repository they live at the top level (`scenarios/`, `docs/scenario.schema.json`), the
copies trainers edit. A wheel carries them inside the package (`simulator/bundled_scenarios/`,
`simulator/bundled_docs/`; mapped in pyproject.toml), so an installed copy has them wherever it
runs from. A checkout (`python run.py`, `pip install -e .`) reads the top-level folders.
Plain Python: no Textual.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent
SCHEMA_NAME = "scenario.schema.json"
GUIDE_NAME = "AUTHORING.md"


class MissingBundle(Exception):
    """A file the installation must carry is not there: the install is broken, say so."""


def in_checkout() -> bool:
    """Running from the source tree (plain or `pip install -e .`), not from an installed wheel."""
    return (CHECKOUT_DIR / "run.py").is_file() and (CHECKOUT_DIR / "pyproject.toml").is_file()


def bundled_scenarios_dir() -> Path:
    """The bundled library's folder; `MissingBundle` when neither place has it."""
    return _find(PACKAGE_DIR / "bundled_scenarios", CHECKOUT_DIR / "scenarios", "folder")


def schema_path() -> Path:
    """The scenario JSON Schema that editors use to check a file as it is typed."""
    return _find(PACKAGE_DIR / "bundled_docs" / SCHEMA_NAME, CHECKOUT_DIR / "docs" / SCHEMA_NAME)


def authoring_guide_path() -> Path:
    """The trainers' guide to every field (shipped beside the schema)."""
    return _find(PACKAGE_DIR / "bundled_docs" / GUIDE_NAME, CHECKOUT_DIR / "docs" / GUIDE_NAME)


def _find(packaged: Path, checkout: Path, kind: str = "file") -> Path:
    if packaged.exists():
        return packaged
    if in_checkout() and checkout.exists():
        return checkout
    looked = f"{packaged}" + (f" or {checkout}" if in_checkout() else "")
    raise MissingBundle(
        f"the installation is incomplete: the bundled {checkout.name} {kind} is missing "
        f"(looked in {looked}); reinstall recovery-sim, e.g. "
        "`pip install --force-reinstall recovery-sim`"
    )


def command_name() -> str:
    """How the user started the program, for hints: `python run.py` or `recovery-sim`."""
    return "python run.py" if Path(sys.argv[0]).name == "run.py" else "recovery-sim"
