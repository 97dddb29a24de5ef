"""Permission-aware reads of exchanges: every page, endpoint, task and service asks through here.

Who sees what:
- programmes, and calls that are open or closed: everyone, visitors included (calls are public);
  draft calls: the managers of the programme (its network's secretariat) and platform operators;
- published placements: everyone; withdrawn ones: the host's people and managers;
- an application: its applicant, the call's managers, the reviewers assigned to it (unless they
  declined it), and, once submitted, the people of the host organisation it names (who place and
  evaluate the fellow, and may be suggested it for their placements).

A reviewer of a blind call never learns who applied (`ApplicationAccess.identity_hidden`): the pages,
the API and the notifications show them the reference only, and files and referee letters, which may
name the applicant, are withheld from them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.permissions import is_platform_operator, is_signed_in
from directory.models import Organisation, OrganisationMembership
from directory.selectors import member_organisation_ids, member_organisations, organisations_visible_to
from exchanges.models import (
    Application,
    ApplicationEvent,
    Call,
    ConflictDeclaration,
    Document,
    Placement,
    Programme,
    ReviewAssignment,
    ReviewerProfile,
)
from networks.selectors import secretariat_network_ids

# An application in one of these statuses holds one of the year's mobilities.
QUOTA_STATUSES = (
    Application.Status.ACCEPTED,
    Application.Status.OFFERED,
    Application.Status.OFFER_ACCEPTED,
    Application.Status.PLACEMENT,
    Application.Status.COMPLETED,
)
DECIDED_STATUSES = (
    *QUOTA_STATUSES,
    Application.Status.REJECTED,
    Application.Status.WAITLISTED,
    Application.Status.OFFER_DECLINED,
    Application.Status.OFFER_EXPIRED,
)
WITHDRAWABLE_STATUSES = (
    Application.Status.DRAFT,
    Application.Status.SUBMITTED,
    Application.Status.ELIGIBLE,
    Application.Status.UNDER_REVIEW,
    Application.Status.WAITLISTED,
    Application.Status.ACCEPTED,
)
HOSTED_STATUSES = (
    Application.Status.OFFER_ACCEPTED,
    Application.Status.PLACEMENT,
    Application.Status.COMPLETED,
)
REVIEWABLE_STATUSES = (Application.Status.ELIGIBLE, Application.Status.UNDER_REVIEW)


# The organisations `user` may apply from or host for are those they belong to; the exchanges services,
# API and views ask by these names.
my_organisation_ids = member_organisation_ids
my_organisations = member_organisations


def managed_network_ids(user: Any) -> set[int]:
    return secretariat_network_ids(user)


def can_manage_programme(user: Any, programme: Programme) -> bool:
    """The programme's network secretariat, or a platform operator."""
    return is_signed_in(user) and (
        is_platform_operator(user) or programme.network_id in managed_network_ids(user)
    )


def networks_managed_by(user: Any) -> QuerySet[Organisation]:
    """The networks `user` may create programmes for."""
    networks = Organisation.objects.filter(kind=Organisation.Kind.NETWORK).exclude(
        status=Organisation.Status.MERGED
    )
    if is_platform_operator(user):
        return networks
    return networks.filter(pk__in=managed_network_ids(user))


# Quotas


@dataclass(frozen=True)
class Quota:
    """What is left of a programme's mobilities in one year."""

    year: int
    total: int
    used: int
    completed: int

    @property
    def left(self) -> int:
        return max(self.total - self.used, 0)

    @property
    def is_used_up(self) -> bool:
        return self.used >= self.total


def quota_of(programme: Programme, year: int) -> Quota:
    counts = Application.objects.filter(call__programme=programme, call__mobility_year=year).aggregate(
        used=Count("id", filter=Q(status__in=QUOTA_STATUSES)),
        completed=Count("id", filter=Q(status=Application.Status.COMPLETED)),
    )
    return Quota(
        year=year, total=programme.mobilities_per_year, used=counts["used"], completed=counts["completed"]
    )


def current_quotas(programmes: list[Programme], *, year: int | None = None) -> dict[int, Quota]:
    """This year's quota of each programme, in one query (for lists)."""
    year = year or timezone.localdate().year
    counts: dict[int, dict[str, int]] = {
        row["call__programme_id"]: {"used": row["used"], "completed": row["completed"]}
        for row in Application.objects.filter(call__programme__in=programmes, call__mobility_year=year)
        .values("call__programme_id")
        .annotate(
            used=Count("id", filter=Q(status__in=QUOTA_STATUSES)),
            completed=Count("id", filter=Q(status=Application.Status.COMPLETED)),
        )
    }
    return {
        programme.pk: Quota(
            year=year,
            total=programme.mobilities_per_year,
            used=counts.get(programme.pk, {}).get("used", 0),
            completed=counts.get(programme.pk, {}).get("completed", 0),
        )
        for programme in programmes
    }


