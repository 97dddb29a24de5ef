"""Every history line and notification reads as a whole sentence in the reader's language: the
application's history on its page and in the API says what happened ("… made an offer."), never the
internal code (`offer_accept`, `referee_requested`), and a notification is written in the recipient's
language whoever triggered it."""

import pytest
from django.utils import translation

from conftest import logged_in_client
from core.models import Notification
from exchanges.models import ApplicationEvent
from exchanges.notifications import APPLICATION_STATUS_SENTENCES

pytestmark = pytest.mark.django_db

RAW_CODES = ["offer_accept", "referee_requested", "offer_accepted", "under_review", "eligibility_check"]


def test_a_russian_speaking_applicant_is_told_in_russian_whoever_acts(colleague, secretariat, advanced):
    colleague.preferred_language = "ru"
    colleague.save(update_fields=["preferred_language"])
    secretariat.preferred_language = "en"
    secretariat.save(update_fields=["preferred_language"])
    with translation.override("en"):
        application = advanced("offered")
    notifications = Notification.objects.filter(recipient=colleague, topic="exchanges.application_status")
    notification = notifications.latest("pk")
    with translation.override("ru"):
        expected = str(APPLICATION_STATUS_SENTENCES[application.Status.OFFERED]).format(
            reference=application.reference
        )
    # One whole sentence per status, in the applicant's language: no status label glued after a colon.
    assert notification.subject == expected
    assert "Offer made" not in notification.subject


def _expected(language, sentence, actor):
    with translation.override(language):
        return str(sentence) % {"actor": actor}


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_history_page_tells_each_step_as_a_sentence(language, colleague, advanced):
    from exchanges.transitions import HISTORY_SENTENCES

    colleague.preferred_language = language
    colleague.save(update_fields=["preferred_language"])
    application = advanced("offer_accepted")
    body = logged_in_client(colleague).get(f"/exchanges/applications/{application.pk}/").content.decode()
    history = body.split('id="application-history"', 1)[1].split("</section>", 1)[0]
    assert _expected(language, HISTORY_SENTENCES["offer_accept"], "Colleague Kaveh") in history
    assert _expected(language, HISTORY_SENTENCES["submit"], "Colleague Kaveh") in history
    for code in RAW_CODES:
        assert code not in history


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_api_history_gives_a_sentence_beside_the_code(language, colleague, advanced, api_client):
    from exchanges.transitions import HISTORY_SENTENCES

    application = advanced("offer_accepted")
    history = (
        api_client(colleague)
        .get(f"/api/v1/exchange-applications/{application.pk}", HTTP_ACCEPT_LANGUAGE=language)
        .json()["history"]
    )
    step = next(event for event in history if event["action"] == "offer_accept")
    assert step["description"] == _expected(language, HISTORY_SENTENCES["offer_accept"], "Colleague Kaveh")
    with translation.override(language):
        assert step["to_label"] == str(application.Status.OFFER_ACCEPTED.label)
    for event in history:
        assert event["description"] and event["description"] != event["action"]
        assert "_" not in event["description"]


def test_a_decision_is_told_by_its_outcome(colleague, advanced, secretariat):
    application = advanced("accepted")
    step = ApplicationEvent.objects.get(application=application, action="decide")
    from exchanges.transitions import history_sentence

    with translation.override("en"):
        expected = f"{secretariat.get_full_name() or secretariat.email} accepted the application."
        assert history_sentence(step) == expected
