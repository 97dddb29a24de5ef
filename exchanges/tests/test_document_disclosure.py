"""Exchange documents cannot be enumerated: a check by number tells anyone the verdict and the network,
never the fellow, the host or the dates. Those need the file itself or the verification code printed on
it. A file that is not byte for byte the one issued is altered, whatever signed data it carries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in_client
from exchanges.models import Document
from signing.tests.forgery import fake_carrying_genuine_data, verification_code_in, with_page_appended

pytestmark = pytest.mark.django_db


@pytest.fixture
def completion(advanced, colleague):
    """A certificate of completion and its PDF as the fellow downloaded it."""
    certificate = advanced("completed").documents.get(kind=Document.Kind.COMPLETION_CERTIFICATE)
    pdf = (
        logged_in_client(colleague)
        .get(reverse("exchanges:document_download", kwargs={"number": certificate.number}))
        .content
    )
    return certificate, pdf


def _verify_page(client, number, **query):
    return client.get(reverse("exchanges:document_verify", kwargs={"number": number}), query)


def _upload(client, data: bytes):
    return client.post(
        reverse("exchanges:document_verify_upload"),
        {"document": SimpleUploadedFile("d.pdf", data, content_type="application/pdf")},
    )


def test_a_check_by_number_shows_verdict_and_network_but_no_personal_field(completion, anonymous, outsider):
    certificate, _pdf = completion
    fellow = certificate.payload["fellow"]
    host = certificate.payload["host_organisation"]

    for client in (anonymous, logged_in_client(outsider)):
        api = client.get(f"/api/v1/exchange-documents/{certificate.number}").json()
        page = _verify_page(client, certificate.number).content.decode()

        assert api["verdict"] == "genuine" and api["network"] == certificate.payload["network"]
        assert api["fellow"] is None and api["host_organisation"] is None and api["issued_at"] is None
        assert api["kind"] is None
        assert 'data-verdict="genuine"' in page and 'data-disclosed="false"' in page
        assert fellow not in page and host not in page
        assert certificate.payload["network"] in page
        assert 'id="verify-code"' in page


def test_the_code_printed_on_the_document_shows_its_details(completion, anonymous):
    certificate, pdf = completion
    code = verification_code_in(pdf)

    api = anonymous.get(f"/api/v1/exchange-documents/{certificate.number}", {"code": code}).json()
    page = _verify_page(anonymous, certificate.number, code=code).content.decode()

    assert api["fellow"] == certificate.payload["fellow"]
    assert api["host_organisation"] == certificate.payload["host_organisation"]
    assert api["kind"] == "completion"
    assert 'data-disclosed="true"' in page and certificate.payload["fellow"] in page


def test_a_wrong_code_shows_no_details(completion, anonymous):
    certificate, pdf = completion
    wrong = "ZZZZ-ZZZZ-ZZZZ" if verification_code_in(pdf) != "ZZZZ-ZZZZ-ZZZZ" else "0000-0000-0000"

    api = anonymous.get(f"/api/v1/exchange-documents/{certificate.number}", {"code": wrong}).json()
    page = _verify_page(anonymous, certificate.number, code=wrong).content.decode()

    assert api["fellow"] is None and "verification code does not match" in api["checked"]
    assert certificate.payload["fellow"] not in page
    assert "The verification code does not match this document" in page


def test_the_genuine_file_is_genuine_and_the_page_says_what_was_checked(completion, anonymous, colleague):
    certificate, pdf = completion
    again = (
        logged_in_client(colleague)
        .get(reverse("exchanges:document_download", kwargs={"number": certificate.number}))
        .content
    )

    page = _upload(anonymous, pdf).content.decode()

    assert again == pdf  # the file is kept as issued, not made again
    assert 'data-verdict="genuine"' in page and 'data-disclosed="true"' in page
    assert "this file is byte for byte the one issued on" in page
    assert certificate.payload["fellow"] in page


def test_the_genuine_file_with_a_page_appended_is_altered(completion, anonymous):
    _certificate, pdf = completion

    page = _upload(anonymous, with_page_appended(pdf)).content.decode()

    assert 'data-verdict="altered"' in page
    assert "it is not the file ParkLink issued" in page


def test_a_fake_pdf_with_the_genuine_signed_data_is_altered_on_the_one_verification_page_too(
    completion, anonymous
):
    _certificate, pdf = completion
    fake = fake_carrying_genuine_data(pdf, "FAKE COMPANY LTD certificate of completion")

    exchanges_page = _upload(anonymous, fake).content.decode()
    one_page = anonymous.post(
        reverse("networks:verify"),
        {"file": SimpleUploadedFile("c.pdf", fake, content_type="application/pdf")},
    ).content.decode()

    assert 'data-verdict="altered"' in exchanges_page
    assert 'data-verdict="altered"' in one_page


def test_the_code_goes_along_when_the_one_verification_page_hands_a_number_over(completion, anonymous):
    certificate, pdf = completion
    code = verification_code_in(pdf)

    response = anonymous.get(
        reverse("networks:certificate_verify", kwargs={"number": certificate.number}), {"code": code}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"?code={code}")
