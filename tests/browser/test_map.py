"""The offline map: a person opens it, sees the world's countries drawn from the shipped boundaries
and a dot per organisation they may see, and follows a dot to its organisation. The page fixture fails
the test if anything is requested from a host other than 127.0.0.1."""

import pytest
from playwright.sync_api import expect

from directory.models import Organisation
from tests.browser.conftest import save_screenshot
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_map_draws_countries_and_a_dot_per_visible_organisation_and_dots_link_to_them(page, outsider):
    tabriz = Organisation.objects.create(
        name="East Azerbaijan Science and Technology Park",
        kind=Organisation.Kind.SCIENCE_PARK,
        country="IR",
        city="Tabriz",
        latitude=38.08,
        longitude=46.29,
    )
    Organisation.objects.create(
        name="Pangyo Techno Valley", kind="innovation_zone", country="KR", latitude=37.4, longitude=127.1
    )
    Organisation.objects.create(
        name="Dormant Incubator",
        kind="incubator",
        country="TM",
        latitude=37.9,
        longitude=58.4,
        status="inactive",
    )

    log_in(page, outsider.email)
    page.goto("/organisations/map/")
    page.wait_for_selector("#organisation-map[data-ready=true]")

    assert page.locator("#organisation-map svg path.map-country").count() > 150
    dots = page.locator("#organisation-map svg a.map-point")
    assert sorted(dots.evaluate_all("links => links.map(link => link.getAttribute('aria-label'))")) == [
        "East Azerbaijan Science and Technology Park",
        "Pangyo Techno Valley",
    ]
    assert "Organisations on the map: 2." in page.locator("#organisation-map-status").inner_text()
    save_screenshot(page, "organisation-map")

    page.locator("#map-filters select[name=country]").select_option("IR")
    with page.expect_navigation():
        page.locator("#map-filters button[type=submit]").click()
    page.wait_for_selector("#organisation-map[data-ready=true]")
    assert page.locator("#organisation-map svg a.map-point").count() == 1
    # filtered: the map zooms from the whole world (960 wide) to the results around Tabriz
    assert page.locator("#organisation-map").get_attribute("data-zoomed") == "true"
    x, _y, width, _height = map(float, page.locator("#organisation-map svg").get_attribute("viewBox").split())
    assert width < 960 / 10 and x < (46.29 + 180) / 360 * 960 < x + width

    with page.expect_navigation():
        page.locator(f'#organisation-map a.map-point[href="/organisations/{tabriz.pk}/"] circle').click(
            force=True
        )
    expect(page.get_by_role("heading", name="East Azerbaijan Science and Technology Park")).to_be_visible()
