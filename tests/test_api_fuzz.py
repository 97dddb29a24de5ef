"""The API against its own OpenAPI document: schemathesis sends generated requests to every operation
(issue 14, item 18).

Each operation gets a few derandomised examples (EXAMPLES_PER_OPERATION), valid and invalid, sent
in-process through the WSGI application as the demo's network secretariat with a read-write token, on
the demo data. Every answer must be no server error, carry a status the document declares for the
operation, and match the body the document declares for that status. Writes stay inside the test's
transaction.

Deselect locally with `-m "not api_fuzz"`; CI runs it on SQLite and PostgreSQL with the rest.
"""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from accounts.services import api_token_create

pytestmark = pytest.mark.api_fuzz

SECRETARIAT_EMAIL = "secretariat@demo.parklink.org"
EXAMPLES_PER_OPERATION = 6

application = get_wsgi_application()
# Valid and invalid examples from the fuzzing phase only: the coverage phase's exhaustive boundary
# values would multiply the run time several times over on CI's two cores.
FUZZ_CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=FUZZ_CONFIG)


@pytest.fixture
def connection_kept_open():
    """What Django's test client does: the WSGI application closes the database connection at each
    request's start and end, which on PostgreSQL would close the test's own transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def secretariat_token(demo, db, connection_kept_open):
    user = get_user_model().objects.get(email=SECRETARIAT_EMAIL)
    _token, key = api_token_create(user=user, name="fuzz", scope="read_write")
    return key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_documented_contract(case, secretariat_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secretariat_token}"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
