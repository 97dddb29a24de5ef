"""The demo marketplace: partnering profiles of every kind, in the languages the networks' members write
in, owned by the demo organisations and taken through the real services (create, submit, publish).

The profiles themselves are in `demo/data/marketplace_profiles.json`, one object per profile with the
fields of `DemoProfile` (those left out take its defaults; `owner` and `visible_to` name organisations
of `demo/data/organisations.json`). They are invented for the demo and lean on what the seeds say about
each organisation (AST's technology transfer in Ashgabat, Tabriz's hubs with China and Turkey, the
Korean biocentres' exchange with Uzbekistan's pharmaceutical agency, the Turkic States' metrology,
product-safety and space track). An anonymous profile never names its owner in its own text.

Idempotent: a profile is found by its owner and title, so a second run creates nothing.
"""

from dataclasses import dataclass

from accounts.models import User
from core.models import Keyword, Sector
from core.permissions import moderated_organisation_ids
from demo.content import ORGANISATIONS
from demo.datafiles import DataEntry, data_file_read
from directory.models import Organisation, OrganisationMembership, Role
from marketplace.models import Profile
from marketplace.services import profile_create, profile_publish, profile_submit

OPERATOR_EMAIL = "operator@demo.parklink.org"
SECRETARIAT_EMAIL = "secretariat@demo.parklink.org"

PUBLISHED, SUBMITTED, DRAFT = Profile.Status.PUBLISHED, Profile.Status.SUBMITTED, Profile.Status.DRAFT


@dataclass(frozen=True)
class DemoProfile:
    owner: str
    kind: str
    title: str
    summary: str
    description: str
    sectors: tuple[str, ...]
    partnership_types: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    innovation: str = ""
    stage: str = ""
    trl: int | None = None
    ipr_status: str = Profile.IprStatus.NONE
    partner_type: str = Profile.PartnerType.ANY
    partner_size: str = Profile.PartnerSize.ANY
    partner_role: str = ""
    visibility: str = Profile.Visibility.PUBLIC
    visible_to: tuple[str, ...] = ()
    anonymous: bool = False
    status: str = PUBLISHED  # how far the demo takes it: draft, submitted or published


def _profile_read(entry: DataEntry) -> DemoProfile:
    organisation_names = {organisation.name for organisation in ORGANISATIONS}
    return DemoProfile(
        owner=entry.text("owner", choices=organisation_names),
        kind=entry.text("kind", choices=Profile.Kind.values),
        status=entry.text("status", choices=(DRAFT, SUBMITTED, PUBLISHED)),
        title=entry.text("title"),
        summary=entry.text("summary"),
        description=entry.text("description"),
        innovation=entry.text("innovation", ""),
        stage=entry.text("stage", "", choices=["", *Profile.Stage.values]),
        trl=entry.optional_integer("trl"),
        ipr_status=entry.text("ipr_status", Profile.IprStatus.NONE, choices=Profile.IprStatus.values),
        partner_type=entry.text("partner_type", Profile.PartnerType.ANY, choices=Profile.PartnerType.values),
        partner_size=entry.text("partner_size", Profile.PartnerSize.ANY, choices=Profile.PartnerSize.values),
        partner_role=entry.text("partner_role", ""),
        sectors=entry.texts("sectors"),
        keywords=entry.texts("keywords"),
        partnership_types=entry.texts("partnership_types"),
        target_countries=entry.texts("target_countries"),
        sdgs=entry.integers("sdgs"),
        visibility=entry.text("visibility", Profile.Visibility.PUBLIC, choices=Profile.Visibility.values),
        visible_to=entry.texts("visible_to", choices=organisation_names),
        anonymous=entry.flag("anonymous"),
    )


PROFILES: tuple[DemoProfile, ...] = data_file_read(
    "marketplace_profiles.json", lambda file: file.entries("profiles", _profile_read)
)


def _author_for(organisation: Organisation) -> User | None:
    """One of the organisation's people to write its profiles: an admin if it has one."""
    membership = (
        OrganisationMembership.objects.filter(organisation=organisation, user__is_active=True)
        .exclude(role=Role.SECRETARIAT)
        .select_related("user")
        # The demo's own people before the operator who set the organisation up; "admin" before "member".
        .order_by("user__is_staff", "role", "id")
        .first()
    )
    return membership.user if membership is not None else None


def _moderator_for(organisation: Organisation, *, users_by_email: dict[str, User]) -> User:
    """The network secretariat where it moderates the owner, else the platform operator."""
    secretariat = users_by_email.get(SECRETARIAT_EMAIL)
    if secretariat is not None and organisation.pk in moderated_organisation_ids(secretariat):
        return secretariat
    return users_by_email[OPERATOR_EMAIL]


def demo_marketplace_load(
    *, organisations_by_name: dict[str, Organisation], users_by_email: dict[str, User]
) -> list[str]:
    """Create the demo profiles that do not exist yet (found by owner and title) and take each as far
    as the demo wants it: draft, submitted, or published by its moderator. Returns what was created."""
    created: list[str] = []
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    keywords = {keyword.code: keyword for keyword in Keyword.objects.all()}
    for entry in PROFILES:
        owner = organisations_by_name.get(entry.owner)
        if owner is None or Profile.objects.filter(owner=owner, title=entry.title).exists():
            continue
        author = _author_for(owner)
        if author is None:
            continue
        profile = profile_create(
            actor=author,
            owner=owner,
            kind=entry.kind,
            title=entry.title,
            summary=entry.summary,
            description=entry.description,
            innovation=entry.innovation,
            stage=entry.stage,
            trl=entry.trl,
            ipr_status=entry.ipr_status,
            partner_type=entry.partner_type,
            partner_size=entry.partner_size,
            partner_role=entry.partner_role,
            sectors=[sectors[code] for code in entry.sectors],
            keywords=[keywords[code] for code in entry.keywords],
            partnership_types=entry.partnership_types,
            target_countries=entry.target_countries,
            sdgs=entry.sdgs,
            visibility=entry.visibility,
            visible_to=[
                organisations_by_name[name] for name in entry.visible_to if name in organisations_by_name
            ],
            anonymous=entry.anonymous,
        )
        if entry.status in (SUBMITTED, PUBLISHED):
            profile = profile_submit(actor=author, profile=profile)
        if entry.status == PUBLISHED:
            profile = profile_publish(
                actor=_moderator_for(owner, users_by_email=users_by_email), profile=profile
            )
        created.append(f"profile {profile.reference} ({profile.status}) of {owner.name}")
    return created
