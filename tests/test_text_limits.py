"""Every text has a maximum (issue 14, item 10): in the model, the form, the API schema and the service.
A megabyte of organisation description once kept the worker busy for twelve minutes."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import model_to_dict

from core.text_limits import _is_parklink_model
from directory.forms import OrganisationForm
from directory.services import organisation_update
from parklink.api import api

ONE_MEGABYTE = "Tabriz " * (1024 * 1024 // 7)
ORIGINAL_DESCRIPTION = "A science park in East Azerbaijan."


def test_every_text_field_of_every_model_has_a_maximum():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if _is_parklink_model(model)
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.max_length
    ]
    assert unbounded == []


def _form_modules():
    root = Path(settings.BASE_DIR)
    for app_config in apps.get_app_configs():
        app_path = Path(app_config.path)
        if not app_path.is_relative_to(root) or app_path.is_relative_to(root / ".venv"):
            continue
        for path in sorted(Path(app_config.path).glob("*.py")):
            if path.stem == "forms" or path.stem.endswith(("_forms", "views")):
                yield importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))


def test_every_text_field_of_every_form_has_a_maximum():
    unbounded = []
    for module in _form_modules():
        for name, form in vars(module).items():
            is_form = inspect.isclass(form) and issubclass(form, forms.BaseForm)
            if not is_form or form.__module__ != module.__name__:
                continue
            for field_name, field in form.base_fields.items():
                # A password is only ever hashed, never stored or shown.
                if isinstance(field.widget, forms.PasswordInput):
                    continue
                if isinstance(field, forms.CharField) and not field.max_length:
                    unbounded.append(f"{module.__name__}.{name}.{field_name}")
    assert unbounded == []


def _unbounded_strings(schema, where, components, seen=frozenset()):
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            yield from _unbounded_strings(components[name], name, components, seen | {name})
        return
    if {"type": "number"} in schema.get("anyOf", []):
        return  # a decimal, as a number or its text: bounded by its digits
    for key in ("anyOf", "allOf", "oneOf"):
        for option in schema.get(key, []):
            yield from _unbounded_strings(option, where, components, seen)
    # A `pattern` (a decimal number) or a `format` (a date) bounds a string as much as a length would.
    if schema.get("type") == "string" and not (
        {"maxLength", "enum", "const", "format", "pattern"} & schema.keys()
    ):
        yield where
    if schema.get("type") == "array" and "items" in schema:
        yield from _unbounded_strings(schema["items"], f"{where}[]", components, seen)
    for name, property_schema in schema.get("properties", {}).items():
        yield from _unbounded_strings(property_schema, f"{where}.{name}", components, seen)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _unbounded_strings(schema["additionalProperties"], f"{where}{{}}", components, seen)


def test_every_text_the_api_accepts_has_a_maximum():
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    components = document["components"]["schemas"]
    unbounded = set()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            label = f"{method.upper()} {path}"
            # Path segments are bounded by the server's limit on a request line.
            for parameter in (p for p in operation.get("parameters", []) if p["in"] != "path"):
                where = f"{label} ?{parameter['name']}"
                unbounded.update(_unbounded_strings(parameter["schema"], where, components))
            for content in operation.get("requestBody", {}).get("content", {}).values():
                unbounded.update(_unbounded_strings(content["schema"], f"{label} body", components))
    assert sorted(unbounded) == []


@pytest.fixture
def described_park(park):
    park.description = ORIGINAL_DESCRIPTION
    park.save()
    return park


def test_a_megabyte_of_description_through_the_api_is_refused_and_nothing_is_saved(
    api_client, owner, described_park
):
    response = api_client(owner).patch(
        f"/api/v1/organisations/{described_park.pk}",
        {"description": ONE_MEGABYTE},
        content_type="application/json",
    )
    assert response.status_code in (413, 422), response.status_code
    assert response.json()["message"]
    described_park.refresh_from_db()
    assert described_park.description == ORIGINAL_DESCRIPTION


def test_a_megabyte_of_description_through_the_form_is_refused_and_nothing_is_saved(
    client, owner, described_park
):
    client.force_login(owner)
    form_fields = OrganisationForm._meta.fields  # type: ignore[misc]
    data = {
        key: value
        for key, value in model_to_dict(described_park, fields=form_fields).items()
        if value is not None
    }
    data["sectors"] = []
    data["description"] = ONE_MEGABYTE
    response = client.post(f"/organisations/{described_park.pk}/edit/", data)
    assert response.status_code in (200, 413)
    if response.status_code == 200:
        errors = response.context["form"].errors
        assert "description" in errors
        assert "at most 10000 characters" in errors["description"][0]
    described_park.refresh_from_db()
    assert described_park.description == ORIGINAL_DESCRIPTION


def test_the_service_refuses_a_text_beyond_its_field_and_saves_nothing(owner, described_park):
    """The last line behind forms and schemas: any save of an overlong text (core/text_limits.py)."""
    with pytest.raises(ValidationError) as refused:
        organisation_update(actor=owner, organisation=described_park, description="x" * 10_001)
    assert "description" in refused.value.message_dict
    described_park.refresh_from_db()
    assert described_park.description == ORIGINAL_DESCRIPTION
