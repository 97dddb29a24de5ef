"""The one upload check: PDFs and images recognised by their content within the caller's own size limit,
and stored uploads handed back as downloads the browser may neither sniff nor render."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import Http404
from PIL import Image
from pypdf import PdfWriter

from core.uploads import upload_download_response, verify_upload

LIMIT = 100_000
# The first bytes of a Linux executable, renamed report.pdf by whoever hopes nobody looks inside.
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def refusal(uploaded: SimpleUploadedFile, *, max_bytes: int = LIMIT) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        verify_upload(uploaded, max_bytes=max_bytes)
    return caught.value


def test_a_pdf_is_recognised_by_its_content_whatever_the_browser_claims():
    uploaded = SimpleUploadedFile("C:\\Users\\amir\\plan.pdf", pdf_bytes(), content_type="image/png")
    verified = verify_upload(uploaded, max_bytes=LIMIT)
    assert verified.content_type == "application/pdf"
    assert verified.original_name == "plan.pdf"
    assert verified.stored_name.endswith(".pdf")
    assert "plan" not in verified.stored_name


@pytest.mark.parametrize(
    ("image_format", "content_type", "extension"),
    [("PNG", "image/png", ".png"), ("JPEG", "image/jpeg", ".jpg"), ("WEBP", "image/webp", ".webp")],
)
def test_an_image_is_recognised_by_its_content_even_under_a_wrong_name(image_format, content_type, extension):
    verified = verify_upload(SimpleUploadedFile("scan.pdf", image_bytes(image_format)), max_bytes=LIMIT)
    assert verified.content_type == content_type
    assert verified.stored_name.endswith(extension)


def test_an_executable_renamed_pdf_is_refused():
    error = refusal(SimpleUploadedFile("report.pdf", ELF_BYTES, content_type="application/pdf"))
    assert error.code == "attachment_type"
    assert "report.pdf is neither a PDF nor a PNG, JPEG or WebP image" in error.messages[0]


def test_a_pdf_header_in_front_of_something_else_is_refused():
    assert refusal(SimpleUploadedFile("x.pdf", b"%PDF-1.7\n" + ELF_BYTES)).code == "attachment_type"


def test_an_empty_file_is_refused():
    error = refusal(SimpleUploadedFile("blank.pdf", b""))
    assert error.code == "attachment_empty"
    assert error.messages == ["blank.pdf is empty."]


def test_each_caller_sets_its_own_size_limit():
    content = pdf_bytes()
    assert verify_upload(SimpleUploadedFile("a.pdf", content), max_bytes=len(content)).content == content
    error = refusal(SimpleUploadedFile("a.pdf", content), max_bytes=len(content) - 1)
    assert error.code == "attachment_too_large"
    assert "a.pdf is larger than" in error.messages[0]


def test_a_file_that_understates_its_size_is_still_measured_by_its_bytes():
    uploaded = SimpleUploadedFile("big.pdf", pdf_bytes() + b"%" * 2000)
    uploaded.size = 10
    assert refusal(uploaded, max_bytes=1000).code == "attachment_too_large"


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    field = FileField(storage=storage)
    field.name = "file"

    def store(content: bytes) -> FieldFile:
        name = storage.save("0123abcd.pdf", ContentFile(content))
        return FieldFile(None, field, name)  # type: ignore[arg-type]  # a file outside any model

    return store


def test_a_download_carries_the_proved_type_an_encoded_name_and_forbids_sniffing(stored):
    response = upload_download_response(
        stored(pdf_bytes()), content_type="application/pdf", filename='Проспект"; x=.pdf'
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=UTF-8''%D0%9F%D1%80%D0%BE%D1%81%D0%BF%D0%B5%D0%BA%D1%82%22%3B%20x%3D.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[arg-type]


def test_a_download_whose_file_is_gone_is_not_found(stored):
    file = stored(pdf_bytes())
    file.storage.delete(file.name)
    with pytest.raises(Http404):
        upload_download_response(file, content_type="application/pdf", filename="gone.pdf")
