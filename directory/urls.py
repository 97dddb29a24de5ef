from django.urls import path

from directory import duplicate_views, import_export_views, map_views, picker_views, views

app_name = "directory"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("mine/", views.my_organisations, name="my_organisations"),
    path("pick/", picker_views.organisation_pick, name="organisation_pick"),
    path("<int:pk>/names/", views.organisation_name_add, name="organisation_name_add"),
    path(
        "<int:pk>/names/<int:name_pk>/remove/",
        views.organisation_name_remove,
        name="organisation_name_remove",
    ),
    path("<int:pk>/identifiers/", views.external_identifier_set, name="external_identifier_set"),
    path(
        "<int:pk>/identifiers/<int:identifier_pk>/remove/",
        views.external_identifier_remove,
        name="external_identifier_remove",
    ),
    path("<int:pk>/figures/", views.organisation_figure_record, name="organisation_figure_record"),
    path("<int:pk>/links/", views.organisation_relationship_add, name="organisation_relationship_add"),
    path(
        "<int:pk>/links/<int:relationship_pk>/remove/",
        views.organisation_relationship_remove,
        name="organisation_relationship_remove",
    ),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/logo/", views.organisation_logo, name="organisation_logo"),
    path("<int:pk>/invitations/", views.invitation_send, name="invitation_send"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path(
        "<int:pk>/members/<int:membership_pk>/role/",
        views.membership_change_role,
        name="membership_change_role",
    ),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.membership_remove, name="membership_remove"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("export/<str:file_format>/", import_export_views.organisation_export, name="organisation_export"),
    path("import/", import_export_views.organisation_import, name="organisation_import"),
    path("import/apply/", import_export_views.organisation_import_apply, name="organisation_import_apply"),
    path("duplicates/", duplicate_views.duplicate_list, name="duplicate_list"),
    path(
        "duplicates/<int:first_pk>/<int:second_pk>/merge/",
        duplicate_views.organisation_merge,
        name="organisation_merge",
    ),
    path("map/", map_views.organisation_map, name="organisation_map"),
    path("map/points/", map_views.organisation_map_points, name="organisation_map_points"),
]
