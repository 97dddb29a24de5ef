from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and B2B meetings")

    def ready(self) -> None:
        from events.documents import register_attendance_certificates
        from events.matches import register_participant_kind

        register_participant_kind()
        register_attendance_certificates()
