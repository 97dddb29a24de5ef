"""Issue 16 item 7: a profile returned with comments, or published, tells the people of its owner
organisation (in their language, with the comments), and nobody else."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.models import Notification
from marketplace import services
from marketplace.models import Profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_immediately")]

RETURNED = "Your profile “{title}” ({reference}) was returned to you with the moderator's comments."
PUBLISHED = "Your profile “{title}” ({reference}) is published in the marketplace."


def _in(language, sentence, profile):
    with translation.override(language):
        return gettext(sentence).format(title=profile.title, reference=profile.reference)


def test_returned_profile_tells_its_people_with_the_comments(
    make_profile, owner, colleague, secretariat, outsider
):
    colleague.preferred_language = "fa"
    colleague.save(update_fields=["preferred_language"])
    profile = make_profile(status=Profile.Status.SUBMITTED)
    with translation.override("en"):
        services.profile_return(actor=secretariat, profile=profile, comments="Name the licence terms.")
    returned = Notification.objects.filter(topic="marketplace.profile_returned")
    assert set(returned.values_list("recipient__email", flat=True)) == {owner.email, colleague.email}
    persian = returned.get(recipient=colleague)
    assert persian.subject == _in("fa", RETURNED, profile)
    assert persian.body == "Name the licence terms."
    assert persian.url == reverse("marketplace:profile_detail", kwargs={"pk": profile.pk})
    assert not Notification.objects.filter(recipient__in=[secretariat, outsider]).exists()


def test_published_profile_tells_its_people(make_profile, owner, colleague, secretariat, outsider):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    published = Notification.objects.filter(topic="marketplace.profile_published")
    assert set(published.values_list("recipient__email", flat=True)) == {owner.email, colleague.email}
    assert published.get(recipient=owner).subject == _in("en", PUBLISHED, profile)
    assert not Notification.objects.filter(recipient__in=[secretariat, outsider]).exists()


def test_a_refused_moderation_notifies_nobody(make_profile, owner, outsider):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.profile_return(actor=outsider, profile=profile, comments="Not mine to judge.")
    assert not Notification.objects.filter(topic="marketplace.profile_returned").exists()
