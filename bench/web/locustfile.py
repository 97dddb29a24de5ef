"""The mixed scenario `make bench-web` drives (locust, headless), read from BENCH_WEB_SCENARIO (JSON written
by bench/web/prepare.py). Half the simulated people browse anonymously, half are signed in (a session
cookie and an API token each). Each request is named by its endpoint, so locust's statistics are per
endpoint. The hello-world run (bench/hello) gets the very same requests: its one view answers every path.

Think time between requests: BENCH_WEB_WAIT="min,max" seconds (default 1,3).

When BENCH_WEB_COSTS names a file, the `Server-Timing` header of each response (SERVER_TIMING=true:
the request's CPU time in its thread, its database queries and their time) is added up per endpoint and
written there as JSON when the run stops: what each endpoint costs the server, which queueing on a busy
machine does not blur as it blurs the response times.
"""

import json
import os
import random
import re
from collections import defaultdict
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

with open(os.environ["BENCH_WEB_SCENARIO"], encoding="utf-8") as _file:
    SCENARIO = json.load(_file)
_WAIT = [float(part) for part in os.environ.get("BENCH_WEB_WAIT", "1,3").split(",")]
EVENT = SCENARIO["event"]


_METRIC = re.compile(r"(\w+);dur=([0-9.]+)(?:;desc=\"(\d+) queries\")?")
_costs: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))


@events.request.add_listener
def _add_cost(name: str, response: object = None, exception: object = None, **_kwargs: object) -> None:
    timing = getattr(response, "headers", {}).get("Server-Timing") if response is not None else None
    if exception is not None or not timing:
        return
    cost = _costs[name]
    cost["requests"] += 1
    for metric, duration, queries in _METRIC.findall(timing):
        cost[f"{metric}_ms"] += float(duration)
        if queries:
            cost["queries"] += int(queries)


@events.test_stop.add_listener
def _write_costs(**_kwargs: object) -> None:
    if path := os.environ.get("BENCH_WEB_COSTS"):
        with open(path, "w", encoding="utf-8") as file:
            json.dump(_costs, file)


def _pick(name: str) -> object:
    return random.choice(SCENARIO[name])


class Browsing(HttpUser):
    """What everyone may do: the home page, the directory and the marketplace, searches, public pages."""

    abstract = True
    wait_time = between(*_WAIT)
    home_name = "/ (home)"

    def page(self, path: str, name: str, **params: object) -> None:
        with self.client.get(path, params=params or None, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(2)
    def home(self) -> None:
        self.page("/", self.home_name)

    @task(2)
    def directory(self) -> None:
        self.page("/organisations/", "/organisations/")

    @task(3)
    def directory_search(self) -> None:
        self.page("/organisations/", "/organisations/?q=", q=_pick("directory_queries"))

    @task(1)
    def directory_api_search(self) -> None:
        self.page("/api/v1/organisations", "/api/v1/organisations?q=", q=_pick("directory_queries"))

    @task(2)
    def organisation(self) -> None:
        self.page(f"/organisations/{_pick('organisations')}/", "/organisations/[id]/")

    @task(2)
    def marketplace(self) -> None:
        self.page("/marketplace/", "/marketplace/")

    @task(2)
    def marketplace_words(self) -> None:
        self.page("/marketplace/", "/marketplace/?q=", q=_pick("list_words"))

    @task(3)
    def multilingual_search(self) -> None:
        self.page("/marketplace/search/", "/marketplace/search/?q=", q=_pick("search_queries"))

    @task(1)
    def multilingual_search_api(self) -> None:
        self.page("/api/v1/search", "/api/v1/search?q=", q=_pick("search_queries"))

    @task(3)
    def profile(self) -> None:
        self.page(f"/marketplace/profiles/{_pick('profiles')}/", "/marketplace/profiles/[id]/")

    @task(2)
    def profile_matches(self) -> None:
        self.page(
            f"/marketplace/profiles/{_pick('profiles')}/matches/", "/marketplace/profiles/[id]/matches/"
        )


class Visitor(Browsing):
    """Someone not signed in."""


class Member(Browsing):
    """A signed-in participant of the brokerage event: the dashboard, the brokerage pages, the API."""

    home_name = "/ (dashboard, signed in)"

    def on_start(self) -> None:
        member = random.choice(SCENARIO["members"])
        domain = urlparse(self.host).hostname or "127.0.0.1"
        self.client.cookies.set(SCENARIO["session_cookie"], member["session"], domain=domain)
        self.token = member["token"]

    @task(2)
    def matches_api(self) -> None:
        with self.client.get(
            f"/api/v1/profiles/{_pick('profiles')}/matches",
            params={"limit": 10},
            headers={"Authorization": f"Bearer {self.token}"},
            name="/api/v1/profiles/[id]/matches",
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 404):  # 404: a profile this person may not see
                response.failure(f"HTTP {response.status_code}")

    @task(2)
    def participants(self) -> None:
        if EVENT:
            self.page(f"/events/{EVENT}/participants/", "/events/[id]/participants/")

    @task(1)
    def agenda(self) -> None:
        if EVENT:
            self.page(f"/events/{EVENT}/agenda/", "/events/[id]/agenda/")

    @task(1)
    def requests(self) -> None:
        if EVENT:
            self.page(f"/events/{EVENT}/requests/", "/events/[id]/requests/")

    @task(1)
    def event(self) -> None:
        if EVENT:
            self.page(f"/events/{EVENT}/", "/events/[id]/")
