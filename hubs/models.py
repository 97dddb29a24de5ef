"""Cooperation hubs and their country desks: a park designated as the hub for technological interaction
with one partner country, and what the desk does — its needs register, the interactions it monitors,
the agreements it negotiates, its programmes with their KPIs, and the country briefing reports."""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Sector, TimeStampedModel
from core.timezones import ZONE_MAX_LENGTH, validate_time_zone
from directory.models import Organisation, validate_country_code
from hubs.cooperation_areas import cooperation_area_choices
from marketplace.models import Profile


class Hub(TimeStampedModel):
    """A host organisation's desk for technological and innovative interaction with a partner country."""

    host = models.ForeignKey(
        Organisation, verbose_name=_("host organisation"), on_delete=models.PROTECT, related_name="hubs"
    )
    partner_country = models.CharField(_("partner country"), max_length=2, validators=[validate_country_code])
    partner_region = models.CharField(
        _("partner region"), max_length=120, blank=True, help_text=_("Only when the hub covers one region.")
    )
    mandate = models.TextField(_("mandate"), max_length=4000)
    designated_by = models.CharField(_("designated by"), max_length=300)
    designated_on = models.DateField(_("designated on"))
    # The desk's clock (core.timezones); empty when it is the host organisation's.
    time_zone = models.CharField(
        _("time zone"), max_length=ZONE_MAX_LENGTH, blank=True, validators=[validate_time_zone]
    )
    desk_parks = models.ManyToManyField(
        Organisation, verbose_name=_("parks taking part in the desk"), blank=True, related_name="hub_desks"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff"), blank=True, related_name="hubs_staffed"
    )
    subscribers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("digest subscribers"), blank=True, related_name="hub_digests"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The first day of the last month whose digest went out, so a second run that month sends nothing.
    digest_sent_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["host__name", "partner_country", "id"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        constraints = [
            models.UniqueConstraint(
                fields=["host", "partner_country", "partner_region"], name="hubs_one_hub_per_host_and_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.host} → {self.partner_country}"

    @property
    def home_country(self) -> str:
        return self.host.country


class Need(TimeStampedModel):
    """One of the partner country's technological needs, from a request profile, a visit or a document."""

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        ANNOUNCED = "announced", _("Announced")
        IN_PROGRESS = "in_progress", _("In progress")
        MET = "met", _("Met")
        DROPPED = "dropped", _("Dropped")

    class Source(models.TextChoices):
        REQUEST_PROFILE = "request_profile", _("Request profile")
        VISIT = "visit", _("Visit or delegation")
        DOCUMENT = "document", _("Document")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        DESK = "desk", _("The desk only")
        MEMBERS = "members", _("ParkLink members")
        PUBLIC = "public", _("Everyone")

    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.CASCADE, related_name="needs")
    title = models.CharField(_("title"), max_length=256)
    description = models.TextField(_("description"), max_length=4000)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_detail = models.CharField(_("source in detail"), max_length=500, blank=True)
    identified_on = models.DateField(_("identified on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IDENTIFIED)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.DESK
    )
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True)
    closed_at = models.DateTimeField(_("met or dropped"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("linked organisations"), blank=True, related_name="hub_needs"
    )
    profiles = models.ManyToManyField(
        Profile, verbose_name=_("linked profiles"), blank=True, related_name="hub_needs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-identified_on", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title


class Interaction(TimeStampedModel):
    """A visit, delegation, meeting, training, event, agreement or joint project with the partner country."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        DELEGATION = "delegation", _("Delegation")
        MEETING = "meeting", _("Meeting")
        TRAINING = "training", _("Training")
        EVENT = "event", _("Event attended")
        EOI = "eoi", _("Expression of interest")
        AGREEMENT = "agreement", _("Agreement")
        JOINT_PROJECT = "joint_project", _("Joint project")

    class Origin(models.TextChoices):
        FORM = "form", _("Entered by hand")
        IMPORT = "import", _("Imported from a file")

    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=256)
    occurred_on = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    our_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("our side: organisations"), blank=True, related_name="hub_interactions"
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner side: organisations"),
        blank=True,
        related_name="hub_interactions_as_partner",
    )
    our_people = models.CharField(_("our side: people"), max_length=500, blank=True)
    partner_people = models.CharField(_("partner side: people"), max_length=500, blank=True)
    outcome = models.TextField(_("what came out"), max_length=4000, blank=True)
    origin = models.CharField(_("entered"), max_length=10, choices=Origin.choices, default=Origin.FORM)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["hub", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.title}"


class Agreement(TimeStampedModel):
    """A memorandum of understanding or cooperation agreement between two or more organisations."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        COOPERATION = "cooperation", _("Cooperation agreement")
        FRAMEWORK = "framework", _("Framework agreement")
        JOINT_OFFICE = "joint_office", _("Joint office agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NEGOTIATION = "negotiation", _("In negotiation")
        APPROVED = "approved", _("Approved by every party")
        SIGNED = "signed", _("Signed and in effect")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        RENEWED = "renewed", _("Renewed")

    EDITABLE_STATUSES = (Status.DRAFT, Status.NEGOTIATION, Status.APPROVED)

    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.PROTECT, related_name="agreements")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.MOU)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), max_length=50000)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    starts_on = models.DateField(_("in effect from"), null=True, blank=True)
    ends_on = models.DateField(_("in effect until"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    closed_on = models.DateField(_("expired or ended on"), null=True, blank=True)
    closing_note = models.TextField(_("reason"), max_length=5000, blank=True)
    renews = models.OneToOneField(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewed_by",
    )
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title

    def computed_text_hash(self) -> str:
        """SHA-256 over everything a party approves: kind, title, text, dates, scope, parties and
        documents. Any change to one of them changes the hash, which voids earlier approvals."""
        content = {
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "scope": sorted(self.scope.values_list("area", flat=True)) if self.pk else [],
            "parties": sorted(self.parties.values_list("organisation_id", flat=True)) if self.pk else [],
            "documents": sorted(self.documents.values_list("sha256", flat=True)) if self.pk else [],
        }
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AgreementParty(models.Model):
    """One party to an agreement, with its approval of one version of the text (by hash)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("party"), on_delete=models.PROTECT, related_name="hub_agreements"
    )
    approved_hash = models.CharField(_("approved version"), max_length=64, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agreement_id", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "organisation"], name="hubs_party_once")]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.organisation_id}"

    @property
    def has_approved_current_text(self) -> bool:
        return bool(self.approved_hash) and self.approved_hash == self.agreement.text_hash


class AgreementScope(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="scope")
    area = models.CharField(_("area"), max_length=40, choices=cooperation_area_choices())

    class Meta:
        ordering = ["agreement_id", "area"]
        constraints = [models.UniqueConstraint(fields=["agreement", "area"], name="hubs_scope_once")]

    def __str__(self) -> str:
        return self.area


class AgreementDocument(TimeStampedModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to="hubs/agreements/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agreement_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class AgreementEvent(models.Model):
    """The agreement's history: every edit, approval, voiding and change of state, with the hash then."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="history")
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The actor's name when the step was taken, so the history still says who once the person is deleted.
    actor_name = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text_hash = models.CharField(max_length=64, blank=True)
    note = models.TextField(max_length=5000, blank=True)

    class Meta:
        ordering = ["agreement_id", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.action}"


class FollowUpAction(TimeStampedModel):
    """Something a party committed to under an agreement, with its owner and due date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.title


class Programme(TimeStampedModel):
    """A short-, medium- or long-term plan of the hub, with objectives, actions and KPIs."""

    class Horizon(models.TextChoices):
        SHORT = "short", _("Short term")
        MEDIUM = "medium", _("Medium term")
        LONG = "long", _("Long term")

    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.CASCADE, related_name="programmes")
    title = models.CharField(_("title"), max_length=300)
    horizon = models.CharField(_("horizon"), max_length=10, choices=Horizon.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    objectives = models.TextField(_("objectives"), max_length=8000)
    responsible_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("responsible organisations"), blank=True, related_name="hub_programmes"
    )

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.title


class ProgrammeAction(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["programme_id", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Kpi(TimeStampedModel):
    """A programme's indicator; its actual value is counted from ParkLink's own records (hubs.kpis)."""

    class Metric(models.TextChoices):
        EOIS_BETWEEN_COUNTRIES = (
            "eois_between_countries",
            _("Expressions of interest between the two countries"),
        )
        AGREEMENTS_SIGNED = "agreements_signed", _("Agreements signed")
        NEEDS_ANNOUNCED = "needs_announced", _("Needs announced")
        NEEDS_MET = "needs_met", _("Needs met")
        INTERACTIONS_LOGGED = "interactions_logged", _("Interactions logged")
        DELEGATIONS_AND_VISITS = "delegations_and_visits", _("Delegations and visits")
        EXCHANGES_COMPLETED = "exchanges_completed", _("Exchanges completed between the two countries")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("name"), max_length=200)
    metric = models.CharField(_("counted from"), max_length=30, choices=Metric.choices)
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["programme_id", "id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.name


class KpiSnapshot(models.Model):
    """The KPI's value as counted on one day, so its history stays even when records change later."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(_("date"))
    value = models.PositiveIntegerField(_("value"))

    class Meta:
        ordering = ["kpi_id", "taken_on"]
        constraints = [models.UniqueConstraint(fields=["kpi", "taken_on"], name="hubs_kpi_snapshot_per_day")]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.taken_on}: {self.value}"


class BriefingReport(TimeStampedModel):
    """A country briefing report, built in the background; `fingerprint` is the SHA-256 of its content,
    so two reports built from the same data carry the same fingerprint."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.CASCADE, related_name="reports")
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    as_of = models.DateField(_("data as of"))
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    content = models.JSONField(_("content"), default=dict, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="hubs/reports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), max_length=2000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("briefing report")
        verbose_name_plural = _("briefing reports")

    def __str__(self) -> str:
        return f"{self.country} {self.as_of}"
