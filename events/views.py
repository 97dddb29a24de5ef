"""Pages of events: list and detail (public once published), organising (event, timetable,
questions, registrations, check-in, schedule), registering, the brokerage (participants, meeting
requests, availability, agenda) and after the event (outcomes, certificates). Each view parses input,
calls one service and renders."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from core.edges import service_call
from directory.selectors import member_organisations
from events import calendar, documents, services
from events.forms import (
    EVENT_FORM_FIELDS,
    AvailabilityForm,
    CertificateUploadForm,
    CheckInSearchForm,
    EventForm,
    MeetingMoveForm,
    MeetingRequestForm,
    OutcomeForm,
    ParticipantFilterForm,
    ParticipantForm,
    QuestionForm,
    RegistrationForm,
    RejectForm,
    RoomForm,
    SessionForm,
)
from events.matches import suggested_participants
from events.models import Event, Meeting, Registration
from events.selectors import (
    EventPermissions,
    agenda_of,
    agenda_recipient_count,
    events_visible_to,
    get_event_for_user,
    get_managed_event,
    get_meeting_for_user,
    get_meeting_request_for_user,
    get_participant_for_user,
    get_registration_for_user,
    last_schedule_run,
    meeting_requests_of,
    meetings_of_event,
    organising_organisations_for,
    outcome_statistics,
    participants_search,
    registrations_of_event,
    sessions_of,
)
from marketplace.selectors import profiles_visible_to

EVENTS_PER_PAGE = 20
PARTICIPANTS_PER_PAGE = 30


def _calendar_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- events ------------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    """Public: published events (and, for organisers, their drafts), upcoming first."""
    events = events_visible_to(request.user).order_by("-starts_at", "pk")
    kind = request.GET.get("kind", "")
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "page": page,
            "kinds": Event.Kind.choices,
            "kind": kind,
            "can_organise": organising_organisations_for(request.user).exists(),
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event, permissions = get_event_for_user(request.user, pk)
    registration_actions = (
        services.registration_actions_for(
            request.user, permissions.registration, organiser=permissions.can_manage
        )
        if permissions.registration is not None
        else []
    )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "permissions": permissions,
            "registration_actions": registration_actions,
            "sessions": sessions_of(event),
            "organisers": event.organisers.all(),
        },
    )


def event_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    event, _permissions = get_event_for_user(request.user, pk)
    return _calendar_response(calendar.event_calendar(event, sessions_of(event)), f"event-{event.pk}.ics")


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    organisers = organising_organisations_for(request.user)
    if not organisers.exists():
        raise PermissionDenied(_("You can only organise events for an organisation you administer."))
    form = EventForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EVENT_FORM_FIELDS}
        done = service_call(
            request,
            form,
            lambda: services.event_create(
                actor=request.user, organisers=form.cleaned_data["organisers"], **fields
            ),
            _("The event has been created as a draft."),
        )
        if done:
            return redirect("events:event_manage", pk=done.result.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_managed_event(request.user, pk)
    # Co-organisers the editor does not administer stay choosable, so that saving keeps them.
    choosable = (organising_organisations_for(request.user) | event.organisers.all()).distinct()
    form = EventForm(request.POST or None, instance=event, organisers=choosable)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EVENT_FORM_FIELDS}
        if service_call(
            request,
            form,
            lambda: services.event_update(
                actor=request.user, event=event, organisers=form.cleaned_data["organisers"], **fields
            ),
            _("The event has been saved."),
        ):
            return redirect("events:event_manage", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def _manage_context(event: Event, **forms: Any) -> dict[str, Any]:
    return {
        "event": event,
        "sessions": sessions_of(event),
        "rooms": event.rooms.all(),
        "questions": event.questions.all(),
        "room_form": forms.get("room_form") or RoomForm(prefix="room"),
        "session_form": forms.get("session_form") or SessionForm(prefix="session", event=event),
        "question_form": forms.get("question_form") or QuestionForm(prefix="question"),
        "counts": {
            status: event.registrations.filter(status=status).count() for status in Registration.Status.values
        },
    }


# The forms of the organisers' page: the action's name → (the form's name on the page, how to make it
# from the POST, the service that adds what it describes, the message when it has).
_MANAGE_FORMS: dict[str, tuple[str, Callable[[Any, Event], Any], Callable[..., object], StrOrPromise]] = {
    "room": (
        "room_form",
        lambda data, event: RoomForm(data, prefix="room"),
        services.room_add,
        _("The room has been added."),
    ),
    "session": (
        "session_form",
        lambda data, event: SessionForm(data, prefix="session", event=event),
        services.session_add,
        _("The session has been added to the timetable."),
    ),
    "question": (
        "question_form",
        lambda data, event: QuestionForm(data, prefix="question"),
        services.question_add,
        _("The question has been added to the registration form."),
    ),
}


@login_required
def event_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers' page: publish, timetable (rooms, sessions), registration questions."""
    event = get_managed_event(request.user, pk)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("published", "cancelled"):
            service_call(
                request,
                None,
                lambda: services.event_set_status(actor=request.user, event=event, status=action),
                _("The event's status has been changed."),
            )
            return redirect("events:event_manage", pk=pk)
        if action not in _MANAGE_FORMS:
            return HttpResponse(status=400)
        form_name, make_form, add, done = _MANAGE_FORMS[action]
        form = forms[form_name] = make_form(request.POST, event)
        if form.is_valid() and service_call(
            request, form, lambda: add(actor=request.user, event=event, **form.cleaned_data), done
        ):
            return redirect("events:event_manage", pk=pk)
    return render(request, "events/event_manage.html", _manage_context(event, **forms))


