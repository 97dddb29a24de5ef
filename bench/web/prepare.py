"""Before each `make bench-web` run: brings the bench database's schema up to date and writes what the
locust scenario needs (bench/web/locustfile.py) to a JSON file: signed-in sessions and API tokens for the
first people, the ids of profiles, organisations and the brokerage event, and search words.

    .venv/bin/python bench/web/prepare.py OUT_JSON USERS

Run with the same SECRET_KEY and DATABASE_URL as the server, so the sessions it writes are valid there.
"""

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The checkout being served (BENCH_WEB_CODE, e.g. the code before a change) brings the schema to what its
# own migrations know, so a "before" run does not get the indexes a later migration adds.
sys.path.insert(0, str(Path(os.environ.get("BENCH_WEB_CODE") or REPO).resolve()))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402

# Directory searches in several scripts: a kind word, a city, a transliteration, a name prefix.
DIRECTORY_QUERIES = ("university", "технопарк", "科技园", "Tabriz", "Ташкент", "teknopark", "agro", "solar")
# Marketplace searches in several of the eleven languages.
SEARCH_QUERIES = (
    "drip irrigation",
    "солнечные панели",
    "güneş enerjisi",
    "آبیاری قطره ای",
    "太阳能电池",
    "스마트 농업",
    "su tasarrufu",
    "сельское хозяйство",
    "water purification",
    "innovation centre",
)
LIST_WORDS = ("energy", "water", "университет", "enerji", "科技")


def main() -> None:
    out, users = Path(sys.argv[1]), int(sys.argv[2])
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)

    from accounts.models import ApiToken, User
    from accounts.services import api_token_create
    from directory.models import Organisation
    from events.models import Event
    from marketplace.models import Profile

    people = list(User.objects.filter(email__endswith="@bench.example").order_by("pk")[:users])
    ApiToken.objects.filter(user__in=people, name="bench-web").delete()
    members = []
    for user in people:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        _token, plaintext = api_token_create(user=user, name="bench-web", scope="read")
        members.append({"session": session.session_key, "token": plaintext})
    profile_ids = list(
        Profile.objects.filter(status=Profile.Status.PUBLISHED)
        .order_by("?")
        .values_list("pk", flat=True)[:500]
    )
    organisation_ids = list(
        Organisation.objects.filter(status=Organisation.Status.ACTIVE)
        .order_by("?")
        .values_list("pk", flat=True)[:500]
    )
    event = Event.objects.order_by("pk").first()
    scenario = {
        "members": members,
        "profiles": profile_ids,
        "organisations": organisation_ids,
        "event": event.pk if event else None,
        "directory_queries": DIRECTORY_QUERIES,
        "search_queries": SEARCH_QUERIES,
        "list_words": LIST_WORDS,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }
    out.write_text(json.dumps(scenario))
    print(
        f"  prepare: {len(members)} signed-in people, {len(profile_ids)} profiles and "
        f"{len(organisation_ids)} organisations to visit"
    )


if __name__ == "__main__":
    main()
