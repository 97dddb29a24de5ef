from django.urls import path
from django.views.generic import RedirectView

from core import views

app_name = "core"
urlpatterns = [
    # "/" is the dashboard's page (parklink/urls.py routes it first); the name only keeps every
    # `core:home` link pointing there, without core knowing the dashboard.
    path("", RedirectView.as_view(url="/"), name="home"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
]
