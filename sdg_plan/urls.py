from django.urls import path, re_path

from sdg_plan import views

app_name = "sdg_plan"
urlpatterns = [
    path("", views.index, name="index"),
    path("goals/<str:code>/", views.goal, name="goal"),
    path("projects/<int:number>/", views.project, name="project"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<int:number>/", views.indicator, name="indicator"),
    # Records for reference managers: RIS, BibTeX, CSL-JSON.
    re_path(
        r"^indicators/(?P<number>[0-9]+)/cite\.(?P<fmt>ris|bib|json)$",
        views.cite_indicator,
        name="cite_indicator",
    ),
    re_path(r"^data/cite\.(?P<fmt>ris|bib|json)$", views.cite_dataset, name="cite_dataset"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/<int:pk>/", views.department, name="department"),
    path("data/", views.open_data, name="open_data"),
    path("indicators.csv", views.indicators_csv, name="indicators_csv"),
    path("indicators.json", views.indicators_json, name="indicators_json"),
]
