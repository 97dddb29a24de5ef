"""The dashboard and the front page over the API, through the same selectors as the pages.

`GET /api/v1/dashboard` needs a token and reads as its person; `GET /api/v1/front-page` is public and
always reads as an anonymous visitor, token or not, like the page. Schema names start with
`Dashboard` or `FrontPage` so none collides with another app's in the OpenAPI document.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from core.api_auth import OPTIONAL_TOKEN, api_user
from core.ratelimit import api_rate_limit
from dashboard.front_page import front_page
from dashboard.matches import matches_for_profiles
from dashboard.selectors import Section, dashboard_of

router = Router(tags=["dashboard"])


class DashboardItemOut(Schema):
    title: str
    url: str = Field(description="The page where the work is done.")
    detail: str
    due: datetime.date | None = Field(description="The day it is due, for deadlines and actions.")
    at: datetime.datetime | None = Field(description="When it was sent, expires or takes place.")


class DashboardSectionOut(Schema):
    key: str = Field(description="Stable: moderation, network_applications, eois, meetings, …")
    heading: str
    total: int = Field(description="How many there are; `items` holds the first few.")
    items: list[DashboardItemOut]
    more_url: str
    empty: str = Field(description="What to do next, when the section is empty.")


class DashboardMatchOut(Schema):
    profile_id: int
    title: str
    relevance: str = Field(description='"strong" or "possible".')
    relevance_label: str
    language: str


class DashboardProfileMatchesOut(Schema):
    profile_id: int
    title: str
    indexed: bool = Field(description="False until the matching engine has embedded the profile.")
    matches: list[DashboardMatchOut]


class DashboardOut(Schema):
    tasks: list[DashboardSectionOut]
    meetings: DashboardSectionOut
    registrations: DashboardSectionOut
    deadlines: DashboardSectionOut
    organisations: DashboardSectionOut
    networks: DashboardSectionOut
    matches: list[DashboardProfileMatchesOut]


class FrontPageNetworkOut(Schema):
    id: int
    name: str
    country: str


class FrontPageCallOut(Schema):
    id: int
    title: str
    programme: str
    opens_on: datetime.date
    closes_on: datetime.date


class FrontPageEventOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    city: str


class FrontPageProfileOut(Schema):
    id: int
    reference: str
    title: str
    kind: str
    owner: str | None = Field(description="Empty for an anonymous profile.")
    owner_place: str = Field(description="Its owner's country, or only its region where the owner hides it.")


class FrontPageOut(Schema):
    networks: list[FrontPageNetworkOut]
    open_calls: list[FrontPageCallOut]
    events: list[FrontPageEventOut]
    profiles: list[FrontPageProfileOut]


def _section_out(section: Section) -> dict[str, Any]:
    return {
        "key": section.key,
        "heading": str(section.heading),
        "total": section.total,
        "items": section.items,
        "more_url": section.more_url,
        "empty": str(section.empty),
    }


@router.get("/dashboard", response=DashboardOut)
@api_rate_limit("matching")  # it runs the matching of the person's profiles, as the matches endpoint does
def dashboard(request: HttpRequest) -> dict[str, Any]:
    """The token's person's tasks, meetings, registrations, deadlines, organisations, networks and
    their profiles' matches, as on their home page."""
    user = api_user(request)
    found = dashboard_of(user, now=timezone.now())
    return {
        "tasks": [_section_out(section) for section in found.tasks],
        "meetings": _section_out(found.meetings),
        "registrations": _section_out(found.registrations),
        "deadlines": _section_out(found.deadlines),
        "organisations": _section_out(found.organisations),
        "networks": _section_out(found.networks),
        "matches": [
            {
                "profile_id": entry.profile.pk,
                "title": entry.profile.title,
                "indexed": entry.indexed,
                "matches": [
                    {
                        "profile_id": match.profile.pk,
                        "title": match.profile.title,
                        "relevance": match.relevance or "",
                        "relevance_label": match.relevance_label,
                        "language": match.language,
                    }
                    for match in entry.matches
                ],
            }
            for entry in matches_for_profiles(user, found.matchable_profiles)
        ],
    }


@router.get("/front-page", response=FrontPageOut, auth=OPTIONAL_TOKEN)
def front_page_read(request: HttpRequest) -> dict[str, Any]:
    """What the public front page shows: networks, open calls, coming events and recent public profiles."""
    found = front_page()
    return {
        "networks": found.networks,
        "open_calls": [
            {
                "id": call.pk,
                "title": call.title,
                "programme": call.programme.title,
                "opens_on": call.opens_on,
                "closes_on": call.closes_on,
            }
            for call in found.open_calls
        ],
        "events": found.events,
        "profiles": [
            {
                "id": profile.pk,
                "reference": profile.reference,
                "title": profile.title,
                "kind": profile.kind,
                "owner": profile.owner.name if getattr(profile, "owner_shown", False) else None,
                "owner_place": profile.owner_country_label,  # type: ignore[attr-defined]
            }
            for profile in found.profiles
        ],
    }
