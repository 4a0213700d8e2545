"""Access-matrix rows for the Knowledge Hub, gathered from one module per area.

Public items and the Hub's listings are open to visitors; members-only items are a 404 to
visitors (they do not exist for them, in pages, search and the API alike) and a 200 to
every member. Submitting a case study needs an account.
"""

from reconnect.hub.tests.access import api, reading, search, submissions

CASES = [*search.CASES, *reading.CASES, *submissions.CASES, *api.CASES]
