from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.edges import service_call
from core.permissions import deny_unless
from directory.models import Organisation
from networks import services
from networks.certificates import (
    CertificateCheck,
    certificate_check_number,
    certificate_check_pdf,
    certificate_pdf,
    invoice_pdf,
)
from networks.forms import (
    ApplicationForm,
    ApproveForm,
    CategoryForm,
    CertificateUploadForm,
    NetworkSettingsForm,
    NoteForm,
    PaymentForm,
    ReasonForm,
)
from networks.models import MembershipCategory, NetworkMembership
from networks.selectors import (
    NetworkAccess,
    application_queue,
    categories_of,
    certificates_of,
    free_to_apply,
    get_certificate_by_number,
    get_certificate_for_download,
    get_invoice_for_user,
    get_membership_for_user,
    get_network_for_user,
    history_of,
    invoices_of,
    is_secretariat_of,
    memberships_of_applicants,
    memberships_of_network,
    network_settings_of,
    networks_visible_to,
    open_invoice_of,
)
from networks.verification import kind_for_number, kind_for_pdf
from signing.issuing import CODE_PARAMETER, link_with_code

ACTION_MESSAGES = {
    "review": _("The application is now under review."),
    "request_information": _("The applicant has been asked for more information."),
    "approve": _("The application has been approved and the invoice issued."),
    "reject": _("The application has been declined."),
    "payment": _("The payment has been recorded."),
    "ratify": _("The approval has been ratified."),
    "cancel": _("The membership has been cancelled."),
    "renew": _("A renewal invoice has been issued."),
}


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def network_list(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/network_list.html", {"networks": networks_visible_to(request.user)})


def _render_network(
    request: HttpRequest,
    network: Organisation,
    access: NetworkAccess,
    *,
    form: ApplicationForm | None = None,
    category_form: CategoryForm | None = None,
    settings_form: NetworkSettingsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    # Once an organisation has applied, the page shows its application's status, not the form again.
    applicants = free_to_apply(network, access.can_apply_for)
    if form is None and applicants:
        form = _application_form(request, network, applicants)
    network_settings = network_settings_of(network)
    context: dict[str, object] = {
        "network": network,
        "access": access,
        "settings": network_settings,
        # The secretariat manages every category, offered or not; everyone else sees those on offer.
        "categories": categories_of(network, include_inactive=access.is_secretariat),
        "memberships": memberships_of_network(network, request.user),
        "form": form,
        "own_memberships": memberships_of_applicants(network, access.can_apply_for),
    }
    if access.is_secretariat:
        context.update(
            category_form=category_form or CategoryForm(),
            settings_form=settings_form or NetworkSettingsForm.for_settings(network_settings),
        )
    return render(request, "networks/network_detail.html", context, status=status)


def _application_form(
    request: HttpRequest, network: Organisation, member_ids: tuple[int, ...]
) -> ApplicationForm:
    return ApplicationForm(
        request.POST if request.method == "POST" else None,
        members=Organisation.objects.filter(pk__in=member_ids).exclude(pk=network.pk).order_by("name"),
        categories=categories_of(network),
    )


def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network, access = get_network_for_user(request.user, pk)
    return _render_network(request, network, access)


@login_required
@require_POST
def membership_apply(request: HttpRequest, pk: int) -> HttpResponse:
    network, access = get_network_for_user(request.user, pk)
    deny_unless(
        bool(access.can_apply_for),
        _("Only an admin of the organisation, or a ParkLink operator, can apply for a network membership."),
    )
    # Every organisation the person administers may be named: the service says why one cannot apply.
    form = _application_form(request, network, access.can_apply_for)
    if form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.membership_apply(
                actor=request.user,
                network=network,
                member=form.cleaned_data["member"],
                category=form.cleaned_data["category"],
                message=form.cleaned_data["message"],
            ),
            _("Your application has been sent to the secretariat."),
        )
        if done:
            return redirect("networks:membership_detail", pk=done.result.pk)
    return _render_network(request, network, access, form=form, status=422)


# The secretariat's management of categories and settings


def _network_page(network: Organisation, section: str) -> str:
    return f"{reverse('networks:network_detail', kwargs={'pk': network.pk})}#{section}"


def _managed_category(
    request: HttpRequest, pk: int, category_pk: int
) -> tuple[Organisation, MembershipCategory]:
    """The network and one of its categories, for its secretariat and operators only (403 otherwise)."""
    network, access = get_network_for_user(request.user, pk)
    deny_unless(access.is_secretariat, _("Only the network secretariat can define membership categories."))
    category = get_object_or_404(categories_of(network, include_inactive=True), pk=category_pk)
    return network, category


@login_required
@require_POST
def category_create(request: HttpRequest, pk: int) -> HttpResponse:
    network, access = get_network_for_user(request.user, pk)
    deny_unless(access.is_secretariat, _("Only the network secretariat can define membership categories."))
    form = CategoryForm(request.POST)
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.membership_category_create(actor=request.user, network=network, **form.cleaned_data),
        lambda category: _("The category %(name)s is now offered.") % {"name": category.name},
    ):
        return redirect(_network_page(network, "categories"))
    return _render_network(request, network, access, category_form=form, status=422)


