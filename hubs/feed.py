"""The monitoring feed: a hub's interactions and agreements, and the marketplace's expressions of
interest between the two countries, in one list — each thing entered once, where it belongs."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.taxonomies import country_name
from hubs.models import Agreement, Hub
from hubs.selectors import agreements_visible_to, desk_hubs_of, interactions_visible_to
from marketplace.eoi_selectors import eois_visible_to
from marketplace.kpis import eois_between
from marketplace.models import ExpressionOfInterest
from marketplace.selectors import profiles_visible_to

FEED_LENGTH = 100


@dataclass(frozen=True)
class FeedItem:
    on: datetime.date
    source: str  # "interaction", "agreement" or "eoi"
    kind_label: StrOrPromise
    title: str
    detail: StrOrPromise
    url: str


def _eoi_items(user: Any, home: str, partner: str, since: datetime.date | None) -> list[FeedItem]:
    """EOIs between the two countries on profiles `user` may see. The sender is named only to those
    who may see the EOI itself; everyone else learns the sender's country."""
    eois = ExpressionOfInterest.objects.filter(
        eois_between(home, partner), profile__in=profiles_visible_to(user).values("pk")
    ).select_related("profile", "sender_organisation")
    if since:
        eois = eois.filter(created_at__date__gte=since)
    own = set(eois_visible_to(user).filter(pk__in=eois.values("pk")).values_list("pk", flat=True))
    items = []
    for eoi in eois.order_by("-created_at", "-id")[:FEED_LENGTH]:
        sender = (
            eoi.sender_organisation.name if eoi.pk in own else country_name(eoi.sender_organisation.country)
        )
        items.append(
            FeedItem(
                on=eoi.created_at.date(),
                source="eoi",
                kind_label=_("Expression of interest"),
                title=f"{eoi.profile.reference} {eoi.profile.title}",
                detail=format_lazy(
                    _("From {sender}; {status}"), sender=sender, status=eoi.get_status_display()
                ),
                url=reverse("marketplace:eoi_detail", args=[eoi.pk]) if eoi.pk in own else "",
            )
        )
    return items


def feed_for(
    user: Any,
    *,
    hub: Hub | None = None,
    countries: tuple[str, str] | None = None,
    since: datetime.date | None = None,
) -> list[FeedItem]:
    """Newest first: the feed of one hub, or of every hub `user` works at for a country pair."""
    pair = desk_hubs_of(user).none()
    if hub is not None:
        hub_filter = Q(hub=hub)
        home, partner = hub.home_country, hub.partner_country
    else:
        assert countries is not None
        home, partner = countries
        pair = desk_hubs_of(user).filter(
            Q(host__country=home, partner_country=partner) | Q(host__country=partner, partner_country=home)
        )
        hub_filter = Q(hub__in=pair.values("pk"))
    interactions = interactions_visible_to(user).filter(hub_filter)
    agreements = agreements_visible_to(user).filter(hub_filter).exclude(status=Agreement.Status.DRAFT)
    if since:
        interactions = interactions.filter(occurred_on__gte=since)
        agreements = agreements.filter(updated_at__date__gte=since)
    items = [
        FeedItem(
            on=interaction.occurred_on,
            source="interaction",
            kind_label=interaction.get_kind_display(),
            title=interaction.title,
            detail=interaction.outcome[:200],
            url=reverse("hubs:interaction_list", args=[interaction.hub_id])
            + f"#interaction-{interaction.pk}",
        )
        for interaction in interactions.order_by("-occurred_on", "-id")[:FEED_LENGTH]
    ]
    items += [
        FeedItem(
            on=agreement.signed_on or agreement.updated_at.date(),
            source="agreement",
            kind_label=agreement.get_kind_display(),
            title=agreement.title,
            detail=agreement.get_status_display(),
            url=reverse("hubs:agreement_detail", args=[agreement.pk]),
        )
        for agreement in agreements.order_by("-updated_at", "-id")[:FEED_LENGTH]
    ]
    # Only a desk monitors a country pair: outside one, the pair's feed shows no EOIs either.
    if hub is not None or pair.exists():
        items += _eoi_items(user, home, partner, since)
    items.sort(key=lambda item: (item.on, item.source, item.title), reverse=True)
    return items[:FEED_LENGTH]
