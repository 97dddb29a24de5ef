"""Moved to `signing.signatures` (the signed-document kernel); kept so existing imports still work."""

from signing.signatures import (
    DEVELOPMENT_KEY_CONTEXT,
    canonical_json,
    development_key_from,
    new_private_key_base64,
    private_key_from_base64,
    public_key_base64,
    sign,
    signature_is_valid,
    signing_key,
    verification_key,
)

__all__ = [
    "DEVELOPMENT_KEY_CONTEXT",
    "canonical_json",
    "development_key_from",
    "new_private_key_base64",
    "private_key_from_base64",
    "public_key_base64",
    "sign",
    "signature_is_valid",
    "signing_key",
    "verification_key",
]
