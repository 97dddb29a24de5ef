"""Organisations, the people in them, and the networks they belong to.

This is the foundation of the member registry: names in many languages, figures, ROR import and
membership applications extend these models later, so they hold only what access control needs now.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Sector, TimeStampedModel
from core.taxonomies import is_country_code

INVITATION_SIGNING_SALT = "directory.invitation"


def validate_country_code(value: str) -> None:
    if not is_country_code(value):
        raise ValidationError(
            _("%(value)s is not an ISO 3166 country code."), code="invalid_country", params={"value": value}
        )


class Organisation(TimeStampedModel):
    """A network, park, centre, university, company or any other body that takes part in ParkLink."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Network or association")
        SCIENCE_PARK = "science_park", _("Science and technology park")
        TECHNOLOGY_CENTRE = "technology_centre", _("Technology centre")
        TECHNOLOGY_TRANSFER_CENTRE = "technology_transfer_centre", _("Technology-transfer centre")
        INNOVATION_ZONE = "innovation_zone", _("Innovation or special economic zone")
        INCUBATOR = "incubator", _("Incubator")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        COMPANY = "company", _("Company")
        INVESTOR = "investor", _("Investor")
        GOVERNMENT_BODY = "government_body", _("Government body")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country_code], help_text=_("ISO 3166 alpha-2 code.")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="organisations"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_network(self) -> bool:
        return self.kind == self.Kind.NETWORK


class Role(models.TextChoices):
    """What a person may do in an organisation (see docs/permissions.md)."""

    ADMIN = "admin", _("Organisation admin")
    MEMBER = "member", _("Member")
    # Only on organisations of kind network: the staff who moderate the network and its members.
    SECRETARIAT = "secretariat", _("Network secretariat")


class OrganisationMembership(TimeStampedModel):
    """A person's place in an organisation."""

    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["organisation_id", "created_at", "id"]
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="directory_one_membership_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class Invitation(TimeStampedModel):
    """An email invitation to join an organisation with a role.

    The link carries a value signed with SECRET_KEY (`token`), so nothing secret is stored; whether the
    invitation can still be used is decided by `accepted_at`, `revoked_at` and `expires_at`.
    """

    Role = Role

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def state(self) -> "Invitation.State":
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    @property
    def token(self) -> str:
        return signing.dumps(self.pk, salt=INVITATION_SIGNING_SALT)


class NetworkMembership(TimeStampedModel):
    """An organisation's membership of a network (an organisation of kind network).

    The secretariat of a network moderates every organisation whose membership is ACTIVE or GRACE.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        ACTIVE = "active", _("Active")
        GRACE = "grace", _("In grace period")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    MODERATED_STATUSES = (Status.ACTIVE, Status.GRACE)

    network = models.ForeignKey(
        Organisation,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="member_links",
        limit_choices_to={"kind": Organisation.Kind.NETWORK},
    )
    member = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.CASCADE, related_name="network_links"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    since = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        ordering = ["network_id", "-created_at", "-id"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "member"], name="directory_one_link_per_network"),
            models.CheckConstraint(
                condition=~models.Q(network=models.F("member")), name="directory_network_not_own_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.network} ({self.status})"

    def clean(self) -> None:
        if self.network_id and not self.network.is_network:
            raise ValidationError({"network": _("Only an organisation of kind network can have members.")})