@login_required
def category_edit(request: HttpRequest, pk: int, category_pk: int) -> HttpResponse:
    network, category = _managed_category(request, pk, category_pk)
    if request.method != "POST":
        form = CategoryForm(
            initial={
                "name": category.name,
                "description": category.description,
                "annual_fee": category.annual_fee,
                "currency": category.currency,
                "term_months": category.term_months,
            }
        )
        return render(
            request, "networks/category_edit.html", {"network": network, "category": category, "form": form}
        )
    form = CategoryForm(request.POST)
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.membership_category_update(
            actor=request.user, category=category, **form.cleaned_data
        ),
        _("The category has been saved."),
    ):
        return redirect(_network_page(network, "categories"))
    return render(
        request,
        "networks/category_edit.html",
        {"network": network, "category": category, "form": form},
        status=422,
    )


@login_required
@require_POST
def category_deactivate(request: HttpRequest, pk: int, category_pk: int) -> HttpResponse:
    network, category = _managed_category(request, pk, category_pk)
    service_call(
        request,
        None,
        lambda: services.membership_category_deactivate(actor=request.user, category=category),
        _("The category %(name)s is no longer offered; existing memberships keep it.")
        % {"name": category.name},
    )
    return redirect(_network_page(network, "categories"))


@login_required
@require_POST
def network_settings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network, access = get_network_for_user(request.user, pk)
    deny_unless(access.is_secretariat, _("Only the network secretariat can change its settings."))
    form = NetworkSettingsForm(request.POST)
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.network_settings_update(actor=request.user, network=network, **form.cleaned_data),
        _("The network settings have been saved."),
    ):
        return redirect(_network_page(network, "network-settings"))
    return _render_network(request, network, access, settings_form=form, status=422)


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    queue = application_queue(request.user)
    return render(request, "networks/applications.html", {"applications": queue})


def _render_membership(request: HttpRequest, membership: NetworkMembership, **forms: object) -> HttpResponse:
    membership, access = get_membership_for_user(request.user, membership.pk)
    context: dict[str, object] = {
        "membership": membership,
        "access": access,
        "settings": network_settings_of(membership.network),
        "history": history_of(membership),
        "invoices": invoices_of(membership) if access.can_download_invoices else [],
        "certificates": certificates_of(membership),
        "transitions": {
            action: membership.status in statuses for action, statuses in services.TRANSITIONS.items()
        },
    }
    if access.is_secretariat:
        context.update(
            approve_form=forms.get("approve_form")
            or ApproveForm(
                categories=categories_of(membership.network), initial={"category": membership.category_id}
            ),
            note_form=forms.get("note_form") or NoteForm(),
            reason_form=forms.get("reason_form") or ReasonForm(),
            payment_form=forms.get("payment_form") or PaymentForm(),
            payment_outcome=_payment_outcome(membership),
        )
    return render(request, "networks/membership_detail.html", context, status=422 if forms else 200)


def _payment_outcome(membership: NetworkMembership) -> str:
    """What recording the payment will do, said before the secretariat confirms it."""
    invoice = open_invoice_of(membership)
    if invoice is None:
        return ""
    waits_for_ratification = (
        membership.status == NetworkMembership.Status.APPROVED
        and network_settings_of(membership.network).ratification_required
        and membership.ratified_at is None
    )
    if waits_for_ratification:
        return _(
            "Invoice %(number)s (%(amount)s %(currency)s) will be marked paid. The membership becomes active "
            "once the approval is ratified. This cannot be undone."
        ) % {"number": invoice.number, "amount": invoice.amount, "currency": invoice.currency}
    return _(
        "Invoice %(number)s (%(amount)s %(currency)s) will be marked paid, %(member)s becomes an active "
        "member and a signed membership certificate is issued and sent. This cannot be undone."
    ) % {
        "number": invoice.number,
        "amount": invoice.amount,
        "currency": invoice.currency,
        "member": membership.member.name,
    }


@login_required
def membership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership, _access = get_membership_for_user(request.user, pk)
    return _render_membership(request, membership)


