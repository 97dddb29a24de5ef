"""load_demo on an empty database (not the shared demo): production refuses to load it at all."""

import pytest
from django.core.management import call_command

from accounts.models import User
from directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(SystemExit) as exit_info:
        call_command("load_demo")
    assert exit_info.value.code == 2
    assert not User.objects.exists()
    assert not Organisation.objects.exists()
