"""Issue 16 item 4: the top bar collapses gracefully. At a phone's 390 px, a laptop's 1280 px and a
desktop's 1920 px, in English, Persian (right-to-left), Simplified Chinese and Uzbek (long words), no
page is wider than the window, "Log out" (or "Log in") can be reached, and the language selector shows
the name of the current language. One page load per page and language: the viewport is resized, not
the page reloaded. Screenshots land in the test artifacts (tests/browser/conftest.py)."""

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from tests.browser.conftest import save_screenshot

pytestmark = pytest.mark.browser

WIDTHS = (1920, 1280, 390)
LANGUAGES = ("en", "fa", "zh-hans", "uz")
# The home page and one content page with a filter form.
PAGES = (("home", "core:home"), ("marketplace", "marketplace:profile_list"))
# The top bar's visible links and menu entries whose label is drawn on more than one line.
BROKEN_LABELS = """() => Array.from(document.querySelectorAll(".navbar .nav-link")).filter(link => {
  const style = getComputedStyle(link);
  if (link.offsetParent === null) return false;
  const textHeight = link.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return textHeight > 1.5 * parseFloat(style.lineHeight);
}).map(link => link.textContent.trim())"""
PAGE_WIDTH = "document.documentElement.scrollWidth"
# How wide the selected language's name is drawn in the selector's own font, in px.
SELECTED_NAME_WIDTH = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  return context.measureText(select.options[select.selectedIndex].text).width;
}"""
# The room the selector leaves for that name: its width less padding (the arrow sits in the padding).
SELECTOR_TEXT_ROOM = """select => {
  const style = getComputedStyle(select);
  return select.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
}"""


@pytest.fixture
def busiest_persona(make_user, network):
    """The persona with the most links in the top bar: a platform operator (scheduled jobs; staff need an
    authenticator app) who is also a network's secretariat (audit trail)."""
    from directory.models import OrganisationMembership, Role

    user = make_user("operator.secretariat@silk-road-science-parks.example", is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    OrganisationMembership.objects.create(user=user, organisation=network, role=Role.SECRETARIAT)
    return user


def _sign_in(page, live_server, user) -> None:
    """A signed-in session cookie: the log-in form, with its second factor, has tests of its own."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def _choose_language(page, code: str) -> None:
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(reverse("core:home"))
    with page.expect_navigation():
        page.select_option("#language-select", code)
    assert page.locator("html").get_attribute("lang") == code


def _open_menu_if_collapsed(page) -> bool:
    toggler = page.locator(".navbar-toggler")
    if not toggler.is_visible():
        return False
    toggler.click()
    expect(page.locator("#main-nav.show")).to_be_visible()
    expect(page.locator("#main-nav.collapsing")).to_have_count(0)
    return True


def _close_menu(page) -> None:
    page.locator(".navbar-toggler").click()
    expect(page.locator("#main-nav")).to_be_hidden()


def _problems_at_every_width(page, case: str, *, reachable: str, widths=WIDTHS) -> list[str]:
    """Overflow, an unreachable `reachable` control or a clipped language name, at each width."""
    problems = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        save_screenshot(page, f"top-bar-{case}-{width}")
        if (page_width := page.evaluate(PAGE_WIDTH)) > width:
            problems.append(f"{case} at {width} px: the page is {page_width} px wide")
        if broken := page.evaluate(BROKEN_LABELS):
            problems.append(f"{case} at {width} px: these links break over lines: {broken}")
        opened = _open_menu_if_collapsed(page)
        if opened:
            save_screenshot(page, f"top-bar-{case}-{width}-menu")
            if (page_width := page.evaluate(PAGE_WIDTH)) > width:
                problems.append(f"{case} at {width} px with the menu open: the page is {page_width} px wide")
        if not page.locator(reachable).is_visible():
            problems.append(f"{case} at {width} px: {reachable} cannot be reached")
        selector = page.locator("#language-select")
        room, name_width = selector.evaluate(SELECTOR_TEXT_ROOM), selector.evaluate(SELECTED_NAME_WIDTH)
        if not selector.is_visible() or room < name_width:
            problems.append(f"{case} at {width} px: the language name needs {name_width} px, has {room}")
        if opened:
            _close_menu(page)
    return problems


def _walk_languages(page, persona: str, *, reachable: str, widths=WIDTHS) -> list[str]:
    problems = []
    for code in LANGUAGES:
        _choose_language(page, code)
        expect(page.locator("#language-select option:checked")).to_have_text(
            get_language_info(code)["name_local"]
        )
        for name, url_name in PAGES:
            page.goto(reverse(url_name))
            case = f"{persona}-{code}-{name}"
            problems += _problems_at_every_width(page, case, reachable=reachable, widths=widths)
    return problems


def test_busiest_signed_in_top_bar_fits_every_width_in_four_languages(page, live_server, busiest_persona):
    # given the persona with the most links, signed in
    _sign_in(page, live_server, busiest_persona)

    # when each page is seen at a phone's, a laptop's and a desktop's width in each language
    problems = _walk_languages(page, "operator", reachable="#nav-log-out")

    # then no page is wider than the window, "Log out" is on screen or behind the toggler, and the
    # language selector shows its language's whole name
    assert problems == [], "\n".join(problems)


def test_anonymous_top_bar_fits_a_phone_in_four_languages(page):
    # given an anonymous visitor on a phone, in each language
    problems = _walk_languages(page, "anonymous", reachable="#nav-log-in", widths=(390,))

    # then the page fits and "Log in" is behind the toggler
    assert problems == [], "\n".join(problems)
