"""The board area's schema changes (empty until the area needs one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("network", "0006_events")]

    operations: list[migrations.operations.base.Operation] = []
