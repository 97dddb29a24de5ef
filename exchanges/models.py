"""Exchange and fellowship programmes of a network: their quotas, the calls that open them, the
applications to a call and their review, the placements hosts publish, and the signed documents a
mobility produces (visa invitation letters, placement agreements, certificates of completion)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Sector, TimeStampedModel
from directory.models import Organisation


class ParticipantType(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher")
    STAFF = "staff", pgettext_lazy("kind of participant", "Staff")
    STUDENT = "student", _("Student")
    EXPERT = "expert", _("Expert")


class CareerStage(models.TextChoices):
    """The European framework's researcher profiles, plus students and professionals."""

    STUDENT = "student", _("Student")
    R1 = "r1", _("First stage researcher (up to the doctorate)")
    R2 = "r2", _("Recognised researcher (doctorate holder)")
    R3 = "r3", _("Established researcher")
    R4 = "r4", _("Leading researcher")
    PROFESSIONAL = "professional", _("Professional or technical staff")


class LanguageLevel(models.TextChoices):
    """Common European Framework of Reference levels."""

    A1 = "A1", _("A1 (beginner)")
    A2 = "A2", _("A2 (elementary)")
    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")


class Programme(TimeStampedModel):
    """An exchange programme of a network, with the quotas of an inter-institutional agreement."""

    class DurationUnit(models.TextChoices):
        MONTHS = "months", _("months")
        DAYS = "days", _("days")

    class Direction(models.TextChoices):
        ONE_WAY = "one_way", _("From the sending countries to the host countries only")
        BOTH_WAYS = "both_ways", _("Both ways between the sending and host countries")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(
        Organisation, verbose_name=_("network"), on_delete=models.PROTECT, related_name="exchange_programmes"
    )
    agreement = models.ForeignKey(
        "hubs.Agreement",
        verbose_name=_("under the agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchange_programmes",
        help_text=_(
            "The signed MoU or cooperation agreement whose exchange clauses this programme carries out."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    mobilities_per_year = models.PositiveSmallIntegerField(
        _("mobilities per year"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    duration_unit = models.CharField(
        _("duration unit"), max_length=6, choices=DurationUnit.choices, default=DurationUnit.MONTHS
    )
    min_duration = models.PositiveSmallIntegerField(_("shortest stay"), validators=[MinValueValidator(1)])
    max_duration = models.PositiveSmallIntegerField(_("longest stay"), validators=[MinValueValidator(1)])
    subject_areas = models.ManyToManyField(
        Sector, verbose_name=_("subject areas"), blank=True, related_name="exchange_programmes"
    )
    language = models.CharField(_("working language"), max_length=8, blank=True)
    language_level = models.CharField(
        _("language level required"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    participant_types = models.JSONField(_("who may go"), default=list)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.BOTH_WAYS
    )
    sending_countries = models.JSONField(_("sending countries"), default=list, blank=True)
    host_countries = models.JSONField(_("host countries"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["network_id", "title", "id"]
        verbose_name = _("exchange programme")
        verbose_name_plural = _("exchange programmes")

    def __str__(self) -> str:
        return self.title


class Call(TimeStampedModel):
    """A call for applications to a programme, with its eligibility rules, form and criteria."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", pgettext_lazy("call status", "Open")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=6000, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    mobility_year = models.PositiveSmallIntegerField(
        _("year of the mobilities"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    eligible_countries = models.JSONField(_("eligible countries"), default=list, blank=True)
    eligible_organisation_kinds = models.JSONField(
        _("eligible kinds of organisation"), default=list, blank=True
    )
    eligible_career_stages = models.JSONField(_("eligible career stages"), default=list, blank=True)
    blind_review = models.BooleanField(
        _("blind review"), default=False, help_text=_("Reviewers never learn who applied.")
    )
    same_country_conflict = models.BooleanField(
        _("reviewers from the applicant's country are in conflict"), default=False
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviews wanted per application"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return self.title


class CallField(models.Model):
    """One question of a call's application form."""

    class Kind(models.TextChoices):
        TEXT = "text", pgettext_lazy("kind of form field", "Text")
        CHOICE = "choice", _("Choice")
        FILE = "file", _("File upload")
        REFERENCE_LETTER = "reference_letter", _("Reference letter from a referee")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="fields")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=400, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["call_id", "position", "id"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def __str__(self) -> str:
        return self.label


class Criterion(models.Model):
    """An evaluation criterion, scored from 0 to MAX_SCORE by each reviewer."""

    MAX_SCORE = 10

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["call_id", "position", "id"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self) -> str:
        return self.name


class Placement(TimeStampedModel):
    """A place a host organisation offers to fellows: a lab, a project, a supervisor and a period."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    host = models.ForeignKey(
        Organisation, verbose_name=_("host organisation"), on_delete=models.CASCADE, related_name="placements"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
    )
    title = models.CharField(_("title"), max_length=200)
    lab = models.CharField(_("laboratory or unit"), max_length=200)
    project = models.CharField(_("project"), max_length=300, blank=True)
    supervisor = models.CharField(_("supervisor"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    starts_on = models.DateField(pgettext_lazy("placement period", "from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.title} ({self.host})"


class Application(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
        ELIGIBLE = "eligible", _("Eligibility checked")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        OFFERED = "offered", _("Offer made")
        OFFER_ACCEPTED = "offer_accepted", _("Offer accepted")
        OFFER_DECLINED = "offer_declined", _("Offer declined")
        OFFER_EXPIRED = "offer_expired", _("Offer expired")
        PLACEMENT = "placement", _("In placement")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    reference = models.CharField(_("reference"), max_length=40, unique=True, editable=False)
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    # The application (and the documents issued on it) outlives the applicant's account; the name they
    # applied under stays so the record still says whose mobility it was.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="exchange_applications",
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=254, blank=True)
    home_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("home organisation"),
        on_delete=models.PROTECT,
        related_name="exchange_applications_sent",
    )
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="exchange_applications_hosted",
    )
    requested_placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement applied for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    participant_type = models.CharField(_("I go as"), max_length=12, choices=ParticipantType.choices)
    career_stage = models.CharField(_("career stage"), max_length=12, choices=CareerStage.choices)
    language_level = models.CharField(
        _("my level in the working language"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    duration = models.PositiveSmallIntegerField(_("length of stay"), validators=[MinValueValidator(1)])
    preferred_start = models.DateField(_("preferred start"), null=True, blank=True)
    subject_area = models.ForeignKey(
        Sector,
        verbose_name=_("subject area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("project summary"), max_length=4000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    decision_reason = models.TextField(_("reason for the decision"), max_length=5000, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The mobility itself, once placed.
    placement_lab = models.CharField(_("laboratory or unit"), max_length=200, blank=True)
    placement_project = models.CharField(_("project"), max_length=300, blank=True)
    placement_supervisor = models.CharField(_("supervisor"), max_length=200, blank=True)
    placement_starts_on = models.DateField(_("placement from"), null=True, blank=True)
    placement_ends_on = models.DateField(_("placement until"), null=True, blank=True)
    final_report = models.TextField(_("fellow's final report"), max_length=8000, blank=True)
    final_report_at = models.DateTimeField(null=True, blank=True)
    host_evaluation = models.TextField(_("host's evaluation"), max_length=8000, blank=True)
    host_evaluation_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["call", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["call", "applicant"], name="exchanges_one_application_per_call")
        ]

    def __str__(self) -> str:
        return self.reference


class Answer(models.Model):
    """The applicant's answer to one question of the call's form."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    field = models.ForeignKey(CallField, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), max_length=8000, blank=True)
    file = models.FileField(_("file"), upload_to="exchanges/answers/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)

    class Meta:
        ordering = ["application_id", "field__position", "field_id"]
        constraints = [models.UniqueConstraint(fields=["application", "field"], name="exchanges_one_answer")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.field_id}"


class RefereeRequest(TimeStampedModel):
    """A reference letter asked of a referee by email; the referee uploads it through a secret link."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referee_requests")
    field = models.ForeignKey(CallField, on_delete=models.CASCADE, related_name="referee_requests")
    referee_name = models.CharField(_("referee's name"), max_length=200)
    referee_email = models.EmailField(_("referee's email"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    letter = models.FileField(_("letter"), upload_to="exchanges/letters/%Y/%m/", blank=True)
    letter_content_type = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)

    class Meta:
        ordering = ["application_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "field"], name="exchanges_one_referee_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.referee_name} <{self.referee_email}>"


class ApplicationEvent(models.Model):
    """The application's history: every step, with who took it and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
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
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    note = models.TextField(_("note"), max_length=5000, blank=True)

    class Meta:
        ordering = ["application_id", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}"


class ConflictDeclaration(TimeStampedModel):
    """A reviewer's declared conflict of interest: with an organisation, or with one application."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_conflicts"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="declared_conflicts"
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["reviewer_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(application__isnull=False),
                name="exchanges_conflict_names_something",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id}: {self.reason}"


class ReviewAssignment(TimeStampedModel):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Review submitted")
        DECLINED = "declined", _("Declined (conflict of interest)")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_reviews"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    comment = models.TextField(_("comment"), max_length=6000, blank=True)
    weighted_score = models.DecimalField(
        _("weighted score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["application_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="exchanges_one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reviewer_id}"


class Score(models.Model):
    review = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(Criterion.MAX_SCORE)]
    )

    class Meta:
        ordering = ["review_id", "criterion__position", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="exchanges_one_score")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Document(TimeStampedModel):
    """A signed document of a mobility. `payload` is exactly what was signed (networks.signing)."""

    class Kind(models.TextChoices):
        INVITATION_LETTER = "invitation", _("Visa invitation letter")
        PLACEMENT_AGREEMENT = "agreement", _("Placement agreement")
        COMPLETION_CERTIFICATE = "completion", _("Certificate of completion")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=40, unique=True)
    languages = models.JSONField(_("languages"), default=list)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), max_length=4000, blank=True)
    payload = models.JSONField(_("signed payload"))
    signature = models.CharField(_("signature (base64)"), max_length=200)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("exchange document")
        verbose_name_plural = _("exchange documents")

    def __str__(self) -> str:
        return self.number


class ReviewerProfile(TimeStampedModel):
    """A person's offer to review for exchange programmes, with the expertise call managers match
    applications against."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_reviewer_profile"
    )
    expertise = models.TextField(_("my expertise"), max_length=3000)
    available = models.BooleanField(_("available to review"), default=True)

    class Meta:
        ordering = ["user_id"]
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return str(self.user)
