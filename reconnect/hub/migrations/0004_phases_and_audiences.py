from django.db import migrations

PHASES = [
    ("early-years", "Early years"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("special", "Special and alternative provision"),
    ("post-16", "Post-16"),
]

AUDIENCES = [
    ("school-leaders", "School leaders"),
    ("teachers", "Teachers"),
    ("support-staff", "Support and pastoral staff"),
    ("governors", "Governors and trustees"),
    ("system-leaders", "Trust and local authority leaders"),
]


def load(apps, schema_editor):
    for model_name, rows in (("Phase", PHASES), ("Audience", AUDIENCES)):
        model = apps.get_model("hub", model_name)
        for position, (slug, name) in enumerate(rows, start=1):
            model.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("hub", "0003_pages")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
