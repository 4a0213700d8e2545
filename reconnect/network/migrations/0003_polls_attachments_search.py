"""The polls_attachments_search area's schema changes (empty until the area needs one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("network", "0002_discussions")]

    operations: list[migrations.operations.base.Operation] = []
