from django.contrib import admin

from networks.models import NetworkMembership


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "network", "status", "since", "updated_at"]
    list_filter = ["status", "network"]
    search_fields = ["member__name", "network__name"]
    list_select_related = ["member", "network"]
    autocomplete_fields = ["network", "member"]
