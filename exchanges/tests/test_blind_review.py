"""A reviewer of a blind call never learns who applied: not from the pages, the API, the files or
the notifications and emails they receive."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from conftest import logged_in_client
from core.models import Notification
from exchanges import services
from exchanges.models import CallField, ReviewAssignment
from exchanges.tests.conftest import draft, open_call

pytestmark = pytest.mark.django_db

APPLICANT_NAME = "Colleague Kaveh"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def blind_review(colleague, secretariat, programme, host_organisation, reviewer):
    call = open_call(secretariat, programme, title="Blind fellowships", blind_review=True)
    services.call_field_add(actor=secretariat, call=call, label="CV", kind=CallField.Kind.FILE)
    application = draft(colleague, call, host_organisation)
    cv = call.fields.get(label="CV")
    services.application_answers_save(
        actor=colleague,
        application=application,
        answers={cv.pk: SimpleUploadedFile("kaveh-cv.png", _png(), content_type="image/png")},
    )
    services.application_submit(actor=colleague, application=application)
    services.application_check_eligibility(actor=secretariat, application=application, eligible=True)
    mail.outbox.clear()
    review = services.review_assign(actor=secretariat, application=application, reviewer=reviewer)
    return application, review


def _identity_absent(text: str) -> None:
    for clue in (APPLICANT_NAME, "colleague@tabriz-park.example", "Tabriz Science Park", "kaveh-cv"):
        assert clue not in text, clue


def test_blind_reviewer_pages_never_show_the_applicant(blind_review, reviewer):
    application, review = blind_review
    client = logged_in_client(reviewer)
    for url in (
        reverse("exchanges:review_detail", kwargs={"pk": review.pk}),
        reverse("exchanges:application_detail", kwargs={"pk": application.pk}),
        reverse("exchanges:my_exchanges"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        _identity_absent(response.content.decode())
    assert (
        "Screening of Central Asian medicinal plants"
        in client.get(reverse("exchanges:review_detail", kwargs={"pk": review.pk})).content.decode()
    )


def test_blind_reviewer_cannot_download_the_applicants_files(blind_review, reviewer, colleague):
    application, _review = blind_review
    answer = application.answers.exclude(file="").get()
    url = reverse("exchanges:answer_file", kwargs={"pk": application.pk, "answer_pk": answer.pk})
    assert logged_in_client(reviewer).get(url).status_code == 404
    assert logged_in_client(colleague).get(url).status_code == 200


def test_blind_reviewer_api_hides_the_applicant(blind_review, reviewer, api_client):
    application, review = blind_review
    client = api_client(reviewer)
    listing = client.get("/api/v1/exchange-applications")
    detail = client.get(f"/api/v1/exchange-applications/{application.pk}")
    reviews = client.get("/api/v1/exchange-reviews")
    one_review = client.get(f"/api/v1/exchange-reviews/{review.pk}")
    for response in (listing, detail, reviews, one_review):
        assert response.status_code == 200
        _identity_absent(response.content.decode())
    assert detail.json()["applicant"] is None
    assert detail.json()["home_organisation"] is None
    assert detail.json()["history"] is None
    assert [answer["file_name"] for answer in detail.json()["answers"] if answer["file_name"]] == []


def test_blind_reviewer_notification_and_digest_name_the_reference_only(blind_review, reviewer):
    application, _review = blind_review
    notification = Notification.objects.get(recipient=reviewer, topic="exchanges.review_assigned")
    assert application.reference in notification.subject
    _identity_absent(f"{notification.subject} {notification.body} {notification.url}")
    for message in mail.outbox:
        if reviewer.email in message.to:
            _identity_absent(f"{message.subject} {message.body}")


def test_manager_sees_the_identity_of_a_blind_application(blind_review, secretariat):
    application, _review = blind_review
    page = logged_in_client(secretariat).get(
        reverse("exchanges:application_detail", kwargs={"pk": application.pk})
    )
    assert APPLICANT_NAME in page.content.decode()


def test_reviewer_of_an_open_call_sees_the_applicant(
    colleague, call, host_organisation, secretariat, reviewer
):
    application = draft(colleague, call, host_organisation)
    services.application_submit(actor=colleague, application=application)
    services.application_check_eligibility(actor=secretariat, application=application, eligible=True)
    review = services.review_assign(actor=secretariat, application=application, reviewer=reviewer)
    page = logged_in_client(reviewer).get(reverse("exchanges:review_detail", kwargs={"pk": review.pk}))
    assert APPLICANT_NAME in page.content.decode()
    assert ReviewAssignment.objects.count() == 1
