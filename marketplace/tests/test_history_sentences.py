"""A profile's history reads as whole sentences in the reader's language (marketplace/history.py)."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from conftest import logged_in_client
from marketplace import services
from marketplace.history import HISTORY_SENTENCES
from marketplace.models import Profile, ProfileEvent

pytestmark = pytest.mark.django_db
# A code as services record it, e.g. `open_for_eoi`, `eoi_received`.
CODE = re.compile(r"\b[a-z]{2,}(?:_[a-z]{2,})+\b")


def _history_table(page: str) -> str:
    start = page.index('id="profile-history"')
    return page[start : page.index("</section>", start)]


def test_every_step_the_marketplace_records_has_its_own_sentence(make_profile, owner):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    services.profile_set_open_for_eoi(actor=owner, profile=profile, open_for_eoi=False)
    services.profile_update(actor=owner, profile=profile, title="Drip irrigation controller, second model")
    recorded = set(ProfileEvent.objects.values_list("action", flat=True))
    assert recorded <= set(HISTORY_SENTENCES)


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_profile_history_speaks_in_sentences_without_codes(make_profile, owner, language):
    # given a published profile, closed to expressions of interest and retitled by its owner
    profile = make_profile(status=Profile.Status.PUBLISHED)
    services.profile_set_open_for_eoi(actor=owner, profile=profile, open_for_eoi=False)
    services.profile_update(actor=owner, profile=profile, title="Drip irrigation controller, second model")
    client = logged_in_client(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    # when the owner reads the profile's history
    table = _history_table(client.get(f"/marketplace/profiles/{profile.pk}/").content.decode())

    # then every step is its type's sentence in their language, and no code shows
    with translation.override(language):
        closed = str(HISTORY_SENTENCES["close_for_eoi"]) % {"actor": owner.get_full_name()}
        title = str(Profile._meta.get_field("title").verbose_name)
    assert closed in table
    assert title in table
    visible = re.sub(r"<[^>]+>", " ", table)
    assert CODE.findall(visible) == []
    for code in ("close_for_eoi", "update", "submit", "publish"):
        assert f">{code}<" not in table
    if language == "en":
        assert "Owner Parvin closed the profile for expressions of interest." in visible
        assert "Owner Parvin edited the profile: title." in visible
