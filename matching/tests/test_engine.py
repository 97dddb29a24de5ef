# Chinese full-width punctuation is the point of one test.
# ruff: noqa: RUF001
"""The engine's parts without any app: the vector index, its hubness-reduced scores, sentence splitting,
the per-process store following the Embedding table, and the rebuild command."""

import numpy as np
import pytest
from django.core.management import call_command

from directory.matching import ORGANISATION_KIND
from directory.models import Organisation
from matching import embedder
from matching.index import Score, VectorIndex
from matching.models import Embedding
from matching.selectors import similar_records
from matching.store import forget_loaded_indexes, index_for


def unit(vectors: np.ndarray) -> np.ndarray:
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_search_returns_the_nearest_live_records_best_first():
    rng = np.random.default_rng(1)
    vectors = unit(rng.normal(size=(50, embedder.DIMENSIONS)))
    index = VectorIndex()
    index.upsert(list(range(100, 150)), vectors)

    hits = index.search(vectors[7], limit=3)
    assert hits[0].object_id == 107
    assert hits[0].score > hits[1].score > hits[2].score

    index.remove([107])
    assert 107 not in [hit.object_id for hit in index.search(vectors[7], limit=49)]
    assert len(index) == 49

    index.upsert([107], vectors[8:9])
    assert index.search(vectors[8], limit=2)[0].object_id in {107, 108}


def test_centring_and_csls_each_demote_a_hub_that_raw_cosine_puts_first():
    """A vector near the centre of everything (a hub) beats the true neighbour on raw cosine for a
    query between them. Removing the mean vector (what the index does for each language) leaves the hub
    with nothing to say, and CSLS on raw vectors subtracts its crowded neighbourhood: either way the
    true neighbour comes first."""
    rng = np.random.default_rng(2)
    centre = unit(rng.normal(size=(1, embedder.DIMENSIONS)))[0]
    crowd = unit(centre + unit(rng.normal(size=(40, embedder.DIMENSIONS))))
    hub = centre
    target = crowd[0]
    query = unit((0.42 * target + 0.58 * hub)[None, :])[0]
    raw, centred = VectorIndex(centre=False), VectorIndex()
    for index in (raw, centred):
        index.upsert(list(range(40)), crowd)
        index.upsert([999], hub[None, :])

    assert raw.search(query, limit=1, score=Score.COSINE)[0].object_id == 999
    assert raw.search(query, limit=1, score=Score.CSLS)[0].object_id == 0
    assert centred.search(query, limit=1, score=Score.COSINE)[0].object_id == 0


def test_a_translation_beats_unrelated_texts_of_the_querys_own_language():
    """Each language adds its own direction to every vector. Raw cosine then prefers any text of the
    query's language to the query's translation; with each language's mean removed, meaning wins."""
    rng = np.random.default_rng(5)
    dimensions = embedder.DIMENSIONS
    persian, english = unit(rng.normal(size=(2, dimensions))) * 2.0
    topics = unit(rng.normal(size=(30, dimensions)))
    # Thirty topics written in Persian and in English; the query is topic 0, in Persian.
    index = VectorIndex(centre=False), VectorIndex()
    for each in index:
        each.upsert(range(30), unit(topics + persian), languages=["fa"] * 30)
        each.upsert(range(100, 130), unit(topics + english), languages=["en"] * 30)
    query = unit((topics[0] + persian)[None, :])[0]
    excluded = frozenset({0})  # the query's own record

    raw_best = index[0].search(query, limit=1, score=Score.COSINE, exclude_ids=excluded)[0]
    neutral_best = index[1].search(query, language="fa", limit=1, score=Score.COSINE, exclude_ids=excluded)[0]

    assert raw_best.object_id < 100  # another Persian text
    assert neutral_best.object_id == 100  # the English text of the same topic
    assert index[1].language_of(100) == "en"


def test_a_language_with_few_records_borrows_its_offset_and_the_index_content():
    """One Kazakh record cannot define Kazakh: its mean comes mostly from the index's content and the
    offset learned for Kazakh, so the record keeps what it says."""
    rng = np.random.default_rng(7)
    dimensions = embedder.DIMENSIONS
    kazakh = unit(rng.normal(size=(1, dimensions)))[0] * 2.0
    topics = unit(rng.normal(size=(20, dimensions)))
    index = VectorIndex(offsets={"kk": kazakh})
    index.upsert(range(20), topics, languages=["en"] * 20)
    index.upsert([500], unit((topics[3] + kazakh)[None, :]), languages=["kk"])

    record = index.vector_of(500)
    assert record is not None
    best = index.search(record, language="kk", limit=1, exclude_ids=frozenset({500}))[0]

    assert best.object_id == 3
    assert best.cosine > 0.2


