"""Every write to exchanges. Each function checks who may do it, validates, runs in one transaction,
records the write to the audit trail and, for applications, adds a step to the application's history.

Notifications to reviewers name the application by its reference only, so a blind review stays blind.
"""

import datetime
import secrets
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.audit import audit_record
from core.models import Sector
from core.notifications import notification_send
from core.permissions import deny_unless, is_platform_operator
from core.taxonomies import is_country_code
from core.uploads import verify_upload
from directory.models import Organisation, OrganisationMembership
from exchanges import documents
from exchanges.models import (
    Answer,
    Application,
    ApplicationEvent,
    Call,
    CallField,
    CareerStage,
    ConflictDeclaration,
    Criterion,
    Document,
    DocumentSequence,
    LanguageLevel,
    ParticipantType,
    Placement,
    Programme,
    RefereeRequest,
    ReviewAssignment,
    ReviewerProfile,
    Score,
)
from exchanges.selectors import (
    HOSTED_STATUSES,
    REVIEWABLE_STATUSES,
    WITHDRAWABLE_STATUSES,
    access_to,
    call_is_accepting,
    can_manage_placement,
    can_manage_programme,
    conflicts_between,
    my_organisation_ids,
    quota_of,
)
from hubs.models import Agreement
from hubs.selectors import agreements_visible_to
from matching.services import record_changed

LANGUAGE_LEVEL_ORDER = [level.value for level in LanguageLevel]
MAX_FORM_FIELDS = 30
MAX_CRITERIA = 15
# Answer files and reference letters: the same 10 MB a marketplace attachment may weigh.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024


def field_error(
    field: str, message: StrOrPromise, *, code: str, params: dict[str, Any] | None = None
) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def _signed_in(actor: Any) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def _deny_unless_manager(actor: Any, programme: Programme) -> None:
    deny_unless(
        _signed_in(actor) and can_manage_programme(actor, programme),
        _("Only the secretariat of the programme's network manages its programmes, calls and applications."),
    )


def _next_number(prefix: str) -> int:
    sequence, _created = DocumentSequence.objects.select_for_update().get_or_create(prefix=prefix)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def _countries(values: Iterable[str], field: str) -> list[str]:
    codes = sorted({value.strip().upper() for value in values if value.strip()})
    unknown = [code for code in codes if not is_country_code(code)]
    if unknown:
        raise field_error(
            field,
            _("%(codes)s: not ISO 3166 country codes."),
            code="invalid_country",
            params={"codes": ", ".join(unknown)},
        )
    return codes


def _choices(values: Iterable[str], allowed: Iterable[str], field: str) -> list[str]:
    chosen = sorted(set(values))
    allowed_set = set(allowed)
    if any(value not in allowed_set for value in chosen):
        raise field_error(field, _("Choose among the values offered."), code="invalid_choice")
    return chosen


# Programmes

PROGRAMME_FIELDS = (
    "title",
    "description",
    "mobilities_per_year",
    "duration_unit",
    "min_duration",
    "max_duration",
    "language",
    "language_level",
    "participant_types",
    "direction",
    "sending_countries",
    "host_countries",
)


def _programme_agreement_check(actor: Any, agreement: Agreement | None) -> None:
    """A programme may carry out only a signed agreement its creator can see."""
    if agreement is None:
        return
    if not agreements_visible_to(actor).filter(pk=agreement.pk).exists():
        raise field_error("agreement", _("No such agreement."), code="unknown_agreement")
    if agreement.status != Agreement.Status.SIGNED:
        raise field_error(
            "agreement",
            _("Only an agreement that is signed and in effect can carry an exchange programme."),
            code="agreement_not_in_effect",
        )


def _programme_apply(
    programme: Programme, *, values: Mapping[str, Any], subject_areas: Sequence[Sector] | None
) -> None:
    if not str(values["title"]).strip():
        raise field_error("title", _("Give the programme a title."), code="required")
    if values["min_duration"] > values["max_duration"]:
        raise field_error(
            "max_duration",
            _("The longest stay must not be shorter than the shortest."),
            code="duration_order",
        )
    participant_types = _choices(values["participant_types"], ParticipantType.values, "participant_types")
    if not participant_types:
        raise field_error("participant_types", _("Say who may go."), code="required")
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, values[name])
    programme.agreement = values.get("agreement")
    programme.participant_types = participant_types
    programme.sending_countries = _countries(values["sending_countries"], "sending_countries")
    programme.host_countries = _countries(values["host_countries"], "host_countries")
    programme.full_clean(exclude=["network", "created_by"])
    programme.save()
    if subject_areas is not None:
        programme.subject_areas.set(subject_areas)


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    network: Organisation,
    title: str,
    mobilities_per_year: int,
    min_duration: int,
    max_duration: int,
    participant_types: Sequence[str],
    duration_unit: str = Programme.DurationUnit.MONTHS,
    description: str = "",
    subject_areas: Sequence[Sector] = (),
    language: str = "",
    language_level: str = "",
    direction: str = Programme.Direction.BOTH_WAYS,
    sending_countries: Sequence[str] = (),
    host_countries: Sequence[str] = (),
    agreement: Agreement | None = None,
) -> Programme:
    deny_unless(network.is_network, _("A programme belongs to a network."))
    _programme_agreement_check(actor, agreement)
    programme = Programme(network=network, created_by=actor if _signed_in(actor) else None)
    _deny_unless_manager(actor, programme)
    _programme_apply(programme, values=locals(), subject_areas=subject_areas)
    audit_record(
        actor=actor, action="exchanges.programme.create", target=programme, organisation_id=network.pk
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    mobilities_per_year: int,
    min_duration: int,
    max_duration: int,
    participant_types: Sequence[str],
    duration_unit: str,
    description: str,
    subject_areas: Sequence[Sector],
    language: str,
    language_level: str,
    direction: str,
    sending_countries: Sequence[str],
    host_countries: Sequence[str],
    agreement: Agreement | None = None,
) -> Programme:
    _deny_unless_manager(actor, programme)
    if agreement is not None and agreement.pk != programme.agreement_id:
        _programme_agreement_check(actor, agreement)
    values = dict(locals())
    before = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
    _programme_apply(programme, values=values, subject_areas=subject_areas)
    changes = {
        name: [before[name], getattr(programme, name)]
        for name in PROGRAMME_FIELDS
        if before[name] != getattr(programme, name)
    }
    audit_record(
        actor=actor,
        action="exchanges.programme.update",
        target=programme,
        changes=changes,
        organisation_id=programme.network_id,
    )
    return programme


