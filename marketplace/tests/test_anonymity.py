"""An anonymous profile's owner stays hidden — on the list, the detail page, the moderation queue, the
API list and record, and in search — from everyone but its own people, its moderators, operators and
an organisation whose expression of interest it accepted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from marketplace.models import ExpressionOfInterest, Profile
from marketplace.selectors import owner_disclosed

pytestmark = pytest.mark.django_db

OWNER_NAME = "Tabriz Science Park"


@pytest.fixture
def hidden(make_profile):
    return make_profile(status=Profile.Status.PUBLISHED, anonymous=True, title="Anonymous biosensor offer")


def pages(client, profile):
    yield client.get(reverse("marketplace:profile_list")).content.decode()
    yield client.get(reverse("marketplace:profile_list"), {"q": "biosensor"}).content.decode()
    yield client.get(reverse("marketplace:profile_list"), {"country": "IR"}).content.decode()
    yield client.get(reverse("marketplace:profile_detail", kwargs={"pk": profile.pk})).content.decode()


def test_anonymous_visitor_never_sees_the_owner(hidden, anonymous):
    for html in pages(anonymous, hidden):
        assert "Anonymous biosensor offer" in html
        assert OWNER_NAME not in html
        assert "Anonymous organisation" in html


def test_outsider_never_sees_the_owner_on_pages(hidden, outsider):
    for html in pages(logged_in_client(outsider), hidden):
        assert OWNER_NAME not in html
        assert "Anonymous organisation" in html
        assert "Iran" in html  # only the country


def test_search_by_the_owners_name_does_not_find_an_anonymous_profile(hidden, outsider):
    response = logged_in_client(outsider).get(reverse("marketplace:profile_list"), {"q": "Tabriz"})
    assert hidden not in list(response.context["page"].object_list)


def test_outsider_never_sees_the_owner_through_the_api(hidden, outsider, api_client):
    client = api_client(outsider, scope="read")
    listing = client.get("/api/v1/profiles").json()
    item = next(item for item in listing["items"] if item["id"] == hidden.pk)
    assert item["owner"] == {
        "id": None,
        "name": "Anonymous organisation",
        "country": "IR",
        "region": "034",
        "region_name": "Southern Asia",
    }
    searched = client.get("/api/v1/profiles", {"q": "biosensor"}).json()
    assert searched["items"][0]["owner"]["id"] is None
    record = client.get(f"/api/v1/profiles/{hidden.pk}")
    assert record.status_code == 200
    assert record.json()["owner"] == {
        "id": None,
        "name": "Anonymous organisation",
        "country": "IR",
        "region": "034",
        "region_name": "Southern Asia",
    }
    assert OWNER_NAME not in record.content.decode()
    assert str(hidden.owner_id) not in [str(value) for value in record.json()["owner"].values()]


def test_owners_colleague_secretariat_and_operator_see_the_owner(
    hidden, colleague, secretariat, operator, api_client
):
    for user in (colleague, secretariat, operator):
        assert owner_disclosed(user, hidden)
        record = api_client(user, scope="read").get(f"/api/v1/profiles/{hidden.pk}").json()
        assert record["owner"]["name"] == OWNER_NAME
    html = (
        logged_in_client(secretariat)
        .get(reverse("marketplace:profile_detail", kwargs={"pk": hidden.pk}))
        .content.decode()
    )
    assert OWNER_NAME in html


def test_accepted_expression_of_interest_discloses_the_owner(
    hidden, outsider, other_organisation, api_client
):
    eoi = ExpressionOfInterest.objects.create(
        profile=hidden,
        sender_organisation=other_organisation,
        sender=outsider,
        message="We would like to license it.",
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    assert not owner_disclosed(outsider, hidden)
    eoi.status = ExpressionOfInterest.Status.ACCEPTED
    eoi.save()
    assert owner_disclosed(outsider, hidden)
    listing = api_client(outsider, scope="read").get("/api/v1/profiles").json()
    assert listing["items"][0]["owner"]["name"] == OWNER_NAME
    html = logged_in_client(outsider).get(reverse("marketplace:profile_list")).content.decode()
    assert OWNER_NAME in html


def test_anonymous_profile_in_the_moderation_queue_is_named_to_its_moderator(make_profile, secretariat):
    make_profile(status=Profile.Status.SUBMITTED, anonymous=True)
    html = logged_in_client(secretariat).get(reverse("marketplace:moderation_queue")).content.decode()
    assert OWNER_NAME in html


def test_a_profile_that_is_not_anonymous_names_its_owner(make_profile, anonymous):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    html = anonymous.get(reverse("marketplace:profile_detail", kwargs={"pk": profile.pk})).content.decode()
    assert OWNER_NAME in html
