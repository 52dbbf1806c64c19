"""The staff queue's search (name, passport/ID number, reference, organisation name) is a case-insensitive
substring match: UPPER(column) LIKE UPPER('%term%'). On PostgreSQL trigram indexes answer it without reading
the table; other databases (SQLite for development) scan, which is fine at their size.

Not declared in the models: they exist on PostgreSQL only, so they are made here and nowhere else.
"""

from django.db import migrations

INDEXES = [
    ("application_full_name_trgm_idx", "applications_application", "full_name"),
    ("application_document_trgm_idx", "applications_application", "document_number"),
    ("application_reference_trgm_idx", "applications_application", "reference"),
    ("organisation_name_trgm_idx", "accounts_organisation", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("applications", "0006_queue_and_portal_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
