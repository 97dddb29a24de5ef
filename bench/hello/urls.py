"""Every path answers with the one view, so the bench's scenario runs unchanged against it."""

from django.http import HttpRequest, HttpResponse
from django.urls import re_path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [re_path(r"", hello)]
