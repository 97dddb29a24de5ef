"""Certificates: the PDF carries a verifiable signature; the page, the API and the command tell genuine,
revoked, expired, unknown and forged apart."""

import datetime
import io

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from conftest import logged_in_client
from core.models import AuditEvent
from networks import signing
from networks.certificates import signed_data_from_pdf
from networks.models import Certificate, NetworkSettings
from networks.tests.tampering import certificate_with_altered_payload
from signing.models import NumberSequence
from signing.tests.forgery import verification_code_in


def today_iso() -> str:  # a payment is recorded with the day it was received
    return timezone.localdate().isoformat()


def _download(client, certificate) -> bytes:
    response = client.get(f"/networks/certificates/{certificate.number}/certificate.pdf")
    assert response.status_code == 200
    return response.content


def _upload(client, number: str, data: bytes):
    return client.post(
        f"/networks/certificates/{number}/",
        {"file": SimpleUploadedFile("certificate.pdf", data, content_type="application/pdf")},
    )


def _verify_file(tmp_path, data: bytes, capsys) -> tuple[int, str]:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    try:
        call_command("verify_certificate", str(path))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    else:
        code = 0
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_certificate_pdf_embeds_the_signed_payload(certificate, owner):
    pdf = _download(logged_in_client(owner), certificate)

    embedded = signed_data_from_pdf(pdf)
    assert embedded is not None
    assert embedded["payload"] == certificate.payload
    assert embedded["payload"]["member"] == "Tabriz Science Park"
    assert signing.signature_is_valid(embedded["payload"], embedded["signature"])
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert certificate.number in text
    assert "Tabriz Science Park" in text


def test_certificate_is_printed_in_each_network_language(active_membership, secretariat, owner, network):
    NetworkSettings.objects.create(network=network, certificate_languages=["en", "ru", "fa"])
    client = logged_in_client(secretariat)
    client.post(f"/networks/memberships/{active_membership.pk}/renew/")
    client.post(
        f"/networks/memberships/{active_membership.pk}/payment/", {"reference": "R", "paid_on": today_iso()}
    )
    certificate = active_membership.certificates.order_by("-issued_at", "-id").first()

    pdf = _download(logged_in_client(owner), certificate)

    pages = PdfReader(io.BytesIO(pdf)).pages
    # the member's own language (Tabriz is in Iran) and English first, then the network's others
    assert certificate.languages == ["fa", "en", "ru"]
    assert len(pages) == 3
    assert "Certificate of membership" in pages[1].extract_text()
    assert "Tabriz Science Park" in pages[2].extract_text()


def test_genuine_certificate_on_page_api_and_command(certificate, owner, anonymous, tmp_path, capsys):
    pdf = _download(logged_in_client(owner), certificate)

    page = anonymous.get(f"/networks/certificates/{certificate.number}/")
    assert page.status_code == 200
    assert 'data-verdict="genuine"' in page.content.decode()
    api = anonymous.get(f"/api/v1/certificates/{certificate.number}")
    assert api.status_code == 200
    assert api.json()["status"] == "genuine" and api.json()["member"] is None
    with_code = anonymous.get(
        f"/api/v1/certificates/{certificate.number}", {"code": verification_code_in(pdf)}
    )
    assert with_code.json()["member"] == "Tabriz Science Park"
    assert 'data-verdict="genuine"' in _upload(anonymous, certificate.number, pdf).content.decode()
    code, output = _verify_file(tmp_path, pdf, capsys)
    assert code == 0, output
    assert "Genuine" in output
    assert "this file is byte for byte the one issued on" in output


def test_revoked_certificate_says_so_with_its_reason(
    certificate, owner, secretariat, anonymous, tmp_path, capsys
):
    pdf = _download(logged_in_client(owner), certificate)

    response = logged_in_client(secretariat).post(
        f"/networks/certificates/{certificate.number}/revoke/", {"reason": "Issued in error"}
    )

    assert response.status_code == 302
    page = anonymous.get(f"/networks/certificates/{certificate.number}/").content.decode()
    assert 'data-verdict="revoked"' in page and "Issued in error" not in page  # the reason is a detail
    code = verification_code_in(pdf)
    page = anonymous.get(f"/networks/certificates/{certificate.number}/", {"code": code}).content.decode()
    assert 'data-verdict="revoked"' in page and "Issued in error" in page
    api = anonymous.get(f"/api/v1/certificates/{certificate.number}", {"code": code}).json()
    assert api["status"] == "revoked" and api["revocation_reason"] == "Issued in error"
    assert anonymous.get(f"/api/v1/certificates/{certificate.number}").json()["revocation_reason"] is None
    assert _verify_file(tmp_path, pdf, capsys)[0] == 3
    assert AuditEvent.objects.filter(action="certificate.revoke", object_id=str(certificate.pk)).exists()


