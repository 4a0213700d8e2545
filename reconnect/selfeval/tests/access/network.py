"""Access-matrix rows for the network view: see access_expectations.py.

Coordinators, the administrator and system leaders see the network's suppressed
aggregates; every school member is refused (403, not 404: the page exists for everyone,
it is the role that is missing), and visitors are sent to sign in.
"""

from tests.access import Case, members_only

NETWORK = members_only(403, system_leader=200, coordinator=200, admin=200)

CASES = [
    Case("selfeval:network-view", expect=NETWORK),
    Case(
        "selfeval:network-view",
        query="domain=attendance&page=2",
        label="domain-chosen",
        expect=NETWORK,
        note="A chosen domain and a page of shared reports past the end still answer",
    ),
]
