"""The dashboard of each demo persona shows the real work the demo leaves them, with links to where it
is done; a person of no organisation and an anonymous visitor see nothing of it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import User
from conftest import logged_in_client
from demo.exchanges import OTS_CALL
from events.models import Event, MeetingRequest
from events.services.agenda import agenda_publish
from exchanges.models import Application, Call
from hubs.models import ProgrammeAction
from marketplace.models import Profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

BROKERAGE_DAY = "Silk Road Technology Brokerage Day (demo)"


def persona(name: str) -> User:
    return User.objects.get(email=f"{name}@demo.parklink.org")


def dashboard_page(name: str):
    response = logged_in_client(persona(name)).get(reverse("dashboard:home"))
    assert response.status_code == 200
    return response


def task_sections(response) -> dict:
    return {section.key: section for section in response.context["dashboard"].tasks}


def test_secretariat_sees_the_profiles_waiting_for_moderation_with_links_to_them():
    # given the demo's IASP secretariat, whose member AST has a profile waiting for moderation
    waiting = Profile.objects.filter(status=Profile.Status.SUBMITTED, owner__name="AST Technology Center")
    assert waiting.exists()

    # when they open the home page
    response = dashboard_page("secretariat")

    # then the moderation queue lists each of those profiles, linked to the page where it is moderated
    moderation = task_sections(response)["moderation"]
    assert moderation.total == waiting.count()
    content = response.content.decode()
    for profile in waiting:
        assert reverse("marketplace:profile_detail", kwargs={"pk": profile.pk}) in content
    assert reverse("marketplace:moderation_queue") in content
    # and none of the profiles that organisations outside IASP submitted (ParkLink's operators' work)
    others = Profile.objects.filter(status=Profile.Status.SUBMITTED).exclude(pk__in=waiting)
    assert others.exists()
    for profile in others:
        assert reverse("marketplace:profile_detail", kwargs={"pk": profile.pk}) not in content


def test_park_manager_is_asked_to_publish_the_brokerage_agenda_and_to_follow_up_programme_actions():
    response = dashboard_page("parkmanager")

    tasks = task_sections(response)
    event = Event.objects.get(title=BROKERAGE_DAY)
    organising = [item.title for item in tasks["organising"].items]
    feasibility = ProgrammeAction.objects.select_related("programme").get(
        title="Feasibility study of a joint technology office"
    )
    # the demo's park manager in Tabriz reads ParkLink in Persian
    with translation.override(persona("parkmanager").preferred_language):
        publish = gettext("Inspect and publish the agenda of %(event)s") % {"event": BROKERAGE_DAY}
        overdue = gettext("Overdue, in the programme “%(programme)s”") % {
            "programme": feasibility.programme.title
        }
    assert publish in organising
    assert reverse("events:schedule", kwargs={"pk": event.pk}) in response.content.decode()
    # the Turkey programme's actions of 2023 and 2024 are not done: overdue
    follow_ups = {item.title: item.detail for item in tasks["follow_ups"].items}
    assert follow_ups[feasibility.title] == overdue
    # and the park is their organisation
    assert [item.title for item in response.context["dashboard"].organisations.items] == [
        "East Azerbaijan Science and Technology Park"
    ]


def test_researcher_and_company_see_the_meeting_requests_waiting_for_their_answer():
    for name in ("researcher", "company"):
        user = persona(name)
        waiting = MeetingRequest.objects.filter(
            recipient__registration__user=user, status=MeetingRequest.Status.PENDING
        ).count()
        assert waiting  # the demo leaves each of them requests to answer

        response = dashboard_page(name)

        requests = task_sections(response)["meeting_requests"]
        assert requests.total == waiting
        assert all(item.url.endswith("/requests/") for item in requests.items)
        registered = [item.title for item in response.context["dashboard"].registrations.items]
        assert BROKERAGE_DAY in registered


def test_company_sees_its_meetings_once_the_organiser_publishes_the_agenda():
    # given the preliminary schedule, not yet published: no meeting shows
    assert response_meetings("company").total == 0

    # when the park manager publishes the final agenda
    agenda_publish(actor=persona("parkmanager"), event=Event.objects.get(title=BROKERAGE_DAY))

    # then the company's scheduled meetings show, each linked to its agenda
    meetings = response_meetings("company")
    assert meetings.total > 0
    assert all(item.detail == BROKERAGE_DAY and item.at for item in meetings.items)


def response_meetings(name: str):
    return dashboard_page(name).context["dashboard"].meetings


def test_investor_is_reminded_to_submit_their_draft_fellowship_application():
    draft = Application.objects.get(applicant=persona("investor"), status=Application.Status.DRAFT)

    response = dashboard_page("investor")

    items = task_sections(response)["my_applications"].items
    assert [item.title for item in items] == [f"Finish and submit your application {draft.reference}"]
    assert items[0].url == reverse("exchanges:application_detail", kwargs={"pk": draft.pk})


def test_operator_decides_the_ots_fellowship_applications(api_client):
    # the operator (staff, who must first set up an authenticator to use the pages) through the API
    body = api_client(persona("operator"), scope="read").get("/api/v1/dashboard").json()

    decisions = next(section for section in body["tasks"] if section["key"] == "exchange_decisions")
    expected = Application.objects.filter(
        call__title=OTS_CALL, status__in=("submitted", "eligible", "under_review")
    )
    assert decisions["total"] == expected.count() > 0
    assert {item["url"] for item in decisions["items"]} == {
        reverse("exchanges:application_detail", kwargs={"pk": application.pk}) for application in expected
    }


def test_dashboard_api_returns_the_same_sections_for_the_tokens_person(api_client):
    secretariat = persona("secretariat")

    body = api_client(secretariat, scope="read").get("/api/v1/dashboard").json()

    moderation = next(section for section in body["tasks"] if section["key"] == "moderation")
    page = task_sections(dashboard_page("secretariat"))["moderation"]
    assert moderation["total"] == page.total
    assert [item["url"] for item in moderation["items"]] == [item.url for item in page.items]
    assert body["organisations"]["items"][0]["title"].startswith("International Association of Science Parks")


def test_a_person_in_no_organisation_sees_empty_sections_and_none_of_the_demo(make_user, api_client):
    # given someone who just signed up, in no organisation, in the full demo
    newcomer = make_user("newcomer@example.org")

    response = logged_in_client(newcomer).get(reverse("dashboard:home"))

    # then no task, meeting, registration, deadline, organisation or network is theirs
    dashboard = response.context["dashboard"]
    assert dashboard.tasks == []
    for section in (dashboard.meetings, dashboard.registrations, dashboard.deadlines):
        assert section.total == 0
    assert dashboard.organisations.total == dashboard.networks.total == 0
    assert dashboard.matchable_profiles == []
    content = response.content.decode()
    assert "Nothing waits for you." in content
    assert "You belong to no organisation yet." in content
    assert BROKERAGE_DAY not in content
    # and the API says the same
    body = api_client(newcomer).get("/api/v1/dashboard").json()
    assert body["tasks"] == [] and body["matches"] == []
    assert all(body[key]["total"] == 0 for key in ("meetings", "registrations", "deadlines", "organisations"))


def test_anonymous_visitor_gets_the_front_page_without_drafts_or_private_records(anonymous):
    response = anonymous.get(reverse("dashboard:home"))

    assert response.status_code == 200
    assert "dashboard" not in response.context
    content = response.content.decode()
    assert "cooperate across borders and languages" in content
    assert reverse("account_signup") in content
    front = response.context["front"]
    assert front.networks and front.events and front.profiles and front.open_calls
    # only published, public, live profiles, never a submitted or draft one
    assert {profile.status for profile in front.profiles} == {Profile.Status.PUBLISHED}
    assert {profile.visibility for profile in front.profiles} == {Profile.Visibility.PUBLIC}
    for profile in Profile.objects.exclude(status=Profile.Status.PUBLISHED):
        assert reverse("marketplace:profile_detail", kwargs={"pk": profile.pk}) not in content
    assert all(event.status == Event.Status.PUBLISHED for event in front.events)
    # the search box leads to the marketplace's search and to the directory
    assert reverse("marketplace:search") in content and reverse("directory:organisation_list") in content


def test_front_page_api_is_public_and_anonymous_profiles_keep_their_owner_hidden(anonymous):
    body = anonymous.get("/api/v1/front-page").json()

    shown = {profile["id"]: profile for profile in body["profiles"]}
    assert shown
    for profile in Profile.objects.filter(pk__in=shown):
        assert profile.status == Profile.Status.PUBLISHED
        assert profile.visibility == Profile.Visibility.PUBLIC
        assert shown[profile.pk]["owner"] == (None if profile.anonymous else profile.owner.name)
    assert {call["title"] for call in body["open_calls"]} >= {OTS_CALL}


def test_dashboard_api_refuses_a_caller_without_a_token(anonymous):
    response = anonymous.get("/api/v1/dashboard")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_matches_panel_is_for_signed_in_people_only(anonymous):
    response = anonymous.get(reverse("dashboard:matches"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# About a dozen sections, each a count and a page of rows with their relations joined, plus the ids of
# the person's organisations that each app's selector reads: a bound that no amount of data moves.
MAX_QUERIES = 90


@pytest.mark.parametrize("name", ["secretariat", "parkmanager", "researcher", "company"])
def test_dashboard_reads_in_a_bounded_number_of_queries(name, django_assert_max_num_queries):
    client = logged_in_client(persona(name))

    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(reverse("dashboard:home"))


def test_more_meetings_on_the_dashboard_cost_no_more_queries(django_assert_max_num_queries):
    # given the company's dashboard before the agenda is published (no meeting listed)
    client = logged_in_client(persona("company"))
    with django_assert_max_num_queries(MAX_QUERIES) as before:
        client.get(reverse("dashboard:home"))

    # when the agenda is published, so its meetings are listed with the other person and organisation
    agenda_publish(actor=persona("parkmanager"), event=Event.objects.get(title=BROKERAGE_DAY))

    # then the page costs no query per meeting
    with django_assert_max_num_queries(len(before) + 1):
        response = client.get(reverse("dashboard:home"))
    assert response.context["dashboard"].meetings.total > 1


def test_outsider_persona_is_asked_to_answer_their_fellowship_offer():
    offer = Application.objects.get(applicant=persona("outsider"), status=Application.Status.OFFERED)

    response = dashboard_page("outsider")

    items = task_sections(response)["my_applications"].items
    assert [item.title for item in items] == [f"Answer the offer on your application {offer.reference}"]
    assert response.context["dashboard"].networks.total == 0


def test_a_call_closing_this_week_is_among_the_deadlines_with_a_link_to_it():
    # given the OTS call, open, closing in three days
    call = Call.objects.get(title=OTS_CALL)
    call.closes_on = timezone.localdate() + datetime.timedelta(days=3)
    call.save(update_fields=["closes_on"])

    # when a person of a member organisation opens the dashboard
    deadlines = dashboard_page("researcher").context["dashboard"].deadlines

    # then the call is a deadline of this week, on its closing day
    assert [(item.title, item.due) for item in deadlines.items] == [(OTS_CALL, call.closes_on)]
    assert deadlines.items[0].url == reverse("exchanges:call_detail", kwargs={"pk": call.pk})
