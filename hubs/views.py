"""The hubs' pages: they parse input, call one selector or service, and render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from core.calendars import format_local_short_date
from core.edges import service_call
from core.permissions import deny_unless
from core.taxonomies import country_name, is_country_code
from core.uploads import IMAGE_TYPES, upload_download_response
from directory.tabular import MAX_UPLOAD_BYTES, UnreadableFile, read_table
from hubs import services
from hubs.agreement_workflow import check_transition
from hubs.briefing import report_sections
from hubs.feed import feed_for
from hubs.forms import (
    AgreementApproveForm,
    AgreementDocumentForm,
    AgreementForm,
    AgreementTerminateForm,
    BriefingReportForm,
    FollowUpActionForm,
    FollowUpActionStatusForm,
    HubForm,
    InteractionForm,
    InteractionImportForm,
    KpiForm,
    NeedAnnounceForm,
    NeedForm,
    NeedStatusForm,
    ProgrammeActionForm,
    ProgrammeActionStatusForm,
    ProgrammeForm,
)
from hubs.interaction_import import COLUMNS, parse_interactions
from hubs.kpis import kpi_actual
from hubs.matches import need_candidates
from hubs.models import BriefingReport, FollowUpAction, Interaction, Need, ProgrammeAction
from hubs.selectors import (
    HubPermissions,
    actions_of,
    agreements_of_hub,
    get_agreement_for_user,
    get_hub_for_user,
    get_need_for_user,
    get_programme_for_user,
    get_report_for_user,
    host_organisations_for,
    hubs_visible_to,
    interactions_of_hub,
    needs_of_hub,
    needs_visible_to,
    programmes_of_hub,
    reports_visible_to,
)
from marketplace.selectors import profiles_visible_to


def _desk_only(permissions: HubPermissions) -> None:
    deny_unless(permissions.is_desk_member, _("Only the hub's desk sees this."))


# The content types of agreement documents, by the extension their content proved when they were attached
# (`core.uploads.verify_upload`); anything else is handed back as bytes to download.
DOWNLOAD_TYPES = {".pdf": "application/pdf", **{extension: kind for kind, extension in IMAGE_TYPES.values()}}


# Hubs


def hub_list(request: HttpRequest) -> HttpResponse:
    hubs = (
        hubs_visible_to(request.user)
        .prefetch_related("desk_parks")
        .order_by("host__name", "partner_country", "id")
    )
    for hub in hubs:
        hub.partner_label = country_name(hub.partner_country)  # type: ignore[attr-defined]
    return render(
        request,
        "hubs/hub_list.html",
        {"hubs": hubs, "can_create": host_organisations_for(request.user).exists()},
    )


@login_required
def hub_create(request: HttpRequest) -> HttpResponse:
    hosts = host_organisations_for(request.user)
    deny_unless(hosts.exists(), _("Only an organisation's admin opens a hub for it."))
    form = HubForm(request.POST or None, hosts=hosts)
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.hub_create(actor=request.user, **form.service_arguments()),
            _("The hub has been opened."),
        )
        if done:
            return redirect("hubs:hub_detail", pk=done.result.pk)
    return render(request, "hubs/hub_form.html", {"form": form, "hub": None})


@login_required
def hub_edit(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    deny_unless(permissions.can_manage, _("Only the hub's managers edit it."))
    form = HubForm(request.POST or None, hub=hub)
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.hub_update(actor=request.user, hub=hub, **form.service_arguments()),
            _("The hub has been saved."),
        )
    ):
        return redirect("hubs:hub_detail", pk=hub.pk)
    return render(request, "hubs/hub_form.html", {"form": form, "hub": hub})


def hub_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    context: dict[str, Any] = {
        "hub": hub,
        "permissions": permissions,
        "partner_label": country_name(hub.partner_country),
        "desk_parks": hub.desk_parks.order_by("name"),
    }
    if permissions.is_desk_member:
        context |= {
            "staff": hub.staff.order_by("email"),
            "needs": needs_of_hub(request.user, hub)[:5],
            "interactions": interactions_of_hub(request.user, hub)[:5],
            "agreements": agreements_of_hub(request.user, hub)[:5],
            "programmes": programmes_of_hub(request.user, hub),
            "reports": reports_visible_to(request.user).filter(hub=hub)[:5],
            "subscribed": hub.subscribers.filter(pk=request.user.pk).exists(),
            "report_form": BriefingReportForm(),
        }
    return render(request, "hubs/hub_detail.html", context)


@login_required
@require_POST
def hub_subscribe(request: HttpRequest, pk: int) -> HttpResponse:
    hub, _permissions = get_hub_for_user(request.user, pk)
    subscribed = request.POST.get("subscribed") == "1"
    services.hub_subscription_set(actor=request.user, hub=hub, subscribed=subscribed)
    messages.success(
        request,
        _("You will receive the hub's monthly digest.")
        if subscribed
        else _("You will no longer receive the digest."),
    )
    return redirect("hubs:hub_detail", pk=pk)


@login_required
def hub_feed(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    _desk_only(permissions)
    return render(
        request,
        "hubs/feed.html",
        {
            "hub": hub,
            "items": feed_for(request.user, hub=hub),
            "heading": country_name(hub.home_country) + " ↔ " + country_name(hub.partner_country),
        },
    )


@login_required
def country_pair_feed(request: HttpRequest, home: str, partner: str) -> HttpResponse:
    home, partner = home.upper(), partner.upper()
    if not (is_country_code(home) and is_country_code(partner)):
        raise Http404(_("No such country."))
    return render(
        request,
        "hubs/feed.html",
        {
            "hub": None,
            "items": feed_for(request.user, countries=(home, partner)),
            "heading": country_name(home) + " ↔ " + country_name(partner),
        },
    )


# Needs


@login_required
def need_list(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    form = NeedForm(request.POST or None, user=request.user)
    if request.method == "POST":
        deny_unless(permissions.can_log, _("Only the hub's desk registers needs."))
        if form.is_valid():
            done = service_call(
                request,
                form,
                lambda: services.need_register(actor=request.user, hub=hub, **form.cleaned_data),
                _("The need has been registered."),
            )
            if done:
                return redirect("hubs:need_detail", pk=done.result.pk)
    status = request.GET.get("status") or None
    return render(
        request,
        "hubs/need_list.html",
        {
            "hub": hub,
            "permissions": permissions,
            "needs": needs_of_hub(request.user, hub, status=status),
            "form": form,
            "statuses": Need.Status.choices,
            "status": status,
        },
    )


def announced_needs(request: HttpRequest) -> HttpResponse:
    """Every announced need the visitor may see: public ones for everyone, members-only ones for
    people signed in, newest first."""
    needs = (
        needs_visible_to(request.user)
        .filter(status__in=[Need.Status.ANNOUNCED, Need.Status.IN_PROGRESS])
        .exclude(announced_at=None)
        .order_by("-announced_at", "-id")
    )
    page = Paginator(needs, 30).get_page(request.GET.get("page"))
    for need in page.object_list:
        need.partner_label = country_name(need.hub.partner_country)  # type: ignore[attr-defined]
    return render(request, "hubs/announced_needs.html", {"page": page})


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A need's page: public or members-only once announced; the desk sees it from the start."""
    need, permissions = get_need_for_user(request.user, pk)
    candidates = (
        need_candidates(request.user, need) if permissions.is_desk_member and need.announced_at else None
    )
    return render(
        request,
        "hubs/need_detail.html",
        {
            "need": need,
            "hub": need.hub,
            "permissions": permissions,
            "announce_form": NeedAnnounceForm(),
            "status_form": NeedStatusForm(),
            "candidates": candidates,
            # Only the linked profiles this visitor may see.
            "linked_profiles": profiles_visible_to(request.user).filter(pk__in=need.profiles.values("pk")),
        },
    )


