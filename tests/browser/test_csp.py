"""Every page works under the Content-Security-Policy (issue 14 item 3): the browser reports no
`securitypolicyviolation` and no console error on a representative set of pages, for an anonymous
visitor and for a logged-in persona, in English and in Persian."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from demo.services import demo_load
from events.selectors import events_visible_to
from hubs.models import Hub
from marketplace.selectors import profiles_visible_to
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser

# Stores every violation the page reports on window, from the first script on, so a blocked inline
# script or style in <head> is caught too.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber + " " + (event.sample || "")
  );
});
"""


def _visit_and_collect(page, path: str, console_errors: list[str]) -> list[str]:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    policy = response.header_value("content-security-policy") or ""
    assert "script-src 'self'" in policy, f"{path} has no Content-Security-Policy: {policy!r}"
    assert "unsafe-inline" not in policy
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    return [f"{path}: {violation}" for violation in violations] + [
        f"{path}: console: {error}" for error in console_errors
    ]


def _pages_to_visit(*, signed_in: bool) -> list[str]:
    profile = profiles_visible_to(AnonymousUser()).order_by("pk").first()
    event = events_visible_to(AnonymousUser()).order_by("pk").first()
    assert profile is not None and event is not None, "the demo has a public profile and event"
    pages = [
        reverse("core:home"),
        reverse("marketplace:profile_list"),
        reverse("marketplace:profile_detail", args=[profile.pk]),
        reverse("marketplace:search") + "?q=sensor",
        reverse("events:event_list"),
        reverse("events:event_detail", args=[event.pk]),
        reverse("directory:organisation_list"),
        reverse("directory:organisation_map"),
        "/api/v1/docs",
        reverse("account_login") if not signed_in else reverse("accounts:settings"),
    ]
    if signed_in:
        hub = Hub.objects.order_by("pk").first()
        assert hub is not None, "the demo has a hub"
        pages.append(reverse("hubs:hub_detail", args=[hub.pk]))
    return pages


def _walk(page, paths: list[str]) -> list[str]:
    console_errors: list[str] = []
    page.on(
        "console", lambda message: console_errors.append(message.text) if message.type == "error" else None
    )
    problems: list[str] = []
    for path in paths:
        console_errors.clear()
        problems += _visit_and_collect(page, path, console_errors)
    return problems


def test_pages_raise_no_policy_violation_for_anonymous_and_signed_in_visitors_in_two_languages(page):
    demo_load(password=settings.PARKLINK_DEMO_PASSWORD)
    page.context.add_init_script(LISTEN_FOR_VIOLATIONS)

    # given an anonymous visitor, then the demo's secretariat, logged in
    problems = _walk(page, _pages_to_visit(signed_in=False))
    log_in(page, "secretariat@demo.parklink.org", settings.PARKLINK_DEMO_PASSWORD)
    problems += _walk(page, _pages_to_visit(signed_in=True))

    # when the language switcher (a script, no inline handler) turns the interface to Persian
    page.goto(reverse("core:home"))
    with page.expect_navigation():
        page.locator("#language-select").select_option("fa")
    assert page.locator("html").get_attribute("dir") == "rtl"
    problems += _walk(page, [reverse("core:home"), reverse("marketplace:profile_list")])

    # then no page broke the policy
    assert problems == []
    # and the listener does see what the policy blocks: a style attribute set by a script
    page.evaluate("document.body.setAttribute('style', 'outline: 1px solid red')")
    page.wait_for_function("window.__cspViolations.length > 0")
