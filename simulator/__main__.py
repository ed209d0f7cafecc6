"""`python -m simulator`: the same command line as `recovery-sim` (the served app's processes)."""

import sys

from simulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