# --- registration ------------------------------------------------------------------------------


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event, permissions = get_event_for_user(request.user, pk)
    if not permissions.can_register:
        messages.error(request, _("You cannot register for this event."))
        return redirect("events:event_detail", pk=pk)
    form = RegistrationForm(
        request.POST or None, event=event, organisations=member_organisations(request.user)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.registration_create(
                actor=request.user,
                event=event,
                organisation=form.cleaned_data["organisation"],
                answers=form.answers(),
            ),
            lambda registration: registration.get_status_display(),
        )
    ):
        return redirect("events:event_detail", pk=pk)
    return render(request, "events/register.html", {"event": event, "form": form})


@login_required
@require_POST
def registration_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    event, permissions = get_event_for_user(request.user, pk)
    if permissions.registration is None:
        raise Http404(_("No such registration."))
    registration = permissions.registration
    service_call(
        request,
        None,
        lambda: services.registration_withdraw(actor=request.user, registration=registration),
        _("Your registration has been withdrawn."),
    )
    return redirect("events:event_detail", pk=event.pk)


@login_required
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Organisers: every registration with its answers, and the actions the workflow table allows on it."""
    event = get_managed_event(request.user, pk)
    status = request.GET.get("status", "")
    registrations = registrations_of_event(request.user, event, q=request.GET.get("q", ""), status=status)
    page = Paginator(registrations, 50).get_page(request.GET.get("page"))
    questions = list(event.questions.all())
    rows = [
        (
            registration,
            [registration.answers.get(str(q.pk), "") for q in questions],
            services.registration_actions_for(request.user, registration, organiser=True),
        )
        for registration in page
    ]
    return render(
        request,
        "events/registration_list.html",
        {
            "event": event,
            "page": page,
            "rows": rows,
            "questions": questions,
            "statuses": Registration.Status.choices,
            "status": status,
            "reject_form": RejectForm(),
        },
    )


def _registration_decide(
    request: HttpRequest, pk: int, decide: Callable[[Registration], object]
) -> HttpResponse:
    registration, can_manage = get_registration_for_user(request.user, pk)
    if not can_manage:
        raise PermissionDenied(_("Only the event's organisers may do this."))
    service_call(request, None, lambda: decide(registration), _("The registration has been updated."))
    return redirect("events:registration_list", pk=registration.event_id)


@login_required
@require_POST
def registration_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _registration_decide(
        request, pk, lambda r: services.registration_approve(actor=request.user, registration=r)
    )


@login_required
@require_POST
def registration_reject(request: HttpRequest, pk: int) -> HttpResponse:
    form = RejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _registration_decide(
        request, pk, lambda r: services.registration_reject(actor=request.user, registration=r, reason=reason)
    )


@login_required
def badge_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's badge (the person, or an organiser printing badges)."""
    registration, _can_manage = get_registration_for_user(request.user, pk)
    if registration.status != Registration.Status.COMPLETE:
        raise Http404(_("Only a complete registration has a badge."))
    return _pdf_response(documents.badge_pdf(registration), f"badge-{registration.pk}.pdf")


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Organisers: scan badges with the phone's camera, or find a person by name."""
    event = get_managed_event(request.user, pk)
    form = CheckInSearchForm(request.GET or None)
    found = []
    if form.is_valid() and form.cleaned_data["q"]:
        found = [
            (registration, services.registration_actions_for(request.user, registration, organiser=True))
            for registration in registrations_of_event(request.user, event, q=form.cleaned_data["q"])[:20]
        ]
    checked_in = event.registrations.filter(checked_in_at__isnull=False).count()
    complete = event.registrations.filter(status=Registration.Status.COMPLETE).count()
    return render(
        request,
        "events/check_in.html",
        {"event": event, "form": form, "found": found, "checked_in": checked_in, "complete": complete},
    )


