"""The groups_messages area's schema changes (empty until the area needs one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("network", "0003_polls_attachments_search")]

    operations: list[migrations.operations.base.Operation] = []