def test_a_search_asked_again_is_answered_alike_until_the_index_changes():
    vectors = unit(np.random.default_rng(5).normal(size=(20, embedder.DIMENSIONS)))
    index = VectorIndex()
    index.upsert(list(range(20)), vectors)
    first = index.search(vectors[4], limit=5, score=Score.NEUTRAL)
    assert index.search(vectors[4], limit=5, score=Score.NEUTRAL) == first
    assert first[0].object_id == 4

    index.remove([4])  # the same search now, after a change, does not find the removed record
    assert 4 not in [hit.object_id for hit in index.search(vectors[4], limit=5, score=Score.NEUTRAL)]
    index.upsert([4, 99], np.stack([vectors[9], vectors[4]]))  # record 4 moves, a new one takes its text
    assert index.search(vectors[4], limit=5, score=Score.NEUTRAL)[0].object_id == 99


def test_an_answer_made_while_the_index_changed_is_not_remembered():
    vectors = unit(np.random.default_rng(6).normal(size=(3, embedder.DIMENSIONS)))
    index = VectorIndex()
    index.upsert([1, 2], vectors[:2])

    def made_while_a_record_arrives() -> str:
        index.upsert([3], vectors[2:])  # another thread's sync, in the product
        return "stale"

    assert index.remembered(("answer",), made_while_a_record_arrives) == "stale"
    assert index.remembered(("answer",), lambda: "fresh") == "fresh"
    assert index.remembered(("answer",), lambda: "again") == "fresh"


def test_exclusions_and_an_empty_index():
    index = VectorIndex()
    assert index.search(np.ones(embedder.DIMENSIONS, dtype=np.float32), limit=5) == []
    vectors = unit(np.random.default_rng(3).normal(size=(3, embedder.DIMENSIONS)))
    index.upsert([1, 2, 3], vectors)
    assert [hit.object_id for hit in index.search(vectors[0], limit=5, exclude_ids=frozenset({1}))] != []
    assert 1 not in [hit.object_id for hit in index.search(vectors[0], limit=5, exclude_ids=frozenset({1}))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "First sentence is here. Second one follows! Third?",
            ["First sentence is here.", "Second one follows!"],
        ),
        (
            "这是第一句话，很长的句子。这是第二句话，也很长的。",
            ["这是第一句话，很长的句子。", "这是第二句话，也很长的。"],
        ),
        ("جمله اول اینجاست؟ جمله دوم هم اینجاست.", ["جمله اول اینجاست؟", "جمله دوم هم اینجاست."]),
    ],
)
def test_sentences_are_split_in_every_script(text, expected):
    assert embedder.sentences_of(text) == expected


def test_the_model_puts_a_translation_nearest(db):
    english, russian, unrelated = embedder.passages(
        [
            "Solar panels on the roof of the science park.",
            "Солнечные панели на крыше научного парка.",
            "The football match ended in a draw.",
        ]
    )
    assert english @ russian > english @ unrelated


@pytest.mark.django_db
def test_the_store_follows_the_embedding_table():
    forget_loaded_indexes()
    vectors = unit(np.random.default_rng(4).normal(size=(2, embedder.DIMENSIONS)))
    first = Embedding.objects.create(kind="test.kind", object_id=1, vector=embedder.to_bytes(vectors[0]))
    assert len(index_for("test.kind")) == 1

    Embedding.objects.create(kind="test.kind", object_id=2, vector=embedder.to_bytes(vectors[1]))
    first.active = False
    first.save()
    index = index_for("test.kind")
    assert list(index.ids()) == [2]


def test_rebuild_command_reports_what_is_indexed(db, capsys, owner):
    """Records loaded without the services (no embedding yet) are embedded by the command and found."""
    for name, description in [
        ("Sunfield Energy", "We install solar panels on the roofs of science parks."),
        ("Steppe Robotics", "We build warehouse robots that pick and pack parcels."),
        ("Caspian Seeds", "We breed drought-resistant wheat for dry farmland."),
    ]:
        Organisation.objects.create(
            name=name, kind=Organisation.Kind.COMPANY, country="KZ", description=description
        )
    assert not Embedding.objects.exists()

    call_command("rebuild_matching_index")

    assert "3 records are in the matching index" in capsys.readouterr().out
    found = similar_records(viewer=owner, target_kind=ORGANISATION_KIND, text="роботы для склада", limit=1)
    assert [hit.record.name for hit in found] == ["Steppe Robotics"]
