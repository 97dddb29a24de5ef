"""What a profile may carry: PDFs and images, recognised by their content, never by their name or by the
content type the browser claims. A file that only pretends (an executable renamed `.pdf`) is refused."""

import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
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


def _error(message: StrOrPromise, *, code: str, params: dict[str, object] | None = None) -> ValidationError:
    return ValidationError({"attachments": ValidationError(message, code=code, params=params)})


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


def verify_upload(uploaded: UploadedFile) -> VerifiedFile:
    """The upload's bytes with the type their content proves, or a ValidationError on `attachments`."""
    name = (uploaded.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255] or "attachment"
    limit = settings.MARKETPLACE_ATTACHMENT_MAX_BYTES
    if (uploaded.size or 0) > limit:
        raise _error(
            _("%(name)s is larger than %(limit)s; attach a smaller file."),
            code="attachment_too_large",
            params={"name": name, "limit": filesizeformat(limit)},
        )
    uploaded.seek(0)
    content = uploaded.read(limit + 1)
    if len(content) > limit:
        raise _error(
            _("%(name)s is larger than %(limit)s; attach a smaller file."),
            code="attachment_too_large",
            params={"name": name, "limit": filesizeformat(limit)},
        )
    if not content:
        raise _error(_("%(name)s is empty."), code="attachment_empty", params={"name": name})
    found = _pdf_type(content) or _image_type(content)
    if found is None:
        raise _error(
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
