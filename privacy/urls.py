from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/my-data/", views.export_request, name="export-request"),
    path("account/my-data/progress/", views.export_progress, name="export-progress"),
    path("account/my-data/download/", views.export_download, name="export-download"),
    path("privacy/", views.privacy, name="privacy"),
]
