"""Pages for the directory as a table: export of a filtered list, and import with a dry-run preview."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from directory import import_stash, tabular
from directory.selectors import organisations_search

FILTERS = ("q", "kind", "country", "sector", "sort")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV (UTF-8) or Excel (XLSX) file"),
        help_text=_("At most 5 MB. The first row names the columns, as in an export."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class ImportApplyForm(forms.Form):
    token = forms.CharField(max_length=1000, widget=forms.HiddenInput)  # a signed stash name
    skip_invalid = forms.BooleanField(required=False)


def _filtered_organisations(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The same query parameters, read the same way, as the directory's list page."""
    params = {name: request.GET.get(name, "").strip() for name in FILTERS}
    network = request.GET.get("network", "").strip()
    return organisations_search(
        request.user,
        q=params["q"],
        kind=params["kind"],
        country=params["country"],
        network=int(network) if network.isdigit() else None,
        sector=params["sector"],
        sort=params["sort"] or "relevance",
    )


@login_required
def organisation_export(request: HttpRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    organisations = _filtered_organisations(request)
    stem = f"parklink-organisations-{timezone.localdate():%Y-%m-%d}"
    if file_format == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            tabular.export_csv(organisations), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "xlsx":
        response = HttpResponse(tabular.export_xlsx(organisations), content_type=XLSX_TYPE)
    else:
        raise Http404(_("Export as CSV or XLSX."))
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response


def _render_preview(
    request: HttpRequest, plan: tabular.ImportPlan, token: str, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "directory/import_preview.html",
        {
            "plan": plan,
            "form": ImportApplyForm(initial={"token": token}),
            "creates": plan.count(tabular.Action.CREATE),
            "updates": plan.count(tabular.Action.UPDATE),
            "unchanged": plan.count(tabular.Action.UNCHANGED),
            "invalid": len(plan.invalid_rows),
        },
        status=status,
    )


@login_required
def organisation_import(request: HttpRequest) -> HttpResponse:
    """Upload a file; the answer is the dry run: what would happen, row by row, and nothing written."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > tabular.MAX_UPLOAD_BYTES:
                raise tabular.UnreadableFile(_("The file is larger than 5 MB. Split it into smaller files."))
            rows = tabular.read_table(filename=upload.name, content=upload.read())
        except tabular.UnreadableFile as error:
            form.add_error("file", error.message)
        else:
            plan = tabular.import_plan_build(request.user, rows)
            if plan.header_errors:
                for message in plan.header_errors:
                    form.add_error("file", message)
            else:
                token = import_stash.upload_stash(user=request.user, rows=rows)
                return _render_preview(request, plan, token)
    return render(
        request,
        "directory/import.html",
        {"form": form, "columns": tabular.COLUMNS},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def organisation_import_apply(request: HttpRequest) -> HttpResponse:
    form = ImportApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This import has expired. Upload the file again."))
        return redirect("directory:organisation_import")
    token = form.cleaned_data["token"]
    try:
        rows = import_stash.upload_unstash(user=request.user, token=token)
    except tabular.UnreadableFile as error:
        messages.error(request, error.message)
        return redirect("directory:organisation_import")
    # Checked again: the directory may have changed since the preview.
    plan = tabular.import_plan_build(request.user, rows)
    try:
        organisations = tabular.organisations_import(
            actor=request.user, plan=plan, skip_invalid=form.cleaned_data["skip_invalid"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_preview(request, plan, token, status=409)
    import_stash.upload_discard(user=request.user, token=token)
    return render(
        request,
        "directory/import_done.html",
        {"organisations": organisations, "skipped": len(plan.invalid_rows), "plan": plan},
    )
