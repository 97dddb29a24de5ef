from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from directory.models import Organisation


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
            models.UniqueConstraint(fields=["network", "member"], name="networks_one_membership_per_network"),
            models.CheckConstraint(
                condition=~models.Q(network=models.F("member")), name="networks_network_not_own_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.network} ({self.status})"

    def clean(self) -> None:
        if self.network_id and not self.network.is_network:
            raise ValidationError({"network": _("Only an organisation of kind network can have members.")})
