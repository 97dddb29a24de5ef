"""Flow: a member of another organisation expresses interest from an anonymous profile's page, the
owner accepts it, the sender then sees the owner's contacts, and both record what came of it."""

import re

import pytest
from playwright.sync_api import expect

from core.models import Sector
from directory.models import Organisation, OrganisationMembership, Role
from marketplace import services as profile_services
from marketplace.models import EoiOutcome, ExpressionOfInterest
from tests.browser.test_account_flows import log_in, log_out

pytestmark = pytest.mark.browser


def test_partner_sends_eoi_owner_accepts_contacts_shown_and_both_record_outcomes(
    page, owner, park, secretariat, make_user
):
    # given an anonymous profile of the park, published by its network's secretariat
    park.email = "tto@tabriz-park.example"
    park.save(update_fields=["email"])
    sector, _created = Sector.objects.get_or_create(code="agriculture")
    profile = profile_services.profile_create(
        actor=owner,
        owner=park,
        kind="TO",
        title="Drip irrigation controller for saline soils",
        summary="A controller that doses irrigation by soil salinity, halving water use.",
        description="Field-tested on three farms near Lake Urmia; we seek a manufacturer under licence.",
        sectors=[sector],
        partnership_types=["licence"],
        anonymous=True,
    )
    profile_services.profile_submit(actor=owner, profile=profile)
    profile_services.profile_publish(actor=secretariat, profile=profile)
    company = Organisation.objects.create(
        name="Bishkek Agro Systems", kind=Organisation.Kind.COMPANY, country="KG"
    )
    partner = make_user("aibek@bishkek-agro.example", full_name="Aibek Partner")
    OrganisationMembership.objects.create(user=partner, organisation=company, role=Role.ADMIN)

    # when the partner expresses interest from the profile's page
    log_in(page, partner.email)
    page.goto(f"/marketplace/profiles/{profile.pk}/")
    assert page.get_by_text("Tabriz Science Park").count() == 0
    form = page.locator("#eoi-send")
    form.get_by_label("Message").fill("We build irrigation hardware for Central Asia and would license it.")
    form.get_by_label("What we bring").fill("A factory in Bishkek and dealers in five countries.")
    with page.expect_navigation():
        form.get_by_role("button", name="Send expression of interest").click()
    page.wait_for_url(re.compile(r"/marketplace/eois/\d+/$"))
    assert page.locator("#eoi-contacts").count() == 0
    assert page.get_by_text("Tabriz Science Park").count() == 0
    log_out(page)

    # and the owner accepts it from the profile's page
    eoi = ExpressionOfInterest.objects.get()
    log_in(page, owner.email)
    page.goto(f"/marketplace/profiles/{profile.pk}/")
    row = page.locator(f"#eoi-{eoi.pk}")
    expect(row.get_by_text("Bishkek Agro Systems")).to_be_visible()
    row.locator(".eoi-accept textarea").fill("Welcome: let us arrange a visit.")
    with page.expect_navigation():
        row.get_by_role("button", name="Accept").click()
    expect(page.locator("#eoi-contacts").get_by_text(partner.email)).to_be_visible()
    page.locator("#eoi-outcome select[name=outcome-outcome]").select_option("negotiation_started")
    with page.expect_navigation():
        page.locator("#eoi-outcome").get_by_role("button", name="Record the outcome").click()
    log_out(page)

    # then the partner sees the owner and its contacts, and records its own outcome
    log_in(page, partner.email)
    page.goto(f"/marketplace/eois/{eoi.pk}/")
    contacts = page.locator("#eoi-owner-contact")
    expect(contacts.get_by_text("Tabriz Science Park")).to_be_visible()
    expect(contacts.get_by_text("tto@tabriz-park.example")).to_be_visible()
    expect(contacts.get_by_text(owner.email)).to_be_visible()
    expect(page.locator("#eoi-thread").get_by_text("Welcome: let us arrange a visit.")).to_be_visible()
    page.locator("#eoi-outcome select[name=outcome-outcome]").select_option("agreement_signed")
    page.locator("#eoi-outcome select[name=outcome-agreement_type]").select_option("licence")
    with page.expect_navigation():
        page.locator("#eoi-outcome").get_by_role("button", name="Record the outcome").click()

    assert set(EoiOutcome.objects.values_list("organisation__name", "outcome", "agreement_type")) == {
        ("Tabriz Science Park", "negotiation_started", ""),
        ("Bishkek Agro Systems", "agreement_signed", "licence"),
    }
    page.goto("/marketplace/eois/")
    expect(page.locator("#statistic-agreement_signed").get_by_text("1")).to_be_visible()
