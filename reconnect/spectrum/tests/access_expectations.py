"""Access-matrix rows of the vulnerability spectrum, one module per area in ``access/``."""

from reconnect.spectrum.tests.access import api, cohorts, data_settings, imports, network, pupils

CASES = [
    *imports.CASES,
    *data_settings.CASES,
    *pupils.CASES,
    *cohorts.CASES,
    *network.CASES,
    *api.CASES,
]
