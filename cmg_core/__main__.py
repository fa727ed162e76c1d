"""`python -m cmg_core`: the single command-line entry point."""

import sys

from cmg_core.cli import main

sys.exit(main())
