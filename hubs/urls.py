from django.urls import path

from hubs import views

app_name = "hubs"
urlpatterns: list = [
    path("", views.hub_list, name="hub_list"),
    path("new/", views.hub_create, name="hub_create"),
    path("needs/", views.announced_needs, name="announced_needs"),
    path("feed/<str:home>-<str:partner>/", views.country_pair_feed, name="country_pair_feed"),
    path("<int:pk>/", views.hub_detail, name="hub_detail"),
    path("<int:pk>/edit/", views.hub_edit, name="hub_edit"),
    path("<int:pk>/subscribe/", views.hub_subscribe, name="hub_subscribe"),
    path("<int:pk>/feed/", views.hub_feed, name="hub_feed"),
    path("<int:pk>/needs/", views.need_list, name="need_list"),
    path("<int:pk>/interactions/", views.interaction_list, name="interaction_list"),
    path("<int:pk>/interactions/import/", views.interaction_import, name="interaction_import"),
    path("<int:pk>/agreements/", views.agreement_list, name="agreement_list"),
    path("<int:pk>/programmes/", views.programme_list, name="programme_list"),
    path("<int:pk>/reports/", views.report_request, name="report_request"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/announce/", views.need_announce, name="need_announce"),
    path("needs/<int:pk>/status/", views.need_status, name="need_status"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/negotiate/", views.agreement_negotiate, name="agreement_negotiate"),
    path("agreements/<int:pk>/approve/", views.agreement_approve, name="agreement_approve"),
    path("agreements/<int:pk>/sign/", views.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/terminate/", views.agreement_terminate, name="agreement_terminate"),
    path("agreements/<int:pk>/renew/", views.agreement_renew, name="agreement_renew"),
    path("agreements/<int:pk>/documents/", views.agreement_document_add, name="agreement_document_add"),
    path(
        "agreements/<int:pk>/documents/<int:document_pk>/",
        views.agreement_document_download,
        name="agreement_document_download",
    ),
    path("agreements/<int:pk>/actions/", views.follow_up_action_add, name="follow_up_action_add"),
    path(
        "agreements/<int:pk>/actions/<int:action_pk>/",
        views.follow_up_action_status,
        name="follow_up_action_status",
    ),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/actions/", views.programme_action_add, name="programme_action_add"),
    path(
        "programmes/<int:pk>/actions/<int:action_pk>/",
        views.programme_action_status,
        name="programme_action_status",
    ),
    path("programmes/<int:pk>/kpis/", views.kpi_add, name="kpi_add"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
