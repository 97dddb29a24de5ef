from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from directory.models import Organisation


def _default_certificate_languages() -> list[str]:
    return ["en"]


# The network's payment details, in form order; the settings service, form and API share them.
PAYMENT_FIELDS = ("bank_name", "account_holder", "account_number", "swift_bic", "payment_instructions")


class NetworkSettings(TimeStampedModel):
    """How one network runs its memberships: certificate languages, ratification, grace and reminders."""

    network = models.OneToOneField(
        Organisation,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="network_settings",
        limit_choices_to={"kind": Organisation.Kind.NETWORK},
    )
    certificate_languages = models.JSONField(
        _("certificate languages"),
        default=_default_certificate_languages,
        help_text=_("Interface language codes the certificate is printed in, in order."),
    )
    ratification_required = models.BooleanField(
        _("ratification required"),
        default=False,
        help_text=_("Approved applications wait for ratification (e.g. by the general assembly)."),
    )
    grace_days = models.PositiveIntegerField(_("grace period (days)"), default=60)
    reminder_days_before_expiry = models.PositiveIntegerField(_("reminder (days before expiry)"), default=30)
    certificate_title = models.CharField(_("certificate title"), max_length=200, blank=True)
    invoice_prefix = models.CharField(
        _("invoice prefix"),
        max_length=12,
        blank=True,
        help_text=_("For example IASP; invoices read IASP-2026-0001."),
    )
    # Where members pay: printed on every invoice and shown on the membership page.
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    account_number = models.CharField(_("IBAN or account number"), max_length=50, blank=True)
    swift_bic = models.CharField(_("SWIFT/BIC"), max_length=11, blank=True)
    payment_instructions = models.CharField(_("payment instructions"), max_length=500, blank=True)

    class Meta:
        ordering = ["network_id"]
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self) -> str:
        return str(self.network)

    @property
    def has_payment_details(self) -> bool:
        return bool(self.bank_name or self.account_holder or self.account_number or self.swift_bic)


class MembershipCategory(TimeStampedModel):
    """A kind of membership a network offers, with its annual fee and term."""

    network = models.ForeignKey(
        Organisation,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="membership_categories",
        limit_choices_to={"kind": Organisation.Kind.NETWORK},
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    annual_fee = models.DecimalField(_("annual fee"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. EUR."))
    term_months = models.PositiveIntegerField(_("term (months)"), default=12)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["network_id", "-annual_fee", "name"]
        verbose_name = _("membership category")
        verbose_name_plural = _("membership categories")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="networks_category_name_per_network"),
            models.CheckConstraint(
                condition=models.Q(term_months__gte=1), name="networks_category_term_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(annual_fee__gte=0), name="networks_category_fee_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


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
    category = models.ForeignKey(
        MembershipCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    ratified_at = models.DateTimeField(_("ratified"), null=True, blank=True)
    application_message = models.TextField(_("application message"), max_length=5000, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), max_length=5000, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_applications",
    )
    last_reminder_for = models.DateField(
        _("last reminder sent for expiry on"), null=True, blank=True, editable=False
    )

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


class MembershipStatusChange(models.Model):
    """One step on a membership's history; written by every workflow service."""

    membership = models.ForeignKey(
        NetworkMembership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=NetworkMembership.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=NetworkMembership.Status.choices)
    action = models.CharField(_("action"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The actor's name when the step was taken, so the history still says who once the person is deleted.
    actor_name = models.CharField(_("by"), max_length=254, blank=True)
    note = models.TextField(_("note"), max_length=5000, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["membership_id", "at", "id"]
        verbose_name = _("membership status change")
        verbose_name_plural = _("membership status changes")

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.from_status} → {self.to_status}"


class Invoice(TimeStampedModel):
    membership = models.ForeignKey(
        NetworkMembership, verbose_name=_("membership"), on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    description = models.CharField(_("description"), max_length=300)
    issued_at = models.DateTimeField(_("issued"))
    due_on = models.DateField(_("due"))
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=120, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self) -> str:
        return self.number

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None


class Certificate(TimeStampedModel):
    """A signed membership certificate. `payload` is exactly what was signed (canonical JSON)."""

    membership = models.ForeignKey(
        NetworkMembership, verbose_name=_("membership"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    languages = models.JSONField(_("languages"), default=list)
    issued_at = models.DateTimeField(_("issued"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), max_length=4000, blank=True)
    payload = models.JSONField(_("signed payload"))
    signature = models.CharField(_("signature (base64)"), max_length=200)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number
