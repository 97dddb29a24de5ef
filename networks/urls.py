from django.urls import path

from networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("<int:pk>/", views.network_detail, name="network_detail"),
    path("<int:pk>/apply/", views.membership_apply, name="membership_apply"),
    path("<int:pk>/categories/", views.category_create, name="category_create"),
    path("<int:pk>/categories/<int:category_pk>/", views.category_edit, name="category_edit"),
    path(
        "<int:pk>/categories/<int:category_pk>/deactivate/",
        views.category_deactivate,
        name="category_deactivate",
    ),
    path("<int:pk>/settings/", views.network_settings_edit, name="network_settings"),
    path("applications/", views.applications, name="applications"),
    path("memberships/<int:pk>/", views.membership_detail, name="membership_detail"),
    path("memberships/<int:pk>/<slug:action>/", views.membership_action, name="membership_action"),
    path("invoices/<str:number>.pdf", views.invoice_download, name="invoice_download"),
    path("verify/", views.certificate_verify, name="verify"),
    path("certificates/<str:number>/", views.certificate_verify, name="certificate_verify"),
    path(
        "certificates/<str:number>/certificate.pdf", views.certificate_download, name="certificate_download"
    ),
    path("certificates/<str:number>/revoke/", views.certificate_revoke, name="certificate_revoke"),
]
