"""The REST API against its own OpenAPI schema (schemathesis): no generated request makes it fail.

The schema is loaded from the application (``/api/schema/``, in-process through WSGI) over the
small country; every operation is called with generated data as the administrator (token header,
so every endpoint is exercised past its permission check), each in a savepoint rolled back after
it. For each call: no 5xx, and a response whose status the schema documents must match the
documented body and content type.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from niokr.web_tests.personas import build_world

MAX_EXAMPLES = 25


@pytest.fixture
def admin_token(db, settings, tmp_path):
    """The administrator's API token over the small country.

    Requests go through the WSGI application as in production, which closes the database
    connection when a request ends; as Django's test client does, that is switched off here, or the
    test's transaction would end with the first request.
    """
    settings.DATA_DIR = tmp_path
    world = build_world()
    token = Token.objects.create(user=world.users["admin"]).key
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield token
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The schema view reads no database row: loading it at collection is safe and gives one test per
# operation.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_makes_the_api_fail(case, admin_token):
    # Each call in a savepoint rolled back afterwards: on PostgreSQL a failed statement would
    # otherwise abort the test's transaction and fail every later example for the first one's sake.
    savepoint = transaction.savepoint()
    try:
        response = case.call(headers={"Authorization": f"Token {admin_token}"})
    finally:
        transaction.savepoint_rollback(savepoint)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance])


def test_the_schema_describes_every_api_endpoint():
    paths = set(schema.raw_schema["paths"])
    assert paths and all(p.startswith("/api/v1/") for p in paths)
