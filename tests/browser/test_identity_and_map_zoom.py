"""Issue 16, items 9 and 12 through the browser: a researcher filters the map to one country and it zooms
to that country's organisations; an organisation shows its logo, website and contact person to whom may
see them, on its page and on its marketplace profiles; and the membership invoice a member downloads
carries the bank details the network's secretariat set."""

import io
from decimal import Decimal

import pytest
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from directory.models import Organisation, OrganisationMembership, Role
from marketplace import services as profile_services
from marketplace.tests.conftest import profile_arguments
from networks import services as network_services
from networks.models import MembershipCategory, NetworkMembership
from tests.browser.test_account_flows import log_in, log_out

pytestmark = pytest.mark.browser

WORLD_WIDTH, WORLD_HEIGHT = 960, 480
WEBSITE = "https://tabriz-park.example"
CONTACT_NAME = "Leyla Ahmadi"
CONTACT_EMAIL = "leyla@tabriz-park.example"
BANK_NAME = "Bank Melli Iran, Tabriz branch"
ACCOUNT_NUMBER = "IR820540102680020817909002"


def _svg_box(page) -> list[float]:
    return [float(value) for value in page.locator("#organisation-map svg").get_attribute("viewBox").split()]


def _dot_centres(page) -> list[tuple[float, float]]:
    centres = page.locator("#organisation-map svg a.map-point circle").evaluate_all(
        "dots => dots.map(dot => [Number(dot.getAttribute('cx')), Number(dot.getAttribute('cy'))])"
    )
    return [(x, y) for x, y in centres]


def test_researcher_filters_the_map_to_one_country_and_it_zooms_to_its_organisations(page, outsider):
    # given organisations in Iran and one in Korea, with coordinates
    for name, latitude, longitude in (
        ("East Azerbaijan Science and Technology Park", 38.08, 46.29),
        ("Isfahan Science and Technology Town", 32.65, 51.67),
    ):
        Organisation.objects.create(
            name=name,
            kind=Organisation.Kind.SCIENCE_PARK,
            country="IR",
            latitude=latitude,
            longitude=longitude,
        )
    Organisation.objects.create(
        name="Pangyo Techno Valley", kind="innovation_zone", country="KR", latitude=37.4, longitude=127.1
    )

    # the researcher opens the map: the whole world, not zoomed
    log_in(page, outsider.email)
    page.goto("/organisations/map/")
    page.wait_for_selector("#organisation-map[data-ready=true]")
    assert _svg_box(page) == [0, 0, WORLD_WIDTH, WORLD_HEIGHT]
    assert page.locator("#organisation-map").get_attribute("data-zoomed") is None
    assert len(_dot_centres(page)) == 3

    # when they filter it to Iran
    page.locator("#map-filters select[name=country]").select_option("IR")
    with page.expect_navigation():
        page.locator("#map-filters button[type=submit]").click()
    page.wait_for_selector("#organisation-map[data-ready=true]")

    # then the map is zoomed to a part of the world that holds both Iranian organisations' dots
    assert page.locator("#organisation-map").get_attribute("data-zoomed") == "true"
    x, y, width, height = _svg_box(page)
    assert width < WORLD_WIDTH / 4 and height < WORLD_HEIGHT / 4
    centres = _dot_centres(page)
    assert len(centres) == 2
    for cx, cy in centres:
        assert x < cx < x + width and y < cy < y + height
    # and Korea, not asked for, lies outside it
    korea_x = (127.1 + 180) / 360 * WORLD_WIDTH
    assert not x < korea_x < x + width


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (31, 78, 121)).save(buffer, format="PNG")
    return buffer.getvalue()


def _logo_shown(page, selector: str) -> bool:
    logo = page.locator(selector)
    expect(logo).to_be_visible()
    return bool(logo.evaluate("image => image.complete && image.naturalWidth > 0"))


