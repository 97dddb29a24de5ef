"""Account mail goes through the task queue: a mail server that is down never turns sign-up or a
password reset into a server error, and the mail is sent once the server is back (issue 14 item 16)."""

import smtplib
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks import task_backends
from django.urls import reverse

from core.email_tasks import MAX_ATTEMPTS, email_send

pytestmark = pytest.mark.django_db
PASSWORD = "a-brand-new-long-passphrase"
NEWCOMER = "new.person@kazan-park.example"


class MailServerDown(BaseEmailBackend):
    """An SMTP server that cannot be reached."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


MAIL_SERVER_DOWN = {"default": {"BACKEND": f"{__name__}.MailServerDown"}}
MAIL_SERVER_UP = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def queued_tasks(settings):
    """A queue that keeps its tasks instead of running them, like the worker's database queue."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend: Any = task_backends["default"]
    backend.clear()
    return backend.results


def _run(result):
    return result.task.call(*result.args, **result.kwargs)


def _sign_up(client):
    return client.post(
        reverse("account_signup"), {"email": NEWCOMER, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_sign_up_with_the_mail_server_down_redirects_and_queues_the_mail(settings, anonymous, queued_tasks):
    settings.MAILERS = MAIL_SERVER_DOWN

    response = _sign_up(anonymous)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email=NEWCOMER).exists()
    assert [result.task.name for result in queued_tasks] == [email_send.name]
    assert queued_tasks[0].kwargs["to"] == [NEWCOMER]
    page = anonymous.get(response["Location"])
    assert f"A confirmation email is on its way to {NEWCOMER}." in page.content.decode()


def test_password_reset_with_the_mail_server_down_answers_normally(settings, anonymous, owner, queued_tasks):
    settings.MAILERS = MAIL_SERVER_DOWN

    response = anonymous.post(reverse("account_reset_password"), {"email": owner.email})

    assert response.status_code == 302
    assert [result.kwargs["to"] for result in queued_tasks] == [[owner.email]]


def test_failed_send_is_retried_later_and_sent_once_when_the_server_is_back(
    settings, anonymous, queued_tasks
):
    # given a sign-up while the mail server is down
    settings.MAILERS = MAIL_SERVER_DOWN
    _sign_up(anonymous)
    first = queued_tasks[0]

    # when the worker runs the task, it fails and queues the next attempt for later
    assert _run(first) is False
    assert len(queued_tasks) == 2
    retry = queued_tasks[1]
    assert retry.kwargs["attempt"] == 2
    assert retry.task.run_after is not None

    # then, once the server is back, the retry sends the mail, once
    settings.MAILERS = MAIL_SERVER_UP
    assert _run(retry) is True
    assert len(queued_tasks) == 2
    assert [message.to for message in mail.outbox] == [[NEWCOMER]]
    assert "/accounts/confirm-email/" in str(mail.outbox[0].body)


def test_mail_is_given_up_after_the_last_attempt(settings, anonymous, queued_tasks, caplog):
    settings.MAILERS = MAIL_SERVER_DOWN
    _sign_up(anonymous)
    last = dict(queued_tasks[0].kwargs, attempt=MAX_ATTEMPTS)

    assert email_send.call(**last) is False

    assert len(queued_tasks) == 1  # nothing more queued
    assert "giving up" in caplog.text


def test_sign_up_mail_still_arrives_at_once_with_a_working_server(anonymous):
    # the suite's immediate task backend runs the queued task during the request
    _sign_up(anonymous)

    assert [message.to for message in mail.outbox] == [[NEWCOMER]]
