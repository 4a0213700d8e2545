"""Access-matrix rows of the self-evaluation tool, one module per area in ``access/``."""

from reconnect.selfeval.tests.access import (
    actions,
    admin,
    api,
    network,
    report,
    reviews,
    sharing,
    signposts,
)

CASES = [
    *reviews.CASES,
    *report.CASES,
    *sharing.CASES,
    *signposts.CASES,
    *actions.CASES,
    *network.CASES,
    *api.CASES,
    *admin.CASES,
]
