"""One counter for every numbered document: it continues from the counters that existed before it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from signing.numbering import next_number

BEFORE_THE_KERNEL_COPIED_THEM = [
    ("signing", "0001_initial"),
    ("networks", "0002_membership_workflow_invoices_certificates"),
    ("exchanges", "0002_programme_agreement"),
]


@pytest.mark.django_db(transaction=True)
def test_counters_made_before_the_kernel_continue_in_it_so_no_number_is_issued_twice():
    # given the old counters of networks and exchanges, as they stood before the kernel
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_KERNEL_COPIED_THEM)
    old = executor.loader.project_state(BEFORE_THE_KERNEL_COPIED_THEM).apps
    old.get_model("networks", "NumberSequence").objects.create(scope="certificate", year=2026, last_number=41)
    old.get_model("networks", "NumberSequence").objects.create(scope="invoice:7", year=2026, last_number=3)
    old.get_model("exchanges", "DocumentSequence").objects.create(prefix="PLX-INV-2026", last=12)
    old.get_model("exchanges", "DocumentSequence").objects.create(prefix="APP-2026", last=5)

    # when the kernel's migrations run
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then each count goes on from where it stood
    assert next_number("networks.certificate:2026") == 42
    assert next_number("networks.invoice:7:2026") == 4
    assert next_number("exchanges.PLX-INV-2026") == 13
    assert next_number("exchanges.APP-2026") == 6
    assert next_number("events.attendance_certificate:2026") == 1


@pytest.mark.django_db
def test_each_scope_counts_on_its_own():
    assert [next_number("a:2026"), next_number("a:2026"), next_number("b:2026")] == [1, 2, 1]
