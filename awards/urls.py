from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.RollOfHonourView.as_view(), name="roll"),
    path("<slug:slug>/", views.MedalDetailView.as_view(), name="medal"),
]
