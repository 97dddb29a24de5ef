"""The membership workflow through the pages and the API, with the named personas."""

import pytest
from django.core import mail
from django.utils import timezone

from conftest import logged_in_client
from core.models import AuditEvent
from networks.models import Invoice, MembershipStatusChange, NetworkMembership, NetworkSettings


def today_iso() -> str:  # a payment is recorded with the day it was received
    return timezone.localdate().isoformat()


Status = NetworkMembership.Status


def test_owner_applies_secretariat_approves_payment_activates_with_certificate(
    owner, colleague, secretariat, network, applicant_park, full_member, django_capture_on_commit_callbacks
):
    # given the park's owner applies through the network page
    owner_client = logged_in_client(owner)
    page = owner_client.get(f"/networks/{network.pk}/")
    assert page.status_code == 200
    assert "Full member" in page.content.decode()
    response = owner_client.post(
        f"/networks/{network.pk}/apply/",
        {"member": applicant_park.pk, "category": full_member.pk, "message": "Please admit us."},
    )
    membership = NetworkMembership.objects.get(network=network, member=applicant_park)
    assert response.status_code == 302
    assert membership.status == Status.APPLIED
    assert membership.applied_by == owner

    # when the secretariat reviews, asks for information, approves with a category
    secretariat_client = logged_in_client(secretariat)
    queue = secretariat_client.get("/networks/applications/")
    assert "Tabriz Science Park" in queue.content.decode()
    secretariat_client.post(f"/networks/memberships/{membership.pk}/review/")
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            f"/networks/memberships/{membership.pk}/request_information/",
            {"note": "Send your annual report."},
        )
    assert "Send your annual report." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [owner.email]
    secretariat_client.post(f"/networks/memberships/{membership.pk}/approve/", {"category": full_member.pk})
    membership.refresh_from_db()
    assert membership.status == Status.APPROVED

    # then a numbered invoice is downloadable by the member's people
    invoice = Invoice.objects.get(membership=membership)
    year = invoice.issued_at.year
    assert invoice.number == f"SRSPA-{year}-0001"
    assert str(invoice.amount) == "1200.00"
    pdf = logged_in_client(colleague).get(f"/networks/invoices/{invoice.number}.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    # when the payment is recorded the membership is active with a term and a certificate
    secretariat_client.post(
        f"/networks/memberships/{membership.pk}/payment/", {"reference": "SWIFT 991", "paid_on": today_iso()}
    )
    membership.refresh_from_db()
    invoice.refresh_from_db()
    assert membership.status == Status.ACTIVE
    assert invoice.paid_at is not None and invoice.payment_reference == "SWIFT 991"
    assert membership.valid_from == timezone.localdate()
    assert membership.valid_until is not None
    assert (membership.valid_until - membership.valid_from).days in (364, 365)
    certificate = membership.certificates.get()
    assert certificate.number.startswith(f"PLC-{certificate.issued_at.year}-")
    download = owner_client.get(f"/networks/certificates/{certificate.number}/certificate.pdf")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")

    # and the applicant's page shows the whole history
    detail = owner_client.get(f"/networks/memberships/{membership.pk}/").content.decode()
    steps = list(
        MembershipStatusChange.objects.filter(membership=membership).values_list("action", flat=True)
    )
    assert steps == ["apply", "review_start", "request_information", "approve", "payment_record"]
    assert "Send your annual report." in detail
    assert invoice.number in detail and certificate.number in detail
    assert AuditEvent.objects.filter(action="network_membership.approve", organisation_id=network.pk).exists()


def test_second_invoice_of_the_year_takes_the_next_number(
    applied, secretariat, full_member, network, make_user
):
    from directory.models import Organisation

    logged_in_client(secretariat).post(
        f"/networks/memberships/{applied.pk}/approve/", {"category": full_member.pk}
    )
    other = Organisation.objects.create(name="Yazd Science Park", kind="science_park", country="IR")
    second = NetworkMembership.objects.create(network=network, member=other, status=Status.APPLIED)
    logged_in_client(secretariat).post(
        f"/networks/memberships/{second.pk}/approve/", {"category": full_member.pk}
    )

    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    year = Invoice.objects.get(number=numbers[0]).issued_at.year
    assert numbers == [f"SRSPA-{year}-0001", f"SRSPA-{year}-0002"]


def test_impossible_transitions_are_refused_with_a_clear_error(applied, secretariat):
    client = logged_in_client(secretariat)

    response = client.post(
        f"/networks/memberships/{applied.pk}/payment/", {"reference": "x", "paid_on": today_iso()}
    )
    assert response.status_code == 422
    assert "This cannot be done while the membership&#x27;s status is “Applied”." in response.content.decode()
    response = client.post(f"/networks/memberships/{applied.pk}/ratify/")
    assert response.status_code == 422
    applied.refresh_from_db()
    assert applied.status == Status.APPLIED
    assert not applied.invoices.exists()


def test_rejection_needs_a_reason_and_keeps_what_was_typed(
    applied, secretariat, owner, django_capture_on_commit_callbacks
):
    client = logged_in_client(secretariat)

    response = client.post(f"/networks/memberships/{applied.pk}/reject/", {"reason": "   "})
    assert response.status_code == 422
    assert "Give the applicant a reason." in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/networks/memberships/{applied.pk}/reject/", {"reason": "Outside our region."})
    applied.refresh_from_db()
    assert applied.status == Status.CANCELLED
    assert applied.decision_reason == "Outside our region."
    assert "Outside our region." in mail.outbox[-1].body


def test_rejected_organisation_may_apply_again(applied, secretariat, owner, network, applicant_park):
    logged_in_client(secretariat).post(
        f"/networks/memberships/{applied.pk}/reject/", {"reason": "Incomplete."}
    )

    response = logged_in_client(owner).post(
        f"/networks/{network.pk}/apply/", {"member": applicant_park.pk, "category": applied.category_id}
    )

    applied.refresh_from_db()
    assert response.status_code == 302
    assert applied.status == Status.APPLIED


def test_duplicate_application_is_refused(applied, owner, network, applicant_park):
    response = logged_in_client(owner).post(
        f"/networks/{network.pk}/apply/", {"member": applicant_park.pk, "category": applied.category_id}
    )

    assert response.status_code == 422
    assert "already has a membership" in response.content.decode()


def test_ratification_required_waits_for_ratify(applied, secretariat, full_member, network):
    NetworkSettings.objects.create(network=network, ratification_required=True)
    client = logged_in_client(secretariat)
    client.post(f"/networks/memberships/{applied.pk}/approve/", {"category": full_member.pk})
    client.post(f"/networks/memberships/{applied.pk}/payment/", {"reference": "paid", "paid_on": today_iso()})
    applied.refresh_from_db()
    assert applied.status == Status.APPROVED
    assert not applied.certificates.exists()

    client.post(f"/networks/memberships/{applied.pk}/ratify/")

    applied.refresh_from_db()
    assert applied.status == Status.ACTIVE
    assert applied.certificates.count() == 1


def test_renewal_paid_in_time_extends_the_term_and_issues_a_new_certificate(
    active_membership, owner, secretariat
):
    until = active_membership.valid_until
    response = logged_in_client(owner).post(f"/networks/memberships/{active_membership.pk}/renew/")
    assert response.status_code == 302
    logged_in_client(secretariat).post(
        f"/networks/memberships/{active_membership.pk}/payment/", {"reference": "R", "paid_on": today_iso()}
    )

    active_membership.refresh_from_db()
    assert active_membership.valid_until > until
    assert active_membership.valid_until.year == until.year + 1
    assert active_membership.certificates.count() == 2


def test_owner_cancels_and_certificates_are_revoked(certificate, owner):
    membership = certificate.membership
    response = logged_in_client(owner).post(
        f"/networks/memberships/{membership.pk}/cancel/", {"reason": "Closing"}
    )

    membership.refresh_from_db()
    certificate.refresh_from_db()
    assert response.status_code == 302
    assert membership.status == Status.CANCELLED
    assert certificate.revoked_at is not None


def test_colleague_cannot_apply_or_cancel(colleague, network, applicant_park, active_membership):
    client = logged_in_client(colleague)

    assert client.post(f"/networks/{network.pk}/apply/", {"member": applicant_park.pk}).status_code == 403
    assert client.post(f"/networks/memberships/{active_membership.pk}/cancel/").status_code == 403


@pytest.mark.parametrize(
    "action", ["review", "approve", "reject", "payment", "ratify", "request_information"]
)
def test_applicant_cannot_decide_on_their_own_application(applied, owner, full_member, action):
    response = logged_in_client(owner).post(
        f"/networks/memberships/{applied.pk}/{action}/",
        {"category": full_member.pk, "reason": "x", "note": "x"},
    )

    assert response.status_code == 403
    applied.refresh_from_db()
    assert applied.status == Status.APPLIED


# The same workflow over the API


def test_api_workflow_apply_approve_pay(api_client, owner, secretariat, network, applicant_park, full_member):
    owner_api, secretariat_api = api_client(owner), api_client(secretariat)

    response = owner_api.post(
        f"/api/v1/networks/{network.pk}/memberships",
        {"member_id": applicant_park.pk, "category_id": full_member.pk, "message": "Hello"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    membership_id = response.json()["id"]
    assert response.json()["status"] == "applied"

    response = secretariat_api.post(
        f"/api/v1/memberships/{membership_id}/approve",
        {"category_id": full_member.pk},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["invoices"][0]["number"].startswith("SRSPA-")
    response = secretariat_api.post(
        f"/api/v1/memberships/{membership_id}/payment",
        {"reference": "API", "paid_on": today_iso()},
        content_type="application/json",
    )
    body = response.json()
    assert body["status"] == "active"
    assert [step["action"] for step in body["history"]] == ["apply", "approve", "payment_record"]
    number = body["certificates"][0]["number"]

    public = owner_api.get(f"/api/v1/certificates/{number}").json()
    assert public["status"] == "genuine"


def test_api_impossible_transition_is_422(api_client, applied, secretariat):
    response = api_client(secretariat).post(
        f"/api/v1/memberships/{applied.pk}/ratify", {}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert "cannot be done while the membership's status is “Applied”." in response.json()["message"]


def test_api_memberships_list_is_permission_aware(api_client, applied, secretariat, outsider, network):
    everyone = api_client(secretariat).get(f"/api/v1/networks/{network.pk}/memberships").json()
    public = api_client(outsider).get(f"/api/v1/networks/{network.pk}/memberships").json()

    assert everyone["count"] == 1 and everyone["items"][0]["status"] == "applied"
    assert public["count"] == 0
