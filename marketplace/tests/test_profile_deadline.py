"""A profile's deadline may not be set in the past (issue 16, item 6), on the page, in the API and in the
service; a deadline that has passed since it was set does not stop the rest of the profile being edited."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from marketplace.models import Profile
from marketplace.tests.test_attachments import form_data
from marketplace.tests.test_profiles_api import NEW_PROFILE

pytestmark = pytest.mark.django_db

PAST = "The deadline cannot be in the past."


def days(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def test_the_page_refuses_a_past_deadline_beside_the_field_and_keeps_what_was_typed(owner, park):
    response = logged_in_client(owner).post(
        reverse("marketplace:profile_create"), form_data(owner=park.pk, deadline=days(-1).isoformat())
    )

    assert response.status_code in {200, 422}
    assert response.context["form"].errors["deadline"] == [PAST]
    assert 'value="Biosensor for milk quality"' in response.content.decode()
    assert f'min="{timezone.localdate().isoformat()}"' in response.content.decode()
    assert not Profile.objects.exists()


def test_the_page_accepts_a_deadline_from_today_on(owner, park):
    response = logged_in_client(owner).post(
        reverse("marketplace:profile_create"), form_data(owner=park.pk, deadline=days(0).isoformat())
    )

    assert response.status_code == 302
    assert Profile.objects.get().deadline == days(0)


def test_the_api_refuses_a_past_deadline_on_creation_and_on_change(owner, park, api_client, make_profile):
    client = api_client(owner)
    created = client.post(
        "/api/v1/profiles",
        {**NEW_PROFILE, "owner_id": park.pk, "deadline": days(-30).isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 422
    assert PAST in str(created.json())

    profile = make_profile()
    changed = client.patch(
        f"/api/v1/profiles/{profile.pk}", {"deadline": days(-2).isoformat()}, content_type="application/json"
    )
    assert changed.status_code == 422
    assert PAST in str(changed.json())
    profile.refresh_from_db()
    assert profile.deadline is None


def test_a_deadline_that_has_passed_since_does_not_block_other_edits(owner, api_client, make_profile):
    profile = make_profile(deadline=days(10))
    Profile.objects.filter(pk=profile.pk).update(deadline=days(-5))  # and then the days went by

    response = api_client(owner).patch(
        f"/api/v1/profiles/{profile.pk}",
        {"title": "Drip irrigation controller for arid orchards, second generation"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    profile.refresh_from_db()
    assert profile.deadline == days(-5)


def test_an_outsider_cannot_change_the_deadline(outsider, api_client, make_profile):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    response = api_client(outsider).patch(
        f"/api/v1/profiles/{profile.pk}", {"deadline": days(30).isoformat()}, content_type="application/json"
    )
    assert response.status_code in {403, 404}
    profile.refresh_from_db()
    assert profile.deadline is None
