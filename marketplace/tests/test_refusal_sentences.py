"""A refused step of a profile is told in one whole sentence per step, never glued from a lower-cased
status and a verb ("A profile that is submitted for moderation cannot be submitted.")."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace import services
from marketplace.models import Profile
from marketplace.services import TRANSITION_REFUSALS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "step", "call"),
    [
        (
            Profile.Status.SUBMITTED,
            "submit",
            lambda owner, secretariat, p: services.profile_submit(actor=owner, profile=p),
        ),
        (
            Profile.Status.DRAFT,
            "publish",
            lambda owner, secretariat, p: services.profile_publish(actor=secretariat, profile=p),
        ),
        (
            Profile.Status.DRAFT,
            "extend",
            lambda owner, secretariat, p: services.profile_extend(actor=owner, profile=p),
        ),
    ],
)
def test_a_refused_step_is_one_whole_sentence(status, step, call, make_profile, owner, secretariat):
    profile = make_profile(status=status)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        call(owner, secretariat, profile)
    message = " ".join(refused.value.messages)
    assert message == str(TRANSITION_REFUSALS[step])
    assert str(Profile.Status(status).label).lower() not in message
