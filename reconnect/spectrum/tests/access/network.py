"""Access-matrix rows for the network aggregate: see tests/access.py.

System leaders, coordinators and the administrator see suppressed counts across schools;
every school member (school A's data lead included) is refused with a 403, not a 404: the
page exists for everyone, it is the role that is missing. Visitors are sent to sign in.
"""

from tests.access import Case, members_only

NETWORK = members_only(403, data_lead_a=403, system_leader=200, coordinator=200, admin=200)

CASES = [
    Case("spectrum:network", expect=NETWORK),
    Case(
        "spectrum:network",
        query="scope=network&by=trust&factor=young_carer",
        label="choices",
        expect=NETWORK,
        note="A scope the user lacks, a breakdown and a factor fall back or apply; never an error",
    ),
]
