"""Which kinds of organisation count as parks: they may take part in a hub's desk, are listed in a
country briefing and are ranked by the international-interaction index (`analytics.ranking`)."""

from directory.models import Organisation

PARK_KINDS = (
    Organisation.Kind.SCIENCE_PARK,
    Organisation.Kind.TECHNOLOGY_CENTRE,
    Organisation.Kind.INNOVATION_ZONE,
    Organisation.Kind.INCUBATOR,
)
