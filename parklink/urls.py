from django.contrib import admin
from django.urls import include, path

from parklink.api import api

urlpatterns = [
    # The home page ("/") is the dashboard's, so it comes before core's routes.
    path("", include("dashboard.urls")),
    path("", include("core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("organisations/", include("directory.urls")),
    path("networks/", include("networks.urls")),
    path("marketplace/", include("marketplace.urls")),
    path("events/", include("events.urls")),
    path("", include("analytics.urls")),
    path("hubs/", include("hubs.urls")),
    path("exchanges/", include("exchanges.urls")),
    # /healthz, /health and the operators' page of scheduled jobs (docs/jobs.md).
    path("", include("operations.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Error pages in the site's layout, JSON under /api/; an unreachable database is a 503 (core/errors.py).
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
