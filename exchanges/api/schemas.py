"""What the exchanges endpoints read and return: one schema per shape, parsed at the edge."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from core.api_contract import inline_choices
from directory.models import Organisation
from exchanges import documents
from exchanges.models import (
    Application,
    Call,
    CallField,
    CareerStage,
    LanguageLevel,
    ParticipantType,
    Placement,
    Programme,
    ReviewAssignment,
)
from exchanges.selectors import quotas_of

# Choices written out where used, so the OpenAPI document cannot mix two same-named enums.
ApplicationStatus = Annotated[Application.Status, inline_choices(Application.Status)]
CallFieldKind = Annotated[CallField.Kind, inline_choices(CallField.Kind)]
CallStatus = Annotated[Call.Status, inline_choices(Call.Status)]
OrganisationKind = Annotated[Organisation.Kind, inline_choices(Organisation.Kind)]
PlacementStatus = Annotated[Placement.Status, inline_choices(Placement.Status)]
ProgrammeDirection = Annotated[Programme.Direction, inline_choices(Programme.Direction)]
ProgrammeDurationUnit = Annotated[Programme.DurationUnit, inline_choices(Programme.DurationUnit)]
ProgrammeStatus = Annotated[Programme.Status, inline_choices(Programme.Status)]
ReviewAssignmentStatus = Annotated[ReviewAssignment.Status, inline_choices(ReviewAssignment.Status)]


class ExchangeOrganisationRefOut(Schema):
    id: int
    name: str
    country: str


class QuotaOut(Schema):
    year: int
    total: int
    used: int
    left: int
    completed: int


class ExchangeProgrammeOut(Schema):
    id: int
    network: ExchangeOrganisationRefOut
    agreement_id: int | None
    title: str
    description: str
    status: ProgrammeStatus
    mobilities_per_year: int
    duration_unit: ProgrammeDurationUnit
    min_duration: int
    max_duration: int
    subject_areas: list[str]
    language: str
    language_level: str
    participant_types: list[ParticipantType]
    direction: ProgrammeDirection
    sending_countries: list[str]
    host_countries: list[str]
    quotas: list[QuotaOut]

    @staticmethod
    def resolve_subject_areas(obj: Programme) -> list[str]:
        return [sector.code for sector in obj.subject_areas.all()]

    @staticmethod
    def resolve_quotas(obj: Programme) -> list[QuotaOut]:
        return [QuotaOut(**quota.__dict__, left=quota.left) for quota in quotas_of(obj)]


class ProgrammeIn(Schema):
    network_id: int
    agreement_id: int | None = None
    title: str = Field(..., max_length=200)
    description: str = Field("", max_length=4000)
    mobilities_per_year: int
    duration_unit: ProgrammeDurationUnit = Programme.DurationUnit.MONTHS
    min_duration: int
    max_duration: int
    subject_areas: list[Annotated[str, Field(max_length=100)]] = []
    language: str = Field("", max_length=8)
    language_level: LanguageLevel | Literal[""] = ""
    participant_types: list[ParticipantType]
    direction: ProgrammeDirection = Programme.Direction.BOTH_WAYS
    sending_countries: list[Annotated[str, Field(max_length=2)]] = []
    host_countries: list[Annotated[str, Field(max_length=2)]] = []


class CallFieldOut(Schema):
    id: int
    label: str
    help_text: str
    kind: CallFieldKind
    choices: list[str]
    required: bool


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: int


class CallOut(Schema):
    id: int
    programme_id: int
    title: str
    description: str
    status: CallStatus
    opens_on: datetime.date
    closes_on: datetime.date
    mobility_year: int
    eligible_countries: list[str]
    eligible_organisation_kinds: list[str]
    eligible_career_stages: list[str]
    blind_review: bool
    same_country_conflict: bool


class CallDetailOut(CallOut):
    fields: list[CallFieldOut]
    criteria: list[CriterionOut]
    quota: QuotaOut
    can_manage: bool
    my_application_id: int | None


class CallIn(Schema):
    title: str = Field(..., max_length=200)
    description: str = Field("", max_length=6000)
    opens_on: datetime.date
    closes_on: datetime.date
    mobility_year: int
    eligible_countries: list[Annotated[str, Field(max_length=2)]] = []
    eligible_organisation_kinds: list[OrganisationKind] = []
    eligible_career_stages: list[CareerStage] = []
    blind_review: bool = False
    same_country_conflict: bool = False
    reviews_per_application: int = 2


class CallFieldIn(Schema):
    label: str = Field(..., max_length=200)
    kind: CallFieldKind
    choices: list[Annotated[str, Field(max_length=200)]] = []
    required: bool = True
    help_text: str = Field("", max_length=400)


class CriterionIn(Schema):
    name: str = Field(..., max_length=200)
    weight: int = 1
    description: str = Field("", max_length=500)


class PlacementOut(Schema):
    id: int
    host: ExchangeOrganisationRefOut
    programme_id: int | None
    title: str
    lab: str
    project: str
    supervisor: str
    description: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: PlacementStatus


class PlacementIn(Schema):
    host_id: int
    programme_id: int | None = None
    title: str = Field(..., max_length=200)
    lab: str = Field(..., max_length=200)
    project: str = Field("", max_length=300)
    supervisor: str = Field(..., max_length=200)
    description: str = Field("", max_length=4000)
    starts_on: datetime.date
    ends_on: datetime.date


class ExchangePersonOut(Schema):
    name: str
    email: str


class AnswerOut(Schema):
    field_id: int
    text: str
    file_name: str | None


class ExchangeApplicationEventOut(Schema):
    occurred_at: datetime.datetime
    # The step as a whole sentence in the reader's language; `action` and the statuses stay codes.
    description: str
    action: str
    from_status: str
    to_status: str
    from_label: str
    to_label: str
    note: str


class DocumentOut(Schema):
    number: str
    kind: str
    issued_at: datetime.datetime
    revoked: bool


class ApplicationOut(Schema):
    id: int
    reference: str
    call_id: int
    status: ApplicationStatus
    applicant: ExchangePersonOut | None
    home_organisation: ExchangeOrganisationRefOut | None
    host_organisation: ExchangeOrganisationRefOut
    participant_type: ParticipantType
    career_stage: CareerStage
    language_level: str
    duration: int
    preferred_start: datetime.date | None
    summary: str
    decision_reason: str | None
    offer_expires_at: datetime.datetime | None
    submitted_at: datetime.datetime | None


class ApplicationDetailOut(ApplicationOut):
    answers: list[AnswerOut]
    placement_lab: str
    placement_supervisor: str
    placement_starts_on: datetime.date | None
    placement_ends_on: datetime.date | None
    final_report: str
    host_evaluation: str
    history: list[ExchangeApplicationEventOut] | None
    documents: list[DocumentOut] | None
    actions: list[str]


class ExchangeApplicationIn(Schema):
    home_organisation_id: int
    host_organisation_id: int
    requested_placement_id: int | None = None
    participant_type: ParticipantType
    career_stage: CareerStage
    language_level: LanguageLevel | Literal[""] = ""
    duration: int
    preferred_start: datetime.date | None = None
    subject_area: str = Field("", max_length=100)
    summary: str = Field(..., max_length=4000)


class AnswersIn(Schema):
    answers: dict[int, Annotated[str, Field(max_length=8000)]]


ActionName = Literal[
    "submit",
    "withdraw",
    "check-eligibility",
    "assign-reviewer",
    "decide",
    "offer",
    "accept-offer",
    "decline-offer",
    "place",
    "final-report",
    "host-evaluation",
    "issue-invitation-letter",
]


class ExchangeApplicationActionIn(Schema):
    """What each action reads: `note` (withdraw, check-eligibility, offer, accept-/decline-offer),
    `eligible` (check-eligibility), `reviewer_email` (assign-reviewer), `decision` and `reason`
    (decide), `expires_on` (offer), `lab`, `project`, `supervisor`, `starts_on`, `ends_on` (place),
    `text` (final-report, host-evaluation)."""

    note: str = Field("", max_length=5000)
    eligible: bool | None = None
    reviewer_email: str = Field("", max_length=254)
    decision: Literal["accepted", "waitlisted", "rejected"] | None = None
    reason: str = Field("", max_length=5000)
    expires_on: datetime.date | None = None
    lab: str = Field("", max_length=200)
    project: str = Field("", max_length=300)
    supervisor: str = Field("", max_length=200)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    text: str = Field("", max_length=8000)


class ReviewOut(Schema):
    id: int
    application_id: int
    application_reference: str
    call_id: int
    status: ReviewAssignmentStatus
    weighted_score: Decimal | None
    comment: str
    scores: dict[int, int]

    @staticmethod
    def resolve_application_reference(obj: ReviewAssignment) -> str:
        return obj.application.reference

    @staticmethod
    def resolve_call_id(obj: ReviewAssignment) -> int:
        return obj.application.call_id

    @staticmethod
    def resolve_scores(obj: ReviewAssignment) -> dict[int, int]:
        return {score.criterion_id: score.value for score in obj.scores.all()}


class ReviewIn(Schema):
    scores: dict[int, int]
    comment: str = Field(..., max_length=6000)


class ConflictIn(Schema):
    reason: str = Field(..., max_length=300)


class VerificationOut(Schema):
    number: str
    verdict: documents.Verdict
    network: str | None = None  # the issuer: shown with every verdict on a known number
    kind: str | None
    fellow: str | None
    host_organisation: str | None
    issued_at: datetime.datetime | None
    detail: str
    checked: str = ""  # what the verdict rests on, in a sentence


class ReportRowOut(Schema):
    label: str
    applications: int
    accepted: int
    decided: int
    completed: int
    acceptance_rate: float | None
    quota: int | None


class ExchangeReportOut(Schema):
    by_year: list[ReportRowOut]
    by_country_pair: list[ReportRowOut]
