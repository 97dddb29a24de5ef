"""`{% eoi_panel profile permissions %}`: the expressions-of-interest panel of a profile's page,
gathered through the EOI selectors so the profile view need not know about them."""

from typing import Any

from django import template

from core.permissions import moderated_organisation_ids
from marketplace.eoi_forms import EoiAcceptForm, EoiDeclineForm, EoiSendForm
from marketplace.eoi_selectors import (
    eoi_permissions,
    eois_on_profile,
    member_organisation_ids,
    sender_organisations_for,
)
from marketplace.models import Profile

register = template.Library()


@register.inclusion_tag("marketplace/_eoi_panel_body.html", takes_context=True)
def eoi_panel(context: template.Context, profile: Profile, permissions: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"profile": profile, "signed_in": False}
    rows = []
    mine, moderated = member_organisation_ids(user), moderated_organisation_ids(user)
    for eoi in eois_on_profile(user, profile):
        allowed = eoi_permissions(user, eoi, mine=mine, moderated=moderated)
        rows.append(
            {
                "eoi": eoi,
                "permissions": allowed,
                "accept_form": EoiAcceptForm(auto_id=f"id_eoi{eoi.pk}_%s") if allowed.can_answer else None,
                "decline_form": EoiDeclineForm(auto_id=f"id_eoi{eoi.pk}_%s") if allowed.can_answer else None,
            }
        )
    send_form = None
    if getattr(permissions, "can_send_eoi", False):
        organisations = sender_organisations_for(user, profile)
        if organisations.exists():
            send_form = EoiSendForm(organisations=organisations)
    return {
        "profile": profile,
        "signed_in": True,
        "rows": rows,
        "send_form": send_form,
        "is_owner_member": getattr(permissions, "is_owner_member", False),
        "csrf_token": context.get("csrf_token"),
    }
