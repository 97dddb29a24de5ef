"""Attachments lose their metadata on upload (issue 14, item 7): an anonymous profile's PDF no longer names
its author and a photograph no longer carries the place it was taken, whether attached on the page or
through the API; the forms say so."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from PIL.ExifTags import IFD
from pypdf import PdfReader, PdfWriter

from conftest import logged_in_client
from marketplace.models import Profile

pytestmark = pytest.mark.django_db

REMOVED_NOTE = "Metadata such as the author&#x27;s name and the camera&#x27;s location is removed on upload."


def pdf_by_secret_person() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Secret Person", "/Creator": "Secret Word"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = "Secret Person"
    exif.get_ifd(IFD.GPSInfo).update({1: "N", 2: (38.0, 4.0, 48.0), 3: "E", 4: (46.0, 17.0, 30.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 90, 160)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def served(client, profile, attachment) -> bytes:
    response = client.get(
        reverse("marketplace:attachment_download", kwargs={"pk": profile.pk, "attachment_pk": attachment.pk})
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def assert_clean(pdf: bytes, jpeg: bytes) -> None:
    assert b"Secret" not in pdf
    assert "/Author" not in (PdfReader(io.BytesIO(pdf)).metadata or {})
    assert b"Secret" not in jpeg
    with Image.open(io.BytesIO(jpeg)) as image:
        assert not image.getexif().get_ifd(IFD.GPSInfo)
        assert not image.getexif()


def test_files_attached_on_the_page_of_an_anonymous_profile_are_served_without_metadata(
    make_profile, owner, anonymous
):
    assert b"Secret Person" in pdf_by_secret_person()
    assert b"Secret Person" in jpeg_with_gps()
    profile = make_profile(status=Profile.Status.PUBLISHED, anonymous=True)
    client = logged_in_client(owner)
    for name, content in (("plan.pdf", pdf_by_secret_person()), ("site.jpg", jpeg_with_gps())):
        response = client.post(
            reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
            {"attachments": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == 302

    files = {row.original_name: row for row in profile.attachments.all()}
    assert_clean(served(anonymous, profile, files["plan.pdf"]), served(anonymous, profile, files["site.jpg"]))
    assert files["plan.pdf"].size == len(served(anonymous, profile, files["plan.pdf"]))


def test_files_attached_through_the_api_are_served_without_metadata(
    make_profile, owner, api_client, anonymous
):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    client = api_client(owner)
    for name, content in (("plan.pdf", pdf_by_secret_person()), ("site.jpg", jpeg_with_gps())):
        created = client.post(
            f"/api/v1/profiles/{profile.pk}/attachments", {"file": SimpleUploadedFile(name, content)}
        )
        assert created.status_code == 201, created.content

    files = {row.original_name: row for row in profile.attachments.all()}
    assert_clean(served(anonymous, profile, files["plan.pdf"]), served(anonymous, profile, files["site.jpg"]))


def test_a_damaged_photo_is_refused_on_the_page_and_nothing_typed_is_lost(make_profile, owner):
    profile = make_profile()
    noisy = io.BytesIO()
    Image.effect_noise((64, 64), 60).convert("RGB").save(noisy, format="JPEG")
    response = logged_in_client(owner).post(
        reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
        {"attachments": SimpleUploadedFile("site.jpg", noisy.getvalue()[: len(noisy.getvalue()) // 2])},
    )
    assert response.status_code == 422
    assert "site.jpg could not be read to the end; it may be damaged." in response.content.decode()
    assert not profile.attachments.exists()


def test_the_profile_forms_say_that_metadata_is_removed(make_profile, owner, park):
    client = logged_in_client(owner)
    assert REMOVED_NOTE in client.get(reverse("marketplace:profile_create")).content.decode()
    profile = make_profile()
    assert (
        REMOVED_NOTE
        in client.get(reverse("marketplace:profile_detail", kwargs={"pk": profile.pk})).content.decode()
    )


def test_an_outsider_cannot_attach_to_a_profile_even_a_clean_file(make_profile, outsider):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    response = logged_in_client(outsider).post(
        reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
        {"attachments": SimpleUploadedFile("site.jpg", jpeg_with_gps())},
    )
    assert response.status_code == 403
    assert not profile.attachments.exists()
