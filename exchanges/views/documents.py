"""Document pages: the signed PDF, its revocation, and the public verification."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.edges import service_call
from exchanges import documents, services
from exchanges.forms import DocumentUploadForm, RevokeForm
from exchanges.models import Document
from exchanges.selectors import get_document_for_download
from signing.issuing import CODE_PARAMETER


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def document_download(request: HttpRequest, number: str) -> HttpResponse:
    document = get_document_for_download(request.user, number)
    return _pdf_response(documents.document_pdf(document), f"{document.number}.pdf")


@login_required
@require_POST
def document_revoke(request: HttpRequest, number: str) -> HttpResponse:
    document = get_document_for_download(request.user, number)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the document is revoked."))
    else:
        service_call(
            request,
            None,
            lambda: services.document_revoke(
                actor=request.user, document=document, reason=form.cleaned_data["reason"]
            ),
            _("The document has been revoked."),
        )
    return redirect("exchanges:application_detail", pk=document.application_id)


def document_verify(request: HttpRequest, number: str | None = None) -> HttpResponse:
    """Public: is this document genuine? By number (the QR code's address: its details only with the
    verification code it carries) or by uploading the PDF."""
    code = request.GET.get(CODE_PARAMETER, "")[:64]
    check = documents.document_check_number(number, code=code) if number else None
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        check = documents.document_check_pdf(form.cleaned_data["document"].read())
        form = DocumentUploadForm()
    return render(
        request,
        "exchanges/document_verify.html",
        {"check": check, "form": form, "kind_labels": dict(Document.Kind.choices)},
        status=404 if check is not None and check.verdict == documents.Verdict.UNKNOWN else 200,
    )
