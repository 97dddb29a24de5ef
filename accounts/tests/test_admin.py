import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from accounts.services import api_token_create
from conftest import logged_in_client


@pytest.fixture
def superuser_with_totp(make_user):
    user = make_user("root@parklink.example", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.mark.parametrize(
    "page",
    ["admin:accounts_user_changelist", "admin:accounts_user_add", "admin:accounts_apitoken_changelist"],
)
@pytest.mark.django_db
def test_admin_pages_for_people_and_tokens_open(superuser_with_totp, page):
    assert logged_in_client(superuser_with_totp).get(reverse(page)).status_code == 200


@pytest.mark.django_db
def test_admin_shows_a_token_without_letting_anyone_edit_its_hash(superuser_with_totp, member):
    token, _key = api_token_create(user=member, name="CRM sync", scope="read")
    client = logged_in_client(superuser_with_totp)

    response = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))

    assert response.status_code == 200
    assert token.key_hash in response.content.decode()
    assert 'name="key_hash"' not in response.content.decode()
    assert client.get(reverse("admin:accounts_user_change", args=[member.pk])).status_code == 200


@pytest.mark.django_db
def test_outsider_member_cannot_open_the_admin(member):
    response = logged_in_client(member).get(reverse("admin:accounts_apitoken_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
