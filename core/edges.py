"""What a page's view does around the one service it calls: run it, and report how it went.

A refusal (the service's ValidationError) goes beside the fields of the form that asked, through
`core.forms.add_service_errors`, or, for a button without a form, into a flashed error message; a
success is flashed. Which refusals are a 404, a 403 or a flashed message is in docs/architecture.md
("Refusals").
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django_stubs_ext import StrOrPromise

from core.forms import add_service_errors


@dataclass(frozen=True)
class Done[T]:
    """A service call that succeeded, with what the service returned."""

    result: T


def service_call[T](
    request: HttpRequest,
    form: forms.BaseForm | tuple[forms.BaseForm, ...] | None,
    call: Callable[[], T],
    success: StrOrPromise | Callable[[T], StrOrPromise] | None = None,
) -> Done[T] | None:
    """Run `call` (one service); on success flash `success` (a message, or one made from the result)
    and return Done; when the service refuses, put its reasons on `form` (on a page that submits
    several forms at once, on the one that shows each field), or flash them without one, and return
    None. Other errors (PermissionDenied, Http404) pass through to Django."""
    try:
        result = call()
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            first, *others = form if isinstance(form, tuple) else (form,)
            add_service_errors(first, error, *others)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return Done(result)
