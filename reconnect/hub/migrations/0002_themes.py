from django.db import migrations

THEMES = [
    ("attendance", "Attendance", "Getting every pupil to school, every day, and keeping them there."),
    ("engagement", "Engagement", "Re-engaging pupils with learning and school life."),
    ("mental-health-and-wellbeing", "Mental health and wellbeing", "Pupils' and staff's mental health, and a whole-school approach to it."),
    ("learning-gaps", "Learning gaps", "Closing the gaps in learning that disadvantage widens."),
    ("poverty-and-hunger", "Poverty and hunger", "The cost of the school day, food, and family hardship."),
    ("isolation-and-belonging", "Isolation and belonging", "Loneliness, belonging and relationships in and out of school."),
    ("send", "SEND", "Special educational needs and disabilities, and inclusion."),
    ("transition", "Transition", "Moving between phases, schools and settings."),
    ("digital-divide", "Digital divide", "Access to devices, connectivity and digital skills."),
    ("staff-recruitment-and-retention", "Staff recruitment and retention", "Finding, keeping and developing the people who teach."),
    ("place-and-community", "Place and community", "Families, neighbourhoods and local services working with schools."),
    ("leadership", "Leadership", "Leading strategy for disadvantaged and vulnerable pupils."),
]


def load_themes(apps, schema_editor):
    Theme = apps.get_model("hub", "Theme")
    for position, (slug, name, summary) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "summary": summary, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]

    operations = [migrations.RunPython(load_themes, migrations.RunPython.noop)]
