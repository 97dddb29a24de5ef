from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from core.edges import service_call
from core.forms import FILTER_WIDGETS_CACHE_SECONDS, filter_widgets_cache_key
from core.pagination import CappedPaginator
from core.permissions import deny_unless
from core.taxonomies import country_name
from directory import services
from directory.forms import (
    ExternalIdentifierForm,
    InvitationForm,
    MembershipRoleForm,
    OrganisationEditForm,
    OrganisationFigureForm,
    OrganisationForm,
    OrganisationNameForm,
    OrganisationRelationshipForm,
    OrganisationSearchForm,
)
from directory.identity import contact_person_for, logo_response
from directory.models import Organisation, Role
from directory.selectors import (
    OrganisationPermissions,
    get_invitation_by_token,
    get_organisation_for_user,
    members_of,
    memberships_of,
    networks_visible_to,
    organisation_profile,
    organisations_search_results,
    pending_invitations_of,
    relationships_of,
)

RESULTS_PER_PAGE = 20


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.organisation_create(creator=request.user, **form.cleaned_data),
            _("Your organisation has been created; you are its admin."),
        )
        if done:
            return redirect("directory:organisation_detail", pk=done.result.pk)
    return render(
        request,
        "directory/my_organisations.html",
        {"memberships": memberships_of(request.user), "form": form},
    )


_REGISTRY_FORMS = {
    "name_form": (OrganisationNameForm, "name"),
    "identifier_form": (ExternalIdentifierForm, "identifier"),
    "figure_form": (OrganisationFigureForm, "figure"),
    "relationship_form": (OrganisationRelationshipForm, "link"),
}


def _registry_form(request: HttpRequest, key: str, data: QueryDict | None = None) -> forms.Form:
    form_class, prefix = _REGISTRY_FORMS[key]
    if form_class is OrganisationRelationshipForm:
        return OrganisationRelationshipForm(data, prefix=prefix, user=request.user)
    return form_class(data, prefix=prefix)


def _render_detail(
    request: HttpRequest,
    organisation: Organisation,
    permissions: OrganisationPermissions,
    *,
    invitation_form: InvitationForm | None = None,
    bound_forms: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    members = None
    if permissions.can_view_members:
        members = [
            (membership, MembershipRoleForm(organisation=organisation, initial={"role": membership.role}))
            for membership in members_of(organisation, request.user, permissions=permissions)
        ]
    invitations = None
    if permissions.can_manage_members:
        invitations = pending_invitations_of(organisation, request.user, permissions=permissions)
        invitation_form = invitation_form or InvitationForm(organisation=organisation)
    registry_forms: dict[str, forms.Form] = {}
    if permissions.can_curate:
        registry_forms = {key: _registry_form(request, key) for key in _REGISTRY_FORMS}
        registry_forms.update(bound_forms or {})
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "permissions": permissions,
            "profile": organisation_profile(request.user, organisation, permissions),
            "members": members,
            "invitations": invitations,
            "invitation_form": invitation_form,
            "country_name": country_name(organisation.country),
            "role_label": Role(permissions.role).label if permissions.role else "",
            "contact_person": contact_person_for(request.user, organisation, permissions),
            **registry_forms,
        },
    )


# The search box is drawn apart from the kept filter widgets (organisation_list.html).
SEARCH_FIELDS_DRAWN_APART = ("q",)


def organisation_list(request: HttpRequest) -> HttpResponse:
    """The directory: search across every name in every script, with filters, sorting and pages."""
    form = OrganisationSearchForm(request.GET or None, networks=networks_visible_to(request.user))
    arguments = form.search_arguments()
    page = CappedPaginator(
        organisations_search_results(request.user, **arguments), RESULTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    for organisation in page.object_list:
        organisation.country_label = country_name(organisation.country)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    template = (
        "directory/_organisation_results.html"
        if request.headers.get("HX-Request")
        and not request.headers.get("HX-Boosted")
        and not request.headers.get("HX-History-Restore-Request")
        else "directory/organisation_list.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "filters_key": filter_widgets_cache_key(form, drawn_apart=SEARCH_FIELDS_DRAWN_APART),
            "drawn_apart": SEARCH_FIELDS_DRAWN_APART,
            "filters_cache_seconds": FILTER_WIDGETS_CACHE_SECONDS,
            "page": page,
            "query": query.urlencode(),
            "searched": bool(arguments["q"]),
        },
    )


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    return _render_detail(request, organisation, permissions)


def _curated(request: HttpRequest, pk: int) -> tuple[Organisation, OrganisationPermissions]:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    deny_unless(
        permissions.can_curate,
        _(
            "Only an admin of this organisation, its network secretariat or a platform operator "
            "can change it."
        ),
    )
    return organisation, permissions


def _registry_write(
    request: HttpRequest,
    pk: int,
    key: str,
    write: Callable[[Organisation, dict[str, Any]], object],
    done: StrOrPromise,
) -> HttpResponse:
    """Parse one of the page's registry forms, call its service, and come back to the page; on bad
    input, show the page again with the form as it was filled in and the reason beside the field."""
    organisation, permissions = _curated(request, pk)
    form = _registry_form(request, key, request.POST)
    if form.is_valid() and service_call(request, form, lambda: write(organisation, form.cleaned_data), done):
        return redirect(f"{reverse('directory:organisation_detail', kwargs={'pk': pk})}#registry")
    return _render_detail(request, organisation, permissions, bound_forms={key: form})


