"""`python run.py` starts the app; `python run.py SUBCOMMAND ...` runs the command line."""

import sys

from simulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
