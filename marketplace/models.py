"""The technology-transfer marketplace: partnering profiles (as the Enterprise Europe Network's
partnering database has them) and the expressions of interest they receive."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Keyword, Sector, TimeStampedModel
from directory.models import Organisation, validate_country_code


class Profile(TimeStampedModel):
    """A technology or business offer or request, or a request for R&D cooperation."""

    class Kind(models.TextChoices):
        TECHNOLOGY_OFFER = "TO", _("Technology offer")
        TECHNOLOGY_REQUEST = "TR", _("Technology request")
        RD_REQUEST = "RDR", _("R&D cooperation request")
        BUSINESS_OFFER = "BO", _("Business offer")
        BUSINESS_REQUEST = "BR", _("Business request")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for moderation")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned with comments")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Expired")
        ARCHIVED = "archived", _("Archived")

    class Stage(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        UNDER_DEVELOPMENT = "under_development", _("Under development")
        LAB_TESTED = "lab_tested", _("Lab tested")
        DEMONSTRATION = "demonstration", _("Available for demonstration")
        ON_THE_MARKET = "on_the_market", _("On the market")

    class IprStatus(models.TextChoices):
        NONE = "none", _("No IPR")
        SECRET_KNOW_HOW = "secret_know_how", _("Secret know-how")
        APPLIED = "applied", _("Patent applied for")
        GRANTED = "granted", _("Patent granted")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        NETWORK_MEMBERS = "network_members", _("Members of our networks only")
        SELECTED = "selected", _("Selected organisations only")

    class OwnerPlace(models.TextChoices):
        """What an anonymous profile says of where its owner is, to those it is hidden from."""

        COUNTRY = "country", _("The country")
        REGION = "region", _("Only the world region")

    class PartnerType(models.TextChoices):
        ANY = "any", _("Any")
        INDUSTRY = "industry", _("Industry")
        SME = "sme", _("Small or medium-sized enterprise")
        UNIVERSITY = "university", _("University")
        RESEARCH = "research", _("Research institute")
        PUBLIC_BODY = "public_body", _("Public body")
        INVESTOR = "investor", _("Investor")

    class PartnerSize(models.TextChoices):
        ANY = "any", _("Any size")
        MICRO = "micro", _("Fewer than 10 employees")
        SMALL = "small", _("10 to 49 employees")
        MEDIUM = "medium", _("50 to 249 employees")
        LARGE = "large", _("250 employees or more")

    reference = models.CharField(_("reference"), max_length=40, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="profiles"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="marketplace_profiles",
    )
    title = models.CharField(_("title"), max_length=256)
    summary = models.TextField(_("summary"), max_length=500)
    description = models.TextField(_("description"), max_length=4000)
    innovation = models.TextField(_("innovation and advantages"), max_length=2000, blank=True)
    technical_specification = models.TextField(_("technical specification"), max_length=2000, blank=True)
    stage = models.CharField(_("stage of development"), max_length=20, choices=Stage.choices, blank=True)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    ipr_status = models.CharField(
        _("IPR status"), max_length=20, choices=IprStatus.choices, default=IprStatus.NONE
    )
    patent_numbers = models.CharField(_("patent numbers"), max_length=300, blank=True)
    partner_type = models.CharField(
        _("partner sought: type"), max_length=20, choices=PartnerType.choices, default=PartnerType.ANY
    )
    partner_size = models.CharField(
        _("partner sought: size"), max_length=10, choices=PartnerSize.choices, default=PartnerSize.ANY
    )
    partner_role = models.TextField(_("partner sought: role"), max_length=1000, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="profiles")
    keywords = models.ManyToManyField(
        Keyword, verbose_name=_("keywords"), blank=True, related_name="profiles"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    language = models.CharField(_("language of the text"), max_length=8, blank=True)
    detected_language = models.CharField(_("detected language"), max_length=8, blank=True, editable=False)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    visible_to = models.ManyToManyField(
        Organisation,
        verbose_name=_("selected organisations"),
        blank=True,
        related_name="profiles_shared_with",
    )
    anonymous = models.BooleanField(
        _("publish anonymously"),
        default=False,
        help_text=_("Your organisation stays hidden until it accepts an expression of interest."),
    )
    owner_place = models.CharField(
        _("where your organisation is shown"),
        max_length=10,
        choices=OwnerPlace.choices,
        default=OwnerPlace.COUNTRY,
        help_text=_(
            "For an anonymous profile: show your country, or only its world region (for example Western "
            "Asia) where few organisations of your country take part."
        ),
    )
    open_for_eoi = models.BooleanField(_("open for expressions of interest"), default=True)
    moderation_comment = models.TextField(_("moderator's comment"), max_length=4000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)
    extended = models.BooleanField(_("extended once"), default=False)
    expiry_warning_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [
            models.Index(fields=["status", "kind"]),
            # The newest first (the marketplace's default order and the front page's): a page of 20 reads
            # 20 rows of this index instead of sorting every published profile (issue 18).
            models.Index(fields=["-published_at", "-created_at", "-id"], name="marketplace_profile_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class ProfilePartnershipType(models.Model):
    """One of the one to three kinds of partnership a profile seeks."""

    class Type(models.TextChoices):
        LICENCE = "licence", _("Licence agreement")
        COMMERCIAL_TECHNICAL_ASSISTANCE = "commercial_ta", _("Commercial agreement with technical assistance")
        JOINT_VENTURE = "joint_venture", _("Joint venture")
        INVESTMENT = "investment", _("Investment")
        RESEARCH_COOPERATION = "research_cooperation", _("Research cooperation")
        TECHNICAL_COOPERATION = "technical_cooperation", _("Technical cooperation")
        SUPPLIER = "supplier", _("Supplier agreement")
        OUTSOURCING = "outsourcing", _("Outsourcing agreement")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="partnership_types")
    type = models.CharField(_("partnership type"), max_length=30, choices=Type.choices)

    class Meta:
        ordering = ["profile_id", "type"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "type"], name="marketplace_partnership_once")
        ]

    def __str__(self) -> str:
        return self.get_type_display()


class ProfileTargetCountry(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="target_countries")
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])

    class Meta:
        ordering = ["profile_id", "country"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "country"], name="marketplace_country_once")
        ]

    def __str__(self) -> str:
        return self.country


class ProfileSdg(models.Model):
    """A Sustainable Development Goal the profile contributes to (core.taxonomies.SDG_LABELS)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="sdgs")
    goal = models.PositiveSmallIntegerField(
        _("goal"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )

    class Meta:
        ordering = ["profile_id", "goal"]
        constraints = [models.UniqueConstraint(fields=["profile", "goal"], name="marketplace_sdg_once")]

    def __str__(self) -> str:
        return str(self.goal)


class ProfileEvent(models.Model):
    """The profile's history: every status change and edit, with who made it."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="history")
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's name when the step was taken, so the history still says who once the person is deleted.
    actor_name = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)
    note = models.TextField(_("note"), max_length=5000, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["profile_id", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.profile.reference} {self.action}"


class Attachment(TimeStampedModel):
    """A PDF or image attached to a profile; stored outside the web root, served by a view that checks
    who may see the profile."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="marketplace/attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["profile_id", "created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class ReferenceCounter(models.Model):
    """The last sequence number given to profiles of one kind, country and day (locked while taken)."""

    prefix = models.CharField(max_length=30, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["prefix"]

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"


class ExpressionOfInterest(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired without an answer")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class DeclineReason(models.TextChoices):
        NOT_RELEVANT = "not_relevant", _("Not relevant to what we seek")
        PARTNER_FOUND = "partner_found", _("We have already found a partner")
        INSUFFICIENT_INFORMATION = "insufficient_information", _("Not enough information")
        WRONG_PARTNER_TYPE = "wrong_partner_type", _("Not the type of partner we seek")
        OTHER = "other", _("Other reason")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="eois")
    sender_organisation = models.ForeignKey(
        Organisation, verbose_name=_("from"), on_delete=models.CASCADE, related_name="eois_sent"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=4000)
    contribution = models.TextField(_("what we bring"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.CharField(
        _("reason for declining"), max_length=30, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.TextField(_("note on declining"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")

    def __str__(self) -> str:
        return f"{self.sender_organisation} → {self.profile.reference} ({self.status})"


class EoiOutcome(TimeStampedModel):
    """What came of an accepted expression of interest, as one side records it."""

    class Outcome(models.TextChoices):
        NO_FURTHER_CONTACT = "no_further_contact", _("No further contact")
        KNOWLEDGE_GAINED = "knowledge_gained", _("Knowledge gained")
        NEGOTIATION_STARTED = "negotiation_started", _("Negotiation started")
        AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")

    eoi = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="outcomes")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    agreement_type = models.CharField(
        _("kind of agreement"), max_length=30, choices=ProfilePartnershipType.Type.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["eoi_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["eoi", "organisation"], name="marketplace_outcome_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.eoi_id}: {self.outcome}"


class EoiMessage(TimeStampedModel):
    """The conversation that opens between both sides once an expression of interest is accepted."""

    eoi = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author's name when they wrote, so the conversation still says who once the person is deleted.
    author_name = models.CharField(_("author"), max_length=254, blank=True)
    body = models.TextField(_("message"), max_length=4000)

    class Meta:
        ordering = ["eoi_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.eoi_id}: {self.body[:40]}"


class SavedSearch(TimeStampedModel):
    """A person's saved marketplace search, with an email digest of new matches."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        NEVER = "never", _("No email")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.JSONField(_("search"), default=dict)
    frequency = models.CharField(
        _("email digest"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["user_id", "name", "id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