# Calls

CALL_FIELDS = (
    "title",
    "description",
    "opens_on",
    "closes_on",
    "mobility_year",
    "blind_review",
    "same_country_conflict",
    "reviews_per_application",
)


def _call_apply(call: Call, *, values: Mapping[str, Any]) -> None:
    if values["opens_on"] > values["closes_on"]:
        raise field_error("closes_on", _("The call must close after it opens."), code="date_order")
    for name in CALL_FIELDS:
        setattr(call, name, values[name])
    call.eligible_countries = _countries(values["eligible_countries"], "eligible_countries")
    call.eligible_organisation_kinds = _choices(
        values["eligible_organisation_kinds"], Organisation.Kind.values, "eligible_organisation_kinds"
    )
    call.eligible_career_stages = _choices(
        values["eligible_career_stages"], CareerStage.values, "eligible_career_stages"
    )
    call.full_clean(exclude=["programme", "created_by"])
    call.save()


@transaction.atomic
def call_create(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    mobility_year: int,
    description: str = "",
    eligible_countries: Sequence[str] = (),
    eligible_organisation_kinds: Sequence[str] = (),
    eligible_career_stages: Sequence[str] = (),
    blind_review: bool = False,
    same_country_conflict: bool = False,
    reviews_per_application: int = 2,
) -> Call:
    _deny_unless_manager(actor, programme)
    deny_unless(programme.status == Programme.Status.ACTIVE, _("The programme is closed."))
    call = Call(programme=programme, created_by=actor)
    _call_apply(call, values=locals())
    audit_record(
        actor=actor, action="exchanges.call.create", target=call, organisation_id=programme.network_id
    )
    return call


@transaction.atomic
def call_update(
    *,
    actor: Any,
    call: Call,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    mobility_year: int,
    description: str,
    eligible_countries: Sequence[str],
    eligible_organisation_kinds: Sequence[str],
    eligible_career_stages: Sequence[str],
    blind_review: bool,
    same_country_conflict: bool,
    reviews_per_application: int,
) -> Call:
    _deny_unless_manager(actor, call.programme)
    if call.status != Call.Status.DRAFT and blind_review != call.blind_review:
        raise field_error(
            "blind_review", _("Blind review cannot change once the call is open."), code="blind_locked"
        )
    _call_apply(call, values=locals())
    audit_record(
        actor=actor, action="exchanges.call.update", target=call, organisation_id=call.programme.network_id
    )
    return call


def _deny_unless_form_editable(actor: Any, call: Call) -> None:
    _deny_unless_manager(actor, call.programme)
    if call.applications.exists():
        raise ValidationError(
            _("The form and criteria cannot change once someone has applied."), code="form_locked"
        )


@transaction.atomic
def call_field_add(
    *,
    actor: Any,
    call: Call,
    label: str,
    kind: str,
    choices: Sequence[str] = (),
    required: bool = True,
    help_text: str = "",
) -> CallField:
    _deny_unless_form_editable(actor, call)
    if call.fields.count() >= MAX_FORM_FIELDS:
        raise ValidationError(
            _("A form has at most %(n)s questions."), code="too_many", params={"n": MAX_FORM_FIELDS}
        )
    cleaned_choices = [choice.strip() for choice in choices if choice.strip()]
    if kind == CallField.Kind.CHOICE and len(cleaned_choices) < 2:
        raise field_error("choices", _("A choice needs at least two options, one a line."), code="choices")
    if kind != CallField.Kind.CHOICE:
        cleaned_choices = []
    position = (call.fields.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    call_field = CallField(
        call=call,
        label=label.strip(),
        kind=kind,
        choices=cleaned_choices,
        required=required,
        help_text=help_text,
        position=position,
    )
    call_field.full_clean()
    call_field.save()
    audit_record(
        actor=actor,
        action="exchanges.call.field_add",
        target=call,
        changes={"field": label},
        organisation_id=call.programme.network_id,
    )
    return call_field


@transaction.atomic
def call_field_remove(*, actor: Any, call_field: CallField) -> None:
    _deny_unless_form_editable(actor, call_field.call)
    audit_record(
        actor=actor,
        action="exchanges.call.field_remove",
        target=call_field.call,
        changes={"field": call_field.label},
        organisation_id=call_field.call.programme.network_id,
    )
    call_field.delete()


@transaction.atomic
def criterion_add(*, actor: Any, call: Call, name: str, weight: int, description: str = "") -> Criterion:
    _deny_unless_form_editable(actor, call)
    if call.criteria.count() >= MAX_CRITERIA:
        raise ValidationError(
            _("A call has at most %(n)s criteria."), code="too_many", params={"n": MAX_CRITERIA}
        )
    position = (call.criteria.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    criterion = Criterion(
        call=call, name=name.strip(), weight=weight, description=description, position=position
    )
    criterion.full_clean()
    criterion.save()
    audit_record(
        actor=actor,
        action="exchanges.call.criterion_add",
        target=call,
        changes={"criterion": name, "weight": weight},
        organisation_id=call.programme.network_id,
    )
    return criterion


@transaction.atomic
def criterion_remove(*, actor: Any, criterion: Criterion) -> None:
    _deny_unless_form_editable(actor, criterion.call)
    audit_record(
        actor=actor,
        action="exchanges.call.criterion_remove",
        target=criterion.call,
        changes={"criterion": criterion.name},
        organisation_id=criterion.call.programme.network_id,
    )
    criterion.delete()


@transaction.atomic
def call_open(*, actor: Any, call: Call) -> Call:
    _deny_unless_manager(actor, call.programme)
    if call.status == Call.Status.OPEN:
        raise ValidationError(_("The call is already open."), code="invalid_transition")
    if not call.criteria.exists():
        raise ValidationError(
            _("Add at least one evaluation criterion before opening the call."), code="no_criteria"
        )
    if call.closes_on < timezone.localdate():
        raise field_error("closes_on", _("The call's closing date has passed; move it first."), code="closed")
    call.status = Call.Status.OPEN
    call.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="exchanges.call.open", target=call, organisation_id=call.programme.network_id
    )
    return call


@transaction.atomic
def call_close(*, actor: Any, call: Call) -> Call:
    _deny_unless_manager(actor, call.programme)
    if call.status != Call.Status.OPEN:
        raise ValidationError(_("Only an open call can be closed."), code="invalid_transition")
    call.status = Call.Status.CLOSED
    call.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="exchanges.call.close", target=call, organisation_id=call.programme.network_id
    )
    return call


