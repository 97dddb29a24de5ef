import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from conftest import PERSONA_PASSWORD

NEW_PASSWORD = "a-brand-new-long-passphrase"


def _link_in_last_mail() -> str:
    body = str(mail.outbox[-1].body)
    match = re.search(r"https?://testserver(/\S+)", body)
    assert match, body
    return match.group(1)


def _log_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
def test_signup_sends_verification_email_and_confirming_logs_in(anonymous):
    # given a visitor who signs up
    response = anonymous.post(
        reverse("account_signup"),
        {"email": "new.person@kazan-park.example", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email="new.person@kazan-park.example").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@kazan-park.example"]
    assert mail.outbox[0].subject.startswith("[ParkLink] ")
    assert "_auth_user_id" not in anonymous.session

    # when they follow the link in the email and confirm
    confirm_url = _link_in_last_mail()
    page = anonymous.get(confirm_url)
    assert page.status_code == 200
    response = anonymous.post(confirm_url)

    # then their address is verified and they are logged in
    assert response.status_code == 302
    home = anonymous.get(reverse("core:home"))
    assert home.context["user"].email == "new.person@kazan-park.example"
    assert home.context["user"].emailaddress_set.get().verified


@pytest.mark.django_db
def test_signup_page_uses_parklink_layout_with_bootstrap_forms(anonymous):
    response = anonymous.get(reverse("account_signup"))
    content = response.content.decode()
    assert 'id="language-switcher"' in content  # our base.html
    assert 'class="form-control' in content
    assert 'class="btn btn-primary' in content


@pytest.mark.django_db
def test_unverified_user_cannot_log_in_until_verified(anonymous, make_user):
    make_user("unverified@tabriz-park.example", verified=False)
    response = _log_in(anonymous, "unverified@tabriz-park.example", PERSONA_PASSWORD)
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in anonymous.session


@pytest.mark.django_db
def test_member_logs_in_and_out(anonymous, member):
    response = _log_in(anonymous, member.email, PERSONA_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert anonymous.session["_auth_user_id"] == str(member.pk)

    response = anonymous.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in anonymous.session


@pytest.mark.django_db
def test_wrong_password_shows_an_error_on_the_login_page(anonymous, member):
    response = _log_in(anonymous, member.email, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'class="alert alert-danger' in response.content.decode()


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(anonymous, member, settings):
    for _attempt in range(settings.LOGIN_FAILURES_ALLOWED):
        assert _log_in(anonymous, member.email, "guessing-wrong").status_code == 200

    response = _log_in(anonymous, member.email, PERSONA_PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in anonymous.session
    assert "this account is locked for a while" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_by_emailed_link(anonymous, member):
    # given a member who forgot their password asks for a reset
    response = anonymous.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1

    # when they follow the link and choose a new password
    key_url = _link_in_last_mail()
    set_password_url = anonymous.get(key_url)["Location"]
    assert anonymous.get(set_password_url).status_code == 200
    response = anonymous.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    # then the new password works and the old one does not
    assert _log_in(anonymous, member.email, PERSONA_PASSWORD).status_code == 200
    assert _log_in(anonymous, member.email, NEW_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_member_changes_password(anonymous, member):
    _log_in(anonymous, member.email, PERSONA_PASSWORD)
    response = anonymous.post(
        reverse("account_change_password"),
        {"oldpassword": PERSONA_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_from_password_change(anonymous):
    response = anonymous.get(reverse("account_change_password"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
