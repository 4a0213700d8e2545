from django.db import migrations
from django.utils.text import slugify


def load_local_authorities(apps, schema_editor):
    from reconnect.schools.data.london import LOCAL_AUTHORITIES, NEIGHBOURS

    LocalAuthority = apps.get_model("schools", "LocalAuthority")
    by_code = {}
    for code, name, inner in LOCAL_AUTHORITIES:
        by_code[code], _created = LocalAuthority.objects.update_or_create(
            code=code, defaults={"name": name, "slug": slugify(name), "is_inner_london": inner}
        )
    for first, second in NEIGHBOURS:
        by_code[first].neighbours.add(by_code[second])


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]

    operations = [migrations.RunPython(load_local_authorities, migrations.RunPython.noop)]
