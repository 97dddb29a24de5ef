"""Loads the demo through the same services people use, so the demo exercises the real rules.

Idempotent: people are found by email and organisations by name, so a second run changes nothing.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from core.models import Sector
from demo.content import ORGANISATIONS, PEOPLE, DemoOrganisation, DemoPerson
from directory.models import Organisation, OrganisationMembership, Role
from directory.services import invitation_accept, invitation_send, organisation_create
from networks.models import NetworkMembership
from networks.services import network_membership_create, network_membership_set_status

OPERATOR_EMAIL = next(person.email for person in PEOPLE if person.is_staff)


@dataclass
class DemoLoadSummary:
    people_created: list[str] = field(default_factory=list)
    organisations_created: list[str] = field(default_factory=list)
    memberships_created: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.people_created or self.organisations_created or self.memberships_created)


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
        return organisation
    organisation = organisation_create(
        creator=_demo_admin_of(entry, users),
        name=entry.name,
        kind=entry.kind,
        country=entry.country,
        city=entry.city,
        website=entry.website,
        description=entry.description,
        sectors=Sector.objects.filter(code__in=entry.sectors),
    )
    summary.organisations_created.append(entry.name)
    return organisation


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


@transaction.atomic
def demo_load(*, password: str) -> DemoLoadSummary:
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
    for entry in ORGANISATIONS:
        for network_key in entry.networks:
            _demo_network_membership_ensure(
                network=organisations[network_key],
                member=organisations[entry.key],
                operator=users[OPERATOR_EMAIL],
                summary=summary,
            )
    return summary
