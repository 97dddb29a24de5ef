import pytest

from core.models import Keyword, Sector
from core.services import taxonomy_rows_ensure
from core.taxonomies import KEYWORD_LABELS, SECTOR_LABELS

pytestmark = pytest.mark.django_db


def test_migrations_seed_every_sector_and_keyword():
    assert set(Sector.objects.values_list("code", flat=True)) >= set(SECTOR_LABELS)
    assert set(Keyword.objects.values_list("code", flat=True)) == set(KEYWORD_LABELS)


def test_missing_rows_are_put_back_and_existing_ones_left_alone():
    Keyword.objects.all().delete()
    Sector.objects.filter(code="space").delete()
    kept = Sector.objects.get(code="metrology")

    created = taxonomy_rows_ensure()

    assert created == len(KEYWORD_LABELS) + 1
    assert Sector.objects.get(code="metrology").pk == kept.pk
    assert Keyword.objects.get(code="space/satellites").sector.code == "space"
    assert taxonomy_rows_ensure() == 0
