"""The profile form's "selected organisations" use the organisation picker (issue 16 item 3): the page
stays small with thousands of organisations and the picks survive a refused submit."""

import html

from django.urls import reverse

from conftest import logged_in_client
from directory.models import Organisation
from marketplace.models import Profile


def test_profile_form_stays_small_with_3000_organisations(owner):
    Organisation.objects.bulk_create(
        Organisation(name=f"Компания высоких технологий номер {number}", kind="company", country="KZ")
        for number in range(3000)
    )
    response = logged_in_client(owner).get(reverse("marketplace:profile_create"))

    assert response.status_code == 200
    assert 'data-picker-name="visible_to"' in response.text
    assert "номер 1234" not in response.text
    assert len(response.content) < 60_000


def test_selected_organisations_stay_selected_when_the_profile_is_refused(owner, park, other_organisation):
    # the partnership kinds and sectors are missing, so the form comes back
    response = logged_in_client(owner).post(
        reverse("marketplace:profile_create"),
        {
            "owner": park.pk,
            "kind": "TO",
            "title": "Robot arm",
            "summary": "A summary.",
            "description": "A description.",
            "visibility": "selected",
            "visible_to": [other_organisation.pk],
        },
    )

    assert response.status_code == 200 and not Profile.objects.exists()
    assert f'name="visible_to" value="{other_organisation.pk}" checked' in response.text
    assert html.escape(other_organisation.name) in response.text
