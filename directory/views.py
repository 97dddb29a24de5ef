from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.permissions import deny_unless
from core.taxonomies import country_name
from directory import services
from directory.forms import InvitationForm, MembershipRoleForm, OrganisationForm
from directory.models import Organisation, Role
from directory.selectors import (
    OrganisationPermissions,
    get_invitation_by_token,
    get_organisation_for_user,
    members_of,
    memberships_of,
    pending_invitations_of,
)


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(creator=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your organisation has been created; you are its admin."))
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "directory/my_organisations.html",
        {"memberships": memberships_of(request.user), "form": form},
    )


def _render_detail(
    request: HttpRequest,
    organisation: Organisation,
    permissions: OrganisationPermissions,
    *,
    invitation_form: InvitationForm | None = None,
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
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "permissions": permissions,
            "members": members,
            "invitations": invitations,
            "invitation_form": invitation_form,
            "country_name": country_name(organisation.country),
            "role_label": Role(permissions.role).label if permissions.role else "",
        },
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    return _render_detail(request, organisation, permissions)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    deny_unless(permissions.can_edit, _("Only an organisation admin can edit its profile."))
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation's profile has been saved."))
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(request, "directory/organisation_edit.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def invitation_send(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    deny_unless(permissions.can_manage_members, _("Only an organisation admin can invite people to it."))
    form = InvitationForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            invitation = services.invitation_send(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("An invitation has been sent to %(email)s.") % {"email": invitation.email}
            )
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
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["role"]))
        services.membership_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s is now %(role)s.")
            % {"person": membership.user, "role": membership.get_role_display()},
        )
    return redirect("directory:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation, permissions = get_organisation_for_user(request.user, pk)
    membership = get_object_or_404(
        members_of(organisation, request.user, permissions=permissions), pk=membership_pk
    )
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
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
