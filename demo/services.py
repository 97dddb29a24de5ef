"""Loads the demo through the same services people use, so the demo exercises the real rules.

Idempotent: people are found by email, organisations by name, and their names, figures and links by
what they say, so a second run changes nothing. Then it imports ROR records (directory.ror) from the
file it is given, unless every record of that file that can be imported already is.
"""

import decimal
from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from core.models import Sector
from demo.content import ORGANISATIONS, PEOPLE, DemoOrganisation, DemoPerson
from demo.events import demo_events_load
from demo.exchanges import demo_exchanges_load
from demo.hubs import demo_hubs_load
from demo.marketplace import demo_marketplace_load
from demo.networks import demo_networks_load
from directory.models import (
    ExternalIdentifier,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.ror import ERROR_KEY, RorImportSummary, read_ror_files, ror_id_of, ror_import
from directory.services import (
    invitation_accept,
    invitation_send,
    organisation_create,
    organisation_figure_record,
    organisation_name_add,
    organisation_relationship_add,
    organisation_update,
)
from networks.models import NetworkMembership
from networks.services import network_membership_create, network_membership_set_status

OPERATOR_EMAIL = next(person.email for person in PEOPLE if person.is_staff)


@dataclass
class DemoLoadSummary:
    people_created: list[str] = field(default_factory=list)
    organisations_created: list[str] = field(default_factory=list)
    memberships_created: list[str] = field(default_factory=list)
    registry_entries_created: list[str] = field(default_factory=list)  # names, figures, links
    profiles_created: list[str] = field(default_factory=list)
    activities_created: list[str] = field(default_factory=list)  # what the activity loaders created
    ror: RorImportSummary | None = None
    ror_skipped_because: str = ""

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.people_created
            or self.organisations_created
            or self.memberships_created
            or self.registry_entries_created
            or self.profiles_created
            or self.activities_created
            or (self.ror is not None and (self.ror.created or self.ror.updated))
        )


