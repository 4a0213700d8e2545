"""The weights of the trio score, in one place so the coordinators' page can quote them.

A group's score is the sum of its pairs' scores plus, once, the lead bonus. A pair's score
adds one term from each of three rows (challenge, intervention, travel); within a row only
the best-matching term counts. See ``docs/trios.md`` for the reasoning.
"""

from typing import Final

# Challenges: the self-evaluation domains (or other priority keys) a school wants to improve.
SHARED_CHALLENGE: Final = 6  # the two schools name at least one challenge in common
EXTRA_SHARED_CHALLENGE: Final = 2  # for each further challenge they have in common
RELATED_CHALLENGE: Final = 2  # none in common, but one's challenge is related to the other's

# Interventions: what each school wants to pilot in the Lab.
SAME_INTERVENTION: Final = 5  # the same intervention
RELATED_INTERVENTION: Final = 2  # different ones sharing a Hub theme, or declared related

# Travel: where the schools are.
SAME_BOROUGH: Final = 3
NEIGHBOURING_BOROUGH: Final = 1  # the boroughs share a boundary (or face across the Thames)
FAR: Final = 0  # a bonus for nearness, never a penalty for distance

# The group's lead: one member is at least LEAD_MARGIN levels stronger (self-evaluation score
# 1–4) in a domain another member names as a challenge. Counted once per group, however many
# such pairs the group has.
LEAD_BONUS: Final = 4
LEAD_MARGIN: Final = 1.0

PREFERRED_SIZE: Final = 3
