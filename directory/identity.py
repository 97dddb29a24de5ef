"""An organisation's identity beside its name: its logo and its contact person.

The logo passes through core.uploads (the one home for uploads): only a PNG, JPEG or WebP image within
`LOGO_MAX_BYTES`, rewritten without its metadata. The contact person is shown to whom its
`contact_visibility` allows (`contact_person_for`), on the page and in the API alike.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

from core.forms import field_error
from core.permissions import is_signed_in
from core.uploads import verify_upload
from directory.models import ContactVisibility, Organisation
from directory.registry import network_links, network_members
from directory.selectors import OrganisationPermissions, member_organisation_ids, organisations_visible_to

LOGO_MAX_BYTES = 1024 * 1024
LOGO_CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp"}


@dataclass(frozen=True)
class ContactPerson:
    """The contact person as a viewer allowed to see it reads it."""

    name: str
    role: str
    email: str
    phone: str
    visibility: str


def logo_store(organisation: Organisation, uploaded: UploadedFile) -> None:
    """Put the checked logo on `organisation` (saved with the caller's `save`), or a field error."""
    try:
        verified = verify_upload(uploaded, max_bytes=LOGO_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"logo": error.error_list}) from error
    if not verified.content_type.startswith("image/"):
        raise field_error("logo", _("A logo must be a PNG, JPEG or WebP image."), code="logo_not_image")
    organisation.logo.save(verified.stored_name, ContentFile(verified.content), save=False)


def logo_content_type(organisation: Organisation) -> str:
    """The image type of a stored logo, from the extension `logo_store` gave it."""
    name = organisation.logo.name or ""
    return LOGO_CONTENT_TYPES.get(name[name.rfind(".") :].lower(), "application/octet-stream")


def logo_response(user: Any, pk: int) -> FileResponse:
    """The organisation's logo as an image the browser shows but never runs. A logo is as public as the
    name of an active organisation (the marketplace shows both on public profiles); any other record's
    logo only to those who may see the record. Http404 when there is none to show."""
    visible = organisations_visible_to(user).values("pk")
    organisation = (
        Organisation.objects.filter(Q(pk__in=visible) | Q(status=Organisation.Status.ACTIVE), pk=pk)
        .exclude(logo="")
        .first()
    )
    if organisation is None:
        raise Http404(_("No such logo."))
    try:
        handle = organisation.logo.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("No such logo.")) from error
    response = FileResponse(handle, content_type=logo_content_type(organisation))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def check_contact(organisation: Organisation) -> None:
    """Field errors for a contact person that cannot be reached or named."""
    if organisation.contact_visibility not in ContactVisibility.values:
        raise field_error(
            "contact_visibility", _("Choose who may see the contact person."), code="invalid_choice"
        )
    has_details = organisation.contact_role or organisation.contact_email or organisation.contact_phone
    if has_details and not organisation.contact_name:
        raise field_error(
            "contact_name", _("Give the contact person's name with their details."), code="required"
        )


def _shares_a_network(user: Any, organisation: Organisation) -> bool:
    """Whether one of `user`'s organisations is the organisation's network, or a member in good standing
    of a network the organisation belongs to."""
    mine = member_organisation_ids(user)
    if not mine:
        return False
    network_ids = {link.network_id for link in network_links(organisation, pending_too=False)}
    if organisation.is_network:
        network_ids.add(organisation.pk)
    if mine & network_ids:
        return True
    peers = Organisation.objects.filter(pk__in=mine)
    for network_id in network_ids:
        members = network_members(network_id)
        if members is not None and peers.filter(members).exists():
            return True
    return False


def contact_visible_to(user: Any, organisation: Organisation, permissions: OrganisationPermissions) -> bool:
    """Whether `user`, who may see the organisation, may see its contact person."""
    visibility = organisation.contact_visibility
    if visibility == ContactVisibility.PUBLIC or permissions.can_view_members or permissions.can_moderate:
        return True
    if not is_signed_in(user):
        return False
    if visibility == ContactVisibility.MEMBERS:
        return True
    return _shares_a_network(user, organisation)


def contact_person_for(
    user: Any, organisation: Organisation, permissions: OrganisationPermissions
) -> ContactPerson | None:
    """The contact person as `user` may read it; None if there is none or it is hidden from them."""
    if not organisation.contact_name or not contact_visible_to(user, organisation, permissions):
        return None
    return ContactPerson(
        name=organisation.contact_name,
        role=organisation.contact_role,
        email=organisation.contact_email,
        phone=organisation.contact_phone,
        visibility=organisation.contact_visibility,
    )
