"""The "Coordinators" group with the Wagtail permissions a network coordinator needs."""

from django.db import migrations

from reconnect.core.coordinators import COORDINATORS_GROUP_NAME, coordinators_group_ensure


def create_group(apps, schema_editor):
    coordinators_group_ensure(apps)


def delete_group(apps, schema_editor):
    # Page and collection permissions cascade with the group.
    apps.get_model("auth", "Group").objects.filter(name=COORDINATORS_GROUP_NAME).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
