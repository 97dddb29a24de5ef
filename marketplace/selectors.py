"""Permission-aware reads of the marketplace: every page, endpoint, task and service asks through here.

Visibility of a profile:
- anonymous visitors: published, unexpired, public profiles;
- people signed in: published, unexpired profiles that are public, or members-only where one of their
  organisations shares an ACTIVE or GRACE network membership with the owner, or shared with one of
  their organisations; plus every profile of their own organisations, whatever its status;
- network secretariats: also the profiles of the organisations they moderate, from submission on;
- platform operators: everything.

An anonymous profile's owner is disclosed only to its own people, its moderators, platform operators,
and the organisations whose expression of interest it accepted (`owner_disclosed`).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.permissions import is_platform_operator, is_signed_in, moderated_organisation_ids
from core.request_memo import memoised_per_request
from core.taxonomies import country_name, region_name, region_of
from directory.models import Organisation
from directory.selectors import member_organisation_ids
from marketplace.models import ExpressionOfInterest, Profile, ProfilePartnershipType, ProfileTargetCountry
from marketplace.word_search import profiles_with_words
from networks.models import NetworkMembership

EDITABLE_STATUSES = (Profile.Status.DRAFT, Profile.Status.RETURNED, Profile.Status.PUBLISHED)
EXPIRY_WARNING_DAYS = 14

SORTS: dict[str, tuple[Any, ...]] = {
    "-published": ("-published_at", "-created_at", "-id"),
    "published": ("published_at", "created_at", "id"),
    "title": (Lower("title"), "id"),
    "-updated": ("-updated_at", "-id"),
    "expires": ("expires_at", "id"),
}
DEFAULT_SORT = "-published"


@dataclass(frozen=True)
class ProfilePermissions:
    """What one person may do with one profile."""

    can_edit: bool = False
    can_moderate: bool = False
    can_send_eoi: bool = False
    owner_disclosed: bool = False
    # A person of the owner organisation: submits, extends, archives, opens and closes for EOIs.
    is_owner_member: bool = False

    @property
    def can_view_history(self) -> bool:
        return self.is_owner_member or self.can_moderate


# The organisations `user` belongs to, in any role; the marketplace's services and views ask by this name.
my_organisation_ids = member_organisation_ids


@memoised_per_request
def _network_peer_ids(organisation_ids: set[int]) -> set[int]:
    """Organisations sharing an ACTIVE or GRACE network membership with any of `organisation_ids`,
    counting a network's own staff as belonging to it."""
    if not organisation_ids:
        return set()
    network_ids = (
        set(
            NetworkMembership.objects.filter(
                member_id__in=organisation_ids, status__in=NetworkMembership.MODERATED_STATUSES
            ).values_list("network_id", flat=True)
        )
        | organisation_ids
    )
    return set(
        NetworkMembership.objects.filter(
            network_id__in=network_ids, status__in=NetworkMembership.MODERATED_STATUSES
        ).values_list("member_id", flat=True)
    )


def _live(now: datetime.datetime) -> Q:
    return Q(status=Profile.Status.PUBLISHED) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def _accepted_eoi_from(organisation_ids: set[int]) -> Exists:
    return Exists(
        ExpressionOfInterest.objects.filter(
            profile_id=OuterRef("pk"),
            status=ExpressionOfInterest.Status.ACCEPTED,
            sender_organisation_id__in=organisation_ids,
        )
    )


def profiles_visible_to(user: Any, *, now: datetime.datetime | None = None) -> QuerySet[Profile]:
    """Every profile `user` may see, each annotated with `owner_shown` (may the owner be named to them)."""
    now = now or timezone.now()
    profiles = Profile.objects.select_related("owner")
    if is_platform_operator(user):
        return profiles.annotate(owner_shown=Value(True, output_field=BooleanField()))
    if not is_signed_in(user):
        return profiles.filter(_live(now), visibility=Profile.Visibility.PUBLIC).annotate(
            owner_shown=Q(anonymous=False)
        )
    mine = my_organisation_ids(user)
    moderated = moderated_organisation_ids(user)
    shared_with_me = Exists(
        Profile.visible_to.through.objects.filter(profile_id=OuterRef("pk"), organisation_id__in=mine)
    )
    visible = (
        Q(owner_id__in=mine)
        | (Q(owner_id__in=moderated) & ~Q(status=Profile.Status.DRAFT))
        | (
            _live(now)
            & (
                Q(visibility=Profile.Visibility.PUBLIC)
                | Q(visibility=Profile.Visibility.NETWORK_MEMBERS, owner_id__in=_network_peer_ids(mine))
                | (Q(visibility=Profile.Visibility.SELECTED) & shared_with_me)
            )
        )
    )
    return profiles.filter(visible).annotate(
        owner_shown=Q(anonymous=False) | Q(owner_id__in=mine | moderated) | Q(_accepted_eoi_from(mine))
    )


