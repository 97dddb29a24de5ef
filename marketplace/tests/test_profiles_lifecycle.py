"""A profile's life: draft → submitted → published / returned / rejected → expired → archived, with a
readable reference, the detected language, and every change on its history."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import logged_in_client
from core.models import AuditEvent
from directory.models import Organisation
from marketplace import services
from marketplace.models import Profile, ReferenceCounter
from marketplace.tests.conftest import profile_arguments

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


def url(name, profile):
    return reverse(f"marketplace:{name}", kwargs={"pk": profile.pk})


def test_reference_names_kind_owner_country_day_and_sequence(make_profile):
    first = make_profile(now=NOW)
    second = make_profile(now=NOW)
    request = make_profile(now=NOW, kind=Profile.Kind.TECHNOLOGY_REQUEST)
    next_day = make_profile(now=NOW + datetime.timedelta(days=1))
    assert first.reference == "TO-IR-20260310-0001"
    assert second.reference == "TO-IR-20260310-0002"
    assert request.reference == "TR-IR-20260310-0001"
    assert next_day.reference == "TO-IR-20260311-0001"
    assert ReferenceCounter.objects.get(prefix="TO-IR-20260310").last == 2


def test_reference_uses_the_owner_organisations_country(make_profile, make_user, owner):
    from directory.models import OrganisationMembership, Role

    company = Organisation.objects.create(name="Ashgabat Agro", kind=Organisation.Kind.COMPANY, country="TM")
    OrganisationMembership.objects.create(user=owner, organisation=company, role=Role.MEMBER)
    profile = make_profile(organisation=company, now=NOW)
    assert re.fullmatch(r"TO-TM-20260310-0001", profile.reference)


def test_russian_text_is_detected_and_becomes_the_language(make_profile):
    profile = make_profile(
        title="Система капельного орошения для садов",
        summary="Контроллер на солнечной энергии сокращает расход воды в садах на треть.",
        description="Лаборатория парка разработала контроллер, который планирует капельное орошение "
        "по датчикам влажности почвы и прогнозу погоды; он испытан в фисташковых садах.",
    )
    assert profile.detected_language == "ru"
    assert profile.language == "ru"


def test_authors_language_correction_is_kept_over_detection(make_profile, owner):
    profile = make_profile(language="uk", title="Система капельного орошения для садов")
    assert profile.language == "uk"
    services.profile_update(actor=owner, profile=profile, summary="Контроллер экономит воду в садах.")
    profile.refresh_from_db()
    assert profile.language == "uk"


def test_invalid_language_code_is_refused_beside_the_field(make_profile):
    with pytest.raises(ValidationError) as error:
        make_profile(language="xx-nonsense")
    assert "language" in error.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"partnership_types": []}, "partnership_types"),
        ({"partnership_types": ["licence", "investment", "supplier", "outsourcing"]}, "partnership_types"),
        ({"sectors": []}, "sectors"),
        ({"trl": 10}, "trl"),
        ({"trl": 0}, "trl"),
        ({"sdgs": [18]}, "sdgs"),
        ({"target_countries": ["XX"]}, "target_countries"),
        ({"visibility": Profile.Visibility.SELECTED}, "visible_to"),
        ({"summary": "x" * 501}, "summary"),
        ({"description": "x" * 4001}, "description"),
        ({"title": "x" * 257}, "title"),
    ],
)
def test_invalid_profile_is_refused_with_the_field_named(make_profile, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_profile(**overrides)
    assert field in error.value.message_dict
    assert not Profile.objects.exists()


def test_more_than_five_sectors_or_keywords_refused(make_profile):
    from core.models import Keyword, Sector

    with pytest.raises(ValidationError) as error:
        make_profile(sectors=list(Sector.objects.all()[:6]), keywords=list(Keyword.objects.all()[:6]))
    assert {"sectors", "keywords"} <= set(error.value.message_dict)


def test_outsider_cannot_create_a_profile_for_another_organisation(outsider, park):
    with pytest.raises(PermissionDenied):
        services.profile_create(actor=outsider, owner=park, **profile_arguments())


def test_full_lifecycle_through_pages(make_profile, owner, secretariat):
    # given a draft
    profile = make_profile(now=NOW)
    owner_client, secretariat_client = logged_in_client(owner), logged_in_client(secretariat)

    # when the owner submits and the secretariat returns it with comments
    owner_client.post(url("profile_submit", profile))
    profile.refresh_from_db()
    assert profile.status == Profile.Status.SUBMITTED
    secretariat_client.post(url("profile_return", profile), {"return-comments": "Add the TRL, please."})
    profile.refresh_from_db()
    assert profile.status == Profile.Status.RETURNED
    assert profile.moderation_comment == "Add the TRL, please."

    # then the owner edits and resubmits, and the secretariat publishes it for a year
    owner_client.post(url("profile_submit", profile))
    secretariat_client.post(url("profile_publish", profile))
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED
    assert profile.expires_at - profile.published_at == datetime.timedelta(days=365)

    # and the owner archives it
    owner_client.post(url("profile_archive", profile))
    profile.refresh_from_db()
    assert profile.status == Profile.Status.ARCHIVED
    actions = list(profile.history.values_list("action", flat=True))
    assert actions == ["create", "submit", "return", "submit", "publish", "archive"]
    assert AuditEvent.objects.filter(action="profile.publish", organisation_id=profile.owner_id).exists()


def test_reject_needs_a_reason_and_records_it(make_profile, secretariat):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    client = logged_in_client(secretariat)
    response = client.post(url("profile_reject", profile), {"reject-reason": ""})
    assert response.status_code == 422
    profile.refresh_from_db()
    assert profile.status == Profile.Status.SUBMITTED
    client.post(url("profile_reject", profile), {"reject-reason": "Not a technology offer."})
    profile.refresh_from_db()
    assert profile.status == Profile.Status.REJECTED
    assert profile.history.last().note == "Not a technology offer."


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (Profile.Status.DRAFT, "publish"),
        (Profile.Status.DRAFT, "return"),
        (Profile.Status.DRAFT, "reject"),
        (Profile.Status.PUBLISHED, "submit"),
        (Profile.Status.PUBLISHED, "publish"),
        (Profile.Status.SUBMITTED, "submit"),
        (Profile.Status.SUBMITTED, "extend"),
        (Profile.Status.DRAFT, "extend"),
    ],
)
def test_impossible_transitions_are_refused(make_profile, owner, secretariat, status, transition):
    profile = make_profile(status=status)
    calls = {
        "submit": lambda: services.profile_submit(actor=owner, profile=profile),
        "publish": lambda: services.profile_publish(actor=secretariat, profile=profile),
        "return": lambda: services.profile_return(actor=secretariat, profile=profile, comments="x"),
        "reject": lambda: services.profile_reject(actor=secretariat, profile=profile, reason="x"),
        "extend": lambda: services.profile_extend(actor=owner, profile=profile),
    }
    with pytest.raises(ValidationError) as error:
        calls[transition]()
    assert "cannot be" in " ".join(error.value.messages)
    profile.refresh_from_db()
    assert profile.status == status


def test_refused_transition_shows_a_message_on_the_page(make_profile, owner):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    response = logged_in_client(owner).post(url("profile_submit", profile), follow=True)
    assert "cannot be submitted" in response.content.decode()


def test_owner_cannot_moderate_and_secretariat_cannot_submit(make_profile, owner, secretariat):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    assert logged_in_client(owner).post(url("profile_publish", profile)).status_code == 403
    draft = make_profile()
    # The secretariat does not see drafts at all.
    assert logged_in_client(secretariat).post(url("profile_submit", draft)).status_code == 404


def test_other_networks_secretariat_cannot_moderate(make_profile, make_user):
    from directory.models import OrganisationMembership, Role

    other_network = Organisation.objects.create(name="IASP", kind=Organisation.Kind.NETWORK, country="ES")
    stranger = make_user("secretariat@iasp.example")
    OrganisationMembership.objects.create(user=stranger, organisation=other_network, role=Role.SECRETARIAT)
    profile = make_profile(status=Profile.Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.profile_publish(actor=stranger, profile=profile)


def test_operator_moderates_profiles_of_an_organisation_in_no_network(
    outsider, other_organisation, operator, secretariat
):
    profile = services.profile_create(actor=outsider, owner=other_organisation, **profile_arguments())
    services.profile_submit(actor=outsider, profile=profile)
    with pytest.raises(PermissionDenied):
        services.profile_publish(actor=secretariat, profile=profile)
    services.profile_publish(actor=operator, profile=profile)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED


def test_editing_a_published_profile_keeps_it_published_with_changes_on_history(make_profile, colleague):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    response = logged_in_client(colleague).post(
        url("profile_edit", profile),
        {
            "title": "Smarter drip irrigation controller",
            "summary": profile.summary,
            "description": profile.description,
            "sectors": [sector.pk for sector in profile.sectors.all()],
            "partnership_types": ["licence", "technical_cooperation"],
            "ipr_status": "none",
            "partner_type": "any",
            "partner_size": "any",
            "visibility": "public",
            "open_for_eoi": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED
    assert profile.title == "Smarter drip irrigation controller"
    event = profile.history.last()
    assert event.action == "update" and event.actor == colleague
    assert event.changes["title"] == ["Drip irrigation controller for arid orchards", profile.title]
    assert event.changes["partnership_types"] == [["licence"], ["licence", "technical_cooperation"]]


def test_rejected_or_submitted_profile_cannot_be_edited(make_profile, owner):
    profile = make_profile(status=Profile.Status.SUBMITTED)
    assert logged_in_client(owner).get(url("profile_edit", profile)).status_code == 403
    with pytest.raises(ValidationError):
        services.profile_update(actor=owner, profile=profile, title="Changed")


def test_extend_once_by_twelve_months_from_the_current_expiry(make_profile, owner):
    profile = make_profile(status=Profile.Status.PUBLISHED, now=NOW)
    logged_in_client(owner).post(url("profile_extend", profile))
    profile.refresh_from_db()
    assert profile.expires_at == NOW + datetime.timedelta(days=730)
    assert profile.extended
    response = logged_in_client(owner).post(url("profile_extend", profile), follow=True)
    assert "already been extended once" in response.content.decode()
    profile.refresh_from_db()
    assert profile.expires_at == NOW + datetime.timedelta(days=730)


def test_expiry_waits_for_the_expiry_date(make_profile):
    profile = make_profile(status=Profile.Status.PUBLISHED, now=NOW)
    expires = NOW + datetime.timedelta(days=365)
    assert services.profile_expire(profile=profile, now=expires - datetime.timedelta(seconds=1)) is False
    assert services.profile_expire(profile=profile, now=expires) is True
    profile.refresh_from_db()
    assert profile.status == Profile.Status.EXPIRED
    assert services.profile_expire(profile=profile, now=expires) is False
    assert profile.history.last().action == "expire" and profile.history.last().actor is None


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_expiry_warning_two_weeks_ahead_once_to_the_owners_people(make_profile, owner, colleague):
    profile = make_profile(status=Profile.Status.PUBLISHED, now=NOW)
    expires = NOW + datetime.timedelta(days=365)
    assert services.profile_expiry_warn(profile=profile, now=expires - datetime.timedelta(days=15)) is False
    assert mail.outbox == []
    assert services.profile_expiry_warn(profile=profile, now=expires - datetime.timedelta(days=14)) is True
    assert sorted(message.to[0] for message in mail.outbox) == sorted([owner.email, colleague.email])
    assert profile.reference in mail.outbox[0].subject
    assert services.profile_expiry_warn(profile=profile, now=expires - datetime.timedelta(days=13)) is False
    assert len(mail.outbox) == 2


def test_expired_profile_can_be_archived_but_not_published(make_profile, owner, secretariat):
    profile = make_profile(status=Profile.Status.PUBLISHED, now=NOW)
    services.profile_expire(profile=profile, now=NOW + datetime.timedelta(days=366))
    with pytest.raises(ValidationError):
        services.profile_publish(actor=secretariat, profile=profile)
    services.profile_archive(actor=secretariat, profile=profile)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.ARCHIVED
    with pytest.raises(ValidationError):
        services.profile_archive(actor=owner, profile=profile)


def test_open_for_eoi_is_a_flag_apart_from_publication(make_profile, owner):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    logged_in_client(owner).post(url("profile_set_open_for_eoi", profile), {"open": "0"})
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED
    assert profile.open_for_eoi is False
    assert profile.history.last().action == "close_for_eoi"


def test_outsider_cannot_archive_or_close(make_profile, outsider):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    client = logged_in_client(outsider)
    assert client.post(url("profile_archive", profile)).status_code == 403
    assert client.post(url("profile_set_open_for_eoi", profile), {"open": "0"}).status_code == 403
    assert client.post(url("profile_extend", profile)).status_code == 403
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED and profile.open_for_eoi


def test_history_shown_to_owner_and_moderator_only(make_profile, owner, secretariat, outsider):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    assert "profile-history" in logged_in_client(owner).get(url("profile_detail", profile)).content.decode()
    assert (
        "profile-history"
        in logged_in_client(secretariat).get(url("profile_detail", profile)).content.decode()
    )
    assert (
        "profile-history"
        not in logged_in_client(outsider).get(url("profile_detail", profile)).content.decode()
    )
