"""Signed documents: the one kernel every ParkLink document that can be checked is built on.

A signed document is a record with a `number`, the `payload` that was signed (plain JSON: everything the
document states) and its Ed25519 `signature`. The kernel owns what all kinds share:

- `signing.numbering.next_number(scope)`: the row-locked counter every numbered document takes its
  number from (membership certificates and invoices, attendance certificates, exchange documents...),
  so two concurrent issues never share a number;
- `signing.signatures`: the key (`CERTIFICATE_SIGNING_KEY`), the canonical JSON encoder and
  `payload_version`, the field that says which encoder signed a payload, so a payload signed today stays
  verifiable when the encoding changes tomorrow (payloads without it were signed by version 1);
- `signing.pdf`: the QR code pointing at the verification page and the PDF that carries its payload
  and signature as the embedded file `parklink-certificate.json`;
- `signing.issuing`: the file as issued. A document's PDF is made once, on its first download, and kept
  (`IssuedFile`) with its SHA-256 under a signed statement and the hash of a random verification code
  printed beside the QR code (the QR link carries it); later downloads serve the kept bytes;
- `signing.checks`: the check by number and by uploaded PDF, with one set of verdicts (genuine, revoked,
  expired, forged or altered, altered, not a ParkLink document, unknown number) and a sentence saying
  what was checked. Every check re-verifies the signature, by number too, and checks expiry where the
  kind has one. A file is genuine only if it is byte for byte the kept file. A check by number
  discloses the verdict and the issuer; the record's details (`check.details`) need the file or the
  verification code;
- `signing.registry`: the kinds of document. The one verification page, `/networks/verify/`, finds a
  number's or an uploaded file's kind by the number's prefix and hands it to that kind's page.

How a new kind of document joins (NDAs, qualification passports, consortium agreements, statements):

1. Its model keeps `number` (unique), `payload` (JSONField), `signature`, `issued_at`, `revoked_at`
   and, if it can be revoked with a reason, `revocation_reason`.
2. Its service takes a number with `next_number("<app>.<kind>:<year>")`, builds the payload with
   `versioned(...)` and signs it with `signatures.sign(payload)`, inside the issuing transaction.
3. Its documents module serves the PDF through `issuing.issued_pdf(kind=..., document=nda,
   render=lambda code: ...)`, where the render prints `code` beside the QR code of
   `pdf.qr_data_uri(issuing.link_with_code(verification_url, code))` and returns
   `pdf.signed_pdf(html, payload=..., signature=...)`; its check page includes `signing/_verdict.html`
   and `signing/_code_form.html` and shows fields from `check.details` only. It registers the kind in
   its `AppConfig.ready()`:

       register_signed_document_kind(SignedDocumentKind(
           name="ndas.agreement", number_prefix="NDA-", lookup=get_nda_by_number,
           verify_url_name="ndas:verify", render_check=render_nda_check,
           issuer=lambda nda: nda.payload["network"],  # all a check by number shows
           expires_on=lambda nda: nda.valid_until,      # optional
           extra_rules=None,                            # optional: (record, today) -> DocumentCheck | None
       ))

   The prefix must not start another kind's prefix. `lookup` takes the normalised number (upper case) and
   returns the record or None; it is public, so it must never need a signed-in user. Then
   `checks.check_number` and `checks.check_pdf` work for the kind with no more code.
"""
