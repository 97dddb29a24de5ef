"""Build altered copies of a certificate PDF, as a forger would."""

import io
import json
from typing import Any

from pypdf import PdfReader, PdfWriter

from networks.certificates import EMBEDDED_FILE_NAME


def certificate_with_altered_payload(pdf: bytes, **changes: Any) -> bytes:
    """The same pages, with the embedded payload changed but the original signature kept."""
    reader = PdfReader(io.BytesIO(pdf))
    embedded = json.loads(reader.attachments[EMBEDDED_FILE_NAME][0])
    embedded["payload"].update(changes)
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_attachment(EMBEDDED_FILE_NAME, json.dumps(embedded).encode("utf-8"))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