# Placements


@transaction.atomic
def placement_publish(
    *,
    actor: Any,
    host: Organisation,
    title: str,
    lab: str,
    supervisor: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    programme: Programme | None = None,
    project: str = "",
    description: str = "",
) -> Placement:
    deny_unless(
        _signed_in(actor) and (is_platform_operator(actor) or host.pk in my_organisation_ids(actor)),
        _("Only the people of the host organisation publish its placements."),
    )
    if starts_on > ends_on:
        raise field_error("ends_on", _("The placement must end after it starts."), code="date_order")
    placement = Placement(
        host=host,
        programme=programme,
        title=title,
        lab=lab,
        project=project,
        supervisor=supervisor,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    placement.full_clean()
    placement.save()
    audit_record(actor=actor, action="exchanges.placement.publish", target=placement, organisation_id=host.pk)
    _matching_changed("exchanges.placement", placement.pk)
    return placement


@transaction.atomic
def placement_withdraw(*, actor: Any, placement: Placement) -> Placement:
    deny_unless(
        can_manage_placement(actor, placement),
        _("Only the people of the host organisation withdraw its placements."),
    )
    if placement.status == Placement.Status.WITHDRAWN:
        raise ValidationError(_("The placement is already withdrawn."), code="invalid_transition")
    placement.status = Placement.Status.WITHDRAWN
    placement.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="exchanges.placement.withdraw",
        target=placement,
        organisation_id=placement.host_id,
    )
    _matching_changed("exchanges.placement", placement.pk)
    return placement


# Applications: history and notifications


def _step(*, actor: Any, application: Application, action: str, from_status: str, note: str = "") -> None:
    person = actor if _signed_in(actor) else None
    ApplicationEvent.objects.create(
        application=application,
        actor=person,
        action=action,
        from_status=from_status,
        to_status=application.status,
        note=note,
    )
    changes: dict[str, Any] = {}
    if from_status != application.status:
        changes["status"] = [from_status or None, application.status]
        _matching_changed("exchanges.application", application.pk)
    if note:
        changes["note"] = note
    audit_record(
        actor=person,
        action=f"exchanges.application.{action}",
        target=application,
        changes=changes,
        organisation_id=application.call.programme.network_id,
    )


def _application_url(application: Application) -> str:
    return reverse("exchanges:application_detail", kwargs={"pk": application.pk})


def _tell_applicant(application: Application) -> None:
    notification_send(
        recipients=[application.applicant],
        topic="exchanges.application_status",
        subject=format_lazy(
            _("Your application {reference} is now: {status}"),
            reference=application.reference,
            status=Application.Status(application.status).label,
        ),
        body=application.decision_reason,
        url=_application_url(application),
    )


def _managers_of(application: Application) -> list[Any]:
    return [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation_id=application.call.programme.network_id,
            role=OrganisationMembership.Role.SECRETARIAT,
        ).select_related("user")
    ]


def _host_people(application: Application) -> list[Any]:
    return [
        membership.user
        for membership in OrganisationMembership.objects.filter(
            organisation_id=application.host_organisation_id
        ).select_related("user")
    ]


def _deny_unless_status(application: Application, allowed: Iterable[str], action: StrOrPromise) -> None:
    if application.status not in set(allowed):
        raise ValidationError(
            _("An application that is %(status)s cannot be %(action)s."),
            code="invalid_transition",
            params={"status": application.get_status_display().lower(), "action": action},
        )


def _deny_unless_application_manager(actor: Any, application: Application) -> None:
    _deny_unless_manager(actor, application.call.programme)


# Applications: the applicant's side


def _quota_refusal(application: Application) -> ValidationError:
    quota = quota_of(application.call.programme, application.call.mobility_year)
    return ValidationError(
        _(
            "The programme's quota for %(year)s is used up: %(used)s of %(total)s mobilities are taken, "
            "so no further application can be accepted this year."
        ),
        code="quota_exhausted",
        params={"total": quota.total, "year": quota.year, "used": quota.used},
    )


