"""Ed25519 signatures over the payload of a signed document.

The signed message is the payload encoded by the encoder its `payload_version` names. Version 1 (also
every payload without the field: all documents issued before the field existed) is canonical JSON:
sorted keys, no spaces, UTF-8. A future encoder gets a new version number and an entry in `ENCODERS`;
version 1 must stay, so anyone holding the public key can check any document ever issued.
"""

import base64
import binascii
import functools
import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

DEVELOPMENT_KEY_CONTEXT = b"parklink certificate signing key (development only):"
PAYLOAD_VERSION_FIELD = "payload_version"
CURRENT_PAYLOAD_VERSION = 1
# Under the signature, the promise that ParkLink keeps the PDF it issues and its SHA-256
# (`signing.issuing`). Payloads signed before it existed lack it: their files cannot be compared.
FILE_BINDING_FIELD = "issued_file"
FILE_BINDING = "sha256"


def canonical_json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


ENCODERS: dict[int, Callable[[dict[str, Any]], bytes]] = {1: canonical_json}


def payload_version(payload: dict[str, Any]) -> int | None:
    """The encoder version a payload declares (1 when it declares none); None for a version we do not know."""
    version = payload.get(PAYLOAD_VERSION_FIELD, 1)
    return version if isinstance(version, int) and version in ENCODERS else None


def versioned(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as a new document signs it: with the current encoder's version, and bound to the
    file ParkLink will issue for it."""
    return {**payload, PAYLOAD_VERSION_FIELD: CURRENT_PAYLOAD_VERSION, FILE_BINDING_FIELD: FILE_BINDING}


def encoded(payload: dict[str, Any]) -> bytes:
    version = payload_version(payload)
    if version is None:
        raise ValueError(f"Unknown {PAYLOAD_VERSION_FIELD}: {payload.get(PAYLOAD_VERSION_FIELD)!r}")
    return ENCODERS[version](payload)


def development_key_from(secret_key: str) -> Ed25519PrivateKey:
    """A deterministic key derived from SECRET_KEY, so development certificates survive restarts."""
    seed = hashlib.sha256(DEVELOPMENT_KEY_CONTEXT + secret_key.encode("utf-8")).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key_from_base64(value: str) -> Ed25519PrivateKey:
    try:
        raw = base64.b64decode(value.strip(), validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (binascii.Error, ValueError) as error:
        raise ImproperlyConfigured(
            "CERTIFICATE_SIGNING_KEY must be base64 of a raw 32-byte Ed25519 private key "
            "(`manage.py certificate_key_generate` prints one)."
        ) from error


@functools.cache
def _private_key(configured: str, secret_key: str) -> Ed25519PrivateKey:
    if configured:
        return private_key_from_base64(configured)
    logger.warning(
        "CERTIFICATE_SIGNING_KEY is not set: certificates are signed with a development key derived "
        "from SECRET_KEY. Set CERTIFICATE_SIGNING_KEY before issuing real certificates."
    )
    return development_key_from(secret_key)


def signing_key() -> Ed25519PrivateKey:
    return _private_key(settings.CERTIFICATE_SIGNING_KEY, settings.SECRET_KEY)


def verification_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_key_base64() -> str:
    raw = verification_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def public_key_from_base64(value: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(value.strip(), validate=True))
    except (binascii.Error, ValueError) as error:
        raise ImproperlyConfigured(
            "CERTIFICATE_RETIRED_PUBLIC_KEYS must list base64 raw 32-byte Ed25519 public keys, separated "
            "by commas (`manage.py certificate_key_generate --public` prints the current one)."
        ) from error


@functools.cache
def _retired_keys(configured: tuple[str, ...]) -> tuple[Ed25519PublicKey, ...]:
    return tuple(public_key_from_base64(value) for value in configured if value.strip())


def verification_keys() -> tuple[Ed25519PublicKey, ...]:
    """The keys a signature may verify with: the current key first, then every retired key, so that a
    key rotation keeps each document signed before it genuine (docs/operations.md, "Rotating the key")."""
    retired = _retired_keys(tuple(getattr(settings, "CERTIFICATE_RETIRED_PUBLIC_KEYS", ())))
    return (verification_key(), *retired)


def new_private_key_base64() -> str:
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode("ascii")


def sign(payload: dict[str, Any]) -> str:
    return base64.b64encode(signing_key().sign(encoded(payload))).decode("ascii")


def signature_is_valid(payload: dict[str, Any], signature: str) -> bool:
    try:
        raw_signature = base64.b64decode(signature, validate=True)
        message = encoded(payload)
    except (binascii.Error, ValueError, TypeError):
        return False
    for key in verification_keys():
        try:
            key.verify(raw_signature, message)
        except InvalidSignature:
            continue
        return True
    return False
