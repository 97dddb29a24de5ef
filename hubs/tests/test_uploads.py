"""What the hubs accept as files: agreement documents pass the content check of `core.uploads` (a PDF or
an image, whatever the name says), interaction imports must read as CSV (UTF-8) or XLSX. A file in
disguise is refused with a sentence saying why, and nothing is stored or imported."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from conftest import logged_in_client
from hubs import services
from hubs.models import AgreementDocument, Interaction

pytestmark = pytest.mark.django_db

# The first bytes of a Windows executable.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def test_an_executable_renamed_pdf_is_refused_with_a_clear_message(agreement, owner, park):
    # given an approval of the current text
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    # when the manager attaches an executable named like a PDF
    response = logged_in_client(owner).post(
        reverse("hubs:agreement_document_add", args=[agreement.pk]),
        {"file": SimpleUploadedFile("annex.pdf", EXECUTABLE, content_type="application/pdf")},
        follow=True,
    )
    # then it is refused, saying why, and nothing changes
    assert (
        "annex.pdf is neither a PDF nor a PNG, JPEG or WebP image; only those may be attached."
        in response.content.decode()
    )
    assert not AgreementDocument.objects.exists()
    assert agreement.parties.get(organisation=park).approved_hash == agreement.text_hash


def test_a_pdf_header_on_something_else_is_refused_by_the_service(agreement, owner):
    with pytest.raises(ValidationError) as refusal:
        services.agreement_document_add(
            actor=owner, agreement=agreement, upload=SimpleUploadedFile("annex.pdf", b"%PDF-1.4 not a pdf")
        )
    assert refusal.value.message_dict == {
        "file": ["annex.pdf is neither a PDF nor a PNG, JPEG or WebP image; only those may be attached."]
    }


def test_a_document_over_the_limit_is_refused(agreement, owner, pdf_bytes, monkeypatch):
    monkeypatch.setattr("hubs.services.agreements.AGREEMENT_DOCUMENT_MAX_BYTES", len(pdf_bytes) - 1)
    with pytest.raises(ValidationError) as refusal:
        services.agreement_document_add(
            actor=owner, agreement=agreement, upload=SimpleUploadedFile("annex.pdf", pdf_bytes)
        )
    assert "annex.pdf is larger than" in refusal.value.message_dict["file"][0]


def test_a_real_pdf_is_stored_under_a_random_name_and_downloaded_unsniffable(agreement, owner, pdf_bytes):
    document = services.agreement_document_add(
        actor=owner, agreement=agreement, upload=SimpleUploadedFile("../Annex A.pdf", pdf_bytes)
    )
    assert document.original_name == "Annex A.pdf"
    stored_name = document.file.name or ""
    assert stored_name.endswith(".pdf") and "Annex" not in stored_name
    response = logged_in_client(owner).get(
        reverse("hubs:agreement_document_download", args=[agreement.pk, document.pk])
    )
    # Stored without its metadata (core.uploads), so the same pages rather than the same bytes.
    assert response.status_code == 200 and len(PdfReader(io.BytesIO(response.getvalue())).pages) == 1
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Annex%20A.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "interactions.csv",
            EXECUTABLE,
            "The CSV file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.",
        ),
        ("interactions.xlsx", EXECUTABLE, "The file could not be opened as an Excel (XLSX) workbook."),
    ],
)
def test_an_import_file_in_disguise_is_refused_and_nothing_is_imported(
    hub, desk_member, name, content, message
):
    response = logged_in_client(desk_member).post(
        reverse("hubs:interaction_import", args=[hub.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
        follow=True,
    )
    page = response.content.decode()
    assert message in page and "Nothing was imported" in page
    assert not Interaction.objects.exists()
