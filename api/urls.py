from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("events", views.EventViewSet, basename="event")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("medals", views.MedalViewSet, basename="medal")
router.register("conferments", views.ConfermentViewSet, basename="conferment")
router.register("people", views.PersonViewSet, basename="person")

app_name = "api"

urlpatterns = [
    path("v1/", include(router.urls)),
    # JSON: the API's "format" parameter is the events' filter, not a choice of file type.
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    # The documentation's script is a file of its own, so that the CSP needs no exception.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Only addresses ending in "/", so that the others are first sent there (APPEND_SLASH).
    re_path(r"^.*/$", views.Nowhere.as_view()),
]
