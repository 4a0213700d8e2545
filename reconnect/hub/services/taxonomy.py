"""The seeded taxonomy (themes, phases, audiences), put back if a ``flush`` emptied it.

The data lives in the migrations that first loaded it (hub 0002 and 0004), so there is one
list. This only creates rows that are missing, by slug: it never renames or reorders what
coordinators have edited since.
"""

import importlib

from reconnect.hub.models import Audience, Phase, Theme


def taxonomy_ensure() -> None:
    themes = importlib.import_module("reconnect.hub.migrations.0002_themes").THEMES
    seeded = importlib.import_module("reconnect.hub.migrations.0004_phases_and_audiences")
    for position, (slug, name, summary) in enumerate(themes, start=1):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "summary": summary, "position": position}
        )
    for model, rows in ((Phase, seeded.PHASES), (Audience, seeded.AUDIENCES)):
        for position, (slug, name) in enumerate(rows, start=1):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
