"""The secretariat builds a programme and a call through the pages: quotas, the application form and
weighted criteria; bad input is refused with its reason and nothing is lost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from exchanges.models import Call, CallField, Programme

pytestmark = pytest.mark.django_db


def test_secretariat_creates_and_edits_a_programme(secretariat, network):
    client = logged_in_client(secretariat)
    data = {
        "network": network.pk,
        "title": "Student exchange",
        "mobilities_per_year": "4",
        "duration_unit": "days",
        "min_duration": "30",
        "max_duration": "10",
        "participant_types": ["student"],
        "direction": "one_way",
        "sending_countries": ["UZ"],
        "host_countries": ["KR"],
    }
    refused = client.post(reverse("exchanges:programme_create"), data)
    assert "longest stay must not be shorter" in refused.content.decode()
    assert 'value="Student exchange"' in refused.content.decode()
    data["max_duration"] = "90"
    response = client.post(reverse("exchanges:programme_create"), data)
    programme = Programme.objects.get()
    assert response["Location"] == reverse("exchanges:programme_detail", kwargs={"pk": programme.pk})
    assert programme.sending_countries == ["UZ"] and programme.participant_types == ["student"]
    data["mobilities_per_year"] = "5"
    client.post(reverse("exchanges:programme_edit", kwargs={"pk": programme.pk}), data)
    programme.refresh_from_db()
    assert programme.mobilities_per_year == 5
    assert "5 of 5 mobilities left" in client.get(reverse("exchanges:programme_list")).content.decode()


def test_secretariat_builds_and_opens_a_call(secretariat, programme):
    client = logged_in_client(secretariat)
    today = timezone.localdate()
    response = client.post(
        reverse("exchanges:call_create", kwargs={"pk": programme.pk}),
        {
            "title": "Call 2026",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=20)).isoformat(),
            "mobility_year": today.year,
            "eligible_career_stages": ["r1", "r2"],
            "blind_review": "on",
            "reviews_per_application": "2",
        },
    )
    call = Call.objects.get()
    assert response["Location"] == reverse("exchanges:call_detail", kwargs={"pk": call.pk})
    assert call.blind_review and call.eligible_career_stages == ["r1", "r2"]

    # opening without criteria is refused with the reason
    refused = client.post(reverse("exchanges:call_open", kwargs={"pk": call.pk}), follow=True)
    assert "at least one evaluation criterion" in refused.content.decode()

    # a choice needs options; then questions and a weighted criterion are added
    bad = client.post(
        reverse("exchanges:call_field_add", kwargs={"pk": call.pk}),
        {"field-label": "Level", "field-kind": "choice", "field-choices": "Only one"},
    )
    assert "at least two options" in bad.content.decode()
    client.post(
        reverse("exchanges:call_field_add", kwargs={"pk": call.pk}),
        {
            "field-label": "Level",
            "field-kind": "choice",
            "field-choices": "Bachelor\nMaster",
            "field-required": "on",
        },
    )
    client.post(
        reverse("exchanges:call_field_add", kwargs={"pk": call.pk}),
        {"field-label": "Transcript", "field-kind": "file"},
    )
    client.post(
        reverse("exchanges:criterion_add", kwargs={"pk": call.pk}),
        {"criterion-name": "Excellence", "criterion-weight": "3"},
    )
    assert list(call.fields.values_list("label", "kind")) == [
        ("Level", CallField.Kind.CHOICE),
        ("Transcript", CallField.Kind.FILE),
    ]
    client.post(reverse("exchanges:call_open", kwargs={"pk": call.pk}))
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN
    assert "Fellowships" not in client.get(reverse("exchanges:programme_list")).content.decode()
    assert "Call 2026" in client.get(reverse("exchanges:programme_list")).content.decode()


def test_applicant_uploads_a_file_answer_checked_by_its_content(
    colleague, secretariat, programme, host_organisation
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from exchanges import services
    from exchanges.tests.conftest import draft, open_call

    call = open_call(secretariat, programme)
    services.call_field_add(actor=secretariat, call=call, label="Transcript", kind=CallField.Kind.FILE)
    application = draft(colleague, call, host_organisation)
    transcript = call.fields.get(label="Transcript")
    client = logged_in_client(colleague)
    url = reverse("exchanges:application_edit", kwargs={"pk": application.pk})
    form = {
        "home_organisation": application.home_organisation_id,
        "host_organisation": host_organisation.pk,
        "participant_type": "researcher",
        "career_stage": "r2",
        "duration": "3",
        "summary": "Screening of Central Asian medicinal plants for antiviral compounds.",
    }
    refused = client.post(
        url,
        {
            **form,
            f"answers-field_{transcript.pk}": SimpleUploadedFile(
                "transcript.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf"
            ),
        },
    )
    assert "neither a PDF" in refused.content.decode()
    assert not application.answers.filter(field=transcript).exclude(file="").exists()


def _agreement(*, host, party, status):
    from hubs.models import Agreement, AgreementParty, Hub

    hub, _created = Hub.objects.get_or_create(
        host=host,
        partner_country="KR",
        defaults={
            "mandate": "Technology interaction with Korea.",
            "designated_by": "Ministry of Science",
            "designated_on": datetime.date(2023, 1, 1),
        },
    )
    agreement = Agreement.objects.create(
        hub=hub, title="Memorandum on biotech exchanges", text="The parties exchange experts.", status=status
    )
    AgreementParty.objects.create(agreement=agreement, organisation=party)
    return agreement


def test_a_programme_carries_out_a_signed_agreement_and_refuses_an_unsigned_one(
    secretariat, network, park, api_client
):
    from hubs.models import Agreement

    signed = _agreement(host=park, party=network, status=Agreement.Status.SIGNED)
    draft = _agreement(host=park, party=network, status=Agreement.Status.DRAFT)
    client = logged_in_client(secretariat)
    data = {
        "network": network.pk,
        "agreement": draft.pk,
        "title": "Biotech expert exchange",
        "mobilities_per_year": "4",
        "duration_unit": "months",
        "min_duration": "1",
        "max_duration": "6",
        "participant_types": ["expert"],
        "direction": "both_ways",
    }
    form_page = client.get(reverse("exchanges:programme_create")).content.decode()
    assert "Memorandum on biotech exchanges" in form_page
    refused = client.post(reverse("exchanges:programme_create"), data)
    assert refused.status_code == 200
    assert not Programme.objects.exists()

    data["agreement"] = signed.pk
    client.post(reverse("exchanges:programme_create"), data)
    programme = Programme.objects.get()
    assert programme.agreement == signed
    detail = client.get(reverse("exchanges:programme_detail", kwargs={"pk": programme.pk})).content.decode()
    assert 'id="programme-agreement"' in detail

    by_api = api_client(secretariat).get(f"/api/v1/programmes/{programme.pk}").json()
    assert by_api["agreement_id"] == signed.pk
    unsigned = api_client(secretariat).post(
        "/api/v1/programmes",
        {
            **data,
            "network_id": network.pk,
            "agreement_id": draft.pk,
            "mobilities_per_year": 4,
            "min_duration": 1,
            "max_duration": 6,
        },
        content_type="application/json",
    )
    assert unsigned.status_code == 422
    assert "signed and in effect" in unsigned.json()["message"]