@login_required
@require_POST
def check_in_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanner posts a badge code (or a registration id from the name search); JSON or redirect."""
    event = get_managed_event(request.user, pk)
    code = request.POST.get("code", "").strip()
    registration_id = request.POST.get("registration", "")
    registrations = registrations_of_event(request.user, event)
    registration = (
        registrations.filter(badge_code=code).first()
        if code
        else registrations.filter(pk=int(registration_id)).first()
        if registration_id.isdigit()
        else None
    )
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if registration is None:
        message = str(_("No registration of this event has that badge."))
        if wants_json:
            return JsonResponse({"ok": False, "message": message}, status=404)
        messages.error(request, message)
        return redirect("events:check_in", pk=pk)
    message = _("%(name)s is checked in.") % {"name": registration.user.get_full_name()}
    if not wants_json:
        service_call(
            request,
            None,
            lambda: services.registration_check_in(actor=request.user, registration=registration),
            message,
        )
        return redirect("events:check_in", pk=pk)
    # The scanner's JSON answer is this page's API: the refusal goes into the answer, not a flash.
    try:
        services.registration_check_in(actor=request.user, registration=registration)
    except ValidationError as error:
        return JsonResponse({"ok": False, "message": services.validation_messages(error)}, status=400)
    return JsonResponse({"ok": True, "message": str(message), "name": registration.user.get_full_name()})


# --- brokerage ---------------------------------------------------------------------------------


def _brokerage(request: HttpRequest, pk: int) -> tuple[Event, EventPermissions]:
    event, permissions = get_event_for_user(request.user, pk)
    if not event.is_brokerage:
        raise Http404(_("This event has no B2B meetings."))
    if not permissions.can_see_participants:
        raise PermissionDenied(_("Only the event's registered participants and organisers see this."))
    return event, permissions


@login_required
def participant_list(request: HttpRequest, pk: int) -> HttpResponse:
    event, permissions = _brokerage(request, pk)
    form = ParticipantFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    participants = participants_search(
        request.user, event, q=filters.get("q", ""), country=filters.get("country", "")
    )
    page = Paginator(participants, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("page"))
    me = permissions.participant
    suggestions = suggested_participants(request.user, me) if me is not None else []
    return render(
        request,
        "events/participant_list.html",
        {"event": event, "permissions": permissions, "form": form, "page": page, "suggestions": suggestions},
    )


@login_required
def participant_detail(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    event, permissions = _brokerage(request, pk)
    participant = get_participant_for_user(request.user, participant_pk)
    if participant.event_id != event.pk:
        raise Http404(_("No such participant."))
    me = permissions.participant
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST":
        if me is None:
            raise PermissionDenied(_("Only participants ask for meetings."))
        if form.is_valid() and service_call(
            request,
            form,
            lambda: services.meeting_request_send(
                actor=request.user,
                requester=me,
                recipient=participant,
                message=form.cleaned_data["message"],
            ),
            _("Your meeting request has been sent."),
        ):
            return redirect("events:meeting_requests", pk=pk)
    already_asked = me is not None and me.requests_sent.filter(recipient=participant).exists()
    return render(
        request,
        "events/participant_detail.html",
        {
            "event": event,
            "participant": participant,
            "me": me,
            "form": form,
            "can_request": me is not None and me.pk != participant.pk and not already_asked,
        },
    )


@login_required
def my_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's own entry (what they offer and seek, linked profiles) and availability."""
    event, permissions = _brokerage(request, pk)
    me = permissions.participant
    if me is None:
        raise PermissionDenied(_("Only participants have an entry."))
    profiles = profiles_visible_to(request.user).filter(owner__in=member_organisations(request.user))
    action = request.POST.get("action") if request.method == "POST" else None
    entry_form = ParticipantForm(
        request.POST if action == "entry" else None,
        profiles=profiles,
        initial={
            "headline": me.headline,
            "offer": me.offer,
            "seek": me.seek,
            "video_url": me.video_url,
            "profiles": list(me.profiles.all()),
        },
    )
    availability_form = AvailabilityForm(
        request.POST if action == "availability" else None,
        event=event,
        initial={"unavailable_slots": me.unavailable_slots},
    )
    form = entry_form if action == "entry" else availability_form
    save = services.participant_update if action == "entry" else services.availability_set
    if (
        action
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: save(actor=request.user, participant=me, **form.cleaned_data),
            _("Your entry has been saved."),
        )
    ):
        return redirect("events:my_entry", pk=pk)
    return render(
        request,
        "events/my_entry.html",
        {
            "event": event,
            "permissions": permissions,
            "me": me,
            "entry_form": entry_form,
            "availability_form": availability_form,
        },
    )


