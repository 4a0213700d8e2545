"""London's boroughs as the trio builder's travel data: each DfE LA code with its neighbours.

The table itself (33 authorities, 81 shared boundaries, the Thames crossings counted) lives
in ``reconnect.schools.data.london``, which every module reads; this only reshapes it into
the mapping ``build_trios`` takes. That module is plain data, so this package stays free
of Django.
"""

from __future__ import annotations

from types import MappingProxyType

from reconnect.schools.data.london import LOCAL_AUTHORITIES, NEIGHBOURS

BOROUGH_NAMES: MappingProxyType[int, str] = MappingProxyType(
    {code: name for code, name, _ in LOCAL_AUTHORITIES}
)


def _neighbours() -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = {code: set() for code in BOROUGH_NAMES}
    for a, b in NEIGHBOURS:
        found[a].add(b)
        found[b].add(a)
    return {code: frozenset(others) for code, others in found.items()}


LONDON_NEIGHBOURS: MappingProxyType[int, frozenset[int]] = MappingProxyType(_neighbours())
