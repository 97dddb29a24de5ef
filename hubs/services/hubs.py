"""Writes about a hub itself: opening and editing it, subscribing to its digest, and sending the monthly
digest of its feed."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.permissions import deny_unless
from core.taxonomies import is_country_code
from core.timezones import validate_time_zone
from directory.models import Organisation, OrganisationMembership
from hubs.models import Hub
from hubs.selectors import hub_permissions

HUB_FIELDS = ("partner_country", "partner_region", "mandate", "designated_by", "designated_on", "time_zone")


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _check_country(country: str) -> None:
    if not is_country_code(country):
        raise ValidationError(
            {"partner_country": _("%(value)s is not an ISO 3166 country code.") % {"value": country}}
        )


@transaction.atomic
def hub_create(
    *,
    actor: Any,
    host: Organisation,
    partner_country: str,
    mandate: str,
    designated_by: str,
    designated_on: datetime.date,
    partner_region: str = "",
    desk_parks: Iterable[Organisation] = (),
    staff: Iterable[Any] = (),
    time_zone: str = "",
) -> Hub:
    deny_unless(
        _is_admin_of(actor, host),
        _("Only an admin of the host organisation opens a hub for it."),
    )
    _check_country(partner_country)
    _check_time_zone(time_zone)
    if partner_country == host.country:
        raise ValidationError({"partner_country": _("The partner country must differ from the host's.")})
    if Hub.objects.filter(host=host, partner_country=partner_country, partner_region=partner_region).exists():
        raise ValidationError(_("This organisation already hosts a hub for that partner."))
    hub = Hub.objects.create(
        host=host,
        partner_country=partner_country,
        partner_region=partner_region,
        mandate=mandate,
        designated_by=designated_by,
        designated_on=designated_on,
        time_zone=time_zone,
        created_by=actor,
    )
    hub.desk_parks.set(desk_parks)
    hub.staff.set(staff)
    audit_record(actor=actor, action="hubs.hub_create", target=hub, organisation_id=host.pk)
    return hub


def _check_time_zone(time_zone: str) -> None:
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise ValidationError({"time_zone": error}) from error


def _is_admin_of(user: Any, organisation: Organisation) -> bool:
    from core.permissions import is_platform_operator

    return (
        is_platform_operator(user)
        or OrganisationMembership.objects.filter(
            user=user, organisation=organisation, role=OrganisationMembership.Role.ADMIN
        ).exists()
    )


@transaction.atomic
def hub_update(
    *,
    actor: Any,
    hub: Hub,
    partner_country: str,
    mandate: str,
    designated_by: str,
    designated_on: datetime.date,
    partner_region: str = "",
    desk_parks: Iterable[Organisation] = (),
    staff: Iterable[Any] = (),
    time_zone: str | None = None,
) -> Hub:
    deny_unless(hub_permissions(actor, hub).can_manage, _("Only the hub's managers edit it."))
    _check_country(partner_country)
    before = snapshot(hub, HUB_FIELDS)
    hub.partner_country, hub.partner_region, hub.mandate = partner_country, partner_region, mandate
    hub.designated_by, hub.designated_on = designated_by, designated_on
    if time_zone is not None:
        _check_time_zone(time_zone)
        hub.time_zone = time_zone
    hub.save(update_fields=[*HUB_FIELDS, "updated_at"])
    hub.desk_parks.set(desk_parks)
    hub.staff.set(staff)
    audit_record(
        actor=actor,
        action="hubs.hub_update",
        target=hub,
        changes=changes_between(before, snapshot(hub, HUB_FIELDS)),
        organisation_id=hub.host_id,
    )
    return hub


@transaction.atomic
def hub_subscription_set(*, actor: Any, hub: Hub, subscribed: bool) -> bool:
    deny_unless(
        hub_permissions(actor, hub).is_desk_member, _("Only the hub's desk subscribes to its digest.")
    )
    if subscribed:
        hub.subscribers.add(actor)
    else:
        hub.subscribers.remove(actor)
    return subscribed


def hub_digests_send(*, month: datetime.date | None = None) -> int:
    """Email each hub's subscribers what the feed recorded in the previous calendar month; returns the
    number of emails sent. Run on the first of the month."""
    from hubs.feed import feed_for

    first_of_this_month = (month or timezone.localdate()).replace(day=1)
    start = (first_of_this_month - datetime.timedelta(days=1)).replace(day=1)
    sent = 0
    due = Hub.objects.exclude(digest_sent_for=start).select_related("host")
    for hub in due.prefetch_related("subscribers"):
        for person in hub.subscribers.filter(is_active=True):
            if not hub_permissions(person, hub).is_desk_member:
                continue
            items = [item for item in feed_for(person, hub=hub, since=start) if item.on < first_of_this_month]
            if not items:
                continue
            with translation.override(getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE):
                context = {
                    "hub": hub,
                    "items": items,
                    "month": start,
                    "url": _site_url(reverse("hubs:hub_feed", args=[hub.pk])),
                }
                subject = render_to_string("hubs/email/digest_subject.txt", context).strip()
                body = render_to_string("hubs/email/digest_body.txt", context)
            sent += send_mail(subject, body, None, [person.email])
        hub.digest_sent_for = start
        hub.save(update_fields=["digest_sent_for"])
    return sent
