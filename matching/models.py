from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.encoders import DEFAULT_ENCODER


class Embedding(models.Model):
    """The vector of one record of a registered kind (`matching.registry`), and of each of its sentences.

    A record that stops being indexable keeps its row with `active=False`, so every process sees the
    removal when it next syncs its in-memory index from `updated_at`.
    """

    kind = models.CharField(_("kind of record"), max_length=64)
    object_id = models.PositiveBigIntegerField(_("record"))
    active = models.BooleanField(_("in the index"), default=True)
    vector = models.BinaryField(_("vector"), blank=True)  # float32, little-endian
    sentences = models.JSONField(_("sentences"), default=list, blank=True)
    sentence_vectors = models.BinaryField(_("sentence vectors"), blank=True)  # float32, one row per sentence
    language = models.CharField(_("language"), max_length=16, blank=True)
    # `matching.encoders` name of the model that made the vectors; the index loads the current one's only.
    encoder = models.CharField(_("encoder"), max_length=255, default=DEFAULT_ENCODER)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    first_indexed_at = models.DateTimeField(_("first indexed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_embedding_per_record")]
        indexes = [models.Index(fields=["kind", "updated_at"])]
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
