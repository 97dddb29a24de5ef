"""Every write to a marketplace profile. Each function checks who may do it, validates, runs in one
transaction, records the write to the audit trail (against the owner organisation) and adds a
ProfileEvent to the profile's history."""

import datetime
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.audit import audit_record, changes_between, snapshot
from core.email_tasks import email_enqueue
from core.forms import field_error
from core.languages import detect_language
from core.models import Keyword, Sector
from core.permissions import deny_unless
from core.taxonomies import is_country_code
from core.uploads import VerifiedFile, verify_upload
from directory.models import Organisation, OrganisationMembership
from directory.services import is_language_code
from marketplace.matching import PROFILE_KIND
from marketplace.models import (
    Attachment,
    Profile,
    ProfileEvent,
    ProfilePartnershipType,
    ProfileSdg,
    ProfileTargetCountry,
    ReferenceCounter,
)
from marketplace.notifications import profile_moderation_notify
from marketplace.selectors import (
    EDITABLE_STATUSES,
    EXPIRY_WARNING_DAYS,
    can_moderate,
    is_owner_member,
    my_organisation_ids,
)
from matching.services import record_changed

VALIDITY = datetime.timedelta(days=365)
MAX_SECTORS = 5
MAX_KEYWORDS = 5
MAX_PARTNERSHIP_TYPES = 3

# The profile's own fields a person writes (the rest follow from the workflow).
PROFILE_FIELDS = (
    "kind",
    "title",
    "summary",
    "description",
    "innovation",
    "technical_specification",
    "stage",
    "trl",
    "ipr_status",
    "patent_numbers",
    "partner_type",
    "partner_size",
    "partner_role",
    "deadline",
    "language",
    "visibility",
    "anonymous",
    "owner_place",
    "open_for_eoi",
)
TEXT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "description",
        "innovation",
        "technical_specification",
        "patent_numbers",
        "partner_role",
    }
)
DETECTION_FIELDS = ("title", "summary", "description")


@dataclass(frozen=True)
class _Relations:
    """A profile's many-valued fields, as validated and stored together."""

    sectors: list[Sector]
    keywords: list[Keyword]
    partnership_types: list[str]
    target_countries: list[str]
    sdgs: list[int]
    visible_to: list[Organisation]


class _Keep(enum.Enum):
    """Marks an argument of `profile_update` the caller leaves as it is (a partial update)."""

    KEEP = "keep"


KEEP = _Keep.KEEP


# Why a profile's status refuses each step: one whole sentence per step, never a status glued in.
TRANSITION_REFUSALS: dict[str, StrOrPromise] = {
    "edit": _("A profile cannot be edited once it is waiting for review, rejected, expired or archived."),
    "submit": _("A profile cannot be submitted unless it is a draft or was returned to its author."),
    "publish": _("A profile cannot be published unless it is waiting for review."),
    "return": _("A profile cannot be returned to its author unless it is waiting for review."),
    "reject": _("A profile cannot be rejected unless it is waiting for review."),
    "extend": _("A profile cannot be extended unless it is published with an end date."),
    "archive": _("An archived profile cannot be archived again."),
    "eoi": _("An archived profile cannot be opened or closed for expressions of interest."),
}


def _transition_error(profile: Profile, action: str) -> ValidationError:
    return ValidationError(TRANSITION_REFUSALS[action], code="invalid_transition")


# Who may do what


def _deny_unless_owner_member(actor: Any, profile: Profile, message: StrOrPromise) -> None:
    deny_unless(actor is not None and is_owner_member(actor, profile), message)


def _deny_unless_moderator(actor: Any, profile: Profile) -> None:
    deny_unless(
        actor is not None and actor.is_authenticated and can_moderate(actor, profile),
        _(
            "Only the secretariat of a network this organisation belongs to, or a platform operator, "
            "moderates its profiles."
        ),
    )


# History