@login_required
@require_POST
def membership_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    membership, _access = get_membership_for_user(request.user, pk)
    if action not in ACTION_MESSAGES:
        raise Http404(_("No such action."))
    actor = request.user
    form: object = None
    form_name = ""

    def perform() -> None:
        nonlocal form, form_name
        if action == "review":
            services.membership_review_start(actor=actor, membership=membership)
        elif action == "request_information":
            form, form_name = NoteForm(request.POST), "note_form"
            note = request.POST.get("note", "")
            services.membership_request_information(actor=actor, membership=membership, note=note)
        elif action == "approve":
            form = ApproveForm(request.POST, categories=categories_of(membership.network))
            form_name = "approve_form"
            if not form.is_valid():
                raise ValidationError(list(form.errors.get("category") or [_("Choose a category.")]))
            services.membership_approve(
                actor=actor,
                membership=membership,
                category=form.cleaned_data["category"],
                note=form.cleaned_data["note"],
            )
        elif action == "reject":
            form, form_name = ReasonForm(request.POST), "reason_form"
            services.membership_reject(
                actor=actor, membership=membership, reason=request.POST.get("reason", "")
            )
        elif action == "payment":
            form, form_name = PaymentForm(request.POST), "payment_form"
            # Who may record a payment is said before what is missing (the service checks both again).
            deny_unless(
                is_secretariat_of(actor, membership.network_id),
                _("Only the network secretariat can change memberships of the network."),
            )
            if not form.is_valid():
                # The reasons stand beside the fields; the flash says the payment was not recorded.
                raise ValidationError(_("The payment was not recorded: give its reference and date."))
            services.membership_payment_record(
                actor=actor,
                membership=membership,
                reference=form.cleaned_data["reference"],
                paid_on=form.cleaned_data["paid_on"],
            )
        elif action == "ratify":
            services.membership_ratify(actor=actor, membership=membership, note=request.POST.get("note", ""))
        elif action == "cancel":
            services.membership_cancel(
                actor=actor, membership=membership, reason=request.POST.get("reason", "")
            )
        elif action == "renew":
            services.membership_renew(actor=actor, membership=membership)

    if not service_call(request, None, perform, ACTION_MESSAGES[action]):
        # The reason is flashed above the page, which shows again with what was typed.
        return _render_membership(
            request, membership, **({form_name: form} if form_name else {"failed": True})
        )
    return redirect("networks:membership_detail", pk=membership.pk)


@login_required
def invoice_download(request: HttpRequest, number: str) -> HttpResponse:
    invoice = get_invoice_for_user(request.user, number)
    return _pdf_response(invoice_pdf(invoice), f"{invoice.number}.pdf")


@login_required
def certificate_download(request: HttpRequest, number: str) -> HttpResponse:
    certificate = get_certificate_for_download(request.user, number)
    return _pdf_response(certificate_pdf(certificate), f"{certificate.number}.pdf")


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, number: str) -> HttpResponse:
    certificate = get_certificate_by_number(number)
    if certificate is None:
        raise Http404(_("No such certificate."))
    service_call(
        request,
        None,
        lambda: services.certificate_revoke(
            actor=request.user, certificate=certificate, reason=request.POST.get("reason", "")
        ),
        _("The certificate has been revoked."),
    )
    # Whoever may revoke also sees the membership; anyone else was refused above.
    return redirect("networks:membership_detail", pk=certificate.membership_id)


def _render_verification(
    request: HttpRequest, *, check: CertificateCheck | None, form: CertificateUploadForm, status: int = 200
) -> HttpResponse:
    return render(request, "networks/certificate_verify.html", {"check": check, "form": form}, status=status)


def certificate_verify(request: HttpRequest, number: str | None = None) -> HttpResponse:
    """Public: anyone may check a certificate by its number (the QR code) or by uploading the PDF.
    Documents other apps sign (`networks.verification`) are checked by their own page."""
    other_kind = kind_for_number(number) if number else None
    code = request.GET.get(CODE_PARAMETER, "")[:64]
    if other_kind is not None and number is not None:
        target = reverse(other_kind.verify_url_name, kwargs={"number": number.strip().upper()})
        return redirect(link_with_code(target, code))
    check = certificate_check_number(number, code=code) if number else None
    if request.method != "POST":
        return _render_verification(request, check=check, form=CertificateUploadForm())
    form = CertificateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_verification(request, check=check, form=form, status=422)
    data = form.cleaned_data["file"].read()
    uploaded_kind = kind_for_pdf(data)
    if uploaded_kind is not None:
        return uploaded_kind.check_upload(request, data)
    return _render_verification(request, check=certificate_check_pdf(data), form=CertificateUploadForm())