def application_problems(application: Application) -> list[str]:
    """Why the application breaks the call's eligibility rules or the programme's quotas (empty if it
    does not). Checked on submission and shown to the call's managers."""
    call, programme = application.call, application.call.programme
    problems: list[str] = []
    home, host = application.home_organisation, application.host_organisation
    if call.eligible_countries and home.country not in call.eligible_countries:
        problems.append(str(_("Applicants from your organisation's country are not eligible for this call.")))
    if call.eligible_organisation_kinds and home.kind not in call.eligible_organisation_kinds:
        problems.append(str(_("Applicants from your kind of organisation are not eligible for this call.")))
    if call.eligible_career_stages and application.career_stage not in call.eligible_career_stages:
        problems.append(str(_("Your career stage is not eligible for this call.")))
    if application.participant_type not in programme.participant_types:
        problems.append(
            str(
                _(
                    "This programme does not fund mobilities of your kind "
                    "(researchers, staff, students or experts)."
                )
            )
        )
    if not programme.min_duration <= application.duration <= programme.max_duration:
        problems.append(
            str(
                format_lazy(
                    _("The stay must last from {low} to {high} {unit}."),
                    low=programme.min_duration,
                    high=programme.max_duration,
                    unit=Programme.DurationUnit(programme.duration_unit).label,
                )
            )
        )
    senders, hosts = set(programme.sending_countries), set(programme.host_countries)
    forward = (not senders or home.country in senders) and (not hosts or host.country in hosts)
    backward = (not hosts or home.country in hosts) and (not senders or host.country in senders)
    if not (forward or (programme.direction == Programme.Direction.BOTH_WAYS and backward)):
        problems.append(
            str(_("The programme does not fund mobilities between these two countries in this direction."))
        )
    subject_areas = set(programme.subject_areas.values_list("pk", flat=True))
    if subject_areas and application.subject_area_id not in subject_areas:
        problems.append(
            str(
                format_lazy(
                    _("Choose one of the programme's subject areas: {areas}."),
                    areas=", ".join(str(sector) for sector in programme.subject_areas.all()),
                )
            )
        )
    if home.pk == host.pk:
        problems.append(str(_("The host must be another organisation than your own.")))
    if programme.language_level and (
        not application.language_level
        or LANGUAGE_LEVEL_ORDER.index(application.language_level)
        < LANGUAGE_LEVEL_ORDER.index(programme.language_level)
    ):
        problems.append(
            str(
                format_lazy(
                    _("The programme asks for at least level {level} in its working language."),
                    level=programme.language_level,
                )
            )
        )
    return problems


APPLICATION_FIELDS = (
    "home_organisation",
    "host_organisation",
    "requested_placement",
    "participant_type",
    "career_stage",
    "language_level",
    "duration",
    "preferred_start",
    "subject_area",
    "summary",
)


def _application_apply(application: Application, actor: Any, values: Mapping[str, Any]) -> None:
    if values["home_organisation"].pk not in my_organisation_ids(actor):
        raise field_error(
            "home_organisation", _("Apply from an organisation you belong to."), code="not_member"
        )
    placement = values["requested_placement"]
    if placement is not None:
        if placement.status != Placement.Status.PUBLISHED:
            raise field_error(
                "requested_placement", _("This placement is no longer offered."), code="withdrawn"
            )
        if placement.host_id != values["host_organisation"].pk:
            raise field_error(
                "requested_placement",
                _("The placement must be at the host organisation you chose."),
                code="host",
            )
    for name in APPLICATION_FIELDS:
        setattr(application, name, values[name])
    application.full_clean(exclude=["call", "applicant", "reference"])
    application.save()


@transaction.atomic
def application_create(
    *,
    actor: Any,
    call: Call,
    home_organisation: Organisation,
    host_organisation: Organisation,
    participant_type: str,
    career_stage: str,
    duration: int,
    summary: str,
    language_level: str = "",
    preferred_start: datetime.date | None = None,
    subject_area: Sector | None = None,
    requested_placement: Placement | None = None,
) -> Application:
    deny_unless(_signed_in(actor), _("Sign in to apply."))
    if not call_is_accepting(call):
        raise ValidationError(_("This call is not open for applications."), code="call_closed")
    if Application.objects.filter(call=call, applicant=actor).exists():
        raise ValidationError(_("You have already applied to this call."), code="duplicate")
    number = _next_number(f"APP-{call.mobility_year}")
    application = Application(call=call, applicant=actor, reference=f"EX-{call.mobility_year}-{number:04d}")
    _application_apply(application, actor, locals())
    _step(actor=actor, application=application, action="create", from_status="")
    return application


def _deny_unless_applicant(actor: Any, application: Application) -> None:
    deny_unless(
        _signed_in(actor) and application.applicant_id == actor.pk, _("Only the applicant may do this.")
    )


@transaction.atomic
def application_update(
    *,
    actor: Any,
    application: Application,
    home_organisation: Organisation,
    host_organisation: Organisation,
    participant_type: str,
    career_stage: str,
    duration: int,
    summary: str,
    language_level: str,
    preferred_start: datetime.date | None,
    subject_area: Sector | None,
    requested_placement: Placement | None,
) -> Application:
    _deny_unless_applicant(actor, application)
    _deny_unless_status(application, [Application.Status.DRAFT], _("edited"))
    _application_apply(application, actor, locals())
    _step(actor=actor, application=application, action="edit", from_status=application.status)
    return application


@transaction.atomic
def application_answers_save(
    *, actor: Any, application: Application, answers: Mapping[int, str | UploadedFile]
) -> list[Answer]:
    """Save answers to the call's text, choice and file questions (by field id); a missing key leaves
    the answer as it is. Files are recognised by their content (PDF or image) before being kept."""
    _deny_unless_applicant(actor, application)
    _deny_unless_status(application, [Application.Status.DRAFT], _("edited"))
    fields = {call_field.pk: call_field for call_field in application.call.fields.all()}
    saved: list[Answer] = []
    for field_id, value in answers.items():
        call_field = fields.get(field_id)
        if call_field is None or call_field.kind == CallField.Kind.REFERENCE_LETTER:
            continue
        key = f"field_{field_id}"
        answer, _created = Answer.objects.get_or_create(application=application, field=call_field)
        if call_field.kind == CallField.Kind.FILE:
            if not isinstance(value, UploadedFile):
                continue
            try:
                verified = verify_upload(value, max_bytes=UPLOAD_MAX_BYTES)
            except ValidationError as error:
                raise ValidationError({key: error.messages}) from error
            if answer.file:
                answer.file.delete(save=False)
            answer.file.save(verified.stored_name, ContentFile(verified.content), save=False)
            answer.original_name = verified.original_name
            answer.content_type = verified.content_type
        else:
            text = str(value).strip()
            if call_field.kind == CallField.Kind.CHOICE and text and text not in call_field.choices:
                raise ValidationError({key: [_("Choose one of the options offered.")]})
            if len(text) > 8000:
                raise ValidationError({key: [_("Keep the answer under 8000 characters.")]})
            answer.text = text
        answer.save()
        saved.append(answer)
    return saved


