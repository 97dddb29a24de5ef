"""A Persian-speaking park manager finds an English offer by searching in Persian, and sees it among
her request's matches on the request's page."""

import pytest

from directory.models import Organisation, OrganisationMembership, Role
from marketplace import services
from marketplace.models import Profile
from marketplace.tests.conftest import profile_arguments
from marketplace.tests.test_matching import BACKGROUND, ENGLISH_OFFER, PERSIAN_REQUEST, UNRELATED_OFFERS
from networks.models import NetworkMembership
from tests.browser.test_account_flows import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_matching")]


def _publish(actor, organisation, secretariat, **overrides):
    profile = services.profile_create(actor=actor, owner=organisation, **profile_arguments(**overrides))
    profile = services.profile_submit(actor=actor, profile=profile)
    return services.profile_publish(actor=secretariat, profile=profile)


def test_search_in_persian_finds_the_english_offer_and_the_request_lists_it(
    page, owner, park, network, secretariat, make_user
):
    # given an English offer from a Turkish park of the same network, and an unrelated one
    seller_park = Organisation.objects.create(
        name="Ankara Teknokent", kind=Organisation.Kind.SCIENCE_PARK, country="TR", city="Ankara"
    )
    NetworkMembership.objects.create(
        network=network, member=seller_park, status=NetworkMembership.Status.ACTIVE
    )
    seller = make_user("seller@teknokent.example")
    OrganisationMembership.objects.create(user=seller, organisation=seller_park, role=Role.ADMIN)
    # a marketplace of other topics in other languages around them, as the engine meets in use
    agency = Organisation.objects.create(
        name="Silk Road Services", kind=Organisation.Kind.COMPANY, country="KZ"
    )
    NetworkMembership.objects.create(network=network, member=agency, status=NetworkMembership.Status.ACTIVE)
    author = make_user("author@silkroad-services.example")
    OrganisationMembership.objects.create(user=author, organisation=agency, role=Role.ADMIN)
    for language, title, summary in BACKGROUND:
        _publish(
            author,
            agency,
            secretariat,
            kind=Profile.Kind.BUSINESS_OFFER,
            title=title,
            summary=summary,
            description=summary,
            language=language,
        )
    offer = _publish(seller, seller_park, secretariat, **ENGLISH_OFFER)
    _publish(seller, seller_park, secretariat, **UNRELATED_OFFERS[0])
    request = _publish(
        owner, park, secretariat, **PERSIAN_REQUEST, visibility=Profile.Visibility.NETWORK_MEMBERS
    )

    # when the owner searches offers in Persian from the marketplace
    log_in(page, owner.email)
    page.goto("/marketplace/")
    page.locator("#multilingual-search-link").click()
    page.locator("#search-q").fill("آبیاری قطره‌ای باغ")
    page.locator("#search-kind").select_option("TO")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()

    # then the English offer comes first, marked as English and as a match in words, not a number
    first = page.locator("#search-results li").first
    assert offer.title in first.inner_text()
    assert "English" in first.inner_text()
    assert "match" in first.inner_text()
    assert "relevant profile" in page.locator("#search-count").inner_text()

    # and her request's page lists the offer among its matches, with its reasons
    page.goto(f"/marketplace/profiles/{request.pk}/")
    matches = page.locator(f"#profile-matches-{request.pk}")
    matches.wait_for()
    assert offer.title in matches.locator("li").first.inner_text()
    assert "Closest passage" in matches.inner_text()
