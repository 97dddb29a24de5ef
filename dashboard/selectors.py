"""What a signed-in person's dashboard shows, read through each owning app's permission-aware selectors.

Every section starts from the selector that decides what the viewer may see in that app; the
dashboard only narrows it to what waits for them now (a queue, this week, what is next) and says where
the work is done. Each list is cut at `SHOWN`, with the whole count and a link to the full queue.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.permissions import is_platform_operator
from directory.selectors import memberships_of
from events.models import Event, MeetingRequest, Registration
from events.selectors import (
    events_organised_by,
    meeting_requests_visible_to,
    meetings_visible_to,
    organised_event_ids,
    participant_ids_of,
    registrations_visible_to,
)
from exchanges.models import Application, Call, ReviewAssignment
from exchanges.selectors import (
    applications_visible_to,
    call_is_accepting,
    calls_visible_to,
    managed_network_ids,
    my_applications,
    reviews_of,
)
from hubs.selectors import agreements_awaiting_approval_by, follow_up_actions_of, programme_actions_open_of
from marketplace.eoi_selectors import eois_received_by_my_organisations
from marketplace.models import ExpressionOfInterest, Profile
from marketplace.selectors import moderates_anything, moderation_queue, profiles_of_my_organisations
from networks.selectors import application_queue, network_memberships_of_my_organisations

SHOWN = 5  # items of each list on the page and in the API; the rest are one click away
DEADLINE_DAYS = 7  # "this week"
FOLLOW_UP_DAYS = 14  # follow-up actions due within two weeks, or overdue
DECIDABLE_STATUSES = (
    Application.Status.SUBMITTED,
    Application.Status.ELIGIBLE,
    Application.Status.UNDER_REVIEW,
)


@dataclass(frozen=True)
class Item:
    """One line of a section: what it is, a second line of detail, where to act, and when."""

    title: str
    url: str
    detail: str = ""
    due: datetime.date | None = None
    at: datetime.datetime | None = None


@dataclass(frozen=True)
class Section:
    """A list of the dashboard. `key` is stable (the API's); `empty` says what to do when it is empty."""

    key: str
    heading: Promise
    items: list[Item]
    total: int
    more_url: str = ""
    empty: Promise | str = ""

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class Dashboard:
    tasks: list[Section]
    meetings: Section
    registrations: Section
    deadlines: Section
    organisations: Section
    networks: Section
    matchable_profiles: list[Profile] = field(default_factory=list)

    @property
    def task_count(self) -> int:
        return sum(section.total for section in self.tasks)


def _day_of(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _first_page(queryset: Any) -> tuple[list[Any], int]:
    """The first `SHOWN` rows of `queryset` and how many there are in all, counted only when the rows
    fill the page: most queues hold a few items, and a count is one more query for each."""
    rows = list(queryset[: SHOWN + 1])
    if len(rows) <= SHOWN:
        return rows, len(rows)
    return rows[:SHOWN], queryset.count()


def _section(
    key: str,
    heading: Promise,
    rows: Iterable[Item],
    *,
    total: int | None = None,
    more_url: str = "",
    empty: Promise | str = "",
) -> Section:
    items = list(rows)
    return Section(
        key=key,
        heading=heading,
        items=items[:SHOWN],
        total=len(items) if total is None else total,
        more_url=more_url,
        empty=empty,
    )


# My tasks


def _moderation(user: Any) -> Section | None:
    if not moderates_anything(user):
        return None
    queue, total = _first_page(moderation_queue(user))
    rows = [
        Item(
            title=profile.title,
            url=reverse("marketplace:profile_detail", kwargs={"pk": profile.pk}),
            detail=str(
                _("%(organisation)s · for ParkLink's operators: the organisation is in no network")
                % {"organisation": profile.owner.name}
                if getattr(profile, "for_operators", False)
                else profile.owner.name
            ),
            at=profile.submitted_at,
        )
        for profile in queue
    ]
    return _section(
        "moderation",
        _("Profiles awaiting moderation"),
        rows,
        total=total,
        more_url=reverse("marketplace:moderation_queue"),
        empty=_("No profile waits for moderation. New submissions will appear here."),
    )


def _network_applications(user: Any) -> Section | None:
    queue, total = _first_page(application_queue(user))
    if not total:
        return None
    rows = [
        Item(
            title=str(
                _("%(organisation)s applies to %(network)s")
                % {"organisation": membership.member.name, "network": membership.network.name}
            ),
            url=reverse("networks:membership_detail", kwargs={"pk": membership.pk}),
            detail=str(membership.get_status_display()),
            at=membership.created_at,
        )
        for membership in queue
    ]
    return _section(
        "network_applications",
        _("Membership applications to decide"),
        rows,
        total=total,
        more_url=reverse("networks:applications"),
    )


def _reviews(user: Any) -> Section | None:
    assigned, total = _first_page(reviews_of(user).filter(status=ReviewAssignment.Status.ASSIGNED))
    if not total:
        return None
    rows = [
        Item(
            # The reference and the call only: a blind call hides who applied, and so does this line.
            title=str(
                _("Application %(reference)s to %(call)s")
                % {"reference": review.application.reference, "call": review.application.call.title}
            ),
            url=reverse("exchanges:review_detail", kwargs={"pk": review.pk}),
            detail=str(_("Score it against the call's criteria.")),
            at=review.created_at,
        )
        for review in assigned
    ]
    return _section(
        "exchange_reviews",
        _("Exchange applications to review"),
        rows,
        total=total,
        more_url=reverse("exchanges:my_exchanges"),
    )


def _exchange_decisions(user: Any) -> Section | None:
    applications = applications_visible_to(user).filter(status__in=DECIDABLE_STATUSES)
    if not is_platform_operator(user):
        managed = managed_network_ids(user)
        if not managed:
            return None
        applications = applications.filter(call__programme__network_id__in=managed)
    decidable, total = _first_page(applications.order_by("submitted_at", "id"))
    if not total:
        return None
    rows = [
        Item(
            title=str(
                _("Application %(reference)s to %(call)s")
                % {"reference": application.reference, "call": application.call.title}
            ),
            url=reverse("exchanges:application_detail", kwargs={"pk": application.pk}),
            detail=str(application.get_status_display()),
            at=application.submitted_at,
        )
        for application in decidable
    ]
    return _section("exchange_decisions", _("Exchange applications to decide"), rows, total=total)


def _eois(user: Any, now: datetime.datetime) -> Section | None:
    waiting = (
        eois_received_by_my_organisations(user)
        .filter(status=ExpressionOfInterest.Status.PENDING, expires_at__gt=now)
        .select_related(None)
        .select_related("sender_organisation", "profile")
    )
    eois, total = _first_page(waiting.order_by("expires_at", "id"))
    if not total:
        return None
    rows = [
        Item(
            title=str(
                _("%(organisation)s is interested in “%(profile)s”")
                % {"organisation": eoi.sender_organisation.name, "profile": eoi.profile.title}
            ),
            url=reverse("marketplace:eoi_detail", kwargs={"pk": eoi.pk}),
            detail=str(_("Accept or decline it before it expires.")),
            at=eoi.expires_at,
        )
        for eoi in eois
    ]
    return _section(
        "eois",
        _("Expressions of interest awaiting your answer"),
        rows,
        total=total,
        more_url=reverse("marketplace:my_eois"),
    )


def _approvals(user: Any) -> Section | None:
    agreements = agreements_awaiting_approval_by(user)
    if not agreements:
        return None
    rows = [
        Item(
            title=agreement.title,
            url=reverse("hubs:agreement_detail", kwargs={"pk": agreement.pk}),
            detail=str(
                _("Approve the current text for your organisation, or ask for changes; hub: %(hub)s")
                % {"hub": agreement.hub}
            ),
            at=agreement.updated_at,
        )
        for agreement in agreements
    ]
    return _section("approvals", _("Agreements waiting for your organisation's approval"), rows)


def _follow_ups(user: Any, now: datetime.datetime) -> Section | None:
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=FOLLOW_UP_DAYS)
    actions, actions_total = _first_page(follow_up_actions_of(user).filter(due_on__lte=horizon))
    rows: list[Item] = [
        Item(
            title=action.title,
            url=reverse("hubs:agreement_detail", kwargs={"pk": action.agreement_id}),
            detail=str(
                _("Overdue, under “%(agreement)s”") if action.due_on < today else _("Under “%(agreement)s”")
            )
            % {"agreement": action.agreement.title},
            due=action.due_on,
        )
        for action in actions
    ]
    programme_actions, programme_total = _first_page(
        programme_actions_open_of(user).filter(due_on__lte=horizon)
    )
    rows += [
        Item(
            title=action.title,
            url=reverse("hubs:programme_detail", kwargs={"pk": action.programme_id}),
            detail=str(
                _("Overdue, in the programme “%(programme)s”")
                if action.due_on and action.due_on < today
                else _("In the programme “%(programme)s”")
            )
            % {"programme": action.programme.title},
            due=action.due_on,
        )
        for action in programme_actions
    ]
    rows.sort(key=lambda item: (item.due or today, item.title))
    outcomes = _outcomes_to_record(user, now)
    total = actions_total + programme_total + len(outcomes)
    if not total:
        return None
    return _section("follow_ups", _("Follow-up actions due"), [*outcomes, *rows], total=total)


def _my_meetings(user: Any) -> Any:
    mine = participant_ids_of(user)
    return meetings_visible_to(user).filter(
        Q(a_id__in=mine) | Q(b_id__in=mine),
        slot__isnull=False,
        event__agenda_published_at__isnull=False,
    )


def _outcomes_to_record(user: Any, now: datetime.datetime) -> list[Item]:
    """Brokerage events that ended with scheduled meetings of `user` whose outcome they have not said."""
    meetings = (
        _my_meetings(user)
        .filter(event__ends_at__lt=now)
        .exclude(outcomes__participant__registration__user=user)
        .values("event_id", "event__title")
        .distinct()
        .order_by("event_id")
    )
    return [
        Item(
            title=str(_("Say what came of your meetings at %(event)s") % {"event": row["event__title"]}),
            url=reverse("events:agenda", kwargs={"pk": row["event_id"]}),
            detail=str(_("The organisers count every outcome in the event's statistics.")),
        )
        for row in meetings
    ]


def _meeting_requests(user: Any, now: datetime.datetime) -> Section | None:
    waiting, total = _first_page(
        meeting_requests_visible_to(user)
        .filter(recipient__registration__user=user, status=MeetingRequest.Status.PENDING, expires_at__gt=now)
        .select_related(None)
        .select_related("event", "requester__registration__user")
        .order_by("expires_at", "id")
    )
    if not total:
        return None
    rows = [
        Item(
            title=str(
                _("%(person)s asks to meet you at %(event)s")
                % {"person": request.requester.registration.user, "event": request.event.title}
            ),
            url=reverse("events:meeting_requests", kwargs={"pk": request.event_id}),
            detail=str(_("Accept or decline it before it expires.")),
            at=request.expires_at,
        )
        for request in waiting
    ]
    return _section("meeting_requests", _("Meeting requests awaiting your answer"), rows, total=total)


def _organising(user: Any, now: datetime.datetime) -> Section | None:
    """Events `user` organises that wait for them: registrations to approve, an agenda to publish."""
    if not organised_event_ids(user):  # read once per page already; most people organise nothing
        return None
    events = events_organised_by(user).filter(ends_at__gte=now).exclude(status=Event.Status.CANCELLED)
    pending = dict(
        Registration.objects.filter(event__in=events.values("pk"), status=Registration.Status.PENDING)
        .values("event_id")
        .annotate(count=Count("pk"))
        .values_list("event_id", "count")
    )
    rows = []
    for event in events.annotate(runs=Count("schedule_runs")):
        if pending.get(event.pk):
            rows.append(
                Item(
                    title=str(
                        ngettext(
                            "%(count)d registration for %(event)s awaits your approval",
                            "%(count)d registrations for %(event)s await your approval",
                            pending[event.pk],
                        )
                        % {"count": pending[event.pk], "event": event.title}
                    ),
                    url=reverse("events:registration_list", kwargs={"pk": event.pk}) + "?status=pending",
                    at=event.starts_at,
                )
            )
        if event.is_brokerage and event.runs and event.agenda_published_at is None:
            rows.append(
                Item(
                    title=str(_("Inspect and publish the agenda of %(event)s") % {"event": event.title}),
                    url=reverse("events:schedule", kwargs={"pk": event.pk}),
                    detail=str(_("The preliminary schedule is ready; participants see it once published.")),
                    at=event.starts_at,
                )
            )
    if not rows:
        return None
    return _section("organising", _("Events you organise"), rows)


def _open_applications(user: Any) -> list[Application]:
    """`user`'s own exchange applications that may wait for them (an offer, a draft), with their call:
    read once for two sections, this one and the week's deadlines."""
    return list(
        my_applications(user)
        .filter(status__in=(Application.Status.OFFERED, Application.Status.DRAFT))
        .select_related(None)
        .select_related("call")
    )


def _my_applications(applications: list[Application], now: datetime.datetime) -> Section | None:
    """Exchange applications of the viewer that wait for them: an offer to answer, a draft to submit."""
    rows = []
    for application in applications:
        if application.status == Application.Status.OFFERED:
            if application.offer_expires_at and application.offer_expires_at <= now:
                continue
            title = _("Answer the offer on your application %(reference)s")
            detail = _("Accept or decline the place before the offer expires.")
        elif call_is_accepting(application.call, today=timezone.localdate(now)):
            title = _("Finish and submit your application %(reference)s")
            detail = _("The call closes on the day shown; a draft is not considered.")
        else:
            continue
        rows.append(
            Item(
                title=str(title % {"reference": application.reference}),
                url=reverse("exchanges:application_detail", kwargs={"pk": application.pk}),
                detail=f"{application.call.title}. {detail}",
                due=_day_of(application.offer_expires_at)
                if application.status == Application.Status.OFFERED
                else application.call.closes_on,
            )
        )
    if not rows:
        return None
    return _section("my_applications", _("My exchange applications to act on"), rows)


def tasks_of(
    user: Any, *, now: datetime.datetime, applications: list[Application] | None = None
) -> list[Section]:
    """The queues that wait for `user`, each only when it holds something (`applications`: theirs
    that may wait for them, when already read)."""
    sections = (
        _moderation(user),
        _network_applications(user),
        _reviews(user),
        _exchange_decisions(user),
        _eois(user, now),
        _meeting_requests(user, now),
        _organising(user, now),
        _my_applications(_open_applications(user) if applications is None else applications, now),
        _approvals(user),
        _follow_ups(user, now),
    )
    # The moderation queue stays even when empty: a moderator learns that nothing waits.
    return [section for section in sections if section is not None]


# Meetings, events, deadlines, organisations and networks


def _meetings(user: Any, now: datetime.datetime) -> Section:
    meetings = (
        _my_meetings(user).filter(event__ends_at__gte=now).order_by("event__starts_at", "event_id", "slot")
    )
    shown, total = _first_page(meetings)
    rows = []
    for meeting in shown:
        mine_is_a = meeting.a.registration.user_id == user.pk
        other = meeting.b if mine_is_a else meeting.a
        organisation = other.registration.organisation
        rows.append(
            Item(
                title=str(
                    _("With %(person)s (%(organisation)s)")
                    % {"person": other.registration.user, "organisation": organisation.name}
                    if organisation
                    else _("With %(person)s") % {"person": other.registration.user}
                ),
                url=reverse("events:agenda", kwargs={"pk": meeting.event_id}),
                detail=meeting.event.title,
                at=meeting.event.slot_starts_at(meeting.slot or 0),
            )
        )
    return _section(
        "meetings",
        _("My upcoming meetings"),
        rows,
        total=total,
        empty=_(
            "No meetings are scheduled for you. Register for a brokerage event and send meeting requests."
        ),
        more_url=reverse("events:event_list"),
    )


def _coming_registrations(user: Any, now: datetime.datetime) -> list[Registration]:
    """`user`'s live registrations for events that have not ended or that begin this week, with their
    event, soonest first: read once for two sections, the events and the week's deadlines."""
    today = timezone.localdate(now)
    week_end = today + datetime.timedelta(days=DEADLINE_DAYS)
    return list(
        registrations_visible_to(user)
        .filter(Q(event__ends_at__gte=now) | Q(event__starts_at__date__range=(today, week_end)), user=user)
        .exclude(status__in=(Registration.Status.REJECTED, Registration.Status.WITHDRAWN))
        .select_related(None)
        .select_related("event")
        .order_by("event__starts_at", "id")
    )


def _registrations(registrations: list[Registration], now: datetime.datetime) -> Section:
    coming = [
        registration
        for registration in registrations
        if registration.event.ends_at >= now and registration.event.status != Event.Status.DRAFT
    ]
    shown, total = coming[:SHOWN], len(coming)
    rows = [
        Item(
            title=registration.event.title,
            url=reverse("events:event_detail", kwargs={"pk": registration.event_id}),
            detail=str(registration.get_status_display()),
            at=registration.event.starts_at,
        )
        for registration in shown
    ]
    return _section(
        "registrations",
        _("Events I registered for"),
        rows,
        total=total,
        empty=_("You are not registered for any coming event. Browse the events to find one."),
        more_url=reverse("events:event_list"),
    )


def _deadlines(
    user: Any, now: datetime.datetime, applications: list[Application], registrations: list[Registration]
) -> Section:
    today = timezone.localdate(now)
    week_end = today + datetime.timedelta(days=DEADLINE_DAYS)
    rows: list[Item] = []
    profiles = profiles_of_my_organisations(user).prefetch_related(None)
    # One query for both lines a profile may give: its own deadline, and its publication's end.
    for profile in profiles.filter(
        Q(deadline__range=(today, week_end))
        | Q(status=Profile.Status.PUBLISHED, expires_at__date__range=(today, week_end))
    ):
        url = reverse("marketplace:profile_detail", kwargs={"pk": profile.pk})
        if profile.deadline and today <= profile.deadline <= week_end:
            rows.append(
                Item(
                    title=profile.title,
                    url=url,
                    detail=str(_("Your profile's deadline")),
                    due=profile.deadline,
                )
            )
        expires_on = _day_of(profile.expires_at)
        if profile.status == Profile.Status.PUBLISHED and expires_on and today <= expires_on <= week_end:
            rows.append(
                Item(
                    title=profile.title,
                    url=url,
                    detail=str(_("Your profile expires: extend it once from its page.")),
                    due=expires_on,
                )
            )
    for call in calls_visible_to(user).filter(
        status=Call.Status.OPEN, opens_on__lte=today, closes_on__range=(today, week_end)
    ):
        rows.append(
            Item(
                title=call.title,
                url=reverse("exchanges:call_detail", kwargs={"pk": call.pk}),
                detail=str(_("The call closes for applications")),
                due=call.closes_on,
            )
        )
    for application in applications:
        expires_on = _day_of(application.offer_expires_at)
        if application.status != Application.Status.OFFERED or not (
            expires_on and today <= expires_on <= week_end
        ):
            continue
        rows.append(
            Item(
                title=str(
                    _("Answer the offer on application %(reference)s") % {"reference": application.reference}
                ),
                url=reverse("exchanges:application_detail", kwargs={"pk": application.pk}),
                detail=application.call.title,
                due=expires_on,
            )
        )
    for registration in registrations:
        if not today <= timezone.localdate(registration.event.starts_at) <= week_end:
            continue
        rows.append(
            Item(
                title=registration.event.title,
                url=reverse("events:event_detail", kwargs={"pk": registration.event_id}),
                detail=str(_("The event you registered for begins")),
                due=timezone.localdate(registration.event.starts_at),
            )
        )
    rows.sort(key=lambda item: (item.due or today, item.title))
    return _section(
        "deadlines",
        _("Deadlines this week"),
        rows,
        empty=_("Nothing is due in the next seven days. Open calls and events are listed on their pages."),
    )


def _organisations(user: Any) -> Section:
    memberships = list(memberships_of(user))
    rows = [
        Item(
            title=membership.organisation.name,
            url=reverse("directory:organisation_detail", kwargs={"pk": membership.organisation_id}),
            detail=str(membership.get_role_display()),
        )
        for membership in memberships
    ]
    return _section(
        "organisations",
        _("My organisations"),
        rows,
        more_url=reverse("directory:my_organisations"),
        empty=_(
            "You belong to no organisation yet. Create your organisation's record, "
            "or ask a colleague to invite you."
        ),
    )


def _networks(user: Any) -> Section:
    memberships = list(network_memberships_of_my_organisations(user))
    rows = [
        Item(
            title=membership.network.name,
            url=reverse("networks:membership_detail", kwargs={"pk": membership.pk}),
            detail=str(
                _("%(organisation)s: %(status)s")
                % {"organisation": membership.member.name, "status": membership.get_status_display()}
            ),
        )
        for membership in memberships
    ]
    return _section(
        "networks",
        _("My networks"),
        rows,
        more_url=reverse("networks:network_list"),
        empty=_("Your organisations belong to no network. An organisation's admin can apply to one."),
    )


def matchable_profiles_of(user: Any, *, now: datetime.datetime) -> list[Profile]:
    """The live published profiles of `user`'s organisations whose matches the dashboard shows."""
    return list(
        profiles_of_my_organisations(user)
        .prefetch_related(None)  # matching reads what it compares itself
        .filter(status=Profile.Status.PUBLISHED)
        .exclude(expires_at__lte=now)
        .order_by("-published_at", "-id")[:3]
    )


def dashboard_of(user: Any, *, now: datetime.datetime | None = None) -> Dashboard:
    """Everything the signed-in `user`'s dashboard shows, read as `user`."""
    now = now or timezone.now()
    applications = _open_applications(user)
    registrations = _coming_registrations(user, now)
    return Dashboard(
        tasks=tasks_of(user, now=now, applications=applications),
        meetings=_meetings(user, now),
        registrations=_registrations(registrations, now),
        deadlines=_deadlines(user, now, applications, registrations),
        organisations=_organisations(user),
        networks=_networks(user),
        matchable_profiles=matchable_profiles_of(user, now=now),
    )
