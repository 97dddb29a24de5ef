import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import ApiToken
from accounts.services import api_token_create
from conftest import logged_in_client
from core.models import AuditEvent

SETTINGS = reverse("accounts:settings")
HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", SETTINGS),
        ("post", reverse("accounts:profile_update")),
        ("post", reverse("accounts:api_token_create")),
        ("post", reverse("accounts:api_token_revoke", args=[1])),
    ],
)
@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login(anonymous, method, url):
    response = getattr(anonymous, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_settings_page_links_to_password_email_and_two_factor_pages(member):
    content = logged_in_client(member).get(SETTINGS).content.decode()
    for name in ["account_change_password", "account_email", "mfa_index", "accounts:language_set"]:
        assert f'"{reverse(name)}"' in content
    assert "Mina Rahimi" in content


@pytest.mark.django_db
def test_member_updates_full_name_with_htmx(member):
    response = logged_in_client(member).post(
        reverse("accounts:profile_update"), {"full_name": "Mina R. Rahimi"}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Your profile has been saved." in response.content.decode()
    member.refresh_from_db()
    assert member.full_name == "Mina R. Rahimi"
    event = AuditEvent.objects.get(action="user_profile_update")
    assert event.changes == {"full_name": ["Mina Rahimi", "Mina R. Rahimi"]}


@pytest.mark.django_db
def test_too_long_full_name_is_refused_and_the_input_kept(member):
    too_long = "M" * 201
    response = logged_in_client(member).post(reverse("accounts:profile_update"), {"full_name": too_long})

    assert response.status_code == 200
    assert response.context["profile_form"].errors["full_name"]
    assert too_long in response.content.decode()
    member.refresh_from_db()
    assert member.full_name == "Mina Rahimi"


@pytest.mark.django_db
def test_created_token_is_shown_once_and_only_its_hash_is_stored(member):
    client = logged_in_client(member)

    response = client.post(
        reverse("accounts:api_token_create"), {"name": "CRM sync", "scope": "read_write"}, headers=HTMX
    )

    token = ApiToken.objects.get(user=member)
    key = response.context["new_token_key"]
    assert key.startswith("plk_")
    assert key in response.content.decode()
    assert token.key_hash == ApiToken.digest(key)
    assert token.key_prefix == key[:8]
    assert key not in token.key_hash
    assert AuditEvent.objects.filter(
        action="api_token_create", object_id=str(token.pk), actor=member
    ).exists()
    # then the key never appears again
    page = client.get(SETTINGS).content.decode()
    assert key not in page
    assert "CRM sync" in page
    assert f"{token.key_prefix}…" in page


@pytest.mark.django_db
def test_token_without_name_is_refused_with_a_message_and_keeps_the_scope(member):
    response = logged_in_client(member).post(
        reverse("accounts:api_token_create"), {"name": "  ", "scope": "read_write"}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Give the token a name, so you recognise it later." in response.content.decode()
    assert response.context["token_form"]["scope"].value() == "read_write"
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_token_creation_without_htmx_renders_the_whole_page_with_the_key(member):
    response = logged_in_client(member).post(
        reverse("accounts:api_token_create"), {"name": "Script", "scope": "read"}
    )
    assert response.status_code == 200
    assert 'id="language-switcher"' in response.content.decode()
    assert response.context["new_token_key"] in response.content.decode()


@pytest.mark.django_db
def test_member_revokes_own_token(member):
    token, _key = api_token_create(user=member, name="Old script", scope="read")
    client = logged_in_client(member)

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]), headers=HTMX)

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token_revoke", object_id=str(token.pk)).exists()
    assert "Old script" not in client.get(SETTINGS).content.decode()


@pytest.mark.django_db
def test_outsider_token_cannot_be_revoked_by_member(member, outsider_token):
    response = logged_in_client(member).post(reverse("accounts:api_token_revoke", args=[outsider_token.pk]))

    assert response.status_code == 404
    outsider_token.refresh_from_db()
    assert outsider_token.revoked_at is None
    assert not AuditEvent.objects.filter(action="api_token_revoke").exists()


@pytest.mark.django_db
def test_settings_page_does_not_show_other_peoples_tokens(member, outsider_token):
    assert "Outsider CRM" not in logged_in_client(member).get(SETTINGS).content.decode()


def _queries_for_settings_page(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SETTINGS).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_settings_page_queries_do_not_grow_with_the_number_of_tokens(member):
    client = logged_in_client(member)
    api_token_create(user=member, name="First", scope="read")
    with_one = _queries_for_settings_page(client)
    for number in range(10):
        api_token_create(user=member, name=f"Token {number}", scope="read")
    assert _queries_for_settings_page(client) == with_one