def _state(profile: Profile) -> dict[str, Any]:
    return {
        **snapshot(profile, PROFILE_FIELDS),
        "sectors": sorted(profile.sectors.values_list("code", flat=True)),
        "keywords": sorted(profile.keywords.values_list("code", flat=True)),
        "partnership_types": sorted(profile.partnership_types.values_list("type", flat=True)),
        "target_countries": sorted(profile.target_countries.values_list("country", flat=True)),
        "sdgs": sorted(profile.sdgs.values_list("goal", flat=True)),
        "visible_to": sorted(profile.visible_to.values_list("pk", flat=True)),
    }


def _record(
    *,
    actor: Any,
    profile: Profile,
    action: str,
    from_status: str = "",
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    person = actor if actor is not None and actor.is_authenticated else None
    ProfileEvent.objects.create(
        profile=profile,
        actor=person,
        actor_name=person.get_full_name() if person is not None else "",
        action=action,
        from_status=from_status,
        to_status=profile.status,
        note=note,
        changes=changes or {},
    )
    audit_changes = dict(changes or {})
    if from_status != profile.status:
        audit_changes["status"] = [from_status or None, profile.status]
    if note:
        audit_changes["note"] = note
    record_changed(kind=PROFILE_KIND, object_id=profile.pk)
    audit_record(
        actor=person,
        action=f"profile.{action}",
        target=profile,
        changes=audit_changes,
        organisation_id=profile.owner_id,
    )


# Validation and language


def _check(
    profile: Profile, relations: _Relations, *, previous_deadline: datetime.date | None = None
) -> None:
    """Every rule at once, each beside its field. A deadline must not be past when it is set or changed
    (one that has since passed may stay while other fields are edited)."""
    sectors, keywords = relations.sectors, relations.keywords
    partnership_types, target_countries = relations.partnership_types, relations.target_countries
    sdgs, visible_to = relations.sdgs, relations.visible_to
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: StrOrPromise, code: str, params: dict[str, Any] | None = None) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code, params=params))

    try:
        profile.full_clean(
            exclude=["reference", "owner", "created_by", "detected_language"], validate_unique=False
        )
    except ValidationError as error:
        for field, field_errors in error.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    for field in ("summary", "description", "innovation", "technical_specification", "partner_role"):
        max_length = getattr(Profile._meta.get_field(field), "max_length", None)
        if field not in errors and max_length:
            try:
                MaxLengthValidator(max_length)(getattr(profile, field))
            except ValidationError as error:
                errors.setdefault(field, []).append(error)
    if not 1 <= len(partnership_types) <= MAX_PARTNERSHIP_TYPES:
        add("partnership_types", _("Choose one to three kinds of partnership."), "partnership_count")
    unknown_types = set(partnership_types) - set(ProfilePartnershipType.Type.values)
    if unknown_types:
        add(
            "partnership_types",
            _("Unknown kind of partnership: %(value)s."),
            "partnership_unknown",
            {"value": ", ".join(sorted(unknown_types))},
        )
    if not 1 <= len(sectors) <= MAX_SECTORS:
        add("sectors", _("Choose one to five sectors."), "sector_count")
    if len(keywords) > MAX_KEYWORDS:
        add("keywords", _("Choose at most five keywords."), "keyword_count")
    bad_countries = [code for code in target_countries if not is_country_code(code)]
    if bad_countries:
        add(
            "target_countries",
            _("%(value)s is not an ISO 3166 country code."),
            "invalid_country",
            {"value": ", ".join(bad_countries)},
        )
    bad_goals = [goal for goal in sdgs if not 1 <= goal <= 17]
    if bad_goals:
        add("sdgs", _("Sustainable Development Goals are numbered 1 to 17."), "invalid_sdg")
    if profile.deadline and profile.deadline != previous_deadline and profile.deadline < timezone.localdate():
        add("deadline", _("The deadline cannot be in the past."), "deadline_past")
    if profile.visibility == Profile.Visibility.SELECTED and not visible_to:
        add("visible_to", _("Choose at least one organisation to share this profile with."), "no_selection")
    if profile.language and not is_language_code(profile.language):
        add(
            "language",
            _("%(value)s is not an ISO 639 language code (for example en, fa, ru, zh)."),
            "invalid_language",
            {"value": profile.language},
        )
    if errors:
        raise ValidationError(errors)


