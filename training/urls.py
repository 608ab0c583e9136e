from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    # The writer's private link (a token, stored hashed); before <slug>/ so it cannot be shadowed.
    path("nominations/<str:token>/", views.nomination, name="nomination"),
    path("nominations/<str:token>/change/", views.nomination_change, name="nomination_change"),
    path(
        "nominations/<str:token>/change/check/",
        views.nomination_change_check,
        name="nomination_change_check",
    ),
    path(
        "nominations/<str:token>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"
    ),
    # "Learn this policy in Seoul": a training or study-visit request (reserved slug "learn").
    path("learn/", views.learn, name="learn"),
    path("learn/sent/", views.learn_sent, name="learn_sent"),
    # "Hear about the next call": email subscriptions (reserved slug "subscribe").
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("subscribe/confirm/<str:token>/", views.subscribe_confirm, name="subscribe_confirm"),
    path("subscribe/confirmed/", views.subscribe_confirmed, name="subscribe_confirmed"),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/apply/check/", views.apply_check, name="apply_check"),
    path("<slug:slug>/apply/confirmation/", views.apply_done, name="apply_done"),
]
