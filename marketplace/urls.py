from django.urls import path

from marketplace import eoi_views, matching_views, saved_search_views, views

app_name = "marketplace"
urlpatterns: list = [
    path("", views.profile_list, name="profile_list"),
    path("mine/", views.my_profiles, name="my_profiles"),
    path("search/", matching_views.multilingual_search, name="search"),
    path("profiles/<int:pk>/matches/", matching_views.profile_matches_panel, name="profile_matches"),
    path("moderation/", views.moderation, name="moderation_queue"),
    path("profiles/new/", views.profile_create, name="profile_create"),
    path("profiles/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/submit/", views.profile_submit, name="profile_submit"),
    path("profiles/<int:pk>/publish/", views.profile_publish, name="profile_publish"),
    path("profiles/<int:pk>/return/", views.profile_return, name="profile_return"),
    path("profiles/<int:pk>/reject/", views.profile_reject, name="profile_reject"),
    path("profiles/<int:pk>/extend/", views.profile_extend, name="profile_extend"),
    path("profiles/<int:pk>/archive/", views.profile_archive, name="profile_archive"),
    path("profiles/<int:pk>/eoi-status/", views.profile_set_open_for_eoi, name="profile_set_open_for_eoi"),
    path("profiles/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "profiles/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "profiles/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("profiles/<int:profile_pk>/eois/new/", eoi_views.eoi_send, name="eoi_send"),
    path("eois/", eoi_views.my_eois, name="my_eois"),
    path("eois/<int:pk>/", eoi_views.eoi_detail, name="eoi_detail"),
    path("eois/<int:pk>/accept/", eoi_views.eoi_accept, name="eoi_accept"),
    path("eois/<int:pk>/decline/", eoi_views.eoi_decline, name="eoi_decline"),
    path("eois/<int:pk>/withdraw/", eoi_views.eoi_withdraw, name="eoi_withdraw"),
    path("eois/<int:pk>/messages/", eoi_views.eoi_message_post, name="eoi_message_post"),
    path("eois/<int:pk>/outcome/", eoi_views.eoi_outcome_record, name="eoi_outcome_record"),
    path("saved-searches/", saved_search_views.saved_search_list, name="saved_searches"),
    path("saved-searches/new/", saved_search_views.saved_search_create_view, name="saved_search_create"),
    path("saved-searches/<int:pk>/", saved_search_views.saved_search_update_view, name="saved_search_update"),
    path(
        "saved-searches/<int:pk>/delete/",
        saved_search_views.saved_search_delete_view,
        name="saved_search_delete",
    ),
]
