from django.urls import path

from publishing.cache import cached_page

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", cached_page(views.OrganisationListView.as_view()), name="list"),
    path(
        "organisations/<slug:slug>/",
        cached_page(views.OrganisationDetailView.as_view()),
        name="detail",
    ),
    path("people/<slug:slug>/", cached_page(views.PersonDetailView.as_view()), name="person"),
]
