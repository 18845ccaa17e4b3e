from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("photos/<int:pk>/", views.PhotoDetailView.as_view(), name="photo"),
    path("documents/<int:pk>/download/", views.document_download, name="document"),
]
