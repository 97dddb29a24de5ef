import pytest

from accounts.models import User
from core.models import AuditEvent
from demo.marketplace import PROFILES, demo_marketplace_load
from directory.models import Organisation
from marketplace.models import Profile
from marketplace.selectors import owner_disclosed, profiles_search

# The demo that load_demo creates (the marketplace's profiles among it), loaded once for the session
# (conftest.py `demo`).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _load_again() -> list[str]:
    return demo_marketplace_load(
        organisations_by_name={
            organisation.name: organisation for organisation in Organisation.objects.all()
        },
        users_by_email={user.email: user for user in User.objects.all()},
    )


def test_demo_marketplace_has_forty_profiles_of_every_kind_in_six_languages():
    profiles = Profile.objects.all()
    assert profiles.count() >= 40
    assert profiles.count() == len(PROFILES)
    assert set(profiles.values_list("kind", flat=True)) == set(Profile.Kind.values)
    detected = set(profiles.values_list("detected_language", flat=True)) - {""}
    assert len(detected) >= 6
    assert {"en", "ru", "tr", "fa", "zh", "ko", "kk", "uz", "tk", "az"} <= detected


def test_demo_marketplace_goes_through_the_workflow():
    published = Profile.objects.filter(status=Profile.Status.PUBLISHED)
    assert published.count() >= 35
    assert not published.filter(published_at__isnull=True).exists()
    assert not published.filter(expires_at__isnull=True).exists()
    assert Profile.objects.filter(status=Profile.Status.SUBMITTED).exists()  # the moderation queue has work
    assert Profile.objects.filter(status=Profile.Status.DRAFT).exists()
    for profile in published:
        assert list(profile.history.values_list("action", flat=True)) == ["create", "submit", "publish"]
    assert Profile.objects.filter(anonymous=True, status=Profile.Status.PUBLISHED).count() >= 3
    assert Profile.objects.filter(visibility=Profile.Visibility.NETWORK_MEMBERS).count() >= 2
    assert Profile.objects.filter(visibility=Profile.Visibility.SELECTED, visible_to__isnull=False).exists()
    for profile in published:
        assert 1 <= profile.sectors.count() <= 5
        assert 1 <= profile.partnership_types.count() <= 3


def test_demo_outsider_never_learns_who_owns_an_anonymous_profile():
    outsider = User.objects.get(email="outsider@demo.parklink.org")

    found = list(profiles_search(outsider))
    anonymous = [profile for profile in found if profile.anonymous]
    assert anonymous
    assert not any(owner_disclosed(outsider, profile) for profile in anonymous)
    assert not any(profile.visibility == Profile.Visibility.NETWORK_MEMBERS for profile in found)


def test_second_run_creates_nothing():
    profiles, events = Profile.objects.count(), AuditEvent.objects.count()

    assert _load_again() == []

    assert Profile.objects.count() == profiles
    assert AuditEvent.objects.count() == events
