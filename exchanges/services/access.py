"""Who may act on programmes, calls and applications: the checks every service makes first."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.permissions import deny_unless
from exchanges.models import Application, Programme
from exchanges.selectors import access_to, can_manage_programme


def _signed_in(actor: Any) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def _deny_unless_manager(actor: Any, programme: Programme) -> None:
    deny_unless(
        _signed_in(actor) and can_manage_programme(actor, programme),
        _("Only the secretariat of the programme's network manages its programmes, calls and applications."),
    )


def _deny_unless_application_manager(actor: Any, application: Application) -> None:
    _deny_unless_manager(actor, application.call.programme)


def _deny_unless_applicant(actor: Any, application: Application) -> None:
    deny_unless(
        _signed_in(actor) and application.applicant_id == actor.pk, _("Only the applicant may do this.")
    )


def _deny_unless_host_or_manager(actor: Any, application: Application) -> None:
    access = access_to(actor, application)
    deny_unless(
        access.is_manager or access.is_host,
        _("Only the host organisation's people or the programme's managers may do this."),
    )
