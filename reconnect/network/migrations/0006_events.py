"""The events area's schema changes (empty until the area needs one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("network", "0005_moderation")]

    operations: list[migrations.operations.base.Operation] = []
