"""The priority tags, the policy target and the agreements join the tables whose changes the cached figures are counted by.

The portfolio's panels are cached under the dashboard's count of changes
(:mod:`niokr.obligations.figures_cache`); a confirmed tag, a new target or an agreement's priority
changes them, so those writes count too (as ``projects`` migration 0012 did for the projects and
their results).
"""

from django.db import migrations

TABLES = ("portfolio_prioritytag", "portfolio_policytarget", "projects_agreement")
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
        ("portfolio", "0001_priority_tags_and_policy_target"),
        ("projects", "0012_results_in_dashboard_figures"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
