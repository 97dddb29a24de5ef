"""Review: reviewers assigned without conflicts of interest, conflicts declared, weighted scores
submitted, and the pool of people who offer to review."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.audit import audit_record
from core.notifications import notification_send
from core.permissions import deny_unless
from directory.models import Organisation
from directory.services import field_error
from exchanges.models import (
    Application,
    ConflictDeclaration,
    Criterion,
    ReviewAssignment,
    ReviewerProfile,
    Score,
)
from exchanges.selectors import conflicts_between
from exchanges.services.access import _signed_in
from exchanges.services.workflow import (
    _application_url,
    _deny_unless_allowed,
    _deny_unless_state,
    _managers_of,
    _matching_changed,
    _step,
)


@transaction.atomic
def review_assign(*, actor: Any, application: Application, reviewer: Any) -> ReviewAssignment:
    _deny_unless_allowed(actor, application, "assign-reviewer")
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
    _deny_unless_state(application, "review")
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
