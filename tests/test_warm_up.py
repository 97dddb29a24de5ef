"""A web process readies itself in a background thread (parklink/warm_up.py, issue 18): the encoder and
every matching index are loaded and measured before the first search, and what the process keeps for
its life is frozen out of the garbage collector's full collections."""

import gc
import logging

import pytest

from marketplace.matching import PROFILE_KIND
from matching import store
from matching.selectors import PRODUCT_SCORE
from parklink.warm_up import start_warm_up


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite runs as before


@pytest.mark.django_db(transaction=True)
def test_a_web_process_loads_its_indexes_and_freezes_what_it_keeps(unfrozen, caplog, monkeypatch):
    loaded: list[str] = []
    indexes = []
    real_index_for = store.index_for

    def index_for(kind: str):
        loaded.append(kind)
        indexes.append(real_index_for(kind))
        return indexes[-1]

    monkeypatch.setattr(store, "index_for", index_for)
    with caplog.at_level(logging.INFO, logger="parklink.warm_up"):
        start_warm_up().join(timeout=120)

    assert PROFILE_KIND in loaded
    assert all(index.ready_for(PRODUCT_SCORE) for index in indexes)  # the first search measures nothing
    assert gc.get_freeze_count() > 0
    assert "warmed up" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_process_that_cannot_warm_up_says_so_and_freezes_nothing(unfrozen, caplog, monkeypatch):
    def broken(kind: str):
        raise RuntimeError("the embedding table is unreachable")

    monkeypatch.setattr(store, "index_for", broken)
    with caplog.at_level(logging.INFO, logger="parklink.warm_up"):
        start_warm_up().join(timeout=120)

    assert gc.get_freeze_count() == 0
    assert "could not warm up" in caplog.text
