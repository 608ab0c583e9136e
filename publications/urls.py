from django.urls import path, re_path

from publications import views
from publications.feeds import LatestPublicationsFeed

app_name = "publications"
urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", LatestPublicationsFeed(), name="feed"),
    path("policy-cases/", views.policy_cases, name="policy_cases"),
    path("p/<int:pk>/", views.permalink, name="permalink"),
    # The record for reference managers: RIS, BibTeX, CSL-JSON.
    re_path(r"^p/(?P<pk>[0-9]+)/cite\.(?P<fmt>ris|bib|json)$", views.cite, name="cite"),
    # Slugs may be Korean (allow_unicode): [-\w]+ instead of the ASCII-only <slug:> converter.
    re_path(r"^(?P<slug>[-\w]+)/$", views.detail, name="detail"),
    re_path(r"^(?P<slug>[-\w]+)/files/(?P<pk>[0-9]+)/$", views.download, name="download"),
]
