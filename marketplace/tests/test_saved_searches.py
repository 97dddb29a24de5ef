"""Saved searches: the pages that save, rename, re-time and delete them, and the email digest."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from conftest import logged_in_client
from core.models import AuditEvent
from directory.models import Organisation, OrganisationMembership, Role
from marketplace import saved_searches
from marketplace.models import Profile, SavedSearch
from marketplace.saved_searches import saved_search_create, saved_search_digest_send

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 6, 4, 7, 0, tzinfo=datetime.UTC)


def _search(user, *, name="Irrigation offers", query=None, frequency=SavedSearch.Frequency.DAILY):
    saved = saved_search_create(actor=user, name=name, query=query or {}, frequency=frequency)
    # Saved a day before the clock the tests run on, so "since it was saved" is well defined.
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=NOW - datetime.timedelta(days=1))
    saved.refresh_from_db()
    return saved


# Pages


def test_anonymous_is_sent_to_log_in_and_saves_nothing(anonymous):
    for response in (
        anonymous.get("/marketplace/saved-searches/"),
        anonymous.post("/marketplace/saved-searches/new/", {"name": "Mine", "query": "q=x"}),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert not SavedSearch.objects.exists()


def test_person_saves_the_lists_query_string_without_paging(owner):
    client = logged_in_client(owner)

    response = client.post(
        "/marketplace/saved-searches/new/",
        {
            "name": "  Irrigation   offers ",
            "frequency": "daily",
            "query": "q=irrigation&kind=TO&page=3&sector=",
        },
    )

    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=owner)
    assert saved.name == "Irrigation offers"
    assert saved.frequency == SavedSearch.Frequency.DAILY
    assert saved.query == {"kind": ["TO"], "q": ["irrigation"]}
    page = client.get("/marketplace/saved-searches/").content.decode()
    assert 'href="/marketplace/?kind=TO&amp;q=irrigation"' in page
    assert AuditEvent.objects.filter(action="saved_search.create", object_id=str(saved.pk)).exists()


def test_save_form_page_carries_the_query_string(owner):
    page = logged_in_client(owner).get("/marketplace/saved-searches/new/?q=seeds&kind=TR").content.decode()
    assert 'value="q=seeds&amp;kind=TR"' in page


def test_nameless_search_is_refused_beside_the_name_and_keeps_what_was_typed(owner):
    response = logged_in_client(owner).post(
        "/marketplace/saved-searches/new/", {"name": "   ", "frequency": "weekly", "query": "q=seeds&kind=TR"}
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "This field is required." in page or "Give the search a name." in page
    assert 'value="q=seeds&amp;kind=TR"' in page
    assert not SavedSearch.objects.exists()


def test_owner_renames_and_changes_frequency(owner):
    saved = _search(owner)
    client = logged_in_client(owner)
    prefix = f"search-{saved.pk}"

    response = client.post(
        f"/marketplace/saved-searches/{saved.pk}/",
        {f"{prefix}-name": "Seeds", f"{prefix}-frequency": "never"},
    )

    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Seeds", SavedSearch.Frequency.NEVER)


def test_unknown_frequency_is_refused_beside_the_field_and_keeps_the_typed_name(owner):
    saved = _search(owner)
    prefix = f"search-{saved.pk}"

    response = logged_in_client(owner).post(
        f"/marketplace/saved-searches/{saved.pk}/",
        {f"{prefix}-name": "Renamed", f"{prefix}-frequency": "hourly"},
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "is-invalid" in page
    assert 'value="Renamed"' in page
    saved.refresh_from_db()
    assert saved.name == "Irrigation offers"


def test_owner_deletes_a_search(owner):
    saved = _search(owner)
    response = logged_in_client(owner).post(f"/marketplace/saved-searches/{saved.pk}/delete/")
    assert response.status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_outsider_can_neither_see_change_nor_delete_anothers_search(owner, outsider):
    saved = _search(owner, name="Tabriz secret plans")
    client = logged_in_client(outsider)
    prefix = f"search-{saved.pk}"

    assert "Tabriz secret plans" not in client.get("/marketplace/saved-searches/").content.decode()
    assert (
        client.post(
            f"/marketplace/saved-searches/{saved.pk}/",
            {f"{prefix}-name": "Mine", f"{prefix}-frequency": "daily"},
        ).status_code
        == 404
    )
    assert client.post(f"/marketplace/saved-searches/{saved.pk}/delete/").status_code == 404
    saved.refresh_from_db()
    assert saved.name == "Tabriz secret plans"


def test_anonymous_cannot_change_or_delete(anonymous, owner):
    saved = _search(owner)
    assert anonymous.post(f"/marketplace/saved-searches/{saved.pk}/delete/").status_code == 302
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_saved_search_list_does_not_query_per_row(owner, django_assert_max_num_queries):
    for index in range(25):
        _search(owner, name=f"Search {index}", query={"q": [f"word{index}"], "sector": ["ict-ai"]})
    client = logged_in_client(owner)
    with django_assert_max_num_queries(10):
        page = client.get("/marketplace/saved-searches/")
    assert page.content.decode().count('id="saved-search-') == 25


# The digest


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_digest_to_an_outsider_never_names_an_anonymous_owner(make_profile, outsider, owner):
    outsiders_search = _search(outsider)
    owners_search = _search(owner)
    make_profile(status=Profile.Status.PUBLISHED, anonymous=True, now=NOW - datetime.timedelta(hours=2))

    assert saved_search_digest_send(saved_search=outsiders_search, now=NOW)
    assert saved_search_digest_send(saved_search=owners_search, now=NOW)

    to_outsider, to_owner = mail.outbox
    assert to_outsider.to == [outsider.email]
    assert "Tabriz Science Park" not in str(to_outsider.subject)
    assert "Tabriz Science Park" not in str(to_outsider.body)
    assert "Anonymous organisation" in to_outsider.body
    assert "Drip irrigation controller for arid orchards" in to_outsider.body
    assert "Tabriz Science Park" in to_owner.body


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_digest_names_the_owner_of_a_profile_that_is_not_anonymous(make_profile, outsider):
    saved = _search(outsider)
    profile = make_profile(status=Profile.Status.PUBLISHED, now=NOW - datetime.timedelta(hours=1))

    assert saved_search_digest_send(saved_search=saved, now=NOW)

    (email,) = mail.outbox
    assert profile.reference in email.body
    assert "Technology offer" in email.body
    assert "Tabriz Science Park" in email.body


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_digest_lists_only_what_the_person_may_see_and_the_search_asks_for(make_profile, outsider):
    saved = _search(outsider, query={"q": ["irrigation"]})
    earlier = NOW - datetime.timedelta(hours=3)
    make_profile(
        status=Profile.Status.PUBLISHED,
        title="Members-only irrigation know-how",
        visibility=Profile.Visibility.NETWORK_MEMBERS,
        now=earlier,
    )
    make_profile(
        status=Profile.Status.PUBLISHED,
        title="Vaccine cold boxes",
        summary="Cold boxes.",
        description="Insulated boxes that keep vaccines cold for five days.",
        now=earlier,
    )
    make_profile(status=Profile.Status.SUBMITTED, title="Irrigation draft under moderation", now=earlier)
    make_profile(status=Profile.Status.PUBLISHED, title="Public irrigation offer", now=earlier)

    assert saved_search_digest_send(saved_search=saved, now=NOW)

    (email,) = mail.outbox
    assert "Public irrigation offer" in email.body
    for hidden in (
        "Members-only irrigation know-how",
        "Vaccine cold boxes",
        "Irrigation draft under moderation",
    ):
        assert hidden not in email.body


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_digest_sends_nothing_twice_and_nothing_from_before_the_search(make_profile, outsider):
    make_profile(
        status=Profile.Status.PUBLISHED, title="Old irrigation offer", now=NOW - datetime.timedelta(days=3)
    )
    saved = _search(outsider)
    make_profile(
        status=Profile.Status.PUBLISHED, title="New irrigation offer", now=NOW - datetime.timedelta(hours=1)
    )

    assert saved_search_digest_send(saved_search=saved, now=NOW)
    assert not saved_search_digest_send(saved_search=saved, now=NOW + datetime.timedelta(hours=1))

    (email,) = mail.outbox
    assert "New irrigation offer" in email.body
    assert "Old irrigation offer" not in email.body
    saved.refresh_from_db()
    assert saved.last_sent_at == NOW + datetime.timedelta(hours=1)


def test_digest_is_written_in_the_persons_interface_language(make_profile, make_user, monkeypatch):
    company = Organisation.objects.create(
        name="Almaty Seeds LLP", kind=Organisation.Kind.COMPANY, country="KZ"
    )
    reader = make_user("reader@almaty-seeds.example", preferred_language="ru")
    OrganisationMembership.objects.create(user=reader, organisation=company, role=Role.ADMIN)
    saved = _search(reader)
    make_profile(status=Profile.Status.PUBLISHED, now=NOW - datetime.timedelta(hours=1))
    languages = []
    render = saved_searches.render_to_string

    def recording_render(*args, **kwargs):
        languages.append(translation.get_language())
        return render(*args, **kwargs)

    monkeypatch.setattr(saved_searches, "render_to_string", recording_render)

    assert saved_search_digest_send(saved_search=saved, now=NOW)
    assert languages == ["ru", "ru"]


def test_no_email_frequency_and_inactive_people_get_no_digest(make_profile, outsider):
    saved = _search(outsider, frequency=SavedSearch.Frequency.NEVER)
    make_profile(status=Profile.Status.PUBLISHED, now=NOW - datetime.timedelta(hours=1))
    assert not saved_search_digest_send(saved_search=saved, now=NOW)
    SavedSearch.objects.filter(pk=saved.pk).update(frequency=SavedSearch.Frequency.DAILY)
    outsider.is_active = False
    outsider.save(update_fields=["is_active"])
    assert not saved_search_digest_send(saved_search=saved, now=NOW)
    assert mail.outbox == []


def test_search_whose_filter_no_longer_reads_mails_nothing_rather_than_everything(make_profile, outsider):
    saved = _search(outsider, query={"sector": ["a-sector-since-removed"]})
    make_profile(status=Profile.Status.PUBLISHED, now=NOW - datetime.timedelta(hours=1))

    assert not saved_search_digest_send(saved_search=saved, now=NOW)
    assert mail.outbox == []


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_digest_reads_the_query_as_the_list_page_does(make_profile, outsider):
    saved = _search(outsider, query={"kind": ["TR"], "open_for_eoi": ["true"]})
    earlier = NOW - datetime.timedelta(hours=1)
    make_profile(status=Profile.Status.PUBLISHED, title="An offer, not a request", now=earlier)
    make_profile(
        status=Profile.Status.PUBLISHED,
        kind=Profile.Kind.TECHNOLOGY_REQUEST,
        title="Seed request",
        now=earlier,
    )

    assert saved_search_digest_send(saved_search=saved, now=NOW)

    (email,) = mail.outbox
    assert "Seed request" in email.body
    assert "An offer, not a request" not in email.body


def test_marketplace_list_offers_to_save_its_current_search_to_people_signed_in(owner, anonymous):
    page = logged_in_client(owner).get("/marketplace/?q=seeds&kind=TR").content.decode()
    assert 'id="saved-search-save"' in page
    assert 'name="query" value="q=seeds&amp;kind=TR"' in page
    assert 'id="saved-search-save"' not in anonymous.get("/marketplace/?q=seeds").content.decode()
