from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/sent/", views.sent, name="sent"),
    path("<slug:slug>/register/confirm/<str:token>/", views.confirm, name="confirm"),
    path("<slug:slug>/registration/<str:token>/", views.mine, name="mine"),
    path(
        "<slug:slug>/registration/<str:token>/calendar.ics", views.mine_calendar, name="mine-ics"
    ),
]
