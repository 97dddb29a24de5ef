from django.urls import path

from networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("<int:pk>/", views.network_detail, name="network_detail"),
    path("<int:pk>/apply/", views.membership_apply, name="membership_apply"),
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
