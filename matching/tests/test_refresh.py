"""A record's change reaches the matching engine only once committed, and the model runs outside the
Embedding row's lock: when the text changes while the model reads it, the new text is embedded in turn,
so the stored hash always names the text the vectors came from."""

import pytest

from directory.matching import ORGANISATION_KIND, organisation_document
from directory.models import Organisation
from matching import embedder, refresh
from matching.models import Embedding
from matching.refresh import embedding_refresh
from matching.services import record_changed


@pytest.fixture
def solar(db):
    return Organisation.objects.create(
        name="Sunfield Energy",
        kind=Organisation.Kind.COMPANY,
        country="KZ",
        description="We install solar panels on the roofs of science parks.",
        description_language="en",
    )


def test_a_change_is_embedded_only_once_its_transaction_commits(
    settings, solar, django_capture_on_commit_callbacks
):
    settings.MATCHING_ENABLED = True

    with django_capture_on_commit_callbacks() as callbacks:
        record_changed(kind=ORGANISATION_KIND, object_id=solar.pk)
        assert not Embedding.objects.filter(kind=ORGANISATION_KIND, object_id=solar.pk).exists()

    assert len(callbacks) == 1
    callbacks[0]()
    assert Embedding.objects.get(kind=ORGANISATION_KIND, object_id=solar.pk).active


def test_text_changed_while_the_model_ran_is_embedded_again(monkeypatch, solar):
    passages = embedder.passages
    texts_embedded = []

    def passages_while_someone_edits(texts):
        texts_embedded.append(texts[0])
        if len(texts_embedded) == 1:  # an edit commits while the model reads the first text
            Organisation.objects.filter(pk=solar.pk).update(
                description="We build warehouse robots that pick and pack parcels."
            )
        return passages(texts)

    monkeypatch.setattr(refresh.embedder, "passages", passages_while_someone_edits)

    change = embedding_refresh(kind=ORGANISATION_KIND, object_id=solar.pk)

    solar.refresh_from_db()
    stored = Embedding.objects.get(kind=ORGANISATION_KIND, object_id=solar.pk)
    assert change.embedded and len(texts_embedded) == 2
    assert texts_embedded[1] == organisation_document(solar)
    assert stored.content_hash == refresh._content_hash(organisation_document(solar))
