"""Seed 001 end to end: the East Azerbaijan Science and Technology Park opens its hub for China, logs a
delegation visit, registers and announces a need, drafts the memorandum with the SCO economic and trade
cooperation town, both parties approve it, a change voids the approvals, both approve again and it is
signed — the programme's KPI moves, and the country briefing PDF shows the signed memorandum."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from directory.models import Organisation, OrganisationMembership, Role
from hubs.models import Agreement, Hub, Need
from tests.browser.conftest import save_screenshot
from tests.browser.test_account_flows import log_in, log_out
from tests.browser.test_organisation_picker import pick_organisation, with_display_names

pytestmark = pytest.mark.browser

MOU_TITLE = "Memorandum of cooperation with the SCO Economic and Trade Cooperation Town"


def _submit(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def _approve(page, agreement_pk: int, party: str) -> None:
    page.goto(f"/hubs/agreements/{agreement_pk}/")
    _submit(page, page.get_by_role("button", name=f"Approve for {party}"))
    expect(page.get_by_text("Your approval of this version of the text has been recorded.")).to_be_visible()


def test_seed_001_hub_need_mou_kpi_and_briefing(page, make_user):
    # given the park, its admin, a park taking part in the desk, and the Chinese partner with its admin
    eastaz = Organisation.objects.create(
        name="East Azerbaijan Science and Technology Park",
        kind=Organisation.Kind.SCIENCE_PARK,
        country="IR",
        city="Tabriz",
    )
    urmia = Organisation.objects.create(
        name="Urmia University Science Park", kind=Organisation.Kind.SCIENCE_PARK, country="IR"
    )
    sco = Organisation.objects.create(
        name="SCO Economic and Trade Cooperation Town",
        kind=Organisation.Kind.INNOVATION_ZONE,
        country="CN",
        city="Qingdao",
    )
    with_display_names(eastaz, urmia, sco)
    jafari = make_user("jafari@eastaz-park.example", full_name="Jafari Rad")
    OrganisationMembership.objects.create(user=jafari, organisation=eastaz, role=Role.ADMIN)
    li = make_user("li@sco-town.example", full_name="Li Wei")
    OrganisationMembership.objects.create(user=li, organisation=sco, role=Role.ADMIN)

    # when the park's admin opens the hub for China (Tir 1401)
    log_in(page, jafari.email)
    page.goto("/hubs/")
    _submit(page, page.get_by_role("link", name="New hub"))
    page.get_by_label("Host organisation").select_option(label=eastaz.name)
    page.get_by_label("Partner country").select_option("CN")
    page.get_by_label("Mandate").fill(
        "Hub for technological and innovative interaction of parks and knowledge-based companies with China."
    )
    page.get_by_label("Designated by").fill("Ministry of Science, Research and Technology")
    page.get_by_label("Designated on").fill("2022-06-22")
    page.get_by_label("Parks taking part in the desk").select_option(label=[urmia.name])
    _submit(page, page.get_by_role("button", name="Save the hub"))
    hub = Hub.objects.get()
    expect(page.get_by_text("The hub has been opened.")).to_be_visible()

    # and plans a programme whose KPI counts agreements signed
    page.goto(f"/hubs/{hub.pk}/programmes/")
    form = page.locator("#programme-create")
    form.get_by_label("Title").fill("Short-term programme with China")
    form.get_by_label("Horizon").select_option("short")
    form.get_by_label("Starts on").fill("2022-06-22")
    form.get_by_label("Ends on").fill("2030-03-20")
    form.get_by_label("Objectives").fill("Sign the memorandum with the SCO town; open a joint office.")
    _submit(page, form.get_by_role("button", name="Create the programme"))
    kpi_form = page.locator("#kpi-form")
    kpi_form.get_by_label("Name").fill("Agreements signed with Chinese partners")
    kpi_form.get_by_label("Counted from").select_option("agreements_signed")
    kpi_form.get_by_label("Target").fill("1")
    _submit(page, kpi_form.get_by_role("button", name="Add the KPI"))
    programme_url = page.url
    assert page.locator(".kpi-actual").inner_text() == "0"

    # and logs a delegation visit
    page.goto(f"/hubs/{hub.pk}/interactions/")
    form = page.locator("#interaction-form")
    form.get_by_label("Kind").select_option("delegation")
    form.get_by_label("What", exact=True).fill("Delegation of the SCO town visits Tabriz")
    form.get_by_label("Date").fill("2022-07-10")
    form.get_by_label("Place").fill("Tabriz")
    pick_organisation(form, "Partner side: organisations", sco.name)
    form.get_by_label("What came out").fill("Both sides agreed to draft a memorandum of cooperation.")
    _submit(page, form.get_by_role("button", name="Log the interaction"))
    expect(
        page.locator("#interactions").get_by_text("Delegation of the SCO town visits Tabriz")
    ).to_be_visible()

    # and registers and announces a need
    page.goto(f"/hubs/{hub.pk}/needs/")
    form = page.locator("#need-register")
    form.get_by_label("Title").fill("Cold-chain logistics for agricultural exports")
    form.get_by_label("Description").fill("Chinese importers need refrigerated logistics for Iranian fruit.")
    form.get_by_label("Source", exact=True).select_option("visit")
    form.get_by_label("Identified on").fill("2022-07-10")
    _submit(page, form.get_by_role("button", name="Register the need"))
    page.locator("#need-announce select").select_option("members")
    page.locator("#announce-confirm summary").click()  # broadcasting asks first (issue 16 item 5)
    _submit(page, page.get_by_role("button", name="Yes, announce the need"))
    assert page.locator("#need-status").inner_text() == "Announced"
    assert Need.objects.get().status == Need.Status.ANNOUNCED

    # and drafts the memorandum, opens it for negotiation and approves it for the park
    page.goto(f"/hubs/{hub.pk}/agreements/")
    form = page.locator("#agreement-draft")
    form.get_by_label("Kind").select_option("mou")
    form.get_by_label("Title").fill(MOU_TITLE)
    form.get_by_label("Text").fill(
        "The parties cooperate on technology transfer and a joint desk in Qingdao."
    )
    pick_organisation(form, "Parties", eastaz.name)
    pick_organisation(form, "Parties", sco.name)
    form.get_by_label("R&D collaboration").check()
    form.get_by_label("Innovation ecosystems").check()
    _submit(page, form.get_by_role("button", name="Save the draft"))
    page.wait_for_url(re.compile(r"/hubs/agreements/\d+/$"))
    agreement = Agreement.objects.get()
    _submit(page, page.get_by_role("button", name="Open for negotiation"))
    _approve(page, agreement.pk, eastaz.name)
    log_out(page)

    # then the SCO town's admin approves it too
    log_in(page, li.email)
    _approve(page, agreement.pk, sco.name)
    assert page.locator("#agreement-status").inner_text() == "Approved by every party"
    log_out(page)

    # when the park changes the text, every approval is voided
    log_in(page, jafari.email)
    page.goto(f"/hubs/agreements/{agreement.pk}/")
    first_hash = page.locator("#agreement-hash").inner_text()
    edit = page.locator("#agreement-edit")
    edit.get_by_label("Text").fill(
        "The parties cooperate on technology transfer, a joint desk in Qingdao and yearly delegations."
    )
    _submit(page, edit.get_by_role("button", name="Save the changes"))
    expect(page.get_by_text("The text changed, so every approval has been voided.")).to_be_visible()
    assert page.locator("#agreement-status").inner_text() == "In negotiation"
    assert page.locator("#agreement-hash").inner_text() != first_hash
    assert page.locator("#agreement-parties").get_by_text("not approved this version").count() == 2

    # and both approve the new text, and the park signs
    _approve(page, agreement.pk, eastaz.name)
    log_out(page)
    log_in(page, li.email)
    _approve(page, agreement.pk, sco.name)
    log_out(page)
    log_in(page, jafari.email)
    page.goto(f"/hubs/agreements/{agreement.pk}/")
    _submit(page, page.get_by_role("button", name="Sign"))
    assert page.locator("#agreement-status").inner_text() == "Signed and in effect"
    save_screenshot(page, "hubs-agreement-signed")

    # then the programme's KPI has moved
    page.goto(programme_url)
    assert page.locator(".kpi-actual").inner_text() == "1"
    save_screenshot(page, "hubs-programme-kpi")

    # and the briefing report on China, as a page and as a PDF, shows the signed memorandum
    page.goto(f"/hubs/{hub.pk}/")
    _submit(page, page.get_by_role("button", name="Prepare a briefing report"))
    pdf_link = page.locator("#report-pdf")
    pdf_link.wait_for()
    expect(page.get_by_text(MOU_TITLE).first).to_be_visible()
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(
        (pdf_page.extract_text() or "") for pdf_page in PdfReader(io.BytesIO(response.body())).pages
    )
    flat = " ".join(text.split())
    assert "Briefing report: China" in flat
    assert MOU_TITLE in flat
    assert "Signed and in effect" in flat
    assert "Agreements signed with Chinese partners" in flat
    assert "Delegation of the SCO town visits Tabriz" in flat