def _set_relations(profile: Profile, relations: _Relations) -> None:
    sectors, keywords = relations.sectors, relations.keywords
    partnership_types, target_countries = relations.partnership_types, relations.target_countries
    sdgs, visible_to = relations.sdgs, relations.visible_to
    profile.sectors.set(sectors)
    profile.keywords.set(keywords)
    profile.visible_to.set(visible_to if profile.visibility == Profile.Visibility.SELECTED else [])
    profile.partnership_types.all().delete()
    ProfilePartnershipType.objects.bulk_create(
        ProfilePartnershipType(profile=profile, type=value) for value in sorted(set(partnership_types))
    )
    profile.target_countries.all().delete()
    ProfileTargetCountry.objects.bulk_create(
        ProfileTargetCountry(profile=profile, country=code) for code in sorted(set(target_countries))
    )
    profile.sdgs.all().delete()
    ProfileSdg.objects.bulk_create(ProfileSdg(profile=profile, goal=goal) for goal in sorted(set(sdgs)))


def _next_reference(*, kind: str, country: str, today: datetime.date, anonymous: bool = False) -> str:
    """`TO-IR-20260310-0001`: kind, owner's country, day, and a counter per kind, country and day. An
    anonymous profile's reference leaves the country out and counts across the whole platform
    (`TO-20260310-0001`), so that neither the country nor a country's daily count can name its owner."""
    prefix = f"{kind}-{today:%Y%m%d}" if anonymous else f"{kind}-{country}-{today:%Y%m%d}"
    ReferenceCounter.objects.get_or_create(prefix=prefix)
    # The row lock makes two profiles created at once take consecutive numbers, never the same one.
    counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{counter.last:04d}"


def _verify_attachment(uploaded: UploadedFile) -> VerifiedFile:
    """A profile's attachment checked against the marketplace's own size limit, refused beside the field."""
    try:
        return verify_upload(uploaded, max_bytes=settings.MARKETPLACE_ATTACHMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"attachments": error.error_list}) from error


