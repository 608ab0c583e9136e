from django.urls import path

from sdg_plan import views

app_name = "sdg_plan"
urlpatterns = [
    path("", views.index, name="index"),
]
