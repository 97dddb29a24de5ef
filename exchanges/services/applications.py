"""The applicant's side of an application: eligibility problems, creating and editing it, the
call's questions and reference letters, submitting and withdrawing."""

import datetime
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.email_tasks import email_enqueue
from core.models import Sector
from core.notifications import notification_send
from core.permissions import deny_unless
from core.uploads import verify_upload
from directory.models import Organisation
from directory.selectors import organisations_visible_to
from directory.services import field_error
from exchanges.models import (
    Answer,
    Application,
    Call,
    CallField,
    LanguageLevel,
    Placement,
    Programme,
    RefereeRequest,
)
from exchanges.selectors import call_is_accepting, host_organisations_for, my_organisation_ids, quota_of
from exchanges.services.access import _signed_in
from exchanges.services.workflow import (
    _application_url,
    _deny_unless_allowed,
    _managers_of,
    _next_number,
    _step,
)

LANGUAGE_LEVEL_ORDER = [level.value for level in LanguageLevel]


# Answer files and reference letters: the same 10 MB a marketplace attachment may weigh.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024


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
    return [message for _field, message in eligibility_problems(application)]


def eligibility_problems(application: Application) -> list[tuple[str, str]]:
    """Each rule of the call and its programme the application breaks, with the field where the person
    decides it. Checked when a draft is saved (beside each field) and again on submission."""
    call, programme = application.call, application.call.programme
    problems: list[tuple[str, str]] = []
    home, host = application.home_organisation, application.host_organisation
    if call.eligible_countries and home.country not in call.eligible_countries:
        problems.append(
            (
                "home_organisation",
                str(_("Applicants from your organisation's country are not eligible for this call.")),
            )
        )
    if call.eligible_organisation_kinds and home.kind not in call.eligible_organisation_kinds:
        problems.append(
            (
                "home_organisation",
                str(_("Applicants from your kind of organisation are not eligible for this call.")),
            )
        )
    if call.eligible_career_stages and application.career_stage not in call.eligible_career_stages:
        problems.append(("career_stage", str(_("Your career stage is not eligible for this call."))))
    if application.participant_type not in programme.participant_types:
        problems.append(
            (
                "participant_type",
                str(
                    _(
                        "This programme does not fund mobilities of your kind "
                        "(researchers, staff, students or experts)."
                    )
                ),
            )
        )
    if not programme.min_duration <= application.duration <= programme.max_duration:
        problems.append(
            (
                "duration",
                str(
                    format_lazy(
                        _("The stay must last from {low} to {high} {unit}."),
                        low=programme.min_duration,
                        high=programme.max_duration,
                        unit=Programme.DurationUnit(programme.duration_unit).label,
                    )
                ),
            )
        )
    senders, hosts = set(programme.sending_countries), set(programme.host_countries)
    forward = (not senders or home.country in senders) and (not hosts or host.country in hosts)
    backward = (not hosts or home.country in hosts) and (not senders or host.country in senders)
    if not (forward or (programme.direction == Programme.Direction.BOTH_WAYS and backward)):
        problems.append(
            (
                "host_organisation",
                str(
                    _("The programme does not fund mobilities between these two countries in this direction.")
                ),
            )
        )
    subject_areas = set(programme.subject_areas.values_list("pk", flat=True))
    if subject_areas and application.subject_area_id not in subject_areas:
        problems.append(
            (
                "subject_area",
                str(
                    format_lazy(
                        _("Choose one of the programme's subject areas: {areas}."),
                        areas=", ".join(str(sector) for sector in programme.subject_areas.all()),
                    )
                ),
            )
        )
    if home.pk == host.pk:
        problems.append(("host_organisation", str(_("The host must be another organisation than your own."))))
    if programme.language_level and (
        not application.language_level
        or LANGUAGE_LEVEL_ORDER.index(application.language_level)
        < LANGUAGE_LEVEL_ORDER.index(programme.language_level)
    ):
        problems.append(
            (
                "language_level",
                str(
                    format_lazy(
                        _("The programme asks for at least level {level} in its working language."),
                        level=programme.language_level,
                    )
                ),
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
    host = values["host_organisation"]
    if not host_organisations_for(actor).filter(pk=host.pk).exists():
        if host.is_network and organisations_visible_to(actor).filter(pk=host.pk).exists():
            raise field_error(
                "host_organisation",
                _("A network cannot host a stay; choose one of its member organisations."),
                code="network_host",
            )
        raise field_error("host_organisation", _("No such organisation."), code="unknown_host")
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
    # The programme's and the call's rules hold for a draft too, beside the field that breaks them, so
    # nobody learns only at submission that a 12-month stay or an expert was never possible.
    problems: dict[str, list[str]] = {}
    for field, message in eligibility_problems(application):
        problems.setdefault(field, []).append(message)
    if problems:
        raise ValidationError(problems)
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
    application = Application(
        call=call,
        applicant=actor,
        applicant_name=actor.get_full_name(),
        reference=f"EX-{call.mobility_year}-{number:04d}",
    )
    _application_apply(application, actor, locals())
    _step(actor=actor, application=application, action="create", from_status="")
    return application


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
    _deny_unless_allowed(actor, application, "edit")
    _application_apply(application, actor, locals())
    _step(actor=actor, application=application, action="edit", from_status=application.status)
    return application


@transaction.atomic
def application_answers_save(
    *, actor: Any, application: Application, answers: Mapping[int, str | UploadedFile]
) -> list[Answer]:
    """Save answers to the call's text, choice and file questions (by field id); a missing key leaves
    the answer as it is. Files are recognised by their content (PDF or image) before being kept."""
    _deny_unless_allowed(actor, application, "edit")
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
    _deny_unless_allowed(actor, application, "request-referee")
    if call_field.call_id != application.call_id or call_field.kind != CallField.Kind.REFERENCE_LETTER:
        raise ValidationError(_("This question does not ask for a reference letter."), code="not_reference")
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
        lambda: email_enqueue(
            EmailMessage(
                render_to_string("exchanges/email/referee_subject.txt", context).strip(),
                render_to_string("exchanges/email/referee_body.txt", context),
                None,
                [request.referee_email],
            )
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
        recipients=[application.applicant] if application.applicant is not None else [],
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
    _deny_unless_allowed(actor, application, "submit")
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
    _deny_unless_allowed(actor, application, "withdraw")
    from_status = application.status
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _step(actor=actor, application=application, action="withdraw", from_status=from_status, note=reason)
    return application
