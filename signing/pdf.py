"""PDFs of signed documents (WeasyPrint): the QR code that leads to the verification page, and the
embedded file that carries the signed payload, its signature and the public key, so a file can be
checked offline without trusting anything else in it."""

import base64
import io
import json
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings

from signing import signatures

EMBEDDED_FILE_NAME = "parklink-certificate.json"
# Exchange documents issued before the kernel embedded their data under this name.
LEGACY_EMBEDDED_FILE_NAMES = ("parklink-exchange-document.json",)


def qr_data_uri(text: str) -> str:
    """An SVG QR code of `text` as a data: URI, for an <img> in a PDF template."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def left_to_right(text: str) -> str:
    """`text` isolated as left-to-right (LRI ... PDI), for a code printed inside a sentence that may be
    Persian: without it the bidi algorithm moves a code's leading digits to the other side of the words
    around it ("1RYN-..." printed as "-... کد تأیید 1RYN")."""
    return f"\u2066{text}\u2069" if text else ""


def write_pdf(html: str, **options: Any) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(**options)
    return pdf


def signed_pdf(html: str, *, payload: dict[str, Any], signature: str) -> bytes:
    """The PDF of `html` with the signed payload embedded as `parklink-certificate.json`."""
    from weasyprint import Attachment

    embedded = json.dumps(
        {"payload": payload, "signature": signature, "public_key": signatures.public_key_base64()},
        ensure_ascii=False,
        indent=2,
    )
    return write_pdf(
        html,
        attachments=[
            Attachment(
                string=embedded,
                name=EMBEDDED_FILE_NAME,
                description="ParkLink signed document: Ed25519 signature over the canonical JSON payload",
            )
        ],
    )


def signed_data_from_pdf(data: bytes) -> dict[str, Any] | None:
    """The embedded `{"payload", "signature"}`, or None when the file carries none (or is no PDF)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        contents: list[bytes] = []
        for name in (EMBEDDED_FILE_NAME, *LEGACY_EMBEDDED_FILE_NAMES):
            contents = attachments.get(name) or []
            if contents:
                break
        if not contents:
            return None
        embedded = json.loads(contents[0].decode("utf-8"))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None
    if not isinstance(embedded, dict) or not isinstance(embedded.get("payload"), dict):
        return None
    if not isinstance(embedded.get("signature"), str):
        return None
    return embedded
