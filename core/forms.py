"""Forms of core's own pages, and the contract between services and every app's forms: a service raises
`field_error(...)` about one input, and a page shows it beside that field with `add_service_errors`."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class AuditTrailFilterForm(forms.Form):
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=100)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    actor_email = forms.EmailField(label=_("User (email)"), required=False)
    occurred_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    occurred_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("occurred_from"), cleaned.get("occurred_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return cleaned


def field_error(
    field: str, message: StrOrPromise, *, code: str, params: dict[str, Any] | None = None
) -> ValidationError:
    """A ValidationError about one input field, so forms show it beside the field and the API names it."""
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def add_service_errors(form: forms.BaseForm, error: ValidationError, *more_forms: forms.BaseForm) -> None:
    """Show a service's ValidationError beside the visible fields it names, and the rest above the form.

    A page that submits several forms at once passes them all: each reason goes beside its field in
    whichever form shows that field, and what no form shows goes above the first."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        shown_in = next(
            (
                candidate
                for candidate in (form, *more_forms)
                if field in candidate.fields and not candidate.fields[field].widget.is_hidden
            ),
            None,
        )
        if shown_in is None:
            form.add_error(None, errors)
        else:
            shown_in.add_error(field, errors)
