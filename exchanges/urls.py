from django.urls import path

from exchanges import views

app_name = "exchanges"
urlpatterns: list = [
    path("", views.programme_list, name="programme_list"),
    path("mine/", views.my_exchanges, name="my_exchanges"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/report/", views.programme_report_view, name="programme_report"),
    path("programmes/<int:pk>/calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("calls/<int:pk>/open/", views.call_open, name="call_open"),
    path("calls/<int:pk>/close/", views.call_close, name="call_close"),
    path("calls/<int:pk>/fields/", views.call_field_add, name="call_field_add"),
    path("calls/<int:pk>/fields/<int:field_pk>/remove/", views.call_field_remove, name="call_field_remove"),
    path("calls/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path(
        "calls/<int:pk>/criteria/<int:criterion_pk>/remove/", views.criterion_remove, name="criterion_remove"
    ),
    path("calls/<int:pk>/apply/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/referees/<int:field_pk>/", views.referee_request, name="referee_request"),
    path("applications/<int:pk>/eligibility/", views.application_eligibility, name="application_eligibility"),
    path("applications/<int:pk>/reviewers/", views.review_assign, name="review_assign"),
    path("applications/<int:pk>/decision/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/offer/", views.application_offer, name="application_offer"),
    path(
        "applications/<int:pk>/offer/answer/", views.application_offer_answer, name="application_offer_answer"
    ),
    path("applications/<int:pk>/placement/", views.application_place, name="application_place"),
    path(
        "applications/<int:pk>/final-report/", views.application_final_report, name="application_final_report"
    ),
    path(
        "applications/<int:pk>/host-evaluation/",
        views.application_host_evaluation,
        name="application_host_evaluation",
    ),
    path(
        "applications/<int:pk>/invitation-letter/",
        views.invitation_letter_issue,
        name="invitation_letter_issue",
    ),
    path("applications/<int:pk>/answers/<int:answer_pk>/file/", views.answer_file, name="answer_file"),
    path("applications/<int:pk>/letters/<int:request_pk>/", views.referee_letter, name="referee_letter"),
    path("referees/<str:token>/", views.referee_upload, name="referee_upload"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/conflict/", views.review_conflict, name="review_conflict"),
    path("conflicts/", views.conflict_list, name="conflict_list"),
    path("reviewer-profile/", views.reviewer_profile, name="reviewer_profile"),
    path("placements/", views.placement_list, name="placement_list"),
    path("placements/new/", views.placement_create, name="placement_create"),
    path("placements/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/withdraw/", views.placement_withdraw, name="placement_withdraw"),
    path("documents/verify/", views.document_verify, name="document_verify_upload"),
    path("documents/<str:number>/", views.document_download, name="document_download"),
    path("documents/<str:number>/verify/", views.document_verify, name="document_verify"),
    path("documents/<str:number>/revoke/", views.document_revoke, name="document_revoke"),
]