def _store_attachments(*, actor: Any, profile: Profile, files: Sequence[UploadedFile]) -> list[Attachment]:
    verified = [_verify_attachment(uploaded) for uploaded in files]
    stored = []
    for item in verified:
        attachment = Attachment(
            profile=profile,
            original_name=item.original_name,
            content_type=item.content_type,
            size=len(item.content),
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )
        attachment.file.save(item.stored_name, ContentFile(item.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


# Writes


@transaction.atomic
def profile_create(
    *,
    actor: Any,
    owner: Organisation,
    kind: str,
    title: str,
    summary: str,
    description: str,
    sectors: Iterable[Sector],
    partnership_types: Iterable[str],
    keywords: Iterable[Keyword] = (),
    target_countries: Iterable[str] = (),
    sdgs: Iterable[int] = (),
    innovation: str = "",
    technical_specification: str = "",
    stage: str = "",
    trl: int | None = None,
    ipr_status: str = Profile.IprStatus.NONE,
    patent_numbers: str = "",
    partner_type: str = Profile.PartnerType.ANY,
    partner_size: str = Profile.PartnerSize.ANY,
    partner_role: str = "",
    deadline: datetime.date | None = None,
    language: str = "",
    visibility: str = Profile.Visibility.PUBLIC,
    visible_to: Iterable[Organisation] = (),
    anonymous: bool = False,
    owner_place: str = Profile.OwnerPlace.COUNTRY,
    open_for_eoi: bool = True,
    attachments: Sequence[UploadedFile] = (),
    now: datetime.datetime | None = None,
) -> Profile:
    """A new draft profile of `owner`, written by one of its people."""
    deny_unless(
        actor is not None and actor.is_authenticated and owner.pk in my_organisation_ids(actor),
        _("Only the people of an organisation write its profiles."),
    )
    now = now or timezone.now()
    profile = Profile(
        kind=kind,
        owner=owner,
        created_by=actor,
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        innovation=innovation.strip(),
        technical_specification=technical_specification.strip(),
        stage=stage,
        trl=trl,
        ipr_status=ipr_status,
        patent_numbers=patent_numbers.strip(),
        partner_type=partner_type,
        partner_size=partner_size,
        partner_role=partner_role.strip(),
        deadline=deadline,
        visibility=visibility,
        anonymous=anonymous,
        owner_place=owner_place,
        open_for_eoi=open_for_eoi,
        status=Profile.Status.DRAFT,
    )
    profile.detected_language = detect_language(profile.title, profile.summary, profile.description)
    profile.language = language.strip() or profile.detected_language
    relations = _Relations(
        sectors=list(sectors),
        keywords=list(keywords),
        partnership_types=list(partnership_types),
        target_countries=[code.upper() for code in target_countries],
        sdgs=list(sdgs),
        visible_to=list(visible_to),
    )
    _check(profile, relations)
    for uploaded in attachments:
        _verify_attachment(uploaded)
    profile.reference = _next_reference(
        kind=kind, country=owner.country, today=timezone.localdate(now), anonymous=anonymous
    )
    profile.save()
    _set_relations(profile, relations)
    _store_attachments(actor=actor, profile=profile, files=attachments)
    _record(actor=actor, profile=profile, action="create", changes=_state(profile))
    return profile


def _locked(profile: Profile) -> Profile:
    """The profile as stored, locked for the transaction (a form may have changed the object in memory)."""
    return Profile.objects.select_for_update().select_related("owner").get(pk=profile.pk)


@transaction.atomic
def profile_update(
    *,
    actor: Any,
    profile: Profile,
    kind: str | _Keep = KEEP,
    title: str | _Keep = KEEP,
    summary: str | _Keep = KEEP,
    description: str | _Keep = KEEP,
    innovation: str | _Keep = KEEP,
    technical_specification: str | _Keep = KEEP,
    stage: str | _Keep = KEEP,
    trl: int | _Keep | None = KEEP,
    ipr_status: str | _Keep = KEEP,
    patent_numbers: str | _Keep = KEEP,
    partner_type: str | _Keep = KEEP,
    partner_size: str | _Keep = KEEP,
    partner_role: str | _Keep = KEEP,
    deadline: datetime.date | _Keep | None = KEEP,
    language: str | _Keep = KEEP,
    visibility: str | _Keep = KEEP,
    anonymous: bool | _Keep = KEEP,
    owner_place: str | _Keep = KEEP,
    open_for_eoi: bool | _Keep = KEEP,
    sectors: Iterable[Sector] | _Keep = KEEP,
    keywords: Iterable[Keyword] | _Keep = KEEP,
    partnership_types: Iterable[str] | _Keep = KEEP,
    target_countries: Iterable[str] | _Keep = KEEP,
    sdgs: Iterable[int] | _Keep = KEEP,
    visible_to: Iterable[Organisation] | _Keep = KEEP,
    attachments: Sequence[UploadedFile] = (),
) -> Profile:
    """Change a draft, returned or published profile (a published one stays published). The language
    follows the text's detected language unless the author chose another."""
    _deny_unless_owner_member(
        actor, profile, _("Only the people of the owner organisation edit its profiles.")
    )
    profile = _locked(profile)
    if profile.status not in EDITABLE_STATUSES:
        raise _transition_error(profile, "edit")
    before, previous_deadline = _state(profile), profile.deadline
    followed_detection = profile.language == profile.detected_language
    scalars = {
        "kind": kind,
        "title": title,
        "summary": summary,
        "description": description,
        "innovation": innovation,
        "technical_specification": technical_specification,
        "stage": stage,
        "trl": trl,
        "ipr_status": ipr_status,
        "patent_numbers": patent_numbers,
        "partner_type": partner_type,
        "partner_size": partner_size,
        "partner_role": partner_role,
        "deadline": deadline,
        "visibility": visibility,
        "anonymous": anonymous,
        "owner_place": owner_place,
        "open_for_eoi": open_for_eoi,
    }
    for field, value in scalars.items():
        if value is not KEEP:
            setattr(
                profile, field, value.strip() if field in TEXT_FIELDS and isinstance(value, str) else value
            )
    if kind is not KEEP and kind != before["kind"]:
        raise field_error("kind", _("The kind of a profile cannot change once created."), code="kind_fixed")
    profile.detected_language = detect_language(profile.title, profile.summary, profile.description)
    if language is not KEEP and language.strip() and language.strip() != before["language"]:
        profile.language = language.strip()
    elif followed_detection or not profile.language:
        profile.language = profile.detected_language
    relations = _Relations(
        sectors=list(profile.sectors.all()) if sectors is KEEP else list(sectors),
        keywords=list(profile.keywords.all()) if keywords is KEEP else list(keywords),
        partnership_types=before["partnership_types"]
        if partnership_types is KEEP
        else list(partnership_types),
        target_countries=before["target_countries"]
        if target_countries is KEEP
        else [code.upper() for code in target_countries],
        sdgs=before["sdgs"] if sdgs is KEEP else list(sdgs),
        visible_to=list(profile.visible_to.all()) if visible_to is KEEP else list(visible_to),
    )
    _check(profile, relations, previous_deadline=previous_deadline)
    if profile.anonymous and not before["anonymous"] and profile.published_at is None:
        # Its reference has been seen by its own people only: give it one that names no country.
        profile.reference = _next_reference(
            kind=profile.kind, country="", today=timezone.localdate(), anonymous=True
        )
    profile.save()
    _set_relations(profile, relations)
    stored = _store_attachments(actor=actor, profile=profile, files=attachments)
    changes = changes_between(before, _state(profile))
    if stored:
        changes["attachments"] = [None, [attachment.original_name for attachment in stored]]
    _record(actor=actor, profile=profile, action="update", from_status=profile.status, changes=changes)
    return profile


def _transition(
    *,
    actor: Any,
    profile: Profile,
    to: str,
    action: str,
    note: str = "",
    fields: Sequence[str] = (),
) -> Profile:
    from_status = profile.status
    profile.status = to
    profile.save(update_fields=["status", "updated_at", *fields])
    _record(actor=actor, profile=profile, action=action, from_status=from_status, note=note)
    return profile


@transaction.atomic
def profile_submit(*, actor: Any, profile: Profile, now: datetime.datetime | None = None) -> Profile:
    """Send a draft or returned profile to its moderators."""
    _deny_unless_owner_member(
        actor, profile, _("Only the people of the owner organisation submit its profiles.")
    )
    profile = _locked(profile)
    if profile.status not in (Profile.Status.DRAFT, Profile.Status.RETURNED):
        raise _transition_error(profile, "submit")
    profile.submitted_at = now or timezone.now()
    return _transition(
        actor=actor, profile=profile, to=Profile.Status.SUBMITTED, action="submit", fields=["submitted_at"]
    )


@transaction.atomic
def profile_publish(
    *, actor: Any, profile: Profile, note: str = "", now: datetime.datetime | None = None
) -> Profile:
    """Publish a submitted profile for twelve months."""
    _deny_unless_moderator(actor, profile)
    profile = _locked(profile)
    if profile.status != Profile.Status.SUBMITTED:
        raise _transition_error(profile, "publish")
    now = now or timezone.now()
    profile.published_at = now
    profile.expires_at = now + VALIDITY
    profile.expiry_warning_sent_at = None
    profile.moderation_comment = note.strip()
    profile = _transition(
        actor=actor,
        profile=profile,
        to=Profile.Status.PUBLISHED,
        action="publish",
        note=note.strip(),
        fields=["published_at", "expires_at", "expiry_warning_sent_at", "moderation_comment"],
    )
    transaction.on_commit(partial(profile_moderation_notify, profile_id=profile.pk, action="publish"))
    return profile


@transaction.atomic
def profile_return(*, actor: Any, profile: Profile, comments: str) -> Profile:
    """Send a submitted profile back to its authors with the moderator's comments."""
    _deny_unless_moderator(actor, profile)
    profile = _locked(profile)
    if profile.status != Profile.Status.SUBMITTED:
        raise _transition_error(profile, "return")
    if not comments.strip():
        raise field_error("comments", _("Tell the authors what to change."), code="required")
    profile.moderation_comment = comments.strip()
    profile = _transition(
        actor=actor,
        profile=profile,
        to=Profile.Status.RETURNED,
        action="return",
        note=comments.strip(),
        fields=["moderation_comment"],
    )
    transaction.on_commit(partial(profile_moderation_notify, profile_id=profile.pk, action="return"))
    return profile


@transaction.atomic
def profile_reject(*, actor: Any, profile: Profile, reason: str) -> Profile:
    """Refuse a submitted profile for good, saying why."""
    _deny_unless_moderator(actor, profile)
    profile = _locked(profile)
    if profile.status != Profile.Status.SUBMITTED:
        raise _transition_error(profile, "reject")
    if not reason.strip():
        raise field_error("reason", _("Give the reason for rejecting the profile."), code="required")
    profile.moderation_comment = reason.strip()
    return _transition(
        actor=actor,
        profile=profile,
        to=Profile.Status.REJECTED,
        action="reject",
        note=reason.strip(),
        fields=["moderation_comment"],
    )


@transaction.atomic
def profile_extend(*, actor: Any, profile: Profile) -> Profile:
    """Keep a published profile twelve more months from its current expiry; once only."""
    _deny_unless_owner_member(
        actor, profile, _("Only the people of the owner organisation extend its profiles.")
    )
    profile = _locked(profile)
    if profile.status != Profile.Status.PUBLISHED or profile.expires_at is None:
        raise _transition_error(profile, "extend")
    if profile.extended:
        raise ValidationError(_("This profile has already been extended once."), code="already_extended")
    before = profile.expires_at
    profile.expires_at = before + VALIDITY
    profile.extended = True
    profile.expiry_warning_sent_at = None
    profile.save(update_fields=["expires_at", "extended", "expiry_warning_sent_at", "updated_at"])
    _record(
        actor=actor,
        profile=profile,
        action="extend",
        from_status=profile.status,
        changes={"expires_at": [before.isoformat(), profile.expires_at.isoformat()]},
    )
    return profile


@transaction.atomic
def profile_archive(*, actor: Any, profile: Profile) -> Profile:
    """Withdraw a profile for good: its owner's people or its moderators."""
    deny_unless(
        actor is not None and (is_owner_member(actor, profile) or can_moderate(actor, profile)),
        _("Only the people of the owner organisation and its moderators archive its profiles."),
    )
    profile = _locked(profile)
    if profile.status == Profile.Status.ARCHIVED:
        raise _transition_error(profile, "archive")
    return _transition(actor=actor, profile=profile, to=Profile.Status.ARCHIVED, action="archive")


@transaction.atomic
def profile_set_open_for_eoi(*, actor: Any, profile: Profile, open_for_eoi: bool) -> Profile:
    """Open or close a profile for expressions of interest, whatever its status."""
    _deny_unless_owner_member(
        actor, profile, _("Only the people of the owner organisation open or close its profiles for EOIs.")
    )
    profile = _locked(profile)
    if profile.status == Profile.Status.ARCHIVED:
        raise _transition_error(profile, "eoi")
    if profile.open_for_eoi == open_for_eoi:
        return profile
    profile.open_for_eoi = open_for_eoi
    profile.save(update_fields=["open_for_eoi", "updated_at"])
    _record(
        actor=actor,
        profile=profile,
        action="open_for_eoi" if open_for_eoi else "close_for_eoi",
        from_status=profile.status,
        changes={"open_for_eoi": [not open_for_eoi, open_for_eoi]},
    )
    return profile


@transaction.atomic
def profile_expire(*, profile: Profile, now: datetime.datetime) -> bool:
    """Expire a published profile whose time is up; returns whether it did."""
    profile = _locked(profile)
    if profile.status != Profile.Status.PUBLISHED or profile.expires_at is None or profile.expires_at > now:
        return False
    _transition(actor=None, profile=profile, to=Profile.Status.EXPIRED, action="expire")
    return True


def profile_url(profile: Profile) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("marketplace:profile_detail", kwargs={"pk": profile.pk})


@transaction.atomic
def profile_expiry_warn(*, profile: Profile, now: datetime.datetime) -> bool:
    """Email the owner organisation's people once, two weeks before a published profile expires;
    returns whether the warning went out."""
    profile = _locked(profile)
    if (
        profile.status != Profile.Status.PUBLISHED
        or profile.expires_at is None
        or profile.expiry_warning_sent_at is not None
        or not now < profile.expires_at <= now + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    ):
        return False
    recipients = {
        link.user.email: link.user
        for link in OrganisationMembership.objects.filter(
            organisation_id=profile.owner_id, user__is_active=True
        ).select_related("user")
    }
    for email, user in sorted(recipients.items()):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context = {"profile": profile, "url": profile_url(profile), "can_extend": not profile.extended}
            subject = render_to_string("marketplace/email/expiry_warning_subject.txt", context).strip()
            body = render_to_string("marketplace/email/expiry_warning_body.txt", context)
        # After commit: no SMTP round trip while the profile's row is locked, and no warning for a
        # stamp that was rolled back.
        transaction.on_commit(partial(email_enqueue, EmailMessage(subject, body, None, [email])))
    profile.expiry_warning_sent_at = now
    profile.save(update_fields=["expiry_warning_sent_at", "updated_at"])
    _record(
        actor=None,
        profile=profile,
        action="expiry_warning",
        from_status=profile.status,
        changes={"recipients": len(recipients)},
    )
    return True


@transaction.atomic
def attachment_add(*, actor: Any, profile: Profile, uploaded: UploadedFile) -> Attachment:
    """Attach a PDF or image (checked by content and size) to a profile its people may still edit."""
    _deny_unless_owner_member(actor, profile, _("Only the people of the owner organisation attach files."))
    profile = _locked(profile)
    if profile.status not in EDITABLE_STATUSES:
        raise _transition_error(profile, "edit")
    (attachment,) = _store_attachments(actor=actor, profile=profile, files=[uploaded])
    _record(
        actor=actor,
        profile=profile,
        action="attachment_add",
        from_status=profile.status,
        changes={"attachments": [None, attachment.original_name]},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    profile = attachment.profile
    _deny_unless_owner_member(actor, profile, _("Only the people of the owner organisation remove files."))
    profile = _locked(profile)
    if profile.status not in EDITABLE_STATUSES:
        raise _transition_error(profile, "edit")
    name, stored = attachment.original_name, attachment.file.name
    attachment.delete()
    storage = Attachment._meta.get_field("file").storage  # type: ignore[attr-defined]
    transaction.on_commit(lambda: storage.delete(stored) if stored else None)
    _record(
        actor=actor,
        profile=profile,
        action="attachment_remove",
        from_status=profile.status,
        changes={"attachments": [name, None]},
    )
