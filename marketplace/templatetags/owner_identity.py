"""`{% owner_identity profile permissions %}`: the owning organisation's logo, website and contact person
on a profile's page — never for an owner the viewer may not learn (an anonymous profile), and the
contact person only as the organisation's own choice of visibility allows (directory.identity)."""

from typing import Any

from django import template

from directory.identity import contact_person_for
from directory.selectors import permissions_for
from marketplace.models import Profile
from marketplace.selectors import ProfilePermissions

register = template.Library()


@register.inclusion_tag("marketplace/_owner_identity.html", takes_context=True)
def owner_identity(
    context: dict[str, Any], profile: Profile, permissions: ProfilePermissions
) -> dict[str, Any]:
    if not permissions.owner_disclosed:
        return {"shown": False}
    user = context["request"].user
    owner = profile.owner
    contact = contact_person_for(user, owner, permissions_for(user, owner))
    shown = bool(owner.logo or owner.website or contact)
    return {"shown": shown, "owner": owner, "contact_person": contact}
