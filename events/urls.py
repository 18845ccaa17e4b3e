from django.urls import path

from publishing.cache import cached_page

from . import views

app_name = "events"

urlpatterns = [
    path("", cached_page(views.EventListView.as_view()), name="list"),
    path("calendar.ics", cached_page(views.calendar), name="calendar"),
    path("feed/", cached_page(views.EventFeed()), name="feed"),
    path("<slug:slug>/", cached_page(views.EventDetailView.as_view()), name="detail"),
    path("<slug:slug>/calendar.ics", cached_page(views.event_calendar), name="event_calendar"),
]