def _demo_person_ensure(*, person: DemoPerson, password: str, summary: DemoLoadSummary) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is not None:
        return user
    user = User.objects.create_user(
        email=person.email,
        password=password,
        full_name=person.full_name,
        is_staff=person.is_staff,
        preferred_language=person.preferred_language,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    summary.people_created.append(person.email)
    return user


def _demo_admin_of(entry: DemoOrganisation, users: dict[str, User]) -> User:
    for person in PEOPLE:
        if person.organisation == entry.key and person.role == Role.ADMIN:
            return users[person.email]
    return users[OPERATOR_EMAIL]


def _demo_organisation_ensure(
    *, entry: DemoOrganisation, users: dict[str, User], summary: DemoLoadSummary
) -> Organisation:
    organisation = Organisation.objects.filter(name=entry.name).first()
    if organisation is not None:
        # Loaded by an earlier demo that knew less: add the place and founding date once.
        if organisation.latitude is None and entry.latitude is not None:
            admin = OrganisationMembership.objects.filter(organisation=organisation, role=Role.ADMIN).first()
            if admin is not None:
                organisation = organisation_update(
                    actor=admin.user,
                    organisation=organisation,
                    name_language=entry.name_language,
                    region=entry.region,
                    latitude=entry.latitude,
                    longitude=entry.longitude,
                    founded_year=entry.founded_year,
                    founded_on=entry.founded_on,
                )
                summary.registry_entries_created.append(f"place of {entry.name}")
        if not organisation.time_zone and entry.time_zone:
            admin = OrganisationMembership.objects.filter(organisation=organisation, role=Role.ADMIN).first()
            if admin is not None:
                organisation = organisation_update(
                    actor=admin.user, organisation=organisation, time_zone=entry.time_zone
                )
                summary.registry_entries_created.append(f"time zone of {entry.name}")
        return organisation
    organisation = organisation_create(
        creator=_demo_admin_of(entry, users),
        name=entry.name,
        kind=entry.kind,
        country=entry.country,
        city=entry.city,
        time_zone=entry.time_zone,
        website=entry.website,
        description=entry.description,
        description_language="en",
        sectors=Sector.objects.filter(code__in=entry.sectors),
        name_language=entry.name_language,
        region=entry.region,
        latitude=entry.latitude,
        longitude=entry.longitude,
        founded_year=entry.founded_year,
        founded_on=entry.founded_on,
    )
    summary.organisations_created.append(entry.name)
    return organisation


def _demo_registry_entries_ensure(
    *,
    entry: DemoOrganisation,
    organisations: dict[str, Organisation],
    operator: User,
    summary: DemoLoadSummary,
) -> None:
    """The organisation's other names, its figures with their sources, and its links."""
    organisation = organisations[entry.key]
    for value, language, kind in entry.names:
        if not OrganisationName.objects.filter(
            organisation=organisation, value=value, language=language, kind=kind
        ).exists():
            organisation_name_add(
                actor=operator, organisation=organisation, value=value, language=language, kind=kind
            )
            summary.registry_entries_created.append(f"name {value}")
    for figure in entry.figures:
        if not OrganisationFigure.objects.filter(
            organisation=organisation,
            metric=figure.metric,
            value=decimal.Decimal(figure.value),
            as_of=figure.as_of,
            source=figure.source,
        ).exists():
            organisation_figure_record(
                actor=operator,
                organisation=organisation,
                metric=figure.metric,
                value=figure.value,
                as_of=figure.as_of,
                source=figure.source,
            )
            summary.registry_entries_created.append(f"{figure.metric} of {entry.name}")
    links = [(entry.parent, OrganisationRelationship.Kind.PARENT)] if entry.parent else []
    links += [(key, OrganisationRelationship.Kind.RELATED) for key in entry.related]
    for key, kind in links:
        other = organisations[key]
        if not OrganisationRelationship.objects.filter(
            subject__in=(organisation, other), object__in=(organisation, other), kind=kind
        ).exists():
            organisation_relationship_add(actor=operator, organisation=organisation, other=other, kind=kind)
            summary.registry_entries_created.append(f"{entry.name} {kind} {other.name}")


def _demo_membership_ensure(
    *, person: DemoPerson, organisation: Organisation, users: dict[str, User], summary: DemoLoadSummary
) -> None:
    user = users[person.email]
    if OrganisationMembership.objects.filter(user=user, organisation=organisation).exists():
        return
    admin = OrganisationMembership.objects.filter(organisation=organisation, role=Role.ADMIN).first()
    assert admin is not None, f"{organisation} has no admin to invite {person.email}"
    invitation = invitation_send(
        actor=admin.user, organisation=organisation, email=user.email, role=person.role
    )
    invitation_accept(user=user, invitation=invitation)
    summary.memberships_created.append(f"{person.email} → {organisation.name}")


def _demo_network_membership_ensure(
    *, network: Organisation, member: Organisation, operator: User, summary: DemoLoadSummary
) -> None:
    if NetworkMembership.objects.filter(network=network, member=member).exists():
        return
    network_membership = network_membership_create(actor=operator, network=network, member=member)
    network_membership_set_status(
        actor=operator, network_membership=network_membership, status=NetworkMembership.Status.ACTIVE
    )
    summary.memberships_created.append(f"{member.name} → {network.name}")


def demo_load(*, password: str, ror_file: Path | None = None) -> DemoLoadSummary:
    """Load the demo's people and organisations, then the ROR records in `ror_file` (if given and
    present; the summary says why not otherwise)."""
    summary = _demo_content_load(password=password)
    if ror_file is None:
        summary.ror_skipped_because = "no ROR file was named"
    elif not ror_file.is_file():
        summary.ror_skipped_because = f"{ror_file} does not exist"
    elif _ror_file_already_imported(ror_file):
        summary.ror_skipped_because = f"every record of {ror_file} is already imported"
    else:
        summary.ror = ror_import(records=read_ror_files([ror_file]))
    return summary


def _ror_file_already_imported(ror_file: Path) -> bool:
    """True when every active or inactive record of the file has its organisation (one query)."""
    wanted = {
        ror_id_of(record["id"])
        for record in read_ror_files([ror_file])
        if ERROR_KEY not in record
        and isinstance(record.get("id"), str)
        and record.get("status") != "withdrawn"
    }
    stored = ExternalIdentifier.objects.filter(scheme=ExternalIdentifier.Scheme.ROR, value__in=wanted).count()
    return stored >= len(wanted)


@transaction.atomic
def _demo_content_load(*, password: str) -> DemoLoadSummary:
    summary = DemoLoadSummary()
    users = {
        person.email: _demo_person_ensure(person=person, password=password, summary=summary)
        for person in PEOPLE
    }
    organisations = {
        entry.key: _demo_organisation_ensure(entry=entry, users=users, summary=summary)
        for entry in ORGANISATIONS
    }
    for person in PEOPLE:
        if person.organisation is not None:
            _demo_membership_ensure(
                person=person, organisation=organisations[person.organisation], users=users, summary=summary
            )
    # Categories, and AST's IASP membership taken through the real workflow up to its certificate.
    summary.memberships_created += demo_networks_load(
        operator=users[OPERATOR_EMAIL],
        organisations_by_name={organisation.name: organisation for organisation in organisations.values()},
    )
    for entry in ORGANISATIONS:
        for network_key in entry.networks:
            _demo_network_membership_ensure(
                network=organisations[network_key],
                member=organisations[entry.key],
                operator=users[OPERATOR_EMAIL],
                summary=summary,
            )
        _demo_registry_entries_ensure(
            entry=entry, organisations=organisations, operator=users[OPERATOR_EMAIL], summary=summary
        )
    # After the network memberships: a secretariat publishes only its members' profiles.
    summary.profiles_created += demo_marketplace_load(
        organisations_by_name={organisation.name: organisation for organisation in organisations.values()},
        users_by_email=users,
    )
    organisations_by_name = {organisation.name: organisation for organisation in organisations.values()}
    activity_loaders = (
        demo_hubs_load,
        demo_events_load,
        demo_exchanges_load,
    )
    for activities_load in activity_loaders:
        summary.activities_created += activities_load(
            organisations_by_name=organisations_by_name, users_by_email=users
        )
    return summary
