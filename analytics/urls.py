from django.urls import path

from analytics import views

app_name = "analytics"
urlpatterns: list = [
    # The index was first published under the hubs, and its address stays.
    path("hubs/ranking/", views.ranking, name="ranking"),
]
