"""Staff accounts must sign in with an authenticator app (TOTP, RFC 6238)."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse

from conftest import PERSONA_PASSWORD, logged_in_client
from tests.authenticator import totp_code


def _log_in(client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PERSONA_PASSWORD})


def _activate_totp(client) -> str:
    activate_url = reverse("mfa_activate_totp")
    page = client.get(activate_url)
    if page.status_code == 302:
        # allauth asks for the password once more before a new authenticator is added
        assert page["Location"].startswith(reverse("account_reauthenticate"))
        client.post(page["Location"], {"password": PERSONA_PASSWORD})
        page = client.get(activate_url)
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(activate_url, {"code": totp_code(secret)})
    assert response.status_code == 302, response.context["form"].errors
    return secret


@pytest.mark.django_db
def test_operator_without_totp_is_sent_to_set_it_up_with_an_explanation(anonymous, operator):
    _log_in(anonymous, operator.email)

    response = anonymous.get(reverse("core:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    explanation = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("two-factor authentication" in message for message in explanation)


@pytest.mark.parametrize("page", ["accounts:settings", "admin:index", "directory:my_organisations"])
@pytest.mark.django_db
def test_operator_without_totp_cannot_reach_other_pages(operator, page):
    response = logged_in_client(operator).get(reverse(page))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_operator_without_totp_may_still_log_out_and_switch_language(operator):
    client = logged_in_client(operator)
    language = client.post(reverse("accounts:language_set"), {"language": "tr", "next": "/"})
    assert language["Location"] == "/"
    logout = client.post(reverse("account_logout"))
    assert logout.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_ordinary_member_is_not_asked_for_totp(member):
    response = logged_in_client(member).get(reverse("core:home"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_operator_activates_totp_and_is_then_asked_for_a_code_at_login(anonymous, operator):
    # given an operator who logs in and is sent to set up their authenticator app
    _log_in(anonymous, operator.email)
    assert anonymous.get(reverse("core:home"))["Location"] == reverse("mfa_activate_totp")

    # when they activate it with a code from the app
    secret = _activate_totp(anonymous)

    # then the pages open, and the next login asks for a code before letting them in
    assert Authenticator.objects.filter(user=operator, type=Authenticator.Type.TOTP).exists()
    assert anonymous.get(reverse("core:home")).status_code == 200
    anonymous.post(reverse("account_logout"))

    response = _log_in(anonymous, operator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in anonymous.session

    cache.clear()  # allauth refuses a code used once already; the activation code may still be current
    response = anonymous.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert anonymous.session["_auth_user_id"] == str(operator.pk)
    assert anonymous.get(reverse("accounts:settings")).status_code == 200


@pytest.mark.django_db
def test_wrong_totp_code_does_not_log_the_operator_in(anonymous, operator):
    _log_in(anonymous, operator.email)
    _activate_totp(anonymous)
    anonymous.post(reverse("account_logout"))

    _log_in(anonymous, operator.email)
    response = anonymous.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    assert "_auth_user_id" not in anonymous.session
