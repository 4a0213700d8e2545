"""Settings: ``base`` is production, ``dev`` a developer's machine, ``test`` pytest.

Every value an operator may change comes from the environment; see docs/configuration.md.
"""
