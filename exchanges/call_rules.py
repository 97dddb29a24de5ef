"""What a call allows, read from the call and its programme, said once for every place that shows or
enforces it: the call page, the application form's choices and the checks of a draft and a submission
(`exchanges.services.applications.eligibility_problems` holds the checks themselves)."""

from dataclasses import dataclass

from django.utils.functional import Promise

from core.taxonomies import country_name
from exchanges.models import Call, CareerStage, ParticipantType, Programme


@dataclass(frozen=True)
class CallRules:
    participant_types: tuple[str, ...]
    # Empty: any career stage, any country.
    career_stages: tuple[str, ...]
    home_countries: tuple[str, ...]
    host_countries: tuple[str, ...]
    one_way: bool
    direction_label: str | Promise
    min_duration: int
    max_duration: int
    duration_unit: str | Promise

    @property
    def participant_type_labels(self) -> list[str]:
        return [str(label) for value, label in ParticipantType.choices if value in self.participant_types]

    @property
    def career_stage_labels(self) -> list[str]:
        return [str(label) for value, label in CareerStage.choices if value in self.career_stages]

    @property
    def home_country_names(self) -> list[str]:
        return [country_name(code) for code in self.home_countries]

    @property
    def host_country_names(self) -> list[str]:
        return [country_name(code) for code in self.host_countries]


def _ordered(codes: set[str]) -> tuple[str, ...]:
    return tuple(sorted(codes))


def rules_of(call: Call) -> CallRules:
    programme = call.programme
    senders, hosts = set(programme.sending_countries), set(programme.host_countries)
    one_way = programme.direction == Programme.Direction.ONE_WAY
    if one_way:
        home, host = senders, hosts
    else:
        # Both ways: either end may send, so long as the other end is on the other list.
        home = senders | hosts if senders and hosts else set()
        host = home
    if call.eligible_countries:
        home = (home & set(call.eligible_countries)) if home else set(call.eligible_countries)
    return CallRules(
        participant_types=tuple(programme.participant_types),
        career_stages=tuple(call.eligible_career_stages),
        home_countries=_ordered(home),
        host_countries=_ordered(host),
        one_way=one_way,
        direction_label=Programme.Direction(programme.direction).label,
        min_duration=programme.min_duration,
        max_duration=programme.max_duration,
        duration_unit=Programme.DurationUnit(programme.duration_unit).label,
    )