@login_required
def meeting_requests(request: HttpRequest, pk: int) -> HttpResponse:
    event, permissions = _brokerage(request, pk)
    me = permissions.participant
    if me is None:
        raise PermissionDenied(_("Only participants have meeting requests."))
    requests = list(meeting_requests_of(me))
    return render(
        request,
        "events/meeting_requests.html",
        {
            "event": event,
            "me": me,
            "received": [r for r in requests if r.recipient_id == me.pk],
            "sent": [r for r in requests if r.requester_id == me.pk],
        },
    )


def _answer(request: HttpRequest, pk: int, accept: bool) -> HttpResponse:
    meeting_request = get_meeting_request_for_user(request.user, pk)
    if accept:
        service_call(
            request,
            None,
            lambda: services.meeting_request_accept(actor=request.user, request=meeting_request),
            _("Meeting accepted: it will be scheduled by the organisers."),
        )
    else:
        service_call(
            request,
            None,
            lambda: services.meeting_request_decline(actor=request.user, request=meeting_request),
            _("Meeting request declined."),
        )
    return redirect("events:meeting_requests", pk=meeting_request.event_id)


@login_required
@require_POST
def meeting_request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=True)


@login_required
@require_POST
def meeting_request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=False)


def _slot_times(event: Event, slot: int | None) -> dict[str, Any]:
    """A slot's start and end (UTC; the templates write them at the venue and for the viewer)."""
    if slot is None:
        return {"starts_at": None, "ends_at": None}
    return {"starts_at": event.slot_starts_at(slot), "ends_at": event.slot_ends_at(slot)}


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant's meetings in time order (preliminary until the organisers publish it)."""
    event, permissions = _brokerage(request, pk)
    me = permissions.participant
    if me is None:
        raise PermissionDenied(_("Only participants have an agenda."))
    meetings = list(agenda_of(me)) if event.agenda_published_at else []
    rows = [
        {
            "meeting": meeting,
            **_slot_times(event, meeting.slot),
            "other": meeting.other(me),
            "outcome": next(iter(meeting.outcomes.all()), None),
        }
        for meeting in meetings
    ]
    return render(
        request,
        "events/agenda.html",
        {"event": event, "me": me, "rows": rows, "outcome_form": OutcomeForm()},
    )


@login_required
def agenda_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    event, permissions = _brokerage(request, pk)
    me = permissions.participant
    if me is None:
        raise PermissionDenied(_("Only participants have an agenda."))
    meetings = agenda_of(me) if event.agenda_published_at else agenda_of(me).none()
    return _calendar_response(calendar.agenda_calendar(me, meetings), f"agenda-{event.pk}.ics")


