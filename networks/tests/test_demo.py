"""The demo's networks: categories, and AST's IASP membership active with a genuine certificate."""

from accounts.models import User
from demo.networks import AST, IASP, SRSPA, demo_networks_load
from directory.models import Organisation
from networks.certificates import certificate_check_number
from networks.models import MembershipCategory, NetworkMembership


def _organisations(make_user):
    operator = make_user("operator@demo.example", is_staff=True)
    organisations = {
        name: Organisation.objects.create(name=name, kind=kind, country=country)
        for name, kind, country in (
            (IASP, "network", "ES"),
            (SRSPA, "network", "CN"),
            (AST, "technology_centre", "TM"),
        )
    }
    return operator, organisations


def test_demo_takes_ast_through_the_workflow_to_a_certificate(make_user):
    operator, organisations = _organisations(make_user)

    changed = demo_networks_load(operator=operator, organisations_by_name=organisations)

    membership = NetworkMembership.objects.get(member=organisations[AST])
    assert membership.status == NetworkMembership.Status.ACTIVE
    assert membership.category is not None and membership.category.name == "Full member"
    assert [step.action for step in membership.history.all()] == [
        "apply",
        "review_start",
        "approve",
        "payment_record",
    ]
    assert membership.invoices.get().number.startswith("IASP-")
    certificate = membership.certificates.get()
    assert certificate.languages == ["tk", "en"]  # the Turkmen member's language, then the network's
    assert certificate_check_number(certificate.number).is_genuine
    assert set(
        MembershipCategory.objects.filter(network=organisations[IASP]).values_list("name", flat=True)
    ) == {
        "Full member",
        "Affiliate",
        "Associate",
    }
    assert changed
    assert demo_networks_load(operator=operator, organisations_by_name=organisations) == []
    assert User.objects.filter(is_staff=True).count() == 1


def test_demo_certifies_a_membership_that_was_already_active(make_user):
    operator, organisations = _organisations(make_user)
    NetworkMembership.objects.create(network=organisations[IASP], member=organisations[AST], status="active")

    demo_networks_load(operator=operator, organisations_by_name=organisations)

    membership = NetworkMembership.objects.get(member=organisations[AST])
    assert membership.status == NetworkMembership.Status.ACTIVE
    assert membership.certificates.count() == 1
