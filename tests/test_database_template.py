"""The test databases are copies of one migrated template (tests/database_template.py):
the copy must be what migrating would have made, and a new template must be built whenever
what the migrations run changes."""

from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reconnect.schools.models import LocalAuthority
from tests import database_template
from tests.database_template import ROOT


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied_and_their_rows():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    # A data migration's rows, there as migrating would leave them.
    assert LocalAuthority.objects.count() == 33


def test_the_project_modules_a_migration_imports_are_part_of_the_key():
    imported = database_template._imported_project_files(database_template._migration_files())
    assert {path.relative_to(ROOT).as_posix() for path in imported} == {
        "reconnect/accounts/models.py",
        "reconnect/core/coordinators.py",
        "reconnect/schools/data/london.py",
    }


def test_the_key_changes_with_a_migration_and_with_nothing_else(tmp_path: Path, monkeypatch):
    migration = tmp_path / "0001_initial.py"
    monkeypatch.setattr(database_template, "_migration_files", lambda: [migration])

    migration.write_text("operations = []\n")
    first = database_template.template_key("sqlite")
    assert database_template.template_key("sqlite") == first
    assert database_template.template_key("postgresql") != first

    migration.write_text("operations = ['a change']\n")
    assert database_template.template_key("sqlite") != first