def owner_country_hidden(profile: Profile) -> bool:
    """Does `profile` show only its owner's world region to this reader? For an anonymous profile whose
    owner chose so, to readers the owner is hidden from (`owner_shown`, which every profile read through
    `profiles_visible_to` carries; without it the country is hidden)."""
    return (
        profile.anonymous
        and profile.owner_place == Profile.OwnerPlace.REGION
        and not getattr(profile, "owner_shown", False)
    )


def owner_place_label(profile: Profile) -> str:
    """Where the owner is, in the interface language: its country, or its region where that is hidden."""
    if owner_country_hidden(profile):
        return region_name(region_of(profile.owner.country))
    return country_name(profile.owner.country)


def is_owner_member(user: Any, profile: Profile) -> bool:
    return is_signed_in(user) and profile.owner_id in my_organisation_ids(user)


def can_moderate(user: Any, profile: Profile) -> bool:
    """The secretariat of a network the owner belongs to, or a platform operator (who alone moderate
    the profiles of organisations in no network)."""
    return is_platform_operator(user) or profile.owner_id in moderated_organisation_ids(user)


def owner_disclosed(user: Any, profile: Profile) -> bool:
    """May `user` learn which organisation owns `profile`? Always for a profile that is not anonymous;
    for an anonymous one only its own people, its moderators, platform operators, and the people of an
    organisation whose expression of interest on it was accepted."""
    if not profile.anonymous:
        return True
    if not is_signed_in(user):
        return False
    if is_owner_member(user, profile) or can_moderate(user, profile):
        return True
    return ExpressionOfInterest.objects.filter(
        profile=profile,
        status=ExpressionOfInterest.Status.ACCEPTED,
        sender_organisation_id__in=my_organisation_ids(user),
    ).exists()


def permissions_for_profile(
    user: Any, profile: Profile, *, now: datetime.datetime | None = None
) -> ProfilePermissions:
    now = now or timezone.now()
    member = is_owner_member(user, profile)
    live = profile.status == Profile.Status.PUBLISHED and (
        profile.expires_at is None or profile.expires_at > now
    )
    return ProfilePermissions(
        can_edit=member and profile.status in EDITABLE_STATUSES,
        can_moderate=is_signed_in(user) and can_moderate(user, profile),
        can_send_eoi=(
            is_signed_in(user)
            and not member
            and live
            and profile.open_for_eoi
            and bool(my_organisation_ids(user))
        ),
        owner_disclosed=owner_disclosed(user, profile),
        is_owner_member=member,
    )


def get_visible_profile(user: Any, pk: int) -> Profile:
    """The profile if `user` may see it (else Http404), without the relations its page shows: the
    matches read what they compare for the profile and its candidates in one go (six queries fewer)."""
    profile = profiles_visible_to(user).filter(pk=pk).first()
    if profile is None:
        raise Http404(_("No such profile."))
    return profile


def get_profile_for_user(user: Any, pk: int) -> tuple[Profile, ProfilePermissions]:
    """The profile if `user` may see it (else Http404), with what they may do with it."""
    profile = (
        profiles_visible_to(user)
        .select_related("created_by")
        .prefetch_related(
            "sectors", "keywords", "partnership_types", "target_countries", "sdgs", "attachments"
        )
        .filter(pk=pk)
        .first()
    )
    if profile is None:
        raise Http404(_("No such profile."))
    return profile, permissions_for_profile(user, profile)


