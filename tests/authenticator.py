"""An authenticator app in a few lines, for tests of TOTP two-factor login (RFC 6238)."""

import base64
import hashlib
import hmac
import struct
import time

TOTP_PERIOD_SECONDS = 30


def totp_code(secret: str) -> str:
    """The current six-digit code an authenticator app would show for `secret`."""
    seconds_left = TOTP_PERIOD_SECONDS - time.time() % TOTP_PERIOD_SECONDS
    if seconds_left < 2:  # so the code is still current when the server checks it
        time.sleep(seconds_left)
    counter = int(time.time()) // TOTP_PERIOD_SECONDS
    digest = hmac.new(
        base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