@transaction.atomic
def referee_request_send(
    *, actor: Any, application: Application, call_field: CallField, referee_name: str, referee_email: str
) -> RefereeRequest:
    """Ask a referee by email for a letter; they upload it through a secret link, without an account."""
    _deny_unless_applicant(actor, application)
    if call_field.call_id != application.call_id or call_field.kind != CallField.Kind.REFERENCE_LETTER:
        raise ValidationError(_("This question does not ask for a reference letter."), code="not_reference")
    if application.status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
        raise ValidationError(_("Referees can be asked only until the application is checked."), code="late")
    if referee_email.strip().lower() == actor.email.lower():
        raise field_error("referee_email", _("A referee must be someone else than you."), code="self")
    request = RefereeRequest.objects.filter(application=application, field=call_field).first()
    if request is not None and request.received_at is not None:
        raise ValidationError(_("This referee's letter has already arrived."), code="received")
    if request is None:
        request = RefereeRequest(application=application, field=call_field)
    request.referee_name = referee_name.strip()
    request.referee_email = referee_email.strip()
    request.token = secrets.token_urlsafe(32)
    request.full_clean(exclude=["letter"])
    request.save()
    link = settings.SITE_URL.rstrip("/") + reverse(
        "exchanges:referee_upload", kwargs={"token": request.token}
    )
    context = {"request": request, "application": application, "applicant": actor, "link": link}
    transaction.on_commit(
        lambda: send_mail(
            render_to_string("exchanges/email/referee_subject.txt", context).strip(),
            render_to_string("exchanges/email/referee_body.txt", context),
            None,
            [request.referee_email],
        )
    )
    _step(
        actor=actor,
        application=application,
        action="referee_requested",
        from_status=application.status,
        note=str(format_lazy(_("Reference letter asked of {name}."), name=request.referee_name)),
    )
    return request


@transaction.atomic
def referee_letter_upload(*, request: RefereeRequest, letter: UploadedFile) -> RefereeRequest:
    """Called through the referee's secret link: the token is the permission."""
    if request.received_at is not None:
        raise ValidationError(_("Your letter has already been received; thank you."), code="received")
    try:
        verified = verify_upload(letter, max_bytes=UPLOAD_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"letter": error.messages}) from error
    request.letter.save(verified.stored_name, ContentFile(verified.content), save=False)
    request.letter_content_type = verified.content_type
    request.received_at = timezone.now()
    request.save()
    application = request.application
    _step(
        actor=None,
        application=application,
        action="reference_received",
        from_status=application.status,
        note=str(format_lazy(_("Reference letter received from {name}."), name=request.referee_name)),
    )
    notification_send(
        recipients=[application.applicant],
        topic="exchanges.reference_received",
        subject=format_lazy(
            _("{name} sent the reference letter for {reference}"),
            name=request.referee_name,
            reference=application.reference,
        ),
        url=_application_url(application),
    )
    return request


@transaction.atomic
def application_submit(*, actor: Any, application: Application) -> Application:
    _deny_unless_applicant(actor, application)
    _deny_unless_status(application, [Application.Status.DRAFT], _("submitted"))
    call = application.call
    if not call_is_accepting(call):
        raise ValidationError(_("This call is not open for applications."), code="call_closed")
    problems = application_problems(application)
    if problems:
        raise ValidationError(problems, code="ineligible")
    answers = {answer.field_id: answer for answer in application.answers.all()}
    asked = set(application.referee_requests.values_list("field_id", flat=True))
    missing = []
    for call_field in call.fields.all():
        if not call_field.required:
            continue
        answer = answers.get(call_field.pk)
        if call_field.kind == CallField.Kind.REFERENCE_LETTER:
            if call_field.pk not in asked:
                missing.append(call_field.label)
        elif answer is None or not (answer.text or answer.file):
            missing.append(call_field.label)
    if missing:
        raise ValidationError(
            _("Answer these questions first: %(questions)s."),
            code="incomplete",
            params={"questions": "; ".join(missing)},
        )
    Programme.objects.select_for_update().filter(pk=call.programme_id).first()
    if quota_of(call.programme, call.mobility_year).is_used_up:
        raise _quota_refusal(application)
    from_status = application.status
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    _step(actor=actor, application=application, action="submit", from_status=from_status)
    notification_send(
        recipients=_managers_of(application),
        topic="exchanges.application_submitted",
        subject=format_lazy(
            _("New application {reference} to {call}"), reference=application.reference, call=call.title
        ),
        url=_application_url(application),
    )
    return application


@transaction.atomic
def application_withdraw(*, actor: Any, application: Application, reason: str = "") -> Application:
    _deny_unless_applicant(actor, application)
    _deny_unless_status(application, WITHDRAWABLE_STATUSES, _("withdrawn"))
    from_status = application.status
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _step(actor=actor, application=application, action="withdraw", from_status=from_status, note=reason)
    return application


# Applications: the call manager's side