@login_required
@require_POST
def meeting_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        service_call(
            request,
            None,
            lambda: services.meeting_outcome_record(actor=request.user, meeting=meeting, **form.cleaned_data),
            _("Thank you: the outcome has been recorded."),
        )
    else:
        messages.error(request, _("Choose one of the offered outcomes."))
    return redirect("events:agenda", pk=meeting.event_id)


# --- scheduling (organisers) -------------------------------------------------------------------


@login_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The preliminary agenda as a slot-by-table grid, the unscheduled meetings, and the controls."""
    event = get_managed_event(request.user, pk)
    if not event.is_brokerage:
        raise Http404(_("This event has no B2B meetings."))
    meetings = list(meetings_of_event(event))
    grid: dict[int, dict[int, Meeting]] = defaultdict(dict)
    for meeting in meetings:
        if meeting.slot is not None and meeting.table is not None:
            grid[meeting.slot][meeting.table] = meeting
    used_tables = sorted({m.table for m in meetings if m.table is not None})
    slots = [
        {"slot": slot, **_slot_times(event, slot), "cells": [grid[slot].get(t) for t in used_tables]}
        for slot in range(event.slot_count)
    ]
    return render(
        request,
        "events/schedule.html",
        {
            "event": event,
            "slots": slots,
            "tables": [t + 1 for t in used_tables],
            "unscheduled": [m for m in meetings if m.slot is None],
            "run": last_schedule_run(event),
            "move_form": MeetingMoveForm(event=event),
            "meeting_count": len(meetings),
            "agenda_recipients": agenda_recipient_count(event),
        },
    )


def _organiser_action(
    request: HttpRequest, event_id: int, perform: Callable[[], Any], success: StrOrPromise
) -> HttpResponse:
    service_call(request, None, perform, success)
    return redirect("events:schedule", pk=event_id)


@login_required
@require_POST
def schedule_run(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_managed_event(request.user, pk)
    return _organiser_action(
        request,
        pk,
        lambda: services.schedule_run(actor=request.user, event=event),
        _("The scheduler has run; check the preliminary agenda below."),
    )


@login_required
@require_POST
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_managed_event(request.user, pk)
    return _organiser_action(
        request,
        pk,
        lambda: services.agenda_publish(actor=request.user, event=event),
        _("The final agenda is published and the participants have been notified."),
    )


@login_required
@require_POST
def meeting_lock(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    locked = request.POST.get("locked") == "1"
    return _organiser_action(
        request,
        meeting.event_id,
        lambda: services.meeting_lock(actor=request.user, meeting=meeting, locked=locked),
        _("The meeting is locked in place.") if locked else _("The meeting is unlocked."),
    )


@login_required
@require_POST
def meeting_move(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    form = MeetingMoveForm(request.POST, event=meeting.event)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("events:schedule", pk=meeting.event_id)
    return _organiser_action(
        request,
        meeting.event_id,
        lambda: services.meeting_move(
            actor=request.user,
            meeting=meeting,
            slot=form.cleaned_data["slot"],
            table=form.cleaned_data["table"] - 1,
        ),
        _("The meeting has been moved and locked there."),
    )


@login_required
def statistics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_managed_event(request.user, pk)
    return render(
        request, "events/statistics.html", {"event": event, "statistics": outcome_statistics(event)}
    )


# --- certificates ------------------------------------------------------------------------------


@login_required
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendee's own certificate (issued on first download), or an organiser's copy."""
    registration, _can_manage = get_registration_for_user(request.user, pk)
    done = service_call(
        request, None, lambda: services.certificate_issue(actor=request.user, registration=registration)
    )
    if not done:
        return redirect("events:event_detail", pk=registration.event_id)
    return _pdf_response(documents.certificate_pdf(done.result), f"{done.result.number}.pdf")


def certificate_verify(request: HttpRequest, number: str | None = None) -> HttpResponse:
    """Public: check an attendance certificate by its number (the QR code) or by uploading the PDF."""
    code = request.GET.get("code", "")[:64]  # the verification code the QR code carries
    check = documents.attendance_check_number(number, code=code) if number else None
    form = CertificateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        check = documents.attendance_check_pdf(form.cleaned_data["file"].read())
    status = 404 if check is not None and check.verdict == documents.Verdict.UNKNOWN else 200
    return render(request, "events/certificate_verify.html", {"check": check, "form": form}, status=status)
