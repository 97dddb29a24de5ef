"""The one home for files people upload and download: what may be uploaded (PDFs and images, recognised by
their content, never by their name or by the content type the browser claims, within the caller's size
limit) and how a stored upload is handed back (as a download the browser must not sniff or render).

A file that only pretends (an executable renamed `.pdf`) is refused."""

import io
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

PDF_MAGIC = b"%PDF-"
IMAGE_TYPES = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg"), "WEBP": ("image/webp", ".webp")}


@dataclass(frozen=True)
class VerifiedFile:
    """An upload whose content was checked: its bytes, the type they really are, and a random name."""

    content: bytes
    content_type: str
    stored_name: str
    original_name: str


def _pdf_type(content: bytes) -> tuple[str, str] | None:
    if not content.startswith(PDF_MAGIC):
        return None
    try:
        reader = PdfReader(io.BytesIO(content))
        if len(reader.pages) < 1:
            return None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError):
        return None
    return "application/pdf", ".pdf"


def _image_type(content: bytes) -> tuple[str, str] | None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image_format = image.format or ""
            image.verify()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES.get(image_format)


def _too_large(name: str, max_bytes: int) -> ValidationError:
    return ValidationError(
        _("%(name)s is larger than %(limit)s; attach a smaller file."),
        code="attachment_too_large",
        params={"name": name, "limit": filesizeformat(max_bytes)},
    )


def verify_upload(uploaded: UploadedFile, *, max_bytes: int) -> VerifiedFile:
    """The upload's bytes with the type their content proves, or a ValidationError (without a field: the
    caller knows which field it came from) if it is larger than `max_bytes`, empty, or not a PDF or image."""
    name = (uploaded.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255] or "attachment"
    if (uploaded.size or 0) > max_bytes:
        raise _too_large(name, max_bytes)
    uploaded.seek(0)
    # Read one byte past the limit: a file whose claimed size lies is still caught.
    content = uploaded.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise _too_large(name, max_bytes)
    if not content:
        raise ValidationError(_("%(name)s is empty."), code="attachment_empty", params={"name": name})
    found = _pdf_type(content) or _image_type(content)
    if found is None:
        raise ValidationError(
            _("%(name)s is neither a PDF nor a PNG, JPEG or WebP image; only those may be attached."),
            code="attachment_type",
            params={"name": name},
        )
    content_type, extension = found
    return VerifiedFile(
        content=content,
        content_type=content_type,
        stored_name=secrets.token_hex(16) + extension,
        original_name=name,
    )


def upload_download_response(file: FieldFile, *, content_type: str, filename: str) -> FileResponse:
    """A stored upload as a download: the type its content proved, the person's file name encoded so no
    name can break the header, and headers that forbid sniffing and rendering it as a page. Raises Http404
    if the file is gone from storage."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("No such file.")) from error
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(filename, safe="")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
