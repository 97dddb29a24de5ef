"""The directory at network scale (issue 18): its pages count at most what they show plus a margin, and
a search runs a bounded number of queries however many organisations match."""

import pytest

from conftest import logged_in_client
from directory import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def universities(make_user):
    curator = make_user("curator@registry.example")

    def register(count: int) -> None:
        for number in range(count):
            services.organisation_create(
                creator=curator,
                name=f"Tabriz University of Technology {number}",
                kind="university",
                country="IR",
                name_language="en",
            )

    return register


@pytest.fixture
def small_pages(monkeypatch):
    """Two results a page and a count cap of three, so a handful of rows is 'many'."""
    monkeypatch.setattr("directory.views.RESULTS_PER_PAGE", 2)
    monkeypatch.setattr("core.pagination.COUNT_CAP", 3)


def test_a_long_result_list_says_more_than_instead_of_counting_every_row(
    anonymous, small_pages, universities
):
    universities(7)
    html = anonymous.get("/organisations/", {"q": "university"}).content.decode()
    assert "More than 4 organisations" in html
    assert "Page 1" in html and "Page 1 of" not in html
    assert 'rel="next"' in html
    third = anonymous.get("/organisations/", {"q": "university", "page": 3}).content.decode()
    assert "Tabriz University of Technology 4" in third
    assert 'rel="next"' in third


def test_a_short_result_list_is_counted_exactly(anonymous, small_pages, universities):
    universities(3)
    html = anonymous.get("/organisations/", {"q": "university"}).content.decode()
    assert "3 organisations" in html and "More than" not in html
    assert "Page 1 of 2" in html


def test_search_queries_do_not_grow_with_matches(
    anonymous, owner, universities, django_assert_max_num_queries
):
    universities(30)
    with django_assert_max_num_queries(6):
        assert anonymous.get("/organisations/", {"q": "university"}).status_code == 200
    member = logged_in_client(owner)
    with django_assert_max_num_queries(12):
        assert member.get("/organisations/", {"q": "Tabriz"}).status_code == 200
