from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("mine/", views.my_organisations, name="my_organisations"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
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
]
