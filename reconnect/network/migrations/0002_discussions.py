"""The discussions area's schema changes: members' mention handles, and the categories.

Categories: the general ones, and one per Hub theme that exists when this runs (the themes
come from ``hub.0002_themes``). A theme added later gets its category from
``services.discussions.categories_for_themes_ensure`` (the same rule, on the live models).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GENERAL = [
    # slug, name, description, position, coordinators only
    ("announcements", "Announcements", "News from the network's coordinators.", 0, True),
    ("general", "General", "Anything that does not fit a theme.", 1, False),
    ("introductions", "Introductions", "Say who you are and what you are working on.", 2, False),
]
THEME_POSITION_FROM = 10


def create_categories(apps, schema_editor):
    Category = apps.get_model("network", "Category")
    Theme = apps.get_model("hub", "Theme")
    for slug, name, description, position, coordinators_only in GENERAL:
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "position": position,
                "coordinators_only": coordinators_only,
            },
        )
    for theme in Theme.objects.filter(category__isnull=True):
        Category.objects.get_or_create(
            slug=theme.slug,
            defaults={
                "name": theme.name,
                "description": theme.summary[:300],
                "theme": theme,
                "position": THEME_POSITION_FROM + theme.position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_network"),
        ("hub", "0002_themes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MemberHandle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("handle", models.SlugField(max_length=40, unique=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="network_handle",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(fields=["-last_posted_at"], name="network_thread_last_idx"),
        ),
        migrations.RunPython(create_categories, migrations.RunPython.noop),
    ]
