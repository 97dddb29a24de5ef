"""The kinds of notification the marketplace sends (core/notification_kinds.py), registered when
core discovers this module at start-up. Who receives them and what they say: profile moderation in
`marketplace.services`, expressions of interest in `marketplace.eoi_notifications`, matches in
`marketplace.matching`."""

from typing import Any

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.notification_kinds import Channel, notification_kind_register
from core.notifications import notification_send
from directory.models import OrganisationMembership
from marketplace.models import Profile

notification_kind_register(
    "marketplace.profile_returned",
    name=_("A profile is returned with comments"),
    description=_("A moderator sent one of your organisation's profiles back with comments to address."),
    default_channel=Channel.EMAIL,
)
notification_kind_register(
    "marketplace.profile_published",
    name=_("A profile is published"),
    description=_("A moderator published one of your organisation's profiles in the marketplace."),
)
notification_kind_register(
    "marketplace.eoi_received",
    name=_("An expression of interest arrives"),
    description=_("Another organisation is interested in one of your organisation's profiles."),
    default_channel=Channel.EMAIL,
)
notification_kind_register(
    "marketplace.eoi_withdrawn",
    name=_("An expression of interest is withdrawn"),
    description=_("An organisation withdrew its interest in one of your organisation's profiles."),
    default_channel=Channel.EMAIL,
)
notification_kind_register(
    "marketplace.eoi_accepted",
    name=_("Your expression of interest is accepted"),
    description=_("A profile's owner accepted the interest you expressed."),
    default_channel=Channel.EMAIL,
)
notification_kind_register(
    "marketplace.eoi_declined",
    name=_("Your expression of interest is declined"),
    description=_("A profile's owner declined the interest you expressed."),
    default_channel=Channel.EMAIL,
)
notification_kind_register(
    "marketplace.eoi_expired",
    name=_("Your expression of interest expires"),
    description=_("The interest you expressed was not answered in time."),
    default_channel=Channel.EMAIL,
)
notification_kind_register(
    "marketplace.eoi_message",
    name=_("A new message about an expression of interest"),
    description=_("The other organisation wrote in the conversation of an accepted expression of interest."),
    default_channel=Channel.EMAIL,
)
notification_kind_register(
    "marketplace.match",
    name=_("A new match for a profile"),
    description=_("A newly published profile matches one of your organisation's profiles."),
)


def _profile_people(profile: Profile) -> list[Any]:
    """Whoever edits the profile: its owner organisation's people, and the person who wrote it."""
    people = [
        link.user
        for link in OrganisationMembership.objects.filter(
            organisation_id=profile.owner_id, user__is_active=True
        ).select_related("user")
    ]
    if profile.created_by is not None:
        people.append(profile.created_by)
    return people


def profile_moderation_notify(*, profile_id: int, action: str) -> int:
    """Tell the profile's people that a moderator returned it with comments (`action="return"`) or
    published it (`"publish"`); sent once the moderation commits. Returns how many were notified."""
    profile = Profile.objects.select_related("created_by").filter(pk=profile_id).first()
    if profile is None:
        return 0
    url = reverse("marketplace:profile_detail", kwargs={"pk": profile.pk})
    if action == "return":
        return notification_send(
            recipients=_profile_people(profile),
            kind="marketplace.profile_returned",
            subject=format_lazy(
                _("Your profile “{title}” ({reference}) was returned to you with the moderator's comments."),
                title=profile.title,
                reference=profile.reference,
            ),
            body=profile.moderation_comment,
            url=url,
        )
    if action == "publish":
        return notification_send(
            recipients=_profile_people(profile),
            kind="marketplace.profile_published",
            subject=format_lazy(
                _("Your profile “{title}” ({reference}) is published in the marketplace."),
                title=profile.title,
                reference=profile.reference,
            ),
            body=profile.moderation_comment,
            url=url,
        )
    raise ValueError(f"unknown moderation action {action!r}")
