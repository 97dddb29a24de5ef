"""Matching suggestions: a candidate is shown the placements closest to their project, a host the
applications to it closest to its placement; nobody is shown what they may not open."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from exchanges import services
from matching.services import embedding_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def placements(host_admin, host_organisation, programme):
    today = timezone.localdate()
    made = [
        services.placement_publish(
            actor=host_admin,
            host=host_organisation,
            programme=programme,
            title=title,
            lab=lab,
            supervisor="Dr Kim",
            starts_on=today,
            ends_on=today + datetime.timedelta(days=60),
        )
        for title, lab in (
            ("Antiviral compound screening with plant extracts", "Natural products laboratory"),
            ("Port logistics optimisation", "Operations research unit"),
        )
    ]
    for placement in made:
        # what the background worker does once the transaction commits
        embedding_refresh(kind="exchanges.placement", object_id=placement.pk)
    return made


def test_candidate_sees_the_closest_placement_first(application, colleague, placements):
    page = logged_in_client(colleague).get(
        reverse("exchanges:application_detail", kwargs={"pk": application.pk})
    )
    content = page.content.decode()
    section = content[content.index('id="suggested-placements"') :]
    assert "Antiviral compound screening" in section
    assert "Port logistics" not in section  # not relevant to a medicinal-plant project, so not suggested


def test_host_sees_applications_to_it_for_its_placement_and_an_outsider_nothing(
    application, colleague, host_admin, placements, outsider
):
    services.application_submit(actor=colleague, application=application)
    embedding_refresh(kind="exchanges.application", object_id=application.pk)
    url = reverse("exchanges:placement_detail", kwargs={"pk": placements[0].pk})
    content = logged_in_client(host_admin).get(url).content.decode()
    assert application.reference in content[content.index('id="suggested-applications"') :]
    assert application.reference not in logged_in_client(outsider).get(url).content.decode()
