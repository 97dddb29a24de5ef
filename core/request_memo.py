"""Answers computed once per request (issue 18): who a viewer is does not change while one page is
drawn, yet a dashboard asked for the viewer's organisations thirty times. `memoised_per_request`
remembers a function's answer for the rest of the request, keyed by its arguments (a user by pk).

Only while a GET or HEAD request is handled: a POST may change memberships and then read them back, and
code outside a request (tasks, services called by tests) always computes afresh. Answers are sets or
other values the caller might change, so each caller gets its own copy.
"""

import copy
import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.core.signals import request_finished, request_started

_memo: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("parklink_request_memo", default=None)
SAFE_METHODS = ("GET", "HEAD")


def _begin(
    sender: Any, environ: dict[str, Any] | None = None, scope: dict[str, Any] | None = None, **kwargs: Any
) -> None:
    method = (environ or {}).get("REQUEST_METHOD") or (scope or {}).get("method")
    _memo.set({} if method in SAFE_METHODS else None)


def request_memo_end() -> None:
    """Forget the request's answers: when it finishes, and for a request that was started and never
    finished (a WSGI caller that does not close its response, as the test suite's API fuzzer loads its
    schema, would leave them on)."""
    _memo.set(None)


def _end(sender: Any, **kwargs: Any) -> None:
    request_memo_end()


request_started.connect(_begin, dispatch_uid="parklink_request_memo_begin")
request_finished.connect(_end, dispatch_uid="parklink_request_memo_end")


def _key_part(value: Any) -> Any:
    if getattr(value, "_meta", None) is not None or hasattr(value, "is_authenticated"):
        return (type(value).__name__, getattr(value, "pk", None))
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def memoised_per_request[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _memo.get()
        if memo is None:
            return function(*args, **kwargs)
        key = (
            function.__module__,
            function.__qualname__,
            tuple(_key_part(arg) for arg in args),
            tuple(sorted((name, _key_part(value)) for name, value in kwargs.items())),
        )
        try:
            hash(key)
        except TypeError:
            return function(*args, **kwargs)
        if key not in memo:
            memo[key] = function(*args, **kwargs)
        return copy.copy(memo[key])

    return wrapper


def first_time_in_request(*key: Any) -> bool:
    """True the first time `key` is asked about in this GET or HEAD request, and every time outside
    one: for work that one request needs done once, such as bringing an index up to date."""
    memo = _memo.get()
    if memo is None:
        return True
    marker = ("first_time_in_request", *key)
    if marker in memo:
        return False
    memo[marker] = True
    return True
