from django.urls import path, register_converter

from news import views
from news.feeds import LatestNewsFeed


class UnicodeSlugConverter:
    """Slugs with Korean letters (SlugField(allow_unicode=True)); Django's `slug` is ASCII only."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "news_slug")

app_name = "news"
urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", LatestNewsFeed(), name="feed"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("<news_slug:slug>/", views.detail, name="detail"),
]
