"""Attachments: PDFs and images only, recognised by content, size-limited, stored under MEDIA_ROOT with a
random name, and served only to those who may see the profile, with headers that forbid sniffing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in_client
from core.models import Sector
from marketplace.models import Attachment, Profile
from marketplace.tests.conftest import ELF_BYTES, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "kind": "TO",
        "title": "Biosensor for milk quality",
        "summary": "A paper biosensor that detects antibiotics in raw milk within minutes.",
        "description": "Developed at the park's biotechnology centre; validated with three dairies.",
        "sectors": [Sector.objects.get(code="biotech-pharma").pk],
        "partnership_types": ["licence"],
        "ipr_status": "granted",
        "patent_numbers": "IR-123456",
        "partner_type": "industry",
        "partner_size": "any",
        "visibility": "public",
        "open_for_eoi": "on",
    }
    data.update(overrides)
    return data


def create(client, park, *files):
    return client.post(
        reverse("marketplace:profile_create"), {**form_data(owner=park.pk), "attachments": list(files)}
    )


def test_pdf_and_png_are_attached_on_creation_and_stored_with_random_names(owner, park, settings):
    response = create(
        logged_in_client(owner),
        park,
        SimpleUploadedFile("datasheet.pdf", pdf_bytes(), content_type="application/octet-stream"),
        SimpleUploadedFile("photo.png", png_bytes(), content_type="text/plain"),
    )
    assert response.status_code == 302
    attachments = {row.original_name: row for row in Attachment.objects.all()}
    assert attachments["datasheet.pdf"].content_type == "application/pdf"
    assert attachments["photo.png"].content_type == "image/png"
    stored = attachments["datasheet.pdf"].file
    assert "datasheet" not in str(stored.name)
    assert stored.path.startswith(str(settings.MEDIA_ROOT))


def test_executable_renamed_pdf_is_refused_and_the_form_keeps_everything_typed(owner, park):
    response = create(
        logged_in_client(owner),
        park,
        SimpleUploadedFile("report.pdf", ELF_BYTES, content_type="application/pdf"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "neither a PDF nor a PNG, JPEG or WebP image" in " ".join(form.errors["attachments"])
    html = response.content.decode()
    assert 'value="Biosensor for milk quality"' in html
    assert "A paper biosensor that detects antibiotics" in html
    assert 'value="IR-123456"' in html
    assert not Profile.objects.exists()


def test_fake_pdf_header_without_a_real_pdf_is_refused(owner, park):
    response = create(logged_in_client(owner), park, SimpleUploadedFile("x.pdf", b"%PDF-1.7\n" + ELF_BYTES))
    assert "attachments" in response.context["form"].errors


def test_oversize_file_is_refused_beside_the_field(owner, park, settings):
    settings.MARKETPLACE_ATTACHMENT_MAX_BYTES = 1000
    big = pdf_bytes() + b"%" * 2000
    response = create(logged_in_client(owner), park, SimpleUploadedFile("big.pdf", big))
    assert response.status_code == 200
    assert "is larger than" in " ".join(response.context["form"].errors["attachments"])
    assert 'value="Biosensor for milk quality"' in response.content.decode()
    assert not Profile.objects.exists()


def test_attachment_served_with_verified_type_and_safe_headers(make_profile, owner, anonymous):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    logged_in_client(owner).post(
        reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
        {"attachments": SimpleUploadedFile("Проспект.pdf", pdf_bytes(), content_type="image/png")},
    )
    attachment = profile.attachments.get()
    response = anonymous.get(
        reverse("marketplace:attachment_download", kwargs={"pk": profile.pk, "attachment_pk": attachment.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=UTF-8''%D0%9F%D1%80%D0%BE%D1%81%D0%BF%D0%B5%D0%BA%D1%82.pdf"
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_outsider_cannot_download_an_attachment_of_a_profile_they_cannot_see(
    make_profile, owner, outsider, anonymous
):
    profile = make_profile(status=Profile.Status.PUBLISHED, visibility=Profile.Visibility.NETWORK_MEMBERS)
    logged_in_client(owner).post(
        reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
        {"attachments": SimpleUploadedFile("photo.png", png_bytes())},
    )
    attachment = profile.attachments.get()
    path = reverse(
        "marketplace:attachment_download", kwargs={"pk": profile.pk, "attachment_pk": attachment.pk}
    )
    assert logged_in_client(outsider).get(path).status_code == 404
    assert anonymous.get(path).status_code == 404
    assert logged_in_client(owner).get(path).status_code == 200


def test_attachment_of_another_profile_is_not_reachable_through_a_visible_one(make_profile, owner, outsider):
    visible = make_profile(status=Profile.Status.PUBLISHED)
    hidden = make_profile()
    logged_in_client(owner).post(
        reverse("marketplace:attachment_add", kwargs={"pk": hidden.pk}),
        {"attachments": SimpleUploadedFile("photo.png", png_bytes())},
    )
    attachment = hidden.attachments.get()
    path = reverse(
        "marketplace:attachment_download", kwargs={"pk": visible.pk, "attachment_pk": attachment.pk}
    )
    assert logged_in_client(outsider).get(path).status_code == 404


def test_outsider_cannot_attach_or_remove(make_profile, owner, outsider):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    client = logged_in_client(outsider)
    response = client.post(
        reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
        {"attachments": SimpleUploadedFile("photo.png", png_bytes())},
    )
    assert response.status_code == 403
    logged_in_client(owner).post(
        reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
        {"attachments": SimpleUploadedFile("photo.png", png_bytes())},
    )
    attachment = profile.attachments.get()
    remove = reverse(
        "marketplace:attachment_remove", kwargs={"pk": profile.pk, "attachment_pk": attachment.pk}
    )
    assert client.post(remove).status_code == 403
    assert logged_in_client(owner).post(remove).status_code == 302
    assert not profile.attachments.exists()


def test_executable_refused_on_the_detail_page_upload(make_profile, owner):
    profile = make_profile()
    response = logged_in_client(owner).post(
        reverse("marketplace:attachment_add", kwargs={"pk": profile.pk}),
        {"attachments": SimpleUploadedFile("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200)},
    )
    assert response.status_code == 422
    assert "neither a PDF nor a PNG" in response.content.decode()
    assert not profile.attachments.exists()


def test_api_attaches_a_pdf_and_removes_it(make_profile, owner, api_client):
    profile = make_profile()
    client = api_client(owner)

    created = client.post(
        f"/api/v1/profiles/{profile.pk}/attachments",
        {"file": SimpleUploadedFile("offer.pdf", pdf_bytes(), content_type="application/pdf")},
    )

    assert created.status_code == 201, created.content
    assert created.json()["content_type"] == "application/pdf"
    attachment = Attachment.objects.get(profile=profile)
    removed = client.delete(f"/api/v1/profiles/{profile.pk}/attachments/{attachment.pk}")
    assert removed.status_code == 204
    assert not Attachment.objects.filter(profile=profile).exists()


def test_api_refuses_an_executable_renamed_pdf_with_a_clear_error(make_profile, owner, api_client):
    profile = make_profile()

    response = api_client(owner).post(
        f"/api/v1/profiles/{profile.pk}/attachments",
        {"file": SimpleUploadedFile("offer.pdf", ELF_BYTES, content_type="application/pdf")},
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert not Attachment.objects.filter(profile=profile).exists()


def test_api_attachment_writes_are_refused_to_outsiders_and_read_tokens(
    make_profile, owner, outsider, api_client
):
    profile = make_profile(visibility="public")
    upload = {"file": SimpleUploadedFile("offer.pdf", pdf_bytes(), content_type="application/pdf")}

    as_outsider = api_client(outsider).post(f"/api/v1/profiles/{profile.pk}/attachments", upload)
    with_read_token = api_client(owner, scope="read").post(
        f"/api/v1/profiles/{profile.pk}/attachments", upload
    )

    assert as_outsider.status_code in {403, 404}
    assert with_read_token.status_code == 403
    assert not Attachment.objects.filter(profile=profile).exists()


def test_api_attachment_upload_needs_a_token(make_profile, anonymous):
    profile = make_profile()
    response = anonymous.post(
        f"/api/v1/profiles/{profile.pk}/attachments",
        {"file": SimpleUploadedFile("offer.pdf", pdf_bytes(), content_type="application/pdf")},
    )
    assert response.status_code == 401
