"""Keeping an uploaded import between its preview and the import itself: the parsed rows wait in a
file outside the web root, named by a signed token that only the person who uploaded them can use."""

import datetime
import json
import re
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from directory.tabular import UnreadableFile

STASH_SALT = "directory.import"
STASH_MAX_AGE = datetime.timedelta(hours=6)


def _stash_dir() -> Path:
    directory = Path(settings.VAR_DIR) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def upload_stash(*, user: Any, rows: list[list[str]]) -> str:
    """Keep the parsed rows outside the web root; the returned signed token names them for `user` only."""
    directory = _stash_dir()
    cutoff = time.time() - STASH_MAX_AGE.total_seconds()
    for old in directory.glob("*.json"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    name = uuid.uuid4().hex
    (directory / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
    return signing.dumps({"file": name, "user": user.pk}, salt=STASH_SALT)


def _stash_path(*, user: Any, token: str) -> Path:
    try:
        payload = signing.loads(token, salt=STASH_SALT, max_age=STASH_MAX_AGE)
    except signing.BadSignature as error:
        raise UnreadableFile(_("This import has expired. Upload the file again.")) from error
    name = str(payload.get("file", ""))
    if payload.get("user") != user.pk or not re.fullmatch(r"[0-9a-f]{32}", name):
        raise UnreadableFile(_("This import has expired. Upload the file again."))
    return _stash_dir() / f"{name}.json"


def upload_unstash(*, user: Any, token: str) -> list[list[str]]:
    """The rows kept by `upload_stash` for this token, if it was issued to `user` and has not expired."""
    path = _stash_path(user=user, token=token)
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UnreadableFile(_("This import has expired. Upload the file again.")) from error
    return [[str(cell) for cell in row] for row in rows]


def upload_discard(*, user: Any, token: str) -> None:
    _stash_path(user=user, token=token).unlink(missing_ok=True)
