"""Registration: custom questions, capacity and waitlist, moderation, withdrawal, confirmation emails."""

import pytest
from django.core import mail
from django.urls import reverse

from conftest import logged_in_client
from events import services
from events.models import Event, Registration

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_colleague_registers_answering_required_question_and_gets_confirmation_email(
    owner, colleague, park, forum, django_capture_on_commit_callbacks
):
    question = services.question_add(
        actor=owner,
        event=forum,
        label="Dietary needs",
        kind="choice",
        choices="None\nVegetarian",
        required=True,
    )
    client = logged_in_client(colleague)
    url = reverse("events:register", kwargs={"pk": forum.pk})
    refused = client.post(url, {"organisation": park.pk})
    assert "This field is required." in refused.content.decode()
    assert not Registration.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": park.pk, f"question_{question.pk}": "Vegetarian"})
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.status == Status.COMPLETE
    assert registration.answers == {str(question.pk): "Vegetarian"}
    assert mail.outbox[-1].to == [colleague.email]
    assert "You are registered for Tabriz Innovation Forum" in mail.outbox[-1].subject


def test_full_event_puts_people_on_waitlist_and_a_withdrawal_frees_a_place(
    forum, colleague, outsider, django_capture_on_commit_callbacks
):
    forum.capacity = 1
    forum.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(actor=colleague, event=forum)
        second = services.registration_create(actor=outsider, event=forum)
    assert (first.status, second.status) == (Status.COMPLETE, Status.WAITLISTED)
    assert "waitlist" in mail.outbox[-1].subject

    logged_in_client(colleague).post(reverse("events:registration_withdraw", kwargs={"pk": forum.pk}))
    second.refresh_from_db()
    assert second.status == Status.COMPLETE


def test_moderated_event_registration_waits_for_organiser_who_approves_or_rejects(
    owner, forum, colleague, outsider, django_capture_on_commit_callbacks
):
    forum.moderated = True
    forum.save()
    pending = services.registration_create(actor=colleague, event=forum)
    other = services.registration_create(actor=outsider, event=forum)
    assert pending.status == Status.PENDING
    client = logged_in_client(owner)
    listing = client.get(reverse("events:registration_list", kwargs={"pk": forum.pk}))
    assert colleague.email in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:registration_approve", kwargs={"pk": pending.pk}))
        client.post(
            reverse("events:registration_reject", kwargs={"pk": other.pk}), {"reason": "Members only"}
        )
    pending.refresh_from_db()
    other.refresh_from_db()
    assert (pending.status, other.status) == (Status.COMPLETE, Status.REJECTED)
    assert other.rejection_reason == "Members only"
    assert "was not accepted" in mail.outbox[-1].subject


def test_registering_twice_is_refused_with_a_clear_message(forum, colleague):
    services.registration_create(actor=colleague, event=forum)
    with pytest.raises(Exception, match="already registered"):
        services.registration_create(actor=colleague, event=forum)


def test_draft_event_takes_no_registration(forum, colleague):
    forum.status = Event.Status.DRAFT
    forum.save()
    response = logged_in_client(colleague).post(reverse("events:register", kwargs={"pk": forum.pk}), {})
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_outsider_cannot_moderate_or_list_registrations(forum, colleague, outsider):
    registration = services.registration_create(actor=colleague, event=forum)
    client = logged_in_client(outsider)
    assert client.get(reverse("events:registration_list", kwargs={"pk": forum.pk})).status_code == 403
    assert (
        client.post(reverse("events:registration_reject", kwargs={"pk": registration.pk})).status_code == 404
    )
    assert (
        client.post(reverse("events:registration_approve", kwargs={"pk": registration.pk})).status_code == 404
    )
    registration.refresh_from_db()
    assert registration.status == Status.COMPLETE


def test_registration_list_query_count_is_flat(owner, forum, make_user, django_assert_max_num_queries):
    for number in range(10):
        services.registration_create(actor=make_user(f"guest{number}@example.org"), event=forum)
    client = logged_in_client(owner)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("events:registration_list", kwargs={"pk": forum.pk}))
    assert response.content.decode().count("guest") >= 10
