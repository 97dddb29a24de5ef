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
from PIL import Image, ImageFile
from PIL.ExifTags import IFD
from pypdf import PdfReader, PdfWriter

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
    assert verify_upload(SimpleUploadedFile("a.pdf", content), max_bytes=len(content)).content.startswith(
        b"%PDF-"
    )
    error = refusal(SimpleUploadedFile("a.pdf", content), max_bytes=len(content) - 1)
    assert error.code == "attachment_too_large"
    assert "a.pdf is larger than" in error.messages[0]


def test_a_file_that_understates_its_size_is_still_measured_by_its_bytes():
    uploaded = SimpleUploadedFile("big.pdf", pdf_bytes() + b"%" * 2000)
    uploaded.size = 10
    assert refusal(uploaded, max_bytes=1000).code == "attachment_too_large"


def pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Secret Person", "/Creator": "Secret Word", "/Producer": "Secret Press"})
    writer.xmp_metadata = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<dc:creator>Secret Person</dc:creator></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def photo_with_gps(image_format: str) -> bytes:
    """A 40x20 photograph taken with the camera turned (orientation 6), its place and author in EXIF."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x013B] = "Secret Person"  # artist
    gps = exif.get_ifd(IFD.GPSInfo)
    gps.update({1: "N", 2: (38.0, 4.0, 48.0), 3: "E", 4: (46.0, 17.0, 30.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 30)).save(
        buffer, format=image_format, exif=exif, icc_profile=b"Secret ICC profile"
    )
    return buffer.getvalue()


def test_a_pdf_loses_its_author_creator_producer_and_xmp_and_keeps_its_pages():
    original = pdf_with_author()
    assert b"Secret Person" in original

    kept = verify_upload(SimpleUploadedFile("plan.pdf", original), max_bytes=LIMIT).content

    assert b"Secret" not in kept
    reader = PdfReader(io.BytesIO(kept))
    assert len(reader.pages) == 1
    assert "/Author" not in (reader.metadata or {})
    assert reader.xmp_metadata is None


@pytest.mark.parametrize(
    ("image_format", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_a_photo_loses_its_exif_location_and_profile_and_stays_upright(image_format, content_type):
    original = photo_with_gps(image_format)
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(IFD.GPSInfo)

    verified = verify_upload(SimpleUploadedFile("photo", original), max_bytes=LIMIT)

    assert verified.content_type == content_type
    assert b"Secret" not in verified.content
    with Image.open(io.BytesIO(verified.content)) as after:
        assert not after.getexif()
        assert "icc_profile" not in after.info
        assert after.size == (20, 40)  # the turn the EXIF asked for is applied to the pixels


@pytest.mark.parametrize("lenient_pillow", [False, True])
def test_a_truncated_image_is_refused_as_damaged_with_its_name(monkeypatch, lenient_pillow):
    # WeasyPrint, once imported, makes Pillow load truncated images: the refusal must hold all the same.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient_pillow)
    big = io.BytesIO()
    Image.effect_noise((64, 64), 60).convert("RGB").save(big, format="JPEG")
    broken = big.getvalue()[: len(big.getvalue()) // 2]

    error = refusal(SimpleUploadedFile("holiday.jpg", broken))

    assert ImageFile.LOAD_TRUNCATED_IMAGES is lenient_pillow  # left as it was found
    assert error.code == "attachment_damaged"
    assert error.messages[0].startswith("holiday.jpg could not be read to the end; it may be damaged.")


def test_a_pdf_behind_a_password_is_refused_with_what_to_do():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)

    error = refusal(SimpleUploadedFile("locked.pdf", buffer.getvalue()))

    assert error.code == "attachment_protected"
    assert error.messages == ["locked.pdf is protected by a password; attach a copy that opens without one."]


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
