"""`python run.py` starts the app; `python run.py SUBCOMMAND ...` runs the command line."""

import sys

try:
    from simulator.cli import main
except KeyboardInterrupt:  # ctrl+c before the command line could even start: no traceback
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
