"""The kinds of notification hubs send (core/notification_kinds.py), registered when core discovers
this module at start-up; the services in `hubs.services` send them."""

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.notification_kinds import notification_kind_register
from core.notifications import notification_send
from directory.models import OrganisationMembership
from hubs.models import Agreement

notification_kind_register(
    "hubs.agreement_negotiation",
    name=_("An agreement awaits your approval"),
    description=_("A memorandum or agreement your organisation is party to is open for approval."),
)
notification_kind_register(
    "hubs.agreement_signed",
    name=_("A memorandum or agreement is signed"),
    description=_("A memorandum or agreement your organisation is party to has been signed."),
)
notification_kind_register(
    "hubs.follow_up_due",
    name=_("A follow-up action is due"),
    description=_("An action assigned to you in a hub is due soon or overdue."),
)
notification_kind_register(
    "hubs.need_announced",
    name=_("A hub announces a need"),
    description=_("A hub you follow published a new need."),
)


def agreement_signed_notify(*, agreement_id: int, actor_id: int | None) -> int:
    """Tell the people of every party (but whoever signed it) that the memorandum or agreement was
    signed, once the signature commits; returns how many were notified."""
    agreement = Agreement.objects.filter(pk=agreement_id).first()
    if agreement is None:
        return 0
    people = [
        link.user
        for link in OrganisationMembership.objects.filter(
            organisation__in=agreement.parties.values("organisation"), user__is_active=True
        )
        .exclude(user_id=actor_id or 0)
        .select_related("user")
    ]
    sentence = (
        _("The memorandum of understanding “{title}” has been signed.")
        if agreement.kind == Agreement.Kind.MOU
        else _("The agreement “{title}” has been signed.")
    )
    return notification_send(
        recipients=people,
        kind="hubs.agreement_signed",
        subject=format_lazy(sentence, title=agreement.title),
        url=reverse("hubs:agreement_detail", args=[agreement.pk]),
    )
