"""A person's time zone: guessed at sign-up, changed on their account's page and through the API,
and used for every page they see."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import ApiToken
from accounts.services import api_token_create
from conftest import logged_in_client
from core.models import AuditEvent

TIME_ZONE_UPDATE = reverse("accounts:time_zone_update")
ME = "/api/v1/me"
PASSWORD = "a-brand-new-long-passphrase"


@pytest.mark.django_db
def test_anonymous_visitor_cannot_set_a_time_zone(anonymous):
    response = anonymous.post(TIME_ZONE_UPDATE, {"time_zone": "Asia/Seoul"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_member_chooses_seoul_on_the_settings_page(member):
    client = logged_in_client(member)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert 'name="time_zone"' in page
    assert '<option value="Asia/Seoul">' in page

    response = client.post(TIME_ZONE_UPDATE, {"time_zone": "Asia/Seoul"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.time_zone == "Asia/Seoul"
    assert AuditEvent.objects.get(action="user_time_zone_set").changes == {"time_zone": ["", "Asia/Seoul"]}
    assert 'name="time_zone" value="Asia/Seoul"' in client.get(reverse("accounts:settings")).content.decode()


@pytest.mark.django_db
def test_unknown_zone_is_refused_and_the_saved_one_kept(member):
    member.time_zone = "Asia/Tehran"
    member.save()

    response = logged_in_client(member).post(TIME_ZONE_UPDATE, {"time_zone": "Mars/Olympus_Mons"})

    assert response.status_code == 200
    assert response.context["time_zone_form"].errors["time_zone"]
    assert "Mars/Olympus_Mons" in response.content.decode()
    member.refresh_from_db()
    assert member.time_zone == "Asia/Tehran"


@pytest.mark.django_db
def test_sign_up_keeps_the_zone_the_browser_reported(anonymous):
    form = anonymous.get(reverse("account_signup")).content.decode()
    assert 'data-time-zone-guess="true"' in form

    anonymous.post(
        reverse("account_signup"),
        {
            "email": "new.person@seoul-park.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "time_zone": "Asia/Seoul",
        },
    )

    assert get_user_model().objects.get(email="new.person@seoul-park.example").time_zone == "Asia/Seoul"


@pytest.mark.django_db
def test_sign_up_with_an_unknown_zone_still_signs_up_in_utc(anonymous):
    anonymous.post(
        reverse("account_signup"),
        {
            "email": "new.person@nowhere.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "time_zone": "Nowhere/City",
        },
    )

    assert get_user_model().objects.get(email="new.person@nowhere.example").time_zone == ""


@pytest.mark.django_db
def test_owner_sets_and_reads_their_zone_through_the_api(anonymous, member):
    _token, key = api_token_create(user=member, name="CRM", scope=ApiToken.Scope.READ_WRITE)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    response = anonymous.patch(ME, {"time_zone": "Asia/Tehran"}, content_type="application/json", **headers)

    assert response.status_code == 200
    assert response.json()["time_zone"] == "Asia/Tehran"
    assert anonymous.get(ME, **headers).json()["time_zone"] == "Asia/Tehran"


@pytest.mark.django_db
def test_api_refuses_an_unknown_zone_and_keeps_the_name(anonymous, member):
    _token, key = api_token_create(user=member, name="CRM", scope=ApiToken.Scope.READ_WRITE)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    response = anonymous.patch(
        ME,
        {"full_name": "Changed", "time_zone": "Mars/Olympus_Mons"},
        content_type="application/json",
        **headers,
    )

    assert response.status_code == 422
    assert "time_zone" in response.content.decode()
    member.refresh_from_db()
    assert (member.full_name, member.time_zone) == ("Mina Rahimi", "")


@pytest.mark.django_db
def test_outsider_token_cannot_change_another_persons_zone(anonymous, member, outsider_token):
    # /me is always the token's own person: an outsider's token changes the outsider, never the member.
    key = api_token_create(user=outsider_token.user, name="Other", scope=ApiToken.Scope.READ_WRITE)[1]
    anonymous.patch(
        ME, {"time_zone": "Asia/Seoul"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    member.refresh_from_db()
    assert member.time_zone == ""


@pytest.mark.django_db
def test_settings_page_is_only_the_persons_own(member, outsider):
    member.time_zone = "Asia/Tehran"
    member.save()

    page = logged_in_client(outsider).get(reverse("accounts:settings")).content.decode()

    assert 'name="time_zone" value="Asia/Tehran"' not in page