def test_revocation_needs_a_reason(certificate, secretariat):
    logged_in_client(secretariat).post(
        f"/networks/certificates/{certificate.number}/revoke/", {"reason": " "}
    )

    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_altered_payload_is_forged_or_altered(certificate, owner, anonymous, tmp_path, capsys):
    pdf = _download(logged_in_client(owner), certificate)
    forged = certificate_with_altered_payload(pdf, valid_until="2099-12-31")

    page = _upload(anonymous, certificate.number, forged).content.decode()
    assert 'data-verdict="forged"' in page
    assert "Forged or altered" in page
    code, output = _verify_file(tmp_path, forged, capsys)
    assert code == 2
    assert "Forged or altered" in output


def test_certificate_signed_with_another_key_is_forged(
    certificate, owner, anonymous, settings, tmp_path, capsys
):
    pdf = _download(logged_in_client(owner), certificate)
    import base64

    from cryptography.hazmat.primitives import serialization

    other = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    settings.CERTIFICATE_SIGNING_KEY = base64.b64encode(other).decode()
    # Under the other key, the genuine file no longer verifies.
    assert _verify_file(tmp_path, pdf, capsys)[0] == 2


def test_file_without_signature_is_not_a_parklink_document(db, anonymous, tmp_path, capsys):
    data = b"%PDF-1.4 not really a certificate"
    page = _upload(anonymous, "PLC-2026-000001", data).content.decode()

    assert 'data-verdict="not_parklink"' in page
    assert "This file is not a ParkLink document: it carries no ParkLink signature." in page
    assert _verify_file(tmp_path, data, capsys)[0] == 2


def test_expired_certificate(applied, secretariat, full_member, owner, anonymous, tmp_path, capsys):
    client = logged_in_client(secretariat)
    client.post(f"/networks/memberships/{applied.pk}/approve/", {"category": full_member.pk})
    long_ago = datetime.date.today() - datetime.timedelta(days=800)
    client.post(
        f"/networks/memberships/{applied.pk}/payment/", {"reference": "old", "paid_on": long_ago.isoformat()}
    )
    certificate = applied.certificates.get()

    assert certificate.valid_until < datetime.date.today()
    assert (
        'data-verdict="expired"'
        in anonymous.get(f"/networks/certificates/{certificate.number}/").content.decode()
    )
    assert anonymous.get(f"/api/v1/certificates/{certificate.number}").json()["status"] == "expired"
    assert _verify_file(tmp_path, _download(logged_in_client(owner), certificate), capsys)[0] == 4


def test_unknown_number(db, anonymous):
    assert (
        'data-verdict="unknown"' in anonymous.get("/networks/certificates/PLC-1999-000001/").content.decode()
    )
    assert anonymous.get("/api/v1/certificates/PLC-1999-000001").json()["status"] == "unknown"


def test_revoke_over_the_api(api_client, certificate, secretariat, owner):
    refused = api_client(owner).post(
        f"/api/v1/certificates/{certificate.number}/revoke", {"reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403

    response = api_client(secretariat).post(
        f"/api/v1/certificates/{certificate.number}/revoke",
        {"reason": "Fees unpaid"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"


def test_invalid_configured_key_fails_loudly(settings, certificate, owner):
    settings.CERTIFICATE_SIGNING_KEY = "not base64 at all!"

    with pytest.raises(ImproperlyConfigured, match="CERTIFICATE_SIGNING_KEY"):
        signing.signing_key()


def test_development_key_is_derived_from_the_secret_key(settings):
    settings.CERTIFICATE_SIGNING_KEY = ""
    first = signing.public_key_base64()
    settings.SECRET_KEY = "another-development-secret"

    assert signing.public_key_base64() != first


def test_certificate_whose_stored_record_was_altered_is_forged_by_number_too(certificate, anonymous):
    Certificate.objects.filter(pk=certificate.pk).update(
        payload={**certificate.payload, "member": "Intruder"}
    )

    page = anonymous.get(f"/networks/certificates/{certificate.number}/").content.decode()

    assert 'data-verdict="forged"' in page
    assert "This document has been forged or altered: it does not match what ParkLink signed." in page
    assert anonymous.get(f"/api/v1/certificates/{certificate.number}").json()["status"] == "forged"


def test_certificate_numbers_continue_in_the_kernel_counter(certificate):
    assert certificate.number == f"PLC-{certificate.issued_at.year}-000001"
    assert NumberSequence.objects.get(scope=f"networks.certificate:{certificate.issued_at.year}").last == 1


def test_an_attendance_number_is_unknown_to_the_membership_certificate_api(db, anonymous):
    assert anonymous.get("/api/v1/certificates/EV-2026-000001").json()["status"] == "unknown"
