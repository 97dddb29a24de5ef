"""Rate limits for what is costly to answer: search and matching run the text encoder (up to a second of
CPU per query), so each caller may run them only so often.

One fixed window per scope and caller, counted in Django's cache (`RATE_LIMIT_CACHE`, the default
cache unless set): with a shared cache (the database or Redis) the limit holds across every process.
A signed-in person is counted per account, with their own (higher) limit; anyone else per address,
`REMOTE_ADDR`, or the address a trusted proxy put in `X-Forwarded-For` when `RATE_LIMIT_TRUSTED_PROXIES`
says how many proxies stand in front. Over the limit, a page answers 429 with templates/429.html and an
API operation 429 with `{"message", "code": "rate_limited", "retry_after"}`; both send `Retry-After`.

Limits are settings of the form "30/m" (a count per s, m, h or d): `RATE_LIMITS[scope]` holds the
anonymous and the signed-in limit (parklink/settings.py, from SEARCH_RATE_LIMIT and the like).
"""

import functools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from core.api_auth import api_caller
from core.permissions import is_signed_in

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
KEY_PREFIX = "ratelimit"

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class Rate:
    count: int
    period: int  # seconds


def rate_parse(text: str) -> Rate:
    """'30/m' → 30 per 60 seconds; also '5/s', '1000/h', '10000/d', '30/90s' (a number of seconds)."""
    count, _slash, unit = text.strip().partition("/")
    unit = unit.strip().lower()
    try:
        number = int(count)
        period = _PERIODS[unit] if unit in _PERIODS else int(unit.removesuffix("s"))
    except (ValueError, KeyError):
        raise ImproperlyConfigured(
            f"A rate limit must read like '30/m' (a count per s, m, h or d), not {text!r}."
        ) from None
    if number < 0 or period <= 0:
        raise ImproperlyConfigured(f"A rate limit must count from 0 over a positive period, not {text!r}.")
    return Rate(number, period)


class RateLimitExceeded(Exception):
    """A caller ran a scope more often than its limit allows; `retry_after` in whole seconds."""

    def __init__(self, scope: str, retry_after: int) -> None:
        super().__init__(scope)
        self.scope = scope
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        return ngettext(
            "Too many requests in a short time. Please wait %(seconds)d second and try again.",
            "Too many requests in a short time. Please wait %(seconds)d seconds and try again.",
            self.retry_after,
        ) % {"seconds": self.retry_after}


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or, behind `RATE_LIMIT_TRUSTED_PROXIES` proxies, the entry of
    X-Forwarded-For the outermost trusted proxy appended (what a client writes there itself is ignored)."""
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    proxies = int(getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies][:64]


def _limits(scope: str) -> tuple[Rate, Rate]:
    try:
        anonymous, signed_in = settings.RATE_LIMITS[scope]
    except KeyError:
        raise ImproperlyConfigured(f"RATE_LIMITS has no limits for the scope {scope!r}.") from None
    return rate_parse(anonymous), rate_parse(signed_in)


def _now() -> float:
    return time.time()


def rate_limit_hit(*, scope: str, user: Any, address: str) -> None:
    """Count one use of `scope` by this caller; raise RateLimitExceeded when it is over the limit.

    Atomic on a cache whose `incr` is (Redis, Memcached, local memory): `add` creates the window's
    counter only if it is missing, `incr` counts. On the database cache `incr` reads and writes, so a
    burst of simultaneous requests may slip a few past the limit."""
    if not getattr(settings, "RATE_LIMIT_ENABLED", True):
        return
    anonymous_rate, signed_in_rate = _limits(scope)
    if is_signed_in(user):
        rate, caller = signed_in_rate, f"user:{user.pk}"
    else:
        rate, caller = anonymous_rate, f"ip:{address}"
    now = _now()
    window = int(now // rate.period)
    key = f"{KEY_PREFIX}:{scope}:{caller}:{window}"
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
    cache.add(key, 0, timeout=rate.period + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # the window's counter expired between add and incr
        cache.set(key, 1, timeout=rate.period + 1)
        used = 1
    if used > rate.count:
        retry_after = max(1, math.ceil((window + 1) * rate.period - now))
        raise RateLimitExceeded(scope, retry_after)


def too_many_requests_page(request: HttpRequest, exceeded: RateLimitExceeded) -> HttpResponse:
    response = render(
        request,
        "429.html",
        {"retry_after": exceeded.retry_after, "message": exceeded.message},
        status=429,
    )
    response["Retry-After"] = str(exceeded.retry_after)
    return response


def page_rate_limit(scope: str) -> Callable[[View], View]:
    """A page view counts against `scope`; over the limit it answers the 429 page instead of running."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            try:
                rate_limit_hit(scope=scope, user=request.user, address=client_address(request))
            except RateLimitExceeded as exceeded:
                return too_many_requests_page(request, exceeded)
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorate


def api_rate_limit(scope: str) -> Callable[[View], View]:
    """An API operation counts against `scope` (per token's account, else per address); over the limit
    it raises RateLimitExceeded, which the API answers with a 429 JSON error (parklink/api.py).

    Put it right under the router's decorator, so it runs before paging and the operation."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            rate_limit_hit(scope=scope, user=api_caller(request), address=client_address(request))
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorate
