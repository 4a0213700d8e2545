"""The ``--ignore-vuln`` arguments for pip-audit, from the written exceptions in
``security/pip-audit-accepted.toml``, one argument a line.

Each exception must name the advisory, the package, why it does not apply to Reconnect and
the date by which someone looks at it again. An exception past that date fails the stage
(exit status 1) instead of hiding the advisory for ever.
"""

import sys
import tomllib
from datetime import date
from pathlib import Path

REQUIRED = ("id", "package", "why", "reviewed", "review_by")


def ignore_arguments(path: Path, today: date) -> list[str]:
    entries = tomllib.loads(path.read_text()).get("vulnerability", [])
    arguments: list[str] = []
    problems: list[str] = []
    for entry in entries:
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            problems.append(f"{entry.get('id', '?')}: missing {', '.join(missing)}")
            continue
        if entry["review_by"] < today:
            due = entry["review_by"]
            problems.append(f"{entry['id']} ({entry['package']}): review was due {due}")
            continue
        arguments += ["--ignore-vuln", entry["id"]]
    if problems:
        raise ValueError("; ".join(problems))
    return arguments


def main() -> int:
    path = Path(sys.argv[1])
    try:
        arguments = ignore_arguments(path, date.today())
    except ValueError as error:
        sys.stderr.write(f"pip-audit: {path}: {error}\n")
        return 1
    sys.stdout.write("".join(f"{argument}\n" for argument in arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
