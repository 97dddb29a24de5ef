"""Choosing organisations by typing (issue 16 item 3): a hub manager logs an interaction, finding the
partner parks by a few letters, picking with the keyboard, removing a chip; then the same field in
Persian, right to left, found by the park's Persian alias. No page breaks the Content-Security-Policy."""

import datetime

import pytest
from playwright.sync_api import expect

from directory.models import Organisation, OrganisationMembership, OrganisationName, Role
from directory.picker import PICK_LIMIT
from directory.search import search_key_for
from hubs import services
from hubs.models import Interaction
from tests.browser.conftest import save_screenshot
from tests.browser.test_account_flows import log_in
from tests.browser.test_csp import LISTEN_FOR_VIOLATIONS
from tests.browser.test_languages import choose_language

pytestmark = pytest.mark.browser


def registered(name: str, *aliases: tuple[str, str], country: str = "IR") -> Organisation:
    """An organisation with the name rows search reads: its display name and any (alias, language)."""
    organisation = Organisation.objects.create(
        name=name, kind=Organisation.Kind.SCIENCE_PARK, country=country
    )
    OrganisationName.objects.create(
        organisation=organisation,
        value=name,
        kind=OrganisationName.Kind.DISPLAY,
        search_key=search_key_for(name),
    )
    for alias, language in aliases:
        OrganisationName.objects.create(
            organisation=organisation,
            value=alias,
            language=language,
            kind=OrganisationName.Kind.ALIAS,
            search_key=search_key_for(alias),
        )
    return organisation


def with_display_names(*organisations: Organisation) -> None:
    """Give organisations made with the ORM the display-name rows the directory's services write, so
    the picker (which searches names) finds them."""
    OrganisationName.objects.bulk_create(
        OrganisationName(
            organisation=organisation,
            value=organisation.name,
            kind=OrganisationName.Kind.DISPLAY,
            search_key=search_key_for(organisation.name),
        )
        for organisation in organisations
    )


def pick_organisation(scope, label: str, name: str) -> None:
    """Choose `name` in the organisation picker labelled `label`, as a person does with the keyboard:
    type the start of the name, then ArrowDown and Enter."""
    combobox = scope.get_by_role("combobox", name=label, exact=True)
    combobox.fill(name[:6])
    option = scope.get_by_role("option", name=name)
    expect(option).to_be_visible()
    wanted = option.get_attribute("id")
    for _step in range(PICK_LIMIT):  # the picker lists at most this many
        combobox.press("ArrowDown")
        if combobox.get_attribute("aria-activedescendant") == wanted:
            break
    expect(combobox).to_have_attribute("aria-activedescendant", wanted or "")
    combobox.press("Enter")
    expect(scope.get_by_role("button", name=f"Remove {name}")).to_be_visible()


@pytest.fixture
def hub_manager(make_user):
    eastaz = registered("East Azerbaijan Science and Technology Park")
    manager = make_user("manager@eastaz-park.example", full_name="Reza Manager")
    OrganisationMembership.objects.create(user=manager, organisation=eastaz, role=Role.ADMIN)
    hub = services.hub_create(
        actor=manager,
        host=eastaz,
        partner_country="CN",
        mandate="Technological interaction with China.",
        designated_by="Ministry of Science, Research and Technology",
        designated_on=datetime.date(2022, 6, 22),
    )
    return manager, hub


def test_manager_picks_partner_parks_by_keyboard_removes_one_and_logs_the_interaction(page, hub_manager):
    manager, hub = hub_manager
    pardis = registered("Pardis Technology Park", ("پارک فناوری پردیس", "fa"))
    qingdao = registered("Qingdao Blue Valley Science Park", ("青岛蓝谷科技园", "zh"), country="CN")
    page.context.add_init_script(LISTEN_FOR_VIOLATIONS)
    log_in(page, manager.email)
    page.goto(f"/hubs/{hub.pk}/interactions/")
    page.get_by_label("What", exact=True).fill("Delegation to Qingdao")
    partners = page.get_by_role("combobox", name="Partner side: organisations")

    # given the manager types a few letters of the first park
    partners.fill("Pard")
    option = page.get_by_role("option", name="Pardis Technology Park")
    expect(option).to_be_visible()
    # when they pick it with the keyboard
    partners.press("ArrowDown")
    expect(partners).to_have_attribute("aria-activedescendant", option.get_attribute("id") or "")
    partners.press("Enter")
    # then it is a chip, and the search box is empty again and keeps the focus
    remove_pardis = page.get_by_role("button", name="Remove Pardis Technology Park")
    expect(remove_pardis).to_be_visible()
    expect(partners).to_have_value("")
    expect(partners).to_be_focused()

    # and a second park, found by its Chinese name
    partners.fill("青岛")
    expect(page.get_by_role("option", name="Qingdao Blue Valley Science Park")).to_be_visible()
    partners.press("ArrowDown")
    partners.press("Enter")
    expect(page.get_by_role("button", name="Remove Qingdao Blue Valley Science Park")).to_be_visible()

    # when the first one is removed again
    remove_pardis.click()
    expect(remove_pardis).to_have_count(0)
    # and the form is sent
    with page.expect_navigation():
        page.get_by_role("button", name="Log the interaction").click()

    # then the interaction names the one park left
    expect(page.get_by_text("The interaction has been logged.")).to_be_visible()
    interaction = Interaction.objects.get(title="Delegation to Qingdao")
    assert list(interaction.partner_organisations.all()) == [qingdao]
    assert pardis not in interaction.partner_organisations.all()
    assert page.evaluate("window.__cspViolations") == []


def test_picker_works_right_to_left_in_persian_by_a_persian_alias(page, hub_manager):
    manager, hub = hub_manager
    registered("Pardis Technology Park", ("پارک فناوری پردیس", "fa"))
    page.context.add_init_script(LISTEN_FOR_VIOLATIONS)
    log_in(page, manager.email)
    choose_language(page, "fa")
    page.goto(f"/hubs/{hub.pk}/interactions/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    partners = page.locator("#id_partner_organisations")
    expect(partners).to_have_attribute("role", "combobox")

    partners.fill("پردیس")
    option = page.get_by_role("option", name="Pardis Technology Park")
    expect(option).to_be_visible()
    expect(option).to_contain_text("پارک فناوری پردیس")  # the alias that matched
    partners.press("ArrowDown")
    partners.press("Enter")

    chip = page.locator("#id_partner_organisations").locator("xpath=..").locator("[data-picker-chip]")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("Pardis Technology Park")
    save_screenshot(page, "organisation-picker-fa")
    assert page.evaluate("window.__cspViolations") == []
