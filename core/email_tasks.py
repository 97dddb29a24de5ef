"""E-mail leaves through the task queue, so a mail server that is down never fails the request that
wrote the mail (issue 14 item 16: sign-up and password reset answered 500 when SMTP was down).

`email_enqueue(message)` queues a rendered message once the transaction commits; the task `email_send`
sends it and, when the mail server refuses or cannot be reached, enqueues itself again later with the
next attempt number (django.tasks has no retry of its own): after 1, 4, 16, 64 and 256 minutes. After
the last attempt it gives up and logs an error with the recipients, so an operator can act.

A message that was sent and whose task then died before finishing may be sent again when the queue
runs the task again: a second copy of a mail is the lesser harm next to a mail never sent.
"""

import datetime
import logging
import smtplib
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY_AFTER = datetime.timedelta(minutes=1)
RETRY_BACKOFF_FACTOR = 4
# What a mail server that is down, refusing or unreachable raises (socket errors are OSErrors).
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait after failed attempt number `attempt` (1, 2, …) before the next one."""
    return FIRST_RETRY_AFTER * RETRY_BACKOFF_FACTOR ** (attempt - 1)


def email_payload(message: EmailMessage) -> dict[str, Any]:
    """The message as plain JSON, which is what a task's arguments must be."""
    alternatives = getattr(message, "alternatives", None) or []
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [[str(content), str(mimetype)] for content, mimetype in alternatives],
    }


def email_enqueue(message: EmailMessage) -> None:
    """Queue `message` for sending.

    Enqueued at once rather than on commit: the database task backend writes the task row inside the
    current transaction, so the worker sees it only once the transaction commits, and never when it
    rolls back; and the tests' immediate backend sends it at once, into `mail.outbox`."""
    email_send.enqueue(**email_payload(message))


@task
def email_send(
    *,
    subject: str,
    body: str,
    content_subtype: str,
    from_email: str | None,
    to: list[str],
    cc: list[str],
    bcc: list[str],
    reply_to: list[str],
    headers: dict[str, str],
    alternatives: list[list[str]],
    attempt: int = 1,
) -> bool:
    """Send one message; on a mail-server error queue the next attempt. True when it was sent."""
    message = EmailMultiAlternatives(
        subject,
        body,
        from_email,
        to,
        cc=cc,
        bcc=bcc,
        reply_to=reply_to,
        headers=headers,
        alternatives=[(content, mimetype) for content, mimetype in alternatives],
    )
    message.content_subtype = content_subtype
    try:
        message.send()
    except MAIL_SERVER_ERRORS as error:
        payload = {
            "subject": subject,
            "body": body,
            "content_subtype": content_subtype,
            "from_email": from_email,
            "to": to,
            "cc": cc,
            "bcc": bcc,
            "reply_to": reply_to,
            "headers": headers,
            "alternatives": alternatives,
        }
        _retry_later(payload, attempt=attempt, error=error)
        return False
    return True


def _retry_later(payload: dict[str, Any], *, attempt: int, error: Exception) -> None:
    recipients = ", ".join(payload["to"])
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "Mail %r to %s not sent after %d attempts; giving up: %s",
            payload["subject"],
            recipients,
            attempt,
            error,
        )
        return
    if not email_send.get_backend().supports_defer:
        # A backend that runs tasks at once (tests, or a misconfigured site) cannot wait: retrying now
        # would only fail again.
        logger.error(
            "Mail %r to %s not sent and cannot be retried later: %s", payload["subject"], recipients, error
        )
        return
    delay = retry_delay(attempt)
    email_send.using(run_after=timezone.now() + delay).enqueue(**payload, attempt=attempt + 1)
    logger.warning(
        "Mail %r to %s not sent (attempt %d of %d), retrying in %s: %s",
        payload["subject"],
        recipients,
        attempt,
        MAX_ATTEMPTS,
        delay,
        error,
    )
