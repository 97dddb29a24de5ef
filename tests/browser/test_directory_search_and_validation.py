"""A newcomer's path (issue 16), items 6 and 9, walked in the browser:

- a researcher searching the directory for "AST" finds the organisation called exactly that first, and
  finds Turkmen organisations by their city written in Russian;
- a park's manager writing a profile is told at the field that its deadline cannot be in the past, by
  the browser and, when the browser's check is skipped, by the server, which saves nothing."""

import datetime

import pytest
from playwright.sync_api import expect

from directory.models import Organisation
from directory.services import organisation_create
from marketplace.models import Profile
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_a_researcher_finds_the_exact_name_first_and_a_city_in_another_script(page, make_user):
    researcher = make_user("researcher@almaty-university.example")
    for name, city, country in (
        ("Astana Hub", "Astana", "KZ"),
        ("Eastern Astrophysics Institute", "Almaty", "KZ"),
        ("AST", "Tashkent", "UZ"),
        ("Turkmen Technopark", "Ashgabat", "TM"),
    ):
        organisation_create(
            creator=researcher,
            name=name,
            name_language="en",
            kind=Organisation.Kind.OTHER,
            country=country,
            city=city,
        )

    log_in(page, researcher.email)
    page.goto("/organisations/?q=AST")
    first = page.locator("#organisation-results li").first
    expect(first).to_contain_text("AST")
    expect(first).not_to_contain_text("Astana")

    page.goto("/organisations/?q=Ашхабад")
    expect(page.locator("#organisation-results")).to_contain_text("Turkmen Technopark")


def test_a_profile_deadline_in_the_past_is_refused_at_the_field(page, owner):
    log_in(page, owner.email)
    page.goto("/marketplace/profiles/new/")
    form = page.locator("#profile-form")
    form.locator("select[name=kind]").select_option("TO")
    form.locator("input[name=title]").fill("Solar drip irrigation controller")
    form.locator("textarea[name=summary]").fill("A controller that cuts orchard water use by a third.")
    form.locator("textarea[name=description]").fill("Tested on pistachio orchards by the park's laboratory.")
    form.get_by_label("Agriculture and food").check()
    deadline = form.locator("input[name=deadline]")
    deadline.fill((datetime.date.today() - datetime.timedelta(days=30)).isoformat())

    # the browser refuses it before sending
    assert deadline.evaluate("field => field.validity.rangeUnderflow")

    # and so does the server, saving nothing, when the browser's check is skipped
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The deadline cannot be in the past.")).to_be_visible()
    assert not Profile.objects.exists()
