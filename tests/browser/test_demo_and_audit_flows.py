"""Flow 1 (the demo that `make run` loads is usable in the browser) and flow 5 (a network secretariat
browses the audit trail, filtered by object, user and date)."""

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from demo.services import demo_load
from directory.models import Organisation
from tests.browser.test_account_flows import log_in

pytestmark = pytest.mark.browser


def test_secretariat_logs_in_with_the_demo_password_and_filters_the_audit_trail(page):
    demo_load(password=settings.PARKLINK_DEMO_PASSWORD)
    ast = Organisation.objects.get(name="AST Technology Center")

    # given the demo's IASP secretariat, logged in with the demo password
    log_in(page, "secretariat@demo.parklink.org", settings.PARKLINK_DEMO_PASSWORD)
    page.get_by_role("link", name="My organisations").first.click()
    expect(page.get_by_role("link", name="International Association of Science Parks").first).to_be_visible()

    # when they open the audit trail and filter it by object, user and date
    page.get_by_role("link", name="Audit trail").first.click()
    rows = page.locator("#audit-events tbody tr")
    assert rows.filter(has_text="AST Technology Center").count() >= 1
    assert rows.filter(has_text="Hanbit Biosensors").count() == 0  # not an IASP member

    filters = page.locator("#audit-filter")
    filters.locator("input[name=object_type]").fill("directory.organisation")
    filters.locator("input[name=object_id]").fill(str(ast.pk))
    filters.locator("input[name=actor_email]").fill("operator@demo.parklink.org")
    today = timezone.localdate().isoformat()
    filters.locator("input[name=occurred_from]").fill(today)
    filters.locator("input[name=occurred_to]").fill(today)
    with page.expect_navigation():
        filters.get_by_role("button", name="Filter").click()

    # then only the creation of AST by the operator remains
    assert rows.count() == 1
    # (as a sentence: the code stays out of sight, in the row's data-action)
    assert "created the organisation AST Technology Center." in rows.first.inner_text()
    assert "organisation.create" not in rows.first.inner_text()
    assert rows.first.get_attribute("data-action") == "organisation.create"
    assert "operator@demo.parklink.org" in rows.first.inner_text()
