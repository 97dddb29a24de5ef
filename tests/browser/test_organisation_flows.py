"""Flow 3: an organisation admin creates an organisation, invites a colleague by email, the colleague
accepts, and the admin changes and then removes their role."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import PERSONA_PASSWORD
from directory.models import OrganisationMembership, Role
from tests.browser.test_account_flows import link_in_last_email, log_in, log_out

pytestmark = pytest.mark.browser


def test_admin_creates_organisation_invites_colleague_changes_role_and_removes_them(page, make_user):
    admin = make_user("leyla@tabriz-park.example", full_name="Leyla Admin")
    colleague = make_user("kamran@tabriz-park.example", full_name="Kamran Colleague")

    # given an admin who creates their park's organisation
    log_in(page, admin.email)
    page.get_by_role("link", name="My organisations").first.click()
    form = page.locator("#create-organisation")
    form.locator("input[name=name]").fill("Tabriz Technology Incubator")
    form.locator("select[name=kind]").select_option("incubator")
    form.locator("select[name=country]").select_option("IR")
    form.locator("input[name=city]").fill("Tabriz")
    with page.expect_navigation():
        form.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Tabriz Technology Incubator")).to_be_visible()

    # when they invite a colleague, who accepts through the emailed link
    invite = page.locator("#invite")
    invite.locator("input[name=email]").fill(colleague.email)
    invite.locator("select[name=role]").select_option(Role.MEMBER)
    with page.expect_navigation():
        invite.get_by_role("button", name="Send invitation").click()
    expect(page.locator("#pending-invitations").get_by_text(colleague.email)).to_be_visible()
    accept_path = link_in_last_email("invitation")
    assert mail.outbox[-1].to == [colleague.email]
    log_out(page)

    log_in(page, colleague.email, PERSONA_PASSWORD)
    page.goto(accept_path)
    with page.expect_navigation():
        page.get_by_role("button", name="Accept the invitation").click()

    # then the colleague is a member, and the admin can promote and then remove them
    expect(page.locator("#members").get_by_text("Kamran Colleague")).to_be_visible()
    log_out(page)
    log_in(page, admin.email)
    page.get_by_role("link", name="My organisations").first.click()
    page.get_by_role("link", name="Tabriz Technology Incubator").first.click()
    membership = OrganisationMembership.objects.get(user=colleague)
    row = page.locator(f"#membership-{membership.pk}")
    row.locator("select[name=role]").select_option(Role.ADMIN)
    with page.expect_navigation():
        row.get_by_role("button", name="Change").click()
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#membership-{membership.pk}").get_by_role("button", name="Remove").click()
    page.wait_for_selector(f"#membership-{membership.pk}", state="detached")
    assert not OrganisationMembership.objects.filter(user=colleague).exists()
    assert re.search(r"/organisations/\d+/", page.url)
