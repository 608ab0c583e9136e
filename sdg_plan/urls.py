from django.urls import path

from sdg_plan import views

app_name = "sdg_plan"
urlpatterns = [
    path("", views.index, name="index"),
    path("goals/<str:code>/", views.goal, name="goal"),
    path("projects/<int:number>/", views.project, name="project"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<int:number>/", views.indicator, name="indicator"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/<int:pk>/", views.department, name="department"),
    path("data/", views.open_data, name="open_data"),
    path("indicators.csv", views.indicators_csv, name="indicators_csv"),
    path("indicators.json", views.indicators_json, name="indicators_json"),
]
