from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.taxonomies import keyword_label, sector_label


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Sector(models.Model):
    """One entry of the sector taxonomy; its label is translated from `core.taxonomies`."""

    code = models.SlugField(_("code"), max_length=64, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return sector_label(self.code)


class Keyword(models.Model):
    """One entry of the technology keyword taxonomy, under a sector; labelled from `core.taxonomies`."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.CASCADE, related_name="keywords"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")

    def __str__(self) -> str:
        return keyword_label(self.code)


class AuditEvent(models.Model):
    """One write made through a service: who, when, on which object, what changed, from which request."""

    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # The organisation the object belongs to, by id only: the audit trail must outlive what it records.
    organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True, db_index=True)
    request_id = models.CharField(_("request"), max_length=64, blank=True)
    request_method = models.CharField(_("method"), max_length=10, blank=True)
    request_path = models.CharField(_("path"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class Notification(models.Model):
    """A message for one person, shown at /notifications/ and sent in a daily digest while unread.

    Subject and body are stored already translated into the recipient's language at sending time.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    topic = models.CharField(_("topic"), max_length=100, db_index=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), max_length=10000, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject


# --- Task effects done once (core/task_leases.py, issue 14 item 14) ---
class TaskEffect(models.Model):
    """An effect a background task did (an email sent, say), keyed by the task's id and the effect's
    name: a task run again after its worker died does not do it twice."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    done_at = models.DateTimeField(_("done"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("task effect")
        verbose_name_plural = _("task effects")

    def __str__(self) -> str:
        return self.key


# --- end task effects ---


# --- Notification preferences (issue 16 item 7) ---
class NotificationPreference(models.Model):
    """How one person wants to receive one kind of notification (`core.notification_kinds`); a kind
    without a row follows its default channel."""

    class Channel(models.TextChoices):
        APP = "app", _("In the app only")
        EMAIL = "email", _("Email me at once")
        DIGEST = "digest", _("In the daily digest email")
        OFF = "off", _("Off")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind of notification"), max_length=100)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique"),
        ]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}"


# --- end notification preferences ---
