"""Access-matrix rows for the home app (see tests/access.py)."""

from tests.access import Case, everyone

CASES = [
    # Visitors get the public page and members their dashboard: a 200 for everyone. The
    # personas whose roles require a second factor are enrolled, so none is sent to set one up.
    Case("home:index", expect=everyone(200)),
]
