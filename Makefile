# NIOKR Monitor — the two commands: `make demo` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
# The suite runs in one worker per core (ADR 15); NIOKR_TEST_WORKERS=0 runs it in one process.
NIOKR_TEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -n $(NIOKR_TEST_WORKERS) --dist loadfile
PG_URL ?= postgres://postgres@127.0.0.1:5432/niokr
DEMO_DB := sqlite:///$(CURDIR)/var/demo.sqlite3
PYTHON ?= python3

.PHONY: demo test test-sqlite test-postgres install bench lint clean messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(VENV)/bin/pip install -q -e '.[test]'
	# Bootstrap's files come from the xstatic-bootstrap package (no CDN); it is published as an sdist
	# whose setup.py still needs pkg_resources, hence the older setuptools for its build.
	$(VENV)/bin/pip install -q 'setuptools<81' wheel
	$(VENV)/bin/pip install -q --no-build-isolation 'xstatic-bootstrap>=5.3,<6'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	mkdir -p var
	DATABASE_URL=$(DEMO_DB) $(PY) manage.py migrate --no-input -v0
	DATABASE_URL=$(DEMO_DB) $(VENV)/bin/niokr generate --scale small --seed 1 --replace
	DATABASE_URL=$(DEMO_DB) $(VENV)/bin/niokr recompute
	DATABASE_URL=$(DEMO_DB) $(VENV)/bin/niokr control run
	DATABASE_URL=$(DEMO_DB) $(VENV)/bin/niokr demo_cases
	@echo ""
	@echo "NIOKR Monitor demo: http://127.0.0.1:8000/"
	@echo "Logins (password: $${NIOKR_DEMO_PASSWORD:-niokr-demo-2026}): regulator, regulator_mic, company, performer, auditor, secretary, council, expert, mshe, moderator, panellist, assessor, analyst, secretariat, admin"
	@echo ""
	DATABASE_URL=$(DEMO_DB) NIOKR_DEBUG=1 NIOKR_TASKS_IMMEDIATE=1 $(VENV)/bin/niokr serve 127.0.0.1:8000

# PostgreSQL: always when DATABASE_URL is set (and then it must work); otherwise when a local
# server answers on 127.0.0.1:5432.
test: $(VENV)/.installed
	env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run -v0
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif $(PY) -c "import psycopg; psycopg.connect('host=127.0.0.1 port=5432 user=postgres dbname=postgres', connect_timeout=3).close()" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL not reachable on 127.0.0.1:5432 and DATABASE_URL not set: PostgreSQL run skipped"; fi

test-sqlite: $(VENV)/.installed
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(PYTEST)

test-postgres: $(VENV)/.installed
	@echo "== tests on PostgreSQL =="
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PYTEST)

bench: $(VENV)/.installed
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(VENV)/bin/niokr bench

clean:
	rm -rf $(VENV) var build *.egg-info

# Translation catalogs (kk, ru, en): extract every string, then compile (GNU gettext).
messages: $(VENV)/.installed
	cd niokr && ../$(PY) ../manage.py makemessages -l kk -l ru -l en --no-obsolete -i 'tests/*' -i 'web_tests/*' -v0
	$(PY) manage.py compilemessages -v0 -i .venv -i var
