"""A programme manager's question help text reaches every applicant's page as text, never as markup
(issue 14, item 1)."""

import pytest
from django.urls import reverse

from conftest import logged_in_client
from exchanges import services
from exchanges.models import CallField
from exchanges.tests.conftest import draft, open_call

pytestmark = pytest.mark.django_db

SCRIPT = "<img src=x onerror=alert(1)>"


def test_question_help_text_is_shown_escaped_to_the_applicant(
    colleague, secretariat, programme, host_organisation
):
    call = open_call(secretariat, programme)
    services.call_field_add(
        actor=secretariat, call=call, label="Motivation letter", kind=CallField.Kind.TEXT, help_text=SCRIPT
    )
    application = draft(colleague, call, host_organisation)

    page = logged_in_client(colleague).get(
        reverse("exchanges:application_edit", kwargs={"pk": application.pk})
    )

    content = page.content.decode()
    assert page.status_code == 200
    assert "Motivation letter" in content
    assert SCRIPT not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
