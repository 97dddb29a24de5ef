"""Every text a ParkLink model stores stays within its field's maximum length, whatever path wrote it.

Forms and API schemas refuse an overlong text first, each with its own message. This is the last line,
for the services: before any ParkLink model is saved, each text and character field is checked against
its `max_length`, and a longer text is refused with Django's own translated message, as a
ValidationError naming the field, which the pages and the API answer like any other invalid input.
Neither SQLite nor a PostgreSQL `text` column would refuse it otherwise. (`QuerySet.update` and
`bulk_create` send no signal; the importers check lengths themselves.)
"""

import functools
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.signals import pre_save


def text_too_long_errors(instance: models.Model, field_names: Any = None) -> dict[str, list[str]]:
    """The fields of `instance` (or those of `field_names`) whose text exceeds their maximum length."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or not field.max_length:
            continue
        if field_names is not None and field.name not in field_names and field.attname not in field_names:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and len(value) > field.max_length:
            try:
                MaxLengthValidator(field.max_length)(value)
            except ValidationError as error:
                errors[field.name] = error.messages
    return errors


@functools.cache
def _is_parklink_model(model: type[models.Model]) -> bool:
    """A model of one of ParkLink's own apps, not of Django or a library."""
    if model._meta.apps is not global_apps:
        return False  # a migration's historical model
    app_path = Path(model._meta.app_config.path)
    base = Path(settings.BASE_DIR)
    return app_path.is_relative_to(base) and not app_path.is_relative_to(base / ".venv")


def refuse_overlong_text(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or not _is_parklink_model(sender):
        return
    errors = text_too_long_errors(instance, kwargs.get("update_fields"))
    if errors:
        raise ValidationError(errors)


def text_limits_connect() -> None:
    pre_save.connect(refuse_overlong_text, dispatch_uid="core.text_limits.refuse_overlong_text")
