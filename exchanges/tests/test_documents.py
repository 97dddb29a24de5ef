"""Signed documents: numbered, in the host country's language and English, verifiable by number and
by file (genuine, revoked, unknown, forged); reference letters and the programme report."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from conftest import logged_in_client
from exchanges import documents, services
from exchanges.models import CallField, Document

pytestmark = pytest.mark.django_db


def test_completion_certificate_pdf_is_signed_and_verifiable(advanced, colleague, anonymous, api_client):
    application = advanced("completed")
    certificate = application.documents.get(kind=Document.Kind.COMPLETION_CERTIFICATE)
    assert re.fullmatch(r"PLX-CMP-\d{4}-\d{6}", certificate.number)
    assert certificate.languages == ["ko", "en"]
    response = logged_in_client(colleague).get(
        reverse("exchanges:document_download", kwargs={"number": certificate.number})
    )
    assert response.status_code == 200
    pdf = response.content
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert documents.document_check_pdf(pdf).verdict == documents.Verdict.GENUINE
    page = anonymous.get(reverse("exchanges:document_verify", kwargs={"number": certificate.number}))
    assert 'data-verdict="genuine"' in page.content.decode()
    uploaded = anonymous.post(
        reverse("exchanges:document_verify_upload"),
        {"document": SimpleUploadedFile("c.pdf", pdf, content_type="application/pdf")},
    )
    assert 'data-verdict="genuine"' in uploaded.content.decode()
    assert anonymous.get(f"/api/v1/exchange-documents/{certificate.number}").json()["verdict"] == "genuine"


def test_altered_document_is_reported_forged(advanced, colleague):
    application = advanced("completed")
    certificate = application.documents.get(kind=Document.Kind.COMPLETION_CERTIFICATE)
    forged_payload = {**certificate.payload, "fellow": "Someone Else"}
    assert not documents.signing.signature_is_valid(forged_payload, certificate.signature)
    # a PDF without the embedded signature
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert documents.document_check_pdf(buffer.getvalue()).verdict == documents.Verdict.NOT_PARKLINK


def test_unknown_and_revoked_documents(advanced, secretariat, anonymous):
    assert (
        anonymous.get(
            reverse("exchanges:document_verify", kwargs={"number": "PLX-CMP-2020-000999"})
        ).status_code
        == 404
    )
    application = advanced("placement")
    letter = services.invitation_letter_issue(actor=secretariat, application=application)
    assert letter.languages == ["ko", "en"]
    logged_in_client(secretariat).post(
        reverse("exchanges:document_revoke", kwargs={"number": letter.number}), {"reason": "Dates changed."}
    )
    page = anonymous.get(reverse("exchanges:document_verify", kwargs={"number": letter.number}))
    assert 'data-verdict="revoked"' in page.content.decode()
    assert "Dates changed." not in page.content.decode()  # the reason is a detail: it needs the code
    assert letter.payload["network"] in page.content.decode()


def test_reissuing_the_invitation_letter_revokes_the_earlier_one(advanced, host_admin):
    application = advanced("offer_accepted")
    first = services.invitation_letter_issue(actor=host_admin, application=application)
    second = services.invitation_letter_issue(actor=host_admin, application=application)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert first.number != second.number


def test_referee_uploads_a_letter_through_the_emailed_link(
    colleague, secretariat, call, host_organisation, anonymous, django_capture_on_commit_callbacks
):
    from exchanges.tests.conftest import draft

    # given a call asking for a reference letter
    call.status = "draft"
    call.save()
    services.call_field_add(
        actor=secretariat, call=call, label="Reference", kind=CallField.Kind.REFERENCE_LETTER
    )
    services.call_open(actor=secretariat, call=call)
    application = draft(colleague, call, host_organisation)
    field = call.fields.get(label="Reference")
    refused = logged_in_client(colleague).post(
        reverse("exchanges:application_submit", kwargs={"pk": application.pk}), follow=True
    )
    assert "Answer these questions first: Reference" in refused.content.decode()

    # when the applicant asks the referee, who follows the link in the email
    with django_capture_on_commit_callbacks(execute=True):
        logged_in_client(colleague).post(
            reverse("exchanges:referee_request", kwargs={"pk": application.pk, "field_pk": field.pk}),
            {"referee_name": "Prof Aziz", "referee_email": "aziz@tashkent-pharma.example"},
        )
    message = mail.outbox[-1]
    assert message.to == ["aziz@tashkent-pharma.example"]
    found = re.search(r"https?://\S+/exchanges/referees/\S+/", str(message.body))
    assert found is not None
    link = found.group(0)
    path = link[link.index("/exchanges/") :]
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    bad = anonymous.post(
        path, {"letter": SimpleUploadedFile("l.pdf", b"MZ not a pdf", content_type="application/pdf")}
    )
    assert "neither a PDF" in bad.content.decode()
    anonymous.post(
        path, {"letter": SimpleUploadedFile("letter.pdf", buffer.getvalue(), content_type="application/pdf")}
    )

    # then the letter is received, the applicant can submit, and only the managers read it
    referee = application.referee_requests.get()
    assert referee.received_at is not None
    services.application_submit(actor=colleague, application=application)
    letter_url = reverse("exchanges:referee_letter", kwargs={"pk": application.pk, "request_pk": referee.pk})
    assert logged_in_client(secretariat).get(letter_url).status_code == 200
    assert logged_in_client(colleague).get(letter_url).status_code == 404
    assert anonymous.get("/exchanges/referees/not-a-token/").status_code == 404


def test_programme_report_per_year_and_country_pair(advanced, secretariat, programme, outsider):
    advanced("completed")
    page = logged_in_client(secretariat).get(
        reverse("exchanges:programme_report", kwargs={"pk": programme.pk})
    )
    content = page.content.decode()
    assert "IR → KR" in content
    assert "100.0 %" in content
    assert (
        logged_in_client(outsider)
        .get(reverse("exchanges:programme_report", kwargs={"pk": programme.pk}))
        .status_code
        == 403  # the programme is public; its report is its managers' (docs/architecture.md, "Refusals")
    )


def test_invitation_letter_is_in_the_host_countrys_language_and_english(advanced, host_admin):
    application = advanced("offer_accepted")
    letter = services.invitation_letter_issue(actor=host_admin, application=application)
    pages = PdfReader(io.BytesIO(documents.document_pdf(letter))).pages
    korean, english = (page.extract_text() for page in pages)
    assert "비자 초청장" in korean
    assert "Visa invitation letter" in english
    assert letter.number in korean and letter.number in english


def test_the_one_verification_page_checks_exchange_documents_too(advanced, colleague, anonymous):
    application = advanced("completed")
    certificate = application.documents.get(kind=Document.Kind.COMPLETION_CERTIFICATE)
    pdf = (
        logged_in_client(colleague)
        .get(reverse("exchanges:document_download", kwargs={"number": certificate.number}))
        .content
    )

    by_number = anonymous.get(reverse("networks:certificate_verify", kwargs={"number": certificate.number}))
    assert by_number.status_code == 302
    assert by_number["Location"] == reverse(
        "exchanges:document_verify", kwargs={"number": certificate.number}
    )

    uploaded = anonymous.post(
        reverse("networks:verify"), {"file": SimpleUploadedFile("c.pdf", pdf, content_type="application/pdf")}
    )
    assert 'data-verdict="genuine"' in uploaded.content.decode()
