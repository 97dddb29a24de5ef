"""A logged-in person searches the directory in three scripts, then opens a result and sees its names
and where it sits in its hierarchy."""

import pytest
from playwright.sync_api import expect

from directory import services
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_person_searches_in_three_scripts_and_opens_an_organisation(page, make_user):
    curator = make_user("curator@registry.example")
    person = make_user("reader@registry.example")

    def register(name, kind, country, language, label, label_language):
        organisation = services.organisation_create(
            creator=curator, name=name, kind=kind, country=country, name_language=language
        )
        services.organisation_name_add(
            actor=curator, organisation=organisation, value=label, language=label_language, kind="label"
        )
        return organisation

    perm = register(
        "Perm State University", "university", "RU", "en", "Пермский государственный университет", "ru"
    )
    pardis = register("Pardis Technology Park", "science_park", "IR", "en", "پارک علم و فناوری پردیس", "fa")
    qingdao = register("青岛大学", "university", "CN", "zh", "Qingdao University", "en")
    institute = register(
        "Perm Institute of Mechanics", "research_institute", "RU", "en", "Институт механики", "ru"
    )
    lab = register(
        "Perm Robotics Laboratory", "research_institute", "RU", "en", "Лаборатория робототехники", "ru"
    )
    services.organisation_relationship_add(actor=curator, organisation=perm, other=institute, kind="child")
    services.organisation_relationship_add(actor=curator, organisation=institute, other=lab, kind="child")

    # given a logged-in person on the directory page
    log_in(page, person.email)
    page.get_by_role("link", name="Directory").first.click()
    search = page.get_by_role("searchbox", name="Search")
    results = page.locator("#organisation-results")

    # when they search in Cyrillic, Persian and Chinese, they find the organisations with such names
    for query, expected, unexpected in (
        ("Пермский", perm, qingdao),
        ("پارک علم و فناوری", pardis, perm),
        ("青岛", qingdao, pardis),
    ):
        search.fill(query)
        with page.expect_response(lambda response: "/organisations/?" in response.url):
            page.get_by_role("button", name="Search").click()
        # the page first lists every organisation, so wait for the swap to drop the one that does not match
        expect(results.locator(f"#result-{unexpected.pk}")).to_have_count(0)
        expect(results.locator(f"#result-{expected.pk}")).to_have_count(1)

    # then they open the institute and see its names and its place in the hierarchy
    search.fill("Институт механики")
    page.get_by_role("button", name="Search").click()
    with page.expect_navigation():
        results.get_by_role("link", name="Perm Institute of Mechanics").click()
    names = page.locator("#names")
    expect(names.get_by_text("Институт механики")).to_be_visible()
    expect(names.get_by_text("Perm Institute of Mechanics")).to_be_visible()
    hierarchy = page.locator("#hierarchy")
    expect(hierarchy.locator(".ancestors").get_by_role("link", name="Perm State University")).to_be_visible()
    expect(
        hierarchy.locator("#descendants").get_by_role("link", name="Perm Robotics Laboratory")
    ).to_be_visible()
