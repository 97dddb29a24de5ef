from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and B2B meetings")

    def ready(self) -> None:
        from events.documents import register_attendance_certificates
        from events.matches import SUGGESTIONS, register_participant_kind
        from events.models import Participant
        from matching.models import Embedding

        register_participant_kind()
        # Kept meeting suggestions go stale when a participant or any matching vector changes.
        SUGGESTIONS.forget_on_change(Participant, Embedding)
        register_attendance_certificates()
