"""The kernel binds what a document shows to its record: the file is kept as issued and only that very
file is genuine; a check by number discloses nothing but the verdict and the issuer without the code."""

import datetime
from types import SimpleNamespace

import pytest

from signing import issuing, registry, signatures
from signing.checks import Checked, Verdict, check_number, check_pdf
from signing.models import IssuedFile
from signing.pdf import signed_pdf
from signing.registry import SignedDocumentKind, register_signed_document_kind
from signing.tests.forgery import fake_carrying_genuine_data, verification_code_in, with_page_appended

RECORDS: dict[str, SimpleNamespace] = {}


def _render_check(request, check):  # pragma: no cover - the pages are tested with the kinds
    raise NotImplementedError


TEST_KIND = SignedDocumentKind(
    name="signing.test_document",
    number_prefix="TSTDOC-",
    lookup=RECORDS.get,
    verify_url_name="networks:certificate_verify",
    render_check=_render_check,
    issuer=lambda record: record.payload["network"],
)


@pytest.fixture(autouse=True)
def test_kind(monkeypatch):
    # registered on a copy of the registry, so the kind is gone for the tests that list every kind
    monkeypatch.setattr(registry, "_KINDS", dict(registry._KINDS))
    register_signed_document_kind(TEST_KIND)
    RECORDS.clear()
    yield
    RECORDS.clear()


def _issue(number: str, *, bound: bool = True, **fields) -> SimpleNamespace:
    payload = {"number": number, "holder": "Dr Leila Ahmadi", "network": "Asian Science Parks", **fields}
    payload = signatures.versioned(payload) if bound else payload  # unbound: issued before files were kept
    record = SimpleNamespace(
        number=number,
        payload=payload,
        signature=signatures.sign(payload),
        revoked_at=None,
        revocation_reason="",
    )
    RECORDS[number] = record
    return record


def _pdf(record) -> bytes:
    def render(code: str) -> bytes:
        html = f"<p>{record.payload['holder']}</p><p>{record.number}</p><p>Verification code: {code}</p>"
        return signed_pdf(html, payload=record.payload, signature=record.signature)

    return issuing.issued_pdf(kind=TEST_KIND.name, document=record, render=render)


@pytest.mark.django_db
def test_the_file_as_issued_is_genuine_and_the_verdict_says_it_was_compared_byte_for_byte():
    record = _issue("TSTDOC-000001")
    issued = _pdf(record)

    check = check_pdf(issued)

    assert check.verdict == Verdict.GENUINE and check.checked == Checked.FILE_IDENTICAL
    assert check.disclosed and check.details is record
    today = datetime.date.today()
    assert "this file is byte for byte the one issued on" in check.what_was_checked
    assert str(today.year) in check.what_was_checked
    assert check.issuer == "Asian Science Parks"


@pytest.mark.django_db
def test_the_file_is_made_once_and_served_as_kept():
    record = _issue("TSTDOC-000002")

    first, second = _pdf(record), _pdf(record)

    assert first == second
    kept = IssuedFile.objects.get(number=record.number)
    assert kept.pdf_sha256 == issuing.sha256_hex(first)
    assert issuing.statement_is_valid(kept)


@pytest.mark.django_db
def test_a_genuine_file_with_a_page_appended_is_altered():
    record = _issue("TSTDOC-000003")

    check = check_pdf(with_page_appended(_pdf(record)))

    assert check.verdict == Verdict.ALTERED and check.checked == Checked.FILE_DIFFERENT
    assert "it is not the file ParkLink issued" in check.sentence
    assert "differs from the one ParkLink issued" in check.what_was_checked


@pytest.mark.django_db
def test_a_fake_file_carrying_the_genuine_signed_data_is_altered():
    record = _issue("TSTDOC-000004")

    check = check_pdf(fake_carrying_genuine_data(_pdf(record), "FAKE COMPANY LTD valid until 2099"))

    assert check.verdict == Verdict.ALTERED
    assert check.number == record.number


@pytest.mark.django_db
def test_signed_data_of_a_document_whose_file_was_never_issued_is_altered():
    record = _issue("TSTDOC-000005")
    made_elsewhere = signed_pdf("<p>made elsewhere</p>", payload=record.payload, signature=record.signature)

    assert check_pdf(made_elsewhere).verdict == Verdict.ALTERED


@pytest.mark.django_db
def test_a_swapped_hash_in_the_database_does_not_make_a_fake_genuine():
    record = _issue("TSTDOC-000006")
    fake = with_page_appended(_pdf(record))
    IssuedFile.objects.filter(number=record.number).update(pdf_sha256=issuing.sha256_hex(fake))

    check = check_pdf(fake)

    assert check.verdict == Verdict.FORGED


@pytest.mark.django_db
def test_a_document_issued_before_files_were_kept_verifies_its_signature_and_says_content_was_not_compared():
    record = _issue("TSTDOC-000007", bound=False)
    issued = _pdf(record)

    check = check_pdf(with_page_appended(issued))

    assert check.verdict == Verdict.GENUINE and check.checked == Checked.FILE_NOT_COMPARED
    assert "this file's content could not be compared" in check.what_was_checked
    assert not IssuedFile.objects.filter(number=record.number).exists()


@pytest.mark.django_db
def test_a_check_by_number_shows_the_details_only_with_the_code_printed_on_the_document():
    record = _issue("TSTDOC-000008")
    code = verification_code_in(_pdf(record))

    anonymous = check_number(record.number)
    with_code = check_number(record.number, code=code.lower().replace("-", " "))
    wrong_code = check_number(record.number, code="0000-0000-0000")

    assert (
        anonymous.verdict == Verdict.GENUINE and anonymous.details is None and anonymous.certificate is None
    )
    assert anonymous.issuer == "Asian Science Parks"
    assert (
        "shown only to whoever uploads the file or types the verification code" in anonymous.what_was_checked
    )
    assert with_code.disclosed and with_code.details is record
    assert not wrong_code.disclosed and wrong_code.checked == Checked.WRONG_CODE
    assert "The verification code does not match this document" in wrong_code.what_was_checked


@pytest.mark.django_db
def test_the_reason_for_a_revocation_is_a_detail_too():
    record = _issue("TSTDOC-000009")
    code = verification_code_in(_pdf(record))
    record.revoked_at = datetime.datetime.now(tz=datetime.UTC)
    record.revocation_reason = "The fellow withdrew"

    assert check_number(record.number).verdict == Verdict.REVOKED
    assert check_number(record.number).detail == ""
    assert check_number(record.number, code=code).detail == "The fellow withdrew"


def test_verification_codes_are_random_and_read_as_typed():
    codes = {issuing.new_verification_code() for _ in range(50)}

    assert len(codes) == 50
    code = codes.pop()
    assert issuing.code_hash(code) == issuing.code_hash(f" {code.lower().replace('-', '')} ")
    assert issuing.normalised_code("O1L-I") == "0111"