# Prefetched on programme lists (`programmes_visible_to`): each call with its quota counts, so a list
# of programmes costs one query for all their quotas instead of two a programme.
QUOTA_CALLS = "quota_calls"


def _calls_with_quota_counts() -> QuerySet[Call]:
    return Call.objects.only("id", "programme_id", "mobility_year").annotate(
        quota_used=Count("applications", filter=Q(applications__status__in=QUOTA_STATUSES)),
        quota_completed=Count("applications", filter=Q(applications__status=Application.Status.COMPLETED)),
    )


def quotas_of(programme: Programme) -> list[Quota]:
    """One quota per year the programme's calls cover, and the current year."""
    this_year = timezone.localdate().year
    calls: list[Any] | None = getattr(programme, QUOTA_CALLS, None)
    if calls is None:
        years = set(programme.calls.values_list("mobility_year", flat=True)) | {this_year}
        return [quota_of(programme, year) for year in sorted(years)]
    used: dict[int, int] = defaultdict(int)
    completed: dict[int, int] = defaultdict(int)
    for call in calls:
        used[call.mobility_year] += call.quota_used
        completed[call.mobility_year] += call.quota_completed
    years = {call.mobility_year for call in calls} | {this_year}
    return [
        Quota(year=year, total=programme.mobilities_per_year, used=used[year], completed=completed[year])
        for year in sorted(years)
    ]


# Programmes and calls


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    return Programme.objects.select_related("network").prefetch_related(
        "subject_areas", Prefetch("calls", queryset=_calls_with_quota_counts(), to_attr=QUOTA_CALLS)
    )


def get_programme_for_user(user: Any, pk: int) -> tuple[Programme, bool]:
    """The programme, and whether `user` manages it."""
    programme = programmes_visible_to(user).filter(pk=pk).first()
    if programme is None:
        raise Http404(_("No such programme."))
    return programme, can_manage_programme(user, programme)


def calls_visible_to(user: Any) -> QuerySet[Call]:
    calls = Call.objects.select_related("programme__network")
    if is_platform_operator(user):
        return calls
    return calls.filter(~Q(status=Call.Status.DRAFT) | Q(programme__network_id__in=managed_network_ids(user)))


