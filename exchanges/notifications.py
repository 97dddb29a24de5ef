"""The kinds of notification exchanges send (core/notification_kinds.py), registered when core
discovers this module at start-up; the services in `exchanges.services` send them."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.notification_kinds import notification_kind_register
from exchanges.models import Application

notification_kind_register(
    "exchanges.application_status",
    name=_("Your exchange application moves on"),
    description=_("An application of yours was checked, reviewed, decided, offered or closed."),
)
notification_kind_register(
    "exchanges.application_submitted",
    name=_("An exchange application is submitted"),
    description=_("Someone applied to a call you manage or to host at your organisation."),
)
notification_kind_register(
    "exchanges.reference_received",
    name=_("A referee's letter arrives"),
    description=_("A referee uploaded the letter for one of your applications."),
)
notification_kind_register(
    "exchanges.review_assigned",
    name=_("An application to review"),
    description=_("You were asked to review an exchange application."),
)
notification_kind_register(
    "exchanges.review_declined",
    name=_("A reviewer declines"),
    description=_("A reviewer declined to review an application you manage."),
)
notification_kind_register(
    "exchanges.offer_answered",
    name=_("An offer is answered"),
    description=_("An applicant accepted or declined the offer of an exchange place."),
)

# What the applicant is told when their application reaches each status: one whole sentence each.
_S = Application.Status
APPLICATION_STATUS_SENTENCES: dict[str, StrOrPromise] = {
    _S.DRAFT: _("Your application {reference} is a draft again."),
    _S.SUBMITTED: _("Your application {reference} has been submitted."),
    _S.ELIGIBLE: _("Your application {reference} has passed the eligibility check."),
    _S.UNDER_REVIEW: _("Your application {reference} is under review."),
    _S.ACCEPTED: _("Your application {reference} has been accepted."),
    _S.WAITLISTED: _("Your application {reference} is on the waiting list."),
    _S.REJECTED: _("Your application {reference} has not been accepted."),
    _S.OFFERED: _("You have been offered a place for your application {reference}."),
    _S.OFFER_ACCEPTED: _("You accepted the offer made for your application {reference}."),
    _S.OFFER_DECLINED: _("You declined the offer made for your application {reference}."),
    _S.OFFER_EXPIRED: _("The offer made for your application {reference} has expired."),
    _S.PLACEMENT: _("The placement for your application {reference} has begun."),
    _S.COMPLETED: _("The exchange of your application {reference} is completed."),
    _S.WITHDRAWN: _("Your application {reference} has been withdrawn."),
}


def application_status_sentence(application: Application) -> StrOrPromise:
    """What the applicant reads when their application moves to its current status (lazy)."""
    return format_lazy(APPLICATION_STATUS_SENTENCES[application.status], reference=application.reference)


def offer_answered_sentence(application: Application, *, accepted: bool) -> StrOrPromise:
    """What the call's managers (and, on acceptance, the hosts) read when the applicant answers."""
    sentence = (
        _("The applicant accepted the offer made for application {reference}.")
        if accepted
        else _("The applicant declined the offer made for application {reference}.")
    )
    return format_lazy(sentence, reference=application.reference)
