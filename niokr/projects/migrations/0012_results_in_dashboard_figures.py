"""The projects and their results join the tables whose changes the dashboard's figures are counted by.

The dashboard shows the results per priority direction and year; with these triggers (as
``obligations`` migration 0006 made them for the balances, the ledger and the registry) that panel
is cached under the same count of changes and is never shown after a result or a project changed.
"""

from django.db import migrations

TABLES = ("projects_project", "projects_result")
OPERATIONS = ("insert", "update", "delete")

POSTGRESQL = [
    f"CREATE TRIGGER obligations_figures_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION obligations_note_figures_change()"
    for table in TABLES
]
POSTGRESQL_REVERSE = [f"DROP TRIGGER IF EXISTS obligations_figures_change ON {table}" for table in TABLES]
SQLITE = [
    f"CREATE TRIGGER obligations_figures_change_{table}_{operation} AFTER {operation.upper()} ON {table} "
    "BEGIN UPDATE obligations_figures_change SET weight = weight + 1; END"
    for table in TABLES
    for operation in OPERATIONS
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS obligations_figures_change_{table}_{operation}" for table in TABLES for operation in OPERATIONS]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0011_results_registry_order"),
        ("obligations", "0006_figures_change_log"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