def call_is_accepting(call: Call, *, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return call.status == Call.Status.OPEN and call.opens_on <= today <= call.closes_on


@dataclass(frozen=True)
class CallPermissions:
    can_manage: bool = False
    can_apply: bool = False
    my_application: Application | None = None


def get_call_for_user(user: Any, pk: int) -> tuple[Call, CallPermissions]:
    call = calls_visible_to(user).prefetch_related("fields", "criteria").filter(pk=pk).first()
    if call is None:
        raise Http404(_("No such call."))
    mine = Application.objects.filter(call=call, applicant=user).first() if is_signed_in(user) else None
    return call, CallPermissions(
        can_manage=can_manage_programme(user, call.programme),
        can_apply=is_signed_in(user)
        and mine is None
        and call_is_accepting(call)
        and bool(member_organisation_ids(user)),
        my_application=mine,
    )


# Placements


def placements_visible_to(user: Any) -> QuerySet[Placement]:
    placements = Placement.objects.select_related("host", "programme")
    if is_platform_operator(user):
        return placements
    return placements.filter(
        Q(status=Placement.Status.PUBLISHED)
        | Q(host_id__in=member_organisation_ids(user))
        | Q(programme__network_id__in=managed_network_ids(user))
    )


def can_manage_placement(user: Any, placement: Placement) -> bool:
    return is_signed_in(user) and (
        is_platform_operator(user)
        or placement.host_id in member_organisation_ids(user)
        or (placement.programme is not None and placement.programme.network_id in managed_network_ids(user))
    )


def get_placement_for_user(user: Any, pk: int) -> tuple[Placement, bool]:
    placement = placements_visible_to(user).filter(pk=pk).first()
    if placement is None:
        raise Http404(_("No such placement."))
    return placement, can_manage_placement(user, placement)


# Applications


@dataclass(frozen=True)
class ApplicationAccess:
    """What one person may see and do with one application."""

    is_applicant: bool = False
    is_manager: bool = False
    is_host: bool = False
    review: ReviewAssignment | None = None

    @property
    def is_reviewer(self) -> bool:
        return self.review is not None

    blind_call: bool = False

    @property
    def identity_hidden(self) -> bool:
        return (
            self.is_reviewer
            and self.blind_call
            and not (self.is_applicant or self.is_manager or self.is_host)
        )

    @property
    def can_see_history(self) -> bool:
        return self.is_applicant or self.is_manager

    @property
    def can_see_files(self) -> bool:
        return not self.identity_hidden

    @property
    def can_see_reviews(self) -> bool:
        return self.is_manager


def host_organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations an applicant may ask to host their stay: those they may see, never a network
    (a network has no laboratories; its members do) nor a merged record. The page offers these and the
    service refuses any other."""
    return (
        organisations_visible_to(user)
        .exclude(kind=Organisation.Kind.NETWORK)
        .exclude(status=Organisation.Status.MERGED)
        .order_by("name", "id")
    )


def _base_applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "call__programme__network", "applicant", "home_organisation", "host_organisation", "subject_area"
    )


def applications_visible_to(user: Any) -> QuerySet[Application]:
    if not is_signed_in(user):
        return Application.objects.none()
    applications = _base_applications()
    if is_platform_operator(user):
        return applications
    reviewing = ReviewAssignment.objects.filter(reviewer=user).exclude(
        status=ReviewAssignment.Status.DECLINED
    )
    return applications.filter(
        Q(applicant=user)
        | (Q(call__programme__network_id__in=managed_network_ids(user)) & ~Q(status=Application.Status.DRAFT))
        | Q(pk__in=reviewing.values("application_id"))
        | (Q(host_organisation_id__in=member_organisation_ids(user)) & ~Q(status=Application.Status.DRAFT))
    )


def access_to(user: Any, application: Application) -> ApplicationAccess:
    if not is_signed_in(user):
        return ApplicationAccess()
    review = (
        ReviewAssignment.objects.filter(application=application, reviewer=user)
        .exclude(status=ReviewAssignment.Status.DECLINED)
        .first()
    )
    return ApplicationAccess(
        is_applicant=application.applicant_id == user.pk,
        is_manager=application.status != Application.Status.DRAFT
        and can_manage_programme(user, application.call.programme),
        is_host=application.status != Application.Status.DRAFT
        and application.host_organisation_id in member_organisation_ids(user),
        review=review,
        blind_call=application.call.blind_review,
    )


def get_application_for_user(user: Any, pk: int) -> tuple[Application, ApplicationAccess]:
    application = applications_visible_to(user).filter(pk=pk).first()
    if application is None:
        raise Http404(_("No such application."))
    return application, access_to(user, application)


def my_applications(user: Any) -> QuerySet[Application]:
    return applications_visible_to(user).filter(applicant=user)


def applications_of_call(call: Call) -> QuerySet[Application]:
    """A call's applications (not drafts), for its managers, with their average weighted score."""
    return (
        _base_applications()
        .filter(call=call)
        .exclude(status=Application.Status.DRAFT)
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=ReviewAssignment.objects.select_related("reviewer"),
            )
        )
        .order_by("submitted_at", "id")
    )


def reviews_of(user: Any) -> QuerySet[ReviewAssignment]:
    """The reviews assigned to `user` (the reviewer's own queue)."""
    if not is_signed_in(user):
        return ReviewAssignment.objects.none()
    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .exclude(status=ReviewAssignment.Status.DECLINED)
        .select_related("application__call__programme")
        .order_by("status", "-created_at", "id")
    )


def hosted_applications(user: Any) -> QuerySet[Application]:
    """Applications naming one of `user`'s organisations as host (drafts excepted)."""
    return applications_visible_to(user).filter(host_organisation_id__in=member_organisation_ids(user))


def history_of(application: Application) -> QuerySet[ApplicationEvent]:
    return application.history.select_related("actor")


