"""What the API's OpenAPI document promises beyond each endpoint's own success body.

- `ApiError`: the one body of every error answer (`parklink/api.py` builds them all).
- `document_error_responses`: declares on every operation the error statuses it can answer, once for
  the whole API rather than on each endpoint, so no operation forgets one.
- `inline_choices`: a Django choices class as an enum written out where it is used. Pydantic names an
  enum's schema after the class alone, so `Event.Status` and `Need.Status` would both be "Status" and
  the last one documented would describe the other's field.
"""

import enum
import functools
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpResponseBase
from ninja import NinjaAPI, Router, Schema, Status
from ninja.constants import NOT_SET
from ninja.operation import Operation
from pydantic import WithJsonSchema


class ApiError(Schema):
    """Every error: a sentence for a person, a stable code for a program, and per-field details."""

    message: str
    code: str
    errors: dict[str, Any] | list[Any] | None = None


# Any operation: a NUL character in its input (400), a refusal by permission or token scope (403), a
# record that does not exist or is not visible (404), input that does not validate (422), the database
# out of reach (503).
ALWAYS = (400, 403, 404, 422, 503)
# With a token required: no token, or an unknown one (401).
WITH_TOKEN = (401,)
# With a body: a body over the size limit (413).
WITH_BODY = (413,)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# Under core.ratelimit.api_rate_limit: called too often (429).
RATE_LIMITED = (429,)


def inline_choices(choices: type[enum.Enum]) -> WithJsonSchema:
    """The JSON schema of a choices class written in place: `Annotated[Model.Status, inline_choices(...)]`."""
    return WithJsonSchema(
        {"type": "string", "enum": [member.value for member in choices], "title": choices.__qualname__}
    )


def _operations(router: Router) -> Iterator[Operation]:
    for path_view in router.path_operations.values():
        yield from path_view.operations
    for _prefix, child, *_rest in getattr(router, "_routers", []):
        yield from _operations(child)


def _answering(status: int, view_func: Callable[..., Any]) -> Callable[..., Any]:
    """Keeps a plain return answering the one success status the endpoint declared (e.g. 201)."""

    @functools.wraps(view_func)
    def answered(*args: Any, **kwargs: Any) -> Any:
        result = view_func(*args, **kwargs)
        if isinstance(result, HttpResponseBase | Status | tuple):
            return result
        return Status(status, result)

    return answered


def _is_rate_limited(view_func: Callable[..., Any]) -> bool:
    """Whether core.ratelimit.api_rate_limit wraps the view (its wrapper keeps the view's name)."""
    function: Any = view_func
    while function is not None:
        code = getattr(function, "__code__", None)
        if code is not None and code.co_qualname.startswith("api_rate_limit."):
            return True
        function = getattr(function, "__wrapped__", None)
    return False


def error_statuses(operation: Operation) -> list[int]:
    statuses = list(ALWAYS)
    if _is_rate_limited(operation.view_func):
        statuses.extend(RATE_LIMITED)
    if operation.auth_param is NOT_SET or operation.auth_param:
        statuses.extend(WITH_TOKEN)
    if BODY_METHODS & set(operation.methods):
        statuses.extend(WITH_BODY)
    return sorted(statuses)


def document_error_responses(api: NinjaAPI) -> None:
    """Declares the error answers of every operation of the routers added to `api` so far."""
    for _prefix, router in api._routers:
        for operation in _operations(router):
            declared = [status for status in operation.response_models if status is not Ellipsis]
            if len(declared) == 1 and declared[0] != 200:
                # With more than one response declared, ninja answers a plain return with 200.
                operation.view_func = _answering(declared[0], operation.view_func)
            error_model = operation._create_response_model(ApiError)
            for status in error_statuses(operation):
                operation.response_models.setdefault(status, error_model)
