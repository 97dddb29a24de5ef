"""Rotating the signing key keeps earlier certificates genuine while their old public key is listed in
CERTIFICATE_RETIRED_PUBLIC_KEYS; without it they stop verifying (docs/operations.md, "Rotating the key")."""

import pytest
from django.core.management import call_command

from conftest import logged_in_client
from signing.signatures import new_private_key_base64


@pytest.fixture
def old_key(settings) -> str:
    settings.CERTIFICATE_SIGNING_KEY = new_private_key_base64()
    return settings.CERTIFICATE_SIGNING_KEY


@pytest.fixture
def issued_pdf(old_key, certificate, owner) -> bytes:
    response = logged_in_client(owner).get(f"/networks/certificates/{certificate.number}/certificate.pdf")
    assert response.status_code == 200
    return response.content


def _verdict(tmp_path, data: bytes, capsys) -> tuple[int, str]:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    try:
        call_command("verify_certificate", str(path))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    else:
        code = 0
    return code, capsys.readouterr().out


def test_the_public_key_printed_for_retirement_is_the_current_one(old_key, capsys):
    call_command("certificate_key_generate", "--public")
    printed = capsys.readouterr().out.strip()
    call_command("certificate_key_generate")
    assert capsys.readouterr().out.strip() not in {printed, old_key}
    from signing.signatures import public_key_base64

    assert printed == public_key_base64()


def test_a_certificate_signed_before_a_rotation_stays_genuine_with_its_retired_key(
    issued_pdf, settings, tmp_path, capsys, anonymous, certificate
):
    call_command("certificate_key_generate", "--public")
    retired_public = capsys.readouterr().out.strip()

    settings.CERTIFICATE_SIGNING_KEY = new_private_key_base64()
    settings.CERTIFICATE_RETIRED_PUBLIC_KEYS = [retired_public]

    code, output = _verdict(tmp_path, issued_pdf, capsys)
    assert code == 0, output
    assert anonymous.get(f"/api/v1/certificates/{certificate.number}").json()["status"] == "genuine"


def test_without_the_retired_key_the_earlier_certificate_no_longer_verifies(
    issued_pdf, settings, tmp_path, capsys, anonymous, certificate
):
    settings.CERTIFICATE_SIGNING_KEY = new_private_key_base64()
    settings.CERTIFICATE_RETIRED_PUBLIC_KEYS = []

    code, _output = _verdict(tmp_path, issued_pdf, capsys)
    assert code != 0
    assert anonymous.get(f"/api/v1/certificates/{certificate.number}").json()["status"] != "genuine"
