"""Document endpoints: the public verification of a signed document by its number."""

from typing import Any

from django.http import HttpRequest

from exchanges import documents
from exchanges.api.base import router
from exchanges.api.schemas import VerificationOut


@router.get("/exchange-documents/{number}", response=VerificationOut, auth=None)
def document_verification(request: HttpRequest, number: str) -> dict[str, Any]:
    """Public, no token needed: is this visa letter, agreement or certificate genuine or revoked?"""
    check = documents.document_check_number(number)
    document = check.document
    return {
        "number": check.number,
        "verdict": check.verdict,
        "kind": document.kind if document else None,
        "fellow": document.payload.get("fellow") if document else None,
        "host_organisation": document.payload.get("host_organisation") if document else None,
        "issued_at": document.issued_at if document else None,
        "detail": check.detail,
    }
