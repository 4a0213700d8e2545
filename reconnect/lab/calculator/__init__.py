"""The public evaluation calculator: what its pages and its API share.

Both the pages (``reconnect.lab.views.calculator``) and the JSON operations
(``reconnect.lab.api``) take their caps and rate limit from ``limits`` and the checks of
which scores each design needs and the answer in plain words from ``answers``, so the two
can never disagree. The arithmetic is the evaluation engine's (``reconnect.lab.analysis``);
nothing is stored. Documented in ``docs/calculator.md``.
"""
