"""Deleting a person keeps the exchange records they took part in (docs/architecture.md, "Deleting"):
the application and the signed documents issued on it stay, and so do its history steps, each still
saying who under the name kept when the record was written."""

import pytest

from exchanges.models import Application, ApplicationEvent, Document

pytestmark = pytest.mark.django_db


def test_deleting_the_fellow_keeps_their_application_documents_and_name(advanced, colleague):
    application = advanced("completed")
    name = colleague.get_full_name()
    issued = set(application.documents.values_list("number", flat=True))
    assert issued

    colleague.delete()

    application = Application.objects.get(pk=application.pk)
    assert application.applicant is None
    assert application.applicant_name == name
    assert set(Document.objects.filter(application=application).values_list("number", flat=True)) == issued
    created = ApplicationEvent.objects.get(application=application, action="create")
    assert (created.actor, created.actor_name) == (None, name)
