"""The registration workflow table: the services refuse what it does not allow, with its sentence, and
the pages and the API offer exactly what it allows, to the organiser and to the registered person."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import logged_in_client
from events import services
from events.models import Registration

pytestmark = pytest.mark.django_db
API = "/api/v1"
Status = Registration.Status
NOT_COMPLETE = "Only a complete registration can check in (this one is: %s)."

# Who may do what from each status, written out by hand so that a change to the table shows here.
ORGANISER_MAY = {
    Status.PENDING: ["approve", "reject"],
    Status.WAITLISTED: ["approve", "reject"],
    Status.COMPLETE: ["reject", "check_in"],
    Status.REJECTED: ["approve"],
    Status.WITHDRAWN: [],
}
REGISTRANT_MAY = {
    Status.PENDING: ["withdraw"],
    Status.WAITLISTED: ["withdraw"],
    Status.COMPLETE: ["withdraw"],
    Status.REJECTED: [],
    Status.WITHDRAWN: [],
}


def _registration_in(status: str, *, event, user) -> Registration:
    registration = services.registration_create(actor=user, event=event)
    # Put straight into the status under test; the services' own paths there are tested elsewhere.
    Registration.objects.filter(pk=registration.pk).update(status=status)
    registration.refresh_from_db()
    return registration


def _act(action: str, *, actor, registration: Registration) -> None:
    if action == "approve":
        services.registration_approve(actor=actor, registration=registration)
    elif action == "reject":
        services.registration_reject(actor=actor, registration=registration)
    elif action == "withdraw":
        services.registration_withdraw(actor=actor, registration=registration)
    elif action == "check_in":
        services.registration_check_in(actor=actor, registration=registration)
    else:
        raise AssertionError(action)


@pytest.mark.parametrize("status", Status.values)
def test_the_organiser_and_the_registrant_may_each_do_what_the_table_says(status, forum, owner, colleague):
    registration = _registration_in(status, event=forum, user=colleague)
    assert services.registration_actions_for(owner, registration) == ORGANISER_MAY[status]
    assert services.registration_actions_for(colleague, registration) == REGISTRANT_MAY[status]


def test_an_outsider_may_do_nothing_with_a_registration(forum, colleague, outsider):
    registration = _registration_in(Status.PENDING, event=forum, user=colleague)
    assert services.registration_actions_for(outsider, registration) == []


@pytest.mark.parametrize(
    ("action", "status", "sentence"),
    [
        ("approve", Status.COMPLETE, "This registration is not waiting for a decision."),
        ("approve", Status.WITHDRAWN, "This registration is not waiting for a decision."),
        ("reject", Status.REJECTED, "This registration cannot be rejected."),
        ("reject", Status.WITHDRAWN, "This registration cannot be rejected."),
        ("withdraw", Status.REJECTED, "This registration is no longer active."),
        ("withdraw", Status.WITHDRAWN, "This registration is no longer active."),
        (
            "check_in",
            Status.PENDING,
            "Only a complete registration can check in (this one is: Pending approval).",
        ),
        (
            "check_in",
            Status.WAITLISTED,
            "Only a complete registration can check in (this one is: On the waitlist).",
        ),
    ],
)
def test_an_action_from_a_wrong_status_is_refused_with_its_sentence(
    action, status, sentence, forum, owner, colleague
):
    registration = _registration_in(status, event=forum, user=colleague)
    actor = colleague if action == "withdraw" else owner
    with pytest.raises(ValidationError) as refusal:
        _act(action, actor=actor, registration=registration)
    assert refusal.value.messages == [sentence]
    registration.refresh_from_db()
    assert registration.status == status
    assert registration.checked_in_at is None


@pytest.mark.parametrize("status", Status.values)
def test_every_action_the_table_does_not_allow_is_refused_by_the_service(status, forum, owner, colleague):
    for action, transition in services.REGISTRATION_TRANSITIONS.items():
        if status in transition.sources:
            continue
        registration = _registration_in(status, event=forum, user=colleague)
        actor = colleague if transition.actor == "registrant" else owner
        with pytest.raises(ValidationError) as refusal:
            _act(action, actor=actor, registration=registration)
        assert refusal.value.error_dict["__all__"][0].code == transition.code
        registration.refresh_from_db()
        assert registration.status == status
        Registration.objects.filter(pk=registration.pk).delete()


def test_only_the_registered_person_may_withdraw_and_only_organisers_decide(forum, owner, colleague):
    registration = _registration_in(Status.PENDING, event=forum, user=colleague)
    with pytest.raises(PermissionDenied, match=r"^Only the registered person may withdraw\.$"):
        services.registration_withdraw(actor=owner, registration=registration)
    with pytest.raises(PermissionDenied, match=r"^Only the event's organisers may do this\.$"):
        services.registration_approve(actor=colleague, registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


# --- the API -----------------------------------------------------------------------------------


def test_the_api_refuses_an_action_from_a_wrong_status_with_its_sentence(api_client, forum, owner, colleague):
    registration = _registration_in(Status.COMPLETE, event=forum, user=colleague)
    response = api_client(owner).post(f"{API}/registrations/{registration.pk}/approve")
    assert response.status_code == 422
    assert response.json()["message"] == "This registration is not waiting for a decision."

    Registration.objects.filter(pk=registration.pk).update(status=Status.REJECTED)
    response = api_client(colleague).post(f"{API}/registrations/{registration.pk}/withdraw")
    assert response.status_code == 422
    assert response.json()["message"] == "This registration is no longer active."
    registration.refresh_from_db()
    assert registration.status == Status.REJECTED


@pytest.mark.parametrize("status", Status.values)
def test_the_api_lists_the_actions_the_table_allows_to_each_person(
    status, api_client, forum, owner, colleague
):
    registration = _registration_in(status, event=forum, user=colleague)
    as_organiser = api_client(owner).get(f"{API}/events/{forum.pk}/registrations").json()["items"]
    assert [item["actions"] for item in as_organiser] == [ORGANISER_MAY[status]]
    as_registrant = api_client(colleague).get(f"{API}/registrations/{registration.pk}").json()
    assert as_registrant["actions"] == REGISTRANT_MAY[status]


# --- the pages ---------------------------------------------------------------------------------


def test_the_registration_list_offers_the_organiser_exactly_what_the_table_allows(forum, owner, make_user):
    registrations = {
        status: _registration_in(status, event=forum, user=make_user(f"{status}@example.org"))
        for status in Status.values
    }
    page = logged_in_client(owner).get(reverse("events:registration_list", kwargs={"pk": forum.pk}))
    content = page.content.decode()
    for status, registration in registrations.items():
        for action in ("approve", "reject"):
            url = reverse(f"events:registration_{action}", kwargs={"pk": registration.pk})
            assert (f'action="{url}"' in content) == (action in ORGANISER_MAY[Status(status)]), (
                status,
                action,
            )


@pytest.mark.parametrize("status", Status.values)
def test_the_check_in_page_offers_check_in_exactly_where_the_table_allows(status, forum, owner, colleague):
    registration = _registration_in(status, event=forum, user=colleague)
    page = logged_in_client(owner).get(
        reverse("events:check_in", kwargs={"pk": forum.pk}), {"q": colleague.email}
    )
    assert colleague.get_full_name() in page.content.decode()
    offered = f'name="registration" value="{registration.pk}"' in page.content.decode()
    assert offered == ("check_in" in ORGANISER_MAY[status])


@pytest.mark.parametrize("status", Status.values)
def test_the_event_page_offers_the_registrant_exactly_what_the_table_allows(status, forum, colleague):
    _registration_in(status, event=forum, user=colleague)
    page = logged_in_client(colleague).get(reverse("events:event_detail", kwargs={"pk": forum.pk}))
    withdraw_url = reverse("events:registration_withdraw", kwargs={"pk": forum.pk})
    assert (f'action="{withdraw_url}"' in page.content.decode()) == ("withdraw" in REGISTRANT_MAY[status])