@transaction.atomic
def application_check_eligibility(
    *, actor: Any, application: Application, eligible: bool, note: str = ""
) -> Application:
    _deny_unless_application_manager(actor, application)
    _deny_unless_status(application, [Application.Status.SUBMITTED], _("checked for eligibility"))
    if not eligible and not note.strip():
        raise field_error("note", _("Say why the application is not eligible."), code="reason_required")
    from_status = application.status
    application.status = Application.Status.ELIGIBLE if eligible else Application.Status.REJECTED
    application.decision_reason = "" if eligible else note.strip()
    application.save(update_fields=["status", "decision_reason", "updated_at"])
    _step(
        actor=actor,
        application=application,
        action="eligibility_check",
        from_status=from_status,
        note=note.strip(),
    )
    _tell_applicant(application)
    return application


@transaction.atomic
def review_assign(*, actor: Any, application: Application, reviewer: Any) -> ReviewAssignment:
    _deny_unless_application_manager(actor, application)
    _deny_unless_status(application, REVIEWABLE_STATUSES, _("given to a reviewer"))
    if reviewer is None or not reviewer.is_active:
        raise field_error("reviewer", _("No active account has this email address."), code="unknown_reviewer")
    conflicts = conflicts_between(reviewer, application)
    if conflicts:
        raise ValidationError(
            {"reviewer": [_("Conflict of interest: %(reasons)s") % {"reasons": " ".join(conflicts)}]}
        )
    existing = ReviewAssignment.objects.filter(application=application, reviewer=reviewer).first()
    if existing is not None:
        raise field_error("reviewer", _("This person already reviews this application."), code="duplicate")
    review = ReviewAssignment.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
    from_status = application.status
    if application.status == Application.Status.ELIGIBLE:
        application.status = Application.Status.UNDER_REVIEW
        application.save(update_fields=["status", "updated_at"])
    # The history names no reviewer: applicants see it.
    _step(actor=actor, application=application, action="reviewer_assigned", from_status=from_status)
    notification_send(
        recipients=[reviewer],
        topic="exchanges.review_assigned",
        subject=format_lazy(_("Please review application {reference}"), reference=application.reference),
        body=format_lazy(_("Call: {call}"), call=application.call.title),
        url=reverse("exchanges:review_detail", kwargs={"pk": review.pk}),
    )
    return review


@transaction.atomic
def conflict_declare(
    *,
    actor: Any,
    reason: str,
    organisation: Organisation | None = None,
    review: ReviewAssignment | None = None,
) -> ConflictDeclaration:
    """A reviewer declares a conflict with an organisation (for every future assignment), or with an
    application assigned to them (which they then give back)."""
    deny_unless(_signed_in(actor), _("Sign in to declare a conflict of interest."))
    if not reason.strip():
        raise field_error("reason", _("Say what the conflict is."), code="required")
    if (organisation is None) == (review is None):
        raise ValidationError(
            _("Declare a conflict with one organisation or one application."), code="target"
        )
    application = None
    if review is not None:
        deny_unless(review.reviewer_id == actor.pk, _("Only the reviewer may declare this."))
        if review.status != ReviewAssignment.Status.ASSIGNED:
            raise ValidationError(
                _("This review is already submitted or given back."), code="invalid_transition"
            )
        application = review.application
        review.status = ReviewAssignment.Status.DECLINED
        review.save(update_fields=["status", "updated_at"])
    declaration = ConflictDeclaration.objects.create(
        reviewer=actor, organisation=organisation, application=application, reason=reason.strip()[:300]
    )
    audit_record(
        actor=actor,
        action="exchanges.conflict.declare",
        target=declaration,
        organisation_id=organisation.pk if organisation else None,
    )
    if application is not None:
        notification_send(
            recipients=_managers_of(application),
            topic="exchanges.review_declined",
            subject=format_lazy(
                _("A reviewer declared a conflict on {reference}; assign another."),
                reference=application.reference,
            ),
            url=_application_url(application),
        )
    return declaration


def weighted_score(criteria: Sequence[Criterion], scores: Mapping[int, int]) -> Decimal:
    """The weighted mean of the scores, on the criteria's scale from 0 to MAX_SCORE."""
    total_weight = sum(criterion.weight for criterion in criteria)
    total = sum(criterion.weight * scores[criterion.pk] for criterion in criteria)
    return (Decimal(total) / Decimal(total_weight)).quantize(Decimal("0.01"))


