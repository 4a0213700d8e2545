"""Load benchmark: a realistic mix of members' requests against a production-like server.

Run it with ``.venv/bin/python -m bench.load --help`` (``bench/README.md`` describes it).
"""
