"""The OpenAPI document at /api/v1/openapi.json describes each operation with its own bodies (issue 14,
item 18): no two schemas share a name, and every operation declares the errors it can answer."""

import json
from collections import defaultdict

import pytest
from ninja import Schema
from ninja.openapi.schema import OpenAPISchema

from parklink.api import api


def _schema_classes() -> list[type[Schema]]:
    found: list[type[Schema]] = []
    pending = list(Schema.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        # ninja builds its own per-operation wrappers and paging inputs; ours live in the project's apps.
        if not cls.__module__.startswith(("ninja", "pydantic")):
            found.append(cls)
    return found


def test_no_two_api_schema_classes_share_a_name():
    modules_by_name = defaultdict(set)
    for cls in _schema_classes():
        modules_by_name[cls.__name__].add(cls.__module__)
    shared = {name: sorted(modules) for name, modules in modules_by_name.items() if len(modules) > 1}
    assert shared == {}


def test_each_component_name_describes_one_schema(monkeypatch):
    """ninja writes every operation's definitions into one `components` map, the last one winning; a
    name given two different definitions means some operation is documented with another's body."""
    definitions_by_name = defaultdict(set)
    original = OpenAPISchema.add_schema_definitions

    def recording(self, definitions):
        for name, definition in definitions.items():
            definitions_by_name[name].add(json.dumps(definition, sort_keys=True, default=str))
        original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema(path_prefix="/api/v1/")
    assert definitions_by_name, "no definitions were recorded: the check above checks nothing"
    conflicting = sorted(name for name, variants in definitions_by_name.items() if len(variants) > 1)
    assert conflicting == []


@pytest.fixture(scope="module")
def openapi_document():
    return api.get_openapi_schema(path_prefix="/api/v1/")


def _operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_network_membership_application_is_documented_with_its_own_body(openapi_document):
    body = openapi_document["paths"]["/api/v1/networks/{network_id}/memberships"]["post"]["requestBody"]
    reference = body["content"]["application/json"]["schema"]["$ref"]
    assert reference == "#/components/schemas/NetworkMembershipApplicationIn"
    properties = openapi_document["components"]["schemas"]["NetworkMembershipApplicationIn"]["properties"]
    assert "member_id" in properties
    assert "career_stage" not in properties  # the exchange application's field


def test_every_operation_declares_its_error_answers(openapi_document):
    missing = {}
    for label, operation in _operations(openapi_document):
        expected = {"400", "403", "404", "422"}
        if operation.get("security"):
            expected.add("401")
        if label.startswith(("POST", "PUT", "PATCH")):
            expected.add("413")
        absent = expected - {str(status) for status in operation["responses"]}
        if absent:
            missing[label] = sorted(absent)
    assert missing == {}


def test_error_answers_are_documented_with_the_one_error_body(openapi_document):
    error = openapi_document["components"]["schemas"]["ApiError"]
    assert set(error["required"]) == {"message", "code"}
    for label, operation in _operations(openapi_document):
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ApiError"}, (label, status)


def test_a_created_record_still_answers_201(api_client, owner, park):
    """Declaring errors beside a single success status must not turn a plain return into 200."""
    client = api_client(owner)
    response = client.post(
        f"/api/v1/organisations/{park.pk}/names",
        {"value": "Parc scientifique de Tabriz", "language": "fr", "kind": "label"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
