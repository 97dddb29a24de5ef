"""The public front page: what an anonymous visitor may see anyway, through each app's selectors read
as that visitor (never the viewer's own rights, so a signed-in person's previews show nothing more)."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from directory.models import Organisation
from events.models import Event
from events.selectors import events_visible_to
from exchanges.models import Call
from exchanges.selectors import calls_visible_to
from marketplace.models import Profile
from marketplace.selectors import (
    DEFAULT_SORT,
    SORTS,
    owner_place_label,
    profiles_visible_to,
    with_list_relations,
)
from networks.selectors import networks_visible_to

NETWORKS_SHOWN = 12
CALLS_SHOWN = 6
EVENTS_SHOWN = 6
PROFILES_SHOWN = 6


@dataclass(frozen=True)
class FrontPage:
    networks: list[Organisation]
    open_calls: list[Call]
    events: list[Event]
    profiles: list[Profile]


def front_page() -> FrontPage:
    """What ParkLink shows anyone: its networks, open calls, coming events and recent public profiles."""
    visitor = AnonymousUser()
    now = timezone.now()
    today = timezone.localdate(now)
    profiles = list(
        with_list_relations(profiles_visible_to(visitor, now=now)).order_by(*SORTS[DEFAULT_SORT])[
            :PROFILES_SHOWN
        ]
    )
    for profile in profiles:
        profile.owner_country_label = owner_place_label(profile)  # type: ignore[attr-defined]
    return FrontPage(
        networks=list(networks_visible_to(visitor)[:NETWORKS_SHOWN]),
        open_calls=list(
            calls_visible_to(visitor)
            .filter(status=Call.Status.OPEN, opens_on__lte=today, closes_on__gte=today)
            .order_by("closes_on", "id")[:CALLS_SHOWN]
        ),
        events=list(
            events_visible_to(visitor)
            .filter(status=Event.Status.PUBLISHED, ends_at__gte=now)
            .order_by("starts_at", "pk")[:EVENTS_SHOWN]
        ),
        profiles=profiles,
    )