def test_logo_website_and_contact_are_shown_to_whom_may_see_them_on_the_page_and_profile(
    page, owner, park, network, secretariat, outsider, make_user
):
    # given a peer: the admin of another member of the park's network
    peer_park = Organisation.objects.create(
        name="Khujand Technopark", kind=Organisation.Kind.SCIENCE_PARK, country="TJ", city="Khujand"
    )
    NetworkMembership.objects.create(
        network=network, member=peer_park, status=NetworkMembership.Status.ACTIVE
    )
    peer = make_user("peer@khujand-technopark.example", full_name="Peer Farrukh")
    OrganisationMembership.objects.create(user=peer, organisation=peer_park, role=Role.ADMIN)

    # when the park's owner gives it a logo, a website and a contact person for its networks' members
    log_in(page, owner.email)
    page.goto(f"/organisations/{park.pk}/edit/")
    form = page.locator("#edit-organisation")
    form.locator("input[name=logo]").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": _png()}
    )
    form.locator("[name=website]").fill(WEBSITE)
    form.locator("[name=contact_name]").fill(CONTACT_NAME)
    form.locator("[name=contact_role]").fill("International relations")
    form.locator("[name=contact_email]").fill(CONTACT_EMAIL)
    form.locator("select[name=contact_visibility]").select_option("network_members")
    with page.expect_navigation():
        form.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/organisations/{park.pk}/")

    # then its page shows them to the owner
    assert _logo_shown(page, "#organisation-logo")
    expect(page.locator(f'main a[href="{WEBSITE}"]')).to_be_visible()
    expect(page.locator("#contact-person")).to_contain_text(CONTACT_NAME)

    # and a published marketplace profile of the park carries them too
    profile = profile_services.profile_create(actor=owner, owner=park, **profile_arguments())
    profile_services.profile_submit(actor=owner, profile=profile)
    profile_services.profile_publish(actor=secretariat, profile=profile)
    log_out(page)

    # a peer of the network sees the logo, website and contact person, on the page and the profile
    log_in(page, peer.email)
    page.goto(f"/organisations/{park.pk}/")
    assert _logo_shown(page, "#organisation-logo")
    expect(page.locator("#contact-person")).to_contain_text(CONTACT_EMAIL)
    page.goto(f"/marketplace/profiles/{profile.pk}/")
    assert _logo_shown(page, "#owner-logo")
    expect(page.locator(f'#owner-identity a[href="{WEBSITE}"]')).to_be_visible()
    expect(page.locator("main")).to_contain_text(CONTACT_NAME)
    log_out(page)

    # an outsider, in none of the park's networks, sees the logo and website but not the contact person
    log_in(page, outsider.email)
    page.goto(f"/organisations/{park.pk}/")
    assert _logo_shown(page, "#organisation-logo")
    expect(page.locator(f'main a[href="{WEBSITE}"]')).to_be_visible()
    expect(page.locator("#contact-person")).to_have_count(0)
    page.goto(f"/marketplace/profiles/{profile.pk}/")
    assert _logo_shown(page, "#owner-logo")
    expect(page.locator(f'#owner-identity a[href="{WEBSITE}"]')).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(CONTACT_NAME)
    log_out(page)

    # and so does an anonymous visitor
    page.goto(f"/organisations/{park.pk}/")
    assert _logo_shown(page, "#organisation-logo")
    expect(page.locator(f'main a[href="{WEBSITE}"]')).to_be_visible()
    expect(page.locator("#contact-person")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(CONTACT_NAME)


def test_invoice_a_member_downloads_carries_the_bank_details_the_secretariat_set(
    page, owner, park, network, secretariat, tmp_path
):
    # given the park applied and the secretariat approved it, which issued its invoice
    NetworkMembership.objects.filter(member=park).delete()
    full_member = MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200"), currency="EUR", term_months=12
    )
    membership = network_services.membership_apply(
        actor=owner, network=network, member=park, category=full_member
    )
    network_services.membership_approve(actor=secretariat, membership=membership, category=full_member)

    # when the secretariat sets the network's bank details on its page
    log_in(page, secretariat.email)
    page.goto(f"/networks/{network.pk}/")
    settings_form = page.locator("#network-settings")
    settings_form.locator("[name=bank_name]").fill(BANK_NAME)
    settings_form.locator("[name=account_holder]").fill("Silk Road Science Parks Association")
    settings_form.locator("[name=account_number]").fill(ACCOUNT_NUMBER)
    with page.expect_navigation():
        settings_form.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("The network settings have been saved.")).to_be_visible()
    log_out(page)

    # and the park's owner downloads the invoice from the membership's page
    log_in(page, owner.email)
    page.goto(f"/networks/memberships/{membership.pk}/")
    invoice_link = page.locator("#invoices a").first
    with page.expect_download() as download_info:
        invoice_link.click()
    path = tmp_path / "invoice.pdf"
    download_info.value.save_as(path)

    # then the invoice carries the bank's name and the account number
    text = " ".join(page_.extract_text() for page_ in PdfReader(path).pages)
    text = " ".join(text.split())
    assert BANK_NAME in text
    assert ACCOUNT_NUMBER in text
