import datetime

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import api_token_create, api_token_revoke
from core.models import AuditEvent

ME = "/api/v1/me"


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def read_key(member) -> str:
    _token, key = api_token_create(user=member, name="Dashboard", scope=ApiToken.Scope.READ)
    return key


@pytest.fixture
def write_key(member) -> str:
    _token, key = api_token_create(user=member, name="CRM sync", scope=ApiToken.Scope.READ_WRITE)
    return key


@pytest.mark.django_db
def test_anonymous_request_gets_401_json(anonymous):
    response = anonymous.get(ME)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_logged_in_session_alone_is_not_an_api_token(member):
    client = Client()
    client.force_login(member)
    assert client.get(ME).status_code == 401


@pytest.mark.parametrize("key", ["garbage", "plk_not-a-real-token", ""])
@pytest.mark.django_db
def test_unknown_token_gets_401(anonymous, key):
    assert anonymous.get(ME, **bearer(key)).status_code == 401


@pytest.mark.django_db
def test_revoked_token_gets_401(anonymous, member):
    token, key = api_token_create(user=member, name="Old", scope=ApiToken.Scope.READ)
    api_token_revoke(user=member, token_id=token.pk)
    assert anonymous.get(ME, **bearer(key)).status_code == 401


@pytest.mark.django_db
def test_token_of_deactivated_user_gets_401(anonymous, member, read_key):
    member.is_active = False
    member.save()
    assert anonymous.get(ME, **bearer(read_key)).status_code == 401


@pytest.mark.django_db
def test_read_token_reads_me_and_records_last_use(anonymous, member, read_key):
    response = anonymous.get(ME, **bearer(read_key))

    assert response.status_code == 200
    assert response.json() == {
        "id": member.pk,
        "email": "member@tabriz-park.example",
        "full_name": "Mina Rahimi",
        "preferred_language": "",
        "time_zone": "",
        "is_staff": False,
        "two_factor_enabled": False,
    }
    assert ApiToken.objects.get(user=member).last_used_at is not None


@pytest.mark.django_db
def test_last_use_is_written_at_most_once_a_minute(anonymous, member, read_key):
    anonymous.get(ME, **bearer(read_key))
    first_use = ApiToken.objects.get(user=member).last_used_at
    assert first_use is not None
    anonymous.get(ME, **bearer(read_key))
    assert ApiToken.objects.get(user=member).last_used_at == first_use

    ApiToken.objects.filter(user=member).update(last_used_at=first_use - datetime.timedelta(minutes=2))
    anonymous.get(ME, **bearer(read_key))
    last_use = ApiToken.objects.get(user=member).last_used_at
    assert last_use is not None
    assert last_use > timezone.now() - datetime.timedelta(seconds=5)


@pytest.mark.django_db
def test_outsider_token_reads_only_the_outsider(anonymous, outsider, member):
    _token, key = api_token_create(user=outsider, name="Mine", scope=ApiToken.Scope.READ)
    assert anonymous.get(ME, **bearer(key)).json()["email"] == outsider.email


@pytest.mark.django_db
def test_read_token_may_not_write(anonymous, member, read_key):
    response = anonymous.patch(
        ME, {"full_name": "Changed"}, content_type="application/json", **bearer(read_key)
    )

    assert response.status_code == 403
    assert response.json()["code"] == "token_scope"
    member.refresh_from_db()
    assert member.full_name == "Mina Rahimi"


@pytest.mark.django_db
def test_write_token_updates_profile_with_an_audited_change(anonymous, member, write_key):
    response = anonymous.patch(
        ME,
        {"full_name": "Mina R.", "preferred_language": "kk"},
        content_type="application/json",
        **bearer(write_key),
    )

    assert response.status_code == 200
    assert response.json()["full_name"] == "Mina R."
    assert response.json()["preferred_language"] == "kk"
    event = AuditEvent.objects.get(action="user_profile_update")
    assert event.actor == member
    assert event.changes == {"full_name": ["Mina Rahimi", "Mina R."], "preferred_language": ["", "kk"]}
    assert event.request_method == "PATCH"


@pytest.mark.django_db
def test_patch_changes_only_the_fields_sent(anonymous, member, write_key):
    anonymous.patch(ME, {"preferred_language": "tr"}, content_type="application/json", **bearer(write_key))
    member.refresh_from_db()
    assert (member.full_name, member.preferred_language) == ("Mina Rahimi", "tr")


@pytest.mark.django_db
def test_unknown_language_gets_422_json_and_changes_nothing(anonymous, member, write_key):
    response = anonymous.patch(
        ME, {"preferred_language": "klingon"}, content_type="application/json", **bearer(write_key)
    )

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert "preferred_language" in body["errors"]
    member.refresh_from_db()
    assert member.preferred_language == ""
    assert not AuditEvent.objects.filter(action="user_profile_update").exists()


@pytest.mark.django_db
def test_too_long_name_gets_422_json(anonymous, write_key):
    response = anonymous.patch(
        ME, {"full_name": "x" * 201}, content_type="application/json", **bearer(write_key)
    )
    assert response.status_code == 422