@login_required
@require_POST
def organisation_name_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _registry_write(
        request,
        pk,
        "name_form",
        lambda organisation, data: services.organisation_name_add(
            actor=request.user, organisation=organisation, **data
        ),
        _("The name has been added."),
    )


@login_required
@require_POST
def external_identifier_set(request: HttpRequest, pk: int) -> HttpResponse:
    return _registry_write(
        request,
        pk,
        "identifier_form",
        lambda organisation, data: services.external_identifier_set(
            actor=request.user, organisation=organisation, **data
        ),
        _("The identifier has been saved."),
    )


@login_required
@require_POST
def organisation_figure_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _registry_write(
        request,
        pk,
        "figure_form",
        lambda organisation, data: services.organisation_figure_record(
            actor=request.user, organisation=organisation, **data
        ),
        _("The figure has been recorded."),
    )


@login_required
@require_POST
def organisation_relationship_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _registry_write(
        request,
        pk,
        "relationship_form",
        lambda organisation, data: services.organisation_relationship_add(
            actor=request.user, organisation=organisation, other=data["other"], kind=data["kind"]
        ),
        _("The link has been added."),
    )


@login_required
@require_POST
def organisation_name_remove(request: HttpRequest, pk: int, name_pk: int) -> HttpResponse:
    organisation, _permissions = _curated(request, pk)
    name = get_object_or_404(organisation.names.all(), pk=name_pk)
    service_call(
        request,
        None,
        lambda: services.organisation_name_remove(actor=request.user, name=name),
        _("The name has been removed."),
    )
    return redirect("directory:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def external_identifier_remove(request: HttpRequest, pk: int, identifier_pk: int) -> HttpResponse:
    organisation, _permissions = _curated(request, pk)
    identifier = get_object_or_404(organisation.external_ids.all(), pk=identifier_pk)
    services.external_identifier_remove(actor=request.user, identifier=identifier)
    messages.success(request, _("The identifier has been removed."))
    return redirect("directory:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def organisation_relationship_remove(request: HttpRequest, pk: int, relationship_pk: int) -> HttpResponse:
    organisation, _permissions = get_organisation_for_user(request.user, pk)
    relationship = get_object_or_404(relationships_of(organisation), pk=relationship_pk)
    services.organisation_relationship_remove(actor=request.user, relationship=relationship)
    messages.success(request, _("The link has been removed."))
    return redirect("directory:organisation_detail", pk=organisation.pk)


def organisation_logo(request: HttpRequest, pk: int) -> FileResponse:
    """The logo, for pages that show the organisation (a profile page may be public)."""
    return logo_response(request.user, pk)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    deny_unless(permissions.can_edit, _("Only an organisation admin can edit its profile."))
    form = OrganisationEditForm(request.POST or None, request.FILES or None, instance=organisation)
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.organisation_update(
                actor=request.user, organisation=organisation, **form.cleaned_data
            ),
            _("The organisation's profile has been saved."),
        )
    ):
        return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(request, "directory/organisation_edit.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def invitation_send(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    deny_unless(permissions.can_manage_members, _("Only an organisation admin can invite people to it."))
    form = InvitationForm(request.POST, organisation=organisation)
    if form.is_valid() and service_call(
        request,
        form,
        lambda: services.invitation_send(actor=request.user, organisation=organisation, **form.cleaned_data),
        lambda invitation: _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
    ):
        return redirect("directory:organisation_detail", pk=organisation.pk)
    return _render_detail(request, organisation, permissions, invitation_form=form)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    invitations = pending_invitations_of(organisation, request.user, permissions=permissions)
    invitation = get_object_or_404(invitations, pk=invitation_pk)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email}
    )
    return redirect("directory:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def membership_change_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    membership = get_object_or_404(
        members_of(organisation, request.user, permissions=permissions), pk=membership_pk
    )
    form = MembershipRoleForm(request.POST, organisation=organisation)
    if not form.is_valid():
        messages.error(request, " ".join(map(str, form.errors["role"])))
        return redirect("directory:organisation_detail", pk=organisation.pk)
    service_call(
        request,
        None,
        lambda: services.membership_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        ),
        lambda _result: (
            _("%(person)s is now %(role)s.")
            % {"person": membership.user, "role": membership.get_role_display()}
        ),
    )
    return redirect("directory:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    membership = get_object_or_404(
        members_of(organisation, request.user, permissions=permissions), pk=membership_pk
    )
    if not service_call(
        request, None, lambda: services.membership_remove(actor=request.user, membership=membership)
    ):
        return redirect("directory:organisation_detail", pk=organisation.pk)
    if membership.user_id == request.user.pk:
        messages.success(request, _("You have left %(organisation)s.") % {"organisation": organisation.name})
        return redirect("directory:my_organisations")
    messages.success(
        request,
        _("%(person)s has been removed from %(organisation)s.")
        % {"person": membership.user, "organisation": organisation.name},
    )
    return redirect("directory:organisation_detail", pk=organisation.pk)


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an emailed invitation links to; anonymous visitors log in or sign up and come back."""
    invitation = get_invitation_by_token(token)
    problem, status = "", 200
    try:
        if request.method == "POST":
            services.invitation_accept(user=request.user, invitation=invitation)
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name},
            )
            return redirect("directory:organisation_detail", pk=invitation.organisation_id)
        services.invitation_check_acceptable(user=request.user, invitation=invitation)
    except ValidationError as error:
        problem, status = " ".join(error.messages), 409
    except PermissionDenied as error:
        problem, status = str(error), 403
    return render(
        request,
        "directory/invitation_accept.html",
        {"invitation": invitation, "problem": problem},
        status=status,
    )
