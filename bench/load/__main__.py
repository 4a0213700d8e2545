"""Load benchmark: ``.venv/bin/python -m bench.load [--database sqlite|postgres] ...``."""

import sys
from pathlib import Path

# The data builder reuses bench/_hub_search_data.py, imported as the other scripts do.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from .cli import main

main()
