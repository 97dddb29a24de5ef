import pytest
from django.conf import settings
from django.urls import reverse

from conftest import logged_in_client
from core.models import AuditEvent

LANGUAGE_SET = reverse("accounts:language_set")


@pytest.mark.django_db
def test_anonymous_visitor_switches_language_by_cookie(anonymous):
    response = anonymous.post(LANGUAGE_SET, {"language": "ru", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert '<html lang="ru"' in anonymous.get("/").content.decode()


@pytest.mark.django_db
def test_member_language_is_saved_audited_and_follows_them_to_a_new_device(member):
    response = logged_in_client(member).post(LANGUAGE_SET, {"language": "ru", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    member.refresh_from_db()
    assert member.preferred_language == "ru"
    event = AuditEvent.objects.get(action="user_language_set")
    assert event.actor == member
    assert event.changes == {"preferred_language": ["", "ru"]}
    # a fresh client has no language cookie: the saved preference decides
    assert '<html lang="ru"' in logged_in_client(member).get("/").content.decode()


@pytest.mark.django_db
def test_persian_is_laid_out_right_to_left(member):
    member.preferred_language = "fa"
    member.save()
    content = logged_in_client(member).get("/").content.decode()
    assert '<html lang="fa" dir="rtl"' in content


@pytest.mark.django_db
def test_unknown_language_is_refused_with_a_message_and_nothing_changes(member):
    client = logged_in_client(member)

    response = client.post(LANGUAGE_SET, {"language": "xx", "next": "/"}, follow=True)

    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert "Choose one of the interface languages offered." in response.content.decode()
    member.refresh_from_db()
    assert member.preferred_language == ""
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_next_pointing_to_another_site_is_ignored(anonymous):
    response = anonymous.post(LANGUAGE_SET, {"language": "tr", "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_language_switch_accepts_only_post(anonymous):
    assert anonymous.get(LANGUAGE_SET).status_code == 405
