"""The Knowledge Hub's search: one engine behind the search page and the JSON API.

``engine.hub_search`` is the entry point. ``query`` reads what was typed, ``fulltext``
matches it in Wagtail's index, ``facet_table`` holds the Hub's items as plain rows for
filters and counts, ``spelling`` corrects typos against the vocabulary ``vocabulary``
builds, ``theme_matches`` spots a theme named in the query, and ``state`` tells each
process when its cached tables are stale.
"""
