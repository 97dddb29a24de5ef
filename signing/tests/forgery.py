"""What a forger does with a genuine signed PDF, and how a test reads the verification code off one."""

import io
import re

from pypdf import PdfReader, PdfWriter

from signing.pdf import EMBEDDED_FILE_NAME, write_pdf

CODE_PRINTED = re.compile(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")


def verification_code_in(pdf: bytes) -> str:
    """The verification code printed beside the QR code of the file's first page."""
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    found = CODE_PRINTED.search(text)
    assert found is not None, "no verification code printed on the document"
    return found.group(1)


def _written(writer: PdfWriter) -> bytes:
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def with_page_appended(pdf: bytes) -> bytes:
    """The genuine file, every byte of its content and its embedded data kept, plus one more page."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_blank_page()
    return _written(writer)


def fake_carrying_genuine_data(pdf: bytes, visible_text: str) -> bytes:
    """A new PDF that shows `visible_text` and carries the genuine file's embedded signed data."""
    embedded = PdfReader(io.BytesIO(pdf)).attachments[EMBEDDED_FILE_NAME][0]
    fake = PdfReader(io.BytesIO(write_pdf(f"<h1>{visible_text}</h1>")))
    writer = PdfWriter()
    for page in fake.pages:
        writer.add_page(page)
    writer.add_attachment(EMBEDDED_FILE_NAME, embedded)
    return _written(writer)
