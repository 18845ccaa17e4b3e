from django.urls import path

from publishing.cache import cached_page

from . import views

app_name = "awards"

urlpatterns = [
    path("", cached_page(views.RollOfHonourView.as_view()), name="roll"),
    path("<slug:slug>/", cached_page(views.MedalDetailView.as_view()), name="medal"),
]
