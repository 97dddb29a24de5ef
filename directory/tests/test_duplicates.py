"""Duplicate detection and the merge that folds one record into another."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from core.models import AuditEvent, Sector
from directory.duplicates import (
    HANDLED_RELATIONS,
    Reason,
    _merge_any_other,
    duplicate_candidates,
    organisation_merge,
)
from directory.models import (
    ExternalIdentifier,
    Invitation,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.registry import MergeLog
from directory.search import search_key_for
from networks.models import NetworkMembership

LIST_URL = reverse("directory:duplicate_list")


def merge_url(first, second):
    return reverse("directory:organisation_merge", kwargs={"first_pk": first.pk, "second_pk": second.pk})


def organisation(name, *, country="IR", city="Tabriz", kind="science_park", **extra):
    created = Organisation.objects.create(name=name, kind=kind, country=country, city=city, **extra)
    OrganisationName.objects.create(
        organisation=created, value=name, kind="display", search_key=search_key_for(name)
    )
    return created


def add_name(record, value, language, kind="label"):
    OrganisationName.objects.create(
        organisation=record, value=value, language=language, kind=kind, search_key=search_key_for(value)
    )


def pairs_of(user, **kwargs):
    return {(pair.first.pk, pair.second.pk): pair.reason for pair in duplicate_candidates(user, **kwargs)}


def key(first, second):
    return (min(first.pk, second.pk), max(first.pk, second.pk))


# Detection ----------------------------------------------------------------------------------------


def test_same_ror_id_written_differently_is_a_candidate(operator):
    first, second = organisation("Alpha Institute"), organisation("Beta Institute", city="Mashhad")
    ExternalIdentifier.objects.create(organisation=first, scheme="ror", value="05abc1234")
    ExternalIdentifier.objects.create(organisation=second, scheme="ror", value="https://ror.org/05ABC1234")

    assert pairs_of(operator)[key(first, second)] == Reason.SAME_IDENTIFIER


def test_same_website_host_is_a_candidate(operator):
    first = organisation("Alpha", website="https://www.alpha-park.example/en/")
    second = organisation("Something Else", city="Mashhad", website="http://alpha-park.example")

    assert pairs_of(operator)[key(first, second)] == Reason.SAME_WEBSITE


def test_similar_names_in_any_script_in_the_same_city(operator):
    latin = organisation("Tabriz Science and Technology Park")
    persian = organisation("پارک علم و فناوری تبریز")
    add_name(persian, "Tabriz Science & Technology Park", "en")
    cyrillic = organisation("Пермский университет", country="RU", city="Perm")
    transliterated = organisation("Permskiy universitet", country="RU", city="Perm")
    elsewhere = organisation("Tabriz Science and Technology Park", city="Tehran")

    found = pairs_of(operator)

    assert found[key(latin, persian)] == Reason.SIMILAR_NAME
    assert found[key(cyrillic, transliterated)] == Reason.SIMILAR_NAME
    assert key(latin, elsewhere) not in found
    assert key(latin, cyrillic) not in found


def test_different_names_in_the_same_city_are_not_candidates(operator):
    organisation("Tabriz University of Medical Sciences")
    organisation("Tabriz Science and Technology Park")

    assert pairs_of(operator) == {}


def test_candidates_for_one_organisation(operator):
    first, second = organisation("Alpha Park"), organisation("Alpha Parks")
    third, fourth = organisation("Gamma Hub", city="Baku"), organisation("Gamma Hubs", city="Baku")

    assert set(pairs_of(operator, organisation=first)) == {key(first, second)}
    assert key(third, fourth) in pairs_of(operator)


def test_secretariat_sees_pairs_among_moderated_organisations_only(secretariat, network, park, owner):
    twin = organisation("Tabriz Science Parks")
    outside = organisation("Tabriz Science Park ")
    NetworkMembership.objects.create(network=network, member=twin, status=NetworkMembership.Status.ACTIVE)

    found = pairs_of(secretariat)

    assert key(park, twin) in found
    assert all(outside.pk not in pair for pair in found)
    assert pairs_of(owner) == {}


def test_merged_record_is_no_longer_a_candidate(operator):
    first, second = organisation("Alpha Park"), organisation("Alpha Parks")
    assert key(first, second) in pairs_of(operator)

    organisation_merge(actor=operator, survivor=first, duplicate=second)

    assert pairs_of(operator) == {}


# Pages --------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(anonymous, park, other_organisation):
    for url in (LIST_URL, merge_url(park, other_organisation)):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_outsider_and_owner_are_refused(outsider, owner, park, other_organisation):
    for user in (outsider, owner):
        client = logged_in_client(user)
        assert client.get(LIST_URL).status_code == 403
        assert client.post(merge_url(park, other_organisation), {"survivor": park.pk}).status_code == 403
    assert Organisation.objects.get(pk=other_organisation.pk).status == Organisation.Status.ACTIVE


def test_operator_lists_pairs_and_merges_through_the_page(operator, django_assert_max_num_queries):
    first, second = organisation("Alpha Park"), organisation("Alpha Parks")
    for number in range(10):
        organisation(f"Delta Centre {number}", city=f"City {number}")
    TOTP.activate(operator, generate_totp_secret())  # staff pages require two-factor login
    client = logged_in_client(operator)

    with django_assert_max_num_queries(12):
        response = client.get(LIST_URL)

    assert response.status_code == 200
    assert merge_url(first, second) in response.text
    assert client.get(merge_url(first, second)).status_code == 200
    response = client.post(merge_url(first, second), {"survivor": second.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.merged_into) == (Organisation.Status.MERGED, second)
    assert client.get(merge_url(first, second)).status_code == 404


def test_secretariat_merges_only_what_it_moderates(secretariat, network, park, other_organisation):
    twin = organisation("Tabriz Science Parks")
    NetworkMembership.objects.create(network=network, member=twin, status=NetworkMembership.Status.ACTIVE)
    client = logged_in_client(secretariat)

    assert client.post(merge_url(park, other_organisation), {"survivor": park.pk}).status_code == 404
    response = client.post(merge_url(park, twin), {"survivor": park.pk})

    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.merged_into == park


# The merge ----------------------------------------------------------------------------------------


@pytest.fixture
def pair(db):
    return organisation("Alpha Park"), organisation("Alpha Parks")


def test_names_move_deduplicated_and_the_display_name_becomes_an_alias(operator, pair):
    survivor, duplicate = pair
    add_name(survivor, "آلفا", "fa")
    add_name(duplicate, "آلفا", "fa")
    add_name(duplicate, "Альфа", "ru")

    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)

    assert set(survivor.names.values_list("value", "kind")) == {
        ("Alpha Park", "display"),
        ("Alpha Parks", "alias"),
        ("آلفا", "label"),
        ("Альфа", "label"),
    }
    assert not duplicate.names.exists()


def test_identifiers_figures_invitations_and_sectors_move(operator, pair):
    survivor, duplicate = pair
    ExternalIdentifier.objects.create(organisation=survivor, scheme="ror", value="05abc1234", preferred=True)
    ExternalIdentifier.objects.create(organisation=duplicate, scheme="ror", value="05xyz9876", preferred=True)
    ExternalIdentifier.objects.create(organisation=duplicate, scheme="wikidata", value="Q5", preferred=True)
    OrganisationFigure.objects.create(
        organisation=duplicate,
        metric="employees",
        value=120,
        as_of=datetime.date(2024, 1, 1),
        source="Report",
    )
    Invitation.objects.create(
        organisation=duplicate, email="x@example.org", expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    duplicate.sectors.add(Sector.objects.get(code="space"))

    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)

    assert set(survivor.external_ids.values_list("value", "preferred")) == {
        ("05abc1234", True),
        ("05xyz9876", False),
        ("Q5", True),
    }
    assert survivor.figures.get().value == 120
    assert survivor.invitations.get().email == "x@example.org"
    assert list(survivor.sectors.values_list("code", flat=True)) == ["space"]


def test_relationships_move_both_ways_without_self_links_or_repeats(operator, pair):
    survivor, duplicate = pair
    parent, child = organisation("Parent Univ", city="Baku"), organisation("Child Lab", city="Baku")
    OrganisationRelationship.objects.create(subject=duplicate, object=parent, kind="parent")
    OrganisationRelationship.objects.create(subject=survivor, object=parent, kind="parent")  # a repeat
    OrganisationRelationship.objects.create(subject=child, object=duplicate, kind="parent")
    OrganisationRelationship.objects.create(subject=survivor, object=duplicate, kind="related")  # self-link

    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)

    assert set(OrganisationRelationship.objects.values_list("subject_id", "object_id", "kind")) == {
        (survivor.pk, parent.pk, "parent"),
        (child.pk, survivor.pk, "parent"),
    }


def test_people_move_and_keep_the_stronger_role(operator, pair, make_user):
    survivor, duplicate = pair
    both, only_duplicate = make_user("both@example.org"), make_user("dup@example.org")
    OrganisationMembership.objects.create(user=both, organisation=survivor, role=Role.MEMBER)
    OrganisationMembership.objects.create(user=both, organisation=duplicate, role=Role.ADMIN)
    OrganisationMembership.objects.create(user=only_duplicate, organisation=duplicate, role=Role.MEMBER)

    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)

    assert dict(survivor.memberships.values_list("user__email", "role")) == {
        "both@example.org": Role.ADMIN,
        "dup@example.org": Role.MEMBER,
    }
    assert not duplicate.memberships.exists()


def test_network_memberships_keep_the_more_advanced_status(operator, pair, network):
    survivor, duplicate = pair
    other_network = organisation("Other Network", kind="network", city="Baku")
    NetworkMembership.objects.create(
        network=network, member=survivor, status=NetworkMembership.Status.APPLIED
    )
    NetworkMembership.objects.create(
        network=network, member=duplicate, status=NetworkMembership.Status.ACTIVE
    )
    NetworkMembership.objects.create(
        network=other_network, member=duplicate, status=NetworkMembership.Status.EXPIRED
    )

    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)

    assert dict(NetworkMembership.objects.filter(member=survivor).values_list("network_id", "status")) == {
        network.pk: NetworkMembership.Status.ACTIVE,
        other_network.pk: NetworkMembership.Status.EXPIRED,
    }
    assert not NetworkMembership.objects.filter(member=duplicate).exists()


def test_records_merged_earlier_into_the_duplicate_now_point_at_the_survivor(operator, pair):
    """Organisation.merged_into is handled by the generic discovery of foreign keys, not by name."""
    survivor, duplicate = pair
    older = organisation("Alpha Park (old)", status=Organisation.Status.MERGED, merged_into=duplicate)

    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)

    older.refresh_from_db()
    assert older.merged_into == survivor


def test_generic_discovery_moves_any_foreign_key_and_drops_unique_conflicts(operator, pair, network):
    """Without the merge step networks registers, a model with a foreign key to Organisation (here
    NetworkMembership) is found through Organisation._meta.related_objects; a row that would repeat one
    is dropped."""
    survivor, duplicate = pair
    other_network = organisation("Other Network", kind="network", city="Baku")
    NetworkMembership.objects.create(network=network, member=survivor)
    NetworkMembership.objects.create(network=network, member=duplicate)
    NetworkMembership.objects.create(network=other_network, member=duplicate)
    log = MergeLog()

    _merge_any_other(survivor, duplicate, log, HANDLED_RELATIONS)

    assert set(NetworkMembership.objects.filter(member=survivor).values_list("network_id", flat=True)) == {
        network.pk,
        other_network.pk,
    }
    assert not NetworkMembership.objects.filter(member=duplicate).exists()
    assert (log.moved["networks.networkmembership"], log.dropped["networks.networkmembership"]) == (1, 1)


def test_merge_marks_the_duplicate_fills_gaps_and_audits_both(operator, pair):
    survivor, duplicate = pair
    Organisation.objects.filter(pk=duplicate.pk).update(website="https://alpha.example", founded_year=1999)
    duplicate.refresh_from_db()
    OrganisationFigure.objects.create(
        organisation=duplicate, metric="employees", value=3, as_of=datetime.date(2024, 1, 1), source="Web"
    )

    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)

    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert (survivor.website, survivor.founded_year) == ("https://alpha.example", 1999)
    assert (duplicate.status, duplicate.merged_into) == (Organisation.Status.MERGED, survivor)
    on_survivor = AuditEvent.objects.get(action="organisation.merge", organisation_id=survivor.pk)
    assert on_survivor.changes["merged"] == duplicate.pk
    assert on_survivor.changes["moved"]["directory.organisationfigure"] == 1
    assert AuditEvent.objects.filter(action="organisation.merged_into", organisation_id=duplicate.pk).exists()


def test_merge_is_refused_for_the_same_record_or_an_already_merged_one(operator, pair):
    from django.core.exceptions import ValidationError

    survivor, duplicate = pair
    with pytest.raises(ValidationError):
        organisation_merge(actor=operator, survivor=survivor, duplicate=survivor)
    organisation_merge(actor=operator, survivor=survivor, duplicate=duplicate)
    with pytest.raises(ValidationError):
        organisation_merge(actor=operator, survivor=duplicate, duplicate=survivor)


def test_merge_service_refuses_people_who_moderate_neither(owner, park, pair):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        organisation_merge(actor=owner, survivor=park, duplicate=pair[0])
