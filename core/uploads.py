"""The one home for files people upload and download: what may be uploaded (PDFs and images, recognised by
their content, never by their name or by the content type the browser claims, within the caller's size
limit) and how a stored upload is handed back (as a download the browser must not sniff or render).

A file that only pretends (an executable renamed `.pdf`) is refused. What is kept has lost its metadata
(a PDF's author, creator, producer and XMP; an image's EXIF, including the camera's location, XMP, ICC
profile and comments): a file rewritten from its content alone, so no upload tells who made it or where."""

import io
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import NameObject

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
        if reader.is_encrypted and not reader.decrypt(""):
            return "application/pdf", ".pdf"  # a PDF, refused below as protected
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


# What a page may carry about its making, beside its content.
_PAGE_METADATA_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")
# Settings that describe the picture itself and survive the rewrite; everything else (EXIF, XMP, ICC
# profile, comments, text chunks) does not.
_IMAGE_KEPT_INFO = ("transparency", "duration", "loop", "background")


def _damaged(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s could not be read to the end; it may be damaged. Save it again and attach the new file."),
        code="attachment_damaged",
        params={"name": name},
    )


class _Protected(Exception):
    """A PDF that opens only with a password: its pages cannot be read, so neither checked nor rewritten."""


def _pdf_without_metadata(content: bytes) -> bytes:
    """The PDF's pages copied into a new document that has no information dictionary and no XMP."""
    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted and not reader.decrypt(""):
        raise _Protected
    writer = PdfWriter()
    for page in reader.pages:
        added = writer.add_page(page)
        for key in _PAGE_METADATA_KEYS:
            if key in added:
                del added[NameObject(key)]
    writer.metadata = None
    writer.xmp_metadata = None
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@contextmanager
def _truncation_refused() -> Iterator[None]:
    """WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when it is imported, which would make a
    truncated upload load as a picture filled with grey; while an upload is rewritten, a truncated file
    is an error again."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _image_without_metadata(content: bytes) -> bytes:
    """The picture saved anew in its own format with its orientation applied and nothing else kept."""
    with _truncation_refused(), Image.open(io.BytesIO(content)) as image:
        image_format = image.format or ""
        animated = getattr(image, "n_frames", 1) > 1
        kept = {key: image.info[key] for key in _IMAGE_KEPT_INFO if key in image.info}
        if image_format == "WEBP":
            kept.pop("background", None)
        buffer = io.BytesIO()
        if animated:
            image.info = {}
            image.save(buffer, format=image_format, save_all=True, **kept)
        else:
            upright = ImageOps.exif_transpose(image)
            upright.info = {}
            options: dict[str, object] = dict(kept)
            if image_format == "JPEG":
                options["quality"] = 95
            elif image_format == "WEBP":
                options["quality"] = 90
            upright.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def strip_metadata(content: bytes, content_type: str) -> bytes:
    """The file rewritten without its metadata; ValueError (or an error of the reader) if it cannot be."""
    if content_type == "application/pdf":
        return _pdf_without_metadata(content)
    return _image_without_metadata(content)


def _too_large(name: str, max_bytes: int) -> ValidationError:
    return ValidationError(
        _("%(name)s is larger than %(limit)s; attach a smaller file."),
        code="attachment_too_large",
        params={"name": name, "limit": filesizeformat(max_bytes)},
    )


def verify_upload(uploaded: UploadedFile, *, max_bytes: int) -> VerifiedFile:
    """The upload's bytes with the type their content proves, or a ValidationError (without a field: the
    caller knows which field it came from) if it is larger than `max_bytes`, empty, not a PDF or image, or
    damaged. The bytes returned are the file rewritten without its metadata."""
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
    try:
        cleaned = strip_metadata(content, content_type)
    except _Protected as error:
        raise ValidationError(
            _("%(name)s is protected by a password; attach a copy that opens without one."),
            code="attachment_protected",
            params={"name": name},
        ) from error
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        SyntaxError,
        RecursionError,
        Image.DecompressionBombError,
    ) as error:
        raise _damaged(name) from error
    if len(cleaned) > max_bytes:
        raise _too_large(name, max_bytes)
    return VerifiedFile(
        content=cleaned,
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
