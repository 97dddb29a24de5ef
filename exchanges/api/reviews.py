"""Review endpoints: the caller's reviews, submitting scores, and declaring a conflict."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api_auth import api_user
from exchanges import services
from exchanges.api.base import router
from exchanges.api.schemas import ConflictIn, ReviewIn, ReviewOut
from exchanges.models import ReviewAssignment
from exchanges.selectors import reviews_of


@router.get("/exchange-reviews", response=list[ReviewOut])
@paginate(LimitOffsetPagination)
def review_list(request: HttpRequest) -> QuerySet[ReviewAssignment]:
    """The reviews assigned to the caller (applications named by reference only)."""
    return reviews_of(api_user(request)).prefetch_related("scores")


def _my_review(request: HttpRequest, review_id: int) -> ReviewAssignment:
    review = reviews_of(api_user(request)).prefetch_related("scores").filter(pk=review_id).first()
    if review is None:
        raise Http404
    return review


@router.get("/exchange-reviews/{review_id}", response=ReviewOut)
def review_detail(request: HttpRequest, review_id: int) -> ReviewAssignment:
    return _my_review(request, review_id)


@router.post("/exchange-reviews/{review_id}/submit", response=ReviewOut)
def review_submit(request: HttpRequest, review_id: int, payload: ReviewIn) -> ReviewAssignment:
    review = services.review_submit(
        actor=api_user(request),
        review=_my_review(request, review_id),
        scores=payload.scores,
        comment=payload.comment,
    )
    return _my_review(request, review.pk)


@router.post("/exchange-reviews/{review_id}/conflict", response={204: None})
def review_conflict(request: HttpRequest, review_id: int, payload: ConflictIn) -> Status:
    """Declare a conflict of interest with the application and give the review back."""
    services.conflict_declare(
        actor=api_user(request), review=_my_review(request, review_id), reason=payload.reason
    )
    return Status(204, None)
