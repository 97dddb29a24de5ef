"""How the audit trail page names things: an event as a whole sentence in the reader's language, the
object's kind and the changed fields by their translated names, never the codes the trail stores."""

from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.audit_sentences import audit_sentence as sentence_of
from core.models import AuditEvent

register = template.Library()


@register.filter
def audit_sentence(event: AuditEvent) -> str:
    return sentence_of(event)


def _model(event: AuditEvent) -> type[models.Model] | None:
    try:
        return apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return None


@register.filter
def audit_object_kind(event: AuditEvent) -> str:
    """The object's kind as its model's translated name ("organisation"), not "directory.organisation"."""
    model = _model(event)
    return str(model._meta.verbose_name) if model is not None else ""


@register.filter
def audit_changes(event: AuditEvent) -> list[dict[str, Any]]:
    """Each change as {"field": translated field name, "before": ..., "after": ...}."""
    model = _model(event)
    rows = []
    for name, values in (event.changes or {}).items():
        label: Any = name.replace("_", " ")
        choices: dict[Any, Any] = {}
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                pass
            else:
                label = getattr(field, "verbose_name", label)
                # A status or kind shows its translated label, not its code.
                choices = dict(getattr(field, "flatchoices", None) or [])
        pair = values if isinstance(values, list) and len(values) == 2 else [None, values]
        before, after = (choices.get(value, value) if isinstance(value, str) else value for value in pair)
        rows.append({"field": str(label), "before": before, "after": after})
    return rows
