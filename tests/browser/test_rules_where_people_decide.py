"""Rules are shown and enforced where the person decides (issue 16, item 6), walked in the browser by
the persona concerned: a researcher from a Tashkent park reads an Uzbekistan → Korea call's rules, is
offered only the kinds of mobility it funds, and has a twelve-month stay refused at the field, both by
the browser and by the server, with nothing saved; a park's manager applying to a network that offers
membership categories is refused without one, beside the field, and once the application is sent the
network's page shows its status instead of the form."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import Application
from exchanges.tests.conftest import open_call
from networks.models import MembershipCategory, NetworkMembership
from tests.browser.test_account_flows import log_in
from tests.browser.test_organisation_picker import pick_organisation, with_display_names

pytestmark = pytest.mark.browser


@pytest.fixture
def uz_to_kr_call(secretariat, network):
    """Uzbekistan → Korea only, one to six months, researchers, staff and students (no experts)."""
    programme = services.programme_create(
        actor=secretariat,
        network=network,
        title="Tashkent-Suwon Bio Fellowships",
        mobilities_per_year=4,
        min_duration=1,
        max_duration=6,
        participant_types=["researcher", "staff", "student"],
        direction="one_way",
        sending_countries=["UZ"],
        host_countries=["KR"],
    )
    return open_call(secretariat, programme, title="Bio Fellowships 2026")


@pytest.fixture
def korean_host(db):
    host = Organisation.objects.create(
        name="Gyeonggi Bio Center", kind=Organisation.Kind.TECHNOLOGY_CENTRE, country="KR", city="Suwon"
    )
    with_display_names(host)
    return host


@pytest.fixture
def tashkent_researcher(make_user):
    park = Organisation.objects.create(
        name="Tashkent Pharma Park", kind=Organisation.Kind.SCIENCE_PARK, country="UZ", city="Tashkent"
    )
    with_display_names(park)
    user = make_user("dilnoza@tashkent-pharma.example", full_name="Dilnoza Karimova")
    OrganisationMembership.objects.create(user=user, organisation=park, role=Role.MEMBER)
    return user


@pytest.fixture
def bishkek_manager(make_user):
    park = Organisation.objects.create(
        name="Bishkek Hi-Tech Park", kind=Organisation.Kind.SCIENCE_PARK, country="KG", city="Bishkek"
    )
    user = make_user("aibek@bishkek-htp.example", full_name="Aibek Manager")
    OrganisationMembership.objects.create(user=user, organisation=park, role=Role.ADMIN)
    return user, park


def _save(page, form):
    with page.expect_navigation():
        form.get_by_role("button", name="Save the draft").click()


def _group_of(field):
    """The block that holds a field, its label, its help and its errors."""
    return field.locator("xpath=ancestor::div[contains(@class, 'mb-3')][1]")


def test_researcher_sees_the_calls_rules_and_a_twelve_month_stay_is_refused_at_the_field(
    page, uz_to_kr_call, korean_host, tashkent_researcher
):
    # given Dilnoza, a researcher of a Tashkent park, opens the call
    log_in(page, tashkent_researcher.email)
    page.goto(f"/exchanges/calls/{uz_to_kr_call.pk}/")

    # then the call page names the countries, the length of stay and who may go
    expect(page.locator("#rule-home-countries")).to_have_text("Applicants from organisations in: Uzbekistan.")
    expect(page.locator("#rule-host-countries")).to_have_text("Hosts in: South Korea.")
    expect(page.locator("#rule-direction")).to_contain_text("sending countries to the host countries")
    expect(page.locator("#rule-duration")).to_have_text("Length of stay: from 1 to 6 months.")
    expect(page.locator("#rule-participants")).to_have_text("Who may go: Researcher, Staff, Student.")
    assert "Countries: any" not in page.locator("main").inner_text()

    # when she opens the application form, it offers only the kinds of mobility the programme funds
    with page.expect_navigation():
        page.locator("#call-apply").click()
    form = page.locator("#application-form")
    going_as = form.get_by_label("I go as")
    values = going_as.locator("option").evaluate_all("options => options.map(o => o.value)")
    offered = [value for value in values if value]
    assert offered == ["researcher", "staff", "student"]
    assert "Expert" not in going_as.inner_text()
    expect(_group_of(form.get_by_label("Length of stay"))).to_contain_text("From 1 to 6 months.")

    # and she fills it in for a twelve-month stay
    form.get_by_label("I apply from").select_option(label="Tashkent Pharma Park")
    pick_organisation(form, "Host organisation", "Gyeonggi Bio Center")
    going_as.select_option("researcher")
    form.get_by_label("Career stage").select_option("r2")
    stay = form.get_by_label("Length of stay")
    stay.fill("12")
    form.get_by_label("Project summary").fill("Screening of Central Asian medicinal plants for antivirals.")

    # then the browser already marks the field as out of range
    assert stay.evaluate("el => el.validity.rangeOverflow") is True
    assert stay.evaluate("el => el.checkValidity()") is False
    assert stay.evaluate("el => el.validationMessage") != ""

    # and with the browser's check off, the server refuses it beside the field and saves nothing
    form.evaluate("f => { f.noValidate = true; }")
    _save(page, form)
    form = page.locator("#application-form")
    stay = form.get_by_label("Length of stay")
    expect(_group_of(stay).locator(".invalid-feedback")).to_contain_text("6")
    assert stay.get_attribute("aria-invalid") == "true"
    assert not Application.objects.exists()

    # when she corrects it to three months, the draft is saved
    stay.fill("3")
    _save(page, form)
    application = Application.objects.get()
    assert application.duration == 3

    # and changing the saved draft to twelve months is refused too, leaving the draft as it was
    form = page.locator("#application-form")
    form.get_by_label("Length of stay").fill("12")
    form.evaluate("f => { f.noValidate = true; }")
    _save(page, form)
    stay = page.locator("#application-form").get_by_label("Length of stay")
    expect(_group_of(stay).locator(".invalid-feedback")).to_contain_text("6")
    application.refresh_from_db()
    assert application.duration == 3


def test_park_manager_must_choose_a_category_and_then_sees_the_status_not_the_form(
    page, network, bishkek_manager
):
    manager, bishkek = bishkek_manager
    associate = MembershipCategory.objects.create(
        network=network, name="Associate member", annual_fee=Decimal("600"), currency="EUR", term_months=12
    )
    MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200"), currency="EUR", term_months=12
    )

    # given the manager of a Bishkek park opens the network's page
    log_in(page, manager.email)
    page.goto(f"/networks/{network.pk}/")
    apply = page.locator("#apply")
    expect(apply).to_be_visible()

    # when they apply without choosing a category (and without a message, which is optional)
    apply.locator("select[name=member]").select_option(str(bishkek.pk))
    category = apply.locator("select[name=category]")
    assert category.input_value() == ""
    with page.expect_navigation():
        apply.get_by_role("button", name="Apply").click()

    # then they are refused beside the category, and nothing is saved
    apply = page.locator("#apply")
    category = apply.locator("select[name=category]")
    expect(_group_of(category).locator(".invalid-feedback")).to_have_text("This field is required.")
    assert category.get_attribute("aria-invalid") == "true"
    message = apply.locator("textarea[name=message]")
    expect(_group_of(message).locator(".invalid-feedback")).to_have_count(0)
    assert not NetworkMembership.objects.filter(network=network, member=bishkek).exists()

    # when they choose a category and apply again
    category.select_option(str(associate.pk))
    with page.expect_navigation():
        apply.get_by_role("button", name="Apply").click()
    membership = NetworkMembership.objects.get(network=network, member=bishkek)
    assert membership.category == associate
    assert page.locator("#membership-status").inner_text() == "Applied"

    # then the network's page shows the application's status, and no longer the form
    page.goto(f"/networks/{network.pk}/")
    expect(page.locator(f"#own-membership-{membership.pk}")).to_contain_text("Bishkek Hi-Tech Park: Applied")
    expect(page.locator("#apply")).to_have_count(0)
    expect(page.get_by_role("heading", name="Apply for membership")).to_have_count(0)
