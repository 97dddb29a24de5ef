"""Document endpoints: the public verification of a signed document by its number."""

from typing import Any

from django.http import HttpRequest
from ninja import Query

from exchanges import documents
from exchanges.api.base import router
from exchanges.api.schemas import VerificationOut


@router.get("/exchange-documents/{number}", response=VerificationOut, auth=None)
def document_verification(
    request: HttpRequest, number: str, code: str = Query("", max_length=64)
) -> dict[str, Any]:
    """Public, no token needed: is this visa letter, agreement or certificate genuine or revoked, and
    which network issued it? The fellow, host and dates need the verification code printed on it."""
    check = documents.document_check_number(number, code=code[:64])
    document = check.details
    return {
        "number": check.number,
        "verdict": check.verdict,
        "network": check.issuer or None,
        "kind": document.kind if document else None,
        "fellow": document.payload.get("fellow") if document else None,
        "host_organisation": document.payload.get("host_organisation") if document else None,
        "issued_at": document.issued_at if document else None,
        "detail": check.detail,
        "checked": check.what_was_checked,
    }
