"""The documents issued before the kernel existed (fixtures/, see its README) and the key that signed them."""

import json
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

FIXTURES = Path(__file__).parent / "fixtures"
# Base64 of a raw Ed25519 private key that signed the fixture documents and nothing else.
FIXTURE_KEY = "RBnrPTNpR5LzzOZim0stTVKvSX64oz7+pbr1PA506KY="
NAMES = ("membership_certificate", "attendance_certificate", "exchange_invitation_letter")


def issued_pdf(name: str) -> bytes:
    return (FIXTURES / f"{name}.pdf").read_bytes()


def issued_record(name: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return record


def tampered_pdf(name: str, **changes: Any) -> bytes:
    """A forger's copy: the same file with its embedded payload changed and the signature kept."""
    import io

    reader = PdfReader(io.BytesIO(issued_pdf(name)))
    (embedded_name, contents), *_ = reader.attachments.items()
    embedded = json.loads(contents[0])
    embedded["payload"] = {**embedded["payload"], **changes}
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_attachment(embedded_name, json.dumps(embedded).encode("utf-8"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
