"""The marketplace at network scale (issue 18): the list counts at most what its pages need, keyword
search and the list run a bounded number of queries, whoever asks."""

import pytest

from conftest import logged_in_client
from marketplace.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    """Two profiles a page and a count cap of three, so a handful of profiles is 'many'."""
    monkeypatch.setattr("marketplace.views.RESULTS_PER_PAGE", 2)
    monkeypatch.setattr("core.pagination.COUNT_CAP", 3)


def test_a_long_list_pages_on_without_a_page_count(make_profile, anonymous, small_pages):
    for number in range(6):
        make_profile(status=Profile.Status.PUBLISHED, title=f"Drip irrigation controller {number}")
    html = anonymous.get("/marketplace/").content.decode()
    assert "Page 1" in html and "Page 1 of" not in html
    last = anonymous.get("/marketplace/", {"page": 3}).content.decode()
    assert "Drip irrigation controller 0" in last
    assert "Page 3" in last


def test_a_short_list_shows_its_page_count(make_profile, anonymous, small_pages):
    for number in range(3):
        make_profile(status=Profile.Status.PUBLISHED, title=f"Drip irrigation controller {number}")
    assert "Page 1 of 2" in anonymous.get("/marketplace/").content.decode()


def test_list_and_keyword_search_queries_are_bounded(
    make_profile, anonymous, outsider, django_assert_max_num_queries
):
    for _ in range(25):
        make_profile(status=Profile.Status.PUBLISHED)
    member = logged_in_client(outsider)
    with django_assert_max_num_queries(8):
        assert anonymous.get("/marketplace/").status_code == 200
    with django_assert_max_num_queries(8):
        assert anonymous.get("/marketplace/", {"q": "irrigation orchards"}).status_code == 200
    with django_assert_max_num_queries(18):
        assert member.get("/marketplace/", {"q": "irrigation"}).status_code == 200
