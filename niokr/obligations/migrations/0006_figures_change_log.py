"""A count of the committed changes to the tables behind the dashboard's figures, kept by triggers.

The dashboard caches its figures under this count (``obligations.figures_cache.figures_version``): every
transaction that writes to the balances, the ledger, the rights, the organisations or their
affiliations — by the ORM, ``COPY``, raw SQL, the admin or a flush — adds one, in the same
transaction, so cached figures are never shown after the data behind them changed.

PostgreSQL: one statement-level trigger per table; the first write of a transaction inserts a row
of weight 1 (no row is updated, so concurrent writers never wait for each other), and every
hundredth row folds the committed rows no one holds into itself, keeping the sum and a small table.
SQLite (one writer at a time): a row trigger per table and operation adds one to a single row.
"""

from django.db import migrations

#: The tables the dashboard reads (balances and ledger; the rights, holders and groups it groups them by).
TABLES = ("obligations_rightyearbalance", "obligations_ledgerentry", "registry_subsoilright", "registry_organisation", "registry_affiliation")

POSTGRESQL = [
    "CREATE TABLE obligations_figures_change (id bigserial PRIMARY KEY, weight bigint NOT NULL)",
    """
    CREATE FUNCTION obligations_note_figures_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        noted bigint;
        folded bigint;
    BEGIN
        -- Once per transaction (a savepoint rolled back forgets it together with the row).
        IF current_setting('niokr.figures_changed', true) = 'on' THEN
            RETURN NULL;
        END IF;
        PERFORM set_config('niokr.figures_changed', 'on', true);
        INSERT INTO obligations_figures_change (weight) VALUES (1) RETURNING id INTO noted;
        IF mod(noted, 100) = 0 AND current_setting('transaction_isolation') = 'read committed' THEN
            WITH gone AS (
                DELETE FROM obligations_figures_change
                WHERE id IN (SELECT id FROM obligations_figures_change WHERE id < noted FOR UPDATE SKIP LOCKED)
                RETURNING weight
            )
            SELECT COALESCE(SUM(weight), 0) INTO folded FROM gone;
            UPDATE obligations_figures_change SET weight = weight + folded WHERE id = noted;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    *(
        f"CREATE TRIGGER obligations_figures_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION obligations_note_figures_change()"
        for table in TABLES
    ),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS obligations_figures_change ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS obligations_note_figures_change()",
    "DROP TABLE IF EXISTS obligations_figures_change",
]

SQLITE = [
    "CREATE TABLE obligations_figures_change (id integer PRIMARY KEY, weight bigint NOT NULL)",
    "INSERT INTO obligations_figures_change (id, weight) VALUES (1, 0)",
    *(
        f"CREATE TRIGGER obligations_figures_change_{table}_{operation} AFTER {operation.upper()} ON {table} "
        "BEGIN UPDATE obligations_figures_change SET weight = weight + 1; END"
        for table in TABLES
        for operation in ("insert", "update", "delete")
    ),
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS obligations_figures_change_{table}_{operation}" for table in TABLES for operation in ("insert", "update", "delete")),
    "DROP TABLE IF EXISTS obligations_figures_change",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements[schema_editor.connection.vendor]:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("obligations", "0005_ledger_year_kind_index"),
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
