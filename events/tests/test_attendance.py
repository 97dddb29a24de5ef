"""Badges, check-in (badge code or name), attendance certificates and their verification, and the
meeting-outcome survey with its statistics."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import logged_in_client
from core.models import Notification
from events import services
from events.models import AttendanceCertificate, Event, Meeting, MeetingOutcome
from networks import signing
from networks.certificates import signed_data_from_pdf
from signing.pdf import signed_pdf

pytestmark = pytest.mark.django_db


def test_registered_person_downloads_badge_whose_qr_code_the_organiser_scans(owner, colleague, forum):
    registration = services.registration_create(actor=colleague, event=forum)
    badge = logged_in_client(colleague).get(reverse("events:badge_download", kwargs={"pk": registration.pk}))
    assert badge["Content-Type"] == "application/pdf"
    assert (
        registration.badge_code in PdfReader(__import__("io").BytesIO(badge.content)).pages[0].extract_text()
    )

    scanned = logged_in_client(owner).post(
        reverse("events:check_in_scan", kwargs={"pk": forum.pk}),
        {"code": registration.badge_code},
        headers={"Accept": "application/json"},
    )
    assert scanned.json() == {
        "ok": True,
        "message": "Colleague Kaveh is checked in.",
        "name": "Colleague Kaveh",
    }
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_unknown_badge_code_is_refused_and_name_search_checks_in(owner, colleague, forum):
    registration = services.registration_create(actor=colleague, event=forum)
    client = logged_in_client(owner)
    unknown = client.post(
        reverse("events:check_in_scan", kwargs={"pk": forum.pk}),
        {"code": "nope"},
        headers={"Accept": "application/json"},
    )
    assert unknown.status_code == 404 and unknown.json()["ok"] is False
    found = client.get(reverse("events:check_in", kwargs={"pk": forum.pk}), {"q": "Kaveh"})
    assert "Colleague Kaveh" in found.content.decode()
    client.post(reverse("events:check_in_scan", kwargs={"pk": forum.pk}), {"registration": registration.pk})
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_outsider_cannot_check_in_or_download_someone_elses_badge(outsider, colleague, forum):
    registration = services.registration_create(actor=colleague, event=forum)
    client = logged_in_client(outsider)
    assert client.get(reverse("events:check_in", kwargs={"pk": forum.pk})).status_code == 403
    assert (
        client.post(
            reverse("events:check_in_scan", kwargs={"pk": forum.pk}), {"code": registration.badge_code}
        ).status_code
        == 403
    )
    assert client.get(reverse("events:badge_download", kwargs={"pk": registration.pk})).status_code == 404
    assert (
        client.get(reverse("events:certificate_download", kwargs={"pk": registration.pk})).status_code == 404
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_attendee_gets_signed_certificate_that_verifies_and_a_tampered_copy_does_not(
    owner, colleague, forum, anonymous
):
    registration = services.registration_create(actor=colleague, event=forum)
    client = logged_in_client(colleague)
    refused = client.get(reverse("events:certificate_download", kwargs={"pk": registration.pk}))
    assert refused.status_code == 302  # not checked in yet
    assert not AttendanceCertificate.objects.exists()

    services.registration_check_in(actor=owner, registration=registration)
    pdf = client.get(reverse("events:certificate_download", kwargs={"pk": registration.pk})).content
    certificate = AttendanceCertificate.objects.get()
    embedded = signed_data_from_pdf(pdf)
    assert embedded is not None
    assert embedded["payload"] == certificate.payload
    assert signing.signature_is_valid(embedded["payload"], embedded["signature"])
    assert embedded["payload"]["event"] == "Tabriz Innovation Forum"

    by_number = anonymous.get(reverse("events:certificate_verify", kwargs={"number": certificate.number}))
    assert "Genuine" in by_number.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    uploaded = anonymous.post(
        reverse("events:certificate_verify_upload"),
        {"file": SimpleUploadedFile("c.pdf", pdf, "application/pdf")},
    )
    assert "Genuine" in uploaded.content.decode()
    certificate.payload = {**certificate.payload, "attendee": "Somebody Else"}  # not saved: a forger's copy
    # a forger's copy: the changed payload with the genuine signature (the download serves the kept file)
    tampered = signed_pdf("<p>X</p>", payload=certificate.payload, signature=certificate.signature)
    forged = anonymous.post(
        reverse("events:certificate_verify_upload"),
        {"file": SimpleUploadedFile("c.pdf", tampered, "application/pdf")},
    )
    assert "Forged or altered" in forged.content.decode()
    assert (
        anonymous.get(reverse("events:certificate_verify", kwargs={"number": "EV-0000-NONE"})).status_code
        == 404
    )


def test_outcome_survey_goes_out_after_the_delay_and_feeds_statistics(
    owner, brokerage, company_person, participant_of
):
    asel, bolot = company_person("Asel"), company_person("Bolot")
    a, b = participant_of(brokerage, asel), participant_of(brokerage, bolot)
    request = services.meeting_request_send(actor=asel, requester=a, recipient=b, message="Hi")
    services.meeting_request_accept(actor=bolot, request=request)
    services.schedule_run(actor=owner, event=brokerage)
    services.agenda_publish(actor=owner, event=brokerage)
    meeting = Meeting.objects.get()

    # the event ended, but the delay has not passed: nothing yet
    ended = timezone.now() - datetime.timedelta(hours=brokerage.survey_delay_hours - 1)
    Event.objects.filter(pk=brokerage.pk).update(starts_at=ended - datetime.timedelta(hours=6), ends_at=ended)
    call_command("events_daily")
    assert not Notification.objects.filter(topic="events.outcome_survey").exists()

    Event.objects.filter(pk=brokerage.pk).update(ends_at=ended - datetime.timedelta(hours=2))
    call_command("events_daily")
    call_command("events_daily")  # once per event
    assert Notification.objects.filter(topic="events.outcome_survey").count() == 2

    logged_in_client(asel).post(
        reverse("events:meeting_outcome", kwargs={"pk": meeting.pk}), {"outcome": "negotiation_started"}
    )
    logged_in_client(bolot).post(
        reverse("events:meeting_outcome", kwargs={"pk": meeting.pk}), {"outcome": "valuable_contact"}
    )
    assert MeetingOutcome.objects.count() == 2
    page = logged_in_client(owner).get(reverse("events:statistics", kwargs={"pk": brokerage.pk}))
    assert "2 survey answers" in page.content.decode()


def test_outsider_cannot_record_outcome_or_read_statistics(
    owner, outsider, brokerage, company_person, participant_of
):
    asel, bolot = company_person("Asel"), company_person("Bolot")
    a, b = participant_of(brokerage, asel), participant_of(brokerage, bolot)
    request = services.meeting_request_send(actor=asel, requester=a, recipient=b, message="Hi")
    meeting = services.meeting_request_accept(actor=bolot, request=request)
    client = logged_in_client(outsider)
    assert (
        client.post(
            reverse("events:meeting_outcome", kwargs={"pk": meeting.pk}), {"outcome": "valuable_contact"}
        ).status_code
        == 404
    )
    assert client.get(reverse("events:statistics", kwargs={"pk": brokerage.pk})).status_code == 403
    assert not MeetingOutcome.objects.exists()


def test_the_one_verification_page_checks_attendance_certificates_too(owner, colleague, forum, anonymous):
    from django.core.files.uploadedfile import SimpleUploadedFile

    registration = services.registration_create(actor=colleague, event=forum)
    services.registration_check_in(actor=owner, registration=registration)
    pdf = logged_in_client(colleague).get(
        reverse("events:certificate_download", kwargs={"pk": registration.pk})
    )
    certificate = AttendanceCertificate.objects.get()

    by_number = anonymous.get(
        reverse("networks:certificate_verify", kwargs={"number": certificate.number.lower()})
    )
    assert by_number.status_code == 302
    assert by_number["Location"] == reverse(
        "events:certificate_verify", kwargs={"number": certificate.number}
    )

    uploaded = anonymous.post(
        reverse("networks:verify"), {"file": SimpleUploadedFile("c.pdf", pdf.content, "application/pdf")}
    )
    assert "Genuine" in uploaded.content.decode()
    assert "Tabriz Innovation Forum" in uploaded.content.decode()
