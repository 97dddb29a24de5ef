from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("language/", views.language_set, name="language_set"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/profile/", views.profile_update, name="profile_update"),
    path("settings/time-zone/", views.time_zone_update, name="time_zone_update"),
    path("settings/tokens/", views.api_token_create_view, name="api_token_create"),
    path("settings/tokens/<int:token_id>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
]
