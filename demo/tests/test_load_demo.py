import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from core.models import AuditEvent
from demo.content import ORGANISATIONS, PEOPLE
from directory.models import Organisation, OrganisationMembership, Role
from networks.models import NetworkMembership
from networks.selectors import moderated_organisation_ids

pytestmark = pytest.mark.django_db


def test_demo_creates_every_persona_and_organisation(settings):
    call_command("load_demo")

    assert set(User.objects.values_list("email", flat=True)) == {person.email for person in PEOPLE}
    assert Organisation.objects.count() == len(ORGANISATIONS)
    for person in PEOPLE:
        user = User.objects.get(email=person.email)
        assert user.check_password(settings.PARKLINK_DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified


def test_second_run_changes_nothing(capsys):
    call_command("load_demo")
    counts = (User.objects.count(), Organisation.objects.count(), OrganisationMembership.objects.count())
    events = AuditEvent.objects.count()

    call_command("load_demo")

    assert (
        User.objects.count(),
        Organisation.objects.count(),
        OrganisationMembership.objects.count(),
    ) == counts
    assert AuditEvent.objects.count() == events
    assert "nothing to do" in capsys.readouterr().out


def test_personas_hold_their_roles_and_the_secretariat_moderates_its_member():
    call_command("load_demo")
    secretariat = User.objects.get(email="secretariat@demo.parklink.org")
    iasp = Organisation.objects.get(name__contains="(IASP)")
    ast = Organisation.objects.get(name="AST Technology Center")

    assert OrganisationMembership.objects.get(user=secretariat).role == Role.SECRETARIAT
    assert NetworkMembership.objects.get(network=iasp, member=ast).status == NetworkMembership.Status.ACTIVE
    assert moderated_organisation_ids(secretariat) == {iasp.pk, ast.pk}
    outsider = User.objects.get(email="outsider@demo.parklink.org")
    assert moderated_organisation_ids(outsider) == set()


def test_demo_uses_the_password_from_the_environment(settings):
    settings.PARKLINK_DEMO_PASSWORD = "another-demo-password"
    call_command("load_demo")
    assert User.objects.get(email="researcher@demo.parklink.org").check_password("another-demo-password")


def test_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(SystemExit) as exit_info:
        call_command("load_demo")
    assert exit_info.value.code == 2
    assert not User.objects.exists()
