"""Fixtures every test may use: the immediate task backend and the named personas.

Personas (STYLE.md): `owner` administers the organisation "Tabriz Science Park", `colleague` is an
ordinary member of it, `outsider` belongs to another organisation, `secretariat` runs the network
that Tabriz Science Park belongs to, `anonymous` is a visitor with no account.
`api_client(user, scope=...)` is a client sending a personal API token.
"""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation

from accounts.services import api_token_create

PERSONA_PASSWORD = "correct-horse-battery-staple"


# The schemathesis run against the API's OpenAPI document (tests/test_api_fuzz.py): it runs by default,
# and `-m "not api_fuzz"` leaves it out of a local run.
def pytest_configure(config):
    config.addinivalue_line("markers", "api_fuzz: generated requests against every API operation")


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; the suite creates and logs in hundreds of personas.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def interface_language_reset():
    # A request leaves its language active in the thread; each test starts and ends in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_matching_indexes(settings):
    """Embedding every profile a test publishes would slow the whole suite down for nothing, so the
    engine is off unless a test asks for `live_matching`. Each process keeps its indexes in memory; a
    test must not see the last test's vectors."""
    from matching.store import forget_loaded_indexes

    settings.MATCHING_ENABLED = False
    forget_loaded_indexes()
    yield
    forget_loaded_indexes()


@pytest.fixture(autouse=True)
def no_request_left_open():
    """Each test starts and ends outside any request's remembered answers (core.request_memo)."""
    from core.request_memo import request_memo_end

    request_memo_end()
    yield
    request_memo_end()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """What `manage.py load_demo` creates, loaded once per session (tests/shared_demo.py). Loaded outside
    any request: the API fuzzer's module loads its schema through WSGI without finishing the request."""
    from core.request_memo import request_memo_end
    from tests.shared_demo import demo_snapshot_take

    request_memo_end()
    with django_db_blocker.unblock():
        return demo_snapshot_take(absent_ror_file=tmp_path_factory.mktemp("demo") / "absent.jsonl")


@pytest.fixture(scope="module")
def demo(demo_snapshot, django_db_blocker):
    """The demo, for every test of the module that asks: restored once for the module, each test in
    its own savepoint, rolled away at the module's end. Its people's password is
    tests.shared_demo.DEMO_PASSWORD; it has no ROR records. Not for transactional tests: they would
    flush it out from under the module's open transaction."""
    from tests.shared_demo import demo_restored

    restored = demo_restored(demo_snapshot)
    with django_db_blocker.unblock():  # only to open and to roll back: the tests ask for `db` themselves
        restored.__enter__()
    yield
    with django_db_blocker.unblock():
        restored.__exit__(None, None, None)


@pytest.fixture
def on_commit_immediately(monkeypatch):
    """Run each `transaction.on_commit` callback the moment it is registered, as if the service's
    transaction had just committed. Every test runs inside a transaction that is rolled back at its end,
    so without this the tasks services enqueue on commit never run. Tests that inspect or count the
    callbacks use pytest-django's `django_capture_on_commit_callbacks` instead; and a test of what a
    failed service leaves behind must not use this fixture, since the callback has already run."""

    def run_now(func, using=None, robust=False):
        func()

    monkeypatch.setattr(transaction, "on_commit", run_now)


@pytest.fixture
def live_matching(settings, on_commit_immediately):
    """The real multilingual model embeds records as the services change them (on commit, which
    `on_commit_immediately` makes the moment the service asks)."""
    settings.MATCHING_ENABLED = True


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    # Login lockouts and used TOTP codes are counted in the cache; no test may inherit another's.
    # Deployed, the cache is shared by every process (the database's, or Redis: settings.CACHES), which
    # tests/test_shared_lockout.py proves with two processes; inside one test process a local-memory
    # cache does the same job, without a query per look-up or a database for tests that need none.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(email: str, *, password: str = PERSONA_PASSWORD, verified: bool = True, **extra):
        user = get_user_model().objects.create_user(email=email, password=password, **extra)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        return user

    return make


@pytest.fixture
def api_client(db):
    """`api_client(user)`: a client sending a fresh personal API token of `scope` on every request."""

    def make(user, *, scope: str = "read_write") -> Client:
        _token, plaintext = api_token_create(user=user, name="tests", scope=scope)
        return Client(headers={"Authorization": f"Bearer {plaintext}"})

    return make


@pytest.fixture
def anonymous() -> Client:
    return Client()


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The directory's personas. Built with the ORM, not the services, so that a broken service cannot
# hide behind a fixture that uses it.


@pytest.fixture
def network(db):
    from directory.models import Organisation

    return Organisation.objects.create(
        name="Silk Road Science Parks Association", kind=Organisation.Kind.NETWORK, country="CN", city="Xi'an"
    )


@pytest.fixture
def park(network):
    from directory.models import Organisation
    from networks.models import NetworkMembership

    park = Organisation.objects.create(
        name="Tabriz Science Park", kind=Organisation.Kind.SCIENCE_PARK, country="IR", city="Tabriz"
    )
    NetworkMembership.objects.create(network=network, member=park, status=NetworkMembership.Status.ACTIVE)
    return park


@pytest.fixture
def other_organisation(db):
    """An organisation in no network: the outsider's."""
    from directory.models import Organisation

    return Organisation.objects.create(
        name="Almaty Robotics LLP", kind=Organisation.Kind.COMPANY, country="KZ", city="Almaty"
    )


def _member(user, organisation, role):
    from directory.models import OrganisationMembership

    OrganisationMembership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def owner(make_user, park):
    from directory.models import Role

    return _member(make_user("owner@tabriz-park.example", full_name="Owner Parvin"), park, Role.ADMIN)


@pytest.fixture
def colleague(make_user, park):
    from directory.models import Role

    return _member(make_user("colleague@tabriz-park.example", full_name="Colleague Kaveh"), park, Role.MEMBER)


@pytest.fixture
def outsider(make_user, other_organisation):
    from directory.models import Role

    return _member(make_user("outsider@almaty-robotics.example"), other_organisation, Role.ADMIN)


@pytest.fixture
def secretariat(make_user, network):
    from directory.models import Role

    return _member(make_user("secretariat@srspa.example"), network, Role.SECRETARIAT)


@pytest.fixture
def operator(make_user):
    return make_user("operator@parklink.example", is_staff=True)
