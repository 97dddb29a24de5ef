"""New matches for the profiles of the viewer's organisations, through the marketplace's matching.

Only a profile already in the matching index is matched here: a profile not yet embedded would have
its text embedded on the request, which belongs to the background worker (the page says so instead).
Matches come labelled *Strong match* or *Possible match* as everywhere else; what is not relevant is
not listed (`marketplace.matching.profile_matches`).
"""

from dataclasses import dataclass
from typing import Any

from marketplace.matching import PROFILE_KIND, ProfileMatch, profile_matches
from marketplace.models import Profile
from marketplace.selectors import owner_place_label
from matching.store import index_for

MATCHES_PER_PROFILE = 3


@dataclass(frozen=True)
class ProfileMatches:
    profile: Profile
    indexed: bool
    matches: list[ProfileMatch]


def matches_for_profiles(viewer: Any, profiles: list[Profile]) -> list[ProfileMatches]:
    """Each profile's best matches that `viewer` may see (none until the profile is indexed)."""
    if not profiles:
        return []
    index = index_for(PROFILE_KIND)
    found = []
    for profile in profiles:
        indexed = index.vector_of(profile.pk) is not None
        matches = (
            profile_matches(viewer=viewer, profile=profile, limit=MATCHES_PER_PROFILE) if indexed else []
        )
        for match in matches:
            match.profile.owner_country_label = owner_place_label(match.profile)  # type: ignore[attr-defined]
        found.append(ProfileMatches(profile=profile, indexed=indexed, matches=matches))
    return found
