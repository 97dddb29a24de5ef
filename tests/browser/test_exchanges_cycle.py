"""Flow: the network's secretariat opens a fellowship call, a researcher applies, a reviewer with a
conflict of interest is refused and an independent one reviews, the application is accepted and
offered, the candidate accepts, the host places the fellow, both report, and the certificate of
completion is issued and verifiable. And an application beyond the year's quota is refused."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Organisation, OrganisationMembership, Role
from exchanges import services
from exchanges.models import Application, CallField, Document
from tests.browser.test_account_flows import log_in, log_out
from tests.browser.test_organisation_picker import pick_organisation, with_display_names

pytestmark = pytest.mark.browser


@pytest.fixture
def exchange(secretariat, network, colleague, owner, make_user):
    host = Organisation.objects.create(
        name="Gyeonggi Bio Center", kind=Organisation.Kind.TECHNOLOGY_CENTRE, country="KR", city="Suwon"
    )
    with_display_names(host)
    host_admin = make_user("host@gbc.example", full_name="Host Minji")
    OrganisationMembership.objects.create(user=host_admin, organisation=host, role=Role.ADMIN)
    university = Organisation.objects.create(
        name="Ankara Technical University", kind=Organisation.Kind.UNIVERSITY, country="TR"
    )
    reviewer = make_user("reviewer@ankara-tu.example", full_name="Reviewer Elif")
    OrganisationMembership.objects.create(user=reviewer, organisation=university, role=Role.MEMBER)
    programme = services.programme_create(
        actor=secretariat,
        network=network,
        title="Silk Road Researcher Exchange",
        mobilities_per_year=1,
        min_duration=1,
        max_duration=6,
        participant_types=["researcher", "staff"],
    )
    today = timezone.localdate()
    call = services.call_create(
        actor=secretariat,
        programme=programme,
        title="Fellowships in biotechnology",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        mobility_year=today.year,
    )
    services.call_field_add(actor=secretariat, call=call, label="Motivation", kind=CallField.Kind.TEXT)
    services.criterion_add(actor=secretariat, call=call, name="Excellence", weight=3)
    services.criterion_add(actor=secretariat, call=call, name="Impact", weight=1)
    return {
        "host": host,
        "host_admin": host_admin,
        "reviewer": reviewer,
        "programme": programme,
        "call": call,
    }


def _click(page, scope, name):
    with page.expect_navigation():
        scope.get_by_role("button", name=name).click()


def test_full_exchange_cycle_from_call_to_certificate(page, exchange, secretariat, colleague, owner, park):
    call = exchange["call"]
    today = timezone.localdate()

    # the secretariat opens the call
    log_in(page, secretariat.email)
    page.goto(f"/exchanges/calls/{call.pk}/")
    _click(page, page.locator("#call-manage"), "Open the call")
    assert page.locator("#call-status").inner_text() == "Open"
    log_out(page)

    # a researcher of Tabriz Science Park applies
    log_in(page, colleague.email)
    page.goto("/exchanges/")
    page.get_by_role("link", name="Fellowships in biotechnology").click()
    page.locator("#call-apply").click()
    form = page.locator("#application-form")
    form.get_by_label("I apply from").select_option(label="Tabriz Science Park")
    pick_organisation(form, "Host organisation", "Gyeonggi Bio Center")
    form.get_by_label("I go as").select_option("researcher")
    form.get_by_label("Career stage").select_option("r2")
    form.get_by_label("Length of stay").fill("3")
    form.get_by_label("Project summary").fill("Screening Iranian medicinal plants for antiviral compounds.")
    _click(page, form, "Save the draft")
    page.locator("#application-form").get_by_label("Motivation").fill("To learn assay automation in Suwon.")
    _click(page, page.locator("#application-form"), "Save the draft")
    _click(page, page.locator("#application-submit"), "Submit the application")
    assert "managers are checking" in page.locator("#application-standing").inner_text()
    application = Application.objects.get()
    log_out(page)

    # the secretariat checks eligibility; a reviewer from the applicant's park is refused, another assigned
    log_in(page, secretariat.email)
    page.goto(f"/exchanges/applications/{application.pk}/")
    page.locator("#eligibility-form select").select_option("yes")
    _click(page, page.locator("#eligibility-form"), "Record the check")
    page.locator("#assign-form").get_by_label("Reviewer's email").fill(owner.email)
    _click(page, page.locator("#assign-form"), "Assign")
    assert "Conflict of interest" in page.locator("#assign-form").inner_text()
    page.locator("#assign-form").get_by_label("Reviewer's email").fill(exchange["reviewer"].email)
    _click(page, page.locator("#assign-form"), "Assign")
    expect(page.locator("[data-status=under_review]").first).to_be_visible()
    log_out(page)

    # the reviewer scores it from their queue
    log_in(page, exchange["reviewer"].email)
    page.goto("/exchanges/mine/")
    page.locator("#my-reviews").get_by_role("link", name=application.reference).click()
    review_form = page.locator("#review-form")
    review_form.get_by_label("Excellence (weight 3)").fill("9")
    review_form.get_by_label("Impact (weight 1)").fill("5")
    review_form.get_by_label("Comment").fill("Sound plan; the host lab is a good fit.")
    _click(page, review_form, "Submit the review")
    assert "8.00" in page.locator("#review-submitted").inner_text()
    log_out(page)

    # the secretariat accepts (seeing the ranking) and makes an offer
    log_in(page, secretariat.email)
    page.goto(f"/exchanges/calls/{call.pk}/")
    assert "8.00" in page.locator("#call-ranking").inner_text()
    page.goto(f"/exchanges/applications/{application.pk}/")
    page.locator("#decision-form select").select_option("accepted")
    page.locator("#decision-form textarea").fill("Ranked first on excellence.")
    _click(page, page.locator("#decision-form"), "Record the decision")
    page.locator("#offer-form input[type=date]").fill((today + datetime.timedelta(days=14)).isoformat())
    _click(page, page.locator("#offer-form"), "Make the offer")
    log_out(page)

    # the candidate sees the offer and accepts it
    log_in(page, colleague.email)
    page.goto(f"/exchanges/applications/{application.pk}/")
    assert "You have an offer" in page.locator("#application-standing").inner_text()
    _click(page, page.locator("#offer-answer"), "Accept the offer")
    log_out(page)

    # the host starts the placement and later evaluates; the fellow reports
    log_in(page, exchange["host_admin"].email)
    page.goto(f"/exchanges/applications/{application.pk}/")
    place = page.locator("#place-form")
    place.get_by_label("Laboratory or unit").fill("Bioassay laboratory")
    place.get_by_label("Supervisor").fill("Dr Kim Soo-jin")
    place.get_by_label("From").fill(today.isoformat())
    place.get_by_label("Until").fill((today + datetime.timedelta(days=90)).isoformat())
    _click(page, place, "Start the placement")
    expect(page.locator("#application-documents").get_by_text("Placement agreement")).to_be_visible()
    log_out(page)

    log_in(page, colleague.email)
    page.goto(f"/exchanges/applications/{application.pk}/")
    page.locator("#final-report-form textarea").fill(
        "Three months automating antiviral assays; two hits confirmed."
    )
    _click(page, page.locator("#final-report-form"), "Submit the final report")
    log_out(page)

    log_in(page, exchange["host_admin"].email)
    page.goto(f"/exchanges/applications/{application.pk}/")
    page.locator("#evaluation-form textarea").fill("Independent, careful work; welcome back any time.")
    _click(page, page.locator("#evaluation-form"), "Submit the evaluation")
    log_out(page)

    # the fellow downloads the certificate of completion, which verifies as genuine
    log_in(page, colleague.email)
    page.goto(f"/exchanges/applications/{application.pk}/")
    assert "Completed" in page.locator("#application-standing").inner_text()
    certificate = Document.objects.get(kind=Document.Kind.COMPLETION_CERTIFICATE)
    link = page.locator("#application-documents").get_by_role(
        "link", name=re.compile("Certificate of completion")
    )
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.suggested_filename == f"{certificate.number}.pdf"
    history = page.locator("#application-history").inner_text()
    # every step reads as a sentence, never as its internal code
    for sentence in (
        "submitted the application.",
        "found the application eligible.",
        "accepted the application.",
        "accepted the offer.",
        "started the placement.",
        "The placement was completed.",
    ):
        assert sentence in history
    for code in ("eligibility_check", "offer_accept", "offer_accepted"):
        assert code not in history
    page.goto(f"/exchanges/documents/{certificate.number}/verify/")
    assert page.locator("#verdict").get_attribute("data-verdict") == "genuine"


def test_application_beyond_the_quota_is_refused_with_a_clear_message(
    page, exchange, secretariat, colleague, park, make_user
):
    # given the programme's single mobility of the year taken by an accepted fellow
    call, host = exchange["call"], exchange["host"]
    services.call_open(actor=secretariat, call=call)
    first = make_user("first@tabriz-park.example")
    OrganisationMembership.objects.create(user=first, organisation=park, role=Role.MEMBER)
    taken = services.application_create(
        actor=first,
        call=call,
        home_organisation=park,
        host_organisation=host,
        participant_type="researcher",
        career_stage="r2",
        duration=2,
        summary="Bioinformatics of plant metabolites.",
    )
    services.application_answers_save(actor=first, application=taken, answers={call.fields.get().pk: "Yes."})
    services.application_submit(actor=first, application=taken)
    services.application_check_eligibility(actor=secretariat, application=taken, eligible=True)
    review = services.review_assign(actor=secretariat, application=taken, reviewer=exchange["reviewer"])
    services.review_submit(
        actor=exchange["reviewer"],
        review=review,
        scores={criterion.pk: 7 for criterion in call.criteria.all()},
        comment="Good.",
    )
    services.application_decide(actor=secretariat, application=taken, decision="accepted", reason="Good.")
    late = services.application_create(
        actor=colleague,
        call=call,
        home_organisation=park,
        host_organisation=host,
        participant_type="researcher",
        career_stage="r2",
        duration=2,
        summary="Antiviral screening.",
    )
    services.application_answers_save(
        actor=colleague, application=late, answers={call.fields.get().pk: "Yes."}
    )

    # when the second applicant submits
    log_in(page, colleague.email)
    page.goto(f"/exchanges/applications/{late.pk}/")
    _click(page, page.locator("#application-submit"), "Submit the application")

    # then the submission is refused, saying why, and the draft stays
    expect(page.get_by_text(re.compile("is used up: 1 of 1 mobilities are taken"))).to_be_visible()
    late.refresh_from_db()
    assert late.status == Application.Status.DRAFT
    page.goto(f"/exchanges/calls/{call.pk}/")
    assert "0 of 1 mobilities left" in page.locator("main").inner_text()
