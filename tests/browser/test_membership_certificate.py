"""Flow: a park's owner applies to a network, the secretariat approves and records the payment, the
owner downloads the signed certificate, and anyone checks a genuine and a tampered copy on the public
verification page."""

import re
from decimal import Decimal

import pytest

from networks.models import Certificate, MembershipCategory, NetworkMembership
from networks.tests.tampering import certificate_with_altered_payload
from signing.tests.forgery import verification_code_in, with_page_appended
from tests.browser.test_account_flows import log_in, log_out

pytestmark = pytest.mark.browser


def test_owner_applies_and_downloads_a_certificate_that_verifies(
    page, owner, secretariat, network, park, tmp_path
):
    NetworkMembership.objects.filter(member=park).delete()
    full_member = MembershipCategory.objects.create(
        network=network, name="Full member", annual_fee=Decimal("1200"), currency="EUR", term_months=12
    )

    # given the park's owner applies for membership on the network's page
    log_in(page, owner.email)
    page.goto(f"/networks/{network.pk}/")
    apply = page.locator("#apply")
    apply.locator("select[name=member]").select_option(str(park.pk))
    apply.locator("select[name=category]").select_option(str(full_member.pk))
    apply.locator("textarea[name=message]").fill("Tabriz Science Park hosts 120 companies.")
    with page.expect_navigation():
        apply.get_by_role("button", name="Apply").click()
    assert page.locator("#membership-status").inner_text() == "Applied"
    membership_url = page.url
    log_out(page)

    # when the secretariat approves it from its queue and records the payment
    log_in(page, secretariat.email)
    page.goto("/networks/applications/")
    page.get_by_role("link", name="Tabriz Science Park").click()
    approve = page.locator("#action-approve")
    approve.locator("select[name=category]").select_option(str(full_member.pk))
    with page.expect_navigation():
        approve.get_by_role("button", name="Approve").click()
    assert page.locator("#membership-status").inner_text() == "Approved"
    assert re.search(r"SRSPA-\d{4}-0001", page.locator("#invoices").inner_text())
    payment = page.locator("#action-payment")
    payment.locator("input[name=reference]").fill("SWIFT 2026-118")
    # the date is today's unless changed; the confirmation step says what recording will do
    payment.locator("summary", has_text="Record payment…").click()
    with page.expect_navigation():
        payment.get_by_role("button", name="Yes, record the payment").click()
    assert page.locator("#membership-status").inner_text() == "Active"
    log_out(page)

    # then the owner downloads the certificate
    log_in(page, owner.email)
    page.goto(membership_url)
    certificate = Certificate.objects.get(membership__member=park)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download certificate {certificate.number}").click()
    genuine_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(genuine_path)
    assert genuine_path.read_bytes().startswith(b"%PDF")
    log_out(page)

    # and anyone can verify it on the public page, and sees a tampered copy for what it is
    page.goto("/networks/verify/")
    page.locator("#verify-upload input[name=file]").set_input_files(str(genuine_path))
    with page.expect_navigation():
        page.locator("#verify-upload").get_by_role("button", name="Check").click()
    assert page.locator("#verdict").get_attribute("data-verdict") == "genuine"
    assert "Tabriz Science Park" in page.locator("#verdict").inner_text()

    tampered_path = tmp_path / "tampered.pdf"
    tampered_path.write_bytes(
        certificate_with_altered_payload(genuine_path.read_bytes(), member="Someone Else Park")
    )
    page.locator("#verify-upload input[name=file]").set_input_files(str(tampered_path))
    with page.expect_navigation():
        page.locator("#verify-upload").get_by_role("button", name="Check").click()
    assert page.locator("#verdict").get_attribute("data-verdict") == "forged"
    assert "Forged or altered" in page.locator("#verdict").inner_text()

    # a copy with a page appended is altered; by number anyone sees the verdict and the network only,
    # and the verification code printed on the certificate shows its details
    appended_path = tmp_path / "appended.pdf"
    appended_path.write_bytes(with_page_appended(genuine_path.read_bytes()))
    page.locator("#verify-upload input[name=file]").set_input_files(str(appended_path))
    with page.expect_navigation():
        page.locator("#verify-upload").get_by_role("button", name="Check").click()
    assert page.locator("#verdict").get_attribute("data-verdict") == "altered"

    page.goto(f"/networks/certificates/{certificate.number}/")
    assert page.locator("#verdict").get_attribute("data-verdict") == "genuine"
    assert "Tabriz Science Park" not in page.locator("main").inner_text()
    page.get_by_label("Verification code printed on the document").fill(
        verification_code_in(genuine_path.read_bytes())
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Show the details").click()
    assert page.locator("#verdict").get_attribute("data-disclosed") == "true"
    assert "Tabriz Science Park" in page.locator("#document-details").inner_text()
