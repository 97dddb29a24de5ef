"""Where a request's time goes, on the bench database: per endpoint of the bench-web scenario, the number
of SQL queries, their time, the whole request's time, and optionally cProfile's top functions.

    BENCH_WEB_QUICK=1 .venv/bin/python bench/web/profile_requests.py [--profile] [--only SUBSTRING] [-v]

PROFILE_SORT (cumulative; tottime, ...) and PROFILE_TOP (25) shape cProfile's list; -v prints each
request's five slowest queries.

In process (django.test.Client), one request at a time, after one warm-up request per endpoint; it uses
the database bench/web.py built (parklink_bench_web, or parklink_bench_web_quick in quick mode) and
changes nothing in it except sessions.
"""

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
QUICK = os.environ.get("BENCH_WEB_QUICK", "") not in ("", "0", "false")
DATABASE = "parklink_bench_web_quick" if QUICK else "parklink_bench_web"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")
os.environ["RATE_LIMIT_ENABLED"] = "false"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def endpoints() -> list[tuple[str, str, bool]]:
    from directory.models import Organisation
    from events.models import Event
    from marketplace.models import Profile

    published = Profile.objects.filter(status=Profile.Status.PUBLISHED).order_by("pk")
    profile = published.values_list("pk", flat=True)[7]
    organisation = Organisation.objects.order_by("-pk").values_list("pk", flat=True)[3]
    event = Event.objects.order_by("pk").values_list("pk", flat=True).first()
    return [
        ("home", "/", False),
        ("dashboard", "/", True),
        ("directory", "/organisations/", False),
        ("directory q=university", "/organisations/?q=university", False),
        ("directory q=технопарк", "/organisations/?q=технопарк", False),
        ("directory q=Tabriz", "/organisations/?q=Tabriz", True),
        ("api organisations q=university", "/api/v1/organisations?q=university", False),
        ("organisation", f"/organisations/{organisation}/", False),
        ("marketplace", "/marketplace/", False),
        ("marketplace signed in", "/marketplace/", True),
        ("marketplace q=energy", "/marketplace/?q=energy", False),
        ("search drip irrigation", "/marketplace/search/?q=drip+irrigation", False),
        ("search солнечные панели", "/marketplace/search/?q=солнечные+панели", True),
        ("api search", "/api/v1/search?q=güneş+enerjisi", False),
        ("profile", f"/marketplace/profiles/{profile}/", False),
        ("profile signed in", f"/marketplace/profiles/{profile}/", True),
        ("profile matches panel", f"/marketplace/profiles/{profile}/matches/", True),
        ("event", f"/events/{event}/", True),
        ("participants", f"/events/{event}/participants/", True),
        ("agenda", f"/events/{event}/agenda/", True),
        ("requests", f"/events/{event}/requests/", True),
    ]


def main() -> None:
    from accounts.models import User

    profile_on = "--profile" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    member = User.objects.filter(email__endswith="@bench.example").order_by("pk").first()
    if member is None:
        raise SystemExit("No bench users: run `make bench-web` once to build the data set.")
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(member)
    print(f"{'endpoint':<32} {'status':>6} {'queries':>7} {'sql ms':>7} {'total ms':>8}")
    for name, path, signed in endpoints():
        if only and only not in name:
            continue
        client = signed_in if signed else anonymous
        client.get(path)  # warm-up: index, encoder, caches
        profiler = cProfile.Profile() if profile_on else None
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if profiler:
                profiler.disable()
            total = (time.perf_counter() - started) * 1000
        sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(f"{name:<32} {response.status_code:>6} {len(queries):>7} {sql:>7.0f} {total:>8.0f}")
        if profiler:
            out = io.StringIO()
            order = os.environ.get("PROFILE_SORT", "cumulative")
            top = int(os.environ.get("PROFILE_TOP", "25"))
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
            print(out.getvalue())
        if "-v" in sys.argv:
            for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]:
                print(f"    {float(query['time']) * 1000:6.0f} ms  {query['sql'][:300]}")


if __name__ == "__main__":
    main()
