"""KPIs read their metrics through `core.metrics`, which each app fills with its own, so the hubs import
neither the exchanges nor the events nor the analytics above them."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from core.models import Sector
from hubs import services
from hubs.checks import kpi_metrics_registered
from hubs.kpis import kpi_actual

HUBS = Path(__file__).resolve().parents[1]
FORBIDDEN = ("exchanges", "events", "analytics")


def test_every_kpi_metric_is_registered_by_the_app_keeping_its_records():
    assert kpi_metrics_registered() == []


def test_hubs_code_imports_neither_exchanges_nor_events_nor_analytics():
    offending = []
    for path in HUBS.rglob("*.py"):
        if "tests" in path.relative_to(HUBS).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offending += [f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN]
    assert offending == []


@pytest.mark.django_db
def test_kpi_and_index_count_an_eoi_between_the_countries_through_the_marketplace_metric(
    hub, owner, park, partner, partner_admin, secretariat, programme
):
    from marketplace import eoi_services
    from marketplace import services as profile_services

    # given a Tabriz offer that the Istanbul park expresses interest in
    profile = profile_services.profile_create(
        actor=owner,
        owner=park,
        kind="TO",
        title="Saffron sorting machine",
        summary="s",
        description="A machine that sorts saffron by colour.",
        sectors=[Sector.objects.get(code="agriculture-food")],
        partnership_types=["licence"],
    )
    profile_services.profile_submit(actor=owner, profile=profile)
    profile_services.profile_publish(actor=secretariat, profile=profile)
    eoi_services.eoi_send(
        sender=partner_admin, sender_organisation=partner, profile=profile, message="Interested"
    )
    kpi = services.kpi_add(
        actor=owner, programme=programme, name="EOIs", metric="eois_between_countries", target=5
    )
    # then the KPI counts it, and both parks score half a point on the index
    assert kpi_actual(kpi, on=timezone.localdate()) == 1
    url = reverse("analytics:ranking")
    assert url == "/hubs/ranking/"  # the index keeps the address it was published at
    rows = [
        " ".join(row.split()) for row in logged_in_client(owner).get(url).content.decode().split("<tr>")[2:]
    ]
    assert any("Tabriz Science Park" in row and ">0.5<" in row.replace(" ", "") for row in rows)
    assert any("Teknopark Istanbul" in row and ">0.5<" in row.replace(" ", "") for row in rows)
