"""The team of an organisation: invitations by email and the roles of its members. Each write checks
who may do it, runs in one transaction and records what it did to the audit trail."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.forms import field_error
from core.permissions import deny_unless
from directory.models import (
    ORGANISATION_PROFILE_FIELDS,
    Invitation,
    Organisation,
    OrganisationMembership,
    Role,
)
from directory.selectors import permissions_for
from directory.tasks import invitation_email_send

ORGANISATION_FIELDS = ORGANISATION_PROFILE_FIELDS
TEXT_FIELDS = frozenset(
    {"name", "name_language", "region", "city", "website", "email", "phone", "description_language"}
    | {"contact_name", "contact_role", "contact_email", "contact_phone"}
)


def _check_role_fits(*, organisation: Organisation, role: str) -> None:
    if role not in Role.values:
        raise field_error("role", _("Choose one of the offered roles."), code="invalid_role")
    if role == Role.SECRETARIAT and not organisation.is_network:
        raise field_error(
            "role",
            _("Only a network or association has a network secretariat."),
            code="secretariat_not_network",
        )


@transaction.atomic
def invitation_send(*, actor: Any, organisation: Organisation, email: str, role: str) -> Invitation:
    """Invite someone by email to join `organisation` with `role`; the email goes out after commit."""
    deny_unless(
        permissions_for(actor, organisation).can_manage_members,
        _("Only an organisation admin can invite people to it."),
    )
    email = email.strip()
    _check_role_fits(organisation=organisation, role=role)
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise field_error(
            "email",
            _("%(email)s is already a member of %(organisation)s."),
            code="already_member",
            params={"email": email, "organisation": organisation.name},
        )
    if (
        organisation.invitations.filter(email__iexact=email, accepted_at=None, revoked_at=None)
        .filter(expires_at__gt=timezone.now())
        .exists()
    ):
        raise field_error(
            "email",
            _("An invitation to %(email)s is already waiting; revoke it to send a new one."),
            code="already_invited",
            params={"email": email},
        )
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=actor,
        action="invitation.send",
        target=invitation,
        changes=snapshot(invitation, ("email", "role", "expires_at")),
        organisation_id=organisation.pk,
    )
    language = get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(
        lambda: invitation_email_send.enqueue(invitation_id=invitation.pk, language=language)
    )
    return invitation


def invitation_check_acceptable(*, user: Any, invitation: Invitation) -> None:
    """Raise the reason `user` cannot accept `invitation`, if there is one."""
    deny_unless(user.is_authenticated, _("Log in to accept this invitation."))
    state = invitation.state
    if state == Invitation.State.ACCEPTED:
        raise ValidationError(_("This invitation has already been accepted."), code="invitation_accepted")
    if state == Invitation.State.REVOKED:
        raise ValidationError(
            _("This invitation was withdrawn. Ask an admin of the organisation for a new one."),
            code="invitation_revoked",
        )
    if state == Invitation.State.EXPIRED:
        raise ValidationError(
            _("This invitation has expired. Ask an admin of the organisation for a new one."),
            code="invitation_expired",
        )
    deny_unless(
        user.email.casefold() == invitation.email.casefold(),
        _("This invitation was sent to another email address. Log in with that address to accept it."),
    )
    if invitation.organisation.memberships.filter(user=user).exists():
        raise ValidationError(_("You are already a member of this organisation."), code="already_member")


@transaction.atomic
def invitation_accept(*, user: Any, invitation: Invitation) -> OrganisationMembership:
    """Join the organisation with the invited role; only the person the invitation was sent to may."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    invitation_check_acceptable(user=user, invitation=invitation)
    membership = OrganisationMembership.objects.create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_record(
        actor=user,
        action="invitation.accept",
        target=invitation,
        changes={"accepted_at": [None, invitation.accepted_at]},
        organisation_id=invitation.organisation_id,
    )
    audit_record(
        actor=user,
        action="membership.create",
        target=membership,
        changes={"user": user.pk, "role": membership.role, "invitation": invitation.pk},
        organisation_id=invitation.organisation_id,
    )
    return membership


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    """Withdraw an invitation that has not been answered yet (the organisation's admins only)."""
    deny_unless(
        permissions_for(actor, invitation.organisation).can_manage_members,
        _("Only an organisation admin can withdraw its invitations."),
    )
    if invitation.state != Invitation.State.PENDING:
        raise ValidationError(_("Only a pending invitation can be withdrawn."), code="invitation_not_pending")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action="invitation.revoke",
        target=invitation,
        changes={"revoked_at": [None, invitation.revoked_at]},
        organisation_id=invitation.organisation_id,
    )
    return invitation


def _check_keeps_an_admin(membership: OrganisationMembership) -> None:
    """An organisation must never be left without an admin: nobody could manage it any more."""
    other_admins = OrganisationMembership.objects.filter(
        organisation_id=membership.organisation_id, role=Role.ADMIN
    ).exclude(pk=membership.pk)
    # Lock the admin rows so two admins cannot step down at the same moment.
    if membership.role == Role.ADMIN and not other_admins.select_for_update().exists():
        raise ValidationError(
            _("%(organisation)s needs at least one admin. Make someone else an admin first."),
            code="last_admin",
            params={"organisation": membership.organisation.name},
        )


@transaction.atomic
def membership_change_role(
    *, actor: Any, membership: OrganisationMembership, role: str
) -> OrganisationMembership:
    """Give a person another role in their organisation (the organisation's admins only)."""
    organisation = membership.organisation
    deny_unless(
        permissions_for(actor, organisation).can_manage_members,
        _("Only an organisation admin can change roles."),
    )
    _check_role_fits(organisation=organisation, role=role)
    if role == membership.role:
        return membership
    if role != Role.ADMIN:
        _check_keeps_an_admin(membership)
    before = snapshot(membership, ["role"])
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.change_role",
        target=membership,
        changes=changes_between(before, snapshot(membership, ["role"])),
        organisation_id=organisation.pk,
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: OrganisationMembership) -> None:
    """Remove a person from an organisation: its admins, its moderators (network secretariat, platform
    operators) and the person themselves may."""
    permissions = permissions_for(actor, membership.organisation)
    deny_unless(
        permissions.can_manage_members or permissions.can_moderate or membership.user_id == actor.pk,
        _("Only an organisation admin or the network secretariat can remove people from it."),
    )
    _check_keeps_an_admin(membership)
    audit_record(
        actor=actor,
        action="membership.remove",
        target=membership,
        changes={"user": membership.user_id, "role": [membership.role, None]},
        organisation_id=membership.organisation_id,
    )
    membership.delete()


# The registry: names, external identifiers, figures and relationships. Organisation admins keep their
# own record; the secretariat that moderates an organisation and platform operators may correct it.
