"""Make SQLite full-text search match word forms: "mentors" finds "mentoring".

Wagtail's search (modelsearch) creates its FTS5 table with the default tokenizer, which matches exact words
only. PostgreSQL stems through the ``english`` search configuration (settings); this gives
SQLite the same behaviour by rebuilding the table with the Porter stemmer and copying the
index entries back in. The triggers that keep the table in step with ``IndexEntry`` refer
to it by name, so they carry on working.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"
STEMMED = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "autocomplete, body, title, tokenize = 'porter unicode61 remove_diacritics 2')"
)
PLAIN = f"CREATE VIRTUAL TABLE {TABLE} USING fts5(autocomplete, body, title)"
REFILL = (
    f"INSERT INTO {TABLE}(rowid, title, body, autocomplete) "  # noqa: S608 (fixed names)
    "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
)


def _rebuild(schema_editor, create_sql):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
        if cursor.fetchone() is None:  # SQLite built without FTS5: modelsearch falls back
            return
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(create_sql)
        cursor.execute(REFILL)


def stem(apps, schema_editor):
    _rebuild(schema_editor, STEMMED)


def unstem(apps, schema_editor):
    _rebuild(schema_editor, PLAIN)


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0004_phases_and_audiences"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem, unstem)]
