"""Who may act on programmes, calls and applications: the checks every service makes first."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless, is_signed_in
from exchanges.models import Application, Programme
from exchanges.selectors import access_to, can_manage_programme

# The exchanges services still import the old private name; it is core's test, not a copy of it.
_signed_in = is_signed_in

# Said by the services and by the pages that a person who sees a programme or call may not manage.
MANAGERS_ONLY = _(
    "Only the secretariat of the programme's network manages its programmes, calls and applications."
)


def _deny_unless_manager(actor: Any, programme: Programme) -> None:
    deny_unless(is_signed_in(actor) and can_manage_programme(actor, programme), MANAGERS_ONLY)


def _deny_unless_application_manager(actor: Any, application: Application) -> None:
    _deny_unless_manager(actor, application.call.programme)


def _deny_unless_applicant(actor: Any, application: Application) -> None:
    deny_unless(
        is_signed_in(actor) and application.applicant_id == actor.pk, _("Only the applicant may do this.")
    )


def _deny_unless_host_or_manager(actor: Any, application: Application) -> None:
    access = access_to(actor, application)
    deny_unless(
        access.is_manager or access.is_host,
        _("Only the host organisation's people or the programme's managers may do this."),
    )
