from django.urls import path

from events import views

app_name = "events"
urlpatterns: list = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/event.ics", views.event_calendar, name="event_calendar"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/manage/", views.event_manage, name="event_manage"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/withdraw/", views.registration_withdraw, name="registration_withdraw"),
    path("<int:pk>/registrations/", views.registration_list, name="registration_list"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/check-in/scan/", views.check_in_scan, name="check_in_scan"),
    path("<int:pk>/participants/", views.participant_list, name="participant_list"),
    path("<int:pk>/participants/<int:participant_pk>/", views.participant_detail, name="participant_detail"),
    path("<int:pk>/my-entry/", views.my_entry, name="my_entry"),
    path("<int:pk>/requests/", views.meeting_requests, name="meeting_requests"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/agenda.ics", views.agenda_calendar, name="agenda_calendar"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/schedule/run/", views.schedule_run, name="schedule_run"),
    path("<int:pk>/schedule/publish/", views.agenda_publish, name="agenda_publish"),
    path("<int:pk>/statistics/", views.statistics, name="statistics"),
    path("registrations/<int:pk>/approve/", views.registration_approve, name="registration_approve"),
    path("registrations/<int:pk>/reject/", views.registration_reject, name="registration_reject"),
    path("registrations/<int:pk>/badge.pdf", views.badge_download, name="badge_download"),
    path("registrations/<int:pk>/certificate.pdf", views.certificate_download, name="certificate_download"),
    path("requests/<int:pk>/accept/", views.meeting_request_accept, name="meeting_request_accept"),
    path("requests/<int:pk>/decline/", views.meeting_request_decline, name="meeting_request_decline"),
    path("meetings/<int:pk>/lock/", views.meeting_lock, name="meeting_lock"),
    path("meetings/<int:pk>/move/", views.meeting_move, name="meeting_move"),
    path("meetings/<int:pk>/outcome/", views.meeting_outcome, name="meeting_outcome"),
    path("certificates/verify/", views.certificate_verify, name="certificate_verify_upload"),
    path("certificates/<str:number>/", views.certificate_verify, name="certificate_verify"),
]