def with_list_relations(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    return profiles.prefetch_related("sectors", "partnership_types", "target_countries")


def profiles_search(
    user: Any,
    *,
    q: str = "",
    kind: str | None = None,
    status: str | None = None,
    sector: str | None = None,
    keyword: str | None = None,
    country: str | None = None,
    partnership_type: str | None = None,
    stage: str | None = None,
    trl_min: int | None = None,
    sdg: int | None = None,
    language: str | None = None,
    open_for_eoi: bool | None = None,
    sort: str | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet[Profile]:
    """The marketplace list (page, API and saved searches): visible profiles matching every filter
    given. `q` looks, case-insensitively, in the reference, title, summary and description — never in
    the owner's name, so a search cannot unmask an anonymous profile."""
    profiles = profiles_with_words(profiles_visible_to(user, now=now), q or "")
    if kind:
        profiles = profiles.filter(kind=kind)
    if status:
        profiles = profiles.filter(status=status)
    if sector:
        profiles = profiles.filter(
            pk__in=Profile.sectors.through.objects.filter(sector__code=sector).values("profile_id")
        )
    if keyword:
        profiles = profiles.filter(
            pk__in=Profile.keywords.through.objects.filter(keyword__code=keyword).values("profile_id")
        )
    if country:
        country = country.upper()
        # The owner's country finds a profile only where the reader may see that country.
        country_seen = Q(owner_shown=True) | Q(anonymous=False) | ~Q(owner_place=Profile.OwnerPlace.REGION)
        profiles = profiles.filter(
            (Q(owner__country=country) & country_seen)
            | Q(pk__in=ProfileTargetCountry.objects.filter(country=country).values("profile_id"))
        )
    if partnership_type:
        profiles = profiles.filter(
            pk__in=ProfilePartnershipType.objects.filter(type=partnership_type).values("profile_id")
        )
    if stage:
        profiles = profiles.filter(stage=stage)
    if trl_min is not None:
        profiles = profiles.filter(trl__gte=trl_min)
    if sdg is not None:
        profiles = profiles.filter(sdgs__goal=sdg)
    if language:
        profiles = profiles.filter(language=language)
    if open_for_eoi is not None:
        profiles = profiles.filter(open_for_eoi=open_for_eoi)
    return with_list_relations(profiles).order_by(*SORTS.get(sort or DEFAULT_SORT, SORTS[DEFAULT_SORT]))


def _owner_has_network_moderators() -> Q:
    """Whether a network secretariat moderates the profile's owner: the owner is a network itself, or
    holds an ACTIVE or GRACE membership in an active network (as `moderated_organisation_ids` counts)."""
    return Q(owner__kind=Organisation.Kind.NETWORK) | Q(
        Exists(
            NetworkMembership.objects.filter(
                member_id=OuterRef("owner_id"),
                status__in=NetworkMembership.MODERATED_STATUSES,
                network__status=Organisation.Status.ACTIVE,
            )
        )
    )


def moderated_by_operators(profile: Profile) -> bool:
    """Does no network moderate `profile`'s owner, so that ParkLink's operators review it?"""
    return not Profile.objects.filter(_owner_has_network_moderators(), pk=profile.pk).exists()


def moderates_anything(user: Any) -> bool:
    """Does `user` moderate profiles at all: a network secretariat, or a platform operator?"""
    return is_platform_operator(user) or bool(moderated_organisation_ids(user))


def moderation_queue(user: Any) -> QuerySet[Profile]:
    """Submitted profiles waiting for `user` as their moderator, oldest first. Platform operators see
    every one, those of organisations in no network among them (`for_operators`: nobody else reviews
    them)."""
    if not is_signed_in(user):
        return Profile.objects.none()
    profiles = profiles_visible_to(user).filter(status=Profile.Status.SUBMITTED)
    if not is_platform_operator(user):
        profiles = profiles.filter(owner_id__in=moderated_organisation_ids(user))
    profiles = profiles.annotate(for_operators=~_owner_has_network_moderators())
    return with_list_relations(profiles).order_by("submitted_at", "id")


def profiles_of_my_organisations(user: Any) -> QuerySet[Profile]:
    """Every profile of the organisations `user` belongs to, whatever its status, latest change first."""
    return with_list_relations(
        profiles_visible_to(user).filter(owner_id__in=my_organisation_ids(user))
    ).order_by("-updated_at", "-id")


def history_of(profile: Profile, permissions: ProfilePermissions) -> QuerySet[Any]:
    """The profile's history, for its own people and its moderators only."""
    if not permissions.can_view_history:
        return profile.history.none()
    return profile.history.select_related("actor").order_by("-occurred_at", "-id")


def expiring_soon(*, now: datetime.datetime) -> QuerySet[Profile]:
    """Published profiles whose expiry is within the warning period and who were not warned yet."""
    return Profile.objects.filter(
        status=Profile.Status.PUBLISHED,
        expiry_warning_sent_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
    )