@transaction.atomic
def review_submit(
    *, actor: Any, review: ReviewAssignment, scores: Mapping[int, int], comment: str
) -> ReviewAssignment:
    deny_unless(
        _signed_in(actor) and review.reviewer_id == actor.pk,
        _("Only the assigned reviewer submits this review."),
    )
    if review.status != ReviewAssignment.Status.ASSIGNED:
        raise ValidationError(_("This review is already submitted or given back."), code="invalid_transition")
    application = review.application
    _deny_unless_status(application, [Application.Status.UNDER_REVIEW], _("reviewed"))
    criteria = list(application.call.criteria.all())
    errors: dict[str, list[StrOrPromise]] = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or not 0 <= value <= Criterion.MAX_SCORE:
            errors[f"criterion_{criterion.pk}"] = [
                format_lazy(
                    _("Score {name} from 0 to {high}."), name=criterion.name, high=Criterion.MAX_SCORE
                )
            ]
    if not comment.strip():
        errors["comment"] = [_("Explain your scores in a comment.")]
    if errors:
        raise ValidationError(errors)
    for criterion in criteria:
        Score.objects.create(review=review, criterion=criterion, value=scores[criterion.pk])
    review.comment = comment.strip()
    review.weighted_score = weighted_score(criteria, scores)
    review.status = ReviewAssignment.Status.SUBMITTED
    review.submitted_at = timezone.now()
    review.save(update_fields=["comment", "weighted_score", "status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="exchanges.review.submit",
        target=review,
        changes={"weighted_score": review.weighted_score},
        organisation_id=application.call.programme.network_id,
    )
    _step(actor=None, application=application, action="review_received", from_status=application.status)
    return review


@transaction.atomic
def application_decide(*, actor: Any, application: Application, decision: str, reason: str) -> Application:
    """Accept, waitlist or reject an application under review (or a waitlisted one), with a reason.
    Accepting takes one of the year's mobilities and is refused once the quota is used up."""
    _deny_unless_application_manager(actor, application)
    allowed: dict[str, set[str]] = {
        Application.Status.UNDER_REVIEW: {
            Application.Status.ACCEPTED,
            Application.Status.WAITLISTED,
            Application.Status.REJECTED,
        },
        Application.Status.WAITLISTED: {Application.Status.ACCEPTED, Application.Status.REJECTED},
    }
    if decision not in allowed.get(application.status, set()):
        raise ValidationError(
            _("An application that is %(status)s cannot be decided this way."),
            code="invalid_transition",
            params={"status": application.get_status_display().lower()},
        )
    if not reason.strip():
        raise field_error(
            "reason", _("Give the reason for the decision; the applicant reads it."), code="reason_required"
        )
    if (
        application.status == Application.Status.UNDER_REVIEW
        and not application.reviews.filter(status=ReviewAssignment.Status.SUBMITTED).exists()
    ):
        raise ValidationError(_("Wait for at least one review before deciding."), code="no_review")
    if decision == Application.Status.ACCEPTED:
        Programme.objects.select_for_update().filter(pk=application.call.programme_id).first()
        if quota_of(application.call.programme, application.call.mobility_year).is_used_up:
            raise _quota_refusal(application)
    from_status = application.status
    application.status = decision
    application.decision_reason = reason.strip()
    application.save(update_fields=["status", "decision_reason", "updated_at"])
    _step(actor=actor, application=application, action="decide", from_status=from_status, note=reason.strip())
    _tell_applicant(application)
    return application


@transaction.atomic
def application_offer(
    *, actor: Any, application: Application, expires_on: datetime.date, note: str = ""
) -> Application:
    _deny_unless_application_manager(actor, application)
    _deny_unless_status(application, [Application.Status.ACCEPTED], _("offered a place"))
    if expires_on <= timezone.localdate():
        raise field_error("expires_on", _("The offer must stay open until a later day."), code="past")
    from_status = application.status
    application.status = Application.Status.OFFERED
    application.offer_expires_at = datetime.datetime.combine(
        expires_on, datetime.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
    )
    application.save(update_fields=["status", "offer_expires_at", "updated_at"])
    _step(actor=actor, application=application, action="offer", from_status=from_status, note=note)
    _tell_applicant(application)
    return application


@transaction.atomic
def application_offer_answer(
    *, actor: Any, application: Application, accept: bool, note: str = ""
) -> Application:
    _deny_unless_applicant(actor, application)
    _deny_unless_status(application, [Application.Status.OFFERED], _("answered"))
    if application.offer_expires_at is not None and application.offer_expires_at < timezone.now():
        raise ValidationError(_("The offer has expired."), code="offer_expired")
    from_status = application.status
    application.status = Application.Status.OFFER_ACCEPTED if accept else Application.Status.OFFER_DECLINED
    application.save(update_fields=["status", "updated_at"])
    _step(
        actor=actor,
        application=application,
        action="offer_accept" if accept else "offer_decline",
        from_status=from_status,
        note=note,
    )
    notification_send(
        recipients=[*_managers_of(application), *(_host_people(application) if accept else [])],
        topic="exchanges.offer_answered",
        subject=format_lazy(
            _("{reference}: {status}"),
            reference=application.reference,
            status=Application.Status(application.status).label,
        ),
        url=_application_url(application),
    )
    return application


@transaction.atomic
def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Close the offers whose expiry has passed without an answer (run daily by cron)."""
    now = now or timezone.now()
    expired = 0
    for application in Application.objects.select_related("call__programme", "applicant").filter(
        status=Application.Status.OFFERED, offer_expires_at__lt=now
    ):
        application.status = Application.Status.OFFER_EXPIRED
        application.save(update_fields=["status", "updated_at"])
        _step(
            actor=None, application=application, action="offer_expire", from_status=Application.Status.OFFERED
        )
        _tell_applicant(application)
        expired += 1
    return expired


def _deny_unless_host_or_manager(actor: Any, application: Application) -> None:
    access = access_to(actor, application)
    deny_unless(
        access.is_manager or access.is_host,
        _("Only the host organisation's people or the programme's managers may do this."),
    )


@transaction.atomic
def application_place(
    *,
    actor: Any,
    application: Application,
    lab: str,
    supervisor: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    project: str = "",
) -> Application:
    """Start the placement: where, with whom and when. Issues the signed placement agreement."""
    _deny_unless_host_or_manager(actor, application)
    _deny_unless_status(application, [Application.Status.OFFER_ACCEPTED], _("placed"))
    if starts_on > ends_on:
        raise field_error("ends_on", _("The placement must end after it starts."), code="date_order")
    errors = {}
    if not lab.strip():
        errors["lab"] = [_("Name the laboratory or unit.")]
    if not supervisor.strip():
        errors["supervisor"] = [_("Name the supervisor.")]
    if errors:
        raise ValidationError(errors)
    from_status = application.status
    application.placement_lab = lab.strip()
    application.placement_project = project.strip()
    application.placement_supervisor = supervisor.strip()
    application.placement_starts_on = starts_on
    application.placement_ends_on = ends_on
    application.status = Application.Status.PLACEMENT
    application.save()
    _step(actor=actor, application=application, action="place", from_status=from_status)
    document_issue(actor=actor, application=application, kind=Document.Kind.PLACEMENT_AGREEMENT)
    _tell_applicant(application)
    return application


def _complete_if_reported(actor: Any, application: Application) -> None:
    if not (application.final_report and application.host_evaluation):
        return
    application.status = Application.Status.COMPLETED
    application.completed_at = timezone.now()
    application.save(update_fields=["status", "completed_at", "updated_at"])
    _step(actor=actor, application=application, action="complete", from_status=Application.Status.PLACEMENT)
    document_issue(actor=actor, application=application, kind=Document.Kind.COMPLETION_CERTIFICATE)
    _tell_applicant(application)


@transaction.atomic
def application_final_report(*, actor: Any, application: Application, report: str) -> Application:
    """The fellow's final report; with the host's evaluation it completes the mobility."""
    _deny_unless_applicant(actor, application)
    _deny_unless_status(application, [Application.Status.PLACEMENT], _("reported on"))
    if len(report.strip()) < 20:
        raise field_error("report", _("Write a report of at least a few sentences."), code="too_short")
    application.final_report = report.strip()
    application.final_report_at = timezone.now()
    application.save(update_fields=["final_report", "final_report_at", "updated_at"])
    _step(actor=actor, application=application, action="final_report", from_status=application.status)
    _complete_if_reported(actor, application)
    return application


@transaction.atomic
def application_host_evaluation(*, actor: Any, application: Application, evaluation: str) -> Application:
    """The host's evaluation of the fellow; with the final report it completes the mobility."""
    _deny_unless_host_or_manager(actor, application)
    _deny_unless_status(application, [Application.Status.PLACEMENT], _("evaluated"))
    if len(evaluation.strip()) < 20:
        raise field_error(
            "evaluation", _("Write an evaluation of at least a few sentences."), code="too_short"
        )
    application.host_evaluation = evaluation.strip()
    application.host_evaluation_at = timezone.now()
    application.save(update_fields=["host_evaluation", "host_evaluation_at", "updated_at"])
    _step(actor=actor, application=application, action="host_evaluation", from_status=application.status)
    _complete_if_reported(actor, application)
    return application


# The reviewer pool


@transaction.atomic
def reviewer_profile_save(*, actor: Any, expertise: str, available: bool) -> ReviewerProfile:
    """Offer (or stop offering) to review, describing one's expertise for the matching engine."""
    deny_unless(_signed_in(actor), _("Sign in to offer to review."))
    if len(expertise.strip()) < 20:
        raise field_error("expertise", _("Describe your expertise in a sentence or two."), code="too_short")
    profile, _created = ReviewerProfile.objects.get_or_create(
        user=actor, defaults={"expertise": expertise.strip(), "available": available}
    )
    profile.expertise = expertise.strip()
    profile.available = available
    profile.full_clean(exclude=["user"])
    profile.save()
    audit_record(actor=actor, action="exchanges.reviewer_profile.save", target=profile)
    _matching_changed("exchanges.reviewer", profile.pk)
    return profile


# Documents

DOCUMENT_PREFIXES = {
    Document.Kind.INVITATION_LETTER: "INV",
    Document.Kind.PLACEMENT_AGREEMENT: "AGR",
    Document.Kind.COMPLETION_CERTIFICATE: "CMP",
}
DOCUMENT_STATUSES = {
    Document.Kind.INVITATION_LETTER: (*HOSTED_STATUSES,),
    Document.Kind.PLACEMENT_AGREEMENT: (Application.Status.PLACEMENT, Application.Status.COMPLETED),
    Document.Kind.COMPLETION_CERTIFICATE: (Application.Status.COMPLETED,),
}


@transaction.atomic
def invitation_letter_issue(*, actor: Any, application: Application) -> Document:
    """The visa invitation letter, for the fellow once they accepted the offer. Issuing it again (for
    changed dates) revokes the earlier one."""
    _deny_unless_host_or_manager(actor, application)
    return document_issue(actor=actor, application=application, kind=Document.Kind.INVITATION_LETTER)


def document_issue(*, actor: Any, application: Application, kind: str) -> Document:
    """Number, sign and keep a document of the mobility (callers check who may)."""
    _deny_unless_status(application, DOCUMENT_STATUSES[Document.Kind(kind)], _("given this document"))
    now = timezone.now()
    previous = application.documents.filter(kind=kind, revoked_at__isnull=True)
    if kind != Document.Kind.INVITATION_LETTER and previous.exists():
        raise ValidationError(_("This document has already been issued."), code="duplicate")
    previous.update(revoked_at=now, revocation_reason=str(_("Replaced by a newer letter.")))
    prefix = f"{documents.NUMBER_PREFIX}{DOCUMENT_PREFIXES[Document.Kind(kind)]}-{now.year}"
    number = f"{prefix}-{_next_number(prefix):06d}"
    languages = documents.languages_for(kind=kind, application=application)
    payload = documents.payload_for(
        kind=kind, application=application, number=number, issued_at=now, languages=languages
    )
    document = Document.objects.create(
        application=application,
        kind=kind,
        number=number,
        languages=languages,
        issued_at=now,
        payload=payload,
        signature=documents.sign(payload),
    )
    _step(
        actor=actor,
        application=application,
        action="document_issue",
        from_status=application.status,
        note=f"{Document.Kind(kind).label}: {number}",
    )
    return document


@transaction.atomic
def document_revoke(*, actor: Any, document: Document, reason: str) -> Document:
    _deny_unless_application_manager(actor, document.application)
    if document.revoked_at is not None:
        raise ValidationError(_("The document is already revoked."), code="invalid_transition")
    if not reason.strip():
        raise field_error("reason", _("Say why the document is revoked."), code="reason_required")
    document.revoked_at = timezone.now()
    document.revocation_reason = reason.strip()
    document.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    _step(
        actor=actor,
        application=document.application,
        action="document_revoke",
        from_status=document.application.status,
        note=f"{document.number}: {reason.strip()}",
    )
    return document


def _matching_changed(kind: str, object_id: int) -> None:
    """Tell the matching engine a record's text or indexable state changed (re-embedded on commit)."""
    record_changed(kind=kind, object_id=object_id)
