"""Suggestions from the cross-lingual matching engine, pairing complementary sides: placements (what
hosts offer) for a candidate's project (what the candidate seeks), applications for a host's
placement, and reviewers whose stated expertise is closest to an application (never one with a
conflict of interest); only relevant ones, each labelled strong or possible. Every suggestion passes
the kind's own permission-aware selector for the person asking."""

from typing import Any

from django.db.models import QuerySet

from exchanges.models import Application, Placement, ReviewerProfile
from exchanges.selectors import (
    applications_visible_to,
    conflicts_between,
    placements_visible_to,
    reviewer_profiles_visible_to,
)
from matching.registry import MatchableKind, register_kind
from matching.selectors import SimilarRecord, similar_records

PLACEMENT_KIND = "exchanges.placement"
APPLICATION_KIND = "exchanges.application"
REVIEWER_KIND = "exchanges.reviewer"
SUGGESTION_LIMIT = 5
# Applications still looking for a place: what a host's suggestions draw from.
SEEKING_STATUSES = (
    Application.Status.SUBMITTED,
    Application.Status.ELIGIBLE,
    Application.Status.UNDER_REVIEW,
    Application.Status.WAITLISTED,
    Application.Status.ACCEPTED,
)


def placement_document(placement: Placement) -> str:
    parts = (placement.title, placement.lab, placement.project, placement.description)
    return "\n".join(part for part in parts if part)


def application_document(application: Application) -> str:
    subject = str(application.subject_area) if application.subject_area_id else ""
    return "\n".join(part for part in (subject, application.summary) if part)


def reviewer_document(profile: ReviewerProfile) -> str:
    return profile.expertise


def _published(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    return placements.filter(status=Placement.Status.PUBLISHED)


def _seeking(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.filter(status__in=SEEKING_STATUSES)


def _available(profiles: QuerySet[ReviewerProfile]) -> QuerySet[ReviewerProfile]:
    return profiles.filter(available=True, user__is_active=True)


def register_exchange_kinds() -> None:
    register_kind(
        MatchableKind(
            key=PLACEMENT_KIND,
            model=Placement,
            document=placement_document,
            indexable=_published,
            visible_to=placements_visible_to,
        )
    )
    register_kind(
        MatchableKind(
            key=APPLICATION_KIND,
            model=Application,
            document=application_document,
            indexable=_seeking,
            visible_to=applications_visible_to,
        )
    )
    register_kind(
        MatchableKind(
            key=REVIEWER_KIND,
            model=ReviewerProfile,
            document=reviewer_document,
            indexable=_available,
            visible_to=reviewer_profiles_visible_to,
        )
    )


def placements_for_application(viewer: Any, application: Application) -> list[SimilarRecord]:
    """Published placements closest to the candidate's project, whatever language either is in."""
    return similar_records(
        viewer=viewer,
        target_kind=PLACEMENT_KIND,
        source_kind=APPLICATION_KIND,
        source_id=application.pk,
        limit=SUGGESTION_LIMIT,
    )


def applications_for_placement(viewer: Any, placement: Placement) -> list[SimilarRecord]:
    """Applications naming the host that are closest to its placement (the host sees only those)."""
    return similar_records(
        viewer=viewer,
        target_kind=APPLICATION_KIND,
        source_kind=PLACEMENT_KIND,
        source_id=placement.pk,
        limit=SUGGESTION_LIMIT,
        narrow=lambda applications: applications.filter(host_organisation_id=placement.host_id),
    )


def reviewers_for_application(viewer: Any, application: Application) -> list[SimilarRecord]:
    """Reviewers by expertise, best first, leaving out anyone already assigned or in conflict."""
    assigned = set(application.reviews.values_list("reviewer_id", flat=True))
    candidates = similar_records(
        viewer=viewer,
        target_kind=REVIEWER_KIND,
        source_kind=APPLICATION_KIND,
        source_id=application.pk,
        limit=SUGGESTION_LIMIT * 3,
        narrow=lambda profiles: profiles.exclude(user_id__in=assigned | {application.applicant_id}),
    )
    free = [match for match in candidates if not conflicts_between(match.record.user, application)]
    return free[:SUGGESTION_LIMIT]
