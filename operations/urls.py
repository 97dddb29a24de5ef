from django.urls import path

from operations import views

app_name = "operations"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("health", views.health, name="health"),
    path("operations/jobs/", views.job_list, name="job_list"),
    path("operations/jobs/<slug:name>/run/", views.job_run_now, name="job_run_now"),
]
