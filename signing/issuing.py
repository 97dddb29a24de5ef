"""The file as issued: a signed document's PDF is made once, kept, and bound to its record.

A payload signed with `signatures.versioned` carries `"issued_file": "sha256"`: a promise, under the
signature, that ParkLink keeps the PDF it issues for this number and its SHA-256. The first time the
PDF is asked for, `issued_pdf` renders it (with a fresh verification code printed beside the QR code),
stores the bytes, their SHA-256 and a signed statement {number, pdf_sha256}, and from then on serves
exactly those bytes. Rendering is not deterministic (WeasyPrint writes the time into the file, the
exchange documents print the hour they were made), so the bytes are kept rather than re-made.

Payloads without the promise were issued before ParkLink kept files: their PDF is still rendered on
each download, without a code, and a check of such a file says plainly that its content could not be
compared.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db import IntegrityError, transaction

from signing import signatures
from signing.models import IssuedFile

FILE_BINDING_FIELD = signatures.FILE_BINDING_FIELD
FILE_BINDING = signatures.FILE_BINDING
STATEMENT_TYPE = "parklink.issued_file"
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
CODE_LENGTH = 12  # 60 random bits
CODE_PARAMETER = "code"


def binds_file(payload: dict[str, Any]) -> bool:
    """Did ParkLink promise, when it signed this payload, to keep the file it issues?"""
    return payload.get(FILE_BINDING_FIELD) == FILE_BINDING


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[index : index + 4] for index in range(0, CODE_LENGTH, 4))


def normalised_code(code: str) -> str:
    """The code as typed, in the canonical alphabet: case, spaces and dashes ignored, O→0, I and L→1."""
    cleaned = "".join(character for character in code.upper()[:64] if character.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def code_hash(code: str) -> str:
    return sha256_hex(normalised_code(code).encode("ascii", "ignore"))


def code_matches(issued_file: IssuedFile | None, code: str) -> bool:
    if issued_file is None or not normalised_code(code):
        return False
    return hmac.compare_digest(issued_file.code_sha256, code_hash(code))


def link_with_code(url: str, code: str) -> str:
    """The verification page's address the QR code holds: with the code, scanning shows the details."""
    return f"{url}?{urlencode({CODE_PARAMETER: code})}" if code else url


def statement_for(number: str, pdf_sha256: str) -> dict[str, Any]:
    return {
        "type": STATEMENT_TYPE,
        "number": number,
        "pdf_sha256": pdf_sha256,
        signatures.PAYLOAD_VERSION_FIELD: 1,
    }


def statement_is_valid(issued_file: IssuedFile) -> bool:
    """The stored hash is the one ParkLink signed for this number."""
    expected = statement_for(issued_file.number, issued_file.pdf_sha256)
    return issued_file.statement == expected and signatures.signature_is_valid(
        issued_file.statement, issued_file.signature
    )


def issued_file_of(number: str) -> IssuedFile | None:
    return IssuedFile.objects.filter(number=number).first()


def issued_file_store(*, kind: str, number: str, data: bytes, code: str) -> IssuedFile:
    """Keep the file as issued, once per number; when two first downloads race, the first one stays."""
    digest = sha256_hex(data)
    statement = statement_for(number, digest)
    try:
        with transaction.atomic():
            return IssuedFile.objects.create(
                number=number,
                kind=kind,
                pdf=data,
                pdf_sha256=digest,
                code_sha256=code_hash(code),
                statement=statement,
                signature=signatures.sign(statement),
            )
    except IntegrityError:
        return IssuedFile.objects.get(number=number)


def issued_pdf(*, kind: str, document: Any, render: Callable[[str], bytes]) -> bytes:
    """The document's PDF as issued. `render(code)` makes the file, printing `code` (the verification
    code, "" for a document issued before files were kept) and `link_with_code(url, code)` in its QR."""
    if not binds_file(document.payload):
        return render("")
    kept = issued_file_of(document.number)
    if kept is None:
        code = new_verification_code()
        kept = issued_file_store(kind=kind, number=document.number, data=render(code), code=code)
    return bytes(kept.pdf)
