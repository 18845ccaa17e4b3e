from django.urls import path

from publishing.cache import cached_page

from . import views

app_name = "media"

urlpatterns = [
    path("photos/<int:pk>/", cached_page(views.PhotoDetailView.as_view()), name="photo"),
    path("documents/<int:pk>/download/", views.document_download, name="document"),
]
