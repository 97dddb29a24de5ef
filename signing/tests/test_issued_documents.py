"""Every document issued before the kernel still verifies: the fixtures were made by the old code of
networks, events and exchanges (fixtures/README.md). Here, what needs no record: their signatures, the
embedded data under both old file names, and that a forger's copy or a foreign file is refused.
The checks with the record in the database live beside each app's tests (test_issued_before_kernel)."""

import pytest

from signing import signatures
from signing.checks import Verdict, check_pdf
from signing.pdf import signed_data_from_pdf
from signing.tests.issued import FIXTURE_KEY, NAMES, issued_pdf, issued_record, tampered_pdf


@pytest.fixture(autouse=True)
def fixture_key(settings):
    settings.CERTIFICATE_SIGNING_KEY = FIXTURE_KEY


@pytest.mark.parametrize("name", NAMES)
def test_documents_issued_before_the_kernel_still_carry_a_valid_signature(name):
    record = issued_record(name)

    embedded = signed_data_from_pdf(issued_pdf(name))

    assert embedded is not None
    assert embedded["payload"] == record["payload"]
    assert embedded["signature"] == record["signature"]
    assert embedded["public_key"] == signatures.public_key_base64()
    assert "payload_version" not in record["payload"]  # version 1, from before the field
    assert signatures.signature_is_valid(record["payload"], record["signature"])


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("membership_certificate", {"valid_until": "2099-12-31"}),
        ("attendance_certificate", {"attendee": "Somebody Else"}),
        ("exchange_invitation_letter", {"fellow": "Somebody Else"}),
    ],
)
def test_tampered_copy_of_an_issued_document_is_forged_or_altered(db, name, change):
    check = check_pdf(tampered_pdf(name, **change))

    assert check.verdict == Verdict.FORGED
    assert check.number == issued_record(name)["number"]
    assert (
        check.sentence == "This document has been forged or altered: it does not match what ParkLink signed."
    )


def test_issued_document_under_another_key_is_forged(db, settings):
    settings.CERTIFICATE_SIGNING_KEY = signatures.new_private_key_base64()

    assert check_pdf(issued_pdf("membership_certificate")).verdict == Verdict.FORGED


def test_new_payloads_name_their_encoder_and_old_ones_need_not(settings):
    payload = signatures.versioned({"number": "XX-1", "name": "Ærø"})

    assert payload["payload_version"] == signatures.CURRENT_PAYLOAD_VERSION
    assert signatures.signature_is_valid(payload, signatures.sign(payload))
    unknown_version = {**payload, "payload_version": 99}
    assert not signatures.signature_is_valid(unknown_version, signatures.sign(payload))
