"""Flow 2: sign up with email verification, log out and in, reset a forgotten password, change the
interface language; staff log in with TOTP; repeated failures lock the account."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import PERSONA_PASSWORD
from tests.authenticator import totp_code

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a-new-and-longer-passphrase-42"


def link_in_last_email(pattern: str) -> str:
    """The path of the first link in the newest email whose path matches `pattern`."""
    body = str(mail.outbox[-1].body)
    match = re.search(rf"https?://[^/\s]+(/\S*{pattern}\S*)", body)
    assert match, f"no link matching {pattern!r} in: {body}"
    return match.group(1)


def log_in(page, email: str, password: str = PERSONA_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def log_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()


def test_newcomer_signs_up_verifies_logs_out_resets_password_and_changes_language(page):
    # given a newcomer on the sign-up page
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.fill("input[name=email]", "nazira@bishkek-techpark.example")
    page.fill("input[name=password1]", PERSONA_PASSWORD)
    page.fill("input[name=password2]", PERSONA_PASSWORD)
    page.locator("main form button[type=submit]").first.click()

    # when they follow the verification link
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    page.goto(link_in_last_email("confirm-email"))
    page.locator("main form button[type=submit]").first.click()

    # then they are logged in
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="nazira@bishkek-techpark.example")).to_be_visible()

    log_out(page)
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()

    # a forgotten password is reset through the emailed link
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.fill("input[name=email]", "nazira@bishkek-techpark.example")
    page.locator("main form button[type=submit]").first.click()
    page.goto(link_in_last_email("password/reset/key"))
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/password/reset/key/done/"))

    log_in(page, "nazira@bishkek-techpark.example", NEW_PASSWORD)
    page.wait_for_url(re.compile(r"/$"))

    # the chosen language follows the person
    with page.expect_navigation():
        page.select_option("#language-select", "ky")
    assert page.locator("html").get_attribute("lang") == "ky"
    page.goto("/account/settings/")
    assert page.locator("html").get_attribute("lang") == "ky"


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(page, settings, make_user):
    person = make_user("locked@tabriz-park.example")
    for _attempt in range(settings.LOGIN_FAILURES_ALLOWED):
        log_in(page, person.email, "not-the-password")
        expect(page.locator("main .alert, main .invalid-feedback").first).to_be_visible()

    log_in(page, person.email, PERSONA_PASSWORD)

    expect(page.get_by_text("Too many failed login attempts")).to_be_visible()
    assert "/accounts/login/" in page.url


def test_staff_member_sets_up_totp_and_then_logs_in_with_a_code(page, make_user):
    make_user("ops@parklink.example", is_staff=True)

    # given a staff member without an authenticator, who is sent to set one up
    log_in(page, "ops@parklink.example")
    page.wait_for_url(re.compile(r"/reauthenticate/|/2fa/totp/activate/"))
    expect(page.get_by_text("must sign in with two-factor authentication")).to_be_visible()
    if "/reauthenticate/" in page.url:
        # allauth asks for the password once more before an authenticator is added
        page.fill("input[name=password]", PERSONA_PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", totp_code(secret))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert "/2fa/totp/activate/" not in page.url
    log_out(page)

    # when they log in again, the password alone is not enough
    log_in(page, "ops@parklink.example")
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", totp_code(secret))
    page.locator("main form button[type=submit]").first.click()

    # then they reach the site
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="ops@parklink.example")).to_be_visible()
