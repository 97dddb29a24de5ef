from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Networks and memberships")

    def ready(self) -> None:
        from core.permissions import register_moderation_resolver
        from directory.registry import register_merge_step, register_network_memberships
        from networks.certificates import register_membership_certificates
        from networks.directory_links import (
            MERGED_RELATIONS,
            merge_network_links,
            network_links,
            network_members,
        )
        from networks.selectors import moderated_organisation_ids

        # Which organisations a secretariat moderates follows from network memberships, which live here;
        # shared code (the audit trail, the directory's permissions) asks through core.permissions.
        register_moderation_resolver(moderated_organisation_ids)
        # The directory stands below networks: its network filter, the memberships on an organisation's
        # page and their move in a merge come from here through directory.registry.
        register_network_memberships(members=network_members, links=network_links)
        register_merge_step(merge_network_links, relations=MERGED_RELATIONS)
        register_membership_certificates()
