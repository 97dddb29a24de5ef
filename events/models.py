"""Events (forums, conferences, lectures, trainings, festivals, brokerage days), their timetables,
registrations, and the brokerage's participants, meeting requests and scheduled meetings.

A brokerage's meeting time is a run of equal slots from `meetings_start_at`; a meeting's slot and
table are plain numbers, the same numbers `events.scheduling` works with.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.timezones import ZONE_MAX_LENGTH, validate_time_zone


def new_badge_code() -> str:
    return secrets.token_urlsafe(12)


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        CONFERENCE = "conference", _("Conference")
        LECTURE = "lecture", _("Lecture")
        TRAINING = "training", _("Training")
        FESTIVAL = "festival", _("Festival")
        BROKERAGE = "brokerage", _("Brokerage event (B2B meetings)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class MeetingFormat(models.TextChoices):
        TABLES = "tables", _("Tables at the venue")
        VIDEO = "video", _("Video calls")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    organisers = models.ManyToManyField(
        "directory.Organisation", related_name="organised_events", verbose_name=_("organisers")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    # The venue's clock: pages, forms, .ics files and certificates show the event's times in this zone
    # (times are stored in UTC). An online event keeps its organisers' zone.
    time_zone = models.CharField(
        _("time zone"),
        max_length=ZONE_MAX_LENGTH,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("The venue's time zone, e.g. Asia/Tehran: the event's times are given in it."),
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    moderated = models.BooleanField(_("organisers approve each registration"), default=False)
    # Brokerage settings (ignored for other kinds).
    meeting_format = models.CharField(
        _("meetings at"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.TABLES
    )
    meetings_start_at = models.DateTimeField(_("meetings start"), null=True, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=30)
    slot_count = models.PositiveSmallIntegerField(_("meeting slots"), default=8)
    table_count = models.PositiveSmallIntegerField(_("tables"), default=10)
    request_expiry_hours = models.PositiveSmallIntegerField(
        _("a meeting request expires after (hours)"), default=72
    )
    max_requests_per_participant = models.PositiveSmallIntegerField(
        _("meeting requests each participant may send"), default=20
    )
    max_meetings_per_participant = models.PositiveSmallIntegerField(_("meetings per participant"), default=8)
    survey_delay_hours = models.PositiveSmallIntegerField(
        _("outcome survey sent after the event (hours)"), default=24
    )
    agenda_published_at = models.DateTimeField(_("final agenda published"), null=True, blank=True)
    survey_sent_at = models.DateTimeField(_("outcome survey sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    @property
    def is_brokerage(self) -> bool:
        return self.kind == self.Kind.BROKERAGE

    def slot_starts_at(self, slot: int) -> datetime.datetime:
        start = self.meetings_start_at or self.starts_at
        return start + datetime.timedelta(minutes=self.slot_minutes * slot)

    def slot_ends_at(self, slot: int) -> datetime.datetime:
        return self.slot_starts_at(slot) + datetime.timedelta(minutes=self.slot_minutes)


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="events_room_unique_name")]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "room__name", "pk"]

    def __str__(self) -> str:
        return self.title


class RegistrationQuestion(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Free text")
        CHOICE = "choice", _("One of a list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices (one a line)"), max_length=5000, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        WAITLISTED = "waitlisted", _("On the waitlist")
        COMPLETE = "complete", _("Registered")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(_("reason"), max_length=500, blank=True)
    badge_code = models.CharField(max_length=32, unique=True, default=new_badge_code, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_registration_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"


class Participant(TimeStampedModel):
    """A registered person's entry in a brokerage event: what they offer and seek, when they are free."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="participant")
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    offer = models.TextField(_("what we offer"), max_length=5000, blank=True)
    seek = models.TextField(_("what we seek"), max_length=5000, blank=True)
    profiles = models.ManyToManyField(
        "marketplace.Profile",
        blank=True,
        related_name="event_participants",
        verbose_name=_("marketplace profiles"),
    )
    unavailable_slots = models.JSONField(_("unavailable slots"), default=list, blank=True)
    video_url = models.URLField(_("video call link"), max_length=500, blank=True)

    class Meta:
        ordering = ["registration__user__full_name", "pk"]

    def __str__(self) -> str:
        return str(self.registration.user)

    @property
    def user(self):  # type: ignore[no-untyped-def]
        return self.registration.user

    @property
    def organisation(self):  # type: ignore[no-untyped-def]
        return self.registration.organisation


class MeetingRequest(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="requests_sent")
    recipient = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="requests_received")
    message = models.TextField(_("message"), max_length=5000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "recipient"], name="events_meeting_request_one_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Meeting(TimeStampedModel):
    """An accepted request: the scheduler gives it a slot and a table (or the organiser does)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    a = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="meetings_as_a")
    b = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="meetings_as_b")
    mutual = models.BooleanField(_("both asked"), default=False)
    slot = models.PositiveSmallIntegerField(_("slot"), null=True, blank=True)
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        ordering = ["slot", "table", "pk"]

    def __str__(self) -> str:
        return f"{self.a} · {self.b}"

    def other(self, participant: Participant) -> Participant:
        return self.b if participant.pk == self.a_id else self.a


class ScheduleRun(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_at = models.DateTimeField(auto_now_add=True)
    scheduled = models.PositiveIntegerField()
    unscheduled = models.PositiveIntegerField()
    upper_bound = models.PositiveIntegerField()
    idle_gaps = models.PositiveIntegerField()
    seconds = models.FloatField()

    class Meta:
        ordering = ["-run_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} · {self.run_at:%Y-%m-%d %H:%M}"


class MeetingOutcome(TimeStampedModel):
    class Outcome(models.TextChoices):
        NO_FURTHER_CONTACT = "no_further_contact", _("No further contact")
        KNOWLEDGE_GAINED = "knowledge_gained", _("Knowledge gained")
        VALUABLE_CONTACT = "valuable_contact", _("Valuable contact")
        NEGOTIATION_STARTED = "negotiation_started", _("Negotiation started")
        AGREEMENT_REACHED = "agreement_reached", _("Agreement reached")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    comment = models.TextField(_("comment"), max_length=5000, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="events_outcome_one_per_side")
        ]


ATTENDANCE_NUMBER_PREFIX = "EV-"
ATTENDANCE_PAYLOAD_TYPE = "event_attendance"


class AttendanceCertificate(models.Model):
    """Signed with the same Ed25519 key and embedded the same way as membership certificates."""

    # An issued certificate is never deleted with its registration, event or person: it was signed.
    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(max_length=40, unique=True)
    payload = models.JSONField()
    signature = models.CharField(max_length=200)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return self.number