@login_required
@require_POST
def need_announce(request: HttpRequest, pk: int) -> HttpResponse:
    need, _permissions = get_need_for_user(request.user, pk)
    form = NeedAnnounceForm(request.POST)
    if form.is_valid():
        service_call(
            request,
            None,
            lambda: services.need_announce(
                actor=request.user, need=need, visibility=form.cleaned_data["visibility"]
            ),
            _("The need has been announced to the desk's parks."),
        )
    else:
        messages.error(request, _("Choose to whom the need is announced."))
    return redirect("hubs:need_detail", pk=pk)


@login_required
@require_POST
def need_status(request: HttpRequest, pk: int) -> HttpResponse:
    need, _permissions = get_need_for_user(request.user, pk)
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        service_call(
            request,
            None,
            lambda: services.need_status_set(
                actor=request.user, need=need, status=form.cleaned_data["status"]
            ),
            _("The need's status has been changed."),
        )
    return redirect("hubs:need_detail", pk=pk)


# Interactions


@login_required
def interaction_list(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    _desk_only(permissions)
    form = InteractionForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.interaction_log(actor=request.user, hub=hub, **form.cleaned_data),
            _("The interaction has been logged."),
        )
    ):
        return redirect("hubs:interaction_list", pk=hub.pk)
    kind = request.GET.get("kind") or None
    return render(
        request,
        "hubs/interaction_list.html",
        {
            "hub": hub,
            "permissions": permissions,
            "interactions": interactions_of_hub(request.user, hub, kind=kind)[:200],
            "form": form,
            "kinds": Interaction.Kind.choices,
            "kind": kind,
            "import_form": InteractionImportForm(),
            "columns": COLUMNS,
        },
    )


