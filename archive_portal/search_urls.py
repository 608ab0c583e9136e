from django.urls import path

from archive_portal import search_views

app_name = "search"
urlpatterns = [
    path("", search_views.search_page, name="index"),
]