def average_score(application: Application) -> Decimal | None:
    scores = [
        review.weighted_score
        for review in application.reviews.all()
        if review.status == ReviewAssignment.Status.SUBMITTED and review.weighted_score is not None
    ]
    if not scores:
        return None
    return (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class RankedApplication:
    rank: int
    application: Application
    score: Decimal | None
    reviews_submitted: int


def ranking_of(call: Call) -> list[RankedApplication]:
    """Applications under review or decided, best average weighted score first (unscored last)."""
    applications = [
        application
        for application in applications_of_call(call)
        if application.status not in (Application.Status.SUBMITTED, Application.Status.WITHDRAWN)
    ]
    scored = [(application, average_score(application)) for application in applications]
    scored.sort(key=lambda pair: (pair[1] is None, -(pair[1] or 0), pair[0].pk))
    return [
        RankedApplication(
            rank=index,
            application=application,
            score=score,
            reviews_submitted=sum(
                1
                for review in application.reviews.all()
                if review.status == ReviewAssignment.Status.SUBMITTED
            ),
        )
        for index, (application, score) in enumerate(scored, start=1)
    ]


# Conflicts of interest


def conflicts_between(reviewer: Any, application: Application) -> list[str]:
    """Why `reviewer` may not review `application` (empty when they may)."""
    reasons: list[str] = []
    if reviewer.pk == application.applicant_id:
        reasons.append(str(_("The reviewer is the applicant.")))
        return reasons
    memberships = OrganisationMembership.objects.filter(user=reviewer).select_related("organisation")
    reviewer_organisations = {membership.organisation for membership in memberships}
    involved = {application.home_organisation_id, application.host_organisation_id}
    if any(organisation.pk in involved for organisation in reviewer_organisations):
        reasons.append(str(_("The reviewer belongs to the applicant's home or host organisation.")))
    if application.call.same_country_conflict and any(
        organisation.country == application.home_organisation.country
        for organisation in reviewer_organisations
    ):
        reasons.append(
            str(_("The reviewer works in the applicant's country, which this call does not allow."))
        )
    declared = ConflictDeclaration.objects.filter(reviewer=reviewer).filter(
        Q(application=application) | Q(organisation_id__in=involved)
    )
    if declared.exists():
        reasons.append(str(_("The reviewer declared a conflict of interest.")))
    return reasons


def reviewer_profiles_visible_to(user: Any) -> QuerySet[ReviewerProfile]:
    """The reviewer pool: for programme managers and operators, plus each person's own profile."""
    if not is_signed_in(user):
        return ReviewerProfile.objects.none()
    profiles = ReviewerProfile.objects.select_related("user")
    if is_platform_operator(user) or managed_network_ids(user):
        return profiles
    return profiles.filter(user=user)


def reviewer_profile_of(user: Any) -> ReviewerProfile | None:
    return reviewer_profiles_visible_to(user).filter(user=user).first() if is_signed_in(user) else None


def conflicts_declared_by(user: Any) -> QuerySet[ConflictDeclaration]:
    if not is_signed_in(user):
        return ConflictDeclaration.objects.none()
    return ConflictDeclaration.objects.filter(reviewer=user).select_related("organisation", "application")


# Documents


def documents_of(application: Application) -> QuerySet[Document]:
    return application.documents.all()


def get_document_by_number(number: str) -> Document | None:
    """Public: what the verification page and endpoint look up."""
    return (
        Document.objects.select_related(
            "application__call__programme__network",
            "application__host_organisation",
            "application__applicant",
        )
        .filter(number=number.strip().upper())
        .first()
    )


def get_document_for_download(user: Any, number: str) -> Document:
    """A document's PDF is for the fellow, the call's managers and the host's people."""
    document = get_document_by_number(number)
    if document is None or not is_signed_in(user):
        raise Http404(_("No such document."))
    access = access_to(user, document.application)
    if not (access.is_applicant or access.is_manager or access.is_host):
        raise Http404(_("No such document."))
    return document


# Reporting


@dataclass
class ReportRow:
    label: str
    applications: int = 0
    accepted: int = 0
    decided: int = 0
    completed: int = 0
    quota: int | None = None

    @property
    def acceptance_rate(self) -> float | None:
        return round(100 * self.accepted / self.decided, 1) if self.decided else None


@dataclass
class ProgrammeReport:
    by_year: list[ReportRow] = field(default_factory=list)
    by_country_pair: list[ReportRow] = field(default_factory=list)


def programme_report(programme: Programme) -> ProgrammeReport:
    """Applications, acceptance rate and completed mobilities against quota, per year and per
    country pair (home organisation's country → host's)."""
    submitted = Application.objects.filter(call__programme=programme).exclude(status=Application.Status.DRAFT)
    rows = submitted.values(
        "call__mobility_year", "home_organisation__country", "host_organisation__country", "status"
    ).annotate(n=Count("id"))
    years: dict[int, ReportRow] = {}
    pairs: dict[tuple[str, str], ReportRow] = defaultdict(lambda: ReportRow(label=""))
    for row in rows:
        year = row["call__mobility_year"]
        pair = (row["home_organisation__country"], row["host_organisation__country"])
        year_row = years.setdefault(year, ReportRow(label=str(year), quota=programme.mobilities_per_year))
        pair_row = pairs[pair]
        pair_row.label = f"{pair[0]} → {pair[1]}"
        for target in (year_row, pair_row):
            target.applications += row["n"]
            if row["status"] in DECIDED_STATUSES:
                target.decided += row["n"]
            if row["status"] in QUOTA_STATUSES or row["status"] in (
                Application.Status.OFFER_DECLINED,
                Application.Status.OFFER_EXPIRED,
            ):
                target.accepted += row["n"]
            if row["status"] == Application.Status.COMPLETED:
                target.completed += row["n"]
    return ProgrammeReport(
        by_year=[years[year] for year in sorted(years)],
        by_country_pair=[pairs[pair] for pair in sorted(pairs)],
    )