@login_required
@require_POST
def interaction_import(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    deny_unless(permissions.can_log, _("Only the hub's desk logs interactions."))
    form = InteractionImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if not form.is_valid():
        errors = [str(message) for message in form.errors.get("file", [])]
    else:
        upload = form.cleaned_data["file"]
        try:
            # One byte past the limit is enough for read_table to refuse a file too large.
            table = read_table(filename=upload.name, content=upload.read(MAX_UPLOAD_BYTES + 1))
        except UnreadableFile as error:
            errors = [str(error.message)]
        else:
            result = parse_interactions(table)
            errors = result.errors
            if result.is_valid:
                created = services.interactions_import(actor=request.user, hub=hub, rows=result.rows)
                messages.success(
                    request, _("%(count)s interactions have been imported.") % {"count": len(created)}
                )
                return redirect("hubs:interaction_list", pk=hub.pk)
    for problem in errors:
        messages.error(request, problem)
    messages.error(request, _("Nothing was imported; correct the file and upload it again."))
    return redirect("hubs:interaction_list", pk=hub.pk)


# Agreements


@login_required
def agreement_list(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    _desk_only(permissions)
    form = AgreementForm(request.POST or None)
    if request.method == "POST":
        deny_unless(permissions.can_manage, _("Only the hub's managers draft agreements."))
        if form.is_valid():
            done = service_call(
                request,
                form,
                lambda: services.agreement_draft(actor=request.user, hub=hub, **form.service_arguments()),
                _("The draft agreement has been saved."),
            )
            if done:
                return redirect("hubs:agreement_detail", pk=done.result.pk)
    return render(
        request,
        "hubs/agreement_list.html",
        {
            "hub": hub,
            "permissions": permissions,
            "agreements": agreements_of_hub(request.user, hub),
            "form": form,
        },
    )


def _agreement_page(request: HttpRequest, pk: int, **bound: Any) -> HttpResponse:
    agreement, permissions = get_agreement_for_user(request.user, pk)
    parties = list(agreement.parties.all())
    return render(
        request,
        "hubs/agreement_detail.html",
        {
            "agreement": agreement,
            "hub": agreement.hub,
            "permissions": permissions,
            "parties": parties,
            "approvals_current": sum(party.approved_hash == agreement.text_hash for party in parties),
            "history": agreement.history.select_related("actor", "organisation").order_by(
                "-occurred_at", "-id"
            ),
            "actions": actions_of(agreement),
            "can_manage_actions": permissions.can_edit or permissions.can_sign or permissions.can_close,
            "edit_form": bound.get("edit_form") or AgreementForm(agreement=agreement),
            "terminate_form": AgreementTerminateForm(),
            "document_form": AgreementDocumentForm(),
            "action_form": bound.get("action_form") or FollowUpActionForm(prefix="action"),
            "action_statuses": FollowUpAction.Status.choices,
        },
    )


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _agreement_page(request, pk)


@login_required
@require_POST
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, permissions = get_agreement_for_user(request.user, pk)
    if not service_call(
        request,
        None,
        lambda: check_transition(status=agreement.status, roles=permissions.roles, action="update"),
    ):
        return redirect("hubs:agreement_detail", pk=pk)
    form = AgreementForm(request.POST, agreement=agreement)
    if form.is_valid():
        had_approvals = agreement.parties.exclude(approved_hash="").exists()
        if service_call(
            request,
            form,
            lambda: services.agreement_update(
                actor=request.user, agreement=agreement, **form.service_arguments()
            ),
            _("The agreement has been saved."),
        ):
            agreement.refresh_from_db()
            voided = had_approvals and not agreement.parties.exclude(approved_hash="").exists()
            if voided:
                messages.warning(request, _("The text changed, so every approval has been voided."))
            return redirect("hubs:agreement_detail", pk=pk)
    return _agreement_page(request, pk, edit_form=form)


def _agreement_transition(
    request: HttpRequest, pk: int, call: Callable[[Any], Any], done: StrOrPromise
) -> HttpResponse:
    agreement, _permissions = get_agreement_for_user(request.user, pk)
    service_call(request, None, lambda: call(agreement), done)
    return redirect("hubs:agreement_detail", pk=pk)


@login_required
@require_POST
def agreement_negotiate(request: HttpRequest, pk: int) -> HttpResponse:
    return _agreement_transition(
        request,
        pk,
        lambda agreement: services.agreement_negotiation_open(actor=request.user, agreement=agreement),
        _("The agreement is in negotiation; each party may now approve it."),
    )


@login_required
@require_POST
def agreement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    form = AgreementApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The approval could not be read; try again."))
        return redirect("hubs:agreement_detail", pk=pk)
    agreement, _permissions = get_agreement_for_user(request.user, pk)
    party = get_object_or_404(
        agreement.parties.select_related("organisation"), organisation_id=form.cleaned_data["party"]
    )
    return _agreement_transition(
        request,
        pk,
        lambda agreement: services.agreement_approve(
            actor=request.user,
            agreement=agreement,
            party=party.organisation,
            text_hash=form.cleaned_data["text_hash"],
        ),
        _("Your approval of this version of the text has been recorded."),
    )


@login_required
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _agreement_transition(
        request,
        pk,
        lambda agreement: services.agreement_sign(actor=request.user, agreement=agreement),
        _("The agreement is signed and in effect."),
    )


@login_required
@require_POST
def agreement_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    form = AgreementTerminateForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _agreement_transition(
        request,
        pk,
        lambda agreement: services.agreement_terminate(
            actor=request.user, agreement=agreement, reason=reason
        ),
        _("The agreement has been terminated."),
    )


@login_required
@require_POST
def agreement_renew(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, _permissions = get_agreement_for_user(request.user, pk)
    done = service_call(
        request,
        None,
        lambda: services.agreement_renew(actor=request.user, agreement=agreement),
        _("The agreement is renewed; its successor is a draft to negotiate."),
    )
    return redirect("hubs:agreement_detail", pk=done.result.pk if done else pk)


@login_required
@require_POST
def agreement_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    get_agreement_for_user(request.user, pk)
    form = AgreementDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("hubs:agreement_detail", pk=pk)
    return _agreement_transition(
        request,
        pk,
        lambda agreement: services.agreement_document_add(
            actor=request.user, agreement=agreement, upload=form.cleaned_data["file"]
        ),
        _("The document has been attached."),
    )


@login_required
def agreement_document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    agreement, _permissions = get_agreement_for_user(request.user, pk)
    document = get_object_or_404(agreement.documents.all(), pk=document_pk)
    stored_name = document.file.name or ""
    extension = "." + stored_name.rsplit(".", 1)[-1].lower() if "." in stored_name else ""
    return upload_download_response(
        document.file,
        content_type=DOWNLOAD_TYPES.get(extension, "application/octet-stream"),
        filename=document.original_name,
    )


@login_required
@require_POST
def follow_up_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, _permissions = get_agreement_for_user(request.user, pk)
    form = FollowUpActionForm(request.POST, prefix="action")
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.follow_up_action_add(
            actor=request.user,
            agreement=agreement,
            title=form.cleaned_data["title"],
            owner=form.cleaned_data["owner_email"],
            due_on=form.cleaned_data["due_on"],
        ),
        _("The follow-up action has been added."),
    ):
        return redirect("hubs:agreement_detail", pk=pk)
    return _agreement_page(request, pk, action_form=form)


@login_required
@require_POST
def follow_up_action_status(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    agreement, _permissions = get_agreement_for_user(request.user, pk)
    action = get_object_or_404(agreement.actions.all(), pk=action_pk)
    form = FollowUpActionStatusForm(request.POST)
    if form.is_valid():
        service_call(
            request,
            None,
            lambda: services.follow_up_action_status_set(
                actor=request.user, action=action, status=form.cleaned_data["status"]
            ),
            _("The action has been updated."),
        )
    return redirect("hubs:agreement_detail", pk=pk)


# Programmes


@login_required
def programme_list(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    _desk_only(permissions)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST":
        deny_unless(permissions.can_manage, _("Only the hub's managers plan programmes."))
        if form.is_valid():
            done = service_call(
                request,
                form,
                lambda: services.programme_create(actor=request.user, hub=hub, **form.cleaned_data),
                _("The programme has been created."),
            )
            if done:
                return redirect("hubs:programme_detail", pk=done.result.pk)
    return render(
        request,
        "hubs/programme_list.html",
        {
            "hub": hub,
            "permissions": permissions,
            "programmes": programmes_of_hub(request.user, hub),
            "form": form,
        },
    )


def _programme_page(request: HttpRequest, pk: int, **bound: Any) -> HttpResponse:
    from hubs.briefing import bar_chart_svg

    programme, permissions = get_programme_for_user(request.user, pk)
    _desk_only(permissions)
    today = timezone.localdate()
    kpis = []
    for kpi in programme.kpis.all():
        history = list(kpi.snapshots.all())
        kpis.append(
            {
                "kpi": kpi,
                "actual": kpi_actual(kpi, on=today),
                "history": history,
                "chart": bar_chart_svg(
                    [(format_local_short_date(row.taken_on), row.value) for row in history[-12:]],
                    title=str(kpi.name),
                    width=420,
                ),
            }
        )
    return render(
        request,
        "hubs/programme_detail.html",
        {
            "programme": programme,
            "hub": programme.hub,
            "permissions": permissions,
            "kpis": kpis,
            "action_form": bound.get("action_form") or ProgrammeActionForm(),
            "kpi_form": bound.get("kpi_form") or KpiForm(),
            "action_statuses": ProgrammeAction.Status.choices,
        },
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_page(request, pk)


@login_required
@require_POST
def programme_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme, _permissions = get_programme_for_user(request.user, pk)
    form = ProgrammeActionForm(request.POST)
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.programme_action_add(actor=request.user, programme=programme, **form.cleaned_data),
        _("The action has been added."),
    ):
        return redirect("hubs:programme_detail", pk=pk)
    return _programme_page(request, pk, action_form=form)


@login_required
@require_POST
def programme_action_status(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    programme, _permissions = get_programme_for_user(request.user, pk)
    action = get_object_or_404(programme.actions.all(), pk=action_pk)
    form = ProgrammeActionStatusForm(request.POST)
    if form.is_valid():
        service_call(
            request,
            None,
            lambda: services.programme_action_status_set(
                actor=request.user, action=action, status=form.cleaned_data["status"]
            ),
            _("The action has been updated."),
        )
    return redirect("hubs:programme_detail", pk=pk)


@login_required
@require_POST
def kpi_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme, _permissions = get_programme_for_user(request.user, pk)
    form = KpiForm(request.POST)
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.kpi_add(actor=request.user, programme=programme, **form.cleaned_data),
        _("The KPI has been added."),
    ):
        return redirect("hubs:programme_detail", pk=pk)
    return _programme_page(request, pk, kpi_form=form)


# Briefing reports


@login_required
@require_POST
def report_request(request: HttpRequest, pk: int) -> HttpResponse:
    hub, permissions = get_hub_for_user(request.user, pk)
    _desk_only(permissions)
    form = BriefingReportForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("country", []) + form.errors.get("as_of", []):
            messages.error(request, str(message))
        return redirect("hubs:hub_detail", pk=pk)
    done = service_call(
        request,
        None,
        lambda: services.briefing_report_request(
            actor=request.user,
            hub=hub,
            country=form.cleaned_data["country"],
            as_of=form.cleaned_data["as_of"],
        ),
    )
    if not done:
        return redirect("hubs:hub_detail", pk=pk)
    return redirect("hubs:report_detail", pk=done.result.pk)


def _report_context(report: BriefingReport) -> dict[str, Any]:
    context: dict[str, Any] = {
        "report": report,
        "hub": report.hub,
        "country_label": country_name(report.country),
    }
    if report.status == BriefingReport.Status.DONE:
        context |= report_sections(report.content)
    return context


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    return render(request, "hubs/report_detail.html", _report_context(report))


@login_required
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx fragment the report page polls until the report is ready (it then stops polling)."""
    report = get_report_for_user(request.user, pk)
    return render(request, "hubs/_report_body.html", _report_context(report))


@login_required
def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    report = get_report_for_user(request.user, pk)
    if report.status != BriefingReport.Status.DONE or not report.pdf:
        raise Http404(_("The report is not ready yet."))
    return FileResponse(
        report.pdf.open("rb"),
        as_attachment=False,
        filename=f"briefing-{report.country}-{report.as_of}.pdf",
        content_type="application/pdf",
    )
