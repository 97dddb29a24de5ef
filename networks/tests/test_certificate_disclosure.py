"""A membership certificate binds what it shows: only the file as issued is genuine. A check by number
tells anyone the verdict and the network; the member, category and dates need the file or the code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from conftest import logged_in_client
from signing.models import IssuedFile
from signing.tests.forgery import fake_carrying_genuine_data, verification_code_in, with_page_appended

MEMBER = "Tabriz Science Park"


@pytest.fixture
def issued_pdf(certificate, owner) -> bytes:
    response = logged_in_client(owner).get(f"/networks/certificates/{certificate.number}/certificate.pdf")
    assert response.status_code == 200
    return response.content


def _upload(client, data: bytes) -> str:
    response = client.post(
        "/networks/verify/", {"file": SimpleUploadedFile("c.pdf", data, content_type="application/pdf")}
    )
    return response.content.decode()


def _command(tmp_path, data: bytes, capsys) -> tuple[int, str]:
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


def test_anonymous_and_outsider_checks_by_number_show_no_member_nor_dates(
    certificate, issued_pdf, anonymous, outsider, network
):
    for client in (anonymous, logged_in_client(outsider)):
        api = client.get(f"/api/v1/certificates/{certificate.number}").json()
        page = client.get(f"/networks/certificates/{certificate.number}/").content.decode()

        assert api["status"] == "genuine" and api["network"] == network.name
        assert api["member"] is None and api["category"] is None
        assert api["valid_from"] is None and api["valid_until"] is None
        assert 'data-disclosed="false"' in page and MEMBER not in page
        assert network.name in page


def test_the_code_printed_on_the_certificate_shows_its_details(certificate, issued_pdf, anonymous):
    code = verification_code_in(issued_pdf)

    api = anonymous.get(f"/api/v1/certificates/{certificate.number}", {"code": code}).json()
    page = anonymous.get(f"/networks/certificates/{certificate.number}/", {"code": code}).content.decode()

    assert api["member"] == MEMBER and api["valid_until"] == certificate.valid_until.isoformat()
    assert 'data-disclosed="true"' in page and MEMBER in page


def test_a_wrong_code_shows_nothing_more(certificate, issued_pdf, anonymous):
    wrong = "0000-0000-0000" if verification_code_in(issued_pdf) != "0000-0000-0000" else "1111-1111-1111"

    api = anonymous.get(f"/api/v1/certificates/{certificate.number}", {"code": wrong}).json()
    page = anonymous.get(f"/networks/certificates/{certificate.number}/", {"code": wrong}).content.decode()

    assert api["member"] is None
    assert MEMBER not in page and "The verification code does not match this document" in page


def test_the_genuine_file_is_genuine_and_kept_as_issued(
    certificate, issued_pdf, owner, anonymous, tmp_path, capsys
):
    again = (
        logged_in_client(owner).get(f"/networks/certificates/{certificate.number}/certificate.pdf").content
    )

    page = _upload(anonymous, issued_pdf)
    code, output = _command(tmp_path, issued_pdf, capsys)

    assert again == issued_pdf
    assert IssuedFile.objects.get(number=certificate.number).kind == "networks.membership_certificate"
    assert 'data-verdict="genuine"' in page and "this file is byte for byte the one issued on" in page
    assert code == 0 and "byte for byte" in output


def test_a_certificate_with_a_page_appended_is_altered(certificate, issued_pdf, anonymous, tmp_path, capsys):
    appended = with_page_appended(issued_pdf)

    page = _upload(anonymous, appended)
    code, output = _command(tmp_path, appended, capsys)

    assert 'data-verdict="altered"' in page
    assert code == 2 and "Altered" in output


def test_a_fake_certificate_carrying_genuine_signed_data_is_altered(
    certificate, issued_pdf, anonymous, tmp_path, capsys
):
    fake = fake_carrying_genuine_data(issued_pdf, "FAKE COMPANY LTD member until 2099")

    page = _upload(anonymous, fake)
    code, output = _command(tmp_path, fake, capsys)

    assert 'data-verdict="altered"' in page
    assert "FAKE COMPANY" not in page and MEMBER in page  # the page shows what was really issued
    assert code == 2 and "Altered" in output


def test_scanning_the_qr_code_shows_the_details(certificate, owner, anonymous, monkeypatch):
    from signing import pdf as signing_pdf

    scanned: list[str] = []
    original = signing_pdf.qr_data_uri

    def recording_qr(text: str) -> str:
        scanned.append(text)
        return original(text)

    monkeypatch.setattr(signing_pdf, "qr_data_uri", recording_qr)
    download = f"/networks/certificates/{certificate.number}/certificate.pdf"
    issued = logged_in_client(owner).get(download).content

    (link,) = scanned
    page = anonymous.get(link[link.index("/networks/") :]).content.decode()

    assert link.endswith(f"?code={verification_code_in(issued)}")
    assert 'data-disclosed="true"' in page and MEMBER in page
